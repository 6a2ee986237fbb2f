"""The project's namespaces, defined once.

``PREFIXES`` holds plain strings, so code that only needs prefixes (the query
path, the CLI) does not load rdflib; the rdflib :class:`~rdflib.Namespace`
objects (``SOCKG``, ``ID``, ``OA``, ``SCHEMA``, ``SH``) are made on first use.

Examples
--------
>>> from sockg.namespaces import ID, SOCKG, iri
>>> str(iri("org", "national-crime-agency"))
'https://w3id.org/sockg/id/org/national-crime-agency'
>>> str(SOCKG.Strategy)
'https://w3id.org/sockg/def#Strategy'
"""

from __future__ import annotations

__all__ = ["BASE", "SOCKG", "ID", "OA", "SCHEMA", "SH", "PREFIXES", "iri", "bind_prefixes"]

BASE = "https://w3id.org/sockg/"

#: Prefixes bound in every graph sockg writes and predeclared for queries.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "sockg": BASE + "def#",
    "id": BASE + "id/",
}

_NAMESPACES = {"SOCKG": "sockg", "ID": "id", "OA": "oa", "SCHEMA": "schema", "SH": "sh"}


def __getattr__(name: str):
    if name in _NAMESPACES:
        from rdflib import Namespace

        ns = Namespace(PREFIXES[_NAMESPACES[name]])
        globals()[name] = ns
        return ns
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def iri(kind: str, slug: str):
    """Return the IRI (an rdflib ``URIRef``) of an individual of ``kind`` named ``slug``."""
    from rdflib import URIRef

    return URIRef(f"{PREFIXES['id']}{kind}/{slug}")


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph (replacing defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
