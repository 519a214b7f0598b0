//! `newsgraph query`: SPARQL over the store.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use newsgraph::rdf::{GraphStore, ResultFormat, SparqlRunner};
use newsgraph::Error;

use super::args::QueryArgs;

pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let query = match (&args.query, &args.file) {
        (_, Some(file)) => std::fs::read_to_string(file)
            .map_err(|e| Error::Usage(format!("cannot read the query file {}: {e}", file.display())))?,
        (Some(q), None) => q.clone(),
        (None, None) => unreachable!("clap requires one"),
    };
    let format = match &args.format {
        Some(name) => ResultFormat::from_name(name).ok_or_else(|| Error::Usage(format!("unknown format {name:?}")))?,
        None if std::io::stdout().is_terminal() => ResultFormat::Table,
        None => ResultFormat::from_name("tsv").expect("tsv is known"),
    };
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    SparqlRunner::new(&store).write(&query, format, &mut out)?;
    out.flush().map_err(Error::Write)?;
    Ok(ExitCode::SUCCESS)
}
