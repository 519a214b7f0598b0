//! Articles as read from input, and where they came from.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// Where an article (or a failure) came from: a file, and a line for JSONL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// The file (or `-` for standard input).
    pub path: PathBuf,
    /// 1-based line number in a JSONL file.
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// One news article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable identifier: the JSONL `id`, or the path of a text file relative to the folder given.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publisher or feed.
    pub source: Option<String>,
    /// Author (the byline of a web page; several names are separated by `, ` or ` and `).
    pub author: Option<String>,
    /// Full text (for a text file, the headline line included).
    pub text: String,
    /// Where it was read from.
    pub origin: Origin,
}
