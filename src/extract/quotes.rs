//! Attributed direct speech: quotes before or after their attribution, over several
//! sentences, and "according to".

use super::view::View;
use crate::lexicon::WordSet;
use crate::model::{EntityId, EntityKind, Polarity, Predicate, Span, Statement, StatementRule, TokenKind};

/// Attribution of each quote: `"…," X said`, `"…," said X`, `X said: "…"`, `"…", according to X`,
/// and `M quoted X as saying …` with or without quotation marks.
/// Quotations inside `covered` (the contents the attribution model attributed) are left alone,
/// unless a medium reports them ("Xinhua quoted X as saying"), which the model does not tell.
pub(super) fn extract(view: &View<'_>, out: &mut Vec<Statement>, used: &mut [bool], covered: &[Span]) {
    let doc = view.doc;
    // "M quoted X as saying: "…"" and "… as saying that …" first: the quote after "saying" is theirs
    let mut taken: Vec<Span> = Vec::new();
    for q in 0..doc.tokens.len() {
        if view.text(q) != "quoted" || view.in_quote(doc.tokens[q].span) {
            continue;
        }
        let sentence = doc.sentence_at(doc.tokens[q].span.start).map(|s| &doc.sentences[s]);
        let Some(sentence) = sentence else { continue };
        let range = sentence.tokens();
        let Some(found) = quoted_as(view, q, range.start, range.end) else { continue };
        let Some(content) = content_after_saying(view, found.cue, range.end) else { continue };
        taken.push(content);
        used[found.cue] = true;
        push(view, out, found, content);
    }
    let mut last: Option<Attribution> = None;
    for &marked in &view.quotes {
        let quote = marked.trim(&doc.text);
        if quote.is_empty() || taken.iter().any(|t| t.contains(quote)) {
            continue;
        }
        let modelled = covered.iter().any(|t| t.overlaps(quote));
        let close = doc.token_at_or_after(marked.end); // the closing mark
        let open = doc.token_at_or_after(marked.start).saturating_sub(1);
        let found = attribution_after(view, close)
            .or_else(|| attribution_before(view, open))
            .or_else(|| continued(view, last.as_ref()?, open));
        let Some(found) = found else { continue };
        if modelled && found.medium.is_none() {
            continue;
        }
        used[found.cue] = true;
        push(view, out, found, quote);
        last = Some(found);
    }
}

/// The statement of an attributed quote.
fn push(view: &View<'_>, out: &mut Vec<Statement>, found: Attribution, quote: Span) {
    let doc = view.doc;
    let cue_span = doc.tokens[found.cue].span;
    let cue = view.cue_at(found.cue);
    let predicate = cue.map_or(Predicate::Said, |c| if c.speech { c.predicate } else { Predicate::Said });
    let predicate = if matches!(
        predicate,
        Predicate::Said
            | Predicate::Denied
            | Predicate::Warned
            | Predicate::Accused
            | Predicate::Criticised
            | Predicate::Rejected
    ) {
        predicate
    } else {
        Predicate::Said
    };
    let sentence = doc.sentence_at(cue_span.start).map_or(quote, |s| doc.sentences[s].span);
    let mut evidence = quote.cover(found.speaker_span).cover(cue_span);
    if let Some((_, span)) = found.medium {
        evidence = evidence.cover(span);
    }
    let mut targets = view.entities_in(quote, found.speaker);
    targets.retain(|&t| Some(t) != found.medium.map(|m| m.0));
    out.push(Statement {
        subject: found.speaker,
        predicate,
        object: None,
        targets,
        sentence,
        evidence,
        cue: cue_span,
        quote: Some(quote),
        cameo: cue.and_then(|c| c.cameo.clone()).or_else(|| Some("010".to_owned())),
        polarity: Polarity::Asserted,
        rule: found.rule,
        confidence: found.confidence,
        medium: found.medium.map(|m| m.0),
        subject_mention: Some(found.speaker_span),
        object_mention: None,
    });
}

/// Who a quote is attributed to, by which cue token and rule, and the medium that reports it.
#[derive(Clone, Copy)]
struct Attribution {
    speaker: EntityId,
    speaker_span: Span,
    cue: usize,
    rule: StatementRule,
    confidence: f32,
    medium: Option<(EntityId, Span)>,
}

impl Attribution {
    fn new(speaker: EntityId, speaker_span: Span, cue: usize, rule: StatementRule, confidence: f32) -> Self {
        Attribution { speaker, speaker_span, cue, rule, confidence, medium: None }
    }
}

/// After the closing mark: `, X said`, `, said X`, `, X, a spokesman for Y, told reporters`,
/// `, he said`, `, according to X`, `, M quoted X as saying`.
fn attribution_after(view: &View<'_>, close: usize) -> Option<Attribution> {
    let doc = view.doc;
    let n = doc.tokens.len();
    let mut k = close + 1;
    let comma = view.text(k) == ",";
    if comma {
        k += 1;
    }
    // after a quote that ends its sentence ("… lies."), a plain reporting verb still attributes
    // it ("Li Wen said in a statement."), but a verb with an object of its own starts a new
    // statement ("Estonia accused Latvia.")
    let ended = !comma && matches!(view.text(close.wrapping_sub(1)), "." | "!" | "?");
    if k >= n || doc.text[doc.tokens[close].span.end..doc.tokens[k].span.start].contains('\n') {
        return None;
    }
    // ", according to X" (after a finished quote, "According to X, …" opens a new sentence)
    let according = if ended { view.text(k) == "according" } else { view.text(k).eq_ignore_ascii_case("according") };
    if according && k + 2 < n && view.text(k + 1) == "to" {
        let (e, m) = view.entity_at(k + 2)?;
        return Some(Attribution::new(e, view.mentions[m].span, k, StatementRule::QuoteAccordingTo, 0.85));
    }
    // ", said X" ("… lies." said Li Wen)
    if view.cue_at(k).is_some_and(|c| c.speech) {
        if let Some((e, m)) = (k + 1 < n).then(|| view.entity_at(k + 1)).flatten() {
            return Some(Attribution::new(e, view.mentions[m].span, k, StatementRule::QuoteVerbSpeaker, 0.9));
        }
    }
    // ", X said" with anything the clause rules allow between X and the verb
    let limit = (k + 30).min(n);
    for v in k..limit {
        if doc.tokens[v].kind == TokenKind::Quote || matches!(view.text(v), "." | "!" | "?") {
            break;
        }
        // ", Xinhua quoted Wang Yi as saying"
        if view.text(v) == "quoted" {
            return quoted_as(view, v, k, limit);
        }
        if let Some(cue) = view.cue_at(v).filter(|c| c.speech) {
            if ended && cue.predicate != Predicate::Said {
                return None;
            }
            let subject = view.subject_before(v, k)?;
            let rule = if subject.pronoun { StatementRule::QuotePronoun } else { StatementRule::QuoteSpeakerVerb };
            let confidence = if subject.pronoun { 0.7 } else { 0.9 };
            return Some(Attribution::new(subject.entity, subject.span, v, rule, confidence));
        }
    }
    None
}

/// `"…," Benítez said. "…"`: a quotation that opens the sentence right after the one holding the
/// last attribution, in the same paragraph, goes on with the same speaker.
fn continued(view: &View<'_>, last: &Attribution, open: usize) -> Option<Attribution> {
    let doc = view.doc;
    let cue = doc.tokens[last.cue].span;
    let mark = doc.tokens[open].span;
    let (Some(said), Some(here)) = (doc.sentence_at(cue.start), doc.sentence_at(mark.start)) else { return None };
    let follows = here == said + 1 && doc.sentences[here].first_token == open;
    (follows && cue.end <= mark.start && !doc.text[cue.end..mark.start].contains('\n')).then_some(Attribution {
        rule: StatementRule::QuoteContinued,
        confidence: 0.75,
        ..*last
    })
}

/// Before the opening mark: `X said: "…"`, `X said, "…"`, `X told reporters: "…"`, `X told
/// Reuters: "…"`, `"…," X said, adding: "…"`.
fn attribution_before(view: &View<'_>, open: usize) -> Option<Attribution> {
    let doc = view.doc;
    let mut v = open;
    for _ in 0..3 {
        if v == 0 {
            return None;
        }
        v -= 1;
        if matches!(view.text(v), ":" | ",") || view.lexicon.is(WordSet::Audience, view.text(v)) {
            continue;
        }
        // the one told: "X told Reuters: "…""
        if let Some((_, m)) = view.entity_at(v) {
            let first = doc.token_at_or_after(view.mentions[m].span.start);
            if first > 0 && view.cue_at(first - 1).is_some_and(|c| c.lemma == "tell") {
                v = first;
                continue;
            }
        }
        break;
    }
    let cue = view.cue_at(v)?;
    if !cue.speech {
        return None;
    }
    let floor = doc.sentence_at(doc.tokens[v].span.start).map_or(0, |s| doc.sentences[s].first_token);
    let subject = view.subject_before(v, floor).or_else(|| {
        // "X said, adding: "…"": the subject of the verb before the comma
        let said = v.checked_sub(2).filter(|&s| s >= floor && view.text(s + 1) == ",")?;
        view.cue_at(said).filter(|c| c.speech)?;
        view.subject_before(said, floor)
    })?;
    Some(Attribution::new(subject.entity, subject.span, v, StatementRule::SpeakerVerbQuote, 0.85))
}

/// `M quoted X as saying` and `X was quoted (by M) as saying`, around the token `q` ("quoted"),
/// within tokens `floor..end`: the speaker X, the medium M (when the text names it) and the token
/// of "saying" as the cue. A person between "quoted" and "as" is the speaker ("quoted Foreign
/// Minister Wang Yi, 64, as saying"); without one, an organisation or country right before "as"
/// is ("quoted the Foreign Ministry as saying"); "quoted him as saying" is the nearest person.
fn quoted_as(view: &View<'_>, q: usize, floor: usize, end: usize) -> Option<Attribution> {
    let before = view.subject_before(q, floor);
    // "as saying" within a few tokens
    let r#as = (q + 1..(q + 16).min(end))
        .find(|&k| view.text(k) == "as" && view.lexicon.is(WordSet::QuotedAs, view.text(k + 1)))?;
    let saying = r#as + 1;
    let entity = |k: usize| view.entity_at(k).map(|(e, m)| (e, view.mentions[m].span));
    if let Some(subject) = before.as_ref().filter(|s| s.passive) {
        // "X was quoted by (the newspaper) M as saying"
        let medium = (view.text(q + 1) == "by").then(|| (q + 2..r#as).find_map(entity)).flatten();
        let confidence = if subject.pronoun { 0.6 } else { 0.85 };
        return Some(Attribution {
            speaker: subject.entity,
            speaker_span: subject.span,
            cue: saying,
            rule: StatementRule::QuotedAsSaying,
            confidence,
            medium: medium.filter(|m| m.0 != subject.entity),
        });
    }
    let medium = before.map(|s| (s.entity, s.span));
    let named: Vec<(EntityId, Span)> = (q + 1..r#as).filter_map(entity).collect();
    let person = named.iter().find(|(e, _)| view.kind(*e) == EntityKind::Person).copied();
    let head = || entity(r#as - 1).or_else(|| (view.text(r#as - 1) == ",").then(|| entity(r#as - 2)).flatten());
    let pronoun = || {
        let w = view.text(q + 1);
        let pronoun = match w {
            "him" => "he",
            "her" => "she",
            _ => return None,
        };
        // the speaker's words are the pronoun ("quoted him"), not the name it stands for
        let (e, _) = (q + 2 == r#as).then(|| view.pronoun_antecedent(view.doc.tokens[q].span.start, pronoun))??;
        Some((e, view.doc.tokens[q + 1].span))
    };
    let (speaker, confidence) = match person.or_else(head) {
        Some(found) => (found, 0.85),
        None => (pronoun()?, 0.6),
    };
    if medium.is_some_and(|m| m.0 == speaker.0) {
        return None;
    }
    Some(Attribution {
        speaker: speaker.0,
        speaker_span: speaker.1,
        cue: saying,
        rule: StatementRule::QuotedAsSaying,
        confidence,
        medium,
    })
}

/// What follows "as saying": a quotation (`as saying: "…"`) or the rest of the sentence
/// (`as saying that …`).
fn content_after_saying(view: &View<'_>, saying: usize, end: usize) -> Option<Span> {
    let doc = view.doc;
    let mut c = saying + 1;
    while c < end && (matches!(view.text(c), "that" | "," | ":") || view.lexicon.is(WordSet::Audience, view.text(c))) {
        c += 1;
    }
    if c >= end {
        return None;
    }
    if doc.tokens[c].kind == TokenKind::Quote {
        let after = doc.tokens[c].span.end;
        if let Some(q) = view.quotes.iter().find(|q| q.start == after) {
            let q = q.trim(&doc.text);
            return (!q.is_empty()).then_some(q);
        }
    }
    let last = doc.tokens[end - 1];
    let stop = if last.kind == TokenKind::Word { last.span.end } else { last.span.start };
    let content = Span::new(doc.tokens[c].span.start, stop.max(doc.tokens[c].span.start)).trim(&doc.text);
    (!content.is_empty() && c + 1 < end).then_some(content)
}

/// The source named after "according to" from token `j`, up to the first comma or the end of
/// the sentence at `end`: the first person named there ("Afghan Ambassador to the United
/// States Hamdullah Mohib"), else the entity heading the phrase ("a statement from the Brazilian
/// Foreign Ministry"), else a person in apposition ("the team's coach, Alireza Mehraban,"). Its
/// entity, span, and the token right after the source phrase.
fn source_of(view: &View<'_>, j: usize, end: usize) -> Option<(EntityId, Span, usize)> {
    let doc = view.doc;
    let mut stop = end;
    while stop > j && matches!(view.text(stop - 1), "." | "!" | "?" | "\"" | "”") {
        stop -= 1;
    }
    let phrase_end = (j..stop.min(j + 12)).find(|&k| view.text(k) == ",").unwrap_or(stop);
    let person = (j..phrase_end).find_map(|k| {
        let (e, m) = view.entity_at(k)?;
        (view.kind(e) == EntityKind::Person).then(|| (e, view.mentions[m].span))
    });
    if let Some((e, span)) = person {
        return Some((e, span, phrase_end));
    }
    let mut k = j;
    while k < phrase_end && view.lexicon.is(WordSet::SourceGap, view.text(k)) {
        k += 1;
    }
    if let Some((e, span, mut next)) = view.head_entity_at(k) {
        while next < phrase_end && view.lexicon.is(WordSet::MediumNoun, view.text(next)) {
            next += 1;
        }
        if view.text(next) == "(" {
            next = (next..phrase_end).find(|&p| view.text(p) == ")").map_or(next, |p| p + 1);
        }
        return (next >= phrase_end).then_some((e, span, phrase_end));
    }
    // "according to the Afghan team's coach, Alireza Mehraban, …"
    if view.text(phrase_end) == "," {
        let (e, m) = view.entity_at(phrase_end + 1)?;
        let after = doc.token_at_or_after(view.mentions[m].span.end);
        if view.kind(e) == EntityKind::Person && view.text(after) == "," {
            return Some((e, view.mentions[m].span, after));
        }
    }
    None
}

/// "According to X, …" opening a sentence and "…, according to X." closing one, outside
/// quotation marks: X said the rest of the sentence. When the sentence already holds a
/// statement ("Karimi said, according to IRNA", "According to Yonhap, Kim said …"), X is the
/// medium that reports it instead; and when the rest has a speech verb of its own whose speaker
/// is unknown, X said nothing.
pub(super) fn according_to(view: &View<'_>, out: &mut Vec<Statement>, used: &mut [bool]) {
    let doc = view.doc;
    for sentence in &doc.sentences {
        let range = sentence.tokens();
        for k in range.clone() {
            if used[k]
                || !view.text(k).eq_ignore_ascii_case("according")
                || view.text(k + 1) != "to"
                || view.in_quote(doc.tokens[k].span)
            {
                continue;
            }
            let initial = k == range.start;
            if !initial && view.text(k - 1) != "," {
                continue;
            }
            let Some((source, source_span, next)) = source_of(view, k + 2, range.end) else { continue };
            let cue = doc.tokens[k].span;
            let content = if initial {
                // the rest of the sentence after the source's comma
                if view.text(next) != "," || next + 2 >= range.end {
                    continue;
                }
                let last = doc.tokens[range.end - 1];
                let stop = if last.kind == TokenKind::Word { last.span.end } else { last.span.start };
                Span::new(doc.tokens[next + 1].span.start, stop)
            } else {
                // the source closes the sentence; the content is what comes before it
                if (next..range.end).any(|t| !matches!(view.text(t), "." | "!" | "?" | "\"" | "”")) {
                    continue;
                }
                Span::new(doc.tokens[range.start].span.start, doc.tokens[k - 1].span.start)
            };
            let content = content.trim(&doc.text);
            if content.is_empty() {
                continue;
            }
            used[k] = true;
            let mut reported = false;
            for s in out.iter_mut() {
                let before = initial || s.evidence.end <= cue.start;
                if s.sentence == sentence.span && !s.predicate.is_relation() && s.medium.is_none() && before {
                    s.medium = Some(source);
                    reported = true;
                }
            }
            // "…," Karimi said, according to IRNA: someone else's words, whose speaker the rules
            // did not resolve; IRNA did not say them
            let first = doc.token_at_or_after(content.start);
            let speech = (first..range.end)
                .take_while(|&t| doc.tokens[t].span.end <= content.end)
                .any(|t| !view.in_quote(doc.tokens[t].span) && view.cue_at(t).is_some_and(|c| c.speech));
            if reported || speech {
                continue;
            }
            out.push(Statement {
                subject: source,
                predicate: Predicate::Said,
                object: None,
                targets: view.entities_in(content, source),
                sentence: sentence.span,
                evidence: content.cover(source_span).cover(cue),
                cue,
                quote: Some(content),
                cameo: Some("010".to_owned()),
                polarity: Polarity::Asserted,
                rule: StatementRule::AccordingTo,
                confidence: 0.75,
                medium: None,
                subject_mention: Some(source_span),
                object_mention: None,
            });
        }
    }
}
