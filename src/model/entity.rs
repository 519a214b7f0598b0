//! Entities: what mentions resolve to.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{EntityKind, MentionId};

/// Index of an entity in an article's [`Resolution`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityId(pub u32);

/// One real-world entity as seen in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Its type.
    pub kind: EntityKind,
    /// The canonical key: equal keys mean the same entity across articles (`person:angela merkel`,
    /// `country:FRA`, `org:iaea`). Stable IRIs are made from it.
    pub key: String,
    /// The canonical name (`rdfs:label`).
    pub name: String,
    /// Every other surface form seen (`skos:altLabel`), sorted.
    pub aliases: BTreeSet<String>,
    /// Wikidata id (`Q142`) where known.
    pub wikidata: Option<String>,
    /// The country this entity is the capital of, as a country key (`country:FRA`).
    pub capital_of: Option<String>,
    /// A person's country, from a demonym before the name ("French President Emmanuel Macron"),
    /// as a country key. A typed link: the person is never merged into the country.
    pub nationality: Option<String>,
    /// The country an organisation belongs to, when its name starts with the country or its
    /// demonym ("Japan's Foreign Ministry", "the Japanese Foreign Ministry"), as a country key.
    pub part_of: Option<String>,
    /// An organisation's stock ticker, from "<XYZ>" or "(NYSE: XYZ)" right after one of its
    /// names ("BP" of "British Petroleum <BP>"). The ticker is no entity of its own.
    pub ticker: Option<String>,
    /// Its mentions, in text order.
    pub mentions: Vec<MentionId>,
}

/// How a mention came to refer to its entity: the resolver tier that joined it (the merge log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Tier {
    /// The entity's first mention in the article.
    First,
    /// The same surface form as an earlier mention.
    Exact,
    /// The same name after normalisation: case, "the", possessive, dots ("U.S." = "US"), an
    /// organisation's legal form ("Castlegate Holdings Inc." = "Castlegate Holdings").
    Normalised,
    /// A table entry of the same key: a country's alias or demonym, an organisation's alias.
    Gazetteer,
    /// An acronym defined in parentheses after its expansion, or used again after that; an
    /// organisation's ticker ("British Petroleum <BP>") defines one too.
    AcronymDefined,
    /// An acronym made of an earlier name's initials.
    Initials,
    /// A person's shorter full name joining the one longer name with the same first and last
    /// words ("Joshua Norton" → "Joshua Abraham Norton").
    NameVariant,
    /// A person's single name (surname, or given name) joining the one full name it fits.
    NamePart,
    /// A definite description ("the ministry", "the company", "the spokesman") joining the one
    /// entity named before it that it fits.
    Description,
    /// "he" or "she" joining the nearest person before it who is a sentence's subject, when no
    /// other person of that sex is named in between (off by default); and a pronoun that names a
    /// statement's subject or object ("…," she said), joined to the statement's entity.
    Pronoun,
}

impl Tier {
    /// Every tier, from the first resolver tier to the last.
    pub const ALL: [Tier; 10] = [
        Tier::First,
        Tier::Exact,
        Tier::Normalised,
        Tier::Gazetteer,
        Tier::AcronymDefined,
        Tier::Initials,
        Tier::NameVariant,
        Tier::NamePart,
        Tier::Description,
        Tier::Pronoun,
    ];

    /// Parses [`Tier::name`].
    ///
    /// ```
    /// use newsgraph::model::Tier;
    /// assert_eq!(Tier::from_name("acronym-defined"), Some(Tier::AcronymDefined));
    /// assert!(Tier::ALL.iter().all(|&t| Tier::from_name(t.name()) == Some(t)));
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Tier::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The tier's name in the merge log and the RDF (`ng:tier`).
    pub const fn name(self) -> &'static str {
        match self {
            Tier::First => "first",
            Tier::Exact => "exact",
            Tier::Normalised => "normalised",
            Tier::Gazetteer => "gazetteer",
            Tier::AcronymDefined => "acronym-defined",
            Tier::Initials => "initials",
            Tier::NameVariant => "name-variant",
            Tier::NamePart => "name-part",
            Tier::Description => "description",
            Tier::Pronoun => "pronoun",
        }
    }
}

/// The output of resolution: entities, and for each mention the entity it refers to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Resolution {
    /// Entities, ordered by first mention.
    pub entities: Vec<Entity>,
    /// For each mention (by index), its entity; `None` when it stayed unresolved
    /// (for example a bare surname shared by two people).
    pub mention_entity: Vec<Option<EntityId>>,
    /// For each resolved mention, the tier that joined it to its entity.
    pub mention_tier: Vec<Option<Tier>>,
    /// Definite descriptions ("the ministry") resolved to an entity: byte span and entity,
    /// sorted by span, each span once. They are mentions of the entity in the graph, with the
    /// tier [`Tier::Description`]. The pipeline adds the other words that name a statement's
    /// subject or object and are neither a mention nor a pronoun.
    pub descriptions: Vec<(super::Span, EntityId)>,
    /// "he" and "she" resolved to a person (tier 7, only when the resolver is asked to): byte
    /// span and entity, sorted by span, each span once. They are mentions of the entity in the
    /// graph, with the tier [`Tier::Pronoun`]. The pipeline adds the pronouns that name a
    /// statement's subject or object ("…," she said), whatever the option.
    pub pronouns: Vec<(super::Span, EntityId)>,
    /// Pairs of entities of different types that share a name ("Jordan" the country and
    /// "Michael Jordan"): the resolver kept them apart, and the merge log says so
    /// (`ng:sameNameAs`). Each pair once, the lower id first, sorted.
    pub same_names: Vec<(EntityId, EntityId)>,
}

impl Resolution {
    /// The entity of a mention, if resolved.
    pub fn entity_of(&self, mention: MentionId) -> Option<EntityId> {
        self.mention_entity.get(mention.0 as usize).copied().flatten()
    }

    /// The tier that joined a mention to its entity.
    pub fn tier_of(&self, mention: MentionId) -> Option<Tier> {
        self.mention_tier.get(mention.0 as usize).copied().flatten()
    }

    /// An entity by id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }
}
