//! Titles are never entities. A person's span loses the title before the name with the words
//! that belong to it: modifiers ("Shadow Foreign Secretary", "Acting Chief Constable") and
//! portfolios ("Trade and Industry Secretary", "Pensions Secretary"); a person's span that is
//! all title ("Industry Secretary", "The Foreign Secretary") is dropped, keeping an acronym
//! before it as the organisation ("NUJ General Secretary" → "NUJ"). An organisation's span made
//! of title words ("Shadow" before "Home Secretary", "Shadow Treasury" before "chief
//! secretary") is dropped, and one that a title ends loses it ("Scottish National Party Justice
//! Minister" → "Scottish National Party").
//!
//! ```
//! use newsgraph::recognize::{Recognizer, TaggerRecognizer};
//! let doc = newsgraph::segment::segment("Shadow Home Secretary Yvette Cooper said the plan had failed.");
//! let names: Vec<&str> = TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| doc.slice(m.span)).collect();
//! assert_eq!(names, ["Yvette Cooper"]);
//! ```

use super::{token_range, Label, Tagged};
use crate::lexicon::{Gazetteer, Lexicon, WordSet};
use crate::model::{Document, EntityKind, Span};

/// The most portfolio words before a title's head ("Trade and Industry Secretary": three).
const MAX_PORTFOLIO_WORDS: usize = 4;

/// Applies the rules above to every person and organisation span.
pub(super) fn drop_titles(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer, tagged: &mut Vec<Tagged>) {
    let mut out: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for mut t in tagged.drain(..) {
        let (a, b) = token_range(doc, t.span);
        match t.label {
            Label::Per => {
                let n = title_len(doc, lexicon, a, b);
                if n == 0 {
                    out.push(t);
                } else if n < b - a {
                    t.span = Span::new(doc.tokens[a + n].span.start, t.span.end);
                    out.push(t);
                } else if b - a > 1 || lexicon.is(WordSet::TitleHead, doc.token_text(a)) {
                    // all title: keep an acronym or known organisation before the title
                    let rest = title_len(doc, lexicon, a + 1, b);
                    if b - a > 1 && rest == b - a - 1 && is_organisation_word(doc, gazetteer, a) {
                        out.push(Tagged { span: doc.tokens[a].span, label: Label::Org, ..t });
                    }
                } else {
                    out.push(t);
                }
            }
            Label::Org => {
                if let Some(end) = organisation_without_title(doc, lexicon, a, b) {
                    t.span = Span::new(t.span.start, doc.tokens[end - 1].span.end);
                    out.push(t);
                }
            }
            _ => out.push(t),
        }
    }
    *tagged = out;
}

/// How many tokens from `a` (before `b`) form a title: modifiers, then a title of `titles.csv`
/// or portfolio words ending in a title head. A given name alone is no portfolio ("John
/// Chancellor").
fn title_len(doc: &Document, lexicon: &Lexicon, a: usize, b: usize) -> usize {
    let mut i = a;
    while i < b && lexicon.is(WordSet::TitleModifier, doc.token_text(i)) {
        i += 1;
    }
    if let Some(n) =
        (1..=lexicon.max_title_words().min(b - i)).rev().find(|&n| lexicon.title(&doc.phrase(i..i + n)).is_some())
    {
        return i + n - a;
    }
    for j in i..b.min(i + MAX_PORTFOLIO_WORDS + 1) {
        if lexicon.is(WordSet::TitleHead, doc.token_text(j)) {
            // a given name alone before the head is a name ("John Chancellor")
            let given_name = j == i + 1 && lexicon.is_given_name(doc.token_text(i));
            return if given_name { 0 } else { j + 1 - a };
        }
        if !(doc.is_capitalised(j) || doc.token_text(j) == "and") {
            break;
        }
    }
    0
}

/// An acronym ("NUJ") or a name the gazetteer knows as an organisation.
fn is_organisation_word(doc: &Document, gazetteer: &Gazetteer, i: usize) -> bool {
    let w = doc.token_text(i);
    let acronym = w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    acronym || gazetteer.lookup(w).is_some_and(|e| e.kind == EntityKind::Organisation)
}

/// The end of organisation span `[a, b)` once title words are gone, or `None` when nothing is
/// left: a span of modifiers, or one that starts with a modifier before a title ("Shadow
/// Treasury chief secretary"), is none; a title head that ends it is cut back to the last
/// organisation head before it, unless the title is part of the name ("Office of the Prime
/// Minister").
fn organisation_without_title(doc: &Document, lexicon: &Lexicon, a: usize, b: usize) -> Option<usize> {
    let modifier = |i: usize| lexicon.is(WordSet::TitleModifier, doc.token_text(i));
    if (a..b).all(modifier) {
        return None;
    }
    let title_after = || {
        (1..=2).any(|n| lexicon.title(&doc.phrase(b..b + n)).is_some())
            || lexicon.is(WordSet::TitleHead, doc.token_text(b))
    };
    if modifier(a) && title_after() {
        return None;
    }
    if !lexicon.is(WordSet::TitleHead, doc.token_text(b - 1))
        || (a..b).any(|i| matches!(doc.token_text(i), "of" | "the"))
    {
        return Some(b);
    }
    (a + 1..b - 1).rev().find(|&j| lexicon.is_org_head(doc.token_text(j))).map(|j| j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::{owned_labels as owned, run_pass};

    fn run(text: &str, spans: &[(&str, Label)]) -> Vec<(String, Label)> {
        run_pass(text, spans, drop_titles)
    }

    #[test]
    fn titles_with_modifiers_and_portfolios_leave_the_name() {
        let text = "Shadow Foreign Secretary Alan Pryce met Trade and Industry Secretary Ruth Kell.";
        let got = run(
            text,
            &[("Shadow Foreign Secretary Alan Pryce", Label::Per), ("Industry Secretary Ruth Kell", Label::Per)],
        );
        assert_eq!(got, owned(&[("Alan Pryce", Label::Per), ("Ruth Kell", Label::Per)]));
        let text = "Acting Detective Chief Superintendent Tom Venn spoke.";
        assert_eq!(
            run(text, &[("Acting Detective Chief Superintendent Tom Venn", Label::Per)]),
            owned(&[("Tom Venn", Label::Per)])
        );
    }

    #[test]
    fn titles_alone_are_no_person() {
        let text = "The Foreign Secretary and the Pensions Secretary met, said Jo Dale, NUJ General Secretary.";
        let got = run(
            text,
            &[
                ("The Foreign Secretary", Label::Per),
                ("Pensions Secretary", Label::Per),
                ("Jo Dale", Label::Per),
                ("NUJ General Secretary", Label::Per),
            ],
        );
        assert_eq!(got, owned(&[("Jo Dale", Label::Per), ("NUJ", Label::Org)]));
        // a given name is no portfolio, and a surname like a title stays a name
        let spans = [("John Chancellor", Label::Per), ("Major", Label::Per)];
        assert_eq!(run("John Chancellor interviewed Major on Friday.", &spans), owned(&spans));
    }

    #[test]
    fn title_modifiers_are_no_organisation() {
        let text = "Shadow Home Secretary Yvette Marr and Shadow Treasury chief secretary Al Penn spoke.";
        let got = run(
            text,
            &[
                ("Shadow", Label::Org),
                ("Home Secretary Yvette Marr", Label::Per),
                ("Shadow Treasury", Label::Org),
                ("Al Penn", Label::Per),
            ],
        );
        assert_eq!(got, owned(&[("Yvette Marr", Label::Per), ("Al Penn", Label::Per)]));
    }

    #[test]
    fn a_title_ending_an_organisation_is_cut_off() {
        let text = "Scottish National Party Justice Minister Ken Bain spoke to the Office of the Prime Minister.";
        let got = run(
            text,
            &[
                ("Scottish National Party Justice Minister", Label::Org),
                ("Ken Bain", Label::Per),
                ("Office of the Prime Minister", Label::Org),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Scottish National Party", Label::Org),
                ("Ken Bain", Label::Per),
                ("Office of the Prime Minister", Label::Org)
            ])
        );
    }
}
