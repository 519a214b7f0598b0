//! The relation model: per-feature weights for each class, and its file format.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::N_CLASSES;
use crate::error::{Error, Result};

/// Bump when the features change: a model trained with other features refuses to load.
pub const RELATION_FEATURE_VERSION: u32 = 1;

const MAGIC: &str = "newsgraph-relations";

/// How a model was trained, kept in the model file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationProvenance {
    /// Training files, as given.
    pub data: Vec<String>,
    /// Candidate pairs trained on.
    pub examples: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
}

#[derive(Serialize, Deserialize)]
struct ModelFile {
    magic: String,
    feature_version: u32,
    provenance: RelationProvenance,
    keys: Vec<u64>,
    /// `N_CLASSES` weights per key, as multiples of `weight_scale`.
    weights: Vec<i16>,
    weight_scale: f32,
    margin_scale: f32,
}

/// A trained multi-class averaged perceptron over hashed features.
#[derive(Debug, Clone)]
pub struct RelationModel {
    weights: FxHashMap<u64, [f32; N_CLASSES]>,
    /// A typical margin of a right prediction on the training data, which confidences are
    /// relative to.
    margin_scale: f32,
    provenance: RelationProvenance,
}

impl RelationModel {
    /// A model from its weights.
    pub(crate) fn new(
        weights: FxHashMap<u64, [f32; N_CLASSES]>,
        margin_scale: f32,
        provenance: RelationProvenance,
    ) -> Self {
        RelationModel { weights, margin_scale: margin_scale.max(1e-6), provenance }
    }

    /// How the model was trained.
    pub fn provenance(&self) -> &RelationProvenance {
        &self.provenance
    }

    /// Number of features with a weight.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// The margin that confidences are relative to.
    pub fn scale(&self) -> f32 {
        self.margin_scale
    }

    /// The score of every class for these features.
    pub fn scores(&self, features: &[u64]) -> [f32; N_CLASSES] {
        scores(&self.weights, features)
    }

    /// Writes the model: keys sorted and weights quantised to 16 bits, so that the same model
    /// always gives the same bytes.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes();
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut keys: Vec<u64> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let max = self.weights.values().flatten().map(|w| w.abs()).fold(0f32, f32::max).max(1e-6);
        let weight_scale = max / f32::from(i16::MAX);
        let mut file = ModelFile {
            magic: MAGIC.to_owned(),
            feature_version: RELATION_FEATURE_VERSION,
            provenance: self.provenance.clone(),
            keys: Vec::with_capacity(keys.len()),
            weights: Vec::with_capacity(keys.len() * N_CLASSES),
            weight_scale,
            margin_scale: self.margin_scale,
        };
        for k in keys {
            let q = self.weights[&k].map(|w| (w / weight_scale).round() as i16);
            if q.iter().any(|&w| w != 0) {
                file.keys.push(k);
                file.weights.extend(q);
            }
        }
        postcard::to_stdvec(&file).expect("a model file encodes")
    }

    /// Reads a model file written by [`RelationModel::save`].
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        RelationModel::from_bytes(&bytes).map_err(|reason| Error::Model { path: path.to_owned(), reason })
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String> {
        let file: ModelFile =
            postcard::from_bytes(bytes).map_err(|e| format!("not a newsgraph relation model ({e})"))?;
        if file.magic != MAGIC {
            return Err("not a newsgraph relation model".to_owned());
        }
        if file.feature_version != RELATION_FEATURE_VERSION {
            return Err(format!(
                "the model was trained with relation feature version {}, this build uses \
                 {RELATION_FEATURE_VERSION}: retrain it",
                file.feature_version
            ));
        }
        if file.weights.len() != file.keys.len() * N_CLASSES || !file.weight_scale.is_finite() {
            return Err("the relation model file is inconsistent (truncated or corrupt)".to_owned());
        }
        let weights = file
            .keys
            .iter()
            .zip(file.weights.chunks_exact(N_CLASSES))
            .map(|(&k, w)| {
                let mut row = [0f32; N_CLASSES];
                for (a, &b) in row.iter_mut().zip(w) {
                    *a = f32::from(b) * file.weight_scale;
                }
                (k, row)
            })
            .collect();
        Ok(RelationModel::new(weights, file.margin_scale, file.provenance))
    }
}

/// The score of every class: the sum of the features' weights.
pub(crate) fn scores(weights: &FxHashMap<u64, [f32; N_CLASSES]>, features: &[u64]) -> [f32; N_CLASSES] {
    let mut s = [0f32; N_CLASSES];
    for f in features {
        if let Some(w) = weights.get(f) {
            for (a, b) in s.iter_mut().zip(w) {
                *a += b;
            }
        }
    }
    s
}
