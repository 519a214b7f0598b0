//! The state file of `newsgraph push`: for each remote store (method and URL), the graphs sent
//! to it and the hash of the content sent, so that `--resume` skips a graph sent before and
//! unchanged since. It is JSON, written again (atomically) after every batch.
//!
//! ```
//! use newsgraph::push::PushState;
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("push-state.json");
//! let mut state = PushState::open(&path, "gsp http://localhost:3030/ds/data")?;
//! state.record("https://ex.org/a", "ntriples fnv64:01");
//! state.save()?;
//! let state = PushState::open(&path, "gsp http://localhost:3030/ds/data")?;
//! assert!(state.is_current("https://ex.org/a", "ntriples fnv64:01"));
//! assert!(!state.is_current("https://ex.org/a", "ntriples fnv64:02"));
//! // another remote store has its own record
//! assert!(!PushState::open(&path, "update http://localhost:8890/sparql")?.is_current("https://ex.org/a", "ntriples fnv64:01"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::PushError;

/// What was pushed where: remote key → graph IRI → content hash.
type Record = BTreeMap<String, BTreeMap<String, String>>;

/// The graphs pushed to one remote store, read from and saved to a file.
#[derive(Debug, Clone)]
pub struct PushState {
    path: PathBuf,
    remote: String,
    all: Record,
}

impl PushState {
    /// Reads the state of remote `remote` (its method and URL) from `path`; a missing file is
    /// an empty state.
    pub fn open(path: &Path, remote: &str) -> Result<Self, PushError> {
        let bad = |reason: String| PushError::State { path: path.to_owned(), reason };
        let all = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| bad(format!("not a push state file ({e}); remove it to push everything again")))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Record::new(),
            Err(e) => return Err(bad(e.to_string())),
        };
        Ok(PushState { path: path.to_owned(), remote: remote.to_owned(), all })
    }

    /// True when graph `graph` was pushed to this remote with content hash `hash`.
    pub fn is_current(&self, graph: &str, hash: &str) -> bool {
        self.all.get(&self.remote).and_then(|graphs| graphs.get(graph)).is_some_and(|h| h == hash)
    }

    /// Records that `graph` was pushed with content hash `hash`.
    pub fn record(&mut self, graph: &str, hash: &str) {
        self.all.entry(self.remote.clone()).or_default().insert(graph.to_owned(), hash.to_owned());
    }

    /// Forgets `graph` (a push that failed may have left it half replaced).
    pub fn forget(&mut self, graph: &str) {
        if let Some(graphs) = self.all.get_mut(&self.remote) {
            graphs.remove(graph);
        }
    }

    /// Writes the file: to a temporary file beside it, then renamed over it.
    pub fn save(&self) -> Result<(), PushError> {
        let bad = |e: std::io::Error| PushError::State { path: self.path.clone(), reason: e.to_string() };
        let mut text = serde_json::to_string_pretty(&self.all).expect("strings serialise");
        text.push('\n');
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        std::fs::write(&tmp, text).map_err(bad)?;
        std::fs::rename(&tmp, &self.path).map_err(bad)
    }
}
