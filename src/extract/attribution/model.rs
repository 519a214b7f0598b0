//! The attribution model: the weights of the cue pass and of the role pass, the greedy
//! decoding of both, and the model file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::features::Tokens;
use super::tags::{best, CUE_CLASSES, ROLE_CLASSES};
use crate::error::Result;
use crate::learn::model_file::{self, dequantise_weights, quantise_weights, Format};
use crate::learn::perceptron::FeatureWeights;

/// Bump when the features change: a model trained with other features refuses to load.
pub const ATTRIBUTION_FEATURE_VERSION: u32 = 4;

const FORMAT: Format = Format {
    magic: "newsgraph-attribution",
    version: ATTRIBUTION_FEATURE_VERSION,
    model: "attribution model",
    features: "attribution feature version",
};

/// How a model was trained, kept in the model file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionProvenance {
    /// Training files, by folder and name.
    pub data: Vec<String>,
    /// Articles trained on.
    pub documents: usize,
    /// Attributions trained on.
    pub attributions: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
}

/// One pass's weights in the file: sorted keys and quantised rows.
#[derive(Serialize, Deserialize)]
struct Table {
    keys: Vec<u64>,
    weights: Vec<i16>,
    scale: f32,
}

#[derive(Serialize, Deserialize)]
struct Body {
    cue: Table,
    role: Table,
}

/// A trained attribution model: two averaged perceptrons over hashed features, decoded greedily
/// left to right (cues first, then sources and contents around them).
#[derive(Debug, Clone)]
pub struct AttributionModel {
    cue: FeatureWeights<CUE_CLASSES>,
    role: FeatureWeights<ROLE_CLASSES>,
    provenance: AttributionProvenance,
}

impl AttributionModel {
    /// A model from its weights.
    pub(super) fn new(
        cue: FeatureWeights<CUE_CLASSES>,
        role: FeatureWeights<ROLE_CLASSES>,
        provenance: AttributionProvenance,
    ) -> Self {
        AttributionModel { cue, role, provenance }
    }

    /// How the model was trained.
    pub fn provenance(&self) -> &AttributionProvenance {
        &self.provenance
    }

    /// Number of features with a weight, in both passes.
    pub fn features(&self) -> usize {
        self.cue.len() + self.role.len()
    }

    /// The cue tag of every token.
    pub fn tag_cues(&self, tokens: &Tokens) -> Vec<u8> {
        let mut tags = vec![0u8; tokens.len()];
        let mut features = Vec::with_capacity(32);
        for i in (0..tokens.len()).filter(|&i| tokens.may_cue(i)) {
            tokens.cue_features(i, &tags, &mut features);
            tags[i] = best(&self.cue.scores(&features));
        }
        tags
    }

    /// The role tag of every token, given the cue tags.
    pub fn tag_roles(&self, tokens: &Tokens, cue_tags: &[u8]) -> Vec<u8> {
        let cues = tokens.cues(cue_tags);
        let mut tags = vec![0u8; tokens.len()];
        let mut features = Vec::with_capacity(32);
        for i in (0..tokens.len()).filter(|&i| tokens.in_reach(&cues, i)) {
            tokens.role_features(i, &cues, &tags, &mut features);
            tags[i] = best(&self.role.scores(&features));
        }
        tags
    }

    /// Writes the model ([`AttributionModel::to_bytes`]).
    pub fn save(&self, path: &Path) -> Result<()> {
        model_file::save(path, &self.to_bytes())
    }

    /// The model file's bytes: keys sorted and weights quantised to 16 bits.
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = Body { cue: table(&self.cue), role: table(&self.role) };
        FORMAT.encode(&self.provenance, &body).expect("a model file encodes")
    }

    /// Reads a model file written by [`AttributionModel::save`].
    pub fn load(path: &Path) -> Result<Self> {
        model_file::load(path, AttributionModel::from_bytes)
    }

    /// Decodes a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String> {
        let (provenance, body): (AttributionProvenance, Body) = FORMAT.decode(bytes)?;
        Ok(AttributionModel { cue: weights(&body.cue)?, role: weights(&body.role)?, provenance })
    }
}

fn table<const N: usize>(weights: &FeatureWeights<N>) -> Table {
    let (keys, weights, scale) = quantise_weights(weights);
    Table { keys, weights, scale }
}

fn weights<const N: usize>(table: &Table) -> std::result::Result<FeatureWeights<N>, String> {
    dequantise_weights(&table.keys, &table.weights, table.scale, FORMAT.model)
}
