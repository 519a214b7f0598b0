//! `newsgraph train ner`: annotated documents in, a tagger model file out.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph::gold::read_gold;
use newsgraph::lexicon::Lexicon;
use newsgraph::recognize::tagger::{train, FeatureExtractor, TrainOptions};
use newsgraph::Error;

use super::args::{TrainNerArgs, TrainQuotesArgs, TrainRelationsArgs};

pub fn run_ner(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut docs = Vec::new();
    for path in &args.data {
        docs.extend(read_gold(path).with_context(|| format!("reading {}", path.display()))?);
    }
    let lexicon = Lexicon::builtin();
    let extractor = FeatureExtractor::new(lexicon.clone());
    let options =
        TrainOptions { epochs: args.epochs, seed: args.seed, min_count: args.min_count, ..TrainOptions::default() };
    // file names only: the same data under another folder gives the same model bytes
    let names = data_names(&args.data);
    let (model, report) = train(&docs, &extractor, &lexicon, &options, names);
    model.save(&args.output)?;
    let size = std::fs::metadata(&args.output).map(|m| m.len()).unwrap_or(0);
    writeln!(
        std::io::stdout(),
        "trained on {} documents ({} skipped as non-commercial), {} sentences ({} skipped), {} tokens, {} entities ({} misaligned, {} dropped); {} features; wrote {} ({:.1} MB) in {:.1} s",
        report.documents,
        report.skipped_documents,
        report.sentences,
        report.skipped_sentences,
        report.tokens,
        report.entities,
        report.misaligned,
        report.dropped,
        model.features(),
        args.output.display(),
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    )
    .map_err(Error::Write)?;
    Ok(ExitCode::SUCCESS)
}

/// Training files by folder and name only: the same data under another folder gives the same
/// model bytes.
fn data_names(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            let parent = p.parent().and_then(|d| d.file_name()).map(|d| d.to_string_lossy().into_owned());
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            parent.map_or(name.clone(), |d| format!("{d}/{name}"))
        })
        .collect()
}

pub fn run_relations(args: TrainRelationsArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut docs = Vec::new();
    for path in &args.data {
        docs.extend(read_gold(path).with_context(|| format!("reading {}", path.display()))?);
    }
    let features = newsgraph::relate::RelationFeatures::new(Lexicon::builtin());
    let options = newsgraph::relate::RelationTrainOptions { epochs: args.epochs, seed: args.seed };
    let map = newsgraph::relate::train_map();
    let (model, report) = newsgraph::relate::train_relations(&docs, &map, &features, &options, data_names(&args.data));
    model.save(&args.output)?;
    let classes: Vec<String> = newsgraph::relate::CLASSES
        .iter()
        .zip(report.per_class)
        .map(|(c, n)| format!("{} {n}", c.map_or("none", |p| p.name())))
        .collect();
    writeln!(
        std::io::stdout(),
        "trained on {} documents ({} skipped as non-commercial): candidate pairs {} ({} left out); {} features; wrote {} in {:.1} s",
        report.docs,
        report.skipped_licence,
        classes.join(", "),
        report.left_out,
        model.features(),
        args.output.display(),
        start.elapsed().as_secs_f64()
    )
    .map_err(Error::Write)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_quotes(args: TrainQuotesArgs) -> anyhow::Result<ExitCode> {
    use newsgraph::extract::attribution::{train_attribution, AttributionTrainOptions};
    let start = Instant::now();
    let mut docs = Vec::new();
    for path in &args.data {
        docs.extend(read_gold(path).with_context(|| format!("reading {}", path.display()))?);
    }
    if docs.iter().all(|d| d.quotes.is_empty()) {
        anyhow::bail!("no article in the training data has attributions (`quotes`)");
    }
    let lexicon = Lexicon::builtin();
    let options = AttributionTrainOptions { epochs: args.epochs, seed: args.seed, min_count: args.min_count };
    let pipeline = newsgraph::Pipeline::new();
    let articles: Vec<_> = docs
        .iter()
        .map(|gold| {
            let (doc, mentions) = pipeline.recognize(&gold.text);
            newsgraph::extract::attribution::TrainingArticle { gold, doc, mentions }
        })
        .collect();
    let (model, report) = train_attribution(&articles, &lexicon, &options, data_names(&args.data));
    model.save(&args.output)?;
    let size = std::fs::metadata(&args.output).map(|m| m.len()).unwrap_or(0);
    writeln!(
        std::io::stdout(),
        "trained on {} articles, {} tokens, {} attributions ({} misaligned); {} features; wrote {} ({:.1} MB) in {:.1} s",
        report.documents,
        report.tokens,
        report.attributions,
        report.misaligned,
        model.features(),
        args.output.display(),
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    )
    .map_err(Error::Write)?;
    if let (Some(dev), Some(out)) = (&args.dev, &args.predictions) {
        let docs = read_gold(dev).with_context(|| format!("reading {}", dev.display()))?;
        write_spans(&model, &pipeline, &docs, &lexicon, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The model's own spans on annotated articles, in the scorer's prediction format.
fn write_spans(
    model: &newsgraph::extract::attribution::AttributionModel,
    pipeline: &newsgraph::Pipeline,
    docs: &[newsgraph::gold::GoldDoc],
    lexicon: &Lexicon,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    use newsgraph::extract::attribution::find;
    let mut lines = String::new();
    for d in docs {
        let (doc, mentions) = pipeline.recognize(&d.text);
        let index = newsgraph::model::CharIndex::new(&d.text);
        let quotes: Vec<serde_json::Value> = find(model, &doc, &mentions, lexicon)
            .into_iter()
            .filter_map(|f| {
                let first = f.content.first()?.clone();
                let last = f.content.last()?.clone();
                let (cs, ce) = index.to_chars(doc.span_of(first.start..last.end));
                let speaker: Vec<[usize; 2]> = f
                    .source
                    .map(|s| {
                        let (a, b) = index.to_chars(doc.span_of(s));
                        vec![[a, b]]
                    })
                    .unwrap_or_default();
                Some(serde_json::json!({"content_start": cs, "content_end": ce, "speaker_spans": speaker, "speaker_names": []}))
            })
            .collect();
        lines.push_str(&serde_json::json!({"id": d.id, "quotes": quotes}).to_string());
        lines.push('\n');
    }
    std::fs::write(out, lines).with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}
