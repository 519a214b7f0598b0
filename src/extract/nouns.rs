//! Nominalisations: a statement carried by a noun (`cues/nouns.csv`) when the text names who did
//! it: "the accusation by X against Y", "X's criticism of Y", "his visit to Y", "Russian support
//! for Y", "talks between X and Y", "X provided aid to Y". A noun says less than a verb clause (the
//! event may be planned, reported or refused), so these statements get lower confidence.

use super::view::View;
use crate::lexicon::Cue;
use crate::model::{EntityId, EntityKind, Polarity, Predicate, Span, Statement, StatementRule, TokenKind};

use crate::lexicon::WordSet;

/// The prepositions that introduce the object of a noun of this predicate.
fn object_prepositions(p: Predicate) -> &'static [&'static str] {
    match p {
        Predicate::Accused => &["against", "that"],
        Predicate::Criticised => &["of", "against"],
        Predicate::Rejected => &["of"],
        Predicate::Met | Predicate::Cooperated | Predicate::Signed => &["with"],
        Predicate::Visited => &["to"],
        Predicate::Praised => &["for", "of"],
        Predicate::Appealed | Predicate::Warned => &["to"],
        Predicate::Threatened => &["against", "to"],
        Predicate::Supported => &["for"],
        Predicate::Assisted => &["to", "for"],
        _ => &[],
    }
}

/// Predicates a noun may state without an object ("Uzbekistan's denial of any wrongdoing",
/// "Kazakhstan's criticism of both neighbours").
fn object_optional(p: Predicate) -> bool {
    matches!(
        p,
        Predicate::Denied | Predicate::Rejected | Predicate::Criticised | Predicate::Warned | Predicate::Threatened
    )
}

/// Who did it, as found before or after the noun.
struct Agent {
    entity: EntityId,
    span: Span,
    rule: StatementRule,
    confidence: f32,
    polarity: Polarity,
}

pub(super) fn extract(view: &View<'_>, out: &mut Vec<Statement>, used: &[bool]) {
    let doc = view.doc;
    for sentence in &doc.sentences {
        let range = sentence.tokens();
        for n in range.clone() {
            let w = view.text(n);
            // lower case, or capitalised as the first word of a sentence or after a dateline
            // ("LONDON (Wire) - Talks between …")
            let first = n == range.start || matches!(view.text(n - 1), "-" | "–" | "—" | ":");
            let lower = w.chars().next().is_some_and(char::is_lowercase) || first;
            if used[n] || doc.tokens[n].kind != TokenKind::Word || !lower || view.in_quote(doc.tokens[n].span) {
                continue;
            }
            let Some(cue) = view.lexicon.noun_cue(w) else { continue };
            if let Some(s) = statement(view, n, cue, range.start, range.end, sentence.span) {
                out.push(s);
            }
        }
    }
}

fn statement(view: &View<'_>, n: usize, cue: &Cue, floor: usize, end: usize, sentence: Span) -> Option<Statement> {
    let predicate = cue.predicate;
    let mut agent = None;
    let mut object: Option<(EntityId, Span)> = None;
    // after the noun: "by X", "against Y", "between X and Y", in either order
    let mut k = n + 1;
    for _ in 0..2 {
        let w = view.text(k);
        if k >= end {
            break;
        }
        if w == "by" && agent.is_none() {
            let (e, span, next) = noun_phrase(view, k + 1, end)?;
            agent = Some(Agent {
                entity: e,
                span,
                rule: StatementRule::NounBy,
                confidence: 0.6,
                polarity: Polarity::Asserted,
            });
            k = next;
        } else if w == "between" && predicate.is_symmetric() && agent.is_none() {
            let (x, x_span, next) = noun_phrase(view, k + 1, end)?;
            if view.text(next) != "and" {
                return None;
            }
            let (y, y_span, after) = noun_phrase(view, next + 1, end)?;
            agent = Some(Agent {
                entity: x,
                span: x_span,
                rule: StatementRule::NounBetween,
                confidence: 0.6,
                polarity: Polarity::Asserted,
            });
            object = Some((y, y_span));
            k = after;
        } else if object_prepositions(predicate).contains(&w) && object.is_none() {
            match noun_phrase(view, k + 1, end) {
                Some((e, span, next)) => {
                    object = Some((e, span));
                    k = next;
                }
                // "criticism of the decision": no entity, and the phrase goes on
                None => break,
            }
        } else {
            break;
        }
    }
    let agent = match agent {
        Some(a) => a,
        None => agent_before(view, n, floor)?,
    };
    if object.is_none() && !object_optional(predicate) || object.is_some_and(|(o, _)| o == agent.entity) {
        return None;
    }
    let noun = view.doc.tokens[n].span;
    let mut evidence = agent.span.cover(noun);
    if let Some((_, span)) = object {
        evidence = evidence.cover(span);
    }
    Some(Statement {
        subject: agent.entity,
        predicate,
        object: object.map(|o| o.0),
        targets: Vec::new(),
        sentence,
        evidence,
        cue: noun,
        quote: None,
        cameo: cue.cameo.clone(),
        polarity: agent.polarity,
        rule: agent.rule,
        confidence: agent.confidence,
        medium: None,
        subject_mention: Some(agent.span),
        object_mention: object.map(|o| o.1),
    })
}

/// The entity a noun phrase from token `k` names, and the token after it: a titled person
/// ("Kazakh Foreign Minister Aigerim Seitova"), or an entity heading the phrase after a
/// determiner ("the United Nations"); not "a Kyrgyz energy official".
fn noun_phrase(view: &View<'_>, mut k: usize, end: usize) -> Option<(EntityId, Span, usize)> {
    while k < end && matches!(view.text(k), "the" | "a" | "an") {
        k += 1;
    }
    let after = |span: Span| view.doc.token_at_or_after(span.end);
    if let Some((e, span)) = view.titled_person_at(k, end) {
        return Some((e, span, after(span)));
    }
    if let Some((_, m)) = view.entity_at(k) {
        if let Some((e, span)) = view.titled_person_at(after(view.mentions[m].span), end) {
            return Some((e, span, after(span)));
        }
    }
    view.head_entity_at(k).filter(|&(_, _, next)| next <= end)
}

/// The agent before the noun at `n`, over up to three modifiers: a possessor ("Rashidov's
/// appeal", "his first official visit"), a country used as an adjective ("Russian criticism",
/// "U.S. military aid"), or the subject of a light verb ("Japan has provided aid").
fn agent_before(view: &View<'_>, n: usize, floor: usize) -> Option<Agent> {
    let modifier = |k: usize| {
        let w = view.text(k);
        view.doc.tokens[k].kind == TokenKind::Word
            && w.chars().next().is_some_and(char::is_lowercase)
            && !view.lexicon.is(WordSet::NotModifier, w)
            && !view.lexicon.is(WordSet::LightVerb, w)
            && view.lexicon.noun_cue(w).is_none()
            && view.entity_at(k).is_none()
    };
    let mut b = n;
    for _ in 0..3 {
        if b > floor && modifier(b - 1) {
            b -= 1;
        }
    }
    let b = b.checked_sub(1).filter(|&b| b >= floor)?;
    let w = view.text(b);
    let possessor = |entity, span, confidence| Agent {
        entity,
        span,
        rule: StatementRule::NounPossessive,
        confidence,
        polarity: Polarity::Asserted,
    };
    if matches!(w, "'s" | "’s") && b > floor {
        let (e, m) = view.entity_at(b - 1)?;
        return Some(possessor(e, view.mentions[m].span, 0.6));
    }
    if matches!(w, "his" | "her" | "His" | "Her") {
        let pronoun = if w.eq_ignore_ascii_case("her") { "she" } else { "he" };
        let (e, _) = view.pronoun_antecedent(view.doc.tokens[b].span.start, pronoun)?;
        return Some(possessor(e, view.doc.tokens[b].span, 0.45));
    }
    // "Russian criticism of Estonia", "U.S. aid to Ukraine"; not "in Kenya talks"
    if let Some((e, m)) = view.entity_at(b) {
        let span = view.mentions[m].span;
        let first = view.doc.token_at_or_after(span.start);
        let governed = first > floor && view.lexicon.is(WordSet::NotModifier, view.text(first - 1));
        let adjective = view.kind(e) == EntityKind::Country && span.end <= view.doc.tokens[b].span.end;
        return (adjective && !governed).then(|| possessor(e, span, 0.55));
    }
    // "Japan has provided aid to", "Seitova paid a visit to", "Kenya held talks with"
    let mut v = b + 1;
    for _ in 0..5 {
        if v <= floor {
            return None;
        }
        v -= 1;
        if view.lexicon.is(WordSet::LightVerb, view.text(v)) {
            let subject = view.subject_before(v, floor)?;
            if subject.passive {
                return None;
            }
            let confidence = if subject.pronoun { 0.5 } else { 0.65 };
            return Some(Agent {
                entity: subject.entity,
                span: subject.span,
                rule: StatementRule::NounLightVerb,
                confidence,
                polarity: subject.polarity,
            });
        }
        if !view.lexicon.is(WordSet::Determiner, view.text(v)) && !modifier(v) {
            return None;
        }
    }
    None
}
