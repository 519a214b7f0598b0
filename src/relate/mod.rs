//! Relations between two entities of one sentence, from a trained classifier: who works for
//! which organisation, where an organisation is based, where a place lies, where a person lives,
//! and a person's nationality.
//!
//! Every ordered pair of entity mentions in a sentence whose types allow a relation is a
//! candidate (person → organisation: `worksFor`; organisation → place: `basedIn`; place → place:
//! `locatedIn`; person → place: `livesIn` or `nationality`). A multi-class averaged perceptron
//! scores each candidate over "no relation" and the relations its types allow, from the words
//! between and around the two, their order and distance, head words, cue verbs and titles from
//! the lexicon, and the entities in between. `newsgraph train relations` trains it on CoNLL04
//! and KnowledgeNet; `newsgraph eval relations` scores it.
//!
//! ```
//! use newsgraph::relate::{Arg, Coarse, RelationClassifier};
//! use newsgraph::model::Span;
//! let text = "Anna Berg, a spokeswoman for Nordbank, said the bank is based in Oslo.";
//! let doc = newsgraph::segment::segment(text);
//! let arg = |s: &str, kind| {
//!     let start = text.find(s).unwrap();
//!     Arg { span: Span::new(start, start + s.len()), kind }
//! };
//! let args = [arg("Anna Berg", Coarse::Per), arg("Nordbank", Coarse::Org), arg("Oslo", Coarse::Loc)];
//! let found = RelationClassifier::builtin().relations(&doc, &args);
//! assert!(found.iter().any(|r| (r.head, r.tail, r.predicate.name()) == (0, 1, "worksFor")));
//! ```

mod features;
mod model;
mod train;

use std::sync::{Arc, OnceLock};

pub use features::{Prepared, RelationFeatures};
pub use model::{RelationModel, RelationProvenance};
pub use train::train_map;
pub(crate) use train::{annotated, gold_args};
pub use train::{train_relations, RelationExamples, RelationTrainOptions, EVAL_MAP, TRAIN_EXTRA};

use crate::lexicon::Lexicon;
use crate::model::{
    Document, EntityId, EntityKind, Mention, MentionId, Polarity, Predicate, Resolution, Span, Statement, StatementRule,
};

/// The coarse entity type relations are typed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Coarse {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A country, city or other place (and a demonym, which names a country).
    Loc,
}

impl Coarse {
    /// The coarse type of an entity kind.
    pub const fn of_kind(kind: EntityKind) -> Coarse {
        match kind {
            EntityKind::Person => Coarse::Per,
            EntityKind::Organisation => Coarse::Org,
            EntityKind::Country | EntityKind::Place => Coarse::Loc,
        }
    }

    /// The coarse type of a gold label: `PER`, `ORG`, and `LOC`, `GPE` or `NORP` (a
    /// nationality) for places; `None` for other labels.
    pub fn from_gold(label: &str) -> Option<Coarse> {
        match label {
            "PER" => Some(Coarse::Per),
            "ORG" => Some(Coarse::Org),
            "LOC" | "GPE" | "NORP" => Some(Coarse::Loc),
            _ => None,
        }
    }

    /// `PER`, `ORG` or `LOC`.
    pub const fn name(self) -> &'static str {
        match self {
            Coarse::Per => "PER",
            Coarse::Org => "ORG",
            Coarse::Loc => "LOC",
        }
    }
}

/// The classes the model scores; class 0 is "no relation".
pub const CLASSES: [Option<Predicate>; 6] = [
    None,
    Some(Predicate::WorksFor),
    Some(Predicate::BasedIn),
    Some(Predicate::LocatedIn),
    Some(Predicate::LivesIn),
    Some(Predicate::Nationality),
];

/// Number of classes.
pub const N_CLASSES: usize = CLASSES.len();

/// The class of a predicate, if the model predicts it.
pub fn class_of(predicate: Predicate) -> Option<usize> {
    CLASSES.iter().position(|c| *c == Some(predicate))
}

/// The relation classes (besides "no relation") a head and tail of these types can take.
pub const fn allowed(head: Coarse, tail: Coarse) -> &'static [usize] {
    match (head, tail) {
        (Coarse::Per, Coarse::Org) => &[1],
        (Coarse::Org, Coarse::Loc) => &[2],
        (Coarse::Loc, Coarse::Loc) => &[3],
        (Coarse::Per, Coarse::Loc) => &[4, 5],
        _ => &[],
    }
}

/// An entity mention as the classifier sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// Byte span in the document.
    pub span: Span,
    /// Its coarse type.
    pub kind: Coarse,
}

/// A relation found between two arguments (indexes into the slice given).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundRelation {
    /// The head (subject) argument.
    pub head: usize,
    /// The tail (object) argument.
    pub tail: usize,
    /// The relation.
    pub predicate: Predicate,
    /// How far the relation's score is above the best other class, squashed into 0.5–1.
    pub confidence: f32,
}

/// Candidate pairs: every ordered pair of arguments in one sentence whose types allow a
/// relation, as `(head, tail)`.
pub fn candidates(doc: &Document, args: &[Arg]) -> Vec<(usize, usize)> {
    let sentence: Vec<Option<usize>> = args.iter().map(|a| doc.sentence_at(a.span.start)).collect();
    let mut out = Vec::new();
    for h in 0..args.len() {
        for t in 0..args.len() {
            if h != t
                && sentence[h].is_some()
                && sentence[h] == sentence[t]
                && !args[h].span.overlaps(args[t].span)
                && !allowed(args[h].kind, args[t].kind).is_empty()
            {
                out.push((h, t));
            }
        }
    }
    out
}

/// The feature extractor and a model.
#[derive(Debug, Clone)]
pub struct RelationClassifier {
    features: RelationFeatures,
    model: Arc<RelationModel>,
    min_confidence: f32,
}

/// The confidence below which the pipeline does not report a relation. At 0.6, CoNLL04 dev
/// precision is 0.90 (recall 0.50); at 0.5, the classifier's own decision, 0.78 (recall 0.72):
/// `newsgraph eval relations --min-confidence P`.
pub const MIN_CONFIDENCE: f32 = 0.6;

/// The bytes of the committed model, `data/models/relations.bin`, compiled into the binary.
pub static BUILTIN_MODEL_BYTES: &[u8] = include_bytes!("../../data/models/relations.bin");

impl RelationClassifier {
    /// The committed model (`data/models/relations.bin`) over the built-in lexicon.
    pub fn builtin() -> Self {
        RelationClassifier::new(Lexicon::builtin(), RelationClassifier::builtin_model())
    }

    /// The committed model, decoded once.
    pub fn builtin_model() -> Arc<RelationModel> {
        static MODEL: OnceLock<Arc<RelationModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                Arc::new(RelationModel::from_bytes(BUILTIN_MODEL_BYTES).expect("the built-in relation model decodes"))
            })
            .clone()
    }

    /// A classifier with this lexicon and model.
    pub fn new(lexicon: Arc<Lexicon>, model: Arc<RelationModel>) -> Self {
        RelationClassifier { features: RelationFeatures::new(lexicon), model, min_confidence: MIN_CONFIDENCE }
    }

    /// Reports only relations of at least this confidence (0.5: every relation the model
    /// prefers to none).
    pub fn with_min_confidence(mut self, min: f32) -> Self {
        self.min_confidence = min;
        self
    }

    /// The relations among `args` (mentions of one document, in any order). A tail that is
    /// another argument's possessive owner ("DAB's Ben Chan and FTU's Alice Mak": FTU is Alice
    /// Mak's), or attached to a person between ("Claudia Mo of the Civic Party and Wong Pik-wan of
    /// the Democratic Party"), is no relation of an argument before it. (Keeping one tail per head and relation
    /// in a sentence was tried: it cut KnowledgeNet dev recall from 0.89 to 0.59, as people work
    /// for several organisations named in one sentence.)
    pub fn relations(&self, doc: &Document, args: &[Arg]) -> Vec<FoundRelation> {
        let mut out = Vec::new();
        let mut buffer = Vec::new();
        // arguments followed by "'s" and another argument: the possessive owner of that one
        let owner_of_next: Vec<bool> = args
            .iter()
            .map(|a| {
                let rest = &doc.text[a.span.end..];
                let after = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s "));
                after.is_some_and(|after| {
                    let at = doc.text.len() - after.len();
                    args.iter().any(|b| b.span.start == at)
                })
            })
            .collect();
        // "P2 of the ORG": the organisation attached to the person right before it
        let attached_to: Vec<Option<usize>> = args
            .iter()
            .map(|a| {
                args.iter().position(|b| {
                    b.kind == Coarse::Per && b.span.end <= a.span.start && {
                        let gap = doc.text[b.span.end..a.span.start].trim();
                        matches!(gap, "of" | "of the" | "from" | "from the")
                    }
                })
            })
            .collect();
        let prepared = self.features.prepare(doc, args);
        for (h, t) in candidates(doc, args) {
            let before = args[h].span.start < args[t].span.start;
            if before
                && (owner_of_next[t]
                    || attached_to[t].is_some_and(|p| p != h && args[p].span.start > args[h].span.start))
            {
                continue;
            }
            buffer.clear();
            self.features.extract_prepared(&prepared, h, t, &mut buffer);
            let scores = self.model.scores(&buffer);
            let allowed = allowed(args[h].kind, args[t].kind);
            let best = allowed.iter().copied().max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
            let Some(best) = best else { continue };
            let runner_up = allowed.iter().filter(|&&c| c != best).map(|&c| scores[c]).fold(scores[0], f32::max);
            let margin = scores[best] - runner_up;
            let confidence = 1.0 / (1.0 + (-margin / self.model.scale()).exp());
            if margin > 0.0 && confidence >= self.min_confidence {
                let predicate = CLASSES[best].expect("allowed classes are relations");
                out.push(FoundRelation { head: h, tail: t, predicate, confidence });
            }
        }
        out
    }
}

/// The relations the pipeline takes from the classifier. Judged by hand on statements drawn
/// from real news (docs/accuracy.md), its `livesIn` (3 of 19 right: a player's country or club
/// in a squad list, a place merely named beside a person) is not worth reporting, and its
/// `worksFor` (7 of 17: a film an actor played in, the broadcaster a person spoke to,
/// neighbours in a list) only where the organisation is attached to the person (`attached`:
/// "Claudia Mo of the Civic Party", "DAB's Ben Chan"); the title and apposition rules find the
/// other affiliations a reader names (12 of 13 right). `newsgraph eval relations` still scores
/// every relation the classifier predicts.
pub const REPORTED: [Predicate; 4] =
    [Predicate::WorksFor, Predicate::BasedIn, Predicate::LocatedIn, Predicate::Nationality];

/// Whether a place or an organisation is attached to the entity it is related to, as news
/// writes a nationality, a base, a location or a party: after it, in brackets or after a
/// preposition ("Roger Federer (Switzerland)", "Nordbank of Oslo", "Aceh, Indonesia", "Claudia
/// Mo of the Civic Party"), or before it as a modifier of at most three words ("the Swedish
/// singer Anna Berg", "Oslo-based Nordbank", "Norway's Nordbank", "DAB's Ben Chan"). Not a
/// venue, a possession or a neighbour in a list named near it ("played at American football's
/// Super Bowl", "HMV, Virgin and Zavvi", "its UK head of tax").
fn attached(doc: &Document, predicate: Predicate, head: Span, place: Span) -> bool {
    if place.start >= head.end {
        let gap = doc.text[head.end..place.start].trim();
        let after = doc.text[place.end..].trim_start();
        let listed = after.starts_with(',') || after.starts_with("and ") || after.starts_with("or ");
        return match predicate {
            Predicate::Nationality => matches!(gap, "(" | "of" | "from" | ", of" | ", from"),
            Predicate::BasedIn => matches!(gap, "(" | "of" | "in" | "based in" | ", based in" | "in the"),
            Predicate::WorksFor => matches!(gap, "(" | "of" | "of the" | "from" | "from the" | "at" | "at the"),
            _ => matches!(gap, "(" | "in" | "of" | "in the") || (gap == "," && !listed),
        };
    }
    let gap = &doc.text[place.end..head.start];
    let gap = gap.strip_prefix("'s").or_else(|| gap.strip_prefix("’s")).unwrap_or(gap);
    let words: Vec<&str> = gap.split_whitespace().collect();
    let joins = words.iter().any(|w| matches!(*w, "and" | "or" | "with" | "to" | "by" | "at" | "in" | "on" | "for"));
    words.len() <= 3 && !joins && gap.chars().all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '-')
}

impl RelationClassifier {
    /// Statements for the relations between resolved mentions of different entities, each with
    /// its sentence, the words between the two as its cue, and the model's confidence: only the
    /// [`REPORTED`] relations, a person's country in brackets as their nationality, and each
    /// only when its place is attached to the entity (`attached`).
    pub fn statements(&self, doc: &Document, mentions: &[Mention], resolution: &Resolution) -> Vec<Statement> {
        let resolved: Vec<(EntityId, &Mention)> = mentions
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((resolution.entity_of(MentionId(i as u32))?, m)))
            .collect();
        let args: Vec<Arg> = resolved
            .iter()
            .map(|(e, m)| Arg { span: m.span, kind: Coarse::of_kind(resolution.entity(*e).kind) })
            .collect();
        let mut out = Vec::new();
        for r in self.relations(doc, &args) {
            let (subject, object) = (resolved[r.head].0, resolved[r.tail].0);
            if subject == object {
                continue;
            }
            let (h, t) = (args[r.head].span, args[r.tail].span);
            let bracketed = doc.text[h.end..t.start.max(h.end)].trim() == "("
                && resolution.entity(object).kind == EntityKind::Country;
            let predicate = match r.predicate {
                Predicate::LivesIn | Predicate::Nationality if bracketed => Predicate::Nationality,
                p if !REPORTED.contains(&p) || !attached(doc, p, h, t) => continue,
                p => p,
            };
            let r = FoundRelation { predicate, ..r };
            let Some(sentence) = doc.sentence_at(h.start) else { continue };
            let evidence = Span::new(h.start.min(t.start), h.end.max(t.end));
            let (left, right) = if h.start < t.start { (h, t) } else { (t, h) };
            let gap = &doc.text[left.end..right.start];
            let cue = if gap.trim().is_empty() {
                evidence
            } else {
                let start = left.end + (gap.len() - gap.trim_start().len());
                Span::new(start, right.start - (gap.len() - gap.trim_end().len()))
            };
            // two mentions of the same pair in one sentence make one statement, the surer one
            if let Some(same) = out.iter_mut().find(|s: &&mut Statement| {
                (s.subject, s.predicate, s.object, s.sentence)
                    == (subject, r.predicate, Some(object), doc.sentences[sentence].span)
            }) {
                if r.confidence > same.confidence {
                    same.confidence = r.confidence;
                }
                continue;
            }
            out.push(Statement {
                subject,
                predicate: r.predicate,
                object: Some(object),
                targets: Vec::new(),
                sentence: doc.sentences[sentence].span,
                evidence,
                cue,
                quote: None,
                medium: None,
                cameo: None,
                polarity: Polarity::Asserted,
                rule: StatementRule::RelationModel,
                confidence: r.confidence,
                subject_mention: Some(h),
                object_mention: Some(t),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str, names: &[(&str, Coarse)]) -> Vec<Arg> {
        names
            .iter()
            .map(|(s, kind)| {
                let start = text.find(s).unwrap();
                Arg { span: Span::new(start, start + s.len()), kind: *kind }
            })
            .collect()
    }

    #[test]
    fn candidates_pair_allowed_types_within_a_sentence() {
        let text = "Anna Berg of Nordbank met Olaf Dahl. Oslo is far.";
        let doc = crate::segment::segment(text);
        let a = args(
            text,
            &[("Anna Berg", Coarse::Per), ("Nordbank", Coarse::Org), ("Olaf Dahl", Coarse::Per), ("Oslo", Coarse::Loc)],
        );
        // person → organisation both ways round in the text; no person → person; Oslo is in
        // another sentence
        assert_eq!(candidates(&doc, &a), [(0, 1), (2, 1)]);
    }

    #[test]
    fn possessive_and_attached_organisations_belong_to_the_nearer_person() {
        let text = "Elected were DAB's Ben Chan and FTU's Alice Mak, and Claudia Mo of the Civic Party \
                    and Wong Pik-wan of the Democratic Party.";
        let doc = crate::segment::segment(text);
        let a = args(
            text,
            &[
                ("DAB", Coarse::Org),
                ("Ben Chan", Coarse::Per),
                ("FTU", Coarse::Org),
                ("Alice Mak", Coarse::Per),
                ("Claudia Mo", Coarse::Per),
                ("Civic Party", Coarse::Org),
                ("Wong Pik-wan", Coarse::Per),
                ("Democratic Party", Coarse::Org),
            ],
        );
        let found = RelationClassifier::builtin().with_min_confidence(0.5).relations(&doc, &a);
        let pairs: Vec<(usize, usize)> = found.iter().map(|r| (r.head, r.tail)).collect();
        assert!(!pairs.contains(&(1, 2)), "Ben Chan is not FTU's: {found:?}");
        assert!(!pairs.contains(&(4, 7)), "Claudia Mo is not the Democratic Party's: {found:?}");
    }

    #[test]
    fn places_are_related_only_when_attached() {
        let check = |text: &str, predicate, head: &str, place: &str| {
            let doc = crate::segment::segment(text);
            let span = |s: &str| {
                let start = text.find(s).unwrap();
                Span::new(start, start + s.len())
            };
            attached(&doc, predicate, span(head), span(place))
        };
        assert!(check("The boat sank off Aceh, Indonesia.", Predicate::LocatedIn, "Aceh", "Indonesia"));
        assert!(!check("It covered Cardiff, Bangor and Swansea.", Predicate::LocatedIn, "Cardiff", "Bangor"));
        assert!(check("Roger Federer (Switzerland) won.", Predicate::Nationality, "Roger Federer", "Switzerland"));
        assert!(check("The Swiss star Roger Federer won.", Predicate::Nationality, "Roger Federer", "Swiss"));
        let venue = "Paul McCartney played at American football's Super Bowl.";
        assert!(!check(venue, Predicate::Nationality, "Paul McCartney", "American"));
        assert!(check("Oslo-based Nordbank grew.", Predicate::BasedIn, "Nordbank", "Oslo"));
        assert!(check("Norway's Nordbank grew.", Predicate::BasedIn, "Nordbank", "Norway"));
        assert!(!check("Nordbank, Unibank and Oslo Bors fell.", Predicate::BasedIn, "Nordbank", "Oslo"));
        assert!(!check("Oslo and Nordbank agreed.", Predicate::BasedIn, "Nordbank", "Oslo"));
        assert!(!check(
            "Ernst & Young's UK head of tax, Mike Warburton, spoke.",
            Predicate::BasedIn,
            "Ernst & Young",
            "UK"
        ));
    }

    #[test]
    fn model_bytes_round_trip_and_give_the_same_scores() {
        let model = RelationClassifier::builtin_model();
        let again = RelationModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.features(), model.features());
        assert_eq!(again.to_bytes(), model.to_bytes());
        let text = "Anna Berg, a spokeswoman for Nordbank, said so.";
        let doc = crate::segment::segment(text);
        let a = args(text, &[("Anna Berg", Coarse::Per), ("Nordbank", Coarse::Org)]);
        let mut f = Vec::new();
        RelationFeatures::new(Lexicon::builtin()).extract(&doc, &a, 0, 1, &mut f);
        assert_eq!(again.scores(&f), model.scores(&f));
        assert!(RelationModel::from_bytes(b"junk").is_err());
    }
}
