//! Invisible characters and Unicode normalisation of names.
//!
//! Pasted and scraped news carries zero-width characters and decomposed accents that a reader
//! does not see: "Kadri\u{200D}Saar" and "Kadri Saar", "Mu\u{308}ller" and "Müller" are the same
//! name. The tokenizer keeps such characters inside their word (so offsets still point into the
//! original text); [`clean`] gives the form that lookups, keys and labels use.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// True for characters a reader does not see and that carry no meaning in a name: zero-width
/// space, non-joiner and joiner, word joiner, the byte-order mark and the soft hyphen.
///
/// ```
/// use newsgraph::model::is_invisible;
/// assert!(is_invisible('\u{200D}'));
/// assert!(!is_invisible(' '));
/// ```
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `text` in Unicode NFC, without invisible characters; borrowed when it is already so (always
/// for ASCII).
///
/// ```
/// use newsgraph::model::clean;
/// assert_eq!(clean("Kad\u{200D}ri"), "Kadri");
/// assert_eq!(clean("Mu\u{308}ller"), "Müller");
/// assert!(matches!(clean("Merkel"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || (!text.chars().any(is_invisible) && is_nfc_quick(text.chars()) == IsNormalized::Yes) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).nfc().collect())
}
