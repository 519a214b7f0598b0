//! Calendar words, from the lexicon's word sets (`gazetteer/words.csv`).

use crate::lexicon::{Lexicon, WordSet};

/// A month name or abbreviation, with or without its dot ("Sept.", "Jan").
pub(super) fn is_month(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is(WordSet::Month, word.trim_end_matches('.'))
}

/// A weekday or month, never part of a name. "May", "Jan" and "Jun" (the `ambiguous_month`
/// set) are left out: they are also verbs and given names.
pub(super) fn is_calendar(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is(WordSet::Weekday, word) || !lexicon.is(WordSet::AmbiguousMonth, word) && is_month(lexicon, word)
}
