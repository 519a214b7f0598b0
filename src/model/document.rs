//! A segmented text: sentences and tokens with byte spans into the original text.

use super::{LayoutSpan, Span};

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
    /// Spans that are layout, not prose (site chrome, tables, tickers), sorted by start and not
    /// overlapping: they give no mentions and no statements.
    pub layout: Vec<LayoutSpan>,
    /// The [`super::clean`] text of the tokens whose text it changes (invisible characters,
    /// decomposed accents), by token index in increasing order; usually empty.
    pub cleaned: Vec<(usize, String)>,
}

impl Document {
    /// The surface text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// The surface text of token `i`; empty past the end, so that rules can look ahead freely.
    ///
    /// This is the word as lookups see it: in NFC, without invisible characters
    /// ([`super::clean`]); [`Document::slice`] gives the original.
    pub fn token_text(&self, i: usize) -> &str {
        if !self.cleaned.is_empty() {
            if let Ok(k) = self.cleaned.binary_search_by_key(&i, |(t, _)| *t) {
                return &self.cleaned[k].1;
            }
        }
        self.tokens.get(i).map_or("", |t| self.slice(t.span))
    }

    /// The text of a name's span as keys and labels use it: [`super::clean`] of its slice.
    pub fn name_text(&self, span: Span) -> std::borrow::Cow<'_, str> {
        super::clean(self.slice(span))
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

    /// True when `span` overlaps a layout span (a ticker too).
    pub fn in_layout(&self, span: Span) -> bool {
        self.layout_overlapping(span).next().is_some()
    }

    /// True when `span` overlaps a layout line (chrome, table or promotion; not a ticker).
    pub fn in_layout_line(&self, span: Span) -> bool {
        self.layout_overlapping(span).any(|l| l.kind.is_line())
    }

    /// True when one layout span (a ticker too) holds all of `span`.
    pub fn within_layout(&self, span: Span) -> bool {
        self.layout_overlapping(span).any(|l| l.span.contains(span))
    }

    /// The layout spans that overlap `span`, in text order: a binary search, as `layout` is
    /// sorted and its spans do not overlap (a long price list has thousands).
    pub fn layout_overlapping(&self, span: Span) -> impl Iterator<Item = &LayoutSpan> {
        let first = self.layout.partition_point(|l| l.span.end <= span.start);
        self.layout[first..].iter().take_while(move |l| l.span.start < span.end)
    }

    /// The ticker right after byte `end`, with only spaces between ("Northwind Ltd <NWD>").
    pub fn ticker_after(&self, end: usize) -> Option<&str> {
        let l = self.layout.get(self.layout.partition_point(|l| l.span.start < end))?;
        let gap = self.text.get(end..l.span.start)?;
        (gap.chars().all(|c| c == ' ' || c == '\t') && gap.len() <= 2).then(|| l.ticker(&self.text)).flatten()
    }

    /// The index of the first token starting at or after byte `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }

    /// The tokens that start inside `span`: from the first at or after its start to the first
    /// at or after its end.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        self.token_at_or_after(span.start)..self.token_at_or_after(span.end)
    }

    /// The byte span of the non-empty token range `tokens`, from its first token's start to its
    /// last token's end.
    pub fn span_of(&self, tokens: std::ops::Range<usize>) -> Span {
        Span::new(self.tokens[tokens.start].span.start, self.tokens[tokens.end - 1].span.end)
    }
}
