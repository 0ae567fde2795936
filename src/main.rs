//! The `scout` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = scout::cli::Cli::parse();
    match scout::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) if scout::commands::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scout: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
