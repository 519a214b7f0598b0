//! Statements: typed edges between entities, each with its evidence.

use serde::Serialize;

use super::{EntityId, Span};

/// The closed set of statement predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Predicate {
    /// Attributed speech: the subject said something (the quote or content).
    Said,
    /// The subject accused the object.
    Accused,
    /// The subject criticised or condemned the object.
    Criticised,
    /// The subject denied something (an accusation, a report).
    Denied,
    /// The subject rejected the object or its proposal.
    Rejected,
    /// The subject met or held talks with the object.
    Met,
    /// The subject visited the object (a country, a place, an organisation).
    Visited,
    /// The subject praised the object.
    Praised,
    /// The subject urged, appealed to or called on the object.
    Appealed,
    /// The subject threatened the object.
    Threatened,
    /// The subject warned the object.
    Warned,
    /// The subject cooperated with the object.
    Cooperated,
    /// The subject signed an agreement with the object.
    Signed,
    /// The subject supported or backed the object.
    Supported,
    /// The subject (a person) speaks for the object (an organisation or country).
    SpokespersonOf,
    /// The subject (a person) works for or is an official of the object.
    WorksFor,
    /// The subject (a person) leads the object.
    LeaderOf,
    /// The subject (an organisation) is based or has its headquarters in the object (a place
    /// or country).
    BasedIn,
    /// The subject (a place) is located in the object (a place or country).
    LocatedIn,
    /// The subject (a person) lives in the object (a place or country).
    LivesIn,
    /// The subject (a person) is a national of the object (a country).
    Nationality,
    /// The subject assisted, aided or helped the object (CAMEO 06x/07x: material cooperation,
    /// aid).
    Assisted,
}

impl Predicate {
    /// All predicates, in declaration order.
    pub const ALL: [Predicate; 22] = [
        Predicate::Said,
        Predicate::Accused,
        Predicate::Criticised,
        Predicate::Denied,
        Predicate::Rejected,
        Predicate::Met,
        Predicate::Visited,
        Predicate::Praised,
        Predicate::Appealed,
        Predicate::Threatened,
        Predicate::Warned,
        Predicate::Cooperated,
        Predicate::Signed,
        Predicate::Supported,
        Predicate::SpokespersonOf,
        Predicate::WorksFor,
        Predicate::LeaderOf,
        Predicate::BasedIn,
        Predicate::LocatedIn,
        Predicate::LivesIn,
        Predicate::Nationality,
        Predicate::Assisted,
    ];

    /// The name used in tables, data files and as the local name of the RDF property.
    ///
    /// ```
    /// use newsgraph::model::Predicate;
    /// assert_eq!(Predicate::SpokespersonOf.name(), "spokespersonOf");
    /// assert_eq!(Predicate::from_name("accused"), Some(Predicate::Accused));
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Predicate::Said => "said",
            Predicate::Accused => "accused",
            Predicate::Criticised => "criticised",
            Predicate::Denied => "denied",
            Predicate::Rejected => "rejected",
            Predicate::Met => "met",
            Predicate::Visited => "visited",
            Predicate::Praised => "praised",
            Predicate::Appealed => "appealed",
            Predicate::Threatened => "threatened",
            Predicate::Warned => "warned",
            Predicate::Cooperated => "cooperated",
            Predicate::Signed => "signed",
            Predicate::Supported => "supported",
            Predicate::SpokespersonOf => "spokespersonOf",
            Predicate::WorksFor => "worksFor",
            Predicate::LeaderOf => "leaderOf",
            Predicate::BasedIn => "basedIn",
            Predicate::LocatedIn => "locatedIn",
            Predicate::LivesIn => "livesIn",
            Predicate::Nationality => "nationality",
            Predicate::Assisted => "assisted",
        }
    }

    /// Parses [`Predicate::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Predicate::ALL.into_iter().find(|p| p.name() == name)
    }

    /// True for role relations (person → organisation), false for actions and speech.
    pub const fn is_role(self) -> bool {
        matches!(self, Predicate::SpokespersonOf | Predicate::WorksFor | Predicate::LeaderOf)
    }

    /// True for relations that hold between entities (roles, where an organisation is based,
    /// where a place is or a person lives, nationality), false for actions and speech.
    pub const fn is_relation(self) -> bool {
        self.is_role()
            || matches!(self, Predicate::BasedIn | Predicate::LocatedIn | Predicate::LivesIn | Predicate::Nationality)
    }

    /// True when `A p B` implies `B p A` (meetings, agreements, cooperation).
    pub const fn is_symmetric(self) -> bool {
        matches!(self, Predicate::Met | Predicate::Signed | Predicate::Cooperated)
    }
}

/// Whether a statement is asserted, negated ("did not accuse") or only possible in the text
/// ("would meet", "may sign").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Polarity {
    /// The text asserts it.
    Asserted,
    /// The text denies it ("did not", "never").
    Negated,
    /// The text gives it as planned, possible or conditional, not as done ("will meet",
    /// "could accuse", "might sign").
    Hypothetical,
}

impl Polarity {
    /// `asserted`, `negated` or `hypothetical`.
    pub const fn name(self) -> &'static str {
        match self {
            Polarity::Asserted => "asserted",
            Polarity::Negated => "negated",
            Polarity::Hypothetical => "hypothetical",
        }
    }
}

/// The rule that made a statement (`ng:rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum StatementRule {
    /// `"…," X said`.
    QuoteSpeakerVerb,
    /// `"…," said X`.
    QuoteVerbSpeaker,
    /// `"…," he said`.
    QuotePronoun,
    /// `"…," according to X`.
    QuoteAccordingTo,
    /// `X said: "…"`.
    SpeakerVerbQuote,
    /// `X accused Y`, `X said that …`.
    Clause,
    /// `Y was accused by X`.
    ClausePassive,
    /// `He accused Y`.
    ClausePronoun,
    /// `X said … and accused Y`.
    ClauseCoordinated,
    /// `X, a spokesman for Y`.
    RoleApposition,
    /// `Y spokesman X`.
    RolePrefix,
    /// The relation classifier (`newsgraph train relations`) over a pair of entities in a
    /// sentence.
    RelationModel,
    /// `M quoted X as saying …`, `X was quoted by M as saying …`: X speaks, M is the medium.
    QuotedAsSaying,
    /// `"…," X said. "…"`: a second quotation right after the sentence that attributes the
    /// first, in the same paragraph, is the same speaker's.
    QuoteContinued,
    /// `According to X, …` and `…, according to X.` without quotation marks: X's reported
    /// content (when the sentence holds no other statement; otherwise X is their medium).
    AccordingTo,
    /// `the accusation by X against Y`, `a visit by X to Y`: a noun cue with its agent after "by".
    NounBy,
    /// `X's criticism of Y`, `his visit to Y`, `Russian support for Y`: a noun cue with its
    /// agent before it.
    NounPossessive,
    /// `talks between X and Y`, `a meeting between X and Y`.
    NounBetween,
    /// `X held talks with Y`, `X provided aid to Y`: a noun cue after a light verb.
    NounLightVerb,
    /// The learned attribution model (`newsgraph train quotes`): a cue, its source and its
    /// content, found by tagging.
    AttributionModel,
}

impl StatementRule {
    /// Every rule, in declaration order.
    pub const ALL: [StatementRule; 20] = [
        StatementRule::QuoteSpeakerVerb,
        StatementRule::QuoteVerbSpeaker,
        StatementRule::QuotePronoun,
        StatementRule::QuoteAccordingTo,
        StatementRule::SpeakerVerbQuote,
        StatementRule::Clause,
        StatementRule::ClausePassive,
        StatementRule::ClausePronoun,
        StatementRule::ClauseCoordinated,
        StatementRule::RoleApposition,
        StatementRule::RolePrefix,
        StatementRule::RelationModel,
        StatementRule::QuotedAsSaying,
        StatementRule::QuoteContinued,
        StatementRule::AccordingTo,
        StatementRule::NounBy,
        StatementRule::NounPossessive,
        StatementRule::NounBetween,
        StatementRule::NounLightVerb,
        StatementRule::AttributionModel,
    ];

    /// Parses [`StatementRule::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        StatementRule::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The rule's name in tables and RDF.
    pub const fn name(self) -> &'static str {
        match self {
            StatementRule::QuoteSpeakerVerb => "quote-speaker-verb",
            StatementRule::QuoteVerbSpeaker => "quote-verb-speaker",
            StatementRule::QuotePronoun => "quote-pronoun",
            StatementRule::QuoteAccordingTo => "quote-according-to",
            StatementRule::SpeakerVerbQuote => "speaker-verb-quote",
            StatementRule::Clause => "clause",
            StatementRule::ClausePassive => "clause-passive",
            StatementRule::ClausePronoun => "clause-pronoun",
            StatementRule::ClauseCoordinated => "clause-coordinated",
            StatementRule::RoleApposition => "role-apposition",
            StatementRule::RolePrefix => "role-prefix",
            StatementRule::RelationModel => "relation-model",
            StatementRule::QuotedAsSaying => "quoted-as-saying",
            StatementRule::QuoteContinued => "quote-continued",
            StatementRule::AccordingTo => "according-to",
            StatementRule::NounBy => "noun-by",
            StatementRule::NounPossessive => "noun-possessive",
            StatementRule::NounBetween => "noun-between",
            StatementRule::NounLightVerb => "noun-light-verb",
            StatementRule::AttributionModel => "attribution-model",
        }
    }
}

impl Statement {
    /// The order statements are listed in: by evidence start, then cue, predicate and object.
    pub fn text_order(&self) -> (usize, usize, Predicate, Option<EntityId>) {
        (self.evidence.start, self.cue.start, self.predicate, self.object)
    }
}

/// One statement with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// Who acts or speaks.
    pub subject: EntityId,
    /// What kind of statement.
    pub predicate: Predicate,
    /// Whom it is about, when there is a direct object.
    pub object: Option<EntityId>,
    /// Entities named in the quoted or reported content.
    pub targets: Vec<EntityId>,
    /// The sentence the statement comes from (for a quote over several sentences, the
    /// attribution's sentence).
    pub sentence: Span,
    /// The bytes that carry the statement: from the first to the last of its parts.
    pub evidence: Span,
    /// The cue word (reporting verb, action verb, or role title).
    pub cue: Span,
    /// The quoted or reported content, if any.
    pub quote: Option<Span>,
    /// The CAMEO event code of the cue, where it has one (`112` for accuse).
    pub cameo: Option<String>,
    /// Asserted, negated or hypothetical.
    pub polarity: Polarity,
    /// The rule that produced it.
    pub rule: StatementRule,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// The news medium (or other source) that reports the statement, when the text names one
    /// ("Xinhua quoted Wang Yi as saying", "X said, according to IRNA"): not the speaker, and
    /// not a target.
    pub medium: Option<EntityId>,
    /// The words that name the subject for this statement: a name ("Kadri Saar"), a description
    /// ("the ministry") or a pronoun ("she"), as a byte span; in the RDF, the `ng:Mention` that
    /// `ng:subjectMention` points at. For a quote that goes on after its attribution ("…," Saar
    /// said. "…"), the words of that attribution. The span keeps its words when the statement
    /// passes to another entity (a capital that speaks is its country: "Moscow denied" has the
    /// subject Russia and the mention "Moscow"). `None` where the rule saw no such words.
    pub subject_mention: Option<Span>,
    /// The words that name the object, where the statement has one (`ng:objectMention`), as
    /// [`Statement::subject_mention`].
    pub object_mention: Option<Span>,
}
