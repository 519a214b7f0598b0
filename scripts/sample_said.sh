#!/usr/bin/env bash
# Draws the fixed-seed sample of `said` statements from real news for the hand check of
# attribution: runs `extract --format jsonl` over CORPUS (default
# ../shared/datasets/realnews/bbc.jsonl), keeps every statement whose predicate is `said`, and
# draws N of them (default 100) with Python's random.Random(16), in corpus order.
#
#   bash scripts/sample_said.sh [N] > rows.tsv
#
# rows.tsv has the columns of docs/statement_check.tsv with offsets instead of text (the BBC text
# is research-only: never commit it): statement is ARTICLE#N, evidence the code point offsets of
# the evidence, the quote and the subject's words. READER=FILE also writes the rows with their
# text (sentence, quote, subject words), for the person judging them; do not commit that file.
# BIN overrides the binary (default: `cargo run`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
CORPUS=${CORPUS:-../shared/datasets/realnews/bbc.jsonl}
if [ -n "${BIN:-}" ]; then RUN=("$BIN"); else RUN=(cargo run --quiet --); fi
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"${RUN[@]}" extract "$CORPUS" --format jsonl --jobs 1 > "$OUT"
python3 - "$OUT" "$CORPUS" "$N" "${READER:-}" <<'PY'
import json, random, sys
out, corpus, n, reader = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
texts = {}
for line in open(corpus, encoding="utf-8"):
    d = json.loads(line)
    texts[d["id"]] = d["text"]
said = []
for line in open(out, encoding="utf-8"):
    d = json.loads(line)
    names = {e["key"]: e["name"] for e in d["entities"]}
    for i, s in enumerate(d["statements"]):
        if s["predicate"] == "said":
            said.append((d["id"], i, s, names))
keep = sorted(random.Random(16).sample(range(len(said)), min(n, len(said))))
cols = "statement\tsubject\tpredicate\tobject\ttargets\trule\tpolarity\tevidence\tcorrect\tnote"
print(cols)
rows = []
for k in keep:
    doc, i, s, names = said[k]
    off = lambda o: "" if o is None else f"{o[0]}-{o[1]}"
    ev = f"evidence {off(s['evidence_offsets'])}; quote {off(s['quote_offsets'])}; subject words {off(s.get('subject_offsets'))}"
    targets = " | ".join(names.get(t, t) for t in s["targets"])
    print(f"{doc}#{i}\t{names.get(s['subject'], s['subject'])}\tsaid\t\t{targets}\t{s['rule']}\t{s['polarity']}\t{ev}\t\t")
    rows.append((doc, i, s, names))
print(f"# {len(keep)} of {len(said)} said statements", file=sys.stderr)
if reader:
    with open(reader, "w", encoding="utf-8") as f:
        for doc, i, s, names in rows:
            t = texts[doc]
            cut = lambda o: "" if o is None else t[o[0]:o[1]]
            f.write(f"## {doc}#{i}  speaker: {names.get(s['subject'], s['subject'])}  rule: {s['rule']}  cue: {s['cue']}\n")
            f.write(f"subject words: {cut(s.get('subject_offsets'))}\nquote: {cut(s['quote_offsets'])}\nsentence: {s['sentence']}\n")
            e = s["evidence_offsets"]
            f.write(f"context: {t[max(0, e[0] - 300):e[1] + 200]}\n\n")
PY
