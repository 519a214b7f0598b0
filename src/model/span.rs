//! Byte spans into a document's text, and their conversion to Unicode code points.
//!
//! Inside the process every offset is a byte offset into `Document::text`, so that
//! `&text[span.range()]` is always the surface form. Outside the process (RDF, JSON,
//! evaluation files) offsets are Unicode code points; [`CharIndex`] converts at that boundary.
//!
//! ```
//! use newsgraph::model::{CharIndex, Span};
//! let text = "Zürich said";
//! let span = Span::new(8, 12); // "ü" takes two bytes
//! assert_eq!(span.text(text), "said");
//! assert_eq!(CharIndex::new(text).to_chars(span), (7, 11));
//! ```

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The surface text of the span.
    pub fn text(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies inside `self`.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span without leading and trailing whitespace of `text`.
    ///
    /// ```
    /// use newsgraph::model::Span;
    /// assert_eq!(Span::new(0, 6).trim(" ab c "), Span::new(1, 5));
    /// ```
    pub fn trim(self, text: &str) -> Span {
        let s = self.text(text);
        let start = self.start + (s.len() - s.trim_start().len());
        let end = self.end - (s.len() - s.trim_end().len());
        Span::new(start, end.max(start))
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Converts byte offsets of one text to Unicode code point offsets.
///
/// Built once per document; each conversion is a binary search.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char boundary, plus the text length.
    boundaries: Vec<usize>,
}

impl CharIndex {
    /// Indexes the char boundaries of `text`.
    pub fn new(text: &str) -> Self {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        CharIndex { boundaries }
    }

    /// The code point offset of a byte offset (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        match self.boundaries.binary_search(&byte) {
            Ok(i) | Err(i) => i,
        }
    }

    /// The byte offset of a code point offset, if it is inside the text.
    pub fn byte_offset(&self, chars: usize) -> Option<usize> {
        self.boundaries.get(chars).copied()
    }

    /// A byte span as `(start, end)` in code points.
    pub fn to_chars(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}
