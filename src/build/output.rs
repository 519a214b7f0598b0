//! One article's output: the pipeline's extraction as a graph record and as quads.

use oxigraph::model::Quad;

use crate::graph::{ArticleRecord, KnowledgeGraph};
use crate::model::{Article, LayoutSpan};
use crate::pipeline::Pipeline;
use crate::rdf::{article_nquads, article_nquads_text, content_hash_quad, write_nquad, Minter};

/// One article's output: its record (article, entities, mentions, statements) and its quads.
#[derive(Debug, Clone)]
pub struct ArticleOutput {
    /// The article's contribution to the graph.
    pub record: ArticleRecord,
    /// Its article graph and merge log, as quads (empty from [`super::Batch::nquads`]).
    pub quads: Vec<Quad>,
    /// The same quads as N-Quads text, one line each, in the same order: what `extract` writes.
    pub nquads: String,
    /// Tokens processed.
    pub words: usize,
    /// The layout the pipeline skipped (site chrome, tables, tickers): byte spans of the text.
    pub layout: Vec<LayoutSpan>,
}

impl ArticleOutput {
    /// Runs `pipeline` on `article`: its graphs (article graph and merge log) as N-Quads text,
    /// and as quads when `keep_quads`, each ending with the article's content hash.
    pub fn new(pipeline: &Pipeline, article: Article, minter: &Minter, keep_quads: bool) -> Self {
        let extraction = pipeline.run(article);
        let mut graph = KnowledgeGraph::new();
        graph.add(&extraction);
        let record = graph.into_articles().pop().expect("one article was added");
        let (mut quads, mut nquads) = if keep_quads {
            article_nquads(&record, minter)
        } else {
            (Vec::new(), article_nquads_text(&record, minter))
        };
        let hash = content_hash_quad(minter, &record.article.id, &pipeline.fingerprint(&record.article));
        let mut line = Vec::new();
        write_nquad(hash.as_ref(), &mut line);
        nquads.push_str(std::str::from_utf8(&line).expect("N-Quads is UTF-8"));
        if keep_quads {
            quads.push(hash);
        }
        let words = extraction.document.tokens.len();
        ArticleOutput { quads, nquads, words, layout: extraction.document.layout, record }
    }
}
