// The newsgraph serve page: the examples, the CodeMirror editor, running a query against
// /sparql, the results table (or the RDF text), and the graph of the entities the result names
// by IRI or by name (the HTML export's view, from POST /graph, in a frame). <html> gets data-status (running, ok,
// error), data-rows and data-graph-nodes for headless checks.
(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var box = document.getElementById("results-box");
  var table = document.getElementById("results");
  var rdf = document.getElementById("rdf");
  var frame = document.getElementById("graph");

  var editor = CodeMirror.fromTextArea(document.getElementById("query"), {
    mode: "application/sparql-query",
    lineNumbers: true,
    indentUnit: 2,
    extraKeys: { "Ctrl-Enter": run, "Cmd-Enter": run }
  });

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function shorten(iri) {
    var best = null;
    Object.keys(data.prefixes).forEach(function (p) {
      var ns = data.prefixes[p];
      if (iri.indexOf(ns) === 0 && (!best || ns.length > best.ns.length)) { best = { p: p, ns: ns }; }
    });
    return best ? best.p + ":" + iri.slice(best.ns.length) : iri;
  }

  var list = document.getElementById("examples");
  data.examples.forEach(function (ex) {
    var li = el("li", null, { "data-name": ex.name });
    var load = el("a", ex.title, { title: ex.name + ".rq", "class": "load" });
    load.addEventListener("click", function () { editor.setValue(ex.query); });
    var button = el("button", "run", { type: "button", "class": "run", "data-name": ex.name });
    button.addEventListener("click", function () { editor.setValue(ex.query); run(); });
    li.appendChild(button);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(load);
    list.appendChild(li);
  });
  if (data.examples.length) { editor.setValue(data.examples[0].query); }
  document.getElementById("run").addEventListener("click", run);

  function setStatus(status, text) {
    root.setAttribute("data-status", status);
    statusEl.textContent = text;
  }

  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    setStatus("error", "failed");
  }

  function cell(term) {
    if (!term) { return el("td", ""); }
    if (term.type === "uri") { return el("td", shorten(term.value), { title: term.value }); }
    var td = el("td", term.value);
    if (term["xml:lang"]) { td.title = "@" + term["xml:lang"]; } else if (term.datatype) { td.title = shorten(term.datatype); }
    return td;
  }

  function showSolutions(json) {
    table.textContent = "";
    rdf.hidden = true;
    table.hidden = false;
    var iris = [];
    if (json.boolean !== undefined) {
      table.appendChild(el("tr")).appendChild(el("th", "ASK"));
      table.appendChild(el("tr")).appendChild(el("td", String(json.boolean)));
      root.setAttribute("data-rows", "1");
      return iris;
    }
    var vars = json.head.vars;
    var head = table.appendChild(el("tr"));
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    json.results.bindings.forEach(function (b) {
      var tr = table.appendChild(el("tr"));
      vars.forEach(function (v) {
        tr.appendChild(cell(b[v]));
        // entity IRIs, and short plain literals that may be entity names
        var t = b[v];
        if (t && (t.type === "uri" || (t.type === "literal" && !t.datatype && t.value.length <= 80 && t.value.indexOf("\n") < 0))) {
          iris.push(t.value);
        }
      });
    });
    root.setAttribute("data-rows", String(json.results.bindings.length));
    return iris;
  }

  function showTriples(text) {
    table.hidden = true;
    rdf.hidden = false;
    rdf.textContent = text;
    var lines = text.split("\n").filter(function (l) { return l.trim() !== ""; });
    root.setAttribute("data-rows", String(lines.length));
    var iris = [];
    var re = /<([^>\s]*)>/g, m;
    while ((m = re.exec(text)) !== null) { iris.push(m[1]); }
    return iris;
  }

  function showGraph(all) {
    root.removeAttribute("data-graph-nodes");
    var seen = {}, iris = all.filter(function (x) { return seen.hasOwnProperty(x) ? false : (seen[x] = true); });
    if (!iris.length) { frame.hidden = true; root.setAttribute("data-graph-nodes", "0"); return; }
    return fetch("graph", { method: "POST", headers: { "Content-Type": "text/plain" }, body: iris.join("\n") })
      .then(function (r) {
        if (!r.ok) { return r.text().then(function (t) { throw new Error(t); }); }
        var nodes = Number(r.headers.get("X-Newsgraph-Nodes") || "0");
        return r.text().then(function (html) {
          if (!nodes) { frame.hidden = true; root.setAttribute("data-graph-nodes", "0"); return; }
          frame.hidden = false;
          frame.onload = function () { waitForLayout(0); };
          frame.srcdoc = html;
        });
      });
  }

  // the graph view sets data-status="ok" and data-nodes on its own <html> when its layout ends
  function waitForLayout(tries) {
    var doc = frame.contentDocument;
    var status = doc && doc.documentElement.getAttribute("data-status");
    if (status === "ok") {
      root.setAttribute("data-graph-nodes", doc.documentElement.getAttribute("data-nodes") || "0");
    } else if (tries < 200) {
      setTimeout(function () { waitForLayout(tries + 1); }, 50);
    }
  }

  function run() {
    var query = editor.getValue();
    errorEl.hidden = true;
    setStatus("running", "running…");
    root.removeAttribute("data-rows");
    var started = Date.now();
    fetch("sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9"
      },
      body: new URLSearchParams({ query: query }).toString()
    })
      .then(function (r) {
        return r.text().then(function (text) {
          if (!r.ok) { throw new Error(r.status + " " + r.statusText + ": " + text); }
          box.hidden = false;
          var type = r.headers.get("Content-Type") || "";
          var iris = type.indexOf("json") >= 0 ? showSolutions(JSON.parse(text)) : showTriples(text);
          var rows = root.getAttribute("data-rows");
          setStatus("ok", rows + (rows === "1" ? " row" : " rows") + " in " + (Date.now() - started) + " ms");
          return showGraph(iris);
        });
      })
      .catch(function (e) { showError(String(e.message || e)); });
  }
})();
