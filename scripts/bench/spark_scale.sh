#!/usr/bin/env bash
# The Spark job of scripts/spark/extract_job.py on a bigger corpus, beside `extract` alone:
#
#   bash scripts/bench/spark_scale.sh [MB] [PARTITIONS]     # defaults: 2 8
#
# Makes the corpus with make_corpus.py (the example articles repeated, ids <stem>-<n>; never
# committed), then times, on the same binary: the job in local[2] (its own extraction time, the
# JVM start left out, and the whole process), and `extract - --jobs 2` and `--jobs 1` over the
# same JSONL; then `load` of the part files. Needs the venv of scripts/validate_spark.sh
# (run that once first). Prints one line per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-2}"; PARTITIONS="${2:-8}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
VENV="$CARGO_TARGET_DIR/spark-venv"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cargo build --quiet
cp "$CARGO_TARGET_DIR/debug/newsgraph" "$TMP/newsgraph"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/bench/make_corpus.py --mb "$MB" "$TMP/corpus.jsonl"
ARTICLES=$(wc -l < "$TMP/corpus.jsonl")

start=$(date +%s.%N)
SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" scripts/spark/extract_job.py \
  --master 'local[2]' --partitions "$PARTITIONS" --binary "$TMP/newsgraph" "$TMP/corpus.jsonl" "$TMP/graph-nq" \
  > "$TMP/job.out" 2> "$TMP/job.err" || { tail -n 30 "$TMP/job.err" >&2; exit 1; }
whole=$(echo "$(date +%s.%N) - $start" | bc)
echo "spark local[2]: $(tail -n 1 "$TMP/job.out"); whole process ${whole} s"

for jobs in 2 1; do
  start=$(date +%s.%N)
  quads=$("$TMP/newsgraph" extract - --jobs "$jobs" < "$TMP/corpus.jsonl" | wc -l)
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  echo "extract --jobs $jobs: $ARTICLES articles, $quads quads in $seconds s = $(echo "scale=1; $ARTICLES / $seconds" | bc) articles/s"
done
echo "load of the part files: $("$TMP/newsgraph" load "$TMP/graph-nq" --store "$TMP/store" | head -1)"
