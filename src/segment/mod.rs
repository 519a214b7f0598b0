//! Segmentation: text → [`Document`] with sentences and tokens, offsets into the original text.
//!
//! ```
//! let doc = newsgraph::segment::segment("Mr. Smith met U.S. officials. \"Good,\" he said.");
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.token_text(0), "Mr.");
//! assert_eq!(doc.token_text(3), "U.S.");
//! ```

mod sentences;
mod tokens;

use crate::model::Document;

pub use tokens::tokenize;

/// Splits `text` into tokens and sentences.
pub fn segment(text: &str) -> Document {
    let tokens = tokenize(text);
    let sentences = sentences::split(text, &tokens);
    Document { text: text.to_owned(), sentences, tokens }
}
