//! The knowledge graph read back from a store with SPARQL: the inverse of
//! [`super::article_quads`], so that analytics and exports work on the one
//! [`KnowledgeGraph`] whatever built the store.
//!
//! Everything the quads carry comes back: articles (without their text, which the store does
//! not keep), each article's entities, mentions with their merge-log tier, the entities its
//! merge log says share a name, and statements with their evidence. One reader per writer of
//! `rdf/mod.rs`: `read_articles` for `write_article`, `read_entities` for `write_entities`,
//! and so on. Articles are added in the order of their ids, statements in the order of
//! their ordinals, mentions by offset and targets by key, so the graph does not depend on the
//! store's order.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::Term;

use super::query::{QueryOutput, SparqlRunner};
use super::vocab::{predicate_iri, WD};
use super::{GraphStore, Minter};
use crate::error::{Error, Result};
use crate::graph::{ArticleRecord, KnowledgeGraph, MentionRecord, StatementRecord};
use crate::model::{Article, Entity, EntityKind, Origin, Polarity, Predicate, StatementRule, Tier};

const ARTICLES: &str = "SELECT ?g ?id ?title ?date ?url ?source WHERE { GRAPH ?g { \
    ?g a schema:NewsArticle ; schema:identifier ?id . \
    OPTIONAL { ?g schema:headline ?title } OPTIONAL { ?g schema:datePublished ?date } \
    OPTIONAL { ?g schema:url ?url } OPTIONAL { ?g schema:publisher ?source } } }";

const ENTITIES: &str = "SELECT ?g ?e ?label ?same ?capital ?nationality ?partOf ?ticker WHERE { \
    GRAPH ?g { ?g a schema:NewsArticle ; schema:mentions ?e } \
    GRAPH ?log { ?log ng:article ?g . ?e ng:articleLabel ?label . \
    OPTIONAL { ?e ng:articleSameAs ?same } OPTIONAL { ?e ng:articleCapitalOf ?capital } \
    OPTIONAL { ?e ng:articleNationality ?nationality } OPTIONAL { ?e ng:articlePartOf ?partOf } \
    OPTIONAL { ?e ng:articleTicker ?ticker } } }";

const ALIASES: &str = "SELECT ?g ?e ?alias WHERE { \
    GRAPH ?log { ?log a ng:MergeLog ; ng:article ?g . ?e ng:articleAlias ?alias } }";

const MENTIONS: &str = "SELECT ?g ?e ?start ?end ?text ?government ?tier WHERE { \
    GRAPH ?g { ?g a schema:NewsArticle . ?m ng:refersTo ?e ; ng:tier ?tier ; \
      nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?text . \
      OPTIONAL { ?m ng:governmentOf ?government } } }";

const SAME_NAMES: &str = "SELECT ?g ?x ?y WHERE { \
    GRAPH ?log { ?log a ng:MergeLog ; ng:article ?g . ?x ng:sameNameAs ?y } }";

const STATEMENTS: &str = "SELECT ?g ?s ?subject ?predicate ?object ?quote ?quoteBegin ?quoteEnd ?evidence \
    ?begin ?end ?cue ?cameo ?medium ?polarity ?rule ?confidence ?subjectBegin ?subjectEnd ?objectBegin ?objectEnd \
    WHERE { GRAPH ?g { \
    ?g a schema:NewsArticle . ?s a ng:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ; \
      ng:evidence ?evidence ; nif:beginIndex ?begin ; nif:endIndex ?end ; ng:cue ?cue ; \
      ng:polarity ?polarity ; ng:rule ?rule ; ng:confidence ?confidence . \
    OPTIONAL { ?s rdf:object ?object } OPTIONAL { ?s ng:quote ?quote } \
    OPTIONAL { ?s ng:quoteBeginIndex ?quoteBegin ; ng:quoteEndIndex ?quoteEnd } \
    OPTIONAL { ?s ng:cameo ?cameo } OPTIONAL { ?s ng:medium ?medium } \
    OPTIONAL { ?s ng:subjectMention ?sm . ?sm nif:beginIndex ?subjectBegin ; nif:endIndex ?subjectEnd } \
    OPTIONAL { ?s ng:objectMention ?om . ?om nif:beginIndex ?objectBegin ; nif:endIndex ?objectEnd } } }";

const TARGETS: &str = "SELECT ?g ?s ?target WHERE { GRAPH ?g { \
    ?g a schema:NewsArticle . ?s a ng:Statement ; ng:target ?target } }";

const BASE: &str = "SELECT ?g ?id WHERE { GRAPH ?g { ?g a schema:NewsArticle ; schema:identifier ?id } } \
    ORDER BY ?id LIMIT 1";

/// One row of a SELECT, by variable name.
struct Row<'a> {
    vars: &'a [String],
    cells: &'a [Option<Term>],
}

impl Row<'_> {
    fn term(&self, var: &str) -> Option<&Term> {
        let i = self.vars.iter().position(|v| v == var)?;
        self.cells[i].as_ref()
    }

    /// A literal's value or an IRI's text.
    fn opt(&self, var: &str) -> Option<String> {
        self.term(var).map(|t| match t {
            Term::NamedNode(n) => n.as_str().to_owned(),
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
    }

    fn get(&self, var: &str) -> Result<String> {
        self.opt(var).ok_or_else(|| bad(format!("?{var} is unbound")))
    }

    fn number(&self, var: &str) -> Result<usize> {
        let s = self.get(var)?;
        s.parse().map_err(|_| bad(format!("?{var} = {s:?} is not a whole number")))
    }
}

fn bad(reason: String) -> Error {
    Error::Data { path: "store".into(), line: 0, reason }
}

fn select(runner: &SparqlRunner<'_>, query: &str, mut each: impl FnMut(Row<'_>) -> Result<()>) -> Result<()> {
    match runner.run(query)? {
        QueryOutput::Solutions(vars, rows) => {
            for cells in &rows {
                each(Row { vars: &vars, cells })?;
            }
            Ok(())
        }
        _ => Err(bad("a SELECT query gave no solutions".into())),
    }
}

/// The minter a store was built with: its base IRI is found from an article's IRI and id.
/// `None` for a store without articles.
pub fn read_minter(store: &GraphStore) -> Result<Option<Minter>> {
    let runner = SparqlRunner::new(store);
    let mut base = None;
    select(&runner, BASE, |row| {
        let (iri, id) = (row.get("g")?, row.get("id")?);
        let probe = Minter::new("http://x/")?.article(&id);
        let suffix = probe.as_str().trim_start_matches("http://x/");
        let prefix =
            iri.strip_suffix(suffix).ok_or_else(|| bad(format!("article IRI {iri} does not end with {suffix}")))?;
        base = Some(Minter::new(prefix)?);
        Ok(())
    })?;
    Ok(base)
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
    let runner = SparqlRunner::new(store);
    let mut articles = read_articles(&runner)?;
    read_entities(&runner, &mut articles)?;
    read_same_names(&runner, &mut articles)?;
    read_mentions(&runner, &mut articles)?;
    read_statements(&runner, &mut articles)?;
    let mut graph = KnowledgeGraph::new();
    for (_, mut record) in articles.records {
        record.entities.sort_by(|a, b| a.key.cmp(&b.key));
        record.mentions.sort_by(|a, b| (a.start, a.end, &a.entity).cmp(&(b.start, b.end, &b.entity)));
        record.same_names.sort();
        record.same_names.dedup();
        check_statements(&record)?;
        graph.add_record(record);
    }
    Ok(graph)
}

/// The articles of a store, by id, as they are read.
struct Articles {
    /// Records by article id.
    records: BTreeMap<String, ArticleRecord>,
    /// Article id by article graph IRI.
    ids: BTreeMap<String, String>,
}

impl Articles {
    /// The record of the article whose graph is `graph`.
    fn of(&mut self, graph: &str) -> Result<&mut ArticleRecord> {
        let id = self.id(graph)?;
        Ok(self.records.get_mut(&id).expect("ids are of known articles"))
    }

    /// The id of the article whose graph is `graph`.
    fn id(&self, graph: &str) -> Result<String> {
        self.ids.get(graph).cloned().ok_or_else(|| bad(format!("unknown article graph {graph}")))
    }
}

/// The key of an entity IRI.
fn key_of(iri: &str) -> Result<String> {
    Minter::entity_key(iri).ok_or_else(|| bad(format!("{iri} is not an entity IRI")))
}

/// The entity key an optional IRI variable holds.
fn link(row: &Row<'_>, var: &str) -> Result<Option<String>> {
    row.opt(var).map(|iri| key_of(&iri)).transpose()
}

/// Every article's metadata (the inverse of `write_article`), without entities, mentions or
/// statements yet.
fn read_articles(runner: &SparqlRunner<'_>) -> Result<Articles> {
    let mut articles = Articles { records: BTreeMap::new(), ids: BTreeMap::new() };
    select(runner, ARTICLES, |row| {
        let (graph, id) = (row.get("g")?, row.get("id")?);
        let article = Article {
            id: id.clone(),
            title: row.opt("title"),
            date: row.opt("date"),
            url: row.opt("url"),
            source: row.opt("source"),
            author: None,
            text: String::new(),
            origin: Origin { path: id.clone().into(), line: None },
        };
        articles.ids.insert(graph, id.clone());
        let record = ArticleRecord {
            article,
            entities: Vec::new(),
            mentions: Vec::new(),
            statements: Vec::new(),
            same_names: Vec::new(),
        };
        articles.records.insert(id, record);
        Ok(())
    })?;
    Ok(articles)
}

/// Each article's entities, with their aliases (the inverse of `write_entities`).
fn read_entities(runner: &SparqlRunner<'_>, articles: &mut Articles) -> Result<()> {
    let mut entities: BTreeMap<(String, String), Entity> = BTreeMap::new();
    select(runner, ENTITIES, |row| {
        let key = key_of(&row.get("e")?)?;
        let kind = key
            .split_once(':')
            .and_then(|(kind, _)| EntityKind::from_name(kind))
            .ok_or_else(|| bad(format!("entity key {key:?} names no type")))?;
        let entity = Entity {
            kind,
            key,
            name: row.get("label")?,
            aliases: BTreeSet::new(),
            wikidata: row.opt("same").and_then(|iri| iri.strip_prefix(WD).map(str::to_owned)),
            capital_of: link(&row, "capital")?,
            nationality: link(&row, "nationality")?,
            part_of: link(&row, "partOf")?,
            ticker: row.opt("ticker"),
            mentions: Vec::new(),
        };
        entities.insert((articles.id(&row.get("g")?)?, row.get("e")?), entity);
        Ok(())
    })?;
    select(runner, ALIASES, |row| {
        if let Some(e) = entities.get_mut(&(articles.id(&row.get("g")?)?, row.get("e")?)) {
            e.aliases.insert(row.get("alias")?);
        }
        Ok(())
    })?;
    for ((id, _), entity) in entities {
        articles.records.get_mut(&id).expect("entities come from known articles").entities.push(entity);
    }
    Ok(())
}

/// Each article's entities of different types that share a name, from its merge log (the
/// inverse of the end of `write_merge_log`); each pair once, the lower key first.
fn read_same_names(runner: &SparqlRunner<'_>, articles: &mut Articles) -> Result<()> {
    select(runner, SAME_NAMES, |row| {
        let (x, y) = (key_of(&row.get("x")?)?, key_of(&row.get("y")?)?);
        let pair = if x <= y { (x, y) } else { (y, x) };
        articles.of(&row.get("g")?)?.same_names.push(pair);
        Ok(())
    })
}

/// Each article's mentions, with the tier its merge log gives each (the inverse of
/// `write_mentions` and the start of `write_merge_log`).
fn read_mentions(runner: &SparqlRunner<'_>, articles: &mut Articles) -> Result<()> {
    select(runner, MENTIONS, |row| {
        let record = articles.of(&row.get("g")?)?;
        let tier = match row.opt("tier") {
            Some(name) => Tier::from_name(&name).ok_or_else(|| bad(format!("unknown tier {name:?}")))?,
            None => Tier::First,
        };
        let mention = MentionRecord {
            entity: key_of(&row.get("e")?)?,
            start: row.number("start")?,
            end: row.number("end")?,
            text: row.get("text")?,
            tier,
            government_of: link(&row, "government")?,
        };
        record.mentions.push(mention);
        Ok(())
    })
}

/// Each article's statements in ordinal order, with their targets sorted (the inverse of
/// `write_statements`).
fn read_statements(runner: &SparqlRunner<'_>, articles: &mut Articles) -> Result<()> {
    let mut statements: BTreeMap<(String, usize), StatementRecord> = BTreeMap::new();
    select(runner, STATEMENTS, |row| {
        let id = articles.id(&row.get("g")?)?;
        let statement = statement(&row)?;
        statements.insert((id, statement.ordinal), statement);
        Ok(())
    })?;
    select(runner, TARGETS, |row| {
        let id = articles.id(&row.get("g")?)?;
        if let Some(s) = ordinal_of(&row.get("s")?).and_then(|n| statements.get_mut(&(id, n))) {
            s.targets.push(key_of(&row.get("target")?)?);
        }
        Ok(())
    })?;
    for ((id, _), mut statement) in statements {
        statement.targets.sort();
        statement.targets.dedup();
        articles.records.get_mut(&id).expect("known article").statements.push(statement);
    }
    Ok(())
}

/// The number a statement IRI ends with: the statement's ordinal.
fn ordinal_of(iri: &str) -> Option<usize> {
    iri.rsplit('/').next().and_then(|n| n.parse().ok())
}

/// One row of [`STATEMENTS`] as a statement, without its targets.
fn statement(row: &Row<'_>) -> Result<StatementRecord> {
    let iri = row.get("s")?;
    let ordinal = ordinal_of(&iri).ok_or_else(|| bad(format!("statement IRI {iri} does not end with its number")))?;
    let predicate_name = row.get("predicate")?;
    let predicate = Predicate::ALL
        .into_iter()
        .find(|&p| predicate_iri(p) == predicate_name)
        .ok_or_else(|| bad(format!("unknown predicate {predicate_name}")))?;
    let polarity = match row.get("polarity")?.as_str() {
        "asserted" => Polarity::Asserted,
        "negated" => Polarity::Negated,
        "hypothetical" => Polarity::Hypothetical,
        other => return Err(bad(format!("unknown polarity {other:?}"))),
    };
    let rule_name = row.get("rule")?;
    let rule = StatementRule::from_name(&rule_name).ok_or_else(|| bad(format!("unknown rule {rule_name:?}")))?;
    let confidence = row.get("confidence")?;
    let offsets = |begin: &str, end: &str| -> Result<Option<(usize, usize)>> {
        match (row.opt(begin), row.opt(end)) {
            (Some(_), Some(_)) => Ok(Some((row.number(begin)?, row.number(end)?))),
            _ => Ok(None),
        }
    };
    Ok(StatementRecord {
        article: 0,
        ordinal,
        subject: key_of(&row.get("subject")?)?,
        predicate,
        object: link(row, "object")?,
        targets: Vec::new(),
        quote: row.opt("quote"),
        quote_offsets: offsets("quoteBegin", "quoteEnd")?,
        sentence: row.get("evidence")?,
        evidence_offsets: (row.number("begin")?, row.number("end")?),
        cue: row.get("cue")?,
        cameo: row.opt("cameo"),
        medium: link(row, "medium")?,
        polarity,
        rule,
        confidence: confidence.parse().map_err(|_| bad(format!("confidence {confidence:?} is not a number")))?,
        subject_offsets: offsets("subjectBegin", "subjectEnd")?,
        object_offsets: offsets("objectBegin", "objectEnd")?,
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
    fn read_graph_of_an_empty_store_is_empty() {
        let store = GraphStore::in_memory().unwrap();
        assert_eq!(read_graph(&store).unwrap().entity_count(), 0);
        assert!(read_minter(&store).unwrap().is_none());
    }
}
