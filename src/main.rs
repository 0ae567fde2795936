//! The `scout` binary: parse the command line, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = scout::cli::parse_command_line(std::env::args_os());
    match scout::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) if scout::commands::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scout: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
