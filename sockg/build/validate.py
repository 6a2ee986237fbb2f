"""Validation: the SHACL shapes (pySHACL) and the rule that every statement has an evidenced claim.

Both report one line per problem; :func:`validate_graph` runs both.

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

from pathlib import Path

from ..errors import OntologyError
from ..terms import curie

__all__ = ["validate", "unclaimed_lines", "validate_graph"]


def _name(term) -> str:
    """A term of rdflib or Oxigraph as a line shows it: a prefixed name or ``<IRI>``, else its N-Triples form."""
    import pyoxigraph as ox
    from rdflib import URIRef

    if term is None:
        return ""
    if isinstance(term, (URIRef, ox.NamedNode)):
        return curie(term.value if isinstance(term, ox.NamedNode) else str(term))
    return term.n3() if hasattr(term, "n3") else str(term)


def validate(data, shapes) -> list[str]:
    """Validate the rdflib graph ``data`` against ``shapes``; one line per violation (empty when it conforms)."""
    from pyshacl import validate as _pyshacl_validate

    from ..namespaces import SH
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    conforms, results, text = _pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, meta_shacl=False
    )
    if not isinstance(results, Graph):  # pySHACL could not use the shapes themselves
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
        path_text = _name(path) if isinstance(path, URIRef) else ("(path)" if path is not None else "")
        value = results.value(r, SH.value)
        if str(focus) == "https://w3id.org/sockg/def" and value is not None:  # a whole-graph check
            focus, value = value, None
        line = f"{_name(focus)} {path_text}".strip() + f": {message}"
        if value is not None and str(value) not in str(message):
            line += f" (value {_name(value)})"
        lines.append(" ".join(line.split()))
    return sorted(set(lines))


def unclaimed_lines(store) -> list[str]:
    """Statements about the project's individuals that no evidenced claim reifies, one line each.

    The build never writes such a statement; this catches graphs edited or
    assembled elsewhere. (Read through :func:`sockg.evidence.read.unclaimed_statements`;
    the same check as a SHACL-SPARQL constraint takes seconds in rdflib.)
    """
    from ..evidence.read import unclaimed_statements

    return [f"{_name(s)} {_name(p)}: a statement about this individual has no claim with evidence behind it "
            f"(object {_name(o)})" for s, p, o in unclaimed_statements(store)]


def validate_graph(graph, ontology: Path | None = None, *, store=None, support: bool = False) -> list[str]:
    """SHACL violations of the rdflib ``graph`` against ``ontology/shapes.ttl``, and its statements without a
    claim, one line each; with ``support``, also the claims the support check finds not stated by their
    evidence (:mod:`sockg.build.support`). ``store`` is the same graph in Oxigraph, when the caller has it."""
    from ..resources import ontology_dir
    from ..terms import to_store
    from .inputs import load_shapes

    store = store if store is not None else to_store(graph)
    lines = validate(graph, load_shapes(Path(ontology) if ontology else ontology_dir()))
    lines = sorted(lines + unclaimed_lines(store))
    if support:
        from .support import check_support

        lines += [f"support: {p.line()}" for p in check_support(store)]
    return lines
