//! From tags to attributions: each cue with the contents near it and the source of its
//! sentence.

use std::ops::Range;

use super::features::{sentence_of, Tokens};
use super::tags::{CON, CUE, SRC};

/// One attribution found by the model, as token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The cue's tokens ("said", "according to").
    pub cue: Range<usize>,
    /// The source's tokens, when the model found one.
    pub source: Option<Range<usize>>,
    /// The content's fragments, in text order.
    pub content: Vec<Range<usize>>,
}

/// Runs of one tag.
fn runs(tags: &[u8], tag: u8) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        if t == tag {
            match out.last_mut() {
                Some(r) if r.end == i => r.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
    }
    out
}

/// The attributions of an article, from the tags of both passes.
pub fn link(tokens: &Tokens, cue_tags: &[u8], role_tags: &[u8]) -> Vec<Found> {
    let cues = runs(cue_tags, CUE);
    let sources = runs(role_tags, SRC);
    let contents = runs(role_tags, CON);
    let mut found: Vec<Found> =
        cues.iter().map(|c| Found { cue: c.clone(), source: None, content: Vec::new() }).collect();
    for content in contents {
        if let Some(c) = cue_for(tokens, &cues, &content) {
            found[c].content.push(content);
        }
    }
    for f in &mut found {
        let s = sentence_of(tokens, f.cue.start);
        f.source = sources
            .iter()
            .filter(|r| sentence_of(tokens, r.start) == s || sentence_of(tokens, r.end - 1) == s)
            .min_by_key(|r| distance(r, &f.cue))
            .cloned();
    }
    found.retain(|f| !f.content.is_empty());
    found
}

/// Tokens between two ranges (0 when they touch or overlap).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    b.start.saturating_sub(a.end).max(a.start.saturating_sub(b.end))
}

/// The cue a content belongs to: the nearest cue in the sentences it spans, else one in the
/// sentence before it (a quotation going on after its attribution), else the sentence after.
fn cue_for(tokens: &Tokens, cues: &[Range<usize>], content: &Range<usize>) -> Option<usize> {
    let first = sentence_of(tokens, content.start);
    let last = sentence_of(tokens, content.end - 1);
    let within = |lo: usize, hi: usize| {
        cues.iter()
            .enumerate()
            .filter(|(_, c)| (lo..=hi).contains(&sentence_of(tokens, c.start)))
            .min_by_key(|(_, c)| distance(c, content))
            .map(|(i, _)| i)
    };
    within(first, last)
        .or_else(|| (first > 0).then(|| within(first - 1, first - 1)).flatten())
        .or_else(|| within(last + 1, last + 1))
}
