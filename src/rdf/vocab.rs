//! Every IRI newsgraph writes. No IRI literal appears anywhere else.

/// The default base for data IRIs (`--base-iri`).
pub const DEFAULT_BASE_IRI: &str = "https://newsgraph.example.org/id/";

// Each namespace is written once, as a macro, so that the constants below can be built with
// `concat!` at compile time.
macro_rules! ns {
    (NG) => {
        "https://newsgraph.example.org/ns#"
    };
    (SCHEMA) => {
        "http://schema.org/"
    };
    (RDF) => {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    };
    (RDFS) => {
        "http://www.w3.org/2000/01/rdf-schema#"
    };
    (SKOS) => {
        "http://www.w3.org/2004/02/skos/core#"
    };
    (OWL) => {
        "http://www.w3.org/2002/07/owl#"
    };
    (PROV) => {
        "http://www.w3.org/ns/prov#"
    };
    (NIF) => {
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    };
    (XSD) => {
        "http://www.w3.org/2001/XMLSchema#"
    };
    (WD) => {
        "http://www.wikidata.org/entity/"
    };
    (DCT) => {
        "http://purl.org/dc/terms/"
    };
    (SD) => {
        "http://www.w3.org/ns/sparql-service-description#"
    };
    (FORMATS) => {
        "http://www.w3.org/ns/formats/"
    };
}

/// The newsgraph vocabulary namespace (`ng:`).
pub const NG: &str = ns!(NG);
/// schema.org.
pub const SCHEMA: &str = ns!(SCHEMA);
/// RDF.
pub const RDF: &str = ns!(RDF);
/// RDFS.
pub const RDFS: &str = ns!(RDFS);
/// SKOS.
pub const SKOS: &str = ns!(SKOS);
/// OWL.
pub const OWL: &str = ns!(OWL);
/// PROV-O.
pub const PROV: &str = ns!(PROV);
/// NIF 2.0 core (offsets of mentions and evidence).
pub const NIF: &str = ns!(NIF);
/// XML Schema datatypes.
pub const XSD: &str = ns!(XSD);
/// Wikidata entities.
pub const WD: &str = ns!(WD);
/// Dublin Core terms.
pub const DCT: &str = ns!(DCT);
/// SPARQL 1.1 Service Description (`newsgraph serve` describes its endpoint with it).
pub const SD: &str = ns!(SD);
/// W3C's unique URIs for file formats (the result formats of a service description).
pub const FORMATS: &str = ns!(FORMATS);

/// Prefixes written into Turtle and TriG output, and known to `query`.
pub const PREFIXES: [(&str, &str); 11] = [
    ("ng", NG),
    ("schema", SCHEMA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("owl", OWL),
    ("prov", PROV),
    ("nif", NIF),
    ("xsd", XSD),
    ("wd", WD),
    ("dct", DCT),
];

macro_rules! iri {
    ($name:ident, $ns:ident, $local:literal, $doc:literal) => {
        #[doc = $doc]
        pub const $name: &str = concat!(ns!($ns), $local);
    };
}

iri!(RDF_TYPE, RDF, "type", "rdf:type");
iri!(RDF_SUBJECT, RDF, "subject", "rdf:subject");
iri!(RDF_PREDICATE, RDF, "predicate", "rdf:predicate");
iri!(RDF_OBJECT, RDF, "object", "rdf:object");
iri!(RDFS_LABEL, RDFS, "label", "rdfs:label");
iri!(SKOS_ALT_LABEL, SKOS, "altLabel", "skos:altLabel");
iri!(OWL_SAME_AS, OWL, "sameAs", "owl:sameAs");
iri!(PROV_WAS_DERIVED_FROM, PROV, "wasDerivedFrom", "prov:wasDerivedFrom");
iri!(PROV_ENTITY, PROV, "Entity", "prov:Entity");

iri!(SD_SERVICE, SD, "Service", "sd:Service");
iri!(SD_ENDPOINT, SD, "endpoint", "sd:endpoint");
iri!(SD_SUPPORTED_LANGUAGE, SD, "supportedLanguage", "sd:supportedLanguage");
iri!(SD_SPARQL11_QUERY, SD, "SPARQL11Query", "sd:SPARQL11Query");
iri!(SD_SPARQL11_UPDATE, SD, "SPARQL11Update", "sd:SPARQL11Update");
iri!(SD_RESULT_FORMAT, SD, "resultFormat", "sd:resultFormat");
iri!(SD_FEATURE, SD, "feature", "sd:feature");
iri!(SD_UNION_DEFAULT_GRAPH, SD, "UnionDefaultGraph", "sd:UnionDefaultGraph");
iri!(FORMATS_SPARQL_RESULTS_JSON, FORMATS, "SPARQL_Results_JSON", "SPARQL results in JSON");
iri!(FORMATS_SPARQL_RESULTS_XML, FORMATS, "SPARQL_Results_XML", "SPARQL results in XML");
iri!(FORMATS_SPARQL_RESULTS_CSV, FORMATS, "SPARQL_Results_CSV", "SPARQL results in CSV");
iri!(FORMATS_SPARQL_RESULTS_TSV, FORMATS, "SPARQL_Results_TSV", "SPARQL results in TSV");
iri!(FORMATS_TURTLE, FORMATS, "Turtle", "Turtle");
iri!(FORMATS_N_TRIPLES, FORMATS, "N-Triples", "N-Triples");
iri!(FORMATS_N_QUADS, FORMATS, "N-Quads", "N-Quads");
iri!(FORMATS_TRIG, FORMATS, "TriG", "TriG");
iri!(FORMATS_RDF_XML, FORMATS, "RDF_XML", "RDF/XML");
iri!(FORMATS_JSON_LD, FORMATS, "JSON-LD", "JSON-LD");

iri!(SCHEMA_PERSON, SCHEMA, "Person", "schema:Person");
iri!(SCHEMA_ORGANIZATION, SCHEMA, "Organization", "schema:Organization");
iri!(SCHEMA_COUNTRY, SCHEMA, "Country", "schema:Country");
iri!(SCHEMA_PLACE, SCHEMA, "Place", "schema:Place");
iri!(SCHEMA_NEWS_ARTICLE, SCHEMA, "NewsArticle", "schema:NewsArticle");
iri!(SCHEMA_HEADLINE, SCHEMA, "headline", "schema:headline");
iri!(SCHEMA_DATE_PUBLISHED, SCHEMA, "datePublished", "schema:datePublished");
iri!(SCHEMA_URL, SCHEMA, "url", "schema:url");
iri!(SCHEMA_MENTIONS, SCHEMA, "mentions", "schema:mentions");
iri!(SCHEMA_IDENTIFIER, SCHEMA, "identifier", "schema:identifier");
iri!(SCHEMA_PUBLISHER, SCHEMA, "publisher", "schema:publisher");
iri!(
    SCHEMA_AUTHOR,
    SCHEMA,
    "author",
    "schema:author — from an article to the person entity of each of its authors (the byline of a web page)."
);
iri!(SCHEMA_WORKS_FOR, SCHEMA, "worksFor", "schema:worksFor");
iri!(SCHEMA_CONTAINED_IN_PLACE, SCHEMA, "containedInPlace", "schema:containedInPlace");

iri!(NG_STATEMENT, NG, "Statement", "ng:Statement — a statement node (like a Wikidata statement).");
iri!(NG_MENTION, NG, "Mention", "ng:Mention — one mention of an entity in an article.");
iri!(NG_KEY, NG, "key", "ng:key — the canonical key the entity IRI is made from.");
iri!(NG_QUOTE, NG, "quote", "ng:quote — the quoted or reported content.");
iri!(NG_QUOTE_BEGIN, NG, "quoteBeginIndex", "ng:quoteBeginIndex — start of the quote (code points).");
iri!(NG_QUOTE_END, NG, "quoteEndIndex", "ng:quoteEndIndex — end of the quote (code points).");
iri!(NG_EVIDENCE, NG, "evidence", "ng:evidence — the sentence the statement comes from.");
iri!(NG_CUE, NG, "cue", "ng:cue — the cue word (verb or title).");
iri!(NG_CAMEO, NG, "cameo", "ng:cameo — the CAMEO event code of the cue.");
iri!(NG_CONFIDENCE, NG, "confidence", "ng:confidence — confidence in [0, 1].");
iri!(NG_RULE, NG, "rule", "ng:rule — the extractor rule that made the statement.");
iri!(NG_POLARITY, NG, "polarity", "ng:polarity — \"asserted\", \"negated\" or \"hypothetical\".");
iri!(NG_TARGET, NG, "target", "ng:target — an entity named in the content.");
iri!(
    NG_SUBJECT_MENTION,
    NG,
    "subjectMention",
    "ng:subjectMention — from a statement to the `ng:Mention` of the words that name its subject there: a name, a description (\"the ministry\") or a pronoun (\"she\")."
);
iri!(
    NG_OBJECT_MENTION,
    NG,
    "objectMention",
    "ng:objectMention — from a statement to the `ng:Mention` of the words that name its object there."
);
iri!(
    NG_MEDIUM,
    NG,
    "medium",
    "ng:medium — the news medium (agency, newspaper, broadcaster) or other source that reports a statement: \"Xinhua quoted Wang Yi as saying …\" and \"Wang Yi said …, according to Xinhua\" have Wang Yi as their subject and Xinhua as their medium."
);
iri!(
    NG_STATED_ABOUT,
    NG,
    "statedAbout",
    "ng:statedAbout — direct edge from a speaker to an entity named in what they said."
);
iri!(NG_REFERS_TO, NG, "refersTo", "ng:refersTo — the entity a mention refers to.");
iri!(
    NG_TIER,
    NG,
    "tier",
    "ng:tier — merge log: the resolver tier that joined a mention to its entity (`first`, `exact`, `normalised`, `gazetteer`, `acronym-defined`, `initials`, `name-variant`, `name-part`, `description`, `pronoun`)."
);
iri!(NG_MERGE_LOG, NG, "MergeLog", "ng:MergeLog — the named graph holding an article's merge log.");
iri!(
    NG_CONTENT_HASH,
    NG,
    "contentHash",
    "ng:contentHash — a hash of an article's text, metadata and the pipeline that built its graph: `build` skips an article whose hash is unchanged."
);
iri!(
    NG_SAME_NAME_AS,
    NG,
    "sameNameAs",
    "ng:sameNameAs — merge log: two entities of different types share a name in the article and were kept apart (\"Jordan\" and \"Michael Jordan\")."
);
iri!(NG_CAPITAL_OF, NG, "capitalOf", "ng:capitalOf — a capital city's country.");
iri!(
    NG_GOVERNMENT_OF,
    NG,
    "governmentOf",
    "ng:governmentOf — a capital's mention that stands for its country's government (\"Tokyo said\"): from the mention to the country."
);
iri!(
    NG_NATIONALITY,
    NG,
    "nationality",
    "ng:nationality — a person's country, from a demonym before the name (\"French President Emmanuel Macron\")."
);
iri!(
    NG_PART_OF,
    NG,
    "partOf",
    "ng:partOf — the country an organisation belongs to (\"Japan's Foreign Ministry\", \"the Japanese Foreign Ministry\")."
);
iri!(
    NG_TICKER,
    NG,
    "ticker",
    "ng:ticker — an organisation's stock ticker, from \"<XYZ>\" or \"(NYSE: XYZ)\" right after its name (a literal, \"BP\")."
);
iri!(
    NG_CORPUS,
    NG,
    "Corpus",
    "ng:Corpus — the corpus graph (`{base}corpus`): one description per entity and one aggregate edge per (subject, predicate, object), derived from every article."
);
iri!(
    NG_ARTICLE_LABEL,
    NG,
    "articleLabel",
    "ng:articleLabel — merge log: the name the article gives an entity (the corpus graph's `rdfs:label` is chosen from them)."
);
iri!(
    NG_ARTICLE_ALIAS,
    NG,
    "articleAlias",
    "ng:articleAlias — merge log: another name of an entity in the article (the corpus graph's `skos:altLabel` are made from them)."
);
iri!(
    NG_ARTICLE_SAME_AS,
    NG,
    "articleSameAs",
    "ng:articleSameAs — merge log: an entity's Wikidata item as the article states it (the corpus graph's `owl:sameAs` is the most frequent)."
);
iri!(
    NG_ARTICLE_CAPITAL_OF,
    NG,
    "articleCapitalOf",
    "ng:articleCapitalOf — merge log: a capital's country as the article states it (the corpus graph's `ng:capitalOf` is the most frequent)."
);
iri!(
    NG_ARTICLE_NATIONALITY,
    NG,
    "articleNationality",
    "ng:articleNationality — merge log: a person's country as the article states it (the corpus graph's `ng:nationality` is the most frequent)."
);
iri!(
    NG_ARTICLE_PART_OF,
    NG,
    "articlePartOf",
    "ng:articlePartOf — merge log: an organisation's country as the article states it (the corpus graph's `ng:partOf` is the most frequent)."
);
iri!(
    NG_ARTICLE_TICKER,
    NG,
    "articleTicker",
    "ng:articleTicker — merge log: an organisation's stock ticker as the article states it (the corpus graph's `ng:ticker` is the most frequent)."
);
iri!(
    NG_OUT_OF_DATE,
    NG,
    "outOfDate",
    "ng:outOfDate — corpus graph: `true` while a build is changing articles; a build that finds it (an earlier build was stopped) computes the corpus graph again from scratch."
);
iri!(NG_MENTION_COUNT, NG, "mentionCount", "ng:mentionCount — corpus graph: an entity's mentions over all articles.");
iri!(NG_ARTICLE_COUNT, NG, "articleCount", "ng:articleCount — corpus graph: the articles that mention an entity.");
iri!(
    NG_FIRST_DATE,
    NG,
    "firstDate",
    "ng:firstDate — corpus graph: the date of the first dated article that mentions an entity or states an edge."
);
iri!(
    NG_LAST_DATE,
    NG,
    "lastDate",
    "ng:lastDate — corpus graph: the date of the last dated article that mentions an entity or states an edge."
);
iri!(NG_EDGE, NG, "Edge", "ng:Edge — corpus graph: the asserted statements of one (subject, predicate, object).");
iri!(NG_FROM, NG, "from", "ng:from — corpus graph: an edge's subject entity.");
iri!(NG_EDGE_PREDICATE, NG, "predicate", "ng:predicate — corpus graph: an edge's direct property (`ng:accused`, …).");
iri!(NG_TO, NG, "to", "ng:to — corpus graph: an edge's object entity (or an entity named in what was said).");
iri!(NG_STATEMENT_COUNT, NG, "statementCount", "ng:statementCount — corpus graph: the statements of an edge.");
iri!(NG_HAS_STATEMENT, NG, "statement", "ng:statement — corpus graph: from an edge to one of its statement nodes.");
iri!(NG_ARTICLE, NG, "article", "ng:article — the article a statement or mention is in.");
iri!(NG_DATE, NG, "date", "ng:date — the statement's article date (for timelines).");
iri!(
    NG_ANALYTICS,
    NG,
    "Analytics",
    "ng:Analytics — the named graph of graph analytics (`{base}analytics`), rebuilt on demand by `newsgraph stats --rank --store-analytics`."
);
iri!(
    NG_PAGE_RANK,
    NG,
    "pageRank",
    "ng:pageRank — analytics: an entity's PageRank over the statement edges (damping 0.85; all ranks add up to 1)."
);
iri!(
    NG_DEGREE,
    NG,
    "degree",
    "ng:degree — analytics: the number of distinct entities linked to an entity by a statement."
);
iri!(
    NG_WEIGHTED_DEGREE,
    NG,
    "weightedDegree",
    "ng:weightedDegree — analytics: the number of statement edges that start or end at an entity."
);
iri!(NG_COMPONENT, NG, "component", "ng:component — analytics: an entity's connected component (0 is the largest).");
iri!(
    NG_COMMUNITY,
    NG,
    "community",
    "ng:community — analytics: an entity's community by the Louvain method (0 is the largest)."
);
iri!(NIF_BEGIN_INDEX, NIF, "beginIndex", "nif:beginIndex (code points).");
iri!(NIF_END_INDEX, NIF, "endIndex", "nif:endIndex (code points).");
iri!(NIF_ANCHOR_OF, NIF, "anchorOf", "nif:anchorOf — the surface text.");
iri!(XSD_DATE, XSD, "date", "xsd:date");
iri!(XSD_DOUBLE, XSD, "double", "xsd:double");

/// The property of a predicate's direct triple. Roles with a schema.org equivalent use it.
pub fn predicate_iri(predicate: crate::model::Predicate) -> String {
    match predicate {
        crate::model::Predicate::WorksFor => SCHEMA_WORKS_FOR.to_owned(),
        p => format!("{NG}{}", p.name()),
    }
}

/// The schema.org class of an entity kind.
pub const fn class_of(kind: crate::model::EntityKind) -> &'static str {
    match kind {
        crate::model::EntityKind::Person => SCHEMA_PERSON,
        crate::model::EntityKind::Organisation => SCHEMA_ORGANIZATION,
        crate::model::EntityKind::Country => SCHEMA_COUNTRY,
        crate::model::EntityKind::Place => SCHEMA_PLACE,
    }
}

iri!(PROV_ACTIVITY, PROV, "Activity", "prov:Activity");
iri!(PROV_STARTED_AT_TIME, PROV, "startedAtTime", "prov:startedAtTime");
iri!(PROV_ENDED_AT_TIME, PROV, "endedAtTime", "prov:endedAtTime");
iri!(PROV_USED, PROV, "used", "prov:used — build manifest: an input path, as given on the command line.");
iri!(XSD_DATE_TIME, XSD, "dateTime", "xsd:dateTime");
iri!(
    NG_BUILD,
    NG,
    "Build",
    "ng:Build — one run of `newsgraph build`, in the builds graph (`{base}builds`): its manifest."
);
iri!(NG_TOOL, NG, "tool", "ng:tool — build manifest: the tool and its version (\"newsgraph 0.1.0\").");
iri!(
    NG_PIPELINE,
    NG,
    "pipeline",
    "ng:pipeline — build manifest: the pipeline's signature (version, options, model and table hashes), as in every article's content hash."
);
iri!(
    NG_MODEL_HASH,
    NG,
    "modelHash",
    "ng:modelHash — build manifest: \"name fnv64:hex\" of a model or table set the build used."
);
iri!(NG_JOBS, NG, "jobs", "ng:jobs — build manifest: worker threads.");
iri!(NG_ARTICLES, NG, "articles", "ng:articles — build manifest: articles stored.");
iri!(NG_FAILED, NG, "failed", "ng:failed — build manifest: input records refused.");
iri!(NG_SKIPPED, NG, "skipped", "ng:skipped — build manifest: articles unchanged since the last build, skipped.");
iri!(
    NG_LAYOUT_SKIPPED,
    NG,
    "layoutSkipped",
    "ng:layoutSkipped — build manifest: layout spans skipped (site chrome, table and promotion lines, tickers)."
);
iri!(NG_STATEMENTS, NG, "statements", "ng:statements — build manifest: statements extracted.");
iri!(NG_WORDS, NG, "words", "ng:words — build manifest: tokens processed.");
iri!(NG_QUADS_WRITTEN, NG, "quadsWritten", "ng:quadsWritten — build manifest: quads written.");
iri!(NG_SECONDS, NG, "seconds", "ng:seconds — build manifest: wall-clock seconds of the whole build.");
iri!(
    NG_STORE_SECONDS,
    NG,
    "storeSeconds",
    "ng:storeSeconds — build manifest: seconds spent writing to the store (the rest is reading and extraction)."
);
