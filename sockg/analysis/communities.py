"""Communities: groups of entities more tightly joined to each other than to the rest.

:func:`communities` runs Louvain (default) or greedy modularity on a
projection with a fixed seed, so the same graph always gives the same
groups, and describes each group by its members, its dominant classes and its
most connected member.

Examples
--------
>>> import networkx as nx
>>> P = nx.barbell_graph(4, 0)
>>> nx.set_node_attributes(P, {n: ("left" if n < 4 else "right") + str(n) for n in P}, "label")
>>> [c["size"] for c in communities(P)["communities"]]
[4, 4]
>>> community_of(communities(P), "left0") == community_of(communities(P), "left3")
True
"""

from __future__ import annotations

from collections import Counter

from ..errors import AnalysisError
from .common import check_count, check_positive, node_label
from .projections import ensure_projection

__all__ = ["communities", "community_of", "METHODS"]

#: Community detection methods.
METHODS = ("louvain", "greedy")


def communities(G, projection: str | None = None, *, method: str = "louvain", seed: int = 0,
                resolution: float = 1.0, top: int | None = None) -> dict:
    """Split a projection into communities.

    Parameters
    ----------
    G : the converted graph (or a projection of it).
    projection : a projection name (default ``relations``).
    method : ``louvain`` (:func:`networkx.community.louvain_communities`) or ``greedy``
        (:func:`networkx.community.greedy_modularity_communities`).
    seed : the random seed Louvain uses.
    resolution : above 1 favours smaller communities, below 1 larger ones; must be above 0
        (at 0 every connected piece is one community, and below 0 modularity means nothing).
    top : keep only the ``top`` largest communities (0 or more; ``None``: all).

    Returns
    -------
    dict with ``projection``, ``method``, ``modularity`` and ``communities``, largest first;
    each has ``id`` (1 = largest), ``size``, ``hub`` (the member with most neighbours inside),
    ``classes`` (class -> count, most common first), ``dominant_class`` (the most common class;
    on a tie, the hub's), ``members``
    (labels, sorted) and ``iris``.
    """
    import networkx as nx

    if method not in METHODS:
        raise AnalysisError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
    resolution = check_positive(resolution, "resolution")
    top = check_count(top, "top")
    P = ensure_projection(G, projection)
    if P.number_of_nodes() == 0:
        return {"projection": P.graph.get("projection"), "method": method, "modularity": None, "communities": []}
    if method == "louvain":
        parts = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    else:
        parts = nx.community.greedy_modularity_communities(P, weight="weight", resolution=resolution)
    modularity = nx.community.modularity(P, parts, weight="weight") if P.number_of_edges() else 0.0

    described = []
    for members in parts:
        sub = P.subgraph(members)
        classes = Counter(P.nodes[n].get("cls") or "?" for n in members)
        hub = max(members, key=lambda n: (sub.degree(n, weight="weight"), P.degree(n), node_label(P, n)))
        ordered = sorted(members, key=lambda n: node_label(P, n))
        hub_cls = P.nodes[hub].get("cls") or "?"
        by_count = dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0] != hub_cls, kv[0])))
        described.append({
            "size": len(members),
            "hub": node_label(P, hub),
            "dominant_class": next(iter(by_count)),
            "classes": by_count,
            "members": [node_label(P, n) for n in ordered],
            "iris": [P.nodes[n].get("iri", n) for n in ordered],
        })
    described.sort(key=lambda c: (-c["size"], c["hub"]))
    for i, c in enumerate(described, 1):
        c["id"] = i
    if top is not None:
        described = described[:top]
    return {"projection": P.graph.get("projection"), "method": method, "seed": seed if method == "louvain" else None,
            "modularity": round(modularity, 6), "communities": [{"id": c.pop("id"), **c} for c in described]}


def community_of(result: dict, name: str) -> int | None:
    """The id of the community whose members include the label or IRI ``name`` (``None`` if none does)."""
    for c in result["communities"]:
        if name in c["members"] or name in c["iris"]:
            return c["id"]
    return None
