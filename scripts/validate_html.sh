#!/usr/bin/env bash
# Opens HTML exports in headless Chromium (Debian's chromium), as a user would from a file, and
# keeps what it saw: for each OUT/NAME.html, NAME.dom (the DOM after the layout, from
# --dump-dom), NAME.console (the page's console messages, from Chromium's log) and NAME.png (a
# 1200x800 screenshot). Writes one line per page to OUT/html.txt:
#   NAME status=ok nodes=N edges=M visible=V canvases=C errors=E console=K
# (status, nodes, edges, visible, canvases and errors are the data- attributes the page sets on
# <html> when its layout ends; console counts the console messages). validate_exports.py fails
# unless status is ok, nodes and edges equal newsgraph's counts, every node is drawn inside the
# window, and there are no errors and no console messages. Installs chromium with apt when it is
# missing. Usage: scripts/validate_html.sh OUT NAME...
set -euo pipefail
OUT="$1"; shift

CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "validate_html: installing chromium" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
  CHROMIUM="$(command -v chromium)"
fi

# a throwaway profile, no network (every host fails to resolve), virtual time for the layout
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
chromium_run() {
  timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$PROFILE" --host-resolver-rules="MAP * ~NOTFOUND" \
    --enable-logging=stderr --v=0 --virtual-time-budget=15000 --window-size=1200,800 "$@"
}

: > "$OUT/html.txt"
for name in "$@"; do
  page="$(realpath "$OUT/$name.html")"
  chromium_run --dump-dom "file://$page" > "$OUT/$name.dom" 2> "$OUT/$name.stderr"
  chromium_run --screenshot="$OUT/$name.png" "file://$page" > /dev/null 2>> "$OUT/$name.stderr"
  # console messages of both runs are logged as INFO:CONSOLE lines
  grep -F ':CONSOLE' "$OUT/$name.stderr" > "$OUT/$name.console" || true
  [ -s "$OUT/$name.png" ] || { echo "validate_html: no screenshot of $name.html" >&2; exit 1; }
  html_tag="$(grep -o -m1 '<html[^>]*>' "$OUT/$name.dom" || true)"
  attr() { sed -n "s/.* data-$1=\"\([^\"]*\)\".*/\1/p" <<< "$html_tag"; }
  echo "$name status=$(attr status) nodes=$(attr nodes) edges=$(attr edges) visible=$(attr visible)" \
    "canvases=$(attr canvases) errors=$(attr errors) console=$(wc -l < "$OUT/$name.console")" >> "$OUT/html.txt"
  # show what went wrong on the page
  NAME="$name" perl -0ne 'print "$ENV{NAME}.html: $1\n" if /<pre id="errors">(.*?)<\/pre>/s' "$OUT/$name.dom" >&2
  cat "$OUT/$name.console" >&2
done
