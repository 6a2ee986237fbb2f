"""SHACL validation with pySHACL, reported one violation a line.

Examples
--------
>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...   ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .''',
...   format="turtle")
>>> data = Graph().parse(data='<http://example.org/x> a <http://example.org/C> .', format="turtle")
>>> lines = validate(data, shapes)
>>> len(lines), lines[0].startswith("<http://example.org/x> <http://example.org/p>: Less than 1 values")
(1, True)
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .namespaces import SH
from .terms import curie

__all__ = ["validate", "unclaimed_statements"]


def _name(graph: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return curie(str(term))
    return term.n3() if hasattr(term, "n3") else str(term)


def validate(data: Graph, shapes: Graph) -> list[str]:
    """Validate ``data`` against ``shapes``; return one line per violation (empty when it conforms)."""
    from pyshacl import validate as _pyshacl_validate

    conforms, results, text = _pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, meta_shacl=False
    )
    if not isinstance(results, Graph):  # pySHACL could not use the shapes themselves
        from .errors import OntologyError

        raise OntologyError(f"the SHACL shapes cannot be used: {' '.join(str(text).split())[:300]}")
    if conforms:
        return []
    lines = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        message = results.value(r, SH.resultMessage) or "violates a shape"
        path_text = _name(data, path) if isinstance(path, URIRef) else ("(path)" if path is not None else "")
        value = results.value(r, SH.value)
        if str(focus) == "https://w3id.org/sockg/def" and value is not None:  # a whole-graph check
            focus, value = value, None
        line = f"{_name(data, focus)} {path_text}".strip() + f": {message}"
        if value is not None and str(value) not in str(message):
            line += f" (value {_name(data, value)})"
        lines.append(" ".join(line.split()))
    return sorted(set(lines))


#: Statements about an individual that name or type it rather than claim anything.
_BOOKKEEPING = frozenset(
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://www.w3.org/2000/01/rdf-schema#label "
    "http://www.w3.org/2000/01/rdf-schema#comment http://www.w3.org/2004/02/skos/core#prefLabel "
    "http://www.w3.org/2004/02/skos/core#altLabel https://w3id.org/sockg/def#govukCode".split()
)
_NOT_INDIVIDUALS = ("claim/", "evidence/", "seed/", "scheme/")


def unclaimed_statements(data: Graph) -> list[str]:
    """Statements about the project's individuals that no evidenced claim reifies, one line each.

    The build never writes such a statement; this catches graphs edited or
    assembled elsewhere. (A set difference in Python: the same check as a
    SHACL-SPARQL constraint takes seconds in rdflib.)
    """
    from .namespaces import PREFIXES

    base = PREFIXES["id"]
    rdf_ = PREFIXES["rdf"]
    subject, predicate, obj = (URIRef(rdf_ + n) for n in ("subject", "predicate", "object"))
    derived = URIRef(PREFIXES["prov"] + "wasDerivedFrom")
    claimed = set()
    for c in set(data.subjects(derived, None)):
        s, p, o = data.value(c, subject), data.value(c, predicate), data.value(c, obj)
        if s is not None and p is not None and o is not None:
            claimed.add((s, p, o))
    lines = []
    for s, p, o in data:
        if not isinstance(s, URIRef) or not str(s).startswith(base) or str(p) in _BOOKKEEPING:
            continue
        if str(s)[len(base):].startswith(_NOT_INDIVIDUALS):
            continue
        if (s, p, o) not in claimed:
            lines.append(f"{_name(data, s)} {_name(data, p)}: a statement about this individual has no claim "
                         f"with evidence behind it (object {_name(data, o)})")
    return sorted(lines)
