//! The SPARQL 1.1 Protocol's three ways to send an operation, read into one
//! [`SparqlRequest`]: `GET` with URL parameters, `POST` of the bare query
//! (`application/sparql-query`, or `application/sparql-update`) with the dataset in the URL,
//! and `POST` of an HTML form (`application/x-www-form-urlencoded`).
//!
//! ```
//! use newsgraph::server::protocol::{Operation, SparqlRequest};
//! let request = SparqlRequest::read(
//!     Operation::Query,
//!     Some("query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fex.org%2Fg"),
//!     None,
//!     b"",
//! )
//! .unwrap()
//! .unwrap();
//! assert_eq!(request.text, "ASK{}");
//! assert_eq!(request.default_graphs[0].as_str(), "http://ex.org/g");
//! ```

use oxigraph::model::NamedNode;

/// Query or update: which parameters and body media type the request uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `query`, `default-graph-uri`, `named-graph-uri`; `application/sparql-query`.
    Query,
    /// `update`, `using-graph-uri`, `using-named-graph-uri`; `application/sparql-update`.
    Update,
}

impl Operation {
    /// The parameter that holds the operation.
    fn parameter(self) -> &'static str {
        match self {
            Operation::Query => "query",
            Operation::Update => "update",
        }
    }

    fn default_graph_parameter(self) -> &'static str {
        match self {
            Operation::Query => "default-graph-uri",
            Operation::Update => "using-graph-uri",
        }
    }

    fn named_graph_parameter(self) -> &'static str {
        match self {
            Operation::Query => "named-graph-uri",
            Operation::Update => "using-named-graph-uri",
        }
    }

    /// The media type of a `POST` whose body is the operation itself.
    pub fn media_type(self) -> &'static str {
        match self {
            Operation::Query => "application/sparql-query",
            Operation::Update => "application/sparql-update",
        }
    }
}

/// The form media type.
const FORM: &str = "application/x-www-form-urlencoded";

/// Why a request is not a SPARQL protocol request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// A parameter is missing, repeated or malformed (HTTP 400).
    #[error("{0}")]
    BadRequest(String),
    /// The body's media type is not one the protocol knows (HTTP 415).
    #[error("unsupported Content-Type {0:?}: send application/sparql-query, application/sparql-update or application/x-www-form-urlencoded")]
    UnsupportedMediaType(String),
    /// A Graph Store request's body is not in a triple format the server reads (HTTP 415).
    #[error("unsupported Content-Type {0:?}: send text/turtle, application/n-triples or application/rdf+xml")]
    UnsupportedRdf(String),
}

/// A query or update with the dataset the request gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparqlRequest {
    /// The SPARQL text.
    pub text: String,
    /// `default-graph-uri` (or `using-graph-uri`) values.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri` (or `using-named-graph-uri`) values.
    pub named_graphs: Vec<NamedNode>,
}

impl SparqlRequest {
    /// Reads a request from its URL query string, `Content-Type` and body (empty for `GET`).
    /// `Ok(None)` when there is no operation at all (a `GET` of the bare endpoint).
    pub fn read(
        operation: Operation,
        url_query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Option<Self>, ProtocolError> {
        let media = content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
        let url = url_query.unwrap_or("").as_bytes();
        let mut request = SparqlRequest { text: String::new(), default_graphs: Vec::new(), named_graphs: Vec::new() };
        let mut text = None;
        let body_params = match media.as_deref() {
            _ if body.is_empty() && media.as_deref() != Some(operation.media_type()) => &[][..],
            Some(FORM) => body,
            Some(m) if m == operation.media_type() => {
                text = Some(
                    String::from_utf8(body.to_vec())
                        .map_err(|e| ProtocolError::BadRequest(format!("the body is not UTF-8: {e}")))?,
                );
                &[][..]
            }
            Some(other) => return Err(ProtocolError::UnsupportedMediaType(other.to_owned())),
            None => return Err(ProtocolError::UnsupportedMediaType(String::new())),
        };
        for (key, value) in form_urlencoded::parse(url).chain(form_urlencoded::parse(body_params)) {
            let iri = || {
                NamedNode::new(value.as_ref())
                    .map_err(|e| ProtocolError::BadRequest(format!("{key}: {value:?} is not an IRI: {e}")))
            };
            if key == operation.parameter() {
                if text.is_some() {
                    return Err(ProtocolError::BadRequest(format!("more than one {} given", operation.parameter())));
                }
                text = Some(value.clone().into_owned());
            } else if key == operation.default_graph_parameter() {
                request.default_graphs.push(iri()?);
            } else if key == operation.named_graph_parameter() {
                request.named_graphs.push(iri()?);
            }
        }
        Ok(text.map(|text| SparqlRequest { text, ..request }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_reads_get_post_and_form() {
        let get = SparqlRequest::read(Operation::Query, Some("query=SELECT%20*%20%7B%7D"), None, b"").unwrap();
        assert_eq!(get.unwrap().text, "SELECT * {}");
        let post = SparqlRequest::read(
            Operation::Query,
            Some("named-graph-uri=http%3A%2F%2Fex.org%2Fn"),
            Some("application/sparql-query; charset=utf-8"),
            b"ASK {}",
        )
        .unwrap()
        .unwrap();
        assert_eq!(post.text, "ASK {}");
        assert_eq!(post.named_graphs.len(), 1);
        let form = SparqlRequest::read(
            Operation::Update,
            None,
            Some("application/x-www-form-urlencoded"),
            b"update=CLEAR+ALL&using-graph-uri=http%3A%2F%2Fex.org%2Fg",
        )
        .unwrap()
        .unwrap();
        assert_eq!(form.text, "CLEAR ALL");
        assert_eq!(form.default_graphs.len(), 1);
    }

    #[test]
    fn protocol_no_operation_is_none() {
        assert_eq!(SparqlRequest::read(Operation::Query, None, None, b"").unwrap(), None);
        assert_eq!(SparqlRequest::read(Operation::Query, Some("format=json"), None, b"").unwrap(), None);
    }

    #[test]
    fn protocol_rejects_bad_requests() {
        assert!(matches!(
            SparqlRequest::read(Operation::Query, Some("query=ASK{}&query=ASK{}"), None, b""),
            Err(ProtocolError::BadRequest(_))
        ));
        assert!(matches!(
            SparqlRequest::read(Operation::Query, Some("query=ASK{}&default-graph-uri=not%20an%20iri"), None, b""),
            Err(ProtocolError::BadRequest(_))
        ));
        assert!(matches!(
            SparqlRequest::read(Operation::Query, None, Some("text/plain"), b"ASK {}"),
            Err(ProtocolError::UnsupportedMediaType(_))
        ));
        // an update body sent to the query endpoint
        assert!(matches!(
            SparqlRequest::read(Operation::Query, None, Some("application/sparql-update"), b"CLEAR ALL"),
            Err(ProtocolError::UnsupportedMediaType(_))
        ));
    }
}
