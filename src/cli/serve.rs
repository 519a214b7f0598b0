//! `newsgraph serve`: the store over HTTP (SPARQL 1.1 Protocol and a query page).

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use newsgraph::rdf::GraphStore;
use newsgraph::server::auth::BearerToken;
use newsgraph::server::{serve, ServeOptions};
use newsgraph::Error;

use super::args::ServeArgs;

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    // at most a day: a deadline far in the future would overflow the clock
    for (flag, value) in [("--timeout", args.timeout), ("--read-timeout", args.read_timeout)] {
        if !(value.is_finite() && value > 0.0 && value <= 86_400.0) {
            return Err(Error::Usage(format!("{flag} {value} is not a number of seconds in (0, 86400]")).into());
        }
    }
    if args.max_queries == Some(0) {
        return Err(Error::Usage("--max-queries must be at least 1".into()).into());
    }
    let update_token = match (&args.allow_update, &args.token_file) {
        (true, Some(path)) => Some(BearerToken::from_file(path).context("reading --token-file")?),
        _ => None,
    };
    let options = ServeOptions {
        bind: args.bind,
        timeout: Duration::from_secs_f64(args.timeout),
        max_results: args.max_results,
        max_body: args.max_body,
        max_connections: args.max_connections.max(1),
        max_client_connections: args.max_client_connections.max(1),
        read_timeout: Duration::from_secs_f64(args.read_timeout),
        max_queries: args.max_queries.unwrap_or_else(|| ServeOptions::default().max_queries),
        update_token,
    };
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "newsgraph: warning: listening on {}, which other machines can reach{}",
            args.bind,
            if args.allow_update { "; updates need the bearer token" } else { "" }
        );
    }
    let store = GraphStore::open_existing(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let running = serve(store, options)?;
    eprintln!(
        "newsgraph: serving {} at http://{}/ (SPARQL endpoint http://{}/sparql{}); Ctrl-C stops",
        args.store.store.display(),
        args.bind,
        args.bind,
        if args.allow_update {
            format!(", updates at http://{0}/update and http://{0}/store", args.bind)
        } else {
            String::new()
        }
    );
    running.join()?;
    Ok(ExitCode::SUCCESS)
}
