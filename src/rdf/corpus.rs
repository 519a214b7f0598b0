//! The corpus graph (`{base}corpus`): one description per entity (type, label, aliases, links,
//! counts of mentions and articles, first and last date) and one aggregate edge per (subject,
//! predicate, object) of the asserted statements, with its direct triple, its count, dates and
//! statement nodes. It is derived from the article graphs and merge logs of the store alone, so
//! a build, an incremental build and a load of extracted shards give the same graph.
//!
//! ```
//! use newsgraph::rdf::{article_quads, recompute_corpus, GraphStore, Minter};
//! let mut graph = newsgraph::graph::KnowledgeGraph::new();
//! graph.add(&newsgraph::Pipeline::new().run_text("Estonia accused Russia of jamming flights."));
//! let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
//! let store = GraphStore::in_memory().unwrap();
//! store.extend(&article_quads(&graph.articles()[0], &minter)).unwrap();
//! let summary = recompute_corpus(&store, &minter).unwrap();
//! assert_eq!((summary.entities, summary.edges), (2, 1));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use super::query::{QueryOutput, SparqlRunner};
use super::vocab::*;
use super::{GraphStore, Minter};
use crate::error::Result;
use crate::graph::{CorpusEntity, EdgeTallies, EntityTally, Link};

/// What a corpus update wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusSummary {
    /// Entity descriptions written.
    pub entities: usize,
    /// Aggregate edges written.
    pub edges: usize,
    /// Quads written.
    pub quads: usize,
}

/// The links an article states of an entity in its merge log, and their properties.
const LINKS: [(Link, &str); 5] = [
    (Link::Wikidata, NG_ARTICLE_SAME_AS),
    (Link::CapitalOf, NG_ARTICLE_CAPITAL_OF),
    (Link::Nationality, NG_ARTICLE_NATIONALITY),
    (Link::PartOf, NG_ARTICLE_PART_OF),
    (Link::Ticker, NG_ARTICLE_TICKER),
];

fn nn(s: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(s)
}

/// A literal's value or an IRI's text.
fn value(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// A `VALUES` clause binding `var` to `iris`, or nothing (every value) when `None`.
fn values(var: &str, iris: Option<&[NamedNode]>) -> String {
    match iris {
        Some(iris) => {
            let list: Vec<String> = iris.iter().map(ToString::to_string).collect();
            format!("VALUES ?{var} {{ {} }}", list.join(" "))
        }
        None => String::new(),
    }
}

/// One row of a SELECT: a cell's text by column, and a count.
struct Row<'r>(&'r [Option<Term>]);

impl Row<'_> {
    fn text(&self, i: usize) -> Option<&str> {
        self.0.get(i)?.as_ref().and_then(value)
    }

    fn count(&self, i: usize) -> usize {
        self.text(i).and_then(|n| n.parse().ok()).unwrap_or(0)
    }
}

/// Reads what the articles of a store say of entities and statements, with SPARQL: the store
/// groups and counts without decoding each quad.
struct Reader<'a> {
    runner: SparqlRunner<'a>,
}

impl<'a> Reader<'a> {
    fn new(store: &'a GraphStore) -> Self {
        Reader { runner: SparqlRunner::new(store) }
    }

    fn select(&self, query: &str, mut each: impl FnMut(Row<'_>)) -> Result<()> {
        if let QueryOutput::Solutions(_, rows) = self.runner.run(query)? {
            for r in &rows {
                each(Row(r));
            }
        }
        Ok(())
    }

    /// The tallies of the entities `entities` (of every entity when `None`), by IRI.
    fn entities(&self, entities: Option<&[NamedNode]>) -> Result<BTreeMap<String, EntityTally>> {
        let values = values("e", entities);
        let mut tallies: BTreeMap<String, EntityTally> = BTreeMap::new();
        let articles = format!(
            "SELECT ?e (COUNT(?a) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{ {values} \
             GRAPH ?a {{ ?a schema:mentions ?e OPTIONAL {{ ?a schema:datePublished ?d }} }} }} GROUP BY ?e"
        );
        self.select(&articles, |r| {
            if let Some(e) = r.text(0) {
                tallies.entry(e.to_owned()).or_default().add_articles(r.count(1), r.text(2), r.text(3));
            }
        })?;
        let mentions = format!("SELECT ?e (COUNT(?m) AS ?n) WHERE {{ {values} ?m ng:refersTo ?e }} GROUP BY ?e");
        self.select(&mentions, |r| {
            if let Some(t) = r.text(0).and_then(|e| tallies.get_mut(e)) {
                t.add_mentions(r.count(1));
            }
        })?;
        let grouped =
            |p: &str| format!("SELECT ?e ?v (COUNT(*) AS ?n) WHERE {{ {values} ?e <{p}> ?v }} GROUP BY ?e ?v");
        self.select(&grouped(NG_ARTICLE_LABEL), |r| {
            if let (Some(t), Some(v)) = (r.text(0).and_then(|e| tallies.get_mut(e)), r.text(1)) {
                t.add_name(v, r.count(2));
            }
        })?;
        self.select(&grouped(NG_ARTICLE_ALIAS), |r| {
            if let (Some(t), Some(v)) = (r.text(0).and_then(|e| tallies.get_mut(e)), r.text(1)) {
                t.add_alias(v);
            }
        })?;
        for (link, p) in LINKS {
            self.select(&grouped(p), |r| {
                let v = r.text(1).and_then(|v| match link {
                    Link::Wikidata => v.strip_prefix(WD).map(str::to_owned),
                    Link::Ticker => Some(v.to_owned()),
                    _ => Minter::entity_key(v),
                });
                if let (Some(t), Some(v)) = (r.text(0).and_then(|e| tallies.get_mut(e)), v) {
                    t.add_link(link, &v, r.count(2));
                }
            })?;
        }
        Ok(tallies)
    }

    /// The aggregate edges of the asserted statements whose subject is one of `subjects` (of
    /// every statement when `None`), by (subject, predicate, object) IRIs: to the object by
    /// the statement's predicate, and to each entity named in the content by `ng:statedAbout`.
    fn edges(&self, subjects: Option<&[NamedNode]>) -> Result<EdgeTallies> {
        let values = values("s", subjects);
        let mut tallies = EdgeTallies::new();
        for (predicate, object) in [("?p", "rdf:object"), (&format!("<{NG_STATED_ABOUT}>"), "ng:target")] {
            let bind = if predicate == "?p" { "rdf:predicate ?p ;" } else { "" };
            let query = format!(
                "SELECT ?s ({predicate} AS ?property) ?o (MIN(?d) AS ?first) (MAX(?d) AS ?last) \
                 (GROUP_CONCAT(STR(?st); separator=\" \") AS ?statements) WHERE {{ {values} \
                 GRAPH ?g {{ ?st rdf:subject ?s ; ng:polarity \"asserted\" ; {bind} {object} ?o \
                 OPTIONAL {{ ?st ng:date ?d }} }} }} GROUP BY ?s ?o {}",
                if predicate == "?p" { "?p" } else { "" }
            );
            self.select(&query, |r| {
                if let (Some(s), Some(p), Some(o)) = (r.text(0), r.text(1), r.text(2)) {
                    let statements = r.text(5).unwrap_or_default().split(' ').filter(|x| !x.is_empty());
                    let edge = (s.to_owned(), p.to_owned(), o.to_owned());
                    tallies.entry(edge).or_default().add(statements, r.text(3), r.text(4));
                }
            })?;
        }
        Ok(tallies)
    }
}

/// The local name of a property IRI (`accused` of `ng:accused`).
fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// Writes the corpus graph's quads of entities and edges.
struct Writer<'m> {
    minter: &'m Minter,
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Writer<'_> {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(s.clone(), nn(p).into_owned(), o, self.graph.clone()));
    }

    fn date(d: &str) -> Literal {
        Literal::new_typed_literal(d, nn(XSD_DATE))
    }

    fn entity(&mut self, iri: &str, corpus: &CorpusEntity) {
        let (node, e) = (NamedNode::new_unchecked(iri), &corpus.entity);
        self.add(&node, RDF_TYPE, nn(class_of(e.kind)).into_owned());
        self.add(&node, RDFS_LABEL, Literal::new_simple_literal(&e.name));
        self.add(&node, NG_KEY, Literal::new_simple_literal(&e.key));
        for a in &e.aliases {
            self.add(&node, SKOS_ALT_LABEL, Literal::new_simple_literal(a));
        }
        if let Some(q) = &e.wikidata {
            self.add(&node, OWL_SAME_AS, NamedNode::new_unchecked(format!("{WD}{q}")));
        }
        for (p, link) in [(NG_CAPITAL_OF, &e.capital_of), (NG_NATIONALITY, &e.nationality), (NG_PART_OF, &e.part_of)] {
            if let Some(k) = link {
                self.add(&node, p, self.minter.entity(k));
            }
        }
        if let Some(t) = &e.ticker {
            self.add(&node, NG_TICKER, Literal::new_simple_literal(t));
        }
        self.add(&node, NG_MENTION_COUNT, Literal::from(corpus.mentions as i64));
        self.add(&node, NG_ARTICLE_COUNT, Literal::from(corpus.articles as i64));
        self.dates(&node, corpus.first_date.as_deref(), corpus.last_date.as_deref());
    }

    fn dates(&mut self, node: &NamedNode, first: Option<&str>, last: Option<&str>) {
        if let Some(d) = first {
            self.add(node, NG_FIRST_DATE, Self::date(d));
        }
        if let Some(d) = last {
            self.add(node, NG_LAST_DATE, Self::date(d));
        }
    }

    fn edge(&mut self, (s, p, o): &(String, String, String), tally: &crate::graph::EdgeTally) {
        let (subject, object) = (NamedNode::new_unchecked(s), NamedNode::new_unchecked(o));
        let key = |iri: &str| Minter::entity_key(iri).unwrap_or_else(|| iri.to_owned());
        let node = self.minter.edge(&key(s), local_name(p), &key(o));
        self.add(&subject, p, object.clone());
        self.add(&node, RDF_TYPE, nn(NG_EDGE).into_owned());
        self.add(&node, NG_FROM, subject);
        self.add(&node, NG_EDGE_PREDICATE, NamedNode::new_unchecked(p));
        self.add(&node, NG_TO, object);
        self.add(&node, NG_STATEMENT_COUNT, Literal::from(tally.statements.len() as i64));
        self.dates(&node, tally.first_date.as_deref(), tally.last_date.as_deref());
        for st in &tally.statements {
            self.add(&node, NG_HAS_STATEMENT, NamedNode::new_unchecked(st));
        }
    }
}

/// The corpus graph's quads of the entities and edges tallied.
fn corpus_quads(
    minter: &Minter,
    entities: BTreeMap<String, EntityTally>,
    edges: &EdgeTallies,
    summary: &mut CorpusSummary,
) -> Vec<Quad> {
    let mut w = Writer { minter, graph: minter.corpus().into(), quads: Vec::new() };
    for (iri, tally) in entities {
        let Some(key) = Minter::entity_key(&iri) else { continue };
        if let Some(e) = tally.finish(&key) {
            w.entity(&iri, &e);
            summary.entities += 1;
        }
    }
    for (edge, tally) in edges {
        w.edge(edge, tally);
        summary.edges += 1;
    }
    summary.quads = w.quads.len();
    w.quads
}

/// Computes the corpus graph of a store from scratch, from its article graphs and merge logs,
/// and replaces it.
pub fn recompute_corpus(store: &GraphStore, minter: &Minter) -> Result<CorpusSummary> {
    let reader = Reader::new(store);
    let entities = reader.entities(None)?;
    let edges = reader.edges(None)?;
    let mut summary = CorpusSummary::default();
    let corpus = minter.corpus();
    let mut quads = corpus_quads(minter, entities, &edges, &mut summary);
    quads.push(Quad::new(corpus.clone(), nn(RDF_TYPE).into_owned(), nn(NG_CORPUS).into_owned(), corpus.clone()));
    summary.quads += 1;
    store.inner().remove_named_graph(&corpus)?;
    let mut loader = store.inner().bulk_loader();
    loader.load_quads(quads)?;
    loader.commit()?;
    Ok(summary)
}

/// The quad that marks the corpus graph out of date.
fn out_of_date(minter: &Minter) -> Quad {
    let corpus = minter.corpus();
    Quad::new(corpus.clone(), nn(NG_OUT_OF_DATE).into_owned(), Literal::from(true), corpus)
}

/// Marks the corpus graph out of date, before a build changes articles: a build stopped before
/// it updated the corpus graph leaves the mark, and the next one computes the graph from scratch.
pub fn mark_corpus_out_of_date(store: &GraphStore, minter: &Minter) -> Result<()> {
    Ok(store.inner().insert(&out_of_date(minter))?)
}

/// True when the corpus graph must be computed from scratch: the store has none, or a build
/// that changed articles stopped before it updated it.
pub fn corpus_needs_recompute(store: &GraphStore, minter: &Minter) -> Result<bool> {
    Ok(!store.contains_graph(&minter.corpus())? || store.inner().contains(&out_of_date(minter))?)
}

/// Recomputes the corpus graph's descriptions of the entities of `keys` and the edges whose
/// subject they are, in one transaction: after a build that changed the articles naming them.
/// A store without a corpus graph, or whose graph is marked out of date by a build that was
/// stopped, gets one computed from scratch; the mark is removed.
pub fn update_corpus(store: &GraphStore, minter: &Minter, keys: &BTreeSet<String>) -> Result<CorpusSummary> {
    let corpus = minter.corpus();
    if corpus_needs_recompute(store, minter)? {
        return recompute_corpus(store, minter);
    }
    let reader = Reader::new(store);
    let graph = GraphName::from(corpus.clone());
    let iris: Vec<NamedNode> = keys.iter().map(|k| minter.entity(k)).collect();
    let entities = reader.entities(Some(&iris))?;
    let edges = reader.edges(Some(&iris))?;
    // what the corpus graph said of them: their descriptions, direct triples and edges
    let mut stale: Vec<Quad> = Vec::new();
    let old = |s: Option<&NamedNode>, p: Option<&str>, o: Option<&NamedNode>| {
        store.inner().quads_for_pattern(
            s.map(|s| s.as_ref().into()),
            p.map(nn),
            o.map(|o| o.as_ref().into()),
            Some(graph.as_ref()),
        )
    };
    for e in &iris {
        for q in old(Some(e), None, None) {
            stale.push(q?);
        }
        for q in old(None, Some(NG_FROM), Some(e)) {
            if let NamedOrBlankNode::NamedNode(edge) = q?.subject {
                for q in old(Some(&edge), None, None) {
                    stale.push(q?);
                }
            }
        }
    }
    let mut summary = CorpusSummary::default();
    let quads = corpus_quads(minter, entities, &edges, &mut summary);
    stale.push(out_of_date(minter));
    let mut tx = store.inner().start_transaction()?;
    for q in &stale {
        tx.remove(q);
    }
    tx.extend(quads.iter());
    tx.commit()?;
    Ok(summary)
}
