#!/usr/bin/env bash
# Trains the committed relation model, data/models/relations.bin, from the train splits of
# ../shared/datasets (override with DATASETS=...): CoNLL04 and KnowledgeNet relations, and re3d
# for its negatives (its BBC documents, CC BY-NC, are skipped by their licence). Deterministic:
# the same data and seed give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
cargo run --quiet -- train relations \
  --data "$D/conll04/train.jsonl" \
  --data "$D/knowledgenet/train.jsonl" \
  --data "$D/re3d/train.jsonl" \
  --epochs 10 --seed 7 \
  -o "${1:-data/models/relations.bin}"
