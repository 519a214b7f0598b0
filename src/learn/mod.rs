//! The learning toolkit every trained model uses: feature hashing ([`hashing`]), the averaged
//! perceptron's weights ([`perceptron`]), the seeded order of training examples ([`shuffle`])
//! and the model file format ([`model_file`]).
//!
//! The trained tagger (`recognize::tagger`) and the relation classifier (`relate`) are both
//! averaged perceptrons over hashed features: each one keeps its own features, decoding and
//! file body, and takes everything else from here. Everything is deterministic: the same data,
//! options and seed give the same model file, byte for byte, on every platform.
//!
//! ```
//! use newsgraph::learn::hashing::hash_parts;
//! use newsgraph::learn::perceptron::{AveragedWeights, FeatureWeights};
//! use newsgraph::learn::shuffle::SeededOrder;
//!
//! // two examples of two classes, one feature each
//! let examples = [(hash_parts(&["word", "yes"]), 1), (hash_parts(&["word", "no"]), 0)];
//! let mut table = AveragedWeights::<2>::new(examples.len());
//! let mut order = SeededOrder::new(examples.len(), 7);
//! for _ in 0..3 {
//!     for &k in order.next_pass() {
//!         let scores = table.scores([k]);
//!         let guess = usize::from(scores[1] > scores[0]);
//!         if guess != examples[k].1 {
//!             table.reward(k, examples[k].1, guess);
//!         }
//!         table.tick();
//!     }
//! }
//! let averaged = table.averaged();
//! let weights: FeatureWeights<2> = examples.iter().zip(averaged).map(|(e, row)| (e.0, row)).collect();
//! let yes = weights.scores(&[examples[0].0]);
//! assert!(yes[1] > yes[0]);
//! ```

pub mod hashing;
pub mod model_file;
pub mod perceptron;
pub mod shuffle;
