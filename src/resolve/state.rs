//! The resolver's working state: entities under construction ("drafts"), which draft each
//! mention belongs to, and why it joined.

use std::collections::BTreeMap;

use crate::model::{EntityKind, Tier};

/// An entity under construction.
pub(super) struct Draft {
    pub kind: EntityKind,
    pub key: String,
    /// The name the lexicon gives it (a known country or organisation).
    pub table_name: Option<String>,
    pub wikidata: Option<String>,
    pub capital_of: Option<String>,
    pub part_of: Option<String>,
    pub nationality: Option<String>,
    /// Its mentions, by index (in the order they joined until the tiers are settled).
    pub mentions: Vec<usize>,
}

impl Draft {
    /// A draft known by its key alone.
    pub fn plain(kind: EntityKind, key: String) -> Self {
        Draft {
            kind,
            key,
            table_name: None,
            wikidata: None,
            capital_of: None,
            part_of: None,
            nationality: None,
            mentions: Vec::new(),
        }
    }

    /// A person's name words from the key, without generational suffixes ("jr", "iii").
    pub fn person_words(&self) -> Vec<String> {
        self.key
            .trim_start_matches("person:")
            .split(' ')
            .filter(|w| !matches!(*w, "jr" | "sr" | "i" | "ii" | "iii" | "iv"))
            .map(str::to_owned)
            .collect()
    }

    /// True for a person draft that still has mentions (one not merged into another).
    pub fn is_live_person(&self) -> bool {
        self.kind == EntityKind::Person && !self.mentions.is_empty()
    }
}

/// Drafts, and for each mention its draft and the reason it joined it.
pub(super) struct State {
    pub drafts: Vec<Draft>,
    /// The draft of each (type, key): a mention with the same key joins it.
    by_key: BTreeMap<(EntityKind, String), usize>,
    /// For each mention, its draft.
    pub of_mention: Vec<Option<usize>>,
    /// For each mention, the reason it joined its draft (`first` for the one that founded it);
    /// `first` and `exact` are settled in text order at the end.
    pub tier: Vec<Option<Tier>>,
}

impl State {
    /// No drafts yet, for `mentions` mentions.
    pub fn new(mentions: usize) -> Self {
        State {
            drafts: Vec::new(),
            by_key: BTreeMap::new(),
            of_mention: vec![None; mentions],
            tier: vec![None; mentions],
        }
    }

    /// Mention `i` joins the draft of `draft`'s type and key, which is made from `draft` when
    /// there is none yet: as its first mention, or for the reason `otherwise`.
    pub fn add(&mut self, i: usize, draft: Draft, otherwise: Tier) {
        let drafts = &mut self.drafts;
        let slot = *self.by_key.entry((draft.kind, draft.key.clone())).or_insert_with(|| {
            drafts.push(Draft { mentions: Vec::new(), ..draft });
            drafts.len() - 1
        });
        let reason = if self.drafts[slot].mentions.is_empty() { Tier::First } else { otherwise };
        self.join(i, slot, reason);
    }

    /// Mention `i` joins draft `slot` for `reason`.
    pub fn join(&mut self, i: usize, slot: usize, reason: Tier) {
        self.tier[i] = Some(reason);
        self.drafts[slot].mentions.push(i);
        self.of_mention[i] = Some(slot);
    }

    /// Gives draft `slot` a new key and country (a bare "defence ministry" bound to the one
    /// country of its article), or merges it into the draft that has that key already.
    pub fn rekey(&mut self, slot: usize, key: String, part_of: String, reason: Tier) {
        let kind = self.drafts[slot].kind;
        match self.by_key.get(&(kind, key.clone())).copied() {
            Some(to) if to != slot => self.merge(slot, to, reason),
            _ => {
                self.by_key.insert((kind, key.clone()), slot);
                self.drafts[slot].key = key;
                self.drafts[slot].part_of = Some(part_of);
            }
        }
    }

    /// Leaves the mentions of draft `slot` unresolved.
    pub fn unresolve(&mut self, slot: usize) {
        for i in std::mem::take(&mut self.drafts[slot].mentions) {
            self.of_mention[i] = None;
            self.tier[i] = None;
        }
    }

    /// Moves every mention of draft `from` into draft `to`: the mention that founded `from`
    /// joins for `reason`, the others keep the reason they joined `from` for.
    pub fn merge(&mut self, from: usize, to: usize, reason: Tier) {
        for i in std::mem::take(&mut self.drafts[from].mentions) {
            if self.tier[i] == Some(Tier::First) {
                self.tier[i] = Some(reason);
            }
            self.drafts[to].mentions.push(i);
            self.of_mention[i] = Some(to);
        }
    }
}
