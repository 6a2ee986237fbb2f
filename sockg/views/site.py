"""A static site of the graph: one folder that can be published as it is.

``build_site(kg, "build/site")`` writes::

    index.html          what the graph holds, links to everything below
    views/*.html        the standard interactive views (overview, objectives, NCA)
    entities/*.html     one page per entity: its relations with their evidence
                        quotes and paragraph numbers, linked to its neighbours' pages
    queries.html        the named SPARQL queries with their results
    ontology.html       classes, properties and concept schemes of the ontology

Every page works offline (no script, styles inline, a Content-Security-Policy
that forbids loading anything) and every value from the graph is escaped by
Jinja2's autoescaping. Links only point at file names sockg made, never at an
IRI from the data. The folder is written next to its destination and renamed
into place, so a failed run leaves the old site as it was; an existing folder
is replaced only if ``sockg site`` made it.

Examples
--------
>>> entity_file_names({"https://w3id.org/sockg/id/org/home-office": "Home Office",
...                    "http://example.org/x": "Example <x>"})  # doctest: +NORMALIZE_WHITESPACE
{'http://example.org/x': 'example-x-d86e857b.html',
 'https://w3id.org/sockg/id/org/home-office': 'org-home-office.html'}
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .._version import __version__
from ..atomic import check_destination, new_folder, replace_folder
from ..errors import ViewError
from ..namespaces import ID
from ..terms import expand
from .docs import named_queries, ontology_doc
from .render import TEMPLATE_DIR
from .select import load_source
from .output import slug, write_standard_views
from .style import class_title

__all__ = ["build_site", "SiteSummary", "entity_file_names", "entity_record", "claims_index", "SITE_MARKER", "EVIDENCE_FIELDS"]

#: A file that marks a folder as made by ``sockg site`` (so it may be replaced).
SITE_MARKER = ".sockg-site"


@dataclass
class SiteSummary:
    """What :func:`build_site` wrote."""

    out_dir: Path
    pages: int
    entities: int
    views: list[str] = field(default_factory=list)
    queries: int = 0
    queries_run: int = 0


def entity_file_names(labels: dict[str, str]) -> dict[str, str]:
    """A unique, safe file name for each entity IRI (``labels`` maps IRI to label)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for iri in sorted(labels):
        if iri.startswith(str(ID)):
            stem = slug(iri[len(str(ID)):].replace("/", "-"), limit=90)
        else:
            stem = slug(labels[iri] or "entity", limit=50) + "-" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:8]
        name, n = stem, 2
        while name in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name)
        out[iri] = name + ".html"
    return out


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR / "site")),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


#: What each evidence record shows on an entity page.
EVIDENCE_FIELDS = ("kind", "quote", "sentence", "paragraph", "document", "start", "end", "note", "locator",
                   "publication", "url")


def claims_index(kg) -> dict:
    """Every claim of ``kg``, read once: ``(subject, predicate IRI, str(object)) -> {note, method, evidence}``.

    Mentions (``sockg:mentionedIn``) are also gathered under ``("mentions", subject)``.
    (Asking :meth:`~sockg.kg.KnowledgeGraph.entity` once per entity costs a lookup each; one read of all
    claims through :class:`~sockg.evidence.read.ClaimReader` costs a few hundredths of a second.)
    """
    from ..evidence.model import P
    from ..evidence.read import ClaimReader

    out: dict[tuple, dict] = {}
    for c in ClaimReader(kg.store).all():
        evidence = [e.as_dict(*EVIDENCE_FIELDS) for e in c.evidence if e.quote or (e.kind == "cited" and e.note)]
        out[c.key] = {"note": c.note, "method": c.method, "kinds": c.kinds, "reading": c.reading, "evidence": evidence}
        if c.predicate == P.mentioned_in:
            out.setdefault(("mentions", c.subject), {"evidence": []})["evidence"].extend(evidence)
    return out


def entity_record(G, iri: str, claims: dict) -> dict:
    """What an entity page shows: the node, its values and relations, each with its evidence and notes."""
    d = G.nodes[iri]

    def claim(s, p_iri, o, fallback):
        c = claims.get((s, p_iri, str(o)))
        if c:
            return c["note"], c["method"], c["evidence"], c.get("reading")
        return None, None, list(fallback or []), None

    relations = []
    for u, v, key, e in list(G.out_edges(iri, keys=True, data=True)) + list(G.in_edges(iri, keys=True, data=True)):
        note, method, evidence, reading = claim(u, e.get("predicate_iri") or key, v, e.get("evidence"))
        out = u == iri
        other = v if out else u
        relations.append({"direction": "out" if out else "in", "predicate": e.get("predicate") or key,
                          "predicate_label": e.get("label") or e.get("predicate") or key, "other": other,
                          "other_label": G.nodes[other].get("label") or other, "note": note, "reading": reading,
                          "method": method or e.get("method"), "evidence": evidence})
    relations.sort(key=lambda r: (r["direction"], r["predicate_label"], str(r["other_label"]).lower()))
    attributes = []
    for key, value in sorted((d.get("attributes") or {}).items()):
        for one in value if isinstance(value, list) else [value]:
            iri_p = expand(key)
            note, method, evidence, reading = claim(iri, iri_p, one, [])
            attributes.append({"predicate": key, "value": one, "note": note, "reading": reading, "evidence": evidence})
    mention_list = (claims.get(("mentions", iri)) or {}).get("evidence")
    return {"iri": iri, "label": d.get("label") or iri, "types": list(d.get("types") or []),
            "alt_labels": list(d.get("alt_labels") or []), "definition": d.get("definition") or d.get("comment"),
            "notation": d.get("notation"), "attributes": attributes, "relations": relations,
            "mentions": sorted(mention_list or d.get("mentions") or [],
                               key=lambda e: (str(e.get("document")), e.get("start") or 0, e.get("locator") or ""))}


def _check_destination(out: Path) -> None:
    check_destination(out, folder=True, error=ViewError)
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).exists():
        raise ViewError("is not empty and was not made by 'sockg site'; give a new or empty folder", path=out)


def build_site(kg=None, out_dir: str | Path = "build/site", *, build_dir: str | Path = "build",
               queries_dir: str | Path | None = None, physics: bool = True) -> SiteSummary:
    """Write the static site of ``kg`` (a :class:`~sockg.kg.KnowledgeGraph`) into ``out_dir``.

    ``queries_dir`` holds the named queries (default:
    :func:`sockg.resources.queries_dir`); a missing or empty folder gives a
    queries page that says so; a file there is refused. Returns a :class:`SiteSummary`.
    """
    from markupsafe import Markup

    from ..analysis.convert import curie
    from ..kg import KnowledgeGraph
    from ..resources import queries_dir as default_queries_dir

    kg = kg if kg is not None else KnowledgeGraph(build_dir)
    out = Path(out_dir)
    _check_destination(out)
    if queries_dir is not None and Path(queries_dir).exists() and not Path(queries_dir).is_dir():
        raise ViewError("is a file; the queries are read from a folder of *.rq files", path=queries_dir)
    src = load_source(kg)
    G = src.graph
    labels = {n: G.nodes[n].get("label") or n for n in G}
    files = entity_file_names(labels)
    env = _environment()
    # sockg's own stylesheet, inlined as is (escaping would break it inside <style>)
    css = Markup((TEMPLATE_DIR / "site" / "site.css").read_text(encoding="utf-8"))
    stats = kg.stats() if hasattr(kg, "stats") else {}
    common = {"version": __version__, "source": src.name, "built": src.built, "css": css}

    def title_of(cls: str) -> str:
        return (src.classes.get(cls) or {}).get("title") or class_title(cls)

    def page(template: str, path: Path, root: str, **context) -> None:
        html = env.get_template(template).render(root=root, **common, **context)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8", newline="\n")

    tmp = new_folder(out, error=ViewError)
    try:
        written = write_standard_views(src, tmp / "views", physics=physics)
        pages = len(written)

        claims = claims_index(kg) if hasattr(kg, "select") else {}
        for iri, name in files.items():
            info = entity_record(G, iri, claims)
            info["class_titles"] = [title_of(G.nodes[iri].get("cls", "rdfs:Resource"))]
            for rel in info["relations"]:
                rel["file"] = files.get(rel["other"])
            page("entity.html", tmp / "entities" / name, "../", page_title=info["label"], e=info)
            pages += 1

        def cell(value, term):
            text = "" if value is None else str(value)
            if term is not None and type(term).__name__ == "NamedNode":
                if text in files:
                    return {"text": labels[text], "file": files[text]}
                return {"text": curie(text)}
            return {"text": text}

        qdir = Path(queries_dir) if queries_dir is not None else default_queries_dir()
        queries = named_queries(kg, qdir, cell=cell)
        page("queries.html", tmp / "queries.html", "", page_title="Named queries", queries=queries,
             queries_dir=str(qdir))

        onto = ontology_doc(kg)
        groups: dict[str, list] = {}
        for n in sorted(G, key=lambda n: str(labels[n]).lower()):
            groups.setdefault(G.nodes[n].get("cls", "rdfs:Resource"), []).append(
                {"label": labels[n], "file": files[n], "alt": list(G.nodes[n].get("alt_labels") or [])[:3]})
        for c in onto["classes"]:
            c["index_anchor"] = slug(c["curie"]) if c["curie"] in groups else None
            if c["index_anchor"] is None:
                c["count"] = 0
        for s in onto["schemes"]:
            for c in s["concepts"]:
                c["file"] = files.get(c["iri"])
        page("ontology.html", tmp / "ontology.html", "", page_title="Ontology", onto=onto)

        ordered = sorted(groups, key=lambda c: title_of(c).lower())
        page("index.html", tmp / "index.html", "", page_title="sockg: the knowledge graph",
             counts={"entities": G.number_of_nodes(), "relations": G.number_of_edges(),
                     "triples": stats.get("triples"), "queries": len(queries)},
             views=[{"file": p.name, "description": spec.description, "nodes": v.nodes, "edges": v.edges}
                    for spec, p, v in written],
             groups=[{"title": title_of(c), "anchor": slug(c), "entities": groups[c]} for c in ordered])
        pages += 3
        (tmp / SITE_MARKER).write_text("made by 'sockg site'; the whole folder is replaced when it runs again\n",
                                       encoding="utf-8")
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return SiteSummary(out_dir=out, pages=pages, entities=len(files), views=[p.name for _, p, _ in written],
                       queries=len(queries), queries_run=sum(1 for q in queries if not q.get("skipped")))
