//! `newsgraph export`: the store in any RDF syntax, written by Oxigraph, or the knowledge
//! graph for graph tools (GraphML, GEXF, DOT, Cytoscape.js JSON, Neo4j CSV, an HTML view).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph::export::{ExportFormat, ExportGraph, Selection};
use newsgraph::ingest::normalize_date;
use newsgraph::model::{EntityKind, Predicate};
use newsgraph::rdf::{rdf_format_from_name, read_graph, read_minter, GraphStore, Minter};
use newsgraph::Error;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use super::args::{ExportArgs, SelectionArgs};

/// What `--format` (or the output's extension) asks for.
enum Format {
    Rdf(RdfFormat),
    Graph(ExportFormat),
}

const FORMATS: &str = "turtle, ntriples, nquads, trig, rdfxml, jsonld, graphml, gexf, dot, cytoscape, csv or html";

fn format(args: &ExportArgs) -> Result<Format, Error> {
    if let Some(name) = &args.format {
        return ExportFormat::from_name(name)
            .map(Format::Graph)
            .or_else(|| rdf_format_from_name(name).map(Format::Rdf))
            .ok_or_else(|| Error::Usage(format!("unknown format {name:?}: use {FORMATS}")));
    }
    let extension = args.output.as_deref().and_then(Path::extension).and_then(|e| e.to_str());
    extension
        .and_then(|e| {
            ExportFormat::from_extension(e).map(Format::Graph).or_else(|| RdfFormat::from_extension(e).map(Format::Rdf))
        })
        .ok_or_else(|| Error::Usage(format!("give --format ({FORMATS}), or -o a file whose extension names one")))
}

/// The checked selection.
fn selection(args: &SelectionArgs) -> Result<Selection, Error> {
    let types = (!args.types.is_empty())
        .then(|| {
            args.types
                .iter()
                .map(|t| {
                    EntityKind::from_name(t).ok_or_else(|| {
                        Error::Usage(format!("unknown type {t:?} (person, organization, country, place)"))
                    })
                })
                .collect::<Result<BTreeSet<_>, _>>()
        })
        .transpose()?;
    let predicates = (!args.predicates.is_empty())
        .then(|| {
            args.predicates
                .iter()
                .map(|p| {
                    Predicate::ALL.into_iter().find(|x| x.name().eq_ignore_ascii_case(p)).ok_or_else(|| {
                        let known: Vec<&str> = Predicate::ALL.iter().map(|p| p.name()).collect();
                        Error::Usage(format!("unknown predicate {p:?} ({})", known.join(", ")))
                    })
                })
                .collect::<Result<BTreeSet<_>, _>>()
        })
        .transpose()?;
    let date = |d: &Option<String>, flag: &str| {
        d.as_deref()
            .map(|d| normalize_date(d).ok_or_else(|| Error::Usage(format!("{flag} {d:?} is not a date (YYYY-MM-DD)"))))
            .transpose()
    };
    Ok(Selection {
        types,
        predicates,
        min_mentions: args.min_mentions,
        top: args.top,
        since: date(&args.since, "--since")?,
        until: date(&args.until, "--until")?,
        around: args.around.clone(),
        depth: args.depth,
        aggregate: args.aggregate,
    })
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    match format(&args)? {
        Format::Rdf(format) => run_rdf(&args, format),
        Format::Graph(format) => run_graph(&args, format),
    }
}

fn run_rdf(args: &ExportArgs, format: RdfFormat) -> anyhow::Result<ExitCode> {
    if args.selection.is_set() {
        return Err(Error::Usage(
            "--types, --predicates, --min-mentions, --top, --since, --until, --around and --aggregate work with graph formats (graphml, gexf, dot, cytoscape, csv, html)".into(),
        )
        .into());
    }
    let graph = args.graph.as_deref().map(NamedNode::new).transpose().map_err(Error::from)?;
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    if let Some(g) = &graph {
        if !store.contains_graph(g)? {
            let hint = "`newsgraph query 'SELECT DISTINCT ?g { GRAPH ?g {} }'` lists them";
            return Err(
                Error::Usage(format!("the store at {} has no graph {g}; {hint}", args.store.store.display())).into()
            );
        }
    }
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
            let mut w = std::io::BufWriter::new(file);
            store.export(format, graph.as_ref(), &mut w)?;
            w.flush().map_err(|e| Error::io(path, e))?;
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            store.export(format, graph.as_ref(), &mut w)?;
            w.flush().map_err(Error::Write)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_graph(args: &ExportArgs, format: ExportFormat) -> anyhow::Result<ExitCode> {
    if args.graph.is_some() {
        return Err(Error::Usage("--graph works with RDF formats only".into()).into());
    }
    if format.writes_folder() && args.output.is_none() {
        return Err(Error::Usage(format!("--format {} writes a folder: give -o DIR", format.name())).into());
    }
    let selection = selection(&args.selection)?;
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    let graph = read_graph(&store).context("reading the graph from the store")?;
    let minter = match read_minter(&store)? {
        Some(m) => m,
        None => Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI)?,
    };
    let export = ExportGraph::new(&graph, &graph.analytics(), &minter, &selection)?;
    match &args.output {
        Some(path) => {
            format.write_to(&export, path)?;
            eprintln!(
                "wrote {} entities and {} edges as {} to {}",
                export.nodes.len(),
                export.edges.len(),
                format.name(),
                path.display()
            );
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            format.write(&export, &mut w)?;
            w.flush().map_err(Error::Write)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
