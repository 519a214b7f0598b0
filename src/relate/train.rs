//! Training the relation classifier on annotated relations (CoNLL04, KnowledgeNet).

use rustc_hash::FxHashMap;

use super::model::RelationProvenance;
use super::{allowed, candidates, class_of, Arg, Coarse, RelationFeatures, RelationModel, N_CLASSES};
use crate::gold::GoldDoc;
use crate::learn::perceptron::{AveragedWeights, FeatureWeights};
use crate::learn::shuffle::SeededOrder;
use crate::model::{CharIndex, Document, Predicate};

/// Dataset labels and the predicates they are scored as (`newsgraph eval relations`):
/// CoNLL04's four and KnowledgeNet's three that newsgraph extracts.
pub const EVAL_MAP: [(&str, Predicate); 7] = [
    ("Work_For", Predicate::WorksFor),
    ("OrgBased_In", Predicate::BasedIn),
    ("Located_In", Predicate::LocatedIn),
    ("Live_In", Predicate::LivesIn),
    ("EMPLOYEE_OR_MEMBER_OF", Predicate::WorksFor),
    ("NATIONALITY", Predicate::Nationality),
    ("HEADQUARTERS", Predicate::BasedIn),
];

/// Dataset labels learnt from besides [`EVAL_MAP`]: KnowledgeNet's place of residence as
/// `livesIn`. A label maps only where the pair's types allow the predicate. (re3d's `BelongsTo`
/// as `worksFor` and `HasAttrOf` as `nationality` were tried and lowered CoNLL04 dev F1 by 0.03:
/// its pairs under other labels are left out, the rest are negatives.)
pub const TRAIN_EXTRA: [(&str, Predicate); 1] = [("PLACE_OF_RESIDENCE", Predicate::LivesIn)];

/// The mapping training uses: [`EVAL_MAP`] and [`TRAIN_EXTRA`].
pub fn train_map() -> Vec<(String, Predicate)> {
    EVAL_MAP.iter().chain(&TRAIN_EXTRA).map(|(l, p)| ((*l).to_owned(), *p)).collect()
}

/// Training options.
#[derive(Debug, Clone)]
pub struct RelationTrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
}

impl Default for RelationTrainOptions {
    fn default() -> Self {
        RelationTrainOptions { epochs: 10, seed: 7 }
    }
}

/// What the training data gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationExamples {
    /// Documents read.
    pub docs: usize,
    /// Documents skipped for a non-commercial licence.
    pub skipped_licence: usize,
    /// Candidate pairs per class (class 0: no relation).
    pub per_class: [usize; N_CLASSES],
    /// Candidate pairs left out: they hold a relation newsgraph does not extract, or their
    /// passage is not annotated for the relations their types allow.
    pub left_out: usize,
}

/// A document's gold entities of a relation type, as arguments, with the index of each one's
/// gold entity.
pub(crate) fn gold_args(doc: &GoldDoc, index: &CharIndex) -> (Vec<Arg>, Vec<usize>) {
    let mut args = Vec::new();
    let mut of = Vec::new();
    for (i, e) in doc.entities.iter().enumerate() {
        let (Some(kind), Some(span)) = (Coarse::from_gold(&e.kind), doc.byte_span(index, e.start, e.end)) else {
            continue;
        };
        args.push(Arg { span, kind });
        of.push(i);
    }
    (args, of)
}

/// True when the document annotates every relation `classes` stand for at the code point range
/// `[start, end)`: always without passages, else when a passage holding the range is annotated
/// for a label of each class.
pub(crate) fn annotated(
    doc: &GoldDoc,
    start: usize,
    end: usize,
    classes: &[usize],
    map: &[(String, Predicate)],
) -> bool {
    if doc.passages.is_empty() {
        return true;
    }
    doc.passages.iter().filter(|p| p.start <= start && end <= p.end).any(|p| {
        classes.iter().all(|&c| {
            p.properties.iter().any(|label| map.iter().any(|(l, pred)| l == label && class_of(*pred) == Some(c)))
        })
    })
}

/// Labelled candidate pairs of one document: `(head, tail, class)` over `args`.
fn labelled(
    doc: &GoldDoc,
    seg: &Document,
    args: &[Arg],
    of: &[usize],
    map: &[(String, Predicate)],
    report: &mut RelationExamples,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (h, t) in candidates(seg, args) {
        let (gh, gt) = (of[h], of[t]);
        let labels: Vec<&str> =
            doc.relations.iter().filter(|r| r.head == gh && r.tail == gt).map(|r| r.kind.as_str()).collect();
        let allowed = allowed(args[h].kind, args[t].kind);
        let class = labels.iter().find_map(|l| {
            let (_, p) = map.iter().find(|(m, _)| m == l)?;
            class_of(*p).filter(|c| allowed.contains(c))
        });
        let start = doc.entities[gh].start.min(doc.entities[gt].start);
        let end = doc.entities[gh].end.max(doc.entities[gt].end);
        match class {
            Some(c) => out.push((h, t, c)),
            None if labels.is_empty() && annotated(doc, start, end, allowed, map) => out.push((h, t, 0)),
            None => report.left_out += 1,
        }
    }
    out
}

/// Trains a model on the relations of `docs`, mapping dataset labels with `map` (dataset
/// label, predicate). Records whose licence is non-commercial are skipped. Deterministic: the
/// same data, options and seed give the same model.
pub fn train_relations(
    docs: &[GoldDoc],
    map: &[(String, Predicate)],
    features: &RelationFeatures,
    options: &RelationTrainOptions,
    data: Vec<String>,
) -> (RelationModel, RelationExamples) {
    let mut report = RelationExamples::default();
    // (features, allowed classes, gold class)
    let mut examples: Vec<(Vec<u64>, &'static [usize], usize)> = Vec::new();
    for doc in docs {
        if doc.license.as_deref().is_some_and(|l| l.contains("NC")) {
            report.skipped_licence += 1;
            continue;
        }
        report.docs += 1;
        let seg = crate::segment::segment(&doc.text);
        let index = CharIndex::new(&doc.text);
        let (args, of) = gold_args(doc, &index);
        let prepared = features.prepare(&seg, &args);
        for (h, t, class) in labelled(doc, &seg, &args, &of, map, &mut report) {
            let mut f = Vec::new();
            features.extract_prepared(&prepared, h, t, &mut f);
            report.per_class[class] += 1;
            examples.push((f, allowed(args[h].kind, args[t].kind), class));
        }
    }

    let averaged = fit(&examples, options);
    // confidences are relative to the mean margin of right predictions of a relation
    let margins: Vec<f32> = examples
        .iter()
        .filter(|(_, _, gold)| *gold != 0)
        .filter_map(|(f, allowed, gold)| {
            let s = averaged.scores(f);
            let other = allowed.iter().filter(|&&c| c != *gold).map(|&c| s[c]).fold(s[0], f32::max);
            (s[*gold] > other).then_some(s[*gold] - other)
        })
        .collect();
    let scale = if margins.is_empty() { 1.0 } else { margins.iter().sum::<f32>() / margins.len() as f32 };
    let provenance = RelationProvenance { data, examples: examples.len(), epochs: options.epochs, seed: options.seed };
    (RelationModel::new(averaged, scale, provenance), report)
}

/// The multi-class perceptron over `(features, allowed classes, gold class)` examples: a row of
/// weights for each feature hash that was ever updated, averaged over every step.
fn fit(examples: &[(Vec<u64>, &'static [usize], usize)], options: &RelationTrainOptions) -> FeatureWeights<N_CLASSES> {
    let mut rows: FxHashMap<u64, usize> = FxHashMap::default();
    let mut table = AveragedWeights::<N_CLASSES>::new(0);
    let mut order = SeededOrder::new(examples.len(), options.seed);
    for _ in 0..options.epochs {
        for &k in order.next_pass() {
            let (f, allowed, gold) = &examples[k];
            let guess = best_class(&table.scores(f.iter().filter_map(|h| rows.get(h).copied())), allowed);
            if guess != *gold {
                for h in f {
                    let r = *rows.entry(*h).or_insert_with(|| table.push_row());
                    table.reward(r, *gold, guess);
                }
            }
            table.tick();
        }
    }
    // averaged weights (Collins): w − Σ(step·update) / steps
    let averaged = table.averaged();
    rows.iter().map(|(&k, &r)| (k, averaged[r])).collect()
}

/// The best of "no relation" and the allowed classes (ties: the first).
fn best_class(s: &[f32; N_CLASSES], allowed: &[usize]) -> usize {
    std::iter::once(0).chain(allowed.iter().copied()).fold(0, |best, c| if s[c] > s[best] { c } else { best })
}
