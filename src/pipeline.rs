//! The pipeline: the only place that knows the order of the stages. It runs them on one
//! article; [`crate::build`] runs it over many.
//!
//! ```
//! let pipeline = newsgraph::Pipeline::new();
//! let x = pipeline.run_text("Kadri Saar, a spokeswoman for the Estonian Foreign Ministry, said talks failed.");
//! let names: Vec<&str> = x.resolution.entities.iter().map(|e| e.name.as_str()).collect();
//! assert_eq!(names, ["Kadri Saar", "Estonia's Foreign Ministry"]);
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use crate::extract::{Extractor, PatternExtractor};
use crate::lexicon::{Lexicon, WordSet};
use crate::model::{Article, Digest, Document, EntityId, Extraction, Mention, Origin, Resolution, Span, Statement};
use crate::recognize::{Recognizer, TaggerRecognizer};
use crate::relate::{RelationClassifier, RelationModel};
use crate::resolve::{ListResolver, Resolver};
use crate::segment::segment_with;

/// The stages, built once and run on many articles.
pub struct Pipeline {
    lexicon: Arc<Lexicon>,
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
        let (document, mentions) = self.recognize(&article.text);
        let mut resolution = self.resolver.resolve(&document, &mentions);
        let mut statements = self.extractor.extract(&document, &mentions, &resolution);
        if let Some(relations) = &self.relations {
            add_relations(&mut statements, relations.statements(&document, &mentions, &resolution));
        }
        // a layout line (chrome, a table) is evidence of nothing
        statements.retain(|s| !document.in_layout_line(s.evidence));
        add_statement_mentions(&document, &mentions, &mut resolution, &statements, &self.lexicon);
        Extraction { article, document, mentions, resolution, statements }
    }

    /// The segmented text and its mentions: the first stages of [`Pipeline::run`] (what the
    /// attribution trainer sees of an article).
    pub fn recognize(&self, text: &str) -> (Document, Vec<Mention>) {
        let document = segment_with(text, &self.lexicon);
        let mut mentions = valid_mentions(&document, self.recognizer.recognize(&document));
        // lower-case state bodies ("India's defence ministry"), which no recogniser names
        mentions.extend(crate::recognize::institutions(&document, &self.lexicon, &mentions));
        let mentions = valid_mentions(&document, mentions);
        (document, mentions)
    }

    /// Runs every stage on a bare text (article id `text`).
    pub fn run_text(&self, text: &str) -> Extraction {
        self.run(Article {
            id: "text".into(),
            title: None,
            date: None,
            url: None,
            source: None,
            author: None,
            text: text.to_owned(),
            origin: Origin { path: PathBuf::from("-"), line: None },
        })
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
        let mut digest = Digest::new();
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
            digest.part(part.as_bytes());
        }
        // Only when there is one, so that the hashes of articles without an author stay as
        // they were before the author was read.
        if let Some(author) = &article.author {
            digest.part(b"author");
            digest.part(author.as_bytes());
        }
        digest.hex()
    }
}

/// What the later stages rely on, whatever the recogniser: mentions sorted, non-empty, inside
/// the text, on char boundaries, outside the layout (site chrome, tables, tickers) and not
/// overlapping (the first of two overlapping ones wins).
fn valid_mentions(doc: &Document, mut mentions: Vec<Mention>) -> Vec<Mention> {
    mentions.retain(|m| {
        m.span.start < m.span.end
            && doc.text.is_char_boundary(m.span.start)
            && doc.text.is_char_boundary(m.span.end)
            && !doc.in_layout(m.span)
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

/// Adds the relation model's statements to the patterns' ones, in the same text order. A pair
/// a role rule already linked ("X, a spokesman for Y") keeps only the role, which says more.
fn add_relations(statements: &mut Vec<Statement>, found: Vec<Statement>) {
    let linked: Vec<(EntityId, Option<EntityId>)> =
        statements.iter().filter(|s| s.predicate.is_role()).map(|s| (s.subject, s.object)).collect();
    statements.extend(found.into_iter().filter(|s| !linked.contains(&(s.subject, s.object))));
    statements.sort_by_key(Statement::text_order);
}

/// The words that name a statement's subject or object are a mention of its entity: a pronoun
/// ("she said") or a description ("the ministry said") that the resolver did not join becomes
/// one, in [`Resolution::pronouns`] (a single word of the `pronoun` word set) or
/// [`Resolution::descriptions`] (any other words), so that the graph has a mention for every
/// statement's words. Both lists stay sorted by span, each span once, as the resolver keeps
/// them; a span that is a recogniser's mention is left alone (a capital's words stay the
/// capital's mention when the statement is its country's).
fn add_statement_mentions(
    doc: &Document,
    mentions: &[Mention],
    resolution: &mut Resolution,
    statements: &[Statement],
    lexicon: &Lexicon,
) {
    let words = statements
        .iter()
        .flat_map(|s| [s.subject_mention.map(|m| (m, s.subject)), s.object_mention.zip(s.object)])
        .flatten();
    for (span, entity) in words {
        if let Ok(i) = mentions.binary_search_by_key(&span, |m| m.span) {
            // a surname the resolver left open that a statement's speaker names ("Ms Tremblay
            // said", after her father) joins the statement's entity
            if resolution.mention_entity.get(i).is_some_and(Option::is_none) {
                resolution.mention_entity[i] = Some(entity);
                if let Some(tier) = resolution.mention_tier.get_mut(i) {
                    *tier = Some(crate::model::Tier::NamePart);
                }
            }
            continue;
        }
        let listed = |list: &[(Span, EntityId)]| list.binary_search_by_key(&span, |&(s, _)| s).is_ok();
        if listed(&resolution.pronouns) || listed(&resolution.descriptions) {
            continue;
        }
        let first = doc.token_at_or_after(span.start);
        let one_word = doc.tokens.get(first).is_some_and(|t| t.span == span);
        let list = if one_word && lexicon.is(WordSet::Pronoun, doc.slice(span)) {
            &mut resolution.pronouns
        } else {
            &mut resolution.descriptions
        };
        let at = list.partition_point(|&(s, _)| s < span);
        list.insert(at, (span, entity));
    }
}

/// Builds a [`Pipeline`] with a replaced lexicon or stages.
#[derive(Default)]
pub struct PipelineBuilder {
    lexicon: Option<Arc<Lexicon>>,
    recognizer: Option<Box<dyn Recognizer>>,
    relation_model: Option<Option<Arc<RelationModel>>>,
    options: PipelineOptions,
}

/// The settings of a pipeline that change what it extracts. Each one is part of the pipeline's
/// signature, and so of every article's content hash: an article built with other settings is
/// built again. What a caller replaces on the builder (the lexicon, the recogniser, the relation
/// model) it names in [`PipelineOptions::signature`], as `newsgraph build` does with the hashes of
/// `--model` and `--data-dir` files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PipelineOptions {
    /// The resolver's tier 7 ("he" and "she" join the person they refer to).
    pub pronouns: bool,
    /// The relation classifier's threshold, when not the default.
    pub relation_confidence: Option<f32>,
    /// What the caller changed besides (a model file's hash, tables), named by the caller.
    pub signature: Option<String>,
}

impl PipelineOptions {
    /// The signature: the tool's version and every option.
    ///
    /// ```
    /// let options = newsgraph::pipeline::PipelineOptions { pronouns: true, ..Default::default() };
    /// let version = env!("CARGO_PKG_VERSION");
    /// assert_eq!(options.signature(), format!("newsgraph {version} pronouns=true relations=None "));
    /// ```
    pub fn signature(&self) -> String {
        // destructured without `..`, so that a new option does not compile until it is named here
        let PipelineOptions { pronouns, relation_confidence, signature } = self;
        format!(
            "newsgraph {} pronouns={} relations={:?} {}",
            env!("CARGO_PKG_VERSION"),
            pronouns,
            relation_confidence,
            signature.as_deref().unwrap_or("")
        )
    }
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
        self.options.pronouns = on;
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
        self.options.relation_confidence = Some(min);
        self
    }

    /// Names what the caller changed in the pipeline (a model file's hash, tables) for
    /// [`Pipeline::fingerprint`]: articles built with another signature are built again. The
    /// tool's version and the options set on this builder are always part of it.
    pub fn signature(mut self, signature: String) -> Self {
        self.options.signature = Some(signature);
        self
    }

    /// Builds the pipeline.
    pub fn build(self) -> Pipeline {
        let lexicon = self.lexicon.unwrap_or_else(Lexicon::builtin);
        Pipeline {
            lexicon: lexicon.clone(),
            signature: self.options.signature(),
            recognizer: self.recognizer.unwrap_or_else(|| Box::new(TaggerRecognizer::with_lexicon(lexicon.clone()))),
            resolver: Box::new(ListResolver::with_lexicon(lexicon.clone()).with_pronouns(self.options.pronouns)),
            extractor: Box::new(PatternExtractor::with_lexicon(lexicon.clone())),
            relations: self.relation_model.unwrap_or_else(|| Some(RelationClassifier::builtin_model())).map(|model| {
                let min = self.options.relation_confidence.unwrap_or(crate::relate::MIN_CONFIDENCE);
                RelationClassifier::new(lexicon.clone(), model).with_min_confidence(min)
            }),
        }
    }
}
