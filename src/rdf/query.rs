//! SPARQL queries over the store: results serialised by Oxigraph, or an aligned table.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator, Variable};

use super::vocab::PREFIXES;
use super::GraphStore;
use crate::error::{Error, Result};

/// How to write query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// An aligned text table (SELECT, ASK); Turtle for CONSTRUCT and DESCRIBE.
    Table,
    /// A SPARQL results format (SELECT, ASK).
    Results(QueryResultsFormat),
    /// An RDF format (CONSTRUCT, DESCRIBE).
    Rdf(RdfFormat),
}

impl ResultFormat {
    /// Parses a format name: `table`, `csv`, `tsv`, `json`, `xml`, or any RDF format name or
    /// extension (`turtle`, `ttl`, `ntriples`, `nq`, `trig`, `rdfxml`, `jsonld`).
    ///
    /// ```
    /// use newsgraph::rdf::ResultFormat;
    /// assert!(ResultFormat::from_name("tsv").is_some());
    /// assert!(ResultFormat::from_name("turtle").is_some());
    /// assert!(ResultFormat::from_name("docx").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        Some(match name.as_str() {
            "table" => ResultFormat::Table,
            "csv" => ResultFormat::Results(QueryResultsFormat::Csv),
            "tsv" => ResultFormat::Results(QueryResultsFormat::Tsv),
            "json" => ResultFormat::Results(QueryResultsFormat::Json),
            "xml" => ResultFormat::Results(QueryResultsFormat::Xml),
            other => ResultFormat::Rdf(rdf_format_from_name(other)?),
        })
    }
}

/// An RDF format by name or file extension.
///
/// ```
/// use oxigraph::io::RdfFormat;
/// assert_eq!(newsgraph::rdf::rdf_format_from_name("trig"), Some(RdfFormat::TriG));
/// assert_eq!(newsgraph::rdf::rdf_format_from_name("rdfxml"), Some(RdfFormat::RdfXml));
/// ```
pub fn rdf_format_from_name(name: &str) -> Option<RdfFormat> {
    match name.to_ascii_lowercase().as_str() {
        "turtle" => Some(RdfFormat::Turtle),
        "ntriples" | "n-triples" => Some(RdfFormat::NTriples),
        "nquads" | "n-quads" => Some(RdfFormat::NQuads),
        "trig" => Some(RdfFormat::TriG),
        "rdfxml" | "rdf-xml" | "xml" => Some(RdfFormat::RdfXml),
        "jsonld" | "json-ld" => Some(RdfFormat::JsonLd { profile: Default::default() }),
        other => RdfFormat::from_extension(other),
    }
}

/// What a query returned, for callers that want values rather than bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutput {
    /// Variable names and rows (unbound cells are `None`).
    Solutions(Vec<String>, Vec<Vec<Option<Term>>>),
    /// An ASK answer.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE triples.
    Triples(Vec<oxigraph::model::Triple>),
}

/// Runs SPARQL over a store; the default graph is the union of all article graphs, and the
/// prefixes of [`PREFIXES`] are predeclared.
pub struct SparqlRunner<'a> {
    store: &'a GraphStore,
}

impl<'a> SparqlRunner<'a> {
    /// A runner over `store`.
    pub fn new(store: &'a GraphStore) -> Self {
        SparqlRunner { store }
    }

    fn execute(&self, query: &str) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in PREFIXES {
            evaluator = evaluator.with_prefix(prefix, iri)?;
        }
        let mut prepared = evaluator.parse_query(query)?;
        prepared.dataset_mut().set_default_graph_as_union();
        Ok(prepared.on_store(self.store.inner()).execute()?)
    }

    /// Runs a query and collects its results.
    pub fn run(&self, query: &str) -> Result<QueryOutput> {
        Ok(match self.execute(query)? {
            QueryResults::Solutions(solutions) => {
                let vars: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_owned()).collect();
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(vars.iter().map(|v| s.get(v.as_str()).cloned()).collect());
                }
                QueryOutput::Solutions(vars, rows)
            }
            QueryResults::Boolean(b) => QueryOutput::Boolean(b),
            QueryResults::Graph(triples) => QueryOutput::Triples(triples.collect::<Result<_, _>>()?),
        })
    }

    /// Runs a query and writes its results in `format`.
    pub fn write(&self, query: &str, format: ResultFormat, mut out: impl Write) -> Result<()> {
        match (self.execute(query)?, format) {
            (QueryResults::Solutions(solutions), ResultFormat::Results(f)) => {
                let vars: Vec<Variable> = solutions.variables().to_vec();
                let mut w = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(out, vars)
                    .map_err(Error::Write)?;
                for s in solutions {
                    w.serialize(&s?).map_err(Error::Write)?;
                }
                w.finish().map_err(Error::Write)?;
            }
            (QueryResults::Solutions(solutions), ResultFormat::Table) => {
                let vars: Vec<Variable> = solutions.variables().to_vec();
                let rows: Vec<QuerySolution> = solutions.collect::<Result<_, _>>()?;
                write_table(&vars, &rows, &mut out).map_err(Error::Write)?;
            }
            (QueryResults::Boolean(b), ResultFormat::Results(f)) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(out, b).map_err(Error::Write)?;
            }
            (QueryResults::Boolean(b), ResultFormat::Table) => writeln!(out, "{b}").map_err(Error::Write)?,
            (QueryResults::Graph(triples), ResultFormat::Rdf(f)) => write_triples(triples, f, out)?,
            (QueryResults::Graph(triples), ResultFormat::Table) => write_triples(triples, RdfFormat::Turtle, out)?,
            (QueryResults::Graph(_), ResultFormat::Results(_)) => {
                return Err(Error::Usage(
                    "CONSTRUCT and DESCRIBE give RDF: use --format turtle, ntriples, rdfxml, jsonld…".into(),
                ))
            }
            (_, ResultFormat::Rdf(_)) => {
                return Err(Error::Usage(
                    "SELECT and ASK give solutions: use --format table, csv, tsv, json or xml".into(),
                ))
            }
        }
        Ok(())
    }
}

fn write_triples(triples: oxigraph::sparql::QueryTripleIter<'_>, format: RdfFormat, out: impl Write) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer.with_prefix(prefix, iri)?;
    }
    let mut w = serializer.for_writer(out);
    for t in triples {
        w.serialize_triple(&t?).map_err(Error::Write)?;
    }
    w.finish().map_err(Error::Write)?;
    Ok(())
}

/// A cell as a person reads it: literals by value, IRIs shortened by the known prefixes.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => PREFIXES
            .iter()
            .find_map(|(p, ns)| n.as_str().strip_prefix(ns).map(|local| format!("{p}:{local}")))
            .unwrap_or_else(|| n.as_str().to_owned()),
        other => other.to_string(),
    }
}

fn write_table(vars: &[Variable], rows: &[QuerySolution], out: &mut impl Write) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vars.iter().map(|v| r.get(v).map(display_term).unwrap_or_default().replace('\n', " ")).collect())
        .collect();
    let mut widths: Vec<usize> = vars.iter().map(|v| v.as_str().chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count().min(80));
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        let parts: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, &w)| {
                let c: String =
                    if c.chars().count() > 80 { c.chars().take(79).chain(['…']).collect() } else { c.clone() };
                format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count())))
            })
            .collect();
        writeln!(out, "{}", parts.join("  ").trim_end())
    };
    let header: Vec<String> = vars.iter().map(|v| v.as_str().to_owned()).collect();
    line(out, &header)?;
    line(out, &widths.iter().map(|&w| "-".repeat(w)).collect::<Vec<_>>())?;
    for row in &cells {
        line(out, row)?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })
}
