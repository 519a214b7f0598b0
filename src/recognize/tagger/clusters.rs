//! Word clusters, the tagger's distributional features: a hierarchical cluster id for each
//! lower-cased word, so that a word never seen in training ("Kowalski", "Gazprom") still
//! shares weights with the words whose vectors are like its own.
//!
//! The table, `data/models/clusters.tsv` (`word<TAB>id`, lines starting with `#` are comments),
//! is made by `data/scripts/build_clusters.py`: top-down spherical k-means over the word vectors
//! of spaCy's `en_core_web_md` (MIT), 64 clusters split into 4 three times, so an id has
//! [`CLUSTER_BITS`] bits and its first 6, 8, 10 or 12 bits name its cluster among 64, 256,
//! 1,024 or 4,096 ([`WordClusters::prefix`]; the tagger also uses the first 4, which group the
//! top clusters by their number). It is compiled into the binary and read once.
//!
//! ```
//! use newsgraph::recognize::tagger::WordClusters;
//! let clusters = WordClusters::builtin();
//! let (smith, jones) = (clusters.cluster("Smith").unwrap(), clusters.cluster("jones").unwrap());
//! assert_eq!(WordClusters::prefix(smith, 6), WordClusters::prefix(jones, 6));
//! let said = clusters.cluster("said").unwrap();
//! assert_ne!(WordClusters::prefix(smith, 6), WordClusters::prefix(said, 6));
//! assert_eq!(clusters.cluster("xqzvvy"), None);
//! ```

use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};
use crate::learn::hashing::fnv;

/// Bits of a cluster id.
pub const CLUSTER_BITS: u32 = 12;

/// The committed table's path, for errors.
const BUILTIN_PATH: &str = "data/models/clusters.tsv";

static BUILTIN: LazyLock<Arc<WordClusters>> = LazyLock::new(|| {
    Arc::new(
        WordClusters::parse(BUILTIN_PATH, include_str!("../../../data/models/clusters.tsv"))
            .expect("data/models/clusters.tsv is a valid cluster table"),
    )
});

/// Cluster ids of lower-cased words, keyed by the FNV-1a hash of the lower-cased word (the hash
/// the tagger's features compute anyway).
#[derive(Debug, Clone, Default)]
pub struct WordClusters {
    ids: FxHashMap<u64, u16>,
}

impl WordClusters {
    /// The committed table (read once per process).
    pub fn builtin() -> Arc<WordClusters> {
        BUILTIN.clone()
    }

    /// Reads a table: `word<TAB>id` lines, `#` comment lines, words lower case and unique, ids
    /// below `2^CLUSTER_BITS`. `path` names the table in errors.
    pub fn parse(path: &str, text: &str) -> Result<Self> {
        let mut ids = FxHashMap::default();
        ids.reserve(text.len() / 12);
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = |reason: String| Error::Data { path: path.to_owned(), line: n + 1, reason };
            let Some((word, id)) = line.split_once('\t') else {
                return Err(bad("expected `word<TAB>cluster`".to_owned()));
            };
            let id: u16 = match id.parse() {
                Ok(id) if u32::from(id) < 1 << CLUSTER_BITS => id,
                _ => return Err(bad(format!("`{id}` is not a cluster id below {}", 1 << CLUSTER_BITS))),
            };
            let upper =
                word.bytes().any(|b| b.is_ascii_uppercase()) || (!word.is_ascii() && word.to_lowercase() != word);
            if word.is_empty() || upper {
                return Err(bad(format!("`{word}` is not a lower-case word")));
            }
            if ids.insert(fnv(word), id).is_some() {
                return Err(bad(format!("`{word}` is listed twice")));
            }
        }
        Ok(WordClusters { ids })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True for a table without words.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The cluster of a word, in any case.
    pub fn cluster(&self, word: &str) -> Option<u16> {
        self.of_hash(fnv(&word.to_lowercase()))
    }

    /// The cluster of the word whose lower-case form hashes (FNV-1a) to `lower`.
    pub fn of_hash(&self, lower: u64) -> Option<u16> {
        self.ids.get(&lower).copied()
    }

    /// The first `bits` bits of a cluster id: its cluster among `2^bits`.
    pub fn prefix(id: u16, bits: u32) -> u16 {
        id >> (CLUSTER_BITS - bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_table_puts_like_words_together() {
        let c = WordClusters::builtin();
        assert!(c.len() > 100_000);
        let same = |a: &str, b: &str, bits: u32| {
            WordClusters::prefix(c.cluster(a).unwrap(), bits) == WordClusters::prefix(c.cluster(b).unwrap(), bits)
        };
        assert!(same("Baghdad", "Afghanistan", 10));
        assert!(!same("said", "Baghdad", 6));
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let err = |text: &str| WordClusters::parse("c.tsv", text).unwrap_err().to_string();
        assert_eq!(err("# comment\nparis\t12\nrome 3\n"), "c.tsv:3: expected `word<TAB>cluster`");
        assert_eq!(err("paris\t4096\n"), "c.tsv:1: `4096` is not a cluster id below 4096");
        assert_eq!(err("Paris\t1\n"), "c.tsv:1: `Paris` is not a lower-case word");
        assert_eq!(err("paris\t1\nparis\t2\n"), "c.tsv:2: `paris` is listed twice");
        let ok = WordClusters::parse("c.tsv", "# c\nparis\t4095\n").unwrap();
        assert_eq!((ok.cluster("PARIS"), ok.len()), (Some(4095), 1));
    }
}
