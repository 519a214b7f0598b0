//! Dates: ISO 8601 normalisation and dates written in a dateline.

use std::sync::LazyLock;

use regex::Regex;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Normalises an ISO 8601 date or date-time to `YYYY-MM-DD`; `None` if it is not one.
///
/// ```
/// use newsgraph::ingest::normalize_date;
/// assert_eq!(normalize_date("2024-02-29T10:00:00Z").as_deref(), Some("2024-02-29"));
/// assert_eq!(normalize_date("2023-02-29"), None);
/// assert_eq!(normalize_date("03/04/2020"), None);
/// ```
pub fn normalize_date(value: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$")
            .unwrap()
    });
    let caps = ISO.captures(value.trim())?;
    let year: u32 = caps[1].parse().ok()?;
    let month: u32 = caps[2].parse().ok()?;
    let day: u32 = caps[3].parse().ok()?;
    valid(year, month, day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn valid(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && (1800..=2200).contains(&year)
}

/// A date written in the article's first lines ("March 3, 2024", "3 March 2024", "2024-03-03"),
/// when exactly one distinct date appears there.
///
/// ```
/// use newsgraph::ingest::dateline_date;
/// assert_eq!(dateline_date("Talks fail\nGENEVA, March 3, 2024 (Wire) - Talks...").as_deref(), Some("2024-03-03"));
/// assert_eq!(dateline_date("GENEVA, March 3 (Wire) - no year"), None);
/// ```
pub fn dateline_date(text: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|(january|february|march|april|may|june|july|august|september|october|november|december)\s+([0-9]{1,2}),?\s+([0-9]{4})|([0-9]{1,2})\s+(january|february|march|april|may|june|july|august|september|october|november|december),?\s+([0-9]{4}))\b",
        )
        .unwrap()
    });
    let head: String = text.lines().filter(|l| !l.trim().is_empty()).take(3).collect::<Vec<_>>().join("\n");
    let mut found: Vec<String> = Vec::new();
    let month_of = |m: &str| MONTHS.iter().position(|x| x.eq_ignore_ascii_case(m)).map(|i| i as u32 + 1);
    let parts = |caps: &regex::Captures<'_>| -> Option<(u32, u32, u32)> {
        Some(if let Some(y) = caps.get(1) {
            (y.as_str().parse().ok()?, caps[2].parse().ok()?, caps[3].parse().ok()?)
        } else if let Some(m) = caps.get(4) {
            (caps[6].parse().ok()?, month_of(m.as_str())?, caps[5].parse().ok()?)
        } else {
            (caps[9].parse().ok()?, month_of(&caps[8])?, caps[7].parse().ok()?)
        })
    };
    for caps in DATE.captures_iter(&head) {
        let Some((year, month, day)) = parts(&caps) else { continue };
        if valid(year, month, day) {
            let date = format!("{year:04}-{month:02}-{day:02}");
            if !found.contains(&date) {
                found.push(date);
            }
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

/// The first date written in `text` in words or ISO form ("Feb. 8, 2020", "8th February 2020",
/// "Jun 18th 2018", "2020-02-08"), month names full or abbreviated; numeric day/month forms are
/// ambiguous and not read.
///
/// ```
/// use newsgraph::ingest::first_date;
/// assert_eq!(first_date("Updated: Apr. 26, 2022 at 4:56 p.m.").as_deref(), Some("2022-04-26"));
/// assert_eq!(first_date("Posted 18th Jun 2018 by staff").as_deref(), Some("2018-06-18"));
/// assert_eq!(first_date("on 04/21/2022"), None);
/// ```
pub fn first_date(text: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        let month = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
        Regex::new(&format!(
            r"(?i)\b(?:([0-9]{{4}})-([0-9]{{2}})-([0-9]{{2}})|{month}\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+([0-9]{{4}})|([0-9]{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{month},?\s+([0-9]{{4}}))\b"
        ))
        .unwrap()
    });
    let month_of =
        |m: &str| MONTHS.iter().position(|x| x.starts_with(&m.to_ascii_lowercase()[..3])).map(|i| i as u32 + 1);
    for caps in DATE.captures_iter(text) {
        let parts = if let Some(y) = caps.get(1) {
            (y.as_str().parse().ok(), caps[2].parse().ok(), caps[3].parse().ok())
        } else if let Some(m) = caps.get(4) {
            (caps[6].parse().ok(), month_of(m.as_str()), caps[5].parse().ok())
        } else {
            (caps[9].parse().ok(), month_of(&caps[8]), caps[7].parse().ok())
        };
        if let (Some(year), Some(month), Some(day)) = parts {
            if valid(year, month, day) {
                return Some(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    None
}

/// A date written in an element that the page marks as a date (its class says `date`): the
/// forms of [`first_date`], else a numeric day.month.year (`21.10.2019`: dots are the European
/// order, day first), else a French day and month (`mardi 5 juin 2018`).
///
/// ```
/// use newsgraph::ingest::marked_date;
/// assert_eq!(marked_date("21.10.2019").as_deref(), Some("2019-10-21"));
/// assert_eq!(marked_date("mardi 5 juin 2018").as_deref(), Some("2018-06-05"));
/// assert_eq!(marked_date("10/21/2019"), None);
/// assert_eq!(marked_date("10.21.2019, 21.10.2019").as_deref(), Some("2019-10-21"));
/// ```
pub fn marked_date(text: &str) -> Option<String> {
    static DOTTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^0-9.])([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})(?:$|[^0-9.])").unwrap());
    static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b([0-9]{1,2})(?:er)?\s+(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+([0-9]{4})\b").unwrap()
    });
    const MOIS: [&str; 12] = ["jan", "f", "mar", "av", "mai", "juin", "juil", "ao", "sep", "oct", "nov", "d"];
    let date = |year: &str, month: Option<u32>, day: &str| {
        let (year, month, day) = (year.parse().ok()?, month?, day.parse().ok()?);
        valid(year, month, day).then(|| format!("{year:04}-{month:02}-{day:02}"))
    };
    let dotted = || DOTTED.captures_iter(text).find_map(|c| date(&c[3], c[2].parse().ok(), &c[1]));
    let french = || {
        FRENCH.captures_iter(text).find_map(|c| {
            let name = c[2].to_lowercase();
            let month = MOIS.iter().position(|p| name.starts_with(p)).map(|i| i as u32 + 1);
            date(&c[3], month, &c[1])
        })
    };
    first_date(text).or_else(dotted).or_else(french)
}

/// The local date of a page's `<time datetime>` value when it is the same instant as
/// `published`, a date-time with its zone (`article:published_time`): the date the page shows
/// in its own zone, which may be the day before or after the UTC date. A `time` with its own
/// offset must be the same instant (missing seconds count as `:00`); one without an offset
/// must give its seconds, as `published` must, and be a whole quarter of an hour (at most 14
/// hours) from it.
///
/// ```
/// use newsgraph::ingest::local_date;
/// let published = "2022-04-29T02:08:28+00:00";
/// assert_eq!(local_date(published, "2022-04-28T22:08:28-04:00").as_deref(), Some("2022-04-28"));
/// assert_eq!(local_date(published, "2022-04-28 20:08:28").as_deref(), Some("2022-04-28"));
/// assert_eq!(local_date(published, "2022-04-28T20:24:21-04:00"), None);
/// assert_eq!(local_date("2022-04-29T02:08:28", "2022-04-28 20:08:28"), None);
/// ```
pub fn local_date(published: &str, time: &str) -> Option<String> {
    let (at, zone, seconds) = date_time(published)?;
    let (local, time_zone, time_seconds) = date_time(time)?;
    let utc = at - zone?;
    let same = match time_zone {
        Some(offset) => local - offset == utc,
        None => {
            let shift = local - utc;
            seconds && time_seconds && shift % 900 == 0 && shift.abs() <= 14 * 3600
        }
    };
    let date = time.trim().get(..10)?;
    same.then(|| normalize_date(date)).flatten()
}

/// An ISO date-time as (its wall-clock seconds since 1970, its zone offset in seconds when it
/// has one, whether it gives seconds).
fn date_time(value: &str) -> Option<(i64, Option<i64>, bool)> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?$")
            .unwrap()
    });
    let c = TIME.captures(value.trim())?;
    let n = |i: usize| c.get(i).map_or(Some(0), |m| m.as_str().parse::<i64>().ok());
    let (year, month, day) = (n(1)?, n(2)?, n(3)?);
    if !valid(year as u32, month as u32, day as u32) {
        return None;
    }
    // days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm)
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let at = days * 86_400 + n(4)? * 3600 + n(5)? * 60 + n(6)?;
    let zone = c.get(7).map(|z| {
        let z = z.as_str().replace(':', "");
        if z == "Z" {
            return 0;
        }
        let sign = if z.starts_with('-') { -1 } else { 1 };
        let (h, m): (i64, i64) = (z[1..3].parse().unwrap_or(0), z[3..5].parse().unwrap_or(0));
        sign * (h * 3600 + m * 60)
    });
    Some((at, zone, c.get(6).is_some()))
}
