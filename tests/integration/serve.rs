//! `newsgraph serve` as a client sees it: a child process on a free loopback port over a store
//! built from `data/examples`, queried with ureq.

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::Server;

/// A store built from the example corpus.
fn example_store(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("store");
    common::ok(common::newsgraph(&["build", "data/examples", "-q", "--store", store.to_str().unwrap()]));
    store
}

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build(),
    )
}

/// Status, Content-Type and body.
type Answer = (u16, String, String);

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.unwrap();
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, content_type, response.body_mut().read_to_string().unwrap())
}

fn get(url: &str, accept: &str) -> Answer {
    answer(agent().get(url).header("Accept", accept).call())
}

fn post(url: &str, content_type: &str, accept: &str, body: &str) -> Answer {
    answer(agent().post(url).header("Content-Type", content_type).header("Accept", accept).send(body))
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `newsgraph query --format NAME` on the same store.
fn cli_query(store: &Path, query: &str, format: &str) -> String {
    let out = common::ok(common::newsgraph_in(&["query", query, "--format", format], store));
    String::from_utf8(out.stdout).unwrap()
}

const PEOPLE: &str = "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name";

#[test]
fn serve_answers_the_sparql_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let expected_tsv = cli_query(&store, PEOPLE, "tsv");
    assert!(expected_tsv.lines().count() > 5);
    let server = Server::start(&store, &["--timeout", "2"]);
    let sparql = format!("{}/sparql", server.url);
    let tsv = "text/tab-separated-values";

    // GET, POST of the query, POST of a form: the same rows as `newsgraph query`
    let (status, content_type, body) = get(&format!("{sparql}?query={}", encode(PEOPLE)), tsv);
    assert_eq!((status, content_type.as_str()), (200, "text/tab-separated-values; charset=utf-8"));
    assert_eq!(body, expected_tsv);
    assert_eq!(post(&sparql, "application/sparql-query", tsv, PEOPLE), (200, content_type.clone(), body.clone()));
    let form = format!("query={}", encode(PEOPLE));
    assert_eq!(post(&sparql, "application/x-www-form-urlencoded", tsv, &form), (200, content_type, body));

    // content negotiation, SELECT and ASK
    for (accept, media) in [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("*/*", "application/sparql-results+json"),
    ] {
        for query in [PEOPLE, "ASK { ?s a schema:Country }"] {
            let (status, content_type, body) = get(&format!("{sparql}?query={}", encode(query)), accept);
            assert_eq!((status, content_type.as_str()), (200, media), "{accept} {query}");
            assert!(!body.is_empty());
        }
    }
    let (_, _, body) = get(&format!("{sparql}?query={}", encode("ASK { ?s a schema:Country }")), "application/json");
    assert!(body.contains("\"boolean\":true"), "{body}");
    // CONSTRUCT
    let construct = "CONSTRUCT { ?c a schema:Country ; rdfs:label ?l } WHERE { ?c a schema:Country ; rdfs:label ?l }";
    let expected_nt = common::sort_lines(&cli_query(&store, construct, "ntriples"));
    for (accept, media) in [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-quads", "application/n-quads"),
        ("application/trig", "application/trig"),
    ] {
        let (status, content_type, body) = post(&sparql, "application/sparql-query", accept, construct);
        assert_eq!((status, content_type.as_str()), (200, media), "{accept}");
        if accept == "application/n-triples" {
            assert_eq!(common::sort_lines(&body), expected_nt);
        }
    }
    assert_eq!(post(&sparql, "application/sparql-query", "image/png", PEOPLE).0, 406);

    // the dataset: a named graph as the default graph
    let graph = "https://newsgraph.example.org/id/article/korea";
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let url = format!("{sparql}?query={}&default-graph-uri={}", encode(count), encode(graph));
    let one_article: usize = get(&url, "text/csv").2.lines().nth(1).unwrap().trim().parse().unwrap();
    let all: usize =
        get(&format!("{sparql}?query={}", encode(count)), "text/csv").2.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(0 < one_article && one_article < all, "{one_article} {all}");

    // errors: 400 with the parser's message, 415
    let (status, _, body) = get(&format!("{sparql}?query={}", encode("SELEC ?x")), "*/*");
    assert_eq!(status, 400);
    assert!(body.contains("SPARQL syntax error") && body.contains("1:"), "{body}");
    assert_eq!(post(&sparql, "text/plain", "*/*", PEOPLE).0, 415);

    // CORS
    let response = agent()
        .get(&format!("{sparql}?query={}", encode(PEOPLE)))
        .header("Origin", "http://yasgui.example")
        .call()
        .unwrap();
    assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "*");
    let preflight = agent()
        .options(&sparql)
        .header("Origin", "http://yasgui.example")
        .header("Access-Control-Request-Method", "POST")
        .call()
        .unwrap();
    assert_eq!(preflight.status().as_u16(), 204);
    // (oxhttp 0.3 drops Access-Control-Allow-Methods; GET and POST are CORS-safelisted anyway)
    let allowed = preflight.headers().get("access-control-allow-headers").unwrap().to_str().unwrap();
    assert!(allowed.contains("Content-Type") && allowed.contains("Authorization"), "{allowed}");

    // the service description
    let (status, content_type, body) = get(&sparql, "text/turtle");
    assert_eq!((status, content_type.as_str()), (200, "text/turtle"));
    assert!(body.contains("sd:Service") && body.contains("sd:SPARQL11Query"), "{body}");
    assert!(!body.contains("SPARQL11Update"));

    // the page
    let (status, content_type, page) = get(&format!("{}/", server.url), "text/html");
    assert_eq!((status, content_type.as_str()), (200, "text/html; charset=utf-8"));
    for entry in std::fs::read_dir(common::root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap();
        assert!(page.contains(&format!("\"name\":\"{name}\"")), "{name} is not on the page");
    }
    // the graph of some entities
    let estonia = "https://newsgraph.example.org/id/entity/country/EST\nhttps://newsgraph.example.org/id/entity/country/NOT_AN_ENTITY";
    let response =
        agent().post(&format!("{}/graph", server.url)).header("Content-Type", "text/plain").send(estonia).unwrap();
    assert_eq!(response.headers().get("x-newsgraph-nodes").unwrap(), "1");

    // a read-only server takes no update
    assert_eq!(post(&format!("{}/update", server.url), "application/sparql-update", "*/*", "CLEAR ALL").0, 403);

    // the store is busy while served
    let build = common::newsgraph(&["build", "data/examples", "-q", "--store", store.to_str().unwrap()]);
    assert!(!build.status.success());
    assert!(String::from_utf8_lossy(&build.stderr).contains("is busy"));

    // a query that would run for hours (a 3-way cross join: 4 x 10^11 rows) is stopped: Oxigraph
    // looks at the cancellation token when it reads the store, so it stops some seconds after
    // --timeout 2, far from hours; and the server answers the next query
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let (status, _, body) = post(&sparql, "application/sparql-query", "*/*", slow);
    let took = started.elapsed();
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--timeout"), "{body}");
    assert!(took < Duration::from_secs(120), "{took:?}");
    assert_eq!(get(&format!("{sparql}?query={}", encode(PEOPLE)), tsv).2, expected_tsv);
}

#[test]
fn serve_updates_need_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let store = example_store(dir.path());
    let token = dir.path().join("token");
    std::fs::write(&token, "t0p-s3cret\n").unwrap();
    let server = Server::start(&store, &["--allow-update", "--token-file", token.to_str().unwrap()]);
    let update_url = format!("{}/update", server.url);
    let insert = "INSERT DATA { GRAPH <urn:test:g> { <urn:test:a> rdfs:label \"added by update\" } }";
    let ask = format!("{}/sparql?query={}", server.url, encode("ASK { ?s rdfs:label \"added by update\" }"));

    let missing = answer(agent().post(&update_url).header("Content-Type", "application/sparql-update").send(insert));
    assert_eq!(missing.0, 401);
    let wrong = answer(
        agent()
            .post(&update_url)
            .header("Content-Type", "application/sparql-update")
            .header("Authorization", "Bearer guess")
            .send(insert),
    );
    assert_eq!(wrong.0, 403);
    assert!(get(&ask, "application/json").2.contains("false"));

    let done = answer(
        agent()
            .post(&update_url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Bearer t0p-s3cret")
            .send(format!("update={}", encode(insert))),
    );
    assert_eq!(done.0, 204, "{}", done.2);
    assert!(get(&ask, "application/json").2.contains("true"));
    // the description says so
    assert!(get(&format!("{}/sparql", server.url), "text/turtle").2.contains("SPARQL11Update"));
    // a bad update is a 400
    let bad = answer(
        agent()
            .post(&update_url)
            .header("Content-Type", "application/sparql-update")
            .header("Authorization", "Bearer t0p-s3cret")
            .send("INSERT NOTHING"),
    );
    assert_eq!(bad.0, 400);
}

#[test]
fn serve_refuses_updates_without_a_token_file() {
    let out = common::newsgraph(&["serve", "--allow-update", "--store", "/nonexistent"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--token-file"));
}
