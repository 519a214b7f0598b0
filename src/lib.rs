// The layers, bottom to top. A module imports only modules of lower layers, so no two modules
// import each other; inside a module no two sibling files do either. The integration test
// `tests/integration/architecture.rs` reads these lines and fails on an import that points up.
// The binary's `cli` is on top of them all. docs/architecture.md says what each layer does.
//
// layer 0: model error
// layer 1: lexicon gold learn ingest table
// layer 2: segment
// layer 3: recognize resolve extract relate
// layer 4: pipeline eval
// layer 5: graph
// layer 6: rdf
// layer 7: build
// layer 8: export push
// layer 9: server

#![doc = include_str!("../README.md")]
#![doc(test(attr(deny(warnings))))]

pub mod build;
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

pub use build::{ArticleOutput, BuildEvent, BuildSummary};
pub use error::{Error, Result};
pub use pipeline::{Pipeline, PipelineBuilder};
