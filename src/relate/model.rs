//! The relation model: per-feature weights for each class, and its file format.
//!
//! ```
//! use newsgraph::relate::RelationClassifier;
//! let model = RelationClassifier::builtin_model();
//! assert!(model.features() > 1_000);
//! assert_eq!(model.provenance().seed, 7);
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::N_CLASSES;
use crate::error::Result;
use crate::learn::model_file::{self, dequantise_weights, quantise_weights, Format};
use crate::learn::perceptron::FeatureWeights;

/// Bump when the features change: a model trained with other features refuses to load.
pub const RELATION_FEATURE_VERSION: u32 = 1;

/// The model file: its magic string, feature version and words for errors.
const FORMAT: Format = Format {
    magic: "newsgraph-relations",
    version: RELATION_FEATURE_VERSION,
    model: "relation model",
    features: "relation feature version",
};

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

/// What the model file holds after its header ([`Format`]).
#[derive(Serialize, Deserialize)]
struct Body {
    keys: Vec<u64>,
    /// `N_CLASSES` weights per key, as multiples of `weight_scale`.
    weights: Vec<i16>,
    weight_scale: f32,
    margin_scale: f32,
}

/// A trained multi-class averaged perceptron over hashed features.
#[derive(Debug, Clone)]
pub struct RelationModel {
    weights: FeatureWeights<N_CLASSES>,
    /// A typical margin of a right prediction on the training data, which confidences are
    /// relative to.
    margin_scale: f32,
    provenance: RelationProvenance,
}

impl RelationModel {
    /// A model from its weights.
    pub(crate) fn new(weights: FeatureWeights<N_CLASSES>, margin_scale: f32, provenance: RelationProvenance) -> Self {
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
        self.weights.scores(features)
    }

    /// Writes the model ([`RelationModel::to_bytes`]).
    pub fn save(&self, path: &Path) -> Result<()> {
        model_file::save(path, &self.to_bytes())
    }

    /// The model file's bytes: keys sorted and weights quantised to 16 bits, so that the same
    /// model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let (keys, weights, weight_scale) = quantise_weights(&self.weights);
        let body = Body { keys, weights, weight_scale, margin_scale: self.margin_scale };
        FORMAT.encode(&self.provenance, &body).expect("a model file encodes")
    }

    /// Reads a model file written by [`RelationModel::save`].
    pub fn load(path: &Path) -> Result<Self> {
        model_file::load(path, RelationModel::from_bytes)
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String> {
        let (provenance, file): (RelationProvenance, Body) = FORMAT.decode(bytes)?;
        let weights = dequantise_weights(&file.keys, &file.weights, file.weight_scale, FORMAT.model)?;
        Ok(RelationModel::new(weights, file.margin_scale, provenance))
    }
}
