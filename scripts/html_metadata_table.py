#!/usr/bin/env python3
"""A table for checking by hand the title and date newsgraph reads from web pages.

For each page: the title and date `newsgraph ingest` gave, beside what the page shows a reader
(its first <h1>, the text of its first <time> element and the first date written near the top
of the visible text) and what trafilatura found, so that a person can judge each row quickly.
Needs lxml (the venv of scripts/bench/trafilatura_pages.py has it).

Usage: html_metadata_table.py PAGES_DIR INGESTED.jsonl [TRAFILATURA.jsonl] > table.tsv
"""
import json
import os
import re
import sys

from lxml import html as lhtml

MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE = re.compile(
    rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b",
    re.I,
)


def squeeze(s):
    return re.sub(r"\s+", " ", s or "").strip()


def main():
    folder, ingested = sys.argv[1], sys.argv[2]
    ours = {}
    for line in open(ingested, encoding="utf-8"):
        row = json.loads(line)
        ours[row["id"] + ".html"] = row
    theirs = {}
    if len(sys.argv) > 3:
        for line in open(sys.argv[3], encoding="utf-8"):
            row = json.loads(line)
            theirs[row["file"]] = row
    print("page\tours_title\th1\tours_date\tshown_dates\ttrafilatura_title\ttrafilatura_date")
    for name in sorted(os.listdir(folder)):
        tree = lhtml.fromstring(open(os.path.join(folder, name), "rb").read())
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        h1 = next((squeeze(h.text_content()) for h in tree.xpath("//h1") if squeeze(h.text_content())), "")
        shown = [squeeze(t.text_content()) for t in tree.xpath("//time") if squeeze(t.text_content())][:2]
        body = tree.xpath("//body")
        text = squeeze(body[0].text_content()) if body else ""
        if h1 and h1 in text:
            text = text[max(0, text.index(h1) - 300):]
        shown += [m.group(0) for m in DATE.finditer(text[:3000])][:3]
        row = ours.get(name, {})
        t = theirs.get(name, {})
        print("\t".join([name, squeeze(row.get("title")), h1[:150], row.get("date") or "", " | ".join(shown),
                         squeeze(t.get("title")), t.get("date") or ""]))


if __name__ == "__main__":
    main()
