//! The `newsgraph` binary as a user runs it.

use crate::common;

use common::newsgraph_in as newsgraph;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn count_triples(store: &Path) -> usize {
    // the builds graph grows by one manifest per build
    let q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://newsgraph.example.org/id/builds>) }";
    let o = newsgraph(&["query", q, "--format", "csv"], store);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().nth(1).unwrap().trim().parse().unwrap()
}

#[test]
fn cli_build_examples_twice_keeps_the_triple_count() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let first = newsgraph(&["build", "data/examples"], &store);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stdout(&first).starts_with("built 11 articles (0 failed, 0 unchanged and skipped)"), "{}", stdout(&first));
    let n = count_triples(&store);
    assert!(n > 500);
    // unchanged articles are skipped, and counted
    let second = newsgraph(&["build", "data/examples"], &store);
    assert_eq!(second.status.code(), Some(0));
    assert!(
        stdout(&second).starts_with("built 0 articles (0 failed, 11 unchanged and skipped)"),
        "{}",
        stdout(&second)
    );
    assert_eq!(count_triples(&store), n);
    // a changed article is built again; another pipeline option rebuilds all; so does --force
    let changed = dir.path().join("changed");
    std::fs::create_dir(&changed).unwrap();
    for name in ["wire-estonia-russia.txt", "wire-kenya-ethiopia.txt"] {
        std::fs::copy(common::root().join("data/examples").join(name), changed.join(name)).unwrap();
    }
    let edited = changed.join("wire-kenya-ethiopia.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replace("Nairobi on Wednesday", "Nairobi on Thursday")).unwrap();
    let third = newsgraph(&["build", changed.to_str().unwrap()], &store);
    assert!(stdout(&third).starts_with("built 1 articles (0 failed, 1 unchanged and skipped)"), "{}", stdout(&third));
    let other = newsgraph(&["build", "data/examples", "--relation-confidence", "0.7"], &store);
    assert!(stdout(&other).starts_with("built 11 articles (0 failed, 0 unchanged"), "{}", stdout(&other));
    let forced = newsgraph(&["build", "data/examples", "--relation-confidence", "0.7", "--force"], &store);
    assert!(stdout(&forced).starts_with("built 11 articles (0 failed, 0 unchanged"), "{}", stdout(&forced));
    let back = newsgraph(&["build", "data/examples"], &store);
    assert_eq!(back.status.code(), Some(0));
    assert_eq!(count_triples(&store), n, "rebuilding replaces each article graph");
    let stats = newsgraph(&["stats", "--top", "3"], &store);
    assert!(stdout(&stats).contains("articles: 11"), "{}", stdout(&stats));
    assert!(stdout(&stats).contains("schema:Country"));
}

#[test]
fn cli_build_records_its_manifest_in_the_store_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let first = newsgraph(&["build", "data/examples", "-j", "2"], &store);
    let summary = stdout(&first);
    assert!(summary.contains("  manifest: newsgraph 0.1.0; ner fnv64:"), "{summary}");
    assert!(summary.contains("relations fnv64:") && summary.contains("tables fnv64:"), "{summary}");
    assert!(summary.contains("quotes fnv64:"), "the attribution model is part of the manifest: {summary}");
    assert!(summary.contains("words/s") && summary.contains("inputs: data/examples"), "{summary}");
    newsgraph(&["build", "data/examples", "-j", "1"], &store);
    let q = "PREFIX ng: <https://newsgraph.example.org/ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?articles ?skipped ?jobs ?input (COUNT(?model) AS ?models) WHERE {
          GRAPH <https://newsgraph.example.org/id/builds> {
            ?b a prov:Activity, ng:Build ; ng:articles ?articles ; ng:skipped ?skipped ; ng:jobs ?jobs ;
               prov:used ?input ; ng:modelHash ?model ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
               ng:seconds ?s ; ng:storeSeconds ?w ; ng:words ?words ; ng:tool \"newsgraph 0.1.0\" .
            FILTER(?end >= ?start && ?s >= ?w)
          }
        } GROUP BY ?articles ?skipped ?jobs ?input ORDER BY DESC(?articles)";
    let o = newsgraph(&["query", q, "--format", "csv"], &store);
    assert_eq!(
        stdout(&o),
        "articles,skipped,jobs,input,models\r\n11,0,2,data/examples,4\r\n0,11,1,data/examples,4\r\n"
    );
    // an export of the whole store leaves the builds graph out: it differs from run to run
    let export = newsgraph(&["export", "--format", "nquads"], &store);
    assert!(!stdout(&export).contains("/id/builds>") && stdout(&export).contains("/id/article/"));
}

#[test]
fn cli_bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), "Talks\n\nEstonia accused Russia of jamming flights.").unwrap();
    std::fs::write(input.join("latin1.txt"), b"Caf\xe9 news\n").unwrap();
    std::fs::write(input.join("empty.txt"), "  \n\n").unwrap();
    std::fs::write(
        input.join("feed.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Kenya and Ethiopia signed a deal.\"}\n{not json\n{\"id\": \"x\"}\n{\"id\": \"d\", \"text\": \"t\", \"date\": \"03/04/2020\"}\n{\"id\": \"ok\", \"text\": \"Again.\"}\n",
    )
    .unwrap();
    let huge = "Word ".repeat(300_000);
    std::fs::write(input.join("huge.txt"), huge).unwrap();
    let store = dir.path().join("store");
    let missing = dir.path().join("missing.txt");
    let o = newsgraph(&["build", input.to_str().unwrap(), missing.to_str().unwrap(), "--max-article-mb", "1"], &store);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let feed = input.join("feed.jsonl").display().to_string();
    for expected in [
        format!("{}: not UTF-8", input.join("latin1.txt").display()),
        format!("{}: empty article", input.join("empty.txt").display()),
        format!("{feed}:2: malformed JSON"),
        format!("{feed}:3: missing field `text`"),
        format!("{feed}:4: date \"03/04/2020\" is not ISO 8601"),
        format!("{feed}:5: article id \"ok\" was already used by {feed}:1 in this build"),
        format!("{}: article is 1500000 bytes, over the limit", input.join("huge.txt").display()),
        format!("{}: cannot read", missing.display()),
    ] {
        assert!(err.contains(&expected), "expected {expected:?} in:\n{err}");
    }
    assert!(stdout(&o).starts_with("built 2 articles (8 failed, 0 unchanged and skipped)"), "{}", stdout(&o));
    let articles =
        newsgraph(&["query", "SELECT ?id WHERE { ?a schema:identifier ?id } ORDER BY ?id", "--format", "csv"], &store);
    assert_eq!(stdout(&articles).replace("\r\n", "\n"), "id\ngood\nok\n");
}

#[test]
fn cli_reads_jsonl_from_stdin_with_a_default_date() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["build", "-", "--date", "2024-05-01", "--store"])
        .arg(&store)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"s1\", \"title\": \"Deal\", \"text\": \"Kenya and Ethiopia signed a trade deal.\"}\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let q = newsgraph(
        &["query", "SELECT ?d ?h WHERE { ?a schema:datePublished ?d ; schema:headline ?h }", "--format", "tsv"],
        &store,
    );
    assert!(stdout(&q).contains("\"2024-05-01\"^^<http://www.w3.org/2001/XMLSchema#date>\t\"Deal\""), "{}", stdout(&q));
}

#[test]
fn cli_usage_errors_have_their_own_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert_eq!(newsgraph(&["build"], &store).status.code(), Some(2));
    assert_eq!(newsgraph(&["build", "data/examples/korea.txt", "--date", "May 1"], &store).status.code(), Some(2));
    let built = newsgraph(&["build", "data/examples/korea.txt"], &store);
    assert!(built.status.success());
    let bad = newsgraph(&["query", "SELECT ?x WHERE { ?x ?y }"], &store);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("SPARQL syntax error") && stderr(&bad).contains("1:"), "{}", stderr(&bad));
    let missing = newsgraph(&["query", "ASK {}"], &dir.path().join("nothing"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no store at"), "{}", stderr(&missing));
}

#[test]
fn cli_query_formats() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(newsgraph(&["build", "data/examples/wire-estonia-russia.txt"], &store).status.success());
    let select = "SELECT ?name WHERE { ?c a schema:Country ; rdfs:label ?name } ORDER BY ?name";
    let csv = stdout(&newsgraph(&["query", select, "--format", "csv"], &store)).replace("\r\n", "\n");
    assert!(csv.starts_with("name\nEstonia\n"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&newsgraph(&["query", select, "--format", "json"], &store))).unwrap();
    assert_eq!(json["head"]["vars"][0], "name");
    let table = stdout(&newsgraph(&["query", select, "--format", "table"], &store));
    assert!(table.lines().nth(1).unwrap().starts_with("----"), "{table}");
    let ask = stdout(&newsgraph(&["query", "ASK { ?a ng:accused ?b }", "--format", "json"], &store));
    assert!(ask.contains("true"), "{ask}");
    let construct = newsgraph(
        &["query", "CONSTRUCT { ?a ng:accused ?b } WHERE { ?a ng:accused ?b }", "--format", "ntriples"],
        &store,
    );
    assert!(stdout(&construct).contains("/ns#accused>"), "{}", stdout(&construct));
    let wrong = newsgraph(&["query", select, "--format", "turtle"], &store);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn cli_export_round_trips_through_oxigraph() {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::Quad;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(newsgraph(&["build", "data/examples"], &store).status.success());
    let parse =
        |format: RdfFormat, bytes: &[u8]| -> std::collections::BTreeSet<String> {
            RdfParser::from_format(format)
                .for_slice(bytes)
                .map(|q: Result<Quad, _>| q.unwrap())
                .map(|q| {
                    if format.supports_datasets() {
                        q.to_string()
                    } else {
                        oxigraph::model::Triple::from(q).to_string()
                    }
                })
                .collect()
        };
    let export = |format: &str| {
        let o = newsgraph(&["export", "--format", format], &store);
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    let nquads = parse(RdfFormat::NQuads, &export("nquads"));
    let trig = parse(RdfFormat::TriG, &export("trig"));
    assert_eq!(nquads.len(), count_triples(&store));
    assert_eq!(trig, nquads, "TriG parses back to the same quads");
    let ntriples = parse(RdfFormat::NTriples, &export("ntriples"));
    let turtle = parse(RdfFormat::Turtle, &export("turtle"));
    assert_eq!(turtle, ntriples, "Turtle parses back to the same triples");
    let rdfxml = parse(RdfFormat::RdfXml, &export("rdfxml"));
    assert_eq!(rdfxml, ntriples);
    let jsonld = export("jsonld");
    assert!(serde_json::from_slice::<serde_json::Value>(&jsonld).is_ok());
    // byte-for-byte deterministic
    assert_eq!(export("trig"), export("trig"));
    let one = newsgraph(
        &["export", "--format", "turtle", "--graph", "https://newsgraph.example.org/id/article/korea"],
        &store,
    );
    assert!(stdout(&one).contains("North Korea"));
    assert!(!stdout(&one).contains("Estonia"));
}

#[test]
fn cli_killed_build_leaves_complete_articles_and_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let text = std::fs::read_to_string(common::root().join("data/examples/wire-estonia-russia.txt")).unwrap();
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&serde_json::json!({"id": format!("a{i:04}"), "text": text}).to_string());
        lines.push('\n');
    }
    std::fs::write(&feed, &lines).unwrap();
    let store = dir.path().join("store");
    // a store that holds an article already: the build writes one transaction per article
    // (a fresh store is bulk-loaded, all at the end)
    let first = dir.path().join("first.jsonl");
    std::fs::write(&first, lines.lines().next().unwrap()).unwrap();
    assert_eq!(newsgraph(&["build", first.to_str().unwrap()], &store).status.code(), Some(0));
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["build", feed.to_str().unwrap(), "--store", store.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    child.kill().unwrap();
    child.wait().unwrap();
    // every stored article graph is whole: all have the same size as the others, and so do
    // the merge logs
    let per_graph = |store: &Path| {
        let query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/article/')) } GROUP BY ?g";
        let o = newsgraph(&["query", query, "--format", "csv"], store);
        assert!(o.status.success(), "the killed store opens again: {}", stderr(&o));
        stdout(&o).lines().skip(1).map(|l| l.rsplit(',').next().unwrap().trim().to_owned()).collect::<Vec<_>>()
    };
    let sizes = per_graph(&store);
    assert!(sizes.windows(2).all(|w| w[0] == w[1]), "a half-written article graph: {sizes:?}");
    let logs = newsgraph(
        &["query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a ng:MergeLog } }", "--format", "csv"],
        &store,
    );
    assert_eq!(stdout(&logs).lines().nth(1).unwrap().trim(), sizes.len().to_string(), "one merge log per article");
    let rebuilt = newsgraph(&["build", feed.to_str().unwrap()], &store);
    assert_eq!(rebuilt.status.code(), Some(0));
    assert_eq!(per_graph(&store).len(), 3000);
    // the rebuilt store holds exactly what an uninterrupted run gives, quad for quad
    let exported = newsgraph(&["export", "--format", "nquads"], &store);
    let extracted = newsgraph(&["extract", feed.to_str().unwrap()], &store);
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    let corpus = "<https://newsgraph.example.org/id/corpus> .";
    let lines = |o: &Output, corpus_graph: bool| {
        let mut l: Vec<String> =
            stdout(o).lines().filter(|l| l.ends_with(corpus) == corpus_graph).map(str::to_owned).collect();
        l.sort();
        l
    };
    assert!(lines(&exported, false) == lines(&extracted, false), "the rebuilt store differs from an uninterrupted run");
    // and its corpus graph counts every article, those the killed build stored too
    let fresh = dir.path().join("fresh");
    assert_eq!(newsgraph(&["build", feed.to_str().unwrap()], &fresh).status.code(), Some(0));
    let fresh = newsgraph(&["export", "--format", "nquads"], &fresh);
    assert!(
        lines(&exported, true) == lines(&fresh, true),
        "the corpus graph of the rebuilt store is not a fresh build's"
    );
}

#[test]
fn cli_entities_lists_and_explains_merges() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let built = newsgraph(&["build", "data/examples/wire-estonia-russia.txt"], &store);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));

    let countries = newsgraph(&["entities", "--type", "country", "--format", "tsv"], &store);
    assert!(countries.status.success(), "{}", stderr(&countries));
    let rows = stdout(&countries);
    let estonia = rows.lines().find(|l| l.starts_with("\"Estonia\"")).expect(&rows);
    assert!(estonia.contains("<http://www.wikidata.org/entity/Q191>"), "{estonia}");
    assert!(rows.lines().skip(1).all(|l| l.contains("schema.org/Country")), "{rows}");

    // "saar" in any case finds Kadri Saar; the bare surname joined by the name-part tier
    let explain = newsgraph(&["entities", "--explain", "saar", "--format", "tsv"], &store);
    assert!(explain.status.success(), "{}", stderr(&explain));
    let rows: Vec<Vec<String>> =
        stdout(&explain).lines().skip(1).map(|l| l.split('\t').map(str::to_owned).collect()).collect();
    let tiers: Vec<(&str, &str)> = rows.iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(tiers[0], ("\"Kadri Saar\"", "\"first\""), "{rows:?}");
    assert!(tiers.contains(&("\"Saar\"", "\"name-part\"")), "{rows:?}");
    assert!(rows.iter().all(|r| r[0] == "\"person:kadri saar\"" && r[3] == "\"wire-estonia-russia\""), "{rows:?}");

    // a capital that acts stands for its government, and says so; the last "Moscow" does not act
    let explain = newsgraph(&["entities", "--explain", "Moscow", "--format", "tsv"], &store);
    let government: Vec<String> =
        stdout(&explain).lines().skip(1).map(|l| l.split('\t').nth(6).unwrap_or("").to_owned()).collect();
    let russia = "<https://newsgraph.example.org/id/entity/country/RUS>";
    assert_eq!(government, [russia, russia, ""], "{}", stdout(&explain));

    let bad = newsgraph(&["entities", "--type", "planet"], &store);
    assert_eq!(bad.status.code(), Some(2));
}
