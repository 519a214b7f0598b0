//! The SPARQL 1.1 Service Description of the endpoint (`GET /sparql` without a query): an
//! `sd:Service` with its endpoint, languages, result formats and the union default graph.
//!
//! ```
//! use newsgraph::server::description::describe;
//! let triples = describe("http://127.0.0.1:7878/sparql", false).unwrap();
//! assert!(triples.iter().any(|t| t.object.to_string().ends_with("#SPARQL11Query>")));
//! assert!(!triples.iter().any(|t| t.object.to_string().ends_with("#SPARQL11Update>")));
//! ```

use oxigraph::model::{NamedNode, Triple};

use crate::error::Result;
use crate::rdf::vocab::*;

/// The description of the service whose query endpoint is `endpoint`; `update` says whether
/// it takes SPARQL updates.
pub fn describe(endpoint: &str, update: bool) -> Result<Vec<Triple>> {
    let service = NamedNode::new(endpoint)?;
    let iri = NamedNode::new_unchecked;
    let mut triples = vec![
        Triple::new(service.clone(), iri(RDF_TYPE), iri(SD_SERVICE)),
        Triple::new(service.clone(), iri(SD_ENDPOINT), service.clone()),
        Triple::new(service.clone(), iri(SD_SUPPORTED_LANGUAGE), iri(SD_SPARQL11_QUERY)),
        Triple::new(service.clone(), iri(SD_FEATURE), iri(SD_UNION_DEFAULT_GRAPH)),
    ];
    if update {
        triples.push(Triple::new(service.clone(), iri(SD_SUPPORTED_LANGUAGE), iri(SD_SPARQL11_UPDATE)));
    }
    for format in [
        FORMATS_SPARQL_RESULTS_JSON,
        FORMATS_SPARQL_RESULTS_XML,
        FORMATS_SPARQL_RESULTS_CSV,
        FORMATS_SPARQL_RESULTS_TSV,
        FORMATS_TURTLE,
        FORMATS_N_TRIPLES,
        FORMATS_RDF_XML,
        FORMATS_JSON_LD,
        FORMATS_N_QUADS,
        FORMATS_TRIG,
    ] {
        triples.push(Triple::new(service.clone(), iri(SD_RESULT_FORMAT), iri(format)));
    }
    Ok(triples)
}
