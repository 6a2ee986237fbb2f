"""The project's namespaces, defined once.

Examples
--------
>>> from sockg.namespaces import ID, iri
>>> str(iri("org", "national-crime-agency"))
'https://w3id.org/sockg/id/org/national-crime-agency'
>>> str(SOCKG.Strategy)
'https://w3id.org/sockg/def#Strategy'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

__all__ = ["BASE", "SOCKG", "ID", "OA", "SCHEMA", "SH", "PREFIXES", "iri", "bind_prefixes"]

BASE = "https://w3id.org/sockg/"
SOCKG = Namespace(BASE + "def#")
ID = Namespace(BASE + "id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = SDO  # https://schema.org/
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefixes bound in every graph sockg writes and predeclared for queries.
PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "sh": str(SH),
    "sockg": str(SOCKG),
    "id": str(ID),
}


def iri(kind: str, slug: str) -> URIRef:
    """Return the IRI of an individual of ``kind`` named ``slug``."""
    return URIRef(f"{ID}{kind}/{slug}")


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph (replacing defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
