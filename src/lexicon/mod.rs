//! Lexicon tables: countries, organisations, names, titles, organisation keywords, statement
//! cues, boilerplate phrases and closed word classes ([`WordSet`]).
//!
//! The tables under `data/` are compiled into the binary and checked when loaded;
//! [`Lexicon::from_dir`] reads a replacement folder with the same file names. Every bad row is
//! reported with its file and line. The lexicon is data, not a stage: stages borrow it.
//!
//! ```
//! let lexicon = newsgraph::lexicon::Lexicon::builtin();
//! let france = lexicon.country_by_iso3("FRA").unwrap();
//! assert_eq!(france.name, "France");
//! assert_eq!(france.qid.as_deref(), Some("Q142"));
//! ```

mod gazetteer;
mod tables;
mod words;

pub use words::WordSet;

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::{Arc, LazyLock};

use crate::error::Result;
use crate::model::Predicate;

pub use gazetteer::{Entry, Gazetteer};

/// One country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Wikidata id.
    pub qid: Option<String>,
    /// ISO 3166-1 alpha-2 (may be empty for former states).
    pub iso2: String,
    /// ISO 3166-1 alpha-3 (or ISO 3166-3 for former states); the country's key.
    pub iso3: String,
    /// Common English name.
    pub name: String,
    /// Other names ("U.S.", "America").
    pub aliases: Vec<String>,
    /// Demonyms and adjectives ("French").
    pub demonyms: Vec<String>,
    /// Capital cities.
    pub capitals: Vec<String>,
    /// True for a state that no longer exists (Soviet Union, Yugoslavia …).
    pub former: bool,
}

impl Country {
    /// The canonical entity key, `country:ISO3`.
    pub fn key(&self) -> String {
        format!("country:{}", self.iso3)
    }
}

/// One known organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Unique slug; the entity key is `org:<key>`.
    pub key: String,
    /// Canonical name.
    pub name: String,
    /// Kind (igo, media, company, government, party, ngo, military).
    pub kind: String,
    /// Acronyms ("IAEA").
    pub acronyms: Vec<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Wikidata id.
    pub qid: Option<String>,
    /// ISO alpha-2 of its country, for national bodies.
    pub country_iso2: Option<String>,
}

/// The sex most people with a given name have (US births; a name is marked only when at least
/// 90 % share one), for resolving "he" and "she".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// What a title word implies about the person who holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Mr, Mrs, Dr: marks a person, implies no role.
    Honorific,
    /// A position (spokesman, president, minister), with the role it implies.
    Position(Option<Predicate>),
}

/// A statement cue: a verb or noun form that signals a predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The lemma ("accuse").
    pub lemma: String,
    /// The predicate it signals.
    pub predicate: Predicate,
    /// Its CAMEO code.
    pub cameo: Option<String>,
    /// True when it can introduce a quote or reported content.
    pub speech: bool,
}

/// Where a boilerplate phrase must stand to mark a line as boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateKind {
    /// Anywhere in the line.
    Line,
    /// At the start of the line.
    Prefix,
}

/// All lexicon tables, loaded and indexed.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Countries, in table order.
    pub countries: Vec<Country>,
    /// Known organisations, in table order.
    pub organisations: Vec<Organisation>,
    /// Known people and organisations from news event data (Phoenix actor dictionaries):
    /// tagger features, not entities on their own.
    pub actors: Vec<(String, crate::model::EntityKind)>,
    given_names: HashMap<String, Option<Sex>>,
    surnames: HashSet<String>,
    titles: HashMap<String, TitleKind>,
    max_title_words: usize,
    org_heads: HashSet<String>,
    legal_forms: HashSet<String>,
    cues: HashMap<String, Cue>,
    noun_cues: HashMap<String, Cue>,
    /// Boilerplate phrases (lower-case) and where they must stand.
    pub boilerplate: Vec<(String, BoilerplateKind)>,
    /// The `line` phrases of `boilerplate`, searched in one pass over a line.
    boilerplate_lines: aho_corasick::AhoCorasick,
    words: words::Words,
    digest: String,
}

static BUILTIN: LazyLock<Arc<Lexicon>> =
    LazyLock::new(|| Arc::new(Lexicon::from_sources(&tables::builtin()).expect("built-in data tables are valid")));

impl Lexicon {
    /// The tables compiled into the binary (loaded once per process).
    pub fn builtin() -> Arc<Lexicon> {
        BUILTIN.clone()
    }

    /// True when the lower-cased `line` contains a boilerplate phrase of kind
    /// [`BoilerplateKind::Line`].
    pub fn has_boilerplate_phrase(&self, lower: &str) -> bool {
        self.boilerplate_lines.is_match(lower)
    }

    /// Loads the tables from a folder laid out like `data/` (`gazetteer/*.csv`, `cues/verbs.csv`,
    /// `cues/nouns.csv`).
    pub fn from_dir(dir: &Path) -> Result<Lexicon> {
        Lexicon::from_sources(&tables::read_dir(dir)?)
    }

    fn from_sources(sources: &tables::Sources) -> Result<Lexicon> {
        tables::parse(sources)
    }

    /// "tables fnv64:hex": a hash of every table's text, for the build manifest.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// A country by ISO alpha-3.
    pub fn country_by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    /// A country by ISO alpha-2.
    pub fn country_by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso2 == iso2)
    }

    /// A known organisation by key.
    pub fn organisation(&self, key: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.key == key)
    }

    /// True when `word` (as written, Title-case) is a known given name.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains_key(word)
    }

    /// The sex a given name is marked with, if it is known and clear.
    pub fn given_name_sex(&self, word: &str) -> Option<Sex> {
        self.given_names.get(word).copied().flatten()
    }

    /// True when `word` (as written, Title-case) is a known surname.
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// The title a word or phrase is (case-insensitive, trailing dot ignored).
    pub fn title(&self, phrase: &str) -> Option<TitleKind> {
        self.titles.get(lower(phrase.trim_end_matches('.')).as_ref()).copied()
    }

    /// The longest title length (in words), for matching multi-word titles.
    pub fn max_title_words(&self) -> usize {
        self.max_title_words
    }

    /// True when `word` heads organisation names ("Ministry", "University"), case-insensitive.
    pub fn is_org_head(&self, word: &str) -> bool {
        self.org_heads.contains(lower(word).as_ref())
    }

    /// True when `word` is a company legal form ("Ltd", "Inc.", "GmbH").
    pub fn is_legal_form(&self, word: &str) -> bool {
        self.legal_forms.contains(word.trim_end_matches('.'))
    }

    /// The cue a word form signals (lower-cased before look-up).
    pub fn cue(&self, form: &str) -> Option<&Cue> {
        self.cues.get(lower(form).as_ref())
    }

    /// The cue a noun form signals ("accusation", "talks"; lower-cased before look-up), from
    /// `cues/nouns.csv`. Noun cues never introduce speech.
    ///
    /// ```
    /// use newsgraph::model::Predicate;
    /// let lexicon = newsgraph::lexicon::Lexicon::builtin();
    /// let visit = lexicon.noun_cue("visits").unwrap();
    /// assert_eq!((visit.predicate, visit.cameo.as_deref()), (Predicate::Visited, Some("042")));
    /// ```
    pub fn noun_cue(&self, form: &str) -> Option<&Cue> {
        self.noun_cues.get(lower(form).as_ref())
    }

    /// True when `word`, as written, is in the word set `set` (`gazetteer/words.csv`).
    pub fn is(&self, set: WordSet, word: &str) -> bool {
        self.words.is_any(&[set], word)
    }

    /// True when `word`, as written, is in any of the word sets `sets`.
    pub fn is_any(&self, sets: &[WordSet], word: &str) -> bool {
        self.words.is_any(sets, word)
    }

    /// The words of the word set `set`, sorted.
    ///
    /// ```
    /// use newsgraph::lexicon::{Lexicon, WordSet};
    /// assert_eq!(Lexicon::builtin().words(WordSet::CompanyWord), ["company", "firm"]);
    /// ```
    pub fn words(&self, set: WordSet) -> Vec<&str> {
        self.words.of(set)
    }
}

/// `word` lower-cased, as `str::to_lowercase` does it, without a copy when it is lower case
/// ASCII already (most look-ups).
fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// A word in the case the name tables use: first letter upper case, the rest lower case
/// ("MERKEL" → "Merkel", "tallinn" → "Tallinn").
///
/// ```
/// assert_eq!(newsgraph::lexicon::title_case("MERKEL"), "Merkel");
/// ```
pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of `data/` with one table replaced.
    fn data_dir_with(table: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for name in tables::FILES {
            let to = dir.path().join(name);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(data.join(name), &to).unwrap();
        }
        std::fs::write(dir.path().join(table), text).unwrap();
        dir
    }

    #[test]
    fn lexicon_reports_bad_rows_with_file_and_line() {
        let dir = data_dir_with(
            "gazetteer/countries.csv",
            "qid,iso2,iso3,name,aliases,demonyms,capitals\nQ191,EE,EST,Estonia,,Estonian,Tallinn\nQ191> <x,FI,FIN,Finland,,,\n",
        );
        let err = Lexicon::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            err.ends_with("gazetteer/countries.csv:3: `Q191> <x` is not a Wikidata id (Q followed by digits)"),
            "{err}"
        );
        let dir = data_dir_with("cues/verbs.csv", "form,lemma,predicate,cameo,speech\nslams,slam,slammed,111,1\n");
        let err = Lexicon::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("cues/verbs.csv:2: unknown predicate `slammed`"), "{err}");
        let dir = data_dir_with("cues/nouns.csv", "form,lemma,predicate,cameo\nremarks,remark,said,010\n");
        let err = Lexicon::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("cues/nouns.csv:2: a noun cue cannot signal `said`"), "{err}");
        let dir = data_dir_with("gazetteer/titles.csv", "title,role\nMr,\n");
        let err = Lexicon::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("gazetteer/titles.csv:1: missing column `kind`"), "{err}");
    }

    #[test]
    fn lexicon_from_dir_replaces_the_builtin_tables() {
        let dir = data_dir_with(
            "gazetteer/countries.csv",
            "qid,iso2,iso3,name,aliases,demonyms,capitals\nQ1,XA,XAA,Atlantis,,Atlantean,Poseidonia\n",
        );
        let lexicon = Lexicon::from_dir(dir.path()).unwrap();
        assert_eq!(lexicon.countries.len(), 1);
        assert_eq!(lexicon.country_by_iso2("XA").unwrap().capitals, ["Poseidonia"]);
    }

    #[test]
    fn lexicon_from_dir_replaces_the_word_sets() {
        let builtin = Lexicon::builtin();
        assert!(builtin.is(WordSet::Weekday, "Monday") && !builtin.is(WordSet::Weekday, "Caturday"));
        let lexicon =
            Lexicon::from_dir(data_dir_with("gazetteer/words.csv", "set,word\nweekday,Caturday\n").path()).unwrap();
        assert!(lexicon.is(WordSet::Weekday, "Caturday") && !lexicon.is(WordSet::Weekday, "Monday"));
        assert_ne!(lexicon.digest(), builtin.digest());
        let dir = data_dir_with("gazetteer/words.csv", "set,word\nweekday,Monday\nweekdays,Tuesday\n");
        let err = Lexicon::from_dir(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("gazetteer/words.csv:3: unknown word set `weekdays`"), "{err}");
    }
}
