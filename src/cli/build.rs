//! `newsgraph build`: articles in, graphs into the store, a summary out.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use newsgraph::build::{store_manifest, Batch, BuildEvent, BuildManifest, BuildOptions};
use newsgraph::ingest::{count_records, normalize_date, read_inputs, IngestOptions};
use newsgraph::lexicon::Lexicon;
use newsgraph::model::{content_id, Digest, EntityKind, LayoutKind};
use newsgraph::rdf::{GraphStore, Minter};
use newsgraph::{Error, PipelineBuilder};
use oxsdatatypes::DateTime;

use super::progress::{thousands, Progress};

use super::args::{BuildArgs, PipelineArgs};

/// A pipeline, IRI minter and reading options from the command line.
pub(super) struct Setup {
    pub pipeline: newsgraph::Pipeline,
    pub minter: Minter,
    pub options: IngestOptions,
    pub jobs: usize,
    /// "tables fnv64:…" of the lexicon the pipeline uses, for the build manifest.
    pub tables: String,
}

pub(super) fn setup(args: &PipelineArgs) -> anyhow::Result<Setup> {
    let default_date = match &args.date {
        Some(d) => Some(normalize_date(d).ok_or_else(|| Error::Usage(format!("--date {d:?} is not YYYY-MM-DD")))?),
        None => None,
    };
    let minter = Minter::new(&args.base_iri).with_context(|| format!("--base-iri {:?}", args.base_iri))?;
    let lexicon = match &args.data_dir {
        Some(dir) => {
            Arc::new(Lexicon::from_dir(dir).with_context(|| format!("loading tables from {}", dir.display()))?)
        }
        None => Lexicon::builtin(),
    };
    let tables = lexicon.digest().to_owned();
    let recognizer = super::recognizer(&args.recognizer, lexicon.clone())?;
    let pipeline = PipelineBuilder::new()
        .lexicon(lexicon)
        .recognizer(recognizer)
        .pronouns(args.pronouns)
        .relation_confidence(args.relation_confidence)
        .signature(signature(args)?)
        .build();
    let options = IngestOptions {
        default_date,
        max_article_bytes: args.max_article_mb.saturating_mul(1024 * 1024),
        ..IngestOptions::default()
    };
    let jobs = super::jobs(args.jobs)?;
    Ok(Setup { pipeline, minter, options, jobs, tables })
}

/// A note on standard error for each file with skipped records (WARC records that are not HTML
/// pages): they are no failure, but the user should know how many were left out.
pub(super) fn report_skipped(options: &IngestOptions) {
    for (path, n) in options.skipped.counts() {
        let records = if n == 1 { "record" } else { "records" };
        eprintln!("newsgraph: {}: {n} WARC {records} skipped (not a response with an HTML body)", path.display());
    }
}

/// What the command line changes in the pipeline, for the articles' content hashes: the
/// recogniser, and the bytes of a model file or of the tables of `--data-dir`.
fn signature(args: &PipelineArgs) -> anyhow::Result<String> {
    let mut digest = Digest::new();
    let mut files: Vec<std::path::PathBuf> = args.recognizer.model.iter().cloned().collect();
    if let Some(dir) = &args.data_dir {
        let mut tables: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        tables.sort();
        files.extend(tables);
    }
    for f in &files {
        digest.part(&std::fs::read(f).with_context(|| format!("reading {}", f.display()))?);
    }
    Ok(format!("recognizer={:?} files={}", args.recognizer.recognizer, digest.hex()))
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let path = args.store.store.clone();
    super::removing_new_store(&path, || build(args))
}

fn build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let Setup { pipeline, minter, options, jobs, tables } = setup(&args.pipeline)?;
    let store = GraphStore::open(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let started = DateTime::now();
    let mut progress = Progress::new(count_records(&args.paths), args.quiet);
    let records = read_inputs(&args.paths, &options);
    let batch = Batch::new(&pipeline, &minter, BuildOptions { jobs, force: args.force });
    let summary = batch.into_store(records, &store, |event| match event {
        BuildEvent::Stored(_, words) => progress.record(words),
        BuildEvent::Skipped(_) => progress.record(0),
        BuildEvent::Failed(error) => {
            progress.record(0);
            progress.println(&format!("newsgraph: {error}"));
        }
    })?;
    progress.finish();
    report_skipped(&options);
    let manifest = BuildManifest {
        started,
        ended: DateTime::now(),
        pipeline: pipeline.signature().to_owned(),
        models: models(&args.pipeline, tables)?,
        inputs: args.paths.iter().map(|p| p.display().to_string()).collect(),
        jobs,
        summary,
    };
    store_manifest(&store, &minter, &manifest)?;
    store.flush()?;
    print_summary(&manifest, &args.store.store).map_err(Error::Write)?;
    let failed = manifest.summary.failures > 0;
    Ok(if failed { ExitCode::from(super::EXIT_INPUT_FAILED) } else { ExitCode::SUCCESS })
}

/// The models a build uses, hashed, and `tables` (the lexicon's digest), for its manifest.
fn models(args: &PipelineArgs, tables: String) -> anyhow::Result<Vec<String>> {
    let mut models = Vec::new();
    match (&args.recognizer.recognizer, &args.recognizer.model) {
        (super::args::RecognizerChoice::Rules, _) => {}
        (_, Some(path)) => {
            let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            models.push(content_id("ner", &[&bytes]));
        }
        (_, None) => models.push(content_id("ner", &[newsgraph::recognize::tagger::BUILTIN_MODEL_BYTES])),
    }
    if args.relation_confidence <= 1.0 {
        models.push(content_id("relations", &[newsgraph::relate::BUILTIN_MODEL_BYTES]));
    }
    models.push(content_id("quotes", &[newsgraph::extract::attribution::BUILTIN_MODEL_BYTES]));
    models.push(tables);
    models.sort();
    Ok(models)
}

/// The summary on standard output: counts, then the manifest's tool, models and timings.
fn print_summary(manifest: &BuildManifest, store: &std::path::Path) -> std::io::Result<()> {
    let summary = &manifest.summary;
    let by_type: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| format!("{} {}", summary.entities.get(k).copied().unwrap_or(0), k.label().to_lowercase()))
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "built {} articles ({} failed, {} unchanged and skipped) into {}: entities {}; {} statements; {} triples in store; {:.2} s",
        summary.articles,
        summary.failures,
        summary.skipped,
        store.display(),
        by_type.join(", "),
        summary.statements,
        summary.store_quads,
        summary.seconds
    )?;
    let seconds = summary.seconds.max(1e-9);
    writeln!(
        out,
        "  speed: {} words, {} words/s, {:.1} articles/s, {} quads written; {:.2} s extracting, {:.2} s writing, {} jobs",
        thousands(summary.words as f64),
        thousands(summary.words as f64 / seconds),
        summary.articles as f64 / seconds,
        thousands(summary.quads_written as f64),
        summary.seconds - summary.store_seconds,
        summary.store_seconds,
        manifest.jobs
    )?;
    let layout: Vec<String> = LayoutKind::ALL
        .iter()
        .map(|k| format!("{} {}", summary.layout.get(k).copied().unwrap_or(0), k.name()))
        .collect();
    writeln!(out, "  layout skipped (no entities, no statements): {}", layout.join(", "))?;
    writeln!(out, "  manifest: newsgraph {}; {}", env!("CARGO_PKG_VERSION"), manifest.models.join(", "))?;
    writeln!(out, "  started {}, ended {}; inputs: {}", manifest.started, manifest.ended, manifest.inputs.join(" "))
}
