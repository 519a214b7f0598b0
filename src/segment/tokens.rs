//! A rule tokenizer for English news text.

use crate::model::{is_invisible, Span, Token, TokenKind};

/// Abbreviations that keep their final dot ("Mr.", "Gen.", "Jan.").
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Gov",
    "Sen", "Rep", "Rev", "Hon", "Pres", "Insp", "Supt", "Messrs", "Mme", "No", "Vol", "Inc", "Ltd", "Co", "Corp",
    "Bros", "vs", "etc", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt",
    "Ft", "approx", "Dept", "Univ", "Assn",
];

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

/// Combining marks and the invisible joiners (zero-width joiner and non-joiner, word joiner,
/// soft hyphen) belong to the letter before them ("Mu\u{308}ller", "Kad\u{200D}ri"); the word's
/// [`crate::model::clean`] form drops them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
        || (is_invisible(c) && !is_gap(c))
}

/// Whitespace, and the invisible characters that separate words or start a text (zero-width
/// space, byte-order mark); an invisible joiner with no word before it is dropped as well.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Splits text into tokens. Whitespace is dropped; every other char belongs to one token.
///
/// ```
/// use newsgraph::segment::tokenize;
/// let text = "Japan's U.N. envoy, O'Neill";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.span.text(text)).collect();
/// assert_eq!(words, ["Japan", "'s", "U.N.", "envoy", ",", "O'Neill"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_gap(c) || is_invisible(c) {
            i += 1;
            continue;
        }
        let next_is_alnum = |j: usize| chars.get(j).is_some_and(|&(_, c)| c.is_alphanumeric());
        if c.is_numeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_numeric()
                    || ((cj == '.' || cj == ',') && chars.get(j + 1).is_some_and(|&(_, c)| c.is_numeric()))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // "2024s", "3rd", "G7" stay one token
            while j < chars.len() && chars[j].1.is_alphabetic() {
                j += 1;
            }
            tokens.push(Token { span: Span::new(start, end_of(j)), kind: TokenKind::Number });
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() || is_mark(cj) {
                    j += 1;
                } else if is_apostrophe(cj) && next_is_alnum(j + 1) {
                    // possessive 's / ’s is its own token
                    let is_possessive = matches!(chars.get(j + 1), Some((_, 's' | 'S'))) && !next_is_alnum(j + 2);
                    if is_possessive {
                        break;
                    }
                    j += 1;
                } else if (cj == '-' || cj == '.' || cj == '&') && next_is_alnum(j + 1) {
                    j += 1;
                } else {
                    break;
                }
            }
            let word = &text[start..end_of(j)];
            // keep the final dot of abbreviations and initialisms ("Mr.", "U.S.", "J.")
            if chars.get(j).is_some_and(|&(_, c)| c == '.') {
                let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if initialism || initial || ABBREVIATIONS.contains(&word) {
                    j += 1;
                }
            }
            tokens.push(Token { span: Span::new(start, end_of(j)), kind: TokenKind::Word });
            i = j;
        } else if is_apostrophe(c)
            && matches!(chars.get(i + 1), Some((_, 's' | 'S')))
            && !next_is_alnum(i + 2)
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
        {
            tokens.push(Token { span: Span::new(start, end_of(i + 2)), kind: TokenKind::Word });
            i += 2;
        } else {
            let kind = if is_quote(c) { TokenKind::Quote } else { TokenKind::Punct };
            tokens.push(Token { span: Span::new(start, end_of(i + 1)), kind });
            i += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.text(text)).collect()
    }

    #[test]
    fn tokenize_splits_possessive_and_keeps_abbreviations() {
        assert_eq!(words("Mr. Lula’s party"), ["Mr.", "Lula", "’s", "party"]);
        assert_eq!(words("the U.S.-led talks"), ["the", "U.S.", "-", "led", "talks"]);
        assert_eq!(words("in the U.S."), ["in", "the", "U.S."]);
    }

    #[test]
    fn tokenize_keeps_combining_marks_in_words() {
        assert_eq!(words("Thomas Mu\u{308}ller said"), ["Thomas", "Mu\u{308}ller", "said"]);
    }

    #[test]
    fn tokenize_keeps_invisible_joiners_in_words_and_drops_the_rest() {
        assert_eq!(words("Kad\u{200D}ri Saar"), ["Kad\u{200D}ri", "Saar"]);
        assert_eq!(words("\u{FEFF}Kadri\u{200B}Saar \u{200D}said"), ["Kadri", "Saar", "said"]);
    }

    #[test]
    fn tokenize_keeps_numbers_and_quotes() {
        assert_eq!(words("“3.5 million,” he said"), ["“", "3.5", "million", ",", "”", "he", "said"]);
        assert_eq!(words("$1,200"), ["$", "1,200"]);
    }

    #[test]
    fn tokenize_offsets_cut_the_text() {
        let text = "Zürich’s mayor — São Paulo’s too.";
        for t in tokenize(text) {
            assert!(!t.span.text(text).trim().is_empty());
        }
        assert_eq!(words(text), ["Zürich", "’s", "mayor", "—", "São", "Paulo", "’s", "too", "."]);
    }
}
