//! Layout: spans of a text that are not running prose (site chrome, tables, stock tickers).
//! They stay in the text, so offsets do not move, but give no mentions and no statements.
//!
//! ```
//! use newsgraph::model::{LayoutKind, LayoutSpan, Span};
//! let text = "Shares of Northwind Ltd <NWD> rose.";
//! let ticker = LayoutSpan { span: Span::new(24, 29), kind: LayoutKind::Ticker };
//! assert_eq!(ticker.ticker(text), Some("NWD"));
//! ```

use serde::Serialize;

use super::Span;

/// What a layout span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum LayoutKind {
    /// A line of site chrome or boilerplate: navigation crumbs, subscription prompts, agency
    /// credits, copyright lines, sign-offs and bylines.
    Chrome,
    /// A line of a table or price list: mostly numbers, or columns set apart by runs of spaces
    /// or tabs.
    Table,
    /// A promotion headline or related-story title left after the last paragraph of a page.
    Promotion,
    /// A stock ticker after an organisation's name: "<XYZ>", "(NYSE: XYZ)". A property of the
    /// organisation before it, never an entity; it does not make its sentence layout.
    Ticker,
}

impl LayoutKind {
    /// Every kind, in order.
    pub const ALL: [LayoutKind; 4] = [LayoutKind::Chrome, LayoutKind::Table, LayoutKind::Promotion, LayoutKind::Ticker];

    /// The lower-case name used in output (`chrome`, `table`, `promotion`, `ticker`).
    pub fn name(self) -> &'static str {
        match self {
            LayoutKind::Chrome => "chrome",
            LayoutKind::Table => "table",
            LayoutKind::Promotion => "promotion",
            LayoutKind::Ticker => "ticker",
        }
    }

    /// True for the kinds that mark whole lines: their sentences give no statements.
    pub fn is_line(self) -> bool {
        self != LayoutKind::Ticker
    }
}

/// One span of layout in a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LayoutSpan {
    /// Bytes of the span in the text (a whole line, trimmed, or a ticker with its brackets).
    pub span: Span,
    /// What it is.
    pub kind: LayoutKind,
}

impl LayoutSpan {
    /// The symbol of a ticker span ("BP" of "<BP>" or "(NYSE: BP)"); `None` for other kinds.
    pub fn ticker(self, text: &str) -> Option<&str> {
        if self.kind != LayoutKind::Ticker {
            return None;
        }
        let inner = self.span.text(text).trim_matches(['<', '>', '(', ')']);
        let symbol = inner.rsplit_once(':').map_or(inner, |(_, s)| s);
        Some(symbol.trim())
    }
}
