#!/usr/bin/env python3
"""Make a SYNTHETIC JSONL benchmark corpus from whole sentences of the datasets' train splits.

Every train.jsonl under ../shared/datasets (one object per document with "text") is split into
sentences (a full stop, question or exclamation mark followed by white space and a capital
letter, or a line break). The sentences are pooled, shuffled with a fixed seed, and dealt out
into articles of 12 to 40 sentences (a fixed-seed draw), each with a headline made of its first
sentence's first words, an id "synthetic-<n>" and "synthetic": true. Articles are written until
there are at least --articles of them and at least --mb megabytes of text (10^6 bytes of UTF-8);
the sentence pool is reused round by round when it runs out.

The corpus is synthetic (sentences of unrelated documents side by side) and some of its sources
are licensed for research only (CoNLL-2003, CoNLL04, re3d's BBC documents): write it to a
temporary folder and never commit it. Deterministic: the same datasets, seed and sizes give a
byte-identical file.

Usage:
  python3 scripts/bench/make_synthetic_corpus.py [--articles 20000] [--mb 50] [--seed 7] OUT.jsonl
"""
import argparse
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")


def sentences(datasets):
    pool = []
    for path in sorted(Path(datasets).glob("*/train.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text", "")
                for s in SPLIT.split(text):
                    s = " ".join(s.split())
                    if len(s.split()) >= 4:
                        pool.append(s)
    return pool


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--datasets", default=str(REPO.parent / "shared" / "datasets"))
    ap.add_argument("output")
    a = ap.parse_args()
    pool = sentences(a.datasets)
    if not pool:
        sys.exit(f"no sentences under {a.datasets}")
    rng = random.Random(a.seed)
    order = list(range(len(pool)))
    rng.shuffle(order)
    target = int(a.mb * 1_000_000)
    size = words = n = i = 0
    with open(a.output, "w", encoding="utf-8") as out:
        while n < a.articles or size < target:
            k = rng.randint(12, 40)
            body = []
            for _ in range(k):
                if i == len(order):
                    rng.shuffle(order)
                    i = 0
                body.append(pool[order[i]])
                i += 1
            title = " ".join(body[0].split()[:8])
            text = title + "\n\n" + " ".join(body)
            n += 1
            out.write(json.dumps({"id": f"synthetic-{n}", "title": title, "text": text, "synthetic": True},
                                 ensure_ascii=False) + "\n")
            size += len(text.encode("utf-8"))
            words += len(text.split())
    print(f"synthetic corpus: {n} articles, {size / 1e6:.1f} MB of text, {words} words, "
          f"{len(pool)} distinct sentences, seed {a.seed}", file=sys.stderr)


if __name__ == "__main__":
    main()
