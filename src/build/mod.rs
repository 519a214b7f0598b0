//! Batch builds: many articles through the [`Pipeline`] on worker threads, handed on in input
//! order (so the output does not depend on the number of workers), into N-Quads or into the
//! store. This module owns what a batch adds to the per-article chain: ordered parallel
//! batches, refusing a second record with an id already seen, skipping an article whose content
//! hash is unchanged, the choice of loader, and the build manifest. It runs no stage itself.
//!
//! ```
//! use newsgraph::build::{Batch, BuildOptions};
//! use newsgraph::ingest::Record;
//! use newsgraph::model::{Article, Origin};
//! use newsgraph::rdf::{vocab::DEFAULT_BASE_IRI, Minter};
//!
//! let article = |id: &str, text: &str| -> Record {
//!     Ok(Article { id: id.into(), title: None, date: None, url: None, source: None, author: None,
//!                  text: text.into(),
//!                  origin: Origin { path: "-".into(), line: None } })
//! };
//! let records = vec![article("a", "Estonia accused Russia of jamming flights."), article("b", "Japan said no.")];
//! let (pipeline, minter) = (newsgraph::Pipeline::new(), Minter::new(DEFAULT_BASE_IRI).unwrap());
//! let mut ids = Vec::new();
//! Batch::new(&pipeline, &minter, BuildOptions { jobs: 2, force: false })
//!     .nquads(records.into_iter(), |output| {
//!         ids.push(output.unwrap().record.article.id);
//!         Ok(())
//!     })
//!     .unwrap();
//! assert_eq!(ids, ["a", "b"]);
//! ```

mod batch;
mod manifest;
mod output;
mod store;

pub use manifest::{store_manifest, BuildManifest};
pub use output::ArticleOutput;
pub use store::{BuildEvent, BuildSummary};

use crate::error::Result;
use crate::ingest::{InputError, Record};
use crate::pipeline::Pipeline;
use crate::rdf::{GraphStore, Minter};

/// How a batch runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    /// Worker threads (at least one is used).
    pub jobs: usize,
    /// Build every article again, even one stored before with the same content hash.
    pub force: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions { jobs: 1, force: false }
    }
}

/// A pipeline, the IRI minter and the options of one batch run.
pub struct Batch<'a> {
    pipeline: &'a Pipeline,
    minter: &'a Minter,
    options: BuildOptions,
}

/// What a sink is given for each record: the article's output, or why the record failed.
pub type Outcome = std::result::Result<ArticleOutput, InputError>;

impl<'a> Batch<'a> {
    /// A batch of `pipeline` minting IRIs with `minter`.
    pub fn new(pipeline: &'a Pipeline, minter: &'a Minter, options: BuildOptions) -> Self {
        Batch { pipeline, minter, options }
    }

    /// Runs the pipeline over `records` and hands each article's output, or its input error, to
    /// `sink` in input order. Records are read and processed in batches: memory does not grow
    /// with the input. A second record with an id already seen is an error. `sink` may stop the
    /// run by returning an error. Each [`ArticleOutput::quads`] is empty and
    /// [`ArticleOutput::nquads`] holds them as N-Quads text, which is faster to make.
    pub fn nquads(&self, records: impl Iterator<Item = Record>, sink: impl FnMut(Outcome) -> Result<()>) -> Result<()> {
        batch::run(self, records, false, batch::Skip::none(), sink)
    }

    /// Runs the pipeline over `records` and writes each article into `store` in input order:
    /// with the bulk loader into a fresh (empty) store, committed at the end (a crash leaves it
    /// empty), else one transaction per article graph (a crash loses none already stored).
    /// Unless [`BuildOptions::force`], an article whose stored `ng:contentHash` equals its
    /// [`Pipeline::fingerprint`] is skipped and counted as skipped. Failed records are passed to
    /// `on_event` and counted; the batch goes on.
    pub fn into_store(
        &self,
        records: impl Iterator<Item = Record>,
        store: &GraphStore,
        on_event: impl FnMut(BuildEvent<'_>),
    ) -> Result<BuildSummary> {
        store::build(self, records, store, on_event)
    }
}
