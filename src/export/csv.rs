//! CSV for `neo4j-admin database import`: `nodes.csv` and `edges.csv` in a folder, with
//! Neo4j's header format. Nodes have `id:ID` (the entity IRI) and `:LABEL` (`Entity;Person`);
//! edges have `:START_ID`, `:END_ID` and `:TYPE` (the predicate in upper snake case,
//! `SPOKESPERSON_OF`). Other columns are typed (`mentions:int`, `pagerank:double`,
//! `first_date:date`, `aliases:string[]` with `;` between items; a `;` inside an item becomes
//! `,`). Empty cells are absent values. Quotes may span lines: import with
//! `--multiline-fields=true`.
//!
//! ```text
//! neo4j-admin database import full --nodes=out/nodes.csv --relationships=out/edges.csv --multiline-fields=true
//! ```

use std::io::Write;
use std::path::Path;

use super::{AttrKind, ExportGraph, Value, EDGE_COLUMNS, NODE_COLUMNS};
use crate::error::{Error, Result};

/// Neo4j's array delimiter (`--array-delimiter`, default `;`).
const ARRAY_DELIMITER: &str = ";";

/// A typed header cell (`mentions:int`).
fn header(name: &str, kind: AttrKind) -> String {
    match kind {
        AttrKind::Text => name.to_owned(),
        AttrKind::Date => format!("{name}:date"),
        AttrKind::List => format!("{name}:string[]"),
        AttrKind::Int => format!("{name}:int"),
        AttrKind::Double => format!("{name}:double"),
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| i.replace(ARRAY_DELIMITER, ",")).collect();
            items.join(ARRAY_DELIMITER)
        }
        v => v.joined(ARRAY_DELIMITER).unwrap_or_default(),
    }
}

/// A relationship type: `spokespersonOf` → `SPOKESPERSON_OF`.
///
/// ```
/// assert_eq!(newsgraph::export::csv::relationship_type("spokespersonOf"), "SPOKESPERSON_OF");
/// assert_eq!(newsgraph::export::csv::relationship_type("accused"), "ACCUSED");
/// ```
pub fn relationship_type(predicate: &str) -> String {
    let mut out = String::new();
    for c in predicate.chars() {
        if c.is_uppercase() && !out.is_empty() {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

fn csv_error(e: csv::Error) -> Error {
    Error::Write(e.into())
}

/// Writes `nodes.csv`.
pub fn write_nodes(graph: &ExportGraph, out: impl Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut head = vec!["id:ID".to_owned(), ":LABEL".to_owned()];
    head.extend(NODE_COLUMNS.iter().map(|(n, k)| header(n, *k)));
    w.write_record(&head).map_err(csv_error)?;
    for n in &graph.nodes {
        let label = format!("Entity;{}", kind_label(n.kind));
        let mut row = vec![n.iri.clone(), label];
        row.extend(n.values().iter().map(cell));
        w.write_record(&row).map_err(csv_error)?;
    }
    w.flush().map_err(Error::Write)
}

/// Writes `edges.csv`.
pub fn write_edges(graph: &ExportGraph, out: impl Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut head = vec![":START_ID".to_owned(), ":END_ID".to_owned(), ":TYPE".to_owned()];
    head.extend(EDGE_COLUMNS.iter().map(|(n, k)| header(n, *k)));
    w.write_record(&head).map_err(csv_error)?;
    for e in &graph.edges {
        let mut row = vec![e.source.clone(), e.target.clone(), relationship_type(e.predicate.name())];
        row.extend(e.values().iter().map(cell));
        w.write_record(&row).map_err(csv_error)?;
    }
    w.flush().map_err(Error::Write)
}

/// The Neo4j label of a type (`Person`, `Organization`, `Country`, `Place`).
fn kind_label(kind: crate::model::EntityKind) -> &'static str {
    match kind {
        crate::model::EntityKind::Person => "Person",
        crate::model::EntityKind::Organisation => "Organization",
        crate::model::EntityKind::Country => "Country",
        crate::model::EntityKind::Place => "Place",
    }
}

/// Writes `nodes.csv` and `edges.csv` into `folder`, which is created if missing.
pub fn write_folder(graph: &ExportGraph, folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    for (name, nodes) in [("nodes.csv", true), ("edges.csv", false)] {
        let path = folder.join(name);
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = std::io::BufWriter::new(file);
        if nodes {
            write_nodes(graph, &mut w)?;
        } else {
            write_edges(graph, &mut w)?;
        }
        w.flush().map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::export;
    use crate::export::Selection;

    fn read(bytes: Vec<u8>) -> (Vec<String>, Vec<Vec<String>>) {
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let head = r.headers().unwrap().iter().map(str::to_owned).collect();
        let rows = r.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        (head, rows)
    }

    #[test]
    fn csv_has_neo4j_headers_and_every_edge_end_is_a_node() {
        let mut graph = export(&Selection { aggregate: true, ..Selection::default() });
        graph.nodes[0].aliases = vec!["a;b".into(), "c, \"d\"\nnew line".into()];
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        write_nodes(&graph, &mut nodes).unwrap();
        write_edges(&graph, &mut edges).unwrap();
        let (node_head, node_rows) = read(nodes);
        let (edge_head, edge_rows) = read(edges);
        assert_eq!(node_head[..2], ["id:ID", ":LABEL"]);
        for h in ["mentions:int", "pagerank:double", "aliases:string[]", "first_date:date", "label", "wikidata"] {
            assert!(node_head.contains(&h.to_owned()), "{h} in {node_head:?}");
        }
        assert_eq!(edge_head[..3], [":START_ID", ":END_ID", ":TYPE"]);
        assert!(edge_head.contains(&"weight:int".to_owned()) && edge_head.contains(&"articles:string[]".to_owned()));
        assert_eq!(node_rows[0][1], "Entity;Country");
        let aliases = node_head.iter().position(|h| h == "aliases:string[]").unwrap();
        assert_eq!(node_rows[0][aliases], "a,b;c, \"d\"\nnew line");
        let ids: Vec<&String> = node_rows.iter().map(|r| &r[0]).collect();
        assert!(!edge_rows.is_empty());
        for e in &edge_rows {
            assert!(ids.contains(&&e[0]) && ids.contains(&&e[1]), "{e:?}");
            assert_eq!(e[2], e[2].to_uppercase());
        }
    }
}
