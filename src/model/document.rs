//! A segmented text: sentences and tokens with byte spans into the original text.

use super::Span;

/// What a token is made of; the recogniser and extractor look at little else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, digits, and inner apostrophes, hyphens or dots ("O'Neill", "U.S.", "al-Assad").
    Word,
    /// A number ("2024", "3.5").
    Number,
    /// A quotation mark: `"`, `“`, `”`, `«`, `»`.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the token in the text.
    pub span: Span,
    /// Its kind.
    pub kind: TokenKind,
}

/// One sentence: a span and the range of its tokens in `Document::tokens`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the sentence in the text.
    pub span: Span,
    /// Index of its first token.
    pub first_token: usize,
    /// One past the index of its last token.
    pub end_token: usize,
}

impl Sentence {
    /// Token indices of this sentence.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first_token..self.end_token
    }
}

/// A text with its sentences and tokens.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The original text, unchanged.
    pub text: String,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Tokens in order.
    pub tokens: Vec<Token>,
}

impl Document {
    /// The surface text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// The surface text of token `i`; empty past the end, so that rules can look ahead freely.
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.slice(t.span))
    }

    /// The texts of tokens `range` joined by single spaces ("Foreign Minister"), for looking up
    /// multi-word phrases.
    pub fn phrase(&self, range: std::ops::Range<usize>) -> String {
        range.map(|i| self.token_text(i)).collect::<Vec<_>>().join(" ")
    }

    /// True when token `i` can be part of a name: a word or number starting with an upper-case
    /// letter or a digit ("Merkel", "U.S.", "2nd" in "2nd Earl of Clare"); false past the end.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            && self.token_text(i).chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }

    /// The index of the sentence that contains byte `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The index of the first token starting at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }
}
