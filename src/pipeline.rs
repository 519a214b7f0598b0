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
use crate::ner::TaggerRecognizer;
use crate::rdf::{article_quads, GraphStore, Minter};
use crate::recognize::Recognizer;
use crate::relate::{RelationClassifier, RelationModel};
use crate::resolve::{ListResolver, Resolver};
use crate::segment::segment;

/// The stages, built once and run on many articles.
pub struct Pipeline {
    recognizer: Box<dyn Recognizer>,
    resolver: Box<dyn Resolver>,
    extractor: Box<dyn Extractor>,
    relations: Option<RelationClassifier>,
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

    /// Runs the pipeline over `records` and writes each article into `store`, one transaction
    /// per article graph. Failed records are passed to `on_event` and counted; the batch goes on.
    pub fn build_store(
        &self,
        records: impl Iterator<Item = Record>,
        store: &GraphStore,
        minter: &Minter,
        mut on_event: impl FnMut(BuildEvent<'_>),
    ) -> Result<BuildSummary> {
        let started = Instant::now();
        let mut summary = BuildSummary::default();
        let mut entities: BTreeMap<String, EntityKind> = BTreeMap::new();
        let mut seen: HashMap<String, Origin> = HashMap::new();
        for record in records {
            // two inputs with one id would silently replace each other's graph
            let record = record.and_then(|article| match seen.get(&article.id) {
                Some(first) => Err(InputError {
                    kind: InputErrorKind::DuplicateId { id: article.id.clone(), first: first.clone() },
                    origin: article.origin,
                }),
                None => {
                    seen.insert(article.id.clone(), article.origin.clone());
                    Ok(article)
                }
            });
            let article = match record {
                Ok(article) => article,
                Err(error) => {
                    summary.failures += 1;
                    on_event(BuildEvent::Failed(&error));
                    continue;
                }
            };
            let extraction = self.run(article);
            let mut graph = KnowledgeGraph::new();
            graph.add(&extraction);
            let record = &graph.articles()[0];
            let quads = article_quads(record, minter);
            let id = &record.article.id;
            store.replace_graphs(&[minter.article(id), minter.merge_log(id)], &quads)?;
            for e in &record.entities {
                entities.insert(e.key.clone(), e.kind);
            }
            summary.articles += 1;
            summary.words += extraction.document.tokens.len();
            summary.statements += record.statements.len();
            summary.quads_written += quads.len();
            on_event(BuildEvent::Stored(&record.article));
        }
        store.flush()?;
        for kind in entities.values() {
            *summary.entities.entry(*kind).or_default() += 1;
        }
        summary.store_quads = store.len()?;
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }
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
    /// An article was stored.
    Stored(&'a Article),
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
    /// Distinct entities by type, over the articles of this build.
    pub entities: BTreeMap<EntityKind, usize>,
    /// Statements extracted.
    pub statements: usize,
    /// Tokens processed.
    pub words: usize,
    /// Quads written by this build.
    pub quads_written: usize,
    /// Quads in the store after the build.
    pub store_quads: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
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

    /// Builds the pipeline.
    pub fn build(self) -> Pipeline {
        let lexicon = self.lexicon.unwrap_or_else(Lexicon::builtin);
        Pipeline {
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
