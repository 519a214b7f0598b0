//! The user documentation (README.md and `docs/`) describes the tool as it is: history lives
//! in git, so no page names a commit or an issue.

use regex::Regex;

use crate::common;

/// README.md and every Markdown page under `docs/`, with their text.
fn pages() -> Vec<(String, String)> {
    let root = common::root();
    let mut paths = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.strip_prefix(&root).unwrap().display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

/// Words that read as an abbreviated commit hash (7 to 12 hex digits, letters and digits both)
/// or as an issue reference ("issue 14", "issues 3 and 5", "#14"), with the page and line.
fn history_words(page: &str, text: &str) -> Vec<String> {
    let hash = Regex::new(r"\b[0-9a-f]{7,12}\b").unwrap();
    let issue = Regex::new(r"(?i)\bissues? #?[0-9]+|(^|\s)#[0-9]+\b").unwrap();
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for m in hash.find_iter(line) {
            let word = m.as_str();
            if word.bytes().any(|b| b.is_ascii_digit()) && word.bytes().any(|b| b.is_ascii_alphabetic()) {
                found.push(format!("{page}:{}: {word}", n + 1));
            }
        }
        for m in issue.find_iter(line) {
            found.push(format!("{page}:{}: {}", n + 1, m.as_str().trim()));
        }
    }
    found
}

#[test]
fn docs_name_no_commit_hash_and_no_issue_number() {
    let found: Vec<String> = pages().iter().flat_map(|(page, text)| history_words(page, text)).collect();
    assert!(found.is_empty(), "history in the user documentation:\n{}", found.join("\n"));
}

#[test]
fn docs_history_check_sees_hashes_and_issues_but_not_dates_or_hex_ids() {
    let text = "built at 4d64164 for issue 20 (see #7)\n2026-12-02, fnv64:9f3c90c3f730a87f, 52241221, decade";
    let found = history_words("page.md", text);
    assert_eq!(found, ["page.md:1: 4d64164", "page.md:1: issue 20", "page.md:1: #7"]);
}
