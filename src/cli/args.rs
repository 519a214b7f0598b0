//! Command-line arguments (clap derive). No library type derives clap traits.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand};

/// Turns news articles into a knowledge graph: people, organisations and countries, who said
/// what about whom, stored as RDF in an embedded Oxigraph store and queried with SPARQL.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, propagate_version = true)]
pub struct Args {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The store folder, shared by every command.
#[derive(Debug, Clone, ClapArgs)]
pub struct StoreArg {
    /// The Oxigraph store folder (RocksDB). Created by `build` if missing.
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = "newsgraph-store", value_name = "DIR")]
    pub store: PathBuf,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, extract entities and statements, and store them (one named graph per article).
    #[command(
        after_help = "Examples:\n  newsgraph build data/examples\n  newsgraph build feed.jsonl --store /data/kg --date 2024-05-01\n  cat feed.jsonl | newsgraph build -\n\nInput: a .txt file is one article (its first non-empty line is the headline); a .jsonl file has one article per line with `id` and `text` (and optional `title`, `date`, `url`, `source`); folders are read recursively; `-` reads JSONL from standard input. Building an article again replaces its graph; an article stored before with the same text, metadata and pipeline is skipped (--force builds it again). A fresh store is filled with Oxigraph's bulk loader, committed at the end; a store that holds articles gets one transaction per article.\n\nExit codes: 0 all stored, 1 some inputs failed (each is reported as path:line: reason), 2 usage, 3 fatal."
    )]
    Build(BuildArgs),
    /// Read articles and write their graphs to standard output, with no store: a pure filter
    /// for GNU parallel, Hadoop Streaming or Spark's `RDD.pipe`.
    #[command(
        after_help = "Examples:\n  newsgraph extract data/examples > examples.nq\n  cat feed.jsonl | newsgraph extract - --format jsonl\n  parallel --pipe -N1000 newsgraph extract - ::: < feed.jsonl > feed.nq\n\nN-Quads output is what `build` stores, quad for quad: one named graph per article and one per merge log. Entity IRIs come from canonical keys, so shards extracted apart and loaded together (`newsgraph load`) equal one build. Input errors go to standard error as path:line: reason; exit codes as for build."
    )]
    Extract(ExtractArgs),
    /// Read articles (web pages, WARC archives, text, JSONL) and write them as newsgraph reads
    /// them: one JSON object per line with id, url, title, date, author, publisher and text.
    #[command(
        after_help = "Examples:\n  newsgraph ingest saved-pages/ > articles.jsonl\n  newsgraph ingest crawl.warc.gz --format jsonl | head -1 | jq .\n\nAn .html/.htm page (or .html.gz) is one article: its main text (a blank line between paragraphs) is found by dom_smoothie, a port of Mozilla's Readability; its headline, date, author, publisher and URL come from JSON-LD (NewsArticle and other article types), then Open Graph and <meta> tags, then <link rel=canonical>, then <title>. A .warc/.warc.gz file gives one article per response record with an HTML body, its id from the target URI (https://news.example/a/b.html -> news.example/a/b, the path a mirroring crawler saves it under); other records are skipped and counted on standard error. A bad page (binary, another language, no main text) or a corrupt WARC record (with its byte offset) is reported as path: reason and the rest is read. The output is what `build` and `extract` read from the same paths, and is itself their JSONL input.\n\nExit codes: 0 all read, 1 some inputs failed, 2 usage."
    )]
    Ingest(IngestArgs),
    /// Bulk-load N-Quads or TriG files (from `newsgraph extract`) into the store.
    #[command(
        after_help = "Examples:\n  newsgraph extract shard-*.jsonl > all.nq && newsgraph load all.nq --store kg\n  newsgraph load graph-nq/ --store kg      # the part files of a Spark job (scripts/spark/extract_job.py)\n\nUses Oxigraph's bulk loader. Quads are added: an article graph already in the store is not replaced (use `build` to replace articles). After the load the corpus graph ({base}corpus: one description per entity, one aggregate edge per subject, predicate and object) is computed again from all the store's articles."
    )]
    Load(LoadArgs),
    /// Compute the corpus graph ({base}corpus) again from scratch, from the store's article
    /// graphs and merge logs.
    #[command(
        after_help = "Example:\n  newsgraph corpus --store kg\n\n`build` and `load` keep the corpus graph up to date by themselves: this command is for a store changed by other means (SPARQL updates, a Graph Store PUT), and it gives the graph a build would."
    )]
    Corpus(CorpusArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over all article graphs.
    #[command(
        after_help = "Examples:\n  newsgraph query 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name'\n  newsgraph query --file queries/who_accused_or_criticised_whom.rq --format csv\n  newsgraph query 'CONSTRUCT { ?s ?p ?o } WHERE { ?s a ng:Statement ; ?p ?o }' --format turtle\n\nThe default graph is the union of all article graphs; GRAPH ?g { } reaches one article. Prefixes ng:, schema:, rdf:, rdfs:, skos:, owl:, prov:, nif:, xsd:, wd:, dct: are predeclared."
    )]
    Query(QueryArgs),
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql and a query page at /.
    #[command(
        after_help = "Examples:\n  newsgraph serve --store kg\n  curl -H 'Accept: text/csv' \\\n    --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\\n    http://127.0.0.1:7878/sparql\n  newsgraph serve --allow-update --token-file token.txt\n  curl -H \"Authorization: Bearer $(cat token.txt)\" \\\n    -H 'Content-Type: application/sparql-update' \\\n    --data 'INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> \"c\" } }' \\\n    http://127.0.0.1:7878/update\n\n/sparql takes GET ?query=, POST application/sparql-query and POST forms, with default-graph-uri and named-graph-uri; without them the default graph is the union of all graphs and the prefixes of `newsgraph query` are predeclared, so answers equal `newsgraph query`'s. Results follow Accept: SPARQL JSON (the default), XML, CSV, TSV; Turtle (the default), N-Triples, RDF/XML, JSON-LD, N-Quads, TriG. GET /sparql without a query gives the service description. Errors: 400 with the parser's message, 406, 413 (--max-body), 503 when --timeout stopped the query. Every answer has Access-Control-Allow-Origin: * (YASGUI).\n\nThe server opens the store for writing and holds it: a `build` or `load` on the same store fails with \"store is busy\" until the server stops. Updates at /update, and Graph Store PUTs at /store?graph=IRI (whose triples replace the graph: `newsgraph push --graph-store http://127.0.0.1:7878/store`), need --allow-update and the bearer token of --token-file (401 without, 403 with a wrong one)."
    )]
    Serve(ServeArgs),
    /// Send the store's graphs to a remote SPARQL store (Virtuoso, Fuseki, GraphDB, …): one
    /// request per named graph, so that pushing again replaces each graph.
    #[command(
        after_help = "Examples:\n  newsgraph push --graph-store http://localhost:3030/news/data --auth admin:pw\n  newsgraph push --graph-store http://localhost:8890/sparql-graph-crud --resume\n  newsgraph push --method update --endpoint http://localhost:7878/update --token-file token.txt\n  newsgraph push --graph-store http://localhost:7200/repositories/news/rdf-graphs/service --graph https://newsgraph.example.org/id/article/korea\n\n--method gsp (the default) sends each graph with the SPARQL 1.1 Graph Store HTTP Protocol, PUT --graph-store URL?graph=IRI, its triples as Turtle (--format ntriples for N-Triples). --method update posts DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } } to --endpoint, for servers without a Graph Store endpoint. Graph Store URLs: Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service, Virtuoso http://HOST:8890/sparql-graph-crud (or -auth, which wants digest authentication, which push does not do).\n\nWithout --graph, every named graph is sent (articles, merge logs, analytics) but the builds graph, as `export` writes the store; name a graph with --graph to send it, the builds graph too. Server errors (5xx, 408, 429) and connection failures are tried 3 times, 1 s and 2 s apart; any other error status fails that graph (the message names it, with the status and the server's answer) and the push goes on; 401, 403, 404, 405, a redirect (3xx) and an unreachable server stop it. After each --batch the state file (--state, by default push-state.json in the store folder) records the graphs sent to this URL with the hash of their content: --resume skips those sent before and unchanged.\n\nExit codes: 0 all sent, 1 some graphs failed, 2 usage, 3 fatal (unreachable, refused credentials)."
    )]
    Push(PushArgs),
    /// Write the store as RDF (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) or as a graph
    /// for graph tools (GraphML, GEXF, DOT, Cytoscape.js JSON, Neo4j CSV, an HTML view).
    #[command(
        after_help = "Examples:\n  newsgraph export --format trig -o graph.trig\n  newsgraph export --format turtle --graph https://newsgraph.example.org/id/article/korea\n  newsgraph export -o graph.graphml\n  newsgraph export --format gexf --aggregate -o graph.gexf\n  newsgraph export --format dot --around Estonia --depth 2 | dot -Tsvg > estonia.svg\n  newsgraph export --format cytoscape --top 50 --types person,organization -o people.cyjs\n  newsgraph export --format csv -o neo4j/\n  newsgraph export --format html --top 150 -o graph.html\n\nTurtle, N-Triples and RDF/XML have no named graphs: they get the union of the article graphs.\n\nGraph formats have one node per entity (IRI, label, type, Wikidata id, mentions, aliases, degree, PageRank, component, community) and one edge per statement from its subject to its object and to each entity named in its content (predicate, role, CAMEO code, weight, dates, a quote, articles, statement IRIs). Degree, PageRank and communities are those of the whole graph. Selection runs in this order: --predicates, --since and --until keep statements (and the entities they link, or that articles of those dates mention); --types and --min-mentions keep entities; --around keeps the ego network; --top keeps the highest PageRank. An edge is kept when both its ends are.\n\nThe html page needs no network: cytoscape.js is inline. It draws the graph (colour by type, size by PageRank) with a search box, filters by type and predicate, and a node's statements with quotes and articles on a click."
    )]
    Export(ExportArgs),
    /// Show counts: entities by type, top entities by mentions, statements by predicate; with
    /// `--rank`, the top entities by PageRank with their degree, component and community.
    #[command(
        after_help = "Examples:\n  newsgraph stats --top 20\n  newsgraph stats --rank\n  newsgraph stats --rank --store-analytics\n\nWith --rank the graph of statements between entities is read from the store: degree is the number of distinct entities an entity is linked to, weighted degree the number of statement edges at it, PageRank follows the edges from subject to object and targets (damping 0.85), components and communities (Louvain) are numbered from the largest. --store-analytics also writes these figures into the named graph {base}analytics (replacing it), so that SPARQL can sort by ng:pageRank."
    )]
    Stats(StatsArgs),
    /// List entities with their aliases, mention counts and Wikidata ids; `--explain` shows how
    /// one entity's names were merged.
    #[command(
        after_help = "Examples:\n  newsgraph entities --type person\n  newsgraph entities --explain Saar\n  newsgraph entities --explain IAEA --format tsv\n\n--explain lists every mention of the entities named (label or alias, any case): its surface form, the resolver tier that joined it (first, exact, normalised, gazetteer, acronym-defined, initials, name-variant, name-part, description), the article and the offsets in code points. The same merge log is in the store, one named graph per article (?g a ng:MergeLog), for SPARQL."
    )]
    Entities(EntitiesArgs),
    /// Measure a component against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model from annotated data.
    #[command(subcommand)]
    Train(TrainCommand),
}

/// Which recogniser finds entity mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecognizerChoice {
    /// The trained tagger (data/models/ner.bin, or --model).
    Tagger,
    /// The rule and gazetteer recogniser only.
    Rules,
}

/// Recogniser selection, shared by `build` and `eval ner`.
#[derive(Debug, Clone, ClapArgs)]
pub struct RecognizerArgs {
    /// The recogniser.
    #[arg(long, value_enum, default_value_t = RecognizerChoice::Tagger)]
    pub recognizer: RecognizerChoice,
    /// A tagger model file instead of the built-in one (`newsgraph train ner` writes one).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// `eval` subcommands.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score the recogniser: exact span and type, micro P/R/F1 per type, as score_ner.py does.
    #[command(
        after_help = "Examples:\n  newsgraph eval ner --gold ../shared/datasets/conll2003/dev.jsonl\n  newsgraph eval ner --gold dev.jsonl --errors 20 --predictions pred.jsonl\n  newsgraph eval ner --gold dev.jsonl --recognizer rules\n\nGold: JSONL with id, text and entities [{start, end, type}] in Unicode code points, end exclusive. Gold GPE counts as LOC; a predicted country or place is LOC; a demonym (\"French\") is NORP, which is not scored. Words per second count whitespace-separated words over segmentation and recognition, not loading or scoring."
    )]
    Ner(EvalNerArgs),
    /// Score entity resolution: the resolver on gold named mentions against gold coreference chains.
    #[command(
        after_help = "Example:\n  newsgraph eval coref --gold ../shared/datasets/gum_news/dev.jsonl\n\nGold: JSONL whose entities carry a `chain` id (GUM). Named mentions of type PER, ORG, LOC or GPE are given to the resolver with their gold type (a location the country table knows becomes a country); noun-phrase spans are cut to the proper name around their head. Reports pairwise and B3 precision/recall, cross-type merges, and linking accuracy on the gold Wikipedia links of countries and table organisations."
    )]
    Coref(EvalCorefArgs),
    /// Score relation extraction: head, tail and type must all match a gold relation.
    #[command(
        after_help = "Examples:\n  newsgraph eval relations --gold ../shared/datasets/conll04/dev.jsonl\n  newsgraph eval relations --gold ../shared/datasets/knowledgenet/dev.jsonl --predicted-entities\n\nGold: JSONL with entities and relations [{head, tail, type}] (indexes into entities). Dataset labels are mapped to predicates: Work_For and EMPLOYEE_OR_MEMBER_OF → worksFor, OrgBased_In and HEADQUARTERS → basedIn, Located_In → locatedIn, Live_In → livesIn, NATIONALITY → nationality; `--map` replaces the mapping with a CSV of `label,predicate` rows. Relations of other labels are not scored. In documents annotated by passage (KnowledgeNet), a predicted relation counts only inside a passage annotated for its label."
    )]
    Relations(EvalRelationsArgs),
    /// Score attribution (who said what): content and speaker, as score_quotes.py does.
    #[command(
        after_help = "Examples:\n  newsgraph eval quotes --gold ../shared/datasets/polnear/dev.jsonl\n  newsgraph eval quotes --gold dev.jsonl --subset all --errors 15\n  newsgraph eval quotes --gold dev.jsonl --predictions pred.jsonl --json\n  python3 scripts/score_quotes.py dev.jsonl pred.jsonl --json\n\nGold: JSONL with id, text and quotes [{speaker_start, speaker_end, speaker_text, content_start, content_end, direct, has_speaker}] in Unicode code points (PolNeAR as converted in ../shared/datasets/polnear). The default pipeline (the one `extract` runs) reads each text; every statement with a content span (a quote or reported content) is a predicted attribution, its speaker the statement's subject with the spans of all its mentions (names, descriptions, pronouns) and its names. A prediction matches a gold attribution when the contents overlap with token F1 >= 0.5, one to one, best overlap first; the speaker is right (strict) when one of its mentions overlaps the gold source span, and right (lenient) also when the gold source's text is one of its names or ends with the same word. --subset direct (the default) scores gold attributions whose content holds a quotation mark, and predictions with one in or next to their content; --subset all scores every attribution with a source.\n\nStandard output is the script's, key for key (--json: its JSON), so the two can be diffed; --predictions writes the script's input. --errors lists missed attributions and wrong speakers on standard error, as the script does, with the time taken."
    )]
    Quotes(EvalQuotesArgs),
}

/// `eval quotes --subset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QuoteSubset {
    /// Direct quotations (a quotation mark in the content) with a speaker.
    Direct,
    /// Every attribution with a speaker.
    All,
}

/// `eval quotes` arguments.
#[derive(Debug, ClapArgs)]
pub struct EvalQuotesArgs {
    /// Annotated documents with attributions (JSONL, PolNeAR format).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Write the predictions here, in score_quotes.py's input format
    /// ({id, quotes: [{content_start, content_end, speaker_spans, speaker_names}]}).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// The gold attributions scored.
    #[arg(long, value_enum, default_value_t = QuoteSubset::Direct)]
    pub subset: QuoteSubset,
    /// List up to N missed attributions and N wrong speakers (on standard error).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub errors: usize,
    /// Print the figures as one JSON object (the script's --json).
    #[arg(long)]
    pub json: bool,
    /// Resolve "he" and "she" to the person they refer to (resolver tier 7; off by default, as in `extract`).
    #[arg(long)]
    pub pronouns: bool,
    /// Worker threads (default: every core). The scores do not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `eval relations` arguments.
#[derive(Debug, ClapArgs)]
pub struct EvalRelationsArgs {
    /// Annotated documents with relations (JSONL).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// A CSV of `label,predicate` rows mapping the dataset's labels to predicates.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Use the recogniser's entities instead of the gold ones.
    #[arg(long)]
    pub predicted_entities: bool,
    /// A relation model file instead of the built-in one (`newsgraph train relations` writes one).
    #[arg(long, value_name = "FILE")]
    pub relation_model: Option<PathBuf>,
    /// Count relations of at least this confidence. 0.5 scores the classifier's own decision
    /// (a relation scored above "none"); `build` keeps only those of 0.6 or more, for precision.
    #[arg(long, default_value_t = 0.5, value_name = "P")]
    pub min_confidence: f32,
    #[command(flatten)]
    pub recognizer: RecognizerArgs,
    /// Worker threads (default: every core). The scores do not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `eval coref` arguments.
#[derive(Debug, ClapArgs)]
pub struct EvalCorefArgs {
    /// Annotated documents with coreference chains (JSONL).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// List up to N wrong and N missed links (distinct surface pairs).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub errors: usize,
    /// Turn on tier 7 (he/she → person) and score it against the gold pronoun mentions.
    #[arg(long)]
    pub pronouns: bool,
    /// Worker threads (default: every core). The scores do not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `eval ner` arguments.
#[derive(Debug, ClapArgs)]
pub struct EvalNerArgs {
    /// Annotated documents (JSONL).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Scored types, comma-separated.
    #[arg(long, default_value = "PER,ORG,LOC", value_delimiter = ',')]
    pub types: Vec<String>,
    /// List up to N false positives and N false negatives.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub errors: usize,
    /// Cut a leading "the " from gold and predicted spans before comparing.
    #[arg(long)]
    pub strip_det: bool,
    /// Write the predictions here, in the baselines' format ({id, entities: [{start, end, label, text}]}).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    #[command(flatten)]
    pub recognizer: RecognizerArgs,
    /// Worker threads (default: every core). The scores do not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `train` subcommands.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the entity tagger (averaged structured perceptron over BILOU tags).
    #[command(
        after_help = "Example:\n  newsgraph train ner --data ../shared/datasets/conll2003/train.jsonl --data ../shared/datasets/wikigold/train.jsonl -o data/models/ner.bin\n\nGold types PER, ORG, LOC (GPE counts as LOC) and MISC (NORP counts as MISC) are learnt. Records whose licence is non-commercial (NC) are skipped. Training is deterministic: the same data, options and seed give the same file."
    )]
    Ner(TrainNerArgs),
    /// Train the relation classifier (multi-class averaged perceptron over entity pairs).
    #[command(
        after_help = "Example:\n  newsgraph train relations --data ../shared/datasets/conll04/train.jsonl --data ../shared/datasets/knowledgenet/train.jsonl -o data/models/relations.bin\n\nCandidates are the ordered pairs of gold PER, ORG and LOC (GPE, NORP) entities in one sentence whose types allow a relation. Labels learnt: Work_For and EMPLOYEE_OR_MEMBER_OF → worksFor, OrgBased_In and HEADQUARTERS → basedIn, Located_In → locatedIn, Live_In and PLACE_OF_RESIDENCE → livesIn, NATIONALITY → nationality. A pair holding another relation is left out; so is one in a passage not annotated for the relations its types allow. Records whose licence is non-commercial (NC) are skipped. Deterministic."
    )]
    Relations(TrainRelationsArgs),
    /// Train the attribution model (who said what: cues, sources and contents).
    #[command(
        after_help = "Example:\n  newsgraph train quotes --data ../shared/datasets/polnear/train.jsonl -o data/models/quotes.bin\n  newsgraph train quotes --data ../shared/datasets/polnear/train.jsonl -o /tmp/q.bin --dev ../shared/datasets/polnear/dev.jsonl --predictions /tmp/dev.jsonl\n\nGold: JSONL articles with `quotes` (source, cue and content spans, PolNeAR's format). Two greedy averaged-perceptron passes: cue tokens, then source and content tokens around the cues. `--predictions` writes the model's own spans on the --dev articles (the source span as the speaker) in the format of scripts/score_quotes.py: the ceiling of `eval quotes`, before speakers are resolved to entities. Deterministic."
    )]
    Quotes(TrainQuotesArgs),
}

/// `train quotes` arguments.
#[derive(Debug, ClapArgs)]
pub struct TrainQuotesArgs {
    /// Annotated articles with attributions (JSONL); repeat for several files.
    #[arg(long, required = true, value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 8)]
    pub epochs: usize,
    /// Shuffle seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Leave out features seen fewer times than this.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Annotated articles to tag after training (with --predictions).
    #[arg(long, value_name = "FILE", requires = "predictions")]
    pub dev: Option<PathBuf>,
    /// Where to write the model's spans on the --dev articles.
    #[arg(long, value_name = "FILE", requires = "dev")]
    pub predictions: Option<PathBuf>,
}

/// `train relations` arguments.
#[derive(Debug, ClapArgs)]
pub struct TrainRelationsArgs {
    /// Annotated documents with relations (JSONL); repeat for several files.
    #[arg(long, required = true, value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// Shuffle seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

/// `train ner` arguments.
#[derive(Debug, ClapArgs)]
pub struct TrainNerArgs {
    /// Annotated documents (JSONL); repeat for several files.
    #[arg(long, required = true, value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Passes over the data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Shuffle seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Leave out features seen fewer times than this.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
}

/// `build` arguments.
#[derive(Debug, ClapArgs)]
pub struct BuildArgs {
    /// Files, folders, or `-` for JSONL on standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    /// Build every article again, even one stored before with the same text, metadata and
    /// pipeline (by default such an article is skipped).
    #[arg(long)]
    pub force: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `extract` arguments.
#[derive(Debug, ClapArgs)]
pub struct ExtractArgs {
    /// Files, folders, or `-` for JSONL on standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output: nquads (one named graph per article, as `build` stores it) or jsonl (one object
    /// per article with its entities and statements).
    #[arg(long, default_value = "nquads")]
    pub format: String,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// `ingest` arguments.
#[derive(Debug, ClapArgs)]
pub struct IngestArgs {
    /// Files, folders, or `-` for JSONL on standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output: jsonl (one object per article), the only format for now.
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// Date (YYYY-MM-DD) for articles whose record has none.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Refuse articles larger than this (megabytes).
    #[arg(long, default_value_t = 1, value_name = "MB")]
    pub max_article_mb: usize,
}

/// How articles are read and processed, for `build` and `extract`.
#[derive(Debug, ClapArgs)]
pub struct PipelineArgs {
    /// Date (YYYY-MM-DD) for articles whose record has none.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Base of every data IRI.
    #[arg(long, default_value = newsgraph::rdf::vocab::DEFAULT_BASE_IRI, value_name = "IRI")]
    pub base_iri: String,
    /// A folder laid out like `data/` whose tables replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub recognizer: RecognizerArgs,
    /// Resolve "he" and "she" to the person they refer to (resolver tier 7; off by default).
    #[arg(long)]
    pub pronouns: bool,
    /// Keep the relation classifier's statements of at least this confidence (above 1: none).
    #[arg(long, default_value_t = newsgraph::relate::MIN_CONFIDENCE, value_name = "P")]
    pub relation_confidence: f32,
    /// Refuse articles larger than this (megabytes).
    #[arg(long, default_value_t = 1, value_name = "MB")]
    pub max_article_mb: usize,
    /// Worker threads (default: every core). The output does not depend on it.
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `load` arguments.
#[derive(Debug, ClapArgs)]
pub struct LoadArgs {
    /// N-Quads (`.nq`) or TriG (`.trig`) files, as `newsgraph extract` writes them, gzipped too
    /// (`.nq.gz`); a folder: the `part-*` files a Spark or Hadoop job saved (`_SUCCESS` and
    /// `.crc` files left out); `-` reads standard input (`newsgraph extract … | newsgraph load -`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format of standard input and of files whose name has no extension (`part-00000`):
    /// nquads (the default) or trig. `.nq` and `.trig` files go by their extension.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[command(flatten)]
    pub store: StoreArg,
}

/// `corpus` arguments.
#[derive(Debug, ClapArgs)]
pub struct CorpusArgs {
    #[command(flatten)]
    pub store: StoreArg,
}

/// `query` arguments.
#[derive(Debug, ClapArgs)]
pub struct QueryArgs {
    /// The SPARQL query text.
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub query: Option<String>,
    /// Read the query from a file (`.rq`).
    #[arg(long, short, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Output: table, csv, tsv, json, xml (SELECT/ASK); turtle, ntriples, nquads, trig, rdfxml, jsonld
    /// (CONSTRUCT/DESCRIBE). Default: table on a terminal, tsv on a pipe.
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub store: StoreArg,
}

/// `serve` arguments.
#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    /// The address and port to listen on. An address other than loopback is reachable from
    /// other machines: a warning is printed.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub bind: std::net::SocketAddr,
    /// Seconds a query (or update) may run before it is answered 503 (within half a second of
    /// it, even when Oxigraph cannot stop it at once, as in a sort: such a query holds its
    /// --max-queries slot until it ends).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// The most queries and updates evaluating at once (default: the number of cores); one more
    /// waits for a free slot until its --timeout.
    #[arg(long, value_name = "N")]
    pub max_queries: Option<usize>,
    /// Seconds a request's headers and body have to arrive, from the moment the connection
    /// opened or got its previous answer (408 after it; an idle connection is closed).
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub read_timeout: f64,
    /// The most solutions (or triples) one result may hold; a query giving more gets a 400
    /// asking for a LIMIT.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_results: usize,
    /// The largest request body in bytes (413 above it).
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    pub max_body: usize,
    /// The most connections open at once (one thread each); one more is answered 503 at once.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub max_connections: usize,
    /// The most connections open at once from one client address (503 above it).
    #[arg(long, default_value_t = 32, value_name = "N")]
    pub max_client_connections: usize,
    /// Take SPARQL updates at /update and Graph Store PUTs at /store (with the bearer token of
    /// --token-file).
    #[arg(long, requires = "token_file")]
    pub allow_update: bool,
    /// A file whose first line is the bearer token updates must carry.
    #[arg(long, value_name = "FILE", requires = "allow_update")]
    pub token_file: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
}

/// How `push` sends graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PushMethod {
    /// SPARQL 1.1 Graph Store HTTP Protocol: PUT --graph-store URL?graph=IRI.
    Gsp,
    /// SPARQL 1.1 Update posted to --endpoint.
    Update,
}

/// `push` arguments.
#[derive(Debug, ClapArgs)]
pub struct PushArgs {
    /// The remote store's SPARQL (update) endpoint: where --method update posts.
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The remote store's Graph Store Protocol URL: where --method gsp puts each graph.
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,
    /// How graphs are sent.
    #[arg(long, value_enum, default_value_t = PushMethod::Gsp)]
    pub method: PushMethod,
    /// The body of a Graph Store PUT: turtle or ntriples.
    #[arg(long, default_value = "turtle")]
    pub format: String,
    /// HTTP basic authentication.
    #[arg(
        long,
        env = "NEWSGRAPH_PUSH_AUTH",
        hide_env_values = true,
        value_name = "USER:PASSWORD",
        conflicts_with = "token_file"
    )]
    pub auth: Option<String>,
    /// A file whose first line is a bearer token to send.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Only this named graph (may be repeated).
    #[arg(long = "graph", value_name = "IRI")]
    pub graphs: Vec<String>,
    /// Graphs per batch: the state file is saved and progress printed after each.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub batch: usize,
    /// Skip the graphs sent before to the same URL whose content has not changed.
    #[arg(long)]
    pub resume: bool,
    /// The state file (default: push-state.json in the store folder).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Seconds one request may take.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Print only the summary.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub store: StoreArg,
}

/// `export` arguments.
#[derive(Debug, ClapArgs)]
pub struct ExportArgs {
    /// RDF: turtle, ntriples, nquads, trig, rdfxml, jsonld. Graph: graphml, gexf, dot,
    /// cytoscape, csv (a folder), html (one self-contained page). Default: from the extension
    /// of -o.
    #[arg(long)]
    pub format: Option<String>,
    /// RDF only: export only this named graph (an article IRI).
    #[arg(long, value_name = "IRI")]
    pub graph: Option<String>,
    /// Output file, or folder for csv (default: standard output).
    #[arg(long, short, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub store: StoreArg,
}

/// Which part of the graph a graph format exports.
#[derive(Debug, Clone, ClapArgs)]
pub struct SelectionArgs {
    /// Only entities of these types (person, organization, country, place), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<String>,
    /// Only statements of these predicates (accused, said, spokespersonOf, …), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "PREDICATES")]
    pub predicates: Vec<String>,
    /// Only entities with at least N mentions.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_mentions: usize,
    /// Only the N entities of highest PageRank.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Only statements of articles dated on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only statements of articles dated on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only the entities within --depth statements of ENTITY (a key, label or alias).
    #[arg(long, value_name = "ENTITY")]
    pub around: Option<String>,
    /// How far from --around to go.
    #[arg(long, value_name = "K", requires = "around")]
    pub depth: Option<usize>,
    /// One edge per predicate between two entities, weighted by its number of statements
    /// (default: one edge per statement).
    #[arg(long)]
    pub aggregate: bool,
}

impl SelectionArgs {
    /// True when any option is given.
    pub fn is_set(&self) -> bool {
        !self.types.is_empty()
            || !self.predicates.is_empty()
            || self.min_mentions > 0
            || self.top.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.around.is_some()
            || self.aggregate
    }
}

/// `entities` arguments.
#[derive(Debug, ClapArgs)]
pub struct EntitiesArgs {
    /// Only entities of this type: person, organization, country, place.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Show how the entities with this name or alias were resolved, mention by mention.
    #[arg(long, value_name = "NAME")]
    pub explain: Option<String>,
    /// Output: table, csv, tsv, json. Default: table on a terminal, tsv on a pipe.
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub store: StoreArg,
}

/// `stats` arguments.
#[derive(Debug, ClapArgs)]
pub struct StatsArgs {
    /// How many top entities to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Rank entities by PageRank, with degree, weighted degree, component and community.
    #[arg(long)]
    pub rank: bool,
    /// Also write the figures into the analytics named graph of the store, replacing it.
    #[arg(long, requires = "rank")]
    pub store_analytics: bool,
    #[command(flatten)]
    pub store: StoreArg,
}
