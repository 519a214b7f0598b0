//! The clause rules: speech and action verbs with their subject and object.

use super::view::{Subject, View, BETWEEN};
use crate::lexicon::{Cue, WordSet};
use crate::model::{EntityId, EntityKind, Polarity, Predicate, Span, Statement, StatementRule};

/// The reported content of a speech verb at `v`: the rest of the sentence after the verb and
/// its object ("accused Russia of …"), without a leading "reporters", "that", "of" or "for".
fn reported_content(view: &View<'_>, v: usize, end: usize, object: Option<Span>) -> Option<Span> {
    let mut c = match object {
        Some(s) if s.start > view.doc.tokens[v].span.start => view.doc.token_at_or_after(s.end),
        _ => v + 1,
    };
    while c < end
        && (view.lexicon.is(WordSet::Audience, view.text(c)) || matches!(view.text(c), "that" | "of" | "for" | ","))
    {
        c += 1;
    }
    let last = view.doc.tokens[end - 1];
    let stop = if last.kind == crate::model::TokenKind::Word { last.span.end } else { last.span.start };
    (c + 1 < end).then(|| Span::new(view.doc.tokens[c].span.start, stop))
}

/// The verb before `v` that denies it, if any: "denied accusing", "refused to meet", "declined
/// to criticise", "stopped short of accusing".
fn negated_by(view: &View<'_>, v: usize, floor: usize) -> Option<usize> {
    let ing = view.text(v).ends_with("ing");
    let word = |k: usize| if k >= floor { view.text(k) } else { "" };
    let lemma = |k: usize| if k >= floor { view.cue_at(k).map(|c| c.lemma.as_str()) } else { None };
    if ing && v > floor && lemma(v - 1) == Some("deny") {
        return Some(v - 1);
    }
    if v >= floor + 2 && word(v - 1) == "to" && view.lexicon.is(WordSet::Refusal, word(v - 2)) {
        return Some(v - 2);
    }
    let stop = |w: &str| matches!(w, "stopped" | "stops" | "stop" | "stopping");
    if ing && v >= floor + 3 && word(v - 1) == "of" && word(v - 2) == "short" && stop(word(v - 3)) {
        return Some(v - 3);
    }
    None
}

/// Clause rules over every cue that the quote rules did not use.
pub(super) fn extract(view: &View<'_>, out: &mut Vec<Statement>, used: &mut [bool]) {
    for sentence in &view.doc.sentences {
        let range = sentence.tokens();
        for v in range.clone() {
            if used[v] || view.in_quote(view.doc.tokens[v].span) {
                continue;
            }
            let Some(cue) = view.cue_at(v) else { continue };
            let Some(subject) = subject(view, v, range.start, cue, sentence.span, out) else { continue };
            let coordinated = subject.coordinated;
            if let Some(mut statement) = statement(view, v, range.end, cue, sentence.span, subject) {
                used[v] = true;
                if coordinated {
                    // "Orlov said … and accused Estonia": the words that named Orlov
                    let shared = out.iter().rev().find(|s| s.sentence == sentence.span && !s.predicate.is_relation());
                    statement.subject_mention = shared.and_then(|s| s.subject_mention);
                }
                out.push(statement);
            }
        }
    }
}

/// The subject of the verb at `v`: the one before it, else the one before a verb that denies
/// it, else (after "and" or "but") the subject of the sentence's last statement so far.
fn subject(view: &View<'_>, v: usize, floor: usize, cue: &Cue, sentence: Span, out: &[Statement]) -> Option<Subject> {
    let subject = view.subject_before(v, floor).or_else(|| {
        // "Russia denied accusing Estonia": Russia's accusation, negated (not for speech:
        // "declined to comment" says nothing)
        let wrapper = negated_by(view, v, floor).filter(|_| cue.predicate != Predicate::Said)?;
        let subject = view.subject_before(wrapper, floor)?;
        Some(Subject { polarity: Polarity::Negated, passive: false, ..subject })
    });
    subject.or_else(|| {
        // "Orlov said … and accused Estonia": the subject of the sentence's last statement
        let coordinated = v > floor && matches!(view.text(v - 1), "and" | "but")
            || v > floor + 1 && matches!(view.text(v - 2), "and" | "but") && view.text(v - 1) == "also";
        let previous = out.iter().rev().find(|s| s.sentence == sentence && !s.predicate.is_relation())?;
        coordinated.then_some(Subject {
            entity: previous.subject,
            span: previous.evidence,
            polarity: Polarity::Asserted,
            passive: false,
            pronoun: false,
            partner: None,
            coordinated: true,
        })
    })
}

/// The agent of a passive verb at `v`: "was accused by (the) X", "was criticised (on Monday)
/// by X".
fn passive_agent(view: &View<'_>, v: usize, end: usize) -> Option<(EntityId, Span)> {
    let by = (v + 1..(v + 4).min(end))
        .take_while(|&k| view.text(k) == "by" || view.lexicon.is_any(BETWEEN, view.text(k)))
        .find(|&k| view.text(k) == "by")?;
    view.object_after(by, end)
}

/// The statement of the verb at `v` (a cue) with `subject`, in the sentence that ends before
/// token `end`; `None` when the verb wants an object or content that it lacks.
fn statement(view: &View<'_>, v: usize, end: usize, cue: &Cue, sentence: Span, subject: Subject) -> Option<Statement> {
    let verb = view.doc.tokens[v].span;
    let (mut subj, mut obj) = (subject.entity, None);
    let mut agent_span = None;
    let mut rule = StatementRule::Clause;
    // "is accusing" is progressive, not passive
    if (subject.passive && !view.text(v).ends_with("ing")) || view.passive_participle(v) {
        // the agent acts; without one there is no statement
        let (agent, span) = passive_agent(view, v, end)?;
        obj = Some(subject.entity);
        subj = agent;
        agent_span = Some(span);
        rule = StatementRule::ClausePassive;
    }
    let wants_object = cue.predicate != Predicate::Said || cue.lemma == "tell";
    let object = obj.map(|o| (o, subject.span)).or_else(|| {
        if !wants_object || (subject.partner.is_some() && cue.predicate.is_symmetric()) {
            None
        } else {
            view.object_after(v, end)
        }
    });
    // "met China's Xi Jinping": the person the owner has; "met Beckham's cross": a meeting is
    // with the owner's thing, not with the owner
    let owned = object.and_then(|(_, s)| {
        let next = view.doc.token_at_or_after(s.end);
        (next < end && matches!(view.text(next), "'s" | "’s")).then_some(next + 1)
    });
    let object = match owned {
        Some(k) if cue.predicate == Predicate::Met => {
            let person = view.entity_at(k).filter(|&(e, _)| view.kind(e) == EntityKind::Person);
            let person = person.map(|(e, m)| (e, view.mentions[m].span)).or_else(|| view.titled_person_at(k, end));
            Some(person?)
        }
        _ => object,
    };
    // the words of the subject: the agent's in the passive; none yet for a shared subject
    // ("… and accused Y"), whose words `extract` takes from the statement it shares them with
    let mut subject_mention = if subject.coordinated { None } else { agent_span.or(Some(subject.span)) };
    let mut object_mention = None;
    let (object, object_span) = match (object, subject.partner) {
        (Some((o, s)), _) => (Some(o), Some(s)),
        // "Kenya and Ethiopia signed": Kenya signed with Ethiopia
        (None, Some(p)) if cue.predicate.is_symmetric() => {
            let first = view.doc.token_at_or_after(subject.span.start);
            subject_mention = (first.saturating_sub(8)..first)
                .rev()
                .find_map(|k| view.entity_at(k).filter(|&(e, _)| e == p))
                .map(|(_, m)| view.mentions[m].span);
            object_mention = Some(subject.span);
            (Some(std::mem::replace(&mut subj, p)), None)
        }
        _ => (None, None),
    };
    if object == Some(subj) {
        return None;
    }
    // speech content: the rest of the sentence after the verb and its object (or, in the
    // passive, its agent: "was accused by X of …")
    let after = agent_span.or(object_span);
    let content = cue.speech.then(|| reported_content(view, v, end, after)).flatten();
    if cue.predicate != Predicate::Said
        && object.is_none()
        && content.is_none()
        && !matches!(cue.predicate, Predicate::Denied | Predicate::Rejected)
    {
        return None;
    }
    if cue.predicate == Predicate::Said && content.is_none() {
        return None;
    }
    let targets = content.map(|c| view.entities_in(c, subj)).unwrap_or_default();
    let (predicate, object) =
        if cue.predicate == Predicate::Said { (Predicate::Said, None) } else { (cue.predicate, object) };
    // with the co-subject's words ("Kenya and Ethiopia signed")
    let mut evidence = subject.span.cover(verb).cover(subject_mention.unwrap_or(subject.span));
    if let Some(s) = object_span.into_iter().chain(agent_span).reduce(Span::cover) {
        evidence = evidence.cover(s);
    }
    if let Some(c) = content {
        evidence = evidence.cover(c);
    }
    if subject.coordinated {
        rule = StatementRule::ClauseCoordinated;
    }
    let confidence = match (subject.pronoun, rule) {
        (true, _) => 0.55,
        (false, StatementRule::ClauseCoordinated) => 0.6,
        (false, StatementRule::ClausePassive) => 0.65,
        _ if cue.speech && predicate == Predicate::Said => 0.75,
        _ => 0.7,
    };
    Some(Statement {
        subject: subj,
        predicate,
        object,
        targets,
        sentence,
        evidence,
        cue: verb,
        quote: content,
        cameo: cue.cameo.clone(),
        polarity: subject.polarity,
        rule: if subject.pronoun { StatementRule::ClausePronoun } else { rule },
        confidence,
        medium: None,
        subject_mention,
        object_mention: object.and(object_span.or(object_mention)),
    })
}
