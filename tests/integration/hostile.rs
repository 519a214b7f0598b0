//! Hostile input and faults, as a user sees them: queries nested to overflow the parser, a sort
//! that panics inside Oxigraph, idle and slow connections, a runaway sort past `--timeout`,
//! `load -`, failed loads and builds, and orphan bulk-loader files.

use crate::common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::Server;

fn example_store(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("store");
    common::ok(common::newsgraph(&["build", "data/examples", "-q", "--store", store.to_str().unwrap()]));
    store
}

/// The queries of the issue that overflowed the stack, at their sizes.
fn nested_queries() -> Vec<(&'static str, String)> {
    vec![
        ("braces", format!("SELECT * WHERE {}{}", "{".repeat(5_000), "}".repeat(5_000))),
        ("parentheses", format!("SELECT * WHERE {{ FILTER({}1{}) }}", "(".repeat(5_000), ")".repeat(5_000))),
        ("union", format!("SELECT * WHERE {{ {} }}", vec!["{ ?s ?p ?o }"; 5_000].join(" UNION "))),
        ("sum", format!("SELECT * WHERE {{ FILTER({}1) }}", "1+".repeat(50_000))),
        ("path", format!("SELECT * WHERE {{ ?s {} ?o }}", vec!["<urn:p>"; 20_000].join("/"))),
        ("collection", format!("SELECT * WHERE {{ ?s <urn:p> ({}) }}", " 1".repeat(10_000))),
    ]
}

/// Sends raw bytes and reads the answer until the server closes or `wait` passes.
fn raw(url: &str, request: &[u8], wait: Duration) -> String {
    let mut stream = TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    if let Err(e) = stream.read_to_end(&mut answer) {
        eprintln!("reading the answer: {e}");
    }
    String::from_utf8_lossy(&answer).into_owned()
}

fn post_query(url: &str, query: &str, wait: Duration) -> String {
    let head = format!(
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nAccept: text/csv\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        query.len()
    );
    raw(url, &[head.as_bytes(), query.as_bytes()].concat(), wait)
}

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

#[test]
fn hostile_nested_queries_are_refused_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    for (name, query) in nested_queries() {
        let file = dir.path().join(format!("{name}.rq"));
        std::fs::write(&file, &query).unwrap();
        let out = common::newsgraph_in(&["query", "--file", file.to_str().unwrap()], &store);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains("refused before parsing") && stderr.contains("more than"), "{name}: {stderr}");
    }
    let server = Server::start(&store, &[]);
    for (name, query) in nested_queries() {
        let answer = post_query(&server.url, &query, Duration::from_secs(60));
        assert!(answer.starts_with("HTTP/1.1 400"), "{name}: {answer}");
        assert!(answer.contains("more than"), "{name}: {answer}");
    }
    let answer = post_query(&server.url, COUNT, Duration::from_secs(60));
    assert!(answer.starts_with("HTTP/1.1 200"), "the server still answers: {answer}");
}

/// Integers and strings sorted together: Oxigraph 0.5.13's ORDER BY is no total order over
/// them, and Rust's sort panics on this order of 24 values.
const MIXED: [&str; 24] = [
    "\"7\"", "4", "19", "18", "\"0\"", "15", "7", "22", "\"26\"", "\"12\"", "4", "\"4\"", "16", "\"0\"", "2", "\"30\"",
    "\"9\"", "\"26\"", "\"15\"", "\"29\"", "\"22\"", "13", "\"25\"", "\"30\"",
];

fn mixed_store(dir: &Path) -> std::path::PathBuf {
    let nq: String = MIXED
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let object = if v.starts_with('"') {
                (*v).to_owned()
            } else {
                format!("\"{v}\"^^<http://www.w3.org/2001/XMLSchema#integer>")
            };
            format!("<urn:s{i}> <urn:p> {object} .\n")
        })
        .collect();
    let file = dir.join("mixed.nq");
    std::fs::write(&file, nq).unwrap();
    let store = dir.join("mixed");
    common::ok(common::newsgraph(&["load", file.to_str().unwrap(), "--store", store.to_str().unwrap()]));
    store
}

#[test]
fn hostile_engine_panic_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let store = mixed_store(dir.path());
    let sort = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o";
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["query", sort, "--store", store.to_str().unwrap()])
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("the SPARQL engine (Oxigraph) failed") && stderr.contains("STR(?x)"), "{stderr}");
    assert!(!stderr.contains("panicked at"), "no panic trace: {stderr}");
    let server = Server::start(&store, &[]);
    let answer = post_query(&server.url, sort, Duration::from_secs(60));
    assert!(answer.starts_with("HTTP/1.1 500") && answer.contains("Oxigraph"), "{answer}");
    assert!(post_query(&server.url, COUNT, Duration::from_secs(60)).starts_with("HTTP/1.1 200"));
}

#[test]
fn hostile_idle_and_slow_connections_do_not_lock_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let server = Server::start(&store, &["--max-connections", "6", "--read-timeout", "2"]);
    let address = server.url.trim_start_matches("http://").to_owned();
    // the connections that found the server started are closed by then
    std::thread::sleep(Duration::from_millis(500));
    let idle: Vec<TcpStream> = (0..6).map(|_| TcpStream::connect(&address).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    // over the limit: 503 at once, not a wait
    let started = Instant::now();
    let refused = raw(&server.url, b"", Duration::from_secs(30));
    assert!(refused.starts_with("HTTP/1.1 503") && refused.contains("--max-connections"), "{refused}");
    assert!(started.elapsed() < Duration::from_secs(5), "refused at once");
    // the idle ones are closed after --read-timeout, and a query is served again
    std::thread::sleep(Duration::from_millis(2_500));
    assert!(post_query(&server.url, COUNT, Duration::from_secs(60)).starts_with("HTTP/1.1 200"));
    drop(idle);
    // half a header (slowloris) gets 408 after --read-timeout
    let started = Instant::now();
    let slow = raw(&server.url, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n", Duration::from_secs(30));
    assert!(slow.starts_with("HTTP/1.1 408"), "{slow}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // a GET over 8 KB is 414
    let long = format!("GET /sparql?query={} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(9_000));
    assert!(raw(&server.url, long.as_bytes(), Duration::from_secs(30)).starts_with("HTTP/1.1 414"));

    drop(server);
    let per_client = Server::start(&store, &["--max-client-connections", "2"]);
    let address = per_client.url.trim_start_matches("http://").to_owned();
    std::thread::sleep(Duration::from_millis(500));
    let _mine: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(&address).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    let refused = raw(&per_client.url, b"", Duration::from_secs(30));
    assert!(refused.starts_with("HTTP/1.1 503") && refused.contains("--max-client-connections"), "{refused}");
}

#[test]
fn hostile_runaway_sort_is_answered_after_its_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let server = Server::start(&store, &["--timeout", "1", "--max-queries", "2"]);
    let sort = "SELECT ?c ?f WHERE { GRAPH ?g {?a ?b ?c} GRAPH ?h {?d rdfs:label ?f} } ORDER BY ?c ?f LIMIT 1";
    let started = Instant::now();
    let answer = post_query(&server.url, sort, Duration::from_secs(60));
    // before: no answer in 60 s; the target (within 1.5 s of the deadline) is measured by
    // scripts/validate_hostile.sh, this bound only tells an answer from none on a busy machine
    assert!(answer.starts_with("HTTP/1.1 503") && answer.contains("--timeout"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(15), "answered after {:?}", started.elapsed());
    // the runaway one holds one of the two slots; another query still runs
    assert!(post_query(&server.url, COUNT, Duration::from_secs(60)).starts_with("HTTP/1.1 200"));
}

#[test]
fn hostile_load_reads_standard_input_and_leaves_no_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let extract = common::ok(common::newsgraph(&["extract", "data/examples"]));
    let store = dir.path().join("piped");
    let mut load = std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["load", "-", "--store", store.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    load.stdin.take().unwrap().write_all(&extract.stdout).unwrap();
    assert!(load.wait().unwrap().success());
    let piped = common::ok(common::newsgraph_in(&["query", COUNT, "--format", "csv"], &store));
    let file = dir.path().join("extract.nq");
    std::fs::write(&file, &extract.stdout).unwrap();
    let loaded = dir.path().join("loaded");
    common::ok(common::newsgraph(&["load", file.to_str().unwrap(), "--store", loaded.to_str().unwrap()]));
    let from_file = common::ok(common::newsgraph_in(&["query", COUNT, "--format", "csv"], &loaded));
    assert_eq!(piped.stdout, from_file.stdout);

    // a failed load into a new folder leaves no store behind
    let bad = dir.path().join("bad.nq");
    std::fs::write(&bad, "not n-quads\n").unwrap();
    let failed = dir.path().join("failed");
    let out = common::newsgraph(&["load", bad.to_str().unwrap(), "--store", failed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(!failed.exists(), "no empty store left behind");

    // build refuses a folder of other files, and a file
    let folder = dir.path().join("documents");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("letter.txt"), "Dear reader").unwrap();
    let out = common::newsgraph(&["build", "data/examples", "-q", "--store", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds other files and no store"));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "the folder is left as it was");
    let letter = folder.join("letter.txt");
    let out = common::newsgraph(&["build", "data/examples", "-q", "--store", letter.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a file, not a store folder"));
}

#[test]
fn hostile_orphan_bulk_files_are_removed_when_the_store_opens() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let orphan = store.join("bulk-1234567890.sst");
    std::fs::write(&orphan, vec![0u8; 4096]).unwrap();
    let empty = dir.path().join("empty.nq");
    std::fs::write(&empty, "").unwrap();
    common::ok(common::newsgraph(&["load", empty.to_str().unwrap(), "--store", store.to_str().unwrap()]));
    assert!(!orphan.exists(), "the orphan bulk file is removed");
}

/// The number of quads in the named graphs of a store, as `query` counts them.
fn quad_count(store: &Path) -> String {
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let out = common::ok(common::newsgraph(&["query", "--store", store.to_str().unwrap(), count]));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn hostile_builds_leave_nothing_in_the_write_ahead_log() {
    // a fresh (bulk-loaded) build, then an incremental one into the same store: every write
    // must be in the sorted files when `build` ends, so that a reader replays nothing. The log
    // files that stay are space RocksDB recycles (Oxigraph keeps up to 10): a copy of the store
    // without them holds every quad.
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let fixtures = common::fixture("articles");
    common::ok(common::newsgraph(&["build", fixtures.to_str().unwrap(), "-q", "--store", store.to_str().unwrap()]));
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(&store).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "log") {
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    let all = quad_count(&store);
    assert!(all.lines().count() == 2 && !all.contains("\n0\n"), "{all}");
    assert_eq!(quad_count(&copy), all, "quads that were only in the write-ahead log");
}

/// The entities of `text`, as (key, label) pairs.
fn keys_and_labels(text: &str) -> Vec<(String, String)> {
    let x = newsgraph::Pipeline::new().run_text(text);
    x.resolution.entities.iter().map(|e| (e.key.clone(), e.name.clone())).collect()
}

#[test]
fn hostile_generic_party_names_are_not_linked_across_countries() {
    // issue 20 (7): Hong Kong's Democratic Party got the key of the US party
    for hk in [
        "Hong Kong's Democratic Party met US diplomats in Washington.",
        "Members of the Hong Kong Democratic Party said they would boycott the vote.",
    ] {
        let keys = keys_and_labels(hk);
        assert!(!keys.iter().any(|(k, _)| k == "org:us-democratic-party"), "{hk}: {keys:?}");
        assert!(keys.iter().any(|(k, _)| k == "organization:hkg democratic party"), "{hk}: {keys:?}");
    }
    // unqualified, the name stays the table's, whatever other countries the article names:
    // British news about Iraq never names Britain
    for home in [
        ("The Democratic Party won the vote in the United States Senate.", "org:us-democratic-party"),
        ("Tony Blair told Labour Party members that the war in Iraq was right.", "org:uk-labour-party"),
    ] {
        let keys = keys_and_labels(home.0);
        assert!(keys.iter().any(|(k, _)| k == home.1), "{}: {keys:?}", home.0);
    }
}

#[test]
fn hostile_invisible_characters_and_decomposed_accents_do_not_split_an_entity() {
    // issue 20 (8): a zero-width joiner inside "Kadri Saar" made a second entity
    let text = "Kadri Saar, the mayor, spoke on Monday. Ka\u{200D}dri Saar said the plan was sound. \
                Thomas Mu\u{308}ller and Thomas Müller are one man.";
    let x = newsgraph::Pipeline::new().run_text(text);
    let people: Vec<(&str, usize)> = x
        .resolution
        .entities
        .iter()
        .filter(|e| e.kind == newsgraph::model::EntityKind::Person)
        .map(|e| (e.name.as_str(), e.mentions.len()))
        .collect();
    assert!(people.contains(&("Kadri Saar", 2)), "{people:?}");
    assert!(people.contains(&("Thomas Müller", 2)), "{people:?}");
    // the mention offsets still cut the original text, joiner included
    let joined = x.mentions.iter().find(|m| x.document.slice(m.span).contains('\u{200D}'));
    assert_eq!(joined.map(|m| x.document.slice(m.span)), Some("Ka\u{200D}dri Saar"));
}

#[test]
fn hostile_overlong_tokens_are_not_entities() {
    // issue 20 (8): a 200,000-character token became one organisation with a 200 KB IRI
    let blob = format!("Officials said {} was found. Angela Merkel spoke.", "Q".repeat(200_000));
    let x = newsgraph::Pipeline::new().run_text(&blob);
    let longest = x.mentions.iter().map(|m| x.document.slice(m.span).chars().count()).max().unwrap_or(0);
    assert!(longest <= newsgraph::recognize::MAX_MENTION_CHARS, "a mention of {longest} characters");
    assert!(x.resolution.entities.iter().any(|e| e.name == "Angela Merkel"));
}

#[test]
fn hostile_unknown_entity_and_graph_are_named_not_silent() {
    // issue 20 (8): `entities --explain UNKNOWN` and `export --graph UNKNOWN` printed nothing, exit 0
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let s = store.to_str().unwrap();
    let explain = common::newsgraph(&["entities", "--store", s, "--explain", "Nobody Anywhere"]);
    let err = String::from_utf8_lossy(&explain.stderr);
    assert_eq!(explain.status.code(), Some(2), "{err}");
    assert!(err.contains("no entity is named \"Nobody Anywhere\""), "{err}");
    let known = common::ok(common::newsgraph(&["entities", "--store", s, "--explain", "Estonia", "--format", "csv"]));
    assert!(String::from_utf8_lossy(&known.stdout).lines().count() > 1);
    let export = common::newsgraph(&["export", "--store", s, "--format", "nquads", "--graph", "urn:no:such"]);
    let err = String::from_utf8_lossy(&export.stderr);
    assert_eq!(export.status.code(), Some(2), "{err}");
    assert!(err.contains("has no graph <urn:no:such>") && export.stdout.is_empty(), "{err}");
}

#[test]
fn hostile_help_examples_are_not_wrapped() {
    // issue 20 (8): the curl example of `serve --help` was wrapped across lines, so it could
    // not be pasted; every example line fits in clap's 100 columns
    let help = common::ok(common::newsgraph(&["serve", "--help"]));
    let help = String::from_utf8_lossy(&help.stdout);
    for line in help.lines().filter(|l| l.trim_start().starts_with("curl") || l.starts_with("    -")) {
        assert!(line.chars().count() <= 100, "{line}");
    }
    let curl: Vec<&str> = help.lines().skip_while(|l| !l.trim_start().starts_with("curl -H 'Accept")).take(3).collect();
    assert!(
        curl[0].ends_with('\\') && curl[1].ends_with('\\') && curl[2].trim() == "http://127.0.0.1:7878/sparql",
        "{curl:?}"
    );
}
