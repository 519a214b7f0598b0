//! The tagger's trained weights and its model file.
//!
//! ```
//! use newsgraph::recognize::tagger::{NerModel, BUILTIN_MODEL_BYTES};
//! let model = NerModel::from_bytes(BUILTIN_MODEL_BYTES).unwrap();
//! assert!(model.features() > 10_000);
//! assert_eq!(model.provenance().seed, 7);
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::features::{DocFeatures, FEATURE_VERSION};
use super::tags::{viterbi, Tag, TAGS};
use crate::error::Result;
use crate::learn::model_file::{self, dequantise, quantisation_step, quantise, Format};
use crate::learn::perceptron::FeatureWeights;

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

/// The model file: its magic string, feature version and words for errors.
const FORMAT: Format =
    Format { magic: "newsgraph-ner", version: FEATURE_VERSION, model: "NER model", features: "feature version" };

/// What the model file holds after its header ([`Format`]).
#[derive(Serialize, Deserialize)]
struct Body {
    transitions: Vec<f32>,
    keys: Vec<u64>,
    /// For each key, how many `(tag, weight)` entries follow in `tags` / `weights`.
    lengths: Vec<u8>,
    tags: Vec<u8>,
    /// Weights as multiples of `scale`.
    weights: Vec<i16>,
    scale: f32,
}

/// A trained averaged-perceptron sequence tagger: sparse weights per feature and BILOU transitions.
#[derive(Debug, Clone)]
pub struct NerModel {
    /// Weights per tag, one row per feature.
    weights: FeatureWeights<TAGS>,
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
        let mut weights = FeatureWeights::default();
        for k in order {
            let mut row = rows[k];
            for w in &mut row {
                if w.abs() < prune {
                    *w = 0.0;
                }
            }
            if row.iter().any(|&w| w != 0.0) {
                weights.insert(keys[k], row);
            }
        }
        NerModel { weights, transitions, provenance }
    }

    /// How the model was trained.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// Number of features with at least one weight.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// Emission scores of every token of a document.
    pub fn emissions(&self, features: &DocFeatures, tokens: std::ops::Range<usize>) -> Vec<[f32; TAGS]> {
        tokens.map(|i| self.weights.scores(features.token(i))).collect()
    }

    /// The best tags of tokens `tokens` (one sentence).
    pub fn tag(&self, features: &DocFeatures, tokens: std::ops::Range<usize>) -> (Vec<Tag>, Vec<[f32; TAGS]>) {
        let emit = self.emissions(features, tokens);
        (viterbi(&emit, &self.transitions), emit)
    }

    /// Writes the model file ([`NerModel::to_bytes`]).
    pub fn save(&self, path: &Path) -> Result<()> {
        model_file::save(path, &self.to_bytes())
    }

    /// The model file's bytes: weights quantised to 16 bits, keys sorted, so that the same
    /// model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let keys = self.weights.sorted_keys();
        let scale = quantisation_step(self.weights.values());
        let mut body = Body {
            transitions: self.transitions.iter().flatten().copied().collect(),
            keys: Vec::with_capacity(keys.len()),
            lengths: Vec::with_capacity(keys.len()),
            tags: Vec::new(),
            weights: Vec::new(),
            scale,
        };
        for k in keys {
            let row = self.weights.get(k).expect("a sorted key has a row");
            body.keys.push(k);
            let before = body.tags.len();
            for (t, &w) in row.iter().enumerate() {
                let q = quantise(w, scale);
                if q != 0 {
                    body.tags.push(t as u8);
                    body.weights.push(q);
                }
            }
            body.lengths.push((body.tags.len() - before) as u8);
        }
        FORMAT.encode(&self.provenance, &body).expect("a model file encodes")
    }

    /// Reads a model file written by [`NerModel::save`].
    pub fn load(path: &Path) -> Result<Self> {
        model_file::load(path, NerModel::from_bytes)
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String> {
        let (provenance, file): (Provenance, Body) = FORMAT.decode(bytes)?;
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
        let mut weights = FeatureWeights::with_capacity(file.keys.len());
        let mut entries = file.tags.iter().zip(&file.weights);
        for (&k, &len) in file.keys.iter().zip(&file.lengths) {
            let mut row = [0f32; TAGS];
            for (&t, &w) in entries.by_ref().take(usize::from(len)) {
                row[usize::from(t)] = dequantise(w, file.scale);
            }
            weights.insert(k, row);
        }
        Ok(NerModel { weights, transitions, provenance })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_model_file_round_trips_to_its_bytes() {
        let model = NerModel::from_bytes(super::super::BUILTIN_MODEL_BYTES).unwrap();
        assert_eq!(model.to_bytes(), super::super::BUILTIN_MODEL_BYTES);
        assert!(NerModel::from_bytes(b"junk").unwrap_err().starts_with("not a newsgraph NER model"));
    }
}
