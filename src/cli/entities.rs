//! `newsgraph entities`: the entities in the store, and the merge log behind each.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use newsgraph::model::EntityKind;
use newsgraph::rdf::{GraphStore, QueryOutput, ResultFormat, SparqlRunner};
use newsgraph::Error;

use super::args::EntitiesArgs;

/// A SPARQL string literal.
fn literal(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' => vec!['\\', 'n'],
            '\r' => vec!['\\', 'r'],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The entities of the corpus graph (one description each), most mentioned first.
fn list_query(class: Option<&str>) -> String {
    let class = class.map_or_else(|| "?type".to_owned(), |c| format!("{c} BIND({c} AS ?type)"));
    format!(
        "SELECT ?name ?type ?mentions ?articles ?wikidata \
         (GROUP_CONCAT(?alias; separator=\" | \") AS ?aliases) ?key \
         WHERE {{ ?e ng:key ?key ; rdfs:label ?name ; ng:mentionCount ?mentions ; ng:articleCount ?articles ; \
         a {class} . OPTIONAL {{ ?e skos:altLabel ?alias }} OPTIONAL {{ ?e owl:sameAs ?wikidata }} }} \
         GROUP BY ?key ?name ?type ?mentions ?articles ?wikidata ORDER BY DESC(?mentions) ?name ?key"
    )
}

/// The graph pattern binding `?e` (and its `?key`) to the entities named `name`: label or
/// alias, any case.
fn named_pattern(name: &str) -> String {
    format!(
        "{{ ?e rdfs:label ?n }} UNION {{ ?e skos:altLabel ?n }} FILTER(LCASE(STR(?n)) = LCASE({})) ?e ng:key ?key .",
        literal(name)
    )
}

/// True when some entity is named `name`.
fn named_query(name: &str) -> String {
    format!("ASK {{ {} }}", named_pattern(name))
}

/// Every mention of the entities named `name` (label or alias, any case), with its tier: the
/// names come from the corpus graph, the mentions from the article graphs.
fn explain_query(name: &str) -> String {
    format!(
        "SELECT DISTINCT ?key ?surface ?tier ?article ?start ?end ?governmentOf WHERE {{ {} \
         GRAPH ?a {{ ?m ng:refersTo ?e ; ng:tier ?tier ; nif:anchorOf ?surface ; nif:beginIndex ?start ; \
           nif:endIndex ?end . OPTIONAL {{ ?m ng:governmentOf ?governmentOf }} ?a schema:identifier ?article }} \
         }} ORDER BY ?key ?article ?start ?end ?surface ?tier",
        named_pattern(name)
    )
}

pub fn run(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let format = match &args.format {
        Some(name) => ResultFormat::from_name(name)
            .filter(|f| !matches!(f, ResultFormat::Rdf(_)))
            .ok_or_else(|| Error::Usage(format!("unknown format {name:?} (table, csv, tsv, json, xml)")))?,
        None if std::io::stdout().is_terminal() => ResultFormat::Table,
        None => ResultFormat::from_name("tsv").expect("tsv is known"),
    };
    let class = match &args.kind {
        Some(t) => {
            let kind = EntityKind::from_name(t)
                .ok_or_else(|| Error::Usage(format!("unknown type {t:?} (person, organization, country, place)")))?;
            Some(format!("<{}>", newsgraph::rdf::vocab::class_of(kind)))
        }
        None => None,
    };
    let query = match &args.explain {
        Some(name) => explain_query(name),
        None => list_query(class.as_deref()),
    };
    let store = GraphStore::open_read_only(&args.store.store)
        .with_context(|| format!("opening the store at {}", args.store.store.display()))?;
    if let Some(name) = &args.explain {
        if matches!(SparqlRunner::new(&store).run(&named_query(name))?, QueryOutput::Boolean(false)) {
            let at = args.store.store.display();
            return Err(Error::Usage(format!(
                "no entity is named {name:?} in the store at {at}; `newsgraph entities` lists them"
            ))
            .into());
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    SparqlRunner::new(&store).write(&query, format, &mut out)?;
    out.flush().map_err(Error::Write)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_as_sparql_literals() {
        assert_eq!(literal(r#"Say "hi" \ bye"#), r#""Say \"hi\" \\ bye""#);
    }
}
