//! `newsgraph eval ner`, `coref`, `relations` and `quotes`: the stages against annotated documents.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph::eval::{predict, score, ScoreOptions};
use newsgraph::gold::read_gold;
use newsgraph::lexicon::Lexicon;
use newsgraph::model::Predicate;
use newsgraph::Error;
use serde::Serialize;

use super::args::{EvalCorefArgs, EvalNerArgs, EvalQuotesArgs, EvalRelationsArgs, QuoteSubset};

#[derive(Serialize)]
struct PredictionLine<'a> {
    id: &'a str,
    entities: &'a [newsgraph::eval::Predicted],
}

pub fn run_ner(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let load = Instant::now();
    let recognizer = super::recognizer(&args.recognizer, Lexicon::builtin())?;
    let gold = read_gold(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    // the built-in model is decoded on first use: do it before the clock starts
    let _ = recognizer.recognize(&newsgraph::segment::segment("Warm up."));
    let load_seconds = load.elapsed().as_secs_f64();

    let pool = super::pool(args.jobs)?;
    let start = Instant::now();
    let predictions: Vec<_> = pool.install(|| {
        use rayon::prelude::*;
        gold.par_iter().map(|d| predict(recognizer.as_ref(), &d.text)).collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let words: usize = gold.iter().map(|d| d.text.split_whitespace().count()).sum();

    if let Some(path) = &args.predictions {
        let lines = gold.iter().zip(&predictions).map(|(doc, entities)| PredictionLine { id: &doc.id, entities });
        write_jsonl(path, lines)?;
    }

    let options = ScoreOptions {
        types: args.types.clone(),
        strip_det: args.strip_det,
        errors: args.errors,
        ..ScoreOptions::default()
    };
    let report = score(&gold, &predictions, &options);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "gold={} recognizer={} strip_det={} docs={} (gold GPE counted as LOC; demonyms are NORP and MISC is not predicted)",
        args.gold.display(),
        match (&args.recognizer.recognizer, &args.recognizer.model) {
            (super::args::RecognizerChoice::Rules, _) => "rules".to_owned(),
            (_, Some(path)) => format!("tagger:{}", path.display()),
            (_, None) => "tagger:built-in".to_owned(),
        },
        args.strip_det,
        report.docs
    )
    .map_err(Error::Write)?;
    write!(out, "{report}").map_err(Error::Write)?;
    writeln!(
        out,
        "speed: {words} words in {seconds:.3} s = {:.0} words/s ({} threads; load {load_seconds:.3} s)",
        words as f64 / seconds.max(1e-9),
        pool.current_num_threads()
    )
    .map_err(Error::Write)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_coref(args: EvalCorefArgs) -> anyhow::Result<ExitCode> {
    let gold = read_gold(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let lexicon = Lexicon::builtin();
    let resolver = newsgraph::resolve::ListResolver::with_lexicon(lexicon.clone()).with_pronouns(args.pronouns);
    let report = super::pool(args.jobs)?.install(|| newsgraph::eval::evaluate_coref(&gold, &resolver, &lexicon));
    let mut out = std::io::stdout().lock();
    writeln!(out, "gold={} resolver=list (gold named mentions, gold types)", args.gold.display())
        .map_err(Error::Write)?;
    write!(out, "{report}").map_err(Error::Write)?;
    if args.errors > 0 {
        write!(out, "{}", report.errors(args.errors)).map_err(Error::Write)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_relations(args: EvalRelationsArgs) -> anyhow::Result<ExitCode> {
    let gold = read_gold(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let lexicon = Lexicon::builtin();
    let map: Vec<(String, Predicate)> = match &args.map {
        Some(path) => read_map(path)?,
        None => newsgraph::relate::EVAL_MAP.iter().map(|(l, p)| ((*l).to_owned(), *p)).collect(),
    };
    let model = match &args.relation_model {
        Some(path) => std::sync::Arc::new(newsgraph::relate::RelationModel::load(path)?),
        None => newsgraph::relate::RelationClassifier::builtin_model(),
    };
    let classifier =
        newsgraph::relate::RelationClassifier::new(lexicon.clone(), model).with_min_confidence(args.min_confidence);
    let recognizer = if args.predicted_entities { Some(super::recognizer(&args.recognizer, lexicon)?) } else { None };
    let start = std::time::Instant::now();
    let report = super::pool(args.jobs)?
        .install(|| newsgraph::eval::evaluate_relations(&gold, &classifier, &map, recognizer.as_deref()));
    let mut out = std::io::stdout().lock();
    let model_name = args.relation_model.as_ref().map_or("built-in".into(), |p| p.display().to_string());
    writeln!(out, "gold={} relation-model={model_name} min-confidence={}", args.gold.display(), args.min_confidence)
        .map_err(Error::Write)?;
    write!(out, "{report}").map_err(Error::Write)?;
    writeln!(out, "time: {:.2} s", start.elapsed().as_secs_f64()).map_err(Error::Write)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_quotes(args: EvalQuotesArgs) -> anyhow::Result<ExitCode> {
    use newsgraph::eval::{predict_quotes, score_quotes, QuotePredictions, Subset};
    let gold = read_gold(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    if gold.iter().all(|d| d.quotes.is_empty()) {
        return Err(Error::Usage(format!(
            "{}: no document has attributions (a `quotes` field, as in PolNeAR): nothing to score",
            args.gold.display()
        ))
        .into());
    }
    let pipeline = newsgraph::PipelineBuilder::new().pronouns(args.pronouns).build();
    let start = Instant::now();
    let predictions: Vec<QuotePredictions> = super::pool(args.jobs)?.install(|| {
        use rayon::prelude::*;
        gold.par_iter()
            .map(|d| QuotePredictions { id: d.id.clone(), quotes: predict_quotes(&pipeline.run_text(&d.text)) })
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    if let Some(path) = &args.predictions {
        write_jsonl(path, &predictions)?;
    }
    let subset = match args.subset {
        QuoteSubset::Direct => Subset::Direct,
        QuoteSubset::All => Subset::All,
    };
    let report = score_quotes(&gold, &predictions, subset);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", report.to_json()).map_err(Error::Write)?;
    } else {
        write!(out, "{report}").map_err(Error::Write)?;
    }
    // standard output is the script's, to diff; the rest goes to standard error, as its errors do
    eprint!("{}", report.errors(args.errors));
    let words: usize = gold.iter().map(|d| d.text.split_whitespace().count()).sum();
    eprintln!(
        "time: {seconds:.2} s to extract {} articles, {words} words ({:.0} words/s)",
        gold.len(),
        words as f64 / seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes one JSON object a line to `path` (a predictions file).
fn write_jsonl<T: Serialize>(path: &std::path::Path, lines: impl IntoIterator<Item = T>) -> anyhow::Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for line in lines {
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n").map_err(Error::Write)?;
    }
    out.flush().map_err(Error::Write)?;
    Ok(())
}

/// A `label,predicate` CSV (a header row is allowed).
fn read_map(path: &std::path::Path) -> anyhow::Result<Vec<(String, Predicate)>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut map = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("reading {}", path.display()))?;
        let (Some(label), Some(name)) = (row.get(0), row.get(1)) else {
            return Err(Error::Usage(format!("{}:{}: want `label,predicate`", path.display(), n + 1)).into());
        };
        match Predicate::from_name(name.trim()) {
            Some(p) => map.push((label.trim().to_owned(), p)),
            None if n == 0 => {} // a header
            None => {
                return Err(Error::Usage(format!("{}:{}: unknown predicate {name:?}", path.display(), n + 1)).into())
            }
        }
    }
    Ok(map)
}
