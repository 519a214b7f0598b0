//! Name boundaries the tagger gets wrong on wire copy: firm names written as lists of partners
//! ("Merrill Lynch, Pierce, Fenner and Smith Inc", "Birr, Wilson and Co") are one organisation,
//! and a place that ends one clause is no part of the organisation that opens the next ("… in
//! Geneva Indian Foreign Ministry spokesman …" is "Geneva" and "Indian Foreign Ministry").
//!
//! ```
//! use newsgraph::recognize::{Recognizer, TaggerRecognizer};
//! let doc = newsgraph::segment::segment("Shares were placed by Birr, Wilson and Co on Monday.");
//! let names: Vec<&str> = TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| doc.slice(m.span)).collect();
//! assert_eq!(names, ["Birr, Wilson and Co"]);
//! ```

use super::{token_range, Label, Tagged};
use crate::lexicon::{Gazetteer, Lexicon, WordSet};
use crate::model::{Document, EntityKind, MentionForm, Span};

/// The most partners a firm's name lists, and the most words one partner has.
const MAX_PARTNERS: usize = 6;
const MAX_PARTNER_WORDS: usize = 3;

/// Joins the pieces of each firm's name into one organisation.
pub(super) fn join_firm_names(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer, tagged: &mut Vec<Tagged>) {
    for end in 0..doc.tokens.len() {
        let Some(start) = firm_start(doc, lexicon, gazetteer, end) else {
            continue;
        };
        let firm = Span::new(doc.tokens[start].span.start, doc.tokens[end].span.end);
        let parts: Vec<&Tagged> = tagged.iter().filter(|t| t.span.overlaps(firm)).collect();
        if parts.is_empty() {
            continue;
        }
        // the tagger's start wins inside the first partner ("Underwriter Bear Stearns & Co")
        let first_partner_end = (start..end).find(|&i| is_and(doc, i) || doc.token_text(i) == ",").unwrap_or(end);
        let tagged_start = parts[0].span.start;
        let firm = match doc.tokens[start..first_partner_end].iter().position(|t| t.span.start == tagged_start) {
            Some(_) => Span::new(tagged_start.max(firm.start), firm.end),
            None => firm,
        };
        let span = parts.iter().fold(firm, |s, t| s.cover(t.span));
        let score = parts.iter().fold(1.0f32, |s, t| s.min(t.score));
        tagged.retain(|t| !t.span.overlaps(span));
        tagged.push(Tagged { span, label: Label::Org, score });
        tagged.sort_by_key(|t| t.span);
    }
}

/// Is token `i` "and" or "&"?
fn is_and(doc: &Document, i: usize) -> bool {
    matches!(doc.token_text(i), "and" | "&")
}

/// The first token of the firm's name that token `end` ends, when it is one: a legal form or
/// firm word right after "and"/"&" ("Harris Upham and Co", "Edwards & Sons"), or a legal form
/// after a partner that "and"/"&" joins ("Fenner and Smith Inc"); partners before, set off by
/// commas, belong to it ("Merrill Lynch, Pierce, Fenner …").
fn firm_start(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer, end: usize) -> Option<usize> {
    let word = doc.token_text(end);
    let legal = lexicon.is_legal_form(word) && doc.is_capitalised(end);
    if end == 0 || !(legal || lexicon.is(WordSet::FirmWord, word)) {
        return None;
    }
    let mut i = end;
    let mut joined = false;
    if is_and(doc, i - 1) {
        i -= 1;
        joined = true;
    } else if !legal {
        return None;
    }
    let mut partners = 0;
    loop {
        let g = partner_start(doc, lexicon, gazetteer, i, partners == 0 && !joined)?;
        i = g;
        partners += 1;
        if !joined && g > 0 && is_and(doc, g - 1) {
            i -= 1;
            joined = true;
        } else if joined && partners < MAX_PARTNERS && g > 1 && doc.token_text(g - 1) == "," {
            // one more partner only when a name stands before the comma and is not a firm itself
            match partner_start(doc, lexicon, gazetteer, g - 1, false) {
                Some(_) => i -= 1,
                None => break,
            }
        } else {
            break;
        }
    }
    let same_sentence = doc.sentence_at(doc.tokens[i].span.start) == doc.sentence_at(doc.tokens[end].span.start);
    (joined && same_sentence).then_some(i)
}

/// The first token of a partner's name that ends before token `end`: up to three capitalised
/// words, none a stop word, a firm word, a legal form or a name the gazetteer knows (a list of
/// known firms or countries is no firm's name). The partner right before the legal form
/// (`last`) may be a firm word ("Salomon Brothers Inc").
fn partner_start(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer, end: usize, last: bool) -> Option<usize> {
    let mut g = end;
    while g > 0 && end - g < MAX_PARTNER_WORDS && doc.is_capitalised(g - 1) {
        let w = doc.token_text(g - 1);
        let firm = lexicon.is(WordSet::FirmWord, w) || lexicon.is_legal_form(w);
        if lexicon.is(WordSet::Stop, w) || (firm && !(last && g == end)) {
            break;
        }
        g -= 1;
    }
    let known = || gazetteer.lookup(&doc.text[doc.tokens[g].span.start..doc.tokens[end - 1].span.end]).is_some();
    (g < end && !known()).then_some(g)
}

/// Splits a name that a place starts and a demonym continues ("… in Geneva Indian Foreign
/// Ministry spokesman …"): the place (known, or after a locative such as "in") ends the clause
/// before, and the demonym opens the organisation. A demonym after another one, a compass word
/// or an adjective stays inside ("British American Tobacco", "North American Free Trade").
pub(super) fn split_place_before_demonym(
    doc: &Document,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
    tagged: &mut Vec<Tagged>,
) {
    let mut out: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for t in tagged.drain(..) {
        let (a, b) = token_range(doc, t.span);
        let after_locative = a > 0 && lexicon.is(WordSet::Locative, doc.token_text(a - 1));
        let split = (a + 1..b.saturating_sub(1)).take(2).find(|&k| {
            let place = doc.phrase(a..k);
            let entry = gazetteer.lookup(&place);
            let known_place = entry.is_some_and(|e| e.kind == EntityKind::Place);
            let plain = entry.is_none()
                && (a..k).all(|i| {
                    !lexicon.is_any(&[WordSet::Compass, WordSet::NameAdjective, WordSet::Stop], doc.token_text(i))
                });
            let demonym = gazetteer.lookup(doc.token_text(k)).is_some_and(|e| e.form == MentionForm::Demonym);
            demonym && (known_place || (after_locative && plain))
        });
        match split {
            Some(k) if t.label == Label::Org => {
                let place = Span::new(t.span.start, doc.tokens[k - 1].span.end);
                out.push(Tagged { span: place, label: Label::Loc, score: t.score });
                out.push(Tagged { span: Span::new(doc.tokens[k].span.start, t.span.end), ..t });
            }
            _ => out.push(t),
        }
    }
    *tagged = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::{owned_labels as owned, run_pass as run};

    #[test]
    fn firm_names_with_commas_and_and_are_one_organisation() {
        let text = "The bonds were sold by Halvorsen Bell, Pryce, Tanner and Hobb Inc, which earned fees.";
        let got = run(
            text,
            &[("Halvorsen Bell", Label::Org), ("Pryce", Label::Per), ("Tanner", Label::Per), ("Hobb Inc", Label::Org)],
            join_firm_names,
        );
        assert_eq!(got, owned(&[("Halvorsen Bell, Pryce, Tanner and Hobb Inc", Label::Org)]));
        let text = "Underwriter Bell Quint & Co Inc said so.";
        let got = run(text, &[("Bell Quint & Co Inc", Label::Org)], join_firm_names);
        assert_eq!(got, owned(&[("Bell Quint & Co Inc", Label::Org)]));
        let text = "Brokers at Quint, Marlow and Co said the stock was cheap.";
        let got = run(text, &[("Quint", Label::Loc), ("Marlow and", Label::Org)], join_firm_names);
        assert_eq!(got, owned(&[("Quint, Marlow and Co", Label::Org)]));
        let text = "Analysts at Dunmore Fisk & Sons and Pell Harrow, Wyatt and Co agreed.";
        let got = run(
            text,
            &[("Dunmore Fisk &", Label::Org), ("Pell Harrow", Label::Per), ("Wyatt and", Label::Org)],
            join_firm_names,
        );
        assert_eq!(got, owned(&[("Dunmore Fisk & Sons", Label::Org), ("Pell Harrow, Wyatt and Co", Label::Org)]));
    }

    #[test]
    fn lists_of_firms_and_people_are_not_joined() {
        // a known firm ends the list: no legal form after "and" joins it with the names before
        let text = "Bids came from Tanner, Hobb and Microsoft Corp on Friday.";
        let spans = [("Tanner", Label::Per), ("Hobb", Label::Per), ("Microsoft Corp", Label::Org)];
        assert_eq!(run(text, &spans, join_firm_names), owned(&spans));
        // a firm named by itself before the comma stays apart ("Lehman Brothers, Quint and Co")
        let text = "Advisers were Lehman Brothers, Quint, Marlow and Co and others.";
        let got = run(
            text,
            &[("Lehman Brothers", Label::Org), ("Quint", Label::Per), ("Marlow and", Label::Org)],
            join_firm_names,
        );
        assert_eq!(got, owned(&[("Lehman Brothers", Label::Org), ("Quint, Marlow and Co", Label::Org)]));
    }

    #[test]
    fn place_ending_a_clause_is_split_from_the_organisation_after_it() {
        let text = "Talks ended in Geneva Indian Foreign Ministry spokesman Raj Varma said.";
        let got = run(
            text,
            &[("Geneva Indian Foreign Ministry", Label::Org), ("Raj Varma", Label::Per)],
            split_place_before_demonym,
        );
        assert_eq!(
            got,
            owned(&[("Geneva", Label::Loc), ("Indian Foreign Ministry", Label::Org), ("Raj Varma", Label::Per)])
        );
        let spans = [("London Stock Exchange", Label::Org)];
        let got = run("Trading on the London Stock Exchange rose.", &spans, split_place_before_demonym);
        assert_eq!(got, owned(&spans));
        let spans = [("British American Tobacco", Label::Org)];
        let got = run("She worked in British American Tobacco offices.", &spans, split_place_before_demonym);
        assert_eq!(got, owned(&spans));
    }
}
