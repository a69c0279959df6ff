//! The `whctl` binary: parse the command line, run it, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = whctl::cli::Cli::parse_args();
    match whctl::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => ExitCode::from(whctl::report(&err)),
    }
}
