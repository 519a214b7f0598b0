#!/usr/bin/env bash
# Draws the fixed-seed, stratified sample of statements from real news for the hand check of
# events and affiliations: runs `extract --format jsonl` over CORPUS (default
# ../shared/datasets/realnews/bbc.jsonl) and draws 60 events, 30 affiliations (worksFor,
# leaderOf, spokespersonOf), 30 place relations (basedIn, locatedIn, livesIn, nationality) and
# 30 `said` statements, each group with Python's random.Random(SEED) (default 19), in corpus
# order (scripts/sample_real.py).
#
#   bash scripts/sample_events.sh > rows.tsv
#
# rows.tsv has the columns of docs/statement_check.tsv with offsets instead of text (the BBC text
# is research-only: never commit it). READER=FILE also writes the rows with their text, for the
# person judging them; do not commit that file. BIN overrides the binary (default: `cargo run`).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/datasets/realnews/bbc.jsonl}
SEED=${SEED:-19}
if [ -n "${BIN:-}" ]; then RUN=("$BIN"); else RUN=(cargo run --quiet --); fi
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"${RUN[@]}" extract "$CORPUS" --format jsonl --jobs 1 > "$OUT"
READ=()
if [ -n "${READER:-}" ]; then READ=(--reader "$READER"); fi
python3 scripts/sample_real.py "$OUT" "$CORPUS" --seed "$SEED" event:60 affiliation:30 place:30 said:30 "${READ[@]}"
