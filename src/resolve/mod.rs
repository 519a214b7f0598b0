//! Resolution: mentions → entities within one article, with canonical keys that are equal
//! across articles for the same entity.
//!
//! Tiers, in order: gazetteer keys (countries with their aliases and demonyms, capitals,
//! known organisations); normalised names ("U.S." = "US"); acronyms defined in the text or
//! made of a name's initials; a person's single name part joins the one full name it fits,
//! and stays unresolved when two people fit ("Clinton" with Bill and Hillary Clinton).
//! Types never merge.
//!
//! ```
//! use newsgraph::model::*;
//! use newsgraph::resolve::{Resolver, ListResolver};
//! let text = "Angela Merkel spoke. Merkel left.";
//! let m = |s, e| Mention { span: Span::new(s, e), kind: EntityKind::Person, form: MentionForm::Name,
//!     score: 1.0, rule: MentionRule::Given, gazetteer_key: None };
//! let doc = newsgraph::segment::segment(text);
//! let r = ListResolver::new().resolve(&doc, &[m(0, 13), m(21, 27)]);
//! assert_eq!(r.entities.len(), 1);
//! assert_eq!(r.entities[0].key, "person:angela merkel");
//! assert_eq!(r.entities[0].aliases.iter().collect::<Vec<_>>(), ["Merkel"]);
//! ```

mod alias;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::lexicon::{Lexicon, Sex};
use crate::model::{Document, Entity, EntityId, EntityKind, Mention, MentionForm, MentionId, Resolution, Tier};

pub use alias::{is_acronym_of, normalize};

/// Pairs of entities of different types that share a name ("Jordan" the country and "Michael
/// Jordan", whose surname it is; "Georgia" the country and a place): kept apart, and logged in
/// the merge log as `ng:sameNameAs`. Indices into `entities`, each pair once, sorted.
///
/// ```
/// use newsgraph::model::{Entity, EntityKind};
/// let e = |kind, key: &str, name: &str| Entity { kind, key: key.into(), name: name.into(),
///     aliases: Default::default(), wikidata: None, capital_of: None, nationality: None,
///     part_of: None, mentions: vec![] };
/// let entities = [e(EntityKind::Person, "person:michael jordan", "Michael Jordan"),
///                 e(EntityKind::Country, "country:JOR", "Jordan")];
/// assert_eq!(newsgraph::resolve::same_name_conflicts(&entities), [(0, 1)]);
/// ```
pub fn same_name_conflicts(entities: &[Entity]) -> Vec<(usize, usize)> {
    let forms = |e: &Entity| -> BTreeSet<String> {
        let mut f: BTreeSet<String> = std::iter::once(&e.name).chain(&e.aliases).map(|n| normalize(n)).collect();
        if e.kind == EntityKind::Person {
            if let Some(last) = normalize(&e.name).rsplit(' ').next() {
                f.insert(last.to_owned());
            }
        }
        f
    };
    let all: Vec<BTreeSet<String>> = entities.iter().map(forms).collect();
    let mut out = Vec::new();
    for a in 0..entities.len() {
        for b in a + 1..entities.len() {
            if entities[a].kind != entities[b].kind && !all[a].is_disjoint(&all[b]) {
                out.push((a, b));
            }
        }
    }
    out
}

/// Resolves an article's mentions into entities.
pub trait Resolver: Send + Sync {
    /// Groups `mentions` (in text order) into entities.
    fn resolve(&self, doc: &Document, mentions: &[Mention]) -> Resolution;
}

/// The tiered, list-based resolver.
#[derive(Debug, Clone)]
pub struct ListResolver {
    lexicon: Arc<Lexicon>,
    /// Country names, aliases and demonyms (lower case) → country key, for organisations named
    /// after their country ("Japan's Foreign Ministry") and nationalities.
    countries: BTreeMap<String, String>,
    /// Tier 7: resolve "he" and "she" (off by default).
    pronouns: bool,
}

impl ListResolver {
    /// A resolver over the built-in lexicon.
    pub fn new() -> Self {
        ListResolver::with_lexicon(Lexicon::builtin())
    }

    /// A resolver over the given lexicon.
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        let mut countries: BTreeMap<String, String> = BTreeMap::new();
        let mut ambiguous = BTreeSet::new();
        for c in lexicon.countries.iter().filter(|c| !c.former) {
            for form in std::iter::once(&c.name).chain(&c.aliases).chain(&c.demonyms) {
                let form = form.to_lowercase();
                match countries.get(&form) {
                    Some(k) if *k != c.key() => {
                        ambiguous.insert(form);
                    }
                    Some(_) => {}
                    None => {
                        countries.insert(form, c.key());
                    }
                }
            }
        }
        for form in ambiguous {
            countries.remove(&form);
        }
        ListResolver { lexicon, countries, pronouns: false }
    }

    /// The country an organisation's name starts with, and the rest of the name, when the rest
    /// ends with a word of state bodies and parties ("Japan's Foreign Ministry", "the Japanese
    /// Foreign Ministry" → `country:JPN`, "foreign ministry"; not "Japan Airlines" or "US Bank").
    fn country_and_rest(&self, name: &str) -> Option<(String, String)> {
        let norm = normalize(name);
        let (head, rest) = match norm.split_once("'s ") {
            Some((country, rest)) => (self.countries.get(country)?.clone(), rest.to_owned()),
            None => {
                let words: Vec<&str> = norm.split(' ').collect();
                (1..=3.min(words.len().saturating_sub(1))).rev().find_map(|k| {
                    let key = self.countries.get(&words[..k].join(" "))?;
                    Some((key.clone(), words[k..].join(" ")))
                })?
            }
        };
        let last = rest.rsplit(' ').next()?;
        GOVERNMENT_HEADS.contains(&last).then_some((head, rest))
    }

    /// An organisation name without its trailing legal forms ("Northwind Energy Ltd" → "Northwind Energy").
    fn without_legal_form<'s>(&self, name: &'s str) -> &'s str {
        let mut name = name.trim();
        while let Some((rest, last)) = name.rsplit_once(' ') {
            if !self.lexicon.is_legal_form(last.trim_end_matches(',')) {
                break;
            }
            name = rest.trim_end_matches(',').trim_end();
        }
        name
    }

    /// "the North" after "North Korea": a compass word names the one country named earlier in
    /// the article whose name starts with it (the Koreas, the Sudans), whatever its tagged type.
    fn compass_country(&self, mentions: &[Mention], i: usize, surface: &str) -> Option<Draft> {
        let m = &mentions[i];
        if m.gazetteer_key.is_some()
            || m.kind == EntityKind::Person
            || !matches!(surface, "North" | "South" | "East" | "West")
        {
            return None;
        }
        let prefix = format!("{surface} ");
        let mut countries: Vec<&str> = mentions[..i]
            .iter()
            .filter_map(|n| n.gazetteer_key.as_deref().filter(|k| k.starts_with("country:")))
            .filter(|k| {
                let iso3 = k.trim_start_matches("country:");
                self.lexicon.country_by_iso3(iso3).is_some_and(|c| c.name.starts_with(&prefix))
            })
            .collect();
        countries.sort_unstable();
        countries.dedup();
        match countries[..] {
            [key] => self.known(EntityKind::Country, key, surface),
            _ => None,
        }
    }

    /// The entity a gazetteer key stands for: its key, table name, Wikidata id and capital-of link.
    fn known(&self, kind: EntityKind, gazetteer_key: &str, surface: &str) -> Option<Draft> {
        let (table, id) = gazetteer_key.split_once(':')?;
        let draft = |key, table_name, wikidata, capital_of| Draft {
            kind,
            key,
            table_name,
            wikidata,
            capital_of,
            part_of: None,
            nationality: None,
            mentions: Vec::new(),
        };
        match table {
            "country" => {
                let c = self.lexicon.country_by_iso3(id)?;
                Some(draft(c.key(), Some(c.name.clone()), c.qid.clone(), None))
            }
            "org" => {
                let o = self.lexicon.organisation(id)?;
                Some(draft(gazetteer_key.to_owned(), Some(o.name.clone()), o.qid.clone(), None))
            }
            "capital" => {
                let c = self.lexicon.country_by_iso3(id)?;
                Some(draft(format!("place:{}", normalize(surface)), None, None, Some(c.key())))
            }
            _ => None,
        }
    }
}

/// Last words of organisations that belong to a country: ministries, parties, armed forces …
const GOVERNMENT_HEADS: [&str; 20] = [
    "ministry",
    "party",
    "army",
    "navy",
    "embassy",
    "consulate",
    "parliament",
    "government",
    "police",
    "department",
    "agency",
    "council",
    "commission",
    "senate",
    "cabinet",
    "military",
    "forces",
    "guard",
    "assembly",
    "office",
];

/// Head words of definite descriptions: organisation heads, and the person roles whose title
/// before a name marks that person ("spokesman Kenji Watanabe").
const COMPANY_WORDS: [&str; 2] = ["company", "firm"];
const ROLE_WORDS: [&str; 6] = ["spokesman", "spokeswoman", "spokesperson", "minister", "president", "chancellor"];

impl ListResolver {
    /// Tier 6: "the ministry", "the company", "the spokesman" refer to the one entity named
    /// earlier in the article that fits: an organisation whose name ends with the word (a
    /// company, with a legal form, for "company" and "firm"), or a person titled with it.
    /// Two that fit, or none, and the description stays unresolved.
    fn descriptions(
        &self,
        doc: &Document,
        mentions: &[Mention],
        entities: &[Entity],
        mention_entity: &[Option<EntityId>],
    ) -> Vec<(crate::model::Span, EntityId)> {
        let inside_mention = |i: usize| {
            let t = doc.tokens[i].span;
            mentions.iter().any(|m| m.span.overlaps(t))
        };
        // titles right before each person mention ("spokesman Kenji Watanabe")
        let titled = |m: &Mention, word: &str| {
            let first = doc.token_at_or_after(m.span.start);
            (1..=3.min(first)).any(|n| {
                let phrase = doc.phrase(first - n..first).to_lowercase();
                phrase.split(' ').next_back() == Some(word) && self.lexicon.title(&phrase).is_some()
            })
        };
        let mut out = Vec::new();
        for i in 1..doc.tokens.len() {
            if !matches!(doc.token_text(i - 1), "the" | "The") || inside_mention(i) {
                continue;
            }
            let word = doc.token_text(i);
            if !word.chars().all(char::is_lowercase) {
                continue;
            }
            let org = self.lexicon.is_org_head(word) || COMPANY_WORDS.contains(&word);
            let person = ROLE_WORDS.contains(&word);
            if !org && !person {
                continue;
            }
            // "the ministry's" and "the ministry" alike; not "the ministry of ..." (a new name)
            if doc.token_text(i + 1) == "of" {
                continue;
            }
            let start = doc.tokens[i - 1].span.start;
            let mut fits: Vec<EntityId> = Vec::new();
            for (j, m) in mentions.iter().enumerate().filter(|(_, m)| m.span.end <= start) {
                let Some(e) = mention_entity[j] else { continue };
                let entity = &entities[e.0 as usize];
                let ok = match entity.kind {
                    EntityKind::Organisation if org => {
                        if COMPANY_WORDS.contains(&word) {
                            std::iter::once(&entity.name)
                                .chain(&entity.aliases)
                                .any(|n| n.rsplit(' ').next().is_some_and(|w| self.lexicon.is_legal_form(w)))
                        } else {
                            normalize(&entity.name).rsplit(' ').next() == Some(word)
                        }
                    }
                    EntityKind::Person if person => titled(m, word),
                    _ => false,
                };
                if ok && !fits.contains(&e) {
                    fits.push(e);
                }
            }
            if let [e] = fits[..] {
                out.push((crate::model::Span::new(start, doc.tokens[i].span.end), e));
            }
        }
        out
    }
}

impl ListResolver {
    /// Turns tier 7 on or off: "he" and "she" join a person. Off by default, because its
    /// precision on GUM is below 0.9 (`newsgraph eval coref --pronouns`).
    pub fn with_pronouns(mut self, on: bool) -> Self {
        self.pronouns = on;
        self
    }

    /// Tier 7: "he" or "she" refers to the nearest person before it, in its sentence or the two
    /// before, who is a sentence's subject (named at the sentence's start, after titles at
    /// most), whose given name does not say the other sex, and when no other person who could
    /// be meant is named between the two. A pronoun inside a quotation is left alone.
    fn pronouns(
        &self,
        doc: &Document,
        mentions: &[Mention],
        entities: &[Entity],
        mention_entity: &[Option<EntityId>],
    ) -> Vec<(crate::model::Span, EntityId)> {
        let sentence_of = |offset: usize| doc.sentence_at(offset).unwrap_or(0);
        // named at the sentence's start, after titles and capitalised words at most
        let is_subject = |span: crate::model::Span| {
            let first = doc.token_at_or_after(doc.sentences[sentence_of(span.start)].span.start);
            let at = doc.token_at_or_after(span.start);
            (first..at).all(|k| {
                let w = doc.token_text(k);
                matches!(w, "The" | "\"" | "“")
                    || doc.is_capitalised(k)
                    || self.lexicon.title(&w.to_lowercase()).is_some()
            })
        };
        let sex_of = |e: EntityId| {
            let first = entities[e.0 as usize].name.split_whitespace().next().unwrap_or("");
            self.lexicon.given_name_sex(first)
        };
        // people named, then pronouns as they are resolved: (span, entity, is a subject)
        let mut people: Vec<(crate::model::Span, EntityId, bool)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == EntityKind::Person)
            .filter_map(|(i, m)| Some((m.span, mention_entity[i]?, is_subject(m.span))))
            .collect();
        let mut out = Vec::new();
        for (k, token) in doc.tokens.iter().enumerate() {
            let wanted = match doc.token_text(k) {
                "he" | "He" => Sex::Male,
                "she" | "She" => Sex::Female,
                _ => continue,
            };
            let at = token.span.start;
            let line_start = doc.text[..at].rfind('\n').map_or(0, |n| n + 1);
            let before = &doc.text[line_start..at];
            let quotes = before.matches('"').count() + before.matches('“').count() + before.matches('”').count();
            if quotes % 2 == 1 {
                continue;
            }
            let floor = doc.sentences[sentence_of(at).saturating_sub(2)].span.start;
            let fits = |e: EntityId| sex_of(e).is_none_or(|sex| sex == wanted);
            let window: Vec<&(crate::model::Span, EntityId, bool)> =
                people.iter().filter(|(span, ..)| span.start >= floor && span.end <= at).collect();
            let Some(i) = window.iter().rposition(|&&(_, e, subject)| subject && fits(e)) else {
                continue;
            };
            let e = window[i].1;
            let rival = window[i + 1..].iter().any(|&&(_, other, _)| other != e && fits(other));
            if !rival {
                out.push((token.span, e));
                let position = people.partition_point(|(span, ..)| span.start < at);
                // a resolved pronoun carries its person on ("He was born … where he met …")
                people.insert(position, (token.span, e, true));
            }
        }
        out
    }
}

impl Default for ListResolver {
    fn default() -> Self {
        ListResolver::new()
    }
}

/// An entity under construction.
struct Draft {
    kind: EntityKind,
    key: String,
    table_name: Option<String>,
    wikidata: Option<String>,
    capital_of: Option<String>,
    part_of: Option<String>,
    nationality: Option<String>,
    mentions: Vec<usize>,
}

impl Resolver for ListResolver {
    fn resolve(&self, doc: &Document, mentions: &[Mention]) -> Resolution {
        let surface = |i: usize| doc.slice(mentions[i].span);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut by_key: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
        let mut of_mention: Vec<Option<usize>> = vec![None; mentions.len()];
        let mut tier: Vec<Option<Tier>> = vec![None; mentions.len()];
        // `tier` holds the reason each mention joined its draft (`first` for the one that founded
        // it); `first` and `exact` are settled in text order at the end
        let mut add = |drafts: &mut Vec<Draft>,
                       of_mention: &mut Vec<Option<usize>>,
                       tier: &mut Vec<Option<Tier>>,
                       i: usize,
                       draft: Draft,
                       otherwise: Tier| {
            let slot = *by_key.entry((draft.kind, draft.key.clone())).or_insert_with(|| {
                drafts.push(Draft { mentions: Vec::new(), ..draft });
                drafts.len() - 1
            });
            tier[i] = Some(if drafts[slot].mentions.is_empty() { Tier::First } else { otherwise });
            drafts[slot].mentions.push(i);
            of_mention[i] = Some(slot);
        };
        let plain = |kind: EntityKind, key: String| Draft {
            kind,
            key,
            table_name: None,
            wikidata: None,
            capital_of: None,
            part_of: None,
            nationality: None,
            mentions: Vec::new(),
        };

        // tier 1 and 2: gazetteer keys, then normalised names (single person names wait)
        let mut single_persons = Vec::new();
        let mut acronyms = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let s = surface(i);
            if let Some(draft) = m.gazetteer_key.as_deref().and_then(|k| self.known(m.kind, k, s)) {
                let otherwise = if draft.key.starts_with("place:") { Tier::Normalised } else { Tier::Gazetteer };
                add(&mut drafts, &mut of_mention, &mut tier, i, draft, otherwise);
                continue;
            }
            if let Some(draft) = self.compass_country(mentions, i, s) {
                add(&mut drafts, &mut of_mention, &mut tier, i, draft, Tier::NamePart);
                continue;
            }
            let norm = normalize(s);
            if m.kind == EntityKind::Person && !norm.contains(' ') {
                single_persons.push(i);
            } else if m.kind == EntityKind::Organisation && !norm.contains(' ') {
                acronyms.push(i);
            } else if m.kind == EntityKind::Organisation {
                // "Castlegate Holdings Inc." and "Castlegate Holdings" are one company; "Japan's
                // Foreign Ministry" and "the Japanese Foreign Ministry" are one ministry of Japan
                let name = self.without_legal_form(s);
                // "Japan's Foreign Ministry" is often two mentions: the country, then the ministry
                let owner = i.checked_sub(1).filter(|&j| {
                    mentions[j].kind == EntityKind::Country
                        && matches!(doc.text.get(mentions[j].span.end..m.span.start), Some("'s " | "’s "))
                });
                let owned = owner.map(|j| format!("{}'s {name}", surface(j)));
                let draft = match self.country_and_rest(owned.as_deref().unwrap_or(name)) {
                    Some((country, rest)) => {
                        let iso = country.trim_start_matches("country:").to_lowercase();
                        Draft { part_of: Some(country), ..plain(m.kind, format!("organization:{iso} {rest}")) }
                    }
                    None => plain(m.kind, format!("organization:{}", normalize(name))),
                };
                add(&mut drafts, &mut of_mention, &mut tier, i, draft, Tier::Normalised);
            } else {
                let key = format!("{}:{norm}", m.kind.slug());
                add(&mut drafts, &mut of_mention, &mut tier, i, plain(m.kind, key), Tier::Normalised);
            }
        }

        // tier 3: acronyms, from a parenthesis right after the expansion or from initials;
        // once defined, an acronym keeps its entity for the rest of the article
        let mut defined: BTreeMap<String, usize> = BTreeMap::new();
        for i in acronyms {
            let m = &mentions[i];
            let s = surface(i);
            let in_parenthesis = (0..i).rev().find(|&j| {
                let between = doc.text.get(mentions[j].span.end..m.span.start).unwrap_or("");
                between.trim() == "(" && mentions[j].kind == m.kind
            });
            let by_initials = || {
                drafts.iter().position(|d| d.kind == m.kind && d.mentions.iter().any(|&j| is_acronym_of(s, surface(j))))
            };
            let found = in_parenthesis
                .and_then(|j| of_mention[j])
                .map(|slot| (slot, Tier::AcronymDefined))
                .or_else(|| defined.get(s).map(|&slot| (slot, Tier::AcronymDefined)))
                .or_else(|| by_initials().map(|slot| (slot, Tier::Initials)));
            match found {
                Some((slot, how)) => {
                    defined.insert(s.to_owned(), slot);
                    tier[i] = Some(how);
                    drafts[slot].mentions.push(i);
                    of_mention[i] = Some(slot);
                }
                None => {
                    let key = format!("{}:{}", m.kind.slug(), normalize(s));
                    add(&mut drafts, &mut of_mention, &mut tier, i, plain(m.kind, key), Tier::Normalised)
                }
            }
        }

        // an acronym used before its definition ("Ofgem fines …" in a headline, then "the Office
        // of Gas and Electricity Markets (Ofgem)") joins the defined entity too
        for (acronym, &slot) in &defined {
            let kind = drafts[slot].kind;
            let key = format!("{}:{}", kind.slug(), normalize(acronym));
            let early: Vec<usize> =
                (0..drafts.len()).filter(|&d| d != slot && drafts[d].kind == kind && drafts[d].key == key).collect();
            for d in early {
                merge_drafts(&mut drafts, &mut tier, &mut of_mention, d, slot, Tier::AcronymDefined);
            }
        }

        // tier 4: a shorter full name joins the one longer name with the same first and last
        // words ("Joshua Norton" → "Joshua Abraham Norton"); generational suffixes are ignored
        let person_words = |d: &Draft| -> Vec<String> {
            d.key
                .trim_start_matches("person:")
                .split(' ')
                .filter(|w| !matches!(*w, "jr" | "sr" | "i" | "ii" | "iii" | "iv"))
                .map(str::to_owned)
                .collect()
        };
        for b in 0..drafts.len() {
            if drafts[b].kind != EntityKind::Person || drafts[b].mentions.is_empty() {
                continue;
            }
            let short = person_words(&drafts[b]);
            if short.len() < 2 {
                continue;
            }
            let longer: Vec<usize> = (0..drafts.len())
                .filter(|&a| {
                    a != b && drafts[a].kind == EntityKind::Person && !drafts[a].mentions.is_empty() && {
                        let long = person_words(&drafts[a]);
                        long.len() > short.len()
                            && long[0] == short[0]
                            && long.last() == short.last()
                            && short.iter().all(|w| long.contains(w))
                    }
                })
                .collect();
            if let [a] = longer[..] {
                merge_drafts(&mut drafts, &mut tier, &mut of_mention, b, a, Tier::NameVariant);
            }
        }

        // tier 5: a single person name joins the one full name whose first or last word it is
        for i in single_persons {
            let norm = normalize(surface(i));
            let fits: Vec<usize> = (0..drafts.len())
                .filter(|&d| {
                    drafts[d].kind == EntityKind::Person && !drafts[d].mentions.is_empty() && {
                        let words = person_words(&drafts[d]);
                        words.len() >= 2 && (words.last() == Some(&norm) || words[0] == norm)
                    }
                })
                .collect();
            match fits[..] {
                [slot] => {
                    tier[i] = Some(Tier::NamePart);
                    drafts[slot].mentions.push(i);
                    of_mention[i] = Some(slot);
                }
                [] => {
                    let key = format!("person:{norm}");
                    add(&mut drafts, &mut of_mention, &mut tier, i, plain(EntityKind::Person, key), Tier::Normalised)
                }
                _ => {} // ambiguous: left unresolved
            }
        }

        // a bare organisation name joins the one country's organisation of that name named
        // before it ("Liberal Party" after "Canada's Liberal Party"); with two ("Foreign
        // Ministry" after Japan's and China's) it stays apart
        for b in 0..drafts.len() {
            if drafts[b].kind != EntityKind::Organisation
                || drafts[b].part_of.is_some()
                || drafts[b].mentions.is_empty()
            {
                continue;
            }
            let Some(rest) = drafts[b].key.strip_prefix("organization:").map(str::to_owned) else { continue };
            // only organisations named before the bare name count: "Foreign Ministry spokesman"
            // after "Japan's Foreign Ministry" and before "China's Foreign Ministry" is Japan's
            let first = drafts[b].mentions.iter().min().copied().unwrap_or(0);
            let owners: Vec<usize> = (0..drafts.len())
                .filter(|&a| {
                    drafts[a].part_of.is_some()
                        && drafts[a].mentions.iter().min().is_some_and(|&m| m < first)
                        && drafts[a].key.split_once(' ').is_some_and(|(_, r)| r == rest)
                })
                .collect();
            if let [a] = owners[..] {
                merge_drafts(&mut drafts, &mut tier, &mut of_mention, b, a, Tier::Normalised);
            }
        }

        // a demonym right before a person, titles between, is the person's nationality
        // ("French President Emmanuel Macron"): a typed link, never a merge
        for (i, m) in mentions.iter().enumerate() {
            let (MentionForm::Demonym, Some(country)) = (m.form, of_mention[i]) else { continue };
            let Some(next) = mentions.get(i + 1).filter(|n| n.kind == EntityKind::Person) else { continue };
            let Some(person) = of_mention[i + 1] else { continue };
            let mut t = doc.token_at_or_after(m.span.end);
            let target = doc.token_at_or_after(next.span.start);
            while t < target {
                let title = (1..=self.lexicon.max_title_words().min(target - t))
                    .rev()
                    .find(|&n| self.lexicon.title(&doc.phrase(t..t + n)).is_some());
                match title {
                    Some(n) => t += n,
                    None => break,
                }
            }
            if t == target && drafts[person].nationality.is_none() {
                drafts[person].nationality = Some(drafts[country].key.clone());
            }
        }

        // order entities by first mention; name = table name, else the longest name form
        // tiers in text order: the earliest mention is `first`; a later one with an earlier
        // mention's surface is `exact`; any other keeps the reason it joined for, and the mention
        // that founded the draft (when it is not the earliest) the reason the earliest joined for
        let mut settled: Vec<(usize, Tier)> = Vec::new();
        for d in &mut drafts {
            d.mentions.sort_unstable();
            let Some(&earliest) = d.mentions.first() else { continue };
            let earliest_reason = tier[earliest].filter(|t| *t != Tier::First).unwrap_or(Tier::Normalised);
            for (k, &i) in d.mentions.iter().enumerate() {
                let t = if k == 0 {
                    Tier::First
                } else if d.mentions[..k].iter().any(|&j| surface(j) == surface(i)) {
                    Tier::Exact
                } else {
                    match tier[i] {
                        Some(Tier::First) | None => earliest_reason,
                        Some(t) => t,
                    }
                };
                settled.push((i, t));
            }
        }
        for (i, t) in settled {
            tier[i] = Some(t);
        }
        let mut order: Vec<usize> = (0..drafts.len()).filter(|&d| !drafts[d].mentions.is_empty()).collect();
        order.sort_by_key(|&d| drafts[d].mentions[0]);
        let mut new_id = vec![0u32; drafts.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new as u32;
        }
        let entities: Vec<Entity> = order
            .iter()
            .map(|&d| {
                let draft = &drafts[d];
                let names: Vec<&str> = draft
                    .mentions
                    .iter()
                    .filter(|&&i| mentions[i].form == MentionForm::Name)
                    .map(|&i| surface(i))
                    .collect();
                let name = draft.table_name.clone().unwrap_or_else(|| {
                    // the longest name, written in mixed case where there is one ("Tallinn", not "TALLINN")
                    let best = names.iter().copied().max_by_key(|n| {
                        let mixed = n.chars().any(char::is_lowercase);
                        (mixed, n.chars().count(), std::cmp::Reverse(*n))
                    });
                    best.unwrap_or_else(|| surface(draft.mentions[0])).to_owned()
                });
                let name = match draft.kind {
                    // a place known only from an upper-case dateline ("LONDON") is named "London"
                    EntityKind::Place if !name.chars().any(char::is_lowercase) => title_case_words(&name),
                    // "Castlegate Holdings Inc." and "Castlegate Holdings" get one label in every
                    // article: the name without its legal form (the full form stays an alias)
                    EntityKind::Organisation if draft.table_name.is_none() => {
                        let name = self.without_legal_form(&name).to_owned();
                        // a country's organisation has one label in every article, made from its
                        // key: "Japan's Foreign Ministry" (for "the Japanese Foreign Ministry" too)
                        let country = draft
                            .part_of
                            .as_deref()
                            .and_then(|c| self.lexicon.country_by_iso3(c.trim_start_matches("country:")));
                        match (country, draft.key.split_once(' ')) {
                            (Some(country), Some((_, rest))) => {
                                format!("{}'s {}", country.name, title_case_words(rest))
                            }
                            _ => name,
                        }
                    }
                    _ => name,
                };
                let aliases: BTreeSet<String> = names.iter().filter(|n| **n != name).map(|n| (*n).to_owned()).collect();
                Entity {
                    kind: draft.kind,
                    key: draft.key.clone(),
                    name,
                    aliases,
                    wikidata: draft.wikidata.clone(),
                    capital_of: draft.capital_of.clone(),
                    nationality: draft.nationality.clone(),
                    part_of: draft.part_of.clone(),
                    mentions: draft.mentions.iter().map(|&i| MentionId(i as u32)).collect(),
                }
            })
            .collect();
        let mention_entity: Vec<Option<EntityId>> = of_mention.iter().map(|s| s.map(|d| EntityId(new_id[d]))).collect();
        let descriptions = self.descriptions(doc, mentions, &entities, &mention_entity);
        let pronouns =
            if self.pronouns { self.pronouns(doc, mentions, &entities, &mention_entity) } else { Vec::new() };
        Resolution { entities, mention_entity, mention_tier: tier, descriptions, pronouns }
    }
}

/// Moves every mention of draft `from` into draft `to`: the mention that founded `from` joins
/// for `reason`, the others keep the reason they joined `from` for.
fn merge_drafts(
    drafts: &mut [Draft],
    tier: &mut [Option<Tier>],
    of_mention: &mut [Option<usize>],
    from: usize,
    to: usize,
    reason: Tier,
) {
    for i in std::mem::take(&mut drafts[from].mentions) {
        if tier[i] == Some(Tier::First) {
            tier[i] = Some(reason);
        }
        drafts[to].mentions.push(i);
        of_mention[i] = Some(to);
    }
}

fn title_case_words(s: &str) -> String {
    s.split(' ').map(crate::lexicon::title_case).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MentionRule, Span};

    fn mention(text: &str, surface: &str, nth: usize, kind: EntityKind, key: Option<&str>) -> Mention {
        let start = text.match_indices(surface).nth(nth).unwrap().0;
        Mention {
            span: Span::new(start, start + surface.len()),
            kind,
            form: MentionForm::Name,
            score: 1.0,
            rule: MentionRule::Given,
            gazetteer_key: key.map(str::to_owned),
        }
    }

    fn names(r: &Resolution) -> Vec<(String, Vec<String>)> {
        r.entities.iter().map(|e| (e.name.clone(), e.aliases.iter().cloned().collect())).collect()
    }

    #[test]
    fn resolve_shared_surname_stays_unresolved() {
        let text = "Bill Clinton and Hillary Clinton met. Clinton said no.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Bill Clinton", 0, EntityKind::Person, None),
            mention(text, "Hillary Clinton", 0, EntityKind::Person, None),
            mention(text, "Clinton", 2, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 2);
        assert_eq!(r.entity_of(MentionId(2)), None);
    }

    #[test]
    fn resolve_acronym_joins_parenthesised_expansion() {
        let text = "the International Atomic Energy Agency (IAEA) said. The IAEA added.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "International Atomic Energy Agency", 0, EntityKind::Organisation, None),
            mention(text, "IAEA", 0, EntityKind::Organisation, None),
            mention(text, "IAEA", 1, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(names(&r), [("International Atomic Energy Agency".to_owned(), vec!["IAEA".to_owned()])]);
    }

    #[test]
    fn resolve_country_aliases_are_one_entity() {
        let text = "US and U.S. and United States";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "US", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "U.S.", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "United States", 0, EntityKind::Country, Some("country:USA")),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.entities[0].key, "country:USA");
        assert_eq!(r.entities[0].wikidata.as_deref(), Some("Q30"));
        assert_eq!(r.entities[0].aliases.len(), 2);
    }

    #[test]
    fn resolve_compass_word_names_the_one_country_that_starts_with_it() {
        let text = "North Korea and South Korea met. The North said no. North Sudan? The North agreed.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "North Korea", 0, EntityKind::Country, Some("country:PRK")),
            mention(text, "South Korea", 0, EntityKind::Country, Some("country:KOR")),
            mention(text, "North", 2, EntityKind::Place, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entity(r.entity_of(MentionId(2)).unwrap()).key, "country:PRK");
        assert_eq!(r.tier_of(MentionId(2)), Some(Tier::NamePart));
        // a compass word before any country of that name stays a place of its own
        let text = "The South voted. South Korea said.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "South", 0, EntityKind::Place, None),
            mention(text, "South Korea", 0, EntityKind::Country, Some("country:KOR")),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entity(r.entity_of(MentionId(0)).unwrap()).key, "place:south");
    }

    #[test]
    fn resolve_pronouns_only_when_asked_and_unambiguous() {
        let text = "Maria Lopez met Carlos Ruiz. She said the talks went well. \
                    \"He is wrong,\" she added. Ruiz left. He declined to comment.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Maria Lopez", 0, EntityKind::Person, None),
            mention(text, "Carlos Ruiz", 0, EntityKind::Person, None),
            mention(text, "Ruiz", 1, EntityKind::Person, None),
        ];
        assert!(ListResolver::new().resolve(&doc, &ms).pronouns.is_empty(), "off by default");
        let r = ListResolver::new().with_pronouns(true).resolve(&doc, &ms);
        let links: Vec<(&str, &str)> =
            r.pronouns.iter().map(|&(span, e)| (doc.slice(span), r.entity(e).name.as_str())).collect();
        // "She" is Maria Lopez (the subject; Carlos is not a she); "He" inside the quotation is
        // left alone; the last "He" is Ruiz, the subject of the sentence before
        assert_eq!(links, [("She", "Maria Lopez"), ("she", "Maria Lopez"), ("He", "Carlos Ruiz")]);
        // two men named since the subject: ambiguous, unresolved
        let text = "John Smith met Peter Brown. He said no.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "John Smith", 0, EntityKind::Person, None),
            mention(text, "Peter Brown", 0, EntityKind::Person, None),
        ];
        assert!(ListResolver::new().with_pronouns(true).resolve(&doc, &ms).pronouns.is_empty());
    }

    #[test]
    fn resolve_logs_the_tier_of_every_merge() {
        let text = "Kadri Saar of the International Atomic Energy Agency (IAEA) met U.S. officials. \
                    Saar said the IAEA and the US agreed. IAEA staff and Kadri Saar left.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Kadri Saar", 0, EntityKind::Person, None),
            mention(text, "International Atomic Energy Agency", 0, EntityKind::Organisation, None),
            mention(text, "IAEA", 0, EntityKind::Organisation, None),
            mention(text, "U.S.", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "Saar", 1, EntityKind::Person, None),
            mention(text, "IAEA", 1, EntityKind::Organisation, None),
            mention(text, "US", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "IAEA", 2, EntityKind::Organisation, None),
            mention(text, "Kadri Saar", 1, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let tiers: Vec<Option<Tier>> = (0..ms.len()).map(|i| r.tier_of(MentionId(i as u32))).collect();
        assert_eq!(
            tiers,
            [
                Some(Tier::First),
                Some(Tier::First),
                Some(Tier::AcronymDefined),
                Some(Tier::First),
                Some(Tier::NamePart),
                Some(Tier::Exact),
                Some(Tier::Gazetteer),
                Some(Tier::Exact),
                Some(Tier::Exact),
            ]
        );
        assert_eq!(r.entities.len(), 3);
    }

    #[test]
    fn resolve_shorter_full_name_joins_the_longer_one() {
        let text = "Joshua Abraham Norton arrived. Joshua Norton, or Norton I, left. Norton died.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Joshua Abraham Norton", 0, EntityKind::Person, None),
            mention(text, "Joshua Norton", 0, EntityKind::Person, None),
            mention(text, "Norton I", 0, EntityKind::Person, None),
            mention(text, "Norton", 3, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let same = |a: u32, b: u32| r.entity_of(MentionId(a)) == r.entity_of(MentionId(b));
        assert!(same(0, 1) && same(0, 3), "{:?}", names(&r));
        assert_eq!(r.tier_of(MentionId(1)), Some(Tier::NameVariant));
        assert_eq!(r.tier_of(MentionId(3)), Some(Tier::NamePart));
    }

    #[test]
    fn resolve_two_countries_foreign_ministries_stay_two_and_join_their_variants() {
        let text = "Japan's Foreign Ministry protested. The Japanese Foreign Ministry added more. \
                    China's Foreign Ministry replied. The Foreign Ministry said no.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Japan", 0, EntityKind::Country, Some("country:JPN")),
            mention(text, "Foreign Ministry", 0, EntityKind::Organisation, None),
            mention(text, "Japanese Foreign Ministry", 0, EntityKind::Organisation, None),
            mention(text, "China", 0, EntityKind::Country, Some("country:CHN")),
            mention(text, "Foreign Ministry", 2, EntityKind::Organisation, None),
            mention(text, "Foreign Ministry", 3, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let key = |i: u32| r.entity_of(MentionId(i)).map(|e| r.entity(e).key.clone());
        assert_eq!(key(1).as_deref(), Some("organization:jpn foreign ministry"));
        assert_eq!(key(2), key(1));
        assert_eq!(key(4).as_deref(), Some("organization:chn foreign ministry"));
        // a bare "the Foreign Ministry" with two ministries in the article joins neither
        assert_ne!(key(5), key(1));
        assert_ne!(key(5), key(4));
        let japan = r.entity(r.entity_of(MentionId(1)).unwrap());
        assert_eq!(japan.part_of.as_deref(), Some("country:JPN"));
    }

    #[test]
    fn resolve_demonym_before_a_titled_person_is_a_nationality_link() {
        let text = "French President Emmanuel Macron spoke.";
        let doc = crate::segment::segment(text);
        let mut demonym = mention(text, "French", 0, EntityKind::Country, Some("country:FRA"));
        demonym.form = MentionForm::Demonym;
        let ms = [demonym, mention(text, "Emmanuel Macron", 0, EntityKind::Person, None)];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 2, "the person is not merged into the country");
        let macron = r.entity(r.entity_of(MentionId(1)).unwrap());
        assert_eq!(macron.nationality.as_deref(), Some("country:FRA"));
    }

    #[test]
    fn resolve_acronym_used_before_its_definition_joins_it() {
        let text = "Ofgem fines firm. The Office of Gas and Electricity Markets (Ofgem) said so.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Ofgem", 0, EntityKind::Organisation, None),
            mention(text, "Office of Gas and Electricity Markets", 0, EntityKind::Organisation, None),
            mention(text, "Ofgem", 1, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 1, "{:?}", names(&r));
        assert_eq!(r.entities[0].name, "Office of Gas and Electricity Markets");
        assert_eq!(r.tier_of(MentionId(0)), Some(Tier::First));
    }

    #[test]
    fn resolve_never_merges_across_types() {
        let text = "Jordan said Jordan";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Jordan", 0, EntityKind::Person, None),
            mention(text, "Jordan", 1, EntityKind::Country, Some("country:JOR")),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 2);
    }
}
