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

from .build import STORE_NAME, TTL_NAME, build, is_stale, resolve_inputs
from .errors import BuildMissingError
from .namespaces import PREFIXES
from .terms import curie, sparql_string, term_value
from .text import normalise_name  # noqa: F401 - part of this module's API

__all__ = ["KnowledgeGraph", "load", "ensure_built", "normalise_name", "PREFIX_HEADER", "term_value"]

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

    def select(self, sparql: str) -> list[dict]:
        """Run a SELECT on the store; return rows as ``{variable: python value}``.

        The project's prefixes are predeclared. The query is checked first, as
        ``sockg query`` checks it: updates, ``SERVICE`` and ``FROM`` are refused,
        so nothing is fetched.
        """
        from .query.safety import check_query

        check_query(sparql)
        res = self.store.query(sparql, prefixes=PREFIXES)
        names = [v.value for v in res.variables]
        return [{n: term_value(sol[n]) for n in names} for sol in res]

    # ---------------------------------------------------------------- entities
    @cached_property
    def _name_index(self):
        from .names import NameIndex

        return NameIndex.from_store(self.store, kinds=("pref", "alt"))

    @cached_property
    def labels(self) -> dict[str, str]:
        """IRI -> preferred label for every labelled entity."""
        rows = self.select("SELECT ?s ?l WHERE { ?s skos:prefLabel ?l FILTER(isIRI(?s)) }")
        return {r["s"]: r["l"] for r in rows}

    def resolve(self, name: str) -> str:
        """The IRI an entity name (label, acronym, variant, IRI or slug; any case) refers to.

        Raises :class:`~sockg.errors.EntityNotFoundError` with close matches
        (see :class:`sockg.names.NameIndex`, shared with ``sockg query --data``).
        """
        return self._name_index.resolve(name)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or _short_iri(iri)

    def evidence(self, subject: str, predicate: str, obj: str | None = None, *, literal: bool = False) -> list[dict]:
        """Evidence records for the claim(s) ``subject predicate [obj]``."""
        o = "" if obj is None else (f"; rdf:object {sparql_string(obj)} " if literal else f"; rdf:object <{obj}> ")
        return self.select(f"""
            SELECT ?quote ?sentence ?paragraph ?document ?start ?end WHERE {{
              ?c a sockg:Claim ; rdf:subject <{subject}> ; rdf:predicate <{predicate}> {o};
                 prov:wasDerivedFrom ?e .
              ?e sockg:paragraph ?paragraph ; sockg:sentence ?sentence ; oa:hasSource ?d ;
                 oa:hasSelector [ oa:exact ?quote ], [ oa:start ?start ; oa:end ?end ] .
              ?d dcterms:identifier ?document .
            }} ORDER BY ?document ?start""")

    def entity(self, name: str) -> dict:
        """Everything known about one entity, each relation with its evidence quotes."""
        iri = self.resolve(name)
        info = self.select(f"""
            SELECT ?type ?alt ?definition ?govuk WHERE {{
              {{ <{iri}> a ?type }} UNION {{ <{iri}> skos:altLabel ?alt }}
              UNION {{ <{iri}> skos:definition ?definition }} UNION {{ <{iri}> sockg:govukCode ?govuk }}
            }}""")
        # the claims about the entity first (a sub-select), then their evidence: a flat pattern with
        # the UNION inside made Oxigraph's planner take a second per entity
        claims = self.select(f"""
            SELECT ?c ?s ?p ?o ?note ?method ?quote ?sentence ?paragraph ?document ?start ?end WHERE {{
              {{ SELECT ?c ?s ?p ?o WHERE {{
                   {{ ?c rdf:subject <{iri}> ; rdf:predicate ?p ; rdf:object ?o . BIND(<{iri}> AS ?s) }}
                   UNION
                   {{ ?c rdf:object <{iri}> ; rdf:predicate ?p ; rdf:subject ?s . BIND(<{iri}> AS ?o) }} }} }}
              ?c sockg:method ?method ; prov:wasDerivedFrom ?e .
              ?e sockg:paragraph ?paragraph ; sockg:sentence ?sentence ; oa:hasSource ?d ;
                 oa:hasSelector ?qs, ?ps . ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
              ?d dcterms:identifier ?document .
              OPTIONAL {{ ?c rdfs:comment ?note }}
            }} ORDER BY ?p ?o ?document ?start""")
        by_claim: dict[str, dict] = {}
        for r in claims:
            c = by_claim.setdefault(r["c"], {
                "direction": "out" if r["s"] == iri else "in",
                "predicate": _short_iri(r["p"]),
                "predicate_iri": r["p"],
                "other": r["o"] if r["s"] == iri else r["s"],
                "note": r["note"],
                "method": r["method"],
                "evidence": [],
            })
            ev = {k: r[k] for k in ("quote", "sentence", "paragraph", "document", "start", "end")}
            if ev not in c["evidence"]:
                c["evidence"].append(ev)
        relations, attributes, mentions = [], [], []
        for c in by_claim.values():
            other = c["other"]
            is_iri = other in self.labels or other.startswith(("http://", "https://"))
            if c["predicate"] == "sockg:mentionedIn":
                mentions.extend(c["evidence"])
                continue
            if c["direction"] == "out" and not is_iri:
                attributes.append({"predicate": c["predicate"], "value": other, "evidence": c["evidence"]})
                continue
            c["other_label"] = self.label(other)
            relations.append(c)
        relations.sort(key=lambda c: (c["direction"], c["predicate"], c["other_label"]))
        return {
            "iri": iri,
            "label": self.label(iri),
            "types": sorted({_short_iri(r["type"]) for r in info if r["type"]}),
            "alt_labels": sorted({r["alt"] for r in info if r["alt"]}),
            "definition": next((r["definition"] for r in info if r["definition"]), None),
            "govuk_code": next((r["govuk"] for r in info if r["govuk"]), None),
            "attributes": attributes,
            "relations": relations,
            "mentions": sorted(mentions, key=lambda e: (e["document"], e["start"])),
        }

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


def ensure_built(build_dir: str | Path = "build", seeds: str | Path | None = None, *, rebuild: str = "auto") -> str | None:
    """Build ``build_dir`` when needed; return why it was built (``None`` if it was up to date)."""
    build_dir = Path(build_dir)
    if rebuild not in ("auto", "always", "never"):
        raise ValueError("rebuild must be 'auto', 'always' or 'never'")
    reason = "asked to rebuild" if rebuild == "always" else (is_stale(build_dir, seeds) if rebuild == "auto" else None)
    if reason:
        seeds_dir, ontology = resolve_inputs(build_dir, seeds)
        build(seeds_dir, build_dir, ontology)
    return reason


def load(build_dir: str | Path = "build", seeds: str | Path | None = None, *, rebuild: str = "auto") -> KnowledgeGraph:
    """See :func:`sockg.load`."""
    ensure_built(build_dir, seeds, rebuild=rebuild)
    return KnowledgeGraph(build_dir)
