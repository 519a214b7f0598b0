//! Recognition: [`Document`] → typed [`Mention`]s.
//!
//! [`Recognizer`] is the seam: the rule and gazetteer recogniser here is the first
//! implementation, and a trained tagger plugs in behind the same trait.
//!
//! ```
//! use newsgraph::recognize::{Recognizer, RuleRecognizer};
//! use newsgraph::model::EntityKind;
//! let doc = newsgraph::segment::segment("French President Emmanuel Macron met officials of the IAEA.");
//! let mentions = RuleRecognizer::new().recognize(&doc);
//! let found: Vec<(&str, EntityKind)> = mentions.iter().map(|m| (doc.slice(m.span), m.kind)).collect();
//! assert_eq!(found, [
//!     ("French", EntityKind::Country),
//!     ("Emmanuel Macron", EntityKind::Person),
//!     ("IAEA", EntityKind::Organisation),
//! ]);
//! ```

mod boilerplate;
mod gazetteer;
mod rules;
mod words;

use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::model::{Document, Mention};

pub use boilerplate::boilerplate_spans;
pub use gazetteer::{Entry, Gazetteer};

/// Finds entity mentions in a document.
pub trait Recognizer: Send + Sync {
    /// Mentions in text order, without overlaps.
    fn recognize(&self, doc: &Document) -> Vec<Mention>;
}

/// The rule and gazetteer recogniser.
#[derive(Debug, Clone)]
pub struct RuleRecognizer {
    lexicon: Arc<Lexicon>,
    gazetteer: Gazetteer,
}

impl RuleRecognizer {
    /// A recogniser over the built-in lexicon.
    pub fn new() -> Self {
        RuleRecognizer::with_lexicon(Lexicon::builtin())
    }

    /// A recogniser over the given lexicon.
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        let gazetteer = Gazetteer::new(&lexicon);
        RuleRecognizer { lexicon, gazetteer }
    }
}

impl Default for RuleRecognizer {
    fn default() -> Self {
        RuleRecognizer::new()
    }
}

impl Recognizer for RuleRecognizer {
    fn recognize(&self, doc: &Document) -> Vec<Mention> {
        rules::recognize(doc, &self.lexicon, &self.gazetteer)
    }
}
