//! Shared test helpers: running the binary, fixture paths, golden comparison, span checks.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `newsgraph` binary from the repository root.
pub fn newsgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).current_dir(root()).output().unwrap()
}

/// Runs the `newsgraph` binary from the repository root with `store` as its default store.
pub fn newsgraph_in(args: &[&str], store: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .env("NEWSGRAPH_STORE", store)
        .current_dir(root())
        .output()
        .unwrap()
}

/// The output of a run that must succeed (its standard error is shown when it did not).
pub fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// A path under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// Compares `actual` with the golden file at `path`. With `UPDATE_GOLDEN=1` the file is
/// rewritten instead. Returns a description of the difference, if any.
pub fn check_golden(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected == actual {
        return None;
    }
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    let missing: Vec<&&str> = exp.iter().filter(|l| !act.contains(l)).collect();
    let extra: Vec<&&str> = act.iter().filter(|l| !exp.contains(l)).collect();
    Some(format!("{}:\n  missing: {missing:#?}\n  unexpected: {extra:#?}", path.display()))
}

/// Sorted lines, for comparing outputs whose order is not part of the contract.
pub fn sort_lines(s: &str) -> String {
    let mut lines: Vec<&str> = s.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

/// Checks that every span cuts `text` at char boundaries and gives the expected surface.
pub fn assert_spans(text: &str, spans: &[(newsgraph::model::Span, &str)]) {
    for (span, expected) in spans {
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{span:?} is not on char boundaries"
        );
        assert_eq!(&text[span.range()], *expected);
    }
}
