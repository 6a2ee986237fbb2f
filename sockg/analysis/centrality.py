"""Centrality: which entities hold a projection together.

:func:`centrality` scores every node of a projection by degree, betweenness
and PageRank and ranks it on each. Exact betweenness runs one breadth-first search from
every node, so its cost grows as ``nodes x (nodes + edges)``. Up to
:data:`BETWEENNESS_WORK_LIMIT` of that work it is exact; above, it is
estimated from ``k`` sampled sources (with a fixed seed), ``k`` chosen to stay
within the same work, and the result says so.

PageRank is computed here by power iteration with numpy (the same definition
as :func:`networkx.pagerank`: damping 0.85, dangling nodes spread evenly),
because networkx's own implementation needs scipy.

Examples
--------
>>> import networkx as nx
>>> P = nx.star_graph(3)
>>> nx.set_node_attributes(P, {n: f"n{n}" for n in P}, "label")
>>> res = centrality(P)
>>> [(r["label"], r["degree"], r["betweenness_rank"]) for r in res["rows"][:2]]
[('n0', 3, 1), ('n1', 1, 2)]
>>> round(sum(pagerank(P).values()), 6)
1.0
"""

from __future__ import annotations

from ..errors import AnalysisError
from .common import check_count, check_positive
from .projections import ensure_projection

__all__ = ["centrality", "pagerank", "betweenness_sources", "MEASURES", "BETWEENNESS_WORK_LIMIT",
           "BETWEENNESS_MIN_SAMPLE"]

#: The measures :func:`centrality` computes, in column order.
MEASURES = ("degree", "betweenness", "pagerank")
#: Betweenness is exact while ``nodes x (nodes + edges)`` stays under this (some ten seconds here).
BETWEENNESS_WORK_LIMIT = 10_000_000
#: Fewest sampled sources when betweenness is estimated.
BETWEENNESS_MIN_SAMPLE = 16


def betweenness_sources(nodes: int, edges: int, work_limit: int = BETWEENNESS_WORK_LIMIT) -> int | None:
    """How many sampled sources betweenness should use: ``None`` for exact.

    >>> betweenness_sources(100, 300), betweenness_sources(12_000, 50_000)
    (None, 161)
    """
    nodes, edges = check_count(nodes, "nodes", none_ok=False), check_count(edges, "edges", none_ok=False)
    work_limit = check_count(work_limit, "work_limit", minimum=1, none_ok=False)
    per_source = max(nodes + edges, 1)
    if nodes * per_source <= work_limit:
        return None
    return min(nodes, max(BETWEENNESS_MIN_SAMPLE, work_limit // per_source))


def pagerank(P, alpha: float = 0.85, weight: str | None = "weight", tol: float = 1.0e-10,
             max_iter: int = 200) -> dict:
    """PageRank of every node of ``P`` (undirected edges count both ways; weighted by ``weight``)."""
    import numpy as np

    if not 0 <= alpha <= 1:
        raise AnalysisError(f"alpha (the damping factor) must be between 0 and 1 (got {alpha!r})")
    check_positive(tol, "tol")
    check_count(max_iter, "max_iter", minimum=1, none_ok=False)
    nodes = list(P)
    n = len(nodes)
    if n == 0:
        return {}
    pos = {v: i for i, v in enumerate(nodes)}
    edges = list(P.edges(data=weight, default=1.0)) if weight else [(u, v, 1.0) for u, v in P.edges()]
    src_a = np.fromiter((pos[u] for u, _, _ in edges), dtype=np.int64, count=len(edges))
    dst_a = np.fromiter((pos[v] for _, v, _ in edges), dtype=np.int64, count=len(edges))
    w_a = np.fromiter((float(x) for _, _, x in edges), dtype=float, count=len(edges))
    if not P.is_directed():  # an undirected edge counts both ways (a self-loop once)
        back = src_a != dst_a
        src_a, dst_a, w_a = (np.concatenate([src_a, dst_a[back]]), np.concatenate([dst_a, src_a[back]]),
                             np.concatenate([w_a, w_a[back]]))
    out_w = np.bincount(src_a, weights=w_a, minlength=n)
    dangling = out_w == 0
    share = np.divide(w_a, out_w[src_a], out=np.zeros_like(w_a), where=out_w[src_a] > 0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        prev = x
        x = alpha * np.bincount(dst_a, weights=prev[src_a] * share, minlength=n)
        x += (alpha * prev[dangling].sum() + (1.0 - alpha)) / n
        if np.abs(x - prev).sum() < n * tol:
            break
    x /= x.sum()
    return {v: float(x[pos[v]]) for v in nodes}


def _ranks(scores: dict) -> dict:
    """Competition ranks (1, 2, 2, 4) from high to low."""
    ordered = sorted(scores.values(), reverse=True)
    first = {}
    for i, s in enumerate(ordered):
        first.setdefault(s, i + 1)
    return {n: first[s] for n, s in scores.items()}


def centrality(G, projection: str | None = None, *, by: str = "pagerank", top: int | None = None,
               k: int | None = None, seed: int = 0, work_limit: int = BETWEENNESS_WORK_LIMIT) -> dict:
    """Degree, betweenness and PageRank of every node of a projection, with ranks.

    Parameters
    ----------
    G : the converted graph (or a projection of it).
    projection : a name from :data:`~sockg.analysis.projections.PROJECTIONS` (default ``relations``).
    by : the measure rows are ordered by (one of :data:`MEASURES`).
    top : keep only the first ``top`` rows (0 or more; ``None``: all).
    k : number of sampled sources for betweenness (1 or more; as many as the nodes or more means
        exact); by default exact while the work (``nodes x (nodes + edges)``) is under
        ``work_limit``, else :func:`betweenness_sources`.

    Raises :class:`~sockg.errors.AnalysisError` for an unknown measure, a negative ``top``
    or a ``k`` below 1.

    Returns
    -------
    dict with ``projection``, ``nodes``, ``edges``, ``betweenness`` (``{"exact", "k", "seed"}``)
    and ``rows``: one dict per node with ``label``, ``class``, ``iri``, and for each measure its
    value and ``<measure>_rank``. ``degree`` counts distinct neighbours; ``degree_centrality``
    divides by ``nodes - 1``.
    """
    import networkx as nx

    if by not in MEASURES:
        raise AnalysisError(f"unknown measure {by!r}; choose one of: {', '.join(MEASURES)}")
    top = check_count(top, "top")
    k = check_count(k, "k (sampled sources)", minimum=1)
    P = ensure_projection(G, projection)
    n = P.number_of_nodes()
    if k is None:
        k = betweenness_sources(n, P.number_of_edges(), work_limit)
    if k is not None:
        k = min(k, n)
    exact = k is None or k >= n
    between = nx.betweenness_centrality(P, k=None if exact else k, seed=seed, normalized=True) if n else {}
    degree = dict(P.degree())
    norm = max(n - 1, 1)
    pr = pagerank(P)
    values = {"degree": degree, "betweenness": between, "pagerank": pr}
    ranks = {m: _ranks(v) for m, v in values.items()}
    rows = []
    for v in P:
        d = P.nodes[v]
        row = {"label": d.get("label", str(v)), "class": d.get("cls"), "iri": d.get("iri", v),
               "degree": degree[v], "degree_centrality": round(degree[v] / norm, 6),
               "betweenness": round(between.get(v, 0.0), 6), "pagerank": round(pr.get(v, 0.0), 6)}
        for m in MEASURES:
            row[f"{m}_rank"] = ranks[m][v]
        rows.append(row)
    rows.sort(key=lambda r: (r[f"{by}_rank"], *(r[f"{m}_rank"] for m in MEASURES), r["label"]))
    if top is not None:
        rows = rows[:top]
    return {
        "projection": P.graph.get("projection"),
        "nodes": n,
        "edges": P.number_of_edges(),
        "by": by,
        "betweenness": {"exact": exact, "k": None if exact else k, "seed": None if exact else seed},
        "rows": rows,
    }
