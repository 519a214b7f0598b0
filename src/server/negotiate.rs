//! Content negotiation: the result format an `Accept` header asks for, by the kind of result.
//!
//! Each format answers to its media type (as Oxigraph names it) and a few aliases. Every
//! format gets the quality of the most specific range in `Accept` that matches it (`type/sub`
//! before `type/*` before `*/*`); the best quality wins, and ties go to the first format of
//! the list, so a missing `Accept` or `*/*` gives SPARQL JSON for SELECT and ASK and Turtle for
//! CONSTRUCT and DESCRIBE.
//!
//! ```
//! use newsgraph::rdf::{ResultFormat, ResultKind};
//! use newsgraph::server::negotiate::negotiate;
//! use oxigraph::sparql::results::QueryResultsFormat;
//! assert_eq!(
//!     negotiate(Some("text/csv;q=0.8, application/sparql-results+xml"), ResultKind::Solutions),
//!     Some(ResultFormat::Results(QueryResultsFormat::Xml))
//! );
//! assert_eq!(negotiate(Some("image/png"), ResultKind::Graph), None);
//! ```

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

use crate::rdf::{ResultFormat, ResultKind};

/// The formats for SPARQL results (SELECT, ASK), the server's preferred first, with the media
/// types each answers to besides its own.
const RESULTS: [(QueryResultsFormat, &[&str]); 4] = [
    (QueryResultsFormat::Json, &["application/json"]),
    (QueryResultsFormat::Xml, &["application/xml", "text/xml"]),
    (QueryResultsFormat::Csv, &[]),
    (QueryResultsFormat::Tsv, &[]),
];

/// The formats for RDF (CONSTRUCT, DESCRIBE), the server's preferred first.
const RDF: [(RdfFormat, &[&str]); 6] = [
    (RdfFormat::Turtle, &["application/x-turtle"]),
    (RdfFormat::NTriples, &["text/plain"]),
    (RdfFormat::RdfXml, &["application/xml", "text/xml"]),
    (RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() }, &["application/json"]),
    (RdfFormat::NQuads, &[]),
    (RdfFormat::TriG, &[]),
];

/// The formats offered for `kind`, the server's preferred first.
pub fn offered(kind: ResultKind) -> Vec<ResultFormat> {
    match kind {
        ResultKind::Solutions | ResultKind::Boolean => RESULTS.iter().map(|(f, _)| ResultFormat::Results(*f)).collect(),
        ResultKind::Graph => RDF.iter().map(|(f, _)| ResultFormat::Rdf(*f)).collect(),
    }
}

/// The media type a format is sent with.
///
/// ```
/// use newsgraph::rdf::ResultFormat;
/// use oxigraph::io::RdfFormat;
/// assert_eq!(newsgraph::server::negotiate::media_type(ResultFormat::Rdf(RdfFormat::Turtle)), "text/turtle");
/// ```
pub fn media_type(format: ResultFormat) -> &'static str {
    match format {
        ResultFormat::Results(f) => f.media_type(),
        ResultFormat::Rdf(f) => f.media_type(),
        ResultFormat::Table => "text/plain",
    }
}

/// Every media type a format answers to: its own, then its aliases.
fn media_types(format: ResultFormat) -> Vec<&'static str> {
    let aliases: &[&str] = match format {
        ResultFormat::Results(f) => RESULTS.iter().find(|(r, _)| *r == f).map_or(&[], |(_, a)| a),
        ResultFormat::Rdf(f) => RDF.iter().find(|(r, _)| *r == f).map_or(&[], |(_, a)| a),
        ResultFormat::Table => &[],
    };
    std::iter::once(media_type(format)).chain(aliases.iter().copied()).collect()
}

/// One media range of an `Accept` header: type, subtype, quality.
struct Range<'a> {
    kind: &'a str,
    sub: &'a str,
    q: f32,
}

fn ranges(accept: &str) -> Vec<Range<'_>> {
    accept
        .split(',')
        .filter_map(|part| {
            let mut params = part.split(';');
            let (kind, sub) = params.next()?.trim().split_once('/')?;
            let q = params
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some(Range { kind: kind.trim(), sub: sub.trim(), q })
        })
        .collect()
}

/// The specificity (2 `type/sub`, 1 `type/*`, 0 `*/*`) and quality of the most specific range
/// that matches `media` (`None` when none does).
fn quality(ranges: &[Range<'_>], media: &str) -> Option<(u8, f32)> {
    let (kind, sub) = media.split(';').next()?.trim().split_once('/')?;
    ranges
        .iter()
        .filter_map(|r| {
            let specificity = if r.kind.eq_ignore_ascii_case(kind) && r.sub.eq_ignore_ascii_case(sub) {
                2
            } else if r.kind.eq_ignore_ascii_case(kind) && r.sub == "*" {
                1
            } else if r.kind == "*" && r.sub == "*" {
                0
            } else {
                return None;
            };
            Some((specificity, r.q))
        })
        .max_by_key(|(specificity, _)| *specificity)
}

/// The format to send results of `kind` in, for an `Accept` header (none means anything);
/// `None` when nothing offered is acceptable (HTTP 406).
pub fn negotiate(accept: Option<&str>, kind: ResultKind) -> Option<ResultFormat> {
    let offered = offered(kind);
    let accept = match accept.map(str::trim) {
        None | Some("") => return offered.first().copied(),
        Some(a) => a,
    };
    let ranges = ranges(accept);
    let mut best: Option<(f32, ResultFormat)> = None;
    for format in offered {
        // the most specific range naming any of the format's media types decides
        let q = media_types(format)
            .iter()
            .filter_map(|m| quality(&ranges, m))
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .map(|(_, q)| q);
        if let Some(q) = q.filter(|q| *q > 0.0) {
            if best.is_none_or(|(b, _)| q > b) {
                best = Some((q, format));
            }
        }
    }
    best.map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rdf(accept: &str) -> Option<RdfFormat> {
        match negotiate(Some(accept), ResultKind::Graph)? {
            ResultFormat::Rdf(f) => Some(f),
            _ => None,
        }
    }

    fn results(accept: &str) -> Option<QueryResultsFormat> {
        match negotiate(Some(accept), ResultKind::Solutions)? {
            ResultFormat::Results(f) => Some(f),
            _ => None,
        }
    }

    #[test]
    fn negotiate_defaults_to_json_and_turtle() {
        assert_eq!(negotiate(None, ResultKind::Boolean), Some(ResultFormat::Results(QueryResultsFormat::Json)));
        assert_eq!(negotiate(None, ResultKind::Graph), Some(ResultFormat::Rdf(RdfFormat::Turtle)));
        assert_eq!(results("*/*"), Some(QueryResultsFormat::Json));
        assert_eq!(rdf("*/*"), Some(RdfFormat::Turtle));
    }

    #[test]
    fn negotiate_each_media_type() {
        assert_eq!(results("application/sparql-results+json"), Some(QueryResultsFormat::Json));
        assert_eq!(results("application/sparql-results+xml"), Some(QueryResultsFormat::Xml));
        assert_eq!(results("text/csv"), Some(QueryResultsFormat::Csv));
        assert_eq!(results("text/tab-separated-values"), Some(QueryResultsFormat::Tsv));
        assert_eq!(rdf("text/turtle"), Some(RdfFormat::Turtle));
        assert_eq!(rdf("application/n-triples"), Some(RdfFormat::NTriples));
        assert_eq!(rdf("application/rdf+xml"), Some(RdfFormat::RdfXml));
        assert!(matches!(rdf("application/ld+json"), Some(RdfFormat::JsonLd { .. })));
        assert_eq!(rdf("application/n-quads"), Some(RdfFormat::NQuads));
        assert_eq!(rdf("application/trig"), Some(RdfFormat::TriG));
    }

    #[test]
    fn negotiate_by_quality_and_specificity() {
        // YASGUI's headers
        assert_eq!(results("application/sparql-results+json,*/*;q=0.9"), Some(QueryResultsFormat::Json));
        assert_eq!(rdf("text/turtle,*/*;q=0.9"), Some(RdfFormat::Turtle));
        assert_eq!(results("text/csv;q=0.5, text/tab-separated-values"), Some(QueryResultsFormat::Tsv));
        assert_eq!(results("text/*;q=0.3, application/sparql-results+xml;q=0.2"), Some(QueryResultsFormat::Csv));
        // a specific q=0 beats the wildcard
        assert_eq!(results("*/*, application/sparql-results+json;q=0"), Some(QueryResultsFormat::Xml));
        // a browser asking for a page still gets results
        assert_eq!(
            results("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            Some(QueryResultsFormat::Xml)
        );
    }

    #[test]
    fn negotiate_refuses_what_cannot_be_sent() {
        assert_eq!(results("text/turtle"), None);
        assert_eq!(rdf("text/csv"), None);
        assert_eq!(results("application/sparql-results+json;q=0"), None);
    }
}
