//! `newsgraph stats`: counts by type, top entities, statements by predicate.

use std::process::ExitCode;

use anyhow::Context;
use std::io::Write;

use newsgraph::rdf::{display_term, GraphStore, QueryOutput, SparqlRunner};
use newsgraph::Error;

use super::args::StatsArgs;

const BY_TYPE: &str =
    "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ng:key ?k ; a ?type } GROUP BY ?type ORDER BY DESC(?n) ?type";
// grouped by entity: an entity named differently in two articles has two labels, shown once
const TOP: &str = "SELECT (MIN(?label) AS ?name) (SAMPLE(?class) AS ?type) (COUNT(DISTINCT ?m) AS ?mentions) WHERE { ?m ng:refersTo ?e . ?e rdfs:label ?label ; a ?class } GROUP BY ?e ORDER BY DESC(?mentions) ?name LIMIT ";
const BY_PREDICATE: &str = "SELECT ?predicate (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ng:Statement ; rdf:predicate ?predicate } GROUP BY ?predicate ORDER BY DESC(?n) ?predicate";
const ARTICLES: &str = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }";

pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let runner = SparqlRunner::new(&store);
    let rows = |q: &str| -> anyhow::Result<Vec<Vec<String>>> {
        match runner.run(q)? {
            QueryOutput::Solutions(_, rows) => Ok(rows
                .iter()
                .map(|r| r.iter().map(|c| c.as_ref().map(display_term).unwrap_or_default()).collect())
                .collect()),
            _ => unreachable!("SELECT gives solutions"),
        }
    };
    let mut out = std::io::stdout().lock();
    let articles = rows(ARTICLES)?;
    writeln!(out, "articles: {}", articles[0][0]).map_err(Error::Write)?;
    writeln!(out, "triples: {}", store.len()?).map_err(Error::Write)?;
    writeln!(out, "\nentities by type:").map_err(Error::Write)?;
    for r in rows(BY_TYPE)? {
        writeln!(out, "  {:<22} {:>7}", r[0], r[1]).map_err(Error::Write)?;
    }
    writeln!(out, "\ntop {} entities by mentions:", args.top).map_err(Error::Write)?;
    for r in rows(&format!("{TOP}{}", args.top))? {
        writeln!(out, "  {:<40} {:<22} {:>7}", r[0], r[1], r[2]).map_err(Error::Write)?;
    }
    writeln!(out, "\nstatements by predicate:").map_err(Error::Write)?;
    for r in rows(BY_PREDICATE)? {
        writeln!(out, "  {:<22} {:>7}", r[0], r[1]).map_err(Error::Write)?;
    }
    Ok(ExitCode::SUCCESS)
}
