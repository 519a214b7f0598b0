//! JSON Lines input: one article per line, `id` and `text` required.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{finish_article, normalize_date, IngestOptions, InputError, InputErrorKind, Record};
use crate::model::{Article, Origin};

/// Reads JSONL articles from `reader`; `path` names the source in errors.
///
/// Blank lines are skipped. Each other line gives one [`Record`].
pub fn read_jsonl<'a, R: BufRead + 'a>(
    reader: R,
    path: &Path,
    options: &'a IngestOptions,
) -> impl Iterator<Item = Record> + 'a {
    let path: PathBuf = path.to_owned();
    let mut reader = reader;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    std::iter::from_fn(move || loop {
        buf.clear();
        line_no += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                return Some(Err(InputError::new(&path, Some(line_no), InputErrorKind::Unreadable(e.to_string()))))
            }
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(line) => line,
            Err(e) => {
                return Some(Err(InputError::new(
                    &path,
                    Some(line_no),
                    InputErrorKind::NotUtf8 { offset: e.valid_up_to() },
                )))
            }
        };
        let line = if line_no == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if line.trim().is_empty() {
            continue;
        }
        return Some(parse_line(line, &path, line_no, options));
    })
}

fn parse_line(line: &str, path: &Path, line_no: usize, options: &IngestOptions) -> Record {
    let fail = |kind| InputError::new(path, Some(line_no), kind);
    let value: Value = serde_json::from_str(line).map_err(|e| fail(InputErrorKind::MalformedJson(e.to_string())))?;
    let Value::Object(map) = value else {
        return Err(fail(InputErrorKind::MalformedJson("expected a JSON object".into())));
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(fail(InputErrorKind::BadField("field `id` must be a non-empty string".into()))),
        None => return Err(fail(InputErrorKind::BadField("missing field `id`".into()))),
    };
    let text = match map.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(fail(InputErrorKind::BadField("field `text` must be a string".into()))),
        None => return Err(fail(InputErrorKind::BadField("missing field `text`".into()))),
    };
    let optional = |name: &str| -> Result<Option<String>, InputError> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(fail(InputErrorKind::BadField(format!("field `{name}` must be a string")))),
        }
    };
    let date = match optional("date")? {
        Some(d) => Some(normalize_date(&d).ok_or_else(|| fail(InputErrorKind::BadDate(d)))?),
        None => None,
    };
    let article = Article {
        id,
        title: optional("title")?,
        date,
        url: optional("url")?,
        source: optional("source")?.or(optional("publisher")?),
        author: optional("author")?,
        text,
        origin: Origin { path: path.to_owned(), line: Some(line_no) },
    };
    finish_article(article, options)
}
