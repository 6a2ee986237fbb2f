"""The Python API: a built knowledge graph, its entities and their evidence.

Examples
--------
>>> import sockg
>>> kg = sockg.load()                                    # doctest: +SKIP
>>> kg.entity("NCA")["label"]                            # doctest: +SKIP
'National Crime Agency'
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .build import STORE_NAME, TTL_NAME, is_stale, resolve_inputs
from .errors import BuildMissingError
from .namespaces import PREFIXES
from .terms import curie, term_value
from .text import normalise_name  # noqa: F401 - part of this module's API

__all__ = ["KnowledgeGraph", "load", "ensure_built", "normalise_name", "PREFIX_HEADER", "term_value"]

#: What each evidence record shows in :meth:`KnowledgeGraph.entity` and :meth:`KnowledgeGraph.evidence`.
EVIDENCE_FIELDS = ("kind", "quote", "sentence", "paragraph", "document", "start", "end", "note", "locator",
                   "publication", "url", "verifies")
#: SPARQL PREFIX lines for every project prefix.
PREFIX_HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class KnowledgeGraph:
    """A built graph: ``build/sockg.ttl`` and its Oxigraph store."""

    def __init__(self, build_dir: str | Path = "build"):
        self.build_dir = Path(build_dir)
        if not (self.build_dir / TTL_NAME).exists():
            raise BuildMissingError(f"no {TTL_NAME} here; run 'sockg build' first", path=self.build_dir)

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.build_dir)!r})"

    @property
    def ttl_path(self) -> Path:
        return self.build_dir / TTL_NAME

    @cached_property
    def graph(self):
        """The whole graph as an rdflib :class:`~rdflib.Graph` (parsed on first use)."""
        from rdflib import Graph

        g = Graph()
        g.parse(self.ttl_path, format="turtle")
        return g

    @cached_property
    def store(self):
        """A read-only :class:`pyoxigraph.Store` (the prebuilt one, else loaded from Turtle in memory)."""
        import pyoxigraph as ox

        path = self.build_dir / STORE_NAME
        if path.is_dir():
            try:
                return ox.Store.read_only(str(path))
            except OSError:
                pass
        st = ox.Store()
        st.bulk_load(path=str(self.ttl_path), format=ox.RdfFormat.TURTLE)
        return st

    # ---------------------------------------------------------------- querying
    def query(self, sparql: str | None = None, *, name: str | None = None, params: dict | None = None):
        """Run a read-only SPARQL query, or the named query ``name`` with ``params``.

        The query is checked as ``sockg query`` checks it (updates, ``SERVICE``
        and ``FROM`` refused) and runs on the store with the project's prefixes
        predeclared. Returns a :class:`sockg.query.Result`; its ``to_python()``
        gives rows as dicts (SELECT), a bool (ASK) or triples.
        """
        from .query import LocalTarget, run_named

        target = LocalTarget(self.store, self.resolve)
        if name is not None:
            return run_named(target, name, params)
        if sparql is None:
            raise ValueError("give a query or a name")
        return target.run(sparql)

    def select(self, sparql: str, **bindings) -> list[dict]:
        """Run a SELECT on the store; return rows as ``{variable: python value}``.

        The project's prefixes are predeclared. The query is checked first, as
        ``sockg query`` checks it: updates, ``SERVICE`` and ``FROM`` are refused,
        so nothing is fetched. ``bindings`` bind variables to values (an IRI as a
        string, or a pyoxigraph term) through a ``VALUES`` block written by
        Oxigraph, never pasted into the text.
        """
        import pyoxigraph as ox

        from .query import LocalTarget

        terms = {k: ox.NamedNode(v) if isinstance(v, str) else v for k, v in bindings.items()}
        return LocalTarget(self.store).run(sparql, bindings=terms or None).to_python()

    # ---------------------------------------------------------------- entities
    @cached_property
    def _name_index(self):
        from .names import NameIndex

        return NameIndex.from_store(self.store, kinds=("pref", "alt"))

    @cached_property
    def labels(self) -> dict[str, str]:
        """IRI -> preferred label for every labelled entity."""
        rows = self.select("SELECT ?s ?l WHERE { ?s skos:prefLabel ?l FILTER(isIRI(?s)) }")
        # a seed's search results and a publication's licence have only an rdfs:label
        parts = self.select("""SELECT ?s ?l WHERE { VALUES ?c { sockg:SearchResult dcterms:LicenseDocument }
                                                    ?s a ?c ; rdfs:label ?l }""")
        return {r["s"]: r["l"] for r in parts} | {r["s"]: r["l"] for r in rows}

    def resolve(self, name: str) -> str:
        """The IRI an entity name (label, acronym, variant, IRI or slug; any case) refers to.

        Raises :class:`~sockg.errors.EntityNotFoundError` with close matches
        (see :class:`sockg.names.NameIndex`, shared with ``sockg query --data``).
        """
        return self._name_index.resolve(name)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or _short_iri(iri)

    @cached_property
    def claims(self):
        """The :class:`~sockg.evidence.read.ClaimReader` of this graph: claims and evidence, read the one way."""
        from .evidence.read import ClaimReader

        return ClaimReader(self.store)

    def evidence(self, subject: str, predicate: str, obj: str | None = None, *, literal: bool = False) -> list[dict]:
        """Evidence records (dicts with ``kind``, ``quote``, ``sentence``, ``paragraph``, ``document``, ``start``,
        ``end``) for the claim(s) ``subject predicate [obj]``; ``literal`` says ``obj`` is a plain string."""
        import pyoxigraph as ox

        o = None if obj is None else (ox.Literal(obj) if literal else ox.NamedNode(obj))
        records = [e for c in self.claims.of_triple(subject, predicate, o) for e in c.evidence]
        return [e.as_dict(*EVIDENCE_FIELDS) for e in sorted(records, key=lambda e: e.sort_key())]

    def _values(self, iri: str, predicate: str) -> list:
        import pyoxigraph as ox

        found = self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(predicate), None)
        return [term_value(q.object) for q in found]

    def entity(self, name: str) -> dict:
        """Everything known about one entity: its names and types, and its attributes, relations and
        mentions, each with its evidence (every record says its ``kind``: quoted, cited or extracted). A
        relation or attribute that is a curator's reading of its evidence says why in ``reading``."""
        iri = self.resolve(name)
        relations, attributes, mentions = [], [], []
        for c in sorted(self.claims.about(iri), key=lambda c: (c.predicate, str(c.object), c.subject)):
            out = c.subject == iri
            evidence = [e.as_dict(*EVIDENCE_FIELDS) for e in c.evidence]
            predicate = _short_iri(c.predicate)
            if predicate == "sockg:mentionedIn":
                mentions.extend(evidence)
            elif out and not c.object_is_iri:
                attributes.append({"predicate": predicate, "value": c.object, "reading": c.reading,
                                   "evidence": evidence})
            else:
                other = c.object if out else c.subject
                relations.append({"direction": "out" if out else "in", "predicate": predicate,
                                  "predicate_iri": c.predicate, "other": other, "note": c.note, "method": c.method,
                                  "reading": c.reading, "kinds": c.kinds, "evidence": evidence,
                                  "other_label": self.label(other)})
        relations.sort(key=lambda r: (r["direction"], r["predicate"], r["other_label"]))
        ns = PREFIXES
        return {
            "iri": iri,
            "label": self.label(iri),
            "types": sorted({_short_iri(t) for t in self._values(iri, ns["rdf"] + "type")}),
            "alt_labels": sorted(set(self._values(iri, ns["skos"] + "altLabel"))),
            "definition": next(iter(sorted(self._values(iri, ns["skos"] + "definition"))), None),
            "govuk_code": next(iter(sorted(self._values(iri, ns["sockg"] + "govukCode"))), None),
            "publication": self._publication(iri),
            "attributes": attributes,
            "relations": relations,
            "mentions": sorted(mentions, key=lambda e: (e["document"], e["start"] if e["start"] is not None else -1,
                                                        e["locator"] or "")),
        }

    def _publication(self, iri: str) -> dict | None:
        """A catalogued publication's id and official addresses (``None`` for anything else)."""
        ns = PREFIXES
        if ns["sockg"] + "Publication" not in self._values(iri, ns["rdf"] + "type"):
            return None
        return {"id": next(iter(sorted(self._values(iri, ns["dcterms"] + "identifier"))), None),
                "landing_page": next(iter(sorted(self._values(iri, ns["sockg"] + "landingPage"))), None),
                "html": sorted(self._values(iri, ns["sockg"] + "htmlVersion")),
                "pdf": sorted(self._values(iri, ns["sockg"] + "pdfVersion"))}

    # ---------------------------------------------------------------- statistics
    def stats(self) -> dict:
        """Triple count, instances per class and triples per predicate."""
        total = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
        classes = self.select("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c")
        preds = self.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p")
        return {
            "triples": int(total),
            "classes": {_short_iri(r["c"]): int(r["n"]) for r in classes},
            "predicates": {_short_iri(r["p"]): int(r["n"]) for r in preds},
        }


def _short_iri(iri: str) -> str:
    return curie(iri, bracket=False)


def ensure_built(build_dir: str | Path = "build", seeds: str | Path | None = None, *, rebuild: str = "auto",
                 on_build=None) -> str | None:
    """Build ``build_dir`` when needed; return why it was built (``None`` if it was up to date).

    ``on_build(reason, seeds_dir)`` is called just before a build starts (the command line says so).
    """
    build_dir = Path(build_dir)
    if rebuild not in ("auto", "always", "never"):
        raise ValueError("rebuild must be 'auto', 'always' or 'never'")
    reason = "asked to rebuild" if rebuild == "always" else (is_stale(build_dir, seeds) if rebuild == "auto" else None)
    if reason:
        from .build import build

        seeds_dir, ontology = resolve_inputs(build_dir, seeds)
        if on_build is not None:
            on_build(reason, seeds_dir)
        build(seeds_dir, build_dir, ontology)
    return reason


def load(build_dir: str | Path = "build", seeds: str | Path | None = None, *, rebuild: str = "auto",
         on_build=None) -> KnowledgeGraph:
    """See :func:`sockg.load`."""
    ensure_built(build_dir, seeds, rebuild=rebuild, on_build=on_build)
    return KnowledgeGraph(build_dir)
