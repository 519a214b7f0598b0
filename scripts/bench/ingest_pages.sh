#!/usr/bin/env bash
# newsgraph ingest beside trafilatura's Python package on the same web pages, each in one run,
# and the main-text F1 of both. Needs a venv with trafilatura (and lxml_html_clean):
#   python3 -m venv ~/.cache/trafvenv && ~/.cache/trafvenv/bin/pip install trafilatura lxml_html_clean
# Usage: scripts/bench/ingest_pages.sh [PAGES_DIR] [PYTHON]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
data=${HTML_PAGES:-$here/../shared/datasets/html_pages}
pages=${1:-$data/pages}
python=${2:-$HOME/.cache/trafvenv/bin/python}
bin=${NEWSGRAPH:-${CARGO_TARGET_DIR:-$here/target}/debug/newsgraph}
out=$(mktemp -d)
start=$(date +%s.%N)
"$bin" ingest "$pages" > "$out/newsgraph.jsonl" 2> "$out/newsgraph.err" || true
end=$(date +%s.%N)
ours=$(echo "$end - $start" | bc)
echo "newsgraph ingest: $(wc -l < "$out/newsgraph.jsonl") articles in ${ours} s ($(wc -l < "$out/newsgraph.err") refused)"
"$python" "$here/scripts/bench/trafilatura_pages.py" "$pages" > "$out/trafilatura.jsonl" 2> "$out/trafilatura.err"
cat "$out/trafilatura.err"
theirs=$(sed -E 's/.* in ([0-9.]+) s/\1/' "$out/trafilatura.err")
echo "speed-up: $(echo "scale=1; $theirs / $ours" | bc)x"
if [ -f "$data/gold.json" ]; then
  echo "newsgraph:   $(python3 "$here/scripts/score_html.py" "$data/gold.json" "$out/newsgraph.jsonl" | tail -1)"
  echo "trafilatura: $(python3 "$here/scripts/score_html.py" "$data/gold.json" "$out/trafilatura.jsonl" | tail -1)"
fi
echo "outputs in $out"
