//! The integration suite, one test binary (it links RocksDB once): the library end to end, the
//! `newsgraph` binary as users run it, and the architecture rules the source keeps.

mod architecture;
mod cli;
mod common;
mod corpus;
mod docs;
mod events;
mod export;
mod extract;
mod hostile;
mod ingest;
mod layout;
mod ner;
mod pipeline;
mod push;
mod queries;
mod quotes;
mod relations;
mod serve;
