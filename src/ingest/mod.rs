//! Reading articles: text files, HTML pages, WARC archives, folders, JSONL files and standard input.
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
mod html;
mod jsonl;
mod text;
mod warc;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::model::{Article, Origin};

pub use date::{dateline_date, first_date, local_date, marked_date, normalize_date};
pub use html::{html_article, is_html, read_html_file};
pub use jsonl::read_jsonl;
pub use text::read_text_file;
pub use warc::{is_warc, read_warc, warc_id};

/// Options for reading input.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Date for articles that have none in their record (`--date`).
    pub default_date: Option<String>,
    /// Articles longer than this many bytes are refused (default 1 MiB: a news article is rarely
    /// over 100 KB, and one article is written in one transaction).
    pub max_article_bytes: usize,
    /// Where the readers count the records they skip (WARC records that are not HTML pages).
    pub skipped: Skipped,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { default_date: None, max_article_bytes: 1024 * 1024, skipped: Skipped::default() }
    }
}

/// The records skipped in each file, counted while reading (shared by the clones of one
/// [`IngestOptions`]).
#[derive(Debug, Clone, Default)]
pub struct Skipped(Arc<Mutex<BTreeMap<PathBuf, usize>>>);

impl Skipped {
    /// Counts `n` more skipped records in `path`.
    pub fn add(&self, path: &Path, n: usize) {
        let mut counts = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *counts.entry(path.to_owned()).or_default() += n;
    }

    /// The files with skipped records and how many, sorted by path.
    pub fn counts(&self) -> Vec<(PathBuf, usize)> {
        let counts = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        counts.iter().map(|(p, n)| (p.clone(), *n)).collect()
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
    /// An HTML page that is not an article newsgraph can read: binary, in another language, or
    /// with no main text.
    NotHtml(String),
    /// A WARC record that cannot be read (corrupt or truncated); the next records are read.
    WarcRecord {
        /// Byte offset of the record in the uncompressed WARC stream.
        offset: u64,
        /// Why.
        reason: String,
    },
    /// A page of a WARC file that is refused.
    WarcPage {
        /// Byte offset of the record in the uncompressed WARC stream.
        offset: u64,
        /// The record's target URI.
        uri: String,
        /// Why.
        reason: String,
    },
    /// The article is larger than the limit.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A date that is not ISO 8601.
    BadDate(String),
    /// An id already used by an earlier article of the same build.
    DuplicateId {
        /// The id.
        id: String,
        /// Where the first article with that id came from.
        first: Origin,
    },
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
            InputErrorKind::NotHtml(reason) => write!(f, "not an article page: {reason}"),
            InputErrorKind::WarcRecord { offset, reason } => write!(f, "record at byte {offset}: {reason}"),
            InputErrorKind::WarcPage { offset, uri, reason } => write!(f, "record at byte {offset} ({uri}): {reason}"),
            InputErrorKind::TooLarge { bytes, limit } => {
                write!(f, "article is {bytes} bytes, over the limit of {limit} bytes (raise it with --max-article-mb)")
            }
            InputErrorKind::DuplicateId { id, first } => {
                write!(f, "article id {id:?} was already used by {first} in this build; this article is skipped")
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
/// A file ending in `.jsonl` or `.ndjson` holds one article per line; `.html`, `.htm` (and
/// `.html.gz`) is one web page; `.warc` and `.warc.gz` hold one article per HTML response;
/// any other file named directly is one text article; a folder is walked recursively for
/// `.txt`, `.jsonl`, HTML and WARC files, sorted by name; `-` reads JSONL from standard input.
pub fn read_inputs<'a>(paths: &'a [PathBuf], options: &'a IngestOptions) -> impl Iterator<Item = Record> + 'a {
    paths.iter().flat_map(move |path| read_path(path, options))
}

/// How many records [`read_inputs`] will give for `paths`, for a progress bar: non-blank lines
/// of JSONL files, one per text or HTML file or unreadable path. `None` when standard input or
/// a WARC file (whose records are only known once read) is read.
/// It reads the JSONL files once more, which is fast beside processing them.
pub fn count_records(paths: &[PathBuf]) -> Option<usize> {
    let mut total = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            return None;
        }
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_dir() => {}
                    Ok(e) if is_warc(e.path()) => return None,
                    Ok(e) if is_jsonl(e.path()) => total += count_lines(e.path()),
                    Ok(e) if is_text(e.path()) || is_html(e.path()) => total += 1,
                    Ok(_) => {}
                    Err(_) => total += 1,
                }
            }
        } else if is_warc(path) {
            return None;
        } else if is_jsonl(path) {
            total += count_lines(path);
        } else {
            total += 1;
        }
    }
    Some(total)
}

/// Non-blank lines of a file (1 if it cannot be read: its error is one record).
fn count_lines(path: &Path) -> usize {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else { return 1 };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let (mut lines, mut blank) = (0, true);
    loop {
        let buf = match reader.fill_buf() {
            Ok([]) => break,
            Ok(buf) => buf,
            Err(_) => return lines.max(1),
        };
        for &b in buf {
            if b == b'\n' {
                lines += usize::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
        let n = buf.len();
        reader.consume(n);
    }
    lines + usize::from(!blank)
}

fn is_jsonl(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson"))
}

fn is_text(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt")
}

/// The id of a file read from a folder or named directly: its path (relative to the folder)
/// without the extension, and without `.gz` and the extension before it for a compressed page.
fn file_id(relative: &Path) -> String {
    let mut id = relative.to_path_buf();
    if is_html(relative) && relative.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz")) {
        id = id.with_extension("");
    }
    id.with_extension("").to_string_lossy().replace('\\', "/")
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
        Ok(_) => read_file(path, path.file_name().map(PathBuf::from).unwrap_or_default(), options),
    }
}

/// The records of one file; `relative` is its path relative to the folder it was found in.
fn read_file<'a>(path: &Path, relative: PathBuf, options: &'a IngestOptions) -> Box<dyn Iterator<Item = Record> + 'a> {
    if is_warc(path) {
        read_warc(path, options)
    } else if is_jsonl(path) {
        match std::fs::File::open(path) {
            Ok(file) => Box::new(read_jsonl(std::io::BufReader::new(file), path, options)),
            Err(e) => {
                Box::new(std::iter::once(Err(InputError::new(path, None, InputErrorKind::Unreadable(e.to_string())))))
            }
        }
    } else if is_html(path) {
        Box::new(std::iter::once(read_html_file(path, &file_id(&relative), options)))
    } else {
        Box::new(std::iter::once(read_text_file(path, &file_id(&relative), options)))
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
                    let wanted = is_jsonl(path) || is_text(path) || is_html(path) || is_warc(path);
                    if !wanted {
                        return Box::new(std::iter::empty());
                    }
                    let relative = path.strip_prefix(root).unwrap_or(path).to_owned();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(input: &str) -> Vec<Record> {
        read_jsonl(input.as_bytes(), Path::new("f.jsonl"), &IngestOptions::default()).collect()
    }

    fn reason(r: &Record) -> String {
        r.as_ref().unwrap_err().to_string()
    }

    #[test]
    fn ingest_jsonl_reports_each_bad_line_and_goes_on() {
        let records = jsonl(
            "{\"id\": 7, \"text\": \"A.\", \"title\": \"T\", \"url\": \"u\"}\n\n[1]\n{\"id\": \"b\", \"text\": 3}\n{\"text\": \"x\"}\n{\"id\": \"c\", \"text\": \"ok\", \"date\": \"2024-13-01\"}\n{\"id\": \"d\", \"text\": \" \"}\n{\"id\": \"e\", \"text\": \"fine\"}\n",
        );
        assert_eq!(records.len(), 7, "blank lines are skipped");
        let first = records[0].as_ref().unwrap();
        assert_eq!((first.id.as_str(), first.title.as_deref(), first.url.as_deref()), ("7", Some("T"), Some("u")));
        assert_eq!(reason(&records[1]), "f.jsonl:3: malformed JSON: expected a JSON object");
        assert_eq!(reason(&records[2]), "f.jsonl:4: field `text` must be a string");
        assert_eq!(reason(&records[3]), "f.jsonl:5: missing field `id`");
        assert!(reason(&records[4]).starts_with("f.jsonl:6: date \"2024-13-01\" is not ISO 8601"));
        assert_eq!(reason(&records[5]), "f.jsonl:7: empty article: no text");
        assert_eq!(records[6].as_ref().unwrap().id, "e");
    }

    #[test]
    fn ingest_jsonl_line_that_is_not_utf8() {
        let mut bytes = b"{\"id\": \"a\", \"text\": \"caf".to_vec();
        bytes.extend([0xe9, b'"', b'}', b'\n']);
        let records: Vec<Record> = read_jsonl(&bytes[..], Path::new("f.jsonl"), &IngestOptions::default()).collect();
        assert_eq!(reason(&records[0]), "f.jsonl:1: not UTF-8 (invalid byte at offset 24); convert the file to UTF-8");
    }

    #[test]
    fn ingest_text_file_headline_and_dateline_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "\u{feff}\n  Talks fail \nGENEVA, 3 March 2024 - Talks failed.").unwrap();
        let article = read_text_file(&path, "a", &IngestOptions::default()).unwrap();
        assert_eq!(article.title.as_deref(), Some("Talks fail"));
        assert_eq!(article.date.as_deref(), Some("2024-03-03"));
        assert!(!article.text.starts_with('\u{feff}'));
    }

    #[test]
    fn ingest_folder_is_read_in_name_order_with_relative_ids() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "B\n\nText b.").unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "A\n\nText a.").unwrap();
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let options = IngestOptions { default_date: Some("2020-01-02".into()), ..IngestOptions::default() };
        let paths = [dir.path().to_owned()];
        let ids: Vec<(String, Option<String>)> =
            read_inputs(&paths, &options).map(|r| r.unwrap()).map(|a| (a.id, a.date)).collect();
        let date = Some("2020-01-02".to_owned());
        assert_eq!(ids, [("b".to_owned(), date.clone()), ("sub/a".to_owned(), date)]);
    }

    #[test]
    fn ingest_counts_records_for_progress() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.jsonl"), "{}\n\n  \n{}\n{}").unwrap();
        std::fs::write(dir.path().join("b.txt"), "text").unwrap();
        std::fs::write(dir.path().join("c.csv"), "ignored").unwrap();
        let folder = dir.path().to_owned();
        assert_eq!(count_records(&[folder.clone(), folder.join("b.txt"), folder.join("missing")]), Some(6));
        assert_eq!(count_records(&[folder, PathBuf::from("-")]), None);
    }

    #[test]
    fn ingest_refuses_huge_articles() {
        let options = IngestOptions { max_article_bytes: 10, ..IngestOptions::default() };
        let records: Vec<Record> =
            read_jsonl("{\"id\": \"a\", \"text\": \"0123456789ABC\"}".as_bytes(), Path::new("-"), &options).collect();
        assert_eq!(
            reason(&records[0]),
            "-:1: article is 13 bytes, over the limit of 10 bytes (raise it with --max-article-mb)"
        );
    }
}
