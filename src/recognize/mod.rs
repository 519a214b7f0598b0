//! Recognition: [`Document`] → typed [`Mention`]s.
//!
//! [`Recognizer`] is the seam, with two implementations: the rule and gazetteer recogniser
//! ([`RuleRecognizer`]) and the trained tagger ([`TaggerRecognizer`], in [`tagger`], the
//! pipeline's default).
//!
//! ```
//! use newsgraph::recognize::{Recognizer, RuleRecognizer};
//! use newsgraph::model::EntityKind;
//! let doc = newsgraph::segment::segment("French President Emmanuel Macron met officials of the IAEA.");
//! let mentions = RuleRecognizer::new().recognize(&doc);
//! let found: Vec<(&str, EntityKind)> = mentions.iter().map(|m| (doc.slice(m.span), m.kind)).collect();
//! assert_eq!(found, [
//!     ("French", EntityKind::Country),
//!     ("Emmanuel Macron", EntityKind::Person),
//!     ("IAEA", EntityKind::Organisation),
//! ]);
//! ```

mod institutions;
mod lineups;
mod rules;
pub mod tagger;
mod tickers;
mod words;
mod works;

use std::sync::Arc;

use crate::lexicon::{Gazetteer, Lexicon};
use crate::model::{Document, Mention};

pub use institutions::institutions;
pub use tagger::TaggerRecognizer;

/// Finds entity mentions in a document.
pub trait Recognizer: Send + Sync {
    /// Mentions in text order, without overlaps.
    fn recognize(&self, doc: &Document) -> Vec<Mention>;
}

/// The longest mention, in characters, that can name an entity. A longer one is a run of text
/// with no sentence in it (a URL, an encoded blob, a scraped token of 200,000 letters), not a name.
pub const MAX_MENTION_CHARS: usize = 200;

/// Drops the mentions longer than [`MAX_MENTION_CHARS`]; both recognisers end with it.
fn drop_overlong(doc: &Document, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| m.span.len() <= MAX_MENTION_CHARS || doc.slice(m.span).chars().count() <= MAX_MENTION_CHARS);
}

/// The rule and gazetteer recogniser.
#[derive(Debug, Clone)]
pub struct RuleRecognizer {
    lexicon: Arc<Lexicon>,
    gazetteer: Gazetteer,
}

impl RuleRecognizer {
    /// A recogniser over the built-in lexicon.
    pub fn new() -> Self {
        RuleRecognizer::with_lexicon(Lexicon::builtin())
    }

    /// A recogniser over the given lexicon.
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        let gazetteer = Gazetteer::new(&lexicon);
        RuleRecognizer { lexicon, gazetteer }
    }
}

impl Default for RuleRecognizer {
    fn default() -> Self {
        RuleRecognizer::new()
    }
}

impl Recognizer for RuleRecognizer {
    fn recognize(&self, doc: &Document) -> Vec<Mention> {
        let mut mentions = rules::recognize(doc, &self.lexicon, &self.gazetteer);
        tickers::name_before_tickers(doc, &self.lexicon, &mut mentions);
        drop_overlong(doc, &mut mentions);
        mentions
    }
}

/// The names and kinds the built-in tagger finds in `text`, for the tests of its passes.
#[cfg(test)]
fn tagger_found(text: &str) -> Vec<(String, crate::model::EntityKind)> {
    let doc = crate::segment::segment(text);
    TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| (doc.slice(m.span).to_owned(), m.kind)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind::{Country, Organisation, Person, Place};
    use crate::model::{EntityKind, MentionForm};

    fn found(text: &str) -> Vec<(String, EntityKind)> {
        let doc = crate::segment::segment(text);
        RuleRecognizer::new().recognize(&doc).iter().map(|m| (doc.slice(m.span).to_owned(), m.kind)).collect()
    }

    fn pairs(expected: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        expected.iter().map(|(s, k)| ((*s).to_owned(), *k)).collect()
    }

    #[test]
    fn recognize_titles_mark_people_and_are_not_part_of_the_name() {
        assert_eq!(
            found("Foreign Minister Margus Tamm met Mr. Orlov and spokesman Dmitry Peskov."),
            pairs(&[("Margus Tamm", Person), ("Orlov", Person), ("Dmitry Peskov", Person)])
        );
    }

    #[test]
    fn recognize_title_set_off_by_a_comma() {
        assert_eq!(
            found("The firm, whose chief executive, Anouk de Vries, spoke."),
            pairs(&[("Anouk de Vries", Person)])
        );
    }

    #[test]
    fn recognize_title_and_comma_before_a_reporting_source() {
        assert!(found("It was decided by the minister, Kommersant reported.").is_empty());
    }

    #[test]
    fn recognize_organisation_heads_and_legal_forms() {
        assert_eq!(
            found("Officials at the Estonian Foreign Ministry and Northwind Energy Ltd agreed."),
            pairs(&[("Estonian Foreign Ministry", Organisation), ("Northwind Energy Ltd", Organisation)])
        );
        assert_eq!(found("He studied at the University of Tartu."), pairs(&[("University of Tartu", Organisation)]));
    }

    #[test]
    fn recognize_countries_demonyms_and_capitals() {
        let doc = crate::segment::segment("French and U.S. officials met in Nairobi.");
        let mentions = RuleRecognizer::new().recognize(&doc);
        let got: Vec<(&str, EntityKind, MentionForm, Option<&str>)> =
            mentions.iter().map(|m| (doc.slice(m.span), m.kind, m.form, m.gazetteer_key.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("French", Country, MentionForm::Demonym, Some("country:FRA")),
                ("U.S.", Country, MentionForm::Name, Some("country:USA")),
                ("Nairobi", Place, MentionForm::Name, Some("capital:KEN")),
            ]
        );
    }

    #[test]
    fn recognize_acronym_defined_in_parentheses_and_reused() {
        assert_eq!(
            found("The Office of Gas and Electricity Markets (Ofgem) fined it. Ofgem said so."),
            pairs(&[
                ("Office of Gas and Electricity Markets", Organisation),
                ("Ofgem", Organisation),
                ("Ofgem", Organisation)
            ])
        );
    }

    #[test]
    fn recognize_surname_after_full_name() {
        assert_eq!(
            found("Kadri Saar, a spokeswoman, spoke. Later Saar left."),
            pairs(&[("Kadri Saar", Person), ("Saar", Person)])
        );
    }

    #[test]
    fn recognize_dateline_place_and_no_sentence_initial_junk() {
        assert_eq!(
            found("TARTU, March 3 (Wire) - The talks failed. However, Estonia said no."),
            pairs(&[("TARTU", Place), ("Estonia", Country)])
        );
    }

    #[test]
    fn recognize_acronym_opening_a_paragraph_is_not_a_dateline() {
        assert_eq!(found("NATO, the alliance, said no."), pairs(&[("NATO", Organisation)]));
        assert_eq!(found("LISBON, Jan 14 (Wire) - Talks."), pairs(&[("LISBON", Place)]));
    }

    #[test]
    fn recognize_organisation_name_does_not_swallow_the_sentence_start() {
        assert_eq!(found("Shares of Northwind Energy Ltd fell."), pairs(&[("Northwind Energy Ltd", Organisation)]));
    }

    #[test]
    fn recognize_skips_boilerplate_lines() {
        assert_eq!(
            found(
                "Estonia said no.\nReporting by Jane Doe; Editing by John Smith\nBy Mary Major\nFollow us on Twitter"
            ),
            pairs(&[("Estonia", Country)])
        );
    }

    #[test]
    fn recognize_title_case_headline_trusts_only_the_gazetteer() {
        assert_eq!(
            found("Estonia Accuses Russia Of Jamming Civilian Flights Over Baltic"),
            pairs(&[("Estonia", Country), ("Russia", Country)])
        );
    }
}
