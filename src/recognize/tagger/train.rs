//! Training: gold documents → BILOU-tagged sentences → an averaged structured perceptron
//! (Collins 2002) with Viterbi decoding. Deterministic: the same data, options and seed give
//! the same model file, byte for byte.

use rustc_hash::FxHashMap;

use super::features::FeatureExtractor;
use super::model::{NerModel, Provenance};
use super::tags::{tag, untag, viterbi, Label, Position, Tag, TAGS};
use crate::gold::GoldDoc;
use crate::learn::perceptron::AveragedWeights;
use crate::learn::shuffle::SeededOrder;
use crate::lexicon::Lexicon;
use crate::model::{CharIndex, Document, Span};

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// Features seen fewer times are left out.
    pub min_count: u32,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 12, seed: 7, min_count: 2, prune: 0.01 }
    }
}

/// One training unit: a sentence (or sentences an entity crosses) with gold tags.
struct Example {
    /// Feature rows per token, flat.
    rows: Vec<u32>,
    /// `rows[offsets[i]..offsets[i + 1]]` are token `i`'s rows.
    offsets: Vec<u32>,
    tags: Vec<Tag>,
}

/// What the conversion of gold documents found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataReport {
    /// Documents read.
    pub documents: usize,
    /// Documents skipped for their licence (non-commercial).
    pub skipped_documents: usize,
    /// Training units (sentences).
    pub sentences: usize,
    /// Tokens.
    pub tokens: usize,
    /// Entities tagged.
    pub entities: usize,
    /// Entities whose edges fall inside a token (tagged on the tokens they cover).
    pub misaligned: usize,
    /// Sentences left out because a noun-phrase span in them names more than one thing.
    pub skipped_sentences: usize,
    /// Entities left out: overlapping another, or (noun-phrase spans) without a proper-name head.
    pub dropped: usize,
}

/// The label a gold entity is learnt as. A name-only (flat) `EVENT` span is learnt as `MISC`:
/// CrossNER marks elections and wars as events around the places in them ("the 2009 European
/// Parliament election in Italy"), and without them those places, left outside every entity,
/// teach the tagger that a country there is no name (CrossNER politics dev +0.007 F1). GUM's
/// events are noun phrases with a head ("the war") and stay unlearnt.
fn label_of(e: &crate::gold::GoldEntity) -> Option<Label> {
    match Label::from_gold(&e.kind) {
        None if e.kind == "EVENT" && e.head_start.is_none() => Some(Label::Misc),
        label => label,
    }
}

/// The gold tags of one document on its own tokens, and the tokens whose tags are unknown
/// (inside a noun phrase that names more than one thing).
fn gold_tags(doc: &GoldDoc, seg: &Document, lexicon: &Lexicon, report: &mut DataReport) -> (Vec<Tag>, Vec<bool>) {
    let index = CharIndex::new(&doc.text);
    let mut tags = vec![0u8; seg.tokens.len()];
    let mut unreliable = vec![false; seg.tokens.len()];
    let mut entities: Vec<(usize, usize, Label, bool)> = Vec::new();
    for e in &doc.entities {
        let Some(label) = label_of(e) else { continue };
        let Some(span) = doc.byte_span(&index, e.start, e.end) else { continue };
        let first = seg.token_at_or_after(span.start);
        let end = seg.tokens.partition_point(|t| t.span.start < span.end);
        if first >= end {
            report.dropped += 1;
            continue;
        }
        let range = match (e.head_start, e.head_end) {
            (Some(hs), Some(he)) => {
                let head = doc.byte_span(&index, hs, he).unwrap_or(span);
                match proper_name_of_phrase(seg, lexicon, first, end, head, label) {
                    Some(r) => r,
                    None => {
                        report.dropped += 1;
                        unreliable[first..end].iter_mut().for_each(|u| *u = true);
                        continue;
                    }
                }
            }
            _ => {
                let aligned = seg.tokens[first].span.start == span.start && seg.tokens[end - 1].span.end == span.end;
                if !aligned {
                    report.misaligned += 1;
                }
                (first, end)
            }
        };
        entities.push((range.0, range.1, label, e.head_start.is_some()));
    }
    // longest first, so that the outer of two nested names wins
    entities.sort_by_key(|&(s, e, _, _)| (s, std::cmp::Reverse(e)));
    for (s, e, label, _) in entities {
        if tags[s..e].iter().any(|&t| t != 0) {
            report.dropped += 1;
            continue;
        }
        report.entities += 1;
        for (p, t) in tags[s..e].iter_mut().enumerate() {
            *t = tag(label, Position::of(p, e - s));
        }
    }
    (tags, unreliable)
}

/// The proper name a noun-phrase span stands for (GUM marks "the Foreign Ministry's" with its
/// head "Ministry"): the span without a leading article or title and a trailing possessive, if
/// what is left is capitalised words (and inner connectors like "of"). `None` otherwise
/// ("U.S. President Donald Trump", "Muslims traveling to the U.S."): such a span names more
/// than one thing, and its sentence is not trained on.
fn proper_name_of_phrase(
    seg: &Document,
    lexicon: &Lexicon,
    first: usize,
    end: usize,
    head: Span,
    label: Label,
) -> Option<(usize, usize)> {
    let is_cap = |i: usize| seg.is_capitalised(i);
    // a person's name has no "of" or "and": "Claudia Mo of the Civic Party" is a person and a party
    let is_connector = |i: usize| {
        label != Label::Per && matches!(seg.token_text(i), "of" | "and" | "for" | "de" | "the" | "&" | "-" | "on")
    };
    let is_title = |i: usize| lexicon.title(seg.token_text(i)).is_some();
    let (mut s, mut e) = (first, end);
    while s < e && (matches!(seg.token_text(s), "the" | "The" | "a" | "an" | "A" | "An") || is_title(s)) {
        s += 1;
    }
    if e > s + 1 && matches!(seg.token_text(e - 1), "'s" | "’s" | "'" | "’") {
        e -= 1;
    }
    let h = seg.token_at_or_after(head.start);
    let ok = s < e
        && (s..e).contains(&h)
        && is_cap(s)
        && is_cap(e - 1)
        && (s..e).all(|i| (is_cap(i) && !is_title(i)) || is_connector(i));
    ok.then_some((s, e))
}

/// Training units: sentences, merged where a gold entity crosses a sentence boundary.
fn units(seg: &Document, tags: &[Tag]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for s in &seg.sentences {
        let r = s.tokens();
        if r.is_empty() {
            continue;
        }
        let continues = |i: usize| untag(tags[i]).is_some_and(|(_, p)| matches!(p, Position::Begin | Position::Inside));
        match out.last_mut() {
            Some(last) if last.end == r.start && last.end > 0 && continues(last.end - 1) => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

/// True for records whose licence forbids commercial use (re3d's BBC documents): they are not
/// trained on.
fn non_commercial(doc: &GoldDoc) -> bool {
    doc.license.as_deref().is_some_and(|l| l.contains("NC"))
}

/// Trains a model on gold documents.
pub fn train(
    docs: &[GoldDoc],
    extractor: &FeatureExtractor,
    lexicon: &Lexicon,
    options: &TrainOptions,
    data_names: Vec<String>,
) -> (NerModel, DataReport) {
    let mut report = DataReport::default();
    let mut keys: Vec<u64> = Vec::new();
    let mut counts: FxHashMap<u64, (u32, u32)> = FxHashMap::default(); // hash → (count, provisional id)
    let mut raw: Vec<(Vec<u32>, Vec<u32>, Vec<Tag>)> = Vec::new();
    for doc in docs {
        report.documents += 1;
        if non_commercial(doc) {
            report.skipped_documents += 1;
            continue;
        }
        let seg = crate::segment::segment(&doc.text);
        let (tags, unreliable) = gold_tags(doc, &seg, lexicon, &mut report);
        let features = extractor.extract(&seg);
        for unit in units(&seg, &tags) {
            if unreliable[unit.clone()].iter().any(|&u| u) {
                report.skipped_sentences += 1;
                continue;
            }
            let mut ids = Vec::new();
            let mut offsets = vec![0u32];
            for i in unit.clone() {
                for &h in features.token(i) {
                    let entry = counts.entry(h).or_insert_with(|| {
                        keys.push(h);
                        (0, keys.len() as u32 - 1)
                    });
                    entry.0 += 1;
                    ids.push(entry.1);
                }
                offsets.push(ids.len() as u32);
            }
            report.tokens += unit.len();
            raw.push((ids, offsets, tags[unit].to_vec()));
        }
    }
    report.sentences = raw.len();
    // keep features seen often enough; renumber rows densely, in first-seen order
    let mut row_of = vec![u32::MAX; keys.len()];
    let mut kept_keys = Vec::new();
    for (id, &k) in keys.iter().enumerate() {
        if counts[&k].0 >= options.min_count {
            row_of[id] = kept_keys.len() as u32;
            kept_keys.push(k);
        }
    }
    drop(counts);
    let examples: Vec<Example> = raw
        .into_iter()
        .map(|(ids, offsets, tags)| {
            let mut rows = Vec::with_capacity(ids.len());
            let mut new_offsets = vec![0u32];
            for w in offsets.windows(2) {
                rows.extend(
                    ids[w[0] as usize..w[1] as usize].iter().map(|&id| row_of[id as usize]).filter(|&r| r != u32::MAX),
                );
                new_offsets.push(rows.len() as u32);
            }
            Example { rows, offsets: new_offsets, tags }
        })
        .collect();
    let model = Perceptron::new(kept_keys.len()).fit(&examples, options);
    let provenance =
        Provenance { data: data_names, sentences: examples.len(), epochs: options.epochs, seed: options.seed };
    let (rows, trans) = model.averaged();
    (NerModel::from_dense(&kept_keys, &rows, trans, options.prune, provenance), report)
}

/// The structured perceptron: a weight row per feature and, after them, `TAGS + 1` rows of
/// transition weights (from each tag, and last from the sentence start), all averaged with one
/// step count.
struct Perceptron {
    table: AveragedWeights<TAGS>,
    /// Number of feature rows: transitions from tag `p` are row `features + p`.
    features: usize,
}

impl Perceptron {
    fn new(features: usize) -> Self {
        Perceptron { table: AveragedWeights::new(features + TAGS + 1), features }
    }

    /// Transition scores `[prev][tag]` out of a table's rows.
    fn transitions(rows: &[[f32; TAGS]]) -> &[[f32; TAGS]; TAGS + 1] {
        rows.try_into().expect("TAGS + 1 transition rows")
    }

    fn fit(mut self, examples: &[Example], options: &TrainOptions) -> Self {
        let mut order = SeededOrder::new(examples.len(), options.seed);
        let mut emit: Vec<[f32; TAGS]> = Vec::new();
        for _ in 0..options.epochs {
            for &k in order.next_pass() {
                let ex = &examples[k];
                emit.clear();
                for w in ex.offsets.windows(2) {
                    emit.push(self.table.scores(ex.rows[w[0] as usize..w[1] as usize].iter().map(|&r| r as usize)));
                }
                let pred = viterbi(&emit, Self::transitions(&self.table.weights()[self.features..]));
                if pred != ex.tags {
                    self.update(ex, &pred);
                }
                self.table.tick();
            }
        }
        self
    }

    fn update(&mut self, ex: &Example, pred: &[Tag]) {
        for (i, (&g, &p)) in ex.tags.iter().zip(pred).enumerate() {
            let prev_g = if i == 0 { TAGS } else { usize::from(ex.tags[i - 1]) };
            let prev_p = if i == 0 { TAGS } else { usize::from(pred[i - 1]) };
            if g != p {
                for &r in &ex.rows[ex.offsets[i] as usize..ex.offsets[i + 1] as usize] {
                    self.table.reward(r as usize, usize::from(g), usize::from(p));
                }
            }
            if (prev_g, g) != (prev_p, p) {
                self.table.promote(self.features + prev_g, usize::from(g));
                self.table.demote(self.features + prev_p, usize::from(p));
            }
        }
    }

    fn averaged(&self) -> (Vec<[f32; TAGS]>, [[f32; TAGS]; TAGS + 1]) {
        let mut rows = self.table.averaged();
        let trans = *Self::transitions(&rows[self.features..]);
        rows.truncate(self.features);
        (rows, trans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str, entities: &[(usize, usize, &str)]) -> GoldDoc {
        GoldDoc::new("d", text, entities)
    }

    #[test]
    fn gold_spans_become_bilou_tags() {
        let doc = gold("Angela Merkel visited Paris.", &[(0, 13, "PER"), (22, 27, "GPE")]);
        let seg = crate::segment::segment(&doc.text);
        let mut report = DataReport::default();
        let (tags, _) = gold_tags(&doc, &seg, &Lexicon::builtin(), &mut report);
        assert_eq!(
            tags,
            [tag(Label::Per, Position::Begin), tag(Label::Per, Position::Last), 0, tag(Label::Loc, Position::Unit), 0]
        );
        assert_eq!(report.entities, 2);
    }

    #[test]
    fn flat_event_spans_are_learnt_as_misc_and_headed_ones_not_at_all() {
        let text = "He won the 1998 Ruritanian general election in Strelsau before the war.";
        let mut doc = gold(text, &[(11, 55, "EVENT"), (63, 70, "EVENT")]);
        let seg = crate::segment::segment(text);
        let (tags, _) = gold_tags(&doc, &seg, &Lexicon::builtin(), &mut DataReport::default());
        let labelled = |tags: &[Tag]| -> Vec<(String, Label)> {
            super::super::tags::spans(tags)
                .iter()
                .map(|&(s, e, l)| (super::super::features::token_span(&seg, s, e).text(text).to_owned(), l))
                .collect()
        };
        // "Strelsau" is inside the event, so it is not an untagged word the tagger must learn to skip
        assert_eq!(
            labelled(&tags),
            [
                ("1998 Ruritanian general election in Strelsau".to_owned(), Label::Misc),
                ("the war".to_owned(), Label::Misc)
            ]
        );
        doc.entities[1].head_start = Some(67);
        doc.entities[1].head_end = Some(70);
        let (tags, _) = gold_tags(&doc, &seg, &Lexicon::builtin(), &mut DataReport::default());
        assert_eq!(labelled(&tags), [("1998 Ruritanian general election in Strelsau".to_owned(), Label::Misc)]);
    }

    #[test]
    fn noun_phrase_spans_are_cut_to_the_proper_name() {
        let text = "the Foreign Ministry's spokesman met U.S. President Donald Trump and Claudia Mo of the Civic Party";
        let mut doc = gold(text, &[(0, 22, "ORG"), (37, 64, "PER"), (69, 98, "PER")]);
        doc.entities[0].head_start = Some(12);
        doc.entities[0].head_end = Some(20);
        doc.entities[1].head_start = Some(59);
        doc.entities[1].head_end = Some(64);
        doc.entities[2].head_start = Some(77);
        doc.entities[2].head_end = Some(79);
        let seg = crate::segment::segment(text);
        let mut report = DataReport::default();
        let (tags, unreliable) = gold_tags(&doc, &seg, &Lexicon::builtin(), &mut report);
        let unreliable_words: Vec<&str> =
            (0..seg.tokens.len()).filter(|&i| unreliable[i]).map(|i| seg.token_text(i)).collect();
        assert_eq!(
            unreliable_words,
            ["U.S.", "President", "Donald", "Trump", "Claudia", "Mo", "of", "the", "Civic", "Party"],
            "each PER phrase names more than a person"
        );
        let names: Vec<String> = super::super::tags::spans(&tags)
            .iter()
            .map(|&(s, e, _)| super::super::features::token_span(&seg, s, e).text(text).to_owned())
            .collect();
        assert_eq!(names, ["Foreign Ministry"]);
    }
}
