//! The knowledge graph: entities as nodes, statements as edges (petgraph inside), and the
//! articles they come from. RDF and every later export are made from it.
//!
//! ```
//! let pipeline = newsgraph::Pipeline::new();
//! let mut graph = newsgraph::graph::KnowledgeGraph::new();
//! graph.add(&pipeline.run_text("Estonia accused Russia of jamming flights."));
//! assert_eq!(graph.entity_count(), 2);
//! assert_eq!(graph.statement_count(), 1);
//! ```

mod analytics;
mod corpus;

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{DiGraph, NodeIndex};

pub use analytics::{Analytics, EntityMetrics, DAMPING};
pub use corpus::{CorpusEntity, EdgeTallies, EdgeTally, EntityTally, Link};

use crate::model::{Article, CharIndex, Entity, EntityKind, Extraction, Polarity, Predicate, StatementRule};

/// An entity across all articles of the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityNode {
    /// Canonical key (equal across articles).
    pub key: String,
    /// Type.
    pub kind: EntityKind,
    /// Canonical name: the longest name any article gave it (ties: alphabetical).
    pub name: String,
    /// Every other surface form.
    pub aliases: BTreeSet<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// Key of the country this place is the capital of.
    pub capital_of: Option<String>,
    /// Number of mentions over all articles.
    pub mentions: usize,
    /// Number of articles that mention it.
    pub articles: usize,
}

/// A mention, with code point offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRecord {
    /// Key of the entity it refers to.
    pub entity: String,
    /// Start, in code points.
    pub start: usize,
    /// End, in code points.
    pub end: usize,
    /// Surface text.
    pub text: String,
    /// The resolver tier that joined it to its entity (the merge log).
    pub tier: crate::model::Tier,
    /// For a capital that speaks or acts ("Tokyo said"), the key of the country whose
    /// government it stands for (`ng:governmentOf`).
    pub government_of: Option<String>,
}

/// A statement with its evidence, offsets in code points.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRecord {
    /// Index of the article in [`KnowledgeGraph::articles`].
    pub article: usize,
    /// Position of the statement within its article.
    pub ordinal: usize,
    /// Subject entity key.
    pub subject: String,
    /// Predicate.
    pub predicate: Predicate,
    /// Object entity key.
    pub object: Option<String>,
    /// Keys of entities named in the content.
    pub targets: Vec<String>,
    /// Quote or reported content.
    pub quote: Option<String>,
    /// Quote offsets.
    pub quote_offsets: Option<(usize, usize)>,
    /// The sentence.
    pub sentence: String,
    /// Key of the news medium that reports it (`ng:medium`).
    pub medium: Option<String>,
    /// Evidence offsets (code points).
    pub evidence_offsets: (usize, usize),
    /// The cue text.
    pub cue: String,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// Polarity.
    pub polarity: Polarity,
    /// The rule that produced it.
    pub rule: StatementRule,
    /// Confidence.
    pub confidence: f32,
    /// Offsets (code points) of the words that name the subject: the mention of
    /// `ng:subjectMention`.
    pub subject_offsets: Option<(usize, usize)>,
    /// Offsets (code points) of the words that name the object: the mention of
    /// `ng:objectMention`.
    pub object_offsets: Option<(usize, usize)>,
}

/// One article's contribution to the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    /// The article (its text included).
    pub article: Article,
    /// Entities as resolved in this article (name and aliases as this article gives them),
    /// sorted by key.
    pub entities: Vec<Entity>,
    /// Mentions in text order (resolved ones only).
    pub mentions: Vec<MentionRecord>,
    /// Statements in text order.
    pub statements: Vec<StatementRecord>,
    /// Keys of entities of different types that share a name ("Jordan" the country and
    /// "Michael Jordan"), as the resolver found them: each pair once, the lower key first,
    /// sorted. The merge log says so (`ng:sameNameAs`).
    pub same_names: Vec<(String, String)>,
}

/// The country a capital's mention stands for, when the capital speaks or acts in a statement
/// ("Tokyo said", "talks with Brasília"): the mention is in the statement's evidence and the
/// statement's subject or object is the capital or its country. A visited capital is a place.
fn government_of(x: &Extraction, span: crate::model::Span, entity: crate::model::EntityId) -> Option<String> {
    let capital_of = x.resolution.entity(entity).capital_of.as_ref()?;
    let acts = x.statements.iter().any(|s| {
        !s.predicate.is_relation()
            && s.predicate != Predicate::Visited
            && s.evidence.start <= span.start
            && span.end <= s.evidence.end
            && std::iter::once(s.subject).chain(s.object).any(|e| {
                let key = &x.resolution.entity(e).key;
                e == entity || key == capital_of
            })
    });
    acts.then(|| capital_of.clone())
}

/// An edge: a statement (by index) linking two entities.
#[derive(Debug, Clone, Copy, PartialEq)]
struct EdgeData {
    article: usize,
    statement: usize,
    predicate: Predicate,
}

/// The knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<EntityNode, EdgeData>,
    index: BTreeMap<String, NodeIndex>,
    articles: Vec<ArticleRecord>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        KnowledgeGraph::default()
    }

    /// Adds one article's extraction.
    pub fn add(&mut self, x: &Extraction) {
        let chars = CharIndex::new(&x.document.text);
        let doc = &x.document;
        let key_of = |id: crate::model::EntityId| x.resolution.entity(id).key.clone();
        let article_index = self.articles.len();
        let mut entities = x.resolution.entities.clone();
        entities.sort_by(|a, b| a.key.cmp(&b.key));
        let mentions = x
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let id = crate::model::MentionId(i as u32);
                let entity = x.resolution.entity_of(id)?;
                let tier = x.resolution.tier_of(id).unwrap_or(crate::model::Tier::First);
                let (start, end) = chars.to_chars(m.span);
                let text = doc.slice(m.span).to_owned();
                let government_of = government_of(x, m.span, entity);
                Some(MentionRecord { entity: key_of(entity), start, end, text, tier, government_of })
            })
            .chain(
                (x.resolution.descriptions.iter().map(|d| (d, crate::model::Tier::Description)))
                    .chain(x.resolution.pronouns.iter().map(|p| (p, crate::model::Tier::Pronoun)))
                    .map(|(&(span, entity), tier)| {
                        let (start, end) = chars.to_chars(span);
                        let text = doc.slice(span).to_owned();
                        MentionRecord { entity: key_of(entity), start, end, text, tier, government_of: None }
                    }),
            )
            .collect();
        let statements: Vec<StatementRecord> = x
            .statements
            .iter()
            .enumerate()
            .map(|(ordinal, s)| StatementRecord {
                article: article_index,
                ordinal,
                subject: key_of(s.subject),
                predicate: s.predicate,
                object: s.object.map(key_of),
                targets: s.targets.iter().map(|&t| key_of(t)).collect(),
                quote: s.quote.map(|q| doc.slice(q).trim().to_owned()),
                quote_offsets: s.quote.map(|q| chars.to_chars(q)),
                sentence: doc.slice(s.sentence).to_owned(),
                medium: s.medium.map(key_of),
                evidence_offsets: chars.to_chars(s.evidence),
                cue: doc.slice(s.cue).to_owned(),
                cameo: s.cameo.clone(),
                polarity: s.polarity,
                rule: s.rule,
                confidence: s.confidence,
                subject_offsets: s.subject_mention.map(|m| chars.to_chars(m)),
                object_offsets: s.object_mention.map(|m| chars.to_chars(m)),
            })
            .collect();
        let mut same_names: Vec<(String, String)> = x
            .resolution
            .same_names
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (key_of(a), key_of(b));
                if a <= b {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
        same_names.sort();
        same_names.dedup();
        self.add_record(ArticleRecord { article: x.article.clone(), entities, mentions, statements, same_names });
    }

    /// Adds one article as recorded: what [`KnowledgeGraph::add`] makes of an extraction, or
    /// what the RDF layer reads back from a store. Statements are renumbered to
    /// point at this graph's article; their ordinals are kept. An entity's mention count is the
    /// number of its graph mentions (the recogniser's, descriptions and pronouns), as in the
    /// store.
    pub fn add_record(&mut self, mut record: ArticleRecord) {
        let article_index = self.articles.len();
        let mut mentions: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &record.mentions {
            *mentions.entry(m.entity.as_str()).or_default() += 1;
        }
        for e in &record.entities {
            let node = self.node(e.key.clone(), e.kind);
            let n = &mut self.graph[node];
            if (e.name.chars().count(), std::cmp::Reverse(&e.name))
                > (n.name.chars().count(), std::cmp::Reverse(&n.name))
            {
                if !n.name.is_empty() {
                    n.aliases.insert(std::mem::take(&mut n.name));
                }
                n.name = e.name.clone();
            } else if e.name != n.name {
                n.aliases.insert(e.name.clone());
            }
            n.aliases.extend(e.aliases.iter().filter(|a| **a != n.name).cloned());
            n.aliases.remove(&n.name);
            n.wikidata = n.wikidata.take().or_else(|| e.wikidata.clone());
            n.capital_of = n.capital_of.take().or_else(|| e.capital_of.clone());
            n.mentions += mentions.get(e.key.as_str()).copied().unwrap_or(0);
            n.articles += 1;
        }
        for s in &mut record.statements {
            s.article = article_index;
        }
        for (i, s) in record.statements.iter().enumerate() {
            let from = self.index[&s.subject];
            let to: Vec<&String> = s.object.iter().chain(&s.targets).collect();
            for t in to {
                let to = self.index[t];
                self.graph.add_edge(
                    from,
                    to,
                    EdgeData { article: article_index, statement: i, predicate: s.predicate },
                );
            }
        }
        self.articles.push(record);
    }

    fn node(&mut self, key: String, kind: EntityKind) -> NodeIndex {
        if let Some(&n) = self.index.get(&key) {
            return n;
        }
        let n = self.graph.add_node(EntityNode {
            key: key.clone(),
            kind,
            name: String::new(),
            aliases: BTreeSet::new(),
            wikidata: None,
            capital_of: None,
            mentions: 0,
            articles: 0,
        });
        self.index.insert(key, n);
        n
    }

    /// The article records, consuming the graph.
    pub fn into_articles(self) -> Vec<ArticleRecord> {
        self.articles
    }

    /// Number of distinct entities.
    pub fn entity_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of statement edges: a statement gives one edge to its object and one to each
    /// target.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Number of statements over all articles.
    pub fn statement_count(&self) -> usize {
        self.articles.iter().map(|a| a.statements.len()).sum()
    }

    /// Entities sorted by key.
    pub fn entities(&self) -> impl Iterator<Item = &EntityNode> {
        self.index.values().map(|&n| &self.graph[n])
    }

    /// An entity by key.
    pub fn entity(&self, key: &str) -> Option<&EntityNode> {
        self.index.get(key).map(|&n| &self.graph[n])
    }

    /// Articles in the order they were added.
    pub fn articles(&self) -> &[ArticleRecord] {
        &self.articles
    }

    /// All statements, article by article.
    pub fn statements(&self) -> impl Iterator<Item = &StatementRecord> {
        self.articles.iter().flat_map(|a| &a.statements)
    }

    /// Keys of the entities linked to `key` by a statement, either way, sorted.
    pub fn neighbours(&self, key: &str) -> BTreeSet<&str> {
        let Some(&n) = self.index.get(key) else { return BTreeSet::new() };
        self.graph.neighbors_undirected(n).map(|m| self.graph[m].key.as_str()).filter(|k| *k != key).collect()
    }

    /// Statements between two entities (in the given direction), with their predicate.
    pub fn statements_between(&self, from: &str, to: &str) -> Vec<&StatementRecord> {
        let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) else { return Vec::new() };
        let mut out: Vec<&StatementRecord> = self
            .graph
            .edges_connecting(a, b)
            .map(|e| {
                let d = e.weight();
                debug_assert_eq!(self.articles[d.article].statements[d.statement].predicate, d.predicate);
                &self.articles[d.article].statements[d.statement]
            })
            .collect();
        out.sort_by_key(|s| (s.article, s.ordinal));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn extraction(id: &str, text: &str) -> Extraction {
        crate::Pipeline::new().run(Article {
            id: id.into(),
            title: None,
            date: None,
            url: None,
            source: None,
            author: None,
            text: text.into(),
            origin: Origin { path: id.into(), line: None },
        })
    }

    #[test]
    fn graph_merges_entities_across_articles_by_key() {
        let a = extraction("a", "The U.S. accused Iran.");
        let b = extraction("b", "United States officials met Iranian envoys. Iran denied it.");
        let mut one = KnowledgeGraph::new();
        one.add(&a);
        one.add(&b);
        let mut two = KnowledgeGraph::new();
        two.add(&b);
        two.add(&a);
        let us = one.entity("country:USA").unwrap();
        assert_eq!(us.name, "United States");
        assert_eq!(us.articles, 2);
        assert_eq!(one.entity("country:IRN").unwrap().mentions, 3);
        // the merged node does not depend on the order articles were added in
        assert_eq!(one.entities().collect::<Vec<_>>(), two.entities().collect::<Vec<_>>());
        assert_eq!(one.neighbours("country:USA").into_iter().collect::<Vec<_>>(), ["country:IRN"]);
        assert_eq!(one.statements_between("country:USA", "country:IRN")[0].predicate, Predicate::Accused);
    }
}
