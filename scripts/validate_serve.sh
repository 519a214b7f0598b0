#!/usr/bin/env bash
# Validates `newsgraph serve` with the clients people use, over data/examples built into a
# temporary store, on a free loopback port:
#   curl: the Content-Type of every result format, the service description, CORS, 400 on a
#     syntax error, 403 on an update to a read-only server;
#   SPARQLWrapper (PyPI): SELECT, ASK and CONSTRUCT give what `newsgraph query` gives, for
#     every shipped query and a few more (scripts/validate_serve.py);
#   headless Chromium through Selenium (Debian's chromium and chromium-driver): the page at /
#     runs an example by its run button, shows the table and draws the graph; the screenshot
#     is kept as $CARGO_TARGET_DIR/validate-serve/serve-page.png (UPDATE_SCREENSHOT=1 also
#     copies it to docs/images/serve-page.png);
#   wrk (Debian): 50 connections run the shipped queries for 30 s (LOAD_SECONDS), printing
#     requests/s, p99 latency and errors.
# Installs what is missing with apt and into a virtual environment under the cargo target
# folder. Keeps its files in $CARGO_TARGET_DIR/validate-serve/.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET/validate-serve"
VENV="$TARGET/validate-serve-venv"
LOAD_SECONDS="${LOAD_SECONDS:-30}"

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "validate_serve: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! "$VENV/bin/python" -c "import SPARQLWrapper, selenium" 2>/dev/null; then
  echo "validate_serve: installing SPARQLWrapper and selenium into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check SPARQLWrapper selenium
fi

cargo build --quiet
NEWSGRAPH="$TARGET/debug/newsgraph"
rm -rf "$OUT" && mkdir -p "$OUT"
STORE="$OUT/store"
"$NEWSGRAPH" build data/examples --store "$STORE" -q >/dev/null

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
# the load test opens 50 connections from one address: above the default per-client limit (32)
"$NEWSGRAPH" serve --store "$STORE" --bind "127.0.0.1:$PORT" --max-client-connections 64 2> "$OUT/serve.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$URL/" && break; sleep 0.1; done

fail() { echo "validate_serve: $*" >&2; exit 1; }

# curl: Content-Type per Accept
check_type() {
  local query="$1" accept="$2" want="$3" got
  got="$(curl -s -o /dev/null -w '%{content_type}' -H "Accept: $accept" --data-urlencode "query=$query" "$URL/sparql")"
  [ "$got" = "$want" ] || fail "$accept: Content-Type $got, expected $want"
  echo "curl $accept -> $got"
}
SELECT='SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } LIMIT 5'
CONSTRUCT='CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a schema:Country ; rdfs:label ?l }'
check_type "$SELECT" application/sparql-results+json application/sparql-results+json
check_type "$SELECT" application/sparql-results+xml application/sparql-results+xml
check_type "$SELECT" text/csv "text/csv; charset=utf-8"
check_type "$SELECT" text/tab-separated-values "text/tab-separated-values; charset=utf-8"
check_type "ASK { ?s ?p ?o }" application/sparql-results+json application/sparql-results+json
check_type "$CONSTRUCT" text/turtle text/turtle
check_type "$CONSTRUCT" application/n-triples application/n-triples
check_type "$CONSTRUCT" application/rdf+xml application/rdf+xml
check_type "$CONSTRUCT" application/ld+json application/ld+json
check_type "$CONSTRUCT" application/n-quads application/n-quads
check_type "$CONSTRUCT" application/trig application/trig
code="$(curl -s -o "$OUT/syntax.txt" -w '%{http_code}' --data-urlencode 'query=SELEC ?x' "$URL/sparql")"
[ "$code" = 400 ] || fail "a syntax error gave $code"
echo "curl syntax error -> $code $(cat "$OUT/syntax.txt")"
code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/sparql-update' --data 'CLEAR ALL' "$URL/update")"
[ "$code" = 403 ] || fail "an update to a read-only server gave $code"
echo "curl update on a read-only server -> $code"
curl -s -D "$OUT/cors.txt" -o /dev/null -H 'Origin: http://yasgui.example' --data-urlencode "query=$SELECT" "$URL/sparql"
grep -qi '^access-control-allow-origin: \*' "$OUT/cors.txt" || fail "no Access-Control-Allow-Origin"
echo "curl CORS -> $(grep -i '^access-control-allow-origin' "$OUT/cors.txt" | tr -d '\r')"
curl -s "$URL/sparql" > "$OUT/description.ttl"
grep -q 'sd:Service' "$OUT/description.ttl" || fail "no service description"
echo "curl service description -> sd:Service"

# SPARQLWrapper against `newsgraph query`, and the page in Chromium (the server holds the
# store, and `newsgraph query` reads it read-only beside it)
"$VENV/bin/python" scripts/validate_serve.py "$URL" "$NEWSGRAPH" "$STORE" "$OUT"
# the screenshot is a CI artifact; UPDATE_SCREENSHOT=1 refreshes the README's copy
if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then cp "$OUT/serve-page.png" docs/images/serve-page.png; fi

# load: 50 connections over the shipped queries
cat > "$OUT/load.lua" <<'LUA'
local bodies = {}
local i = 0
init = function(args)
  for _, path in ipairs(args) do
    local f = assert(io.open(path, "r")); local q = f:read("*a"); f:close()
    table.insert(bodies, "query=" .. q:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
  end
end
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/sparql", {["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/sparql-results+json"}, bodies[i])
end
LUA
wrk -t2 -c50 -d"${LOAD_SECONDS}s" --timeout 35s --latency -s "$OUT/load.lua" "$URL/sparql" -- "$PWD"/queries/*.rq > "$OUT/load.txt"
cat "$OUT/load.txt"
rps="$(awk '/^Requests\/sec/ {print $2}' "$OUT/load.txt")"
p99="$(awk '$1 == "99%" {print $2}' "$OUT/load.txt")"
non2xx="$(awk '/Non-2xx/ {print $NF}' "$OUT/load.txt")"
socket="$(awk -F'Socket errors: ' '/Socket errors/ {print $2}' "$OUT/load.txt")"
echo "load: 50 connections, ${LOAD_SECONDS} s, shipped queries: ${rps} requests/s, p99 ${p99}, non-2xx ${non2xx:-0}, socket errors: ${socket:-none}"
[ -z "$non2xx" ] || fail "$non2xx requests failed under load"
[ -z "$socket" ] || fail "socket errors under load: $socket"
# the server is still up
curl -sf -o /dev/null --data-urlencode "query=$SELECT" "$URL/sparql" || fail "the server does not answer after the load"
echo "validate_serve: ok"
