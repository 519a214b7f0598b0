//! `newsgraph build`: articles in, graphs into the store, a summary out.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph::ingest::{normalize_date, read_inputs, IngestOptions};
use newsgraph::lexicon::Lexicon;
use newsgraph::model::EntityKind;
use newsgraph::rdf::{GraphStore, Minter};
use newsgraph::{BuildEvent, Error, PipelineBuilder};

use super::args::{BuildArgs, PipelineArgs};

/// A pipeline, IRI minter and reading options from the command line.
pub(super) struct Setup {
    pub pipeline: newsgraph::Pipeline,
    pub minter: Minter,
    pub options: IngestOptions,
    pub jobs: usize,
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
    let recognizer = super::recognizer(&args.recognizer, lexicon.clone())?;
    let pipeline = PipelineBuilder::new()
        .lexicon(lexicon)
        .recognizer(recognizer)
        .pronouns(args.pronouns)
        .relation_confidence(args.relation_confidence)
        .signature(signature(args)?)
        .build();
    let options = IngestOptions { default_date, max_article_bytes: args.max_article_mb.saturating_mul(1024 * 1024) };
    let jobs = match args.jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into()).into()),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    Ok(Setup { pipeline, minter, options, jobs })
}

/// What the command line changes in the pipeline, for the articles' content hashes: the
/// recogniser, and the bytes of a model file or of the tables of `--data-dir`.
fn signature(args: &PipelineArgs) -> anyhow::Result<String> {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
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
        h.write(&std::fs::read(f).with_context(|| format!("reading {}", f.display()))?);
        h.write_u8(0xff);
    }
    Ok(format!("recognizer={:?} files={:016x}", args.recognizer.recognizer, h.finish()))
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let Setup { pipeline, minter, options, jobs } = setup(&args.pipeline)?;
    let store = GraphStore::open(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;

    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {elapsed} {msg}")
                .expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let records = read_inputs(&args.paths, &options);
    let summary = pipeline.build_store_with(records, &store, &minter, jobs, args.force, |event| match event {
        BuildEvent::Stored(article) => {
            if let Some(bar) = &bar {
                bar.inc(1);
                bar.set_message(article.id.clone());
            }
        }
        BuildEvent::Failed(error) => match &bar {
            Some(bar) => bar.println(format!("newsgraph: {error}")),
            None => eprintln!("newsgraph: {error}"),
        },
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let by_type: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| format!("{} {}", summary.entities.get(k).copied().unwrap_or(0), k.label().to_lowercase()))
        .collect();
    writeln!(
        std::io::stdout(),
        "built {} articles ({} failed, {} unchanged and skipped) into {}: entities {}; {} statements; {} triples in store; {:.2} s",
        summary.articles,
        summary.failures,
        summary.skipped,
        args.store.store.display(),
        by_type.join(", "),
        summary.statements,
        summary.store_quads,
        summary.seconds
    )
    .map_err(Error::Write)?;
    Ok(if summary.failures > 0 { ExitCode::from(super::EXIT_INPUT_FAILED) } else { ExitCode::SUCCESS })
}
