//! Exact matching of known names: countries (names, aliases, demonyms), capitals and
//! organisations (names, aliases, acronyms), on token boundaries, longest match first.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::Lexicon;
use crate::model::{EntityKind, MentionForm, Span};

/// What a gazetteer surface form stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Entity type.
    pub kind: EntityKind,
    /// Name or demonym.
    pub form: MentionForm,
    /// Table key: `country:FRA`, `org:iaea`, or `capital:FRA` for a capital city.
    pub key: String,
}

/// An Aho-Corasick automaton over every known surface form.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    automaton: AhoCorasick,
    entries: Vec<Entry>,
    by_form: HashMap<String, usize>,
}

impl Gazetteer {
    /// Indexes the lexicon's countries, capitals and organisations. A surface form claimed by
    /// two different entries (a demonym shared by two countries) is left out as ambiguous.
    pub fn new(lexicon: &Lexicon) -> Self {
        let mut forms: Vec<(String, Entry, bool)> = Vec::new();
        // former states last: they never make a current state's forms ambiguous
        let (current, former): (Vec<_>, Vec<_>) = lexicon.countries.iter().partition(|c| !c.former);
        for c in current.into_iter().chain(former) {
            let key = c.key();
            let entry = |kind, form, key: &str| Entry { kind, form, key: key.to_owned() };
            forms.push((c.name.clone(), entry(EntityKind::Country, MentionForm::Name, &key), c.former));
            for a in &c.aliases {
                forms.push((a.clone(), entry(EntityKind::Country, MentionForm::Name, &key), c.former));
            }
            for d in &c.demonyms {
                forms.push((d.clone(), entry(EntityKind::Country, MentionForm::Demonym, &key), c.former));
            }
            for cap in &c.capitals {
                let capital = entry(EntityKind::Place, MentionForm::Name, &format!("capital:{}", c.iso3));
                forms.push((cap.clone(), capital, c.former));
            }
        }
        for o in &lexicon.organisations {
            let entry =
                Entry { kind: EntityKind::Organisation, form: MentionForm::Name, key: format!("org:{}", o.key) };
            for name in std::iter::once(&o.name).chain(&o.aliases).chain(&o.acronyms) {
                forms.push((name.clone(), entry.clone(), false));
            }
        }
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut ambiguous = Vec::new();
        for (form, entry, from_former) in forms {
            if form.chars().count() < 2 {
                continue;
            }
            match by_form.get(&form) {
                Some(_) if from_former => {}
                // the same form for two entities of one kind ("Congolese") is ambiguous;
                // across kinds the first wins (countries are listed first)
                Some(&i) if entries[i].key != entry.key && entries[i].kind == entry.kind => ambiguous.push(form),
                Some(_) => {}
                None => {
                    by_form.insert(form, entries.len());
                    entries.push(entry);
                }
            }
        }
        for form in ambiguous {
            by_form.remove(&form);
        }
        let mut patterns: Vec<(&String, usize)> = by_form.iter().map(|(f, &i)| (f, i)).collect();
        patterns.sort();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(f, _)| f.as_str()))
            .expect("gazetteer automaton builds");
        let order: Vec<usize> = patterns.iter().map(|&(_, i)| i).collect();
        let entries_in_pattern_order = order.iter().map(|&i| entries[i].clone()).collect();
        let by_form = patterns.iter().enumerate().map(|(p, (f, _))| ((*f).clone(), p)).collect();
        Gazetteer { automaton, entries: entries_in_pattern_order, by_form }
    }

    /// Every match in `text` whose ends fall on token boundaries, leftmost-longest.
    /// `starts` and `ends` are sorted token start and end offsets.
    pub fn find(&self, text: &str, starts: &[usize], ends: &[usize]) -> Vec<(Span, &Entry)> {
        self.automaton
            .find_iter(text)
            .filter(|m| starts.binary_search(&m.start()).is_ok() && ends.binary_search(&m.end()).is_ok())
            .map(|m| (Span::new(m.start(), m.end()), &self.entries[m.pattern().as_usize()]))
            .collect()
    }

    /// The entry of a surface form: exact, or a dotted abbreviation written with spaces or
    /// without its last dot, as when it ends a sentence ("U. S." and "U.S" for "U.S.").
    ///
    /// ```
    /// use newsgraph::lexicon::{Gazetteer, Lexicon};
    /// let g = Gazetteer::new(&Lexicon::builtin());
    /// assert_eq!(g.lookup("U.S").map(|e| e.key.as_str()), Some("country:USA"));
    /// assert_eq!(g.lookup("U. S.").map(|e| e.key.as_str()), Some("country:USA"));
    /// ```
    pub fn lookup(&self, form: &str) -> Option<&Entry> {
        let get = |f: &str| self.by_form.get(f).map(|&i| &self.entries[i]);
        get(form).or_else(|| {
            if !form.contains('.') {
                return None;
            }
            let mut dotted = form.replace(". ", ".");
            if dotted.ends_with(|c: char| c.is_uppercase()) {
                dotted.push('.');
            }
            (dotted != form).then(|| get(&dotted)).flatten()
        })
    }
}
