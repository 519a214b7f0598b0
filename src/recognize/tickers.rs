//! The name before a stock ticker is an organisation: "Northwind Chemie France <UK>", "Harbour
//! Energy Corp (NYSE: HBE)". The ticker itself is layout (`Document::layout`), never a mention.

use crate::lexicon::{Lexicon, WordSet};
use crate::model::{Document, EntityKind, LayoutKind, Mention, MentionForm, MentionRule, Span};

/// Makes the capitalised run right before each ticker one organisation mention, replacing the
/// mentions inside it ("France" of "Northwind Chemie France <UK>" is no country). Keeps `mentions`
/// sorted.
pub(super) fn name_before_tickers(doc: &Document, lexicon: &Lexicon, mentions: &mut Vec<Mention>) {
    for ticker in doc.layout.iter().filter(|l| l.kind == LayoutKind::Ticker) {
        let Some(span) = name_before(doc, lexicon, ticker.span.start) else { continue };
        // a known organisation ending at the ticker keeps its gazetteer entry
        if mentions.iter().any(|m| m.span == span && m.kind == EntityKind::Organisation) {
            continue;
        }
        mentions.retain(|m| !m.span.overlaps(span));
        mentions.push(Mention {
            span,
            kind: EntityKind::Organisation,
            form: MentionForm::Name,
            score: 1.0,
            rule: MentionRule::Ticker,
            gazetteer_key: None,
        });
    }
    mentions.sort_by_key(|m| m.span);
}

/// The capitalised tokens (with connectors such as "of" and "&" inside) that end right before
/// byte `end`, on its line; not a sentence-opening stop word ("The").
fn name_before(doc: &Document, lexicon: &Lexicon, end: usize) -> Option<Span> {
    let last = doc.token_at_or_after(end).checked_sub(1)?;
    let gap = doc.text.get(doc.tokens[last].span.end..end)?;
    if !gap.chars().all(|c| c == ' ' || c == '\t') || !doc.is_capitalised(last) {
        return None;
    }
    let mut first = last;
    while first > 0 {
        let prev = first - 1;
        let joined = !doc.text[doc.tokens[prev].span.end..doc.tokens[first].span.start].contains('\n');
        let word = doc.token_text(prev);
        let connector = lexicon.is(WordSet::Connector, word) && prev > 0 && doc.is_capitalised(prev - 1);
        if !joined || !(doc.is_capitalised(prev) || connector) || lexicon.is(WordSet::Stop, word) {
            break;
        }
        first = prev;
    }
    while first < last && lexicon.is(WordSet::Connector, doc.token_text(first)) {
        first += 1;
    }
    Some(Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end))
}
