//! Attribution ("who said what") scored as `scripts/score_quotes.py` scores it, figure for
//! figure: a predicted quote matches a gold attribution when their contents overlap with token
//! F1 ≥ 0.5 (one to one, best overlap first); a matched speaker is right (strict) when a mention
//! of the predicted entity overlaps the gold source span, and right (lenient) also when the gold
//! source's text equals one of the entity's names or ends with the same word. Offsets are
//! Unicode code points, as in the gold (PolNeAR) and the predictions file.
//!
//! ```
//! use newsgraph::eval::{score_quotes, PredictedQuote, QuotePredictions, Subset};
//! use newsgraph::gold::GoldDoc;
//! let line = r#"{"id":"d","text":"Ann Lee said \"we won\".","quotes":[{"speaker_start":0,"speaker_end":7,
//!     "speaker_text":"Ann Lee","content_start":13,"content_end":21,"direct":true,"has_speaker":true}]}"#;
//! let gold: GoldDoc = serde_json::from_str(line).unwrap();
//! let quote = PredictedQuote {
//!     content_start: 14, content_end: 20, speaker_spans: vec![[0, 7]], speaker_names: vec!["Ann Lee".into()],
//! };
//! let predictions = vec![QuotePredictions { id: "d".into(), quotes: vec![quote] }];
//! let report = score_quotes(&[gold], &predictions, Subset::Direct);
//! assert_eq!((report.content_matched, report.speaker_strict), (1, 1));
//! assert_eq!(report.end_to_end().2, 1.0);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::gold::{GoldDoc, GoldQuote};
use crate::model::{CharIndex, EntityId, Extraction, MentionId, Span};

/// One predicted attribution, in the scorer's input format (code points, end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredictedQuote {
    /// First code point of the content.
    pub content_start: usize,
    /// One past the content's last code point.
    pub content_end: usize,
    /// The spans of every mention of the speaker entity in the article, `[start, end]`.
    #[serde(default)]
    pub speaker_spans: Vec<[usize; 2]>,
    /// The speaker entity's name and aliases.
    #[serde(default)]
    pub speaker_names: Vec<String>,
}

/// One article's predicted attributions: one line of the predictions file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePredictions {
    /// The article's id, as in the gold file.
    pub id: String,
    /// Its predicted attributions.
    #[serde(default)]
    pub quotes: Vec<PredictedQuote>,
}

/// The attributions of an extraction: one per statement with a content span (direct quotes and
/// reported content), its speaker the statement's subject. The same content given to the same
/// speaker by two statements is one attribution.
pub fn predict_quotes(x: &Extraction) -> Vec<PredictedQuote> {
    let index = CharIndex::new(&x.document.text);
    let mut seen: Vec<(usize, usize, EntityId)> = Vec::new();
    let mut quotes = Vec::new();
    for s in &x.statements {
        let Some(content) = s.quote else { continue };
        let (content_start, content_end) = index.to_chars(content);
        if seen.contains(&(content_start, content_end, s.subject)) {
            continue;
        }
        seen.push((content_start, content_end, s.subject));
        let entity = x.resolution.entity(s.subject);
        let speaker_names = std::iter::once(&entity.name).chain(&entity.aliases).cloned().collect();
        quotes.push(PredictedQuote {
            content_start,
            content_end,
            speaker_spans: speaker_spans(x, s.subject, s.subject_mention, &index),
            speaker_names,
        });
    }
    quotes
}

/// The code point spans that name `entity` in the article, sorted: its named mentions, the
/// descriptions ("the ministry") and pronouns joined to it, and `own`, the words that name it
/// in the statement at hand (a pronoun the extractor read differently from the resolver stays
/// the statement's). A predicted speaker is right when one of them overlaps the gold source span.
pub fn speaker_spans(x: &Extraction, entity: EntityId, own: Option<Span>, index: &CharIndex) -> Vec<[usize; 2]> {
    let named = (0..x.mentions.len())
        .filter(|&i| x.resolution.entity_of(MentionId(i as u32)) == Some(entity))
        .map(|i| x.mentions[i].span);
    let joined = x.resolution.descriptions.iter().chain(&x.resolution.pronouns).filter(|(_, e)| *e == entity);
    let mut spans: Vec<[usize; 2]> = named
        .chain(joined.map(|(span, _)| *span))
        .chain(own)
        .map(|span| {
            let (s, e) = index.to_chars(span);
            [s, e]
        })
        .collect();
    spans.sort_unstable();
    spans.dedup();
    spans
}

/// Which gold attributions are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Subset {
    /// Gold attributions marked direct (the content holds a quotation mark) that have a
    /// speaker; predictions with a quotation mark in or next to their content.
    #[default]
    Direct,
    /// Every gold attribution with a speaker; every prediction.
    All,
}

impl Subset {
    /// `direct` or `all`, as the script's `--subset`.
    pub fn name(self) -> &'static str {
        match self {
            Subset::Direct => "direct",
            Subset::All => "all",
        }
    }
}

/// Counts for one class of gold speaker (`name`, `description`, `pronoun`, `none`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassCounts {
    /// Gold attributions of the class.
    pub gold: usize,
    /// Of those, matched by a predicted content.
    pub matched: usize,
    /// Of those, with the speaker right (lenient).
    pub right: usize,
}

/// A gold attribution no prediction matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedQuote {
    /// The article.
    pub doc: String,
    /// The gold source as written.
    pub speaker: Option<String>,
    /// The gold content, cut to 100 code points.
    pub content: String,
}

/// A matched attribution whose predicted speaker is wrong (strict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongSpeaker {
    /// The article.
    pub doc: String,
    /// The gold source as written.
    pub speaker: Option<String>,
    /// The predicted speaker's name.
    pub predicted: Option<String>,
    /// The gold content, cut to 80 code points.
    pub content: String,
}

/// The counts of one scoring, and every missed attribution and wrong speaker in the order the
/// script meets them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteReport {
    /// The gold subset scored.
    pub subset: Subset,
    /// Gold attributions scored.
    pub gold: usize,
    /// Predicted attributions scored.
    pub predicted: usize,
    /// Pairs matched by content.
    pub content_matched: usize,
    /// Matched pairs whose speaker is right, strict (a mention overlaps the gold source).
    pub speaker_strict: usize,
    /// Matched pairs whose speaker is right, lenient (strict, or by name).
    pub speaker_lenient: usize,
    /// Counts per gold speaker class, by class name.
    pub classes: BTreeMap<&'static str, ClassCounts>,
    /// Gold attributions not matched.
    pub missed: Vec<MissedQuote>,
    /// Matched attributions with a wrong speaker.
    pub wrong: Vec<WrongSpeaker>,
}

/// One figure of the report, printed as Python prints it.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A count.
    Count(usize),
    /// A ratio, rounded to 3 decimals.
    Ratio(f64),
    /// A text.
    Text(String),
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Count(n) => write!(f, "{n}"),
            // Python's repr of a float: 1.0 keeps its ".0"
            Figure::Ratio(x) if x.fract() == 0.0 => write!(f, "{x:.1}"),
            Figure::Ratio(x) => write!(f, "{x}"),
            Figure::Text(s) => write!(f, "{s}"),
        }
    }
}

/// Precision, recall and F1 of `tp` right out of `predicted`, against `gold` (0 where undefined).
fn prf(tp: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted > 0 { tp as f64 / predicted as f64 } else { 0.0 };
    let r = if gold > 0 { tp as f64 / gold as f64 } else { 0.0 };
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// `x` rounded to 3 decimals as Python's `round(x, 3)` does (the exact value, ties to even).
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

impl QuoteReport {
    /// Content precision, recall and F1.
    pub fn content(&self) -> (f64, f64, f64) {
        prf(self.content_matched, self.predicted, self.gold)
    }

    /// End to end precision, recall and F1: content matched and speaker right (strict).
    pub fn end_to_end(&self) -> (f64, f64, f64) {
        prf(self.speaker_strict, self.predicted, self.gold)
    }

    /// End to end with the lenient speaker.
    pub fn end_to_end_lenient(&self) -> (f64, f64, f64) {
        prf(self.speaker_lenient, self.predicted, self.gold)
    }

    /// Speaker accuracy on the matched pairs, strict and lenient (0 when none matched).
    pub fn speaker_accuracy(&self) -> (f64, f64) {
        match self.content_matched {
            0 => (0.0, 0.0),
            m => (self.speaker_strict as f64 / m as f64, self.speaker_lenient as f64 / m as f64),
        }
    }

    /// The script's figures, with its keys, in its order.
    pub fn figures(&self) -> Vec<(String, Figure)> {
        let (cp, cr, cf) = self.content();
        let (ep, er, ef) = self.end_to_end();
        let (strict, lenient) = self.speaker_accuracy();
        let mut out: Vec<(String, Figure)> = vec![
            ("subset".into(), Figure::Text(self.subset.name().into())),
            ("gold".into(), Figure::Count(self.gold)),
            ("predicted".into(), Figure::Count(self.predicted)),
            ("content_matched".into(), Figure::Count(self.content_matched)),
        ];
        let ratios = [
            ("content_P", cp),
            ("content_R", cr),
            ("content_F1", cf),
            ("speaker_acc_strict", strict),
            ("speaker_acc_lenient", lenient),
            ("e2e_P", ep),
            ("e2e_R", er),
            ("e2e_F1", ef),
            ("e2e_lenient_F1", self.end_to_end_lenient().2),
        ];
        out.extend(ratios.map(|(k, v)| (k.to_owned(), Figure::Ratio(round3(v)))));
        for (class, c) in &self.classes {
            let acc = if c.matched > 0 { c.right as f64 / c.matched as f64 } else { 0.0 };
            let text = format!("gold {}, content matched {}, speaker right {} ({acc:.3})", c.gold, c.matched, c.right);
            out.push((format!("{class}_speakers"), Figure::Text(text)));
        }
        let named = self.classes.get("name").copied().unwrap_or_default();
        let recall = if named.gold > 0 { round3(named.right as f64 / named.gold as f64) } else { 0.0 };
        out.push(("named_speaker_e2e_R".into(), Figure::Ratio(recall)));
        out
    }

    /// The figures as one JSON object, byte for byte what the script's `--json` prints.
    pub fn to_json(&self) -> String {
        let fields: Vec<String> = self
            .figures()
            .into_iter()
            .map(|(k, v)| match v {
                Figure::Text(s) => format!("{}: {}", json_string(&k), json_string(&s)),
                v => format!("{}: {v}", json_string(&k)),
            })
            .collect();
        format!("{{{}}}", fields.join(", "))
    }

    /// Up to `n` missed attributions and `n` wrong speakers, one a line, as the script writes
    /// them to standard error (`MISSED (…)`, then `WRONG-SPEAKER (…)`).
    pub fn errors(&self, n: usize) -> String {
        let mut out = String::new();
        let opt = |s: &Option<String>| s.as_deref().map_or("None".to_owned(), py_repr);
        for m in self.missed.iter().take(n) {
            let _ = writeln!(out, "MISSED ({}, {}, {})", py_repr(&m.doc), opt(&m.speaker), py_repr(&m.content));
        }
        for w in self.wrong.iter().take(n) {
            let predicted = w.predicted.as_deref().map(py_repr).unwrap_or_default();
            let (doc, speaker, content) = (py_repr(&w.doc), opt(&w.speaker), py_repr(&w.content));
            let _ = writeln!(out, "WRONG-SPEAKER ({doc}, {speaker}, [{predicted}], {content})");
        }
        out
    }
}

/// The script's text output: one `key value` line per figure.
impl std::fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, v) in self.figures() {
            writeln!(f, "{k:22} {v}")?;
        }
        Ok(())
    }
}

/// A JSON string of `s` with every non-ASCII character escaped, as Python's `json.dumps`.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

/// Python's `repr` of a string: single quotes unless it holds one and no double quote;
/// control and other unprintable characters escaped.
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if printable(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character, for the characters news text holds: not a
/// control, not a separator but the space, not a format character.
fn printable(c: char) -> bool {
    let format = matches!(c, '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}');
    c == ' ' || !(c.is_control() || c.is_whitespace() || format)
}

/// Python's `\w`: a letter, a number or `_`.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("a valid pattern"));
/// Python's `\W+`.
static NON_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\p{L}\p{N}_]+").expect("a valid pattern"));

/// One gold text, sliced by code points the way Python slices a string.
struct Text<'a> {
    text: &'a str,
    index: CharIndex,
    chars: usize,
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Self {
        Text { text, index: CharIndex::new(text), chars: text.chars().count() }
    }

    /// `text[start:end]` (clamped; empty when `start >= end`).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = (start.min(self.chars), end.min(self.chars));
        if s >= e {
            return "";
        }
        let byte = |c: usize| self.index.byte_offset(c).unwrap_or(self.text.len());
        &self.text[byte(s)..byte(e)]
    }

    /// The code point offsets where the words of `text[start:end]` start, ascending.
    fn tokens(&self, start: usize, end: usize) -> Vec<usize> {
        let slice = self.slice(start, end);
        let (mut byte, mut chars) = (0, start);
        WORD.find_iter(slice)
            .map(|m| {
                chars += slice[byte..m.start()].chars().count();
                byte = m.start();
                chars
            })
            .collect()
    }

    /// The first `n` code points of `text[start:end]`.
    fn excerpt(&self, start: usize, end: usize, n: usize) -> String {
        self.slice(start, end).chars().take(n).collect()
    }
}

/// Token F1 of a gold and a predicted token set (both ascending).
fn token_f1(gold: &[usize], predicted: &[usize]) -> f64 {
    if gold.is_empty() || predicted.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < gold.len() && j < predicted.len() {
        match gold[i].cmp(&predicted[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (inter, i, j) = (inter + 1, i + 1, j + 1),
        }
    }
    if inter == 0 {
        return 0.0;
    }
    let (p, r) = (inter as f64 / predicted.len() as f64, inter as f64 / gold.len() as f64);
    2.0 * p * r / (p + r)
}

/// Python's `str.isspace`, which `str.split()` splits on.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

const PRONOUNS: [&str; 14] =
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "their", "its"];
const DETERMINERS: [&str; 7] = ["the", "a", "an", "this", "that", "these", "those"];

/// The class of a gold speaker's text: `pronoun` (one word of the script's list),
/// `description` (lower-case first word, or a determiner), `name`, or `none` (no text).
pub fn speaker_class(text: Option<&str>) -> &'static str {
    let words: Vec<&str> = text.unwrap_or("").split(py_space).filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else { return "none" };
    if words.len() == 1 && PRONOUNS.contains(&first.to_lowercase().as_str()) {
        return "pronoun";
    }
    if first.chars().next().is_some_and(char::is_lowercase) || DETERMINERS.contains(&first.to_lowercase().as_str()) {
        return "description";
    }
    "name"
}

/// The script's `norm`: lower case, every run of non-word characters one space, trimmed.
fn norm(s: &str) -> String {
    NON_WORD.replace_all(&s.to_lowercase(), " ").trim_matches(py_space).to_owned()
}

/// Whether a predicted speaker is right by name: the gold source's text, normalised, equals one
/// of the names or ends with the same word.
fn lenient_name(gold: Option<&str>, names: &[String]) -> bool {
    let gold = norm(gold.unwrap_or(""));
    fn last(s: &str) -> Option<&str> {
        s.split(py_space).rfind(|w| !w.is_empty())
    }
    !gold.is_empty()
        && names.iter().map(|n| norm(n)).filter(|n| !n.is_empty()).any(|n| n == gold || last(&n) == last(&gold))
}

/// Whether a predicted quote counts in the direct subset: a quotation mark in its content or
/// next to it.
fn marked(text: &Text<'_>, q: &PredictedQuote) -> bool {
    text.slice(q.content_start.saturating_sub(1), q.content_end + 1).contains(['"', '\u{201c}', '\u{201d}'])
}

/// Scores one article's gold and predicted attributions into `report`.
fn score_doc(report: &mut QuoteReport, doc: &GoldDoc, predicted: &[PredictedQuote]) {
    let text = Text::new(&doc.text);
    let subset = report.subset;
    let gq: Vec<&GoldQuote> =
        doc.quotes.iter().filter(|q| q.has_speaker && (subset == Subset::All || q.direct)).collect();
    let pq: Vec<&PredictedQuote> = predicted.iter().filter(|q| subset == Subset::All || marked(&text, q)).collect();
    report.gold += gq.len();
    report.predicted += pq.len();
    for q in &gq {
        report.classes.entry(speaker_class(q.speaker_text.as_deref())).or_default().gold += 1;
    }
    let gt: Vec<Vec<usize>> = gq.iter().map(|q| text.tokens(q.content_start, q.content_end)).collect();
    let pt: Vec<Vec<usize>> = pq.iter().map(|q| text.tokens(q.content_start, q.content_end)).collect();
    // (score, i, j) sorted descending, as Python sorts the tuples: ties prefer the later gold,
    // then the later prediction
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gt.iter().enumerate() {
        for (j, p) in pt.iter().enumerate() {
            let score = token_f1(g, p);
            if score >= 0.5 {
                pairs.push((score, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut used_g, mut used_p) = (vec![false; gq.len()], vec![false; pq.len()]);
    for (_, i, j) in pairs {
        if used_g[i] || used_p[j] {
            continue;
        }
        (used_g[i], used_p[j]) = (true, true);
        let (g, p) = (gq[i], pq[j]);
        let strict = match (g.speaker_start, g.speaker_end) {
            (Some(s), Some(e)) => p.speaker_spans.iter().any(|span| s < span[1] && span[0] < e),
            _ => false,
        };
        let lenient = strict || lenient_name(g.speaker_text.as_deref(), &p.speaker_names);
        report.content_matched += 1;
        report.speaker_strict += usize::from(strict);
        report.speaker_lenient += usize::from(lenient);
        let class = report.classes.entry(speaker_class(g.speaker_text.as_deref())).or_default();
        class.matched += 1;
        class.right += usize::from(lenient);
        if !strict {
            report.wrong.push(WrongSpeaker {
                doc: doc.id.clone(),
                speaker: g.speaker_text.clone(),
                predicted: p.speaker_names.first().cloned(),
                content: text.excerpt(g.content_start, g.content_end, 80),
            });
        }
    }
    for (q, _) in gq.iter().zip(&used_g).filter(|(_, used)| !**used) {
        report.missed.push(MissedQuote {
            doc: doc.id.clone(),
            speaker: q.speaker_text.clone(),
            content: text.excerpt(q.content_start, q.content_end, 100),
        });
    }
}

/// Scores predicted attributions against gold ones, as `score_quotes.py GOLD PRED --subset`
/// does. Documents are taken by id (a repeated id: the last record, at the first one's place);
/// a gold document with no predictions has none.
pub fn score_quotes(gold: &[GoldDoc], predictions: &[QuotePredictions], subset: Subset) -> QuoteReport {
    let predicted: HashMap<&str, &[PredictedQuote]> =
        predictions.iter().map(|p| (p.id.as_str(), p.quotes.as_slice())).collect();
    let mut order: Vec<&GoldDoc> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for doc in gold {
        match at.get(doc.id.as_str()) {
            Some(&k) => order[k] = doc,
            None => {
                at.insert(&doc.id, order.len());
                order.push(doc);
            }
        }
    }
    let mut report = QuoteReport { subset, ..QuoteReport::default() };
    for doc in order {
        score_doc(&mut report, doc, predicted.get(doc.id.as_str()).copied().unwrap_or(&[]));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gold quote of `text`: the speaker and content given by their first occurrence.
    fn gold_quote(text: &str, speaker: Option<&str>, content: &str) -> GoldQuote {
        let chars = |s: &str| {
            let at = text.find(s).unwrap();
            (text[..at].chars().count(), text[..at].chars().count() + s.chars().count())
        };
        let (content_start, content_end) = chars(content);
        let (speaker_start, speaker_end) = speaker.map(chars).unzip();
        GoldQuote {
            speaker_start,
            speaker_end,
            speaker_text: speaker.map(str::to_owned),
            speaker_spans: Vec::new(),
            content_start,
            content_end,
            content_spans: Vec::new(),
            cue_start: None,
            cue_end: None,
            cue_spans: Vec::new(),
            direct: content.contains(['"', '\u{201c}', '\u{201d}']),
            has_speaker: speaker.is_some(),
        }
    }

    fn doc(text: &str, quotes: Vec<GoldQuote>) -> GoldDoc {
        GoldDoc { quotes, ..GoldDoc::new("d", text, &[]) }
    }

    /// A prediction of the content `content` (first occurrence) with speaker mentions `spans`.
    fn predicted(text: &str, content: &str, spans: &[&str], names: &[&str]) -> PredictedQuote {
        let chars = |s: &str| {
            let at = text.find(s).unwrap();
            [text[..at].chars().count(), text[..at].chars().count() + s.chars().count()]
        };
        let [content_start, content_end] = chars(content);
        PredictedQuote {
            content_start,
            content_end,
            speaker_spans: spans.iter().map(|s| chars(s)).collect(),
            speaker_names: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }

    fn score_all(doc: GoldDoc, quotes: Vec<PredictedQuote>) -> QuoteReport {
        score_quotes(&[doc], &[QuotePredictions { id: "d".into(), quotes }], Subset::All)
    }

    #[test]
    fn quotes_predicted_from_statements_with_every_mention_of_the_speaker() {
        let text = "Senator Ruth Hale spoke in Albany on Monday. \u{201c}We have the votes,\u{201d} Hale said. \
                    \u{201c}The bill will pass,\u{201d} she said.";
        let x = crate::pipeline::PipelineBuilder::new().pronouns(true).build().run_text(text);
        let quotes = predict_quotes(&x);
        let chars = |s: &str, from: usize| {
            let at = text[from..].find(s).unwrap() + from;
            [text[..at].chars().count(), text[..at].chars().count() + s.chars().count()]
        };
        let (name, hale, she) = (chars("Ruth Hale", 0), chars("Hale", 20), chars("she", 0));
        let content = chars("We have the votes", 0);
        let q =
            quotes.iter().find(|q| [q.content_start, q.content_end] == content).unwrap_or_else(|| panic!("{quotes:?}"));
        assert_eq!(q.speaker_names, ["Ruth Hale", "Hale"]);
        // the names and the pronoun the resolver joined, in text order, offsets in code points
        assert_eq!(q.speaker_spans, [name, hale, she]);
        assert_eq!(quotes.len(), 2);
        assert!(quotes.iter().all(|q| q.speaker_spans == [name, hale, she]), "{quotes:?}");
        // a description joined to an organisation is one of its spans too
        let text = "The Estonian Foreign Ministry rejected the report. The ministry said the figures were wrong.";
        let x = crate::pipeline::Pipeline::new().run_text(text);
        let ministry = x.resolution.entities.iter().position(|e| e.name.contains("Ministry")).unwrap();
        let spans = speaker_spans(&x, EntityId(ministry as u32), None, &CharIndex::new(text));
        assert_eq!(spans, [[4, 29], [51, 63]], "{:?}", x.resolution);
    }

    #[test]
    fn quotes_content_matches_from_token_f1_of_one_half() {
        let text = "Lee said taxes will rise sharply. Kim said nothing.";
        let gold = || doc(text, vec![gold_quote(text, Some("Lee"), "taxes will rise sharply")]);
        // 2 of 4 gold tokens, all predicted tokens right: F1 2/3
        assert_eq!(score_all(gold(), vec![predicted(text, "taxes will", &[], &[])]).content_matched, 1);
        // 1 of 3 gold tokens: F1 exactly 0.5 still matches ("taxes will rise" as the gold)
        let three = doc(text, vec![gold_quote(text, Some("Lee"), "taxes will rise")]);
        assert_eq!(score_all(three, vec![predicted(text, "taxes", &[], &[])]).content_matched, 1);
        // 1 of 4: F1 0.4, no match; the prediction still counts against precision
        let r = score_all(gold(), vec![predicted(text, "taxes", &[], &[])]);
        assert_eq!((r.content_matched, r.predicted, r.gold), (0, 1, 1));
        assert_eq!(r.missed.len(), 1);
        assert_eq!(r.missed[0].content, "taxes will rise sharply");
        // a token is where a word starts: a word cut at its start is another token, one cut at
        // its end the same ("axes will": F1 1/3; "taxes will ris": 6/7)
        assert_eq!(score_all(gold(), vec![predicted(text, "axes will", &[], &[])]).content_matched, 0);
        assert_eq!(score_all(gold(), vec![predicted(text, "taxes will ris", &[], &[])]).content_matched, 1);
    }

    #[test]
    fn quotes_match_one_to_one_best_overlap_first() {
        let text = "Lee said the plan is dead and buried. Kim said the plan is alive and well.";
        let golds = vec![
            gold_quote(text, Some("Lee"), "the plan is dead and buried"),
            gold_quote(text, Some("Kim"), "the plan is alive and well"),
        ];
        // two predictions of one gold quote: the better overlap takes it, the other is unmatched
        let p = predicted(text, "the plan is dead and buried", &["Lee"], &["Lee"]);
        let wide = predicted(text, "the plan is dead", &[], &[]);
        let r = score_all(doc(text, golds.clone()), vec![wide, p]);
        assert_eq!((r.content_matched, r.predicted, r.speaker_strict), (1, 2, 1));
        assert_eq!(r.missed.len(), 1);
        assert_eq!(r.missed[0].speaker.as_deref(), Some("Kim"));
        // the same overlap with two gold quotes: the later gold one wins the tie, as Python's
        // descending sort of (score, i, j) gives
        let text = "Lee and Kim said alpha beta.";
        let golds = vec![gold_quote(text, Some("Lee"), "alpha"), gold_quote(text, Some("Kim"), "beta")];
        let r = score_all(doc(text, golds), vec![predicted(text, "alpha beta", &[], &[])]);
        assert_eq!(r.content_matched, 1);
        assert_eq!(r.missed[0].speaker.as_deref(), Some("Lee"));
    }

    #[test]
    fn quotes_speaker_strict_by_span_lenient_by_name() {
        let text = "Anna Lee said the talks failed. Later, Mrs. Lee said the talks failed again.";
        let gold = || doc(text, vec![gold_quote(text, Some("Anna Lee"), "the talks failed")]);
        // a mention of the entity overlaps the gold source: strict and lenient
        let right = predicted(text, "the talks failed", &["Lee said the", "Mrs. Lee"], &["Anna Lee"]);
        let r = score_all(gold(), vec![right]);
        assert_eq!((r.speaker_strict, r.speaker_lenient), (1, 1));
        // no mention overlaps, the name is the same: lenient only, and a listed wrong speaker
        let by_name = predicted(text, "the talks failed", &["Mrs. Lee"], &["Anna Lee"]);
        let r = score_all(gold(), vec![by_name]);
        assert_eq!((r.speaker_strict, r.speaker_lenient), (0, 1));
        assert_eq!(r.wrong[0].predicted.as_deref(), Some("Anna Lee"));
        assert_eq!(r.speaker_accuracy(), (0.0, 1.0));
        // the same last word is enough for lenient ("Mrs. Lee"), another name is not
        let r = score_all(gold(), vec![predicted(text, "the talks failed", &[], &["Ms. Lee", "Kim"])]);
        assert_eq!(r.speaker_lenient, 1);
        let r = score_all(gold(), vec![predicted(text, "the talks failed", &[], &["Kim Park"])]);
        assert_eq!((r.speaker_strict, r.speaker_lenient, r.end_to_end_lenient().2), (0, 0, 0.0));
    }

    #[test]
    fn quotes_speakers_fall_in_the_scripts_classes() {
        for (text, class) in [
            (Some("he"), "pronoun"),
            (Some("They"), "pronoun"),
            (Some("the newspaper"), "description"),
            (Some("officials"), "description"),
            (Some("A spokesman"), "description"),
            (Some("Ohio Gov. John Kasich"), "name"),
            (Some("He and she"), "name"),
            (Some("  "), "none"),
            (None, "none"),
        ] {
            assert_eq!(speaker_class(text), class, "{text:?}");
        }
        // each class counts its gold quotes, matched ones and right (lenient) speakers
        let text = "He said no. The ministry said yes.";
        let golds = vec![gold_quote(text, Some("He"), "no"), gold_quote(text, Some("The ministry"), "yes")];
        let r = score_all(doc(text, golds), vec![predicted(text, "yes", &["The ministry"], &["Ministry"])]);
        assert_eq!(r.classes["pronoun"], ClassCounts { gold: 1, matched: 0, right: 0 });
        assert_eq!(r.classes["description"], ClassCounts { gold: 1, matched: 1, right: 1 });
    }

    #[test]
    fn quotes_direct_subset_keeps_marked_gold_and_predictions() {
        let text = "Lee said \u{201c}we will win\u{201d} and said taxes will fall.";
        let golds = vec![gold_quote(text, Some("Lee"), "\u{201c}we will win\u{201d}"), gold_quote(text, None, "taxes")];
        // the mark next to the content counts; an unmarked prediction is not scored
        let quotes =
            vec![predicted(text, "we will win", &["Lee"], &["Lee"]), predicted(text, "taxes will fall", &[], &[])];
        let predictions = [QuotePredictions { id: "d".into(), quotes }];
        let r = score_quotes(&[doc(text, golds.clone())], &predictions, Subset::Direct);
        assert_eq!((r.gold, r.predicted, r.content_matched, r.speaker_strict), (1, 1, 1, 1));
        // all: the attribution without a source is still not scored
        let r = score_quotes(&[doc(text, golds)], &predictions, Subset::All);
        assert_eq!((r.gold, r.predicted, r.content_matched), (1, 2, 1));
    }

    #[test]
    fn quotes_report_prints_figures_as_the_script_does() {
        let text = "Lee said \"it's over\". Kim said \"not yet\".";
        let golds = vec![gold_quote(text, Some("Lee"), "\"it's over\""), gold_quote(text, Some("Kim"), "\"not yet\"")];
        let r = score_all(doc(text, golds), vec![predicted(text, "it's over", &["Lee"], &["Lee"])]);
        let out = r.to_string();
        assert!(out.starts_with("subset                 all\ngold                   2\n"), "{out}");
        assert!(
            out.contains("\ncontent_P              1.0\ncontent_R              0.5\ncontent_F1             0.667\n")
        );
        assert!(out.contains("name_speakers          gold 2, content matched 1, speaker right 1 (1.000)\n"));
        let json = r.to_json();
        assert!(
            json.starts_with(r#"{"subset": "all", "gold": 2, "predicted": 1, "content_matched": 1, "content_P": 1.0,"#)
        );
        assert!(json.ends_with(r#""named_speaker_e2e_R": 0.5}"#), "{json}");
        assert_eq!(r.errors(5), "MISSED ('d', 'Kim', '\"not yet\"')\n");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a\u{a0}b'\"c"), "'a\\xa0b\\'\"c'");
        // ties round to even on the exact value, as Python's round
        assert_eq!((round3(0.0625), round3(0.1875), round3(2.0 / 3.0)), (0.062, 0.188, 0.667));
    }
}
