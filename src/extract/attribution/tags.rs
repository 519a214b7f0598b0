//! The tags of the two passes: cue tokens, then source and content tokens. Tags say inside or
//! outside only (no begin tag): a run of one tag is one span, so a greedy tagger that wavers
//! once inside a long content does not split it in two.

/// The cue pass: outside, a cue token.
pub const CUE_CLASSES: usize = 2;
/// The role pass: outside, a source token, a content token.
pub const ROLE_CLASSES: usize = 3;

/// Cue tag: not a cue.
pub const CUE_O: u8 = 0;
/// Cue tag: a cue token.
pub const CUE: u8 = 1;

/// Role tag: a source token.
pub const SRC: u8 = 1;
/// Role tag: a content token.
pub const CON: u8 = 2;

/// The best class of `scores`, the lowest index on a tie.
pub fn best<const N: usize>(scores: &[f32; N]) -> u8 {
    let mut best = 0;
    for c in 1..N {
        if scores[c] > scores[best] {
            best = c;
        }
    }
    best as u8
}
