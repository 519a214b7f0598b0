//! `newsgraph push`: the store's graphs sent to a remote SPARQL store.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use newsgraph::push::{push, Auth, Method, PushEvent, PushOptions, PushState, Remote};
use newsgraph::rdf::{rdf_format_from_name, GraphStore};
use newsgraph::Error;
use oxigraph::model::NamedNode;

use super::args::{PushArgs, PushMethod};

/// The method and the URL it sends to.
fn method(args: &PushArgs) -> Result<(Method, &str), Error> {
    match args.method {
        PushMethod::Gsp => {
            let format = rdf_format_from_name(&args.format)
                .ok_or_else(|| Error::Usage(format!("unknown --format {:?}: use turtle or ntriples", args.format)))?;
            let url = args.graph_store.as_deref().ok_or_else(|| {
                Error::Usage(
                    "--method gsp (the default) needs --graph-store URL: Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service, Virtuoso http://HOST:8890/sparql-graph-crud; or use --method update --endpoint URL".into(),
                )
            })?;
            Ok((Method::graph_store(format)?, url))
        }
        PushMethod::Update => {
            let url = args
                .endpoint
                .as_deref()
                .ok_or_else(|| Error::Usage("--method update needs --endpoint URL (the update endpoint)".into()))?;
            Ok((Method::Update, url))
        }
    }
}

pub fn run(args: PushArgs) -> anyhow::Result<ExitCode> {
    // at most a day: a deadline far in the future would overflow the clock
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 86_400.0) {
        return Err(Error::Usage(format!("--timeout {} is not a number of seconds in (0, 86400]", args.timeout)).into());
    }
    if args.batch == 0 {
        return Err(Error::Usage("--batch must be at least 1".into()).into());
    }
    let (method, url) = method(&args)?;
    let auth = match (&args.auth, &args.token_file) {
        (Some(a), _) => Some(Auth::basic(a)?),
        (None, Some(path)) => Some(Auth::bearer_from_file(path).context("reading --token-file")?),
        (None, None) => None,
    };
    let graphs =
        args.graphs.iter().map(|g| NamedNode::new(g.as_str())).collect::<Result<Vec<_>, _>>().map_err(Error::from)?;
    let remote = Remote::new(method, url)?.auth(auth).timeout(Duration::from_secs_f64(args.timeout));
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let state_path = args.state.clone().unwrap_or_else(|| args.store.store.join("push-state.json"));
    let mut state = PushState::open(&state_path, &remote.key())?;
    let options = PushOptions { graphs, batch: args.batch, resume: args.resume };

    let started = Instant::now();
    let quiet = args.quiet;
    let summary = push(&store, &remote, &mut state, &options, |event| match event {
        PushEvent::Failed(_, e) => eprintln!("newsgraph: {e}"),
        PushEvent::Batch { done, total } if !quiet => {
            eprintln!("newsgraph: {done}/{total} graphs ({:.1} s)", started.elapsed().as_secs_f64())
        }
        _ => {}
    })?;
    println!(
        "pushed {} graphs ({} triples), skipped {} unchanged, {} failed, in {:.1} s to {url} ({})",
        summary.pushed,
        summary.triples,
        summary.skipped,
        summary.failed,
        started.elapsed().as_secs_f64(),
        method.name()
    );
    Ok(if summary.failed > 0 { ExitCode::from(super::EXIT_INPUT_FAILED) } else { ExitCode::SUCCESS })
}
