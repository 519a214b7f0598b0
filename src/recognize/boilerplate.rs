//! Lines that are web or wire boilerplate (bylines, share buttons, copyright) give no entities.

use crate::lexicon::{BoilerplateKind, Lexicon};
use crate::model::Span;

/// Byte spans of the lines of `text` that are boilerplate.
///
/// ```
/// use newsgraph::lexicon::Lexicon;
/// use newsgraph::recognize::boilerplate_spans;
/// let text = "Real news here.\nReporting by Jane Doe; Editing by John Smith\n© 2026 Example. All rights reserved.";
/// let spans = boilerplate_spans(text, &Lexicon::builtin());
/// assert_eq!(spans.len(), 2);
/// assert_eq!(spans[0].text(text), "Reporting by Jane Doe; Editing by John Smith");
/// ```
pub fn boilerplate_spans(text: &str, lexicon: &Lexicon) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let start = offset + (line.len() - line.trim_start().len());
        offset += raw.len();
        if trimmed.is_empty() {
            continue;
        }
        let lower = trimmed.to_lowercase();
        // a phrase anywhere in a line marks only short lines: "comments" in a paragraph is news
        let short = trimmed.split_whitespace().count() <= 12;
        let hit = lexicon.boilerplate.iter().any(|(pattern, kind)| match kind {
            BoilerplateKind::Line => short && lower.contains(pattern.as_str()),
            BoilerplateKind::Prefix => lower.starts_with(pattern.as_str()),
        });
        if hit || is_byline(trimmed) {
            spans.push(Span::new(start, start + trimmed.len()));
        }
    }
    spans
}

/// "By Jane Doe" or "By Jane Doe and John Roe, Staff Writers" alone on a line.
fn is_byline(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("By ") else { return false };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && !line.ends_with('.')
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty() || w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "and" | "in" | "for" | "of")
        })
}
