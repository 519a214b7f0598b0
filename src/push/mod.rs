//! `newsgraph push`: the store's named graphs sent to a remote SPARQL store, one request per
//! graph, so that pushing again replaces each graph there.
//!
//! - [`Method::GraphStore`]: the SPARQL 1.1 Graph Store HTTP Protocol, `PUT URL?graph=IRI`
//!   with the graph's triples as Turtle or N-Triples, written by Oxigraph.
//! - [`Method::Update`]: SPARQL 1.1 Update, `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g>
//!   { … } }` posted as `application/sparql-update`, for servers without a Graph Store endpoint.
//!
//! Graphs go in batches. After each batch the [`PushState`] file records the graphs sent and
//! the hash of their content, so that a resumed push skips the graphs sent before and unchanged
//! since. Server errors (5xx, 408, 429) and connection failures are tried again with backoff
//! ([`Remote`]); any other answer fails that graph, with its status and the server's message,
//! and the push goes on. Answers that say the URL or the credentials are wrong (3xx, 401, 403,
//! 404, 405), and a server that stays unreachable, stop the push ([`PushError::is_fatal`]).
//!
//! ```
//! use newsgraph::push::{Method, Payload};
//! use newsgraph::rdf::GraphStore;
//! use oxigraph::io::RdfFormat;
//! use oxigraph::model::NamedNode;
//! let store = GraphStore::in_memory()?;
//! store.load(RdfFormat::NQuads, b"<urn:x:a> <urn:x:p> \"b\" <urn:x:g> .\n")?;
//! let graph = NamedNode::new("urn:x:g")?;
//! let payload = Payload::read(&store, &graph, Method::Update)?;
//! assert_eq!(payload.triples, 1);
//! assert!(String::from_utf8(payload.body)?.starts_with("DROP SILENT GRAPH <urn:x:g> ;\nINSERT DATA { GRAPH <urn:x:g> {"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

mod auth;
mod payload;
mod remote;
mod state;

use std::path::PathBuf;

use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use crate::error::{Error, Result};
use crate::rdf::GraphStore;

pub use auth::Auth;
pub use payload::Payload;
pub use remote::Remote;
pub use state::PushState;

/// How graphs are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// SPARQL 1.1 Graph Store HTTP Protocol: `PUT ?graph=IRI`, the body in this triple format.
    GraphStore(RdfFormat),
    /// SPARQL 1.1 Update: `DROP SILENT GRAPH` then `INSERT DATA`, posted to the update endpoint.
    Update,
}

impl Method {
    /// A Graph Store Protocol method sending `format`, which must be a triple format (Turtle,
    /// N-Triples, RDF/XML…): a graph store takes one graph's triples.
    ///
    /// ```
    /// use newsgraph::push::Method;
    /// use oxigraph::io::RdfFormat;
    /// assert!(Method::graph_store(RdfFormat::Turtle).is_ok());
    /// assert!(Method::graph_store(RdfFormat::NQuads).is_err());
    /// ```
    pub fn graph_store(format: RdfFormat) -> Result<Self> {
        if format.supports_datasets() {
            return Err(Error::Usage(format!(
                "{} holds quads: a graph store takes one graph's triples (turtle, ntriples, rdfxml)",
                format.name()
            )));
        }
        Ok(Method::GraphStore(format))
    }

    /// `gsp` or `update`, as `--method` names them.
    pub fn name(self) -> &'static str {
        match self {
            Method::GraphStore(_) => "gsp",
            Method::Update => "update",
        }
    }
}

/// Why a graph could not be pushed, or the push could not go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushError {
    /// The URL cannot be used.
    #[error("bad URL {url:?}: {reason}")]
    BadUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered with an error status (after `attempts` tries).
    #[error("{url} answered HTTP {status} for graph <{graph}>{}{}: {body}", if *.attempts > 1 { format!(" after {attempts} attempts") } else { String::new() }, hint(*.status))]
    Status {
        /// The graph sent.
        graph: String,
        /// The URL it was sent to.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the server's answer.
        body: String,
        /// How many times it was sent.
        attempts: u32,
    },
    /// No answer: the connection failed or timed out, every time.
    #[error("{url} cannot be reached ({attempts} attempts): {reason}")]
    Unreachable {
        /// The URL.
        url: String,
        /// How many times it was tried.
        attempts: u32,
        /// The last failure.
        reason: String,
    },
    /// The local store could not be read, or a graph asked for is not in it.
    #[error(transparent)]
    Store(#[from] Error),
    /// The state file cannot be read or written.
    #[error("push state file {}: {reason}", path.display())]
    State {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

fn hint(status: u16) -> &'static str {
    match status {
        401 | 403 => " (check --auth or --token-file, and that the user may write)",
        404 | 405 => " (check the URL: is it the store's Graph Store or update endpoint?)",
        300..=399 => " (a redirect: give the URL it points to)",
        _ => "",
    }
}

impl PushError {
    /// True when the error would fail every other graph too (bad URL, credentials, an
    /// unreachable server, the state file), so that the push stops.
    pub fn is_fatal(&self) -> bool {
        match self {
            PushError::Status { status, .. } => matches!(status, 300..=399 | 401 | 403 | 404 | 405),
            _ => true,
        }
    }
}

/// What to push and how.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Only these graphs (any named graph, the builds graph too); empty: every named graph but
    /// the builds graph, as `newsgraph export` writes them.
    pub graphs: Vec<NamedNode>,
    /// Graphs per batch: the state file is saved and progress reported after each.
    pub batch: usize,
    /// Skip the graphs the state file records as pushed with the same content.
    pub resume: bool,
}

/// What happened to a graph or a batch.
#[derive(Debug)]
pub enum PushEvent<'a> {
    /// A graph was sent.
    Pushed(&'a Payload),
    /// A graph was pushed before with the same content (`--resume`).
    Skipped(&'a NamedNode),
    /// A graph failed; the push goes on.
    Failed(&'a NamedNode, &'a PushError),
    /// A batch ended: `done` graphs of `total` are handled.
    Batch {
        /// Graphs handled so far.
        done: usize,
        /// Graphs to handle.
        total: usize,
    },
}

/// Counts of one push.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushSummary {
    /// Graphs sent.
    pub pushed: usize,
    /// Graphs skipped: pushed before with the same content.
    pub skipped: usize,
    /// Graphs that failed.
    pub failed: usize,
    /// Triples in the graphs sent.
    pub triples: usize,
}

/// The graphs a push sends: `named` (each must be in the store), or every named graph but the
/// builds graph; sorted by IRI.
pub fn select_graphs(store: &GraphStore, named: &[NamedNode]) -> Result<Vec<NamedNode>> {
    if named.is_empty() {
        let builds = store.build_graphs()?;
        return Ok(store.named_graphs()?.into_iter().filter(|g| !builds.contains(g)).collect());
    }
    let mut graphs = Vec::with_capacity(named.len());
    for g in named {
        if !store.contains_graph(g)? {
            return Err(Error::Usage(format!("the store has no graph <{}>", g.as_str())));
        }
        if !graphs.contains(g) {
            graphs.push(g.clone());
        }
    }
    graphs.sort_unstable();
    Ok(graphs)
}

/// Pushes the graphs of `store` to `remote`, recording them in `state`. A graph that fails is
/// reported to `on_event` and counted; an error that would fail every graph
/// ([`PushError::is_fatal`]) ends the push, after the state of the graphs sent is saved.
pub fn push(
    store: &GraphStore,
    remote: &Remote,
    state: &mut PushState,
    options: &PushOptions,
    mut on_event: impl FnMut(PushEvent<'_>),
) -> Result<PushSummary, PushError> {
    let graphs = select_graphs(store, &options.graphs)?;
    let mut summary = PushSummary::default();
    let mut done = 0;
    for batch in graphs.chunks(options.batch.max(1)) {
        for graph in batch {
            let payload = Payload::read(store, graph, remote.method())?;
            if options.resume && state.is_current(graph.as_str(), &payload.hash) {
                summary.skipped += 1;
                on_event(PushEvent::Skipped(graph));
                continue;
            }
            match remote.send(&payload) {
                Ok(()) => {
                    state.record(graph.as_str(), &payload.hash);
                    summary.pushed += 1;
                    summary.triples += payload.triples;
                    on_event(PushEvent::Pushed(&payload));
                }
                Err(e) => {
                    state.forget(graph.as_str());
                    if e.is_fatal() {
                        state.save()?;
                        return Err(e);
                    }
                    summary.failed += 1;
                    on_event(PushEvent::Failed(graph, &e));
                }
            }
        }
        state.save()?;
        done += batch.len();
        on_event(PushEvent::Batch { done, total: graphs.len() });
    }
    Ok(summary)
}
