//! Features of the two passes, over per-token facts computed once per article: the word, its
//! shape and suffix, whether it stands inside a quotation or is a mark, whether the lexicon
//! knows it as a cue, and (for the role pass) where the nearest cues are.

use crate::learn::hashing::{fnv, mix};
use crate::lexicon::{Lexicon, WordSet};
use crate::model::{Document, EntityKind, Mention, MentionForm, Span, TokenKind};

use super::tags::CUE_O;

/// Inside a quotation.
const IN_QUOTE: u8 = 1;
/// An opening quotation mark.
const OPENS: u8 = 2;
/// A closing quotation mark.
const CLOSES: u8 = 4;
/// The first token of a paragraph.
const PARAGRAPH: u8 = 8;
/// The first token of a sentence.
const SENTENCE: u8 = 16;
/// A token that may be (part of) a cue: a word, a colon or a dash.
const MAY_CUE: u8 = 32;
/// A word the lexicon knows as a cue or an attribution cue, "according", a colon or a dash:
/// only a sentence with one can hold an attribution the extractor keeps.
const KNOWN_CUE: u8 = 64;

/// Feature templates (their numbers are part of the model file's feature version).
mod t {
    pub const BIAS: u64 = 1;
    pub const W0: u64 = 2;
    pub const WM1: u64 = 3;
    pub const WP1: u64 = 4;
    pub const WM2: u64 = 5;
    pub const WP2: u64 = 6;
    pub const WM1W0: u64 = 7;
    pub const W0WP1: u64 = 8;
    pub const SUF: u64 = 9;
    pub const SHAPE: u64 = 10;
    pub const FLAGS: u64 = 11;
    pub const LEX: u64 = 12;
    pub const P1: u64 = 13;
    pub const P2: u64 = 14;
    pub const P1W0: u64 = 15;
    pub const AFTER_CLOSE: u64 = 16;
    pub const BEFORE_OPEN: u64 = 17;
    pub const W0FLAGS: u64 = 18;
    pub const LEXM1: u64 = 19;
    pub const LEXP1: u64 = 20;
    pub const IS_CUE: u64 = 21;
    pub const LEFT: u64 = 22;
    pub const RIGHT: u64 = 23;
    pub const LEFT_RIGHT: u64 = 24;
    pub const LEFT_FLAGS: u64 = 25;
    pub const RIGHT_FLAGS: u64 = 26;
    pub const P1_LEFT: u64 = 27;
    pub const P1_RIGHT: u64 = 28;
    pub const LEFT_WORD: u64 = 29;
    pub const RIGHT_WORD: u64 = 30;
    pub const NEAR_SENTENCE: u64 = 31;
    pub const P1FLAGS: u64 = 32;
    pub const SHAPEM1: u64 = 33;
    pub const SHAPEP1: u64 = 34;
    pub const LEFT_W0: u64 = 35;
    pub const P1_W0_LEFT: u64 = 36;
    pub const ENTM1W0: u64 = 37;
    pub const W0ENTP1: u64 = 38;
    pub const ENT0: u64 = 39;
    pub const ENT0P1: u64 = 40;
    pub const ENT0CUES: u64 = 41;
    pub const ENTP1: u64 = 42;
}

/// What the passes know of each token of one article.
pub struct Tokens {
    word: Vec<u64>,
    shape: Vec<u64>,
    suffix: Vec<u64>,
    flags: Vec<u8>,
    /// 0: not a cue in the lexicon, 1: a speech cue, 2: another cue.
    lex: Vec<u8>,
    /// The kind of mention the token is in: 0 none, 1 person, 2 organisation, 3 country or
    /// place, 4 description; plus 8 on its first token.
    entity: Vec<u8>,
    sentence: Vec<u32>,
    /// Sentence index of each sentence's paragraph start (sentences of one paragraph share it).
    paragraph_of: Vec<u32>,
    /// For each sentence, whether it holds a known cue word.
    cue_sentence: Vec<bool>,
    /// Distance in tokens since the last closing mark in the sentence (0 when none).
    after_close: Vec<u8>,
    /// Distance in tokens to the next opening mark in the sentence (0 when none).
    before_open: Vec<u8>,
}

/// Where the cues of the first pass are, for the role pass.
pub struct Cues {
    /// For each token, the nearest cue token before it in its sentence.
    left: Vec<Option<u32>>,
    /// For each token, the nearest cue token after it in its sentence.
    right: Vec<Option<u32>>,
    is_cue: Vec<bool>,
    /// For each sentence without a cue, whether the sentence before (-1) or after (1) in its
    /// paragraph has one, else [`FAR`].
    near: Vec<i8>,
}

impl Tokens {
    /// The per-token facts of `doc`; `quotes` are the spans between paired marks.
    pub fn new(doc: &Document, quotes: &[Span], mentions: &[Mention], lexicon: &Lexicon) -> Self {
        let n = doc.tokens.len();
        let mut out = Tokens {
            word: Vec::with_capacity(n),
            shape: Vec::with_capacity(n),
            suffix: Vec::with_capacity(n),
            flags: vec![0; n],
            lex: vec![0; n],
            entity: vec![0; n],
            sentence: vec![0; n],
            paragraph_of: Vec::with_capacity(doc.sentences.len()),
            cue_sentence: vec![false; doc.sentences.len()],
            after_close: vec![0; n],
            before_open: vec![0; n],
        };
        let mut lower = String::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            let w = doc.slice(t.span);
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            out.word.push(fnv(&lower));
            out.shape.push(shape(w));
            let cut = lower.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
            out.suffix.push(fnv(&lower[cut..]));
            if t.kind == TokenKind::Word || matches!(w, ":" | "—" | "–" | "-") {
                out.flags[i] |= MAY_CUE;
            }
            let word = t.kind == TokenKind::Word;
            let cue = if word { lexicon.cue(&lower) } else { None };
            if cue.is_some() || marks_attribution(&lower) || (word && lexicon.is(WordSet::AttributionCue, &lower)) {
                out.flags[i] |= KNOWN_CUE;
            }
            if word && w.chars().next().is_some_and(char::is_lowercase) {
                out.lex[i] = cue.map_or(0, |c| if c.speech { 1 } else { 2 });
            }
        }
        out.mark_mentions(doc, mentions);
        out.mark_quotes(doc, quotes);
        out.mark_sentences(doc);
        out
    }

    fn mark_mentions(&mut self, doc: &Document, mentions: &[Mention]) {
        for m in mentions {
            let kind = match (m.kind, m.form) {
                (_, MentionForm::Description) => 4,
                (EntityKind::Person, _) => 1,
                (EntityKind::Organisation, _) => 2,
                (EntityKind::Country | EntityKind::Place, _) => 3,
            };
            let first = doc.token_at_or_after(m.span.start);
            let mut t = first;
            while t < self.entity.len() && doc.tokens[t].span.end <= m.span.end {
                self.entity[t] = kind | if t == first { 8 } else { 0 };
                t += 1;
            }
        }
    }

    fn mark_quotes(&mut self, doc: &Document, quotes: &[Span]) {
        for q in quotes {
            let first = doc.token_at_or_after(q.start);
            let close = doc.token_at_or_after(q.end);
            if first > 0 {
                self.flags[first - 1] |= OPENS;
            }
            if close < self.flags.len() {
                self.flags[close] |= CLOSES;
            }
            let end = close.min(self.flags.len());
            for f in &mut self.flags[first..end] {
                *f |= IN_QUOTE;
            }
        }
    }

    fn mark_sentences(&mut self, doc: &Document) {
        let mut paragraph = 0u32;
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let range = sentence.tokens();
            let starts_paragraph =
                s == 0 || doc.text[doc.sentences[s - 1].span.end..sentence.span.start].contains('\n');
            if starts_paragraph {
                paragraph = s as u32;
                if range.start < self.flags.len() {
                    self.flags[range.start] |= PARAGRAPH;
                }
            }
            self.paragraph_of.push(paragraph);
            if range.start < self.flags.len() {
                self.flags[range.start] |= SENTENCE;
            }
            let mut since: Option<usize> = None;
            for i in range.clone() {
                self.sentence[i] = s as u32;
                self.cue_sentence[s] |= self.flags[i] & KNOWN_CUE != 0;
                self.after_close[i] = since.map_or(0, |c| (i - c).min(6) as u8);
                if self.flags[i] & CLOSES != 0 {
                    since = Some(i);
                }
            }
            let mut until: Option<usize> = None;
            for i in range.rev() {
                self.before_open[i] = until.map_or(0, |o| (o - i).min(6) as u8);
                if self.flags[i] & OPENS != 0 {
                    until = Some(i);
                }
            }
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.word.len()
    }

    /// True when token `i` may be part of a cue (a word, a colon, a dash) in a sentence with a
    /// known cue word: the cue pass tags only these.
    pub fn may_cue(&self, i: usize) -> bool {
        self.flags[i] & MAY_CUE != 0 && self.cue_sentence[self.sentence[i] as usize]
    }

    /// True when token `i` is in a sentence with a cue or next to one in its paragraph: the role
    /// pass tags only these.
    pub fn in_reach(&self, cues: &Cues, i: usize) -> bool {
        cues.near[self.sentence[i] as usize] != FAR
    }

    fn word_at(&self, i: isize) -> u64 {
        usize::try_from(i).ok().and_then(|i| self.word.get(i)).copied().unwrap_or(0)
    }

    fn lex_at(&self, i: isize) -> u64 {
        usize::try_from(i).ok().and_then(|i| self.lex.get(i)).map_or(9, |&l| u64::from(l))
    }

    fn entity_at(&self, i: isize) -> u64 {
        usize::try_from(i).ok().and_then(|i| self.entity.get(i)).map_or(99, |&e| u64::from(e))
    }

    fn shape_at(&self, i: isize) -> u64 {
        usize::try_from(i).ok().and_then(|i| self.shape.get(i)).copied().unwrap_or(0)
    }

    /// The features of the cue pass at token `i`, given the tags of the tokens before it.
    pub fn cue_features(&self, i: usize, tags: &[u8], out: &mut Vec<u64>) {
        out.clear();
        let j = i as isize;
        let w0 = self.word[i];
        let p1 = if i > 0 { u64::from(tags[i - 1]) } else { 9 };
        let p2 = if i > 1 { u64::from(tags[i - 2]) } else { 9 };
        let flags = u64::from(self.flags[i] & (IN_QUOTE | OPENS | CLOSES));
        out.extend([
            mix(t::BIAS, &[]),
            mix(t::W0, &[w0]),
            mix(t::WM1, &[self.word_at(j - 1)]),
            mix(t::WP1, &[self.word_at(j + 1)]),
            mix(t::WM2, &[self.word_at(j - 2)]),
            mix(t::WP2, &[self.word_at(j + 2)]),
            mix(t::WM1W0, &[self.word_at(j - 1), w0]),
            mix(t::W0WP1, &[w0, self.word_at(j + 1)]),
            mix(t::SUF, &[self.suffix[i]]),
            mix(t::SHAPE, &[self.shape[i]]),
            mix(t::FLAGS, &[flags]),
            mix(t::LEX, &[u64::from(self.lex[i])]),
            mix(t::LEXM1, &[self.lex_at(j - 1), u64::from(self.lex[i])]),
            mix(t::LEXP1, &[u64::from(self.lex[i]), self.lex_at(j + 1)]),
            mix(t::P1, &[p1]),
            mix(t::P2, &[p1, p2]),
            mix(t::P1W0, &[p1, w0]),
            mix(t::AFTER_CLOSE, &[u64::from(self.after_close[i])]),
            mix(t::BEFORE_OPEN, &[u64::from(self.before_open[i])]),
            mix(t::W0FLAGS, &[w0, flags]),
            mix(t::SHAPEM1, &[self.shape_at(j - 1), self.shape[i]]),
            mix(t::ENTM1W0, &[self.entity_at(j - 1), w0]),
            mix(t::W0ENTP1, &[w0, self.entity_at(j + 1)]),
        ]);
        if self.after_close[i] > 0 {
            out.push(mix(t::AFTER_CLOSE, &[u64::from(self.after_close[i]), w0]));
        }
    }

    /// The features of the role pass at token `i`, given the cues and the role tags before it.
    pub fn role_features(&self, i: usize, cues: &Cues, tags: &[u8], out: &mut Vec<u64>) {
        out.clear();
        let j = i as isize;
        let w0 = self.word[i];
        let p1 = if i > 0 { u64::from(tags[i - 1]) } else { 9 };
        let p2 = if i > 1 { u64::from(tags[i - 2]) } else { 9 };
        let flags = u64::from(self.flags[i]);
        let left = cues.left[i].map_or(0, |c| bucket(i - c as usize));
        let right = cues.right[i].map_or(0, |c| bucket(c as usize - i));
        let left_word = cues.left[i].map_or(0, |c| self.word[c as usize]);
        let right_word = cues.right[i].map_or(0, |c| self.word[c as usize]);
        let near = u64::from(cues.near[self.sentence[i] as usize] as u8);
        out.extend([
            mix(t::BIAS, &[]),
            mix(t::W0, &[w0]),
            mix(t::WM1, &[self.word_at(j - 1)]),
            mix(t::WP1, &[self.word_at(j + 1)]),
            mix(t::WM1W0, &[self.word_at(j - 1), w0]),
            mix(t::SUF, &[self.suffix[i]]),
            mix(t::SHAPE, &[self.shape[i]]),
            mix(t::SHAPEP1, &[self.shape[i], self.shape_at(j + 1)]),
            mix(t::FLAGS, &[flags]),
            mix(t::P1, &[p1]),
            mix(t::P2, &[p1, p2]),
            mix(t::P1W0, &[p1, w0]),
            mix(t::P1FLAGS, &[p1, flags]),
            mix(t::IS_CUE, &[u64::from(cues.is_cue[i])]),
            mix(t::LEFT, &[left]),
            mix(t::RIGHT, &[right]),
            mix(t::LEFT_RIGHT, &[left, right]),
            mix(t::LEFT_FLAGS, &[left, flags]),
            mix(t::RIGHT_FLAGS, &[right, flags]),
            mix(t::P1_LEFT, &[p1, left]),
            mix(t::P1_RIGHT, &[p1, right]),
            mix(t::LEFT_WORD, &[left_word, left.min(3)]),
            mix(t::RIGHT_WORD, &[right_word, right.min(3)]),
            mix(t::NEAR_SENTENCE, &[near, flags & u64::from(IN_QUOTE), p1]),
            mix(t::LEFT_W0, &[left.min(2), w0]),
            mix(t::P1_W0_LEFT, &[p1, w0, u64::from(left > 0), u64::from(right > 0)]),
            mix(t::ENT0, &[u64::from(self.entity[i])]),
            mix(t::ENT0P1, &[u64::from(self.entity[i]), p1]),
            mix(t::ENT0CUES, &[u64::from(self.entity[i]), left.min(4), right.min(4)]),
            mix(t::ENTP1, &[u64::from(self.entity[i]), self.entity_at(j + 1), p1]),
        ]);
    }

    /// Where the cues tagged by the first pass are.
    pub fn cues(&self, cue_tags: &[u8]) -> Cues {
        let n = self.len();
        let mut cues = Cues { left: vec![None; n], right: vec![None; n], is_cue: vec![false; n], near: Vec::new() };
        let sentences = self.paragraph_of.len();
        let mut has_cue = vec![false; sentences];
        let mut last: Option<(u32, u32)> = None; // sentence, token
        for (i, &tag) in cue_tags.iter().enumerate() {
            let s = self.sentence[i];
            if last.is_some_and(|(ls, _)| ls != s) {
                last = None;
            }
            cues.left[i] = last.map(|(_, t)| t);
            if tag != CUE_O {
                cues.is_cue[i] = true;
                has_cue[s as usize] = true;
                last = Some((s, i as u32));
            }
        }
        let mut next: Option<(u32, u32)> = None;
        for i in (0..n).rev() {
            let s = self.sentence[i];
            if next.is_some_and(|(ns, _)| ns != s) {
                next = None;
            }
            cues.right[i] = next.map(|(_, t)| t);
            if cue_tags[i] != CUE_O {
                next = Some((s, i as u32));
            }
        }
        cues.near = (0..sentences)
            .map(|s| {
                if has_cue[s] {
                    return 0;
                }
                let same = |o: usize| o < sentences && self.paragraph_of[o] == self.paragraph_of[s] && has_cue[o];
                match () {
                    () if s >= 1 && same(s - 1) => -1,
                    () if same(s + 1) => 1,
                    () => FAR,
                }
            })
            .collect();
        cues
    }
}

/// The sentence of token `i`.
pub fn sentence_of(tokens: &Tokens, i: usize) -> usize {
    tokens.sentence[i] as usize
}

/// True for a lower-cased token that marks an attribution by itself: "according" (to), a colon
/// or a dash ("X: …", "— X").
pub fn marks_attribution(lower: &str) -> bool {
    matches!(lower, "according" | ":" | "—" | "–")
}

/// [`Cues::near`] of a sentence with no cue in it or next to it.
const FAR: i8 = 5;

/// Distance buckets: 1, 2, 3, 4, 5–6, 7–10, 11–20, more.
fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        11..=20 => 7,
        _ => 8,
    }
}

/// The word's shape: `X` upper, `x` lower, `d` digit, others as written, runs collapsed, at
/// most four classes.
fn shape(word: &str) -> u64 {
    let mut out = [0u8; 4];
    let mut len = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if len > 0 && out[len - 1] == class {
            continue;
        }
        if len == out.len() {
            break;
        }
        out[len] = class;
        len += 1;
    }
    u64::from_le_bytes([out[0], out[1], out[2], out[3], len as u8, 0, 0, 0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Merkel"), shape("Obama"));
        assert_ne!(shape("Merkel"), shape("merkel"));
        assert_eq!(shape("U.S."), shape("U.K."));
    }

    #[test]
    fn quotation_tokens_and_marks_are_flagged() {
        let doc = crate::segment::segment("\"We will win,\" she said.");
        let quotes = crate::extract::view::find_quotes(&doc);
        let tokens = Tokens::new(&doc, &quotes, &[], &Lexicon::builtin());
        assert_ne!(tokens.flags[0] & OPENS, 0);
        assert_ne!(tokens.flags[1] & IN_QUOTE, 0);
        let close = (0..tokens.len()).find(|&i| tokens.flags[i] & CLOSES != 0).unwrap();
        assert_eq!(doc.token_text(close), "\"");
        assert_eq!(tokens.after_close[close + 1], 1);
        assert_eq!(tokens.lex[close + 2], 1, "said is a speech cue");
    }
}
