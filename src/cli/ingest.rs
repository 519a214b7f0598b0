//! `newsgraph ingest`: articles in, the articles as newsgraph reads them out, one JSON object per
//! line (id, url, title, date, author, publisher, text), so that what was extracted from web
//! pages and archives can be checked, and fed to `build`, `extract` or Spark.

use std::io::Write;
use std::process::ExitCode;

use newsgraph::ingest::{normalize_date, read_inputs, IngestOptions};
use newsgraph::model::Article;
use newsgraph::Error;
use serde_json::json;

use super::args::IngestArgs;

/// One article as a JSON object, in the fields `build` reads from JSONL.
fn article_json(a: &Article) -> serde_json::Value {
    json!({
        "id": a.id, "url": a.url, "title": a.title, "date": a.date, "author": a.author,
        "publisher": a.source, "text": a.text,
    })
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if args.format != "jsonl" {
        return Err(Error::Usage(format!("unknown ingest format {:?}: use jsonl", args.format)).into());
    }
    let default_date = match &args.date {
        Some(d) => Some(normalize_date(d).ok_or_else(|| Error::Usage(format!("--date {d:?} is not YYYY-MM-DD")))?),
        None => None,
    };
    let options = IngestOptions {
        default_date,
        max_article_bytes: args.max_article_mb.saturating_mul(1024 * 1024),
        ..IngestOptions::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failures = 0usize;
    for record in read_inputs(&args.paths, &options) {
        match record {
            Ok(article) => {
                serde_json::to_writer(&mut out, &article_json(&article))
                    .map_err(|e| Error::Write(std::io::Error::other(e)))?;
                out.write_all(b"\n").map_err(Error::Write)?;
            }
            Err(error) => {
                failures += 1;
                eprintln!("newsgraph: {error}");
            }
        }
    }
    out.flush().map_err(Error::Write)?;
    super::build::report_skipped(&options);
    Ok(if failures > 0 { ExitCode::from(super::EXIT_INPUT_FAILED) } else { ExitCode::SUCCESS })
}
