//! From drafts to entities: the merge log's tiers settled in text order, entities ordered by
//! first mention and named.

use std::collections::BTreeSet;

use super::state::{Draft, State};
use super::{title_case_words, Input, ListResolver};
use crate::model::{Entity, EntityId, EntityKind, MentionForm, MentionId, Resolution, Tier};

impl ListResolver {
    /// The entities of the drafts that kept mentions, ordered by first mention, with the
    /// mention → entity map and each mention's tier; no descriptions or pronouns yet.
    pub(super) fn entities(&self, input: &Input<'_>, mut state: State) -> Resolution {
        settle_tiers(input, &mut state);
        let drafts = &state.drafts;
        let mut order: Vec<usize> = (0..drafts.len()).filter(|&d| !drafts[d].mentions.is_empty()).collect();
        order.sort_by_key(|&d| drafts[d].mentions[0]);
        let mut new_id = vec![0u32; drafts.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new as u32;
        }
        let entities: Vec<Entity> = order.iter().map(|&d| self.entity(input, &drafts[d])).collect();
        let mention_entity: Vec<Option<EntityId>> =
            state.of_mention.iter().map(|s| s.map(|d| EntityId(new_id[d]))).collect();
        Resolution { entities, mention_entity, mention_tier: state.tier, ..Resolution::default() }
    }

    /// The entity of a draft, named by its table name, else its longest name form.
    fn entity(&self, input: &Input<'_>, draft: &Draft) -> Entity {
        let names: Vec<&str> = draft
            .mentions
            .iter()
            .filter(|&&i| input.mentions[i].form == MentionForm::Name)
            .map(|&i| input.surface(i))
            .collect();
        // a person named by a title alone as well ("the State Department Spokesperson") is named
        // by the name
        let names = match draft.kind {
            EntityKind::Person => {
                let named: Vec<&str> = names.iter().copied().filter(|n| !self.is_title_alone(n)).collect();
                if named.is_empty() {
                    names
                } else {
                    named
                }
            }
            _ => names,
        };
        let name = draft.table_name.clone().unwrap_or_else(|| {
            // the longest name, written in mixed case where there is one ("Tallinn", not "TALLINN")
            let best = names.iter().copied().max_by_key(|n| {
                let mixed = n.chars().any(char::is_lowercase);
                (mixed, n.chars().count(), std::cmp::Reverse(*n))
            });
            best.unwrap_or_else(|| input.surface(draft.mentions[0])).to_owned()
        });
        let name = self.label(draft, name);
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
            ticker: (draft.kind == EntityKind::Organisation)
                .then(|| draft.mentions.iter().find_map(|&i| input.doc.ticker_after(input.mentions[i].span.end)))
                .flatten()
                .map(str::to_owned),
            mentions: draft.mentions.iter().map(|&i| MentionId(i as u32)).collect(),
        }
    }

    /// The label of a draft whose best name form is `name`.
    fn label(&self, draft: &Draft, name: String) -> String {
        match draft.kind {
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
                        // "India's Defence Ministry", "United States' Treasury"
                        let owner = if country.name.ends_with('s') { "'" } else { "'s" };
                        format!("{}{owner} {}", country.name, title_case_words(rest))
                    }
                    _ => name,
                }
            }
            _ => name,
        }
    }
}

/// The tiers in text order: the earliest mention of a draft is `first`; a later one with an
/// earlier mention's surface is `exact`; any other keeps the reason it joined for, and the
/// mention that founded the draft (when it is not the earliest) the reason the earliest
/// joined for. Sorts each draft's mentions.
fn settle_tiers(input: &Input<'_>, state: &mut State) {
    let mut settled: Vec<(usize, Tier)> = Vec::new();
    for d in &mut state.drafts {
        d.mentions.sort_unstable();
        let Some(&earliest) = d.mentions.first() else { continue };
        let earliest_reason = state.tier[earliest].filter(|t| *t != Tier::First).unwrap_or(Tier::Normalised);
        for (k, &i) in d.mentions.iter().enumerate() {
            let t = if k == 0 {
                Tier::First
            } else if d.mentions[..k].iter().any(|&j| input.surface(j) == input.surface(i)) {
                Tier::Exact
            } else {
                match state.tier[i] {
                    Some(Tier::First) | None => earliest_reason,
                    Some(t) => t,
                }
            };
            settled.push((i, t));
        }
    }
    for (i, t) in settled {
        state.tier[i] = Some(t);
    }
}
