#!/usr/bin/env bash
# Trains the committed tagger model, data/models/ner.bin, from the train splits of
# ../shared/datasets (override with DATASETS=...). Deterministic: the same data and seed give
# the same bytes. CrossNER politics is small (200 paragraphs) and is given three times, which
# weighs it up against CoNLL-2003; re3d's BBC documents (CC BY-NC) are skipped by their licence.
# The word-cluster features read data/models/clusters.tsv (data/scripts/build_clusters.py): retrain
# after rebuilding it.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
C=$D/crossner_politics/train.jsonl
cargo run --quiet -- train ner \
  --data "$D/conll2003/train.jsonl" \
  --data "$D/wikigold/train.jsonl" \
  --data "$D/re3d/train.jsonl" \
  --data "$D/gum_news/train.jsonl" \
  --data "$D/gum_open/train.jsonl" \
  --data "$C" --data "$C" --data "$C" \
  --epochs 12 --seed 7 --min-count 2 \
  -o "${1:-data/models/ner.bin}"
