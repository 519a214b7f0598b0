//! `newsgraph stats`: counts by type, top entities, statements by predicate.

use std::process::ExitCode;

use anyhow::Context;
use std::io::Write;

use newsgraph::rdf::{display_term, GraphStore, QueryOutput, SparqlRunner};
use newsgraph::Error;

use super::args::StatsArgs;

// the corpus graph has one description per entity, with its counts
const BY_TYPE: &str =
    "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e ng:mentionCount ?m ; a ?type } GROUP BY ?type ORDER BY DESC(?n) ?type";
const TOP: &str = "SELECT ?name ?type ?mentions WHERE { ?e ng:mentionCount ?mentions ; rdfs:label ?name ; a ?type } \
    ORDER BY DESC(?mentions) ?name LIMIT ";
const BY_PREDICATE: &str = "SELECT ?predicate (COUNT(?s) AS ?n) WHERE { ?s rdf:predicate ?predicate } \
    GROUP BY ?predicate ORDER BY DESC(?n) ?predicate";
const ARTICLES: &str = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }";

pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    if args.rank {
        return rank(&args);
    }
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
    writeln!(out, "triples: {}", store.data_len()?).map_err(Error::Write)?;
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

/// `stats --rank`: the top entities by PageRank, read from the graph in the store.
fn rank(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let path = &args.store.store;
    let store = if args.store_analytics { GraphStore::open_existing(path) } else { GraphStore::open_read_only(path) }
        .with_context(|| format!("opening the store at {}", path.display()))?;
    let graph = newsgraph::rdf::read_graph(&store).context("reading the graph from the store")?;
    let analytics = graph.analytics();
    let mut out = std::io::stdout().lock();
    let largest = analytics.iter().filter(|(_, m)| m.component == 0).count();
    writeln!(
        out,
        "graph: {} entities, {} statement edges, {} components (the largest has {largest} entities), {} communities",
        graph.entity_count(),
        graph.edge_count(),
        analytics.component_count(),
        analytics.community_count()
    )
    .map_err(Error::Write)?;
    writeln!(out, "\ntop {} entities by PageRank:", args.top).map_err(Error::Write)?;
    let header = ["name", "type", "mentions", "degree", "weighted", "pagerank", "component", "community"];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for (key, m) in analytics.ranked().into_iter().take(args.top) {
        let e = graph.entity(key).expect("analytics cover every entity");
        rows.push(vec![
            e.name.clone(),
            e.kind.slug().to_owned(),
            e.mentions.to_string(),
            m.degree.to_string(),
            m.weighted_degree.to_string(),
            format!("{:.6}", m.page_rank),
            m.component.to_string(),
            m.community.to_string(),
        ]);
    }
    let widths: Vec<usize> =
        (0..header.len()).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, &w))| if c < 2 { format!("{cell:<w$}") } else { format!("{cell:>w$}") })
            .collect();
        writeln!(out, "  {}", cells.join("  ").trim_end()).map_err(Error::Write)?;
    }
    if args.store_analytics {
        let minter = newsgraph::rdf::read_minter(&store)?
            .ok_or_else(|| Error::Usage("the store has no articles: nothing to rank".into()))?;
        let quads = newsgraph::rdf::analytics_quads(&analytics, &minter);
        newsgraph::rdf::store_analytics(&store, &minter, &quads)?;
        store.flush()?;
        writeln!(out, "\nstored {} triples in <{}>", quads.len(), minter.analytics().as_str()).map_err(Error::Write)?;
    }
    Ok(ExitCode::SUCCESS)
}
