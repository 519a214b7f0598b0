//! Ordered parallel batches: records are read a batch at a time, run on a thread pool, and
//! handed on in input order.

use std::collections::HashMap;

use super::{ArticleOutput, Batch, Outcome};
use crate::error::Result;
use crate::ingest::{InputError, InputErrorKind, Record};
use crate::model::{Article, Origin};

/// Articles read per worker and batch.
const BATCH_PER_JOB: usize = 16;

/// Which articles to pass over, and what to do with each one passed over.
pub(super) struct Skip<U, S> {
    /// True for an article to pass over.
    pub unchanged: U,
    /// Called for each article passed over, in its place in the input order.
    pub skipped: S,
}

impl Skip<fn(&Article) -> bool, fn(&Article) -> Result<()>> {
    /// Passes over nothing.
    pub fn none() -> Self {
        Skip { unchanged: |_| false, skipped: |_| Ok(()) }
    }
}

/// Runs `batch`'s pipeline over `records` and hands each output, or input error, to `sink` in
/// input order, passing over what `skip` says (with or without [`ArticleOutput::quads`]).
pub(super) fn run(
    batch: &Batch<'_>,
    records: impl Iterator<Item = Record>,
    keep_quads: bool,
    mut skip: Skip<impl Fn(&Article) -> bool, impl FnMut(&Article) -> Result<()>>,
    mut sink: impl FnMut(Outcome) -> Result<()>,
) -> Result<()> {
    let jobs = batch.options.jobs.max(1);
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("a thread pool of a positive size starts");
    let mut ids = Ids::default();
    let mut records = records.peekable();
    while records.peek().is_some() {
        let read: Vec<Record> = records.by_ref().take(BATCH_PER_JOB * jobs).map(|r| ids.check(r)).collect();
        // an unchanged article is passed over, in its place in the input order
        let mut work = Vec::with_capacity(read.len());
        for record in read {
            match record {
                Ok(a) if (skip.unchanged)(&a) => (skip.skipped)(&a)?,
                r => work.push(r),
            }
        }
        let one = |r: Record| r.map(|a| ArticleOutput::new(batch.pipeline, a, batch.minter, keep_quads));
        let outputs: Vec<Outcome> = if jobs == 1 {
            work.into_iter().map(one).collect()
        } else {
            use rayon::prelude::*;
            pool.install(|| work.into_par_iter().map(one).collect())
        };
        for output in outputs {
            sink(output)?;
        }
    }
    Ok(())
}

/// The article ids seen so far: two inputs with one id would silently replace each other's graph.
#[derive(Default)]
struct Ids {
    seen: HashMap<String, Origin>,
}

impl Ids {
    /// `record`, or a duplicate-id error if its id was seen before.
    fn check(&mut self, record: Record) -> Record {
        let article = record?;
        match self.seen.get(&article.id) {
            Some(first) => Err(InputError {
                kind: InputErrorKind::DuplicateId { id: article.id.clone(), first: first.clone() },
                origin: article.origin,
            }),
            None => {
                self.seen.insert(article.id.clone(), article.origin.clone());
                Ok(article)
            }
        }
    }
}
