//! Statements from the learned attribution model: each attribution it finds whose source
//! names an entity (a name, a pronoun, a description the resolver knows) becomes a statement
//! with the cue's predicate, the content as its quote and the entities named in it as targets.

use std::ops::Range;

use super::attribution::{find, marks_attribution, AttributionModel, Found};
use super::view::View;
use crate::lexicon::{Sex, WordSet};
use crate::model::{EntityId, EntityKind, MentionId, Polarity, Predicate, Span, Statement, StatementRule, TokenKind};

/// The statements of the model's attributions.
pub(super) fn extract(view: &View<'_>, model: &AttributionModel) -> Vec<Statement> {
    let doc = view.doc;
    let mut out = Vec::new();
    for mut found in find(model, doc, view.mentions, view.lexicon) {
        found.content = main_side(view, &found);
        let Some(source) = found.source.clone() else { continue };
        // "according to X": X after the cue is the source, and the content is not X
        if view.text(found.cue.start).eq_ignore_ascii_case("according") {
            if source.start < found.cue.end {
                continue;
            }
            found.content.retain(|r| r.end <= source.start || r.start >= source.end);
        }
        let Some(polarity) = reporting(view, &found) else { continue };
        let Some((speaker, span, confidence)) = speaker(view, source) else { continue };
        // one statement over all the fragments: "“…,” X said. “…”" is one attribution, as
        // annotators mark it, and its evidence shows the words between
        let content = finished(view, &found, content_span(view, &found.content));
        if !content.is_empty() {
            out.push(Statement { polarity, ..statement(view, &found, speaker, span, confidence, content) });
        }
    }
    out
}

/// The content fragments on the side of the cue that holds the longest one, and quotations on
/// the other side ("“…,” X said, “…”"): a few words on the other side outside quotation marks
/// are the model's slip ("Kenya's minister, X, said …" must not take in the speaker).
fn main_side(view: &View<'_>, found: &Found) -> Vec<Range<usize>> {
    let Some(longest) = found.content.iter().max_by_key(|r| r.len()) else { return Vec::new() };
    let after = longest.start >= found.cue.end;
    found
        .content
        .iter()
        .filter(|r| {
            (r.start >= found.cue.end) == after || (r.start..r.end).any(|t| view.in_quote(view.doc.tokens[t].span))
        })
        .cloned()
        .collect()
}

/// Reported speech after its cue that the model stopped on a function word (`function_word`:
/// "… at a meeting" cut after "at") runs on to the end of its sentence, unless a quotation or another
/// cue comes first.
fn finished(view: &View<'_>, found: &Found, content: Span) -> Span {
    let doc = view.doc;
    if content.is_empty() || doc.tokens[found.cue.start].span.start > content.start {
        return content;
    }
    let last = doc.token_at_or_after(content.end).saturating_sub(1);
    let word = view.text(last);
    let function = view.lexicon.is(WordSet::FunctionWord, word);
    let Some(s) = doc.sentence_at(content.start).filter(|_| function) else { return content };
    let sentence = &doc.sentences[s];
    let mut end = sentence.end_token;
    while end > last + 1 && matches!(doc.tokens[end - 1].kind, TokenKind::Punct | TokenKind::Quote) {
        end -= 1;
    }
    let rest = last + 1..end;
    if rest.is_empty() || rest.clone().any(|t| doc.tokens[t].kind == TokenKind::Quote || view.cue_at(t).is_some()) {
        return content;
    }
    Span::new(content.start, doc.tokens[end - 1].span.end)
}

/// Whether a cue reports speech, and its polarity: a cue that holds a word the lexicon knows as a
/// cue ("said", "accused", "backs") or as an attribution cue (`attribution_cue`: "called",
/// "cited", "tweeted"), or is "according to", a colon or a dash, does; any other does not (the
/// annotators of the training data also marked attitudes and acts: "reserves disdain",
/// "sought to assess", "realised"), nor does a cue right after a form of "be" (a passive report:
/// "is said to be", "is expected"). A negation right before it ("has not confirmed") negates it.
fn reporting(view: &View<'_>, found: &Found) -> Option<Polarity> {
    let first = found.cue.start;
    let known =
        found.cue.clone().any(|t| view.cue_at(t).is_some() || view.lexicon.is(WordSet::AttributionCue, view.text(t)))
            || marks_attribution(&view.text(first).to_lowercase());
    if !known {
        return None;
    }
    let before = |k: usize| first.checked_sub(k).map_or("", |t| view.text(t));
    // "has been criticised", "accused of fraud": the source is the one acted on; a progressive
    // ("has been saying") is active
    let last = found.cue.end - 1;
    let auxiliary = std::iter::once(before(1))
        .chain(found.cue.clone().map(|t| view.text(t)))
        .any(|w| view.lexicon.is(WordSet::Passive, w));
    if (auxiliary && !view.text(last).ends_with("ing")) || found.cue.clone().any(|t| view.passive_participle(t)) {
        return None;
    }
    let within = |set: WordSet| {
        (1..=2).any(|k| view.lexicon.is(set, before(k)))
            || found.cue.clone().any(|t| view.lexicon.is(set, view.text(t)))
    };
    Some(if within(WordSet::Negation) {
        Polarity::Negated
    } else if within(WordSet::Modal) {
        Polarity::Hypothetical
    } else {
        Polarity::Asserted
    })
}

/// The statement of one attribution.
fn statement(
    view: &View<'_>,
    found: &Found,
    speaker: EntityId,
    span: Span,
    confidence: f32,
    content: Span,
) -> Statement {
    let doc = view.doc;
    let cue_span = doc.span_of(found.cue.clone());
    let cue = (found.cue.start..found.cue.end).find_map(|t| view.cue_at(t));
    let predicate =
        cue.map_or(Predicate::Said, |c| if c.predicate.is_relation() { Predicate::Said } else { c.predicate });
    let sentence = doc.sentence_at(cue_span.start).map_or(content, |s| doc.sentences[s].span);
    Statement {
        subject: speaker,
        predicate,
        object: None,
        targets: targets(view, found, speaker),
        sentence,
        evidence: content.cover(span).cover(cue_span),
        cue: cue_span,
        quote: Some(content),
        cameo: cue.and_then(|c| c.cameo.clone()).or_else(|| Some("010".to_owned())),
        polarity: Polarity::Asserted,
        rule: StatementRule::AttributionModel,
        confidence,
        medium: None,
        subject_mention: Some(span),
        object_mention: None,
    }
}

/// The entities named in the content's fragments (not in the words between them, "“…,” said
/// X at Y. “…”"), in order, once each.
fn targets(view: &View<'_>, found: &Found, speaker: EntityId) -> Vec<EntityId> {
    let mut out: Vec<EntityId> = Vec::new();
    for fragment in &found.content {
        for e in view.entities_in(view.doc.span_of(fragment.clone()), speaker) {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// True when the cue is one of speech ("said", "told", "according to", a colon): the
/// attribution is the model's; other cues ("accused", "criticism") are the rules' first.
pub(super) fn is_speech_cue(view: &View<'_>, cue: Span) -> bool {
    let tokens = view.doc.tokens_in(cue);
    let first = tokens.start;
    tokens.into_iter().any(|t| view.cue_at(t).is_some_and(|c| c.speech && c.predicate == Predicate::Said))
        || marks_attribution(&view.text(first).to_lowercase())
}

/// The content: from its first fragment to its last, taking in the whole of each quotation it
/// overlaps and ending with the last one when it opens with one, without the quotation marks
/// and the punctuation at its edges.
fn content_span(view: &View<'_>, fragments: &[Range<usize>]) -> Span {
    let doc = view.doc;
    let (Some(first), Some(last)) = (fragments.first(), fragments.last()) else { return Span::new(0, 0) };
    let mut range = first.start..last.end;
    let edge = |t: usize| matches!(doc.tokens[t].kind, TokenKind::Quote | TokenKind::Punct);
    while range.start < range.end && edge(range.start) {
        range.start += 1;
    }
    if range.is_empty() {
        return Span::new(0, 0);
    }
    let mut span = doc.span_of(range);
    let opens_quoted = view.in_quote(doc.tokens[doc.token_at_or_after(span.start)].span);
    let quoted: Vec<Span> = view.quotes.iter().copied().filter(|q| q.overlaps(span)).collect();
    for q in &quoted {
        span = span.cover(*q);
    }
    if let Some(q) = quoted.last().filter(|_| opens_quoted) {
        span.end = span.end.min(q.end);
    }
    let mut range = doc.token_at_or_after(span.start)..doc.token_at_or_after(span.end);
    while range.start < range.end && edge(range.start) {
        range.start += 1;
    }
    while range.start < range.end && edge(range.end - 1) {
        range.end -= 1;
    }
    // a quotation that opens inside the content closes inside it: `had "run out of ideas"`
    let marks = range.clone().filter(|&t| doc.tokens[t].kind == TokenKind::Quote).count();
    if marks % 2 == 1 && range.end < doc.tokens.len() && doc.tokens[range.end].kind == TokenKind::Quote {
        range.end += 1;
    }
    if range.is_empty() {
        return Span::new(0, 0);
    }
    doc.span_of(range)
}

/// The entity a source names, the span naming it, and the statement's confidence: a person
/// named in it (the first one before a comma, "X, an aide to Y"; else the last, "Trump aide
/// X"), else the last organisation or place named in it, else what a pronoun or a bare surname
/// stands for, else a description the resolver resolved ("the ministry").
fn speaker(view: &View<'_>, source: std::ops::Range<usize>) -> Option<(EntityId, Span, f32)> {
    let doc = view.doc;
    if unnamed_group_last(view, source.clone()) {
        return None;
    }
    let mut named: Vec<(EntityId, Span, bool)> = Vec::new();
    let mut comma = false;
    for t in source.clone() {
        if view.text(t) == "," && named.iter().any(|n| n.2) {
            comma = true;
            break;
        }
        if let Some((e, m)) = view.entity_at(t) {
            let span = view.mentions[m].span;
            // a person who owns the source ("Brown's closest ally", "Bush's adviser") does not
            // speak: the one owned does
            let next = doc.token_at_or_after(span.end);
            let owner = next < doc.tokens.len() && matches!(view.text(next), "'s" | "’s");
            if named.last().is_none_or(|n| n.1 != span) {
                named.push((e, span, view.kind(e) == EntityKind::Person && !owner));
            }
        }
    }
    let person = if comma { named.iter().find(|n| n.2) } else { named.iter().rev().find(|n| n.2) };
    if let Some(&(e, span, _)) = person {
        return Some((e, span, 0.85));
    }
    // an organisation in the source speaks ("a spokesman for the ministry"); a place or country
    // only when it is the whole source ("Moscow said"), not a modifier ("the Archbishop of
    // Canterbury", "a Russian official")
    let whole = |span: Span| {
        source.clone().all(|t| {
            let w = doc.tokens[t].span;
            span.contains(w)
                || matches!(view.text(t), "the" | "The" | "'s" | "’s")
                || doc.tokens[t].kind != TokenKind::Word
        })
    };
    let speaking = named.iter().rev().find(|&&(e, span, _)| view.kind(e) == EntityKind::Organisation || whole(span));
    if let Some(&(e, span, _)) = speaking {
        return Some((e, span, 0.85));
    }
    if !named.is_empty() {
        return None;
    }
    let span = doc.span_of(source.clone());
    if let Some(found) = surname(view, source.clone()) {
        return Some(found);
    }
    if source.len() == 1 {
        if let Some(found) = pronoun(view, source.start) {
            return Some(found);
        }
    }
    let (d, e) = view.resolution.descriptions.iter().find(|(d, _)| d.start < span.end && span.start < d.end)?;
    Some((*e, *d, 0.7))
}

/// Whether the source ends in a bare plural after a comma ("…, officials said", "…, analysts
/// say"): the speakers are that unnamed group, not a name before the comma, which belongs to
/// the content.
fn unnamed_group_last(view: &View<'_>, source: std::ops::Range<usize>) -> bool {
    let Some(comma) = source.clone().rev().find(|&t| view.text(t) == ",") else { return false };
    let tail = comma + 1..source.end;
    if tail.len() != 1 {
        return false;
    }
    let first = view.text(tail.start);
    view.entity_at(tail.start).is_none()
        && first.len() > 3
        && first.ends_with('s')
        && first.chars().all(|c| c.is_ascii_lowercase())
        && !view.lexicon.is(WordSet::FunctionWord, first)
        && !view.lexicon.is(WordSet::Pronoun, first)
}

/// A bare surname the resolver left open ("Clinton" after two Clintons): the nearest person
/// named before it whose name ends with it, of the sex its honorific gives ("Ms", "Mr").
fn surname(view: &View<'_>, source: std::ops::Range<usize>) -> Option<(EntityId, Span, f32)> {
    let m = source.clone().find_map(|t| view.mention_at[t])?;
    let mention = &view.mentions[m];
    if mention.kind != EntityKind::Person {
        return None;
    }
    let last = view.doc.slice(mention.span).split_whitespace().last()?;
    // "Ms Tremblay" after her father: the honorific says whom
    let first = view.doc.token_at_or_after(mention.span.start);
    let title = first.checked_sub(1).map_or("", |t| view.text(t));
    let sex = match title.trim_end_matches('.') {
        "Mr" => Some(Sex::Male),
        "Ms" | "Mrs" | "Miss" => Some(Sex::Female),
        _ => None,
    };
    let e = nearest(view, mention.span.start, 12, |e| {
        let name = &view.resolution.entity(e).name;
        let given = name.split_whitespace().next().unwrap_or("");
        let fits = sex.is_none_or(|s| view.lexicon.given_name_sex(given) == Some(s));
        view.kind(e) == EntityKind::Person && name != last && name.ends_with(last) && fits
    })?;
    Some((e, mention.span, 0.75))
}

/// What a pronoun source stands for: "he" or "she" the person the rules would take (within a
/// wider window when none is that near); "who" and "which" the entity named right before
/// them ("Jones, who said"); "it" the nearest organisation in the last two sentences.
fn pronoun(view: &View<'_>, t: usize) -> Option<(EntityId, Span, f32)> {
    let word = view.text(t);
    let span = view.doc.tokens[t].span;
    match word.to_lowercase().as_str() {
        "he" | "she" => {
            let wanted = if word.eq_ignore_ascii_case("she") { Sex::Female } else { Sex::Male };
            let fits = |e: EntityId| {
                let given = view.resolution.entity(e).name.split_whitespace().next().unwrap_or("");
                view.lexicon.given_name_sex(given) == Some(wanted)
            };
            let e = view
                .pronoun_antecedent(span.start, word)
                .map(|(e, _)| e)
                .or_else(|| nearest(view, span.start, 8, |e| view.kind(e) == EntityKind::Person && fits(e)))?;
            Some((e, span, 0.75))
        }
        "who" | "which" => {
            let k = if t >= 1 && view.text(t - 1) == "," { t.checked_sub(2)? } else { t.checked_sub(1)? };
            let (e, _) = view.entity_at(k)?;
            Some((e, span, 0.75))
        }
        "it" => {
            let e = nearest(view, span.start, 2, |e| view.kind(e) == EntityKind::Organisation)?;
            Some((e, span, 0.65))
        }
        _ => None,
    }
}

/// The nearest resolved entity named before byte `offset`, outside quotations, within
/// `sentences` sentences, for which `wanted` holds.
fn nearest(view: &View<'_>, offset: usize, sentences: usize, wanted: impl Fn(EntityId) -> bool) -> Option<EntityId> {
    let sentence = view.doc.sentence_at(offset)?;
    let floor = view.doc.sentences[sentence.saturating_sub(sentences)].span.start;
    let end = view.mentions.partition_point(|m| m.span.start < offset);
    view.mentions[..end]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, m)| m.span.start >= floor)
        .filter(|(_, m)| m.span.end <= offset && !view.in_quote(m.span))
        .filter_map(|(i, _)| view.resolution.entity_of(MentionId(i as u32)))
        .find(|&e| wanted(e))
}
