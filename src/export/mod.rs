//! Graph exports for visualisation and graph tools: GraphML, GEXF, DOT, Cytoscape.js JSON,
//! Neo4j CSV and a self-contained HTML view. RDF syntaxes are written by the store ([`crate::rdf::GraphStore::export`]).
//!
//! Every format is written from one [`ExportGraph`]: the entities of a [`KnowledgeGraph`] as
//! nodes with their [`Analytics`], and its statements as edges, after the [`Selection`]
//! (types, predicates, dates, an ego network, the top of the PageRank) and, with
//! [`Selection::aggregate`], with the parallel edges of one predicate merged. Nodes are in key
//! order and edges in statement order (or in key order when aggregated), so the same graph
//! always gives the same bytes.
//!
//! ```
//! use newsgraph::export::{ExportFormat, ExportGraph, Selection};
//! use newsgraph::rdf::Minter;
//! let mut graph = newsgraph::graph::KnowledgeGraph::new();
//! graph.add(&newsgraph::Pipeline::new().run_text("Estonia accused Russia of jamming flights."));
//! let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).unwrap();
//! let export = ExportGraph::new(&graph, &graph.analytics(), &minter, &Selection::default()).unwrap();
//! assert_eq!((export.nodes.len(), export.edges.len()), (2, 1));
//! let mut dot = Vec::new();
//! ExportFormat::Dot.write(&export, &mut dot).unwrap();
//! assert!(String::from_utf8(dot).unwrap().contains("[label=\"accused\""));
//! ```

pub mod csv;
pub mod cytoscape;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::graph::{Analytics, KnowledgeGraph};
use crate::model::{EntityKind, Polarity, Predicate};
use crate::rdf::Minter;

/// A graph export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// GraphML with typed keys (Gephi, yEd, Cytoscape, networkx).
    GraphMl,
    /// GEXF 1.3 with colours by type and date spells (Gephi's timeline).
    Gexf,
    /// Graphviz DOT.
    Dot,
    /// Cytoscape.js JSON (`elements` of `data` objects; Cytoscape desktop reads it too).
    Cytoscape,
    /// `nodes.csv` and `edges.csv` in a folder, with `neo4j-admin import` headers.
    Csv,
    /// One self-contained HTML page: the graph drawn by the vendored cytoscape.js.
    Html,
}

impl ExportFormat {
    /// Every graph format.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::GraphMl,
        ExportFormat::Gexf,
        ExportFormat::Dot,
        ExportFormat::Cytoscape,
        ExportFormat::Csv,
        ExportFormat::Html,
    ];

    /// The name `--format` takes.
    ///
    /// ```
    /// use newsgraph::export::ExportFormat;
    /// assert_eq!(ExportFormat::Cytoscape.name(), "cytoscape");
    /// assert_eq!(ExportFormat::from_name("GraphML"), Some(ExportFormat::GraphMl));
    /// assert_eq!(ExportFormat::from_name("cyjs"), Some(ExportFormat::Cytoscape));
    /// assert_eq!(ExportFormat::from_name("turtle"), None);
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Dot => "dot",
            ExportFormat::Cytoscape => "cytoscape",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }

    /// The usual file extension (for CSV, of the files inside the folder).
    ///
    /// ```
    /// use newsgraph::export::ExportFormat;
    /// assert_eq!(ExportFormat::Dot.file_extension(), "dot");
    /// assert_eq!(ExportFormat::from_extension("gv"), Some(ExportFormat::Dot));
    /// ```
    pub const fn file_extension(self) -> &'static str {
        match self {
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Dot => "dot",
            ExportFormat::Cytoscape => "cyjs",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }

    /// The media type.
    pub const fn media_type(self) -> &'static str {
        match self {
            ExportFormat::GraphMl => "application/graphml+xml",
            ExportFormat::Gexf => "application/gexf+xml",
            ExportFormat::Dot => "text/vnd.graphviz",
            ExportFormat::Cytoscape => "application/json",
            ExportFormat::Csv => "text/csv",
            ExportFormat::Html => "text/html",
        }
    }

    /// True when the format writes a folder of files rather than one file.
    pub const fn writes_folder(self) -> bool {
        matches!(self, ExportFormat::Csv)
    }

    /// A format by name (or its file extension), case-insensitively.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase();
        ExportFormat::ALL.into_iter().find(|f| f.name() == name).or_else(|| Self::from_extension(&name))
    }

    /// A format by file extension (`graphml`, `gexf`, `dot`, `gv`, `cyjs`, `html`, `htm`); `csv`
    /// names a folder
    /// format and is not guessed from a file.
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "graphml" => Some(ExportFormat::GraphMl),
            "gexf" => Some(ExportFormat::Gexf),
            "dot" | "gv" => Some(ExportFormat::Dot),
            "cyjs" => Some(ExportFormat::Cytoscape),
            "html" | "htm" => Some(ExportFormat::Html),
            _ => None,
        }
    }

    /// Writes a one-file format to `out`. CSV writes two files: use [`ExportFormat::write_to`].
    pub fn write(self, graph: &ExportGraph, out: impl Write) -> Result<()> {
        match self {
            ExportFormat::GraphMl => graphml::write(graph, out),
            ExportFormat::Gexf => gexf::write(graph, out),
            ExportFormat::Dot => dot::write(graph, out),
            ExportFormat::Cytoscape => cytoscape::write(graph, out),
            ExportFormat::Html => html::write(graph, out),
            ExportFormat::Csv => Err(Error::Usage("the CSV export writes a folder: give -o DIR".into())),
        }
    }

    /// Writes to `path`: a file, or for CSV a folder (created if missing) holding `nodes.csv`
    /// and `edges.csv`.
    pub fn write_to(self, graph: &ExportGraph, path: &Path) -> Result<()> {
        if self == ExportFormat::Csv {
            return csv::write_folder(graph, path);
        }
        let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        let mut w = std::io::BufWriter::new(file);
        self.write(graph, &mut w)?;
        w.flush().map_err(|e| Error::io(path, e))
    }
}

/// Which part of the graph to export, and how. The default is everything, one edge per
/// statement.
///
/// The steps run in this order: `predicates`, `since` and `until` keep statement edges (and,
/// for dates, the entities mentioned in an article of those dates; for predicates, the
/// entities at the ends of a kept edge); `types` and `min_mentions` keep entities; `around`
/// keeps the entities within `depth` edges (either way) of one entity; `top` keeps the
/// entities of highest PageRank. An edge is kept when both its ends are.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Only entities of these types.
    pub types: Option<BTreeSet<EntityKind>>,
    /// Only statements of these predicates.
    pub predicates: Option<BTreeSet<Predicate>>,
    /// Only entities with at least this many mentions.
    pub min_mentions: usize,
    /// Only the N entities of highest PageRank (over the whole graph; ties by key).
    pub top: Option<usize>,
    /// Only statements of articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only statements of articles dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Only the ego network of this entity: its key, label or an alias (any case).
    pub around: Option<String>,
    /// How many edges away from `around` to go (1 when `None`).
    pub depth: Option<usize>,
    /// Merge the parallel edges of one predicate (same ends, same role) into one edge whose
    /// weight is their number.
    pub aggregate: bool,
}

/// How an edge's target takes part in its statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeRole {
    /// The target is the statement's object (`Estonia accused Russia`).
    Object,
    /// The target is named in the quote or reported content (`ng:target`).
    Target,
}

impl EdgeRole {
    /// `object` or `target`.
    pub const fn name(self) -> &'static str {
        match self {
            EdgeRole::Object => "object",
            EdgeRole::Target => "target",
        }
    }
}

/// An entity as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNode {
    /// The entity IRI (the node id in every format).
    pub iri: String,
    /// The canonical key.
    pub key: String,
    /// The canonical name.
    pub label: String,
    /// Type.
    pub kind: EntityKind,
    /// Wikidata id (`Q191`).
    pub wikidata: Option<String>,
    /// Mentions over all articles.
    pub mentions: usize,
    /// Articles that mention it.
    pub articles: usize,
    /// Other names, sorted.
    pub aliases: Vec<String>,
    /// Distinct entities linked to it in the whole graph.
    pub degree: usize,
    /// Statement edges at it in the whole graph.
    pub weighted_degree: usize,
    /// PageRank in the whole graph (8 decimals).
    pub page_rank: f64,
    /// Connected component (0 is the largest).
    pub component: usize,
    /// Community (0 is the largest).
    pub community: usize,
    /// Date of the first dated article that mentions it.
    pub first_date: Option<String>,
    /// Date of the last dated article that mentions it.
    pub last_date: Option<String>,
}

/// A statement edge as exported: one statement, or with [`Selection::aggregate`] all the
/// statements of one predicate between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEdge {
    /// `e0`, `e1`, … in output order.
    pub id: String,
    /// Subject IRI.
    pub source: String,
    /// Object or target IRI.
    pub target: String,
    /// Predicate.
    pub predicate: Predicate,
    /// Object or target.
    pub role: EdgeRole,
    /// CAMEO code of the first statement that has one.
    pub cameo: Option<String>,
    /// Number of statements.
    pub weight: usize,
    /// How many of them are negated ("did not accuse").
    pub negated: usize,
    /// Date of the first dated article.
    pub first_date: Option<String>,
    /// Date of the last dated article.
    pub last_date: Option<String>,
    /// The first statement's quote or reported content, if any has one.
    pub quote: Option<String>,
    /// Ids of the articles, sorted.
    pub articles: Vec<String>,
    /// IRIs of the statements, in statement order.
    pub statements: Vec<String>,
}

/// An article that an exported edge cites.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportArticle {
    /// The article id (as in [`ExportEdge::articles`]).
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// URL.
    pub url: Option<String>,
}

/// The nodes and edges one export writes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportGraph {
    /// Entities, in key order.
    pub nodes: Vec<ExportNode>,
    /// Statement edges.
    pub edges: Vec<ExportEdge>,
    /// The articles the edges cite, in id order (the HTML view links them).
    pub articles: Vec<ExportArticle>,
}

/// One statement edge before selection: keys, and the statement's place.
struct Candidate<'a> {
    source: &'a str,
    target: &'a str,
    role: EdgeRole,
    statement: &'a crate::graph::StatementRecord,
}

impl ExportGraph {
    /// The entities whose IRI or canonical name is in `names`, the edges between them and the
    /// articles those edges cite (the graph of the entities a SPARQL result names). Figures
    /// such as degree and PageRank stay those of the whole graph.
    pub fn restrict(&self, names: &BTreeSet<&str>) -> ExportGraph {
        let nodes: Vec<ExportNode> = self
            .nodes
            .iter()
            .filter(|n| names.contains(n.iri.as_str()) || names.contains(n.label.as_str()))
            .cloned()
            .collect();
        let kept: BTreeSet<&str> = nodes.iter().map(|n| n.iri.as_str()).collect();
        let edges: Vec<ExportEdge> = self
            .edges
            .iter()
            .filter(|e| kept.contains(e.source.as_str()) && kept.contains(e.target.as_str()))
            .cloned()
            .collect();
        let cited: BTreeSet<&str> = edges.iter().flat_map(|e| e.articles.iter().map(String::as_str)).collect();
        let articles = self.articles.iter().filter(|a| cited.contains(a.id.as_str())).cloned().collect();
        ExportGraph { nodes, edges, articles }
    }

    /// The part of `graph` that `selection` asks for. Fails when `around` names no entity, or
    /// more than one.
    pub fn new(graph: &KnowledgeGraph, analytics: &Analytics, minter: &Minter, selection: &Selection) -> Result<Self> {
        let (dates, in_range) = entity_dates(graph, selection);
        // 1. statement edges by predicate and date
        let mut edges = statement_edges(graph, selection);
        let mut keep: BTreeSet<&str> = graph.entities().map(|e| e.key.as_str()).collect();
        if selection.since.is_some() || selection.until.is_some() {
            keep.retain(|k| in_range.contains(k));
        }
        if selection.predicates.is_some() {
            let ends: BTreeSet<&str> = edges.iter().flat_map(|e| [e.source, e.target]).collect();
            keep.retain(|k| ends.contains(k));
        }
        // 2. entities by type and mentions
        keep.retain(|k| {
            let e = graph.entity(k).expect("keys come from the graph");
            selection.types.as_ref().is_none_or(|t| t.contains(&e.kind)) && e.mentions >= selection.min_mentions
        });
        edges.retain(|e| keep.contains(e.source) && keep.contains(e.target));
        // 3. the ego network
        if let Some(name) = &selection.around {
            let reached = ego_network(find_entity(graph, name)?, selection.depth.unwrap_or(1), &keep, &edges);
            keep.retain(|k| reached.contains_key(k));
        }
        // 4. the top of the PageRank
        if let Some(n) = selection.top {
            let ranked: BTreeSet<&str> =
                analytics.ranked().into_iter().map(|(k, _)| k).filter(|k| keep.contains(k)).take(n).collect();
            keep = ranked;
        }
        edges.retain(|e| keep.contains(e.source) && keep.contains(e.target));
        let nodes = keep.iter().map(|&key| export_node(graph, analytics, minter, key, &dates)).collect();
        // 5. one edge per statement, or one per (source, target, predicate, role)
        let edges = export_edges(graph, minter, &edges, selection.aggregate);
        let articles = cited_articles(graph, &edges);
        Ok(ExportGraph { nodes, edges, articles })
    }
}

impl Selection {
    /// True when an article of `date` is within `since` and `until` (an undated one only
    /// when neither is given).
    fn date_ok(&self, date: Option<&str>) -> bool {
        match (date, &self.since, &self.until) {
            (_, None, None) => true,
            (None, _, _) => false,
            (Some(d), since, until) => {
                since.as_deref().is_none_or(|s| d >= s) && until.as_deref().is_none_or(|u| d <= u)
            }
        }
    }
}

/// Each entity's first and last date, by key.
type Dates<'g> = BTreeMap<&'g str, (Option<&'g str>, Option<&'g str>)>;

/// Entity dates, from the articles that mention them, and the keys of the entities mentioned
/// in an article of the selected dates.
fn entity_dates<'g>(graph: &'g KnowledgeGraph, selection: &Selection) -> (Dates<'g>, BTreeSet<&'g str>) {
    let mut dates: Dates<'g> = BTreeMap::new();
    let mut in_range: BTreeSet<&str> = BTreeSet::new();
    for a in graph.articles() {
        let date = a.article.date.as_deref();
        for e in &a.entities {
            let d = dates.entry(e.key.as_str()).or_default();
            if let Some(date) = date {
                d.0 = Some(d.0.map_or(date, |x| x.min(date)));
                d.1 = Some(d.1.map_or(date, |x| x.max(date)));
            }
            if selection.date_ok(date) {
                in_range.insert(e.key.as_str());
            }
        }
    }
    (dates, in_range)
}

/// Step 1: an edge for the object and each target of every statement of the selected
/// predicates and dates.
fn statement_edges<'g>(graph: &'g KnowledgeGraph, selection: &Selection) -> Vec<Candidate<'g>> {
    let articles = graph.articles();
    let mut edges: Vec<Candidate<'_>> = Vec::new();
    for s in graph.statements() {
        if selection.predicates.as_ref().is_some_and(|p| !p.contains(&s.predicate)) {
            continue;
        }
        if !selection.date_ok(articles[s.article].article.date.as_deref()) {
            continue;
        }
        let ends =
            s.object.iter().map(|o| (o, EdgeRole::Object)).chain(s.targets.iter().map(|t| (t, EdgeRole::Target)));
        for (target, role) in ends {
            edges.push(Candidate { source: &s.subject, target, role, statement: s });
        }
    }
    edges
}

/// Step 3: the kept entities within `depth` edges (either way) of `centre`, with their
/// distance.
fn ego_network<'g>(
    centre: &'g str,
    depth: usize,
    keep: &BTreeSet<&'g str>,
    edges: &[Candidate<'g>],
) -> BTreeMap<&'g str, usize> {
    let mut adjacency: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in edges {
        adjacency.entry(e.source).or_default().insert(e.target);
        adjacency.entry(e.target).or_default().insert(e.source);
    }
    let mut reached: BTreeMap<&str, usize> = BTreeMap::new();
    if keep.contains(centre) {
        reached.insert(centre, 0);
    }
    let mut queue: VecDeque<&str> = reached.keys().copied().collect();
    while let Some(k) = queue.pop_front() {
        let d = reached[k];
        if d == depth {
            continue;
        }
        for &n in adjacency.get(k).into_iter().flatten() {
            if !reached.contains_key(n) {
                reached.insert(n, d + 1);
                queue.push_back(n);
            }
        }
    }
    reached
}

/// The exported node of the entity `key`, with its figures in the whole graph.
fn export_node(
    graph: &KnowledgeGraph,
    analytics: &Analytics,
    minter: &Minter,
    key: &str,
    dates: &Dates<'_>,
) -> ExportNode {
    let e = graph.entity(key).expect("keys come from the graph");
    let m = analytics.get(key);
    let (first_date, last_date) = dates.get(key).copied().unwrap_or_default();
    ExportNode {
        iri: minter.entity(key).into_string(),
        key: key.to_owned(),
        label: e.name.clone(),
        kind: e.kind,
        wikidata: e.wikidata.clone(),
        mentions: e.mentions,
        articles: e.articles,
        aliases: e.aliases.iter().cloned().collect(),
        degree: m.map_or(0, |m| m.degree),
        weighted_degree: m.map_or(0, |m| m.weighted_degree),
        page_rank: m.map_or(0.0, |m| m.page_rank),
        component: m.map_or(0, |m| m.component),
        community: m.map_or(0, |m| m.community),
        first_date: first_date.map(str::to_owned),
        last_date: last_date.map(str::to_owned),
    }
}

/// Step 5: one exported edge per candidate, or with `aggregate` one per (source, target,
/// predicate, role), in key order.
fn export_edges(graph: &KnowledgeGraph, minter: &Minter, edges: &[Candidate<'_>], aggregate: bool) -> Vec<ExportEdge> {
    let mut groups: Vec<Vec<&Candidate<'_>>> = Vec::new();
    if aggregate {
        let mut by_ends: BTreeMap<(&str, &str, &str, EdgeRole), Vec<&Candidate<'_>>> = BTreeMap::new();
        for e in edges {
            by_ends.entry((e.source, e.target, e.statement.predicate.name(), e.role)).or_default().push(e);
        }
        groups.extend(by_ends.into_values());
    } else {
        groups.extend(edges.iter().map(|e| vec![e]));
    }
    let articles = graph.articles();
    groups
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let first = group[0];
            let article = |c: &Candidate<'_>| &articles[c.statement.article].article;
            let dated: Vec<&str> = group.iter().filter_map(|c| article(c).date.as_deref()).collect();
            ExportEdge {
                id: format!("e{i}"),
                source: minter.entity(first.source).into_string(),
                target: minter.entity(first.target).into_string(),
                predicate: first.statement.predicate,
                role: first.role,
                cameo: group.iter().find_map(|c| c.statement.cameo.clone()),
                weight: group.len(),
                negated: group.iter().filter(|c| c.statement.polarity == Polarity::Negated).count(),
                first_date: dated.iter().min().map(|d| d.to_string()),
                last_date: dated.iter().max().map(|d| d.to_string()),
                quote: group.iter().find_map(|c| c.statement.quote.clone()),
                articles: group.iter().map(|c| article(c).id.clone()).collect::<BTreeSet<_>>().into_iter().collect(),
                statements: group
                    .iter()
                    .map(|c| minter.statement(&article(c).id, c.statement.ordinal).into_string())
                    .collect(),
            }
        })
        .collect()
}

/// The articles that `edges` cite, in id order.
fn cited_articles(graph: &KnowledgeGraph, edges: &[ExportEdge]) -> Vec<ExportArticle> {
    let cited: BTreeSet<&str> = edges.iter().flat_map(|e| e.articles.iter().map(String::as_str)).collect();
    graph
        .articles()
        .iter()
        .map(|a| &a.article)
        .filter(|a| cited.contains(a.id.as_str()))
        .map(|a| {
            let article =
                ExportArticle { id: a.id.clone(), title: a.title.clone(), date: a.date.clone(), url: a.url.clone() };
            (a.id.as_str(), article)
        })
        .collect::<BTreeMap<_, _>>()
        .into_values()
        .collect()
}

/// What a column holds: its type in each typed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttrKind {
    /// A string.
    Text,
    /// A day, `YYYY-MM-DD` (a string in GraphML and GEXF).
    Date,
    /// Strings (joined by `|` in GraphML and GEXF, by `;` in Neo4j CSV, an array in JSON).
    List,
    /// A whole number.
    Int,
    /// A real number.
    Double,
}

/// One value of a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// No value: the column is left empty or out.
    None,
    /// A string or a date.
    Text(String),
    /// Strings.
    List(Vec<String>),
    /// A whole number.
    Int(usize),
    /// A real number.
    Double(f64),
}

impl Value {
    fn text(s: &Option<String>) -> Value {
        s.as_ref().map_or(Value::None, |s| Value::Text(s.clone()))
    }

    /// The value as one string, lists joined by `separator`; `None` when there is no value
    /// (or an empty list).
    pub(crate) fn joined(&self, separator: &str) -> Option<String> {
        match self {
            Value::None => None,
            Value::Text(s) => Some(s.clone()),
            Value::List(items) if items.is_empty() => None,
            Value::List(items) => Some(items.join(separator)),
            Value::Int(n) => Some(n.to_string()),
            Value::Double(x) => Some(double(*x)),
        }
    }
}

/// The node columns every typed format writes, in order.
pub(crate) const NODE_COLUMNS: [(&str, AttrKind); 15] = [
    ("label", AttrKind::Text),
    ("type", AttrKind::Text),
    ("key", AttrKind::Text),
    ("iri", AttrKind::Text),
    ("wikidata", AttrKind::Text),
    ("mentions", AttrKind::Int),
    ("articles", AttrKind::Int),
    ("aliases", AttrKind::List),
    ("degree", AttrKind::Int),
    ("weighted_degree", AttrKind::Int),
    ("pagerank", AttrKind::Double),
    ("component", AttrKind::Int),
    ("community", AttrKind::Int),
    ("first_date", AttrKind::Date),
    ("last_date", AttrKind::Date),
];

/// The edge columns every typed format writes, in order.
pub(crate) const EDGE_COLUMNS: [(&str, AttrKind); 11] = [
    ("label", AttrKind::Text),
    ("predicate", AttrKind::Text),
    ("role", AttrKind::Text),
    ("cameo", AttrKind::Text),
    ("weight", AttrKind::Int),
    ("negated", AttrKind::Int),
    ("first_date", AttrKind::Date),
    ("last_date", AttrKind::Date),
    ("quote", AttrKind::Text),
    ("articles", AttrKind::List),
    ("statements", AttrKind::List),
];

impl ExportNode {
    /// The values of [`NODE_COLUMNS`].
    pub(crate) fn values(&self) -> [Value; 15] {
        [
            Value::Text(self.label.clone()),
            Value::Text(self.kind.slug().to_owned()),
            Value::Text(self.key.clone()),
            Value::Text(self.iri.clone()),
            Value::text(&self.wikidata),
            Value::Int(self.mentions),
            Value::Int(self.articles),
            Value::List(self.aliases.clone()),
            Value::Int(self.degree),
            Value::Int(self.weighted_degree),
            Value::Double(self.page_rank),
            Value::Int(self.component),
            Value::Int(self.community),
            Value::text(&self.first_date),
            Value::text(&self.last_date),
        ]
    }
}

impl ExportEdge {
    /// The label drawn on the edge: the predicate, "about" for a target, and the weight when
    /// it is over 1 (`accused`, `said about`, `met ×3`).
    pub fn label(&self) -> String {
        let about = if self.role == EdgeRole::Target { " about" } else { "" };
        let times = if self.weight > 1 { format!(" ×{}", self.weight) } else { String::new() };
        format!("{}{about}{times}", self.predicate.name())
    }

    /// The values of [`EDGE_COLUMNS`].
    pub(crate) fn values(&self) -> [Value; 11] {
        [
            Value::Text(self.label()),
            Value::Text(self.predicate.name().to_owned()),
            Value::Text(self.role.name().to_owned()),
            Value::text(&self.cameo),
            Value::Int(self.weight),
            Value::Int(self.negated),
            Value::text(&self.first_date),
            Value::text(&self.last_date),
            Value::text(&self.quote),
            Value::List(self.articles.clone()),
            Value::List(self.statements.clone()),
        ]
    }
}

/// The key of the entity named `name`: a key, else a label, else an alias (any case).
fn find_entity<'g>(graph: &'g KnowledgeGraph, name: &str) -> Result<&'g str> {
    if let Some(e) = graph.entity(name) {
        return Ok(e.key.as_str());
    }
    let lower = name.to_lowercase();
    let by_label: Vec<&str> =
        graph.entities().filter(|e| e.name.to_lowercase() == lower).map(|e| e.key.as_str()).collect();
    let found = if by_label.is_empty() {
        graph
            .entities()
            .filter(|e| e.aliases.iter().any(|a| a.to_lowercase() == lower))
            .map(|e| e.key.as_str())
            .collect()
    } else {
        by_label
    };
    match found.as_slice() {
        [key] => Ok(key),
        [] => Err(Error::Usage(format!("no entity is named {name:?} (give a key, a label or an alias)"))),
        keys => Err(Error::Usage(format!(
            "{name:?} names {} entities: give one of the keys {}",
            keys.len(),
            keys.join(", ")
        ))),
    }
}

/// How an entity type is drawn: the same in every format that draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Fill colour, red, green, blue.
    pub rgb: (u8, u8, u8),
    /// Graphviz shape.
    pub dot_shape: &'static str,
    /// GEXF `viz:shape`.
    pub gexf_shape: &'static str,
}

impl Style {
    /// The style of a type (colours of the Tableau 10 palette, readable with white text).
    ///
    /// ```
    /// use newsgraph::export::Style;
    /// use newsgraph::model::EntityKind;
    /// assert_eq!(Style::of(EntityKind::Person).hex(), "#4E79A7");
    /// ```
    pub const fn of(kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => Style { rgb: (0x4E, 0x79, 0xA7), dot_shape: "ellipse", gexf_shape: "disc" },
            EntityKind::Organisation => Style { rgb: (0xF2, 0x8E, 0x2B), dot_shape: "box", gexf_shape: "square" },
            EntityKind::Country => Style { rgb: (0x59, 0xA1, 0x4F), dot_shape: "hexagon", gexf_shape: "diamond" },
            EntityKind::Place => Style { rgb: (0xB0, 0x7A, 0xA1), dot_shape: "triangle", gexf_shape: "triangle" },
        }
    }

    /// The colour as `#RRGGBB`.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.rgb.0, self.rgb.1, self.rgb.2)
    }
}

/// Text as XML 1.0 allows it: characters XML cannot carry at all (most control characters,
/// U+FFFE, U+FFFF) are dropped; the writer escapes the rest.
fn xml_text(s: &str) -> std::borrow::Cow<'_, str> {
    let allowed =
        |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if s.chars().all(allowed) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
    }
}

/// A number written for a double-typed field: at most 8 decimals, no trailing zeros.
fn double(x: f64) -> String {
    let s = format!("{x:.8}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Origin};

    /// Two articles about four countries, with dates, built by the pipeline.
    pub(crate) fn sample() -> (KnowledgeGraph, Minter) {
        let mut graph = KnowledgeGraph::new();
        for (id, date, text) in [
            ("a", Some("2024-03-01"), "Estonia accused Russia of jamming flights. Latvia criticised Russia."),
            ("b", Some("2024-03-05"), "Estonia accused Russia again. Kenya met Ethiopia."),
            ("c", None, "Kenya and Ethiopia signed a deal."),
        ] {
            graph.add(&crate::Pipeline::new().run(Article {
                id: id.into(),
                title: None,
                date: date.map(str::to_owned),
                url: None,
                source: None,
                author: None,
                text: text.into(),
                origin: Origin { path: id.into(), line: None },
            }));
        }
        (graph, Minter::new(crate::rdf::vocab::DEFAULT_BASE_IRI).unwrap())
    }

    pub(crate) fn export(selection: &Selection) -> ExportGraph {
        let (graph, minter) = sample();
        ExportGraph::new(&graph, &graph.analytics(), &minter, selection).unwrap()
    }

    fn keys(g: &ExportGraph) -> Vec<&str> {
        g.nodes.iter().map(|n| n.key.as_str()).collect()
    }

    #[test]
    fn export_default_is_every_entity_and_one_edge_per_statement() {
        let g = export(&Selection::default());
        assert_eq!(keys(&g), ["country:EST", "country:ETH", "country:KEN", "country:LVA", "country:RUS"]);
        let accused: Vec<&ExportEdge> = g.edges.iter().filter(|e| e.predicate == Predicate::Accused).collect();
        assert_eq!(accused.len(), 2);
        assert!(accused.iter().all(|e| e.weight == 1));
        assert_eq!(g.edges.iter().map(|e| e.id.as_str()).collect::<Vec<_>>()[..2], ["e0", "e1"]);
    }

    #[test]
    fn export_aggregate_merges_parallel_edges_with_a_weight_and_dates() {
        let g = export(&Selection { aggregate: true, ..Selection::default() });
        let accused: Vec<&ExportEdge> = g.edges.iter().filter(|e| e.predicate == Predicate::Accused).collect();
        assert_eq!(accused.len(), 1);
        let e = accused[0];
        assert_eq!(e.weight, 2);
        assert_eq!((e.first_date.as_deref(), e.last_date.as_deref()), (Some("2024-03-01"), Some("2024-03-05")));
        assert_eq!(e.articles, ["a", "b"]);
        assert_eq!(e.statements.len(), 2);
    }

    #[test]
    fn export_filters_by_predicate_date_type_and_mentions() {
        let g = export(&Selection { predicates: Some([Predicate::Criticised].into()), ..Selection::default() });
        assert_eq!(keys(&g), ["country:LVA", "country:RUS"]);
        let g = export(&Selection { since: Some("2024-03-02".into()), ..Selection::default() });
        assert_eq!(keys(&g), ["country:EST", "country:ETH", "country:KEN", "country:RUS"]);
        assert!(g.edges.iter().all(|e| e.first_date.as_deref() == Some("2024-03-05")));
        let g = export(&Selection { until: Some("2024-03-01".into()), ..Selection::default() });
        assert_eq!(keys(&g), ["country:EST", "country:LVA", "country:RUS"]);
        let g = export(&Selection { min_mentions: 2, ..Selection::default() });
        assert_eq!(keys(&g), ["country:EST", "country:ETH", "country:KEN", "country:RUS"]);
        let g = export(&Selection { min_mentions: 3, ..Selection::default() });
        assert_eq!(keys(&g), ["country:RUS"]);
        let g = export(&Selection { types: Some([EntityKind::Person].into()), ..Selection::default() });
        assert!(g.nodes.is_empty() && g.edges.is_empty());
    }

    #[test]
    fn export_around_gives_the_ego_network_by_label_alias_or_key() {
        for name in ["Russia", "russia", "country:RUS"] {
            let g = export(&Selection { around: Some(name.into()), ..Selection::default() });
            assert_eq!(keys(&g), ["country:EST", "country:LVA", "country:RUS"], "{name}");
        }
        let g = export(&Selection { around: Some("Estonia".into()), depth: Some(2), ..Selection::default() });
        assert_eq!(keys(&g), ["country:EST", "country:LVA", "country:RUS"]);
        let g = export(&Selection { around: Some("Estonia".into()), depth: Some(0), ..Selection::default() });
        assert_eq!(keys(&g), ["country:EST"]);
        assert!(g.edges.is_empty());
        let (graph, minter) = sample();
        let missing = Selection { around: Some("Atlantis".into()), ..Selection::default() };
        assert!(ExportGraph::new(&graph, &graph.analytics(), &minter, &missing).is_err());
    }

    #[test]
    fn export_finds_an_entity_by_alias_and_refuses_an_ambiguous_name() {
        let mut graph = KnowledgeGraph::new();
        graph.add(
            &crate::Pipeline::new().run_text("The U.S. accused Iran. United States officials met Iranian envoys."),
        );
        assert_eq!(find_entity(&graph, "u.s.").unwrap(), "country:USA");
        assert_eq!(find_entity(&graph, "United States").unwrap(), "country:USA");
        assert!(find_entity(&graph, "Iraq").is_err());
    }

    #[test]
    fn export_top_keeps_the_highest_page_rank() {
        let g = export(&Selection { top: Some(1), ..Selection::default() });
        assert_eq!(keys(&g), ["country:RUS"]);
        let g = export(&Selection { top: Some(2), aggregate: true, ..Selection::default() });
        assert_eq!(g.nodes.len(), 2);
        assert!(g.edges.iter().all(|e| g.nodes.iter().any(|n| n.iri == e.source)));
    }

    #[test]
    fn export_xml_text_drops_what_xml_cannot_carry() {
        assert_eq!(xml_text("a\u{1}b\u{FFFF}c\td"), "abc\td");
        assert_eq!(xml_text("Zoë \"<&>\""), "Zoë \"<&>\"");
        assert_eq!(double(0.5), "0.5");
        assert_eq!(double(2.0), "2");
        assert_eq!(double(0.0), "0");
        assert_eq!(double(0.012345678), "0.01234568");
    }
}
