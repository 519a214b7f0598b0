//! `newsgraph stats`: counts by type, top entities, statements by predicate.

use std::process::ExitCode;

use anyhow::Context;
use newsgraph::rdf::{display_term, GraphStore, QueryOutput, SparqlRunner};

use super::args::StatsArgs;

const BY_TYPE: &str =
    "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ng:key ?k ; a ?type } GROUP BY ?type ORDER BY DESC(?n) ?type";
const TOP: &str = "SELECT ?name ?type (COUNT(DISTINCT ?m) AS ?mentions) WHERE { ?m ng:refersTo ?e . ?e rdfs:label ?name ; a ?type } GROUP BY ?e ?name ?type ORDER BY DESC(?mentions) ?name LIMIT ";
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
    let articles = rows(ARTICLES)?;
    println!("articles: {}", articles[0][0]);
    println!("triples: {}", store.len()?);
    println!("\nentities by type:");
    for r in rows(BY_TYPE)? {
        println!("  {:<22} {:>7}", r[0], r[1]);
    }
    println!("\ntop {} entities by mentions:", args.top);
    for r in rows(&format!("{TOP}{}", args.top))? {
        println!("  {:<40} {:<22} {:>7}", r[0], r[1], r[2]);
    }
    println!("\nstatements by predicate:");
    for r in rows(BY_PREDICATE)? {
        println!("  {:<22} {:>7}", r[0], r[1]);
    }
    Ok(ExitCode::SUCCESS)
}
