#!/usr/bin/env bash
# The cluster recipe run for real (issue 19): a PySpark job in local mode with 2 worker threads
# (scripts/spark/extract_job.py) pipes the example and golden fixture articles, as JSONL in at
# least 4 partitions, through `newsgraph extract - --jobs 1` on the binary it ships with
# SparkContext.addFile; `newsgraph load` reads the part files it saved (and computes the corpus
# graph). Checks that the loaded store equals a `build` of the same articles quad for quad
# (sorted N-Quads of `export`), and that two bad records in one partition are reported on
# standard error, with their partition, line and id, and fail only themselves.
# Installs PySpark from PyPI into a virtual environment under the cargo target folder
# ($CARGO_TARGET_DIR/spark-venv, kept for the next run) and a Java runtime with apt when there
# is none (PySpark 4 needs Java 17 or later). Without PyPI and with nothing cached it says so and
# exits with 1. Keeps the input, the part files, both stores and the job's logs in
# $CARGO_TARGET_DIR/validate-spark/. Prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
TARGET="$CARGO_TARGET_DIR"
VENV="$TARGET/spark-venv"
OUT="$TARGET/validate-spark"
PYSPARK_VERSION="4.3.0"
STARTED=$SECONDS

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "validate_spark: installing a Java 17 runtime (openjdk-17-jre-headless) for Spark" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "validate_spark: installing pyspark $PYSPARK_VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"; then
    rm -rf "$VENV"
    echo "validate_spark: SKIPPED, not checked: pyspark could not be installed from PyPI (unreachable?) and none is cached in $VENV" >&2
    exit 1
  fi
fi

cargo build --quiet
BIN="$TARGET/debug/newsgraph"
rm -rf "$OUT" && mkdir -p "$OUT"
ARTICLES=(data/examples tests/fixtures/articles tests/fixtures/mentions/speakers.txt)

# the articles as JSONL, as a cluster user hands them to Spark, with two bad records in the
# middle (so in one partition): a JSON line that is not an object, and a record with no text
"$BIN" ingest "${ARTICLES[@]}" > "$OUT/articles.jsonl"
GOOD=$(wc -l < "$OUT/articles.jsonl")
HALF=$((GOOD / 2))
{
  head -n "$HALF" "$OUT/articles.jsonl"
  echo '["not", "an", "object"]'
  echo '{"id": "bad-record-without-text", "title": "No text"}'
  tail -n +"$((HALF + 1))" "$OUT/articles.jsonl"
} > "$OUT/input.jsonl"

# the job as a user runs it; it exits with 1 since two records failed
set +e
SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" scripts/spark/extract_job.py \
  --master 'local[2]' --partitions 4 --binary "$BIN" "$OUT/input.jsonl" "$OUT/graph-nq" \
  > "$OUT/job.out" 2> "$OUT/job.err"
CODE=$?
set -e
fail() {
  echo "validate_spark: FAIL: $*" >&2
  echo "--- job.err (last 40 lines):" >&2
  tail -n 40 "$OUT/job.err" >&2
  exit 1
}
[ "$CODE" = 1 ] || fail "the job exited with $CODE, not 1 (two records failed)"
SUMMARY=$(tail -n 1 "$OUT/job.out")
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$SUMMARY" "$1"; }
PARTITIONS=$(field partitions)
[ "$PARTITIONS" -ge 4 ] || fail "$PARTITIONS partitions, fewer than 4"
[ "$(field articles)" = "$GOOD" ] || fail "$(field articles) articles extracted, not $GOOD"
[ "$(field failed)" = 2 ] || fail "$(field failed) records failed, not 2"
# each bad record's message on standard error, with its partition, line and id or beginning
grep -Eq '^newsgraph extract: partition [0-9]+, record [0-9]+ \('"'"'\["not", "an", "object"\]'"'"'\): .*object' "$OUT/job.err" \
  || fail "no message for the record that is not an object"
grep -Eq "^newsgraph extract: partition [0-9]+, record [0-9]+ \(id 'bad-record-without-text'\): .*text" "$OUT/job.err" \
  || fail "no message for the record without text"
BAD_PARTITIONS=$(grep -Eo '^newsgraph extract: partition [0-9]+' "$OUT/job.err" | sort -u | wc -l)
[ "$BAD_PARTITIONS" = 1 ] || fail "bad records reported in $BAD_PARTITIONS partitions, not 1"
PARTS=$(find "$OUT/graph-nq" -name 'part-*' | wc -l)
[ "$PARTS" = "$PARTITIONS" ] && [ -e "$OUT/graph-nq/_SUCCESS" ] || fail "$PARTS part files for $PARTITIONS partitions"

# the part files loaded (load computes the corpus graph), against a build of the same articles
"$BIN" load "$OUT/graph-nq" --store "$OUT/loaded" > "$OUT/load.out"
"$BIN" build "${ARTICLES[@]}" --store "$OUT/built" -q > "$OUT/build.out"
"$BIN" export --store "$OUT/loaded" --format nquads | LC_ALL=C sort > "$OUT/loaded.nq"
"$BIN" export --store "$OUT/built" --format nquads | LC_ALL=C sort > "$OUT/built.nq"
cmp -s "$OUT/loaded.nq" "$OUT/built.nq" \
  || fail "the loaded store differs from the build: $(diff "$OUT/loaded.nq" "$OUT/built.nq" | grep -c '^[<>]') quads (diff $OUT/loaded.nq $OUT/built.nq)"
CORPUS=$(grep -c '/id/corpus> \.$' "$OUT/loaded.nq" || true)
[ "$CORPUS" -gt 0 ] || fail "no corpus graph in the loaded store"

echo "validate_spark: $PARTITIONS partitions, $GOOD articles, $(field quads) quads in the part files," \
  "$(wc -l < "$OUT/loaded.nq") in the store ($CORPUS of the corpus graph), equal to build: yes," \
  "bad record: reported (2 records in 1 partition, the other $GOOD stored);" \
  "extract on local[2]: $(field seconds) s, $(field articles_per_second) articles/s; script $((SECONDS - STARTED)) s"
