#!/usr/bin/env bash
# Validates `newsgraph push` against a real SPARQL server: Virtuoso Open Source 7 (Debian's
# virtuoso-opensource, installed with apt when missing), started on loopback with its own
# ports and database folder under $CARGO_TARGET_DIR/validate-push/.
#
#   1. builds data/examples into a temporary store;
#   2. starts Virtuoso and lets its SPARQL user write (SPARQL_UPDATE granted to "SPARQL",
#      default graph permissions for nobody), so that the plain /sparql-graph-crud endpoint
#      takes Graph Store PUTs without authentication (the -auth endpoint wants digest auth);
#   3. pushes with the Graph Store Protocol, then asks Virtuoso's /sparql (CSV) for the
#      triples of every pushed graph and compares them, graph by graph, with `newsgraph query`
#      on the local store (builds graph left out, as push leaves it out);
#   4. pushes again (each graph replaced: the counts must not change), then with
#      --method update to /sparql (the same), then --resume (every graph skipped);
#   5. stops Virtuoso. Exits non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET/validate-push"

if ! command -v virtuoso-t >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "validate_push: installing virtuoso-opensource" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq virtuoso-opensource >/dev/null
fi
ISQL="$(command -v isql-vt || command -v isql)"
INI="${VIRTUOSO_INI:-/etc/virtuoso-opensource-7/virtuoso.ini}"

cargo build --quiet
NEWSGRAPH="$TARGET/debug/newsgraph"
rm -rf "$OUT" && mkdir -p "$OUT/virtuoso"
OUT="$(cd "$OUT" && pwd)"
STORE="$OUT/store"
"$NEWSGRAPH" build data/examples --store "$STORE" -q >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SQL_PORT="$(free_port)"
HTTP_PORT="$(free_port)"
DB="$OUT/virtuoso"
# the packaged ini, with this run's folder and ports
awk -v db="$DB" -v sql="$SQL_PORT" -v http="$HTTP_PORT" '
  /^\[/ { section = $0 }
  { gsub("/var/lib/virtuoso-opensource-7/db", db) }
  /^ServerPort/ && section == "[Parameters]" { $0 = "ServerPort = 127.0.0.1:" sql }
  /^ServerPort/ && section == "[HTTPServer]" { $0 = "ServerPort = 127.0.0.1:" http }
  { print }' "$INI" > "$DB/virtuoso.ini"
URL="http://127.0.0.1:$HTTP_PORT"

(cd "$DB" && exec virtuoso-t +foreground +configfile "$DB/virtuoso.ini") > "$DB/stdout.log" 2>&1 &
VIRTUOSO=$!
stop() {
  "$ISQL" "$SQL_PORT" dba dba exec="shutdown();" >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do kill -0 "$VIRTUOSO" 2>/dev/null || return 0; sleep 0.2; done
  kill "$VIRTUOSO" 2>/dev/null || true
}
trap stop EXIT
fail() { echo "validate_push: $*" >&2; exit 1; }

started=$(date +%s)
until curl -sf -o /dev/null "$URL/sparql?query=ASK%7B%7D"; do
  kill -0 "$VIRTUOSO" 2>/dev/null || { cat "$DB/stdout.log" >&2; fail "Virtuoso exited"; }
  [ $(( $(date +%s) - started )) -lt 180 ] || fail "Virtuoso did not answer at $URL/sparql in 180 s"
  sleep 1
done
"$ISQL" "$SQL_PORT" dba dba exec="grant SPARQL_UPDATE to \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null
echo "Virtuoso $(virtuoso-t -? 2>&1 | sed -n 's/^Version \([^ ]*\).*/\1/p' | head -1) at $URL (up in $(( $(date +%s) - started )) s)"

# triples per graph, as "IRI,count" lines sorted by IRI
LOCAL_QUERY='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?g { ?b a ng:Build } } } GROUP BY ?g ORDER BY ?g'
"$NEWSGRAPH" query --store "$STORE" "$LOCAL_QUERY" --format csv | tr -d '\r"' | tail -n +2 | sort > "$OUT/local.csv"
BASE="$(head -1 "$OUT/local.csv" | sed 's|/id/.*|/id/|')"
REMOTE_QUERY="SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"$BASE\")) } GROUP BY ?g ORDER BY ?g"
remote_counts() {
  curl -sf -H 'Accept: text/csv' --data-urlencode "query=$REMOTE_QUERY" "$URL/sparql" | tr -d '\r"' | tail -n +2 | sort
}
totals() { awk -F, '{ g++; t += $2 } END { printf "%d graphs, %d triples", g, t }' "$1"; }
echo "local:    $(totals "$OUT/local.csv") (builds graph left out)"

check() {
  local label="$1"
  remote_counts > "$OUT/remote-$label.csv"
  if ! diff -u "$OUT/local.csv" "$OUT/remote-$label.csv" > "$OUT/diff-$label.txt"; then
    cat "$OUT/diff-$label.txt" >&2
    fail "$label: Virtuoso's counts differ from the local store's"
  fi
  echo "Virtuoso: $(totals "$OUT/remote-$label.csv") after $label: equal, graph by graph"
}

run_push() {
  local label="$1"; shift
  local start=$EPOCHREALTIME
  "$NEWSGRAPH" push --store "$STORE" -q "$@" > "$OUT/push-$label.txt"
  echo "$label: $(cat "$OUT/push-$label.txt") [wall $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') s]"
}

GSP=(--graph-store "$URL/sparql-graph-crud")
run_push gsp "${GSP[@]}"
check gsp
run_push gsp-again "${GSP[@]}"
check gsp-again
run_push update --method update --endpoint "$URL/sparql"
check update
run_push resume "${GSP[@]}" --resume
graphs="$(wc -l < "$OUT/local.csv")"
grep -q "^pushed 0 graphs (0 triples), skipped $graphs unchanged, 0 failed" "$OUT/push-resume.txt" \
  || fail "--resume did not skip all $graphs graphs"
check resume
echo "validate_push: ok"
