// sockg query page. Plain JavaScript written for this project: no libraries, nothing loaded from
// elsewhere. Every value that comes from the graph is put on the page with textContent (never parsed
// as HTML), so labels and quotes are shown as text whatever they contain.
"use strict";

const PREFIXES = {
  "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
  "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
  "skos": "http://www.w3.org/2004/02/skos/core#", "org": "http://www.w3.org/ns/org#",
  "dcterms": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#",
  "schema": "https://schema.org/", "sh": "http://www.w3.org/ns/shacl#", "sockg": "https://w3id.org/sockg/def#",
  "id": "https://w3id.org/sockg/id/",
};
const NUMERIC = /#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger|gYear)$/;
const RESULT_FORMATS = ["json", "xml", "csv", "tsv"];
const GRAPH_FORMATS = ["ttl", "nt", "jsonld", "rdfxml"];

const state = { named: null, rows: [], vars: [], sort: { column: -1, dir: 1 } };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function shorten(iri) {
  let best = "";
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && ns.length > (PREFIXES[best] || "").length) best = p;
  }
  return best ? best + ":" + iri.slice(PREFIXES[best].length) : iri;
}

function cell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.append(el("span", { class: "iri", title: term.value, text: shorten(term.value) }));
  } else if (term.type === "bnode") {
    td.append(el("span", { class: "bnode", text: "_:" + term.value }));
  } else if (term.type === "triple") {
    td.append(el("span", { text: "<< triple >>", title: JSON.stringify(term.value) }));
  } else {
    td.append(document.createTextNode(term.value));
    if (term["xml:lang"]) td.append(el("span", { class: "lang", text: "@" + term["xml:lang"] }));
    else if (term.datatype) td.append(el("span", { class: "dt", text: shorten(term.datatype) }));
  }
  return td;
}

function sortKey(term) {
  if (!term) return { n: null, s: "" };
  const numeric = term.datatype && NUMERIC.test(term.datatype) && !isNaN(Number(term.value));
  return { n: numeric ? Number(term.value) : null, s: term.value };
}

function compare(a, b) {
  const ka = sortKey(a), kb = sortKey(b);
  if (ka.n !== null && kb.n !== null) return ka.n - kb.n;
  return ka.s.localeCompare(kb.s, undefined, { numeric: true, sensitivity: "base" });
}

function renderTable() {
  const results = $("results");
  results.replaceChildren();
  const head = el("tr");
  state.vars.forEach((v, i) => {
    const th = el("th", { scope: "col", tabindex: "0", text: v });
    if (state.sort.column === i) th.setAttribute("aria-sort", state.sort.dir > 0 ? "ascending" : "descending");
    const sortBy = () => {
      state.sort.dir = state.sort.column === i ? -state.sort.dir : 1;
      state.sort.column = i;
      state.rows.sort((x, y) => state.sort.dir * compare(x[v], y[v]));
      renderTable();
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter") sortBy(); });
    head.append(th);
  });
  const body = el("tbody");
  for (const row of state.rows) body.append(el("tr", {}, ...state.vars.map((v) => cell(row[v]))));
  results.append(el("table", { id: "result-table" }, el("thead", {}, head), body));
}

function requestParams() {
  const text = $("query").value;
  const p = new URLSearchParams();
  if (state.named && text === state.named.text) {
    p.set("name", state.named.name);
    for (const input of $("params").querySelectorAll("input")) p.append("param", input.name + "=" + input.value);
  } else {
    p.set("query", text);
  }
  return p;
}

function showDownloads(params, graph) {
  const links = $("download-links");
  links.replaceChildren();
  for (const f of graph ? GRAPH_FORMATS : RESULT_FORMATS) {
    const p = new URLSearchParams(params);
    p.set("format", f);
    links.append(el("a", { href: "/sparql?" + p.toString(), download: "sockg-results." + f, text: f }));
  }
  $("downloads").hidden = false;
}

async function run() {
  const params = requestParams();
  for (const id of ["error", "truncated", "downloads"]) $(id).hidden = true;
  $("results").replaceChildren();
  $("status").textContent = "running…";
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: params.toString(),
    });
  } catch (err) {
    $("status").textContent = "";
    $("error").textContent = "The server did not answer: " + err;
    $("error").hidden = false;
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const type = (response.headers.get("Content-Type") || "").split(";")[0];
  if (!response.ok) {
    $("status").textContent = "";
    $("error").textContent = (await response.text()).trim() || ("HTTP " + response.status);
    $("error").hidden = false;
    return;
  }
  const cut = response.headers.get("Sockg-Truncated");
  if (cut) {
    $("truncated").textContent = "The answer was cut at " + cut + " rows (the server's limit).";
    $("truncated").hidden = false;
  }
  if (type === "application/sparql-results+json") {
    const data = await response.json();
    if ("boolean" in data) {
      $("results").append(el("p", { class: "boolean", id: "boolean", text: String(data.boolean) }));
      $("status").textContent = "ASK answered in " + seconds + " s";
    } else {
      state.vars = data.head.vars;
      state.rows = data.results.bindings;
      state.sort = { column: -1, dir: 1 };
      renderTable();
      $("status").textContent = state.rows.length + " row" + (state.rows.length === 1 ? "" : "s") + " in " + seconds + " s";
    }
    showDownloads(params, false);
  } else {
    $("results").append(el("pre", { class: "graph", id: "graph", text: await response.text() }));
    $("status").textContent = "graph in " + seconds + " s";
    showDownloads(params, true);
  }
}

function choose(q) {
  state.named = q;
  $("query").value = q.text;
  const box = $("params");
  box.replaceChildren();
  for (const p of q.params) {
    const input = el("input", { name: p.name, value: p.default || "", title: p.help });
    box.append(el("label", { text: p.name + " (" + p.kind + ")" }, input));
  }
  run();
}

async function loadNamed() {
  const list = $("named-list");
  try {
    const queries = await (await fetch("/queries")).json();
    for (const q of queries) {
      const button = el("button", { type: "button", "data-name": q.name },
        el("span", { class: "name", text: q.name }), el("span", { class: "desc", text: q.description }));
      button.addEventListener("click", () => choose(q));
      list.append(el("li", {}, button));
    }
  } catch (err) {
    list.append(el("li", { text: "Could not load the named queries: " + err }));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("query-form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  loadNamed();
});
