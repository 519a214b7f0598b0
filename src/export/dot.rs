//! Graphviz DOT: a `digraph` with one node per entity (shape and fill colour by type, the name
//! as label) and one edge per statement (the predicate as label). Every identifier and label
//! is a quoted string, escaped so that any name survives: quotes, backslashes, line breaks and
//! any Unicode (the file is UTF-8).
//!
//! ```
//! assert_eq!(newsgraph::export::dot::quote("say \"hi\"\\\nbye"), r#""say \"hi\"\\\nbye""#);
//! ```

use std::io::Write;

use super::{ExportGraph, Style};
use crate::error::{Error, Result};

/// A DOT quoted string: `"` and `\` are escaped, a line break becomes `\n` (a centred line
/// in Graphviz labels), other control characters are dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `[k="v", …]` from name and value pairs.
fn attributes(pairs: &[(&str, String)]) -> String {
    let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", quote(v))).collect();
    format!("[{}]", inner.join(", "))
}

/// Writes `graph` as DOT.
pub fn write(graph: &ExportGraph, out: impl Write) -> Result<()> {
    write_dot(graph, out).map_err(Error::Write)
}

fn write_dot(graph: &ExportGraph, mut out: impl Write) -> std::io::Result<()> {
    writeln!(out, "// newsgraph: {} entities, {} statement edges", graph.nodes.len(), graph.edges.len())?;
    writeln!(out, "digraph \"newsgraph\" {{")?;
    writeln!(out, "  graph [charset=\"UTF-8\", overlap=\"false\", fontname=\"Helvetica\"];")?;
    writeln!(out, "  node [style=\"filled\", fontname=\"Helvetica\", fontcolor=\"white\", color=\"white\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=\"10\", color=\"#555555\", fontcolor=\"#333333\"];")?;
    for n in &graph.nodes {
        let style = Style::of(n.kind);
        let mut pairs = vec![
            ("label", n.label.clone()),
            ("shape", style.dot_shape.to_owned()),
            ("fillcolor", style.hex()),
            ("tooltip", format!("{} ({}), PageRank {:.4}", n.label, n.kind.slug(), n.page_rank)),
        ];
        if let Some(q) = &n.wikidata {
            pairs.push(("URL", format!("https://www.wikidata.org/wiki/{q}")));
        }
        writeln!(out, "  {} {};", quote(&n.iri), attributes(&pairs))?;
    }
    for e in &graph.edges {
        let mut pairs = vec![("label", e.label()), ("weight", e.weight.to_string())];
        if let Some(q) = &e.quote {
            pairs.push(("tooltip", q.clone()));
        }
        if e.negated == e.weight {
            pairs.push(("style", "dashed".to_owned()));
        }
        writeln!(out, "  {} -> {} {};", quote(&e.source), quote(&e.target), attributes(&pairs))?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::export;
    use crate::export::Selection;

    #[test]
    fn dot_quotes_any_name() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("a \"b\""), r#""a \"b\"""#);
        assert_eq!(quote("back\\slash\\"), r#""back\\slash\\""#);
        assert_eq!(quote("two\nlines\r"), r#""two\nlines""#);
        assert_eq!(quote("Zoë 北京 \u{1F600}"), "\"Zoë 北京 \u{1F600}\"");
        assert_eq!(quote("\\N"), r#""\\N""#, "no Graphviz escape sequence survives");
    }

    #[test]
    fn dot_has_shapes_colours_and_edge_labels() {
        let mut graph = export(&Selection::default());
        graph.nodes[0].label = "Say \"hi\"\\".into();
        let mut out = Vec::new();
        write(&graph, &mut out).unwrap();
        let dot = String::from_utf8(out).unwrap();
        assert!(dot.contains(r##"[label="Say \"hi\"\\", shape="hexagon", fillcolor="#59A14F""##), "{dot}");
        assert!(dot.contains(r#"[label="accused", weight="1""#), "{dot}");
        assert_eq!(dot.matches(" -> ").count(), graph.edges.len());
        assert!(dot.ends_with("}\n"));
    }
}
