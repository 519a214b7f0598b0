#!/usr/bin/env python3
"""trafilatura (Python) over a folder of HTML pages, in one process: one JSON line per page
(`file`, `text`, `title`, `date`) on standard output, the wall time on standard error.

Usage: trafilatura_pages.py PAGES_DIR > out.jsonl
"""
import json
import os
import sys
import time

import trafilatura


def main():
    folder = sys.argv[1]
    names = sorted(n for n in os.listdir(folder) if n.endswith((".html", ".htm")))
    start = time.perf_counter()
    rows = []
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        doc = trafilatura.bare_extraction(data, with_metadata=True)
        if doc is None:
            rows.append({"file": name, "text": None, "title": None, "date": None})
            continue
        rows.append({"file": name, "text": doc.text, "title": doc.title, "date": doc.date})
    elapsed = time.perf_counter() - start
    for row in rows:
        print(json.dumps(row))
    print(f"trafilatura {trafilatura.__version__}: {len(names)} pages in {elapsed:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
