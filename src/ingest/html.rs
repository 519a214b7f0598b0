//! HTML pages: the main text, found by `dom_smoothie` (a Rust port of Mozilla's Readability),
//! and the page's metadata.
//!
//! Metadata is taken in this order of trust: JSON-LD of an article type (`NewsArticle`,
//! `Article`, …: headline, datePublished, author, publisher), then Open Graph and `<meta>` tags
//! (`og:title`, `article:published_time`, `og:site_name`, `author`), then `<link rel=canonical>`
//! for the URL, then `<title>` for the headline. The first two steps are `dom_smoothie`'s own
//! metadata reader; a date no metadata gives is looked for in `<time datetime>` and
//! `itemprop=datePublished`, then in the text's first lines.
//!
//! ```
//! use newsgraph::ingest::{html_article, IngestOptions};
//! let page = br#"<html lang="en"><head><title>Port reopens | Coast Post</title>
//! <meta property="article:published_time" content="2024-05-02T08:00:00Z">
//! <link rel="canonical" href="https://coast.example/port"></head>
//! <body><article><h1>Port reopens</h1>
//! <p>The harbour at Kettleness reopened on Thursday after storms closed it for a week, the port authority said in a statement.</p>
//! <p>Fishing boats were the first to leave, followed by the ferry to the islands, which had been tied up since the storm began.</p>
//! </article></body></html>"#;
//! let origin = newsgraph::model::Origin { path: "port.html".into(), line: None };
//! let a = html_article(page, "port", origin, None, &IngestOptions::default()).unwrap();
//! assert_eq!(a.title.as_deref(), Some("Port reopens"));
//! assert_eq!(a.date.as_deref(), Some("2024-05-02"));
//! assert_eq!(a.url.as_deref(), Some("https://coast.example/port"));
//! assert!(a.text.contains("week, the port authority said in a statement.\n\nFishing boats"));
//! ```

use std::io::Read;
use std::path::Path;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::{finish_article, first_date, normalize_date, IngestOptions, InputError, InputErrorKind, Record};
use crate::model::{Article, Origin};

/// True for the file names read as HTML: `.html`, `.htm`, `.xhtml`, and those with `.gz` after.
pub fn is_html(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml"].iter().any(|x| name.ends_with(x))
}

/// Reads an HTML file (gzip-compressed when its name ends in `.gz`) as one article with the given id.
pub fn read_html_file(path: &Path, id: &str, options: &IngestOptions) -> Record {
    let fail = |e: std::io::Error| InputError::new(path, None, InputErrorKind::Unreadable(e.to_string()));
    let mut bytes = std::fs::read(path).map_err(fail)?;
    if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("gz")) {
        let mut plain = Vec::new();
        libflate::gzip::Decoder::new(&bytes[..]).and_then(|mut d| d.read_to_end(&mut plain)).map_err(fail)?;
        bytes = plain;
    }
    html_article(&bytes, id, Origin { path: path.to_owned(), line: None }, None, options)
}

/// The article of one HTML page: its main text and metadata. `url` is the page's address when
/// it is known from elsewhere (a WARC record's target URI); the page's own metadata wins.
///
/// A binary file, a page whose `<html lang>` is not English and a page with no main text are
/// refused with the reason.
pub fn html_article(bytes: &[u8], id: &str, origin: Origin, url: Option<&str>, options: &IngestOptions) -> Record {
    let fail = |kind| Err(InputError { origin: origin.clone(), kind });
    let html = match decode(bytes) {
        Ok(html) => html,
        Err(reason) => return fail(InputErrorKind::NotHtml(reason)),
    };
    let document = Document::from(html.as_str());
    let lang = language(&document);
    let canonical = attribute(&document, "link[rel=canonical]", "href");
    let og_url = attribute(&document, "meta[property=\"og:url\"]", "content");
    let shown_date = shown_date(&document);
    let headings: Vec<String> = document.select("h1").iter().take(5).filter_map(|h| clean(&h.text())).collect();
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let parsed = Readability::with_document(document, None, Some(config)).and_then(|mut r| r.parse());
    let page = match parsed {
        Ok(page) => page,
        Err(e) => return fail(InputErrorKind::NotHtml(format!("no main text found ({e})"))),
    };
    let text = paragraphs(&page.text_content);
    if text.is_empty() {
        return fail(InputErrorKind::NotHtml("no main text found".into()));
    }
    // `<html lang>` is often left at a theme's default: the text must agree that it is not English
    if let Some(lang) = lang.filter(|_| !looks_english(&text)) {
        return fail(InputErrorKind::NotHtml(format!(
            "the page is in another language (lang=\"{lang}\"); newsgraph reads English"
        )));
    }
    let date = page.published_time.as_deref().and_then(|d| normalize_date(d).or_else(|| first_date(d))).or(shown_date);
    let url = [page.url.as_deref(), og_url.as_deref(), canonical.as_deref(), url]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_owned);
    let source = page.site_name.as_deref().and_then(clean);
    let title = clean(&page.title).map(|t| headline(t, &headings, source.as_deref(), url.as_deref()));
    let article = Article {
        id: id.to_owned(),
        title,
        date,
        url,
        source,
        author: page.byline.as_deref().and_then(author),
        text,
        origin,
    };
    finish_article(article, options)
}

/// The page as text: UTF-8, or the encoding its `<meta charset>` names, or Windows-1252 (what
/// browsers assume). A file with NUL bytes is binary, not HTML.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        return Err("a binary file, not HTML".into());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let label = head.split("charset=").nth(1).map(|rest| {
        rest.trim_start_matches(['"', '\''])
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .next()
    });
    let encoding = label
        .flatten()
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    Ok(encoding.decode_without_bom_handling(bytes).0.into_owned())
}

/// The page's language when `<html lang>` names one that is not English.
fn language(document: &Document) -> Option<String> {
    let lang = attribute(document, "html", "lang")?;
    let primary = lang.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
    (!primary.is_empty() && primary != "en" && primary != "und").then_some(lang)
}

/// True when at least 5% of the words are English function words (English prose has 25–40%).
fn looks_english(text: &str) -> bool {
    const COMMON: [&str; 14] =
        ["the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "with", "as", "was", "on"];
    let (mut words, mut common) = (0usize, 0usize);
    for w in text.split_whitespace().take(2000) {
        words += 1;
        common += usize::from(COMMON.iter().any(|c| w.eq_ignore_ascii_case(c)));
    }
    words > 0 && common * 20 >= words
}

/// The first non-empty value of `name` on an element matching `selector`.
fn attribute(document: &Document, selector: &str, name: &str) -> Option<String> {
    document.select(selector).iter().filter_map(|s| s.attr(name)).map(|v| v.trim().to_owned()).find(|v| !v.is_empty())
}

/// A date the page gives where dom_smoothie's metadata reader found none: `<meta name=date>`
/// (and Dublin Core's), `itemprop=datePublished`, the first
/// `<time datetime>`, or the first date written in an element whose class or id says it holds
/// one (`date`, `time`, `publish`, `posted`, `meta`, `byline`).
fn shown_date(document: &Document) -> Option<String> {
    let candidates = [
        attribute(document, "meta[name=date], meta[name=\"dc.date\"], meta[name=\"DC.date.issued\"]", "content"),
        attribute(document, "[itemprop=datePublished]", "content"),
        attribute(document, "[itemprop=datePublished]", "datetime"),
        attribute(document, "time[datetime]", "datetime"),
    ];
    candidates.into_iter().flatten().find_map(|d| normalize_date(&d).or_else(|| first_date(&d))).or_else(|| {
        let marked = "time, [class*=date], [class*=Date], [class*=time], [class*=publish], [class*=posted], \
                      [class*=meta], [class*=byline], [id*=date], [id*=publish]";
        document.select(marked).iter().take(200).find_map(|e| {
            let text = e.text();
            (text.len() < 300).then(|| first_date(&text)).flatten()
        })
    })
}

/// The main text with a blank line between paragraphs, runs of spaces made one and lines trimmed.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// The separators between a headline and the site's name in a title.
const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " : ", " » ", " :: "];

/// The headline a reader sees, from a metadata title that may carry the site's name: the
/// page's `<h1>` when the title is that heading then a separator ("Penny - Stardew Valley
/// Wiki" under `<h1>Penny</h1>`), else the title less a last part that names the site (its
/// `og:site_name` or its host: "Peanut Butter Truffles - Elavegan" at elavegan.com).
fn headline(title: String, headings: &[String], site: Option<&str>, url: Option<&str>) -> String {
    for h in headings {
        if let Some(rest) = title.strip_prefix(h.as_str()) {
            if SEPARATORS.iter().any(|s| rest.starts_with(s)) {
                return h.clone();
            }
        }
    }
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let host = url.and_then(|u| u.split("://").nth(1)).and_then(|r| r.split('/').next()).unwrap_or("");
    let host = host.trim_start_matches("www.");
    let host_name = letters(host.split('.').next().unwrap_or(""));
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = letters(tail);
            let names_site = site.is_some_and(|s| letters(s) == tail)
                || (!host_name.is_empty() && (tail == host_name || tail == letters(host)));
            if names_site && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
    }
    title
}

/// A metadata value with its spaces made one; `None` when empty.
fn clean(value: &str) -> Option<String> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(value)
}

/// The author named in a byline ("By Jane Doe" → "Jane Doe"); `None` for a URL or nothing.
fn author(byline: &str) -> Option<String> {
    let value = clean(byline)?;
    let value = ["By ", "by ", "BY "].iter().find_map(|p| value.strip_prefix(p)).unwrap_or(&value).trim();
    (!value.is_empty() && !value.contains("://")).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin { path: "p.html".into(), line: None }
    }

    fn body(paragraphs: &[&str]) -> String {
        paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect()
    }

    const FIRST: &str = "The council of Marlow Bay voted on Monday to close the old pier for repairs, after engineers found cracks in two of its supports.";
    const SECOND: &str = "Mayor Ines Calder said the work would take three months and cost less than the council had feared when the cracks were found.";

    #[test]
    fn ingest_html_trusts_json_ld_over_meta_and_title() {
        let page = format!(
            r#"<html><head><title>Pier closes - Bay News</title>
            <meta property="og:title" content="Pier closes for repairs (og)">
            <meta property="article:published_time" content="2023-01-01">
            <meta property="og:site_name" content="Bay News (og)">
            <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": "Pier closes for repairs", "datePublished": "2024-04-08T09:30:00+01:00",
              "author": {{"@type": "Person", "name": "Tomas Reyes"}}, "publisher": {{"@type": "Organization", "name": "Bay News"}}}}</script>
            </head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article>{}</article>
            <footer>Subscribe to our newsletter for more local stories every week of the year.</footer></body></html>"#,
            body(&[FIRST, SECOND])
        );
        let a = html_article(
            page.as_bytes(),
            "pier",
            origin(),
            Some("https://bay.example/pier"),
            &IngestOptions::default(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Pier closes for repairs"));
        assert_eq!(a.date.as_deref(), Some("2024-04-08"));
        assert_eq!(a.author.as_deref(), Some("Tomas Reyes"));
        assert_eq!(a.source.as_deref(), Some("Bay News"));
        assert_eq!(a.url.as_deref(), Some("https://bay.example/pier"), "the WARC URI when the page names none");
        assert_eq!(a.text, format!("{FIRST}\n\n{SECOND}"));
    }

    #[test]
    fn ingest_html_meta_tags_canonical_and_shown_date() {
        let page = format!(
            r#"<html lang="en-GB"><head><title>Pier closes | Bay News</title>
            <meta property="og:site_name" content="Bay News">
            <meta name="author" content="By Ana Lucero"><link rel="canonical" href="https://bay.example/pier-closes">
            </head><body><article><p><time datetime="2024-04-09T10:00">9 April</time></p>{}</article></body></html>"#,
            body(&[FIRST, SECOND])
        );
        let a =
            html_article(page.as_bytes(), "pier", origin(), Some("https://other.example/"), &IngestOptions::default())
                .unwrap();
        assert_eq!(a.title.as_deref(), Some("Pier closes"));
        assert_eq!(a.author.as_deref(), Some("Ana Lucero"));
        assert_eq!(a.url.as_deref(), Some("https://bay.example/pier-closes"));
        assert_eq!(a.date.as_deref(), Some("2024-04-09"));
    }

    #[test]
    fn ingest_html_refuses_binary_foreign_and_empty_pages() {
        let reason =
            |bytes: &[u8]| html_article(bytes, "x", origin(), None, &IngestOptions::default()).unwrap_err().to_string();
        assert_eq!(reason(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "p.html: not an article page: a binary file, not HTML");
        let french = format!(
            "<html lang=\"fr\"><body><article>{}</article></body></html>",
            body(&["Le conseil de la baie a voté lundi la fermeture de la vieille jetée pour des réparations, après que des ingénieurs ont trouvé des fissures.", "La maire a dit que les travaux dureraient trois mois et coûteraient moins que prévu par le conseil."])
        );
        assert_eq!(
            reason(french.as_bytes()),
            "p.html: not an article page: the page is in another language (lang=\"fr\"); newsgraph reads English"
        );
        assert!(reason(b"<html><body></body></html>").starts_with("p.html: not an article page: no main text found"));
    }

    #[test]
    fn ingest_html_legacy_encoding() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><article><p>".to_vec();
        page.extend_from_slice(FIRST.replace("Marlow", "M\u{e9}rlow").as_bytes());
        let at = page.iter().position(|&b| b == 0xc3).unwrap();
        page.splice(at..at + 2, [0xe9]);
        page.extend_from_slice(format!("</p><p>{SECOND}</p></article></body></html>").as_bytes());
        let a = html_article(&page, "x", origin(), None, &IngestOptions::default()).unwrap();
        assert!(a.text.starts_with("The council of M\u{e9}rlow Bay"), "{}", a.text);
    }
}
