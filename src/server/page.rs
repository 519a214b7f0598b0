//! The page at `/`: a SPARQL editor (the vendored CodeMirror 5 with its SPARQL mode), the
//! shipped `queries/*.rq` as examples, each with a run button, results as a table, and the
//! entities a result names (by IRI or by name) drawn as the HTML export's graph view (`POST /graph`), in a frame.
//!
//! The page is `assets/serve.html` with CodeMirror, the page's script (`assets/serve.js`) and
//! the examples and prefixes (JSON, written with [`script_json`]) inline: it needs no network
//! but the server that sent it. When a query has run, `<html>` gets `data-status` (`ok` or
//! `error`), `data-rows`, and, once the graph is drawn, `data-graph-nodes`, so that a headless
//! browser can check the page (`scripts/validate_serve.sh`).
//!
//! ```
//! let page = newsgraph::server::page::render();
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("most_mentioned_entities"));
//! ```

use serde_json::json;

use crate::export::html::{fill, html_text, script_json};
use crate::rdf::vocab::PREFIXES;

/// The vendored CodeMirror's version (`assets/vendor/codemirror/`).
pub const CODEMIRROR_VERSION: &str = "5.65.21";

const TEMPLATE: &str = include_str!("../../assets/serve.html");
const PAGE_SCRIPT: &str = include_str!("../../assets/serve.js");
const CODEMIRROR: &str = include_str!("../../assets/vendor/codemirror/codemirror.js");
const CODEMIRROR_CSS: &str = include_str!("../../assets/vendor/codemirror/codemirror.css");
const CODEMIRROR_SPARQL: &str = include_str!("../../assets/vendor/codemirror/sparql.js");

/// The shipped queries (`queries/*.rq`), by file name without `.rq`, in name order. A unit
/// test checks that the list matches the folder.
pub const EXAMPLES: [(&str, &str); 15] = [
    ("accusations_between_countries", include_str!("../../queries/accusations_between_countries.rq")),
    ("articles_mentioning_two_entities", include_str!("../../queries/articles_mentioning_two_entities.rq")),
    ("cameo_events_by_country_pair_and_month", include_str!("../../queries/cameo_events_by_country_pair_and_month.rq")),
    ("countries_mentioned_together", include_str!("../../queries/countries_mentioned_together.rq")),
    ("entities_rising_month_over_month", include_str!("../../queries/entities_rising_month_over_month.rq")),
    ("most_mentioned_entities", include_str!("../../queries/most_mentioned_entities.rq")),
    ("people_and_their_organisations", include_str!("../../queries/people_and_their_organisations.rq")),
    ("quotes_by_speaker", include_str!("../../queries/quotes_by_speaker.rq")),
    ("statements_about_country", include_str!("../../queries/statements_about_country.rq")),
    ("statements_by_person", include_str!("../../queries/statements_by_person.rq")),
    ("timeline_of_statements", include_str!("../../queries/timeline_of_statements.rq")),
    ("top_accusers_of_country_by_month", include_str!("../../queries/top_accusers_of_country_by_month.rq")),
    ("top_spokespeople_by_organisation", include_str!("../../queries/top_spokespeople_by_organisation.rq")),
    ("who_accused_or_criticised_whom", include_str!("../../queries/who_accused_or_criticised_whom.rq")),
    ("who_speaks_for_whom", include_str!("../../queries/who_speaks_for_whom.rq")),
];

/// An example's title: the first `#` line of its text.
///
/// ```
/// assert_eq!(newsgraph::server::page::title("# Who said what?\nSELECT * {}"), "Who said what?");
/// ```
pub fn title(query: &str) -> &str {
    query.lines().next().and_then(|l| l.strip_prefix('#')).map_or("", str::trim)
}

/// The page.
pub fn render() -> String {
    let examples: Vec<serde_json::Value> =
        EXAMPLES.iter().map(|(name, query)| json!({"name": name, "title": title(query), "query": query})).collect();
    let prefixes: serde_json::Map<String, serde_json::Value> =
        PREFIXES.iter().map(|(p, iri)| (p.to_string(), json!(iri))).collect();
    let data = json!({"examples": examples, "prefixes": prefixes});
    fill(
        TEMPLATE,
        &[
            ("title", &html_text("newsgraph SPARQL")),
            ("codemirror_version", CODEMIRROR_VERSION),
            ("cytoscape_version", crate::export::html::CYTOSCAPE_VERSION),
            ("codemirror_css", CODEMIRROR_CSS),
            ("codemirror", CODEMIRROR),
            ("codemirror_sparql", CODEMIRROR_SPARQL),
            ("data", &script_json(&data.to_string())),
            ("script", PAGE_SCRIPT),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_has_every_shipped_query() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".rq").map(str::to_owned))
            .collect();
        files.sort();
        let names: Vec<&str> = EXAMPLES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, files, "add the new query to EXAMPLES");
        assert!(EXAMPLES.iter().all(|(_, q)| !title(q).is_empty()));
    }

    #[test]
    fn page_is_self_contained() {
        let page = render();
        assert!(page.contains(CODEMIRROR_VERSION));
        for needle in ["src=\"http", "href=\"http", "src=\"//", "@import"] {
            assert!(!page.contains(needle), "{needle}");
        }
        // no inline stylesheet or script can end early
        for inline in [CODEMIRROR, CODEMIRROR_SPARQL, PAGE_SCRIPT] {
            assert!(!inline.to_ascii_lowercase().contains("</script"));
        }
        assert!(!CODEMIRROR_CSS.to_ascii_lowercase().contains("</style"));
        assert!(!page.contains("{{"), "a placeholder is left");
    }
}
