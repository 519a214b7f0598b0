//! Shared test helpers: running the binary, fixture paths, golden comparison, span checks.

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

/// A `newsgraph serve` child process on a free loopback port, killed when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl Server {
    /// Starts `newsgraph serve --store STORE ARGS…` and waits until it accepts connections.
    pub fn start(store: &Path, args: &[&str]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let bind = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["serve", "--store"])
            .arg(store)
            .args(["--bind", &bind])
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut server = Server { child, url: format!("http://{bind}") };
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(&bind).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("newsgraph serve exited with {status}");
            }
            assert!(started.elapsed().as_secs() < 60, "newsgraph serve did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
