//! Extraction: statements between resolved entities, each with its evidence.
//!
//! Three families of rules: attributed speech (quotes before or after their attribution,
//! "according to", indirect speech), verb relations within a clause (A accused B, A met B,
//! B was criticised by A, negation), and roles from appositions and title prefixes
//! ("X, a spokeswoman for Y", "Russian Foreign Ministry spokesman X").
//!
//! ```
//! use newsgraph::model::Predicate;
//! let pipeline = newsgraph::Pipeline::new();
//! let x = pipeline.run_text("Estonia accused Russia of jamming flights.");
//! assert_eq!(x.statements[0].predicate, Predicate::Accused);
//! ```

mod clause;
mod quotes;
mod roles;

use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::model::{Document, Mention, Resolution, Statement};

/// Extracts statements from a resolved article.
pub trait Extractor: Send + Sync {
    /// Statements in text order.
    fn extract(&self, doc: &Document, mentions: &[Mention], resolution: &Resolution) -> Vec<Statement>;
}

/// The pattern extractor.
#[derive(Debug, Clone)]
pub struct PatternExtractor {
    lexicon: Arc<Lexicon>,
}

impl PatternExtractor {
    /// An extractor over the built-in lexicon.
    pub fn new() -> Self {
        PatternExtractor::with_lexicon(Lexicon::builtin())
    }

    /// An extractor over the given lexicon.
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        PatternExtractor { lexicon }
    }
}

impl Default for PatternExtractor {
    fn default() -> Self {
        PatternExtractor::new()
    }
}

impl Extractor for PatternExtractor {
    fn extract(&self, doc: &Document, mentions: &[Mention], resolution: &Resolution) -> Vec<Statement> {
        let view = clause::View::new(doc, mentions, resolution, &self.lexicon);
        let mut statements = Vec::new();
        let mut used_cues = Vec::new();
        quotes::extract(&view, &mut statements, &mut used_cues);
        clause::extract(&view, &mut statements, &mut used_cues);
        roles::extract(&view, &mut statements);
        statements.sort_by(|a, b| {
            (a.evidence.start, a.cue.start, a.predicate, a.object).cmp(&(
                b.evidence.start,
                b.cue.start,
                b.predicate,
                b.object,
            ))
        });
        statements.dedup_by(|a, b| {
            a.subject == b.subject && a.predicate == b.predicate && a.object == b.object && a.cue == b.cue
        });
        statements
    }
}
