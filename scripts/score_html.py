#!/usr/bin/env python3
"""Main-text extraction scores on ../shared/datasets/html_pages, as trafilatura's evaluation does.

trafilatura's tests/comparison.py (evaluate_result, calculate_scores): for each page, every
`with` snippet found in the extracted text is a true positive, every one missing a false
negative; every `without` snippet found is a false positive, every one missing a true negative.
Counts are summed over all pages; precision = tp/(tp+fp), recall = tp/(tp+fn), F1 their
harmonic mean. A page with no output counts all its `with` snippets as false negatives.

Usage: score_html.py GOLD.json EXTRACTED.jsonl [--misses]
EXTRACTED.jsonl holds one object per page with its `text` and either `file` (the page's file
name, as in gold.json) or, as `newsgraph ingest PAGES_DIR` writes it, `id` (the file name
without `.html`).
"""
import json
import sys


def evaluate(text, item):
    tp = fn = fp = tn = 0
    if isinstance(text, str):
        for snippet in item["with"]:
            if snippet in text:
                tp += 1
            else:
                fn += 1
        for snippet in item["without"]:
            if snippet in text:
                fp += 1
            else:
                tn += 1
    else:
        fn += len(item["with"])
        tn += len(item["without"])
    return tp, fn, fp, tn


def main():
    gold_path, extracted_path = sys.argv[1], sys.argv[2]
    misses = "--misses" in sys.argv
    gold = json.load(open(gold_path, encoding="utf-8"))
    texts = {}
    for line in open(extracted_path, encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        name = row.get("file") or str(row.get("id")) + ".html"
        texts[name] = row.get("text")
    tp = fn = fp = tn = 0
    for name, item in sorted(gold.items()):
        text = texts.get(name)
        a, b, c, d = evaluate(text, item)
        tp, fn, fp, tn = tp + a, fn + b, fp + c, tn + d
        if misses and (b or c):
            print(f"{name}: missing {b} of {len(item['with'])} with, found {c} of {len(item['without'])} without")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (tp + tn) / (tp + tn + fp + fn)
    print(f"pages {len(gold)} extracted {sum(1 for n in gold if texts.get(n) is not None)}")
    print(f"tp {tp} fn {fn} fp {fp} tn {tn}")
    print(f"precision {precision:.3f} recall {recall:.3f} accuracy {accuracy:.3f} f1 {f1:.3f}")


if __name__ == "__main__":
    main()
