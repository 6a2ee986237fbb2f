"""Compare what two documents mention: threats, organisations, strategies, other entities and figures.

Each side is a *summary* of one document: the entities it mentions (with how
often) and the figures it states. A summary comes from a :class:`Report`
(a file ingested now) or from the built graph (a document in ``seeds/``,
read back from its ``sockg:mentionedIn`` claims and figures). Rows say
whether an item is in ``both``, ``new`` (only in B) or ``disappeared`` (only
in A); a figure about the same thing in the same unit with another value is
``changed`` (one edition's £37bn against the next one's £40bn).

Examples
--------
>>> a = {"document": {"id": "a"}, "entities": {"x:f": {"label": "Fraud", "category": "threat", "count": 2}},
...      "figures": [{"value": 37, "unit": "GBP", "about": "x:f", "about_label": "Fraud", "text": "£37"}]}
>>> b = {"document": {"id": "b"}, "entities": {"x:c": {"label": "Cyber crime", "category": "threat", "count": 1}},
...      "figures": [{"value": 40, "unit": "GBP", "about": "x:f", "about_label": "Fraud", "text": "£40"}]}
>>> c = compare(a, b)
>>> [(r["label"], r["status"]) for r in c["threats"]]
[('Cyber crime', 'new'), ('Fraud', 'disappeared')]
>>> c["figures"][0]["status"], c["figures"][0]["a"], c["figures"][0]["b"]
('changed', '£37', '£40')
"""

from __future__ import annotations

from ..errors import IngestError
from ..terms import iri_tail

__all__ = ["compare", "compare_reports", "summary_of_report", "summary_from_graph", "SECTIONS", "rows_for_table"]

#: report category -> comparison section
SECTIONS = {"threat": "threats", "organisation": "organisations", "strategy": "strategies", "place": "other",
            "other": "other"}
_ORDER = {"both": 0, "changed": 1, "new": 2, "disappeared": 3}


def summary_of_report(report) -> dict:
    """The comparison summary of an ingested :class:`~sockg.ingest.Report`."""
    return {"document": {k: report.document.get(k) for k in ("id", "title", "year", "path")},
            "entities": report.entities(),
            "figures": [f.as_dict() for f in report.figures]}


def summary_from_graph(kg, name: str) -> dict:
    """The comparison summary of a source document in the built graph, named by id or file name."""
    from .gazetteer import category_of

    import pyoxigraph as ox

    docs = kg.select("""
        SELECT ?d ?id ?title WHERE {
          ?d a sockg:SourceDocument ; dcterms:identifier ?id ; sockg:fileName ?file .
          OPTIONAL { ?d dcterms:title ?title }
          FILTER(STR(?id) = ?name || STR(?file) = ?name)
        } ORDER BY ?id""", name=ox.Literal(name))
    if not docs:
        raise IngestError(f"no such file, and no source document {name!r} in the built graph")
    d = docs[0]["d"]
    rows = kg.select("""
        SELECT ?e ?label ?type (COUNT(DISTINCT ?ev) AS ?n) WHERE {
          ?c a sockg:Claim ; rdf:subject ?e ; rdf:predicate sockg:mentionedIn ; rdf:object ?d ;
             prov:wasDerivedFrom ?ev .
          ?e skos:prefLabel ?label ; a ?type .
          FILTER NOT EXISTS { ?e a sockg:Figure }
        } GROUP BY ?e ?label ?type""", d=d)
    types: dict[str, set] = {}
    entities: dict[str, dict] = {}
    for r in rows:
        types.setdefault(r["e"], set()).add(iri_tail(r["type"]))
        entities[r["e"]] = {"label": r["label"], "count": int(r["n"])}
    for iri, e in entities.items():
        e["category"] = category_of(types[iri])
    figs = kg.select("""
        SELECT ?f ?value ?unit ?qualifier ?about ?aboutLabel ?text ?start WHERE {
          ?f a sockg:Figure ; sockg:mentionedIn ?d ; sockg:value ?value ; sockg:unit ?unit .
          OPTIONAL { ?f sockg:qualifier ?qualifier }
          OPTIONAL { ?f sockg:about ?about . ?about skos:prefLabel ?aboutLabel }
          OPTIONAL { ?c a sockg:Claim ; rdf:subject ?f ; rdf:predicate sockg:value ; prov:wasDerivedFrom ?ev .
                     ?ev oa:hasSource ?d ; oa:hasSelector [ oa:exact ?text ], [ oa:start ?start ] . }
        } ORDER BY ?start ?f""", d=d)
    figures, seen = [], set()
    for r in figs:
        if r["f"] in seen:
            continue
        seen.add(r["f"])
        figures.append({"value": r["value"], "unit": r["unit"], "qualifier": r["qualifier"], "about": r["about"],
                        "about_label": r["aboutLabel"], "text": r["text"] or str(r["value"])})
    return {"document": {"id": docs[0]["id"], "title": docs[0]["title"], "year": None, "path": None},
            "entities": entities, "figures": figures}


def compare(a: dict, b: dict) -> dict:
    """Compare two summaries (see :func:`summary_of_report`); rows per section, then figures."""
    out: dict = {"a": a["document"], "b": b["document"]}
    for section in ("threats", "organisations", "strategies", "other"):
        out[section] = []
    for iri in sorted(set(a["entities"]) | set(b["entities"])):
        ea, eb = a["entities"].get(iri), b["entities"].get(iri)
        e = ea or eb
        status = "both" if ea and eb else "disappeared" if ea else "new"
        out[SECTIONS.get(e["category"], "other")].append({
            "entity": iri, "label": e["label"], "a": ea["count"] if ea else 0, "b": eb["count"] if eb else 0,
            "status": status})
    for section in ("threats", "organisations", "strategies", "other"):
        out[section].sort(key=lambda r: (_ORDER[r["status"]], r["label"].casefold()))
    out["figures"] = _compare_figures(a["figures"], b["figures"])
    counts = {s: 0 for s in _ORDER}
    for section in ("threats", "organisations", "strategies", "other", "figures"):
        for r in out[section]:
            counts[r["status"]] += 1
    out["summary"] = counts
    return out


def compare_reports(report_a, report_b) -> dict:
    """Compare two ingested reports."""
    return compare(summary_of_report(report_a), summary_of_report(report_b))


def _key(f: dict):
    return (f["unit"], f["about"]) if f.get("about") else (f["unit"], "value", f["value"])


def _compare_figures(fa: list[dict], fb: list[dict]) -> list[dict]:
    groups: dict = {}
    for side, figs in (("a", fa), ("b", fb)):
        for f in figs:
            groups.setdefault(_key(f), {"a": [], "b": []})[side].append(f)
    rows = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        ga, gb = groups[key]["a"], groups[key]["b"]
        unmatched_b = list(gb)
        pairs = []
        for f in ga:  # the same value on both sides first
            match = next((g for g in unmatched_b if g["value"] == f["value"]), None)
            if match is not None:
                unmatched_b.remove(match)
                pairs.append((f, match, "both"))
            else:
                pairs.append((f, None, None))
        out = []
        for f, g, status in pairs:
            if g is None and unmatched_b:
                g = unmatched_b.pop(0)
                status = "changed"
            out.append((f, g, status or "disappeared"))
        out += [(None, g, "new") for g in unmatched_b]
        for f, g, status in out:
            ref = f or g
            rows.append({"unit": ref["unit"], "about": ref.get("about"), "about_label": ref.get("about_label"),
                         "a": f["text"] if f else None, "a_value": f["value"] if f else None,
                         "b": g["text"] if g else None, "b_value": g["value"] if g else None, "status": status})
    rows.sort(key=lambda r: (_ORDER[r["status"]], str(r["about_label"] or ""), r["unit"]))
    return rows


def rows_for_table(result: dict) -> list[dict]:
    """Flatten a comparison into rows ``section, item, A, B, status`` for a table or CSV."""
    rows = []
    for section in ("threats", "organisations", "strategies", "other"):
        for r in result[section]:
            rows.append({"section": section, "item": r["label"], "A": r["a"] or "", "B": r["b"] or "",
                         "status": r["status"]})
    for r in result["figures"]:
        what = f"{r['unit']}" + (f" ({r['about_label']})" if r["about_label"] else "")
        rows.append({"section": "figures", "item": what, "A": " ".join((r["a"] or "").split()),
                     "B": " ".join((r["b"] or "").split()), "status": r["status"]})
    return rows
