//! Reading articles: text files, folders, JSONL files and standard input.
//!
//! Every record becomes either an [`Article`] or an [`InputError`] that names the file, the
//! line and the reason, so that a batch can report a bad record and go on.
//!
//! ```
//! use newsgraph::ingest::{read_jsonl, IngestOptions};
//! let input = "{\"id\": \"a1\", \"text\": \"Paris, 2024-03-01 - Hello.\"}\nnot json\n";
//! let results: Vec<_> = read_jsonl(input.as_bytes(), "feed.jsonl".as_ref(), &IngestOptions::default()).collect();
//! assert_eq!(results[0].as_ref().unwrap().date.as_deref(), Some("2024-03-01"));
//! assert!(results[1].as_ref().unwrap_err().to_string().starts_with("feed.jsonl:2: malformed JSON"));
//! ```

mod date;
mod jsonl;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Article, Origin};

pub use date::{dateline_date, normalize_date};
pub use jsonl::read_jsonl;
pub use text::read_text_file;

/// Options for reading input.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Date for articles that have none in their record (`--date`).
    pub default_date: Option<String>,
    /// Articles longer than this many bytes are refused.
    pub max_article_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { default_date: None, max_article_bytes: 10 * 1024 * 1024 }
    }
}

/// Why an input record was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// The path could not be opened or read.
    Unreadable(String),
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// Byte offset of the first bad byte in the file or line.
        offset: usize,
    },
    /// The line is not a JSON object.
    MalformedJson(String),
    /// A required field is missing or has the wrong type.
    BadField(String),
    /// The article has no text.
    Empty,
    /// The article is larger than the limit.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A date that is not ISO 8601.
    BadDate(String),
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Unreadable(e) => write!(f, "cannot read: {e}"),
            InputErrorKind::NotUtf8 { offset } => {
                write!(f, "not UTF-8 (invalid byte at offset {offset}); convert the file to UTF-8")
            }
            InputErrorKind::MalformedJson(e) => write!(f, "malformed JSON: {e}"),
            InputErrorKind::BadField(e) => write!(f, "{e}"),
            InputErrorKind::Empty => write!(f, "empty article: no text"),
            InputErrorKind::TooLarge { bytes, limit } => {
                write!(f, "article is {bytes} bytes, over the limit of {limit} bytes (raise it with --max-article-mb)")
            }
            InputErrorKind::BadDate(d) => {
                write!(f, "date {d:?} is not ISO 8601 (expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)")
            }
        }
    }
}

/// A refused input record: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct InputError {
    /// The file and line.
    pub origin: Origin,
    /// The reason.
    pub kind: InputErrorKind,
}

impl InputError {
    pub(crate) fn new(path: &Path, line: Option<usize>, kind: InputErrorKind) -> Self {
        InputError { origin: Origin { path: path.to_owned(), line }, kind }
    }
}

/// One input record: an article, or the reason it was refused.
pub type Record = Result<Article, InputError>;

/// Reads every article under `paths`, in a deterministic order, lazily.
///
/// A file ending in `.jsonl` or `.ndjson` holds one article per line; any other file named
/// directly is one text article; a folder is walked recursively for `.txt` and `.jsonl`
/// files, sorted by name; `-` reads JSONL from standard input.
pub fn read_inputs<'a>(paths: &'a [PathBuf], options: &'a IngestOptions) -> impl Iterator<Item = Record> + 'a {
    paths.iter().flat_map(move |path| read_path(path, options))
}

fn is_jsonl(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"))
}

fn read_path<'a>(path: &'a Path, options: &'a IngestOptions) -> Box<dyn Iterator<Item = Record> + 'a> {
    if path.as_os_str() == "-" {
        return Box::new(read_jsonl(std::io::stdin().lock(), path, options));
    }
    match std::fs::metadata(path) {
        Err(e) => {
            Box::new(std::iter::once(Err(InputError::new(path, None, InputErrorKind::Unreadable(e.to_string())))))
        }
        Ok(meta) if meta.is_dir() => Box::new(read_folder(path, options)),
        Ok(_) => read_file(path, path.file_stem().map(PathBuf::from).unwrap_or_default(), options),
    }
}

fn read_file<'a>(path: &Path, id: PathBuf, options: &'a IngestOptions) -> Box<dyn Iterator<Item = Record> + 'a> {
    if is_jsonl(path) {
        match std::fs::File::open(path) {
            Ok(file) => Box::new(read_jsonl(std::io::BufReader::new(file), path, options)),
            Err(e) => {
                Box::new(std::iter::once(Err(InputError::new(path, None, InputErrorKind::Unreadable(e.to_string())))))
            }
        }
    } else {
        let id = id.to_string_lossy().replace('\\', "/");
        Box::new(std::iter::once(read_text_file(path, &id, options)))
    }
}

fn read_folder<'a>(root: &'a Path, options: &'a IngestOptions) -> impl Iterator<Item = Record> + 'a {
    walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().flat_map(
        move |entry| -> Box<dyn Iterator<Item = Record> + 'a> {
            match entry {
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_owned();
                    let reason = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                    Box::new(std::iter::once(Err(InputError::new(&path, None, InputErrorKind::Unreadable(reason)))))
                }
                Ok(entry) if entry.file_type().is_dir() => Box::new(std::iter::empty()),
                Ok(entry) => {
                    let path = entry.path();
                    let wanted = is_jsonl(path) || path.extension().is_some_and(|e| e == "txt");
                    if !wanted {
                        return Box::new(std::iter::empty());
                    }
                    let relative = path.strip_prefix(root).unwrap_or(path).with_extension("");
                    read_file(path, relative, options)
                }
            }
        },
    )
}

/// Checks what every article must satisfy (non-empty, not too large) and fills in the date.
pub(crate) fn finish_article(mut article: Article, options: &IngestOptions) -> Record {
    let origin = article.origin.clone();
    let fail = |kind| Err(InputError { origin: origin.clone(), kind });
    if article.text.trim().is_empty() {
        return fail(InputErrorKind::Empty);
    }
    if article.text.len() > options.max_article_bytes {
        return fail(InputErrorKind::TooLarge { bytes: article.text.len(), limit: options.max_article_bytes });
    }
    if article.date.is_none() {
        article.date = options.default_date.clone().or_else(|| dateline_date(&article.text));
    }
    Ok(article)
}
