//! Sorted plain-text tables of an extraction: what golden tests compare and what a person
//! reads to audit an article.
//!
//! ```
//! let x = newsgraph::Pipeline::new().run_text("Estonia accused Russia of jamming flights.");
//! let entities = newsgraph::table::entity_table(&x);
//! assert!(entities.contains("COUNTRY\tEstonia\tcountry:EST\tQ191\t1\t"));
//! ```

use crate::model::Extraction;

/// One line per entity: type, name, key, Wikidata id, mention count, aliases; sorted, with a
/// header line.
pub fn entity_table(x: &Extraction) -> String {
    let mut lines: Vec<String> = x
        .resolution
        .entities
        .iter()
        .map(|e| {
            let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                e.kind.label(),
                e.name,
                e.key,
                e.wikidata.as_deref().unwrap_or(""),
                e.mentions.len(),
                aliases.join("|")
            )
        })
        .collect();
    lines.sort();
    lines.insert(0, "type\tname\tkey\twikidata\tmentions\taliases".into());
    lines.join("\n") + "\n"
}

/// One line per statement: subject, predicate, object, targets, polarity, rule, confidence,
/// cue, quote, medium; sorted, with a header line.
pub fn statement_table(x: &Extraction) -> String {
    let name = |id: crate::model::EntityId| x.resolution.entity(id).name.as_str();
    let mut lines: Vec<String> = x
        .statements
        .iter()
        .map(|s| {
            let targets: Vec<&str> = s.targets.iter().map(|&t| name(t)).collect();
            let quote = s.quote.map(|q| x.document.slice(q).trim().replace(['\n', '\t'], " ")).unwrap_or_default();
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{:.2}\t{}\t{}\t{}",
                name(s.subject),
                s.predicate.name(),
                s.object.map(name).unwrap_or(""),
                targets.join("|"),
                s.polarity.name(),
                s.rule.name(),
                s.confidence,
                x.document.slice(s.cue),
                quote,
                s.medium.map(name).unwrap_or("")
            )
        })
        .collect();
    lines.sort();
    lines.insert(0, "subject\tpredicate\tobject\ttargets\tpolarity\trule\tconfidence\tcue\tquote\tmedium".into());
    lines.join("\n") + "\n"
}
