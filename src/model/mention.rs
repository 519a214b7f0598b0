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
    /// A lower-case description of a state body bound to a country ("defence ministry" in
    /// "India's defence ministry", "army" in "the Indian army"): it names an organisation, but
    /// it is no proper name, so named-entity scoring leaves it out.
    Description,
}

/// The rule or model that found a mention (`ng:rule` names, audit tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum MentionRule {
    /// An exact name from the gazetteer (country, capital, organisation).
    Gazetteer,
    /// The upper-case place of a dateline ("TALLINN, March 3").
    Dateline,
    /// A name ending with an organisation head or legal form ("Foreign Ministry", "Ltd").
    OrgHead,
    /// A name ending with a place word ("Baltic Sea", "Kowloon East").
    PlaceHead,
    /// "New" and a name ("New York").
    PlaceNew,
    /// A name after a title ("President X", "Mr X").
    TitleName,
    /// A name starting with a known given name.
    GivenName,
    /// An upper-case word guessed to be an organisation's acronym.
    Acronym,
    /// An acronym defined in parentheses after its expansion.
    AcronymDefined,
    /// A name before a reporting verb or a titled apposition.
    PersonContext,
    /// A name ending with a known surname.
    Surname,
    /// A name after "in", "from", "near" …
    Locative,
    /// A part of a full name found earlier ("Merkel").
    NamePart,
    /// Given by the caller (gold spans, another recogniser).
    Given,
    /// The trained tagger (`recognize::TaggerRecognizer`).
    Tagger,
    /// The capitalised name right before a stock ticker ("Northwind Chemie <NWC>").
    Ticker,
    /// A lower-case state body bound to a country (`recognize::institutions`).
    Institution,
    /// A player's name in a sports team sheet ("Replacements: Mills for Ward").
    LineUp,
}

impl MentionRule {
    /// The rule's name in tables and RDF.
    pub const fn name(self) -> &'static str {
        match self {
            MentionRule::Gazetteer => "gazetteer",
            MentionRule::Dateline => "dateline",
            MentionRule::OrgHead => "org-head",
            MentionRule::PlaceHead => "place-head",
            MentionRule::PlaceNew => "place-new",
            MentionRule::TitleName => "title+name",
            MentionRule::GivenName => "given-name",
            MentionRule::Acronym => "acronym",
            MentionRule::AcronymDefined => "acronym-defined",
            MentionRule::PersonContext => "person-context",
            MentionRule::Surname => "surname",
            MentionRule::Locative => "locative",
            MentionRule::NamePart => "name-part",
            MentionRule::Given => "given",
            MentionRule::Tagger => "tagger",
            MentionRule::Ticker => "ticker",
            MentionRule::Institution => "institution",
            MentionRule::LineUp => "line-up",
        }
    }
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
    /// The rule or model that produced it (for audits).
    pub rule: MentionRule,
    /// A key from a gazetteer table when the mention matched one (`country:FRA`, `org:iaea`).
    pub gazetteer_key: Option<String>,
}
