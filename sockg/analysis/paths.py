"""Paths and explanations: why are two entities connected, sentence by sentence.

:func:`shortest_path` finds the fewest relations that join two entities,
walking relations in either direction but reporting each hop the way the
relation really runs (``source --predicate--> target``), with the quotes that
support it. By default only relations with evidence are walked; scheme
membership (``skos:inScheme``) and the concept schemes themselves are never
used, since "both are in the same list" explains nothing.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in "abc":
...     G.add_node(n, label=n.upper(), alt_labels=[])
>>> ev = [{"quote": "a knows b", "paragraph": "1", "document": "d"}]
>>> _ = G.add_edge("a", "b", key="ex:knows", predicate="ex:knows", evidence=ev)
>>> _ = G.add_edge("c", "b", key="ex:likes", predicate="ex:likes", evidence=ev)
>>> [(h["source"], h["predicate"], h["target"]) for h in shortest_path(G, "A", "C")["hops"]]
[('A', 'ex:knows', 'B'), ('C', 'ex:likes', 'B')]
"""

from __future__ import annotations

from ..errors import NoPathError
from .common import CLASSIFICATION_PREDICATES, as_graph, find_node, is_scheme, node_label

__all__ = ["shortest_path", "search_graph", "UNEVIDENCED_COST"]

#: Cost of a relation without evidence when such relations are allowed: any evidenced detour
#: of fewer hops than this is preferred.
UNEVIDENCED_COST = 1000


def search_graph(G, *, evidenced_only: bool = True):
    """The undirected graph paths are searched on: for each pair, its best relation.

    The best relation is an evidenced one before an unevidenced one, then the one with
    most evidence, then the first by predicate name. Edge ``cost`` is 1 for evidenced
    relations and :data:`UNEVIDENCED_COST` for the others.
    """
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if not is_scheme(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in CLASSIFICATION_PREDICATES or u == v or u not in H or v not in H:
            continue
        n_ev = len(d.get("evidence") or ())
        if evidenced_only and not n_ev:
            continue
        rank = (0 if n_ev else 1, -n_ev, str(k))
        if H.has_edge(u, v) and H.edges[u, v]["rank"] <= rank:
            continue
        H.add_edge(u, v, rank=rank, cost=1 if n_ev else UNEVIDENCED_COST, relation=(u, k, v))
    return H


def _evidence(records) -> list[dict]:
    out = []
    for r in records or ():
        rec = {"kind": r.get("kind"), "quote": r.get("quote"), "paragraph": r.get("paragraph"),
               "document": r.get("document"), "start": r.get("start"), "end": r.get("end"), "note": r.get("note"),
               "locator": r.get("locator"), "publication": r.get("publication"), "url": r.get("url")}
        if rec not in out:
            out.append(rec)
    return out


def shortest_path(G, source: str, target: str, *, evidenced_only: bool = True) -> dict:
    """The shortest path between two entities named by label, acronym or IRI.

    Parameters
    ----------
    G : the converted graph (a :class:`~sockg.kg.KnowledgeGraph` is converted first).
    source, target : entity names (any case).
    evidenced_only : walk only relations that carry evidence (default). With ``False``,
        relations without evidence may be used, but only where no evidenced path exists.

    Returns
    -------
    dict with ``source``, ``target`` (labels), ``source_iri``, ``target_iri``, ``length`` and
    ``hops``: each hop has ``source``, ``predicate``, ``target`` (labels, in the relation's own
    direction), ``source_iri``, ``target_iri``, ``predicate_label``, ``direction`` (``forward``
    when the walk follows the relation, ``backward`` when it walks it against its direction)
    ``evidence``: ``[{"kind", "quote", "paragraph", "document", "start", "end"}]`` and ``reading`` (why the
    relation is a curator's reading of its evidence, or ``None``).

    Raises
    ------
    EntityNotFoundError
        A name matches no entity (with close matches as suggestions).
    NoPathError
        The two entities are not connected.
    """
    import networkx as nx

    G = as_graph(G)
    a, b = find_node(G, source), find_node(G, target)

    if a == b:
        return {"source": node_label(G, a), "target": node_label(G, b), "source_iri": a, "target_iri": b,
                "length": 0, "hops": []}
    H = search_graph(G, evidenced_only=evidenced_only)
    try:
        if a not in H or b not in H:
            raise nx.NetworkXNoPath
        nodes = nx.shortest_path(H, a, b, weight="cost")
    except nx.NetworkXNoPath:
        hint = ""
        if evidenced_only:
            H2 = search_graph(G, evidenced_only=False)
            if a in H2 and b in H2 and nx.has_path(H2, a, b):
                hint = " (they are joined only through relations without evidence)"
        raise NoPathError(f"no {'evidenced ' if evidenced_only else ''}path between {node_label(G, a)!r} and "
                          f"{node_label(G, b)!r}{hint}") from None
    hops = []
    for x, y in zip(nodes, nodes[1:]):
        u, k, v = H.edges[x, y]["relation"]
        d = G.edges[u, v, k]
        hops.append({
            "source": node_label(G, u), "predicate": d.get("predicate", k), "target": node_label(G, v),
            "source_iri": u, "target_iri": v, "predicate_label": d.get("label"),
            "direction": "forward" if (u, v) == (x, y) else "backward",
            "evidence": _evidence(d.get("evidence")), "reading": d.get("reading"),
        })
    return {"source": node_label(G, a), "target": node_label(G, b), "source_iri": a, "target_iri": b,
            "length": len(hops), "hops": hops}
