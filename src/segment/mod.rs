//! Segmentation: text → [`Document`] with sentences and tokens, offsets into the original text.
//!
//! ```
//! let doc = newsgraph::segment::segment("Mr. Smith met U.S. officials. \"Good,\" he said.");
//! assert_eq!(doc.sentences.len(), 2);
//! assert_eq!(doc.token_text(0), "Mr.");
//! assert_eq!(doc.token_text(3), "U.S.");
//! ```

mod layout;
mod sentences;
mod tokens;

use std::borrow::Cow;

use crate::lexicon::Lexicon;
use crate::model::{clean, Document};

pub use layout::layout;
pub use tokens::tokenize;

/// Splits `text` into tokens and sentences, and marks its layout (site chrome, tables,
/// tickers) with the built-in lexicon's boilerplate phrases.
pub fn segment(text: &str) -> Document {
    segment_with(text, &Lexicon::builtin())
}

/// [`segment`] with the boilerplate phrases and exchanges of `lexicon`.
pub fn segment_with(text: &str, lexicon: &Lexicon) -> Document {
    let tokens = tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let cleaned = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match clean(t.span.text(text)) {
            Cow::Owned(word) => Some((i, word)),
            Cow::Borrowed(_) => None,
        })
        .collect();
    Document { text: text.to_owned(), sentences, tokens, layout: layout(text, lexicon), cleaned }
}
