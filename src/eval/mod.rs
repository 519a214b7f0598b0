//! Evaluation of recognisers against annotated documents, scored the way the field does
//! (exact span and type, micro P/R/F1), identical to the baselines' `score_ner.py`; and of
//! attribution (who said what), identical to `score_quotes.py` (`quotes.rs`).
//!
//! ```
//! use newsgraph::eval::{predict, score, ScoreOptions};
//! use newsgraph::gold::GoldDoc;
//! use newsgraph::recognize::RuleRecognizer;
//! let gold = vec![GoldDoc::new("d1", "Estonia said no.", &[(0, 7, "LOC")])];
//! let predictions: Vec<_> = gold.iter().map(|d| predict(&RuleRecognizer::new(), &d.text)).collect();
//! let report = score(&gold, &predictions, &ScoreOptions::default());
//! assert_eq!(report.micro.tp, 1);
//! ```

mod coref;
mod quotes;
mod relations;
mod score;

pub use coref::{evaluate_coref, CorefReport};
pub use quotes::{
    predict_quotes, score_quotes, speaker_class, speaker_spans, ClassCounts, Figure, MissedQuote, PredictedQuote,
    QuotePredictions, QuoteReport, Subset, WrongSpeaker,
};
pub use relations::{evaluate_relations, RelationReport};
pub use score::{score, Counts, Predicted, Report, ScoreOptions, SpanError};

use crate::model::{CharIndex, EntityKind, Mention, MentionForm};
use crate::recognize::Recognizer;

/// The CoNLL-style label of a mention: `PER`, `ORG`, `LOC` (countries and other places), and
/// `NORP` for a demonym ("French"), which CoNLL-style gold calls `MISC` and is not scored, and
/// `DESC` for a lower-case institution ("defence ministry"), which no gold set annotates.
pub fn label_of(mention: &Mention) -> &'static str {
    match (mention.kind, mention.form) {
        (_, MentionForm::Demonym) => "NORP",
        (_, MentionForm::Description) => "DESC",
        (EntityKind::Person, _) => "PER",
        (EntityKind::Organisation, _) => "ORG",
        (EntityKind::Country | EntityKind::Place, _) => "LOC",
    }
}

/// A recogniser's mentions in `text`, as predictions with code point offsets.
pub fn predict(recognizer: &dyn Recognizer, text: &str) -> Vec<Predicted> {
    let doc = crate::segment::segment(text);
    let index = CharIndex::new(text);
    recognizer
        .recognize(&doc)
        .iter()
        .map(|m| {
            let (start, end) = index.to_chars(m.span);
            Predicted { start, end, label: label_of(m).to_owned(), text: doc.slice(m.span).to_owned() }
        })
        .collect()
}
