//! One named graph ready to send: its triples written by Oxigraph (N-Triples for the hash and
//! for SPARQL Update, or the Graph Store body's format), their count and their hash.

use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use super::Method;
use crate::error::{Error, Result};
use crate::model::content_id;
use crate::rdf::GraphStore;

/// Triples per `INSERT DATA` operation: big enough to be quick, small enough for servers that
/// limit the size of one operation (Virtuoso).
const INSERT_CHUNK: usize = 1000;

/// A graph's content as one request body.
#[derive(Debug, Clone)]
pub struct Payload {
    /// The graph's IRI.
    pub graph: NamedNode,
    /// How many triples it holds.
    pub triples: usize,
    /// The hash of its sorted N-Triples (`ntriples fnv64:…`): the same content, the same hash.
    pub hash: String,
    /// The `Content-Type` of [`Payload::body`].
    pub content_type: &'static str,
    /// The request body.
    pub body: Vec<u8>,
}

impl Payload {
    /// Reads graph `graph` of `store` and writes the body `method` sends.
    pub fn read(store: &GraphStore, graph: &NamedNode, method: Method) -> Result<Self> {
        let ntriples = serialize(store, graph, RdfFormat::NTriples)?;
        let triples = ntriples.lines().count();
        let hash = content_id("ntriples", &[ntriples.as_bytes()]);
        let (content_type, body) = match method {
            Method::GraphStore(RdfFormat::NTriples) => (RdfFormat::NTriples.media_type(), ntriples.into_bytes()),
            Method::GraphStore(format) => (format.media_type(), serialize(store, graph, format)?.into_bytes()),
            Method::Update => ("application/sparql-update", update(graph, &ntriples).into_bytes()),
        };
        Ok(Payload { graph: graph.clone(), triples, hash, content_type, body })
    }
}

/// The graph's triples in `format`, sorted, written by Oxigraph.
fn serialize(store: &GraphStore, graph: &NamedNode, format: RdfFormat) -> Result<String> {
    let mut out = Vec::new();
    store.export(format, Some(graph), &mut out)?;
    String::from_utf8(out).map_err(|e| Error::Write(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// `DROP SILENT GRAPH <g>`, then the triples (N-Triples lines are SPARQL triples) in
/// `INSERT DATA` operations of at most [`INSERT_CHUNK`] triples.
fn update(graph: &NamedNode, ntriples: &str) -> String {
    let mut text = format!("DROP SILENT GRAPH {graph}");
    let lines: Vec<&str> = ntriples.lines().collect();
    for chunk in lines.chunks(INSERT_CHUNK) {
        text.push_str(" ;\nINSERT DATA { GRAPH ");
        text.push_str(&graph.to_string());
        text.push_str(" {\n");
        for line in chunk {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("} }");
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (GraphStore, NamedNode) {
        let store = GraphStore::in_memory().unwrap();
        let nq = "<urn:x:b> <urn:x:p> \"two\"@en <urn:x:g> .\n<urn:x:a> <urn:x:p> <urn:x:b> <urn:x:g> .\n<urn:x:a> <urn:x:p> \"other\" <urn:x:h> .\n";
        store.load(RdfFormat::NQuads, nq.as_bytes()).unwrap();
        (store, NamedNode::new("urn:x:g").unwrap())
    }

    #[test]
    fn push_payload_update_drops_then_inserts() {
        let (store, g) = store();
        let p = Payload::read(&store, &g, Method::Update).unwrap();
        assert_eq!(p.triples, 2);
        assert_eq!(p.content_type, "application/sparql-update");
        assert_eq!(
            String::from_utf8(p.body).unwrap(),
            "DROP SILENT GRAPH <urn:x:g> ;\nINSERT DATA { GRAPH <urn:x:g> {\n<urn:x:a> <urn:x:p> <urn:x:b> .\n<urn:x:b> <urn:x:p> \"two\"@en .\n} }\n"
        );
        // run twice on another store: the graph is replaced, not doubled
        let target = GraphStore::in_memory().unwrap();
        let text = String::from_utf8(Payload::read(&store, &g, Method::Update).unwrap().body).unwrap();
        for _ in 0..2 {
            crate::rdf::SparqlRunner::new(&target).update(&text).unwrap();
        }
        assert_eq!(target.len().unwrap(), 2);
    }

    #[test]
    fn push_payload_hash_ignores_the_format() {
        let (store, g) = store();
        let nt = Payload::read(&store, &g, Method::GraphStore(RdfFormat::NTriples)).unwrap();
        let ttl = Payload::read(&store, &g, Method::GraphStore(RdfFormat::Turtle)).unwrap();
        assert_eq!(nt.hash, ttl.hash);
        assert_eq!((nt.content_type, ttl.content_type), ("application/n-triples", "text/turtle"));
        assert_eq!(nt.body.iter().filter(|b| **b == b'\n').count(), 2);
        let h = Payload::read(&store, &NamedNode::new("urn:x:h").unwrap(), Method::Update).unwrap();
        assert_ne!(h.hash, nt.hash);
    }

    #[test]
    fn push_payload_chunks_large_graphs() {
        let g = NamedNode::new("urn:x:g").unwrap();
        let nt: String = (0..2500).map(|i| format!("<urn:x:s{i}> <urn:x:p> \"{i}\" .\n")).collect();
        let text = update(&g, &nt);
        assert_eq!(text.matches("INSERT DATA").count(), 3);
        let target = GraphStore::in_memory().unwrap();
        crate::rdf::SparqlRunner::new(&target).update(&text).unwrap();
        assert_eq!(target.len().unwrap(), 2500);
        assert_eq!(update(&g, ""), "DROP SILENT GRAPH <urn:x:g>\n");
    }
}
