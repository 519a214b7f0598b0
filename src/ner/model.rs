//! The tagger's weights, BILOU tags, Viterbi decoding and the model file.

use std::path::Path;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::features::{DocFeatures, FEATURE_VERSION};
use crate::error::{Error, Result};

/// The entity labels the tagger learns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location (country, city, region …).
    Loc,
    /// Other names: nationalities, events, works … (learnt, not put in the graph).
    Misc,
}

impl Label {
    /// All labels, in tag order.
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// CoNLL name: `PER`, `ORG`, `LOC`, `MISC`.
    pub const fn name(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    /// The label of a gold type in the datasets' common format (`GPE` counts as `LOC`,
    /// `NORP` as `MISC`); `None` for types the tagger does not learn (dates, events …).
    pub fn from_gold(name: &str) -> Option<Label> {
        match name {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" | "GPE" => Some(Label::Loc),
            "MISC" | "NORP" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// Number of BILOU tags: `O` and B/I/L/U for each label.
pub const TAGS: usize = 1 + 4 * Label::ALL.len();

/// Position of a token in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// First of several tokens.
    Begin,
    /// Inside, neither first nor last.
    Inside,
    /// Last of several tokens.
    Last,
    /// A one-token entity.
    Unit,
}

impl Position {
    /// The position of token `index` (0-based) in a name of `len` tokens.
    pub const fn of(index: usize, len: usize) -> Position {
        if len == 1 {
            Position::Unit
        } else if index == 0 {
            Position::Begin
        } else if index + 1 == len {
            Position::Last
        } else {
            Position::Inside
        }
    }
}

/// A BILOU tag as an index: 0 is `O`.
pub type Tag = u8;

/// The tag of `label` at `position`.
pub const fn tag(label: Label, position: Position) -> Tag {
    1 + 4 * label as u8 + position as u8
}

/// The label and position of a tag, `None` for `O`.
pub fn untag(t: Tag) -> Option<(Label, Position)> {
    if t == 0 {
        return None;
    }
    let label = Label::ALL[usize::from((t - 1) / 4)];
    let position = [Position::Begin, Position::Inside, Position::Last, Position::Unit][usize::from((t - 1) % 4)];
    Some((label, position))
}

/// True when tag `next` may follow tag `prev` (`None` = sentence start).
pub fn allowed(prev: Option<Tag>, next: Tag) -> bool {
    let open = prev.and_then(untag).filter(|(_, p)| matches!(p, Position::Begin | Position::Inside));
    match (open, untag(next)) {
        (Some((l, _)), Some((m, Position::Inside | Position::Last))) => l == m,
        (Some(_), _) => false,
        (None, Some((_, Position::Inside | Position::Last))) => false,
        (None, _) => true,
    }
}

/// True when a sentence may end with tag `t`.
pub fn may_end(t: Tag) -> bool {
    !matches!(untag(t), Some((_, Position::Begin | Position::Inside)))
}

/// Entity spans `(first token, end token, label)` of a tag sequence.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match untag(t) {
            Some((l, Position::Unit)) => out.push((i, i + 1, l)),
            Some((l, Position::Begin)) => open = Some((i, l)),
            Some((l, Position::Last)) => {
                if let Some((s, m)) = open.take() {
                    if m == l {
                        out.push((s, i + 1, l));
                    }
                }
            }
            Some((_, Position::Inside)) => {}
            None => open = None,
        }
    }
    out
}

/// Best tag sequence under emission scores `emit[i][t]` and transition scores
/// `trans[prev][t]` (row `TAGS` is the sentence start), with BILOU constraints.
pub fn viterbi(emit: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<Tag> {
    // for each tag, the tags that may precede it
    static BEFORE: LazyLock<Vec<Vec<usize>>> = LazyLock::new(|| {
        (0..TAGS).map(|t| (0..TAGS).filter(|&p| allowed(Some(p as Tag), t as Tag)).collect()).collect()
    });
    let before = &*BEFORE;
    let n = emit.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for t in 0..TAGS {
        if allowed(None, t as Tag) {
            score[0][t] = emit[0][t] + trans[TAGS][t];
        }
    }
    for i in 1..n {
        for t in 0..TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &p in &before[t] {
                if score[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[i][t] = best + emit[i][t];
            back[i][t] = arg;
        }
    }
    let mut last = 0u8;
    let mut best = f32::NEG_INFINITY;
    for (t, &s) in score[n - 1].iter().enumerate() {
        if may_end(t as Tag) && s > best {
            best = s;
            last = t as u8;
        }
    }
    let mut tags = vec![0u8; n];
    tags[n - 1] = last;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][usize::from(tags[i])];
    }
    tags
}

/// How a model was trained, kept in the model file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Training files, as given.
    pub data: Vec<String>,
    /// Training sentences used.
    pub sentences: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
}

/// What the model file holds.
#[derive(Serialize, Deserialize)]
struct ModelFile {
    magic: String,
    feature_version: u32,
    provenance: Provenance,
    transitions: Vec<f32>,
    keys: Vec<u64>,
    /// For each key, how many `(tag, weight)` entries follow in `tags` / `weights`.
    lengths: Vec<u8>,
    tags: Vec<u8>,
    /// Weights as multiples of `scale`.
    weights: Vec<i16>,
    scale: f32,
}

const MAGIC: &str = "newsgraph-ner";

/// A trained averaged-perceptron sequence tagger: sparse weights per feature and BILOU transitions.
#[derive(Debug, Clone)]
pub struct NerModel {
    /// For each feature hash, its row in `rows`.
    index: FxHashMap<u64, u32>,
    /// Weights per tag, one row per feature.
    rows: Vec<[f32; TAGS]>,
    transitions: [[f32; TAGS]; TAGS + 1],
    provenance: Provenance,
}

impl NerModel {
    /// A model from dense weights: `rows[k]` are feature `keys[k]`'s weights per tag. Weights
    /// whose magnitude is below `prune` are dropped.
    pub(crate) fn from_dense(
        keys: &[u64],
        rows: &[[f32; TAGS]],
        transitions: [[f32; TAGS]; TAGS + 1],
        prune: f32,
        provenance: Provenance,
    ) -> Self {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by_key(|&k| keys[k]);
        let mut index = FxHashMap::default();
        let mut kept = Vec::new();
        for k in order {
            let mut row = rows[k];
            for w in &mut row {
                if w.abs() < prune {
                    *w = 0.0;
                }
            }
            if row.iter().any(|&w| w != 0.0) {
                index.insert(keys[k], kept.len() as u32);
                kept.push(row);
            }
        }
        NerModel { index, rows: kept, transitions, provenance }
    }

    /// How the model was trained.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Number of features with at least one weight.
    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// Emission scores of every token of a document.
    pub fn emissions(&self, features: &DocFeatures, tokens: std::ops::Range<usize>) -> Vec<[f32; TAGS]> {
        tokens
            .map(|i| {
                let mut s = [0f32; TAGS];
                for h in features.token(i) {
                    if let Some(&r) = self.index.get(h) {
                        for (a, b) in s.iter_mut().zip(&self.rows[r as usize]) {
                            *a += b;
                        }
                    }
                }
                s
            })
            .collect()
    }

    /// The best tags of tokens `tokens` (one sentence).
    pub fn tag(&self, features: &DocFeatures, tokens: std::ops::Range<usize>) -> (Vec<Tag>, Vec<[f32; TAGS]>) {
        let emit = self.emissions(features, tokens);
        (viterbi(&emit, &self.transitions), emit)
    }

    /// Writes the model file: weights quantised to 16 bits, keys sorted, so that the same
    /// model always gives the same bytes.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut keys: Vec<u64> = self.index.keys().copied().collect();
        keys.sort_unstable();
        let max = self.rows.iter().flatten().map(|w| w.abs()).fold(0f32, f32::max).max(1e-6);
        let scale = max / f32::from(i16::MAX);
        let mut file = ModelFile {
            magic: MAGIC.to_owned(),
            feature_version: FEATURE_VERSION,
            provenance: self.provenance.clone(),
            transitions: self.transitions.iter().flatten().copied().collect(),
            keys: Vec::with_capacity(keys.len()),
            lengths: Vec::with_capacity(keys.len()),
            tags: Vec::new(),
            weights: Vec::new(),
            scale,
        };
        for k in keys {
            let row = &self.rows[self.index[&k] as usize];
            file.keys.push(k);
            let before = file.tags.len();
            for (t, &w) in row.iter().enumerate() {
                let q = (w / scale).round() as i16;
                if q != 0 {
                    file.tags.push(t as u8);
                    file.weights.push(q);
                }
            }
            file.lengths.push((file.tags.len() - before) as u8);
        }
        let bytes = postcard::to_stdvec(&file)
            .map_err(|e| Error::Model { path: path.to_owned(), reason: format!("cannot encode the model: {e}") })?;
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
    }

    /// Reads a model file written by [`NerModel::save`].
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        NerModel::from_bytes(&bytes).map_err(|reason| Error::Model { path: path.to_owned(), reason })
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String> {
        let file: ModelFile = postcard::from_bytes(bytes).map_err(|e| format!("not a newsgraph NER model ({e})"))?;
        if file.magic != MAGIC {
            return Err("not a newsgraph NER model".to_owned());
        }
        if file.feature_version != FEATURE_VERSION {
            return Err(format!(
                "the model was trained with feature version {}, this build uses {FEATURE_VERSION}: retrain it",
                file.feature_version
            ));
        }
        if file.transitions.len() != TAGS * (TAGS + 1)
            || file.lengths.len() != file.keys.len()
            || file.tags.len() != file.weights.len()
            || file.lengths.iter().map(|&l| usize::from(l)).sum::<usize>() != file.tags.len()
            || file.tags.iter().any(|&t| usize::from(t) >= TAGS)
            || !file.scale.is_finite()
            || file.transitions.iter().any(|w| !w.is_finite())
        {
            return Err("the model file is inconsistent (truncated or corrupt)".to_owned());
        }
        let mut transitions = [[0f32; TAGS]; TAGS + 1];
        for (i, row) in transitions.iter_mut().enumerate() {
            row.copy_from_slice(&file.transitions[i * TAGS..(i + 1) * TAGS]);
        }
        let mut index = FxHashMap::with_capacity_and_hasher(file.keys.len(), Default::default());
        let mut rows = Vec::with_capacity(file.keys.len());
        let mut entries = file.tags.iter().zip(&file.weights);
        for (&k, &len) in file.keys.iter().zip(&file.lengths) {
            let mut row = [0f32; TAGS];
            for (&t, &w) in entries.by_ref().take(usize::from(len)) {
                row[usize::from(t)] = f32::from(w) * file.scale;
            }
            index.insert(k, rows.len() as u32);
            rows.push(row);
        }
        Ok(NerModel { index, rows, transitions, provenance: file.provenance })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for l in Label::ALL {
            for p in [Position::Begin, Position::Inside, Position::Last, Position::Unit] {
                assert_eq!(untag(tag(l, p)), Some((l, p)));
            }
        }
        assert_eq!(untag(0), None);
    }

    #[test]
    fn bilou_constraints() {
        let b = tag(Label::Per, Position::Begin);
        assert!(!allowed(None, tag(Label::Per, Position::Last)));
        assert!(allowed(Some(b), tag(Label::Per, Position::Last)));
        assert!(!allowed(Some(b), tag(Label::Org, Position::Last)));
        assert!(!allowed(Some(b), 0));
        assert!(!may_end(b));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // emissions prefer B-PER then O, which is invalid: the best valid path is U-PER, O
        let mut emit = [[0f32; TAGS]; 2];
        emit[0][usize::from(tag(Label::Per, Position::Begin))] = 5.0;
        emit[0][usize::from(tag(Label::Per, Position::Unit))] = 4.0;
        emit[1][0] = 3.0;
        let tags = viterbi(&emit, &[[0f32; TAGS]; TAGS + 1]);
        assert_eq!(tags, [tag(Label::Per, Position::Unit), 0]);
        assert_eq!(spans(&tags), [(0, 1, Label::Per)]);
    }
}
