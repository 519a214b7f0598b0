"""Checks a running `newsgraph serve` with SPARQLWrapper and headless Chromium.

Usage: validate_serve.py URL NEWSGRAPH STORE OUT

SPARQLWrapper: every shipped query (SELECT, by GET and by POST), an ASK and a CONSTRUCT must
give what `newsgraph query` gives on the same store (rows compared as sorted lists of bound
values, triples as sets). Chromium (Selenium, Debian's chromedriver): the page at / runs an
example with its run button; the table must have rows, the graph frame must draw nodes, and
the page must report no error; the screenshot is OUT/serve-page.png.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import rdflib
from SPARQLWrapper import GET, JSON, N3, POST, SPARQLWrapper

URL, NEWSGRAPH, STORE, OUT = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
ROOT = Path(__file__).resolve().parent.parent


def cli(query, fmt):
    out = subprocess.run(
        [NEWSGRAPH, "query", query, "--format", fmt, "--store", STORE], check=True, capture_output=True
    )
    return out.stdout.decode()


def rows(results):
    variables = results["head"].get("vars", [])
    return sorted(
        json.dumps([results_term(b.get(v)) for v in variables]) for b in results["results"]["bindings"]
    )


def results_term(term):
    if term is None:
        return None
    return [term["type"].replace("typed-literal", "literal"), term["value"], term.get("datatype"), term.get("xml:lang")]


def endpoint(method):
    sparql = SPARQLWrapper(URL + "/sparql")
    sparql.setMethod(method)
    return sparql


failures = []
queries = sorted((ROOT / "queries").glob("*.rq"))
for i, path in enumerate(queries):
    text = path.read_text()
    sparql = endpoint(GET if i % 2 else POST)
    sparql.setQuery(text)
    sparql.setReturnFormat(JSON)
    got = rows(sparql.query().convert())
    expected = rows(json.loads(cli(text, "json")))
    status = "ok" if got == expected and got else "DIFFERENT"
    if status != "ok":
        failures.append(path.name)
    print(f"SPARQLWrapper {'GET ' if i % 2 else 'POST'} {path.name}: {len(got)} rows, newsgraph query {len(expected)}: {status}")

ask = "ASK { ?s a schema:Person }"
sparql = endpoint(GET)
sparql.setQuery(ask)
sparql.setReturnFormat(JSON)
got = sparql.query().convert()["boolean"]
expected = json.loads(cli(ask, "json"))["boolean"]
print(f"SPARQLWrapper ASK: {got}, newsgraph query {expected}")
if got != expected:
    failures.append("ASK")

construct = (
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s a ng:Statement ; ?p ?o }"
)
sparql = endpoint(POST)
sparql.setQuery(construct)
sparql.setReturnFormat(N3)  # Turtle
got = rdflib.Graph().parse(data=sparql.query().convert(), format="turtle")
expected = rdflib.Graph().parse(data=cli(construct, "ntriples"), format="nt")
print(f"SPARQLWrapper CONSTRUCT: {len(got)} triples, newsgraph query {len(expected)}")
if set(got) != set(expected) or not len(got):
    failures.append("CONSTRUCT")

# the page, in Chromium
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1400,1000"]:
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(URL + "/")
    example = "who_accused_or_criticised_whom"
    driver.find_element(By.CSS_SELECTOR, f'button.run[data-name="{example}"]').click()
    html = driver.find_element(By.TAG_NAME, "html")
    deadline = time.time() + 60
    while time.time() < deadline and (
        html.get_attribute("data-status") == "running" or html.get_attribute("data-graph-nodes") is None
    ):
        if html.get_attribute("data-status") == "error":
            break
        time.sleep(0.2)
    status = html.get_attribute("data-status")
    table_rows = len(driver.find_elements(By.CSS_SELECTOR, "table#results tr")) - 1
    nodes = int(html.get_attribute("data-graph-nodes") or 0)
    errors = html.get_attribute("data-errors")
    frame = driver.find_element(By.ID, "graph")
    canvases = 0
    if frame.is_displayed():
        driver.switch_to.frame(frame)
        canvases = len(driver.find_elements(By.TAG_NAME, "canvas"))
        frame_status = driver.find_element(By.TAG_NAME, "html").get_attribute("data-status")
        driver.switch_to.default_content()
    else:
        frame_status = "hidden"
    time.sleep(1)
    driver.save_screenshot(str(OUT / "serve-page.png"))
    print(
        f"Chromium: run {example}: status={status} rows={html.get_attribute('data-rows')} "
        f"table rows={table_rows} graph nodes={nodes} graph status={frame_status} canvases={canvases} errors={errors}"
    )
    if status != "ok" or table_rows < 1 or nodes < 1 or frame_status != "ok" or canvases < 1 or errors != "0":
        failures.append("page")
finally:
    driver.quit()

if failures:
    sys.exit("validate_serve.py: failed: " + ", ".join(failures))
print("validate_serve.py: ok")
