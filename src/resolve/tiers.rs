//! Tiers 1 to 5 of the resolver, which group mentions into drafts, and the links made
//! between drafts (a country's organisations, a person's nationality). Each tier is one
//! function over the [`State`]; [`super::ListResolver`]'s `resolve` calls them in order.

use std::collections::BTreeMap;

use super::state::{Draft, State};
use super::{is_acronym_of, normalize, Input, ListResolver};
use crate::lexicon::WordSet;
use crate::model::{EntityKind, Mention, MentionForm, Tier};

/// The mentions that tiers 1 and 2 leave to later tiers.
pub(super) struct Deferred {
    /// Organisation names of one word, maybe acronyms (tier 3).
    pub acronyms: Vec<usize>,
    /// Person names of one word (tier 5).
    pub single_names: Vec<usize>,
}

impl ListResolver {
    /// Tiers 1 and 2: gazetteer keys (and a compass word for the one country it starts),
    /// then normalised names. One-word person and organisation names wait for tiers 3 and 5.
    pub(super) fn known_and_normalised(&self, input: &Input<'_>, state: &mut State) -> Deferred {
        let mut deferred = Deferred { acronyms: Vec::new(), single_names: Vec::new() };
        for (i, m) in input.mentions.iter().enumerate() {
            let s = input.surface(i);
            if let Some(draft) = m.gazetteer_key.as_deref().and_then(|k| self.known(m.kind, k, s)) {
                if let Some(local) = self.generic_elsewhere(input, i, &draft) {
                    state.add(i, local, Tier::Normalised);
                    continue;
                }
                let otherwise = if draft.key.starts_with("place:") { Tier::Normalised } else { Tier::Gazetteer };
                state.add(i, draft, otherwise);
                continue;
            }
            if let Some(draft) = self.compass_country(input.mentions, i, s) {
                state.add(i, draft, Tier::NamePart);
                continue;
            }
            let norm = normalize(s);
            if m.kind == EntityKind::Person && !norm.contains(' ') {
                deferred.single_names.push(i);
            } else if m.kind == EntityKind::Organisation && !norm.contains(' ') && m.form != MentionForm::Description {
                deferred.acronyms.push(i);
            } else if m.kind == EntityKind::Organisation {
                state.add(i, self.organisation(input, i), Tier::Normalised);
            } else if m.kind == EntityKind::Person {
                let key = format!("person:{}", self.person_core(s, &norm));
                state.add(i, Draft::plain(m.kind, key), Tier::Normalised);
            } else {
                let key = format!("{}:{norm}", m.kind.slug());
                state.add(i, Draft::plain(m.kind, key), Tier::Normalised);
            }
        }
        deferred
    }

    /// The draft of organisation mention `i`. "Castlegate Holdings Inc." and "Castlegate
    /// Holdings" are one company; "Japan's Foreign Ministry" and "the Japanese Foreign
    /// Ministry" are one ministry of Japan.
    fn organisation(&self, input: &Input<'_>, i: usize) -> Draft {
        let (mentions, m) = (input.mentions, &input.mentions[i]);
        let name = self.without_legal_form(input.surface(i));
        // "Japan's Foreign Ministry" is often two mentions: the country, then the ministry; so
        // are "the Indian defence ministry", "the US treasury" and "the trade ministry of Peru"
        let gap = |a: usize, b: usize| input.doc.text.get(a..b).unwrap_or("");
        let country = |j: usize| mentions[j].kind == EntityKind::Country;
        let before = i.checked_sub(1).filter(|&j| country(j)).and_then(|j| {
            let written = input.surface(j);
            match gap(mentions[j].span.end, m.span.start) {
                "'s " | "’s " => Some(format!("{written}'s {name}")),
                " " if mentions[j].form == MentionForm::Demonym || m.form == MentionForm::Description => {
                    Some(format!("{written} {name}"))
                }
                _ => None,
            }
        });
        let after = || {
            let j = i + 1;
            (j < mentions.len() && country(j) && gap(m.span.end, mentions[j].span.start) == " of ")
                .then(|| format!("{}'s {name}", input.surface(j)))
        };
        let owned = before.or_else(after);
        match self.country_and_rest(owned.as_deref().unwrap_or(name)) {
            Some((country, rest)) => {
                let iso = country.trim_start_matches("country:").to_lowercase();
                Draft { part_of: Some(country), ..Draft::plain(m.kind, format!("organization:{iso} {rest}")) }
            }
            None => Draft::plain(m.kind, format!("organization:{}", normalize(name))),
        }
    }

    /// A national body or party with a name many countries use ("Democratic Party", "Labour
    /// Party", "Foreign Office": the word set `generic_organisation`) is not the table's when
    /// its name is qualified by another country ("Hong Kong's Democratic Party", "the
    /// Australian Labour Party"): gives that country's body, else `None`. An unqualified name
    /// stays the table's: British news about Iraq names Iraq, never Britain, and its "Labour"
    /// is still the British party.
    fn generic_elsewhere(&self, input: &Input<'_>, i: usize, table: &Draft) -> Option<Draft> {
        let org = self.lexicon.organisation(table.key.strip_prefix("org:")?)?;
        let home = self.lexicon.country_by_iso2(org.country_iso2.as_deref()?)?.key();
        if !self.lexicon.is(WordSet::GenericOrganisation, &normalize(input.surface(i))) {
            return None;
        }
        let local = self.organisation(input, i);
        local.part_of.as_ref().is_some_and(|country| *country != home).then_some(local)
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
        // "ministry of home affairs" is the "home affairs ministry"
        let rest = match rest.split_once(" of ") {
            Some((body, domain)) if !body.contains(' ') && !domain.contains(" of ") => format!("{domain} {body}"),
            _ => rest,
        };
        let last = rest.rsplit(' ').next()?;
        self.lexicon.is(WordSet::GovernmentHead, last).then_some((head, rest))
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
            table_name,
            wikidata,
            capital_of,
            ..Draft::plain(kind, key)
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

    /// A demonym right before a person, titles between, is the person's nationality
    /// ("French President Emmanuel Macron"): a typed link, never a merge.
    pub(super) fn nationalities(&self, input: &Input<'_>, state: &mut State) {
        let doc = input.doc;
        for (i, m) in input.mentions.iter().enumerate() {
            let (MentionForm::Demonym, Some(country)) = (m.form, state.of_mention[i]) else { continue };
            let Some(next) = input.mentions.get(i + 1).filter(|n| n.kind == EntityKind::Person) else { continue };
            let Some(person) = state.of_mention[i + 1] else { continue };
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
            if t == target && state.drafts[person].nationality.is_none() {
                state.drafts[person].nationality = Some(state.drafts[country].key.clone());
            }
        }
    }
}

/// Tier 3: acronyms, from a parenthesis right after the expansion or from initials; once
/// defined, an acronym keeps its entity for the rest of the article. Gives the acronyms
/// defined, with their drafts.
pub(super) fn acronyms(input: &Input<'_>, state: &mut State, acronyms: Vec<usize>) -> BTreeMap<String, usize> {
    let mentions = input.mentions;
    let mut defined: BTreeMap<String, usize> = BTreeMap::new();
    // a ticker defines its symbol ("British Petroleum <BP>" … "BP said")
    for (j, m) in mentions.iter().enumerate() {
        let ticker = input.doc.ticker_after(m.span.end).filter(|_| m.kind == EntityKind::Organisation);
        if let (Some(symbol), Some(slot)) = (ticker, state.of_mention[j]) {
            defined.entry(symbol.to_owned()).or_insert(slot);
        }
    }
    for i in acronyms {
        let m = &mentions[i];
        let s = input.surface(i);
        let in_parenthesis = (0..i).rev().find(|&j| {
            let between = input.doc.text.get(mentions[j].span.end..m.span.start).unwrap_or("");
            between.trim() == "(" && mentions[j].kind == m.kind
        });
        let by_initials = || {
            state
                .drafts
                .iter()
                .position(|d| d.kind == m.kind && d.mentions.iter().any(|&j| is_acronym_of(s, input.surface(j))))
        };
        let found = in_parenthesis
            .and_then(|j| state.of_mention[j])
            .map(|slot| (slot, Tier::AcronymDefined))
            .or_else(|| defined.get(s).map(|&slot| (slot, Tier::AcronymDefined)))
            .or_else(|| by_initials().map(|slot| (slot, Tier::Initials)));
        match found {
            Some((slot, how)) => {
                defined.insert(s.to_owned(), slot);
                state.join(i, slot, how);
            }
            None => {
                let key = format!("{}:{}", m.kind.slug(), normalize(s));
                state.add(i, Draft::plain(m.kind, key), Tier::Normalised)
            }
        }
    }
    defined
}

/// Tier 3 again: an acronym used before its definition ("Ofgem fines …" in a headline, then
/// "the Office of Gas and Electricity Markets (Ofgem)") joins the defined entity too.
pub(super) fn acronyms_before_definition(state: &mut State, defined: &BTreeMap<String, usize>) {
    for (acronym, &slot) in defined {
        let kind = state.drafts[slot].kind;
        let key = format!("{}:{}", kind.slug(), normalize(acronym));
        let early: Vec<usize> = (0..state.drafts.len())
            .filter(|&d| d != slot && state.drafts[d].kind == kind && state.drafts[d].key == key)
            .collect();
        for d in early {
            state.merge(d, slot, Tier::AcronymDefined);
        }
    }
}

/// Tier 4: a shorter full name joins the one longer name with the same first and last words
/// ("Joshua Norton" → "Joshua Abraham Norton"); generational suffixes are ignored.
pub(super) fn name_variants(state: &mut State) {
    for b in 0..state.drafts.len() {
        if !state.drafts[b].is_live_person() {
            continue;
        }
        let short = state.drafts[b].person_words();
        if short.len() < 2 {
            continue;
        }
        let longer: Vec<usize> = (0..state.drafts.len())
            .filter(|&a| {
                a != b && state.drafts[a].is_live_person() && {
                    let long = state.drafts[a].person_words();
                    long.len() > short.len()
                        && long[0] == short[0]
                        && long.last() == short.last()
                        && short.iter().all(|w| long.contains(w))
                }
            })
            .collect();
        if let [a] = longer[..] {
            state.merge(b, a, Tier::NameVariant);
        }
    }
}

/// Tier 5: a single person name joins the one full name whose first or last word it is; with
/// two it stays unresolved ("Clinton" with Bill and Hillary Clinton). One that fits none and is
/// no known surname joins the one full name whose surname it misspells.
pub(super) fn name_parts(
    input: &Input<'_>,
    lexicon: &crate::lexicon::Lexicon,
    state: &mut State,
    single_names: Vec<usize>,
) {
    for i in single_names {
        let norm = normalize(input.surface(i));
        let fits: Vec<usize> = (0..state.drafts.len())
            .filter(|&d| {
                state.drafts[d].is_live_person() && {
                    let words = state.drafts[d].person_words();
                    words.len() >= 2 && (words.last() == Some(&norm) || words[0] == norm)
                }
            })
            .collect();
        // a surname misspelt once ("Bauchtman" for "Buchtmann") fits the one name it is close to
        let known = lexicon.is_surname(&crate::lexicon::title_case(&norm));
        let close = || -> Vec<usize> {
            (0..state.drafts.len())
                .filter(|_| !known)
                .filter(|&d| {
                    state.drafts[d].is_live_person() && {
                        let words = state.drafts[d].person_words();
                        words.len() >= 2 && words.last().is_some_and(|w| super::variants::misspelt(&norm, w))
                    }
                })
                .collect()
        };
        match fits[..] {
            [slot] => state.join(i, slot, Tier::NamePart),
            [] => match close()[..] {
                [slot] => state.join(i, slot, Tier::NamePart),
                _ => state.add(i, Draft::plain(EntityKind::Person, format!("person:{norm}")), Tier::Normalised),
            },
            _ => {} // ambiguous: left unresolved
        }
    }
}

/// A bare organisation name joins the one country's organisation of that name named before
/// it ("Liberal Party" after "Canada's Liberal Party"); with two ("Foreign Ministry" after
/// Japan's and China's) it stays apart.
pub(super) fn country_organisations(state: &mut State) {
    for b in 0..state.drafts.len() {
        let drafts = &state.drafts;
        if drafts[b].kind != EntityKind::Organisation || drafts[b].part_of.is_some() || drafts[b].mentions.is_empty() {
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
            state.merge(b, a, Tier::Normalised);
        }
    }
}
