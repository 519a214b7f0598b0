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
    // the corpus graph too: load computes it from the shards' articles
    let corpus = |lines: &[String]| lines.iter().filter(|l| l.ends_with("/id/corpus> .")).count();
    assert!(corpus(&a) > 100 && corpus(&a) == corpus(&b), "{} vs {} corpus quads", corpus(&a), corpus(&b));
    assert!(a == b, "sharded extract + load differs from build: {} vs {} quads", a.len(), b.len());
}

#[test]
fn load_reads_the_part_files_of_a_spark_job_folder() {
    let dir = tempfile::tempdir().unwrap();
    let built = dir.path().join("built");
    ok(newsgraph(&["build", "data/examples", "--store", built.to_str().unwrap(), "-q"]));

    // the folder as Spark's saveAsTextFile leaves it: part files with no extension (one gzipped,
    // as with Hadoop's GzipCodec), an empty _SUCCESS and hidden .crc checksums
    let job = dir.path().join("graph-nq");
    std::fs::create_dir(&job).unwrap();
    let files = example_files();
    for (i, chunk) in files.chunks(files.len().div_ceil(3)).enumerate() {
        let mut args = vec!["extract", "--jobs", "1"];
        args.extend(chunk.iter().map(String::as_str));
        let quads = ok(newsgraph(&args)).stdout;
        if i == 2 {
            let mut gz = libflate::gzip::Encoder::new(Vec::new()).unwrap();
            std::io::Write::write_all(&mut gz, &quads).unwrap();
            std::fs::write(job.join(format!("part-{i:05}.gz")), gz.finish().into_result().unwrap()).unwrap();
        } else {
            std::fs::write(job.join(format!("part-{i:05}")), quads).unwrap();
        }
        std::fs::write(job.join(format!(".part-{i:05}.crc")), b"\x00crc").unwrap();
    }
    std::fs::write(job.join("_SUCCESS"), b"").unwrap();
    let loaded = dir.path().join("loaded");
    let report = ok(newsgraph(&["load", job.to_str().unwrap(), "--store", loaded.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&report.stdout).starts_with("loaded 3 files"), "{report:?}");
    assert!(sorted_export(&built) == sorted_export(&loaded), "the part files differ from build");

    // a folder with no part files, and a file whose name says another format, are refused
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("_SUCCESS"), b"").unwrap();
    let ttl = dir.path().join("graph.ttl");
    std::fs::write(&ttl, "<http://e/s> <http://e/p> <http://e/o> .\n").unwrap();
    for (input, reason) in [(&empty, "no part-*"), (&ttl, "not an N-Quads")] {
        let out = newsgraph(&["load", input.to_str().unwrap(), "--store", dir.path().join("x").to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(input.to_str().unwrap()) && stderr.contains(reason), "{stderr}");
    }
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

/// The words that name each statement's subject and object in the N-Quads of `extract`: statement
/// ordinal, role, the statement's entity, the mention's offsets, words, tier and entity (keys
/// from the entity IRIs: the corpus graph, which has `ng:key`, is the store's, not `extract`'s).
const STATEMENT_WORDS: &str = "SELECT ?ordinal ?role ?entity ?begin ?end ?words ?tier ?refersTo WHERE { \
    VALUES (?p ?role ?q) { (ng:subjectMention \"subject\" rdf:subject) (ng:objectMention \"object\" rdf:object) } \
    GRAPH ?g { ?s a ng:Statement ; ?p ?m ; ?q ?e . \
      ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?words ; ng:refersTo ?r ; ng:tier ?tier } \
    BIND (REPLACE(REPLACE(STR(?e), \"^.*/entity/([^/]*)/\", \"$1:\"), \"_\", \" \") AS ?entity) \
    BIND (REPLACE(REPLACE(STR(?r), \"^.*/entity/([^/]*)/\", \"$1:\"), \"_\", \" \") AS ?refersTo) \
    BIND (xsd:integer(REPLACE(STR(?s), \"^.*/\", \"\")) AS ?ordinal) } ORDER BY ?ordinal DESC(?role)";

#[test]
fn extract_statements_point_at_the_mentions_that_name_their_subject_and_object() {
    use newsgraph::rdf::{GraphStore, QueryOutput, ResultFormat, SparqlRunner};
    let input = "tests/fixtures/mentions/speakers.txt";
    let text = std::fs::read_to_string(common::root().join(input)).unwrap();
    // code point offsets of the first `words` after `after`
    let at = |words: &str, after: &str| {
        let start = text.find(after).unwrap() + text[text.find(after).unwrap()..].find(words).unwrap();
        let begin = text[..start].chars().count();
        (begin, begin + words.chars().count())
    };
    let store = GraphStore::in_memory().unwrap();
    store.load(oxigraph::io::RdfFormat::NQuads, &ok(newsgraph(&["extract", input])).stdout).unwrap();
    let runner = SparqlRunner::new(&store);
    let mut table = Vec::new();
    runner.write(STATEMENT_WORDS, ResultFormat::from_name("tsv").unwrap(), &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    let failures = common::check_golden(&common::fixture("mentions/speakers.tsv"), &table);
    assert!(failures.is_none(), "{}", failures.unwrap());

    let QueryOutput::Solutions(vars, rows) = runner.run(STATEMENT_WORDS).unwrap() else { panic!("a SELECT") };
    let cell = |row: &[Option<oxigraph::model::Term>], var: &str| -> String {
        match &row[vars.iter().position(|v| v == var).unwrap()] {
            Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
            other => panic!("?{var} = {other:?}"),
        }
    };
    let rows: Vec<[String; 8]> = rows
        .iter()
        .map(|r| ["ordinal", "role", "entity", "begin", "end", "words", "tier", "refersTo"].map(|v| cell(r, v)))
        .collect();
    let has = |role: &str, entity: &str, (begin, end): (usize, usize), words: &str, tier: &str, refers: &str| {
        let row = [role, entity, &begin.to_string(), &end.to_string(), words, tier, refers].map(str::to_owned);
        assert!(rows.iter().any(|r| r[1..] == row), "no {row:?} in\n{table}");
    };
    let achieng = "person:mary achieng";
    let ministry = "organization:ken fisheries ministry";
    // a name, a pronoun and a description as the speaker, each a mention of its entity with its tier
    has("subject", achieng, at("Mary Achieng", "catch"), "Mary Achieng", "first", achieng);
    has("subject", achieng, at("she", "patrols"), "she", "pronoun", achieng);
    has("subject", ministry, at("The ministry", "\n"), "The ministry", "description", ministry);
    // the object's words, a surname of tier name-part
    has("object", achieng, at("Achieng", "met"), "Achieng", "name-part", achieng);
    // "Kampala denied": the statement is Uganda's, its words stay the capital's mention
    has("subject", "country:UGA", at("Kampala", "season"), "Kampala", "first", "place:kampala");

    // the JSONL carries the same offsets, and each entity all its mentions, sorted
    let jsonl = ok(newsgraph(&["extract", "--format", "jsonl", input])).stdout;
    let article: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
    let statements = article["statements"].as_array().unwrap();
    let subjects = rows.iter().filter(|r| r[1] == "subject").count();
    assert_eq!(subjects, statements.len(), "every statement has the words of its subject:\n{table}");
    for (ordinal, s) in statements.iter().enumerate() {
        for role in ["subject", "object"] {
            let rdf = rows.iter().find(|r| r[0] == ordinal.to_string() && r[1] == role);
            let expected = rdf.map_or(serde_json::Value::Null, |r| {
                serde_json::json!([r[3].parse::<usize>().unwrap(), r[4].parse::<usize>().unwrap()])
            });
            assert_eq!(s[format!("{role}_offsets")], expected, "statement {ordinal}: {s}");
        }
    }
    let entity = |key: &str| article["entities"].as_array().unwrap().iter().find(|e| e["key"] == key).unwrap().clone();
    let (name, she, again) = (at("Mary Achieng", "catch"), at("she", "patrols"), at("Achieng", "met"));
    assert_eq!(
        entity(achieng)["mention_offsets"],
        serde_json::json!([[name.0, name.1], [she.0, she.1], [again.0, again.1]])
    );
    let pretty = serde_json::to_string_pretty(&article).unwrap() + "\n";
    let failures = common::check_golden(&common::fixture("mentions/speakers.json"), &pretty);
    assert!(failures.is_none(), "{}", failures.unwrap());
}
