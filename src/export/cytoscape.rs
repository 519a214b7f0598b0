//! Cytoscape.js JSON: `{"elements": {"nodes": [{"data": {…}, "classes": "person"}], "edges":
//! [{"data": {"id", "source", "target", …}}]}}`, which `cy.json()` and Cytoscape desktop
//! (File › Import › Network from File, `.cyjs`) load. Every node and edge column is a `data`
//! field (lists as arrays; absent values left out); the node's type is also its class, for
//! styling.
//!
//! ```
//! use newsgraph::export::{cytoscape, ExportGraph};
//! let mut out = Vec::new();
//! cytoscape::write(&ExportGraph::default(), &mut out).unwrap();
//! let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert!(json["elements"]["nodes"].as_array().unwrap().is_empty());
//! ```

use std::io::Write;

use serde_json::{json, Map, Value as Json};

use super::{AttrKind, ExportGraph, Value, EDGE_COLUMNS, NODE_COLUMNS};
use crate::error::{Error, Result};

fn data(id: &[(&str, &str)], columns: &[(&str, AttrKind)], values: &[Value]) -> Json {
    let mut map = Map::new();
    for (k, v) in id {
        map.insert((*k).to_owned(), Json::from(*v));
    }
    for ((name, _), value) in columns.iter().zip(values) {
        let v = match value {
            Value::None => continue,
            Value::Text(s) => Json::from(s.as_str()),
            Value::List(items) => Json::from(items.clone()),
            Value::Int(n) => Json::from(*n),
            Value::Double(x) => Json::from(*x),
        };
        map.insert((*name).to_owned(), v);
    }
    Json::Object(map)
}

/// The Cytoscape.js `elements` of `graph`: `{"nodes": […], "edges": […]}` (the HTML view
/// loads the same).
pub(crate) fn elements(graph: &ExportGraph) -> Json {
    let nodes: Vec<Json> = graph
        .nodes
        .iter()
        .map(|n| json!({"data": data(&[("id", &n.iri)], &NODE_COLUMNS, &n.values()), "classes": n.kind.slug()}))
        .collect();
    let edges: Vec<Json> = graph
        .edges
        .iter()
        .map(|e| {
            let id = [("id", e.id.as_str()), ("source", e.source.as_str()), ("target", e.target.as_str())];
            json!({"data": data(&id, &EDGE_COLUMNS, &e.values()), "classes": e.predicate.name()})
        })
        .collect();
    json!({"nodes": nodes, "edges": edges})
}

/// Writes `graph` as Cytoscape.js JSON.
pub fn write(graph: &ExportGraph, mut out: impl Write) -> Result<()> {
    let document = json!({"data": {"name": "newsgraph"}, "elements": elements(graph)});
    serde_json::to_writer_pretty(&mut out, &document).map_err(|e| Error::Write(e.into()))?;
    out.write_all(b"\n").map_err(Error::Write)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::export;
    use crate::export::Selection;

    #[test]
    fn cytoscape_elements_have_typed_data() {
        let mut graph = export(&Selection::default());
        graph.nodes[0].label = "Line\nbreak \"quoted\"".into();
        let mut out = Vec::new();
        write(&graph, &mut out).unwrap();
        let json: Json = serde_json::from_slice(&out).unwrap();
        let nodes = json["elements"]["nodes"].as_array().unwrap();
        let edges = json["elements"]["edges"].as_array().unwrap();
        assert_eq!((nodes.len(), edges.len()), (graph.nodes.len(), graph.edges.len()));
        assert_eq!(nodes[0]["data"]["label"], "Line\nbreak \"quoted\"");
        assert_eq!(nodes[0]["classes"], "country");
        assert!(nodes[0]["data"]["pagerank"].is_f64());
        assert!(nodes[0]["data"]["mentions"].is_u64());
        assert!(nodes[0]["data"]["aliases"].is_array());
        let ids: Vec<&Json> = nodes.iter().map(|n| &n["data"]["id"]).collect();
        for e in edges {
            assert!(ids.contains(&&e["data"]["source"]) && ids.contains(&&e["data"]["target"]));
            assert!(e["data"]["weight"].is_u64());
        }
    }
}
