#![doc = include_str!("../README.md")]
#![doc(test(attr(deny(warnings))))]

pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gold;
pub mod graph;
pub mod ingest;
pub mod learn;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod push;
pub mod rdf;
pub mod recognize;
pub mod relate;
pub mod resolve;
pub mod segment;
pub mod server;
pub mod table;

pub use error::{Error, Result};
pub use pipeline::{ArticleOutput, BuildEvent, BuildSummary, Pipeline, PipelineBuilder};
