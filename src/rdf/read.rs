//! The knowledge graph read back from a store: the inverse of [`super::article_quads`], so
//! that analytics and exports work on the one [`KnowledgeGraph`] whatever built the store.
//!
//! Everything the quads carry comes back: articles (without their text, which the store does
//! not keep), each article's entities, mentions with their merge-log tier, the entities its
//! merge log says share a name, and statements with their evidence. One reader per writer of
//! `rdf/mod.rs`: `article_of` for `write_article`, `entities_of` for `write_entities`, and so
//! on. The articles are found by two scans of the predicate index (the `rdf:type` and
//! `schema:identifier` quads whose subject is their own graph); then each article is read by
//! a scan of its named graph, a lookup of the graphs that point to it with `ng:article` (its
//! merge log) and a scan of that log: no SPARQL join per property, one article at a time.
//! Blank-node subjects, which newsgraph never writes, are not read.
//! Articles are added in the order of their ids, statements in the order of their ordinals,
//! mentions by offset and targets by key, so the graph does not depend on the store's order.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef};
use rustc_hash::FxHashMap;

use super::vocab::*;
use super::{GraphStore, Minter};
use crate::error::{Error, Result};
use crate::graph::{ArticleRecord, KnowledgeGraph, MentionRecord, StatementRecord};
use crate::model::{Article, Entity, EntityKind, Origin, Polarity, Predicate, StatementRule, Tier};

fn bad(reason: String) -> Error {
    Error::Data { path: "store".into(), line: 0, reason }
}

/// The quads of one named graph, by subject IRI: each subject's (predicate IRI, object) pairs
/// in store order. Blank-node subjects (which newsgraph never writes) are left out.
struct Described {
    subjects: FxHashMap<String, Vec<(String, Term)>>,
}

impl Described {
    /// Every quad of the named graph `graph`: one prefix scan of the store's graph index.
    fn of(store: &GraphStore, graph: &NamedNode) -> Result<Self> {
        let mut subjects: FxHashMap<String, Vec<(String, Term)>> = FxHashMap::default();
        for quad in store.inner().quads_for_pattern(None, None, None, Some(graph.as_ref().into())) {
            let quad = quad?;
            if let NamedOrBlankNode::NamedNode(s) = quad.subject {
                subjects.entry(s.into_string()).or_default().push((quad.predicate.into_string(), quad.object));
            }
        }
        Ok(Described { subjects })
    }

    /// The objects of `subject`'s `predicate`.
    fn all<'a>(&'a self, subject: &str, predicate: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.subjects.get(subject).into_iter().flatten().filter(move |(p, _)| p == predicate).map(|(_, o)| o)
    }

    /// The first object of `subject`'s `predicate`, as text (a literal's value or an IRI).
    fn opt(&self, subject: &str, predicate: &str) -> Option<String> {
        self.all(subject, predicate).next().map(text)
    }

    /// The first object of `subject`'s `predicate`, which must be there.
    fn get(&self, subject: &str, predicate: &str) -> Result<String> {
        self.opt(subject, predicate).ok_or_else(|| bad(format!("<{subject}> has no <{predicate}>")))
    }

    /// A whole number `subject`'s `predicate` must have.
    fn number(&self, subject: &str, predicate: &str) -> Result<usize> {
        let s = self.get(subject, predicate)?;
        s.parse().map_err(|_| bad(format!("<{subject}> <{predicate}> {s:?} is not a whole number")))
    }

    /// The entity key `subject`'s `predicate` links to, if any.
    fn link(&self, subject: &str, predicate: &str) -> Result<Option<String>> {
        self.opt(subject, predicate).map(|iri| key_of(&iri)).transpose()
    }

    /// True when `subject` has every one of `predicates` (a node missing one is not read, as
    /// a SPARQL pattern would not match it).
    fn complete(&self, subject: &str, predicates: &[&str]) -> bool {
        predicates.iter().all(|p| self.all(subject, p).next().is_some())
    }

    /// The subjects with `predicate` `object` (the object as text), sorted.
    fn with<'a>(&'a self, predicate: &str, object: &str) -> Vec<&'a str> {
        let mut found = self.having(predicate);
        found.retain(|s| self.all(s, predicate).any(|o| text(o) == object));
        found
    }

    /// The subjects that have `predicate`, sorted.
    fn having<'a>(&'a self, predicate: &str) -> Vec<&'a str> {
        let mut found: Vec<&str> = self
            .subjects
            .iter()
            .filter(|(_, pairs)| pairs.iter().any(|(p, _)| p == predicate))
            .map(|(s, _)| s.as_str())
            .collect();
        found.sort_unstable();
        found
    }
}

/// A literal's value or an IRI's text.
fn text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// Every article of the store: (article graph, id), in id order. An article is a graph that
/// says of itself that it is a `schema:NewsArticle` and gives its `schema:identifier`; a graph
/// with two identifiers is read under the first, and of two graphs with one id the first IRI
/// is read.
fn article_graphs(store: &GraphStore) -> Result<Vec<(NamedNode, String)>> {
    let self_described = |predicate: &str, object: Option<TermRef<'_>>| -> Result<Vec<(NamedNode, Term)>> {
        let predicate = NamedNodeRef::new_unchecked(predicate);
        let mut found = Vec::new();
        for quad in store.inner().quads_for_pattern(None, Some(predicate), object, None) {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (&quad.subject, &quad.graph_name) {
                if s == g {
                    found.push((g.clone(), quad.object));
                }
            }
        }
        Ok(found)
    };
    let article = NamedNodeRef::new_unchecked(SCHEMA_NEWS_ARTICLE);
    let typed: BTreeSet<NamedNode> =
        self_described(RDF_TYPE, Some(article.into()))?.into_iter().map(|(g, _)| g).collect();
    let mut ids: BTreeMap<NamedNode, String> = BTreeMap::new();
    for (graph, id) in self_described(SCHEMA_IDENTIFIER, None)? {
        if let (true, Term::Literal(id)) = (typed.contains(&graph), id) {
            let kept = ids.entry(graph).or_insert_with(|| id.value().to_owned());
            if id.value() < kept.as_str() {
                *kept = id.value().to_owned();
            }
        }
    }
    let mut found: Vec<(NamedNode, String)> = ids.into_iter().collect();
    found.sort_by(|a, b| (&a.1, a.0.as_str()).cmp(&(&b.1, b.0.as_str())));
    found.dedup_by(|a, b| a.1 == b.1);
    Ok(found)
}

/// The minter a store was built with: its base IRI is found from an article's IRI and id.
/// `None` for a store without articles.
pub fn read_minter(store: &GraphStore) -> Result<Option<Minter>> {
    let Some((graph, id)) = article_graphs(store)?.into_iter().next() else {
        return Ok(None);
    };
    let iri = graph.as_str();
    let probe = Minter::new("http://x/")?.article(&id);
    let suffix = probe.as_str().trim_start_matches("http://x/");
    let prefix =
        iri.strip_suffix(suffix).ok_or_else(|| bad(format!("article IRI {iri} does not end with {suffix}")))?;
    Ok(Some(Minter::new(prefix)?))
}

/// Reads the knowledge graph of every article in a store.
///
/// ```
/// use newsgraph::graph::KnowledgeGraph;
/// use newsgraph::rdf::{graph_quads, read_graph, GraphStore, Minter};
/// let mut graph = KnowledgeGraph::new();
/// graph.add(&newsgraph::Pipeline::new().run_text("Estonia accused Russia of jamming flights."));
/// let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
/// let store = GraphStore::in_memory().unwrap();
/// store.extend(&graph_quads(&graph, &minter)).unwrap();
/// let read = read_graph(&store).unwrap();
/// assert_eq!(read.entity_count(), 2);
/// assert_eq!(read.statement_count(), 1);
/// assert_eq!(graph_quads(&read, &minter), graph_quads(&graph, &minter));
/// ```
pub fn read_graph(store: &GraphStore) -> Result<KnowledgeGraph> {
    let mut graph = KnowledgeGraph::new();
    for (article, id) in article_graphs(store)? {
        let record = read_article(store, &article, id)?;
        check_statements(&record)?;
        graph.add_record(record);
    }
    Ok(graph)
}

/// One article: its graph, and the merge logs that name it (`?log a ng:MergeLog ;
/// ng:article ?g` in the log's own graph; newsgraph writes one per article).
fn read_article(store: &GraphStore, graph: &NamedNode, id: String) -> Result<ArticleRecord> {
    let quads = Described::of(store, graph)?;
    let article = graph.as_str();
    let mut log = Described { subjects: FxHashMap::default() };
    let pointer = NamedNodeRef::new_unchecked(NG_ARTICLE);
    for quad in store.inner().quads_for_pattern(None, Some(pointer), Some(graph.as_ref().into()), None) {
        let quad = quad?;
        let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (&quad.subject, &quad.graph_name) else {
            continue;
        };
        if s != g {
            continue; // a statement's ng:article, in the article graph
        }
        let more = Described::of(store, g)?;
        if more.all(g.as_str(), RDF_TYPE).any(|t| text(t) == NG_MERGE_LOG) {
            for (subject, pairs) in more.subjects {
                log.subjects.entry(subject).or_default().extend(pairs);
            }
        }
    }
    let mut record = ArticleRecord {
        article: article_of(&quads, article, id),
        entities: entities_of(&quads, &log, article)?,
        mentions: mentions_of(&quads)?,
        statements: statements_of(&quads)?,
        same_names: same_names_of(&log)?,
    };
    record.mentions.sort_by(|a, b| (a.start, a.end, &a.entity).cmp(&(b.start, b.end, &b.entity)));
    Ok(record)
}

/// The key of an entity IRI.
fn key_of(iri: &str) -> Result<String> {
    Minter::entity_key(iri).ok_or_else(|| bad(format!("{iri} is not an entity IRI")))
}

/// The article's metadata (the inverse of `write_article`).
fn article_of(quads: &Described, article: &str, id: String) -> Article {
    Article {
        title: quads.opt(article, SCHEMA_HEADLINE),
        date: quads.opt(article, SCHEMA_DATE_PUBLISHED),
        url: quads.opt(article, SCHEMA_URL),
        source: quads.opt(article, SCHEMA_PUBLISHER),
        author: None,
        text: String::new(),
        origin: Origin { path: id.clone().into(), line: None },
        id,
    }
}

/// The article's entities in key order: those it `schema:mentions` that its merge log
/// describes, with their aliases and links (the inverse of `write_entities`).
fn entities_of(quads: &Described, log: &Described, article: &str) -> Result<Vec<Entity>> {
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    for e in quads.all(article, SCHEMA_MENTIONS).map(text) {
        let Some(name) = log.opt(&e, NG_ARTICLE_LABEL) else { continue };
        let key = key_of(&e)?;
        let kind = key
            .split_once(':')
            .and_then(|(kind, _)| EntityKind::from_name(kind))
            .ok_or_else(|| bad(format!("entity key {key:?} names no type")))?;
        let entity = Entity {
            kind,
            name,
            aliases: log.all(&e, NG_ARTICLE_ALIAS).map(text).collect(),
            wikidata: log.opt(&e, NG_ARTICLE_SAME_AS).and_then(|iri| iri.strip_prefix(WD).map(str::to_owned)),
            capital_of: log.link(&e, NG_ARTICLE_CAPITAL_OF)?,
            nationality: log.link(&e, NG_ARTICLE_NATIONALITY)?,
            part_of: log.link(&e, NG_ARTICLE_PART_OF)?,
            ticker: log.opt(&e, NG_ARTICLE_TICKER),
            mentions: Vec::new(),
            key: key.clone(),
        };
        entities.insert(key, entity);
    }
    Ok(entities.into_values().collect())
}

/// The entities of different types that share a name, from the merge log (the inverse of the
/// end of `write_merge_log`); each pair once, the lower key first, sorted.
fn same_names_of(log: &Described) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for x in log.having(NG_SAME_NAME_AS) {
        for y in log.all(x, NG_SAME_NAME_AS).map(text) {
            let (x, y) = (key_of(x)?, key_of(&y)?);
            pairs.push(if x <= y { (x, y) } else { (y, x) });
        }
    }
    pairs.sort();
    pairs.dedup();
    Ok(pairs)
}

/// The mentions, with the tier that joined each to its entity (the inverse of
/// `write_mentions`). A mention has its entity, tier, offsets and text.
fn mentions_of(quads: &Described) -> Result<Vec<MentionRecord>> {
    let mut mentions = Vec::new();
    for m in quads.having(NG_REFERS_TO) {
        if !quads.complete(m, &[NG_TIER, NIF_BEGIN_INDEX, NIF_END_INDEX, NIF_ANCHOR_OF]) {
            continue;
        }
        let name = quads.get(m, NG_TIER)?;
        let tier = Tier::from_name(&name).ok_or_else(|| bad(format!("unknown tier {name:?}")))?;
        for entity in quads.all(m, NG_REFERS_TO).map(text) {
            mentions.push(MentionRecord {
                entity: key_of(&entity)?,
                start: quads.number(m, NIF_BEGIN_INDEX)?,
                end: quads.number(m, NIF_END_INDEX)?,
                text: quads.get(m, NIF_ANCHOR_OF)?,
                tier,
                government_of: quads.link(m, NG_GOVERNMENT_OF)?,
            });
        }
    }
    Ok(mentions)
}

/// The statements in ordinal order, with their targets sorted (the inverse of
/// `write_statements`).
fn statements_of(quads: &Described) -> Result<Vec<StatementRecord>> {
    let mut statements: BTreeMap<usize, StatementRecord> = BTreeMap::new();
    let required = [
        RDF_SUBJECT,
        RDF_PREDICATE,
        NG_EVIDENCE,
        NIF_BEGIN_INDEX,
        NIF_END_INDEX,
        NG_CUE,
        NG_POLARITY,
        NG_RULE,
        NG_CONFIDENCE,
    ];
    for s in quads.with(RDF_TYPE, NG_STATEMENT) {
        if !quads.complete(s, &required) {
            continue;
        }
        let mut statement = statement(quads, s)?;
        statement.targets = quads.all(s, NG_TARGET).map(|t| key_of(&text(t))).collect::<Result<_>>()?;
        statement.targets.sort();
        statement.targets.dedup();
        statements.insert(statement.ordinal, statement);
    }
    Ok(statements.into_values().collect())
}

/// The number a statement IRI ends with: the statement's ordinal.
fn ordinal_of(iri: &str) -> Option<usize> {
    iri.rsplit('/').next().and_then(|n| n.parse().ok())
}

/// The statement `s`, without its targets.
fn statement(quads: &Described, s: &str) -> Result<StatementRecord> {
    let ordinal = ordinal_of(s).ok_or_else(|| bad(format!("statement IRI {s} does not end with its number")))?;
    let predicate_name = quads.get(s, RDF_PREDICATE)?;
    let predicate = Predicate::ALL
        .into_iter()
        .find(|&p| predicate_iri(p) == predicate_name)
        .ok_or_else(|| bad(format!("unknown predicate {predicate_name}")))?;
    let polarity = match quads.get(s, NG_POLARITY)?.as_str() {
        "asserted" => Polarity::Asserted,
        "negated" => Polarity::Negated,
        "hypothetical" => Polarity::Hypothetical,
        other => return Err(bad(format!("unknown polarity {other:?}"))),
    };
    let rule_name = quads.get(s, NG_RULE)?;
    let rule = StatementRule::from_name(&rule_name).ok_or_else(|| bad(format!("unknown rule {rule_name:?}")))?;
    let confidence = quads.get(s, NG_CONFIDENCE)?;
    let offsets = |node: &str, begin: &str, end: &str| -> Result<Option<(usize, usize)>> {
        match (quads.opt(node, begin), quads.opt(node, end)) {
            (Some(_), Some(_)) => Ok(Some((quads.number(node, begin)?, quads.number(node, end)?))),
            _ => Ok(None),
        }
    };
    let mention = |predicate: &str| -> Result<Option<(usize, usize)>> {
        match quads.opt(s, predicate) {
            Some(m) => offsets(&m, NIF_BEGIN_INDEX, NIF_END_INDEX),
            None => Ok(None),
        }
    };
    Ok(StatementRecord {
        article: 0,
        ordinal,
        subject: key_of(&quads.get(s, RDF_SUBJECT)?)?,
        predicate,
        object: quads.link(s, RDF_OBJECT)?,
        targets: Vec::new(),
        quote: quads.opt(s, NG_QUOTE),
        quote_offsets: offsets(s, NG_QUOTE_BEGIN, NG_QUOTE_END)?,
        sentence: quads.get(s, NG_EVIDENCE)?,
        evidence_offsets: (quads.number(s, NIF_BEGIN_INDEX)?, quads.number(s, NIF_END_INDEX)?),
        cue: quads.get(s, NG_CUE)?,
        cameo: quads.opt(s, NG_CAMEO),
        medium: quads.link(s, NG_MEDIUM)?,
        polarity,
        rule,
        confidence: confidence.parse().map_err(|_| bad(format!("confidence {confidence:?} is not a number")))?,
        subject_offsets: mention(NG_SUBJECT_MENTION)?,
        object_offsets: mention(NG_OBJECT_MENTION)?,
    })
}

/// A statement names only entities its article describes (the graph relies on it).
fn check_statements(record: &ArticleRecord) -> Result<()> {
    let known: BTreeSet<&str> = record.entities.iter().map(|e| e.key.as_str()).collect();
    for s in &record.statements {
        if let Some(k) =
            std::iter::once(&s.subject).chain(&s.object).chain(&s.targets).find(|k| !known.contains(k.as_str()))
        {
            return Err(bad(format!(
                "statement {} of article {:?} names {k}, which the article does not describe",
                s.ordinal, record.article.id
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::graph_quads;
    use oxigraph::model::{Literal, Quad};

    fn extraction(id: &str, date: Option<&str>, text: &str) -> crate::model::Extraction {
        crate::Pipeline::new().run(Article {
            id: id.into(),
            title: Some(format!("Headline of {id}")),
            date: date.map(str::to_owned),
            url: Some(format!("https://example.org/{id}")),
            source: None,
            author: None,
            text: text.into(),
            origin: Origin { path: id.into(), line: None },
        })
    }

    #[test]
    fn read_graph_gives_back_the_quads_it_was_built_from() {
        let mut graph = KnowledgeGraph::new();
        graph.add(&extraction(
            "b/2",
            Some("2024-03-04"),
            "Kadri Saar, a spokeswoman for the Estonian Foreign Ministry, said Russia had jammed flights. \
             \"We will not accept this,\" Saar said. Moscow denied the report.",
        ));
        graph.add(&extraction("a 1", None, "The U.S. accused Iran. Iranian officials did not accuse Zoë Ng."));
        let minter = Minter::new("http://example.org/kg#").unwrap();
        let store = GraphStore::in_memory().unwrap();
        store.extend(&graph_quads(&graph, &minter)).unwrap();

        let read = read_graph(&store).unwrap();
        let mut expected = graph_quads(&graph, &minter);
        expected.sort_by_cached_key(|q| q.to_string());
        let mut actual = graph_quads(&read, &minter);
        actual.sort_by_cached_key(|q| q.to_string());
        assert_eq!(actual, expected);
        assert_eq!(read.entities().collect::<Vec<_>>(), graph.entities().collect::<Vec<_>>());
        // articles come back in id order
        assert_eq!(read.articles().iter().map(|a| a.article.id.as_str()).collect::<Vec<_>>(), ["a 1", "b/2"]);
        assert_eq!(read_minter(&store).unwrap().unwrap().base(), "http://example.org/kg#");
    }

    #[test]
    fn read_graph_gives_back_the_same_names_of_the_merge_log() {
        let mut graph = KnowledgeGraph::new();
        graph.add(&extraction("j", None, "Michael Jordan visited Jordan on Monday."));
        let pair = ("country:JOR".to_owned(), "person:michael jordan".to_owned());
        assert_eq!(graph.articles()[0].same_names, [pair]);
        let minter = Minter::new("http://example.org/kg#").unwrap();
        let store = GraphStore::in_memory().unwrap();
        store.extend(&graph_quads(&graph, &minter)).unwrap();
        let read = read_graph(&store).unwrap();
        assert_eq!(read.articles()[0].same_names, graph.articles()[0].same_names);
        assert_eq!(graph_quads(&read, &minter), graph_quads(&graph, &minter));
    }

    #[test]
    fn read_graph_skips_what_a_pattern_would_not_match() {
        let mut graph = KnowledgeGraph::new();
        graph.add(&extraction("b", None, "Estonia accused Russia of jamming flights. Latvia met Lithuania."));
        let minter = Minter::new("http://example.org/kg#").unwrap();
        let store = GraphStore::in_memory().unwrap();
        let quads = graph_quads(&graph, &minter);
        let record = &graph.articles()[0];
        let first = &record.mentions[0];
        let mention = minter.mention("b", first.start, first.end);
        let statement = minter.statement("b", record.statements[0].ordinal);
        // a mention without its tier and a statement without its cue are not read
        let kept: Vec<Quad> = quads
            .iter()
            .filter(|q| !(q.subject == mention.clone().into() && q.predicate.as_str() == NG_TIER))
            .filter(|q| !(q.subject == statement.clone().into() && q.predicate.as_str() == NG_CUE))
            .cloned()
            .collect();
        store.extend(&kept).unwrap();
        // a graph that gives an identifier (sorting first) but is no schema:NewsArticle
        let other = NamedNode::new("http://other.example/a").unwrap();
        let id = Literal::new_simple_literal("a");
        store.extend(&[Quad::new(other.clone(), NamedNode::new(SCHEMA_IDENTIFIER).unwrap(), id, other)]).unwrap();

        let read = read_graph(&store).unwrap();
        assert_eq!(read.articles().len(), 1);
        let back = &read.articles()[0];
        assert_eq!(back.mentions.len(), record.mentions.len() - 1);
        assert_eq!(back.statements.len(), record.statements.len() - 1);
        assert!(back.statements.iter().all(|s| s.ordinal != record.statements[0].ordinal));
        assert_eq!(read_minter(&store).unwrap().unwrap().base(), "http://example.org/kg#");
    }

    #[test]
    fn read_graph_of_an_empty_store_is_empty() {
        let store = GraphStore::in_memory().unwrap();
        assert_eq!(read_graph(&store).unwrap().entity_count(), 0);
        assert!(read_minter(&store).unwrap().is_none());
    }
}
