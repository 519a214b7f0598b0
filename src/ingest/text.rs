//! Plain text articles: one file, one article, the first non-empty line is the headline.

use std::path::Path;

use super::{finish_article, IngestOptions, InputError, InputErrorKind, Record};
use crate::model::{Article, Origin};

/// Reads a `.txt` file as one article with the given id.
pub fn read_text_file(path: &Path, id: &str, options: &IngestOptions) -> Record {
    let bytes =
        std::fs::read(path).map_err(|e| InputError::new(path, None, InputErrorKind::Unreadable(e.to_string())))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| InputError::new(path, None, InputErrorKind::NotUtf8 { offset: e.utf8_error().valid_up_to() }))?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    let title = text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_owned);
    let article = Article {
        id: id.to_owned(),
        title,
        date: None,
        url: None,
        source: None,
        author: None,
        text,
        origin: Origin { path: path.to_owned(), line: None },
    };
    finish_article(article, options)
}
