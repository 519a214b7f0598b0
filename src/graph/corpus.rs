//! The corpus view: one description per entity and one aggregate edge per (subject, predicate,
//! object), tallied from what each article says. The tallies only add, and each choice (the
//! label, a link) is made from counts with ties broken by sort order, so the result does not
//! depend on the order articles come in: a build, a rebuild and a load of shards agree.
//!
//! ```
//! use newsgraph::graph::EntityTally;
//! let mut a = EntityTally::default();
//! a.add_articles(1, Some("2024-03-04"), Some("2024-03-04"));
//! a.add_name("Kadri Saar", 2);
//! a.add_articles(2, Some("2024-03-01"), Some("2024-03-02"));
//! a.add_name("Saar", 1);
//! a.add_mentions(5);
//! let e = a.finish("person:kadri saar").unwrap();
//! assert_eq!((e.entity.name.as_str(), e.articles, e.mentions), ("Kadri Saar", 3, 5));
//! assert_eq!(e.entity.aliases.iter().collect::<Vec<_>>(), ["Saar"]);
//! assert_eq!((e.first_date.as_deref(), e.last_date.as_deref()), (Some("2024-03-01"), Some("2024-03-04")));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Entity, EntityKind};

/// An entity as the whole corpus describes it: the fields of an article's [`Entity`] chosen
/// over all articles, and the corpus counts.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusEntity {
    /// Key, type (from the key), canonical label (the name most articles give it; ties go to
    /// the longer name, then to the first in sort order), every other name as aliases, and each
    /// link the most frequent value (ties: the first in sort order); no mentions.
    pub entity: Entity,
    /// Mentions over all articles.
    pub mentions: usize,
    /// Articles that mention it.
    pub articles: usize,
    /// Date of the first dated article that mentions it.
    pub first_date: Option<String>,
    /// Date of the last dated article that mentions it.
    pub last_date: Option<String>,
}

/// One link of an entity that articles state, each perhaps differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// `owl:sameAs` (a Wikidata id).
    Wikidata,
    /// `ng:capitalOf`.
    CapitalOf,
    /// `ng:nationality`.
    Nationality,
    /// `ng:partOf`.
    PartOf,
    /// `ng:ticker`.
    Ticker,
}

/// The most frequent value of a tally; ties go to the first in sort order.
fn most_frequent(counts: &BTreeMap<String, usize>) -> Option<String> {
    // max_by_key keeps the last maximum: iterate in reverse so that it is the first in order
    counts.iter().rev().max_by_key(|(_, &n)| n).map(|(v, _)| v.clone())
}

/// What the articles say of one entity, added up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityTally {
    names: BTreeMap<String, usize>,
    aliases: BTreeSet<String>,
    links: BTreeMap<Link, BTreeMap<String, usize>>,
    mentions: usize,
    articles: usize,
    first: Option<String>,
    last: Option<String>,
}

impl EntityTally {
    /// `n` articles name the entity `name` (its label there).
    pub fn add_name(&mut self, name: &str, n: usize) {
        *self.names.entry(name.to_owned()).or_default() += n;
    }

    /// An article calls the entity `alias` too.
    pub fn add_alias(&mut self, alias: &str) {
        self.aliases.insert(alias.to_owned());
    }

    /// `n` articles link the entity to `value` by `link`.
    pub fn add_link(&mut self, link: Link, value: &str, n: usize) {
        *self.links.entry(link).or_default().entry(value.to_owned()).or_default() += n;
    }

    /// `n` more mentions.
    pub fn add_mentions(&mut self, n: usize) {
        self.mentions += n;
    }

    /// `n` more articles mention the entity, the first dated one published on `first` and the
    /// last on `last`.
    pub fn add_articles(&mut self, n: usize, first: Option<&str>, last: Option<&str>) {
        self.articles += n;
        extend_dates(&mut self.first, &mut self.last, first);
        extend_dates(&mut self.first, &mut self.last, last);
    }

    /// The entity's corpus description; `None` when no article mentions it any more, or its key
    /// names no type.
    pub fn finish(self, key: &str) -> Option<CorpusEntity> {
        let kind = EntityKind::from_name(key.split_once(':')?.0)?;
        if self.articles == 0 {
            return None;
        }
        let name = self
            .names
            .iter()
            .max_by_key(|(n, &count)| (count, n.chars().count(), std::cmp::Reverse(*n)))
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| key.split_once(':').map_or(key, |(_, n)| n).to_owned());
        let mut aliases = self.aliases;
        aliases.extend(self.names.into_keys());
        aliases.remove(&name);
        let link = |l: Link| self.links.get(&l).and_then(most_frequent);
        let entity = Entity {
            key: key.to_owned(),
            kind,
            name,
            aliases,
            wikidata: link(Link::Wikidata),
            capital_of: link(Link::CapitalOf),
            nationality: link(Link::Nationality),
            part_of: link(Link::PartOf),
            ticker: link(Link::Ticker),
            mentions: Vec::new(),
        };
        Some(CorpusEntity {
            entity,
            mentions: self.mentions,
            articles: self.articles,
            first_date: self.first,
            last_date: self.last,
        })
    }
}

/// Widens `[first, last]` to `date`.
fn extend_dates(first: &mut Option<String>, last: &mut Option<String>, date: Option<&str>) {
    let Some(d) = date else { return };
    if first.as_deref().is_none_or(|f| d < f) {
        *first = Some(d.to_owned());
    }
    if last.as_deref().is_none_or(|l| d > l) {
        *last = Some(d.to_owned());
    }
}

/// The asserted statements of one (subject, predicate, object), added up: the statements'
/// node IRIs and their dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeTally {
    /// The statement nodes (IRIs), sorted.
    pub statements: BTreeSet<String>,
    /// Date of the first dated statement.
    pub first_date: Option<String>,
    /// Date of the last dated statement.
    pub last_date: Option<String>,
}

impl EdgeTally {
    /// Statements `iris`, the first dated one of `first` and the last of `last`.
    pub fn add<'i>(&mut self, iris: impl IntoIterator<Item = &'i str>, first: Option<&str>, last: Option<&str>) {
        self.statements.extend(iris.into_iter().map(str::to_owned));
        extend_dates(&mut self.first_date, &mut self.last_date, first);
        extend_dates(&mut self.first_date, &mut self.last_date, last);
    }
}

/// The aggregate edges of a corpus: by (subject, predicate, object) IRIs.
pub type EdgeTallies = BTreeMap<(String, String, String), EdgeTally>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_label_is_the_most_frequent_name_whatever_the_order() {
        let names = ["Joshua Norton", "Joshua Abraham Norton", "Joshua Norton", "Norton"];
        let mut orders = vec![names.to_vec()];
        orders.push(names.iter().rev().copied().collect());
        let results: Vec<CorpusEntity> = orders
            .iter()
            .map(|order| {
                let mut t = EntityTally::default();
                for n in order {
                    t.add_articles(1, None, None);
                    t.add_name(n, 1);
                    t.add_link(Link::Nationality, if n.len() > 10 { "country:USA" } else { "country:GBR" }, 1);
                }
                t.finish("person:joshua norton").unwrap()
            })
            .collect();
        assert_eq!(results[0], results[1]);
        let e = &results[0].entity;
        assert_eq!(e.name, "Joshua Norton");
        assert_eq!(e.nationality.as_deref(), Some("country:USA"));
        assert_eq!(e.aliases.iter().collect::<Vec<_>>(), ["Joshua Abraham Norton", "Norton"]);
    }

    #[test]
    fn corpus_ties_go_to_the_longer_name_then_the_first_in_order() {
        let mut t = EntityTally::default();
        for n in ["Bea", "Abe", "Abel"] {
            t.add_articles(1, None, None);
            t.add_name(n, 1);
        }
        assert_eq!(t.clone().finish("person:x").unwrap().entity.name, "Abel");
        let mut u = EntityTally::default();
        for n in ["Bea", "Abe"] {
            u.add_articles(1, None, None);
            u.add_name(n, 1);
            u.add_link(Link::Ticker, n, 1);
        }
        let e = u.finish("organization:x").unwrap().entity;
        assert_eq!((e.name.as_str(), e.ticker.as_deref()), ("Abe", Some("Abe")));
    }

    #[test]
    fn corpus_entity_without_articles_is_gone() {
        let mut t = EntityTally::default();
        t.add_name("Estonia", 1);
        assert_eq!(t.finish("country:EST"), None);
    }
}
