//! The model file format of every trained model: one postcard record that opens with a magic
//! string, the feature version and how the model was trained, then the model's own body, with
//! weights quantised to 16 bits. Keys are written sorted, so the same model always gives the
//! same bytes.
//!
//! ```
//! use newsgraph::learn::model_file::{dequantise, quantisation_step, quantise, Format};
//! const TOY: Format = Format { magic: "toy", version: 1, model: "toy model", features: "feature version" };
//! let step = quantisation_step([0.5, -2.0]);
//! let body: Vec<i16> = [0.5f32, -2.0].iter().map(|&w| quantise(w, step)).collect();
//! assert_eq!(body, [8192, -32767]);
//! let bytes = TOY.encode(&"trained on nothing", &(body, step)).unwrap();
//! let (provenance, (body, step)): (String, (Vec<i16>, f32)) = TOY.decode(&bytes).unwrap();
//! assert_eq!(provenance, "trained on nothing");
//! assert!((dequantise(body[1], step) + 2.0).abs() < 1e-6);
//! assert!(TOY.decode::<String, (Vec<i16>, f32)>(b"junk").is_err());
//! ```

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::perceptron::FeatureWeights;
use crate::error::{Error, Result};

/// What kind of model a file holds: the magic string and feature version it must have, and the
/// words its error messages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// The file's first field (`newsgraph-ner`, `newsgraph-relations`).
    pub magic: &'static str,
    /// The version of the features the model's weights are for; a file of another version is
    /// refused.
    pub version: u32,
    /// The model's name in messages: "not a newsgraph {model}".
    pub model: &'static str,
    /// The version's name in messages: "trained with {features} 2".
    pub features: &'static str,
}

/// What a file holds, as written.
#[derive(Serialize)]
struct FileOut<'a, P, B> {
    magic: &'a str,
    feature_version: u32,
    provenance: &'a P,
    /// The model's own fields (postcard writes a struct as its fields one after another, so the
    /// body's fields follow the provenance as if they were the file's).
    body: &'a B,
}

/// What a file holds, as read.
#[derive(Deserialize)]
struct FileIn<P, B> {
    magic: String,
    feature_version: u32,
    provenance: P,
    body: B,
}

impl Format {
    /// The bytes of a model file of this format.
    pub fn encode<P: Serialize, B: Serialize>(
        &self,
        provenance: &P,
        body: &B,
    ) -> std::result::Result<Vec<u8>, postcard::Error> {
        postcard::to_stdvec(&FileOut { magic: self.magic, feature_version: self.version, provenance, body })
    }

    /// The provenance and body of a model file of this format; an error (as a message) when
    /// the bytes are not one, or of another feature version.
    pub fn decode<P: DeserializeOwned, B: DeserializeOwned>(
        &self,
        bytes: &[u8],
    ) -> std::result::Result<(P, B), String> {
        let file: FileIn<P, B> =
            postcard::from_bytes(bytes).map_err(|e| format!("not a newsgraph {} ({e})", self.model))?;
        if file.magic != self.magic {
            return Err(format!("not a newsgraph {}", self.model));
        }
        if file.feature_version != self.version {
            return Err(format!(
                "the model was trained with {} {}, this build uses {}: retrain it",
                self.features, file.feature_version, self.version
            ));
        }
        Ok((file.provenance, file.body))
    }
}

/// Writes a model file's bytes.
pub fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Reads a model file and decodes it; a file that does not decode is an [`Error::Model`]
/// naming it.
pub fn load<T>(path: &Path, decode: impl FnOnce(&[u8]) -> std::result::Result<T, String>) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode(&bytes).map_err(|reason| Error::Model { path: path.to_owned(), reason })
}

/// The quantisation step of these weights: the largest magnitude becomes `i16::MAX`.
pub fn quantisation_step(weights: impl IntoIterator<Item = f32>) -> f32 {
    let max = weights.into_iter().map(f32::abs).fold(0f32, f32::max).max(1e-6);
    max / f32::from(i16::MAX)
}

/// A weight as a multiple of `step`, rounded.
pub fn quantise(weight: f32, step: f32) -> i16 {
    (weight / step).round() as i16
}

/// A quantised weight back as a weight.
pub fn dequantise(q: i16, step: f32) -> f32 {
    f32::from(q) * step
}

/// The weights as a model file stores them: keys sorted, `N` quantised weights per key (a key
/// whose weights all round to zero is left out), and the quantisation step.
pub fn quantise_weights<const N: usize>(weights: &FeatureWeights<N>) -> (Vec<u64>, Vec<i16>, f32) {
    let step = quantisation_step(weights.values());
    let (mut keys, mut rows) = (Vec::with_capacity(weights.len()), Vec::with_capacity(weights.len() * N));
    for k in weights.sorted_keys() {
        let row = weights.get(k).expect("a sorted key has a row");
        let q = row.map(|w| quantise(w, step));
        if q.iter().any(|&w| w != 0) {
            keys.push(k);
            rows.extend(q);
        }
    }
    (keys, rows, step)
}

/// The inverse of [`quantise_weights`]; an error names `model` when the lengths disagree or the
/// step is not finite (a truncated or corrupt file).
pub fn dequantise_weights<const N: usize>(
    keys: &[u64],
    rows: &[i16],
    step: f32,
    model: &str,
) -> std::result::Result<FeatureWeights<N>, String> {
    if rows.len() != keys.len() * N || !step.is_finite() {
        return Err(format!("the {model} file is inconsistent (truncated or corrupt)"));
    }
    Ok(keys
        .iter()
        .zip(rows.chunks_exact(N))
        .map(|(&k, w)| {
            let mut row = [0f32; N];
            for (a, &b) in row.iter_mut().zip(w) {
                *a = dequantise(b, step);
            }
            (k, row)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: Format =
        Format { magic: "newsgraph-test", version: 3, model: "test model", features: "feature version" };

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        keys: Vec<u64>,
        weights: Vec<i16>,
        scale: f32,
    }

    #[derive(Serialize)]
    struct Flat<'a> {
        magic: &'a str,
        feature_version: u32,
        provenance: &'a str,
        keys: Vec<u64>,
        weights: Vec<i16>,
        scale: f32,
    }

    #[test]
    fn the_body_follows_the_header_as_flat_fields() {
        // the committed model files were written as one flat struct: the nested body must give
        // the same bytes
        let body = Body { keys: vec![3, 300], weights: vec![-1, 2], scale: 0.5 };
        let bytes = TEST.encode(&"prov", &body).unwrap();
        let flat = Flat {
            magic: "newsgraph-test",
            feature_version: 3,
            provenance: "prov",
            keys: vec![3, 300],
            weights: vec![-1, 2],
            scale: 0.5,
        };
        assert_eq!(bytes, postcard::to_stdvec(&flat).unwrap());
        assert_eq!(
            bytes,
            [
                14, b'n', b'e', b'w', b's', b'g', b'r', b'a', b'p', b'h', b'-', b't', b'e', b's', b't', 3, 4, b'p',
                b'r', b'o', b'v', 2, 3, 172, 2, 2, 1, 4, 0, 0, 0, 63
            ]
        );
        let (prov, back): (String, Body) = TEST.decode(&bytes).unwrap();
        assert_eq!((prov.as_str(), back), ("prov", body));
    }

    #[test]
    fn other_files_and_versions_are_refused() {
        let bytes = TEST.encode(&"p", &0u8).unwrap();
        let other = Format { magic: "newsgraph-other", ..TEST };
        assert_eq!(other.decode::<String, u8>(&bytes).unwrap_err(), "not a newsgraph test model");
        let newer = Format { version: 4, ..TEST };
        assert_eq!(
            newer.decode::<String, u8>(&bytes).unwrap_err(),
            "the model was trained with feature version 3, this build uses 4: retrain it"
        );
        assert!(TEST.decode::<String, u8>(&[1]).unwrap_err().starts_with("not a newsgraph test model ("));
    }

    #[test]
    fn quantisation_maps_the_largest_weight_to_i16_max() {
        let step = quantisation_step([0.25, -1.0, 0.0]);
        assert_eq!(quantise(-1.0, step), -i16::MAX);
        assert_eq!(quantise(0.25, step), 8192);
        assert_eq!(quantisation_step([0.0]), 1e-6 / 32767.0);
        assert!((dequantise(quantise(-1.0, step), step) + 1.0).abs() < 1e-6);
    }
}
