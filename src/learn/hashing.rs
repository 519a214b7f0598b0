//! Feature hashing: a feature is a few strings, hashed to 64 bits with FNV-1a, which is fixed by
//! its specification (not seeded), so a model file stays valid across builds and platforms.
//!
//! Two recipes, one per model, and neither may change without invalidating its model files:
//! the tagger hashes each string with [`fnv()`] and mixes a template id with the hashes
//! ([`mix`], [`mix_strs`]); the relation classifier hashes the strings in one FNV-1a stream,
//! each followed by a `0xff` byte ([`hash_parts`], the recipe of [`crate::model::Digest`]).
//!
//! ```
//! use newsgraph::learn::hashing::{fnv, hash_parts, mix, mix_strs};
//! use newsgraph::model::Digest;
//! assert_eq!(fnv("merkel"), 0xc9c0_64f2_ea96_e425);
//! assert_eq!(mix_strs(2, &["merkel"]), mix(2, &[fnv("merkel")]));
//! let mut h = Digest::new();
//! h.part(b"bw").write(b"said").end_part();
//! assert_eq!(h.finish(), hash_parts(&["bw", "said"]));
//! ```

use std::hash::Hasher;

use fnv::FnvHasher;

use crate::model::Digest;

/// The multiplier of [`mix_step`] (FxHash's constant, fixed here so that it never changes).
const K: u64 = 0x517c_c1b7_2722_0a95;

/// FNV-1a of a string.
pub fn fnv(s: &str) -> u64 {
    let mut h = FnvHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// One multiply-rotate step, as FxHash does: `h` with `x` folded in. Also hashes a sequence
/// of token hashes one token at a time (a known phrase is a fold of this over its tokens).
pub const fn mix_step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// A template id and the hashes of its parts, mixed into one feature hash.
pub fn mix(template: u64, parts: &[u64]) -> u64 {
    let mut h = template.wrapping_mul(K);
    for &p in parts {
        h = mix_step(h, p);
    }
    h ^ (h >> 32)
}

/// [`mix`] of the [`fnv()`] hashes of strings.
pub fn mix_strs(template: u64, parts: &[&str]) -> u64 {
    match parts {
        [] => mix(template, &[]),
        [a] => mix(template, &[fnv(a)]),
        [a, b] => mix(template, &[fnv(a), fnv(b)]),
        _ => mix(template, &parts.iter().map(|p| fnv(p)).collect::<Vec<_>>()),
    }
}

/// FNV-1a over the parts, each followed by a separator byte `0xff`: the [`Digest`] of the parts,
/// as a number. A last part written in pieces (a pattern of word classes) is hashed with a
/// [`Digest`] directly, without building it as a string first.
pub fn hash_parts(parts: &[&str]) -> u64 {
    let mut h = Digest::new();
    for p in parts {
        h.part(p.as_bytes());
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_pinned() {
        // FNV-1a is specified, not seeded: a model trained once stays valid everywhere. A change
        // here invalidates every trained model (bump the feature versions and retrain).
        assert_eq!(fnv("merkel"), 0xc9c0_64f2_ea96_e425);
        assert_eq!(mix(2, &[fnv("merkel")]), 0x8baa_442f_03f0_c4ea);
        assert_eq!(hash_parts(&["bw", "said"]), 0xadd6_6de9_dec5_7afb);
    }

    #[test]
    fn parts_are_separated_and_ordered() {
        assert_ne!(mix_strs(13, &["a", "bc"]), mix_strs(13, &["ab", "c"]));
        assert_ne!(mix_strs(13, &["a", "b"]), mix_strs(13, &["b", "a"]));
        assert_ne!(mix_strs(2, &["merkel"]), mix_strs(3, &["merkel"]));
        assert_eq!(mix_strs(13, &["a", "b", "c"]), mix(13, &[fnv("a"), fnv("b"), fnv("c")]));
        assert_ne!(hash_parts(&["a", "bc"]), hash_parts(&["ab", "c"]));
        let mut h = Digest::new();
        h.part(b"pat").write(b"V:").write(b"worksFor").end_part();
        assert_eq!(h.finish(), hash_parts(&["pat", "V:worksFor"]));
    }
}
