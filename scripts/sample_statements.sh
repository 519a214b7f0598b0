#!/usr/bin/env bash
# Samples 50 statements from a build of data/examples for the hand check of statement precision:
# builds the examples into a temporary store, lists every statement with its evidence,
# and keeps a seeded random sample (Python's random.Random(7)), sorted by statement IRI. The output
# is the input of docs/statement_check.tsv, whose last two columns are filled by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
STORE=$(mktemp -d)
trap 'rm -rf "$STORE"' EXIT
cargo run --quiet -- build data/examples --store "$STORE/store" --quiet >&2
cargo run --quiet -- query --store "$STORE/store" --format tsv '
SELECT ?statement (MIN(?s) AS ?subject) (SAMPLE(?pred) AS ?predicate) (MIN(?o) AS ?object)
       (GROUP_CONCAT(DISTINCT ?t; separator=" | ") AS ?targets) (SAMPLE(?r) AS ?rule)
       (SAMPLE(?pol) AS ?polarity) (SAMPLE(?ev) AS ?evidence) WHERE {
  ?statement a ng:Statement ; rdf:subject/rdfs:label ?s ; rdf:predicate ?p ;
             ng:rule ?r ; ng:polarity ?pol ; ng:evidence ?ev .
  BIND(REPLACE(STR(?p), "^.*[#/]", "") AS ?pred)
  OPTIONAL { ?statement rdf:object/rdfs:label ?o }
  OPTIONAL { ?statement ng:target/rdfs:label ?t }
} GROUP BY ?statement ORDER BY ?statement' |
python3 -c '
import random, sys
rows = sys.stdin.read().splitlines()
header, rows = rows[0], rows[1:]
n = int(sys.argv[1])
keep = sorted(random.Random(7).sample(range(len(rows)), min(n, len(rows))))
print(header)
for i in keep:
    print(rows[i])
print(f"# {len(keep)} of {len(rows)} statements", file=sys.stderr)
' "$N"
