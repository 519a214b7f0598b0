//! What the rest of the document says about a name.
//!
//! **One type per name, by evidence.** A name the tagger calls a person in one place and an
//! organisation in another, or a person where the text treats it as a company, takes the type
//! its contexts point to. Organisation cues: a company noun before it ("security firm X",
//! "operators X"), a company's belongings after its possessive ("X's shares"), an article before
//! it and a company noun after ("a X spokesman"), "its" soon after it with no other noun between
//! ("X has cut its forecast"), "said in a statement" after it, the gazetteer's organisations,
//! and the next sentence going on with "the firm" or "the company" about the name that opened
//! this one. Person cues: an honorific or a position right before it ("Mr X", "analyst X"), an
//! age after it ("X, 45,"), "his" or "her" soon after it. Strong cues count 2, weak ones 1; a
//! name becomes an organisation when its organisation cues reach 2 and it has no person cue,
//! and a person when its strong person cues reach 2 and it has no organisation cue. "its" and
//! "the firm" count only for the subject that opens a sentence. A full person's name ("Kate
//! Lane", or any name whose last word has a strong person cue: "Mrs Lane") never becomes an
//! organisation, and a name of more than two words or ending in an organisation head never
//! becomes a person.
//!
//! **Full names at first mention.** A surname the tagger found alone ("Mehta") is the person
//! named in full where an untagged capitalised word stands right before it and is a known given
//! name or the pair is set off as a speaker or an apposition ("…," Arun Mehta, spokesman …): the
//! tagger can miss a full name after a quote and still find the surname later.
//!
//! ```
//! use newsgraph::recognize::{Recognizer, TaggerRecognizer};
//! use newsgraph::model::EntityKind;
//! let doc = newsgraph::segment::segment(
//!     "Security firm Quarzel said on Monday that hackers had stolen data. The firm said in a statement that Quarzel would tell its customers.",
//! );
//! let kinds: Vec<(&str, EntityKind)> =
//!     TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| (doc.slice(m.span), m.kind)).collect();
//! assert!(kinds.iter().all(|&(s, k)| s != "Quarzel" || k == EntityKind::Organisation), "{kinds:?}");
//! ```

use std::collections::HashMap;

use super::{token_range, Label, Tagged};
use crate::lexicon::{Gazetteer, Lexicon, TitleKind, WordSet};
use crate::model::{Document, EntityKind, TokenKind};

/// The weights of a cue.
const STRONG: u32 = 2;
const WEAK: u32 = 1;
/// How far after a name "its", "his" or "her" may stand.
const PRONOUN_WINDOW: usize = 4;
/// How many words may open a sentence before its subject ("Security firm X").
const OPENING_WORDS: usize = 3;

/// Evidence for each side, per name.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    org: u32,
    per: u32,
    /// Strong person cues alone: a position before a name ("observer X") does not make a person.
    per_strong: u32,
}

/// Gives every person or organisation name the type its contexts point to.
pub(super) fn type_names_by_context(doc: &Document, lexicon: &Lexicon, gazetteer: &Gazetteer, tagged: &mut [Tagged]) {
    let mut evidence: HashMap<&str, Evidence> = HashMap::new();
    for (n, t) in tagged.iter().enumerate() {
        if !matches!(t.label, Label::Per | Label::Org) {
            continue;
        }
        let e = evidence.entry(doc.slice(t.span)).or_default();
        let (a, b) = token_range(doc, t.span);
        e.org += organisation_cues(doc, lexicon, a, b);
        e.org += u32::from(opens_sentence_the_firm_continues(doc, lexicon, tagged, n)) * STRONG;
        if gazetteer.lookup(doc.slice(t.span)).is_some_and(|g| g.kind == EntityKind::Organisation) {
            e.org += STRONG;
        }
        let (strong, weak) = person_cues(doc, lexicon, a, b);
        e.per += strong + weak;
        e.per_strong += strong;
    }
    for t in tagged.iter_mut() {
        let Some(e) = evidence.get(doc.slice(t.span)) else {
            continue;
        };
        let (a, b) = token_range(doc, t.span);
        let last = doc.token_text(b - 1);
        // "Jeanne Gescher" after "consultancy", and "Mrs Gescher" later: a person
        let surname_of_a_person = b - a >= 2 && evidence.get(last).is_some_and(|s| s.per_strong > 0);
        let full_name = b - a >= 2 && lexicon.is_given_name(doc.token_text(a));
        // people's names are short and end in no organisation head ("Imam Khomeini International Airport")
        let organisation_name = b - a > 2 || lexicon.is_org_head(last) || lexicon.is_legal_form(last);
        if e.org >= STRONG && e.per == 0 && !full_name && !surname_of_a_person {
            t.label = Label::Org;
        } else if e.per_strong >= STRONG && e.org == 0 && !organisation_name {
            t.label = Label::Per;
        }
    }
}

/// Lower-case words only between `from` and `to` (no other noun phrase, no punctuation).
fn plain_words_between(doc: &Document, from: usize, to: usize) -> bool {
    (from..to).all(|i| {
        let w = doc.token_text(i);
        doc.tokens[i].kind == TokenKind::Word
            && w.chars().all(char::is_lowercase)
            && !matches!(w, "the" | "a" | "an" | "and" | "or" | "that" | "who")
    })
}

/// "its" (org), or "his"/"her" (person), within a few plain words after token `b`.
fn pronoun_after(doc: &Document, b: usize, pronouns: &[&str]) -> bool {
    (b..b + PRONOUN_WINDOW)
        .take_while(|&i| i < doc.tokens.len())
        .find(|&i| pronouns.contains(&doc.token_text(i)))
        .is_some_and(|i| plain_words_between(doc, b, i))
}

/// The name at token `a` is the subject that opens its sentence: at most three words before it
/// ("Security firm X"), none of them a quotation mark or a name.
fn opens_sentence(doc: &Document, a: usize) -> bool {
    doc.sentence_at(doc.tokens[a].span.start).is_some_and(|s| {
        let first = doc.sentences[s].first_token;
        a - first <= OPENING_WORDS
            && (first..a).all(|i| doc.tokens[i].kind == TokenKind::Word && (i == first || !doc.is_capitalised(i)))
    })
}

/// Organisation cues around the name at tokens `[a, b)`.
fn organisation_cues(doc: &Document, lexicon: &Lexicon, a: usize, b: usize) -> u32 {
    let before = if a > 0 { doc.token_text(a - 1) } else { "" };
    let mut score = 0;
    if lexicon.is(WordSet::CompanyNoun, before) {
        score += STRONG;
    }
    if matches!(doc.token_text(b), "'s" | "’s") && lexicon.is(WordSet::CompanyOwns, doc.token_text(b + 1)) {
        score += STRONG;
    }
    if matches!(before, "a" | "an" | "A" | "An") && lexicon.is(WordSet::CompanyAfter, doc.token_text(b)) {
        score += STRONG;
    }
    if opens_sentence(doc, a) && pronoun_after(doc, b, &["its"]) {
        score += STRONG;
    }
    if doc.phrase(b..b + 4) == "said in a statement" {
        score += WEAK;
    }
    score
}

/// Person cues around the name at tokens `[a, b)`: the strong and the weak ones.
fn person_cues(doc: &Document, lexicon: &Lexicon, a: usize, b: usize) -> (u32, u32) {
    let (mut strong, mut weak) = (0, 0);
    if a > 0 {
        match lexicon.title(doc.token_text(a - 1)) {
            Some(TitleKind::Honorific) => strong += STRONG,
            Some(TitleKind::Position(_)) => weak += WEAK,
            None => {}
        }
    }
    let age = doc.token_text(b + 1).parse::<u32>().is_ok_and(|n| (16..=110).contains(&n));
    if doc.token_text(b) == "," && age && doc.token_text(b + 2) == "," {
        strong += STRONG;
    }
    if pronoun_after(doc, b, &["his", "her"]) {
        weak += WEAK;
    }
    (strong, weak)
}

/// The name `tagged[n]` opens its sentence as its subject, and the next sentence opens with
/// "The firm", "The company" (a company word within its first three words).
fn opens_sentence_the_firm_continues(doc: &Document, lexicon: &Lexicon, tagged: &[Tagged], n: usize) -> bool {
    let t = &tagged[n];
    let Some(s) = doc.sentence_at(t.span.start) else {
        return false;
    };
    let first_of_sentence = (n == 0 || doc.sentence_at(tagged[n - 1].span.start) != Some(s))
        && opens_sentence(doc, doc.token_at_or_after(t.span.start));
    let Some(next) = doc.sentences.get(s + 1) else {
        return false;
    };
    let opening = next.first_token..next.end_token.min(next.first_token + 3);
    first_of_sentence
        && opening.clone().any(|i| matches!(doc.token_text(i), "The" | "the"))
        && opening.clone().any(|i| lexicon.is(WordSet::CompanyWord, doc.token_text(i)))
}

/// Tags the full name before a surname found alone elsewhere ("Arun Mehta" before "Mehta").
pub(super) fn find_full_names_of_surnames(
    doc: &Document,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
    tagged: &mut Vec<Tagged>,
) {
    let surnames: Vec<&str> = tagged
        .iter()
        .filter(|t| t.label == Label::Per && token_range(doc, t.span).1 - token_range(doc, t.span).0 == 1)
        .map(|t| doc.slice(t.span))
        .collect();
    if surnames.is_empty() {
        return;
    }
    let mut covered = vec![false; doc.tokens.len()];
    for t in tagged.iter() {
        let (a, b) = token_range(doc, t.span);
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let mut found = Vec::new();
    for i in 1..doc.tokens.len() {
        let given = doc.token_text(i - 1);
        let plausible = doc.is_capitalised(i - 1)
            && doc.tokens[i - 1].kind == TokenKind::Word
            && !covered[i - 1]
            && !covered[i]
            && !lexicon.is_any(
                &[
                    WordSet::Stop,
                    WordSet::TitleModifier,
                    WordSet::TitleHead,
                    WordSet::NameAdjective,
                    WordSet::Month,
                    WordSet::AmbiguousMonth,
                    WordSet::Weekday,
                ],
                given,
            )
            && lexicon.title(given).is_none()
            && gazetteer.lookup(given).is_none()
            && doc.sentence_at(doc.tokens[i - 1].span.start) == doc.sentence_at(doc.tokens[i].span.start);
        // a known given name, or a name set off as a speaker or an apposition ("…," Arun Mehta, …)
        let set_off = i >= 2
            && (doc.tokens[i - 2].kind == TokenKind::Quote || matches!(doc.token_text(i - 2), "," | "said" | "says"))
            && matches!(doc.token_text(i + 1), "," | "said" | "says" | "told" | "added");
        if plausible && (set_off || lexicon.is_given_name(given)) && surnames.contains(&doc.token_text(i)) {
            found.push(Tagged {
                span: doc.tokens[i - 1].span.cover(doc.tokens[i].span),
                label: Label::Per,
                score: 0.8,
            });
        }
    }
    if !found.is_empty() {
        tagged.extend(found);
        tagged.sort_by_key(|t| t.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn tagged_by_hand(text: &str, spans: &[(&str, usize, Label)]) -> (Document, Vec<Tagged>) {
        let doc = crate::segment::segment(text);
        let tagged = spans
            .iter()
            .map(|&(s, nth, label)| {
                let start = text.match_indices(s).nth(nth).expect("span in text").0;
                Tagged { span: Span::new(start, start + s.len()), label, score: 0.9 }
            })
            .collect();
        (doc, tagged)
    }

    fn labels(doc: &Document, tagged: &[Tagged]) -> Vec<(String, Label)> {
        tagged.iter().map(|t| (doc.slice(t.span).to_owned(), t.label)).collect()
    }

    fn typed(text: &str, spans: &[(&str, usize, Label)]) -> Vec<(String, Label)> {
        let (doc, mut tagged) = tagged_by_hand(text, spans);
        let lexicon = Lexicon::builtin();
        type_names_by_context(&doc, &lexicon, &Gazetteer::new(&lexicon), &mut tagged);
        labels(&doc, &tagged)
    }

    #[test]
    fn a_name_the_text_treats_as_a_company_is_an_organisation() {
        let text = "Security firm Quarzel found the flaw. The firm said Quarzel would warn its customers.";
        let got = typed(text, &[("Quarzel", 0, Label::Per), ("Quarzel", 1, Label::Per)]);
        assert_eq!(got, [("Quarzel".to_owned(), Label::Org), ("Quarzel".to_owned(), Label::Org)]);
        let text = "Trelawn said profits rose. Trelawn's shares fell and a Trelawn spokesman declined to comment.";
        let got = typed(text, &[("Trelawn", 0, Label::Per), ("Trelawn", 1, Label::Per), ("Trelawn", 2, Label::Org)]);
        assert!(got.iter().all(|(_, l)| *l == Label::Org), "{got:?}");
    }

    #[test]
    fn person_cues_keep_a_person_and_one_weak_cue_changes_nothing() {
        // "Mr" and "his" speak for a person: the company noun before the other mention does not win
        let text = "Mr Dunmore left. The firm Dunmore founded has cut his pay.";
        let got = typed(text, &[("Dunmore", 0, Label::Per), ("Dunmore", 1, Label::Per)]);
        assert!(got.iter().all(|(_, l)| *l == Label::Per), "{got:?}");
        let text = "Selwyn said in a statement that talks would go on.";
        assert_eq!(typed(text, &[("Selwyn", 0, Label::Per)]), [("Selwyn".to_owned(), Label::Per)]);
        // a full person's name stays a person
        let text = "Analyst Kate Lane said in a statement that its rivals had gained.";
        assert_eq!(typed(text, &[("Kate Lane", 0, Label::Per)]), [("Kate Lane".to_owned(), Label::Per)]);
    }

    #[test]
    fn cues_in_the_wrong_place_change_nothing() {
        // "its" after an object, "The company" after a quoted source, a price list's numbers
        let text = "The label has Dara Quell on its roster. \"Sales rose,\" said Tomas Ferrer, an analyst. The company agreed.";
        let spans = [("Dara Quell", 0, Label::Per), ("Tomas Ferrer", 0, Label::Per)];
        assert!(typed(text, &spans).iter().all(|(_, l)| *l == Label::Per));
        let text = "Models are the 147, Sportline, 166, and Imam Veldt International Airport is closed.";
        let spans = [("Sportline", 0, Label::Org), ("Veldt International Airport", 0, Label::Org)];
        assert!(typed(text, &spans).iter().all(|(_, l)| *l == Label::Org));
        // the surname of a person named with "Mrs" keeps the full name a person
        let text = "The founder of the consultancy Jana Marek agreed. Mrs Marek said so.";
        let got = typed(text, &[("Jana Marek", 0, Label::Per), ("Marek", 1, Label::Per)]);
        assert!(got.iter().all(|(_, l)| *l == Label::Per), "{got:?}");
    }

    #[test]
    fn a_position_before_an_organisation_does_not_make_a_person() {
        let text = "The party joined as observer Liberal Forum and later as member Liberal Forum.";
        let got = typed(text, &[("Liberal Forum", 0, Label::Org), ("Liberal Forum", 1, Label::Org)]);
        assert!(got.iter().all(|(_, l)| *l == Label::Org), "{got:?}");
    }

    #[test]
    fn an_organisation_with_a_person_cue_is_a_person() {
        let text = "Mr Okafor, 52, said the deal was done. Okafor left.";
        let got = typed(text, &[("Okafor", 0, Label::Org), ("Okafor", 1, Label::Org)]);
        assert!(got.iter().all(|(_, l)| *l == Label::Per), "{got:?}");
    }

    #[test]
    fn a_surname_found_alone_marks_the_full_name_before_it() {
        let text = "\"We will not yield,\" Arjun Mehra, spokesman with the defence ministry, told reporters. Mehra said talks would go on.";
        let (doc, mut tagged) = tagged_by_hand(text, &[("Mehra", 1, Label::Per)]);
        let lexicon = Lexicon::builtin();
        find_full_names_of_surnames(&doc, &lexicon, &Gazetteer::new(&lexicon), &mut tagged);
        assert_eq!(labels(&doc, &tagged), [("Arjun Mehra".to_owned(), Label::Per), ("Mehra".to_owned(), Label::Per)]);
        // a title, a sentence opener or a word that is no given name and not set off is no first name
        let text = "Minister Mehra spoke. However Mehra left. In June Mehra left. Big Mehra won. Mehra said so.";
        let (doc, mut tagged) = tagged_by_hand(text, &[("Mehra", 4, Label::Per)]);
        find_full_names_of_surnames(&doc, &lexicon, &Gazetteer::new(&lexicon), &mut tagged);
        assert_eq!(labels(&doc, &tagged), [("Mehra".to_owned(), Label::Per)]);
    }
}
