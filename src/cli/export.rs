//! `newsgraph export`: the store in any RDF syntax, written by Oxigraph.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use newsgraph::rdf::{rdf_format_from_name, GraphStore};
use newsgraph::Error;
use oxigraph::model::NamedNode;

use super::args::ExportArgs;

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = rdf_format_from_name(&args.format).ok_or_else(|| {
        Error::Usage(format!(
            "unknown RDF format {:?}: use turtle, ntriples, nquads, trig, rdfxml or jsonld",
            args.format
        ))
    })?;
    let graph = args.graph.as_deref().map(NamedNode::new).transpose().map_err(Error::from)?;
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
            let mut w = std::io::BufWriter::new(file);
            store.export(format, graph.as_ref(), &mut w)?;
            w.flush().map_err(|e| Error::io(path, e))?;
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            store.export(format, graph.as_ref(), &mut w)?;
            w.flush().map_err(Error::Write)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
