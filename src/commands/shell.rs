//! `scout shell`: an interactive search session (being written).

use super::{IndexLocation, Outcome};
use crate::cli::ShellArgs;

/// Runs `scout shell`.
pub fn run(_location: &IndexLocation, _args: ShellArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("scout shell is not available yet")
}
