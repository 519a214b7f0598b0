//! News conventions on top of the tagger, as passes over the tagged spans of a document, in
//! order: a nationality before an organisation is part of its name ("Estonian Foreign
//! Ministry"); no news agency in a dateline ("TALLINN, March 3 (Wire) -"), no leading "The" in
//! an organisation's name and no title in a person's name ("Defence Secretary Miguel Reyes" →
//! "Miguel Reyes"); two organisations around "and" that one acronym names are one ("Office of
//! Gas and Electricity Markets (Ofgem)"); and one type per name in a document: an acronym
//! defined in parentheses after a name ("Movement for the Left (MpS)") is of that name's kind
//! wherever the document uses it, a single word that ends a person's full name is that person
//! ("Alemu" after "Mr Tesfaye Alemu"), one that starts an organisation's name is that
//! organisation ("Northwind" after "Northwind Energy") unless the gazetteer knows it as a
//! country or place ("U.S." after "U.S. Agriculture Department"), and the same name elsewhere
//! takes its majority type.
//!
//! ```
//! use newsgraph::recognize::{Recognizer, TaggerRecognizer};
//! let doc = newsgraph::segment::segment("Defence Secretary Miguel Reyes spoke. Reyes left.");
//! let names: Vec<&str> = TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| doc.slice(m.span)).collect();
//! assert_eq!(names, ["Miguel Reyes", "Reyes"]);
//! ```

use std::collections::HashMap;

use super::{context, firms, titles, token_range, Label, Tagged};
use crate::lexicon::{Gazetteer, Lexicon};
use crate::model::{Document, EntityKind, Span, TokenKind};

/// Applies the passes, in order.
pub(super) fn tidy(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer, tagged: &mut Vec<Tagged>) {
    merge_nationality_and_organisation(doc, tagged);
    trim_datelines_articles_and_titles(doc, lexicon, tagged);
    titles::drop_titles(doc, lexicon, gazetteer, tagged);
    firms::split_place_before_demonym(doc, lexicon, gazetteer, tagged);
    firms::join_firm_names(doc, lexicon, gazetteer, tagged);
    join_organisations_one_acronym_names(doc, gazetteer, tagged);
    context::find_full_names_of_surnames(doc, lexicon, gazetteer, tagged);
    type_acronyms_by_their_definition(doc, gazetteer, tagged);
    context::type_names_by_context(doc, lexicon, gazetteer, tagged);
    type_single_words_by_longer_names(doc, gazetteer, tagged);
    type_names_by_majority(doc, tagged);
}

/// A short name could be an acronym: "IAEA", "Ofgem", "MpS".
fn is_acronym(doc: &Document, i: usize) -> bool {
    let w = doc.token_text(i);
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().count() <= 8
}

/// A name ending before token `end` is followed by an acronym in parentheses.
fn defines_acronym(doc: &Document, end: usize) -> bool {
    doc.token_text(end) == "(" && doc.token_text(end + 2) == ")" && is_acronym(doc, end + 1)
}

/// "Estonian Foreign Ministry": CoNLL tags a nationality and an organisation; news readers
/// (and the resolver) want the one organisation.
fn merge_nationality_and_organisation(doc: &Document, tagged: &mut Vec<Tagged>) {
    let mut merged: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for t in tagged.drain(..) {
        if let Some(prev) = merged.last_mut() {
            let adjacent = token_range(doc, prev.span).1 == token_range(doc, t.span).0;
            if prev.label == Label::Misc && t.label == Label::Org && adjacent {
                prev.span = prev.span.cover(t.span);
                prev.label = Label::Org;
                prev.score = prev.score.min(t.score);
                continue;
            }
        }
        merged.push(t);
    }
    *tagged = merged;
}

/// Drops the news agency of a dateline ("TALLINN, March 3 (Wire) -": a short line start with
/// a comma before the parenthesis), and cuts a leading "The" off an organisation's name and
/// titles off a person's name.
fn trim_datelines_articles_and_titles(doc: &Document, lexicon: &Lexicon, tagged: &mut Vec<Tagged>) {
    tagged.retain_mut(|t| {
        let (mut a, b) = token_range(doc, t.span);
        let line_start = doc.text[..t.span.start].rfind('\n').map_or(0, |i| i + 1);
        let before = &doc.text[line_start..t.span.start];
        if a > 0
            && doc.token_text(a - 1) == "("
            && doc.token_text(b) == ")"
            && matches!(doc.token_text(b + 1), "-" | "–" | "—")
            && before.len() <= 60
            && before.contains(',')
        {
            return false;
        }
        loop {
            let w = doc.token_text(a);
            let title_len = (1..=lexicon.max_title_words().min(b - a - 1))
                .rev()
                .find(|&n| lexicon.title(&doc.phrase(a..a + n)).is_some());
            if b - a > 1 && matches!(w, "The" | "the" | "THE") && t.label == Label::Org {
                a += 1;
            } else if let (Some(n), Label::Per) = (title_len, t.label) {
                a += n;
            } else {
                break;
            }
        }
        t.span = Span::new(doc.tokens[a].span.start, t.span.end);
        true
    });
}

/// "Office of Gas and Electricity Markets (Ofgem)": two organisations around "and" that one
/// acronym names, starting with the first one's letter, are one organisation.
fn join_organisations_one_acronym_names(doc: &Document, gazetteer: &Gazetteer, tagged: &mut Vec<Tagged>) {
    let mut joined: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for t in tagged.drain(..) {
        if let Some(prev) = joined.last_mut() {
            let (pa, pb) = token_range(doc, prev.span);
            let (ta, tb) = token_range(doc, t.span);
            // the acronym takes, in order, the initials of at least three capitalised words of
            // the joined name ("OFGEM": Office, Gas, Electricity, Markets), and neither name is a
            // known organisation ("Microsoft and Meta (META)" stay two)
            let acronym_of_both = || {
                let acronym = doc.token_text(tb + 1).to_lowercase();
                let initials: Vec<char> = (pa..tb)
                    .filter_map(|i| doc.token_text(i).chars().next().filter(|c| c.is_uppercase()))
                    .flat_map(char::to_lowercase)
                    .collect();
                let mut rest = acronym.chars();
                initials.len() >= 3 && initials.iter().all(|c| rest.any(|a| a == *c))
            };
            let known = |span| gazetteer.lookup(doc.slice(span)).is_some();
            if prev.label == Label::Org
                && t.label == Label::Org
                && ta == pb + 1
                && matches!(doc.token_text(pb), "and" | "&")
                && defines_acronym(doc, tb)
                && acronym_of_both()
                && !known(prev.span)
                && !known(t.span)
            {
                prev.span = prev.span.cover(t.span);
                prev.score = prev.score.min(t.score);
                continue;
            }
        }
        joined.push(t);
    }
    *tagged = joined;
}

/// An acronym defined in parentheses after a name ("Movement for the Left (MpS)") is that
/// name's kind, there and wherever else the document uses it.
fn type_acronyms_by_their_definition(doc: &Document, gazetteer: &Gazetteer, tagged: &mut Vec<Tagged>) {
    let mut covered = vec![false; doc.tokens.len()];
    for t in tagged.iter() {
        let (a, b) = token_range(doc, t.span);
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let mut acronyms: HashMap<&str, Label> = HashMap::new();
    let single_token = |i: usize| doc.tokens.get(i).is_some_and(|tok| tagged.iter().any(|t| t.span == tok.span));
    for t in tagged.iter() {
        let (_, b) = token_range(doc, t.span);
        let known_place =
            || gazetteer.lookup(doc.token_text(b + 1)).is_some_and(|e| e.kind != EntityKind::Organisation);
        // the acronym may be untagged, or tagged alone with another type ("Ofgem" as a place)
        let free = || !covered.get(b + 1).copied().unwrap_or(true) || single_token(b + 1);
        if matches!(t.label, Label::Org | Label::Loc) && defines_acronym(doc, b) && free() && !known_place() {
            acronyms.entry(doc.token_text(b + 1)).or_insert(t.label);
        }
    }
    if acronyms.is_empty() {
        return;
    }
    for (i, _) in covered.iter().enumerate().filter(|&(_, &c)| !c) {
        if let Some(&label) = acronyms.get(doc.token_text(i)) {
            tagged.push(Tagged { span: doc.tokens[i].span, label, score: 0.9 });
        }
    }
    for t in tagged.iter_mut() {
        if let Some(&label) = acronyms.get(doc.slice(t.span)) {
            t.label = label;
        }
    }
    tagged.sort_by_key(|t| t.span);
}

/// Single words standing for a longer name of the document: the last word of a person's name
/// is that person, the first word of an organisation's name that organisation (unless the
/// gazetteer knows the word as a country or place).
fn type_single_words_by_longer_names(doc: &Document, gazetteer: &Gazetteer, tagged: &mut [Tagged]) {
    let mut word_label: HashMap<&str, Label> = HashMap::new();
    for t in tagged.iter() {
        let (a, b) = token_range(doc, t.span);
        if b - a < 2 {
            continue;
        }
        match t.label {
            Label::Per => {
                word_label.entry(doc.token_text(b - 1)).or_insert(Label::Per);
            }
            Label::Org => {
                word_label.entry(doc.token_text(a)).or_insert(Label::Org);
            }
            _ => {}
        }
    }
    for t in tagged.iter_mut() {
        let (a, b) = token_range(doc, t.span);
        let known_place = || gazetteer.lookup(doc.token_text(a)).is_some_and(|e| e.kind != EntityKind::Organisation);
        if b - a == 1 && t.label != Label::Misc && !known_place() {
            if let Some(&l) = word_label.get(doc.token_text(a)) {
                t.label = l;
            }
        }
    }
}

/// The majority type of each surface form (ties: the first seen).
fn type_names_by_majority(doc: &Document, tagged: &mut [Tagged]) {
    let mut votes: HashMap<&str, Vec<(Label, f32)>> = HashMap::new();
    for t in tagged.iter() {
        let v = votes.entry(doc.slice(t.span)).or_default();
        match v.iter_mut().find(|(l, _)| *l == t.label) {
            Some(entry) => entry.1 += 1.0,
            None => v.push((t.label, 1.0)),
        }
    }
    for t in tagged.iter_mut() {
        let v = &votes[doc.slice(t.span)];
        let best = v.iter().fold(v[0], |best, &x| if x.1 > best.1 { x } else { best });
        t.label = best.0;
    }
}
