"""Checks the exports written by validate_exports.sh with their consumers' own readers.

Prints one line per check and "N passed, M failed"; exits 1 when a check fails.
"""

import csv
import json
import re
import sys
from pathlib import Path

import networkx as nx
import rdflib

out = Path(sys.argv[1])
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")


counts = {}
for line in (out / "counts.txt").read_text().splitlines():
    m = re.match(r"(\S+) wrote (\d+) entities and (\d+) edges", line)
    if m:
        counts[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    else:
        check(f"export message {line!r}", False)

# networkx reads GraphML and GEXF with the same counts, and computes the same PageRank
for fmt, reader in [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)]:
    for variant, suffix in [(fmt, ""), (f"{fmt}-aggregate", "-aggregate")]:
        g = reader(out / f"graph{suffix}.{fmt}")
        got = (g.number_of_nodes(), g.number_of_edges())
        check(f"networkx reads {variant}", got == counts[variant], f"{got} vs newsgraph {counts[variant]}")
        if fmt == "graphml":
            # PageRank over the statement edges: in the aggregated file an edge weighs its number
            ranks = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
            worst = max(abs(ranks[n] - d["pagerank"]) for n, d in g.nodes(data=True))
            check(f"networkx PageRank on {variant}", worst < 1e-6, f"largest difference {worst:.2e}")

# rdflib parses every RDF export
for fmt, parser in [
    ("turtle", "turtle"),
    ("ntriples", "nt"),
    ("nquads", "nquads"),
    ("trig", "trig"),
    ("rdfxml", "xml"),
    ("jsonld", "json-ld"),
]:
    path = out / f"graph.{fmt}"
    try:
        if fmt in ("nquads", "trig", "jsonld"):  # datasets: one named graph per article
            d = rdflib.Dataset()
            d.parse(path, format=parser)
            n = sum(1 for _ in d.quads((None, None, None, None)))
        else:
            g = rdflib.Graph()
            g.parse(path, format=parser)
            n = len(g)
        check(f"rdflib parses {fmt}", n > 1000, f"{n} statements")
    except Exception as e:  # noqa: BLE001 - any parse error fails the check
        check(f"rdflib parses {fmt}", False, str(e)[:300])
lines = sum(1 for _ in open(out / "graph.ntriples", encoding="utf-8"))
check("N-Triples: rdflib has one triple per line", len(rdflib.Graph().parse(out / "graph.ntriples", format="nt")) == lines)

# Graphviz rendered without a warning (checked by the shell script): one SVG node per entity
for name, variant in [("graph", "dot"), ("graph-aggregate", "dot-aggregate"), ("estonia", "dot-around")]:
    svg = (out / f"{name}.svg").read_text(encoding="utf-8")
    nodes, edges = svg.count('class="node"'), svg.count('class="edge"')
    check(f"dot -Tsvg {name}.dot", (nodes, edges) == counts[variant], f"{(nodes, edges)} vs {counts[variant]}")

# Cytoscape.js JSON
for variant, suffix in [("cytoscape", ""), ("cytoscape-aggregate", "-aggregate")]:
    doc = json.loads((out / f"graph{suffix}.cytoscape").read_text(encoding="utf-8"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    ids = {n["data"]["id"] for n in nodes}
    ends_ok = all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    check(f"cytoscape {variant}", (len(nodes), len(edges)) == counts[variant] and ends_ok)

# Neo4j CSV: headers as neo4j-admin expects them, every edge end a node
with open(out / "csv/nodes.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
head, nodes = rows[0], rows[1:]
typed = all(re.fullmatch(r"[a-z_]+(:(int|double|date|string\[\]))?", h) for h in head[2:])
check("neo4j nodes.csv header", head[:2] == ["id:ID", ":LABEL"] and typed and "pagerank:double" in head, ",".join(head))
ids = {r[0] for r in nodes}
with open(out / "csv/edges.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
head, edges = rows[0], rows[1:]
check("neo4j edges.csv header", head[:3] == [":START_ID", ":END_ID", ":TYPE"], ",".join(head))
missing = [r for r in edges if r[0] not in ids or r[1] not in ids]
check("neo4j every :START_ID and :END_ID is a node", not missing and (len(nodes), len(edges)) == counts["csv"], f"{len(missing)} missing")
check("neo4j :TYPE is upper snake case", all(re.fullmatch(r"[A-Z_]+", r[2]) for r in edges))

# HTML view in headless Chromium (validate_html.sh): the layout ended, every node is drawn
# inside the window, no error and no console message
for line in (out / "html.txt").read_text().splitlines():
    name, *fields = line.split()
    f = dict(x.split("=", 1) for x in fields)
    variant = "html" if name == "graph" else f"html-{name}"
    got = (int(f["nodes"] or 0), int(f["edges"] or 0))
    check(
        f"chromium draws {name}.html",
        f["status"] == "ok" and got == counts[variant] and got[0] > 0 and f["visible"] == f["nodes"] and int(f["canvases"] or 0) > 0,
        f"status {f['status'] or 'missing'}, {got} vs newsgraph {counts[variant]}, {f['visible']} drawn in the window",
    )
    check(f"chromium {name}.html: no errors, no console messages", f["errors"] == "0" and f["console"] == "0", f"{f['errors']} errors, {f['console']} console messages")

failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
