"""Export the built graph in other formats, looked up by name in :data:`EXPORTERS`.

RDF formats (``ttl``, ``nt``, ``jsonld``) are written by rdflib; ``graphml``
and ``gexf`` by networkx from :func:`sockg.analysis.to_networkx`, so Gephi and
other network tools can open the graph. GraphML and GEXF hold only scalar
attributes, so list-valued ones (types, alternative labels, evidence) are
stored as JSON text.
"""

from __future__ import annotations

import json
from typing import Callable

from .errors import ExportError

__all__ = ["EXPORTERS", "export", "register", "flatten_for_networkx_io"]

EXPORTERS: dict[str, Callable] = {}


def register(name: str):
    def deco(func):
        EXPORTERS[name] = func
        return func

    return deco


@register("ttl")
def _ttl(kg) -> bytes:
    return kg.ttl_path.read_bytes()


@register("nt")
def _nt(kg) -> bytes:
    lines = kg.graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


@register("jsonld")
def _jsonld(kg) -> bytes:
    from .namespaces import PREFIXES

    context = {p: ns for p, ns in PREFIXES.items()}
    return kg.graph.serialize(format="json-ld", context=context, indent=2, encoding="utf-8")


def flatten_for_networkx_io(G):
    """A copy of ``G`` whose attribute values are all str, int, float or bool."""
    H = G.copy()

    def fix(attrs: dict) -> None:
        for k, v in list(attrs.items()):
            if v is None:
                del attrs[k]
            elif isinstance(v, (list, dict, tuple)):
                attrs[k] = json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
            elif not isinstance(v, (str, int, float, bool)):
                attrs[k] = str(v)

    for _, attrs in H.nodes(data=True):
        fix(attrs)
    for _, _, attrs in H.edges(data=True):
        fix(attrs)
    return H


def _networkx_writer(kind: str):
    def write(kg) -> bytes:
        import io

        import networkx as nx

        from .analysis import to_networkx

        H = flatten_for_networkx_io(to_networkx(kg))
        buf = io.BytesIO()
        if kind == "graphml":
            nx.write_graphml(H, buf, encoding="utf-8")
        else:
            nx.write_gexf(H, buf, encoding="utf-8")
        return buf.getvalue()

    return write


EXPORTERS["graphml"] = _networkx_writer("graphml")
EXPORTERS["gexf"] = _networkx_writer("gexf")


def export(kg, fmt: str) -> bytes:
    """The built graph ``kg`` serialised as ``fmt`` (a key of :data:`EXPORTERS`)."""
    try:
        func = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORTERS)}") from None
    return func(kg)
