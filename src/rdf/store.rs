//! The persistent Oxigraph (RocksDB) store: one transaction per article graph.

use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedNodeRef, Quad, QuadRef, Triple};
use oxigraph::store::Store;

use super::sorted::ExternalSort;
use super::vocab::{NG_BUILD, PREFIXES, RDF_TYPE};
use crate::error::{Error, Result};

fn no_store(path: &Path) -> Error {
    Error::Usage(format!(
        "no store at {}: build one first with `newsgraph build PATH --store {}`",
        path.display(),
        path.display()
    ))
}

/// The bytes of quads an export sorts in memory before it spills a sorted run to a temporary
/// file.
const EXPORT_SORT_MEMORY: usize = 64 << 20;

fn rdf_type() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(RDF_TYPE)
}

fn ng_build() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(NG_BUILD)
}

/// Opens the store for writing; a store another process holds is [`Error::StoreBusy`]. The
/// bulk loader's `bulk-*.sst` files left by a process that was killed while loading are
/// removed: holding the store's lock, no other process can be writing them.
fn open_for_writing(path: &Path) -> Result<Store> {
    let store = Store::open(path).map_err(|e| {
        // RocksDB: "IO error: While lock file: DIR/LOCK: Resource temporarily unavailable"
        let message = e.to_string();
        if message.contains("lock file") || message.contains("LOCK:") {
            Error::StoreBusy { path: path.to_owned() }
        } else {
            Error::Storage(e)
        }
    })?;
    remove_orphan_bulk_files(path)?;
    Ok(store)
}

/// Removes the `bulk-*.sst` files of an interrupted bulk load; returns how many.
fn remove_orphan_bulk_files(path: &Path) -> Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// A folder `open` may make a store in: missing, empty, or a store already. A file, or a
/// folder of other files, is refused so that a mistyped `--store` does not fill it.
fn check_store_folder(path: &Path) -> Result<()> {
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    if !metadata.is_dir() {
        return Err(Error::Usage(format!("--store {} is a file, not a store folder: name a folder", path.display())));
    }
    let empty = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?.next().is_none();
    if !empty && !path.join("CURRENT").exists() {
        return Err(Error::Usage(format!(
            "--store {} is a folder that holds other files and no store: name a new or empty folder",
            path.display()
        )));
    }
    Ok(())
}

/// An Oxigraph store holding one named graph per article.
#[derive(Clone)]
pub struct GraphStore {
    store: Store,
}

impl GraphStore {
    /// Opens (or creates) the persistent store in folder `path` for writing ([`Error::StoreBusy`]
    /// when another process holds it). A file or a non-empty folder that is not a store is
    /// refused ([`Error::Usage`]).
    pub fn open(path: &Path) -> Result<Self> {
        check_store_folder(path)?;
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        Ok(GraphStore { store: open_for_writing(path)? })
    }

    /// Opens an existing store for writing (it must have been built). The process holds it
    /// until the store is dropped: RocksDB lets one process write a store, and another one
    /// that opens it for writing gets [`Error::StoreBusy`].
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !Self::exists(path) {
            return Err(no_store(path));
        }
        Ok(GraphStore { store: open_for_writing(path)? })
    }

    /// Opens an existing store read-only (for queries while a build or a server may be
    /// writing). A writer that compacts while the store opens can delete a file the open was
    /// about to read ("No such file or directory" from RocksDB): the open is tried again, up to
    /// five times, 50 ms apart.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        if !Self::exists(path) {
            return Err(no_store(path));
        }
        let mut tries = 0;
        loop {
            match Store::open_read_only(path) {
                Ok(store) => return Ok(GraphStore { store }),
                Err(e) if tries < 4 && e.to_string().contains("No such file or directory") => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// A store in memory (tests, one-shot pipelines).
    pub fn in_memory() -> Result<Self> {
        Ok(GraphStore { store: Store::new()? })
    }

    /// The underlying Oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Replaces named graph `graph` with `quads` in one transaction: either the whole
    /// article is stored or none of it.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        self.replace_graphs(std::slice::from_ref(graph), quads)
    }

    /// Replaces the named graphs `graphs` (an article and its merge log) with `quads` in one
    /// transaction.
    pub fn replace_graphs(&self, graphs: &[NamedNode], quads: &[Quad]) -> Result<()> {
        // new graphs need no read: Oxigraph's write-only transaction is atomic and much cheaper
        let mut exist = false;
        for g in graphs {
            exist |= self.store.contains_named_graph(g)?;
        }
        if !exist {
            self.store.extend(quads.iter().map(QuadRef::from))?;
            return Ok(());
        }
        let mut tx = self.store.start_transaction()?;
        for g in graphs {
            tx.remove_named_graph(g)?;
            tx.insert_named_graph(g);
        }
        tx.extend(quads.iter());
        tx.commit()?;
        Ok(())
    }

    /// Adds quads as they are, without replacing any graph (tests, one-shot pipelines).
    pub fn extend(&self, quads: &[Quad]) -> Result<()> {
        Ok(self.store.extend(quads.iter().map(QuadRef::from))?)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    /// Number of quads without the builds graph, whose manifests grow with every build: the
    /// same input gives the same count.
    pub fn data_len(&self) -> Result<usize> {
        let mut manifests = 0;
        for g in self.build_graphs()? {
            manifests += self.store.quads_for_pattern(None, None, None, Some(g.as_ref().into())).count();
        }
        Ok(self.len()? - manifests)
    }

    /// True when the store holds no quad.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// The `ng:contentHash` stored for an article (in its own graph), if any.
    pub fn content_hash(&self, article: &NamedNode) -> Result<Option<String>> {
        let predicate = NamedNode::new_unchecked(super::vocab::NG_CONTENT_HASH);
        let graph = GraphNameRef::NamedNode(article.as_ref());
        let found = self
            .store
            .quads_for_pattern(Some(article.as_ref().into()), Some(predicate.as_ref()), None, Some(graph))
            .next();
        Ok(match found.transpose()? {
            Some(q) => match q.object {
                oxigraph::model::Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            },
            None => None,
        })
    }

    /// The keys of the entities an article's graph says it mentions (`schema:mentions`), sorted.
    pub fn mentioned_entities(&self, article: &NamedNode) -> Result<Vec<String>> {
        let predicate = NamedNode::new_unchecked(super::vocab::SCHEMA_MENTIONS);
        let graph = GraphNameRef::NamedNode(article.as_ref());
        let mut keys = Vec::new();
        for q in
            self.store.quads_for_pattern(Some(article.as_ref().into()), Some(predicate.as_ref()), None, Some(graph))
        {
            if let oxigraph::model::Term::NamedNode(e) = q?.object {
                keys.extend(super::Minter::entity_key(e.as_str()));
            }
        }
        keys.sort_unstable();
        Ok(keys)
    }

    /// The named graphs, sorted by IRI.
    pub fn named_graphs(&self) -> Result<Vec<NamedNode>> {
        let mut graphs: Vec<NamedNode> = self
            .store
            .named_graphs()
            .filter_map(|g| match g {
                Ok(oxigraph::model::NamedOrBlankNode::NamedNode(n)) => Some(Ok(n)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        graphs.sort_unstable();
        Ok(graphs)
    }

    /// True when the store has the named graph `graph`.
    pub fn contains_graph(&self, graph: &NamedNode) -> Result<bool> {
        Ok(self.store.contains_named_graph(graph)?)
    }

    /// The graphs holding build manifests (`?b a ng:Build`): the builds graph. Their times
    /// differ from run to run, so a whole-store export or push leaves them out.
    pub fn build_graphs(&self) -> Result<Vec<NamedNode>> {
        let mut graphs = Vec::new();
        for q in self.store.quads_for_pattern(None, Some(rdf_type()), Some(ng_build().into()), None) {
            if let GraphName::NamedNode(g) = q?.graph_name {
                if !graphs.contains(&g) {
                    graphs.push(g);
                }
            }
        }
        Ok(graphs)
    }

    /// True when folder `path` holds a store.
    pub fn exists(path: &Path) -> bool {
        path.join("CURRENT").exists()
    }

    /// Flushes writes to disk.
    pub fn flush(&self) -> Result<()> {
        Ok(self.store.flush()?)
    }

    /// Flushes writes to disk and compacts every index into one sorted run
    /// (Oxigraph's `Store::optimize`). A bulk load leaves its batches as files that overlap,
    /// so every read of a term looks in each of them; after compaction a read looks in one.
    /// `build` into a fresh store and `load` into an empty one call it when they end: on real
    /// news it halves the CPU time of commands that read the whole graph
    /// (docs/performance.md). It rewrites every file, so it is not for small updates.
    pub fn optimize(&self) -> Result<()> {
        self.store.optimize()?;
        Ok(self.store.flush()?)
    }

    /// Writes the store (or one graph) in `format`, sorted so that output is deterministic.
    /// Formats without named graphs get the union of the graphs, each triple once. The whole
    /// store is written without its builds graph, whose times differ from run to run: name that
    /// graph to get it. The quads are sorted in runs of `EXPORT_SORT_MEMORY` (64 MB) spilled
    /// to temporary files and merged, so memory does not grow with the store.
    pub fn export(&self, format: RdfFormat, graph: Option<&NamedNode>, writer: impl Write) -> Result<()> {
        let graph_name = graph.map(GraphNameRef::from);
        let builds: Vec<GraphName> = match graph {
            Some(_) => Vec::new(),
            None => self.build_graphs()?.into_iter().map(GraphName::from).collect(),
        };
        let datasets = format.supports_datasets();
        let mut sort = ExternalSort::new(EXPORT_SORT_MEMORY, !datasets);
        for q in self.store.quads_for_pattern(None, None, None, graph_name) {
            let q = q?;
            if builds.contains(&q.graph_name) {
                continue;
            }
            // the sort key is the quad (or triple) as oxrdf displays it: an N-Quads line
            let line = if datasets { q.to_string() } else { Triple::from(q).to_string() };
            sort.push(line).map_err(Error::Write)?;
        }
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in PREFIXES {
            serializer = serializer.with_prefix(prefix, iri)?;
        }
        let mut out = serializer.for_writer(writer);
        sort.finish(|line| -> Result<()> {
            let statement = format!("{line} .");
            let mut parsed = oxttl::NQuadsParser::new().for_slice(statement.as_bytes());
            let quad = parsed
                .next()
                .ok_or_else(|| Error::Usage(format!("the store gave an empty quad: {line}")))?
                .map_err(|e| Error::Usage(format!("the store gave a quad that does not parse ({e}): {line}")))?;
            if datasets {
                out.serialize_quad(&quad).map_err(Error::Write)
            } else {
                out.serialize_triple(&Triple::from(quad)).map_err(Error::Write)
            }
        })?;
        out.finish().map_err(Error::Write)?;
        Ok(())
    }

    /// Adds the quads of an N-Quads (`.nq`) or TriG (`.trig`) file with Oxigraph's bulk loader,
    /// committed at the end: a file that does not parse adds nothing, and the error names the
    /// file and the parser's reason (with its position). A name ending in `.gz` is read through
    /// gzip (`graph.nq.gz`, Hadoop's `part-00000.gz`). A name with no extension (`part-00000`,
    /// as Spark's `saveAsTextFile` writes them) is read in `unnamed`; another extension is
    /// refused.
    pub fn bulk_load(&self, path: &Path, unnamed: RdfFormat) -> Result<()> {
        let gzip = path.extension().is_some_and(|e| e == "gz");
        let named = if gzip { path.file_stem().map(Path::new) } else { Some(path) };
        let format = match named.and_then(Path::extension).and_then(|e| e.to_str()) {
            Some("nq" | "nquads") => RdfFormat::NQuads,
            Some("trig") => RdfFormat::TriG,
            None => unnamed,
            Some(_) => {
                return Err(Error::Usage(format!("{}: not an N-Quads (.nq) or TriG (.trig) file", path.display())))
            }
        };
        let file = std::io::BufReader::new(std::fs::File::open(path).map_err(|e| Error::io(path, e))?);
        if gzip {
            let decoder = libflate::gzip::MultiDecoder::new(file).map_err(|e| Error::io(path, e))?;
            self.bulk_load_from(format, std::io::BufReader::new(decoder), path)
        } else {
            self.bulk_load_from(format, file, path)
        }
    }

    /// Adds the quads `reader` holds in `format` (N-Quads or TriG, from standard input) with the
    /// bulk loader, committed at the end; `name` names the input in errors.
    pub fn bulk_load_from(&self, format: RdfFormat, reader: impl std::io::Read, name: &Path) -> Result<()> {
        let path = name;
        let mut loader = self.store.bulk_loader();
        loader.load_from_reader(RdfParser::from_format(format), reader).map_err(|e| match e {
            oxigraph::store::LoaderError::Storage(e) => Error::Storage(e),
            e => Error::io(path, std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        })?;
        loader.commit()?;
        Ok(())
    }

    /// Loads RDF into the store (triples into the default graph), in one transaction.
    pub fn load(&self, format: RdfFormat, data: &[u8]) -> Result<()> {
        self.store
            .load_from_slice(RdfParser::from_format(format), data)
            .map_err(|e| Error::Usage(format!("cannot load {}: {e}", format.name())))
    }
}
