//! The build manifest: what one `newsgraph build` read, with which tool and models, what it
//! stored and how long it took. Each build adds its manifest to the builds graph
//! (`{base}builds`) as a `prov:Activity`; `export` leaves that graph out unless it is asked for
//! by name, because its times differ from run to run while the article graphs do not.

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use oxsdatatypes::DateTime;

use super::BuildSummary;
use crate::error::Result;
use crate::rdf::vocab::*;
use crate::rdf::{GraphStore, Minter};

/// What one build did.
#[derive(Debug, Clone)]
pub struct BuildManifest {
    /// When it started.
    pub started: DateTime,
    /// When it ended.
    pub ended: DateTime,
    /// The pipeline's signature (tool version, options, hashes of model and table files).
    pub pipeline: String,
    /// "name fnv64:hex" of each model and table set used, sorted.
    pub models: Vec<String>,
    /// The input paths, as given.
    pub inputs: Vec<String>,
    /// Worker threads.
    pub jobs: usize,
    /// Counts and timings.
    pub summary: BuildSummary,
}

impl BuildManifest {
    /// The build's IRI, `{base}build/{start time}`.
    pub fn iri(&self, minter: &Minter) -> NamedNode {
        minter.build(&self.started.to_string())
    }

    /// The manifest's quads, in the builds graph, sorted.
    ///
    /// ```
    /// use newsgraph::build::BuildManifest;
    /// use newsgraph::rdf::Minter;
    /// let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
    /// let started: oxsdatatypes::DateTime = "2026-11-28T23:00:00Z".parse().unwrap();
    /// let manifest = BuildManifest {
    ///     started, ended: started, pipeline: "newsgraph 0.1.0".into(), models: vec!["ner fnv64:01".into()],
    ///     inputs: vec!["feed.jsonl".into()], jobs: 2, summary: Default::default(),
    /// };
    /// let nquads: Vec<String> = manifest.quads(&minter).iter().map(|q| q.to_string()).collect();
    /// assert!(nquads.contains(&"<https://newsgraph.example.org/id/build/2026-11-28T23%3A00%3A00Z> \
    ///     <http://www.w3.org/ns/prov#used> \"feed.jsonl\" <https://newsgraph.example.org/id/builds>".to_string()));
    /// ```
    pub fn quads(&self, minter: &Minter) -> Vec<Quad> {
        let graph = GraphName::NamedNode(minter.builds());
        let build = self.iri(minter);
        let iri = NamedNode::new_unchecked;
        let int = |n: usize| Term::from(Literal::from(n as i64));
        let time = |t: &DateTime| Term::from(Literal::new_typed_literal(t.to_string(), iri(XSD_DATE_TIME)));
        let double = |x: f64| Term::from(Literal::new_typed_literal(format!("{x:.3}"), iri(XSD_DOUBLE)));
        let text = |s: &str| Term::from(Literal::new_simple_literal(s));
        let s = &self.summary;
        let mut po: Vec<(&str, Term)> = vec![
            (RDF_TYPE, iri(PROV_ACTIVITY).into()),
            (RDF_TYPE, iri(NG_BUILD).into()),
            (PROV_STARTED_AT_TIME, time(&self.started)),
            (PROV_ENDED_AT_TIME, time(&self.ended)),
            (NG_TOOL, text(concat!("newsgraph ", env!("CARGO_PKG_VERSION")))),
            (NG_PIPELINE, text(&self.pipeline)),
            (NG_JOBS, int(self.jobs)),
            (NG_ARTICLES, int(s.articles)),
            (NG_FAILED, int(s.failures)),
            (NG_SKIPPED, int(s.skipped)),
            (NG_LAYOUT_SKIPPED, int(s.layout.values().sum())),
            (NG_STATEMENTS, int(s.statements)),
            (NG_WORDS, int(s.words)),
            (NG_QUADS_WRITTEN, int(s.quads_written)),
            (NG_SECONDS, double(s.seconds)),
            (NG_STORE_SECONDS, double(s.store_seconds)),
        ];
        po.extend(self.models.iter().map(|m| (NG_MODEL_HASH, text(m))));
        po.extend(self.inputs.iter().map(|p| (PROV_USED, text(p))));
        let mut quads: Vec<Quad> =
            po.into_iter().map(|(p, o)| Quad::new(build.clone(), iri(p), o, graph.clone())).collect();
        quads.sort_by_cached_key(|q| q.to_string());
        quads
    }
}

/// Adds a build's manifest to the store's builds graph, in one transaction.
pub fn store_manifest(store: &GraphStore, minter: &Minter, manifest: &BuildManifest) -> Result<()> {
    store.extend(&manifest.quads(minter))
}
