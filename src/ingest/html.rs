//! HTML pages: the main text, found by `dom_smoothie` (a Rust port of Mozilla's Readability),
//! and the page's metadata.
//!
//! Metadata is taken in this order of trust: JSON-LD of an article type (`NewsArticle`,
//! `Article`, …: headline, datePublished, author, publisher), then Open Graph and `<meta>` tags
//! (`og:title`, `article:published_time`, `og:site_name`, `author`), then `<link rel=canonical>`
//! for the URL, then `<title>` for the headline. The first two steps are `dom_smoothie`'s own
//! metadata reader. The headline is then checked against what the page shows: its first `<h1>`
//! (when the metadata headline is a social or search headline, or a CMS's name) or a heading
//! that is a part of the `<title>` (see `headline`). The date is the page's local day when a
//! `<time datetime>` writes the same instant in its own zone; a date no metadata gives is looked
//! for in `itemprop=datePublished`, JSON-LD of any type, `<time datetime>`, elements marked as
//! dates and a wiki's "last edited" footer, then in the text's first lines.
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

use serde_json::Value;

use super::{
    finish_article, first_date, local_date, marked_date, normalize_date, IngestOptions, InputError, InputErrorKind,
    Record,
};
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
    let ld = json_ld(&document);
    let shown_date = shown_date(&document, &ld);
    let times: Vec<String> = document
        .select("time[datetime]")
        .iter()
        .take(50)
        .filter_map(|t| t.attr("datetime"))
        .map(|t| t.to_string())
        .collect();
    let clues = TitleClues::read(&document, &ld);
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
    let date = page.published_time.as_deref().and_then(|d| published_date(d, &times)).or(shown_date);
    let url = [page.url.as_deref(), og_url.as_deref(), canonical.as_deref(), url]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_owned);
    let source = page.site_name.as_deref().and_then(clean);
    let title = clean(&page.title).map(|t| headline(t, &clues, source.as_deref(), url.as_deref()));
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
/// (and Dublin Core's), `itemprop=datePublished`, a JSON-LD `datePublished` of any type (a
/// `MedicalWebPage`, a `WebPage`), the first `<time datetime>`, the first date written in an
/// element whose class or id says it holds one (`date`, `time`, `publish`, `posted`, `meta`,
/// `byline`; one whose class says `date` may also write it `21.10.2019` or in French), then a
/// wiki's "This page was last edited on …" footer.
fn shown_date(document: &Document, ld: &[Value]) -> Option<String> {
    let candidates = [
        attribute(document, "meta[name=date], meta[name=\"dc.date\"], meta[name=\"DC.date.issued\"]", "content"),
        attribute(document, "[itemprop=datePublished]", "content"),
        attribute(document, "[itemprop=datePublished]", "datetime"),
        ld_values(ld, "datePublished").next(),
        attribute(document, "time[datetime]", "datetime"),
    ];
    candidates.into_iter().flatten().find_map(|d| normalize_date(&d).or_else(|| first_date(&d))).or_else(|| {
        let marked = "time, [class*=date], [class*=Date], [class*=time], [class*=publish], [class*=posted], \
                      [class*=meta], [class*=byline], [id*=date], [id*=publish]";
        let in_marked = document.select(marked).iter().take(200).find_map(|e| {
            let text = e.text();
            let dated = e.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("date"));
            (text.len() < 300).then(|| if dated { marked_date(&text) } else { first_date(&text) }).flatten()
        });
        in_marked.or_else(|| {
            let footer = document.select("[id*=lastmod], [class*=lastmod]").text();
            footer.to_ascii_lowercase().contains("last ").then(|| first_date(&footer)).flatten()
        })
    })
}

/// The date of `published` (a metadata date or date-time), in the page's own zone when one of
/// its `<time datetime>` values is the same instant written in that zone.
fn published_date(published: &str, times: &[String]) -> Option<String> {
    times
        .iter()
        .find_map(|t| local_date(published, t))
        .or_else(|| normalize_date(published))
        .or_else(|| first_date(published))
}

/// The JSON-LD objects of the page: each `<script type="application/ld+json">`, its arrays
/// and `@graph` lists flattened (one level: nested objects are parts, not the page).
fn json_ld(document: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    for script in document.select("script[type=\"application/ld+json\"]").iter().take(20) {
        let text = script.text();
        let text = text.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else { continue };
        let items = match value {
            Value::Array(items) => items,
            other => vec![other],
        };
        for item in items {
            if let Some(Value::Array(graph)) = item.get("@graph") {
                out.extend(graph.iter().cloned());
            }
            out.push(item);
        }
    }
    out
}

/// The string values of `key` in the JSON-LD objects, in page order, HTML entities decoded.
fn ld_values<'a>(ld: &'a [Value], key: &'a str) -> impl Iterator<Item = String> + 'a {
    ld.iter().filter_map(move |v| v.get(key)?.as_str()).filter_map(|v| clean(&html_escape::decode_html_entities(v)))
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

/// What a page shows and says of its headline, read before the main text is extracted (which
/// changes the document).
struct TitleClues {
    /// The `<title>`.
    title_tag: Option<String>,
    /// The other metadata titles: `og:title`, `twitter:title`, JSON-LD `headline`s.
    meta_titles: Vec<String>,
    /// The headings `<h1>` to `<h4>` that are not hidden, in page order, with their level.
    headings: Vec<(u8, String)>,
}

impl TitleClues {
    fn read(document: &Document, ld: &[Value]) -> Self {
        let title_tag = document.select("head title").iter().next().and_then(|t| clean(&t.text()));
        let metas = "meta[property=\"og:title\"], meta[name=\"og:title\"], meta[property=\"twitter:title\"], \
                     meta[name=\"twitter:title\"]";
        let mut meta_titles: Vec<String> =
            document.select(metas).iter().filter_map(|m| m.attr("content")).filter_map(|c| clean(&c)).collect();
        meta_titles.extend(ld_values(ld, "headline"));
        let headings = document.select("h1, h2, h3, h4");
        let headings = headings
            .nodes()
            .iter()
            .filter(|h| !hidden(h.attr("class").as_deref(), h.attr("style").as_deref()))
            .filter_map(|h| {
                let level = h.node_name()?.as_bytes().get(1)?.checked_sub(b'0')?;
                let text = clean(&h.text())?;
                (text.len() <= 300).then_some((level, text))
            })
            .take(60)
            .collect();
        TitleClues { title_tag, meta_titles, headings }
    }
}

/// True for an element hidden from the reader by its class (`sr-only`, `screen-reader-text`,
/// `visually-hidden`, `off-screen`) or its style (`display: none`).
fn hidden(class: Option<&str>, style: Option<&str>) -> bool {
    let class = class.unwrap_or("").to_ascii_lowercase();
    let style: String = style.unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    ["sr-only", "screen-reader", "visually-hidden", "visuallyhidden", "off-screen", "offscreen"]
        .iter()
        .any(|h| class.contains(h))
        || style.to_ascii_lowercase().contains("display:none")
}

/// Letters and digits only, lowercased: titles that differ only in case, spaces, punctuation or
/// typographic quotes are the same.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The words of a title that carry its content: lowercased, without the function words.
fn content_words(s: &str) -> std::collections::BTreeSet<String> {
    const FUNCTION: [&str; 40] = [
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "from", "by", "as", "is",
        "are", "was", "were", "be", "it", "its", "this", "that", "what", "how", "why", "who", "when", "you", "your",
        "we", "our", "their", "his", "her", "not", "s", "t",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !FUNCTION.contains(&w.as_str()))
        .collect()
}

/// The parts of a title between its separators ("Post » Blog Archive » Site").
fn segments(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// The page's host name without `www.` ("coast.example"), from its URL.
fn host(url: Option<&str>) -> &str {
    let host = url.and_then(|u| u.split("://").nth(1)).and_then(|r| r.split('/').next()).unwrap_or("");
    host.trim_start_matches("www.")
}

/// True for a short heading or title part that names the site: it starts with the site's
/// `og:site_name` or with its host's name ("Four Years Remaining" at fouryears.eu, a logo and
/// a tagline in an `<h1>`).
fn names_site(text: &str, site: Option<&str>, host: &str) -> bool {
    let text_letters = letters(text);
    let site = site.map(letters).filter(|s| !s.is_empty());
    let host_name = letters(host.split('.').next().unwrap_or(""));
    let starts = site.is_some_and(|s| text_letters.starts_with(&s))
        || (host_name.len() >= 4
            && [text_letters.as_str(), text_letters.strip_prefix("the").unwrap_or("")]
                .iter()
                .any(|t| t.starts_with(&host_name)));
    starts && text.split_whitespace().count() <= 8
}

/// The headline a reader sees, from the metadata title `title` (JSON-LD, `og:title` or the
/// `<title>`, as dom_smoothie chose it) and what the page shows:
/// - a metadata title that is the site's or the CMS's name is no headline: the next one is taken;
/// - the page's first `<h1>` that does not name the site, when it differs from the metadata
///   title but is another metadata title, or shares most content words with one (a social or
///   search headline in the metadata), unless it merely adds a section label or a subtitle to
///   one ("Politics | Mayor elected");
/// - a heading (`<h1>`–`<h4>`) that is a part of the title between separators, or the start of
///   its first part: "Penny - Stardew Valley Wiki" under `<h1>Penny</h1>`;
/// - a `<title>` that is only the site's name and a dangling separator: the first heading;
/// - else the title less a last part that names the site (its `og:site_name` or its host:
///   "Peanut Butter Truffles - Elavegan" at elavegan.com).
fn headline(title: String, clues: &TitleClues, site: Option<&str>, url: Option<&str>) -> String {
    let host = host(url);
    let title = real_title(title, clues, site);
    if let Some(h1) = shown_h1(&title, clues, site, host) {
        return h1;
    }
    if let Some(heading) = heading_in_title(&title, clues, site, host) {
        return heading;
    }
    let host_name = letters(host.split('.').next().unwrap_or(""));
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = letters(tail);
            let tail_names_site = site.is_some_and(|s| letters(s) == tail)
                || (!host_name.is_empty() && (tail == host_name || tail == letters(host)));
            if tail_names_site && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
    }
    title
}

/// `title`, unless it is the site's name or a one-word name no other title of the page uses (a
/// CMS's name as JSON-LD headline): then the first other metadata title, or the `<title>`.
fn real_title(title: String, clues: &TitleClues, site: Option<&str>) -> String {
    let own = letters(&title);
    let others: Vec<&String> =
        clues.meta_titles.iter().chain(&clues.title_tag).filter(|t| letters(t) != own && !t.is_empty()).collect();
    let is_site = site.is_some_and(|s| letters(s) == own);
    let stray_word = title.split_whitespace().count() == 1 && others.iter().all(|t| !letters(t).contains(&own));
    if !(is_site || stray_word) || others.is_empty() {
        return title;
    }
    others.into_iter().find(|t| site.is_none_or(|s| letters(s) != letters(t))).cloned().unwrap_or(title)
}

/// The first `<h1>` not naming the site, when it should replace the metadata title `title`.
fn shown_h1(title: &str, clues: &TitleClues, site: Option<&str>, host: &str) -> Option<String> {
    let mut titles: Vec<&str> = vec![title];
    titles.extend(clues.meta_titles.iter().map(String::as_str));
    let h1 = clues
        .headings
        .iter()
        .filter(|(level, _)| *level == 1)
        .map(|(_, h)| h)
        .find(|h| !names_site(h, site, host) && !other_end(h, clues.title_tag.as_deref(), &titles))?;
    let shown = letters(h1);
    if shown == letters(title) || shown.is_empty() {
        return None;
    }
    titles.extend(clues.title_tag.as_deref());
    if titles.iter().any(|t| content_words(t).len() >= 2 && shown.contains(&letters(t)) && shown != letters(t)) {
        return None; // a section label or a subtitle added to a metadata title
    }
    let firsts: Vec<&str> = titles.iter().filter_map(|t| segments(t).first().copied()).collect();
    titles.extend(firsts);
    if titles.iter().any(|t| letters(t) == shown) {
        return Some(h1.clone());
    }
    let words = content_words(h1);
    let shares_most = |t: &&str| {
        let theirs = content_words(t);
        let shared = words.intersection(&theirs).count();
        shared >= 2 && 2 * shared >= words.len().min(theirs.len())
    };
    titles.iter().any(shares_most).then(|| h1.clone())
}

/// True when `heading` is one end of the `<title>` and a metadata title is the other end, as a
/// blog's name is in "Blog name: Post title" (or a site's in "Headline l SITE"): the heading is
/// that name, not the headline.
fn other_end(heading: &str, tag: Option<&str>, titles: &[&str]) -> bool {
    let (Some(tag), shown) = (tag.map(letters), letters(heading)) else { return false };
    if shown.is_empty() || shown.len() >= tag.len() {
        return false;
    }
    titles
        .iter()
        .map(|t| letters(t))
        .filter(|t| !t.is_empty() && shown.len() + t.len() <= tag.len())
        .any(|t| (tag.starts_with(&shown) && tag.ends_with(&t)) || (tag.ends_with(&shown) && tag.starts_with(&t)))
}

/// A heading shown on the page, when the title has parts between separators and the heading
/// is not the whole title: a heading that is one of the parts (not one naming the site) or the
/// parts up to one, the longest such ("Penny - Stardew Valley Wiki" under `<h1>Penny</h1>`).
/// Else a heading of three words or more that starts the first part and is most of it (a
/// `<title>` that adds "Recipe" and the site's name to the dish's name). Else, when the
/// `<title>` is a name and a dangling separator ("Rail Enquiries -"), the first `<h1>` or `<h2>`.
fn heading_in_title(title: &str, clues: &TitleClues, site: Option<&str>, host: &str) -> Option<String> {
    let own = letters(title);
    let tag = clues.title_tag.as_deref().filter(|t| !own.is_empty() && letters(t).starts_with(&own));
    let headings = || clues.headings.iter().map(|(_, h)| h).filter(|h| !names_site(h, site, host));
    if own.is_empty() || headings().any(|h| letters(h) == own) {
        return None;
    }
    let parts = segments(title);
    if parts.len() >= 2 {
        // a title cut from a longer `<title>` ("Site » Archive" of "Site » Archive » Post"): its parts too
        let whole: Vec<&str> = tag.map(segments).filter(|t| t.len() > parts.len()).unwrap_or_else(|| parts.clone());
        // each part, and the runs of parts from the first ("Chapter 1 - Prologue" of "Chapter 1 - Prologue - Book")
        let mut runs: Vec<String> = whole.iter().filter(|p| !names_site(p, site, host)).map(|p| letters(p)).collect();
        runs.extend((2..whole.len()).map(|n| whole[..n].iter().map(|p| letters(p)).collect::<String>()));
        let equal = headings().filter(|h| runs.contains(&letters(h))).max_by_key(|h| h.len());
        if equal.is_some() {
            return equal.cloned();
        }
    }
    if parts.len() >= 2 || tag.is_some_and(|t| segments(t).len() >= 2) {
        let first: Vec<&str> = parts.first().map(|p| p.split_whitespace().collect()).unwrap_or_default();
        let starts = headings().find(|h| {
            let words: Vec<&str> = h.split_whitespace().collect();
            words.len() >= 3
                && words.len() < first.len()
                && 3 * words.len() >= 2 * first.len()
                && letters(&first[..words.len()].join(" ")) == letters(h)
        });
        if starts.is_some() {
            return starts.cloned();
        }
    }
    let dangling = tag.is_some_and(|t| {
        let t = t.trim_end();
        SEPARATORS.iter().any(|s| t.ends_with(s.trim())) && letters(t) == own
    });
    let mut top = clues.headings.iter().filter(|(level, _)| *level <= 2).map(|(_, h)| h);
    dangling.then(|| top.find(|h| !names_site(h, site, host))).flatten().cloned()
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

    /// The title and date newsgraph reads from a page with this `<head>` and these elements
    /// before the article's paragraphs.
    fn title_and_date(head: &str, top: &str) -> (Option<String>, Option<String>) {
        let page =
            format!("<html><head>{head}</head><body>{top}<article>{}</article></body></html>", body(&[FIRST, SECOND]));
        let origin = origin();
        let a =
            html_article(page.as_bytes(), "p", origin, Some("https://baynews.example/pier"), &IngestOptions::default())
                .unwrap();
        (a.title, a.date)
    }

    #[test]
    fn ingest_html_headline_is_the_h1_shown() {
        let title = |head: &str, top: &str| title_and_date(head, top).0.unwrap();
        // a social headline in og:title, a search headline in JSON-LD: the h1 shown
        let og = r#"<meta property="og:title" content="Storm shuts harbour">"#;
        assert_eq!(
            title(og, "<h1>Harbour at Kettleness shut by the storm for a week</h1>"),
            "Harbour at Kettleness shut by the storm for a week"
        );
        let ld = r#"<meta property="og:title" content="Pier to close as cracks spread">
            <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Marlow Bay pier closes for repairs"}</script>"#;
        assert_eq!(title(ld, "<h1>Pier to close as cracks spread</h1>"), "Pier to close as cracks spread");
        // a section label or a subtitle added to the metadata title: the metadata title
        let label = r#"<meta property="og:title" content="Pier closes for repairs">"#;
        assert_eq!(title(label, "<h1>Local News | Pier closes for repairs</h1>"), "Pier closes for repairs");
        assert_eq!(title(label, "<h1>Pier closes for repairs Three months of work</h1>"), "Pier closes for repairs");
        // an h1 unlike every metadata title is another element: the metadata title
        assert_eq!(title(label, "<h1>Weather for the week</h1>"), "Pier closes for repairs");
        // a JSON-LD headline that is the CMS's name is no headline
        let cms = r#"<title>Pier closes for repairs</title><meta property="og:title" content="Pier closes for repairs">
            <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "bricolage"}</script>"#;
        assert_eq!(title(cms, ""), "Pier closes for repairs");
        // an h1 that names the site (a logo, a tagline) is skipped for the next one
        let site = r#"<title>Pier closes for good: what it means - Bay News</title><meta property="og:site_name" content="Bay News">"#;
        assert_eq!(title(site, "<h1>Bay News The voice of the bay</h1><h1>Pier closes</h1>"), "Pier closes");
        let host = "<title>Bay News &raquo; Archive &raquo; Why the pier closed</title>";
        assert_eq!(title(host, "<h1>BayNews</h1><h2>Why the pier closed</h2>"), "Why the pier closed");
    }

    #[test]
    fn ingest_html_headline_is_a_heading_in_the_title() {
        let title = |head: &str, top: &str| title_and_date(head, top).0.unwrap();
        let parts = "<title>PIER CLOSES FOR REPAIRS | Marlow Bay, Kent | Local Online - Marlow Bay, Kent</title>";
        assert_eq!(title(parts, "<h4>Menu</h4><h4>PIER CLOSES FOR REPAIRS</h4>"), "PIER CLOSES FOR REPAIRS");
        let added = "<title>Roast Leeks with Brown Rice Recipe | Cook Club East</title>";
        assert_eq!(title(added, "<h1>Roast Leeks with Brown Rice</h1>"), "Roast Leeks with Brown Rice");
        let dangling = "<title>Harbour Enquiries -</title>";
        assert_eq!(
            title(dangling, "<h1></h1><h2>Ferry times during the repairs</h2>"),
            "Ferry times during the repairs"
        );
        // a heading that is only a label of the title stays out when the headline is shown whole
        let label = "<title>Pier closes for repairs | Politics | Bay News</title>";
        assert_eq!(title(label, "<h1>Pier closes for repairs</h1><h2>Politics</h2>"), "Pier closes for repairs");
    }

    #[test]
    fn ingest_html_dates_shown_on_the_page() {
        let date = |head: &str, top: &str| title_and_date(head, top).1;
        // the page's own time for the same instant gives its local day
        let utc = r#"<meta property="article:published_time" content="2023-11-09T03:30:59+00:00">"#;
        assert_eq!(
            date(utc, r#"<time datetime="2023-11-08T22:30:59-05:00">Nov 8</time>"#).as_deref(),
            Some("2023-11-08")
        );
        assert_eq!(date(utc, r#"<time datetime="2023-11-08 21:30:59">Nov 8</time>"#).as_deref(), Some("2023-11-08"));
        assert_eq!(
            date(utc, r#"<time datetime="2023-11-08T21:31:00">a comment</time>"#).as_deref(),
            Some("2023-11-09")
        );
        // JSON-LD of a type that is not an article
        let page = r#"<script type="application/ld+json">{"@context": "https://schema.org", "@type": "MedicalWebPage",
            "datePublished": "2018-04-29T07:00:00Z"}</script>"#;
        assert_eq!(date(page, "").as_deref(), Some("2018-04-29"));
        // a numeric or French date in an element whose class says date
        assert_eq!(date("", r#"<span class="date">21.10.2019</span>"#).as_deref(), Some("2019-10-21"));
        assert_eq!(
            date("", r#"<h2 class="date-header"><span>mardi 5 juin 2018</span></h2>"#).as_deref(),
            Some("2018-06-05")
        );
        assert_eq!(date("", r#"<span class="count">21.10.2019</span>"#), None);
        // a wiki's footer
        let footer =
            r#"<ul><li id="footer-info-lastmod"> This page was last edited on 4 November 2020, at 19:23.</li></ul>"#;
        assert_eq!(date("", footer).as_deref(), Some("2020-11-04"));
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
