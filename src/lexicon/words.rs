//! Closed word classes the rules need (`gazetteer/words.csv`): stop words, weekdays, months,
//! name connectors, place heads, light verbs … one row per word, `set,word`.
//!
//! A word is matched as written (case-sensitive, no trimming of dots): `stop` holds the
//! Title-case forms that start sentences, `determiner` the lower-case ones. A word may belong to
//! several sets.
//!
//! ```
//! use newsgraph::lexicon::{Lexicon, WordSet};
//! let lexicon = Lexicon::builtin();
//! assert!(lexicon.is(WordSet::Weekday, "Tuesday"));
//! assert!(!lexicon.is(WordSet::Weekday, "tuesday"));
//! assert!(lexicon.is_any(&[WordSet::Passive, WordSet::Negation], "never"));
//! ```

use rustc_hash::FxHashMap as HashMap;

/// Declares [`WordSet`]: per set, its doc and one line `Variant = "name in words.csv",`.
macro_rules! word_sets {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A closed class of words, a `set` of `gazetteer/words.csv`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum WordSet {
            $($(#[$doc])* $variant,)*
        }

        impl WordSet {
            /// Every set, in declaration order.
            pub const ALL: &'static [WordSet] = &[$(WordSet::$variant,)*];

            /// Its name in the `set` column of `gazetteer/words.csv`.
            ///
            /// ```
            /// use newsgraph::lexicon::WordSet;
            /// assert_eq!(WordSet::LightVerb.name(), "light_verb");
            /// ```
            pub fn name(self) -> &'static str {
                match self {
                    $(WordSet::$variant => $name,)*
                }
            }

            /// The set of this name, if there is one.
            ///
            /// ```
            /// use newsgraph::lexicon::WordSet;
            /// assert_eq!(WordSet::from_name("weekday"), Some(WordSet::Weekday));
            /// assert_eq!(WordSet::from_name("Weekday"), None);
            /// ```
            pub fn from_name(name: &str) -> Option<WordSet> {
                match name {
                    $($name => Some(WordSet::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

word_sets! {
    /// Capitalised words that start sentences or headlines but never start a name ("The", "However").
    Stop = "stop",
    /// Weekdays: never part of a name.
    Weekday = "weekday",
    /// Month names and their abbreviations without the dot ("January", "Jan", "Sept").
    Month = "month",
    /// Month words that are also verbs or given names ("May", "Jan"): they may be part of a name.
    AmbiguousMonth = "ambiguous_month",
    /// Lower-case words that may join the capitalised parts of one name ("of", "al", "von").
    Connector = "connector",
    /// Head nouns of place names ("Sea" in "Baltic Sea", "Strip" in "Gaza Strip").
    PlaceHead = "place_head",
    /// Prepositions after which an unknown capitalised word is a place ("in Kharkiv").
    Locative = "locative",
    /// Compass words that end place names ("Kowloon East").
    Compass = "compass",
    /// Adjectives that start sentences as often as organisation names ("National", "Former").
    NameAdjective = "name_adjective",
    /// Words that belong to the title after them, never to a name ("Shadow", "Acting", "Former").
    TitleModifier = "title_modifier",
    /// Names of national bodies and parties that many countries have, normalised ("democratic
    /// party", "justice department"): qualified by another country ("Hong Kong's Democratic
    /// Party"), such a name is that country's body, not the table's.
    GenericOrganisation = "generic_organisation",
    /// Title-case last words of a title that never end a name ("Secretary" in "Industry Secretary").
    TitleHead = "title_head",
    /// Words that end a firm's name after "and" or "&" ("Co", "Sons", "Partners").
    FirmWord = "firm_word",
    /// Lower-case nouns that put a company's name after them ("security firm X", "operators X").
    CompanyNoun = "company_noun",
    /// What a company has, after its possessive ("X's shares", "X's customers").
    CompanyOwns = "company_owns",
    /// Nouns a company's name qualifies after an article ("a X spokesman", "a X statement").
    CompanyAfter = "company_after",
    /// Adverbs and auxiliaries that may stand between a subject and its verb ("Estonia has also accused");
    /// weekdays, passive auxiliaries and negations may too.
    Between = "between",
    /// Lower-case nouns and adjectives in "-ly" that are no adverbs, so they cannot stand between
    /// a subject and its verb ("a Trump ally accused …", "the Nation daily reported").
    NotAdverb = "not_adverb",
    /// Auxiliaries that make the verb after them passive ("was", "been").
    Passive = "passive",
    /// Words that negate the verb after them ("not", "never").
    Negation = "negation",
    /// Modal verbs that make the verb after them only possible or planned ("will", "would",
    /// "may").
    Modal = "modal",
    /// Words that may stand between a verb and its object ("met with the", "signed an agreement with").
    ObjectGap = "object_gap",
    /// Forms of verbs that deny the verb after "to" ("refused to meet", "declined to criticise").
    Refusal = "refusal",
    /// Nouns after a demonym that make it the country ("the Uzbek government").
    StateNoun = "state_noun",
    /// Listeners a speaker tells something, skipped before a quote or its content ("told reporters").
    Audience = "audience",
    /// Verbs that follow "as" after "quoted X" ("as saying").
    QuotedAs = "quoted_as",
    /// Words that may stand between "according to" and its source ("a statement from the").
    SourceGap = "source_gap",
    /// Words that may follow a source's name ("Yonhap news agency").
    MediumNoun = "medium_noun",
    /// Forms of verbs that make an event of the noun after them ("paid a visit", "held talks").
    LightVerb = "light_verb",
    /// Words that are no modifier of a noun: they end the noun phrase.
    NotModifier = "not_modifier",
    /// Determiners and possessives between a light verb and its noun ("paid a visit", "voiced its support").
    Determiner = "determiner",
    /// Last words of organisations that belong to a country ("Japan's Foreign Ministry", "the
    /// Uzbek army"); not all organisation heads are ("Japan Airlines" is no part of Japan).
    GovernmentHead = "government_head",
    /// Nouns that refer back to a company named before ("the firm").
    CompanyWord = "company_word",
    /// Role nouns that refer back to a person named before ("the minister").
    RoleWord = "role_word",
    /// Stock exchanges that open a ticker in brackets ("(NYSE: XYZ)").
    Exchange = "exchange",
    /// Organisation words a short form of a name may leave out, lower case ("Labour" for
    /// "Labour Party", "First Interstate" for "First Interstate Bancorp").
    ShortFormDrop = "short_form_drop",
    /// Lower-case words that say what a state body does, before its head or after "of" ("defence"
    /// in "India's defence ministry", "home affairs" in "the ministry of home affairs").
    InstitutionDomain = "institution_domain",
    /// Lower-case heads of state bodies that name one without a domain word when a country is
    /// bound to them ("the Indian army", "the US treasury"); "ministry" and "office" need one.
    InstitutionAlone = "institution_alone",
    /// Nouns for works, illnesses and products, before their names ("the film X", "illnesses
    /// like X"): the names are no entities.
    ThingNoun = "thing_noun",
    /// Nouns like [`WordSet::ThingNoun`] that are also verbs ("show", "hit"): they count only
    /// after a determiner or [`WordSet::ThingModifier`], or before "such as".
    ThingNounVerb = "thing_noun_verb",
    /// Modifiers that make the next word a noun for a work ("his latest show", "a hit single").
    ThingModifier = "thing_modifier",
    /// Last words of the names of events, or lower-case words after them ("London Marathon",
    /// "the Kelso festival").
    EventHead = "event_head",
    /// Last words of illness names, or lower-case words after them ("Crohn's Disease", "Lyme disease").
    IllnessHead = "illness_head",
    /// Illnesses named with a person's possessive ("Alzheimer's"), without the "'s".
    IllnessName = "illness_name",
    /// Lower-case words after a product's name ("the Fender Stratocaster guitar").
    ProductHead = "product_head",
    /// Labels of sports team sheets, in lower case ("replacements", "subs not used", "booked").
    LineupLabel = "lineup_label",
    /// Personal and possessive pronouns that may name a statement's subject or object ("he",
    /// "her", "they", "its"), in lower and Title case: a speaker's words that are a pronoun
    /// become a mention of tier `pronoun`.
    Pronoun = "pronoun",
    /// Verbs that attribute speech or a claim in news ("called", "cited", "described", "the
    /// report found", "tweeted") that the cue table does not list, because as clause verbs
    /// they would too often read an object as content ("police found the body"): the
    /// attribution model may use them as cues.
    AttributionCue = "attribution_cue",
    /// Prepositions, determiners, conjunctions and auxiliaries ("at", "the", "that", "was"): a
    /// reported content the attribution model ends on one of these was cut short.
    FunctionWord = "function_word",
}

const _: () = assert!(WordSet::ALL.len() <= 64, "a word's sets are a u64 bit set");

impl WordSet {
    fn bit(self) -> u64 {
        1 << self as u32
    }
}

/// The words of every [`WordSet`], loaded from `gazetteer/words.csv`.
#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    /// Each word and the sets it belongs to, one bit per set.
    sets_of: HashMap<String, u64>,
}

impl Words {
    /// Adds `word` to `set`; false when it is there already.
    pub(super) fn insert(&mut self, set: WordSet, word: &str) -> bool {
        let bits = self.sets_of.entry(word.to_owned()).or_default();
        let new = *bits & set.bit() == 0;
        *bits |= set.bit();
        new
    }

    /// True when `word` belongs to any of `sets`.
    pub(super) fn is_any(&self, sets: &[WordSet], word: &str) -> bool {
        let mask = sets.iter().fold(0, |m, s| m | s.bit());
        self.sets_of.get(word).is_some_and(|bits| bits & mask != 0)
    }

    /// The words of `set`, sorted.
    pub(super) fn of(&self, set: WordSet) -> Vec<&str> {
        let mut words: Vec<&str> =
            self.sets_of.iter().filter(|(_, bits)| *bits & set.bit() != 0).map(|(w, _)| w.as_str()).collect();
        words.sort_unstable();
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_words_belong_to_several_sets_case_sensitively() {
        let mut words = Words::default();
        for (set, word) in [(WordSet::Passive, "was"), (WordSet::Between, "was"), (WordSet::Stop, "The")] {
            assert!(words.insert(set, word));
        }
        assert!(!words.insert(WordSet::Stop, "The"), "a second time");
        assert!(words.is_any(&[WordSet::Passive], "was") && words.is_any(&[WordSet::Between], "was"));
        assert!(!words.is_any(&[WordSet::Negation, WordSet::Weekday], "was"));
        assert!(words.is_any(&[WordSet::Stop], "The") && !words.is_any(&[WordSet::Stop], "the"));
        assert_eq!(words.of(WordSet::Stop), ["The"]);
    }

    #[test]
    fn lexicon_word_sets_have_unique_names() {
        for &set in WordSet::ALL {
            assert_eq!(WordSet::from_name(set.name()), Some(set));
        }
    }
}
