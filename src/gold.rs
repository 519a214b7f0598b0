//! The gold corpus: annotated documents in the datasets' common JSONL format, read by the
//! trainers (the tagger's and the relation classifier's) and by `eval`, which scores against them.
//!
//! One object per line: `{"id", "text", "entities": [{"start", "end", "type"}]}` (and
//! `relations`, `passages` or `quotes` where the set has them), offsets in
//! Unicode code points, end exclusive. [`GoldDoc::byte_span`] is the one place where those
//! offsets become byte spans into `text`.
//!
//! ```
//! use newsgraph::gold::GoldDoc;
//! use newsgraph::model::CharIndex;
//! let doc = GoldDoc::new("d1", "Tōkyō said no.", &[(0, 5, "LOC")]);
//! let span = doc.byte_span(&CharIndex::new(&doc.text), 0, 5).unwrap();
//! assert_eq!(&doc.text[span.start..span.end], "Tōkyō");
//! ```

use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{CharIndex, Span};

/// One annotated entity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "RawEntity")]
pub struct GoldEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Coarse type: `PER`, `ORG`, `LOC`, `GPE`, `MISC`, `NORP`, `DATE` … (`label` where a record
    /// has no `type`).
    pub kind: String,
    /// First code point of the syntactic head, where the source marks one (GUM noun phrases).
    pub head_start: Option<usize>,
    /// One past the head's last code point.
    pub head_end: Option<usize>,
    /// Coreference chain id, unique within the document (GUM): mentions sharing it corefer.
    pub chain: Option<String>,
    /// Wikipedia title the mention links to (GUM's Wikification), if any.
    pub wiki: Option<String>,
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: Option<String>,
    label: Option<String>,
    head_start: Option<usize>,
    head_end: Option<usize>,
    chain: Option<String>,
    wiki: Option<String>,
}

impl From<RawEntity> for GoldEntity {
    fn from(r: RawEntity) -> Self {
        GoldEntity {
            start: r.start,
            end: r.end,
            kind: r.kind.or(r.label).unwrap_or_default(),
            head_start: r.head_start,
            head_end: r.head_end,
            chain: r.chain,
            wiki: r.wiki,
        }
    }
}

/// One annotated relation between two of a document's entities.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldRelation {
    /// Index of the head (subject) in [`GoldDoc::entities`].
    pub head: usize,
    /// Index of the tail (object).
    pub tail: usize,
    /// The dataset's relation label (`Work_For`, `EMPLOYEE_OR_MEMBER_OF` …).
    #[serde(rename = "type")]
    pub kind: String,
}

/// A passage of a document annotated exhaustively for some relation labels only (KnowledgeNet):
/// a relation of another label found there can be neither right nor wrong.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldPassage {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The labels annotated exhaustively in it.
    #[serde(default)]
    pub properties: Vec<String>,
}

/// One annotated attribution (PolNeAR): who (source) said (cue) what (content). Offsets are
/// code points, end exclusive; each role may be discontinuous, so `*_spans` hold its fragments
/// and `*_start`/`*_end` their cover.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    /// First code point of the source (speaker), when the attribution has one.
    pub speaker_start: Option<usize>,
    /// One past the source's last code point.
    pub speaker_end: Option<usize>,
    /// The source as written: a name, a description ("the newspaper") or a pronoun.
    #[serde(default)]
    pub speaker_text: Option<String>,
    /// The source's fragments, `[start, end]`.
    #[serde(default)]
    pub speaker_spans: Vec<[usize; 2]>,
    /// First code point of the content.
    pub content_start: usize,
    /// One past the content's last code point.
    pub content_end: usize,
    /// The content's fragments.
    #[serde(default)]
    pub content_spans: Vec<[usize; 2]>,
    /// First code point of the cue ("said", "according to").
    #[serde(default)]
    pub cue_start: Option<usize>,
    /// One past the cue's last code point.
    #[serde(default)]
    pub cue_end: Option<usize>,
    /// The cue's fragments.
    #[serde(default)]
    pub cue_spans: Vec<[usize; 2]>,
    /// True when the content holds a quotation mark (a direct quotation).
    #[serde(default)]
    pub direct: bool,
    /// True when the attribution names a source.
    #[serde(default)]
    pub has_speaker: bool,
}

/// One annotated document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Annotated entities.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Every annotated mention, pronouns and common nouns included (GUM), where given.
    #[serde(default)]
    pub mentions: Vec<GoldEntity>,
    /// Relations between entities, where annotated.
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
    /// Passages with the labels they are annotated for; empty when the whole document is
    /// annotated for every label.
    #[serde(default)]
    pub passages: Vec<GoldPassage>,
    /// Attributions (source, cue, content), where annotated (PolNeAR).
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// The record's licence string, where given.
    #[serde(default)]
    pub license: Option<String>,
}

impl GoldEntity {
    /// An entity with only its span (code points) and type.
    pub fn new(start: usize, end: usize, kind: &str) -> Self {
        GoldEntity { start, end, kind: kind.to_owned(), head_start: None, head_end: None, chain: None, wiki: None }
    }
}

impl GoldDoc {
    /// A document from its text and `(start, end, type)` entities in code points (tests, examples).
    pub fn new(id: &str, text: &str, entities: &[(usize, usize, &str)]) -> Self {
        GoldDoc {
            id: id.to_owned(),
            text: text.to_owned(),
            entities: entities.iter().map(|&(s, e, k)| GoldEntity::new(s, e, k)).collect(),
            mentions: Vec::new(),
            relations: Vec::new(),
            passages: Vec::new(),
            quotes: Vec::new(),
            license: None,
        }
    }

    /// The byte span of a code point range, `None` when it is out of the text or empty.
    pub fn byte_span(&self, index: &CharIndex, start: usize, end: usize) -> Option<Span> {
        let s = index.byte_offset(start)?;
        let e = index.byte_offset(end)?;
        (s < e).then_some(Span::new(s, e))
    }
}

/// Reads every document of a JSONL file. A bad line is an error naming the file and line.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc = serde_json::from_str(&line).map_err(|e| Error::Data {
            path: path.display().to_string(),
            line: n + 1,
            reason: format!("not a gold document: {e}"),
        })?;
        docs.push(doc);
    }
    Ok(docs)
}
