//! Relation extraction scored strictly: a predicted relation is right when its head span, tail
//! span and type all equal a gold relation's, mapped to newsgraph's predicates.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::Counts;
use crate::gold::GoldDoc;
use crate::model::{CharIndex, Predicate, Span};
use crate::recognize::Recognizer;
use crate::relate::{class_of, Arg, Coarse, RelationClassifier};

/// Scores per predicate, and over all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelationReport {
    /// Documents scored.
    pub docs: usize,
    /// Entities used: `gold` or `predicted`.
    pub entities: &'static str,
    /// Counts per predicate scored (every predicate the map names).
    pub per_type: BTreeMap<&'static str, Counts>,
}

impl RelationReport {
    /// Micro-averaged counts over the scored predicates.
    pub fn micro(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.per_type.values() {
            all.gold += c.gold;
            all.pred += c.pred;
            all.tp += c.tp;
            all.fp += c.fp;
            all.fn_ += c.fn_;
        }
        all
    }
}

impl std::fmt::Display for RelationReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "docs {}, {} entities", self.docs, self.entities)?;
        writeln!(
            f,
            "{:<14} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "TYPE", "GOLD", "PRED", "TP", "FP", "FN", "P", "R", "F1"
        )?;
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, c: &Counts| {
            let (p, r, f1) = c.prf();
            writeln!(
                f,
                "{name:<14} {:>6} {:>6} {:>6} {:>6} {:>6} {p:>7.3} {r:>7.3} {f1:>7.3}",
                c.gold, c.pred, c.tp, c.fp, c.fn_
            )
        };
        for (name, c) in &self.per_type {
            row(f, name, c)?;
        }
        row(f, "MICRO", &self.micro())
    }
}

/// One document's gold and predicted relations (head span, tail span, predicate).
type Found = (BTreeSet<(Span, Span, Predicate)>, BTreeSet<(Span, Span, Predicate)>);

/// Scores `classifier` on the relations of `docs` whose labels `map` maps to a predicate; a
/// predicate none of whose labels the documents use is not scored. The entities are the gold
/// ones, or `recognizer`'s. In a document annotated by passages
/// (KnowledgeNet), a predicted relation counts only inside a passage annotated for its label.
pub fn evaluate_relations(
    docs: &[GoldDoc],
    classifier: &RelationClassifier,
    map: &[(String, Predicate)],
    recognizer: Option<&dyn Recognizer>,
) -> RelationReport {
    let mut report = RelationReport {
        entities: if recognizer.is_some() { "predicted" } else { "gold" },
        ..RelationReport::default()
    };
    // a predicate is scored when the file annotates one of its labels at all: CoNLL04 has no
    // nationality, KnowledgeNet no place-in-place
    let used: BTreeSet<&str> = docs.iter().flat_map(|d| &d.relations).map(|r| r.kind.as_str()).collect();
    let scored: BTreeSet<Predicate> =
        map.iter().filter(|(label, _)| used.contains(label.as_str())).map(|(_, p)| *p).collect();
    for p in &scored {
        report.per_type.insert(p.name(), Counts::default());
    }
    // documents are scored in parallel (in the caller's rayon pool) and added up in order
    let found: Vec<Found> = docs
        .par_iter()
        .map(|doc| {
            let seg = crate::segment::segment(&doc.text);
            let index = CharIndex::new(&doc.text);
            let span_of = |i: usize| {
                let e = &doc.entities[i];
                doc.byte_span(&index, e.start, e.end)
            };
            let mut gold: BTreeSet<(Span, Span, Predicate)> = BTreeSet::new();
            for r in &doc.relations {
                let Some((_, p)) = map.iter().find(|(label, _)| *label == r.kind) else { continue };
                if let (Some(h), Some(t)) = (span_of(r.head), span_of(r.tail)) {
                    gold.insert((h, t, *p));
                }
            }
            let args: Vec<Arg> = match recognizer {
                Some(r) => {
                    r.recognize(&seg).iter().map(|m| Arg { span: m.span, kind: Coarse::of_kind(m.kind) }).collect()
                }
                None => crate::relate::gold_args(doc, &index).0,
            };
            let mut predicted: BTreeSet<(Span, Span, Predicate)> = BTreeSet::new();
            for found in classifier.relations(&seg, &args) {
                if !scored.contains(&found.predicate) {
                    continue;
                }
                let (h, t) = (args[found.head].span, args[found.tail].span);
                let (hs, he) = index.to_chars(h);
                let (ts, te) = index.to_chars(t);
                let class = class_of(found.predicate).expect("the classifier predicts its classes");
                if crate::relate::annotated(doc, hs.min(ts), he.max(te), &[class], map) {
                    predicted.insert((h, t, found.predicate));
                }
            }
            (gold, predicted)
        })
        .collect();
    for (gold, predicted) in found {
        report.docs += 1;
        for p in &scored {
            let c = report.per_type.get_mut(p.name()).expect("every scored predicate has a row");
            let g: BTreeSet<_> = gold.iter().filter(|x| x.2 == *p).collect();
            let q: BTreeSet<_> = predicted.iter().filter(|x| x.2 == *p).collect();
            let tp = g.intersection(&q).count();
            c.gold += g.len();
            c.pred += q.len();
            c.tp += tp;
            c.fp += q.len() - tp;
            c.fn_ += g.len() - tp;
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::{GoldEntity, GoldRelation};

    #[test]
    fn relations_score_head_tail_and_type_strictly() {
        let text = "Anna Berg, a spokeswoman for Nordbank, lives in Oslo.";
        let at = |s: &str, kind: &str| {
            let start = text.find(s).unwrap();
            GoldEntity::new(start, start + s.len(), kind)
        };
        let relation = |head, tail, kind: &str| GoldRelation { head, tail, kind: kind.into() };
        let doc = GoldDoc {
            entities: vec![at("Anna Berg", "PER"), at("Nordbank", "ORG"), at("Oslo", "LOC")],
            relations: vec![relation(0, 1, "Work_For"), relation(0, 2, "Live_In")],
            ..GoldDoc::new("d", text, &[])
        };
        let map: Vec<(String, Predicate)> =
            crate::relate::EVAL_MAP.iter().map(|(l, p)| ((*l).to_owned(), *p)).collect();
        let r = evaluate_relations(&[doc], &RelationClassifier::builtin(), &map, None);
        let micro = r.micro();
        assert_eq!(micro.gold, 2);
        assert_eq!(micro.tp + micro.fn_, 2);
        assert_eq!(micro.tp + micro.fp, micro.pred);
        assert!(micro.tp >= 1, "{r}");
        // the predicates of the labels the file uses have a row, the others none
        assert_eq!(r.per_type.keys().copied().collect::<Vec<_>>(), ["livesIn", "worksFor"]);
    }
}
