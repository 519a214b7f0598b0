//! Every shipped `queries/*.rq` runs over the example corpus and gives the expected,
//! non-empty result (`tests/fixtures/queries/<name>.tsv`).

use crate::common;

use newsgraph::build::{Batch, BuildOptions};
use newsgraph::ingest::{read_inputs, IngestOptions};
use newsgraph::rdf::{vocab, GraphStore, Minter, ResultFormat, SparqlRunner};
use newsgraph::Pipeline;

#[test]
fn queries_give_expected_results_on_the_examples() {
    let store = GraphStore::in_memory().unwrap();
    let minter = Minter::new(vocab::DEFAULT_BASE_IRI).unwrap();
    let paths = vec![common::root().join("data/examples")];
    let options = IngestOptions::default();
    let pipeline = Pipeline::new();
    let batch = Batch::new(&pipeline, &minter, BuildOptions { jobs: 2, force: false });
    let summary = batch.into_store(read_inputs(&paths, &options), &store, |_| {}).unwrap();
    assert_eq!(summary.failures, 0);
    assert!(summary.articles >= 8);

    let mut queries: Vec<_> = std::fs::read_dir(common::root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 8);
    let mut failures = Vec::new();
    for query in queries {
        let text = std::fs::read_to_string(&query).unwrap();
        assert!(text.starts_with("# "), "{}: the first line states the question", query.display());
        let mut out = Vec::new();
        SparqlRunner::new(&store).write(&text, ResultFormat::from_name("tsv").unwrap(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let name = query.file_stem().unwrap().to_string_lossy().into_owned();
        if out.lines().count() < 2 {
            failures.push(format!("{name}: no results"));
        }
        failures.extend(common::check_golden(&common::fixture(&format!("queries/{name}.tsv")), &out));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
