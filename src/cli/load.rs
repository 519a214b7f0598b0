//! `newsgraph load`: N-Quads or TriG files into the store with Oxigraph's bulk loader.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph::rdf::{read_minter, recompute_corpus, CorpusSummary, GraphStore};
use newsgraph::Error;
use oxigraph::io::RdfFormat;

use super::args::{CorpusArgs, LoadArgs};

pub fn run(args: LoadArgs) -> anyhow::Result<ExitCode> {
    let path = args.store.store.clone();
    super::removing_new_store(&path, || load(args))
}

fn load(args: LoadArgs) -> anyhow::Result<ExitCode> {
    let stdin_format = match args.format.as_deref() {
        None | Some("nquads" | "nq" | "n-quads") => RdfFormat::NQuads,
        Some("trig") => RdfFormat::TriG,
        Some(other) => return Err(Error::Usage(format!("--format {other:?}: use nquads or trig")).into()),
    };
    let store = GraphStore::open(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let started = Instant::now();
    let before = store.len()?;
    for path in &args.files {
        if path.as_os_str() == "-" {
            let stdin = std::io::stdin().lock();
            store.bulk_load_from(stdin_format, stdin, path).context("loading standard input")?;
        } else {
            store.bulk_load(path).with_context(|| format!("loading {}", path.display()))?;
        }
    }
    let corpus = recompute(&store)?;
    store.flush()?;
    let after = store.len()?;
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        std::io::stdout(),
        "loaded {} files into {}: {} new quads ({} in store) in {seconds:.2} s = {:.0} quads/s",
        args.files.len(),
        args.store.store.display(),
        after - before,
        after,
        (after - before) as f64 / seconds.max(1e-9)
    )
    .map_err(Error::Write)?;
    print_corpus(&corpus)?;
    Ok(ExitCode::SUCCESS)
}

/// The corpus graph of the store, computed again from its articles (none without articles).
fn recompute(store: &GraphStore) -> anyhow::Result<Option<CorpusSummary>> {
    let Some(minter) = read_minter(store)? else { return Ok(None) };
    Ok(Some(recompute_corpus(store, &minter).context("computing the corpus graph")?))
}

fn print_corpus(corpus: &Option<CorpusSummary>) -> anyhow::Result<()> {
    if let Some(c) = corpus {
        writeln!(std::io::stdout(), "corpus graph: {} entities, {} edges, {} quads", c.entities, c.edges, c.quads)
            .map_err(Error::Write)?;
    }
    Ok(())
}

/// `newsgraph corpus`: the corpus graph computed again from scratch.
pub fn run_corpus(args: CorpusArgs) -> anyhow::Result<ExitCode> {
    let store = GraphStore::open_existing(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let corpus = recompute(&store)?;
    store.flush()?;
    print_corpus(&corpus)?;
    Ok(ExitCode::SUCCESS)
}
