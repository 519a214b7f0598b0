//! The corpus graph (`{base}corpus`): one description per entity and one aggregate edge per
//! (subject, predicate, object), kept up to date by every build, as users rely on it.

use std::collections::BTreeMap;

use newsgraph::build::{Batch, BuildOptions};
use newsgraph::ingest::{read_inputs, IngestOptions, Record};
use newsgraph::model::{Article, Origin};
use newsgraph::rdf::{recompute_corpus, vocab, GraphStore, Minter};
use newsgraph::Pipeline;
use oxigraph::io::RdfFormat;

use crate::common;

fn minter() -> Minter {
    Minter::new(vocab::DEFAULT_BASE_IRI).unwrap()
}

fn article(id: &str, date: &str, text: &str) -> Record {
    Ok(Article {
        id: id.into(),
        title: Some(format!("Headline {id}")),
        date: Some(date.into()),
        url: None,
        source: None,
        author: None,
        text: text.into(),
        origin: Origin { path: id.into(), line: None },
    })
}

fn build(store: &GraphStore, records: Vec<Record>) {
    let (pipeline, minter) = (Pipeline::new(), minter());
    let batch = Batch::new(&pipeline, &minter, BuildOptions { jobs: 2, force: false });
    let summary = batch.into_store(records.into_iter(), store, |_| {}).unwrap();
    assert_eq!(summary.failures, 0);
}

/// The corpus graph as sorted N-Quads lines.
fn corpus_lines(store: &GraphStore) -> Vec<String> {
    let mut out = Vec::new();
    store.export(RdfFormat::NQuads, Some(&minter().corpus()), &mut out).unwrap();
    String::from_utf8(out).unwrap().lines().map(str::to_owned).collect()
}

/// The corpus graph's lines by subject.
fn by_subject(lines: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in lines {
        map.entry(l.split(' ').next().unwrap().to_owned()).or_default().push(l.clone());
    }
    map
}

fn example_records() -> Vec<Record> {
    read_inputs(&[common::root().join("data/examples")], &IngestOptions::default()).collect()
}

#[test]
fn corpus_built_incrementally_equals_one_computed_from_scratch() {
    let records = example_records();
    assert!(records.len() >= 8);
    // half the examples, then all of them (the rest added one transaction each), then one of
    // them changed: each time the corpus graph is updated for the entities touched only
    let store = GraphStore::in_memory().unwrap();
    build(&store, records[..records.len() / 2].to_vec());
    build(&store, records.clone());
    let mut changed = records.clone();
    if let Ok(a) = &mut changed[0] {
        a.text.push_str("\n\nKenya accused Ethiopia of moving troops, officials in Nairobi said.");
    }
    build(&store, changed.clone());
    let incremental = corpus_lines(&store);

    recompute_corpus(&store, &minter()).unwrap();
    assert_eq!(corpus_lines(&store), incremental, "the incremental corpus graph differs from one from scratch");

    // and a fresh build of the same articles, in another order, gives the same graph
    let fresh = GraphStore::in_memory().unwrap();
    changed.reverse();
    build(&fresh, changed);
    assert_eq!(corpus_lines(&fresh), incremental);
    assert!(incremental.iter().any(|l| l.contains("/edge/country%3AKEN/accused/country%3AETH>")), "{incremental:#?}");
}

#[test]
fn corpus_rebuild_of_one_changed_article_changes_exactly_its_entities() {
    let texts = [
        ("a", "2024-01-02", "Estonia accused Russia of jamming flights over the Baltic Sea. Kadri Saar said so."),
        ("b", "2024-01-05", "Kenya met Ethiopia in Nairobi on Monday. Kenya said talks went well."),
        ("c", "2024-02-01", "Japan criticised China on Tuesday. Japan's Foreign Ministry said Beijing was wrong."),
    ];
    let store = GraphStore::in_memory().unwrap();
    build(&store, texts.iter().map(|(id, d, t)| article(id, d, t)).collect());
    let before = by_subject(&corpus_lines(&store));

    // article b now names Kenya once more and Somalia instead of Ethiopia
    let b = "Kenya met Somalia in Nairobi on Monday. Kenya said talks went well. Kenya agreed.";
    build(&store, vec![article("a", texts[0].1, texts[0].2), article("b", "2024-01-05", b)]);
    let after = by_subject(&corpus_lines(&store));

    let entity = |key: &str| minter().entity(key).to_string();
    // the entities article b names before or after the change, and the edges from them
    let b_keys = ["country:KEN", "country:ETH", "country:SOM", "place:nairobi"];
    let touched = |subject: &str| {
        b_keys.iter().any(|k| *subject == entity(k) || subject.contains(&format!("/edge/{}/", k.replace(':', "%3A"))))
    };
    assert!(before.keys().filter(|s| !touched(s)).count() > 10, "{before:#?}");
    // every other entity and edge keeps its description, counts included
    for (subject, lines) in &before {
        if !touched(subject) {
            assert_eq!(after.get(subject), Some(lines), "{subject} changed");
        }
    }
    let count = |map: &BTreeMap<String, Vec<String>>, key: &str| -> Option<String> {
        map.get(&entity(key))?
            .iter()
            .find(|l| l.contains("/ns#mentionCount>"))
            .map(|l| l.split(' ').nth(2).unwrap().to_owned())
    };
    assert_eq!(count(&before, "country:KEN"), Some("\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>".into()));
    assert_eq!(count(&after, "country:KEN"), Some("\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>".into()));
    assert!(count(&before, "country:ETH").is_some());
    assert_eq!(count(&after, "country:ETH"), None, "Ethiopia is no longer mentioned");
    assert!(count(&after, "country:SOM").is_some());
    assert!(after.keys().any(|s| s.contains("/edge/country%3AKEN/met/country%3ASOM>")));
    assert!(!after.keys().any(|s| s.contains("/edge/country%3AKEN/met/country%3AETH>")));
}

#[test]
fn corpus_union_queries_meet_each_entity_once() {
    let store = GraphStore::in_memory().unwrap();
    build(&store, example_records());
    let runner = newsgraph::rdf::SparqlRunner::new(&store);
    let tsv = newsgraph::rdf::ResultFormat::from_name("tsv").unwrap();
    let queries = [
        ("union_mentions_by_label", "SELECT ?name (COUNT(?m) AS ?n) WHERE { ?m ng:refersTo ?e . ?e rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 10"),
        ("union_accusations", "SELECT ?a ?b WHERE { ?s rdf:predicate ng:accused ; rdf:subject ?x ; rdf:object ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b"),
        ("union_people_rows", "SELECT ?p (COUNT(*) AS ?n) WHERE { ?p a schema:Person ; rdfs:label ?l } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 5"),
    ];
    let mut failures = Vec::new();
    for (name, query) in queries {
        let mut out = Vec::new();
        runner.write(query, tsv, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.lines().count() > 1, "{name}: no rows");
        failures.extend(common::check_golden(&common::fixture(&format!("queries/{name}.tsv")), &out));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // one type and one label per person: every row counts 1
    let mut out = Vec::new();
    runner.write(queries[2].1, tsv, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().lines().skip(1).all(|l| l.ends_with("\t1")));
}

#[test]
fn corpus_after_a_stopped_build_counts_the_articles_it_stored() {
    let store = GraphStore::in_memory().unwrap();
    let (pipeline, minter) = (Pipeline::new(), minter());
    build(&store, vec![article("a", "2024-01-02", "Estonia accused Russia of jamming flights.")]);
    // a build stopped after it stored article b, before it updated the corpus graph
    newsgraph::rdf::mark_corpus_out_of_date(&store, &minter).unwrap();
    let Ok(b) = article("b", "2024-01-03", "Chile praised Peru on Monday.") else { unreachable!() };
    let output = newsgraph::build::ArticleOutput::new(&pipeline, b, &minter, true);
    store.replace_graphs(&[minter.article("b"), minter.merge_log("b")], &output.quads).unwrap();
    // the next build stores another article and finds the mark
    build(&store, vec![article("c", "2024-01-04", "Kenya met Ethiopia in Nairobi.")]);
    let after = corpus_lines(&store);
    assert!(after.iter().any(|l| l.starts_with(&minter.entity("country:CHL").to_string())), "{after:#?}");
    assert!(!after.iter().any(|l| l.contains("/ns#outOfDate>")));
    recompute_corpus(&store, &minter).unwrap();
    assert_eq!(corpus_lines(&store), after);
}
