/* sockg view: legend, search, tooltips, details panel and neighbourhood
 * highlight around a vis-network drawing.
 *
 * Every string that came from the graph is put into the page with
 * textContent (or as a form value through the DOM): nothing from the data is
 * ever parsed as HTML. The data arrives as JSON in script blocks of type
 * application/json written by sockg.views.render.
 *
 * window.sockgView exposes the network and a few functions, for tests and for
 * anyone scripting the page.
 */
(function () {
  "use strict";

  function readJSON(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function clip(text, n) {
    text = String(text);
    return text.length > n ? text.slice(0, n - 1) + "\u2026" : text;
  }

  function norm(s) {
    return String(s).toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").trim().replace(/^the /, "");
  }

  var info = readJSON("sockg-info");
  var options = readJSON("sockg-options");
  var nodes = new vis.DataSet(readJSON("sockg-nodes"));
  var edges = new vis.DataSet(readJSON("sockg-edges"));
  var container = document.getElementById("sockg-graph");
  var wrap = document.getElementById("sockg-graph-wrap");
  var tooltip = document.getElementById("sockg-tooltip");
  var statusLine = document.getElementById("sockg-status");
  var details = document.getElementById("sockg-details");
  var physicsBox = document.getElementById("sockg-physics");

  var hiddenClasses = {};

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  var api = window.sockgView = {
    network: network, nodes: nodes, edges: edges, info: info,
    stabilised: false, stabilisedAt: null, selected: null,
    find: find, focusNode: focusNode, showNode: showNode, showEdge: showEdge,
    highlight: highlight, reset: reset, tooltipFor: tooltipFor, highlighted: null
  };

  // ------------------------------------------------------------ header, counts
  document.getElementById("sockg-title").textContent = info.title;

  function renderShown() {
    var dl = document.getElementById("sockg-shown");
    dl.textContent = "";
    var visible = 0;
    nodes.forEach(function (n) { if (!n.hidden) { visible += 1; } });
    var s = info.summary;
    var rows = [
      ["Nodes", visible + (visible !== s.nodes ? " of " + s.nodes + " drawn" : "") +
        (s.nodes !== s.total_nodes ? " (the source has " + s.total_nodes + ")" : "")],
      ["Relations", s.edges + (s.edges !== s.total_edges ? " (the source has " + s.total_edges + ")" : "")],
      ["Filters", info.filters.length ? info.filters.join("; ") : "none: the whole graph"],
      ["Source", info.source],
      ["Built", info.built || "unknown"],
      ["Drawn by", "sockg " + info.version]
    ];
    rows.forEach(function (r) {
      dl.appendChild(el("dt", null, r[0]));
      dl.appendChild(el("dd", null, r[1]));
    });
  }

  // ------------------------------------------------------------ legend
  var SVG = "http://www.w3.org/2000/svg";

  function swatch(shape, colour) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    var p;
    var points = {
      diamond: "10,1 19,10 10,19 1,10", triangle: "10,2 19,18 1,18", triangleDown: "1,2 19,2 10,18",
      hexagon: "5,2 15,2 19,10 15,18 5,18 1,10",
      star: "10,1 12.6,7.2 19,7.6 14,11.8 15.6,18.4 10,14.8 4.4,18.4 6,11.8 1,7.6 7.4,7.2"
    };
    if (shape === "square") {
      p = document.createElementNS(SVG, "rect");
      p.setAttribute("x", "2"); p.setAttribute("y", "2"); p.setAttribute("width", "16"); p.setAttribute("height", "16");
    } else if (points[shape]) {
      p = document.createElementNS(SVG, "polygon");
      p.setAttribute("points", points[shape]);
    } else {
      p = document.createElementNS(SVG, "circle");
      p.setAttribute("cx", "10"); p.setAttribute("cy", "10"); p.setAttribute("r", "8");
    }
    // colours come from sockg's own palette, never from the data
    p.setAttribute("fill", /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#999999");
    svg.appendChild(p);
    return svg;
  }

  function renderLegend() {
    var ul = document.getElementById("sockg-legend");
    info.classes.forEach(function (c, i) {
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () { toggleClass(i, box.checked); });
      label.appendChild(box);
      label.appendChild(swatch(c.shape, c.color));
      label.appendChild(el("span", "sockg-class-name", c.title));
      label.appendChild(el("span", "sockg-count", c.count));
      if (c.definition) { label.title = c.definition; }
      li.appendChild(label);
      ul.appendChild(li);
    });
  }

  function toggleClass(i, visible) {
    if (visible) { delete hiddenClasses[i]; } else { hiddenClasses[i] = true; }
    var updates = [];
    nodes.forEach(function (n) {
      if (info.nodes[n.id].cls === i) { updates.push({ id: n.id, hidden: !visible }); }
    });
    nodes.update(updates);
    renderShown();
  }

  // ------------------------------------------------------------ search
  var names = [];
  (function buildIndex() {
    var list = document.getElementById("sockg-names");
    var seen = {};
    info.nodes.forEach(function (n, id) {
      var keys = [n.label].concat(n.alt || []);
      if (n.notation) { keys.push(n.notation); }
      keys.forEach(function (k, j) {
        names.push({ key: norm(k), id: id, pref: j === 0, len: String(n.label).length });
        if (j < 2 && !seen[k] && Object.keys(seen).length < 5000) {
          seen[k] = true;
          var o = document.createElement("option");
          o.value = String(k);
          list.appendChild(o);
        }
      });
    });
  })();

  function find(query) {
    var q = norm(query);
    if (!q) { return null; }
    var tiers = [
      function (k) { return k === q; },
      function (k) { return k.indexOf(q) === 0; },
      function (k) { return k.indexOf(q) >= 0; }
    ];
    for (var t = 0; t < tiers.length; t++) {
      var best = null;
      for (var i = 0; i < names.length; i++) {
        var n = names[i];
        if (!tiers[t](n.key)) { continue; }
        if (best === null || (n.pref && !best.pref) || (n.pref === best.pref && n.len < best.len)) { best = n; }
      }
      if (best !== null) { return best.id; }
    }
    return null;
  }

  document.getElementById("sockg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("sockg-search-input").value;
    var msg = document.getElementById("sockg-search-message");
    var id = find(q);
    if (id === null) {
      msg.textContent = q.trim() ? "Nothing here matches \u201c" + clip(q, 60) + "\u201d." : "Type a name first.";
      return;
    }
    msg.textContent = "Found " + info.nodes[id].label + ".";
    focusNode(id);
  });

  // ------------------------------------------------------------ highlight
  // The neighbourhood is highlighted by drawing over the finished frame: a veil
  // over everything, then the node, its neighbours and its relations drawn
  // again on top. Nothing in the data sets changes, so a click costs one redraw
  // even with thousands of nodes (updating every node's colour took seconds).
  var focusSet = null;

  function highlight(id) {
    var ids = [id].concat(network.getConnectedNodes(id));
    focusSet = { nodes: ids, edges: network.getConnectedEdges(id) };
    api.highlighted = { node: id, nodes: ids.slice(), edges: focusSet.edges.slice() };
    network.redraw();
  }

  function unhighlight() {
    if (focusSet === null) { return; }
    focusSet = null;
    api.highlighted = null;
    network.redraw();
  }

  network.on("afterDrawing", function (ctx) {
    if (focusSet === null) { return; }
    var w = container.clientWidth, h = container.clientHeight;
    var a = network.DOMtoCanvas({ x: -10, y: -10 }), b = network.DOMtoCanvas({ x: w + 10, y: h + 10 });
    ctx.save();
    ctx.fillStyle = "rgba(251, 252, 253, 0.85)";
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.restore();
    var body = network.body;
    try {
      var shown = focusSet.edges.map(function (e) { return body.edges[e]; }).filter(function (x) {
        return x && x.connected && !x.from.options.hidden && !x.to.options.hidden;
      });
      shown.forEach(function (x) { x.draw(ctx); });
      shown.forEach(function (x) { x.drawArrows(ctx); });
      var labels = [];
      focusSet.nodes.forEach(function (n) {
        var x = body.nodes[n];
        if (x && !x.options.hidden) {
          var r = x.draw(ctx);
          if (r && r.drawExternalLabel) { labels.push(r.drawExternalLabel); }
        }
      });
      labels.forEach(function (f) { f(); });
    } catch (err) {
      // a vis-network without these drawing methods: keep the veil off rather than hide the graph
      focusSet = null;
      api.highlighted = null;
    }
  });

  function reset() {
    unhighlight();
    network.unselectAll();
    api.selected = null;
    details.hidden = true;
    details.textContent = "";
    network.fit({ animation: false });
  }

  function focusNode(id, opts) {
    opts = opts || {};
    var cls = info.nodes[id].cls;
    if (hiddenClasses[cls]) {
      var boxes = document.querySelectorAll("#sockg-legend input");
      boxes[cls].checked = true;
      toggleClass(cls, true);
    }
    network.selectNodes([id]);
    if (opts.highlight !== false) { highlight(id); }
    showNode(id);
    api.selected = id;
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.0),
      animation: opts.animate === false ? false : { duration: 450, easingFunction: "easeInOutQuad" }
    });
  }

  // ------------------------------------------------------------ details panel
  // a citation: our note on what the place establishes, the publication and the place, and a link to the
  // official page (only an https address, opened without giving it this page)
  function citation(r, clipTo) {
    var box = document.createDocumentFragment();
    box.appendChild(el("p", "sockg-note", clipTo ? clip(r.note, clipTo) : r.note));
    var where = el("p", "sockg-cite");
    where.appendChild(el("span", null, ["cited", r.publication, r.locator].filter(function (x) { return x; })
      .join(" \u00b7 ")));
    if (!clipTo && r.url && /^https:\/\//.test(r.url)) {
      var a = el("a", "sockg-official", "official text");
      a.href = r.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      where.appendChild(document.createTextNode(" \u00b7 "));
      where.appendChild(a);
    }
    box.appendChild(where);
    return box;
  }

  function evidenceList(records, total) {
    var box = el("div", "sockg-evidence");
    records.forEach(function (r) {
      if (r.kind === "cited") {
        box.appendChild(citation(r));
        return;
      }
      var q = el("blockquote", null, "\u201c" + r.quote + "\u201d");
      box.appendChild(q);
      var where = [r.kind, r.paragraph, r.document].filter(function (x) { return x; }).join(" \u00b7 ");
      if (where) { box.appendChild(el("p", "sockg-cite", where)); }
    });
    if (total > records.length) {
      box.appendChild(el("p", "sockg-hint", (total - records.length) + " more: see 'sockg entity'."));
    }
    return box;
  }

  function nodeButton(id) {
    var b = el("button", "sockg-link", info.nodes[id].label);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function showNode(id) {
    var n = info.nodes[id];
    var c = info.classes[n.cls];
    details.textContent = "";
    details.appendChild(el("h2", null, n.label));
    var kind = el("p", "sockg-kind");
    kind.appendChild(swatch(c.shape, c.color));
    kind.appendChild(el("span", null, c.title + (n.notation ? " " + n.notation : "")));
    details.appendChild(kind);
    if (n.alt && n.alt.length) { details.appendChild(el("p", null, "Also: " + n.alt.join(", "))); }
    if (n.definition) { details.appendChild(el("p", "sockg-definition", n.definition)); }
    if (n.comment && n.comment !== n.definition) { details.appendChild(el("p", null, n.comment)); }
    (n.attributes || []).forEach(function (a) { details.appendChild(el("p", "sockg-attr", a[0] + " = " + a[1])); });
    details.appendChild(el("p", "sockg-iri", n.iri));
    if (n.evidence && n.evidence.length) {
      details.appendChild(el("h3", null, "Evidence"));
      details.appendChild(evidenceList(n.evidence, n.evidence_total));
    }
    var rel = network.getConnectedEdges(id);
    if (rel.length) {
      details.appendChild(el("h3", null, "Relations in this view (" + rel.length + ")"));
      var ul = el("ul", "sockg-relations");
      rel.slice(0, 200).forEach(function (eid) {
        var e = edges.get(eid), d = info.edges[eid];
        var li = el("li");
        var out = e.from === id;
        li.appendChild(el("span", "sockg-arrow", out ? d.label + " \u2192 " : "\u2190 " + d.label + " "));
        li.appendChild(nodeButton(out ? e.to : e.from));
        var more = el("button", "sockg-link sockg-small", d.cited_only ? "citation" : "quote");
        more.type = "button";
        more.addEventListener("click", function () { showEdge(eid); });
        if (d.evidence && d.evidence.length) { li.appendChild(more); }
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    details.hidden = false;
  }

  function showEdge(eid) {
    var e = edges.get(eid), d = info.edges[eid];
    details.textContent = "";
    details.appendChild(el("h2", null, d.label));
    details.appendChild(el("p", "sockg-kind", d.predicate));
    var line = el("p");
    line.appendChild(nodeButton(e.from));
    line.appendChild(el("span", "sockg-arrow", " \u2192 "));
    line.appendChild(nodeButton(e.to));
    details.appendChild(line);
    if (d.method && d.method !== "curated") { details.appendChild(el("p", "sockg-hint", "Found by: " + d.method)); }
    if (d.reading) { details.appendChild(el("p", "sockg-reading", "Reading: " + d.reading)); }
    if (d.evidence && d.evidence.length) {
      details.appendChild(el("h3", null, "Evidence"));
      details.appendChild(evidenceList(d.evidence, d.evidence_total));
    } else {
      details.appendChild(el("p", "sockg-hint", "No evidence recorded for this relation."));
    }
    details.hidden = false;
  }

  // ------------------------------------------------------------ tooltips
  function tooltipFor(kind, id) {
    var box = document.createDocumentFragment();
    if (kind === "node") {
      var n = info.nodes[id], c = info.classes[n.cls];
      box.appendChild(el("strong", null, n.label));
      box.appendChild(el("div", "sockg-kind", c.title + (n.alt && n.alt.length ? " \u00b7 also " + n.alt.slice(0, 3).join(", ") : "")));
      var text = n.definition || n.comment;
      if (text) { box.appendChild(el("div", null, clip(text, 260))); }
      if (n.evidence && n.evidence.length) {
        var r = n.evidence[0];
        var more = n.evidence_total > 1 ? " (+" + (n.evidence_total - 1) + " more)" : "";
        if (r.kind === "cited") {
          box.appendChild(citation(r, 260));
          box.appendChild(el("div", "sockg-cite", more));
        } else {
          box.appendChild(el("blockquote", null, "\u201c" + clip(r.quote, 260) + "\u201d"));
          box.appendChild(el("div", "sockg-cite", [r.paragraph, r.document].filter(function (x) { return x; }).join(" \u00b7 ") +
            more));
        }
      }
    } else {
      var e = edges.get(id), d = info.edges[id];
      box.appendChild(el("strong", null, info.nodes[e.from].label + " \u2014 " + d.label + " \u2192 " + info.nodes[e.to].label));
      box.appendChild(el("div", "sockg-kind", d.predicate));
      if (d.quote) {
        box.appendChild(el("blockquote", null, "\u201c" + clip(d.quote, 300) + "\u201d"));
        box.appendChild(el("div", "sockg-cite", [(d.kinds || []).join(", "), d.paragraph, d.document]
          .filter(function (x) { return x; }).join(" \u00b7 ")));
      } else if (d.evidence && d.evidence.length && d.evidence[0].kind === "cited") {
        box.appendChild(citation(d.evidence[0], 300));
      }
      if (d.reading) { box.appendChild(el("div", "sockg-reading", "Reading: " + clip(d.reading, 300))); }
    }
    return box;
  }

  var pointer = { x: 0, y: 0 };
  wrap.addEventListener("mousemove", function (ev) {
    var r = wrap.getBoundingClientRect();
    pointer.x = ev.clientX - r.left;
    pointer.y = ev.clientY - r.top;
    if (!tooltip.hidden) { placeTooltip(); }
  });

  function placeTooltip() {
    var w = wrap.clientWidth, h = wrap.clientHeight;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + tooltip.offsetWidth > w - 4) { x = Math.max(4, pointer.x - tooltip.offsetWidth - 14); }
    if (y + tooltip.offsetHeight > h - 4) { y = Math.max(4, pointer.y - tooltip.offsetHeight - 14); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  function showTooltip(kind, id) {
    tooltip.textContent = "";
    tooltip.appendChild(tooltipFor(kind, id));
    tooltip.hidden = false;
    placeTooltip();
  }

  function hideTooltip() { tooltip.hidden = true; }

  network.on("hoverNode", function (p) { showTooltip("node", p.node); });
  network.on("blurNode", hideTooltip);
  network.on("hoverEdge", function (p) { showTooltip("edge", p.edge); });
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  network.on("click", function (p) {
    if (p.nodes.length) {
      api.selected = p.nodes[0];
      highlight(p.nodes[0]);
      showNode(p.nodes[0]);
    } else if (p.edges.length) {
      unhighlight();
      showEdge(p.edges[0]);
    } else {
      unhighlight();
      api.selected = null;
      details.hidden = true;
    }
  });

  // ------------------------------------------------------------ layout
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });
  document.getElementById("sockg-fit").addEventListener("click", reset);

  function settled() {
    if (api.stabilised) { return; }
    network.setOptions({ physics: { enabled: false } });
    api.stabilised = true;
    api.stabilisedAt = performance.now();
    physicsBox.checked = false;
    statusLine.textContent = "";
    statusLine.hidden = true;
    document.documentElement.setAttribute("data-stabilised", "true");
    if (info.focus !== null && info.focus !== undefined) {
      network.selectNodes([info.focus]);
      showNode(info.focus);
      api.selected = info.focus;
    }
  }

  network.on("stabilizationProgress", function (p) {
    statusLine.textContent = "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);

  renderShown();
  renderLegend();
  if (options.physics.enabled) {
    statusLine.textContent = "Laying out\u2026";
  } else {
    settled();
  }
})();
