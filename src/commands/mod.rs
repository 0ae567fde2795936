//! The commands: command-line arguments -> library calls -> printed output and an outcome.
//!
//! This is the only layer (with `main`) that prints, uses clap types or touches the terminal.

mod entities;
mod index;
mod reporter;
mod search;
mod shell;

use crate::cli::{Cli, Command};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How a successful command ended, as grep does: found something or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command did what was asked and found results (exit 0).
    Success,
    /// The command ran but found nothing, or skipped input (exit 1).
    NothingFound,
    /// An indexing job was stopped by Ctrl-C after committing its work (exit 130).
    Interrupted,
}

impl Outcome {
    /// The process exit code: 0 or 1 (errors are 2, mapped by `main`).
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::NothingFound => ExitCode::from(1),
            Outcome::Interrupted => ExitCode::from(130),
        }
    }
}

/// Default index directory, relative to the working directory.
pub const DEFAULT_INDEX_DIR: &str = "index";
/// Default article directory, relative to the working directory.
pub const DEFAULT_SEEDS_DIR: &str = "seeds";

/// Where the index is, and whether the user chose it (an explicit index is never auto-built).
#[derive(Debug, Clone)]
pub struct IndexLocation {
    /// The index directory.
    pub dir: PathBuf,
    /// True when neither `--index` nor `SCOUT_INDEX` was given.
    pub is_default: bool,
}

impl IndexLocation {
    fn from_cli(index: Option<PathBuf>) -> Self {
        match index {
            Some(dir) => IndexLocation {
                dir,
                is_default: false,
            },
            None => IndexLocation {
                dir: Path::new(DEFAULT_INDEX_DIR).to_path_buf(),
                is_default: true,
            },
        }
    }
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let location = IndexLocation::from_cli(cli.index);
    match cli.command {
        Command::Index(args) => index::run(&location, args),
        Command::Reindex(args) => index::reindex(&location, args),
        Command::Search(args) => search::run(&location, args),
        Command::Entities(args) => entities::run(&location, args),
        Command::Shell(args) => shell::run(&location, args),
    }
}

/// True when the error comes from writing to a closed pipe (`scout search x | head -1`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
