#!/usr/bin/env python3
"""Draws fixed-seed samples of statements from `extract --format jsonl` output for hand checks.

    python3 scripts/sample_real.py OUT.jsonl CORPUS.jsonl --seed S GROUP:N [GROUP:N ...] [--reader FILE]

Groups: `said` (speech), `event` (every other predicate with a CAMEO code), `affiliation`
(worksFor, leaderOf, spokespersonOf, memberOf), `place` (basedIn, locatedIn, livesIn,
nationality). Each group is drawn apart with Python's random.Random(S), in corpus order, and
printed with the columns of docs/statement_check.tsv, offsets instead of text (real news is
research-only: never commit its text). `--reader FILE` writes the rows with their text for the
person judging them; do not commit that file.
"""
import argparse
import json
import random

AFFILIATION = {"worksFor", "leaderOf", "spokespersonOf", "memberOf"}
PLACE = {"basedIn", "locatedIn", "livesIn", "nationality"}


def group_of(statement):
    p = statement["predicate"]
    if p == "said":
        return "said"
    if p in AFFILIATION:
        return "affiliation"
    if p in PLACE:
        return "place"
    return "event"


def span(o):
    return "" if o is None else f"{o[0]}-{o[1]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("corpus")
    ap.add_argument("groups", nargs="+")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--reader")
    args = ap.parse_args()
    wanted = [(g.split(":")[0], int(g.split(":")[1])) for g in args.groups]
    pools = {g: [] for g, _ in wanted}
    words = 0
    for line in open(args.out, encoding="utf-8"):
        d = json.loads(line)
        names = {e["key"]: e["name"] for e in d["entities"]}
        for i, s in enumerate(d["statements"]):
            g = group_of(s)
            if g in pools:
                pools[g].append((d["id"], i, s, names))
    print("statement\tsubject\tpredicate\tobject\ttargets\trule\tpolarity\tevidence\tcorrect\tnote")
    drawn = []
    for g, n in wanted:
        pool = pools[g]
        keep = sorted(random.Random(args.seed).sample(range(len(pool)), min(n, len(pool))))
        for k in keep:
            doc, i, s, names = pool[k]
            obj = names.get(s["object"], s["object"] or "")
            ev = (f"evidence {span(s['evidence_offsets'])}; quote {span(s['quote_offsets'])}; "
                  f"subject words {span(s.get('subject_offsets'))}")
            if g != "said":
                ev += f"; object words {span(s.get('object_offsets'))}"
            targets = " | ".join(names.get(t, t) for t in s["targets"])
            print(f"{doc}#{i}\t{names.get(s['subject'], s['subject'])}\t{s['predicate']}\t{obj}\t"
                  f"{targets}\t{s['rule']}\t{s['polarity']}\t{ev}\t\t")
            drawn.append((g, doc, i, s, names))
        print(f"# {g}: {len(keep)} of {len(pool)} statements", file=__import__("sys").stderr)
    if args.reader:
        write_reader(args.reader, args.corpus, drawn)


def write_reader(path, corpus, drawn):
    texts = {}
    for line in open(corpus, encoding="utf-8"):
        d = json.loads(line)
        texts[d["id"]] = d["text"]
    with open(path, "w", encoding="utf-8") as f:
        for g, doc, i, s, names in drawn:
            t = texts[doc]
            cut = lambda o: "" if o is None else t[o[0]:o[1]]
            obj = names.get(s["object"], s["object"] or "-")
            f.write(f"## {doc}#{i}  [{g}] {names.get(s['subject'], s['subject'])} --{s['predicate']}"
                    f"--> {obj}  rule: {s['rule']}  cue: {s['cue']}  polarity: {s['polarity']}\n")
            f.write(f"subject words: {cut(s.get('subject_offsets'))}\n"
                    f"object words: {cut(s.get('object_offsets'))}\n")
            if s["quote_offsets"]:
                f.write(f"quote: {cut(s['quote_offsets'])}\n")
            if s["targets"]:
                f.write(f"targets: {' | '.join(names.get(x, x) for x in s['targets'])}\n")
            f.write(f"sentence: {s['sentence']}\n")
            e = s["evidence_offsets"]
            f.write(f"context: {t[max(0, e[0] - 300):e[1] + 200]}\n\n")


if __name__ == "__main__":
    main()
