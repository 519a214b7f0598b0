//! Precision and recall of the entity and statement tables against the hand-made gold
//! annotations of the fixture articles (`gold.tsv`, format in tests/fixtures/README.md).
//!
//! Run: `[RECOGNIZER=rules] cargo run --example fixture_scores [-- DIR...]` (default: the golden fixtures and
//! the held-out `unseen` articles, scored separately).
//!
//! An entity matches when its type is equal and its name or an alias is the gold name.
//! A statement matches on (subject, predicate, object, polarity), an attributed speech with
//! targets counting once per target; met, signed and cooperated match in either direction. A gold
//! statement is negated when its last column says `negated`. The gold tables predate the relation
//! classifier's basedIn, locatedIn, livesIn and nationality, so those are counted apart and not
//! scored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use newsgraph::model::{Article, EntityId, Origin, Polarity, Predicate};
use newsgraph::Pipeline;

/// Predicates the gold tables do not annotate (they predate the relation classifier).
const UNANNOTATED: [Predicate; 4] =
    [Predicate::BasedIn, Predicate::LocatedIn, Predicate::LivesIn, Predicate::Nationality];

/// A statement as scored: subject, predicate, object (or empty), negated.
type Row = (String, String, String, bool);

#[derive(Default)]
struct Counts {
    predicted: usize,
    correct_predicted: usize,
    gold: usize,
    found_gold: usize,
}

impl Counts {
    fn line(&self, what: &str) -> String {
        let p = self.correct_predicted as f64 / self.predicted.max(1) as f64;
        let r = self.found_gold as f64 / self.gold.max(1) as f64;
        format!(
            "{what:<11} precision {p:.3} ({}/{})  recall {r:.3} ({}/{})",
            self.correct_predicted, self.predicted, self.found_gold, self.gold
        )
    }
}

fn cases(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && path.join("gold.tsv").exists() {
            out.push((path.join("input.txt"), path.join("gold.tsv")));
        } else if path.extension().is_some_and(|e| e == "txt") {
            let gold = path.with_extension("gold.tsv");
            if gold.exists() {
                out.push((path.clone(), gold));
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let dirs = if args.is_empty() {
        vec![PathBuf::from("tests/fixtures/articles"), PathBuf::from("tests/fixtures/unseen")]
    } else {
        args
    };
    // RECOGNIZER=rules scores the rule recogniser instead of the trained tagger
    let pipeline = match std::env::var("RECOGNIZER").as_deref() {
        Ok("rules") => {
            newsgraph::PipelineBuilder::new().recognizer(Box::new(newsgraph::recognize::RuleRecognizer::new())).build()
        }
        _ => Pipeline::new(),
    };
    for dir in dirs {
        let (mut ents, mut stats) = (Counts::default(), Counts::default());
        let mut unscored = 0usize;
        let mut errors: Vec<String> = Vec::new();
        for (input, gold) in cases(&dir) {
            let text = std::fs::read_to_string(&input).unwrap();
            let x = pipeline.run(Article {
                id: "a".into(),
                title: None,
                date: None,
                url: None,
                source: None,
                author: None,
                text,
                origin: Origin { path: input.clone(), line: None },
            });
            let gold = std::fs::read_to_string(&gold).unwrap();
            let mut gold_entities: BTreeSet<(String, String)> = BTreeSet::new();
            let mut gold_statements: BTreeSet<Row> = BTreeSet::new();
            for line in gold.lines().skip(1) {
                let f: Vec<&str> = line.split('\t').collect();
                match f[0] {
                    "entity" => {
                        gold_entities.insert((f[1].to_owned(), f[4].to_owned()));
                    }
                    "statement" => {
                        let negated = f.get(4).is_some_and(|t| *t == "negated");
                        gold_statements.insert((
                            f[1].to_owned(),
                            f[2].to_owned(),
                            f.get(3).unwrap_or(&"").to_string(),
                            negated,
                        ));
                    }
                    _ => {}
                }
            }
            // map each predicted entity to a gold name where one of its names is one
            let gold_names: BTreeSet<&str> = gold_entities.iter().map(|(n, _)| n.as_str()).collect();
            let name_of: BTreeMap<EntityId, String> = x
                .resolution
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let gold = std::iter::once(&e.name).chain(&e.aliases).find(|n| gold_names.contains(n.as_str()));
                    (EntityId(i as u32), gold.unwrap_or(&e.name).clone())
                })
                .collect();
            let case = input.display().to_string();
            for (i, e) in x.resolution.entities.iter().enumerate() {
                ents.predicted += 1;
                let key = (name_of[&EntityId(i as u32)].clone(), e.kind.label().to_owned());
                if gold_entities.contains(&key) {
                    ents.correct_predicted += 1;
                } else {
                    errors.push(format!("{case}: extra entity {key:?}"));
                }
            }
            let predicted_entities: BTreeSet<(String, String)> = x
                .resolution
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| (name_of[&EntityId(i as u32)].clone(), e.kind.label().to_owned()))
                .collect();
            ents.gold += gold_entities.len();
            ents.found_gold += gold_entities.intersection(&predicted_entities).count();
            for g in gold_entities.difference(&predicted_entities) {
                errors.push(format!("{case}: missed entity {g:?}"));
            }
            let mut predicted: BTreeSet<Row> = BTreeSet::new();
            for s in &x.statements {
                if UNANNOTATED.contains(&s.predicate) {
                    unscored += 1;
                    continue;
                }
                let subject = name_of[&s.subject].clone();
                let p = s.predicate.name().to_owned();
                let negated = s.polarity == Polarity::Negated;
                if s.predicate == Predicate::Said {
                    if s.targets.is_empty() {
                        predicted.insert((subject.clone(), p.clone(), String::new(), negated));
                    }
                    for t in &s.targets {
                        predicted.insert((subject.clone(), p.clone(), name_of[t].clone(), negated));
                    }
                } else {
                    let object = s.object.map(|o| name_of[&o].clone()).unwrap_or_default();
                    predicted.insert((subject, p, object, negated));
                }
            }
            let symmetric = |t: &Row| {
                Predicate::from_name(&t.1).is_some_and(Predicate::is_symmetric)
                    && gold_statements.contains(&(t.2.clone(), t.1.clone(), t.0.clone(), t.3))
            };
            for t in &predicted {
                stats.predicted += 1;
                if gold_statements.contains(t) || symmetric(t) {
                    stats.correct_predicted += 1;
                } else {
                    errors.push(format!("{case}: extra statement {t:?}"));
                }
            }
            stats.gold += gold_statements.len();
            for g in &gold_statements {
                let reversed = (g.2.clone(), g.1.clone(), g.0.clone(), g.3);
                let sym = Predicate::from_name(&g.1).is_some_and(Predicate::is_symmetric);
                if predicted.contains(g) || (sym && predicted.contains(&reversed)) {
                    stats.found_gold += 1;
                } else {
                    errors.push(format!("{case}: missed statement {g:?}"));
                }
            }
        }
        println!("{}", dir.display());
        println!("  {}", ents.line("entities"));
        println!("  {}", stats.line("statements"));
        println!("  not scored: {unscored} statements of predicates the gold tables do not annotate");
        if std::env::var_os("VERBOSE").is_some() {
            for e in errors {
                println!("    {e}");
            }
        }
    }
}
