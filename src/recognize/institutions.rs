//! Lower-case state bodies bound to a country: "India's defence ministry", "the Indian army",
//! "the US treasury", "the Indian ministry of home affairs", "the foreign ministry of Japan".
//! They name an organisation that is part of the country, although they are no proper names,
//! so the recognisers (scored against gold that annotates names only) leave them out and the
//! pipeline adds them after recognition, as organisation mentions of the form
//! [`MentionForm::Description`]. The resolver binds each to its country.
//!
//! The words are data: the heads are `government_head` of `gazetteer/words.csv` (not the
//! `state_noun`s: "the Indian government" is the country acting, as the statement rules read
//! it), the domain words before a head or after its "of" are `institution_domain`, and the
//! heads that need no domain word are `institution_alone` ("the Indian army", but not "India's
//! ministry"; not "military", an adjective as often as a noun: "the Chilean military ruler").
//!
//! A description with no country next to it ("the defence ministry") is kept when a domain
//! word makes it specific; the resolver joins it to its country's body when that is not
//! ambiguous and leaves it unresolved otherwise.
//!
//! ```
//! use newsgraph::recognize::{institutions, Recognizer, RuleRecognizer};
//! let doc = newsgraph::segment::segment("India's defence ministry said so.");
//! let mentions = RuleRecognizer::new().recognize(&doc);
//! let found = institutions(&doc, &newsgraph::lexicon::Lexicon::builtin(), &mentions);
//! assert_eq!(doc.slice(found[0].span), "defence ministry");
//! ```

use crate::lexicon::{Lexicon, WordSet};
use crate::model::{Document, EntityKind, Mention, MentionForm, MentionRule, Span, TokenKind};

/// The lower-case state bodies of `doc` that no mention of `mentions` (sorted, not
/// overlapping) covers, in text order.
pub fn institutions(doc: &Document, lexicon: &Lexicon, mentions: &[Mention]) -> Vec<Mention> {
    let n = doc.tokens.len();
    let covered = |t: usize| mentions.iter().any(|m| m.span.overlaps(doc.tokens[t].span));
    let lower = |t: usize| {
        doc.tokens.get(t).is_some_and(|tok| tok.kind == TokenKind::Word)
            && doc.token_text(t).chars().all(|c| c.is_lowercase())
    };
    let domain = |t: usize| lower(t) && lexicon.is(WordSet::InstitutionDomain, doc.token_text(t)) && !covered(t);
    let mut out: Vec<Mention> = Vec::new();
    let mut free_from = 0;
    for h in 0..n {
        let head = doc.token_text(h);
        if h < free_from
            || !lower(h)
            || !lexicon.is(WordSet::GovernmentHead, head)
            || lexicon.is(WordSet::StateNoun, head)
            || covered(h)
        {
            continue;
        }
        let mut s = h;
        while s > free_from && domain(s - 1) {
            s -= 1;
        }
        // "ministry of home affairs"; not a party's ("the party of tax rises"), nor domain words
        // that modify a plural noun after them ("the council of economic advisers")
        let mut e = h + 1;
        if doc.token_text(e) == "of" && !lexicon.is(WordSet::ShortFormDrop, head) {
            let k = (e + 1..n).find(|&k| !domain(k)).unwrap_or(n);
            let next = doc.token_text(k);
            let plural_noun = lower(k) && next.ends_with('s') && !lexicon.is(WordSet::NotModifier, next);
            if k > e + 1 && !plural_noun {
                e = k;
            }
        }
        let specific = s < h || e > h + 1;
        if !specific && !lexicon.is(WordSet::InstitutionAlone, head) {
            continue;
        }
        let span = Span::new(doc.tokens[s].span.start, doc.tokens[e - 1].span.end);
        let bare = s > 0 && matches!(doc.token_text(s - 1), "the" | "The");
        if !(bound(doc, mentions, span) || (bare && specific)) {
            continue;
        }
        free_from = e;
        out.push(Mention {
            span,
            kind: EntityKind::Organisation,
            form: MentionForm::Description,
            score: 1.0,
            rule: MentionRule::Institution,
            gazetteer_key: None,
        });
    }
    out
}

/// True when a country mention stands right before `span` (its possessive, its demonym or its
/// name: "India's", "Indian", "the US") or right after it, after "of".
fn bound(doc: &Document, mentions: &[Mention], span: Span) -> bool {
    let gap = |a: usize, b: usize| doc.text.get(a..b).unwrap_or("");
    let before = mentions.iter().rev().find(|m| m.span.end <= span.start);
    let after = mentions.iter().find(|m| m.span.start >= span.end);
    before.is_some_and(|m| m.kind == EntityKind::Country && matches!(gap(m.span.end, span.start), " " | "'s " | "’s "))
        || after.is_some_and(|m| m.kind == EntityKind::Country && gap(span.end, m.span.start) == " of ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::{Recognizer, RuleRecognizer};

    fn found(text: &str) -> Vec<String> {
        let doc = crate::segment::segment(text);
        let mentions = RuleRecognizer::new().recognize(&doc);
        let lexicon = Lexicon::builtin();
        institutions(&doc, &lexicon, &mentions).iter().map(|m| doc.slice(m.span).to_owned()).collect()
    }

    #[test]
    fn recognize_lower_case_institutions_bound_to_a_country() {
        assert_eq!(found("Peru's defence ministry denied it."), ["defence ministry"]);
        assert_eq!(found("The Chilean interior ministry agreed."), ["interior ministry"]);
        assert_eq!(
            found("A call to the Peruvian ministry of foreign affairs went unanswered."),
            ["ministry of foreign affairs"]
        );
        assert_eq!(found("Officials said the US treasury would act."), ["treasury"]);
        assert_eq!(found("The Chilean army and the Peruvian navy met."), ["army", "navy"]);
        assert_eq!(found("A spokesman for the trade ministry of Peru spoke."), ["trade ministry"]);
    }

    #[test]
    fn recognize_lower_case_institutions_need_a_country_or_a_domain() {
        // bare, but specific: kept for the resolver to bind
        assert_eq!(found("the defence ministry spokesman said"), ["defence ministry"]);
        // no country, no domain word: no institution
        assert!(found("the army said; the ministry said; an army officer left").is_empty());
        // a head without a domain word needs one of the heads that stand alone
        assert!(found("Peru's ministry said.").is_empty());
        // the government is the country acting, not an organisation of its own
        assert!(found("The Chilean government said.").is_empty());
        // "of" and domain words belong to the name only where the noun phrase ends with them
        assert!(found("Peru's party of tax rises won.").is_empty());
        assert_eq!(found("the Peruvian council of economic advisers met"), Vec::<String>::new());
        // "military" is an adjective as often as a noun: it needs a domain word
        assert!(found("the former Chilean military ruler").is_empty());
    }
}
