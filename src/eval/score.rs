//! Exact-span scoring, the same as `score_ner.py` of the baselines: spans are sets of
//! `(start, end, type)` in code points per document; micro P/R/F1 overall and per type; an
//! untyped exact-span score and a same-type overlap score as diagnostics.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::gold::GoldDoc;
use crate::model::CharIndex;

/// A predicted entity in the baselines' output format (code points, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Predicted {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// `PER`, `ORG`, `LOC`, or a label that is not scored (`NORP`).
    pub label: String,
    /// The surface text.
    pub text: String,
}

/// Scoring settings.
#[derive(Debug, Clone)]
pub struct ScoreOptions {
    /// Scored types; gold and predicted entities of other types are dropped.
    pub types: Vec<String>,
    /// Gold type renames, applied before filtering (`GPE` → `LOC`).
    pub gold_map: BTreeMap<String, String>,
    /// Cut a leading "the " from every span before comparing.
    pub strip_det: bool,
    /// How many false positives and negatives to list.
    pub errors: usize,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            types: vec!["PER".into(), "ORG".into(), "LOC".into()],
            gold_map: BTreeMap::from([("GPE".to_owned(), "LOC".to_owned())]),
            strip_det: false,
            errors: 0,
        }
    }
}

/// Counts for one type, or for all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold entities kept.
    pub gold: usize,
    /// Predicted entities kept.
    pub pred: usize,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// Precision, recall and F1 (0 where undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        prf(self.tp, self.fp, self.fn_)
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// One listed error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanError {
    /// Document id.
    pub doc: String,
    /// Start (code points).
    pub start: usize,
    /// End (code points).
    pub end: usize,
    /// Type.
    pub kind: String,
    /// Text.
    pub text: String,
}

/// The scores.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Documents scored.
    pub docs: usize,
    /// Per scored type, in the order asked for.
    pub per_type: Vec<(String, Counts)>,
    /// All scored types together.
    pub micro: Counts,
    /// Exact span ignoring type.
    pub untyped: Counts,
    /// Same-type overlapping spans, one-to-one greedy (boundary diagnostics).
    pub overlap_tp: usize,
    /// Predicted labels dropped as not scored, with counts.
    pub dropped_pred: BTreeMap<String, usize>,
    /// Gold types dropped as not scored, with counts.
    pub dropped_gold: BTreeMap<String, usize>,
    /// The first false positives.
    pub false_positives: Vec<SpanError>,
    /// All false positives and negatives, before the lists were cut.
    pub error_totals: (usize, usize),
    /// The first false negatives.
    pub false_negatives: Vec<SpanError>,
}

type SpanSet = BTreeSet<(usize, usize, String)>;

fn strip_det(index: &CharIndex, text: &str, s: usize, e: usize) -> (usize, usize) {
    let seg = |a: usize, b: usize| match (index.byte_offset(a), index.byte_offset(b.min(e))) {
        (Some(x), Some(y)) => &text[x..y],
        _ => "",
    };
    if e > s + 4 && seg(s, s + 4).to_lowercase() == "the " {
        (s + 4, e)
    } else {
        (s, e)
    }
}

fn overlap_matches(gold: &SpanSet, pred: &SpanSet) -> usize {
    let pred: Vec<&(usize, usize, String)> = pred.iter().collect();
    let mut used = vec![false; pred.len()];
    let mut n = 0;
    for (gs, ge, gt) in gold {
        let mut best: Option<(usize, usize)> = None;
        for (j, (ps, pe, pt)) in pred.iter().map(|p| (&p.0, &p.1, &p.2)).enumerate() {
            if used[j] || pt != gt || pe <= gs || ps >= ge {
                continue;
            }
            let ov = ge.min(pe) - gs.max(ps);
            if best.is_none_or(|(b, _)| ov > b) {
                best = Some((ov, j));
            }
        }
        if let Some((_, j)) = best {
            used[j] = true;
            n += 1;
        }
    }
    n
}

/// Scores predictions (one list per gold document, same order) against the gold documents.
pub fn score(gold: &[GoldDoc], predictions: &[Vec<Predicted>], options: &ScoreOptions) -> Report {
    let mut report = Report { docs: gold.len(), ..Report::default() };
    let mut per_type: BTreeMap<&str, Counts> = options.types.iter().map(|t| (t.as_str(), Counts::default())).collect();
    let mut all_fp = Vec::new();
    let mut all_fn = Vec::new();
    for (doc, preds) in gold.iter().zip(predictions) {
        let index = CharIndex::new(&doc.text);
        let normalise =
            |s: usize, e: usize| if options.strip_det { strip_det(&index, &doc.text, s, e) } else { (s, e) };
        let mut g = SpanSet::new();
        for e in &doc.entities {
            let t = options.gold_map.get(&e.kind).unwrap_or(&e.kind);
            if !options.types.contains(t) {
                *report.dropped_gold.entry(e.kind.clone()).or_default() += 1;
                continue;
            }
            let (s, en) = normalise(e.start, e.end);
            g.insert((s, en, t.clone()));
        }
        let mut p = SpanSet::new();
        for e in preds {
            if !options.types.contains(&e.label) {
                *report.dropped_pred.entry(e.label.clone()).or_default() += 1;
                continue;
            }
            let (s, en) = normalise(e.start, e.end);
            p.insert((s, en, e.label.clone()));
        }
        for t in &options.types {
            let gt: SpanSet = g.iter().filter(|x| &x.2 == t).cloned().collect();
            let pt: SpanSet = p.iter().filter(|x| &x.2 == t).cloned().collect();
            let c = per_type.get_mut(t.as_str()).expect("every type has counts");
            c.gold += gt.len();
            c.pred += pt.len();
            c.tp += gt.intersection(&pt).count();
            c.fp += pt.difference(&gt).count();
            c.fn_ += gt.difference(&pt).count();
            report.overlap_tp += overlap_matches(&gt, &pt);
        }
        let gs: BTreeSet<(usize, usize)> = g.iter().map(|x| (x.0, x.1)).collect();
        let ps: BTreeSet<(usize, usize)> = p.iter().map(|x| (x.0, x.1)).collect();
        report.untyped.tp += gs.intersection(&ps).count();
        report.untyped.fp += ps.difference(&gs).count();
        report.untyped.fn_ += gs.difference(&ps).count();
        if options.errors > 0 {
            let text_of = |s: usize, e: usize| match (index.byte_offset(s), index.byte_offset(e)) {
                (Some(a), Some(b)) if a <= b => doc.text[a..b].to_owned(),
                _ => String::new(),
            };
            let err = |&(s, e, ref t): &(usize, usize, String)| SpanError {
                doc: doc.id.clone(),
                start: s,
                end: e,
                kind: t.clone(),
                text: text_of(s, e),
            };
            all_fp.extend(p.difference(&g).map(err));
            all_fn.extend(g.difference(&p).map(err));
        }
    }
    for t in &options.types {
        let c = per_type.remove(t.as_str()).unwrap_or_default();
        report.micro.gold += c.gold;
        report.micro.pred += c.pred;
        report.micro.tp += c.tp;
        report.micro.fp += c.fp;
        report.micro.fn_ += c.fn_;
        report.per_type.push((t.clone(), c));
    }
    report.error_totals = (all_fp.len(), all_fn.len());
    all_fp.truncate(options.errors);
    all_fn.truncate(options.errors);
    report.false_positives = all_fp;
    report.false_negatives = all_fn;
    report
}

impl std::fmt::Display for Report {
    /// The table `score_ner.py` prints, with the same columns and rounding.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "type", "gold", "pred", "tp", "fp", "fn", "P", "R", "F1"
        )?;
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, c: &Counts| {
            let (p, r, f1) = c.prf();
            writeln!(
                f,
                "{name:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {p:>7.3} {r:>7.3} {f1:>7.3}",
                c.gold, c.pred, c.tp, c.fp, c.fn_
            )
        };
        for (t, c) in &self.per_type {
            row(f, t, c)?;
        }
        row(f, "MICRO", &self.micro)?;
        let (up, ur, uf) = self.untyped.prf();
        let (op, or, of) = prf(self.overlap_tp, self.micro.pred - self.overlap_tp, self.micro.gold - self.overlap_tp);
        writeln!(
            f,
            "untyped exact span: P={up:.3} R={ur:.3} F1={uf:.3} | same-type overlap (diagnostic): P={op:.3} R={or:.3} F1={of:.3}"
        )?;
        if !self.dropped_pred.is_empty() {
            writeln!(f, "dropped pred labels (not in --types): {:?}", self.dropped_pred)?;
        }
        if !self.dropped_gold.is_empty() {
            writeln!(f, "dropped gold types (not in --types): {:?}", self.dropped_gold)?;
        }
        if !self.false_positives.is_empty() || !self.false_negatives.is_empty() {
            writeln!(f, "-- false positives (first {} of {}):", self.false_positives.len(), self.error_totals.0)?;
            for e in &self.false_positives {
                writeln!(f, "  FP {} [{},{}) {} {:?}", e.doc, e.start, e.end, e.kind, e.text)?;
            }
            writeln!(f, "-- false negatives (first {} of {}):", self.false_negatives.len(), self.error_totals.1)?;
            for e in &self.false_negatives {
                writeln!(f, "  FN {} [{},{}) {} {:?}", e.doc, e.start, e.end, e.kind, e.text)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, entities: &[(usize, usize, &str)]) -> GoldDoc {
        GoldDoc::new("d", text, entities)
    }

    fn pred(start: usize, end: usize, label: &str) -> Predicted {
        Predicted { start, end, label: label.into(), text: String::new() }
    }

    #[test]
    fn exact_span_and_type_micro_scores() {
        let gold = [doc("Angela Merkel met the IAEA in Vienna.", &[(0, 13, "PER"), (18, 26, "ORG"), (30, 36, "GPE")])];
        let preds = [vec![pred(0, 13, "PER"), pred(22, 26, "ORG"), pred(30, 36, "LOC"), pred(0, 6, "NORP")]];
        let r = score(&gold, &preds, &ScoreOptions::default());
        assert_eq!((r.micro.tp, r.micro.fp, r.micro.fn_), (2, 1, 1));
        assert_eq!(r.dropped_pred.get("NORP"), Some(&1));
        let strip = ScoreOptions { strip_det: true, ..ScoreOptions::default() };
        let r = score(&gold, &preds, &strip);
        assert_eq!((r.micro.tp, r.micro.fp, r.micro.fn_), (3, 0, 0), "'the IAEA' and 'IAEA' match after stripping");
    }
}
