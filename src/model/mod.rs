//! The data model every stage shares. Stages import this module and never each other.
//!
//! ```text
//! Article ─segment──▶ Document ─recognize─▶ Vec<Mention> ─resolve─▶ Resolution
//!         ─extract──▶ Vec<Statement>  ═══▶  Extraction (all of it, per article)
//! ```

mod article;
mod digest;
mod document;
mod entity;
mod layout;
mod mention;
mod span;
mod statement;
mod text;

pub use article::{Article, Origin};
pub use digest::{content_id, Digest};
pub use document::{Document, Sentence, Token, TokenKind};
pub use entity::{Entity, EntityId, Resolution, Tier};
pub use layout::{LayoutKind, LayoutSpan};
pub use mention::{EntityKind, Mention, MentionForm, MentionId, MentionRule};
pub use span::{CharIndex, Span};
pub use statement::{Polarity, Predicate, Statement, StatementRule};
pub use text::{clean, is_invisible};

/// Everything the pipeline found in one article.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article.
    pub article: Article,
    /// Its segmented text.
    pub document: Document,
    /// Mentions in text order; layout spans (`Document::layout`) give none.
    pub mentions: Vec<Mention>,
    /// Entities and the mention → entity map.
    pub resolution: Resolution,
    /// Statements in text order.
    pub statements: Vec<Statement>,
}
