//! GEXF 1.3 (<https://gexf.net/>), Gephi's own format: typed attributes for every node and
//! edge column, node colours and shapes by type and sizes by PageRank (the `viz` namespace),
//! and, when articles have dates, `start` and `end` on nodes and edges (the first and last
//! article date) so that Gephi's timeline works. Attribute values are XML attributes, so a line
//! break in a quote is written as a space.
//!
//! ```
//! use newsgraph::export::{gexf, ExportGraph};
//! let mut out = Vec::new();
//! gexf::write(&ExportGraph::default(), &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains(r#"<gexf xmlns="http://gexf.net/1.3""#));
//! ```

use std::borrow::Cow;
use std::io::Write;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{double, xml_text, AttrKind, ExportGraph, Style, Value, EDGE_COLUMNS, NODE_COLUMNS};
use crate::error::{Error, Result};

const NAMESPACE: &str = "http://gexf.net/1.3";
const VIZ: &str = "http://gexf.net/1.3/viz";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// Columns that GEXF carries natively rather than as attributes.
const NATIVE: [&str; 2] = ["label", "weight"];

fn gexf_type(kind: AttrKind) -> &'static str {
    match kind {
        AttrKind::Text | AttrKind::Date | AttrKind::List => "string",
        AttrKind::Int => "integer",
        AttrKind::Double => "double",
    }
}

/// Attribute text: what XML can carry, with line breaks and tabs as spaces (an XML parser
/// would turn them into spaces anyway).
fn attr(s: &str) -> Cow<'_, str> {
    let s = xml_text(s);
    if s.contains(['\n', '\r', '\t']) {
        Cow::Owned(s.replace(['\n', '\r', '\t'], " "))
    } else {
        s
    }
}

fn attvalues<W: Write>(w: &mut Writer<W>, columns: &[(&str, AttrKind)], values: &[Value]) -> std::io::Result<()> {
    let present: Vec<(&str, String)> = columns
        .iter()
        .zip(values)
        .filter(|((name, _), _)| !NATIVE.contains(name))
        .filter_map(|((name, _), v)| v.joined("|").map(|t| (*name, t)))
        .collect();
    if present.is_empty() {
        return Ok(());
    }
    w.create_element("attvalues").write_inner_content(|w| {
        for (name, text) in &present {
            w.create_element("attvalue")
                .with_attributes([("for", *name), ("value", attr(text).as_ref())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Writes `graph` as GEXF 1.3.
pub fn write(graph: &ExportGraph, out: impl Write) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    write_document(graph, &mut w).map_err(Error::Write)?;
    w.get_mut().write_all(b"\n").map_err(Error::Write)
}

fn write_document<W: Write>(graph: &ExportGraph, w: &mut Writer<W>) -> std::io::Result<()> {
    let dynamic =
        graph.nodes.iter().any(|n| n.first_date.is_some()) || graph.edges.iter().any(|e| e.first_date.is_some());
    let max_rank = graph.nodes.iter().map(|n| n.page_rank).fold(0.0, f64::max);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", NAMESPACE),
            ("xmlns:viz", VIZ),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", SCHEMA),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator").write_text_content(BytesText::new("newsgraph"))?;
                w.create_element("description")
                    .write_text_content(BytesText::new("Entities and statements extracted from news articles"))?;
                Ok(())
            })?;
            let mut graph_attributes = vec![("defaultedgetype", "directed")];
            if dynamic {
                graph_attributes.extend([("mode", "dynamic"), ("timeformat", "date")]);
            } else {
                graph_attributes.push(("mode", "static"));
            }
            w.create_element("graph").with_attributes(graph_attributes).write_inner_content(|w| {
                for (class, columns) in [("node", &NODE_COLUMNS[..]), ("edge", &EDGE_COLUMNS[..])] {
                    w.create_element("attributes")
                        .with_attributes([("class", class), ("mode", "static")])
                        .write_inner_content(|w| {
                            for (name, kind) in columns.iter().filter(|(name, _)| !NATIVE.contains(name)) {
                                w.create_element("attribute")
                                    .with_attributes([("id", *name), ("title", *name), ("type", gexf_type(*kind))])
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                }
                w.create_element("nodes").write_inner_content(|w| {
                    for n in &graph.nodes {
                        let mut attributes = vec![("id", attr(&n.iri)), ("label", attr(&n.label))];
                        if let (Some(start), Some(end)) = (&n.first_date, &n.last_date) {
                            attributes.extend([("start", attr(start)), ("end", attr(end))]);
                        }
                        let style = Style::of(n.kind);
                        let size = if max_rank > 0.0 { 10.0 + 40.0 * n.page_rank / max_rank } else { 10.0 };
                        w.create_element("node")
                            .with_attributes(attributes.iter().map(|(k, v)| (*k, v.as_ref())))
                            .write_inner_content(|w| {
                                attvalues(w, &NODE_COLUMNS, &n.values())?;
                                let (r, g, b) = style.rgb;
                                w.create_element("viz:color")
                                    .with_attributes([
                                        ("r", r.to_string().as_str()),
                                        ("g", g.to_string().as_str()),
                                        ("b", b.to_string().as_str()),
                                    ])
                                    .write_empty()?;
                                w.create_element("viz:size")
                                    .with_attribute(("value", double((size * 100.0).round() / 100.0).as_str()))
                                    .write_empty()?;
                                w.create_element("viz:shape")
                                    .with_attribute(("value", style.gexf_shape))
                                    .write_empty()?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
                w.create_element("edges").write_inner_content(|w| {
                    for e in &graph.edges {
                        let weight = e.weight.to_string();
                        let label = e.label();
                        let mut attributes = vec![
                            ("id", attr(&e.id)),
                            ("source", attr(&e.source)),
                            ("target", attr(&e.target)),
                            ("label", attr(&label)),
                            ("weight", Cow::Borrowed(weight.as_str())),
                        ];
                        if let (Some(start), Some(end)) = (&e.first_date, &e.last_date) {
                            attributes.extend([("start", attr(start)), ("end", attr(end))]);
                        }
                        w.create_element("edge")
                            .with_attributes(attributes.iter().map(|(k, v)| (*k, v.as_ref())))
                            .write_inner_content(|w| attvalues(w, &EDGE_COLUMNS, &e.values()))?;
                    }
                    Ok(())
                })?;
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
    fn gexf_has_colours_spells_and_typed_attributes() {
        let mut graph = export(&Selection::default());
        graph.edges[0].quote = Some("two\nlines & \"quotes\"".into());
        let mut out = Vec::new();
        write(&graph, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(r#"<graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#), "{xml}");
        assert!(xml.contains(r#"<attribute id="pagerank" title="pagerank" type="double"/>"#));
        assert!(xml.contains(r#"<attribute id="mentions" title="mentions" type="integer"/>"#));
        assert!(!xml.contains(r#"<attribute id="label""#), "label is native");
        // Russia: in articles of 2024-03-01 and 2024-03-05
        assert!(xml.contains(r#"label="Russia" start="2024-03-01" end="2024-03-05">"#), "{xml}");
        assert!(xml.contains(r#"<viz:color r="89" g="161" b="79"/>"#));
        assert!(xml.contains(r#"<viz:shape value="diamond"/>"#));
        assert!(xml.contains(r#"value="two lines &amp; &quot;quotes&quot;""#), "{xml}");
        assert_eq!(xml.matches("<node id=").count(), graph.nodes.len());
        assert_eq!(xml.matches("<edge id=").count(), graph.edges.len());
    }

    #[test]
    fn gexf_without_dates_is_static() {
        let mut out = Vec::new();
        write(&ExportGraph::default(), &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains(r#"mode="static""#));
    }
}
