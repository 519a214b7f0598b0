#!/usr/bin/env bash
# Captures what a refactor must leave unchanged, so that two builds compare with `diff -r`:
#   bash scripts/capture_outputs.sh BIN OUTDIR
# writes the bytes of `extract` on data/examples (-j 1 and 2, JSONL, --pronouns, --recognizer
# rules), every figure of `eval ner` (tagger and rules, six dev sets), `eval coref` (GUM news and
# other genres, with and without --pronouns) and `eval relations` (CoNLL04 and KnowledgeNet: 0.5,
# 0.6 and predicted entities), with timing lines left out; and, unless TRAIN=0, the models the
# committed recipes of scripts/train_ner.sh and scripts/train_relations.sh train (deterministic
# for a seed). Compare two captures with `diff -r -x '*.log' A B` (the .bin files too: `cmp`).
# DATASETS defaults to ../shared/datasets.
set -uo pipefail
BIN=$1
OUT=$2
cd "$(dirname "$0")/.."
D=${DATASETS:-../shared/datasets}
EX=data/examples
mkdir -p "$OUT"
strip() { grep -v -E 'words/s|seconds| s$|[0-9]+\.[0-9]+ ?s\b|elapsed|ms\b'; }
"$BIN" extract "$EX" -j 1 >"$OUT/extract.nq" 2>"$OUT/extract.err"
"$BIN" extract "$EX" -j 2 >"$OUT/extract_j2.nq" 2>>"$OUT/extract.err"
"$BIN" extract "$EX" --format jsonl -j 1 >"$OUT/extract.jsonl" 2>>"$OUT/extract.err"
"$BIN" extract "$EX" --pronouns -j 1 >"$OUT/extract_pronouns.nq" 2>>"$OUT/extract.err"
"$BIN" extract "$EX" --recognizer rules -j 1 >"$OUT/extract_rules.nq" 2>>"$OUT/extract.err"
for s in conll2003 wikigold crossner_politics gum_news gum_open conll04; do
  "$BIN" eval ner --gold "$D/$s/dev.jsonl" 2>&1 | strip >"$OUT/ner_$s.txt"
  "$BIN" eval ner --gold "$D/$s/dev.jsonl" --recognizer rules 2>&1 | strip >"$OUT/ner_rules_$s.txt"
done
for s in gum_news gum_open; do
  "$BIN" eval coref --gold "$D/$s/dev.jsonl" 2>&1 | strip >"$OUT/coref_$s.txt"
  "$BIN" eval coref --gold "$D/$s/dev.jsonl" --pronouns 2>&1 | strip >"$OUT/coref_pron_$s.txt"
done
for s in conll04 knowledgenet; do
  "$BIN" eval relations --gold "$D/$s/dev.jsonl" 2>&1 | strip >"$OUT/rel_$s.txt"
  "$BIN" eval relations --gold "$D/$s/dev.jsonl" --min-confidence 0.6 2>&1 | strip >"$OUT/rel06_$s.txt"
  "$BIN" eval relations --gold "$D/$s/dev.jsonl" --predicted-entities 2>&1 | strip >"$OUT/relp_$s.txt"
done
if [ "${TRAIN:-1}" = 1 ]; then
  "$BIN" train relations --data "$D/conll04/train.jsonl" --data "$D/knowledgenet/train.jsonl" \
    --data "$D/re3d/train.jsonl" --epochs 10 --seed 7 -o "$OUT/relations.bin" >"$OUT/train_rel.log" 2>&1
  C=$D/crossner_politics/train.jsonl
  "$BIN" train ner --data "$D/conll2003/train.jsonl" --data "$D/wikigold/train.jsonl" --data "$D/re3d/train.jsonl" \
    --data "$D/gum_news/train.jsonl" --data "$D/gum_open/train.jsonl" --data "$C" --data "$C" --data "$C" \
    --epochs 12 --seed 7 --min-count 2 -o "$OUT/ner.bin" >"$OUT/train_ner.log" 2>&1
fi
echo "captured into $OUT"
