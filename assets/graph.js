// The newsgraph HTML view: draws the graph JSON of #graph-data with cytoscape.js and wires up
// the search box, the type and predicate filters and the details panel. The layout is
// concentric then cose without randomising or animating: no random numbers, the same picture
// every time. When it ends, <html> gets data-status="ok", data-nodes, data-edges and
// data-visible (nodes drawn inside the window).
(function () {
  "use strict";
  var root = document.documentElement;
  var errors = document.getElementById("errors");
  if (window.newsgraphErrors.length) { errors.textContent = window.newsgraphErrors.join("\n"); errors.hidden = false; }

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.elements.nodes, edges = data.elements.edges;
  var colours = {};
  data.types.forEach(function (t) { colours[t.slug] = t.colour; });
  var ranks = nodes.map(function (n) { return n.data.pagerank || 0; });
  var lo = ranks.length ? Math.min.apply(null, ranks) : 0;
  var hi = ranks.length ? Math.max.apply(null, ranks) : 0;
  nodes.forEach(function (n) {
    n.data.slug = n.classes;
    n.data.colour = colours[n.classes] || "#888888";
    n.data.size = 14 + 46 * Math.sqrt(((n.data.pagerank || 0) - lo) / (hi - lo || 1));
  });

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: data.elements,
    layout: { name: "preset" },
    minZoom: 0.05,
    maxZoom: 6,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
        color: "#222", "text-outline-color": "#fff", "text-outline-width": 2,
        "min-zoomed-font-size": 4, "border-width": 1, "border-color": "#fff" } },
      { selector: "edge", style: {
        width: "mapData(weight, 1, 10, 1, 6)", "line-color": "#bbb", "target-arrow-color": "#bbb",
        "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", opacity: 0.85 } },
      { selector: "edge[role = 'target']", style: { "line-style": "dashed" } },
      { selector: "edge[negated > 0]", style: { "line-color": "#E15759", "target-arrow-color": "#E15759" } },
      { selector: "edge.near", style: {
        label: "data(label)", "font-size": 9, "text-rotation": "autorotate", "line-color": "#555",
        "target-arrow-color": "#555", "text-background-color": "#fff", "text-background-opacity": 0.85 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#EDC948" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#222" } },
      { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0 } },
      { selector: ".off", style: { display: "none" } }
    ]
  });

  // ---- the details panel
  var details = document.getElementById("details");
  var byId = {};
  nodes.forEach(function (n) { byId[n.data.id] = n.data; });
  function order(e) { return parseInt(String(e.id()).slice(1), 10); }

  function statement(edge) {
    var d = edge.data();
    var div = el("div", null, { "class": "statement" });
    var head = el("div");
    head.appendChild(el("b", (byId[d.source] || {}).label));
    head.appendChild(document.createTextNode(" " + d.label + " "));
    head.appendChild(el("b", (byId[d.target] || {}).label));
    div.appendChild(head);
    var when = d.first_date ? (d.first_date === d.last_date ? d.first_date : d.first_date + " to " + d.last_date) : "undated";
    var facts = [when];
    if (d.negated) { facts.push(d.negated + " negated"); }
    if (d.cameo) { facts.push("CAMEO " + d.cameo); }
    div.appendChild(el("div", facts.join(" · "), { "class": "muted" }));
    if (d.quote) { div.appendChild(el("blockquote", d.quote)); }
    var cites = el("div", "Articles: ", { "class": "muted" });
    (d.articles || []).forEach(function (id, i) {
      var a = data.articles[id] || {};
      var url = safeUrl(a.url);
      var link = el(url ? "a" : "span", id, { title: [a.title, a.date].filter(Boolean).join(", ") });
      if (url) { link.setAttribute("href", url); link.setAttribute("target", "_blank"); link.setAttribute("rel", "noopener"); }
      if (i) { cites.appendChild(document.createTextNode(", ")); }
      cites.appendChild(link);
      if (a.title) { cites.appendChild(document.createTextNode(" (" + a.title + ")")); }
    });
    div.appendChild(cites);
    return div;
  }

  function showNode(node) {
    var d = node.data();
    details.replaceChildren();
    details.appendChild(el("h2", d.label));
    var facts = [d.type, d.mentions + " mentions", d.articles + " articles", "PageRank " + d.pagerank, "community " + d.community];
    details.appendChild(el("div", facts.join(" · "), { "class": "muted" }));
    if (d.wikidata) {
      details.appendChild(el("a", "Wikidata " + d.wikidata, { href: "https://www.wikidata.org/wiki/" + encodeURIComponent(d.wikidata), target: "_blank", rel: "noopener" }));
    }
    if (d.aliases && d.aliases.length) { details.appendChild(el("div", "Also: " + d.aliases.join(", "), { "class": "muted" })); }
    var statements = node.connectedEdges().sort(function (a, b) { return order(a) - order(b); });
    details.appendChild(el("h3", "Statements (" + statements.length + ")"));
    statements.forEach(function (e) { details.appendChild(statement(e)); });
  }

  function focus(eles) {
    cy.batch(function () {
      cy.elements().removeClass("near").addClass("faded");
      eles.removeClass("faded");
      eles.edges().addClass("near");
    });
  }
  function clearFocus() { cy.elements().removeClass("faded near"); }

  cy.on("tap", "node", function (evt) {
    var node = evt.target;
    focus(node.closedNeighborhood());
    showNode(node);
  });
  cy.on("tap", "edge", function (evt) {
    var edge = evt.target;
    focus(edge.union(edge.connectedNodes()));
    details.replaceChildren(el("h3", "Statement"), statement(edge));
  });
  cy.on("tap", function (evt) {
    if (evt.target === cy) { clearFocus(); details.replaceChildren(); }
  });

  // ---- filters
  var typeOn = {}, predicateOn = {};
  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) { n.toggleClass("off", !typeOn[n.data("slug")]); });
      cy.edges().forEach(function (e) {
        var off = !predicateOn[e.data("predicate")] || e.source().hasClass("off") || e.target().hasClass("off");
        e.toggleClass("off", off);
      });
    });
    counts();
  }
  function checkbox(fieldset, name, count, on, colour) {
    var label = el("label");
    var box = el("input", null, { type: "checkbox" });
    box.checked = true;
    box.addEventListener("change", function () { on[name] = box.checked; applyFilters(); });
    on[name] = true;
    label.appendChild(box);
    if (colour) { label.appendChild(el("span", null, { "class": "swatch", style: "background:" + colour })); }
    label.appendChild(document.createTextNode(name + " (" + count + ")"));
    fieldset.appendChild(label);
    return box;
  }
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    checkbox(typesBox, t.slug, cy.nodes("." + t.slug).length, typeOn, t.colour);
  });
  var predicatesBox = document.getElementById("predicates");
  var predicateBoxes = data.predicates.map(function (p) {
    var n = cy.edges().filter(function (e) { return e.data("predicate") === p; }).length;
    return checkbox(predicatesBox, p, n, predicateOn);
  });
  function setPredicates(on) {
    predicateBoxes.forEach(function (box) { box.checked = on; });
    data.predicates.forEach(function (p) { predicateOn[p] = on; });
    applyFilters();
  }
  document.getElementById("predicates-all").addEventListener("click", function () { setPredicates(true); });
  document.getElementById("predicates-none").addEventListener("click", function () { setPredicates(false); });
  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.elements().not(".off"), 30); });

  function counts() {
    var shown = cy.nodes().not(".off").length, links = cy.edges().not(".off").length;
    document.getElementById("counts").textContent =
      shown + " of " + nodes.length + " entities, " + links + " of " + edges.length + " edges shown";
  }

  // ---- search
  var search = document.getElementById("search");
  var matchesLine = document.getElementById("matches");
  function matching(q) {
    return cy.nodes().not(".off").filter(function (n) {
      var names = [n.data("label")].concat(n.data("aliases") || []);
      return names.some(function (s) { return String(s).toLowerCase().indexOf(q) >= 0; });
    });
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    cy.nodes().removeClass("match");
    if (!q) { matchesLine.textContent = ""; clearFocus(); return; }
    var found = matching(q);
    found.addClass("match");
    focus(found.union(found.edgesWith(found)));
    matchesLine.textContent = found.length + " match" + (found.length === 1 ? "" : "es") +
      (found.length ? ": " + found.map(function (n) { return n.data("label"); }).slice(0, 8).join(", ") : "");
  });
  search.addEventListener("keydown", function (evt) {
    if (evt.key !== "Enter") { return; }
    var q = search.value.trim().toLowerCase();
    var found = q ? matching(q) : cy.collection();
    if (!found.length) { return; }
    var node = found[0];
    cy.elements().unselect();
    node.select();
    focus(node.closedNeighborhood());
    showNode(node);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
  });

  // ---- layout, then the status a headless browser reads
  cy.layout({ name: "concentric", animate: false, fit: false, minNodeSpacing: 12 }).run();
  var layout = cy.layout({
    name: "cose", randomize: false, animate: false, fit: true, padding: 30,
    idealEdgeLength: function () { return 50; }, nodeRepulsion: function () { return 30000; },
    nodeOverlap: 10, gravity: 1, numIter: 1000, componentSpacing: 30
  });
  layout.one("layoutstop", function () {
    var w = cy.width(), h = cy.height();
    var visible = cy.nodes().filter(function (n) {
      var b = n.renderedBoundingBox();
      return b.w > 0 && b.x2 > 0 && b.y2 > 0 && b.x1 < w && b.y1 < h;
    }).length;
    root.setAttribute("data-nodes", String(cy.nodes().length));
    root.setAttribute("data-edges", String(cy.edges().length));
    root.setAttribute("data-visible", String(visible));
    root.setAttribute("data-canvases", String(document.querySelectorAll("#cy canvas").length));
    root.setAttribute("data-status", "ok");
  });
  counts();
  layout.run();
})();
