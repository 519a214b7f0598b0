//! The library's common error type, at the bottom of the layers: what reading tables and
//! models, the store and SPARQL can fail with. A layer with failures of its own has its own
//! error type beside it (`ingest::InputError`, `push::PushError`); the CLI maps them all to
//! exit codes.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A row of a data table (gazetteer, cue list) is malformed.
    #[error("{path}:{line}: {reason}")]
    Data {
        /// The table.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A model file could not be read, or a model could not be written.
    #[error("{path}: {reason}")]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The RDF store failed.
    #[error("store")]
    Storage(#[from] oxigraph::store::StorageError),
    /// A SPARQL query could not be parsed (the source says where).
    #[error("SPARQL syntax error")]
    SparqlSyntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    /// A SPARQL query failed while running.
    #[error("SPARQL evaluation failed")]
    SparqlEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// A SPARQL update failed (syntax or evaluation).
    #[error("SPARQL update failed")]
    SparqlUpdate(#[from] oxigraph::sparql::UpdateEvaluationError),
    /// A SPARQL query was stopped before it ended (its time ran out).
    #[error("the query was stopped: it ran out of time")]
    Cancelled,
    /// A SPARQL query gave more solutions or triples than allowed.
    #[error("the query gives more than {max} results (solutions or triples): add a LIMIT")]
    TooManyResults {
        /// The limit.
        max: usize,
    },
    /// The store is held by another process (RocksDB lets one process write a store).
    #[error("the store at {} is busy: another process (a `newsgraph build`, `load` or `serve`) has it open for writing; wait for it to end or stop it, then try again", path.display())]
    StoreBusy {
        /// The store folder.
        path: PathBuf,
    },
    /// An IRI could not be built (for example from a bad `--base-iri`).
    #[error("invalid IRI")]
    Iri(#[from] oxigraph::model::IriParseError),
    /// Writing output failed.
    #[error("write failed")]
    Write(#[source] std::io::Error),
    /// The caller asked for something that cannot be done (wrong format for a result kind…).
    #[error("{0}")]
    Usage(String),
    /// A SPARQL text was refused before parsing: it is nested too deeply or holds too many
    /// of one thing for the parser's recursion (`rdf::check_shape`).
    #[error("the query was refused before parsing: it has more than {limit} {what} (found {found}); the limit keeps one query from overflowing the stack")]
    QueryTooComplex {
        /// What it holds too many of.
        what: &'static str,
        /// How many.
        found: usize,
        /// The limit.
        limit: usize,
    },
    /// A dependency (Oxigraph's SPARQL engine) panicked; the message is the panic's.
    #[error("the SPARQL engine (Oxigraph) failed: {0}")]
    EnginePanic(String),
}

/// `Result` with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
