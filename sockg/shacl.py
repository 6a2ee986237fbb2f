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

__all__ = ["validate"]


def _name(graph: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            prefix, _, local = graph.compute_qname(term, generate=False)
            if prefix in {"sockg", "rdf", "rdfs", "skos", "org", "dcterms", "prov", "oa", "schema", "xsd"}:
                return f"{prefix}:{local}"
        except (KeyError, ValueError):
            pass
        return f"<{term}>"
    return term.n3() if hasattr(term, "n3") else str(term)


def validate(data: Graph, shapes: Graph) -> list[str]:
    """Validate ``data`` against ``shapes``; return one line per violation (empty when it conforms)."""
    from pyshacl import validate as _pyshacl_validate

    conforms, results, _text = _pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, meta_shacl=False
    )
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
