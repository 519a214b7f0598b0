//! Statements from the learned attribution model: each attribution it finds whose source
//! names an entity (a name, a pronoun, a description the resolver knows) becomes a statement
//! with the cue's predicate, the content as its quote and the entities named in it as targets.

use super::attribution::{find, token_span, AttributionModel, Found};
use super::view::View;
use crate::model::{EntityId, EntityKind, Polarity, Predicate, Span, Statement, StatementRule, TokenKind};

/// The statements of the model's attributions, and the cue tokens they used.
pub(super) fn extract(view: &View<'_>, model: &AttributionModel) -> Vec<Statement> {
    let doc = view.doc;
    let mut out = Vec::new();
    for found in find(model, doc, view.mentions, view.lexicon) {
        let Some(source) = found.source.clone() else { continue };
        let Some((speaker, span, confidence)) = speaker(view, source) else { continue };
        let content = content_span(view, &found);
        if content.is_empty() {
            continue;
        }
        let cue_span = token_span(doc, found.cue.clone());
        let cue = (found.cue.start..found.cue.end).find_map(|t| view.cue_at(t));
        let predicate =
            cue.map_or(Predicate::Said, |c| if c.predicate.is_relation() { Predicate::Said } else { c.predicate });
        let sentence = doc.sentence_at(cue_span.start).map_or(content, |s| doc.sentences[s].span);
        out.push(Statement {
            subject: speaker,
            predicate,
            object: None,
            targets: view.entities_in(content, speaker),
            sentence,
            evidence: content.cover(span).cover(cue_span),
            cue: cue_span,
            quote: Some(content),
            cameo: cue.and_then(|c| c.cameo.clone()).or_else(|| Some("010".to_owned())),
            polarity: Polarity::Asserted,
            rule: StatementRule::AttributionModel,
            confidence,
            medium: None,
        });
    }
    out
}

/// The content: from its first fragment to its last, without the quotation marks and the
/// punctuation at its edges.
fn content_span(view: &View<'_>, found: &Found) -> Span {
    let doc = view.doc;
    let (Some(first), Some(last)) = (found.content.first(), found.content.last()) else { return Span::new(0, 0) };
    let mut range = first.start..last.end;
    let edge = |t: usize| matches!(doc.tokens[t].kind, TokenKind::Quote | TokenKind::Punct);
    while range.start < range.end && edge(range.start) {
        range.start += 1;
    }
    while range.start < range.end && edge(range.end - 1) {
        range.end -= 1;
    }
    if range.is_empty() {
        return Span::new(0, 0);
    }
    token_span(doc, range)
}

/// The entity a source names, the span naming it, and the statement's confidence: a person
/// named in it (the first one before a comma, "X, an aide to Y"; else the last, "Trump aide
/// X"), else the last organisation or place named in it, else the person "he" or "she" stands
/// for, else a description the resolver resolved ("the ministry").
fn speaker(view: &View<'_>, source: std::ops::Range<usize>) -> Option<(EntityId, Span, f32)> {
    let doc = view.doc;
    let mut named: Vec<(EntityId, Span, bool)> = Vec::new();
    let mut comma = false;
    for t in source.clone() {
        if view.text(t) == "," && named.iter().any(|n| n.2) {
            comma = true;
            break;
        }
        if let Some((e, m)) = view.entity_at(t) {
            let span = view.mentions[m].span;
            if named.last().is_none_or(|n| n.1 != span) {
                named.push((e, span, view.kind(e) == EntityKind::Person));
            }
        }
    }
    let person = if comma { named.iter().find(|n| n.2) } else { named.iter().rev().find(|n| n.2) };
    if let Some(&(e, span, _)) = person.or(named.last()) {
        return Some((e, span, 0.85));
    }
    let span = token_span(doc, source.clone());
    if source.len() == 1 && matches!(view.text(source.start), "he" | "she" | "He" | "She") {
        let (e, _) = view.pronoun_antecedent(span.start, view.text(source.start))?;
        return Some((e, span, 0.75));
    }
    let (d, e) = view.resolution.descriptions.iter().find(|(d, _)| d.start < span.end && span.start < d.end)?;
    Some((*e, *d, 0.7))
}
