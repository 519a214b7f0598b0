//! The SPARQL 1.1 Graph Store HTTP Protocol's `PUT`, at `/store?graph=IRI`: the body's
//! triples replace the named graph (what `newsgraph push` sends). Only `PUT` of a named graph
//! is offered; read graphs with `CONSTRUCT` at `/sparql`.
//!
//! ```
//! use newsgraph::server::graph_store::GraphPut;
//! let put = GraphPut::read(Some("graph=urn%3Ax%3Ag"), Some("text/turtle; charset=utf-8"), b"<urn:x:a> <urn:x:b> 1 .")?;
//! assert_eq!(put.graph.as_str(), "urn:x:g");
//! assert_eq!(put.quads.len(), 1);
//! # Ok::<_, newsgraph::server::protocol::ProtocolError>(())
//! ```

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad};

use super::protocol::ProtocolError;

/// A graph to store: its IRI and its triples, as quads in that graph.
#[derive(Debug, Clone)]
pub struct GraphPut {
    /// The `graph` parameter.
    pub graph: NamedNode,
    /// The body's triples, in [`GraphPut::graph`].
    pub quads: Vec<Quad>,
}

impl GraphPut {
    /// Reads a `PUT` from its URL query string, `Content-Type` and body.
    pub fn read(url_query: Option<&str>, content_type: Option<&str>, body: &[u8]) -> Result<Self, ProtocolError> {
        let bad = ProtocolError::BadRequest;
        let mut graphs = form_urlencoded::parse(url_query.unwrap_or("").as_bytes())
            .filter(|(k, _)| k == "graph")
            .map(|(_, v)| v.into_owned());
        let graph = match (graphs.next(), graphs.next()) {
            (Some(g), None) => NamedNode::new(g).map_err(|e| bad(format!("the graph parameter is not an IRI: {e}")))?,
            (None, _) => {
                return Err(bad("give the graph as ?graph=IRI (the default graph cannot be replaced here)".into()))
            }
            (Some(_), Some(_)) => return Err(bad("give one graph parameter".into())),
        };
        let media = content_type.unwrap_or("");
        let format = RdfFormat::from_media_type(media)
            .filter(|f| !f.supports_datasets())
            .ok_or_else(|| ProtocolError::UnsupportedRdf(media.to_owned()))?;
        let quads = RdfParser::from_format(format)
            .with_default_graph(graph.clone())
            .for_slice(body)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(format!("the {} body does not parse: {e}", format.name())))?;
        Ok(GraphPut { graph, quads })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_store_put_needs_one_graph_and_a_triple_format() {
        let body = b"<urn:x:a> <urn:x:b> <urn:x:c> .\n";
        assert!(matches!(GraphPut::read(None, Some("text/turtle"), body), Err(ProtocolError::BadRequest(_))));
        assert!(matches!(
            GraphPut::read(Some("graph=urn:x:g&graph=urn:x:h"), Some("text/turtle"), body),
            Err(ProtocolError::BadRequest(_))
        ));
        assert!(matches!(
            GraphPut::read(Some("graph=urn:x:g"), Some("application/n-quads"), body),
            Err(ProtocolError::UnsupportedRdf(_))
        ));
        assert!(matches!(
            GraphPut::read(Some("graph=urn:x:g"), Some("text/turtle"), b"<urn:x:a> nonsense"),
            Err(ProtocolError::BadRequest(_))
        ));
        let put = GraphPut::read(Some("graph=urn:x:g"), Some("application/n-triples"), body).unwrap();
        assert_eq!(put.quads[0].graph_name.to_string(), "<urn:x:g>");
    }
}
