//! The HTML view: one self-contained page that draws the graph with cytoscape.js, with no
//! network access when it is opened.
//!
//! The page is `assets/graph.html` with four parts written into it: the vendored
//! `assets/vendor/cytoscape/cytoscape.min.js` (its MIT licence is the comment at its top), the
//! page's own `assets/graph.js`, the graph's [Cytoscape.js elements](super::cytoscape) with the
//! cited articles, types and predicates as JSON in a `<script type="application/json">`, and a
//! title. All three files are compiled in with `include_str!`. In the JSON, `<`, `>`, `&`,
//! U+2028 and U+2029 are written as `\uXXXX` escapes, so that no name or quote can end the
//! script element. The page lays the graph out with `concentric` then `cose` with
//! `randomize: false` and no animation, which use no random numbers: the same graph gives the
//! same bytes and the same picture. When the layout ends, `<body>` gets `data-status="ok"` and
//! `data-nodes`; errors and console warnings go into `<pre id="errors">` and `data-errors`, so a
//! headless browser's `--dump-dom` can check the page (`scripts/validate_exports.sh`).
//!
//! ```
//! use newsgraph::export::{html, ExportGraph};
//! let mut out = Vec::new();
//! html::write(&ExportGraph::default(), &mut out).unwrap();
//! let page = String::from_utf8(out).unwrap();
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains(html::CYTOSCAPE_VERSION));
//! ```

use std::io::Write;

use serde_json::{json, Value as Json};

use super::{cytoscape, ExportGraph, Style};
use crate::error::{Error, Result};
use crate::model::{EntityKind, Predicate};

/// The version of the vendored cytoscape.js (`assets/vendor/cytoscape/`).
pub const CYTOSCAPE_VERSION: &str = "3.35.0";

const TEMPLATE: &str = include_str!("../../assets/graph.html");
const PAGE_SCRIPT: &str = include_str!("../../assets/graph.js");
const CYTOSCAPE: &str = include_str!("../../assets/vendor/cytoscape/cytoscape.min.js");

/// The JSON the page reads: elements, the articles the edges cite (by id), and the types and
/// predicates present, for the legend and the filters.
fn data(graph: &ExportGraph) -> Json {
    let articles: serde_json::Map<String, Json> = graph
        .articles
        .iter()
        .map(|a| (a.id.clone(), json!({"title": a.title, "date": a.date, "url": a.url})))
        .collect();
    let types: Vec<Json> = EntityKind::ALL
        .into_iter()
        .filter(|k| graph.nodes.iter().any(|n| n.kind == *k))
        .map(|k| json!({"slug": k.slug(), "colour": Style::of(k).hex()}))
        .collect();
    let predicates: Vec<&str> = Predicate::ALL
        .into_iter()
        .filter(|p| graph.edges.iter().any(|e| e.predicate == *p))
        .map(Predicate::name)
        .collect();
    json!({
        "elements": cytoscape::elements(graph),
        "articles": articles,
        "types": types,
        "predicates": predicates,
    })
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&` (which serde_json only
/// writes inside strings) become `\u003c`, `\u003e` and `\u0026`, so neither `</script>` nor
/// `<!--` can appear; U+2028 and U+2029 are escaped too.
///
/// ```
/// # use newsgraph::export::html::script_json;
/// assert_eq!(script_json(r#"{"a":"</script>"}"#), r#"{"a":"\u003c/script\u003e"}"#);
/// ```
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML element or attribute.
pub(crate) fn html_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `template` with each `{{name}}` replaced by its value. Only the template is scanned, never
/// the values, so a value cannot hold a placeholder.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else { break };
        let name = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Writes `graph` as one HTML page.
pub fn write(graph: &ExportGraph, mut out: impl Write) -> Result<()> {
    let json = serde_json::to_string(&data(graph)).map_err(|e| Error::Write(e.into()))?;
    let title = format!("newsgraph: {} entities, {} edges", graph.nodes.len(), graph.edges.len());
    let page = fill(
        TEMPLATE,
        &[
            ("title", &html_text(&title)),
            ("cytoscape_version", CYTOSCAPE_VERSION),
            ("cytoscape", CYTOSCAPE),
            ("script", PAGE_SCRIPT),
            ("data", &script_json(&json)),
        ],
    );
    out.write_all(page.as_bytes()).map_err(Error::Write)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::export;
    use crate::export::Selection;

    fn page(graph: &ExportGraph) -> String {
        let mut out = Vec::new();
        write(graph, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The text of the `<script id="graph-data">` element.
    fn data_text(page: &str) -> &str {
        let open = r#"<script id="graph-data" type="application/json">"#;
        let start = page.find(open).unwrap() + open.len();
        let len = page[start..].find("</script>").unwrap();
        &page[start..start + len]
    }

    #[test]
    fn html_inlines_the_vendored_library_and_loads_nothing_from_the_network() {
        let page = page(&export(&Selection::default()));
        assert!(page.contains(CYTOSCAPE), "cytoscape.min.js is not inline");
        assert!(page.contains("Copyright (c) 2016-2026, The Cytoscape Consortium"), "its licence is not inline");
        assert!(page.contains(PAGE_SCRIPT));
        assert_eq!(TEMPLATE.matches("{{").count(), 5);
        for name in ["title", "cytoscape_version", "cytoscape", "script", "data"] {
            let placeholder = format!("{{{{{name}}}}}");
            assert!(TEMPLATE.contains(&placeholder) && !page.contains(&placeholder), "{placeholder}");
        }
        let lower = page.to_ascii_lowercase();
        // every <script> is inline, and nothing else loads a resource
        for tag in lower.split("<script").skip(1) {
            let attributes = &tag[..tag.find('>').unwrap()];
            assert!(!attributes.contains("src"), "<script{attributes}>");
        }
        for tag in ["<link", "<img", "<iframe", "<object", "<embed", "<audio", "<video", "<source", "@import"] {
            assert!(!lower.contains(tag), "{tag} in the page");
        }
        // the page's own files name no server, but for the links to Wikidata a click opens
        let own = format!("{TEMPLATE}{PAGE_SCRIPT}").replace("https://www.wikidata.org/wiki/", "");
        assert!(!own.contains("http://") && !own.contains("https://"));
        // the library itself cannot end its script element
        assert!(!CYTOSCAPE.to_ascii_lowercase().contains("</script") && !CYTOSCAPE.contains("<!--"));
        assert!(!PAGE_SCRIPT.to_ascii_lowercase().contains("</script") && !PAGE_SCRIPT.contains("<!--"));
        // the page's own script draws no random numbers
        assert!(!PAGE_SCRIPT.contains("Math.random"));
        assert_eq!(lower.matches("<script").count(), 4, "error capture, library, data, page script");
    }

    #[test]
    fn html_data_parses_back_to_the_cytoscape_elements() {
        let graph = export(&Selection::default());
        let page = page(&graph);
        let data: Json = serde_json::from_str(data_text(&page)).unwrap();
        assert_eq!(data["elements"], cytoscape::elements(&graph));
        assert_eq!(data["elements"]["nodes"].as_array().unwrap().len(), graph.nodes.len());
        assert_eq!(data["elements"]["edges"].as_array().unwrap().len(), graph.edges.len());
        assert_eq!(data["types"][0]["slug"], "country");
        assert_eq!(data["types"][0]["colour"], "#59A14F");
        assert!(data["predicates"].as_array().unwrap().contains(&Json::from("accused")));
        let cited: Vec<&String> = data["articles"].as_object().unwrap().keys().collect();
        assert_eq!(cited, ["a", "b", "c"]);
        assert_eq!(data["articles"]["a"]["date"], "2024-03-01");
    }

    #[test]
    fn html_a_name_with_script_tags_cannot_break_out() {
        let mut graph = export(&Selection::default());
        let evil = "</script><script>alert(1)</script><!-- & \u{2028}";
        graph.nodes[0].label = evil.into();
        graph.edges[0].quote = Some("</SCRIPT>".into());
        let page = page(&graph);
        assert_eq!(page.to_ascii_lowercase().matches("</script>").count(), 4, "one end tag per script element");
        assert!(!page.contains("alert(1)</script>"));
        let data: Json = serde_json::from_str(data_text(&page)).unwrap();
        assert_eq!(data["elements"]["nodes"][0]["data"]["label"], evil);
        assert_eq!(data["elements"]["edges"][0]["data"]["quote"], "</SCRIPT>");
    }

    #[test]
    fn html_fill_replaces_only_template_placeholders() {
        assert_eq!(fill("a{{x}}b{{y}}c{{z}}", &[("x", "{{y}}"), ("y", "2")]), "a{{y}}b2c{{z}}");
        assert_eq!(html_text("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
