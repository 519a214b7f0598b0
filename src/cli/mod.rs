//! Subcommands, one file each. Arguments are parsed in `args.rs` and turned into library
//! values before any work starts.

mod args;
mod build;
mod export;
mod query;
mod stats;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Args, Command};

/// Some input records failed; the rest were stored.
pub const EXIT_INPUT_FAILED: u8 = 1;
/// Bad arguments or query syntax.
pub const EXIT_USAGE: u8 = 2;
/// The command could not run (store, I/O).
pub const EXIT_FATAL: u8 = 3;

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    match args.command {
        Command::Build(a) => build::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Stats(a) => stats::run(a),
    }
}
