//! The trained entity tagger: an averaged structured perceptron over BILOU tags, with word,
//! shape, affix, context, document and gazetteer features, decoded with Viterbi.
//!
//! [`TaggerRecognizer`] puts it behind the [`Recognizer`] seam. The gazetteers are features of
//! the tagger, and afterwards they type what it found: a `LOC` the country table knows becomes a
//! [`EntityKind::Country`], any other `LOC` a [`EntityKind::Place`]; a `MISC` that is a demonym
//! ("French") becomes a country mention; other `MISC` names are dropped. Then titles of works,
//! illnesses, events and products the tagger typed as people, organisations or places are dropped
//! by their context (`recognize::works`), and the names of sports team sheets become one person
//! each (`recognize::lineups`).
//!
//! ```
//! use newsgraph::recognize::Recognizer;
//! use newsgraph::recognize::TaggerRecognizer;
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

mod clusters;
mod context;
mod features;
mod firms;
mod model;
pub mod tags;
mod tidy;
mod titles;
mod train;

use std::sync::{Arc, LazyLock};

pub use clusters::{WordClusters, CLUSTER_BITS};
pub use features::{DocFeatures, FeatureExtractor, FEATURE_VERSION};
pub use model::{NerModel, Provenance};
pub use tags::Label;
pub use train::{train, DataReport, TrainOptions};

use super::{lineups, works, Recognizer};
use crate::lexicon::{Entry, Lexicon};
use crate::model::{Document, EntityKind, Mention, MentionForm, MentionRule};

/// The bytes of the committed model, `data/models/ner.bin`, compiled into the binary.
pub static BUILTIN_MODEL_BYTES: &[u8] = include_bytes!("../../../data/models/ner.bin");

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

/// The token range `[first, end)` of a span.
fn token_range(doc: &Document, span: crate::model::Span) -> (usize, usize) {
    let tokens = doc.tokens_in(span);
    (tokens.start, tokens.end)
}

/// The test bench of the tidy passes: runs `pass` over spans given by hand (each the first
/// occurrence of its text) and returns the spans it leaves, with their labels.
#[cfg(test)]
fn run_pass(
    text: &str,
    spans: &[(&str, Label)],
    pass: fn(&Document, &Lexicon, &crate::lexicon::Gazetteer, &mut Vec<Tagged>),
) -> Vec<(String, Label)> {
    let doc = crate::segment::segment(text);
    let lexicon = Lexicon::builtin();
    let gazetteer = crate::lexicon::Gazetteer::new(&lexicon);
    let mut tagged: Vec<Tagged> = spans
        .iter()
        .map(|(s, l)| {
            let start = text.find(s).expect("span in text");
            Tagged { span: crate::model::Span::new(start, start + s.len()), label: *l, score: 0.9 }
        })
        .collect();
    pass(&doc, &lexicon, &gazetteer, &mut tagged);
    tagged.iter().map(|t| (doc.slice(t.span).to_owned(), t.label)).collect()
}

/// Expected spans and labels, as [`run_pass`] returns them.
#[cfg(test)]
fn owned_labels(v: &[(&str, Label)]) -> Vec<(String, Label)> {
    v.iter().map(|(s, l)| ((*s).to_owned(), *l)).collect()
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
            for (a, b, label) in tags::spans(&tags) {
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
        let gazetteer = self.features.gazetteer();
        let mut mentions = Vec::new();
        let mut tagged = self.tag(doc);
        tidy::tidy(doc, &self.lexicon, self.features.gazetteer(), &mut tagged);
        for mut t in tagged {
            // a name tagged up to a ticker keeps the words before it ("Northwind <NWD>")
            if let Some(l) = doc.layout_overlapping(t.span).next() {
                if l.kind.is_line() || l.span.start <= t.span.start {
                    continue;
                }
                t.span = crate::model::Span::new(t.span.start, l.span.start).trim(&doc.text);
            }
            let Some((kind, form, key)) = mention_type(t.label, gazetteer.lookup(&doc.name_text(t.span))) else {
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
        super::tickers::name_before_tickers(doc, &self.lexicon, &mut mentions);
        let organisation = |s: &str| gazetteer.lookup(s).is_some_and(|e| e.kind == EntityKind::Organisation);
        works::drop_things(doc, &self.lexicon, &organisation, &mut mentions);
        lineups::team_sheet_players(doc, &self.lexicon, &mut mentions);
        super::drop_overlong(doc, &mut mentions);
        mentions
    }
}

/// The entity type, form and gazetteer key of a name tagged `label` whose surface the gazetteer
/// knows as `entry`. A location or organisation named like a country is that country ("North
/// Korea said", whatever the tagger called it); a MISC demonym is a country mention ("Japanese");
/// a capital keeps its `capital:` key. Other MISC names are not entities (`None`).
pub(crate) fn mention_type(label: Label, entry: Option<&Entry>) -> Option<(EntityKind, MentionForm, Option<String>)> {
    let key = |e: &Entry| Some(e.key.clone());
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
