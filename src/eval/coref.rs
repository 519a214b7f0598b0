//! Coreference of named mentions: the resolver on gold mentions against gold chains (GUM).
//!
//! Each gold named mention (type PER, ORG, LOC or GPE, with a `chain` id) is given to the
//! resolver as a mention of its gold type, so that the score measures resolution alone. GUM spans
//! are noun phrases ("the U.S. President Donald Trump's"); the mention given is the proper name
//! around the phrase's head, without a leading article or title and a trailing possessive
//! ("Donald Trump"). A location the country table knows becomes a country mention with its key,
//! as the recogniser does. Scores: pairwise links and B³, per document, summed over documents.
//! Linking: of the gold mentions with a Wikipedia link that names a country (or a known
//! organisation), how many resolve to the entity with that name.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::gold::GoldDoc;
use crate::lexicon::{Gazetteer, Lexicon};
use crate::model::{CharIndex, Document, EntityKind, Mention, MentionForm, MentionRule, Span, TokenKind};
use crate::recognize::tagger::{mention_type, Label};
use crate::resolve::Resolver;

/// Coreference and linking scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorefReport {
    /// Documents scored.
    pub docs: usize,
    /// Gold named mentions given to the resolver.
    pub mentions: usize,
    /// Gold chains among them.
    pub chains: usize,
    /// Mention pairs in one gold chain and one predicted entity.
    pub pair_tp: usize,
    /// Pairs in one predicted entity but different gold chains.
    pub pair_fp: usize,
    /// Pairs in one gold chain but different predicted entities.
    pub pair_fn: usize,
    /// B³ precision and recall sums over mentions (divide by `mentions`).
    pub b3_precision_sum: f64,
    /// See `b3_precision_sum`.
    pub b3_recall_sum: f64,
    /// Country-linked gold mentions resolved to that country.
    pub country_links_correct: usize,
    /// Gold mentions linked to a country's Wikipedia page.
    pub country_links: usize,
    /// Organisation-linked gold mentions (of organisations in the table) resolved to it.
    pub org_links_correct: usize,
    /// Gold mentions linked to the Wikipedia page of an organisation in the table.
    pub org_links: usize,
    /// Cross-type merges: predicted entities whose gold mentions have two gold types.
    pub cross_type_merges: usize,
    /// Wrong links (document, one surface, the other), every one.
    pub wrong: Vec<(String, String, String)>,
    /// Missed links (document, one surface, the other), distinct surface pairs only.
    pub missed: Vec<(String, String, String)>,
    /// Country links resolved wrongly (document, surface, "wanted ≠ got").
    pub wrong_links: Vec<(String, String, String)>,
    /// Tier 7 was scored: the resolver resolved pronouns.
    pub pronouns_scored: bool,
    /// Gold "he"/"she" whose chain has a named person mention before it.
    pub pronouns: usize,
    /// Pronouns the resolver linked to a person.
    pub pronoun_links: usize,
    /// Pronouns linked to a person of their gold chain.
    pub pronoun_links_correct: usize,
    /// Pronouns linked wrongly (document, pronoun and offset, the person it was given).
    pub wrong_pronouns: Vec<(String, String, String)>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl CorefReport {
    /// Pairwise precision, recall and F1.
    pub fn pairwise(&self) -> (f64, f64, f64) {
        let p = ratio(self.pair_tp, self.pair_tp + self.pair_fp);
        let r = ratio(self.pair_tp, self.pair_tp + self.pair_fn);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }

    /// B³ precision, recall and F1.
    pub fn b3(&self) -> (f64, f64, f64) {
        let n = self.mentions.max(1) as f64;
        let (p, r) = (self.b3_precision_sum / n, self.b3_recall_sum / n);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

impl std::fmt::Display for CorefReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (pp, pr, pf) = self.pairwise();
        let (bp, br, bf) = self.b3();
        writeln!(f, "docs {}, gold named mentions {}, gold chains {}", self.docs, self.mentions, self.chains)?;
        writeln!(
            f,
            "pairwise  P {pp:.3}  R {pr:.3}  F1 {pf:.3}  (links: {} right, {} wrong, {} missed)",
            self.pair_tp, self.pair_fp, self.pair_fn
        )?;
        writeln!(f, "B3        P {bp:.3}  R {br:.3}  F1 {bf:.3}")?;
        writeln!(
            f,
            "linking   countries {}/{} = {:.3}; table organisations {}/{} = {:.3}",
            self.country_links_correct,
            self.country_links,
            ratio(self.country_links_correct, self.country_links),
            self.org_links_correct,
            self.org_links,
            ratio(self.org_links_correct, self.org_links)
        )?;
        writeln!(f, "cross-type merges: {}", self.cross_type_merges)?;
        if self.pronouns_scored {
            let (p, r) = self.pronoun_scores();
            writeln!(
                f,
                "pronouns  P {p:.3}  R {r:.3}  (he/she: {} linked, {} right; {} with a named antecedent)",
                self.pronoun_links, self.pronoun_links_correct, self.pronouns
            )?;
        }
        Ok(())
    }
}

impl CorefReport {
    /// Tier 7's precision (right links over links made) and recall (right links over gold
    /// pronouns with a named antecedent).
    pub fn pronoun_scores(&self) -> (f64, f64) {
        (ratio(self.pronoun_links_correct, self.pronoun_links), ratio(self.pronoun_links_correct, self.pronouns))
    }

    /// Lists up to `n` wrong and `n` missed links.
    pub fn errors(&self, n: usize) -> String {
        let mut out = String::new();
        let lists = [
            ("wrong", &self.wrong),
            ("missed", &self.missed),
            ("country", &self.wrong_links),
            ("pronoun", &self.wrong_pronouns),
        ];
        for (kind, list) in lists {
            out.push_str(&format!("-- {kind} links (first {} of {}):\n", n.min(list.len()), list.len()));
            for (d, a, b) in list.iter().take(n) {
                out.push_str(&format!("  {d}: {a:?} ~ {b:?}\n"));
            }
        }
        out
    }
}

/// The proper name inside a noun-phrase span: the capitalised run around the head, without a
/// leading article or title; `None` when the head is not capitalised.
fn name_span(doc: &Document, lexicon: &Lexicon, span: Span, head: Option<Span>) -> Option<Span> {
    let first = doc.token_at_or_after(span.start);
    let end = doc.tokens.partition_point(|t| t.span.start < span.end);
    if first >= end {
        return None;
    }
    let is_cap = |i: usize| doc.is_capitalised(i);
    let is_connector = |i: usize| matches!(doc.token_text(i), "of" | "and" | "for" | "de" | "the" | "&");
    let h = head.map_or(end - 1, |h| doc.token_at_or_after(h.start).clamp(first, end - 1));
    if !is_cap(h) {
        return None;
    }
    let mut s = h;
    while s > first && (is_cap(s - 1) || (is_connector(s - 1) && s >= first + 2 && is_cap(s - 2))) {
        s -= 1;
    }
    let mut e = h + 1;
    while e < end && (is_cap(e) || (is_connector(e) && e + 1 < end && is_cap(e + 1))) {
        e += 1;
    }
    while s + 1 < e && (doc.token_text(s) == "The" || lexicon.title(doc.token_text(s)).is_some()) {
        s += 1;
    }
    // a lower-case modifier before the name makes another referent ("mainland Australia"):
    // the mention keeps it
    let modifier = (first..s).rev().find(|&i| {
        let w = doc.token_text(i);
        doc.tokens[i].kind == TokenKind::Word
            && w.chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "any"
                    | "each"
                    | "every"
                    | "this"
                    | "these"
                    | "that"
                    | "those"
                    | "its"
                    | "their"
                    | "our"
                    | "his"
                    | "her"
            )
            && lexicon.title(w).is_none()
    });
    if let Some(m) = modifier {
        s = m;
    }
    Some(Span::new(doc.tokens[s].span.start, doc.tokens[e - 1].span.end))
}

fn wiki_name(title: &str) -> String {
    title.split('(').next().unwrap_or(title).replace('_', " ").trim().to_lowercase()
}

/// A gold mention given to the resolver: the mention, its gold chain, gold type and wiki link.
type Item = (Mention, String, EntityKind, Option<String>);

/// One document segmented, its gold mentions and the resolver's answer.
type Resolved = (Document, CharIndex, Vec<Item>, crate::model::Resolution);

/// Wikipedia titles (lower case, spaces) of countries and of table organisations → their keys.
struct LinkTitles {
    countries: BTreeMap<String, String>,
    organisations: BTreeMap<String, String>,
}

impl LinkTitles {
    fn new(lexicon: &Lexicon) -> Self {
        let mut countries: BTreeMap<String, String> = BTreeMap::new();
        for c in &lexicon.countries {
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                countries.entry(n.to_lowercase()).or_insert_with(|| c.key());
            }
        }
        let mut organisations: BTreeMap<String, String> = BTreeMap::new();
        for o in &lexicon.organisations {
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                organisations.entry(n.to_lowercase()).or_insert_with(|| format!("org:{}", o.key));
            }
        }
        LinkTitles { countries, organisations }
    }
}

/// Scores `resolver` on the named-mention chains of `docs`, resolving documents in parallel in
/// the current rayon pool.
pub fn evaluate_coref(docs: &[GoldDoc], resolver: &dyn Resolver, lexicon: &Lexicon) -> CorefReport {
    let gazetteer = Gazetteer::new(lexicon);
    let titles = LinkTitles::new(lexicon);
    let mut report = CorefReport { docs: docs.len(), ..CorefReport::default() };
    // the resolver runs on every document in parallel (in the caller's rayon pool); scoring
    // goes in document order
    let resolved: Vec<Resolved> = docs
        .par_iter()
        .map(|gold| {
            let doc = crate::segment::segment(&gold.text);
            let index = CharIndex::new(&gold.text);
            let items = gold_items(gold, &doc, &index, lexicon, &gazetteer);
            let mentions: Vec<Mention> = items.iter().map(|(m, ..)| m.clone()).collect();
            let resolution = resolver.resolve(&doc, &mentions);
            (doc, index, items, resolution)
        })
        .collect();
    for (gold, (doc, index, items, resolution)) in docs.iter().zip(resolved) {
        // an unresolved mention is its own singleton
        let predicted: Vec<(usize, usize)> = (0..items.len())
            .map(|i| match resolution.mention_entity.get(i).copied().flatten() {
                Some(e) => (0, e.0 as usize),
                None => (1, i),
            })
            .collect();
        score_chains(&mut report, gold, &doc, &items, &predicted);
        score_links(&mut report, &titles, gold, &doc, &items, &resolution);
        score_pronouns(&mut report, gold, &index, &items, &resolution);
    }
    report
}

/// The gold named mentions of a document with a chain, as mentions of their gold type, without
/// those nested in another.
fn gold_items(
    gold: &GoldDoc,
    doc: &Document,
    index: &CharIndex,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
) -> Vec<Item> {
    // (mention, gold chain, gold type, wiki)
    let mut items: Vec<Item> = Vec::new();
    for e in &gold.entities {
        let (Some(chain), true) = (&e.chain, matches!(e.kind.as_str(), "PER" | "ORG" | "LOC" | "GPE")) else {
            continue;
        };
        let Some(span) = gold.byte_span(index, e.start, e.end) else { continue };
        let head = match (e.head_start, e.head_end) {
            (Some(a), Some(b)) => gold.byte_span(index, a, b),
            _ => None,
        };
        let Some(name) = name_span(doc, lexicon, span, head) else { continue };
        let surface = doc.slice(name);
        let label = match e.kind.as_str() {
            "PER" => Label::Per,
            "ORG" => Label::Org,
            _ => Label::Loc,
        };
        let (kind, form, key) =
            mention_type(label, gazetteer.lookup(surface)).unwrap_or((EntityKind::Place, MentionForm::Name, None));
        let gold_kind = match e.kind.as_str() {
            "PER" => EntityKind::Person,
            "ORG" => EntityKind::Organisation,
            _ => EntityKind::Place,
        };
        let mention = Mention { span: name, kind, form, score: 1.0, rule: MentionRule::Given, gazetteer_key: key };
        items.push((mention, chain.clone(), gold_kind, e.wiki.clone()));
    }
    // nested gold mentions ("Japan" inside "Japan Airlines"): the outer one is kept
    items.sort_by_key(|(m, ..)| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    for item in items {
        if kept.last().is_none_or(|(m, ..)| m.span.end <= item.0.span.start) {
            kept.push(item);
        }
    }
    kept
}

/// Pairwise links, B³ and cross-type merges of one document, `predicted[i]` being the entity
/// (or singleton) of mention `i`.
fn score_chains(
    report: &mut CorefReport,
    gold: &GoldDoc,
    doc: &Document,
    items: &[Item],
    predicted: &[(usize, usize)],
) {
    let n = items.len();
    report.mentions += n;
    let mut chains: Vec<&str> = items.iter().map(|(_, c, ..)| c.as_str()).collect();
    chains.sort_unstable();
    chains.dedup();
    report.chains += chains.len();
    for i in 0..n {
        let (mut same_both, mut same_gold, mut same_pred) = (0usize, 0usize, 0usize);
        for j in 0..n {
            let g = items[i].1 == items[j].1;
            let p = predicted[i] == predicted[j];
            same_gold += usize::from(g);
            same_pred += usize::from(p);
            same_both += usize::from(g && p);
            if j > i {
                let pair =
                    || (gold.id.clone(), doc.slice(items[i].0.span).to_owned(), doc.slice(items[j].0.span).to_owned());
                match (g, p) {
                    (true, true) => report.pair_tp += 1,
                    (false, true) => {
                        report.pair_fp += 1;
                        report.wrong.push(pair());
                    }
                    (true, false) => {
                        report.pair_fn += 1;
                        let x = pair();
                        if x.1 != x.2 && !report.missed.contains(&x) {
                            report.missed.push(x);
                        }
                    }
                    (false, false) => {}
                }
            }
        }
        report.b3_precision_sum += same_both as f64 / same_pred as f64;
        report.b3_recall_sum += same_both as f64 / same_gold as f64;
    }
    let mut kinds_of_entity: BTreeMap<(usize, usize), Vec<EntityKind>> = BTreeMap::new();
    for i in 0..n {
        kinds_of_entity.entry(predicted[i]).or_default().push(items[i].2);
    }
    report.cross_type_merges += kinds_of_entity.values().filter(|k| k.iter().any(|x| *x != k[0])).count();
}

/// Country and organisation links of one document: a mention whose Wikipedia link names a
/// country (or a table organisation) is right when it resolves to that entity.
fn score_links(
    report: &mut CorefReport,
    titles: &LinkTitles,
    gold: &GoldDoc,
    doc: &Document,
    items: &[Item],
    resolution: &crate::model::Resolution,
) {
    for (i, (_, _, _, wiki)) in items.iter().enumerate() {
        let Some(title) = wiki.as_deref().map(wiki_name) else { continue };
        let key = resolution.entity_of(crate::model::MentionId(i as u32)).map(|e| &resolution.entity(e).key);
        if let Some(want) = titles.countries.get(&title) {
            report.country_links += 1;
            report.country_links_correct += usize::from(key == Some(want));
            if key != Some(want) {
                let got = key.cloned().unwrap_or_else(|| "unresolved".to_owned());
                report.wrong_links.push((
                    gold.id.clone(),
                    doc.slice(items[i].0.span).to_owned(),
                    format!("{want} ≠ {got}"),
                ));
            }
        } else if let Some(want) = titles.organisations.get(&title) {
            report.org_links += 1;
            report.org_links_correct += usize::from(key == Some(want));
        }
    }
}

/// Tier 7 against GUM's pronoun mentions: a "he" or "she" linked to an entity is right when
/// one of the entity's gold named mentions is in the pronoun's chain.
fn score_pronouns(
    report: &mut CorefReport,
    gold: &GoldDoc,
    index: &CharIndex,
    items: &[Item],
    resolution: &crate::model::Resolution,
) {
    report.pronouns_scored |= !resolution.pronouns.is_empty();
    for p in &gold.mentions {
        let Some(chain) = &p.chain else { continue };
        let Some(span) = gold.byte_span(index, p.start, p.end) else { continue };
        let word = &gold.text[span.start..span.end];
        if !matches!(word, "he" | "He" | "she" | "She") {
            continue;
        }
        let named_before =
            items.iter().any(|(m, c, kind, _)| c == chain && *kind == EntityKind::Person && m.span.end <= span.start);
        report.pronouns += usize::from(named_before);
        let Some(&(_, e)) = resolution.pronouns.iter().find(|(s, _)| *s == span) else { continue };
        report.pronoun_links += 1;
        let entity = resolution.entity(e);
        if entity.mentions.iter().any(|m| items[m.0 as usize].1 == *chain) {
            report.pronoun_links_correct += 1;
        } else {
            report.wrong_pronouns.push((gold.id.clone(), format!("{word}@{}", p.start), entity.name.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::GoldEntity;
    use crate::resolve::ListResolver;

    fn e(text: &str, surface: &str, nth: usize, kind: &str, chain: &str, wiki: Option<&str>) -> GoldEntity {
        let byte = text.match_indices(surface).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        GoldEntity {
            chain: Some(chain.into()),
            wiki: wiki.map(str::to_owned),
            ..GoldEntity::new(start, start + surface.chars().count(), kind)
        }
    }

    #[test]
    fn coref_scores_pairs_b3_and_country_links() {
        let text = "Bill Clinton met Hillary Clinton in the United States. Clinton left the U.S. capital.";
        let doc = GoldDoc {
            entities: vec![
                e(text, "Bill Clinton", 0, "PER", "1", None),
                e(text, "Hillary Clinton", 0, "PER", "2", None),
                e(text, "the United States", 0, "LOC", "3", Some("United_States")),
                e(text, "Clinton", 2, "PER", "1", None),
                e(text, "U.S.", 0, "LOC", "3", Some("United_States")),
            ],
            ..GoldDoc::new("d", text, &[])
        };
        let r = evaluate_coref(&[doc], &ListResolver::new(), &Lexicon::builtin());
        assert_eq!(r.mentions, 5);
        // the bare "Clinton" fits two people and stays unresolved: one missed link, no wrong one
        assert_eq!((r.pair_tp, r.pair_fp, r.pair_fn), (1, 0, 1));
        assert_eq!((r.country_links_correct, r.country_links), (2, 2));
        assert_eq!(r.cross_type_merges, 0);
    }

    #[test]
    fn coref_scores_pronouns_against_their_gold_chains() {
        let text = "Maria Lopez met Carlos Ruiz. She smiled. Ruiz left. He waved.";
        let named = vec![e(text, "Maria Lopez", 0, "PER", "1", None), e(text, "Carlos Ruiz", 0, "PER", "2", None)];
        // gold: "She" is Maria, "He" is Carlos; the resolver links "She" right and leaves "He"
        // (Carlos is no sentence's subject, and the bare "Ruiz" is not a gold named mention here)
        let mentions = vec![e(text, "She", 0, "PER", "1", None), e(text, "He", 0, "PER", "2", None)];
        let doc = GoldDoc { entities: named, mentions, ..GoldDoc::new("d", text, &[]) };
        let off = evaluate_coref(std::slice::from_ref(&doc), &ListResolver::new(), &Lexicon::builtin());
        assert!(!off.pronouns_scored);
        let r = evaluate_coref(&[doc], &ListResolver::new().with_pronouns(true), &Lexicon::builtin());
        assert!(r.pronouns_scored);
        assert_eq!((r.pronoun_links_correct, r.pronoun_links, r.pronouns), (1, 1, 2), "{r:?}");
        assert_eq!(r.pronoun_scores(), (1.0, 0.5));
    }
}
