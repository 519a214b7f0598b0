//! Roles and affiliations: appositions ("X, a spokeswoman for Y") and title prefixes
//! ("Russian Foreign Ministry spokesman X", "Kenyan President X").

use super::view::View;
use crate::lexicon::TitleKind;
use crate::model::{EntityId, EntityKind, Polarity, Predicate, Span, Statement, StatementRule};

pub(super) fn extract(view: &View<'_>, out: &mut Vec<Statement>) {
    let doc = view.doc;
    let n = doc.tokens.len();
    for (m, mention) in view.mentions.iter().enumerate() {
        if mention.kind != EntityKind::Person {
            continue;
        }
        let Some(person) = view.resolution.entity_of(crate::model::MentionId(m as u32)) else { continue };
        let first = doc.token_at_or_after(mention.span.start);
        let last = doc.token_at_or_after(mention.span.end);
        // apposition after the person: ", (a|the)? adj* TITLE (for|of|with|at) ORG" or ", ORG('s)? TITLE"
        if last < n && view.text(last) == "," {
            let mut k = last + 1;
            while k < n && matches!(view.text(k), "a" | "an" | "the" | "its" | "their") {
                k += 1;
            }
            if let Some(found) = title_then_org(view, k).filter(|f| !names_next_person(view, f.1)) {
                push(view, out, person, mention.span, found, StatementRule::RoleApposition, 0.85);
            } else if let Some((org, org_span)) = view.entity_at(k).map(|(e, i)| (e, view.mentions[i].span)) {
                let mut t = doc.token_at_or_after(org_span.end);
                if t < n && matches!(view.text(t), "'s" | "’s") {
                    t += 1;
                }
                let cue_of = |len: usize| Span::new(doc.tokens[t].span.start, doc.tokens[t + len - 1].span.end);
                if let Some((role, len)) = title(view, t).filter(|&(_, len)| !names_next_person(view, cue_of(len))) {
                    let cue = cue_of(len);
                    push(
                        view,
                        out,
                        person,
                        mention.span,
                        (org, org_span, cue, role),
                        StatementRule::RoleApposition,
                        0.8,
                    );
                }
            }
        }
        // title prefix: "ORG('s)? (adj)? TITLE PERSON"
        if let Some(found) = org_then_title_before(view, first) {
            push(view, out, person, mention.span, found, StatementRule::RolePrefix, 0.8);
        }
    }
}

/// A title starting at token `k` (skipping up to two adjectives): its role and length. A
/// leader's title after other lower-case words leads a part, not the whole ("Labour's election
/// chief", "the party's group leader in the assembly"): that person works for it. Only a new,
/// current, outgoing, incoming, acting or interim leader still leads it.
fn title(view: &View<'_>, k: usize) -> Option<(Predicate, usize)> {
    let n = view.doc.tokens.len();
    for skip in 0..3 {
        // only lower-case words may be skipped, as adjectives ("a senior spokeswoman")
        let skippable = |j: usize| {
            view.doc.tokens.get(j).is_some_and(|t| t.kind == crate::model::TokenKind::Word)
                && view.text(j).chars().next().is_some_and(char::is_lowercase)
        };
        if !(k..k + skip).all(skippable) {
            break;
        }
        let start = k + skip;
        let max = view.lexicon.max_title_words().min(n.saturating_sub(start));
        for len in (1..=max).rev() {
            if let Some(TitleKind::Position(role)) = view.lexicon.title(&view.doc.phrase(start..start + len)) {
                let whole = (k..start).all(|j| {
                    matches!(view.text(j), "new" | "current" | "outgoing" | "incoming" | "acting" | "interim")
                });
                let role = match role.unwrap_or(Predicate::WorksFor) {
                    Predicate::LeaderOf if !whole => Predicate::WorksFor,
                    role => role,
                };
                return Some((role, skip + len));
            }
        }
    }
    None
}

type Found = (EntityId, Span, Span, Predicate);

/// Whether a person is named right after the words of `span`: then a title in those words is
/// that person's, not the one before ("US Secretary of State Condoleezza Rice, UN Secretary
/// General Kofi Annan, …": Rice is not the UN's).
fn names_next_person(view: &View<'_>, span: Span) -> bool {
    let next = view.doc.token_at_or_after(span.end);
    view.entity_at(next).is_some_and(|(e, _)| view.kind(e) == EntityKind::Person)
}

/// "TITLE (for|of|with|at|to) (the)? ORG" from token `k`.
fn title_then_org(view: &View<'_>, k: usize) -> Option<Found> {
    let (role, len) = title(view, k)?;
    let cue = Span::new(view.doc.tokens[k].span.start, view.doc.tokens[k + len - 1].span.end);
    let mut t = k + len;
    let n = view.doc.tokens.len();
    if t < n && matches!(view.text(t), "for" | "of" | "with" | "at" | "to" | "in") {
        t += 1;
    } else {
        return None;
    }
    while t < n && matches!(view.text(t), "the" | "its") {
        t += 1;
    }
    let (org, m) = view.entity_at(t)?;
    (view.kind(org) != EntityKind::Person).then(|| (org, view.mentions[m].span, cue, role))
}

/// "ORG('s)? TITLE" ending right before token `first` (the person's first token), or before
/// a comma that opens the person's apposition ("Kenya's Interior Minister, Joseph Kamau,").
fn org_then_title_before(view: &View<'_>, first: usize) -> Option<Found> {
    let first = if first > 0 && view.text(first - 1) == "," { first - 1 } else { first };
    for len in 1..=4usize {
        if first < len + 1 {
            return None;
        }
        let start = first - len;
        let Some((role, tlen)) = title(view, start) else { continue };
        if tlen != len {
            continue;
        }
        let mut before = start - 1;
        if matches!(view.text(before), "'s" | "’s") && before > 0 {
            before -= 1;
        }
        let Some((org, m)) = view.entity_at(before) else { continue };
        if view.kind(org) == EntityKind::Person {
            return None;
        }
        let cue = Span::new(view.doc.tokens[start].span.start, view.doc.tokens[first - 1].span.end);
        return Some((org, view.mentions[m].span, cue, role));
    }
    None
}

fn push(
    view: &View<'_>,
    out: &mut Vec<Statement>,
    person: EntityId,
    person_span: Span,
    found: Found,
    rule: StatementRule,
    confidence: f32,
) {
    let (org, org_span, cue, predicate) = found;
    if org == person {
        return;
    }
    let sentence = view.doc.sentence_at(person_span.start).map_or(person_span, |s| view.doc.sentences[s].span);
    out.push(Statement {
        subject: person,
        predicate,
        object: Some(org),
        targets: Vec::new(),
        sentence,
        evidence: person_span.cover(org_span).cover(cue),
        cue,
        quote: None,
        cameo: None,
        polarity: Polarity::Asserted,
        rule,
        confidence,
        medium: None,
        subject_mention: Some(person_span),
        object_mention: Some(org_span),
    });
}
