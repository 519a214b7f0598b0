//! The trained entity tagger: an averaged structured perceptron over BILOU tags, with word,
//! shape, affix, context, document and gazetteer features, decoded with Viterbi.
//!
//! [`TaggerRecognizer`] puts it behind the [`Recognizer`] seam. The gazetteers are features of
//! the tagger, and afterwards they type what it found: a `LOC` the country table knows becomes a
//! [`EntityKind::Country`], any other `LOC` a [`EntityKind::Place`]; a `MISC` that is a demonym
//! ("French") becomes a country mention; other `MISC` names are dropped.
//!
//! ```
//! use newsgraph::recognize::Recognizer;
//! use newsgraph::ner::TaggerRecognizer;
//! use newsgraph::model::EntityKind;
//! let doc = newsgraph::segment::segment("German Chancellor Angela Merkel met officials of the IAEA in Vienna.");
//! let mentions = TaggerRecognizer::builtin().recognize(&doc);
//! let found: Vec<(&str, EntityKind)> = mentions.iter().map(|m| (doc.slice(m.span), m.kind)).collect();
//! assert_eq!(found, [
//!     ("German", EntityKind::Country),
//!     ("Angela Merkel", EntityKind::Person),
//!     ("IAEA", EntityKind::Organisation),
//!     ("Vienna", EntityKind::Place),
//! ]);
//! ```

mod features;
mod model;
mod train;

use std::sync::{Arc, LazyLock};

pub use features::{DocFeatures, FeatureExtractor, FEATURE_VERSION};
pub use model::{Label, NerModel, Provenance};
pub use train::{train, DataReport, TrainOptions};

use crate::lexicon::Lexicon;
use crate::model::{Document, EntityKind, Mention, MentionForm, MentionRule};
use crate::recognize::{boilerplate_spans, Recognizer};

/// The bytes of the committed model, `data/models/ner.bin`, compiled into the binary.
pub static BUILTIN_MODEL_BYTES: &[u8] = include_bytes!("../../data/models/ner.bin");

/// The committed model, decoded once.
static BUILTIN_MODEL: LazyLock<Arc<NerModel>> = LazyLock::new(|| {
    Arc::new(
        NerModel::from_bytes(BUILTIN_MODEL_BYTES)
            .expect("data/models/ner.bin is a model of this build's feature version"),
    )
});

/// A span the tagger found, before it is typed as a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// Byte span.
    pub span: crate::model::Span,
    /// Label.
    pub label: Label,
    /// Confidence in `[0, 1]`: the logistic of the mean emission margin of its tokens.
    pub score: f32,
}

/// The tagger as a [`Recognizer`].
#[derive(Debug, Clone)]
pub struct TaggerRecognizer {
    model: Arc<NerModel>,
    features: FeatureExtractor,
    lexicon: Arc<Lexicon>,
}

impl TaggerRecognizer {
    /// The committed model over the built-in lexicon.
    pub fn builtin() -> Self {
        TaggerRecognizer::new(BUILTIN_MODEL.clone(), Lexicon::builtin())
    }

    /// The committed model over another lexicon (`build --data-dir`).
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        TaggerRecognizer::new(BUILTIN_MODEL.clone(), lexicon)
    }

    /// A tagger with a given model and lexicon (the lexicon must be the one it was trained with
    /// for its gazetteer features to mean the same).
    pub fn new(model: Arc<NerModel>, lexicon: Arc<Lexicon>) -> Self {
        TaggerRecognizer { model, features: FeatureExtractor::new(lexicon.clone()), lexicon }
    }

    /// The labelled spans of a document, `MISC` included, in text order.
    pub fn tag(&self, doc: &Document) -> Vec<Tagged> {
        let features = self.features.extract(doc);
        let mut out = Vec::new();
        for s in &doc.sentences {
            let range = s.tokens();
            if range.is_empty() {
                continue;
            }
            let (tags, emit) = self.model.tag(&features, range.clone());
            for (a, b, label) in model::spans(&tags) {
                let margin: f32 = (a..b)
                    .map(|i| {
                        let e = &emit[i];
                        let chosen = e[usize::from(tags[i])];
                        let other = e
                            .iter()
                            .enumerate()
                            .filter(|&(t, _)| t != usize::from(tags[i]))
                            .map(|(_, &v)| v)
                            .fold(f32::NEG_INFINITY, f32::max);
                        chosen - other
                    })
                    .sum::<f32>()
                    / (b - a) as f32;
                let score = 1.0 / (1.0 + (-margin / 4.0).exp());
                out.push(Tagged {
                    span: features::token_span(doc, range.start + a, range.start + b),
                    label,
                    score: (score * 1000.0).round() / 1000.0,
                });
            }
        }
        out
    }
}

impl Recognizer for TaggerRecognizer {
    fn recognize(&self, doc: &Document) -> Vec<Mention> {
        let skipped = boilerplate_spans(&doc.text, &self.lexicon);
        let gazetteer = self.features.gazetteer();
        let mut mentions = Vec::new();
        let mut tagged = self.tag(doc);
        tidy(doc, &self.lexicon, self.features.gazetteer(), &mut tagged);
        for t in tagged {
            if skipped.iter().any(|b| b.overlaps(t.span)) {
                continue;
            }
            let Some((kind, form, key)) = mention_type(t.label, gazetteer.lookup(doc.slice(t.span))) else {
                continue;
            };
            mentions.push(Mention {
                span: t.span,
                kind,
                form,
                score: t.score,
                rule: MentionRule::Tagger,
                gazetteer_key: key,
            });
        }
        mentions
    }
}

/// The entity type, form and gazetteer key of a name tagged `label` whose surface the gazetteer
/// knows as `entry`. A location or organisation named like a country is that country ("North
/// Korea said", whatever the tagger called it); a MISC demonym is a country mention ("Japanese");
/// a capital keeps its `capital:` key. Other MISC names are not entities (`None`).
pub(crate) fn mention_type(
    label: Label,
    entry: Option<&crate::recognize::Entry>,
) -> Option<(EntityKind, MentionForm, Option<String>)> {
    let key = |e: &crate::recognize::Entry| Some(e.key.clone());
    Some(match (label, entry) {
        (Label::Per, _) => (EntityKind::Person, MentionForm::Name, None),
        (Label::Org | Label::Loc, Some(e)) if e.kind == EntityKind::Country && e.form == MentionForm::Name => {
            (EntityKind::Country, MentionForm::Name, key(e))
        }
        (Label::Org, Some(e)) if e.kind == EntityKind::Organisation => {
            (EntityKind::Organisation, MentionForm::Name, key(e))
        }
        (Label::Org, _) => (EntityKind::Organisation, MentionForm::Name, None),
        (Label::Loc, Some(e)) if e.kind == EntityKind::Place => (EntityKind::Place, MentionForm::Name, key(e)),
        (Label::Loc, _) => (EntityKind::Place, MentionForm::Name, None),
        (Label::Misc, Some(e)) if e.kind == EntityKind::Country && e.form == MentionForm::Demonym => {
            (EntityKind::Country, MentionForm::Demonym, key(e))
        }
        (Label::Misc, _) => return None,
    })
}

/// News conventions on top of the tagger: a nationality before an organisation is part of
/// its name ("Estonian Foreign Ministry"); no leading "The" in an organisation's name and no
/// title in a person's name ("Defence Secretary Miguel Reyes" → "Miguel Reyes"); no news agency
/// in a dateline ("TALLINN, March 3 (Wire) -"); and one type per name in a document: a single
/// word that ends a person's full name is that person ("Alemu" after "Mr Tesfaye Alemu"), one
/// that starts an organisation's name is that organisation ("Northwind" after "Northwind
/// Energy") unless the gazetteer knows it as a country or place ("U.S." after "U.S. Agriculture
/// Department"), an acronym defined in parentheses after a name ("Movement for the Left (MpS)")
/// is of that name's kind wherever the document uses it, and the same name elsewhere takes its
/// majority type.
fn tidy(doc: &Document, lexicon: &Lexicon, gazetteer: &crate::recognize::Gazetteer, tagged: &mut Vec<Tagged>) {
    let token_range = |span: crate::model::Span| {
        let a = doc.token_at_or_after(span.start);
        let b = doc.tokens.partition_point(|t| t.span.start < span.end);
        (a, b)
    };
    // "Estonian Foreign Ministry": CoNLL tags a nationality and an organisation; news readers
    // (and the resolver) want the one organisation
    let mut merged: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for t in tagged.drain(..) {
        if let Some(prev) = merged.last_mut() {
            let adjacent = token_range(prev.span).1 == token_range(t.span).0;
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
    tagged.retain_mut(|t| {
        let (mut a, b) = token_range(t.span);
        // "TALLINN, March 3 (Wire) -": a short line start with a comma before the parenthesis
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
        t.span = crate::model::Span::new(doc.tokens[a].span.start, t.span.end);
        true
    });
    // an acronym defined in parentheses after a name ("Movement for the Left (MpS)") is that
    // name's kind, there and wherever else the document uses it
    // (a short name in parentheses right after a name: "IAEA", "Ofgem", "MpS")
    let is_acronym = |i: usize| {
        let w = doc.token_text(i);
        doc.tokens.get(i).is_some_and(|t| t.kind == crate::model::TokenKind::Word)
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() <= 8
    };
    let defines_acronym =
        |end: usize| doc.token_text(end) == "(" && doc.token_text(end + 2) == ")" && is_acronym(end + 1);
    // "Office of Gas and Electricity Markets (Ofgem)": two organisations around "and" that one
    // acronym names, starting with the first one's letter, are one organisation
    let mut joined: Vec<Tagged> = Vec::with_capacity(tagged.len());
    for t in tagged.drain(..) {
        if let Some(prev) = joined.last_mut() {
            let (pa, pb) = token_range(prev.span);
            let (ta, tb) = token_range(t.span);
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
                && defines_acronym(tb)
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
    let mut covered = vec![false; doc.tokens.len()];
    for t in tagged.iter() {
        let (a, b) = token_range(t.span);
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let mut acronyms: std::collections::HashMap<&str, Label> = std::collections::HashMap::new();
    let single_token = |i: usize| doc.tokens.get(i).is_some_and(|tok| tagged.iter().any(|t| t.span == tok.span));
    for t in tagged.iter() {
        let (_, b) = token_range(t.span);
        let known_place =
            || gazetteer.lookup(doc.token_text(b + 1)).is_some_and(|e| e.kind != EntityKind::Organisation);
        // the acronym may be untagged, or tagged alone with another type ("Ofgem" as a place)
        let free = || !covered.get(b + 1).copied().unwrap_or(true) || single_token(b + 1);
        if matches!(t.label, Label::Org | Label::Loc) && defines_acronym(b) && free() && !known_place() {
            acronyms.entry(doc.token_text(b + 1)).or_insert(t.label);
        }
    }
    if !acronyms.is_empty() {
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
    // single words standing for a longer name of the document
    let mut word_label: std::collections::HashMap<&str, Label> = std::collections::HashMap::new();
    for t in tagged.iter() {
        let (a, b) = token_range(t.span);
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
        let (a, b) = token_range(t.span);
        let known_place = || gazetteer.lookup(doc.token_text(a)).is_some_and(|e| e.kind != EntityKind::Organisation);
        if b - a == 1 && t.label != Label::Misc && !known_place() {
            if let Some(&l) = word_label.get(doc.token_text(a)) {
                t.label = l;
            }
        }
    }
    // the majority type of each surface form (ties: the first seen)
    let mut votes: std::collections::HashMap<&str, Vec<(Label, f32)>> = std::collections::HashMap::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_defined_in_parentheses_keeps_its_kind_in_the_document() {
        let doc = crate::segment::segment(
            "The Office of Gas and Electricity Markets (OGEM) fined the firm. OGEM said it would appeal.",
        );
        let found: Vec<(&str, EntityKind)> =
            TaggerRecognizer::builtin().recognize(&doc).iter().map(|m| (doc.slice(m.span), m.kind)).collect();
        let ogem: Vec<EntityKind> = found.iter().filter(|(s, _)| *s == "OGEM").map(|(_, k)| *k).collect();
        assert_eq!(ogem, [EntityKind::Organisation, EntityKind::Organisation], "{found:?}");
    }

    #[test]
    fn builtin_model_loads() {
        assert!(BUILTIN_MODEL.features() > 10_000);
    }

    #[test]
    fn loc_in_the_country_table_is_a_country_and_keeps_its_key() {
        let doc = crate::segment::segment("Russia and Estonia signed the deal in Tallinn on Monday.");
        let mentions = TaggerRecognizer::builtin().recognize(&doc);
        let got: Vec<(&str, EntityKind, Option<&str>)> =
            mentions.iter().map(|m| (doc.slice(m.span), m.kind, m.gazetteer_key.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("Russia", EntityKind::Country, Some("country:RUS")),
                ("Estonia", EntityKind::Country, Some("country:EST")),
                ("Tallinn", EntityKind::Place, Some("capital:EST")),
            ]
        );
    }
}
