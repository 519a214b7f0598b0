//! Attributed direct speech: quotes before or after their attribution, over several
//! sentences, and "according to".

use super::clause::View;
use crate::model::{Document, EntityId, Polarity, Predicate, Span, Statement, StatementRule, TokenKind};

/// Spans of text between paired quotation marks, within one line. Curly and angle marks say
/// which way they face (and „ pairs with “); a straight `"` opens after a space and closes
/// before one, so that `a 5" screen` opens nothing.
pub(super) fn find_quotes(doc: &Document) -> Vec<Span> {
    let mut quotes = Vec::new();
    let mut open: Option<(usize, &str)> = None; // the opening mark: token index and text
    for (i, t) in doc.tokens.iter().enumerate() {
        // a quote does not run over a line break: the next paragraph reopens it with a mark
        if i > 0 && open.is_some() && doc.text[doc.tokens[i - 1].span.end..t.span.start].contains('\n') {
            open = None;
        }
        if t.kind != TokenKind::Quote {
            continue;
        }
        let mark = doc.slice(t.span);
        let spaced_before =
            doc.text[..t.span.start].chars().next_back().is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
        let spaced_after =
            doc.text[t.span.end..].chars().next().is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
        let opens = match mark {
            "“" if matches!(open, Some((_, "„"))) => false,
            "“" | "«" | "„" | "‟" => true,
            "”" | "»" => false,
            _ if spaced_before != spaced_after => spaced_before,
            _ => open.is_none(),
        };
        match open {
            _ if opens => open = Some((i, mark)),
            Some((o, _)) => {
                quotes.push(Span::new(doc.tokens[o].span.end, t.span.start));
                open = None;
            }
            None => {}
        }
    }
    quotes
}

/// Attribution of each quote: `"…," X said`, `"…," said X`, `X said: "…"`, `"…", according to X`.
pub(super) fn extract(view: &View<'_>, out: &mut Vec<Statement>, used: &mut [bool]) {
    let doc = view.doc;
    for &marked in &view.quotes {
        let quote = marked.trim(&doc.text);
        if quote.is_empty() {
            continue;
        }
        let close = doc.token_at_or_after(marked.end); // the closing mark
        let open = doc.token_at_or_after(marked.start).saturating_sub(1);
        let after = attribution_after(view, close);
        let found = after.or_else(|| attribution_before(view, open));
        let Some((speaker, speaker_span, cue_token, rule, confidence)) = found else { continue };
        let cue_span = doc.tokens[cue_token].span;
        let cue = view.cue_at(cue_token);
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
        used[cue_token] = true;
        out.push(Statement {
            subject: speaker,
            predicate,
            object: None,
            targets: view.entities_in(quote, speaker),
            sentence,
            evidence: quote.cover(speaker_span).cover(cue_span),
            cue: cue_span,
            quote: Some(quote),
            cameo: cue.and_then(|c| c.cameo.clone()).or_else(|| Some("010".to_owned())),
            polarity: Polarity::Asserted,
            rule,
            confidence,
        });
    }
}

type Attribution = (EntityId, Span, usize, StatementRule, f32);

/// After the closing mark: `, X said`, `, said X`, `, X, a spokesman for Y, told reporters`,
/// `, he said`, `, according to X`.
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
        return Some((e, view.mentions[m].span, k, StatementRule::QuoteAccordingTo, 0.85));
    }
    // ", said X" ("… lies." said Li Wen)
    if view.cue_at(k).is_some_and(|c| c.speech) {
        if let Some((e, m)) = (k + 1 < n).then(|| view.entity_at(k + 1)).flatten() {
            return Some((e, view.mentions[m].span, k, StatementRule::QuoteVerbSpeaker, 0.9));
        }
    }
    // ", X said" with anything the clause rules allow between X and the verb
    let limit = (k + 30).min(n);
    for v in k..limit {
        if doc.tokens[v].kind == TokenKind::Quote || matches!(view.text(v), "." | "!" | "?") {
            break;
        }
        if let Some(cue) = view.cue_at(v).filter(|c| c.speech) {
            if ended && cue.predicate != Predicate::Said {
                return None;
            }
            let subject = view.subject_before(v, k)?;
            let rule = if subject.pronoun { StatementRule::QuotePronoun } else { StatementRule::QuoteSpeakerVerb };
            let confidence = if subject.pronoun { 0.7 } else { 0.9 };
            return Some((subject.entity, subject.span, v, rule, confidence));
        }
    }
    None
}

/// Before the opening mark: `X said: "…"`, `X said, "…"`, `X told reporters: "…"`.
fn attribution_before(view: &View<'_>, open: usize) -> Option<Attribution> {
    let mut v = open;
    for _ in 0..3 {
        if v == 0 {
            return None;
        }
        v -= 1;
        if matches!(view.text(v), ":" | "," | "reporters" | "journalists") {
            continue;
        }
        break;
    }
    let cue = view.cue_at(v)?;
    if !cue.speech {
        return None;
    }
    let floor = view.doc.sentence_at(view.doc.tokens[v].span.start).map_or(0, |s| view.doc.sentences[s].first_token);
    let subject = view.subject_before(v, floor)?;
    Some((subject.entity, subject.span, v, StatementRule::SpeakerVerbQuote, 0.85))
}
