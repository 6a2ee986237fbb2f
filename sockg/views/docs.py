"""Data for the static site's reference pages: named queries with results, and the ontology.

Both functions return plain data (lists and dicts of strings) for the site's
templates to escape and lay out. Named queries are read, checked, bound and
run by :mod:`sockg.query` (the same code as ``sockg query``), so the site
refuses exactly what the command line refuses; parameters take their
defaults.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "no-description.rq").write_text("SELECT * WHERE { ?s ?p ?o }")
>>> [(q["name"], "must start with a '#' comment" in q["skipped"]) for q in named_queries(None, folder)]
[('no-description', True)]
>>> named_queries(None, folder / "missing")
[]
"""

from __future__ import annotations

from pathlib import Path

from ..terms import curie, iri_tail, term_value
from ..text import slugify

__all__ = ["named_queries", "ontology_doc", "MAX_ROWS"]

#: Rows of a query's result shown on the site.
MAX_ROWS = 200


def named_queries(kg, queries_dir: str | Path | None, *, cell=None) -> list[dict]:
    """Run every ``*.rq`` file in ``queries_dir`` on ``kg``, parameters at their defaults.

    Returns one record per file with ``name``, ``anchor``, ``description``,
    ``text``, ``params`` (``[name, value used]``) and either ``skipped`` (why it
    was not run: a parameter without a default, a refused feature, an error),
    ``boolean`` (an ASK) or ``columns``, ``rows`` (at most :data:`MAX_ROWS`) and
    ``total``. ``cell(value, term)`` turns a result term into a table cell
    (default: ``{"text": str}``). A missing or empty folder gives an empty list; a file
    raises :class:`~sockg.errors.ViewError`.
    """
    from ..errors import SockgError

    cell = cell or (lambda value, term: {"text": "" if value is None else str(value)})
    folder = Path(queries_dir) if queries_dir else None
    if folder is not None and folder.exists() and not folder.is_dir():
        from ..errors import ViewError

        raise ViewError("is a file; the queries are read from a folder of *.rq files", path=folder)
    files = sorted(folder.glob("*.rq")) if folder is not None and folder.is_dir() else []
    out = []
    for path in files:
        rec = {"name": path.stem, "anchor": _anchor(path.stem), "description": None, "text": "", "params": [],
               "skipped": None, "boolean": None, "columns": [], "rows": [], "total": 0}
        out.append(rec)
        try:
            from ..query import LocalTarget, bind_values
            from ..query.registry import parse_named_query

            rec["text"] = path.read_text(encoding="utf-8")
            nq = parse_named_query(path.stem, rec["text"], str(path))
            rec["description"] = nq.description
            missing = [p.name for p in nq.params if p.default is None]
            if missing:
                rec["skipped"] = "it needs a value for " + ", ".join(missing) + " (run it with 'sockg query')"
                continue
            rec["params"] = [[p.name, p.default] for p in nq.params]
            bindings = bind_values(nq, {}, getattr(kg, "resolve", None))
            result = LocalTarget(kg.store, getattr(kg, "resolve", None)).run(nq.text, bindings=bindings)
            if result.form == "ask":
                rec["boolean"] = result.boolean
            elif result.form == "select":
                rec["columns"] = list(result.variables)
                for i, row in enumerate(result.rows()):
                    if i < MAX_ROWS:
                        rec["rows"].append([cell(term_value(t), t) for t in row])
                    rec["total"] = i + 1
            else:
                rec["columns"] = ["subject", "predicate", "object"]
                for i, t in enumerate(result.triples()):
                    if i < MAX_ROWS:
                        rec["rows"].append([cell(term_value(x), x) for x in (t.subject, t.predicate, t.object)])
                    rec["total"] = i + 1
        except (SockgError, OSError, UnicodeDecodeError) as exc:
            rec["skipped"] = " ".join(str(exc).split())
    return out


def _anchor(name: str) -> str:
    return slugify(name) or "q"


def ontology_doc(kg) -> dict:
    """The ontology in ``kg``'s graph: header, classes, properties and concept schemes (with their concepts)."""
    from .style import class_title

    def rows(q):
        return kg.select(q)

    head = rows("""SELECT ?o ?title ?label ?comment ?version ?license WHERE { ?o a owl:Ontology .
        OPTIONAL { ?o dcterms:title ?title } OPTIONAL { ?o rdfs:label ?label } OPTIONAL { ?o rdfs:comment ?comment }
        OPTIONAL { ?o owl:versionInfo ?version } OPTIONAL { ?o dcterms:license ?license } } LIMIT 1""")
    h = head[0] if head else {}
    counts = {r["c"]: int(r["n"]) for r in rows("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")}
    usage = {r["p"]: int(r["n"]) for r in rows("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")}

    classes: dict[str, dict] = {}
    for r in rows("""SELECT ?c ?label ?def ?comment ?parent WHERE { ?c a owl:Class ; rdfs:label ?label . FILTER(isIRI(?c))
            OPTIONAL { ?c skos:definition ?def } OPTIONAL { ?c rdfs:comment ?comment }
            OPTIONAL { ?c rdfs:subClassOf ?parent FILTER(isIRI(?parent)) } } ORDER BY ?c"""):
        c = classes.setdefault(r["c"], {"iri": r["c"], "curie": curie(r["c"]), "label": class_title("", r["label"]),
                                        "definition": r["def"] or r["comment"], "parents": [],
                                        "count": counts.get(r["c"], 0)})
        if r["parent"] and r["parent"] not in [p["iri"] for p in c["parents"]]:
            c["parents"].append({"iri": r["parent"], "curie": curie(r["parent"])})
    for c in classes.values():
        c["anchor"] = "c-" + _anchor(c["curie"])
        for p in c["parents"]:
            p["anchor"] = ("c-" + _anchor(p["curie"])) if p["iri"] in classes else None

    props: dict[str, dict] = {}
    for r in rows("""SELECT ?p ?kind ?label ?def ?comment ?domain ?range ?parent WHERE {
            VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
            ?p a ?kind . FILTER(isIRI(?p)) OPTIONAL { ?p rdfs:label ?label } OPTIONAL { ?p skos:definition ?def }
            OPTIONAL { ?p rdfs:comment ?comment } OPTIONAL { ?p rdfs:domain ?domain FILTER(isIRI(?domain)) }
            OPTIONAL { ?p rdfs:range ?range FILTER(isIRI(?range)) }
            OPTIONAL { ?p rdfs:subPropertyOf ?parent FILTER(isIRI(?parent)) } } ORDER BY ?p"""):
        p = props.setdefault(r["p"], {"iri": r["p"], "curie": curie(r["p"]), "label": r["label"] or curie(r["p"]),
                                      "kind": iri_tail(r["kind"]).replace("Property", " property").lower(),
                                      "definition": r["def"] or r["comment"], "domain": [], "range": [],
                                      "parents": [], "count": usage.get(r["p"], 0), "anchor": ""})
        for key, col in (("domain", "domain"), ("range", "range"), ("parents", "parent")):
            if r[col] and curie(r[col]) not in p[key]:
                p[key].append(curie(r[col]))
    for p in props.values():
        p["anchor"] = "p-" + _anchor(p["curie"])

    schemes: dict[str, dict] = {}
    for r in rows("""SELECT ?s ?label ?def ?c ?cl WHERE { ?s a skos:ConceptScheme ; skos:prefLabel ?label .
            OPTIONAL { ?s skos:definition ?def }
            OPTIONAL { ?c skos:inScheme ?s ; skos:prefLabel ?cl } } ORDER BY ?label ?cl"""):
        s = schemes.setdefault(r["s"], {"iri": r["s"], "label": r["label"], "definition": r["def"], "concepts": []})
        if r["c"] and r["c"] not in [c["iri"] for c in s["concepts"]]:
            s["concepts"].append({"iri": r["c"], "label": r["cl"]})
    return {
        "iri": h.get("o") or "", "title": h.get("title") or h.get("label") or "Ontology",
        "comment": h.get("comment"), "version": h.get("version"), "license": h.get("license"),
        "classes": sorted(classes.values(), key=lambda c: c["label"].lower()),
        "properties": sorted(props.values(), key=lambda p: p["label"].lower()),
        "schemes": sorted(schemes.values(), key=lambda s: s["label"].lower()),
    }
