//! GraphML (<http://graphml.graphdrawing.org/>): typed `<key>` declarations (`string`, `int`,
//! `double`) for every node and edge column, then the nodes and the directed edges. Gephi,
//! yEd, Cytoscape and networkx read it. Lists (aliases, articles, statements) are joined by `|`.
//!
//! ```
//! use newsgraph::export::{graphml, ExportGraph};
//! let mut out = Vec::new();
//! graphml::write(&ExportGraph::default(), &mut out).unwrap();
//! let xml = String::from_utf8(out).unwrap();
//! assert!(xml.contains(r#"<key id="n10" for="node" attr.name="pagerank" attr.type="double"/>"#));
//! ```

use std::io::Write;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{xml_text, AttrKind, ExportGraph, Value, EDGE_COLUMNS, NODE_COLUMNS};
use crate::error::{Error, Result};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA: &str = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn graphml_type(kind: AttrKind) -> &'static str {
    match kind {
        AttrKind::Text | AttrKind::Date | AttrKind::List => "string",
        AttrKind::Int => "int",
        AttrKind::Double => "double",
    }
}

fn data<W: Write>(w: &mut Writer<W>, prefix: &str, values: &[Value]) -> std::io::Result<()> {
    for (i, v) in values.iter().enumerate() {
        if let Some(text) = v.joined("|") {
            w.create_element("data")
                .with_attribute(("key", format!("{prefix}{i}").as_str()))
                .write_text_content(BytesText::new(&xml_text(&text)))?;
        }
    }
    Ok(())
}

/// Writes `graph` as GraphML.
pub fn write(graph: &ExportGraph, out: impl Write) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    write_document(graph, &mut w).map_err(Error::Write)?;
    w.get_mut().write_all(b"\n").map_err(Error::Write)
}

fn write_document<W: Write>(graph: &ExportGraph, w: &mut Writer<W>) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attributes([("xmlns", NAMESPACE), ("xmlns:xsi", XSI), ("xsi:schemaLocation", SCHEMA)])
        .write_inner_content(|w| {
            for (prefix, target, columns) in [("n", "node", &NODE_COLUMNS[..]), ("e", "edge", &EDGE_COLUMNS[..])] {
                for (i, (name, kind)) in columns.iter().enumerate() {
                    w.create_element("key")
                        .with_attributes([
                            ("id", format!("{prefix}{i}").as_str()),
                            ("for", target),
                            ("attr.name", name),
                            ("attr.type", graphml_type(*kind)),
                        ])
                        .write_empty()?;
                }
            }
            w.create_element("graph")
                .with_attributes([("id", "newsgraph"), ("edgedefault", "directed")])
                .write_inner_content(|w| {
                    for n in &graph.nodes {
                        w.create_element("node")
                            .with_attribute(("id", xml_text(&n.iri).as_ref()))
                            .write_inner_content(|w| data(w, "n", &n.values()))?;
                    }
                    for e in &graph.edges {
                        w.create_element("edge")
                            .with_attributes([
                                ("id", e.id.as_str()),
                                ("source", xml_text(&e.source).as_ref()),
                                ("target", xml_text(&e.target).as_ref()),
                            ])
                            .write_inner_content(|w| data(w, "e", &e.values()))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::export;
    use crate::export::Selection;

    #[test]
    fn graphml_declares_typed_keys_and_escapes_text() {
        let mut graph = export(&Selection::default());
        graph.nodes[0].label = "A \"<&>\" \u{1}Zoë".into();
        let mut out = Vec::new();
        write(&graph, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
        ));
        for key in [
            r#"<key id="n0" for="node" attr.name="label" attr.type="string"/>"#,
            r#"<key id="n5" for="node" attr.name="mentions" attr.type="int"/>"#,
            r#"<key id="n10" for="node" attr.name="pagerank" attr.type="double"/>"#,
            r#"<key id="e4" for="edge" attr.name="weight" attr.type="int"/>"#,
        ] {
            assert!(xml.contains(key), "{key} in\n{xml}");
        }
        assert!(xml.contains("<data key=\"n0\">A &quot;&lt;&amp;&gt;&quot; Zoë</data>"), "{xml}");
        assert_eq!(xml.matches("<node id=").count(), graph.nodes.len());
        assert_eq!(xml.matches("<edge id=").count(), graph.edges.len());
        assert!(xml.ends_with("</graphml>\n"));
    }
}
