//! RDF: the knowledge graph as quads (one named graph per article), the persistent Oxigraph
//! store, and SPARQL.
//!
//! IRIs are minted from canonical keys and article ids under a base IRI, so the same input
//! always gives the same IRIs. No blank nodes are written.
//!
//! ```
//! use newsgraph::rdf::Minter;
//! let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
//! assert_eq!(minter.entity("person:angela merkel").as_str(),
//!            "https://newsgraph.example.org/id/entity/person/angela_merkel");
//! assert_eq!(minter.article("wire/2024 01").as_str(),
//!            "https://newsgraph.example.org/id/article/wire%2F2024_01");
//! ```

mod analytics;
mod corpus;
mod query;
mod read;
mod shape;
mod sorted;
mod store;
pub mod vocab;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term};

use crate::error::Result;
use crate::graph::{ArticleRecord, KnowledgeGraph};

pub use analytics::{analytics_quads, store_analytics};
pub use corpus::{corpus_needs_recompute, mark_corpus_out_of_date, recompute_corpus, update_corpus, CorpusSummary};
pub use query::{display_term, rdf_format_from_name, Dataset, QueryOutput, ResultFormat, ResultKind, SparqlRunner};
pub use read::{read_graph, read_minter};
pub use shape::{check_shape, ShapeLimits, ShapeRefusal, QUERY_STACK_BYTES};
pub use store::GraphStore;

/// Mints IRIs under a base.
#[derive(Debug, Clone)]
pub struct Minter {
    base: String,
}

/// Percent-encodes everything but unreserved ASCII; a space becomes `_` (and `_` itself is
/// encoded), so that the encoding stays one-to-one.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b' ' => out.push('_'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Inverts [`encode`]: `None` for a malformed escape or bytes that are not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

impl Minter {
    /// A minter under `base`, which must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self> {
        NamedNode::new(base)?;
        if !base.ends_with('/') && !base.ends_with('#') {
            return Err(crate::Error::Usage(format!("base IRI {base:?} must end with '/' or '#'")));
        }
        Ok(Minter { base: base.to_owned() })
    }

    /// The IRI of an entity key (`kind:name`).
    pub fn entity(&self, key: &str) -> NamedNode {
        let (kind, name) = key.split_once(':').unwrap_or(("entity", key));
        NamedNode::new_unchecked(format!("{}entity/{}/{}", self.base, encode(kind), encode(name)))
    }

    /// The base IRI, ending in `/` or `#`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The canonical key an entity IRI was minted from (the inverse of [`Minter::entity`]),
    /// whatever base it was minted under.
    ///
    /// ```
    /// use newsgraph::rdf::Minter;
    /// let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
    /// let iri = minter.entity("organization:office of gas_and electricity");
    /// assert_eq!(Minter::entity_key(iri.as_str()).as_deref(), Some("organization:office of gas_and electricity"));
    /// assert_eq!(Minter::entity_key("https://example.org/article/x"), None);
    /// ```
    pub fn entity_key(iri: &str) -> Option<String> {
        let mut parts = iri.rsplitn(3, '/');
        let (name, kind, rest) = (parts.next()?, parts.next()?, parts.next()?);
        if !rest.ends_with("entity") {
            return None;
        }
        Some(format!("{}:{}", decode(kind)?, decode(name)?))
    }

    /// The name of the builds graph (`{base}builds`): one manifest per `newsgraph build`.
    pub fn builds(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}builds", self.base))
    }

    /// The IRI of the build that started at `started` (`{base}build/{started}`).
    pub fn build(&self, started: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}build/{}", self.base, encode(started)))
    }

    /// The name of the analytics graph (`{base}analytics`): degree, PageRank and community of
    /// every entity, rebuilt on demand by `newsgraph stats --rank --store-analytics`.
    pub fn analytics(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}analytics", self.base))
    }

    /// The name of the corpus graph (`{base}corpus`): one description per entity and one
    /// aggregate edge per (subject, predicate, object), derived from every article.
    pub fn corpus(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}corpus", self.base))
    }

    /// The IRI of the aggregate edge from entity `subject` by the property named `predicate`
    /// (its local name, `accused`) to entity `object`, in the corpus graph.
    pub fn edge(&self, subject: &str, predicate: &str, object: &str) -> NamedNode {
        NamedNode::new_unchecked(format!(
            "{}edge/{}/{}/{}",
            self.base,
            encode(subject),
            encode(predicate),
            encode(object)
        ))
    }

    /// The IRI of an article, which is also the name of its graph.
    pub fn article(&self, id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}article/{}", self.base, encode(id)))
    }

    /// The IRI of a statement of an article.
    pub fn statement(&self, article_id: &str, ordinal: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}statement/{}/{ordinal}", self.base, encode(article_id)))
    }

    /// The IRI of an article's merge log, a named graph of its own (`…/merges/<id>`).
    pub fn merge_log(&self, article_id: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}merges/{}", self.base, encode(article_id)))
    }

    /// The IRI of a mention: the article IRI with an RFC 5147 `#char=` fragment.
    pub fn mention(&self, article_id: &str, start: usize, end: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}article/{}#char={start},{end}", self.base, encode(article_id)))
    }
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn int(n: usize) -> Term {
    Literal::from(n as i64).into()
}

/// The quads of one article, in its own named graph, sorted.
pub fn article_quads(record: &ArticleRecord, minter: &Minter) -> Vec<Quad> {
    article_nquads(record, minter).0
}

/// [`article_quads`], and the same quads as an N-Quads document, one line each, as
/// an N-Quads serialiser writes them: each quad is formatted once, to sort it and to write it.
pub fn article_nquads(record: &ArticleRecord, minter: &Minter) -> (Vec<Quad>, String) {
    let mut quads = Vec::new();
    let mut lines = Lines::default();
    each_article_quad(record, minter, |q| {
        lines.add(q);
        quads.push(q.into_owned());
    });
    let order = lines.sorted();
    let mut slots: Vec<Option<Quad>> = quads.into_iter().map(Some).collect();
    let sorted = order.iter().map(|&i| slots[i].take().expect("each quad is taken once")).collect();
    (sorted, lines.text(&order))
}

/// The N-Quads text of [`article_quads`], without making the quads.
pub fn article_nquads_text(record: &ArticleRecord, minter: &Minter) -> String {
    let mut lines = Lines::default();
    each_article_quad(record, minter, |q| lines.add(q));
    let order = lines.sorted();
    lines.text(&order)
}

/// Quads as N-Quads lines, each written by Oxigraph's N-Quads serialiser, all in one buffer.
#[derive(Default)]
struct Lines {
    text: Vec<u8>,
    /// Byte range of each line in `text`, with its ` .` and line break.
    ranges: Vec<(u32, u32)>,
}

/// The bytes Oxigraph's N-Quads serialiser writes after each quad.
const LINE_END: usize = " .\n".len();

impl Lines {
    fn add(&mut self, q: QuadRef<'_>) {
        let start = self.text.len();
        write_nquad(q, &mut self.text);
        self.ranges.push((start as u32, self.text.len() as u32));
    }

    /// A line without its ` .` and line break: the quad as oxrdf displays it, the sort key that
    /// `GraphStore::export` uses too.
    fn key(&self, i: usize) -> &[u8] {
        &self.text[self.ranges[i].0 as usize..self.ranges[i].1 as usize - LINE_END]
    }

    /// The lines' indexes in the order of their text, each text once.
    fn sorted(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.ranges.len()).collect();
        order.sort_unstable_by(|&a, &b| self.key(a).cmp(self.key(b)).then(a.cmp(&b)));
        order.dedup_by(|a, b| self.key(*a) == self.key(*b));
        order
    }

    /// Lines `order` as an N-Quads document.
    fn text(&self, order: &[usize]) -> String {
        let mut out = Vec::with_capacity(self.text.len());
        for &i in order {
            out.extend_from_slice(&self.text[self.ranges[i].0 as usize..self.ranges[i].1 as usize]);
        }
        String::from_utf8(out).expect("N-Quads is UTF-8")
    }
}

/// Appends one quad as a line of N-Quads, written by Oxigraph's (oxttl's) N-Quads serialiser.
pub(crate) fn write_nquad(q: QuadRef<'_>, out: &mut Vec<u8>) {
    oxttl::NQuadsSerializer::new().low_level().serialize_quad(q, out).expect("a Vec takes any bytes");
}

/// The quad that records an article's content hash (`ng:contentHash`, a hash of what its graph
/// depends on) in the article's own graph: what `build` compares to skip an unchanged article.
///
/// ```
/// use newsgraph::rdf::{content_hash_quad, Minter};
/// let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
/// let q = content_hash_quad(&minter, "a1", "00ff");
/// assert_eq!(q.to_string(), "<https://newsgraph.example.org/id/article/a1> \
///     <https://newsgraph.example.org/ns#contentHash> \"00ff\" <https://newsgraph.example.org/id/article/a1>");
/// ```
pub fn content_hash_quad(minter: &Minter, article_id: &str, hash: &str) -> Quad {
    let article = minter.article(article_id);
    Quad::new(article.clone(), iri(vocab::NG_CONTENT_HASH), Literal::new_simple_literal(hash), article)
}

/// Where the quads of one article go: its own named graph, or its merge log (a named graph
/// of its own, so that SPARQL can ask why two names are one entity).
struct ArticleSink<F> {
    graph: GraphName,
    log: GraphName,
    sink: F,
}

impl<F: FnMut(QuadRef<'_>)> ArticleSink<F> {
    /// A quad of the article graph.
    fn add(&mut self, s: &NamedNode, p: &str, o: Term) {
        (self.sink)(QuadRef::new(s, NamedNodeRef::new_unchecked(p), &o, &self.graph));
    }

    /// A quad of the merge log.
    fn log(&mut self, s: &NamedNode, p: &str, o: Term) {
        (self.sink)(QuadRef::new(s, NamedNodeRef::new_unchecked(p), &o, &self.log));
    }
}

/// Hands each quad of one article to `sink`, unsorted, possibly twice, without copying the
/// subject, predicate and graph of each. [`read_graph`] reads them back, part by part.
fn each_article_quad(record: &ArticleRecord, minter: &Minter, sink: impl FnMut(QuadRef<'_>)) {
    let id = &record.article.id;
    let mut out = ArticleSink {
        graph: GraphName::NamedNode(minter.article(id)),
        log: GraphName::NamedNode(minter.merge_log(id)),
        sink,
    };
    let article = minter.article(id);
    write_article(&mut out, &record.article, &article);
    write_authors(&mut out, minter, &record.article, &article);
    write_entities(&mut out, minter, &article, &record.entities);
    write_merge_log(&mut out, minter, record, &article);
    write_mentions(&mut out, minter, record);
    write_statements(&mut out, minter, record, &article);
}

/// The article's metadata: id, headline, date, URL, publisher.
fn write_article<F: FnMut(QuadRef<'_>)>(out: &mut ArticleSink<F>, a: &crate::model::Article, article: &NamedNode) {
    use vocab::*;
    out.add(article, RDF_TYPE, iri(SCHEMA_NEWS_ARTICLE).into());
    out.add(article, SCHEMA_IDENTIFIER, Literal::new_simple_literal(&a.id).into());
    if let Some(t) = &a.title {
        out.add(article, SCHEMA_HEADLINE, Literal::new_simple_literal(t).into());
    }
    if let Some(d) = &a.date {
        out.add(article, SCHEMA_DATE_PUBLISHED, Literal::new_typed_literal(d, iri(XSD_DATE)).into());
    }
    if let Some(u) = &a.url {
        out.add(article, SCHEMA_URL, Literal::new_simple_literal(u).into());
    }
    if let Some(s) = &a.source {
        out.add(article, SCHEMA_PUBLISHER, Literal::new_simple_literal(s).into());
    }
}

/// The article's authors: one `schema:Person` entity each, with the key a mention of the same
/// name in an article would give, so that an author quoted elsewhere is the same node. (Authors
/// are still described in the article graph: the corpus graph covers mentioned entities only.)
fn write_authors<F: FnMut(QuadRef<'_>)>(
    out: &mut ArticleSink<F>,
    minter: &Minter,
    a: &crate::model::Article,
    article: &NamedNode,
) {
    use vocab::*;
    for name in a.author.iter().flat_map(|names| author_names(names)) {
        let key = format!("person:{}", crate::resolve::normalize(name));
        let node = minter.entity(&key);
        out.add(article, SCHEMA_AUTHOR, node.clone().into());
        out.add(&node, RDF_TYPE, iri(SCHEMA_PERSON).into());
        out.add(&node, RDFS_LABEL, Literal::new_simple_literal(name).into());
        out.add(&node, NG_KEY, Literal::new_simple_literal(&key).into());
    }
}

/// The names of a byline: "Ana Lucero, Tomas Reyes and Ines Calder" is three people.
///
/// ```
/// assert_eq!(newsgraph::rdf::author_names("Ana Lucero, Tomas Reyes and Ines Calder"), ["Ana Lucero", "Tomas Reyes", "Ines Calder"]);
/// ```
pub fn author_names(byline: &str) -> Vec<&str> {
    byline
        .split([',', ';', '&', '|'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// The entities the article mentions: the article's `schema:mentions` in its graph, and in its
/// merge log what the article says of each (its name there, other names and links). Types,
/// labels and keys are the corpus graph's: no entity description is written per article.
fn write_entities<F: FnMut(QuadRef<'_>)>(
    out: &mut ArticleSink<F>,
    minter: &Minter,
    article: &NamedNode,
    entities: &[crate::model::Entity],
) {
    use vocab::*;
    for e in entities {
        let node = minter.entity(&e.key);
        out.add(article, SCHEMA_MENTIONS, node.clone().into());
        out.log(&node, NG_ARTICLE_LABEL, Literal::new_simple_literal(&e.name).into());
        for alias in &e.aliases {
            out.log(&node, NG_ARTICLE_ALIAS, Literal::new_simple_literal(alias).into());
        }
        if let Some(q) = &e.wikidata {
            out.log(&node, NG_ARTICLE_SAME_AS, iri(&format!("{WD}{q}")).into());
        }
        if let Some(c) = &e.capital_of {
            out.log(&node, NG_ARTICLE_CAPITAL_OF, minter.entity(c).into());
        }
        if let Some(c) = &e.nationality {
            out.log(&node, NG_ARTICLE_NATIONALITY, minter.entity(c).into());
        }
        if let Some(c) = &e.part_of {
            out.log(&node, NG_ARTICLE_PART_OF, minter.entity(c).into());
        }
        if let Some(t) = &e.ticker {
            out.log(&node, NG_ARTICLE_TICKER, Literal::new_simple_literal(t).into());
        }
    }
}

/// The merge log's header, and the entities of different types that share a name (kept apart,
/// and said so). The tier that joined each mention to its entity is a property of the mention.
fn write_merge_log<F: FnMut(QuadRef<'_>)>(
    out: &mut ArticleSink<F>,
    minter: &Minter,
    record: &ArticleRecord,
    article: &NamedNode,
) {
    use vocab::*;
    let log_node = minter.merge_log(&record.article.id);
    out.log(&log_node, RDF_TYPE, iri(NG_MERGE_LOG).into());
    out.log(&log_node, NG_ARTICLE, article.clone().into());
    for (x, y) in &record.same_names {
        let (x, y) = (minter.entity(x), minter.entity(y));
        out.log(&x, NG_SAME_NAME_AS, y.clone().into());
        out.log(&y, NG_SAME_NAME_AS, x.into());
    }
}

/// The mentions: entity, tier, offsets (code points) and text. The graph names the article.
fn write_mentions<F: FnMut(QuadRef<'_>)>(out: &mut ArticleSink<F>, minter: &Minter, record: &ArticleRecord) {
    use vocab::*;
    for m in &record.mentions {
        let node = minter.mention(&record.article.id, m.start, m.end);
        out.add(&node, NG_REFERS_TO, minter.entity(&m.entity).into());
        out.add(&node, NG_TIER, Literal::new_simple_literal(m.tier.name()).into());
        out.add(&node, NIF_BEGIN_INDEX, int(m.start));
        out.add(&node, NIF_END_INDEX, int(m.end));
        out.add(&node, NIF_ANCHOR_OF, Literal::new_simple_literal(&m.text).into());
        if let Some(c) = &m.government_of {
            out.add(&node, NG_GOVERNMENT_OF, minter.entity(c).into());
        }
    }
}

/// The statements, reified with their evidence, and the direct triple of each asserted one.
fn write_statements<F: FnMut(QuadRef<'_>)>(
    out: &mut ArticleSink<F>,
    minter: &Minter,
    record: &ArticleRecord,
    article: &NamedNode,
) {
    use vocab::*;
    let a = &record.article;
    // the mention nodes there are, by offsets: a statement's words point at one of them
    let mut spans: Vec<(usize, usize)> = record.mentions.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    let mention = |offsets: Option<(usize, usize)>| {
        let (start, end) = offsets.filter(|o| spans.binary_search(o).is_ok())?;
        Some(minter.mention(&a.id, start, end))
    };
    for s in &record.statements {
        let node = minter.statement(&a.id, s.ordinal);
        let subject = minter.entity(&s.subject);
        let predicate = predicate_iri(s.predicate);
        out.add(&node, RDF_TYPE, iri(NG_STATEMENT).into());
        out.add(&node, RDF_SUBJECT, subject.into());
        out.add(&node, RDF_PREDICATE, iri(&predicate).into());
        // the direct triples (`?a ng:accused ?b`) are the corpus graph's, once per pair
        if let Some(o) = &s.object {
            out.add(&node, RDF_OBJECT, minter.entity(o).into());
        }
        for t in &s.targets {
            out.add(&node, NG_TARGET, minter.entity(t).into());
        }
        if let Some(q) = &s.quote {
            out.add(&node, NG_QUOTE, Literal::new_simple_literal(q).into());
        }
        if let Some((start, end)) = s.quote_offsets {
            out.add(&node, NG_QUOTE_BEGIN, int(start));
            out.add(&node, NG_QUOTE_END, int(end));
        }
        out.add(&node, NG_EVIDENCE, Literal::new_simple_literal(&s.sentence).into());
        out.add(&node, NIF_BEGIN_INDEX, int(s.evidence_offsets.0));
        out.add(&node, NIF_END_INDEX, int(s.evidence_offsets.1));
        out.add(&node, NG_CUE, Literal::new_simple_literal(&s.cue).into());
        if let Some(c) = &s.cameo {
            out.add(&node, NG_CAMEO, Literal::new_simple_literal(c).into());
        }
        if let Some(m) = &s.medium {
            out.add(&node, NG_MEDIUM, minter.entity(m).into());
        }
        if let Some(m) = mention(s.subject_offsets) {
            out.add(&node, NG_SUBJECT_MENTION, m.into());
        }
        if let Some(m) = mention(s.object_offsets) {
            out.add(&node, NG_OBJECT_MENTION, m.into());
        }
        out.add(&node, NG_POLARITY, Literal::new_simple_literal(s.polarity.name()).into());
        out.add(&node, NG_RULE, Literal::new_simple_literal(s.rule.name()).into());
        // two decimals, in xsd:double's canonical form ("0.7", as the store gives it back), so
        // that `extract` writes what `build` stores
        let confidence = (f64::from(s.confidence) * 100.0).round() / 100.0;
        out.add(&node, NG_CONFIDENCE, Literal::from(confidence).into());
        out.add(&node, NG_ARTICLE, article.clone().into());
        if let Some(d) = &a.date {
            out.add(&node, NG_DATE, Literal::new_typed_literal(d, iri(XSD_DATE)).into());
        }
    }
}

/// The quads of every article of a graph, article by article.
pub fn graph_quads(graph: &KnowledgeGraph, minter: &Minter) -> Vec<Quad> {
    graph.articles().iter().flat_map(|a| article_quads(a, minter)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Origin};

    fn record(id: &str, text: &str) -> ArticleRecord {
        let x = crate::Pipeline::new().run(Article {
            id: id.into(),
            title: Some("Headline".into()),
            date: Some("2024-03-03".into()),
            url: None,
            source: None,
            author: None,
            text: text.into(),
            origin: Origin { path: id.into(), line: None },
        });
        let mut graph = KnowledgeGraph::new();
        graph.add(&x);
        graph.articles()[0].clone()
    }

    #[test]
    fn rdf_iris_are_injective_and_valid() {
        let m = Minter::new(vocab::DEFAULT_BASE_IRI).unwrap();
        assert_ne!(m.entity("person:a b"), m.entity("person:a_b"));
        assert_ne!(m.article("a/b"), m.article("a%2Fb"));
        assert_eq!(m.entity("person:zoë").as_str(), "https://newsgraph.example.org/id/entity/person/zo%C3%AB");
        assert!(Minter::new("not an iri").is_err());
        assert!(Minter::new("http://example.org/no-slash").is_err());
    }

    #[test]
    fn rdf_article_quads_are_sorted_named_and_without_blank_nodes() {
        let m = Minter::new(vocab::DEFAULT_BASE_IRI).unwrap();
        let quads = article_quads(&record("a1", "Estonia did not accuse Russia. \"We agree,\" Li Wen said."), &m);
        let graph = GraphName::NamedNode(m.article("a1"));
        let log = GraphName::NamedNode(m.merge_log("a1"));
        assert!(quads.iter().all(|q| q.graph_name == graph || q.graph_name == log));
        // each mention says how it joined its entity; the merge log says what the article calls it
        assert!(quads.iter().any(|q| q.graph_name == graph && q.to_string().contains("/ns#tier> \"first\"")));
        assert!(quads.iter().any(|q| q.graph_name == log && q.to_string().contains("/ns#articleLabel> \"Estonia\"")));
        // no entity is described in the article's graph: that is the corpus graph's
        assert!(!quads.iter().any(|q| q.predicate.as_str() == vocab::RDFS_LABEL));
        assert!(quads.iter().all(|q| !q.to_string().contains("_:")));
        let lines: Vec<String> = quads.iter().map(ToString::to_string).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted);
        let has = |s: &str| lines.iter().any(|l| l.contains(s));
        assert!(has("/ns#articleSameAs> <http://www.wikidata.org/entity/Q191>"));
        assert!(has("\"negated\""));
        // a negated statement gets no direct triple
        assert!(!has("/ns#accused> <https://newsgraph.example.org/id/entity/country/RUS>"));
        assert!(has("\"2024-03-03\"^^<http://www.w3.org/2001/XMLSchema#date>"));
    }

    #[test]
    fn rdf_statement_names_its_medium() {
        let m = Minter::new(vocab::DEFAULT_BASE_IRI).unwrap();
        let text = "Xinhua quoted Chinese Foreign Minister Wang Yi as saying that the talks had failed.";
        let quads = article_quads(&record("a1", text), &m);
        let medium: Vec<String> =
            quads.iter().filter(|q| q.predicate.as_str() == vocab::NG_MEDIUM).map(|q| q.object.to_string()).collect();
        assert_eq!(medium, ["<https://newsgraph.example.org/id/entity/org/xinhua>"], "{quads:#?}");
        let rule = quads.iter().find(|q| q.predicate.as_str() == vocab::NG_RULE).unwrap();
        assert_eq!(rule.object.to_string(), "\"quoted-as-saying\"");
    }

    #[test]
    fn rdf_store_replaces_an_article_graph() {
        let m = Minter::new(vocab::DEFAULT_BASE_IRI).unwrap();
        let store = GraphStore::in_memory().unwrap();
        let graphs = [m.article("a1"), m.merge_log("a1")];
        let first = article_quads(&record("a1", "Estonia accused Russia."), &m);
        store.replace_graphs(&graphs, &first).unwrap();
        assert_eq!(store.len().unwrap(), first.len());
        let second = article_quads(&record("a1", "Kenya met Ethiopia."), &m);
        store.replace_graphs(&graphs, &second).unwrap();
        assert_eq!(store.len().unwrap(), second.len());
        let mut out = Vec::new();
        store.export(oxigraph::io::RdfFormat::NQuads, None, &mut out).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains("Estonia"));
    }
}
