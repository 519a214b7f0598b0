//! Feature extraction for the tagger: every token becomes a list of 64-bit feature hashes.
//!
//! A feature is a template id and one or more strings, hashed with FNV-1a and mixed
//! ([`crate::learn::hashing`]), which is fixed by its specification, so a model file stays valid
//! across builds and platforms. Templates are listed in [`Template`]; changing one changes
//! [`FEATURE_VERSION`], and an old model is refused.
//!
//! Besides the word, its shape, affixes and its neighbours, a token has the cluster of its word
//! ([`WordClusters`], from word vectors) at five granularities: a name never seen in training
//! shares weights with the names whose vectors are like its own.
//!
//! ```
//! use newsgraph::lexicon::Lexicon;
//! use newsgraph::recognize::tagger::FeatureExtractor;
//! let doc = newsgraph::segment::segment("Angela Merkel met officials in Paris.");
//! let features = FeatureExtractor::new(Lexicon::builtin()).extract(&doc);
//! assert!(features.token(1).len() > 10);
//! ```

use rustc_hash::FxHashMap as HashMap;

use std::sync::Arc;

use super::clusters::WordClusters;
use super::tags::Position;
use crate::learn::hashing::{fnv, mix_step, mix_strs};
use crate::lexicon::{title_case, Entry, Gazetteer, Lexicon};
use crate::model::{Document, EntityKind, MentionForm, Span, TokenKind};

/// Version of the feature templates; stored in the model file.
pub const FEATURE_VERSION: u32 = 4;

/// Feature templates. The discriminant is hashed with the feature's strings.
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
enum Template {
    Bias = 1,
    Lower,
    Form,
    Shape,
    Prefix,
    Suffix,
    PrevLower,
    NextLower,
    Prev2Lower,
    Next2Lower,
    PrevShape,
    NextShape,
    PrevBigram,
    NextBigram,
    ShapeTrigram,
    SentenceStart,
    Headline,
    Gazetteer,
    PrevGazetteer,
    NextGazetteer,
    Word,
    PrevWord,
    NextWord,
    Document,
    PrevTitleLower,
    Actor,
    ActorWindow,
    Cluster,
}

/// The cluster granularities a word's [`Template::Cluster`] features use: the first 4, 6, 8, 10
/// and 12 bits of its id (16 to 4,096 clusters; the 4-bit prefix groups the 64 top clusters by
/// the order the script numbered them, not by likeness, and paid no more than noise). On the dev sets the word's own cluster pays
/// (CoNLL-2003 +0.007 F1, CrossNER politics +0.014, re3d +0.012); those of its neighbours
/// added nothing more.
const CLUSTER_PREFIXES: [u32; 5] = [4, 6, 8, 10, 12];

/// Word classes from the lexicon, one bit each.
mod class {
    pub const GIVEN: u16 = 1;
    pub const SURNAME: u16 = 1 << 1;
    pub const TITLE: u16 = 1 << 2;
    pub const ORG_HEAD: u16 = 1 << 3;
    pub const LEGAL_FORM: u16 = 1 << 4;
    pub const NAMES: [(u16, &str); 5] =
        [(GIVEN, "given"), (SURNAME, "surname"), (TITLE, "title"), (ORG_HEAD, "org-head"), (LEGAL_FORM, "legal")];
}

/// What the document says about a word elsewhere (non-local evidence).
mod seen {
    /// Written with a capital inside a sentence somewhere in the document.
    pub const CAPITAL_INSIDE: u8 = 1;
    /// Written in lower case somewhere in the document.
    pub const LOWER: u8 = 1 << 1;
}

/// Turns sentences into feature hashes. Holds the lexicon word classes and the gazetteer.
#[derive(Debug, Clone)]
pub struct FeatureExtractor {
    lexicon: Arc<Lexicon>,
    gazetteer: Gazetteer,
    /// Known people and organisations (`Lexicon::actors`), matched by lower-cased tokens.
    actors: ActorIndex,
    /// Word clusters (`data/models/clusters.tsv`).
    clusters: Arc<WordClusters>,
}

/// Per-token information computed once per document.
struct TokenInfo {
    /// Index of the token's word form in the document's word table.
    word: u32,
    /// `fnv(lower)`, `fnv(shape)`: hashed once, used by many templates.
    h_lower: u64,
    h_shape: u64,
    classes: u16,
    /// Gazetteer position tag of the token ("country-name:B"), if a known name covers it.
    gazetteer: Option<&'static str>,
    /// Actor position tag ("actor-per:B"), if a known person or organisation covers it.
    actor: Option<&'static str>,
}

/// What a word form contributes on its own, computed once per document.
struct WordInfo {
    h_lower: u64,
    h_shape: u64,
    classes: u16,
    /// The features of the form alone: bias, lower, form, shape, prefixes, suffixes, clusters.
    features: Vec<u64>,
}

/// The features of every token of a document, flat.
#[derive(Debug, Default, Clone)]
pub struct DocFeatures {
    hashes: Vec<u64>,
    /// `hashes[offsets[i]..offsets[i + 1]]` are token `i`'s features.
    offsets: Vec<u32>,
}

impl DocFeatures {
    /// The features of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        &self.hashes[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// A template and the hashes of its strings, mixed into one feature hash.
fn mix(template: Template, parts: &[u64]) -> u64 {
    crate::learn::hashing::mix(template as u64, parts)
}

/// A template and its strings as one feature hash.
fn hash(template: Template, parts: &[&str]) -> u64 {
    mix_strs(template as u64, parts)
}

/// The word's shape: upper `X`, lower `x`, digit `d`, other chars as they are; runs collapsed
/// ("Merkel" → "Xx", "U.S." → "X.X.", "1996-08-30" → "d-d-d").
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = None;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(s) || !matches!(s, 'X' | 'x' | 'd') {
            out.push(s);
        }
        last = Some(s);
    }
    out
}

fn gazetteer_tag(entry: &Entry, position: usize, len: usize) -> &'static str {
    const TAGS: [[&str; 4]; 5] = [
        ["country:B", "country:I", "country:L", "country:U"],
        ["demonym:B", "demonym:I", "demonym:L", "demonym:U"],
        ["capital:B", "capital:I", "capital:L", "capital:U"],
        ["org:B", "org:I", "org:L", "org:U"],
        ["other:B", "other:I", "other:L", "other:U"],
    ];
    let row = match (entry.kind, entry.form) {
        (EntityKind::Country, MentionForm::Demonym) => 1,
        (EntityKind::Country, _) => 0,
        (EntityKind::Place, _) => 2,
        (EntityKind::Organisation, _) => 3,
        (EntityKind::Person, _) => 4,
    };
    TAGS[row][Position::of(position, len) as usize]
}

/// Known names as sequences of lower-cased token hashes: a name is found where a document's
/// tokens hash to the same sequence, so matching costs one set look-up per token.
#[derive(Debug, Clone, Default)]
struct ActorIndex {
    /// Hashes of first tokens.
    first: rustc_hash::FxHashSet<u64>,
    /// Phrase hash → is a person.
    phrases: HashMap<u64, bool>,
    /// Longest name in tokens.
    max_len: usize,
}

impl ActorIndex {
    fn new(lexicon: &Lexicon) -> Self {
        let mut index = ActorIndex::default();
        for (name, kind) in &lexicon.actors {
            let tokens = crate::segment::tokenize(name);
            if tokens.len() < 2 {
                continue;
            }
            let hashes: Vec<u64> = tokens.iter().map(|t| fnv(&t.span.text(name).to_lowercase())).collect();
            index.first.insert(hashes[0]);
            let h = hashes.iter().fold(0, |h, &t| mix_step(h, t));
            index.phrases.entry(h).or_insert(*kind == EntityKind::Person);
            index.max_len = index.max_len.max(hashes.len());
        }
        index
    }

    /// Tags the tokens of every known name that starts with a capital, leftmost-longest.
    fn mark(&self, doc: &Document, infos: &mut [TokenInfo]) {
        let n = infos.len();
        let mut i = 0;
        while i < n {
            let capitalised = doc.token_text(i).chars().next().is_some_and(char::is_uppercase);
            if !capitalised || !self.first.contains(&infos[i].h_lower) {
                i += 1;
                continue;
            }
            let mut h = mix_step(0, infos[i].h_lower);
            let mut best = None;
            for len in 2..=self.max_len.min(n - i) {
                h = mix_step(h, infos[i + len - 1].h_lower);
                if let Some(&person) = self.phrases.get(&h) {
                    best = Some((len, person));
                }
            }
            match best {
                Some((len, person)) => {
                    for (p, info) in infos[i..i + len].iter_mut().enumerate() {
                        info.actor = Some(actor_tag(person, p, len));
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

fn actor_tag(person: bool, position: usize, len: usize) -> &'static str {
    const TAGS: [[&str; 4]; 2] = [
        ["actor-org:B", "actor-org:I", "actor-org:L", "actor-org:U"],
        ["actor-per:B", "actor-per:I", "actor-per:L", "actor-per:U"],
    ];
    TAGS[usize::from(person)][Position::of(position, len) as usize]
}

impl FeatureExtractor {
    /// An extractor over the lexicon's word lists and names.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        let gazetteer = Gazetteer::new(&lexicon);
        let actors = ActorIndex::new(&lexicon);
        FeatureExtractor { lexicon, gazetteer, actors, clusters: WordClusters::builtin() }
    }

    /// The gazetteer the features look names up in.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    fn classes(&self, word: &str, lower: &str) -> u16 {
        let mut c = 0;
        if !word.chars().next().is_some_and(char::is_alphabetic) {
            return 0;
        }
        let proper = if word.chars().skip(1).any(char::is_lowercase) { None } else { Some(title_case(word)) };
        let name = proper.as_deref().unwrap_or(word);
        if self.lexicon.is_given_name(name) {
            c |= class::GIVEN;
        }
        if self.lexicon.is_surname(name) {
            c |= class::SURNAME;
        }
        if self.lexicon.title(lower).is_some() {
            c |= class::TITLE;
        }
        if self.lexicon.is_org_head(lower) {
            c |= class::ORG_HEAD;
        }
        if self.lexicon.is_legal_form(word) {
            c |= class::LEGAL_FORM;
        }
        c
    }

    fn word_info(&self, word: &str, kind: TokenKind) -> WordInfo {
        let lower = word.to_lowercase();
        let shape = shape(word);
        let (h_lower, h_shape) = (fnv(&lower), fnv(&shape));
        let classes = if kind == TokenKind::Word { self.classes(word, &lower) } else { 0 };
        let mut features = Vec::with_capacity(20);
        features.push(mix(Template::Bias, &[]));
        features.push(mix(Template::Lower, &[h_lower]));
        if word != lower {
            features.push(hash(Template::Form, &[word]));
        }
        features.push(mix(Template::Shape, &[h_shape]));
        for (b, c) in lower.char_indices().take(4) {
            features.push(hash(Template::Prefix, &[&lower[..b + c.len_utf8()]]));
        }
        for (b, _) in lower.char_indices().rev().take(4) {
            features.push(hash(Template::Suffix, &[&lower[b..]]));
        }
        if let Some(id) = self.clusters.of_hash(h_lower).filter(|_| kind == TokenKind::Word) {
            for bits in CLUSTER_PREFIXES {
                features.push(mix(Template::Cluster, &[u64::from(bits), u64::from(WordClusters::prefix(id, bits))]));
            }
        }
        WordInfo { h_lower, h_shape, classes, features }
    }

    /// The features of every token of `doc`. Sentences are the context windows.
    pub fn extract(&self, doc: &Document) -> DocFeatures {
        let n = doc.tokens.len();
        let mut infos: Vec<TokenInfo> = Vec::with_capacity(n);
        // each distinct word form is lower-cased, shaped, classified and hashed once per document
        let mut words: Vec<WordInfo> = Vec::new();
        let mut word_of: HashMap<&str, u32> = HashMap::default();
        let mut seen_lower: HashMap<u64, u8> = HashMap::default();
        let sentence_start: Vec<bool> = {
            let mut v = vec![false; n];
            for s in &doc.sentences {
                if s.first_token < n {
                    v[s.first_token] = true;
                }
            }
            v
        };
        for (i, t) in doc.tokens.iter().enumerate() {
            let word = doc.token_text(i);
            let w = *word_of.entry(word).or_insert_with(|| {
                words.push(self.word_info(word, t.kind));
                words.len() as u32 - 1
            });
            let info = &words[w as usize];
            infos.push(TokenInfo {
                word: w,
                h_lower: info.h_lower,
                h_shape: info.h_shape,
                classes: info.classes,
                gazetteer: None,
                actor: None,
            });
            if t.kind == TokenKind::Word {
                let first = word.chars().next().unwrap_or(' ');
                let flag = if first.is_lowercase() {
                    seen::LOWER
                } else if first.is_uppercase() && !sentence_start[i] && word.chars().skip(1).any(char::is_lowercase) {
                    seen::CAPITAL_INSIDE
                } else {
                    0
                };
                *seen_lower.entry(info.h_lower).or_default() |= flag;
            }
        }
        let starts: Vec<usize> = doc.tokens.iter().map(|t| t.span.start).collect();
        let ends: Vec<usize> = doc.tokens.iter().map(|t| t.span.end).collect();
        for (span, entry) in self.gazetteer.find(&doc.text, &starts, &ends) {
            let first = doc.token_at_or_after(span.start);
            let last = doc.tokens.partition_point(|t| t.span.end <= span.end);
            let len = last - first;
            for (p, info) in infos[first..last].iter_mut().enumerate() {
                info.gazetteer = Some(gazetteer_tag(entry, p, len));
            }
        }
        self.actors.mark(doc, &mut infos);
        let mut out = DocFeatures { hashes: Vec::with_capacity(n * 40), offsets: Vec::with_capacity(n + 1) };
        out.offsets.push(0);
        for s in &doc.sentences {
            let range = s.tokens();
            let headline = {
                let words: Vec<&str> = range
                    .clone()
                    .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
                    .map(|i| doc.token_text(i))
                    .collect();
                words.len() >= 2 && words.iter().all(|w| !w.chars().any(char::is_lowercase))
            };
            for i in range.clone() {
                self.token_features(&words, &infos, &seen_lower, range.clone(), i, headline, &mut out.hashes);
                out.offsets.push(out.hashes.len() as u32);
            }
        }
        // tokens outside every sentence (none in practice) get no features
        while out.offsets.len() < n + 1 {
            out.offsets.push(out.hashes.len() as u32);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn token_features(
        &self,
        words: &[WordInfo],
        infos: &[TokenInfo],
        seen_lower: &HashMap<u64, u8>,
        range: std::ops::Range<usize>,
        i: usize,
        headline: bool,
        out: &mut Vec<u64>,
    ) {
        const BOS: &str = "<s>";
        const EOS: &str = "</s>";
        let at = |j: isize| -> Option<&TokenInfo> {
            let j = i as isize + j;
            (j >= range.start as isize && j < range.end as isize).then(|| &infos[j as usize])
        };
        let edge = |j: isize| if j < 0 { fnv(BOS) } else { fnv(EOS) };
        let lower_at = |j: isize| at(j).map_or_else(|| edge(j), |t| t.h_lower);
        let shape_at = |j: isize| at(j).map_or_else(|| edge(j), |t| t.h_shape);
        let me = &infos[i];
        out.extend_from_slice(&words[me.word as usize].features);
        out.push(mix(Template::PrevLower, &[lower_at(-1)]));
        out.push(mix(Template::NextLower, &[lower_at(1)]));
        out.push(mix(Template::Prev2Lower, &[lower_at(-2)]));
        out.push(mix(Template::Next2Lower, &[lower_at(2)]));
        out.push(mix(Template::PrevShape, &[shape_at(-1)]));
        out.push(mix(Template::NextShape, &[shape_at(1)]));
        out.push(mix(Template::PrevBigram, &[lower_at(-1), me.h_lower]));
        out.push(mix(Template::NextBigram, &[me.h_lower, lower_at(1)]));
        out.push(mix(Template::ShapeTrigram, &[shape_at(-1), me.h_shape, shape_at(1)]));
        if i == range.start {
            out.push(mix(Template::SentenceStart, &[me.h_shape]));
        }
        if headline {
            out.push(mix(Template::Headline, &[me.h_shape]));
            out.push(mix(Template::Headline, &[me.h_lower]));
        }
        let gaz = |j: isize| at(j).and_then(|t| t.gazetteer).unwrap_or("-");
        out.push(hash(Template::Gazetteer, &[gaz(0)]));
        if let Some(tag) = me.actor {
            out.push(hash(Template::Actor, &[tag]));
            out.push(hash(Template::ActorWindow, &[at(-1).and_then(|t| t.actor).unwrap_or("-"), tag]));
        }
        out.push(hash(Template::PrevGazetteer, &[gaz(-1), gaz(0)]));
        out.push(hash(Template::NextGazetteer, &[gaz(0), gaz(1)]));
        for (bit, name) in class::NAMES {
            if me.classes & bit != 0 {
                out.push(mix(Template::Word, &[fnv(name), me.h_shape]));
            }
            if at(-1).is_some_and(|t| t.classes & bit != 0) {
                out.push(hash(Template::PrevWord, &[name]));
            }
            if at(1).is_some_and(|t| t.classes & bit != 0) {
                out.push(hash(Template::NextWord, &[name]));
            }
        }
        if at(-1).is_some_and(|t| t.classes & class::TITLE != 0) {
            out.push(mix(Template::PrevTitleLower, &[lower_at(-1), me.h_shape]));
        }
        if let Some(&flags) = seen_lower.get(&me.h_lower) {
            let f: &str = match flags & (seen::CAPITAL_INSIDE | seen::LOWER) {
                0 => "none",
                seen::CAPITAL_INSIDE => "cap",
                seen::LOWER => "lower",
                _ => "both",
            };
            out.push(mix(Template::Document, &[fnv(f), me.h_shape]));
        }
    }
}

/// The byte span of tokens `first..last` of `doc`.
pub fn token_span(doc: &Document, first: usize, last: usize) -> Span {
    doc.span_of(first..last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs_of_one_class() {
        assert_eq!(shape("Merkel"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-30"), "d-d-d");
        assert_eq!(shape("McDonald's"), "XxXx'x");
    }

    #[test]
    fn feature_hashes_are_fixed_by_the_templates() {
        // FNV-1a is specified, not seeded: a model trained once stays valid everywhere.
        assert_eq!(hash(Template::Lower, &["merkel"]), hash(Template::Lower, &["merkel"]));
        assert_ne!(hash(Template::Lower, &["merkel"]), hash(Template::Form, &["merkel"]));
        assert_ne!(hash(Template::PrevBigram, &["a", "bc"]), hash(Template::PrevBigram, &["ab", "c"]));
        assert_ne!(hash(Template::PrevBigram, &["a", "b"]), hash(Template::PrevBigram, &["b", "a"]));
        // pinned: a change here invalidates every trained model (bump FEATURE_VERSION); the
        // hashing itself is pinned in `learn::hashing`
        assert_eq!(Template::Lower as u8, 2);
        assert_eq!(hash(Template::Lower, &["merkel"]), 0x8baa_442f_03f0_c4ea);
        assert_eq!(Template::ActorWindow as u8, 27);
        assert_eq!(Template::Cluster as u8, 28);
    }

    #[test]
    fn words_of_one_cluster_share_their_cluster_features() {
        let fx = FeatureExtractor::new(Lexicon::builtin());
        let cluster_features = |word: &str| -> Vec<u64> {
            let features = fx.word_info(word, TokenKind::Word).features;
            let id = fx.clusters.cluster(word).expect("the word has a cluster");
            let wanted: Vec<u64> = CLUSTER_PREFIXES
                .iter()
                .map(|&b| mix(Template::Cluster, &[u64::from(b), u64::from(WordClusters::prefix(id, b))]))
                .collect();
            assert!(wanted.iter().all(|f| features.contains(f)), "{word}");
            wanted
        };
        // two surnames, two Iraqi cities: one cluster at every granularity
        assert_eq!(cluster_features("Smith"), cluster_features("Buchanan"));
        assert_eq!(cluster_features("Fallujah"), cluster_features("Basra"));
        // a verb and a capital: not even the coarsest cluster
        assert_ne!(cluster_features("said")[0], cluster_features("Baghdad")[0]);
        // a word the table lacks and punctuation get none
        let unknown = fx.word_info("Xqzvvy", TokenKind::Word).features;
        assert!(!unknown.iter().any(|f| cluster_features("Smith").contains(f)));
    }

    #[test]
    fn every_token_gets_features() {
        let doc = crate::segment::segment("Angela Merkel met French officials in Paris. They agreed.");
        let fx = FeatureExtractor::new(Lexicon::builtin());
        let f = fx.extract(&doc);
        for i in 0..doc.tokens.len() {
            assert!(f.token(i).len() > 10, "token {i} has {} features", f.token(i).len());
        }
    }
}
