//! Training the attribution model on annotated attributions (PolNeAR's format): the cue pass
//! and the role pass, each an averaged perceptron trained greedily on its own predictions.

use rustc_hash::FxHashMap;

use super::features::Tokens;
use super::model::{AttributionModel, AttributionProvenance};
use super::tags::{best, CON, CUE, CUE_CLASSES, ROLE_CLASSES, SRC};
use crate::gold::GoldDoc;
use crate::learn::perceptron::{AveragedWeights, FeatureWeights};
use crate::learn::shuffle::SeededOrder;
use crate::lexicon::Lexicon;
use crate::model::{CharIndex, Document, Mention};

/// Options of `newsgraph train quotes`.
#[derive(Debug, Clone)]
pub struct AttributionTrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Leave out features seen fewer times than this in the training data.
    pub min_count: u32,
}

impl Default for AttributionTrainOptions {
    fn default() -> Self {
        AttributionTrainOptions { epochs: 8, seed: 7, min_count: 2 }
    }
}

/// What training saw.
#[derive(Debug, Clone, Default)]
pub struct AttributionTrainReport {
    /// Articles.
    pub documents: usize,
    /// Tokens.
    pub tokens: usize,
    /// Attributions.
    pub attributions: usize,
    /// Attributions whose spans fell on no token (dropped).
    pub misaligned: usize,
}

/// An annotated article as the pipeline sees it: segmented, with its recognised mentions.
pub struct TrainingArticle<'a> {
    /// The annotated article.
    pub gold: &'a GoldDoc,
    /// Its text, segmented.
    pub doc: Document,
    /// The mentions the recogniser finds in it.
    pub mentions: Vec<Mention>,
}

/// An article ready for training: its facts and gold tags.
struct Example {
    tokens: Tokens,
    cue: Vec<u8>,
    role: Vec<u8>,
}

/// The gold tags of one article: each fragment of a cue, source or content tags the tokens it
/// overlaps; a token keeps the first role given to it.
fn gold_tags(doc: &Document, gold: &GoldDoc, report: &mut AttributionTrainReport) -> (Vec<u8>, Vec<u8>) {
    let index = CharIndex::new(&gold.text);
    let n = doc.tokens.len();
    let (mut cue, mut role) = (vec![0u8; n], vec![0u8; n]);
    let tag = |tags: &mut Vec<u8>, spans: &[[usize; 2]], role: u8| {
        let mut any = false;
        for &[s, e] in spans {
            let Some(span) = gold.byte_span(&index, s, e) else { continue };
            let mut t = doc.token_at_or_after(span.start);
            while t < n && doc.tokens[t].span.start < span.end {
                if tags[t] == 0 && doc.tokens[t].span.end > span.start {
                    tags[t] = role;
                    any = true;
                }
                t += 1;
            }
        }
        any
    };
    for q in &gold.quotes {
        let cue_spans = spans_or(&q.cue_spans, q.cue_start.zip(q.cue_end));
        let content = spans_or(&q.content_spans, Some((q.content_start, q.content_end)));
        if !tag(&mut cue, &cue_spans, CUE) || !tag(&mut role, &content, CON) {
            report.misaligned += 1;
            continue;
        }
        report.attributions += 1;
        let source = spans_or(&q.speaker_spans, q.speaker_start.zip(q.speaker_end));
        tag(&mut role, &source, SRC);
    }
    (cue, role)
}

fn spans_or(spans: &[[usize; 2]], cover: Option<(usize, usize)>) -> Vec<[usize; 2]> {
    if spans.is_empty() {
        cover.map(|(s, e)| vec![[s, e]]).unwrap_or_default()
    } else {
        spans.to_vec()
    }
}

/// One pass's weights while training: a row per feature seen in an update.
struct Learner<const N: usize> {
    rows: FxHashMap<u64, usize>,
    table: AveragedWeights<N>,
    keys: Vec<u64>,
    /// How often each feature occurs in one pass over the data.
    counts: FxHashMap<u64, u32>,
}

impl<const N: usize> Learner<N> {
    fn new() -> Self {
        Learner {
            rows: FxHashMap::default(),
            table: AveragedWeights::new(0),
            keys: Vec::new(),
            counts: FxHashMap::default(),
        }
    }

    fn count(&mut self, features: &[u64]) {
        for &f in features {
            *self.counts.entry(f).or_insert(0) += 1;
        }
    }

    fn scores(&self, features: &[u64]) -> [f32; N] {
        self.table.scores(features.iter().filter_map(|f| self.rows.get(f).copied()))
    }

    fn update(&mut self, features: &[u64], right: u8, wrong: u8) {
        for &f in features {
            let row = match self.rows.get(&f) {
                Some(&r) => r,
                None => {
                    let r = self.table.push_row();
                    self.rows.insert(f, r);
                    self.keys.push(f);
                    r
                }
            };
            self.table.reward(row, usize::from(right), usize::from(wrong));
        }
    }

    fn finish(&self, min_count: u32) -> FeatureWeights<N> {
        self.keys
            .iter()
            .copied()
            .zip(self.table.averaged())
            .filter(|(k, _)| self.counts.get(k).is_some_and(|&c| c >= min_count))
            .collect()
    }
}

/// Trains both passes over `articles` (those without attributions are skipped).
pub fn train_attribution(
    articles: &[TrainingArticle<'_>],
    lexicon: &Lexicon,
    options: &AttributionTrainOptions,
    data: Vec<String>,
) -> (AttributionModel, AttributionTrainReport) {
    let mut report = AttributionTrainReport::default();
    let examples: Vec<Example> = articles
        .iter()
        .filter(|a| !a.gold.quotes.is_empty())
        .map(|a| {
            let quotes = crate::extract::view::find_quotes(&a.doc);
            let (cue, role) = gold_tags(&a.doc, a.gold, &mut report);
            report.documents += 1;
            report.tokens += a.doc.tokens.len();
            Example { tokens: Tokens::new(&a.doc, &quotes, &a.mentions, lexicon), cue, role }
        })
        .collect();
    let mut cue = Learner::<CUE_CLASSES>::new();
    let mut role = Learner::<ROLE_CLASSES>::new();
    let mut order = SeededOrder::new(examples.len(), options.seed);
    let mut features = Vec::with_capacity(32);
    for epoch in 0..options.epochs {
        for &k in order.next_pass() {
            let ex = &examples[k];
            let mut tags = vec![0u8; ex.tokens.len()];
            for i in (0..ex.tokens.len()).filter(|&i| ex.tokens.may_cue(i)) {
                ex.tokens.cue_features(i, &tags, &mut features);
                if epoch == 0 {
                    cue.count(&features);
                }
                let guess = best(&cue.scores(&features));
                if guess != ex.cue[i] {
                    cue.update(&features, ex.cue[i], guess);
                }
                cue.table.tick();
                tags[i] = guess;
            }
            let cues = ex.tokens.cues(&ex.cue);
            let mut tags = vec![0u8; ex.tokens.len()];
            for i in (0..ex.tokens.len()).filter(|&i| ex.tokens.in_reach(&cues, i)) {
                ex.tokens.role_features(i, &cues, &tags, &mut features);
                if epoch == 0 {
                    role.count(&features);
                }
                let guess = best(&role.scores(&features));
                if guess != ex.role[i] {
                    role.update(&features, ex.role[i], guess);
                }
                role.table.tick();
                tags[i] = guess;
            }
        }
    }
    let provenance = AttributionProvenance {
        data,
        documents: report.documents,
        attributions: report.attributions,
        epochs: options.epochs,
        seed: options.seed,
    };
    (AttributionModel::new(cue.finish(options.min_count), role.finish(options.min_count), provenance), report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::GoldQuote;

    fn quote(text: &str, speaker: &str, cue: &str, content: &str) -> GoldQuote {
        let at = |s: &str| {
            let b = text.find(s).unwrap();
            let start = text[..b].chars().count();
            [start, start + s.chars().count()]
        };
        let (s, c, k) = (at(speaker), at(content), at(cue));
        GoldQuote {
            speaker_start: Some(s[0]),
            speaker_end: Some(s[1]),
            speaker_text: Some(speaker.to_owned()),
            speaker_spans: vec![s],
            content_start: c[0],
            content_end: c[1],
            content_spans: vec![c],
            cue_start: Some(k[0]),
            cue_end: Some(k[1]),
            cue_spans: vec![k],
            direct: content.contains('"'),
            has_speaker: true,
        }
    }

    #[test]
    fn a_model_learns_its_training_articles() {
        let texts = [
            ("Senator Mary Jones said that the plan was dead.", "Senator Mary Jones", "said", "that the plan was dead"),
            ("\"We will win,\" Tom Brady told reporters.", "Tom Brady", "told", "\"We will win,\""),
            ("The governor argued the tax was unfair.", "The governor", "argued", "the tax was unfair"),
        ];
        let docs: Vec<GoldDoc> = texts
            .iter()
            .map(|&(t, s, c, q)| GoldDoc { quotes: vec![quote(t, s, c, q)], ..GoldDoc::new("d", t, &[]) })
            .collect();
        let lexicon = Lexicon::builtin();
        let options = AttributionTrainOptions { min_count: 1, ..AttributionTrainOptions::default() };
        let articles: Vec<TrainingArticle<'_>> = docs
            .iter()
            .map(|gold| TrainingArticle { gold, doc: crate::segment::segment(&gold.text), mentions: Vec::new() })
            .collect();
        let (model, _) = train_attribution(&articles, &lexicon, &options, Vec::new());
        for (d, &(t, s, c, q)) in docs.iter().zip(&texts) {
            let doc = crate::segment::segment(&d.text);
            let found = super::super::find(&model, &doc, &[], &lexicon);
            assert_eq!(found.len(), 1, "{t}");
            let f = &found[0];
            assert_eq!(doc.slice(doc.span_of(f.cue.clone())), c);
            assert_eq!(doc.slice(doc.span_of(f.source.clone().unwrap())), s);
            assert_eq!(doc.slice(doc.span_of(f.content[0].clone())), q);
        }
    }

    #[test]
    fn gold_spans_tag_their_tokens() {
        let text = "Senator Mary Jones said that the plan was dead.";
        let gold = GoldDoc {
            quotes: vec![quote(text, "Senator Mary Jones", "said", "that the plan was dead")],
            ..GoldDoc::new("d", text, &[])
        };
        let doc = crate::segment::segment(text);
        let (cue, role) = gold_tags(&doc, &gold, &mut AttributionTrainReport::default());
        assert_eq!(cue, [0, 0, 0, CUE, 0, 0, 0, 0, 0, 0]);
        assert_eq!(role, [SRC, SRC, SRC, 0, CON, CON, CON, CON, CON, 0]);
    }
}
