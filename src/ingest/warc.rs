//! WARC archives (`.warc`, `.warc.gz`), read with the `warc` crate: each `response` record
//! with an HTML body is one article, its id made from the record's target URI ([`warc_id`]).
//! Other records (requests, metadata, revisits, images, redirects) are skipped and counted; a
//! corrupt or truncated record is reported with its offset, and reading goes on at the next
//! record.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use warc::{BufferedBody, Record, RecordType, WarcHeader, WarcReader};

use super::html::html_article;
use super::{IngestOptions, InputError, InputErrorKind, Record as InputRecord};
use crate::model::Origin;

/// True for `.warc` and `.warc.gz` files.
pub fn is_warc(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// The article id of a page at `uri`: the URI without its scheme and fragment, a trailing
/// `.html`/`.htm` dropped and `index` after a final `/`, which is the path a mirroring crawler
/// (`wget --mirror`) saves the page under, less its extension; so a folder of mirrored pages and
/// the WARC of the same crawl give the same ids.
///
/// ```
/// use newsgraph::ingest::warc_id;
/// assert_eq!(warc_id("https://news.example/2024/port.html#top"), "news.example/2024/port");
/// assert_eq!(warc_id("http://news.example/world/"), "news.example/world/index");
/// assert_eq!(warc_id("https://news.example/story?id=7"), "news.example/story?id=7");
/// ```
pub fn warc_id(uri: &str) -> String {
    let uri = uri.trim().trim_start_matches('<').trim_end_matches('>');
    let uri = uri.split_once('#').map_or(uri, |(u, _)| u);
    let rest = uri.split_once("://").map_or(uri, |(_, r)| r);
    let (path, query) = rest.split_once('?').map_or((rest, None), |(p, q)| (p, Some(q)));
    let mut id = if path.ends_with('/') || !path.contains('/') {
        format!("{}{}index", path, if path.ends_with('/') { "" } else { "/" })
    } else {
        let lower = path.to_ascii_lowercase();
        let cut = [".html", ".htm"].iter().find(|x| lower.ends_with(*x)).map_or(0, |x| x.len());
        path[..path.len() - cut].to_owned()
    };
    if let Some(q) = query {
        id.push('?');
        id.push_str(q);
    }
    id
}

/// A reader that counts the bytes consumed, for record offsets.
struct Counting<R> {
    inner: R,
    position: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.position += amt as u64;
        self.inner.consume(amt);
    }
}

/// Reads the articles of a WARC file; the number of records that were not HTML responses is
/// added to `options.skipped` once the file is read.
pub fn read_warc<'a>(path: &Path, options: &'a IngestOptions) -> Box<dyn Iterator<Item = InputRecord> + 'a> {
    let unreadable = |e: std::io::Error| InputError::new(path, None, InputErrorKind::Unreadable(e.to_string()));
    let file = match std::fs::File::open(path) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(e) => return Box::new(std::iter::once(Err(unreadable(e)))),
    };
    let inner: Box<dyn BufRead> = if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz")) {
        match libflate::gzip::MultiDecoder::new(file) {
            Ok(d) => Box::new(BufReader::with_capacity(1 << 16, d)),
            Err(e) => return Box::new(std::iter::once(Err(unreadable(e)))),
        }
    } else {
        Box::new(file)
    };
    let mut records = Records { reader: Counting { inner, position: 0 }, pending: None, done: false };
    let mut skipped = 0usize;
    let path = path.to_owned();
    Box::new(std::iter::from_fn(move || loop {
        let Some((offset, next)) = records.next() else {
            if skipped > 0 {
                options.skipped.add(&path, skipped);
                skipped = 0;
            }
            return None;
        };
        let record = match next {
            Ok(record) => record,
            Err(reason) => {
                return Some(Err(InputError::new(&path, None, InputErrorKind::WarcRecord { offset, reason })));
            }
        };
        match article_of(&record, &path, offset, options) {
            Some(result) => return Some(result),
            None => skipped += 1,
        }
    }))
}

/// The records of one file, each with its offset in the (uncompressed) WARC stream.
struct Records {
    reader: Counting<Box<dyn BufRead>>,
    /// The header line of the next record, read while looking for it after a bad record.
    pending: Option<Vec<u8>>,
    done: bool,
}

impl Records {
    fn next(&mut self) -> Option<(u64, Result<Record<BufferedBody>, String>)> {
        if self.done {
            return None;
        }
        let offset = self.reader.position - self.pending.as_ref().map_or(0, |p| p.len() as u64);
        let next = match self.pending.take() {
            Some(line) => WarcReader::new(Cursor::new(line).chain(&mut self.reader)).iter_records().next(),
            None => WarcReader::new(&mut self.reader).iter_records().next(),
        }?;
        match next {
            Ok(record) => Some((offset, Ok(record))),
            Err(e) => {
                let reason = match &e {
                    warc::Error::ReadData(io) => {
                        self.done = true;
                        format!("cannot read the rest of the file ({io})")
                    }
                    warc::Error::UnexpectedEOB => {
                        self.done = true;
                        "truncated record: the file ends inside it".to_owned()
                    }
                    other => format!("corrupt record: {other}"),
                };
                if !self.done {
                    self.resync();
                }
                Some((offset, Err(reason)))
            }
        }
    }

    /// Skips to the next line that starts a record (`WARC/1.`), keeping that line for the next read.
    fn resync(&mut self) {
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => {
                    self.done = true;
                    return;
                }
                Ok(_) if line.starts_with(b"WARC/1.") => {
                    self.pending = Some(line);
                    return;
                }
                Ok(_) => {}
            }
        }
    }
}

/// The article of a response record with an HTML body; `None` for any other record.
fn article_of(record: &Record<BufferedBody>, path: &Path, offset: u64, options: &IngestOptions) -> Option<InputRecord> {
    if *record.warc_type() != RecordType::Response {
        return None;
    }
    let uri = record.header(WarcHeader::TargetURI)?.trim().to_owned();
    let body = http_html_body(record.body())?;
    let origin = Origin { path: path.to_owned(), line: None };
    let id = warc_id(&uri);
    let result = html_article(&body, &id, origin, Some(&uri), options).map_err(|mut e| {
        e.kind = InputErrorKind::WarcPage { offset, uri: uri.clone(), reason: e.kind.to_string() };
        e
    });
    Some(result)
}

/// The body of an HTTP response when its status is 2xx and its type HTML (a gzip
/// `Content-Encoding` and a chunked `Transfer-Encoding` undone).
fn http_html_body(http: &[u8]) -> Option<Vec<u8>> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(length) = response.parse(http).ok()? else { return None };
    if !(200..300).contains(&response.code?) {
        return None;
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let kind = header("content-type").unwrap_or_default();
    if !(kind.contains("text/html") || kind.contains("application/xhtml")) {
        return None;
    }
    let mut body = http[length..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    if header("content-encoding").is_some_and(|t| t.contains("gzip")) {
        let mut plain = Vec::new();
        libflate::gzip::Decoder::new(&body[..]).and_then(|mut d| d.read_to_end(&mut plain)).ok()?;
        body = plain;
    }
    Some(body)
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingest_warc_dechunks_http_bodies() {
        assert_eq!(dechunk(b"5\r\nHello\r\n7;x=1\r\n, world\r\n0\r\n\r\n").unwrap(), b"Hello, world");
        let response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n0\r\n\r\n";
        assert_eq!(http_html_body(response).unwrap(), b"<p>a");
        assert!(http_html_body(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG").is_none());
        assert!(http_html_body(b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n").is_none());
    }
}
