#!/usr/bin/env bash
# Validates every export of the example corpus with the tools that consume it:
#   networkx (PyPI) reads the GraphML and GEXF with newsgraph's node and edge counts, and its
#   PageRank equals newsgraph's; Graphviz `dot -Tsvg` (Debian) renders the DOT without a
#   warning; rdflib (PyPI) parses every RDF export; the Neo4j CSV has Neo4j's headers and every
#   :START_ID/:END_ID is a node; the Cytoscape JSON has the same counts; headless Chromium
#   (Debian) opens the HTML view from a file and draws every node, with no error and no console
#   message (scripts/validate_html.sh).
# Installs graphviz with apt and the Python packages into a virtual environment under the
# cargo target folder when they are missing. Keeps the files, the SVGs, a PNG of Estonia's
# neighbourhood and screenshots of the HTML view (graph.png, top.png) in
# $CARGO_TARGET_DIR/validate-exports/.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET/validate-exports"
VENV="$TARGET/validate-venv"

if ! command -v dot >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "validate_exports: installing graphviz" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends graphviz >/dev/null
fi
if ! "$VENV/bin/python" -c "import networkx, rdflib, numpy, scipy" 2>/dev/null; then
  echo "validate_exports: installing networkx, rdflib, numpy and scipy into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check networkx rdflib numpy scipy
fi

cargo build --quiet
NEWSGRAPH="$TARGET/debug/newsgraph"
rm -rf "$OUT" && mkdir -p "$OUT"
STORE="$OUT/store"
"$NEWSGRAPH" build data/examples --store "$STORE" -q >/dev/null

for f in turtle ntriples nquads trig rdfxml jsonld; do
  "$NEWSGRAPH" export --store "$STORE" --format "$f" -o "$OUT/graph.$f"
done
# each graph export prints "wrote N entities and M edges as FORMAT to PATH"
: > "$OUT/counts.txt"
export_graph() {
  local name="$1"; shift
  "$NEWSGRAPH" export --store "$STORE" "$@" 2>&1 >/dev/null | sed "s/^/$name /" >> "$OUT/counts.txt"
}
for f in graphml gexf dot cytoscape; do
  export_graph "$f" --format "$f" -o "$OUT/graph.$f"
  export_graph "$f-aggregate" --format "$f" --aggregate -o "$OUT/graph-aggregate.$f"
done
export_graph csv --format csv -o "$OUT/csv"
export_graph dot-around --format dot --around Estonia --depth 2 -o "$OUT/estonia.dot"
export_graph html --format html -o "$OUT/graph.html"
export_graph html-top --format html --top 60 -o "$OUT/top.html"

# Graphviz: no warning, one SVG node per entity
for d in graph graph-aggregate estonia; do
  if ! dot -Tsvg "$OUT/$d.dot" -o "$OUT/$d.svg" 2> "$OUT/$d.dot.stderr" || [ -s "$OUT/$d.dot.stderr" ]; then
    echo "validate_exports: dot -Tsvg $d.dot:" >&2
    cat "$OUT/$d.dot.stderr" >&2
    exit 1
  fi
done

# the picture in the README (docs/images/estonia-graphviz.png)
dot -Tpng -Gdpi=72 "$OUT/estonia.dot" -o "$OUT/estonia.png"

# Chromium: the DOM after the layout, the console, screenshots (top.png is the README's
# docs/images/html-view.png)
bash scripts/validate_html.sh "$OUT" graph top

"$VENV/bin/python" scripts/validate_exports.py "$OUT"
