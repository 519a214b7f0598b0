#!/usr/bin/env python3
"""Make a JSONL benchmark corpus from the example articles.

Reads every data/examples/*.txt (sorted by name; the first non-empty line is the headline)
and writes one JSON object per line, {"id", "title", "text"}, where text is the whole file
content and id is "<stem>-<n>" (n = 1, 2, ... the repetition round). The examples are
repeated, round by round, until the total size of the "text" fields (UTF-8 bytes) reaches at
least --mb megabytes (1 MB = 1,000,000 bytes). The output is deterministic: the same
examples and the same --mb give a byte-identical file.

Usage:
  python3 scripts/bench/make_corpus.py [--mb 5] [--examples data/examples] OUT.jsonl

Prints a one-line summary (articles, text bytes, whitespace words) to stderr.
"""
import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def load_examples(folder):
    examples = []
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        if not title:
            continue  # an empty file is not an article
        examples.append((path.stem, title, text))
    return examples


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="minimum total text size in MB (10^6 bytes); default 5")
    ap.add_argument("--examples", default=str(REPO / "data" / "examples"), help="folder of .txt articles")
    ap.add_argument("output", help="the JSONL file to write")
    a = ap.parse_args()
    if a.mb <= 0:
        ap.error("--mb must be positive")

    examples = load_examples(a.examples)
    if not examples:
        sys.exit("no non-empty .txt files in %s" % a.examples)

    target = int(a.mb * 1_000_000)
    total_bytes = total_words = articles = 0
    n = 0
    with open(a.output, "w", encoding="utf-8", newline="\n") as out:
        while total_bytes < target:
            n += 1
            for stem, title, text in examples:
                if total_bytes >= target:
                    break
                record = {"id": "%s-%d" % (stem, n), "title": title, "text": text}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                total_bytes += len(text.encode("utf-8"))
                total_words += len(text.split())
                articles += 1
    print(
        "corpus %s: %d articles, %d text bytes (%.2f MB), %d words, from %d examples"
        % (a.output, articles, total_bytes, total_bytes / 1e6, total_words, len(examples)),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
