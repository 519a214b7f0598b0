//! `newsgraph extract`: articles in, N-Quads or JSONL out on standard output, no store.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use newsgraph::build::{Batch, BuildOptions};
use newsgraph::graph::ArticleRecord;
use newsgraph::ingest::read_inputs;
use newsgraph::model::{CharIndex, LayoutSpan};
use newsgraph::Error;
use serde_json::json;

use super::args::ExtractArgs;

/// One article's entities, statements and skipped layout as a JSON object (offsets in code
/// points).
fn article_json(record: &ArticleRecord, layout: &[LayoutSpan]) -> serde_json::Value {
    let a = &record.article;
    let chars = CharIndex::new(&a.text);
    let layout: Vec<serde_json::Value> = layout
        .iter()
        .map(|l| {
            let (start, end) = chars.to_chars(l.span);
            json!({ "kind": l.kind.name(), "start": start, "end": end })
        })
        .collect();
    // every mention of each entity, descriptions and pronouns too, sorted
    let mut offsets: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for m in &record.mentions {
        offsets.entry(m.entity.as_str()).or_default().push((m.start, m.end));
    }
    offsets.values_mut().for_each(|o| {
        o.sort_unstable();
        o.dedup();
    });
    let entities: Vec<serde_json::Value> = record
        .entities
        .iter()
        .map(|e| {
            json!({
                "key": e.key, "type": e.kind.label(), "name": e.name, "aliases": e.aliases,
                "wikidata": e.wikidata, "mentions": e.mentions.len(),
                "mention_offsets": offsets.get(e.key.as_str()).map_or(&[][..], Vec::as_slice),
                "nationality": e.nationality, "partOf": e.part_of, "capitalOf": e.capital_of,
                "ticker": e.ticker,
            })
        })
        .collect();
    let statements: Vec<serde_json::Value> = record
        .statements
        .iter()
        .map(|s| {
            json!({
                "subject": s.subject, "predicate": s.predicate.name(), "object": s.object,
                "targets": s.targets, "quote": s.quote, "quote_offsets": s.quote_offsets,
                "sentence": s.sentence, "evidence_offsets": s.evidence_offsets, "cue": s.cue,
                "cameo": s.cameo, "polarity": s.polarity.name(), "rule": s.rule.name(),
                "confidence": s.confidence, "subject_offsets": s.subject_offsets,
                "object_offsets": s.object_offsets,
            })
        })
        .collect();
    json!({
        "id": a.id, "title": a.title, "date": a.date, "url": a.url, "source": a.source, "author": a.author,
        "entities": entities, "statements": statements, "layout": layout,
    })
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let jsonl = match args.format.as_str() {
        "nquads" => false,
        "jsonl" => true,
        other => return Err(Error::Usage(format!("unknown extract format {other:?}: use nquads or jsonl")).into()),
    };
    let setup = super::build::setup(&args.pipeline)?;
    let stdout = std::io::stdout().lock();
    let mut quads = std::io::BufWriter::new(stdout);
    let mut lines = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failures = 0usize;
    let records = read_inputs(&args.paths, &setup.options);
    let batch = Batch::new(&setup.pipeline, &setup.minter, BuildOptions { jobs: setup.jobs, force: false });
    batch.nquads(records, |output| {
        let output = match output {
            Ok(output) => output,
            Err(error) => {
                failures += 1;
                eprintln!("newsgraph: {error}");
                return Ok(());
            }
        };
        if jsonl {
            serde_json::to_writer(&mut lines, &article_json(&output.record, &output.layout))
                .map_err(|e| Error::Write(std::io::Error::other(e)))?;
            lines.write_all(b"\n").map_err(Error::Write)?;
        } else {
            // the quads as the N-Quads serialiser writes them, formatted once already
            quads.write_all(output.nquads.as_bytes()).map_err(Error::Write)?;
        }
        Ok(())
    })?;
    quads.flush().map_err(Error::Write)?;
    lines.flush().map_err(Error::Write)?;
    super::build::report_skipped(&setup.options);
    Ok(if failures > 0 { ExitCode::from(super::EXIT_INPUT_FAILED) } else { ExitCode::SUCCESS })
}
