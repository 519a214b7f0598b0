//! Features of a candidate pair, hashed to 64 bits.

use std::hash::Hasher;
use std::sync::Arc;

use fnv::FnvHasher;

use super::{Arg, Coarse};
use crate::lexicon::{Lexicon, TitleKind};
use crate::model::{Document, MentionForm, TokenKind};
use crate::recognize::Gazetteer;

/// The longest stretch between two arguments whose words are features one by one; a longer one
/// gives only its ends.
const MAX_BETWEEN: usize = 12;

/// Turns a candidate pair into feature hashes.
#[derive(Debug, Clone)]
pub struct RelationFeatures {
    lexicon: Arc<Lexicon>,
    gazetteer: Arc<Gazetteer>,
}

/// FNV-1a over the parts, each followed by a separator byte: stable across builds.
fn hash(parts: &[&str]) -> u64 {
    let mut h = FnvHasher::default();
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// A word as a feature: lower case, digits as `0`.
fn norm(word: &str) -> String {
    word.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).flat_map(char::to_lowercase).collect()
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

    /// A class for a word between the arguments: cue verbs by predicate, titles, organisation
    /// words, or the word itself when it is short and lower case.
    fn word_class(&self, doc: &Document, i: usize) -> String {
        let w = doc.token_text(i);
        if doc.tokens[i].kind == TokenKind::Punct || doc.tokens[i].kind == TokenKind::Quote {
            return w.to_owned();
        }
        if let Some(cue) = self.lexicon.cue(w) {
            return format!("V:{}", cue.predicate.name());
        }
        if let Some(TitleKind::Position(_)) = self.lexicon.title(w) {
            return "TITLE".to_owned();
        }
        if doc.is_capitalised(i) {
            return "C".to_owned();
        }
        let lower = norm(w);
        if lower.len() <= 4 {
            lower
        } else {
            "w".to_owned()
        }
    }

    /// Appends the features of the candidate `(head, tail)` to `out`.
    pub fn extract(&self, doc: &Document, args: &[Arg], head: usize, tail: usize, out: &mut Vec<u64>) {
        let (h, t) = (&args[head], &args[tail]);
        let (ha, hb) = Self::tokens(doc, h);
        let (ta, tb) = Self::tokens(doc, t);
        let head_first = ha <= ta;
        let dir = if head_first { "HT" } else { "TH" };
        let sig = format!("{}>{}:{dir}", h.kind.name(), t.kind.name());
        let (left_end, right_start) = if head_first { (hb, ta) } else { (tb, ha) };
        let (outer_start, outer_end) = if head_first { (ha, tb) } else { (ta, hb) };
        let between: Vec<usize> = (left_end..right_start.max(left_end)).collect();
        let n = between.len();
        let mut add = |parts: &[&str]| out.push(hash(parts));

        add(&["bias"]);
        add(&["sig", &sig]);
        add(&["dist", &sig, bucket(n)]);
        let word = |i: usize| norm(doc.token_text(i));
        if n <= MAX_BETWEEN {
            for &i in &between {
                let w = word(i);
                add(&["bw", &w]);
                add(&["bw-dir", dir, &w]);
            }
            for pair in between.windows(2) {
                add(&["bb", &word(pair[0]), &word(pair[1])]);
            }
            let pattern: Vec<String> = between.iter().map(|&i| self.word_class(doc, i)).collect();
            add(&["pat", dir, &pattern.join(" ")]);
        }
        if let (Some(&first), Some(&last)) = (between.first(), between.last()) {
            add(&["fb", dir, &word(first)]);
            add(&["lb", dir, &word(last)]);
            for &i in &between {
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
            add(&["adjacent", &sig]);
        }
        // the words around the pair
        let before = |k: usize| outer_start.checked_sub(k).map_or_else(|| "<s>".to_owned(), word);
        let after =
            |k: usize| if outer_end + k - 1 < doc.tokens.len() { word(outer_end + k - 1) } else { "</s>".to_owned() };
        add(&["b1", dir, &before(1)]);
        add(&["b2", dir, &before(2), &before(1)]);
        add(&["a1", dir, &after(1)]);
        add(&["a2", dir, &after(1), &after(2)]);
        // the word before each argument ("in Oslo", "of Nordbank")
        let prev = |a: usize| a.checked_sub(1).map_or_else(|| "<s>".to_owned(), word);
        add(&["h-prev", &prev(ha)]);
        add(&["t-prev", &prev(ta)]);
        add(&["h-next", &(if hb < doc.tokens.len() { word(hb) } else { "</s>".to_owned() })]);
        add(&["t-next", &(if tb < doc.tokens.len() { word(tb) } else { "</s>".to_owned() })]);
        // the arguments themselves
        add(&["h-head", h.kind.name(), &word(hb - 1)]);
        add(&["t-head", t.kind.name(), &word(tb - 1)]);
        add(&["h-known", self.known(doc, h)]);
        add(&["t-known", self.known(doc, t)]);
        if t.kind == Coarse::Loc || h.kind == Coarse::Loc {
            add(&["h-text", &norm(doc.slice(h.span))]);
            add(&["t-text", &norm(doc.slice(t.span))]);
        }
        // other arguments in between
        let inside: Vec<&str> = args
            .iter()
            .filter(|a| {
                let (a0, _) = Self::tokens(doc, a);
                a0 >= left_end && a0 < right_start
            })
            .map(|a| a.kind.name())
            .collect();
        add(&["ents-between", &inside.len().min(3).to_string()]);
        add(&["ents-between-types", dir, &inside.join(",")]);
        let commas = between.iter().filter(|&&i| doc.token_text(i) == ",").count();
        add(&["commas", dir, &commas.min(3).to_string()]);
    }
}
