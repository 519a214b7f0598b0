//! The layout pass: the lines of a text that are not prose, and the stock tickers in it.
//!
//! - **Chrome**: boilerplate phrases (`gazetteer/boilerplate.csv`, a `line` phrase anywhere in a
//!   short line or a `prefix`), bylines ("By Jane Doe"), and navigation crumbs ("Home > World >
//!   Asia", "» News »").
//! - **Table**: lines of mostly numbers with a price among them ("Wheat ... 3.45 3.50 +0.05"),
//!   or of short columns set apart by runs of spaces or tabs. Single-spaced results and league
//!   tables ("Result: Nadal 6-7 6-2") are prose: the teams and players they name are entities.
//! - **Promotion**: headlines after the last paragraph of a page (the related-story titles a
//!   page ends with, "The War Against Plastic"); not list lines (seeds, fixtures, referees). A
//!   heading between paragraphs is prose.
//! - **Ticker**: "<XYZ>" (wire style) and "(NYSE: XYZ)" with an exchange of the `exchange` word
//!   set; it does not make its line layout.
//!
//! ```
//! use newsgraph::lexicon::Lexicon;
//! use newsgraph::model::LayoutKind;
//! let text = "Home > World > Europe\nNorthwind Ltd <NWD> said profits rose.\nReporting by Jane Doe";
//! let spans = newsgraph::segment::layout(text, &Lexicon::builtin());
//! let kinds: Vec<LayoutKind> = spans.iter().map(|l| l.kind).collect();
//! assert_eq!(kinds, [LayoutKind::Chrome, LayoutKind::Ticker, LayoutKind::Chrome]);
//! assert_eq!(spans[1].ticker(text), Some("NWD"));
//! ```

use crate::lexicon::{BoilerplateKind, Lexicon, WordSet};
use crate::model::{LayoutKind, LayoutSpan, Span};

/// Lines of at most this many words may be chrome by a `line` phrase, a promotion or a table
/// of columns without numbers.
const SHORT_LINE: usize = 12;

/// The layout spans of `text`, sorted by start and not overlapping.
pub fn layout(text: &str, lexicon: &Lexicon) -> Vec<LayoutSpan> {
    let lines = lines(text);
    let mut kinds: Vec<Option<LayoutKind>> = lines.iter().map(|l| line_kind(l.span.text(text), lexicon)).collect();
    promotions(text, &lines, &mut kinds, lexicon);
    let mut out = Vec::new();
    for (line, kind) in lines.iter().zip(kinds) {
        match kind {
            Some(kind) => out.push(LayoutSpan { span: line.span, kind }),
            None => tickers(text, line.span, lexicon, &mut out),
        }
    }
    out
}

/// A non-empty line of the text, trimmed.
struct Line {
    span: Span,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let start = offset + (line.len() - line.trim_start().len());
        offset += raw.len();
        if !trimmed.is_empty() {
            out.push(Line { span: Span::new(start, start + trimmed.len()) });
        }
    }
    out
}

/// The layout kind of one trimmed line on its own (promotions need the page: see
/// [`promotions`]).
fn line_kind(line: &str, lexicon: &Lexicon) -> Option<LayoutKind> {
    if is_boilerplate(line, lexicon) || is_byline(line) || is_sign_off(line) {
        Some(LayoutKind::Chrome)
    } else if is_table_row(line) {
        Some(LayoutKind::Table)
    } else if is_crumbs(line) {
        Some(LayoutKind::Chrome)
    } else {
        None
    }
}

/// A boilerplate phrase: a `line` phrase anywhere in a short line that does not open in lower
/// case ("comments" in a paragraph is news), a `prefix` at its start, after any opening bracket or dash ("(Reporting by …)").
/// Characters of a long line that its boilerplate prefixes are looked for in (the longest
/// prefix pattern is far shorter).
const PREFIX_CHARS: usize = 80;

fn is_boilerplate(line: &str, lexicon: &Lexicon) -> bool {
    // a line that opens in lower case goes on a sentence ("visiting the site's privacy policy.")
    let short = line.split_whitespace().count() <= SHORT_LINE && !line.starts_with(char::is_lowercase);
    // a long line is matched by its prefixes only, so its opening words are enough
    let head = if short { line } else { line.char_indices().nth(PREFIX_CHARS).map_or(line, |(i, _)| &line[..i]) };
    let lower = head.to_lowercase();
    let opened = lower.trim_start_matches(['(', '[', '-', '–', '—', '*', '•', ' ']);
    (short && lexicon.has_boilerplate_phrase(&lower))
        || lexicon.boilerplate.iter().any(|(pattern, kind)| {
            *kind == BoilerplateKind::Prefix
                && (lower.starts_with(pattern.as_str()) || opened.starts_with(pattern.as_str()))
        })
}

/// A wire desk's sign-off: a short line opened by a double dash, with no sentence end ("-- Mari
/// Tamm, Tallinn desk +372 555 0100").
fn is_sign_off(line: &str) -> bool {
    // not an em dash: it opens the attribution of a quoted post, which is content
    line.starts_with("--") && line.split_whitespace().count() <= SHORT_LINE && !ends_sentence(line)
}

/// "By Jane Doe" or "By Jane Doe and John Roe, Staff Writers" alone on a line.
fn is_byline(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("By ") else { return false };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && !line.ends_with('.')
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty() || w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "and" | "in" | "for" | "of")
        })
}

/// Navigation crumbs: parts of at most four words set apart by "»", "›", ">" or "|", with two
/// separators or more, or one that opens or closes the line ("» News »", "Home > World"), and
/// no digits (a row of a table, "Tata | BUY | 1,330", is no crumb).
fn is_crumbs(line: &str) -> bool {
    let is_sep = |c: char| matches!(c, '»' | '›' | '>' | '|');
    let seps = line.chars().filter(|&c| is_sep(c)).count();
    let edge = line.starts_with(is_sep) || line.ends_with(is_sep);
    if seps == 0 || (seps < 2 && !edge) || ends_sentence(line) || line.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // a ">" of a ticker ("<NWD>") is no separator
    !line.contains('<')
        && line.split(is_sep).all(|part| {
            let words = part.split_whitespace().count();
            words <= 4 && part.split_whitespace().all(|w| !w.starts_with(char::is_lowercase) || w.len() <= 3)
        })
}

/// True when the line ends as a sentence does (".", "!", "?", or a closing quote after one).
fn ends_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '”', '’', '\'', ')']);
    end.ends_with(['.', '!', '?', ':']) && !end.ends_with("...")
}

/// A number, a price or a change: "3.45", "+0.05", "1,200", "12%", "3/4", "-".
fn is_numeric(word: &str) -> bool {
    let w = word.trim_matches(['(', ')', '$', '£', '€', '%', '*']);
    !w.is_empty()
        && w.chars().any(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-' | '/' | '%' | '\u{2212}'))
}

/// A price, not a count or a score: a decimal ("3.45"), a signed change ("+0.05"), a
/// percentage or an amount in a currency.
fn is_price(word: &str) -> bool {
    let w = word.trim_matches(['(', ')', '*']);
    let digits = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    digits(w)
        && (w.starts_with(['+', '-', '\u{2212}', '$', '£', '€'])
            || w.ends_with('%')
            || w.trim_end_matches([',', ';'])
                .split_once('.')
                .is_some_and(|(a, b)| digits(a) && !b.is_empty() && b.chars().all(|c| c.is_ascii_digit())))
}

/// A line of a table or price list: three numbers or more that make at least half of its words,
/// one of them a price ("Wheat 3.45 3.50 +0.05"), or two column gaps (runs of two spaces or a
/// tab, not after a sentence end) in a short line with a number or at most six words
/// ("Commodity    Close    Change"). A line of counts or scores with single spaces is prose:
/// results and league tables name the teams and players they rank ("Result: Nadal 6-7 6-2").
fn is_table_row(line: &str) -> bool {
    // iterated, not collected: every line of every article comes here
    let words = || line.split_whitespace().filter(|w| !w.chars().all(|c| c == '.'));
    let (count, numbers) = words().fold((0, 0), |(n, k), w| (n + 1, k + usize::from(is_numeric(w))));
    if numbers >= 3 && numbers * 2 >= count && words().any(is_price) {
        return true;
    }
    count <= SHORT_LINE && (numbers >= 1 || count <= 6) && !ends_sentence(line) && column_gaps(line) >= 2
}

/// Runs of two spaces or more, of a tab, or of dot leaders ("Wheat .... 3.45"), not after a
/// sentence end.
fn column_gaps(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut gaps = 0;
    let mut i = 0;
    while i < bytes.len() {
        let leader = bytes[i] == b'.' && bytes.get(i + 1) == Some(&b'.') && bytes.get(i + 2) == Some(&b'.');
        if bytes[i] == b'\t' || (bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ')) || leader {
            let after_sentence = i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?' | b':' | b'"') && !leader;
            let mut j = i;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'.') {
                j += 1;
            }
            gaps += usize::from(!after_sentence);
            i = j;
        } else {
            i += 1;
        }
    }
    gaps
}

/// Marks the promotion lines of a page: after its last paragraph (a line that ends a sentence
/// or is longer than a short line), the unmarked headlines ([`is_headline`]). A page with no
/// paragraph has none.
fn promotions(text: &str, lines: &[Line], kinds: &mut [Option<LayoutKind>], lexicon: &Lexicon) {
    let is_paragraph = |l: &Line| {
        let s = l.span.text(text);
        ends_sentence(s) || s.split_whitespace().count() > SHORT_LINE
    };
    let Some(last) = (0..lines.len()).rev().find(|&i| kinds[i].is_none() && is_paragraph(&lines[i])) else {
        return;
    };
    for i in last + 1..lines.len() {
        if kinds[i].is_none() && is_headline(lines[i].span.text(text), lexicon) {
            kinds[i] = Some(LayoutKind::Promotion);
        }
    }
}

/// A headline: a short title-case line of three words or more, one of them a function word
/// ("The War Against Plastic", "Why Ferries Are Late"). Lines of lists are not: no digits,
/// brackets, commas, colons, "v" or "at" ("1 Tom Reyes (Chile)", "Leeds v Derby", "Tartu at
/// Narva", "Mari Tamm").
fn is_headline(line: &str, lexicon: &Lexicon) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    // "at" and "v" join the teams of a fixture list ("Tartu at Narva"), connectors a name
    let joins =
        |w: &str| matches!(w, "at" | "v" | "vs" | "v." | "vs." | "and" | "or") || lexicon.is(WordSet::Connector, w);
    let function =
        words.iter().any(|w| lexicon.is(WordSet::Stop, w) || (w.starts_with(char::is_lowercase) && !joins(w)));
    (3..=SHORT_LINE).contains(&words.len())
        && capitalised * 2 > words.len()
        && function
        && !line.contains(|c: char| c.is_ascii_digit() || "()[],:;&/|".contains(c))
        && !words.iter().any(|w| matches!(*w, "v" | "vs" | "v." | "vs." | "at"))
}

/// The tickers in the prose line `line`: "<XYZ>" (one to six capitals, digits or dots, a capital
/// first) and "(EXCHANGE: XYZ)" with an exchange of the `exchange` word set.
fn tickers(text: &str, line: Span, lexicon: &Lexicon, out: &mut Vec<LayoutSpan>) {
    let s = line.text(text);
    let mut i = 0;
    while let Some(at) = s[i..].find(['<', '(']).map(|k| k + i) {
        let open = s.as_bytes()[at];
        let close = if open == b'<' { '>' } else { ')' };
        // looked for in the next 25 characters only: a long line of unclosed brackets stays linear
        let Some(len) =
            s[at + 1..].char_indices().take(25).find(|&(_, c)| c == close).map(|(n, _)| n).filter(|&n| n <= 24)
        else {
            i = at + 1;
            continue;
        };
        let inner = &s[at + 1..at + 1 + len];
        let symbol = if open == b'<' {
            Some(inner)
        } else {
            inner.split_once(':').filter(|(x, _)| lexicon.is(WordSet::Exchange, x.trim())).map(|(_, sym)| sym.trim())
        };
        if symbol.is_some_and(is_symbol) {
            let start = line.start + at;
            out.push(LayoutSpan { span: Span::new(start, start + len + 2), kind: LayoutKind::Ticker });
            i = at + len + 2;
        } else {
            i = at + 1;
        }
    }
}

/// A ticker symbol: one to six capitals, digits or dots, a capital first ("BP", "BP.L", "3M"
/// is not one: a capital first).
fn is_symbol(s: &str) -> bool {
    (1..=6).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, LayoutKind)> {
        layout(text, &Lexicon::builtin()).iter().map(|l| (l.span.text(text), l.kind)).collect()
    }

    fn of_kind(text: &str, kind: LayoutKind) -> Vec<&str> {
        kinds(text).into_iter().filter(|(_, k)| *k == kind).map(|(s, _)| s).collect()
    }

    #[test]
    fn layout_marks_site_chrome_lines() {
        let text = "» News »\nHome > World > Asia\nGet Daily Tallinn News in your Inbox\n\
                    Sign up for our morning briefing\nSubscribe to The Harbour Gazette\n\
                    -- Mari Tamm, Tallinn desk +372 555 0100\n\
                    Kadri Saar said the talks failed.\nSource: Baltic Wire\n(Reporting by Mari Tamm; Editing by Jaan Kask)\n\
                    © 2026 Harbour Media Ltd";
        assert_eq!(
            of_kind(text, LayoutKind::Chrome),
            [
                "» News »",
                "Home > World > Asia",
                "Get Daily Tallinn News in your Inbox",
                "Sign up for our morning briefing",
                "Subscribe to The Harbour Gazette",
                "-- Mari Tamm, Tallinn desk +372 555 0100",
                "Source: Baltic Wire",
                "(Reporting by Mari Tamm; Editing by Jaan Kask)",
                "© 2026 Harbour Media Ltd",
            ]
        );
    }

    #[test]
    fn layout_keeps_datelines_headings_and_prose() {
        let text = "Estonia Seeks Gas Deal\nTALLINN, May 2 (Wire) - Estonia said on Monday it would sign.\n\
                    Talks In Riga\nThe minister, who said prices rose 3.5 percent, 2.1 percent and 4 percent, left.\n\
                    Shares of Northwind > 10 analysts said rose.\nResult: Tamm 6-3 4-6 7-5 Kask\nTartu 3 2 1 0 5 2 7\n\
                    Kask 7-0-32-0, Saar 6.5-1-23-4.\nvisiting the harbour's privacy policy.";
        assert_eq!(kinds(text), []);
    }

    #[test]
    fn layout_marks_tables_and_price_lists() {
        let text = "Grain prices were mixed on Tuesday.\nCommodity    Close    Change\nWheat ... 3.45 3.50 +0.05\n\
                    Maize\t2.10\t2.12\t-0.02\nSoybeans  6.05  6.10  unch\nTraders expect more rain.";
        assert_eq!(
            of_kind(text, LayoutKind::Table),
            [
                "Commodity    Close    Change",
                "Wheat ... 3.45 3.50 +0.05",
                "Maize\t2.10\t2.12\t-0.02",
                "Soybeans  6.05  6.10  unch"
            ]
        );
    }

    #[test]
    fn layout_marks_promotions_after_the_last_paragraph_only() {
        let text = "Harbour Ports Plan\nThe council approved the plan on Monday.\nWhat Comes Next\n\
                    The vote is due in May.\nThe Fight Over Fishing Quotas\nWhy Ferries Are Late Again\nadvertising partners\n\
                    1 Mari Tamm (Estonia)\nTallinn v Tartu\nTartu at Narva\nJaan Kask\nHarbour Lights Of Pärnu\n\
                    Home | News | Tata | 1,330";
        assert_eq!(
            kinds(text),
            [
                ("The Fight Over Fishing Quotas", LayoutKind::Promotion),
                ("Why Ferries Are Late Again", LayoutKind::Promotion)
            ]
        );
    }

    #[test]
    fn layout_finds_tickers_after_names() {
        let text = "Northwind Chemie France <NWC.PA> and <HBR> rose, Harbour Energy (NYSE: HBE) said. (Ha: no) <tag>.";
        let found = layout(text, &Lexicon::builtin());
        let symbols: Vec<&str> = found.iter().filter_map(|l| l.ticker(text)).collect();
        assert_eq!(symbols, ["NWC.PA", "HBR", "HBE"]);
        assert!(found.iter().all(|l| l.kind == LayoutKind::Ticker));
    }
}
