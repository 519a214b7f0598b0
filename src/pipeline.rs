//! The pipeline: the only place that knows the order of the stages.
//!
//! ```
//! let pipeline = newsgraph::Pipeline::new();
//! let x = pipeline.run_text("Kadri Saar, a spokeswoman for the Estonian Foreign Ministry, said talks failed.");
//! let names: Vec<&str> = x.resolution.entities.iter().map(|e| e.name.as_str()).collect();
//! assert_eq!(names, ["Kadri Saar", "Estonia's Foreign Ministry"]);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::error::Result;
use crate::extract::{Extractor, PatternExtractor};
use crate::graph::KnowledgeGraph;
use crate::ingest::{InputError, InputErrorKind, Record};
use crate::lexicon::Lexicon;
use crate::model::{Article, Document, EntityId, EntityKind, Extraction, Mention, Origin, Statement};
use crate::rdf::{article_nquads, article_nquads_text, GraphStore, Minter};
use crate::recognize::{Recognizer, TaggerRecognizer};
use crate::relate::{RelationClassifier, RelationModel};
use crate::resolve::{ListResolver, Resolver};
use crate::segment::segment;

/// The stages, built once and run on many articles.
pub struct Pipeline {
    recognizer: Box<dyn Recognizer>,
    resolver: Box<dyn Resolver>,
    extractor: Box<dyn Extractor>,
    relations: Option<RelationClassifier>,
    signature: String,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// The default pipeline over the built-in lexicon.
    pub fn new() -> Self {
        PipelineBuilder::new().build()
    }

    /// Runs every stage on one article.
    pub fn run(&self, article: Article) -> Extraction {
        let document = segment(&article.text);
        let mentions = valid_mentions(&document, self.recognizer.recognize(&document));
        let resolution = self.resolver.resolve(&document, &mentions);
        let mut statements = self.extractor.extract(&document, &mentions, &resolution);
        if let Some(relations) = &self.relations {
            add_relations(&mut statements, relations.statements(&document, &mentions, &resolution));
        }
        Extraction { article, document, mentions, resolution, statements }
    }

    /// Runs every stage on a bare text (article id `text`).
    pub fn run_text(&self, text: &str) -> Extraction {
        self.run(Article {
            id: "text".into(),
            title: None,
            date: None,
            url: None,
            source: None,
            text: text.to_owned(),
            origin: Origin { path: PathBuf::from("-"), line: None },
        })
    }

    /// One article's graphs as quads (its article graph and its merge log), with its counts.
    pub fn article_output(&self, article: Article, minter: &Minter) -> ArticleOutput {
        self.output(article, minter, true)
    }

    /// [`Pipeline::article_output`]; without `keep_quads`, [`ArticleOutput::quads`] is left
    /// empty and only [`ArticleOutput::nquads`] holds them.
    fn output(&self, article: Article, minter: &Minter, keep_quads: bool) -> ArticleOutput {
        let extraction = self.run(article);
        let mut graph = KnowledgeGraph::new();
        graph.add(&extraction);
        let (mut quads, mut nquads) = if keep_quads {
            article_nquads(&graph.articles()[0], minter)
        } else {
            (Vec::new(), article_nquads_text(&graph.articles()[0], minter))
        };
        let record = graph.into_articles().pop().expect("one article was added");
        let iri = minter.article(&record.article.id);
        let hash = oxigraph::model::Quad::new(
            iri.clone(),
            oxigraph::model::NamedNode::new_unchecked(crate::rdf::vocab::NG_CONTENT_HASH),
            oxigraph::model::Literal::new_simple_literal(self.fingerprint(&record.article)),
            iri,
        );
        let mut line = Vec::new();
        crate::rdf::write_nquad(hash.as_ref(), &mut line);
        nquads.push_str(std::str::from_utf8(&line).expect("N-Quads is UTF-8"));
        if keep_quads {
            quads.push(hash);
        }
        ArticleOutput { quads, nquads, words: extraction.document.tokens.len(), record }
    }

    /// The pipeline's signature: the tool's version, the options set on the builder and what
    /// [`PipelineBuilder::signature`] named.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// What an article's graph depends on, hashed (FNV-1a, 64 bits, hex): the article's id,
    /// metadata and text, and the pipeline's [`PipelineBuilder::signature`]. `build` stores it
    /// as `ng:contentHash` and skips an article whose hash is unchanged.
    pub fn fingerprint(&self, article: &Article) -> String {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        let none = "\u{0}";
        for part in [
            self.signature.as_str(),
            &article.id,
            article.title.as_deref().unwrap_or(none),
            article.date.as_deref().unwrap_or(none),
            article.url.as_deref().unwrap_or(none),
            article.source.as_deref().unwrap_or(none),
            &article.text,
        ] {
            h.write(part.as_bytes());
            h.write_u8(0xff);
        }
        format!("{:016x}", h.finish())
    }

    /// Runs the pipeline over `records` on `jobs` worker threads and hands each article's
    /// output, or its input error, to `sink` in input order, so that the output does not depend
    /// on the number of workers. Records are read and processed in batches: memory does not grow
    /// with the input. A second record with an id already seen is an error. `sink` may stop the
    /// run by returning an error.
    pub fn process(
        &self,
        records: impl Iterator<Item = Record>,
        minter: &Minter,
        jobs: usize,
        sink: impl FnMut(std::result::Result<ArticleOutput, InputError>) -> Result<()>,
    ) -> Result<()> {
        self.process_changed(records, minter, jobs, |_| false, |_| Ok(()), sink)
    }

    /// [`Pipeline::process`] for a caller that writes N-Quads: each [`ArticleOutput::quads`]
    /// is empty and [`ArticleOutput::nquads`] holds them, which is faster to make.
    pub fn process_nquads(
        &self,
        records: impl Iterator<Item = Record>,
        minter: &Minter,
        jobs: usize,
        sink: impl FnMut(std::result::Result<ArticleOutput, InputError>) -> Result<()>,
    ) -> Result<()> {
        self.run_batches(records, minter, jobs, false, |_| false, |_| Ok(()), sink)
    }

    /// [`Pipeline::process`], passing an article for which `unchanged` says so to `skipped`
    /// instead of processing it (in input order too).
    pub fn process_changed(
        &self,
        records: impl Iterator<Item = Record>,
        minter: &Minter,
        jobs: usize,
        unchanged: impl Fn(&Article) -> bool,
        skipped: impl FnMut(&Article) -> Result<()>,
        sink: impl FnMut(std::result::Result<ArticleOutput, InputError>) -> Result<()>,
    ) -> Result<()> {
        self.run_batches(records, minter, jobs, true, unchanged, skipped, sink)
    }

    /// [`Pipeline::process_changed`], with or without [`ArticleOutput::quads`].
    #[allow(clippy::too_many_arguments)]
    fn run_batches(
        &self,
        records: impl Iterator<Item = Record>,
        minter: &Minter,
        jobs: usize,
        quads: bool,
        unchanged: impl Fn(&Article) -> bool,
        mut skipped: impl FnMut(&Article) -> Result<()>,
        mut sink: impl FnMut(std::result::Result<ArticleOutput, InputError>) -> Result<()>,
    ) -> Result<()> {
        let jobs = jobs.max(1);
        let pool =
            rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("a thread pool of a positive size starts");
        let mut seen: HashMap<String, Origin> = HashMap::new();
        let mut records = records.peekable();
        while records.peek().is_some() {
            let mut batch: Vec<std::result::Result<Article, InputError>> = Vec::new();
            for record in records.by_ref().take(BATCH_PER_JOB * jobs) {
                // two inputs with one id would silently replace each other's graph
                batch.push(record.and_then(|article| match seen.get(&article.id) {
                    Some(first) => Err(InputError {
                        kind: InputErrorKind::DuplicateId { id: article.id.clone(), first: first.clone() },
                        origin: article.origin,
                    }),
                    None => {
                        seen.insert(article.id.clone(), article.origin.clone());
                        Ok(article)
                    }
                }));
            }
            // an unchanged article is passed over, in its place in the input order
            let batch: Vec<Option<std::result::Result<Article, InputError>>> = batch
                .into_iter()
                .map(|r| match r {
                    Ok(a) if unchanged(&a) => {
                        skipped(&a)?;
                        Ok(None)
                    }
                    r => Ok(Some(r)),
                })
                .collect::<Result<_>>()?;
            let work = |r: std::result::Result<Article, InputError>| r.map(|a| self.output(a, minter, quads));
            let outputs: Vec<std::result::Result<ArticleOutput, InputError>> = if jobs == 1 {
                batch.into_iter().flatten().map(work).collect()
            } else {
                use rayon::prelude::*;
                pool.install(|| batch.into_par_iter().flatten().map(work).collect())
            };
            for output in outputs {
                sink(output)?;
            }
        }
        Ok(())
    }

    /// Runs the pipeline over `records` on `jobs` workers and writes each article into `store`
    /// in input order: with the bulk loader into a fresh store, else one transaction per article
    /// graph. Failed records are passed to
    /// `on_event` and counted; the batch goes on.
    pub fn build_store(
        &self,
        records: impl Iterator<Item = Record>,
        store: &GraphStore,
        minter: &Minter,
        jobs: usize,
        on_event: impl FnMut(BuildEvent<'_>),
    ) -> Result<BuildSummary> {
        self.build_store_with(records, store, minter, jobs, false, on_event)
    }

    /// [`Pipeline::build_store`]; unless `force`, an article whose stored `ng:contentHash`
    /// equals its [`Pipeline::fingerprint`] is skipped and counted as skipped. A fresh (empty)
    /// store is filled with Oxigraph's bulk loader, committed at the end: a crash leaves it
    /// empty. A store that holds articles gets one transaction per article.
    pub fn build_store_with(
        &self,
        records: impl Iterator<Item = Record>,
        store: &GraphStore,
        minter: &Minter,
        jobs: usize,
        force: bool,
        mut on_event: impl FnMut(BuildEvent<'_>),
    ) -> Result<BuildSummary> {
        let started = Instant::now();
        let mut summary = BuildSummary::default();
        let mut entities: BTreeMap<String, EntityKind> = BTreeMap::new();
        let unchanged = |a: &Article| {
            !force && store.content_hash(&minter.article(&a.id)).ok().flatten().as_deref() == Some(&self.fingerprint(a))
        };
        let on_event = std::cell::RefCell::new(&mut on_event);
        let mut skipped = 0usize;
        let count_skipped = |a: &Article| {
            skipped += 1;
            (on_event.borrow_mut())(BuildEvent::Skipped(a));
            Ok(())
        };
        let mut store_time = std::time::Duration::ZERO;
        // a fresh store is filled by the bulk loader, committed at the end; a store that holds
        // articles gets one transaction per article, so that a crash loses none already stored
        let mut bulk = if store.is_empty()? {
            Some(
                store
                    .inner()
                    .bulk_loader()
                    .with_num_threads(jobs.max(1))
                    .with_max_memory_size_in_megabytes(BULK_MEMORY_MB),
            )
        } else {
            None
        };
        let mut pending: Vec<oxigraph::model::Quad> = Vec::new();
        self.process_changed(records, minter, jobs, unchanged, count_skipped, |output| {
            let output = match output {
                Ok(output) => output,
                Err(error) => {
                    summary.failures += 1;
                    (on_event.borrow_mut())(BuildEvent::Failed(&error));
                    return Ok(());
                }
            };
            let id = &output.record.article.id;
            let writing = Instant::now();
            match &mut bulk {
                Some(loader) => {
                    pending.extend(output.quads.iter().cloned());
                    if pending.len() >= BULK_QUADS {
                        loader.load_quads(std::mem::take(&mut pending))?;
                    }
                }
                None => store.replace_graphs(&[minter.article(id), minter.merge_log(id)], &output.quads)?,
            }
            store_time += writing.elapsed();
            entities.extend(output.record.entities.iter().map(|e| (e.key.clone(), e.kind)));
            summary.articles += 1;
            summary.words += output.words;
            summary.statements += output.record.statements.len();
            summary.quads_written += output.quads.len();
            (on_event.borrow_mut())(BuildEvent::Stored(&output.record.article, output.words));
            Ok(())
        })?;
        let writing = Instant::now();
        if let Some(mut loader) = bulk {
            loader.load_quads(pending)?;
            loader.commit()?;
        }
        store.flush()?;
        summary.store_seconds = (store_time + writing.elapsed()).as_secs_f64();
        summary.skipped = skipped;
        for kind in entities.values() {
            *summary.entities.entry(*kind).or_default() += 1;
        }
        summary.store_quads = store.data_len()?;
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }
}

/// The bulk loader's memory target (megabytes, over all its threads): each thread loads batches
/// of about `BULK_MEMORY_MB * 1000 / jobs` quads.
const BULK_MEMORY_MB: usize = 256;

/// Quads handed to the bulk loader at a time, when it fills a fresh store.
const BULK_QUADS: usize = 500_000;

/// Articles read per worker and batch.
const BATCH_PER_JOB: usize = 16;

/// One article's output: its record (article, entities, mentions, statements) and its quads.
#[derive(Debug, Clone)]
pub struct ArticleOutput {
    /// The article's contribution to the graph.
    pub record: crate::graph::ArticleRecord,
    /// Its article graph and merge log, as quads (empty from [`Pipeline::process_nquads`]).
    pub quads: Vec<oxigraph::model::Quad>,
    /// The same quads as N-Quads text, one line each, in the same order: what `extract` writes.
    pub nquads: String,
    /// Tokens processed.
    pub words: usize,
}

/// What the later stages rely on, whatever the recogniser: mentions sorted, non-empty, inside
/// the text, on char boundaries and not overlapping (the first of two overlapping ones wins).
fn valid_mentions(doc: &Document, mut mentions: Vec<Mention>) -> Vec<Mention> {
    mentions.retain(|m| {
        m.span.start < m.span.end && doc.text.is_char_boundary(m.span.start) && doc.text.is_char_boundary(m.span.end)
    });
    mentions.sort_by_key(|m| m.span);
    let mut end = 0;
    mentions.retain(|m| {
        let keep = m.span.start >= end;
        if keep {
            end = m.span.end;
        }
        keep
    });
    mentions
}

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
    /// Quads written by this build.
    pub quads_written: usize,
    /// Quads in the store after the build, without the builds graph.
    pub store_quads: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds of those spent writing to the store (the rest is reading and extraction).
    pub store_seconds: f64,
}

/// Adds the relation model's statements to the patterns' ones, in the same text order. A pair
/// a role rule already linked ("X, a spokesman for Y") keeps only the role, which says more.
fn add_relations(statements: &mut Vec<Statement>, found: Vec<Statement>) {
    let linked: Vec<(EntityId, Option<EntityId>)> =
        statements.iter().filter(|s| s.predicate.is_role()).map(|s| (s.subject, s.object)).collect();
    statements.extend(found.into_iter().filter(|s| !linked.contains(&(s.subject, s.object))));
    statements.sort_by_key(Statement::text_order);
}

/// Builds a [`Pipeline`] with a replaced lexicon or stages.
#[derive(Default)]
pub struct PipelineBuilder {
    lexicon: Option<Arc<Lexicon>>,
    recognizer: Option<Box<dyn Recognizer>>,
    pronouns: bool,
    relation_model: Option<Option<Arc<RelationModel>>>,
    relation_confidence: Option<f32>,
    signature: Option<String>,
}

impl PipelineBuilder {
    /// A builder with the defaults.
    pub fn new() -> Self {
        PipelineBuilder::default()
    }

    /// Uses these lexicon tables in every stage.
    pub fn lexicon(mut self, lexicon: Arc<Lexicon>) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// Uses this recogniser instead of the rule recogniser.
    pub fn recognizer(mut self, recognizer: Box<dyn Recognizer>) -> Self {
        self.recognizer = Some(recognizer);
        self
    }

    /// Turns on the resolver's tier 7: "he" and "she" join the person they refer to, and become
    /// mentions of that person (off by default).
    pub fn pronouns(mut self, on: bool) -> Self {
        self.pronouns = on;
        self
    }

    /// Uses this relation model (`None`: no relation classifier) instead of the built-in one.
    pub fn relation_model(mut self, model: Option<Arc<RelationModel>>) -> Self {
        self.relation_model = Some(model);
        self
    }

    /// Keeps the relation classifier's statements of at least this confidence (default
    /// [`crate::relate::MIN_CONFIDENCE`]).
    pub fn relation_confidence(mut self, min: f32) -> Self {
        self.relation_confidence = Some(min);
        self
    }

    /// Names what the caller changed in the pipeline (a model file's hash, tables) for
    /// [`Pipeline::fingerprint`]: articles built with another signature are built again. The
    /// tool's version and the options set on this builder are always part of it.
    pub fn signature(mut self, signature: String) -> Self {
        self.signature = Some(signature);
        self
    }

    /// Builds the pipeline.
    pub fn build(self) -> Pipeline {
        let lexicon = self.lexicon.unwrap_or_else(Lexicon::builtin);
        let signature = format!(
            "newsgraph {} pronouns={} relations={:?} {}",
            env!("CARGO_PKG_VERSION"),
            self.pronouns,
            self.relation_confidence,
            self.signature.as_deref().unwrap_or("")
        );
        Pipeline {
            signature,
            recognizer: self.recognizer.unwrap_or_else(|| Box::new(TaggerRecognizer::with_lexicon(lexicon.clone()))),
            resolver: Box::new(ListResolver::with_lexicon(lexicon.clone()).with_pronouns(self.pronouns)),
            extractor: Box::new(PatternExtractor::with_lexicon(lexicon.clone())),
            relations: self.relation_model.unwrap_or_else(|| Some(RelationClassifier::builtin_model())).map(|model| {
                let min = self.relation_confidence.unwrap_or(crate::relate::MIN_CONFIDENCE);
                RelationClassifier::new(lexicon, model).with_min_confidence(min)
            }),
        }
    }
}
