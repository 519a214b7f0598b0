#!/usr/bin/env bash
# Draws the fixed-seed sample of real news articles for the hand check of entities and lists every
# entity newsgraph finds in them, one row per entity: the input of docs/entity_check.tsv, whose
# verdict and reason columns are filled by hand (rows for missed entities are added by hand too).
#
#   bash scripts/sample_entities.sh [N] > rows.tsv
#
# CORPUS (default ../shared/datasets/realnews/bbc.jsonl) is read as JSONL; N articles (default 25)
# are drawn with Python's random.Random(15) and kept in corpus order. ARTICLES=FILE also writes the
# sampled articles there, for the reader (the BBC text is research-only: never commit it).
# BIN overrides the binary (default: `cargo run`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-25}
CORPUS=${CORPUS:-../shared/datasets/realnews/bbc.jsonl}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
python3 - "$CORPUS" "$N" > "$OUT" <<'PY'
import random, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for i in sorted(random.Random(15).sample(range(len(lines)), int(sys.argv[2]))):
    print(lines[i])
PY
if [ -n "${ARTICLES:-}" ]; then cp "$OUT" "$ARTICLES"; fi
if [ -n "${BIN:-}" ]; then RUN=("$BIN"); else RUN=(cargo run --quiet --); fi
"${RUN[@]}" extract - --format jsonl --jobs 1 < "$OUT" | python3 -c '
import json, sys
print("article\ttype\tname\taliases\tmentions\twikidata\tpart_of\tverdict\treason")
rows = 0
for line in sys.stdin:
    doc = json.loads(line)
    for e in sorted(doc["entities"], key=lambda e: (e["type"], e["name"])):
        rows += 1
        print("\t".join([doc["id"], e["type"], e["name"], " | ".join(e["aliases"]), str(e["mentions"]),
                         e["wikidata"] or "", e["partOf"] or "", "", ""]))
print(f"# {rows} entities", file=sys.stderr)
'
