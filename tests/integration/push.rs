//! `newsgraph push` to a `newsgraph serve --allow-update` child process: SPARQL Update at
//! /update and Graph Store PUTs at /store, over a store built from `data/examples`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{newsgraph, newsgraph_in, ok, Server};

const TOKEN: &str = "push-test-token";

/// Triples per named graph, as `graph<TAB>count` lines; the builds graph left out.
const PER_GRAPH: &str = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
    FILTER NOT EXISTS { GRAPH ?g { ?b a ng:Build } } } GROUP BY ?g ORDER BY ?g";

struct Setup {
    _dir: tempfile::TempDir,
    source: PathBuf,
    target: PathBuf,
    token: PathBuf,
    state: PathBuf,
}

/// A store built from the examples, an empty target store and a token file.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source");
    let target = dir.path().join("target");
    ok(newsgraph(&["build", "data/examples", "-q", "--store", source.to_str().unwrap()]));
    let empty = dir.path().join("empty.nq");
    std::fs::write(&empty, "").unwrap();
    ok(newsgraph(&["load", empty.to_str().unwrap(), "--store", target.to_str().unwrap()]));
    let token = dir.path().join("token.txt");
    std::fs::write(&token, format!("{TOKEN}\n")).unwrap();
    let state = dir.path().join("state.json");
    Setup { _dir: dir, source, target, token, state }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn per_graph(store: &Path) -> String {
    text(&ok(newsgraph_in(&["query", PER_GRAPH, "--format", "tsv"], store)).stdout)
}

/// [`PER_GRAPH`] asked of the server (which holds the target store), as TSV.
fn served_per_graph(server: &Server) -> String {
    let mut response = ureq::post(format!("{}/sparql", server.url))
        .header("Content-Type", "application/sparql-query")
        .header("Accept", "text/tab-separated-values")
        .send(PER_GRAPH)
        .unwrap();
    response.body_mut().read_to_string().unwrap()
}

/// `newsgraph push` from `setup.source` with `args`.
fn push(setup: &Setup, args: &[&str]) -> Output {
    let mut all = vec!["push", "--state", setup.state.to_str().unwrap()];
    all.extend_from_slice(args);
    newsgraph_in(&all, &setup.source)
}

#[test]
fn push_update_and_graph_store_fill_the_target() {
    let setup = setup();
    let expected = per_graph(&setup.source);
    let graphs = expected.lines().count() - 1;
    assert!(graphs > 10, "{expected}");
    let server = Server::start(&setup.target, &["--allow-update", "--token-file", setup.token.to_str().unwrap()]);
    let token = setup.token.to_str().unwrap();
    let update = format!("{}/update", server.url);
    let store = format!("{}/store", server.url);

    // SPARQL Update: every graph, the same triples
    let out = ok(push(&setup, &["--method", "update", "--endpoint", &update, "--token-file", token, "--batch", "5"]));
    let summary = text(&out.stdout);
    assert!(summary.starts_with(&format!("pushed {graphs} graphs (")), "{summary}");
    assert!(summary.contains("skipped 0 unchanged, 0 failed"), "{summary}");
    assert_eq!(served_per_graph(&server), expected);

    // pushing again replaces each graph: nothing grows
    ok(push(&setup, &["--method", "update", "--endpoint", &update, "--token-file", token]));
    assert_eq!(served_per_graph(&server), expected);

    // --resume skips what was sent before, unchanged
    let out = ok(push(&setup, &["--method", "update", "--endpoint", &update, "--token-file", token, "--resume"]));
    assert!(text(&out.stdout).starts_with(&format!("pushed 0 graphs (0 triples), skipped {graphs} unchanged")));

    // the Graph Store Protocol: a new URL, so --resume sends everything, as Turtle then N-Triples
    for format in ["turtle", "ntriples"] {
        let out = ok(push(&setup, &["--graph-store", &store, "--token-file", token, "--format", format]));
        assert!(text(&out.stdout).starts_with(&format!("pushed {graphs} graphs (")), "{}", text(&out.stdout));
        assert_eq!(served_per_graph(&server), expected);
    }
    let out = ok(push(&setup, &["--graph-store", &store, "--token-file", token, "--resume"]));
    assert!(text(&out.stdout).contains(&format!("skipped {graphs} unchanged")));

    // one named graph
    let korea = "https://newsgraph.example.org/id/article/korea";
    let out = ok(push(&setup, &["--graph-store", &store, "--token-file", token, "--graph", korea]));
    assert!(text(&out.stdout).starts_with("pushed 1 graphs ("), "{}", text(&out.stdout));
}

#[test]
fn push_errors_name_the_graph_and_set_the_exit_code() {
    let setup = setup();
    // a body limit that the larger graphs pass: 413 for them, the others are sent
    let server = Server::start(
        &setup.target,
        &["--allow-update", "--token-file", setup.token.to_str().unwrap(), "--max-body", "8000"],
    );
    let token = setup.token.to_str().unwrap();
    let store = format!("{}/store", server.url);
    let out = push(&setup, &["--graph-store", &store, "--token-file", token]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("answered HTTP 413 for graph <https://newsgraph.example.org/id/"), "{stderr}");
    assert!(stderr.contains("--max-body"), "{stderr}");
    let summary = text(&out.stdout);
    assert!(!summary.contains(" 0 failed") && !summary.starts_with("pushed 0 graphs"), "{summary}");
    // a failed graph is not recorded: --resume tries it again
    let out = push(&setup, &["--graph-store", &store, "--token-file", token, "--resume"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("pushed 0 graphs"), "{}", text(&out.stdout));

    // a wrong token stops the push at the first graph: exit 3
    let wrong = setup.state.with_file_name("wrong.txt");
    std::fs::write(&wrong, "guess\n").unwrap();
    let out = push(&setup, &["--graph-store", &store, "--token-file", wrong.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("answered HTTP 403 for graph <") && stderr.contains("wrong bearer token"), "{stderr}");
    assert!(stderr.contains("--token-file"), "{stderr}");
}

#[test]
fn push_to_an_unreachable_endpoint_is_fatal() {
    let setup = setup();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/update");
    let out = push(&setup, &["--method", "update", "--endpoint", &url]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("{url} cannot be reached (3 attempts)")), "{stderr}");

    // usage errors: exit 2
    let out = push(&setup, &["--endpoint", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("needs --graph-store"), "{}", text(&out.stderr));
    let out = push(&setup, &["--graph-store", "localhost:3030/ds/data"]);
    assert_eq!(out.status.code(), Some(2));
    let out = push(&setup, &["--graph-store", &url, "--graph", "https://ex.org/none"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no graph <https://ex.org/none>"), "{}", text(&out.stderr));
}
