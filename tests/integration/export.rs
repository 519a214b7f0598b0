//! `newsgraph export` on the example corpus: golden subgraphs (`tests/fixtures/export/<case>.args`
//! holds the selection options, one argument a line; `<case>.tsv` the expected nodes and edges),
//! byte-identical output for every format, and Neo4j CSV whose edges all end at nodes.

use crate::common;

use common::{newsgraph_in as newsgraph, ok};

use std::collections::BTreeMap;
use std::path::Path;

fn build(dir: &Path, name: &str) -> std::path::PathBuf {
    let store = dir.join(name);
    ok(newsgraph(&["build", "data/examples", "-q"], &store));
    store
}

/// The subgraph of a Cytoscape export as sorted lines: nodes by key, edges by their ends' keys.
fn subgraph_table(json: &[u8]) -> String {
    let json: serde_json::Value = serde_json::from_slice(json).unwrap();
    let mut keys: BTreeMap<&str, &str> = BTreeMap::new();
    let mut lines = Vec::new();
    for n in json["elements"]["nodes"].as_array().unwrap() {
        let d = &n["data"];
        keys.insert(d["id"].as_str().unwrap(), d["key"].as_str().unwrap());
        lines.push(format!(
            "node\t{}\t{}\t{}",
            d["key"].as_str().unwrap(),
            d["type"].as_str().unwrap(),
            d["label"].as_str().unwrap()
        ));
    }
    for e in json["elements"]["edges"].as_array().unwrap() {
        let d = &e["data"];
        let end = |k: &str| keys.get(d[k].as_str().unwrap()).copied().expect("edge ends are nodes");
        lines.push(format!(
            "edge\t{}\t{}\t{}\t{}",
            end("source"),
            d["label"].as_str().unwrap(),
            end("target"),
            d["weight"]
        ));
    }
    lines.sort();
    lines.join("\n") + "\n"
}

#[test]
fn export_golden_subgraphs_of_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), "store");
    let folder = common::fixture("export");
    let mut cases: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "args"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 4);
    let mut failures = Vec::new();
    for case in cases {
        let options = std::fs::read_to_string(&case).unwrap();
        let mut args = vec!["export", "--format", "cytoscape"];
        args.extend(options.lines().filter(|l| !l.is_empty()));
        let out = ok(newsgraph(&args, &store));
        let table = subgraph_table(&out.stdout);
        assert!(table.lines().any(|l| l.starts_with("edge\t")), "{}: no edge", case.display());
        failures.extend(common::check_golden(&case.with_extension("tsv"), &table));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn export_twice_gives_the_same_bytes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (build(dir.path(), "one"), build(dir.path(), "two"));
    let formats = [
        "turtle",
        "ntriples",
        "nquads",
        "trig",
        "rdfxml",
        "jsonld",
        "graphml",
        "gexf",
        "dot",
        "cytoscape",
        "csv",
        "html",
    ];
    for format in formats {
        let mut outputs: Vec<Vec<u8>> = Vec::new();
        for (i, store) in [&one, &one, &two].into_iter().enumerate() {
            let target = dir.path().join(format!("{format}-{i}"));
            let mut args = vec!["export", "--format", format, "-o", target.to_str().unwrap()];
            if format == "graphml" {
                args.push("--aggregate");
            }
            ok(newsgraph(&args, store));
            outputs.push(if format == "csv" {
                [std::fs::read(target.join("nodes.csv")).unwrap(), std::fs::read(target.join("edges.csv")).unwrap()]
                    .concat()
            } else {
                std::fs::read(&target).unwrap()
            });
        }
        assert!(outputs[0].len() > 1000, "{format}: {} bytes", outputs[0].len());
        assert!(outputs[0] == outputs[1], "{format}: two exports of one store differ");
        assert!(outputs[0] == outputs[2], "{format}: exports of two builds differ");
    }
}

#[test]
fn export_csv_edges_end_at_nodes_and_headers_are_neo4j() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), "store");
    let out = dir.path().join("csv");
    let o = ok(newsgraph(&["export", "--format", "csv", "-o", out.to_str().unwrap()], &store));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("wrote "));
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    assert_eq!(&nodes.headers().unwrap()[0], "id:ID");
    assert_eq!(&nodes.headers().unwrap()[1], ":LABEL");
    let ids: std::collections::BTreeSet<String> = nodes.records().map(|r| r.unwrap()[0].to_owned()).collect();
    let mut edges = csv::Reader::from_path(out.join("edges.csv")).unwrap();
    assert_eq!(edges.headers().unwrap().iter().take(3).collect::<Vec<_>>(), [":START_ID", ":END_ID", ":TYPE"]);
    let mut n = 0;
    for r in edges.records() {
        let r = r.unwrap();
        assert!(ids.contains(&r[0]) && ids.contains(&r[1]), "{r:?}");
        n += 1;
    }
    assert!(n > 50 && ids.len() > 100);
}

#[test]
fn export_format_errors_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), "store");
    for (args, message) in [
        (vec!["export", "--format", "docx"], "unknown format \"docx\""),
        (vec!["export", "--format", "csv"], "writes a folder: give -o DIR"),
        (vec!["export", "--format", "turtle", "--top", "3"], "work with graph formats"),
        (vec!["export", "--format", "dot", "--around", "Atlantis"], "no entity is named \"Atlantis\""),
        (vec!["export", "--format", "dot", "--since", "yesterday"], "--since \"yesterday\" is not a date"),
        (vec!["export", "--format", "dot", "--types", "animal"], "unknown type \"animal\""),
        (vec!["export"], "give --format"),
    ] {
        let o = newsgraph(&args, &store);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(message),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // the format comes from the extension
    let file = dir.path().join("g.gexf");
    ok(newsgraph(&["export", "-o", file.to_str().unwrap()], &store));
    assert!(std::fs::read_to_string(&file).unwrap().contains("<gexf "));
    let file = dir.path().join("g.html");
    ok(newsgraph(&["export", "--top", "5", "-o", file.to_str().unwrap()], &store));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn export_stats_rank_stores_analytics_for_sparql() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path(), "store");
    let o = ok(newsgraph(&["stats", "--rank", "--top", "3", "--store-analytics"], &store));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("graph: "), "{out}");
    assert!(out.contains("top 3 entities by PageRank:") && out.contains("pagerank"), "{out}");
    let q = "SELECT ?name WHERE { ?e ng:pageRank ?r ; rdfs:label ?name } ORDER BY DESC(?r) ?name LIMIT 1";
    let o = ok(newsgraph(&["query", q, "--format", "tsv"], &store));
    let best = String::from_utf8_lossy(&o.stdout).lines().nth(1).unwrap().trim_matches('"').to_owned();
    let first = out.lines().find(|l| l.starts_with("  ") && !l.contains("pagerank")).unwrap();
    assert!(first.trim_start().starts_with(&best), "{best} first in\n{out}");
    // storing again replaces the graph
    let count = |store: &Path| {
        let q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a ng:Analytics . ?s ?p ?o } }";
        String::from_utf8_lossy(&ok(newsgraph(&["query", q, "--format", "csv"], store)).stdout).into_owned()
    };
    let before = count(&store);
    ok(newsgraph(&["stats", "--rank", "--store-analytics"], &store));
    assert_eq!(count(&store), before);
}
