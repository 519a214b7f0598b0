//! Entity mentions: typed spans found by a recogniser.

use serde::Serialize;

use super::Span;

/// Index of a mention in an article's mention list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct MentionId(pub u32);

/// The closed set of entity types newsgraph produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: government body, company, party, agency, IGO.
    Organisation,
    /// A sovereign country or territory from the country table.
    Country,
    /// Any other location: city, region, landmark.
    Place,
}

impl EntityKind {
    /// All kinds, in display order.
    pub const ALL: [EntityKind; 4] =
        [EntityKind::Person, EntityKind::Organisation, EntityKind::Country, EntityKind::Place];

    /// Upper-case label used in tables and the CLI (`PERSON`, `ORGANIZATION`, `COUNTRY`, `PLACE`).
    ///
    /// ```
    /// use newsgraph::model::EntityKind;
    /// assert_eq!(EntityKind::Organisation.label(), "ORGANIZATION");
    /// ```
    pub const fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Organisation => "ORGANIZATION",
            EntityKind::Country => "COUNTRY",
            EntityKind::Place => "PLACE",
        }
    }

    /// Lower-case slug used in IRIs and keys.
    pub const fn slug(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organization",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
        }
    }

    /// Parses a label or slug, case-insensitively (`person`, `PER`, `ORG`, `LOC`, …).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "person" | "per" => Some(EntityKind::Person),
            "organization" | "organisation" | "org" => Some(EntityKind::Organisation),
            "country" | "gpe" => Some(EntityKind::Country),
            "place" | "location" | "loc" => Some(EntityKind::Place),
            _ => None,
        }
    }
}

/// How a mention names its entity: by name, or by a word derived from the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum MentionForm {
    /// A proper name or alias ("Angela Merkel", "Merkel", "IAEA", "U.S.").
    Name,
    /// A demonym or nationality adjective standing for a country ("Brazilian", "French").
    Demonym,
}

/// A typed span in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// The bytes of the mention; `&doc.text[span]` is its surface form.
    pub span: Span,
    /// Entity type.
    pub kind: EntityKind,
    /// Name or demonym.
    pub form: MentionForm,
    /// The recogniser's confidence in `[0, 1]`.
    pub score: f32,
    /// Name of the rule or model that produced it (for audits).
    pub rule: &'static str,
    /// A key from a gazetteer table when the mention matched one (`country:FRA`, `org:iaea`).
    pub gazetteer_key: Option<String>,
}
