//! `newsgraph eval quotes` as users rely on it: the same figures and error lines as
//! `scripts/score_quotes.py`, on the predictions it writes and on hand-written ones.

use std::path::Path;
use std::process::{Command, Output};

use crate::common;
use common::{fixture, newsgraph, ok};

use newsgraph::eval::{score_quotes, QuotePredictions, Subset};
use newsgraph::gold::read_gold;

/// `score_quotes.py GOLD PRED --subset S --errors 50 --json`, or `None` (with a message) when
/// there is no python3 to run it.
fn script(gold: &Path, predictions: &Path, subset: &str) -> Option<Output> {
    let mut py = Command::new("python3");
    py.arg(common::root().join("scripts/score_quotes.py")).arg(gold).arg(predictions);
    py.args(["--subset", subset, "--errors", "50", "--json"]);
    match py.output() {
        Ok(o) => Some(ok(o)),
        Err(e) => {
            println!("skipped: python3 does not run ({e}), so score_quotes.py cannot be compared");
            None
        }
    }
}

/// Standard error without our timing line.
fn errors(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).lines().filter(|l| !l.starts_with("time: ")).map(|l| format!("{l}\n")).collect()
}

#[test]
fn quotes_eval_matches_score_quotes_py_on_its_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let predictions = dir.path().join("pred.jsonl");
    let gold = fixture("quotes/gold.jsonl");
    for subset in ["direct", "all"] {
        let args = ["eval", "quotes", "--gold", gold.to_str().unwrap(), "--subset", subset, "--errors", "50"];
        let ours = ok(newsgraph(&[&args[..], &["--json", "--predictions", predictions.to_str().unwrap()]].concat()));
        let Some(theirs) = script(&gold, &predictions, subset) else { return };
        let figures = String::from_utf8_lossy(&ours.stdout).into_owned();
        assert_eq!(figures, String::from_utf8_lossy(&theirs.stdout), "--subset {subset}");
        assert_eq!(errors(&ours), errors(&theirs), "--subset {subset}");
        // the fixture has what the scorer must tell apart: matches, misses and wrong speakers
        let json: serde_json::Value = serde_json::from_str(&figures).unwrap();
        assert!(json["content_matched"].as_u64().unwrap() >= 5, "{figures}");
        assert!(json["content_R"].as_f64().unwrap() < 1.0, "{figures}");
        if subset == "all" {
            let wrong = "WRONG-SPEAKER ('lawyer_appeal', 'Tom Berry', ['Carl Young']";
            assert!(errors(&ours).contains(wrong), "{}", errors(&ours));
        }
        // the text output has the same figures, one `key value` line each
        let text = ok(newsgraph(&args));
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        for (key, value) in json.as_object().unwrap() {
            let value = value.as_str().map_or(value.to_string(), str::to_owned);
            assert!(text.lines().any(|l| l == format!("{key:22} {value}")), "{key} {value} in\n{text}");
        }
    }
}

#[test]
fn quotes_scorer_matches_score_quotes_py_on_hand_written_predictions() {
    // lenient-only speakers, a pronoun span, two quotes in one prediction, a content past the
    // end of the text and one from its first code point, an article the gold does not have
    let gold = fixture("quotes/gold.jsonl");
    let path = fixture("quotes/predictions.jsonl");
    let docs = read_gold(&gold).unwrap();
    let predictions: Vec<QuotePredictions> =
        std::fs::read_to_string(&path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for (subset, name) in [(Subset::Direct, "direct"), (Subset::All, "all")] {
        let report = score_quotes(&docs, &predictions, subset);
        assert!(report.speaker_lenient > report.speaker_strict, "{report}");
        let Some(theirs) = script(&gold, &path, name) else { return };
        assert_eq!(format!("{}\n", report.to_json()), String::from_utf8_lossy(&theirs.stdout), "--subset {name}");
        assert_eq!(report.errors(50), errors(&theirs), "--subset {name}");
    }
}

#[test]
fn quotes_eval_names_a_gold_file_without_attributions() {
    let gold = fixture("ner/wikigold_dev.jsonl");
    let o = newsgraph(&["eval", "quotes", "--gold", gold.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wikigold_dev.jsonl") && err.contains("`quotes`"), "{err}");
}
