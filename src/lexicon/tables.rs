//! Parsing the CSV tables of `data/` into a [`Lexicon`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use super::words::Words;
use super::{BoilerplateKind, Country, Cue, Lexicon, Organisation, Sex, TitleKind, WordSet};
use crate::error::{Error, Result};
use crate::model::{content_id, EntityKind, Predicate};

/// The file names of the tables, relative to the data folder.
pub(super) const FILES: [&str; 11] = [
    "gazetteer/countries.csv",
    "gazetteer/organisations.csv",
    "gazetteer/given_names.csv",
    "gazetteer/surnames.csv",
    "gazetteer/titles.csv",
    "gazetteer/org_keywords.csv",
    "gazetteer/boilerplate.csv",
    "cues/verbs.csv",
    "gazetteer/actors.csv",
    "cues/nouns.csv",
    "gazetteer/words.csv",
];

/// One table's file name and text.
type Source = (String, String);

/// The text of every table, in [`FILES`] order.
pub(super) struct Sources(Vec<Source>);

pub(super) fn builtin() -> Sources {
    let texts = [
        include_str!("../../data/gazetteer/countries.csv"),
        include_str!("../../data/gazetteer/organisations.csv"),
        include_str!("../../data/gazetteer/given_names.csv"),
        include_str!("../../data/gazetteer/surnames.csv"),
        include_str!("../../data/gazetteer/titles.csv"),
        include_str!("../../data/gazetteer/org_keywords.csv"),
        include_str!("../../data/gazetteer/boilerplate.csv"),
        include_str!("../../data/cues/verbs.csv"),
        include_str!("../../data/gazetteer/actors.csv"),
        include_str!("../../data/cues/nouns.csv"),
        include_str!("../../data/gazetteer/words.csv"),
    ];
    Sources(FILES.iter().zip(texts).map(|(name, text)| (format!("data/{name}"), text.to_owned())).collect())
}

pub(super) fn read_dir(dir: &Path) -> Result<Sources> {
    FILES
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            Ok((path.display().to_string(), text))
        })
        .collect::<Result<_>>()
        .map(Sources)
}

/// One table: rows as maps from column name to value, with line numbers for errors.
struct Table<'a> {
    path: &'a str,
    headers: Vec<String>,
    rows: Vec<(usize, csv::StringRecord)>,
}

impl<'a> Table<'a> {
    fn parse(path: &'a str, text: &str, required: &[&str]) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let bad = |line: usize, reason: String| Error::Data { path: path.to_owned(), line, reason };
        let headers: Vec<String> =
            reader.headers().map_err(|e| bad(1, e.to_string()))?.iter().map(str::to_owned).collect();
        for column in required {
            if !headers.iter().any(|h| h == column) {
                return Err(bad(1, format!("missing column `{column}`")));
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                bad(line, e.to_string())
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            rows.push((line, record));
        }
        Ok(Table { path, headers, rows })
    }

    fn column(&self, name: &str) -> usize {
        self.headers.iter().position(|h| h == name).expect("checked in parse")
    }

    fn error(&self, line: usize, reason: impl Into<String>) -> Error {
        Error::Data { path: self.path.to_owned(), line, reason: reason.into() }
    }
}

fn multi(value: &str) -> Vec<String> {
    value.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// A Wikidata id (`Q` and digits), or `None` for an empty cell.
fn qid(table: &Table<'_>, line: usize, value: &str) -> Result<Option<String>> {
    match optional(value) {
        Some(q) if q.len() < 2 || !q.starts_with('Q') || !q[1..].bytes().all(|b| b.is_ascii_digit()) => {
            Err(table.error(line, format!("`{q}` is not a Wikidata id (Q followed by digits)")))
        }
        q => Ok(q),
    }
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

pub(super) fn parse(sources: &Sources) -> Result<Lexicon> {
    let [countries, orgs, given, surnames, titles, keywords, boilerplate, verbs, actors, nouns, words] = &sources.0[..]
    else {
        unreachable!("Sources always holds every table");
    };
    // in `FILES` order, but for actors before nouns, so that the first bad table is always the same one
    let countries = self::countries(countries)?;
    let organisations = self::organisations(orgs)?;
    let given_names = self::given_names(given)?;
    let surnames = names(surnames)?;
    let titles = self::titles(titles)?;
    let (org_heads, legal_forms) = org_keywords(keywords)?;
    let boilerplate = self::boilerplate(boilerplate)?;
    let cues = verb_cues(verbs)?;
    let noun_cues = self::noun_cues(nouns)?;
    let actors = self::actors(actors)?;
    let words = self::words(words)?;
    Ok(Lexicon {
        actors,
        countries,
        organisations,
        given_names,
        surnames,
        max_title_words: titles.keys().map(|t| t.split_whitespace().count()).max().unwrap_or(1),
        titles,
        org_heads,
        legal_forms,
        cues,
        noun_cues,
        boilerplate_lines: boilerplate_lines(&boilerplate)?,
        boilerplate,
        words,
        digest: content_id("tables", &sources.0.iter().map(|(_, text)| text.as_bytes()).collect::<Vec<_>>()),
    })
}

/// `gazetteer/countries.csv`.
fn countries(source: &Source) -> Result<Vec<Country>> {
    let cols = ["qid", "iso2", "iso3", "name", "aliases", "demonyms", "capitals"];
    let t = Table::parse(&source.0, &source.1, &cols)?;
    let [qid, iso2, iso3, name, aliases, demonyms, capitals] = cols.map(|c| t.column(c));
    let status = t.headers.iter().position(|h| h == "status");
    let mut rows = Vec::new();
    for (line, r) in &t.rows {
        if r[name].trim().is_empty() || r[iso3].trim().is_empty() {
            return Err(t.error(*line, "a country needs `name` and `iso3`"));
        }
        rows.push(Country {
            qid: self::qid(&t, *line, &r[qid])?,
            iso2: r[iso2].trim().to_owned(),
            iso3: r[iso3].trim().to_owned(),
            name: r[name].trim().to_owned(),
            aliases: multi(&r[aliases]),
            demonyms: multi(&r[demonyms]),
            capitals: multi(&r[capitals]),
            former: status.is_some_and(|c| r[c].starts_with("former")),
        });
    }
    Ok(rows)
}

/// `gazetteer/organisations.csv`.
fn organisations(source: &Source) -> Result<Vec<Organisation>> {
    let cols = ["key", "name", "kind", "acronyms", "aliases", "qid", "country_iso2"];
    let t = Table::parse(&source.0, &source.1, &cols)?;
    let [key, name, kind, acronyms, aliases, qid, country] = cols.map(|c| t.column(c));
    let mut rows = Vec::new();
    let mut keys = HashSet::default();
    for (line, r) in &t.rows {
        if r[key].trim().is_empty() || r[name].trim().is_empty() {
            return Err(t.error(*line, "an organisation needs `key` and `name`"));
        }
        if !keys.insert(r[key].trim().to_owned()) {
            return Err(t.error(*line, format!("duplicate key `{}`", &r[key])));
        }
        rows.push(Organisation {
            key: r[key].trim().to_owned(),
            name: r[name].trim().to_owned(),
            kind: r[kind].trim().to_owned(),
            acronyms: multi(&r[acronyms]),
            aliases: multi(&r[aliases]),
            qid: self::qid(&t, *line, &r[qid])?,
            country_iso2: optional(&r[country]),
        });
    }
    Ok(rows)
}

/// `gazetteer/given_names.csv`: names, with the sex they say where they say one.
fn given_names(source: &Source) -> Result<HashMap<String, Option<Sex>>> {
    let t = Table::parse(&source.0, &source.1, &["name"])?;
    let (name, sex) = (t.column("name"), t.headers.iter().position(|h| h == "sex"));
    let mut given_names = HashMap::default();
    for (line, r) in &t.rows {
        let value = match sex.map(|c| r[c].trim()) {
            None | Some("") => None,
            Some("F") => Some(Sex::Female),
            Some("M") => Some(Sex::Male),
            Some(other) => return Err(t.error(*line, format!("sex `{other}` is not F, M or empty"))),
        };
        if !r[name].trim().is_empty() {
            given_names.insert(r[name].trim().to_owned(), value);
        }
    }
    Ok(given_names)
}

/// A table of names in a `name` column (`gazetteer/surnames.csv`).
fn names(source: &Source) -> Result<HashSet<String>> {
    let t = Table::parse(&source.0, &source.1, &["name"])?;
    let c = t.column("name");
    Ok(t.rows.iter().map(|(_, r)| r[c].trim().to_owned()).filter(|n| !n.is_empty()).collect())
}

/// `gazetteer/titles.csv`: lower-case titles without a final dot.
fn titles(source: &Source) -> Result<HashMap<String, TitleKind>> {
    let t = Table::parse(&source.0, &source.1, &["title", "kind", "role"])?;
    let [title, kind, role] = ["title", "kind", "role"].map(|c| t.column(c));
    let mut titles = HashMap::default();
    for (line, r) in &t.rows {
        let value = match (r[kind].trim(), r[role].trim()) {
            ("honorific", _) => TitleKind::Honorific,
            ("position", "") => TitleKind::Position(None),
            ("position", "spokesperson") => TitleKind::Position(Some(Predicate::SpokespersonOf)),
            ("position", "leader") => TitleKind::Position(Some(Predicate::LeaderOf)),
            ("position", "member" | "employee") => TitleKind::Position(Some(Predicate::WorksFor)),
            (k, r) => return Err(t.error(*line, format!("unknown kind/role `{k}`/`{r}`"))),
        };
        titles.insert(r[title].trim().trim_end_matches('.').to_lowercase(), value);
    }
    Ok(titles)
}

/// `gazetteer/org_keywords.csv`: organisation head words, and legal forms.
fn org_keywords(source: &Source) -> Result<(HashSet<String>, HashSet<String>)> {
    let t = Table::parse(&source.0, &source.1, &["word", "kind"])?;
    let [word, kind] = ["word", "kind"].map(|c| t.column(c));
    let (mut org_heads, mut legal_forms) = (HashSet::default(), HashSet::default());
    for (line, r) in &t.rows {
        match r[kind].trim() {
            "head" => org_heads.insert(r[word].trim().to_lowercase()),
            "legal_form" => legal_forms.insert(r[word].trim().trim_end_matches('.').to_owned()),
            other => return Err(t.error(*line, format!("unknown kind `{other}`"))),
        };
    }
    Ok((org_heads, legal_forms))
}

/// One automaton over the `line` phrases of `gazetteer/boilerplate.csv`.
fn boilerplate_lines(rows: &[(String, BoilerplateKind)]) -> Result<aho_corasick::AhoCorasick> {
    let phrases = rows.iter().filter(|(_, kind)| *kind == BoilerplateKind::Line).map(|(p, _)| p.as_str());
    aho_corasick::AhoCorasick::new(phrases).map_err(|e| Error::Data {
        path: "gazetteer/boilerplate.csv".into(),
        line: 0,
        reason: e.to_string(),
    })
}

/// `gazetteer/boilerplate.csv`: lower-case patterns.
fn boilerplate(source: &Source) -> Result<Vec<(String, BoilerplateKind)>> {
    let t = Table::parse(&source.0, &source.1, &["pattern", "kind"])?;
    let [pattern, kind] = ["pattern", "kind"].map(|c| t.column(c));
    let mut boiler = Vec::new();
    for (line, r) in &t.rows {
        let k = match r[kind].trim() {
            "line" => BoilerplateKind::Line,
            "prefix" => BoilerplateKind::Prefix,
            other => return Err(t.error(*line, format!("unknown kind `{other}`"))),
        };
        boiler.push((r[pattern].trim().to_lowercase(), k));
    }
    Ok(boiler)
}

/// `cues/verbs.csv`: verb cues by lower-case word form.
fn verb_cues(source: &Source) -> Result<HashMap<String, Cue>> {
    let cols = ["form", "lemma", "predicate", "cameo", "speech"];
    let t = Table::parse(&source.0, &source.1, &cols)?;
    let [form, lemma, predicate, cameo, speech] = cols.map(|c| t.column(c));
    let mut cues = HashMap::default();
    for (line, r) in &t.rows {
        let predicate = Predicate::from_name(r[predicate].trim())
            .ok_or_else(|| t.error(*line, format!("unknown predicate `{}`", &r[predicate])))?;
        let cue = Cue {
            lemma: r[lemma].trim().to_owned(),
            predicate,
            cameo: optional(&r[cameo]).filter(|c| c != "---"),
            speech: r[speech].trim() == "1",
        };
        cues.insert(r[form].trim().to_lowercase(), cue);
    }
    Ok(cues)
}

/// `cues/nouns.csv`: noun cues by lower-case word form; none for speech or a role.
fn noun_cues(source: &Source) -> Result<HashMap<String, Cue>> {
    let cols = ["form", "lemma", "predicate", "cameo"];
    let t = Table::parse(&source.0, &source.1, &cols)?;
    let [form, lemma, predicate, cameo] = cols.map(|c| t.column(c));
    let mut noun_cues = HashMap::default();
    for (line, r) in &t.rows {
        let predicate = Predicate::from_name(r[predicate].trim())
            .ok_or_else(|| t.error(*line, format!("unknown predicate `{}`", &r[predicate])))?;
        if predicate == Predicate::Said || predicate.is_role() {
            return Err(t.error(*line, format!("a noun cue cannot signal `{}`", predicate.name())));
        }
        let cue = Cue {
            lemma: r[lemma].trim().to_owned(),
            predicate,
            cameo: optional(&r[cameo]).filter(|c| c != "---"),
            speech: false,
        };
        noun_cues.insert(r[form].trim().to_lowercase(), cue);
    }
    Ok(noun_cues)
}

/// `gazetteer/actors.csv`: names of people and organisations, with their type.
/// `gazetteer/words.csv`: `set,word` rows. An unknown set, an empty word or a word given twice
/// in one set is an error with its line.
fn words(source: &Source) -> Result<Words> {
    let t = Table::parse(&source.0, &source.1, &["set", "word"])?;
    let [set, word] = ["set", "word"].map(|c| t.column(c));
    let mut words = Words::default();
    for (line, r) in &t.rows {
        let name = r[set].trim();
        let s = WordSet::from_name(name).ok_or_else(|| t.error(*line, format!("unknown word set `{name}`")))?;
        let w = r[word].trim();
        if w.is_empty() {
            return Err(t.error(*line, "empty word"));
        }
        if !words.insert(s, w) {
            return Err(t.error(*line, format!("`{w}` is in `{name}` twice")));
        }
    }
    Ok(words)
}

fn actors(source: &Source) -> Result<Vec<(String, EntityKind)>> {
    let t = Table::parse(&source.0, &source.1, &["name", "kind"])?;
    let [name, kind] = ["name", "kind"].map(|c| t.column(c));
    let mut rows = Vec::new();
    for (line, r) in &t.rows {
        let kind = match r[kind].trim() {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organisation,
            other => return Err(t.error(*line, format!("actor kind `{other}` is not PER or ORG"))),
        };
        rows.push((r[name].trim().to_owned(), kind));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_words_report_bad_rows_with_line() {
        let err = |text: &str| words(&("words.csv".to_owned(), text.to_owned())).unwrap_err().to_string();
        assert!(
            err("set,word\nweekday,Monday\nweekdays,Tuesday\n").ends_with("words.csv:3: unknown word set `weekdays`")
        );
        assert!(err("set,word\nweekday,\n").ends_with("words.csv:2: empty word"));
        assert!(err("set,word\nstop,The\nstop,The\n").ends_with("words.csv:3: `The` is in `stop` twice"));
        assert!(err("set\nstop\n").ends_with("words.csv:1: missing column `word`"));
    }
}
