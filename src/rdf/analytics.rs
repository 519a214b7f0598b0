//! The analytics named graph: each entity's degree, PageRank, component and community as
//! triples, so that SPARQL can sort by PageRank. It is derived data, rebuilt on demand.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use super::vocab::*;
use super::{GraphStore, Minter};
use crate::error::Result;
use crate::graph::Analytics;

/// The quads of the analytics graph (`{base}analytics`), sorted.
///
/// ```
/// use newsgraph::rdf::{analytics_quads, Minter};
/// let mut graph = newsgraph::graph::KnowledgeGraph::new();
/// graph.add(&newsgraph::Pipeline::new().run_text("Estonia accused Russia of jamming flights."));
/// let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
/// let quads = analytics_quads(&graph.analytics(), &minter);
/// assert!(quads.iter().any(|q| q.to_string().contains("/ns#pageRank>")));
/// ```
pub fn analytics_quads(analytics: &Analytics, minter: &Minter) -> Vec<Quad> {
    let graph = minter.analytics();
    let name = GraphName::NamedNode(graph.clone());
    let iri = NamedNode::new_unchecked;
    let int = |n: usize| Term::from(Literal::from(n as i64));
    let mut quads = vec![Quad::new(graph, iri(RDF_TYPE), iri(NG_ANALYTICS), name.clone())];
    for (key, m) in analytics.iter() {
        let entity = minter.entity(key);
        let rank = Literal::new_typed_literal(format!("{:.8}", m.page_rank), iri(XSD_DOUBLE));
        for (p, o) in [
            (NG_PAGE_RANK, rank.into()),
            (NG_DEGREE, int(m.degree)),
            (NG_WEIGHTED_DEGREE, int(m.weighted_degree)),
            (NG_COMPONENT, int(m.component)),
            (NG_COMMUNITY, int(m.community)),
        ] {
            quads.push(Quad::new(entity.clone(), iri(p), o, name.clone()));
        }
    }
    quads.sort_by_cached_key(|q| q.to_string());
    quads
}

/// Replaces the store's analytics graph with `quads` in one transaction.
pub fn store_analytics(store: &GraphStore, minter: &Minter, quads: &[Quad]) -> Result<()> {
    store.replace_graph(&minter.analytics(), quads)
}
