//! Subcommands, one file each. Arguments are parsed in `args.rs` and turned into library
//! values before any work starts.

mod args;
mod build;
mod entities;
mod eval;
mod export;
mod extract;
mod ingest;
mod load;
mod progress;
mod push;
mod query;
mod serve;
mod stats;
mod train;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Args, Command};

/// Some input records failed; the rest were stored.
pub const EXIT_INPUT_FAILED: u8 = 1;
/// Bad arguments or query syntax.
pub const EXIT_USAGE: u8 = 2;
/// The command could not run (store, I/O).
pub const EXIT_FATAL: u8 = 3;

/// The exit code of a failed command: [`EXIT_USAGE`] when the user asked for something that
/// cannot be done (a bad flag value, query syntax, IRI or URL), else [`EXIT_FATAL`].
pub fn exit_code(err: &anyhow::Error) -> u8 {
    use newsgraph::push::PushError;
    let usage = |e: &newsgraph::Error| {
        matches!(
            e,
            newsgraph::Error::Usage(_)
                | newsgraph::Error::SparqlSyntax(_)
                | newsgraph::Error::Iri(_)
                | newsgraph::Error::QueryTooComplex { .. }
        )
    };
    let is_usage = match (err.downcast_ref::<newsgraph::Error>(), err.downcast_ref::<PushError>()) {
        (Some(e), _) => usage(e),
        (None, Some(PushError::BadUrl { .. })) => true,
        (None, Some(PushError::Store(e))) => usage(e),
        _ => false,
    };
    if is_usage {
        EXIT_USAGE
    } else {
        EXIT_FATAL
    }
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    match args.command {
        Command::Build(a) => build::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Load(a) => load::run(a),
        Command::Corpus(a) => load::run_corpus(a),
        Command::Query(a) => query::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Push(a) => push::run(a),
        Command::Export(a) => export::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Entities(a) => entities::run(a),
        Command::Eval(args::EvalCommand::Ner(a)) => eval::run_ner(a),
        Command::Eval(args::EvalCommand::Coref(a)) => eval::run_coref(a),
        Command::Eval(args::EvalCommand::Relations(a)) => eval::run_relations(a),
        Command::Eval(args::EvalCommand::Quotes(a)) => eval::run_quotes(a),
        Command::Train(args::TrainCommand::Ner(a)) => train::run_ner(a),
        Command::Train(args::TrainCommand::Relations(a)) => train::run_relations(a),
        Command::Train(args::TrainCommand::Quotes(a)) => train::run_quotes(a),
    }
}

/// The recogniser the arguments ask for.
fn recognizer(
    args: &args::RecognizerArgs,
    lexicon: std::sync::Arc<newsgraph::lexicon::Lexicon>,
) -> anyhow::Result<Box<dyn newsgraph::recognize::Recognizer>> {
    use anyhow::Context;
    use newsgraph::recognize::tagger::NerModel;
    use newsgraph::recognize::{RuleRecognizer, TaggerRecognizer};
    Ok(match (args.recognizer, &args.model) {
        (args::RecognizerChoice::Rules, _) => Box::new(RuleRecognizer::with_lexicon(lexicon)),
        (args::RecognizerChoice::Tagger, Some(path)) => {
            let model = NerModel::load(path).with_context(|| format!("loading the model {}", path.display()))?;
            Box::new(TaggerRecognizer::new(std::sync::Arc::new(model), lexicon))
        }
        (args::RecognizerChoice::Tagger, None) => Box::new(TaggerRecognizer::with_lexicon(lexicon)),
    })
}

/// Runs `work`, which opens (and may create) the store folder `path`; when it fails and the
/// folder was made by it and holds no quad, the folder is removed again, so that a failed
/// `build` or `load` leaves no empty store behind (a build that stored some batches keeps them).
fn removing_new_store<T>(path: &std::path::Path, work: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let existed = path.exists();
    let result = work();
    if result.is_err() && !existed && path.is_dir() {
        let empty = match newsgraph::rdf::GraphStore::open_read_only(path) {
            Ok(store) => store.is_empty().unwrap_or(false),
            // RocksDB had not made its files yet
            Err(_) => !newsgraph::rdf::GraphStore::exists(path),
        };
        if empty {
            let _ = std::fs::remove_dir_all(path);
        }
    }
    result
}

/// `--jobs`: at least 1; by default every core.
fn jobs(jobs: Option<usize>) -> Result<usize, newsgraph::Error> {
    match jobs {
        Some(0) => Err(newsgraph::Error::Usage("--jobs must be at least 1".into())),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
    }
}

/// A rayon pool of `--jobs` threads, for the commands that work document by document.
fn pool(jobs: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let n = self::jobs(jobs)?;
    Ok(rayon::ThreadPoolBuilder::new().num_threads(n).build()?)
}
