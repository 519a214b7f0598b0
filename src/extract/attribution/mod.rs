//! The learned attribution model: who (source) said (cue) what (content), trained on
//! annotated political news (PolNeAR) with `newsgraph train quotes`.
//!
//! Two greedy passes of an averaged perceptron over the tokens of an article: the first tags
//! cues ("said", "according to", "told", "wrote", "argued", "backs"), the second tags sources
//! and contents, knowing where the cues are (the nearest cue before and after each token in its
//! sentence, or the sentence nearby that has one), whether a token stands inside a quotation
//! and the tags before it. [`find`] then links each cue to the contents of its sentences and
//! to its sentence's nearest source.

mod features;
mod link;
mod model;
mod tags;
mod train;

pub use features::marks_attribution;
pub use link::Found;
pub use model::{AttributionModel, AttributionProvenance, ATTRIBUTION_FEATURE_VERSION};
pub use train::{train_attribution, AttributionTrainOptions, AttributionTrainReport, TrainingArticle};

use std::sync::{Arc, OnceLock};

use crate::lexicon::Lexicon;
use crate::model::{Document, Mention};

/// The built-in model's bytes: `data/models/quotes.bin`, built by `scripts/train_quotes.sh`.
pub static BUILTIN_MODEL_BYTES: &[u8] = include_bytes!("../../../data/models/quotes.bin");

impl AttributionModel {
    /// The built-in model, decoded once.
    pub fn builtin() -> Arc<AttributionModel> {
        static MODEL: OnceLock<Arc<AttributionModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                Arc::new(
                    AttributionModel::from_bytes(BUILTIN_MODEL_BYTES).expect("the built-in attribution model decodes"),
                )
            })
            .clone()
    }
}

/// The attributions the model finds in `doc`, whose recognised mentions are `mentions`, in
/// cue order.
pub fn find(model: &AttributionModel, doc: &Document, mentions: &[Mention], lexicon: &Lexicon) -> Vec<Found> {
    if doc.sentences.is_empty() || doc.tokens.is_empty() {
        return Vec::new();
    }
    let quotes = super::view::find_quotes(doc);
    let tokens = features::Tokens::new(doc, &quotes, mentions, lexicon);
    let cues = model.tag_cues(&tokens);
    let roles = model.tag_roles(&tokens, &cues);
    link::link(&tokens, &cues, &roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_model_writes_back_its_own_bytes() {
        assert_eq!(AttributionModel::builtin().to_bytes(), BUILTIN_MODEL_BYTES);
        assert_eq!(AttributionModel::builtin().provenance().epochs, 8);
        assert!(AttributionModel::from_bytes(&BUILTIN_MODEL_BYTES[..1000]).is_err());
    }

    #[test]
    fn the_built_in_model_finds_a_quote_its_speaker_and_its_cue() {
        let text = "\"We will not raise taxes,\" Maria Lopez told reporters on Monday.";
        let doc = crate::segment::segment(text);
        let found = find(&AttributionModel::builtin(), &doc, &[], &Lexicon::builtin());
        assert_eq!(found.len(), 1, "{found:?}");
        let slice = |r: std::ops::Range<usize>| doc.slice(doc.span_of(r)).to_owned();
        assert_eq!(slice(found[0].cue.clone()), "told");
        assert_eq!(slice(found[0].source.clone().unwrap()), "Maria Lopez");
        assert!(slice(found[0].content[0].clone()).contains("We will not raise taxes"));
    }
}
