//! Features of a candidate pair, hashed to 64 bits ([`crate::learn::hashing::hash_parts`]).
//!
//! ```
//! use newsgraph::lexicon::Lexicon;
//! use newsgraph::model::Span;
//! use newsgraph::relate::{Arg, Coarse, RelationFeatures};
//! let doc = newsgraph::segment::segment("Anna Berg works for Nordbank.");
//! let args = [Arg { span: Span::new(0, 9), kind: Coarse::Per }, Arg { span: Span::new(20, 28), kind: Coarse::Org }];
//! let mut features = Vec::new();
//! RelationFeatures::new(Lexicon::builtin()).extract(&doc, &args, 0, 1, &mut features);
//! assert!(features.len() > 20);
//! ```

use std::sync::Arc;

use super::{Arg, Coarse};
use crate::learn::hashing::hash_parts as hash;
use crate::lexicon::{Gazetteer, Lexicon, TitleKind};
use crate::model::{Digest, Document, MentionForm, TokenKind};

/// The longest stretch between two arguments whose words are features one by one; a longer one
/// gives only its ends.
const MAX_BETWEEN: usize = 12;

/// Turns a candidate pair into feature hashes.
#[derive(Debug, Clone)]
pub struct RelationFeatures {
    lexicon: Arc<Lexicon>,
    gazetteer: Arc<Gazetteer>,
}

/// A word as a feature: lower case, digits as `0`.
fn norm(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    norm_into(word, &mut out);
    out
}

/// Appends [`norm`]`(word)` to `out`.
fn norm_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| if b.is_ascii_digit() { '0' } else { char::from(b.to_ascii_lowercase()) }));
    } else {
        out.extend(word.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).flat_map(char::to_lowercase));
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 | 5 => "4-5",
        6..=8 => "6-8",
        9..=MAX_BETWEEN => "9-12",
        _ => "far",
    }
}

/// `n` as a feature value, for `n` of at most 3.
fn small(n: usize) -> &'static str {
    ["0", "1", "2", "3"][n.min(3)]
}

/// The signature feature `"{head kind}>{tail kind}:{dir}"`, without formatting it.
fn signature(head: Coarse, tail: Coarse, head_first: bool) -> &'static str {
    const SIGS: [[[&str; 2]; 3]; 3] = [
        [["PER>PER:HT", "PER>PER:TH"], ["PER>ORG:HT", "PER>ORG:TH"], ["PER>LOC:HT", "PER>LOC:TH"]],
        [["ORG>PER:HT", "ORG>PER:TH"], ["ORG>ORG:HT", "ORG>ORG:TH"], ["ORG>LOC:HT", "ORG>LOC:TH"]],
        [["LOC>PER:HT", "LOC>PER:TH"], ["LOC>ORG:HT", "LOC>ORG:TH"], ["LOC>LOC:HT", "LOC>LOC:TH"]],
    ];
    let at = |c: Coarse| match c {
        Coarse::Per => 0,
        Coarse::Org => 1,
        Coarse::Loc => 2,
    };
    SIGS[at(head)][at(tail)][usize::from(!head_first)]
}

/// What the features of one document's candidate pairs share, computed once per document:
/// each argument's tokens and gazetteer class, and each token's normalised form.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    doc: &'a Document,
    args: &'a [Arg],
    /// Token range `[first, end)` of each argument.
    ranges: Vec<(usize, usize)>,
    /// What the gazetteer says each argument is.
    known: Vec<&'static str>,
    /// [`norm`] of every token, concatenated: token `i`'s is `words[offsets[i]..offsets[i + 1]]`.
    words: String,
    offsets: Vec<u32>,
}

impl Prepared<'_> {
    /// The normalised form of token `i`.
    fn word(&self, i: usize) -> &str {
        &self.words[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

impl RelationFeatures {
    /// Features over this lexicon's words, titles and places.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        let gazetteer = Arc::new(Gazetteer::new(&lexicon));
        RelationFeatures { lexicon, gazetteer }
    }

    /// Token range `[first, end)` of an argument.
    fn tokens(doc: &Document, arg: &Arg) -> (usize, usize) {
        let first = doc.token_at_or_after(arg.span.start);
        let end = doc.tokens.partition_point(|t| t.span.start < arg.span.end);
        (first, end.max(first + 1).min(doc.tokens.len()))
    }

    /// What every candidate pair among `args` in `doc` needs, for [`RelationFeatures::extract_prepared`].
    pub fn prepare<'a>(&self, doc: &'a Document, args: &'a [Arg]) -> Prepared<'a> {
        let mut words = String::with_capacity(doc.text.len());
        let mut offsets = Vec::with_capacity(doc.tokens.len() + 1);
        offsets.push(0);
        for t in &doc.tokens {
            norm_into(doc.slice(t.span), &mut words);
            offsets.push(words.len() as u32);
        }
        Prepared {
            doc,
            args,
            ranges: args.iter().map(|a| Self::tokens(doc, a)).collect(),
            known: args.iter().map(|a| self.known(doc, a)).collect(),
            words,
            offsets,
        }
    }

    /// What the gazetteer says an argument's text is: a country's name, a demonym, a capital,
    /// a known organisation, or nothing.
    fn known(&self, doc: &Document, arg: &Arg) -> &'static str {
        match self.gazetteer.lookup(doc.slice(arg.span)) {
            Some(e) if e.key.starts_with("country:") && e.form == MentionForm::Demonym => "demonym",
            Some(e) if e.key.starts_with("country:") => "country",
            Some(e) if e.key.starts_with("capital:") => "capital",
            Some(_) => "org",
            None => "-",
        }
    }

    /// Feeds `h` a class for a word between the arguments: cue verbs by predicate, titles,
    /// organisation words, or the word itself when it is short and lower case.
    fn word_class(&self, p: &Prepared<'_>, i: usize, h: &mut Digest) {
        let doc = p.doc;
        let w = doc.token_text(i);
        if doc.tokens[i].kind == TokenKind::Punct || doc.tokens[i].kind == TokenKind::Quote {
            h.write(w.as_bytes());
        } else if let Some(cue) = self.lexicon.cue(w) {
            h.write(b"V:");
            h.write(cue.predicate.name().as_bytes());
        } else if let Some(TitleKind::Position(_)) = self.lexicon.title(w) {
            h.write(b"TITLE");
        } else if doc.is_capitalised(i) {
            h.write(b"C");
        } else {
            let lower = p.word(i);
            h.write(if lower.len() <= 4 { lower.as_bytes() } else { b"w" });
        }
    }

    /// Appends the features of the candidate `(head, tail)` to `out`. To score many pairs of
    /// one document, [`RelationFeatures::prepare`] it once and use
    /// [`RelationFeatures::extract_prepared`].
    pub fn extract(&self, doc: &Document, args: &[Arg], head: usize, tail: usize, out: &mut Vec<u64>) {
        self.extract_prepared(&self.prepare(doc, args), head, tail, out);
    }

    /// Appends the features of the candidate `(head, tail)` of a prepared document to `out`.
    pub fn extract_prepared(&self, p: &Prepared<'_>, head: usize, tail: usize, out: &mut Vec<u64>) {
        let (doc, args) = (p.doc, p.args);
        let (h, t) = (&args[head], &args[tail]);
        let (ha, hb) = p.ranges[head];
        let (ta, tb) = p.ranges[tail];
        let head_first = ha <= ta;
        let dir = if head_first { "HT" } else { "TH" };
        let sig = signature(h.kind, t.kind, head_first);
        let (left_end, right_start) = if head_first { (hb, ta) } else { (tb, ha) };
        let (outer_start, outer_end) = if head_first { (ha, tb) } else { (ta, hb) };
        let between = left_end..right_start.max(left_end);
        let n = between.len();
        let mut add = |parts: &[&str]| out.push(hash(parts));

        add(&["bias"]);
        add(&["sig", sig]);
        add(&["dist", sig, bucket(n)]);
        let word = |i: usize| p.word(i);
        if n <= MAX_BETWEEN {
            for i in between.clone() {
                let w = word(i);
                add(&["bw", w]);
                add(&["bw-dir", dir, w]);
            }
            for i in between.start..between.end.saturating_sub(1) {
                add(&["bb", word(i), word(i + 1)]);
            }
            // ["pat", dir, the word classes joined by spaces]
            let mut pattern = Digest::new();
            pattern.part(b"pat");
            pattern.part(dir.as_bytes());
            for i in between.clone() {
                if i > between.start {
                    pattern.write(b" ");
                }
                self.word_class(p, i, &mut pattern);
            }
            pattern.end_part();
            out.push(pattern.finish());
        }
        let mut add = |parts: &[&str]| out.push(hash(parts));
        if n > 0 {
            add(&["fb", dir, word(between.start)]);
            add(&["lb", dir, word(between.end - 1)]);
            for i in between.clone() {
                let w = doc.token_text(i);
                if let Some(cue) = self.lexicon.cue(w) {
                    add(&["cue", dir, cue.predicate.name()]);
                    if let Some(c) = &cue.cameo {
                        add(&["cameo", dir, &c[..c.len().min(2)]]);
                    }
                }
                if let Some(TitleKind::Position(p)) = self.lexicon.title(w) {
                    add(&["title", dir, p.map_or("-", |p| p.name())]);
                }
                if self.lexicon.is_org_head(w) {
                    add(&["orghead-between", dir]);
                }
            }
        } else {
            add(&["adjacent", sig]);
        }
        // the words around the pair
        let len = doc.tokens.len();
        let before = |k: usize| outer_start.checked_sub(k).map_or("<s>", word);
        let after = |k: usize| if outer_end + k - 1 < len { word(outer_end + k - 1) } else { "</s>" };
        add(&["b1", dir, before(1)]);
        add(&["b2", dir, before(2), before(1)]);
        add(&["a1", dir, after(1)]);
        add(&["a2", dir, after(1), after(2)]);
        // the word before each argument ("in Oslo", "of Nordbank")
        let prev = |a: usize| a.checked_sub(1).map_or("<s>", word);
        add(&["h-prev", prev(ha)]);
        add(&["t-prev", prev(ta)]);
        add(&["h-next", if hb < len { word(hb) } else { "</s>" }]);
        add(&["t-next", if tb < len { word(tb) } else { "</s>" }]);
        // the arguments themselves
        add(&["h-head", h.kind.name(), word(hb - 1)]);
        add(&["t-head", t.kind.name(), word(tb - 1)]);
        add(&["h-known", p.known[head]]);
        add(&["t-known", p.known[tail]]);
        if t.kind == Coarse::Loc || h.kind == Coarse::Loc {
            add(&["h-text", &norm(doc.slice(h.span))]);
            add(&["t-text", &norm(doc.slice(t.span))]);
        }
        // other arguments in between: ["ents-between-types", dir, their kinds joined by commas]
        let mut types = Digest::new();
        types.part(b"ents-between-types");
        types.part(dir.as_bytes());
        let mut inside = 0;
        for (a, &(a0, _)) in args.iter().zip(&p.ranges) {
            if a0 >= left_end && a0 < right_start {
                if inside > 0 {
                    types.write(b",");
                }
                types.write(a.kind.name().as_bytes());
                inside += 1;
            }
        }
        types.end_part();
        add(&["ents-between", small(inside)]);
        out.push(types.finish());
        let commas = between.filter(|&i| doc.token_text(i) == ",").count();
        out.push(hash(&["commas", dir, small(commas)]));
    }
}
