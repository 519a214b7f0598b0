//! The `newsgraph` command line. All the work is in the library; this turns errors into exit
//! codes: 0 success, 1 some input failed, 2 usage error, 3 fatal error.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            if let Some(newsgraph::Error::Write(io)) = err.downcast_ref::<newsgraph::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("newsgraph: error: {err:#}");
            ExitCode::from(cli::exit_code(&err))
        }
    }
}
