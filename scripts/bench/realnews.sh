#!/usr/bin/env bash
# Real-news benchmark (see scripts/bench/README.md):
#
#   bash scripts/bench/realnews.sh [REPEATS] [QUERY_LIMIT]      # defaults: 12 60
#
# The corpus is ../shared/datasets/realnews/bbc.jsonl (research use only: written to a temp dir,
# never committed) repeated REPEATS times with new ids (`<id>-r<n>`); round n gets the dates of
# month n of 2005 (the corpus has none), so the queries over time have months to compare.
# It prints one line per figure: the fresh `build -j 2` (words/s, quads/word, peak RSS, store size
# on disk), the build again with nothing changed, `stats`, `entities --type person`, every shipped
# query, the three queries over the union without GRAPH, `export` (graphml, html --top 500,
# --around, nquads and turtle of the whole store with their peak RSS) and `stats --rank`. Each
# command has QUERY_LIMIT seconds (default 60; 0 = none); one that runs out is reported so.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS="${1:-12}"; LIMIT="${2:-60}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
BBC="${BBC:-../shared/datasets/realnews/bbc.jsonl}"
TMP="$(mktemp -d /tmp/realnews-bench.XXXXXX)"; trap 'rm -rf "$TMP"' EXIT
# NG=path/to/newsgraph uses that binary instead of building one
if [ -z "${NG:-}" ]; then cargo build --quiet; NG="$CARGO_TARGET_DIR/debug/newsgraph"; fi
cp "$NG" "$TMP/ng"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)'), $(nproc) cores (shared with other jobs: load $(cut -d' ' -f1 /proc/loadavg)):$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
python3 - "$BBC" "$REPEATS" "$TMP/corpus.jsonl" <<'EOF'
import json, sys
src, repeats, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [json.loads(l) for l in open(src, encoding="utf-8")]
with open(out, "w", encoding="utf-8") as f:
    for n in range(1, repeats + 1):
        for i, r in enumerate(rows):
            r = dict(r, id=f"{r['id']}-r{n}", date=f"{2004 + (n - 1) // 12 + 1}-{(n - 1) % 12 + 1:02d}-{i % 28 + 1:02d}")
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
EOF
N=$(wc -l < "$TMP/corpus.jsonl")
WORDS=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$TMP/corpus.jsonl")
wall() { grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
rss() { grep 'Maximum resident' "$1" | awk '{printf "%.0f", $NF/1024}'; }
limit() { if [ "$LIMIT" = 0 ]; then "$@"; else timeout "$LIMIT" "$@"; fi; }
# one figure: NAME, then the command; wall seconds and peak RSS, or "timed out"
figure() {
  local name="$1"; shift
  if limit /usr/bin/time -v "$@" > "$TMP/out" 2> "$TMP/time"; then
    echo "$name: $(wall "$TMP/time") s, peak RSS $(rss "$TMP/time") MiB, $(($(wc -l < "$TMP/out"))) lines"
  else
    echo "$name: did not finish in $LIMIT s (or failed: $(tail -1 "$TMP/time"))"
  fi
}

/usr/bin/time -v "$TMP/ng" build "$TMP/corpus.jsonl" --store "$TMP/store" -j 2 -q > "$TMP/fresh.out" 2> "$TMP/fresh.time"
QUADS=$(head -1 "$TMP/fresh.out" | sed -E 's/.*; ([0-9]+) triples in store.*/\1/')
F=$(wall "$TMP/fresh.time")
DISK=$(du -sm "$TMP/store" | cut -f1)
python3 -c "a,w,q,s=$N,$WORDS,$QUADS,$F; print(f'build fresh, 2 jobs: {a} articles, {w:,} words, {q:,} quads in {s:.1f} s = {w/s:,.0f} words/s, {q/w:.2f} quads/word, peak RSS $(rss "$TMP/fresh.time") MiB, store $DISK MB on disk')"
sed -n 2p "$TMP/fresh.out" | sed 's/^ */build fresh, /'
/usr/bin/time -v "$TMP/ng" build "$TMP/corpus.jsonl" --store "$TMP/store" -j 2 -q > "$TMP/re.out" 2> "$TMP/re.time"
R=$(wall "$TMP/re.time")
python3 -c "print(f'build again, nothing changed: {$R:.1f} s = {100*$R/$F:.1f}% of the fresh build ($(head -1 "$TMP/re.out" | sed -E 's/.*, ([0-9]+) unchanged.*/\1/') skipped)')"

S=(--store "$TMP/store")
figure "stats" "$TMP/ng" stats "${S[@]}"
figure "entities --type person" "$TMP/ng" entities --type person --format tsv "${S[@]}"
figure "entities --explain Blair" "$TMP/ng" entities --explain Blair --format tsv "${S[@]}"
for q in queries/*.rq; do
  figure "query $(basename "$q" .rq)" "$TMP/ng" query --file "$q" --format tsv "${S[@]}"
done
figure "union query: mentions by label" "$TMP/ng" query --format tsv "${S[@]}" \
  'SELECT ?name (COUNT(?m) AS ?n) WHERE { ?m ng:refersTo ?e . ?e rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) LIMIT 10'
figure "union query: accusations with labels" "$TMP/ng" query --format tsv "${S[@]}" \
  'SELECT ?a ?b WHERE { ?s rdf:predicate ng:accused ; rdf:subject ?x ; rdf:object ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }'
figure "union query: rows per person" "$TMP/ng" query --format tsv "${S[@]}" \
  'SELECT ?p (COUNT(*) AS ?n) WHERE { ?p a schema:Person ; rdfs:label ?l } GROUP BY ?p ORDER BY DESC(?n) LIMIT 5'
echo "  (rows per person, the most: $(sed -n 2p "$TMP/out" | cut -f2))"
figure "stats --rank" "$TMP/ng" stats --rank "${S[@]}"
figure "export --format graphml" "$TMP/ng" export --format graphml "${S[@]}"
figure "export --format html --top 500" "$TMP/ng" export --format html --top 500 "${S[@]}"
figure "export --format dot --around Blair" "$TMP/ng" export --format dot --around Blair "${S[@]}"
figure "export --format nquads (whole store)" "$TMP/ng" export --format nquads "${S[@]}"
figure "export --format turtle (whole store)" "$TMP/ng" export --format turtle "${S[@]}"
figure "corpus (recompute from scratch)" "$TMP/ng" corpus "${S[@]}"
