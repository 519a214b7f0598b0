//! Content digests: FNV-1a, 64 bits, over a list of byte strings, each followed by a `0xff`
//! byte, written as 16 lower-case hex digits. The same bytes give the same digest on every
//! machine and in every build (FNV is specified, not seeded), so digests can be stored and
//! compared later: the build manifest's model and table hashes, an article's content hash.
//!
//! ```
//! use newsgraph::model::{content_id, Digest};
//! assert_eq!(content_id("tables", &[b"a", b"b"]), format!("tables fnv64:{}", Digest::of(&[b"a", b"b"])));
//! let mut d = Digest::new();
//! d.part(b"a").part(b"b");
//! assert_eq!(d.hex(), Digest::of(&[b"a", b"b"]));
//! ```

use std::hash::Hasher;

/// An FNV-1a (64 bits) digest being made, part by part.
#[derive(Default)]
pub struct Digest(fnv::FnvHasher);

impl std::fmt::Debug for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Digest({})", self.hex())
    }
}

impl Digest {
    /// An empty digest.
    pub fn new() -> Self {
        Digest::default()
    }

    /// Adds one part: its bytes, then a `0xff` separator (a byte UTF-8 text never holds).
    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.write(bytes).end_part()
    }

    /// Adds bytes of a part written in pieces, without its separator: end it with
    /// [`Digest::end_part`].
    ///
    /// ```
    /// let mut d = newsgraph::model::Digest::new();
    /// d.write(b"V:").write(b"said").end_part();
    /// assert_eq!(d.hex(), newsgraph::model::Digest::of(&[b"V:said"]));
    /// ```
    pub fn write(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.write(bytes);
        self
    }

    /// Ends the part being written: its `0xff` separator.
    pub fn end_part(&mut self) -> &mut Self {
        self.0.write_u8(0xff);
        self
    }

    /// The digest so far, as a number (a feature hash).
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }

    /// The digest so far, as 16 lower-case hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.finish())
    }

    /// The digest of `parts`, as 16 lower-case hex digits.
    ///
    /// ```
    /// assert_eq!(newsgraph::model::Digest::of(&[]), "cbf29ce484222325");
    /// ```
    pub fn of(parts: &[&[u8]]) -> String {
        let mut d = Digest::new();
        for part in parts {
            d.part(part);
        }
        d.hex()
    }
}

/// "name fnv64:hex": a model's or table set's bytes, hashed (FNV-1a, 64 bits).
///
/// ```
/// assert_eq!(newsgraph::model::content_id("ner", &[]), "ner fnv64:cbf29ce484222325");
/// ```
pub fn content_id(name: &str, parts: &[&[u8]]) -> String {
    format!("{name} fnv64:{}", Digest::of(parts))
}
