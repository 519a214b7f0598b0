#!/usr/bin/env bash
# Trains the committed attribution model, data/models/quotes.bin, from PolNeAR's train split in
# ../shared/datasets (override with DATASETS=...). PolNeAR's text is for research use only: the
# model file holds hashed features and weights, no text. The features see the mentions of the
# built-in recogniser, so a new data/models/ner.bin calls for a new attribution model.
# Deterministic: the same data, recogniser and seed give the same bytes.
#
#   bash scripts/train_quotes.sh [OUT]
#
# To see the model's own spans on dev (the ceiling of `eval quotes`, before speakers are
# resolved): add --dev ../shared/datasets/polnear/dev.jsonl --predictions FILE and score FILE
# with scripts/score_quotes.py.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
cargo run --quiet -- train quotes \
  --data "$D/polnear/train.jsonl" \
  --epochs 8 --seed 7 --min-count 2 \
  -o "${1:-data/models/quotes.bin}"
