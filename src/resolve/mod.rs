//! Resolution: mentions → entities within one article, with canonical keys that are equal
//! across articles for the same entity.
//!
//! Tiers, in order: gazetteer keys (countries with their aliases and demonyms, capitals,
//! known organisations); normalised names ("U.S." = "US"); acronyms defined in the text or
//! made of a name's initials; a person's single name part joins the one full name it fits,
//! and stays unresolved when two people fit ("Clinton" with Bill and Hillary Clinton).
//! Types never merge.
//!
//! ```
//! use newsgraph::model::*;
//! use newsgraph::resolve::{Resolver, ListResolver};
//! let text = "Angela Merkel spoke. Merkel left.";
//! let m = |s, e| Mention { span: Span::new(s, e), kind: EntityKind::Person, form: MentionForm::Name,
//!     score: 1.0, rule: MentionRule::Given, gazetteer_key: None };
//! let doc = newsgraph::segment::segment(text);
//! let r = ListResolver::new().resolve(&doc, &[m(0, 13), m(21, 27)]);
//! assert_eq!(r.entities.len(), 1);
//! assert_eq!(r.entities[0].key, "person:angela merkel");
//! assert_eq!(r.entities[0].aliases.iter().collect::<Vec<_>>(), ["Merkel"]);
//! ```

mod alias;
mod entities;
mod references;
mod state;
mod tiers;
mod variants;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::model::{Document, Entity, EntityId, EntityKind, Mention, Resolution};

pub use alias::{is_acronym_of, normalize};

/// Pairs of entities of different types that share a name ("Jordan" the country and "Michael
/// Jordan", whose surname it is; "Georgia" the country and a place): kept apart, and logged in
/// the merge log as `ng:sameNameAs`. Each pair once, the lower id first, sorted.
///
/// ```
/// use newsgraph::model::{Entity, EntityId, EntityKind};
/// let e = |kind, key: &str, name: &str| Entity { kind, key: key.into(), name: name.into(),
///     aliases: Default::default(), wikidata: None, capital_of: None, nationality: None,
///     part_of: None, ticker: None, mentions: vec![] };
/// let entities = [e(EntityKind::Person, "person:michael jordan", "Michael Jordan"),
///                 e(EntityKind::Country, "country:JOR", "Jordan")];
/// assert_eq!(newsgraph::resolve::same_name_conflicts(&entities), [(EntityId(0), EntityId(1))]);
/// ```
pub fn same_name_conflicts(entities: &[Entity]) -> Vec<(EntityId, EntityId)> {
    let forms = |e: &Entity| -> BTreeSet<String> {
        let mut f: BTreeSet<String> = std::iter::once(&e.name).chain(&e.aliases).map(|n| normalize(n)).collect();
        if e.kind == EntityKind::Person {
            if let Some(last) = normalize(&e.name).rsplit(' ').next() {
                f.insert(last.to_owned());
            }
        }
        f
    };
    let all: Vec<BTreeSet<String>> = entities.iter().map(forms).collect();
    let mut out = Vec::new();
    for a in 0..entities.len() {
        for b in a + 1..entities.len() {
            if entities[a].kind != entities[b].kind && !all[a].is_disjoint(&all[b]) {
                out.push((EntityId(a as u32), EntityId(b as u32)));
            }
        }
    }
    out
}

/// Resolves an article's mentions into entities.
pub trait Resolver: Send + Sync {
    /// Groups `mentions` (in text order) into entities. The resolution also names the pairs of
    /// entities it kept apart although they share a name ([`Resolution::same_names`], what the
    /// merge log writes as `ng:sameNameAs`); [`same_name_conflicts`] finds them for any set of
    /// entities.
    fn resolve(&self, doc: &Document, mentions: &[Mention]) -> Resolution;
}

/// The tiered, list-based resolver.
#[derive(Debug, Clone)]
pub struct ListResolver {
    lexicon: Arc<Lexicon>,
    /// Country names, aliases and demonyms (lower case) → country key, for organisations named
    /// after their country ("Japan's Foreign Ministry") and nationalities.
    countries: BTreeMap<String, String>,
    /// Tier 7: resolve "he" and "she" (off by default).
    pronouns: bool,
}

impl ListResolver {
    /// A resolver over the built-in lexicon.
    pub fn new() -> Self {
        ListResolver::with_lexicon(Lexicon::builtin())
    }

    /// A resolver over the given lexicon.
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Self {
        let mut countries: BTreeMap<String, String> = BTreeMap::new();
        let mut ambiguous = BTreeSet::new();
        for c in lexicon.countries.iter().filter(|c| !c.former) {
            for form in std::iter::once(&c.name).chain(&c.aliases).chain(&c.demonyms) {
                let form = form.to_lowercase();
                match countries.get(&form) {
                    Some(k) if *k != c.key() => {
                        ambiguous.insert(form);
                    }
                    Some(_) => {}
                    None => {
                        countries.insert(form, c.key());
                    }
                }
            }
        }
        for form in ambiguous {
            countries.remove(&form);
        }
        ListResolver { lexicon, countries, pronouns: false }
    }

    /// Turns tier 7 on or off: "he" and "she" join a person. Off by default, because its
    /// precision on GUM is below 0.9 (`newsgraph eval coref --pronouns`).
    pub fn with_pronouns(mut self, on: bool) -> Self {
        self.pronouns = on;
        self
    }

    /// An organisation name without its trailing legal forms ("Northwind Energy Ltd" → "Northwind
    /// Energy"), and without the "and" or "&" that joined one ("Birr, Wilson and Co" → "Birr, Wilson").
    fn without_legal_form<'s>(&self, name: &'s str) -> &'s str {
        let mut name = name.trim();
        while let Some((rest, last)) = name.rsplit_once(' ') {
            if !self.lexicon.is_legal_form(last.trim_end_matches(',')) {
                break;
            }
            name = rest.trim_end_matches(',').trim_end();
            if let Some(joined) = name.strip_suffix(" and").or_else(|| name.strip_suffix(" &")) {
                name = joined.trim_end_matches(',').trim_end();
                break;
            }
        }
        name
    }
}

impl Default for ListResolver {
    fn default() -> Self {
        ListResolver::new()
    }
}

/// An article's text and mentions, as every tier reads them.
struct Input<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    /// The name text of each mention ([`Document::name_text`]).
    surfaces: Vec<Cow<'a, str>>,
}

impl<'a> Input<'a> {
    fn new(doc: &'a Document, mentions: &'a [Mention]) -> Self {
        Input { doc, mentions, surfaces: mentions.iter().map(|m| doc.name_text(m.span)).collect() }
    }

    /// The surface text of mention `i`, as a name: without invisible characters, in NFC.
    fn surface(&self, i: usize) -> &str {
        &self.surfaces[i]
    }
}

impl Resolver for ListResolver {
    fn resolve(&self, doc: &Document, mentions: &[Mention]) -> Resolution {
        let input = Input::new(doc, mentions);
        let mut state = state::State::new(mentions.len());
        // tiers 1 and 2: gazetteer keys, then normalised names (one-word names wait)
        let deferred = self.known_and_normalised(&input, &mut state);
        // tier 3: acronyms, defined in the text or made of a name's initials
        let defined = tiers::acronyms(&input, &mut state, deferred.acronyms);
        tiers::acronyms_before_definition(&mut state, &defined);
        // tier 4: a shorter full name joins the one longer one
        tiers::name_variants(&mut state);
        // tier 5: a single name joins the one full name it fits
        tiers::name_parts(&input, &self.lexicon, &mut state, deferred.single_names);
        // tier 4 again: an organisation's short form, a person named by the title alone
        variants::short_forms(&self.lexicon, &mut state);
        self.title_mentions(&input, &mut state);
        // links between drafts: a country's organisations, a person's nationality
        tiers::country_organisations(&mut state);
        variants::bind_descriptions(&input, &mut state);
        self.nationalities(&input, &mut state);
        let mut resolution = self.entities(&input, state);
        // tier 6: definite descriptions; tier 7: pronouns (when asked for)
        resolution.descriptions = self.descriptions(doc, mentions, &resolution.entities, &resolution.mention_entity);
        if self.pronouns {
            resolution.pronouns = self.pronouns(doc, mentions, &resolution.entities, &resolution.mention_entity);
        }
        resolution.same_names = same_name_conflicts(&resolution.entities);
        resolution
    }
}

fn title_case_words(s: &str) -> String {
    s.split(' ').map(crate::lexicon::title_case).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MentionForm, MentionId, MentionRule, Span, Tier};

    fn mention(text: &str, surface: &str, nth: usize, kind: EntityKind, key: Option<&str>) -> Mention {
        let start = text.match_indices(surface).nth(nth).unwrap().0;
        Mention {
            span: Span::new(start, start + surface.len()),
            kind,
            form: MentionForm::Name,
            score: 1.0,
            rule: MentionRule::Given,
            gazetteer_key: key.map(str::to_owned),
        }
    }

    fn names(r: &Resolution) -> Vec<(String, Vec<String>)> {
        r.entities.iter().map(|e| (e.name.clone(), e.aliases.iter().cloned().collect())).collect()
    }

    #[test]
    fn resolve_shared_surname_stays_unresolved() {
        let text = "Bill Clinton and Hillary Clinton met. Clinton said no.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Bill Clinton", 0, EntityKind::Person, None),
            mention(text, "Hillary Clinton", 0, EntityKind::Person, None),
            mention(text, "Clinton", 2, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 2);
        assert_eq!(r.entity_of(MentionId(2)), None);
    }

    #[test]
    fn resolve_firm_name_of_partners_loses_its_legal_form_and_the_and_before_it() {
        let text = "Birr, Wilson and Co and Northwind Energy Ltd advised.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Birr, Wilson and Co", 0, EntityKind::Organisation, None),
            mention(text, "Northwind Energy Ltd", 0, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let keys: Vec<(&str, &str)> = r.entities.iter().map(|e| (e.key.as_str(), e.name.as_str())).collect();
        assert_eq!(
            keys,
            [("organization:birr, wilson", "Birr, Wilson"), ("organization:northwind energy", "Northwind Energy")]
        );
    }

    #[test]
    fn resolve_acronym_joins_parenthesised_expansion() {
        let text = "the International Atomic Energy Agency (IAEA) said. The IAEA added.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "International Atomic Energy Agency", 0, EntityKind::Organisation, None),
            mention(text, "IAEA", 0, EntityKind::Organisation, None),
            mention(text, "IAEA", 1, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(names(&r), [("International Atomic Energy Agency".to_owned(), vec!["IAEA".to_owned()])]);
    }

    #[test]
    fn resolve_country_aliases_are_one_entity() {
        let text = "US and U.S. and United States";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "US", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "U.S.", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "United States", 0, EntityKind::Country, Some("country:USA")),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.entities[0].key, "country:USA");
        assert_eq!(r.entities[0].wikidata.as_deref(), Some("Q30"));
        assert_eq!(r.entities[0].aliases.len(), 2);
    }

    #[test]
    fn resolve_compass_word_names_the_one_country_that_starts_with_it() {
        let text = "North Korea and South Korea met. The North said no. North Sudan? The North agreed.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "North Korea", 0, EntityKind::Country, Some("country:PRK")),
            mention(text, "South Korea", 0, EntityKind::Country, Some("country:KOR")),
            mention(text, "North", 2, EntityKind::Place, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entity(r.entity_of(MentionId(2)).unwrap()).key, "country:PRK");
        assert_eq!(r.tier_of(MentionId(2)), Some(Tier::NamePart));
        // a compass word before any country of that name stays a place of its own
        let text = "The South voted. South Korea said.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "South", 0, EntityKind::Place, None),
            mention(text, "South Korea", 0, EntityKind::Country, Some("country:KOR")),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entity(r.entity_of(MentionId(0)).unwrap()).key, "place:south");
    }

    #[test]
    fn resolve_pronouns_only_when_asked_and_unambiguous() {
        let text = "Maria Lopez met Carlos Ruiz. She said the talks went well. \
                    \"He is wrong,\" she added. Ruiz left. He declined to comment.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Maria Lopez", 0, EntityKind::Person, None),
            mention(text, "Carlos Ruiz", 0, EntityKind::Person, None),
            mention(text, "Ruiz", 1, EntityKind::Person, None),
        ];
        assert!(ListResolver::new().resolve(&doc, &ms).pronouns.is_empty(), "off by default");
        let r = ListResolver::new().with_pronouns(true).resolve(&doc, &ms);
        let links: Vec<(&str, &str)> =
            r.pronouns.iter().map(|&(span, e)| (doc.slice(span), r.entity(e).name.as_str())).collect();
        // "She" is Maria Lopez (the subject; Carlos is not a she); "He" inside the quotation is
        // left alone; the last "He" is Ruiz, the subject of the sentence before
        assert_eq!(links, [("She", "Maria Lopez"), ("she", "Maria Lopez"), ("He", "Carlos Ruiz")]);
        // two men named since the subject: ambiguous, unresolved
        let text = "John Smith met Peter Brown. He said no.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "John Smith", 0, EntityKind::Person, None),
            mention(text, "Peter Brown", 0, EntityKind::Person, None),
        ];
        assert!(ListResolver::new().with_pronouns(true).resolve(&doc, &ms).pronouns.is_empty());
    }

    #[test]
    fn resolve_logs_the_tier_of_every_merge() {
        let text = "Kadri Saar of the International Atomic Energy Agency (IAEA) met U.S. officials. \
                    Saar said the IAEA and the US agreed. IAEA staff and Kadri Saar left.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Kadri Saar", 0, EntityKind::Person, None),
            mention(text, "International Atomic Energy Agency", 0, EntityKind::Organisation, None),
            mention(text, "IAEA", 0, EntityKind::Organisation, None),
            mention(text, "U.S.", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "Saar", 1, EntityKind::Person, None),
            mention(text, "IAEA", 1, EntityKind::Organisation, None),
            mention(text, "US", 0, EntityKind::Country, Some("country:USA")),
            mention(text, "IAEA", 2, EntityKind::Organisation, None),
            mention(text, "Kadri Saar", 1, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let tiers: Vec<Option<Tier>> = (0..ms.len()).map(|i| r.tier_of(MentionId(i as u32))).collect();
        assert_eq!(
            tiers,
            [
                Some(Tier::First),
                Some(Tier::First),
                Some(Tier::AcronymDefined),
                Some(Tier::First),
                Some(Tier::NamePart),
                Some(Tier::Exact),
                Some(Tier::Gazetteer),
                Some(Tier::Exact),
                Some(Tier::Exact),
            ]
        );
        assert_eq!(r.entities.len(), 3);
    }

    #[test]
    fn resolve_shorter_full_name_joins_the_longer_one() {
        let text = "Joshua Abraham Norton arrived. Joshua Norton, or Norton I, left. Norton died.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Joshua Abraham Norton", 0, EntityKind::Person, None),
            mention(text, "Joshua Norton", 0, EntityKind::Person, None),
            mention(text, "Norton I", 0, EntityKind::Person, None),
            mention(text, "Norton", 3, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let same = |a: u32, b: u32| r.entity_of(MentionId(a)) == r.entity_of(MentionId(b));
        assert!(same(0, 1) && same(0, 3), "{:?}", names(&r));
        assert_eq!(r.tier_of(MentionId(1)), Some(Tier::NameVariant));
        assert_eq!(r.tier_of(MentionId(3)), Some(Tier::NamePart));
    }

    #[test]
    fn resolve_two_countries_foreign_ministries_stay_two_and_join_their_variants() {
        let text = "Japan's Foreign Ministry protested. The Japanese Foreign Ministry added more. \
                    China's Foreign Ministry replied. The Foreign Ministry said no.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Japan", 0, EntityKind::Country, Some("country:JPN")),
            mention(text, "Foreign Ministry", 0, EntityKind::Organisation, None),
            mention(text, "Japanese Foreign Ministry", 0, EntityKind::Organisation, None),
            mention(text, "China", 0, EntityKind::Country, Some("country:CHN")),
            mention(text, "Foreign Ministry", 2, EntityKind::Organisation, None),
            mention(text, "Foreign Ministry", 3, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let key = |i: u32| r.entity_of(MentionId(i)).map(|e| r.entity(e).key.clone());
        assert_eq!(key(1).as_deref(), Some("organization:jpn foreign ministry"));
        assert_eq!(key(2), key(1));
        assert_eq!(key(4).as_deref(), Some("organization:chn foreign ministry"));
        // a bare "the Foreign Ministry" with two ministries in the article joins neither
        assert_ne!(key(5), key(1));
        assert_ne!(key(5), key(4));
        let japan = r.entity(r.entity_of(MentionId(1)).unwrap());
        assert_eq!(japan.part_of.as_deref(), Some("country:JPN"));
    }

    #[test]
    fn resolve_demonym_before_a_titled_person_is_a_nationality_link() {
        let text = "French President Emmanuel Macron spoke.";
        let doc = crate::segment::segment(text);
        let mut demonym = mention(text, "French", 0, EntityKind::Country, Some("country:FRA"));
        demonym.form = MentionForm::Demonym;
        let ms = [demonym, mention(text, "Emmanuel Macron", 0, EntityKind::Person, None)];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 2, "the person is not merged into the country");
        let macron = r.entity(r.entity_of(MentionId(1)).unwrap());
        assert_eq!(macron.nationality.as_deref(), Some("country:FRA"));
    }

    #[test]
    fn resolve_acronym_used_before_its_definition_joins_it() {
        let text = "Ofgem fines firm. The Office of Gas and Electricity Markets (Ofgem) said so.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Ofgem", 0, EntityKind::Organisation, None),
            mention(text, "Office of Gas and Electricity Markets", 0, EntityKind::Organisation, None),
            mention(text, "Ofgem", 1, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 1, "{:?}", names(&r));
        assert_eq!(r.entities[0].name, "Office of Gas and Electricity Markets");
        assert_eq!(r.tier_of(MentionId(0)), Some(Tier::First));
    }

    fn with_form(mut m: Mention, form: MentionForm) -> Mention {
        m.form = form;
        m
    }

    #[test]
    fn resolve_lower_case_institution_is_one_body_of_its_country_in_every_form() {
        let text = "Peru's defence ministry said no. The Peruvian defence ministry added more. \
                    Peru's Defence Ministry then said the ministry would wait.";
        let doc = crate::segment::segment(text);
        let desc = |nth| {
            with_form(mention(text, "defence ministry", nth, EntityKind::Organisation, None), MentionForm::Description)
        };
        let ms = [
            mention(text, "Peru", 0, EntityKind::Country, Some("country:PER")),
            desc(0),
            with_form(mention(text, "Peruvian", 0, EntityKind::Country, Some("country:PER")), MentionForm::Demonym),
            desc(1),
            mention(text, "Peru", 2, EntityKind::Country, Some("country:PER")),
            mention(text, "Defence Ministry", 0, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let ministry = r.entity_of(MentionId(1)).unwrap();
        assert_eq!(r.entity_of(MentionId(3)), Some(ministry));
        assert_eq!(r.entity_of(MentionId(5)), Some(ministry));
        let e = r.entity(ministry);
        assert_eq!((e.key.as_str(), e.name.as_str()), ("organization:per defence ministry", "Peru's Defence Ministry"));
        assert_eq!(e.part_of.as_deref(), Some("country:PER"));
        let described: Vec<(&str, EntityId)> = r.descriptions.iter().map(|&(s, e)| (doc.slice(s), e)).collect();
        assert_eq!(described, [("the ministry", ministry)]);
        // "the trade ministry of Peru", "the Peruvian ministry of trade": the same body
        let text = "the trade ministry of Peru and the Peruvian ministry of trade";
        let doc = crate::segment::segment(text);
        let ms = [
            with_form(mention(text, "trade ministry", 0, EntityKind::Organisation, None), MentionForm::Description),
            mention(text, "Peru", 0, EntityKind::Country, Some("country:PER")),
            with_form(mention(text, "Peruvian", 0, EntityKind::Country, Some("country:PER")), MentionForm::Demonym),
            with_form(mention(text, "ministry of trade", 0, EntityKind::Organisation, None), MentionForm::Description),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entity_of(MentionId(0)), r.entity_of(MentionId(3)));
        assert_eq!(r.entity(r.entity_of(MentionId(0)).unwrap()).key, "organization:per trade ministry");
    }

    #[test]
    fn resolve_bare_lower_case_institution_binds_only_to_the_one_country() {
        let one = "Chile held talks. The defence ministry spokesman said no.";
        let two = "Chile and Peru held talks. The defence ministry spokesman said no.";
        let key = |text: &str, countries: &[&str]| {
            let doc = crate::segment::segment(text);
            let mut ms: Vec<Mention> = countries
                .iter()
                .map(|c| {
                    let k = format!("country:{}", if *c == "Chile" { "CHL" } else { "PER" });
                    mention(text, c, 0, EntityKind::Country, Some(&k))
                })
                .collect();
            ms.push(with_form(
                mention(text, "defence ministry", 0, EntityKind::Organisation, None),
                MentionForm::Description,
            ));
            let r = ListResolver::new().resolve(&doc, &ms);
            r.entity_of(MentionId(ms.len() as u32 - 1)).map(|e| r.entity(e).key.clone())
        };
        assert_eq!(key(one, &["Chile"]).as_deref(), Some("organization:chl defence ministry"));
        assert_eq!(key(two, &["Chile", "Peru"]), None, "two countries: unresolved");
    }

    #[test]
    fn resolve_short_form_joins_the_one_full_name() {
        let text = "The Labour Party won. Labour said so. The Conservative Party lost and the \
                    Conservatives blamed rain. Northgate Bancorp rose; Northgate said. Redwood \
                    Foundation gave money to Redwood.";
        let doc = crate::segment::segment(text);
        let org = |s, nth| mention(text, s, nth, EntityKind::Organisation, None);
        let ms = [
            org("Labour Party", 0),
            org("Labour", 1),
            org("Conservative Party", 0),
            org("Conservatives", 0),
            org("Northgate Bancorp", 0),
            org("Northgate", 1),
            org("Redwood Foundation", 0),
            org("Redwood", 1),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let same = |a: u32, b: u32| r.entity_of(MentionId(a)) == r.entity_of(MentionId(b));
        assert!(same(0, 1) && same(2, 3) && same(4, 5), "{:?}", names(&r));
        assert_eq!(r.tier_of(MentionId(1)), Some(Tier::NameVariant));
        // a foundation is not the firm or family it is named after
        assert!(!same(6, 7));
        assert!(!same(0, 2));
    }

    #[test]
    fn resolve_person_named_with_title_words_joins_the_bare_name() {
        let text = "Kenyan Ambassador Amina Otieno spoke. Amina Otieno left. Otieno said \
                    Harbor Agency Director Paul Mwangi agreed. Mwangi nodded.";
        let doc = crate::segment::segment(text);
        let person = |s, nth| mention(text, s, nth, EntityKind::Person, None);
        let ms = [
            person("Kenyan Ambassador Amina Otieno", 0),
            person("Amina Otieno", 1),
            person("Otieno", 2),
            person("Harbor Agency Director Paul Mwangi", 0),
            person("Mwangi", 1),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let same = |a: u32, b: u32| r.entity_of(MentionId(a)) == r.entity_of(MentionId(b));
        assert!(same(0, 1) && same(0, 2) && same(3, 4), "{:?}", names(&r));
        assert_eq!(r.entity(r.entity_of(MentionId(0)).unwrap()).key, "person:amina otieno");
        assert_eq!(r.entity(r.entity_of(MentionId(3)).unwrap()).key, "person:paul mwangi");
    }

    #[test]
    fn resolve_title_alone_joins_the_person_it_describes() {
        let text = "Dr Lena Ward, Director of the Harbour Institute, and Chairman of the Reef \
                    Trust, spoke. Ward said President Omar Haddad agreed. The President left.";
        let doc = crate::segment::segment(text);
        let person = |s, nth| mention(text, s, nth, EntityKind::Person, None);
        let org = |s| mention(text, s, 0, EntityKind::Organisation, None);
        let ms = [
            person("Lena Ward", 0),
            person("Director", 0),
            org("Harbour Institute"),
            person("Chairman", 0),
            org("Reef Trust"),
            person("Ward", 1),
            person("Omar Haddad", 0),
            person("President", 1),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        let of = |i: u32| r.entity_of(MentionId(i));
        assert_eq!((of(1), of(3), of(5)), (of(0), of(0), of(0)), "{:?}", names(&r));
        assert_eq!(of(7), of(6));
        assert_eq!(r.tier_of(MentionId(1)), Some(Tier::Description));
        // a name whose last word is a title is no title alone
        let text = "Dr Lena Ward, Oona King and Rhys Major spoke.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Lena Ward", 0, EntityKind::Person, None),
            mention(text, "Oona King", 0, EntityKind::Person, None),
            mention(text, "Rhys Major", 0, EntityKind::Person, None),
        ];
        assert_eq!(ListResolver::new().resolve(&doc, &ms).entities.len(), 3);
        // two presidents: the title alone joins neither
        let text = "President Omar Haddad met President Ines Roy. The President left.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Omar Haddad", 0, EntityKind::Person, None),
            mention(text, "Ines Roy", 0, EntityKind::Person, None),
            mention(text, "President", 2, EntityKind::Person, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_ne!(r.entity_of(MentionId(2)), r.entity_of(MentionId(0)));
        assert_ne!(r.entity_of(MentionId(2)), r.entity_of(MentionId(1)));
    }

    #[test]
    fn resolve_surname_misspelt_once_joins_the_one_name_it_misspells() {
        let text = "Petra Lindqvist spoke. Ms Lindqvst agreed. Mark Jones left; Jonas stayed.";
        let doc = crate::segment::segment(text);
        let person = |s, nth| mention(text, s, nth, EntityKind::Person, None);
        let ms = [person("Petra Lindqvist", 0), person("Lindqvst", 0), person("Mark Jones", 0), person("Jonas", 0)];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entity_of(MentionId(1)), r.entity_of(MentionId(0)));
        assert_eq!(r.tier_of(MentionId(1)), Some(Tier::NamePart));
        // a known surname is a name of its own, not a misspelling
        assert_ne!(r.entity_of(MentionId(3)), r.entity_of(MentionId(2)));
    }

    #[test]
    fn resolve_acronym_of_a_multiword_name_in_the_same_article() {
        let text = "Officials at Kestrel Launch Center said the KLC would reopen.";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Kestrel Launch Center", 0, EntityKind::Organisation, None),
            mention(text, "KLC", 0, EntityKind::Organisation, None),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.tier_of(MentionId(1)), Some(Tier::Initials));
    }

    #[test]
    fn resolve_never_merges_across_types() {
        let text = "Jordan said Jordan";
        let doc = crate::segment::segment(text);
        let ms = [
            mention(text, "Jordan", 0, EntityKind::Person, None),
            mention(text, "Jordan", 1, EntityKind::Country, Some("country:JOR")),
        ];
        let r = ListResolver::new().resolve(&doc, &ms);
        assert_eq!(r.entities.len(), 2);
        assert_eq!(r.same_names, [(EntityId(0), EntityId(1))], "kept apart, and said so");
    }
}
