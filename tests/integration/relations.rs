//! The relation classifier and `newsgraph eval relations` / `train relations` as users rely on them.

use crate::common;

use common::newsgraph;

use newsgraph::eval::evaluate_relations;
use newsgraph::gold::read_gold;
use newsgraph::model::Predicate;
use newsgraph::relate::{RelationClassifier, RelationModel, EVAL_MAP};

fn fixture(name: &str) -> std::path::PathBuf {
    common::root().join("tests/fixtures/relations").join(name)
}

fn eval_map() -> Vec<(String, Predicate)> {
    EVAL_MAP.iter().map(|(l, p)| ((*l).to_owned(), *p)).collect()
}

/// Just under the committed model's micro F1 on this sample (gold entities, the classifier's own
/// decision), so that a regression in the model or its features fails CI.
const KNOWLEDGENET_SAMPLE_F1_FLOOR: f64 = 0.94;

#[test]
fn relations_committed_model_keeps_its_knowledgenet_f1() {
    let gold = read_gold(&fixture("knowledgenet_dev.jsonl")).unwrap();
    let classifier = RelationClassifier::builtin().with_min_confidence(0.5);
    let report = evaluate_relations(&gold, &classifier, &eval_map(), None);
    let (_, _, f1) = report.micro().prf();
    assert!(f1 >= KNOWLEDGENET_SAMPLE_F1_FLOOR, "micro F1 {f1:.3} fell below {KNOWLEDGENET_SAMPLE_F1_FLOOR}\n{report}");
    // KnowledgeNet's three mapped labels, and no others
    assert_eq!(report.per_type.keys().copied().collect::<Vec<_>>(), ["basedIn", "nationality", "worksFor"]);
}

#[test]
fn relations_eval_cli_reports_per_type_and_micro() {
    let gold = fixture("knowledgenet_dev.jsonl");
    let out = newsgraph(&["eval", "relations", "--gold", gold.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for row in ["basedIn", "nationality", "worksFor", "MICRO"] {
        assert!(text.lines().any(|l| l.starts_with(row)), "{row} missing:\n{text}");
    }
    // the scores do not depend on the number of workers
    let scores = |jobs: &str| {
        let o = newsgraph(&["eval", "relations", "--gold", gold.to_str().unwrap(), "--predicted-entities", "-j", jobs]);
        String::from_utf8_lossy(&o.stdout).lines().filter(|l| !l.starts_with("time:")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(scores("1"), scores("3"));
    // a map naming an unknown predicate is a usage error
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.csv");
    std::fs::write(&map, "label,predicate\nWork_For,employs\n").unwrap();
    let bad = newsgraph(&["eval", "relations", "--gold", gold.to_str().unwrap(), "--map", map.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2), "{}", String::from_utf8_lossy(&bad.stderr));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown predicate \"employs\""));
}

#[test]
fn relations_training_is_deterministic_and_learns() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("knowledgenet_train.jsonl");
    let train = |out: &std::path::Path| {
        let o = newsgraph(&["train", "relations", "--data", data.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(out).unwrap()
    };
    let (a, b) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
    assert_eq!(train(&a), train(&b), "the same data and seed give the same bytes");
    // the model fits what it was trained on
    let model = std::sync::Arc::new(RelationModel::load(&a).unwrap());
    let classifier = RelationClassifier::new(newsgraph::lexicon::Lexicon::builtin(), model).with_min_confidence(0.5);
    let report = evaluate_relations(&read_gold(&data).unwrap(), &classifier, &eval_map(), None);
    let (_, _, f1) = report.micro().prf();
    assert!(f1 > 0.9, "{report}");
    // a file that is not a model is refused with the reason
    std::fs::write(&b, b"not a model").unwrap();
    let err = RelationModel::load(&b).unwrap_err().to_string();
    assert!(err.contains("not a newsgraph relation model"), "{err}");
}
