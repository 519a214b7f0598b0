//! `newsgraph load`: N-Quads or TriG files, or the folder of part files a Spark job saved, into
//! the store with Oxigraph's bulk loader.

use std::io::Write;
use std::path::{Path, PathBuf};
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
    let unnamed = match args.format.as_deref() {
        None | Some("nquads" | "nq" | "n-quads") => RdfFormat::NQuads,
        Some("trig") => RdfFormat::TriG,
        Some(other) => return Err(Error::Usage(format!("--format {other:?}: use nquads or trig")).into()),
    };
    let store = GraphStore::open(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let started = Instant::now();
    let before = store.len()?;
    let mut files = 0;
    for path in &args.files {
        if path.as_os_str() == "-" {
            let stdin = std::io::stdin().lock();
            store.bulk_load_from(unnamed, stdin, path).context("loading standard input")?;
            files += 1;
            continue;
        }
        for file in job_output(path)? {
            store.bulk_load(&file, unnamed).with_context(|| format!("loading {}", file.display()))?;
            files += 1;
        }
    }
    let corpus = recompute(&store)?;
    // loaded into an empty store, the bulk loader's batches overlap: compact them (into a
    // filled store, compacting would rewrite every file for the new quads)
    if before == 0 {
        store.optimize()?;
    } else {
        store.flush()?;
    }
    let after = store.len()?;
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        std::io::stdout(),
        "loaded {files} files into {}: {} new quads ({} in store) in {seconds:.2} s = {:.0} quads/s",
        args.store.store.display(),
        after - before,
        after,
        (after - before) as f64 / seconds.max(1e-9)
    )
    .map_err(Error::Write)?;
    print_corpus(&corpus)?;
    Ok(ExitCode::SUCCESS)
}

/// The files of one argument: the file itself, or for a folder (the output of a Spark or Hadoop
/// job) its `part-*`, `.nq` and `.trig` files (gzipped too) in name order, without the job's
/// `_SUCCESS`, hidden `.crc` checksums and other files.
fn job_output(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let plain = name.strip_suffix(".gz").unwrap_or(&name);
        let rdf = name.starts_with("part-") || [".nq", ".nquads", ".trig"].iter().any(|x| plain.ends_with(x));
        if rdf && !name.starts_with('.') && entry.path().is_file() {
            files.push(entry.path());
        }
    }
    if files.is_empty() {
        return Err(Error::Usage(format!("{}: a folder with no part-*, .nq or .trig files", path.display())).into());
    }
    files.sort();
    Ok(files)
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
