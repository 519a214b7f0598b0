//! Web pages and WARC archives as input: a folder of saved pages, a `.warc.gz` holding the
//! same pages and the same articles as JSONL build the same graph; `ingest` writes what was
//! read; bad pages and corrupt records are reported and the rest is read.
//!
//! The pages are short texts written for these tests, in the shape of real news pages (site
//! navigation, a footer, metadata in JSON-LD, Open Graph or plain tags).

use std::io::Write;
use std::path::Path;

use crate::common::{newsgraph, newsgraph_in};

const HARBOUR: [&str; 2] = [
    "The harbour at Kettleness reopened on Thursday after a week of storms, the Kettleness Port Authority said, and the first fishing boats left at dawn.",
    "\u{201c}We lost seven days of landings,\u{201d} said Marta Quill, who chairs the fishermen's association. \u{201c}The boats are old, and the storms are getting worse.\u{201d}",
];
const PIER: [&str; 2] = [
    "The council of Marlow Bay voted on Monday to close the old pier for repairs, after engineers found cracks in two of its supports.",
    "Mayor Ines Calder said the work would take three months and cost less than the council had feared when the cracks were first reported.",
];
const TALKS: [&str; 2] = [
    "Brazil and Argentina agreed on Tuesday to resume talks on a shared rail line, the foreign ministers of both countries said after a meeting in Montevideo.",
    "The line would link Porto Alegre and Rosario, and both governments said they would name engineers to study its route before the end of the year.",
];

/// A page with site chrome around the paragraphs, its metadata in `head`.
fn page(head: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>\n\
         <header><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/sport\">Sport</a> | <a href=\"/subscribe\">Subscribe</a></nav></header>\n\
         <main><article>\n{body}</article></main>\n\
         <aside><h2>Most read</h2><ul><li><a href=\"/a\">Storm warning for the coast</a></li><li><a href=\"/b\">Ferry fares rise again</a></li></ul></aside>\n\
         <footer><p>Sign up to our newsletter to get the day's news in your inbox every morning.</p><p>Copyright 2024 Coast Post. All rights reserved.</p></footer>\n\
         </body></html>\n"
    )
}

/// The three pages: (the path a mirroring crawler saves it under, its URL, its HTML).
fn pages() -> Vec<(&'static str, &'static str, String)> {
    let harbour = page(
        "<title>Harbour reopens after storms | Coast Post</title>\
         <script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \
         \"headline\": \"Harbour reopens after storms\", \"datePublished\": \"2024-05-02T07:30:00+01:00\", \
         \"url\": \"https://news.example/2024/harbour.html\", \
         \"author\": [{\"@type\": \"Person\", \"name\": \"Tomas Reyes\"}], \
         \"publisher\": {\"@type\": \"Organization\", \"name\": \"Coast Post\"}}</script>",
        &HARBOUR,
    );
    let pier = page(
        "<title>Pier closes for repairs - Coast Post</title>\
         <meta property=\"og:title\" content=\"Pier closes for repairs\">\
         <meta property=\"og:site_name\" content=\"Coast Post\">\
         <meta property=\"og:url\" content=\"https://news.example/2024/pier.htm\">\
         <meta property=\"article:published_time\" content=\"2024-05-06T18:00:00Z\">\
         <meta name=\"author\" content=\"Ana Lucero\">",
        &PIER,
    );
    let talks = page(
        "<title>Brazil and Argentina to resume rail talks</title>\
         <link rel=\"canonical\" href=\"https://news.example/world/\">\
         <meta name=\"date\" content=\"2024-05-07\">",
        &TALKS,
    );
    vec![
        ("news.example/2024/harbour.html", "https://news.example/2024/harbour.html", harbour),
        ("news.example/2024/pier.htm", "https://news.example/2024/pier.htm", pier),
        ("news.example/world/index.html", "https://news.example/world/", talks),
    ]
}

/// The same articles as JSONL, written by hand: what a reader of the pages sees.
fn articles_jsonl() -> String {
    let row = |id: &str, url: &str, title: &str, date: &str, author: Option<&str>, text: &[&str]| {
        serde_json::json!({"id": id, "url": url, "title": title, "date": date, "author": author,
            "publisher": if author.is_some() { Some("Coast Post") } else { None }, "text": text.join("\n\n")})
        .to_string()
    };
    [
        row(
            "news.example/2024/harbour",
            "https://news.example/2024/harbour.html",
            "Harbour reopens after storms",
            "2024-05-02",
            Some("Tomas Reyes"),
            &HARBOUR,
        ),
        row(
            "news.example/2024/pier",
            "https://news.example/2024/pier.htm",
            "Pier closes for repairs",
            "2024-05-06",
            Some("Ana Lucero"),
            &PIER,
        ),
        row(
            "news.example/world/index",
            "https://news.example/world/",
            "Brazil and Argentina to resume rail talks",
            "2024-05-07",
            None,
            &TALKS,
        ),
    ]
    .join("\n")
        + "\n"
}

/// One WARC record, as a crawler writes it.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\n\
         WARC-Date: 2024-05-08T12:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len() ^ uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response record.
fn response(uri: &str, status: &str, media_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 {status}\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\n\r\n", body.len())
        .into_bytes();
    http.extend_from_slice(body);
    record("response", uri, "application/http; msgtype=response", &http)
}

/// A crawl of the pages: warcinfo, then for each page its request and response, with an image
/// and a redirect among them; each record its own gzip member, as crawlers write `.warc.gz`.
fn crawl() -> Vec<Vec<u8>> {
    let mut records = vec![record("warcinfo", "", "application/warc-fields", b"software: hand-written test\r\n")];
    for (i, (_, url, html)) in pages().into_iter().enumerate() {
        records.push(record(
            "request",
            url,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ));
        records.push(response(url, "200 OK", "text/html; charset=utf-8", html.as_bytes()));
        if i == 0 {
            records.push(response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"));
            records.push(response("https://news.example/old", "301 Moved Permanently", "text/html", b""));
        }
    }
    records
}

fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut encoder = libflate::gzip::Encoder::new(Vec::new()).unwrap();
        encoder.write_all(r).unwrap();
        out.extend(encoder.finish().into_result().unwrap());
    }
    out
}

/// The quads of every graph but the build manifest, sorted.
fn graph_of(input: &Path, store: &Path) -> String {
    let built = newsgraph_in(&["build", "--quiet", input.to_str().unwrap()], store);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let export = newsgraph_in(&["export", "--format", "nquads"], store);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    crate::common::sort_lines(&String::from_utf8(export.stdout).unwrap())
}

#[test]
fn ingest_folder_warc_and_jsonl_build_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mirror");
    for (path, _, html) in pages() {
        let file = folder.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, html).unwrap();
    }
    let warc = dir.path().join("crawl.warc.gz");
    std::fs::write(&warc, gzip_members(&crawl())).unwrap();
    let jsonl = dir.path().join("articles.jsonl");
    std::fs::write(&jsonl, articles_jsonl()).unwrap();

    // ingest writes the articles the build reads: the JSONL above, field for field
    let ingested = newsgraph(&["ingest", folder.to_str().unwrap()]);
    assert!(ingested.status.success(), "{}", String::from_utf8_lossy(&ingested.stderr));
    let parse = |s: &str| s.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).collect::<Vec<_>>();
    assert_eq!(parse(&String::from_utf8(ingested.stdout).unwrap()), parse(&articles_jsonl()));
    let from_warc = newsgraph(&["ingest", warc.to_str().unwrap(), "--format", "jsonl"]);
    assert!(from_warc.status.success());
    assert_eq!(parse(&String::from_utf8(from_warc.stdout).unwrap()), parse(&articles_jsonl()));
    assert_eq!(
        String::from_utf8(from_warc.stderr).unwrap(),
        format!("newsgraph: {}: 6 WARC records skipped (not a response with an HTML body)\n", warc.display())
    );

    let from_jsonl = graph_of(&jsonl, &dir.path().join("s1"));
    assert!(from_jsonl.contains("<http://schema.org/author>"), "the authors are entities");
    assert!(from_jsonl.contains("Marta Quill"), "the pages' text was read");
    assert_eq!(graph_of(&folder, &dir.path().join("s2")), from_jsonl, "a folder of pages");
    assert_eq!(graph_of(&warc, &dir.path().join("s3")), from_jsonl, "a WARC of the same pages");
}

#[test]
fn ingest_reports_bad_pages_and_corrupt_records_and_reads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages();
    // a WARC whose second record has a broken header, and whose last record is cut short
    let good = |i: usize| response(pages[i].1, "200 OK", "text/html", pages[i].2.as_bytes());
    let mut bytes = good(0);
    let corrupt_at = bytes.len();
    bytes.extend(b"WARC/1.0\r\nWARC-Type response\r\nno colon here\r\n\r\n<html>lost</html>\r\n\r\n");
    bytes.extend(good(1));
    let truncated_at = bytes.len();
    let last = good(2);
    bytes.extend(&last[..last.len() / 2]);
    let warc = dir.path().join("broken.warc");
    std::fs::write(&warc, bytes).unwrap();
    // a binary file named .html, a page in French, a page with no text
    std::fs::write(dir.path().join("image.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let french = page(
        "<title>Le port rouvre</title>",
        &[
            "Le port de Kettleness a rouvert jeudi après une semaine de tempêtes, a indiqué l'autorité portuaire, et les premiers bateaux de pêche sont partis à l'aube.",
            "Les pêcheurs disent avoir perdu sept jours de travail, et ils demandent une aide de la région pour réparer leurs bateaux avant l'hiver prochain.",
        ],
    )
    .replace("lang=\"en\"", "lang=\"fr\"");
    std::fs::write(dir.path().join("french.html"), french).unwrap();
    std::fs::write(dir.path().join("empty.htm"), "<html><head><title>Nothing</title></head><body></body></html>")
        .unwrap();

    let out = newsgraph(&["ingest", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["news.example/2024/harbour", "news.example/2024/pier"], "the records around the bad one are read");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let d = dir.path().display();
    let expected = [
        format!("newsgraph: {d}/broken.warc: record at byte {corrupt_at}: corrupt record"),
        format!("newsgraph: {d}/broken.warc: record at byte {truncated_at}: truncated record"),
        format!("newsgraph: {d}/empty.htm: not an article page: no main text found"),
        format!("newsgraph: {d}/french.html: not an article page: the page is in another language (lang=\"fr\"); newsgraph reads English"),
        format!("newsgraph: {d}/image.html: not an article page: a binary file, not HTML"),
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, start) in lines.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "{line}\n  does not start with\n{start}");
    }
}
