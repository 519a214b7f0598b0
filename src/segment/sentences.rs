//! Sentence splitting over tokens.

use crate::model::{Sentence, Span, Token, TokenKind};

/// Splits tokens into sentences. A sentence ends at a line break, or after `.`, `!`, `?`
/// (with any closing quotes or brackets glued to it) when the next token starts a sentence.
pub(super) fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1; // one past the last token of a sentence ending here
        let mut boundary = false;
        let t = tokens[i].span.text(text);
        if matches!(t, "." | "!" | "?" | "…") {
            // glue closing quotes and brackets that touch the terminal mark
            while end < tokens.len()
                && tokens[end].span.start == tokens[end - 1].span.end
                && (tokens[end].kind == TokenKind::Quote
                    || matches!(tokens[end].span.text(text), ")" | "]" | "'" | "’"))
            {
                end += 1;
            }
            boundary = match tokens.get(end) {
                None => true,
                Some(next) => starts_sentence(next.span.text(text), next.kind),
            };
        }
        if end < tokens.len() && text[tokens[end - 1].span.end..tokens[end].span.start].contains('\n') {
            boundary = true;
        }
        if boundary || end == tokens.len() {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[end - 1].span.end),
                first_token: first,
                end_token: end,
            });
            first = end;
        }
        i = end;
    }
    sentences
}

fn starts_sentence(token: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Quote | TokenKind::Number => true,
        TokenKind::Word => token.chars().next().is_some_and(char::is_uppercase),
        TokenKind::Punct => matches!(token, "(" | "[" | "‘" | "'" | "-" | "—"),
    }
}

#[cfg(test)]
mod tests {
    use crate::segment::segment;

    fn sentences(text: &str) -> Vec<String> {
        let doc = segment(text);
        doc.sentences.iter().map(|s| doc.slice(s.span).to_owned()).collect()
    }

    #[test]
    fn segment_splits_on_terminal_marks_and_lines() {
        assert_eq!(
            sentences("Headline here\nThe minister spoke. \"We agree.\" Mr. Li left."),
            ["Headline here", "The minister spoke.", "\"We agree.\"", "Mr. Li left."]
        );
    }

    #[test]
    fn segment_keeps_abbreviations_inside_sentences() {
        assert_eq!(sentences("U.S. troops left Jan. 5 for Iraq."), ["U.S. troops left Jan. 5 for Iraq."]);
        assert_eq!(sentences("He said so. and more"), ["He said so. and more"]);
    }

    #[test]
    fn segment_sentence_tokens_cover_all_tokens() {
        let doc = segment("One. Two!\n\nThree? Four");
        let covered: usize = doc.sentences.iter().map(|s| s.tokens().len()).sum();
        assert_eq!(covered, doc.tokens.len());
        assert_eq!(doc.sentences.len(), 4);
    }
}
