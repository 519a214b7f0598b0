//! The library end to end: golden entity and statement tables for every fixture article,
//! and checks that every mention and statement span cuts the text where it says.

use crate::common;

use newsgraph::model::{Article, Origin};
use newsgraph::table::{entity_table, statement_table};
use newsgraph::Pipeline;

fn article(id: &str, text: String) -> Article {
    Article {
        id: id.into(),
        title: None,
        date: None,
        url: None,
        source: None,
        author: None,
        text,
        origin: Origin { path: id.into(), line: None },
    }
}

#[test]
fn pipeline_golden_tables() {
    let pipeline = Pipeline::new();
    let mut failures = Vec::new();
    let mut cases: Vec<_> =
        std::fs::read_dir(common::fixture("articles")).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 8, "fixture cases are missing");
    for case in cases {
        let text = std::fs::read_to_string(case.join("input.txt")).unwrap();
        let x = pipeline.run(article(&case.file_name().unwrap().to_string_lossy(), text));
        failures.extend(common::check_golden(&case.join("entities.tsv"), &entity_table(&x)));
        // no entity ever merges mentions of two types
        for e in &x.resolution.entities {
            if let Some(m) = e.mentions.iter().find(|m| x.mentions[m.0 as usize].kind != e.kind) {
                failures.push(format!(
                    "{}: {} merges a {:?} mention",
                    case.display(),
                    e.name,
                    x.mentions[m.0 as usize].kind
                ));
            }
        }
        failures.extend(common::check_golden(&case.join("statements.tsv"), &statement_table(&x)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pipeline_spans_cut_the_text() {
    let pipeline = Pipeline::new();
    for entry in std::fs::read_dir(common::fixture("articles")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path().join("input.txt")).unwrap();
        let x = pipeline.run(article("a", text.clone()));
        let spans: Vec<_> = x.mentions.iter().map(|m| (m.span, &text[m.span.range()])).collect();
        common::assert_spans(&text, &spans);
        for s in &x.statements {
            assert!(s.evidence.contains(s.cue), "evidence holds the cue");
            assert!(text.is_char_boundary(s.evidence.start) && text.is_char_boundary(s.evidence.end));
            if let Some(q) = s.quote {
                assert!(!text[q.range()].trim().is_empty(), "quotes are not empty");
            }
        }
    }
}

#[test]
fn pipeline_is_deterministic() {
    let text = std::fs::read_to_string(common::fixture("articles/diplomatic_dispute/input.txt")).unwrap();
    let a = Pipeline::new().run(article("x", text.clone()));
    let b = Pipeline::new().run(article("x", text));
    assert_eq!(statement_table(&a), statement_table(&b));
    assert_eq!(entity_table(&a), entity_table(&b));
}

#[test]
fn pipeline_capital_that_acts_stands_for_its_country() {
    let x =
        Pipeline::new().run(article("m", "Estonia accused Russia of jamming flights. Moscow denied it.".to_owned()));
    let table = statement_table(&x);
    assert!(table.lines().any(|l| l.starts_with("Russia\tdenied\t")), "{table}");
    let moscow = x.resolution.entities.iter().find(|e| e.name == "Moscow").unwrap();
    assert_eq!(moscow.capital_of.as_deref(), Some("country:RUS"), "the capital stays a place with its link");
}

#[test]
fn pipeline_boilerplate_gives_no_entities() {
    let text = "Copper output rises\n\nKenya said output rose.\n\nShare on Facebook Share on Twitter\nSubscribe to our newsletter\nSource: Reuters\n© 2026 Example News. All rights reserved.\nBy Jane Doe\nReporting by John Roe; Editing by Ann Poe\n".to_owned();
    let x = Pipeline::new().run(article("b", text));
    let names: Vec<&str> = x.resolution.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Kenya"]);
}

/// Rules look ahead and behind; none may index past either end of an article, whatever its
/// text (found by building every dataset text: a person's name and a comma at the very end panicked).
#[test]
fn regression_rules_never_look_past_the_text() {
    let texts = [
        "\"",
        "(",
        "\"He said",
        "he said",
        "He said: \"",
        "“”",
        "Mr.",
        "President",
        "A (B",
        "X, a spokesman for",
        "Estonia accused",
        "\r\n\r\nEstonia said \"yes\r\n",
        "🙂 Zoë Ångström said “ok” 🙂",
        "e\u{301} Café said.",
        "U.S.",
        ". . .",
        "\"a\" \"b\" \"c",
        "John Smith,",
        "John Smith, a",
        "Kenyan President William Ruto, the",
        "and accused Russia",
        "Russia was accused by",
        "Kenya and",
        "said Mr",
        "'s",
        "O'",
        "Foreign Minister",
        "NATO (",
        "(NATO)",
        "Ofgem (Ofgem",
        "according to",
        "\"x,\" according to",
        "\"x,\" he",
        "\"x,\" said",
        "GENEVA,",
        "TALLINN (",
        "quoted",
        "Xinhua quoted",
        "Xinhua quoted Wang Yi as",
        "Xinhua quoted Wang Yi as saying",
        "Xinhua quoted Wang Yi as saying:",
        "\"x,\" Xinhua quoted Wang Yi as saying",
        "Wang Yi was quoted by",
        "According to",
        "According to Reuters",
        "According to Reuters,",
        "x, according to",
        "x, according to the",
        "Talks between",
        "Talks between Kenya and",
        "Kenya's visit to",
        "his visit",
        "Japan provided aid",
        "Russia denied accusing",
        "Russia refused to",
        "stopped short of",
        "\"a.\n\n\"",
        "\"a,\" Li said. \"",
        "\"a,\" Li said, adding:",
    ];
    let pipeline = Pipeline::new();
    for text in texts {
        let x = pipeline.run(article("edge", text.to_owned()));
        for m in &x.mentions {
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end), "{text:?}");
        }
        assert!(statement_table(&x).starts_with("subject\t"));
    }
}

/// The resolution acceptance article: a ministry, its spokesman by full name, surname and "the
/// spokesman", an
/// acronym with its expansion, a capital as metonym, two foreign ministries and two people
/// sharing a surname come out as one node per real entity, with the links and the merge log.
#[test]
fn pipeline_resolution_gives_one_node_per_real_entity() {
    use newsgraph::model::{MentionId, Tier};
    let text = std::fs::read_to_string(common::fixture("articles/resolution_tiers/input.txt")).unwrap();
    let x = Pipeline::new().run(article("r", text));
    let r = &x.resolution;
    let entity = |name: &str| {
        let found: Vec<_> = r.entities.iter().filter(|e| e.name == name).collect();
        assert_eq!(found.len(), 1, "{name}: {:?}", r.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
        found[0]
    };
    let surfaces = |name: &str| -> Vec<(String, Option<Tier>)> {
        entity(name)
            .mentions
            .iter()
            .map(|&m| (x.document.slice(x.mentions[m.0 as usize].span).to_owned(), r.tier_of(m)))
            .collect()
    };
    // spokesman by full name, then by surname
    assert_eq!(
        surfaces("Kenji Watanabe"),
        [("Kenji Watanabe".to_owned(), Some(Tier::First)), ("Watanabe".to_owned(), Some(Tier::NamePart))]
    );
    // the acronym is the expansion's entity, with its Wikidata id
    let iaea = entity("International Atomic Energy Agency");
    assert!(iaea.aliases.contains("IAEA") && iaea.wikidata.as_deref() == Some("Q41984"), "{iaea:?}");
    // Japan's ministry, "Foreign Ministry" before China's is named, and "the Japanese Foreign
    // Ministry" are one; China's stays another; both belong to their country
    let japan_fm = entity("Japan's Foreign Ministry");
    assert_eq!(japan_fm.mentions.len(), 3);
    assert_eq!(japan_fm.part_of.as_deref(), Some("country:JPN"));
    assert_eq!(entity("China's Foreign Ministry").part_of.as_deref(), Some("country:CHN"));
    // the capitals stay places with their links; "Beijing accused Tokyo" is China's accusation
    assert_eq!(entity("Tokyo").capital_of.as_deref(), Some("country:JPN"));
    assert_eq!(entity("Beijing").capital_of.as_deref(), Some("country:CHN"));
    let statements = statement_table(&x);
    assert!(statements.lines().any(|l| l.starts_with("China\taccused\tJapan\t")), "{statements}");
    // the capitals that act are typed links to their governments (ng:governmentOf); the city
    // visited and the one the inspectors arrived in is only a place
    let mut graph = newsgraph::graph::KnowledgeGraph::new();
    graph.add(&x);
    let metonyms: Vec<(&str, Option<&str>)> = graph.articles()[0]
        .mentions
        .iter()
        .filter(|m| matches!(m.text.as_str(), "Tokyo" | "Beijing"))
        .map(|m| (m.text.as_str(), m.government_of.as_deref()))
        .collect();
    assert_eq!(
        metonyms,
        [("Tokyo", None), ("Tokyo", None), ("Beijing", Some("country:CHN")), ("Tokyo", Some("country:JPN"))],
        "{statements}"
    );
    // two Satos stay two people, and a bare "Sato" joins neither
    entity("Hiroshi Sato");
    entity("Yumi Sato");
    let bare = x.mentions.iter().rposition(|m| x.document.slice(m.span) == "Sato").unwrap();
    assert_eq!(r.entity_of(MentionId(bare as u32)), None);
    // "The spokesman" is Watanabe; "The ministry", with two ministries named, stays unresolved
    let described: Vec<(&str, &str)> =
        r.descriptions.iter().map(|&(span, e)| (x.document.slice(span), r.entity(e).name.as_str())).collect();
    assert_eq!(described, [("The spokesman", "Kenji Watanabe")]);
    // nothing merged across types: every entity's mentions have its type
    for e in &r.entities {
        assert!(e.mentions.iter().all(|m| x.mentions[m.0 as usize].kind == e.kind), "{e:?}");
    }
}

#[test]
fn pipeline_pronouns_become_mentions_when_asked_or_when_they_name_a_statements_subject() {
    use newsgraph::model::Tier;
    let pronouns = |text: &str, on: bool| -> Vec<(String, String)> {
        let x = newsgraph::PipelineBuilder::new().pronouns(on).build().run(article("k", text.to_owned()));
        let mut graph = newsgraph::graph::KnowledgeGraph::new();
        graph.add(&x);
        let record = &graph.articles()[0];
        record.mentions.iter().filter(|m| m.tier == Tier::Pronoun).map(|m| (m.text.clone(), m.entity.clone())).collect()
    };
    let pair = |text: &str, key: &str| (text.to_owned(), key.to_owned());
    // "Mwangi said the deal would cut electricity prices … He also urged the African Development
    // Bank": "He" names the subject of a statement, so it is Mwangi's mention whatever the option
    let text = std::fs::read_to_string("data/examples/wire-kenya-ethiopia.txt").unwrap();
    let off = pronouns(&text, false);
    assert!(off.contains(&pair("He", "person:daniel mwangi")), "{off:?}");
    assert!(pronouns(&text, true).contains(&pair("He", "person:daniel mwangi")));
    // a pronoun that names no statement's subject is a mention only when asked
    let text = "Daniel Mwangi arrived in Nairobi on Monday. He met reporters.";
    assert_eq!(pronouns(text, false), []);
    assert_eq!(pronouns(text, true), [pair("He", "person:daniel mwangi")]);
}

#[test]
fn pipeline_every_statement_points_at_the_mentions_of_its_words() {
    use newsgraph::rdf::{article_quads, vocab, Minter};
    let minter = Minter::new(vocab::DEFAULT_BASE_IRI).unwrap();
    let pipeline = Pipeline::new();
    let mut inputs: Vec<_> =
        std::fs::read_dir(common::fixture("articles")).unwrap().map(|e| e.unwrap().path().join("input.txt")).collect();
    inputs.extend(std::fs::read_dir(common::root().join("data/examples")).unwrap().map(|e| e.unwrap().path()));
    inputs.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    inputs.sort();
    let mut statements = 0;
    for input in inputs {
        let text = std::fs::read_to_string(&input).unwrap();
        let x = pipeline.run(article("a", text.clone()));
        let mut graph = newsgraph::graph::KnowledgeGraph::new();
        graph.add(&x);
        let quads: Vec<String> = article_quads(&graph.articles()[0], &minter).iter().map(ToString::to_string).collect();
        for (ordinal, s) in x.statements.iter().enumerate() {
            statements += 1;
            // every rule names the words of its subject, inside the statement's evidence
            let subject = s.subject_mention.unwrap_or_else(|| panic!("{}: no subject words in {s:?}", input.display()));
            for words in std::iter::once(subject).chain(s.object_mention) {
                assert!(
                    s.evidence.contains(words),
                    "{}: {:?} outside the evidence of {s:?}",
                    input.display(),
                    &text[words.range()]
                );
            }
            assert_eq!(s.object.is_some(), s.object_mention.is_some(), "{}: {s:?}", input.display());
            let record = &graph.articles()[0].statements[ordinal];
            let node = minter.statement("a", ordinal);
            for (property, offsets) in
                [(vocab::NG_SUBJECT_MENTION, record.subject_offsets), (vocab::NG_OBJECT_MENTION, record.object_offsets)]
            {
                let prefix = format!("<{}> <{property}> ", node.as_str());
                let targets: Vec<&str> = quads.iter().filter_map(|q| q.strip_prefix(&prefix)).collect();
                let Some((start, end)) = offsets else {
                    assert!(targets.is_empty());
                    continue;
                };
                // exactly one, to a mention node that exists
                let mention = minter.mention("a", start, end);
                assert_eq!(targets, [format!("{mention} {}", minter.article("a"))], "{}: {s:?}", input.display());
                let typed = format!("{mention} <{}> ", vocab::NG_REFERS_TO);
                assert!(quads.iter().any(|q| q.starts_with(&typed)), "{}: no mention node {mention}", input.display());
            }
        }
    }
    assert!(statements > 100, "{statements} statements");
}
