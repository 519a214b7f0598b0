//! `newsgraph extract` and `newsgraph load`: the store-free filter for cluster engines, and the
//! bulk loader, as data engineers rely on them.

use crate::common;

use common::{newsgraph, ok};

use std::path::Path;

fn sorted_export(store: &Path) -> Vec<String> {
    let o = ok(newsgraph(&["export", "--format", "nquads", "--store", store.to_str().unwrap()]));
    let mut lines: Vec<String> = String::from_utf8(o.stdout).unwrap().lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

fn example_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("data/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_str().unwrap().to_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn extract_in_four_shards_then_load_equals_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let built = dir.path().join("built");
    ok(newsgraph(&["build", "data/examples", "--store", built.to_str().unwrap(), "-q"]));

    // four shards, as four cluster workers would see them, each extracted on its own
    let files = example_files();
    let mut shards = Vec::new();
    for (i, chunk) in files.chunks(files.len().div_ceil(4)).enumerate() {
        let mut args = vec!["extract", "--jobs", "1"];
        args.extend(chunk.iter().map(String::as_str));
        let out = ok(newsgraph(&args));
        let shard = dir.path().join(format!("shard{i}.nq"));
        std::fs::write(&shard, out.stdout).unwrap();
        shards.push(shard);
    }
    assert_eq!(shards.len(), 4);
    let loaded = dir.path().join("loaded");
    let mut args = vec!["load", "--store", loaded.to_str().unwrap()];
    args.extend(shards.iter().map(|p| p.to_str().unwrap()));
    let report = ok(newsgraph(&args));
    assert!(String::from_utf8_lossy(&report.stdout).contains("quads/s"));

    let (a, b) = (sorted_export(&built), sorted_export(&loaded));
    assert!(!a.is_empty());
    assert!(a == b, "sharded extract + load differs from build: {} vs {} quads", a.len(), b.len());
}

#[test]
fn extract_output_does_not_depend_on_the_number_of_workers() {
    let one = ok(newsgraph(&["extract", "--jobs", "1", "data/examples"]));
    let three = ok(newsgraph(&["extract", "--jobs", "3", "data/examples"]));
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == three.stdout, "--jobs changed the output");
    let jsonl = ok(newsgraph(&["extract", "--format", "jsonl", "--jobs", "2", "data/examples"]));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(jsonl.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), example_files().len(), "one JSON object per article");
    let estonia = lines.iter().find(|v| v["id"] == "wire-estonia-russia").unwrap();
    assert!(estonia["statements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["subject"] == "country:EST" && s["predicate"] == "accused" && s["object"] == "country:RUS"));
}

#[test]
fn extract_reports_bad_input_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, "{\"id\": \"a\", \"text\": \"Estonia accused Russia.\"}\nnot json\n").unwrap();
    let out = newsgraph(&["extract", feed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an input failed");
    assert!(String::from_utf8_lossy(&out.stderr).contains("feed.jsonl:2"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("/article/a>"), "the good article is written");
    let bad = newsgraph(&["extract", "--format", "xml", feed.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn load_refuses_a_broken_file_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let good = dir.path().join("good.nq");
    std::fs::write(&good, "<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n").unwrap();
    ok(newsgraph(&["load", good.to_str().unwrap(), "--store", store.to_str().unwrap()]));
    let broken = dir.path().join("broken.nq");
    std::fs::write(&broken, "<http://e/s> <http://e/p> <http://e/o2> <http://e/g> .\n<http://e/s> oops\n").unwrap();
    let out = newsgraph(&["load", broken.to_str().unwrap(), "--store", store.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.nq"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(sorted_export(&store).len(), 1, "the broken file added nothing");
}
