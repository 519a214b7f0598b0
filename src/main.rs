//! The `newsgraph` command line. All the work is in the library; this turns errors into exit
//! codes: 0 success, 1 some input failed, 2 usage error, 3 fatal error. The command runs on a
//! thread with a large stack, so that SPARQL within the library's shape limits parses and
//! runs; a panic (in a dependency) is a fatal error with its message, never an abort or 101.

mod cli;

use std::process::ExitCode;
use std::sync::Mutex;

/// Where the last panic happened, for the message (the default hook's output is held back).
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
        }
        let location = info.location().map(|l| format!(" at {l}")).unwrap_or_default();
        *PANIC.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(location);
    }));
    let worker = std::thread::Builder::new()
        .name("newsgraph".into())
        .stack_size(newsgraph::rdf::QUERY_STACK_BYTES)
        .spawn(cli::run)
        .expect("the main thread starts");
    let result = worker.join().unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = PANIC.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take().unwrap_or_default();
        Err(anyhow::anyhow!("internal failure (a panic{location}): {message}"))
    });
    match result {
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
