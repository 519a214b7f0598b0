//! Criterion benchmarks of each pipeline stage, and of the whole pipeline, on the example
//! articles (`data/examples`, 11 articles, about 5,700 words). Throughput is in words
//! (whitespace-separated, as the spaCy runner counts them): criterion prints it as elem/s.
//!
//! ```text
//! cargo bench --profile dev --bench stages                 # all stages
//! cargo bench --profile dev --bench stages -- recognize    # one
//! ```
//!
//! `--profile dev` (optimised in this crate) keeps RocksDB from being compiled again for the
//! release profile that `cargo bench` uses by default.
//!
//! Each stage gets the previous stages' output, computed once outside the timing loop. The store
//! is benchmarked end to end by `scripts/bench/scale.sh`, not here: RocksDB timings need a corpus
//! far larger than a criterion sample.

#![allow(missing_docs)] // criterion_group! and criterion_main! write undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph::extract::{Extractor, PatternExtractor};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::model::{Document, Mention, Resolution};
use newsgraph::rdf::{article_quads, Minter};
use newsgraph::recognize::{Recognizer, TaggerRecognizer};
use newsgraph::relate::RelationClassifier;
use newsgraph::resolve::{ListResolver, Resolver};
use newsgraph::segment::segment;
use newsgraph::Pipeline;

/// The example articles' texts, sorted by file name.
fn texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("data/examples exists")
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("a UTF-8 example")).collect()
}

/// Every article after segmentation, recognition and resolution.
struct Prepared {
    docs: Vec<Document>,
    mentions: Vec<Vec<Mention>>,
    resolutions: Vec<Resolution>,
}

fn stages(c: &mut Criterion) {
    let texts = texts();
    let words: u64 = texts.iter().map(|t| t.split_whitespace().count() as u64).sum();
    let tagger = TaggerRecognizer::builtin();
    let resolver = ListResolver::new();
    let extractor = PatternExtractor::new();
    let relations = RelationClassifier::builtin();
    let pipeline = Pipeline::new();
    let minter = Minter::new(newsgraph::rdf::vocab::DEFAULT_BASE_IRI).expect("the default base is an IRI");

    let docs: Vec<Document> = texts.iter().map(|t| segment(t)).collect();
    let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| tagger.recognize(d)).collect();
    let resolutions: Vec<Resolution> = docs.iter().zip(&mentions).map(|(d, m)| resolver.resolve(d, m)).collect();
    let p = Prepared { docs, mentions, resolutions };
    let each = || p.docs.iter().zip(&p.mentions).zip(&p.resolutions).map(|((d, m), r)| (d, m, r));

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Elements(words));
    group.bench_function("segment", |b| {
        b.iter(|| texts.iter().map(|t| black_box(segment(t)).tokens.len()).sum::<usize>())
    });
    group.bench_function("recognize", |b| {
        b.iter(|| p.docs.iter().map(|d| black_box(tagger.recognize(d)).len()).sum::<usize>())
    });
    group.bench_function("resolve", |b| {
        b.iter(|| {
            p.docs.iter().zip(&p.mentions).map(|(d, m)| black_box(resolver.resolve(d, m)).entities.len()).sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| each().map(|(d, m, r)| black_box(extractor.extract(d, m, r)).len()).sum::<usize>())
    });
    group.bench_function("relations", |b| {
        b.iter(|| each().map(|(d, m, r)| black_box(relations.statements(d, m, r)).len()).sum::<usize>())
    });
    let extractions: Vec<_> = texts.iter().map(|t| pipeline.run_text(t)).collect();
    group.bench_function("rdf", |b| {
        b.iter(|| {
            let mut graph = KnowledgeGraph::new();
            for x in &extractions {
                graph.add(x);
            }
            graph.articles().iter().map(|a| black_box(article_quads(a, &minter)).len()).sum::<usize>()
        })
    });
    group.bench_function("pipeline", |b| {
        b.iter(|| texts.iter().map(|t| black_box(pipeline.run_text(t)).statements.len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
