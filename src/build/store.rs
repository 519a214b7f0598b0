//! A batch into the store: the loader choice (Oxigraph's bulk loader into a fresh store, one
//! transaction per article otherwise), and the build's counts.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use oxigraph::model::Quad;
use oxigraph::store::BulkLoader;

use super::{batch, ArticleOutput, Batch};
use crate::error::Result;
use crate::ingest::{InputError, Record};
use crate::model::{Article, EntityKind, LayoutKind};
use crate::rdf::{
    corpus_needs_recompute, mark_corpus_out_of_date, recompute_corpus, update_corpus, GraphStore, Minter,
};

/// The bulk loader's memory target (megabytes, over all its threads): each thread loads batches
/// of about `BULK_MEMORY_MB * 1000 / jobs` quads.
const BULK_MEMORY_MB: usize = 256;

/// Quads handed to the bulk loader and committed at a time, when it fills a fresh store: a
/// build killed part way keeps every batch committed before (about 110 news articles each),
/// and the same build run again skips their articles by their content hashes.
const BULK_QUADS: usize = 100_000;

/// Something that happened during a build, for progress and error reporting.
#[derive(Debug)]
pub enum BuildEvent<'a> {
    /// An article was stored; it had this many words (tokens).
    Stored(&'a Article, usize),
    /// An article was skipped: stored before with the same content hash.
    Skipped(&'a Article),
    /// A record failed.
    Failed(&'a InputError),
}

/// Counts of one build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuildSummary {
    /// Articles stored.
    pub articles: usize,
    /// Records that failed.
    pub failures: usize,
    /// Articles skipped: stored before with the same content hash.
    pub skipped: usize,
    /// Distinct entities by type, over the articles of this build.
    pub entities: BTreeMap<EntityKind, usize>,
    /// Statements extracted.
    pub statements: usize,
    /// Tokens processed.
    pub words: usize,
    /// Layout spans skipped (no mentions, no statements), by kind: site chrome, table and
    /// promotion lines, tickers.
    pub layout: BTreeMap<LayoutKind, usize>,
    /// Quads written by this build.
    pub quads_written: usize,
    /// Quads in the store after the build, without the builds graph.
    pub store_quads: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds of those spent writing to the store (the rest is reading and extraction).
    pub store_seconds: f64,
}

/// Where article graphs go: a fresh store is filled by the bulk loader, committed every
/// [`BULK_QUADS`] quads (each commit is atomic: RocksDB ingests its files at once); a store
/// that holds articles gets one transaction per article. Either way a crash loses no article
/// already reported stored.
enum Writer<'s> {
    Bulk { store: &'s GraphStore, minter: &'s Minter, jobs: usize, pending: Vec<Quad> },
    Transactions { store: &'s GraphStore, minter: &'s Minter },
}

impl<'s> Writer<'s> {
    fn new(store: &'s GraphStore, minter: &'s Minter, jobs: usize) -> Result<Self> {
        // a fresh store, or one whose first build was stopped before its manifest was written
        Ok(if store.is_empty()? || store.build_graphs()?.is_empty() {
            Writer::Bulk { store, minter, jobs: jobs.max(1), pending: Vec::new() }
        } else {
            Writer::Transactions { store, minter }
        })
    }

    /// True for the bulk loader into a fresh store.
    fn is_fresh(&self) -> bool {
        matches!(self, Writer::Bulk { .. })
    }

    /// Writes one article, true when it and the articles before it are committed; `touched`
    /// gets the keys of the entities its stored version named.
    fn write(&mut self, output: &ArticleOutput, touched: &mut BTreeSet<String>) -> Result<bool> {
        match self {
            Writer::Bulk { store, minter, pending, .. } => {
                let id = &output.record.article.id;
                // an article stored before with other content is replaced, not added to
                if store.contains_graph(&minter.article(id))? {
                    store.replace_graphs(&[minter.article(id), minter.merge_log(id)], &output.quads)?;
                    return Ok(pending.is_empty());
                }
                pending.extend(output.quads.iter().cloned());
                if pending.len() >= BULK_QUADS {
                    self.commit()?;
                    return Ok(true);
                }
                Ok(false)
            }
            Writer::Transactions { store, minter } => {
                let id = &output.record.article.id;
                touched.extend(store.mentioned_entities(&minter.article(id))?);
                store.replace_graphs(&[minter.article(id), minter.merge_log(id)], &output.quads)?;
                Ok(true)
            }
        }
    }

    /// Commits the pending quads of the bulk loader.
    fn commit(&mut self) -> Result<()> {
        if let Writer::Bulk { store, jobs, pending, .. } = self {
            if pending.is_empty() {
                return Ok(());
            }
            let mut loader: BulkLoader<'_> =
                store.inner().bulk_loader().with_num_threads(*jobs).with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
            loader.load_quads(std::mem::take(pending))?;
            loader.commit()?;
        }
        Ok(())
    }
}

/// [`Batch::into_store`].
pub(super) fn build(
    batch: &Batch<'_>,
    records: impl Iterator<Item = Record>,
    store: &GraphStore,
    mut on_event: impl FnMut(BuildEvent<'_>),
) -> Result<BuildSummary> {
    let started = Instant::now();
    let (pipeline, minter, force) = (batch.pipeline, batch.minter, batch.options.force);
    let mut summary = BuildSummary::default();
    let mut entities: BTreeMap<String, EntityKind> = BTreeMap::new();
    let on_event = std::cell::RefCell::new(&mut on_event);
    let mut skipped = 0usize;
    let skip = batch::Skip {
        unchanged: |a: &Article| {
            !force
                && store.content_hash(&minter.article(&a.id)).ok().flatten().as_deref()
                    == Some(&pipeline.fingerprint(a))
        },
        skipped: |a: &Article| {
            skipped += 1;
            (on_event.borrow_mut())(BuildEvent::Skipped(a));
            Ok(())
        },
    };
    let mut store_time = Duration::ZERO;
    let mut writer = Writer::new(store, minter, batch.options.jobs)?;
    let mut uncommitted: Vec<(Article, usize)> = Vec::new();
    let fresh = writer.is_fresh();
    // an earlier build stopped before it updated the corpus graph: compute it whole at the end
    let recompute = fresh || corpus_needs_recompute(store, minter)?;
    let mut marked = fresh;
    // the entities whose corpus description the stored articles change
    let mut touched: BTreeSet<String> = BTreeSet::new();
    batch::run(batch, records, true, skip, |output| {
        let output = match output {
            Ok(output) => output,
            Err(error) => {
                summary.failures += 1;
                (on_event.borrow_mut())(BuildEvent::Failed(&error));
                return Ok(());
            }
        };
        let writing = Instant::now();
        if !marked {
            mark_corpus_out_of_date(store, minter)?;
            marked = true;
        }
        let committed = writer.write(&output, &mut touched)?;
        touched.extend(output.record.entities.iter().map(|e| e.key.clone()));
        store_time += writing.elapsed();
        entities.extend(output.record.entities.iter().map(|e| (e.key.clone(), e.kind)));
        summary.articles += 1;
        summary.words += output.words;
        for l in &output.layout {
            *summary.layout.entry(l.kind).or_default() += 1;
        }
        summary.statements += output.record.statements.len();
        summary.quads_written += output.quads.len();
        // an article is reported stored once it is committed
        uncommitted.push((output.record.article, output.words));
        if committed {
            for (article, words) in uncommitted.drain(..) {
                (on_event.borrow_mut())(BuildEvent::Stored(&article, words));
            }
        }
        Ok(())
    })?;
    let writing = Instant::now();
    writer.commit()?;
    for (article, words) in uncommitted.drain(..) {
        (on_event.borrow_mut())(BuildEvent::Stored(&article, words));
    }
    if recompute {
        recompute_corpus(store, minter)?;
    } else if !touched.is_empty() {
        update_corpus(store, minter, &touched)?;
    }
    // a fresh store was bulk-loaded in overlapping batches: compacted, reads look in one file
    // per index. An incremental build writes through transactions, which RocksDB compacts as it
    // goes; compacting the whole store for it would rewrite every file.
    if fresh && summary.articles > 0 {
        store.optimize()?;
    } else {
        store.flush()?;
    }
    summary.store_seconds = (store_time + writing.elapsed()).as_secs_f64();
    summary.skipped = skipped;
    for kind in entities.values() {
        *summary.entities.entry(*kind).or_default() += 1;
    }
    summary.store_quads = store.data_len()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
