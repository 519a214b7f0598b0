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
    /// Its mentions, in text order.
    pub mentions: Vec<MentionId>,
}

/// The output of resolution: entities, and for each mention the entity it refers to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Resolution {
    /// Entities, ordered by first mention.
    pub entities: Vec<Entity>,
    /// For each mention (by index), its entity; `None` when it stayed unresolved
    /// (for example a bare surname shared by two people).
    pub mention_entity: Vec<Option<EntityId>>,
}

impl Resolution {
    /// The entity of a mention, if resolved.
    pub fn entity_of(&self, mention: MentionId) -> Option<EntityId> {
        self.mention_entity.get(mention.0 as usize).copied().flatten()
    }

    /// An entity by id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }
}
