"""Bridges and articulation points: single entities or links whose loss splits a projection.

An *articulation point* is a node whose removal disconnects its component; a
*bridge* is an edge (one or more relations between the same two entities)
whose removal does. Each is scored by ``cut_off``: how many nodes end up
outside the largest remaining piece, which is how much of the graph hangs on
it. Both come from one depth-first search (Hopcroft and Tarjan's low-point
method), linear in the size of the graph.

Examples
--------
>>> import networkx as nx
>>> P = nx.path_graph(4)          # 0 - 1 - 2 - 3
>>> nx.set_node_attributes(P, {n: str(n) for n in P}, "label")
>>> [(r["label"], r["cut_off"]) for r in articulation_points(P)["rows"]]
[('1', 1), ('2', 1)]
>>> [(r["a"], r["b"], r["cut_off"]) for r in bridges(P)["rows"]][:1]
[('1', '2', 2)]
"""

from __future__ import annotations

from .common import check_count, node_label
from .projections import ensure_projection

__all__ = ["articulation_points", "bridges", "cut_structure", "EXAMPLES_FOR"]

#: Rows past this many get no ``cut_off_members`` (each costs one pass over the graph).
EXAMPLES_FOR = 50


def cut_structure(P):
    """One DFS over an undirected graph: ``(points, links)``.

    ``points`` maps each articulation point to ``(component size, [sizes of the pieces left
    when it is removed])``; ``links`` maps each bridge ``(u, v)`` to ``(component size, size of
    the side holding v)``.
    """
    disc, low, size = {}, {}, {}
    points, links = {}, {}
    counter = 0
    for root in P:
        if root in disc:
            continue
        comp_nodes = []
        disc[root] = low[root] = counter
        counter += 1
        size[root] = 1
        comp_nodes.append(root)
        stack = [(root, None, iter(P[root]))]
        separated: dict = {}
        comp_links = []
        root_children = 0
        while stack:
            v, parent, it = stack[-1]
            advanced = False
            for w in it:
                if w == v:
                    continue
                if w not in disc:
                    disc[w] = low[w] = counter
                    counter += 1
                    size[w] = 1
                    comp_nodes.append(w)
                    stack.append((w, v, iter(P[w])))
                    advanced = True
                    break
                if w != parent:
                    low[v] = min(low[v], disc[w])
            if advanced:
                continue
            stack.pop()
            if parent is None:
                continue
            size[parent] += size[v]
            low[parent] = min(low[parent], low[v])
            if low[v] >= disc[parent]:
                separated.setdefault(parent, []).append(size[v])
            if low[v] > disc[parent]:
                comp_links.append((parent, v))
            if parent == root:
                root_children += 1
        n = len(comp_nodes)
        for v, pieces in separated.items():
            if v == root and root_children < 2:
                continue
            rest = n - 1 - sum(pieces)
            points[v] = (n, pieces + ([rest] if rest > 0 else []))
        for u, v in comp_links:
            links[(u, v)] = (n, size[v])
    return points, links


def _reach(P, start, skip_node=None, skip_edge=None):
    """The nodes reachable from ``start`` without passing ``skip_node`` or crossing ``skip_edge``."""
    seen = {start}
    todo = [start]
    banned = {skip_edge, skip_edge[::-1]} if skip_edge else set()
    while todo:
        x = todo.pop()
        for y in P[x]:
            if y in seen or y == skip_node or (x, y) in banned:
                continue
            seen.add(y)
            todo.append(y)
    return seen


def _cut_members_node(P, v):
    pieces, seen = [], set()
    for w in P[v]:
        if w != v and w not in seen:
            piece = _reach(P, w, skip_node=v)
            seen |= piece
            pieces.append(piece)
    pieces.sort(key=len, reverse=True)
    return sorted(node_label(P, n) for piece in pieces[1:] for n in piece)


def _cut_members_edge(P, u, v, side_v, n):
    start = v if side_v <= n - side_v else u
    return sorted(node_label(P, x) for x in _reach(P, start, skip_edge=(u, v)))


def _checked(top, min_cut) -> tuple[int | None, int]:
    """``top`` and ``min_cut`` checked: every split cuts off at least one node, so ``min_cut`` below 1 means nothing."""
    return check_count(top, "top"), check_count(min_cut, "min_cut", minimum=1, none_ok=False)


def articulation_points(G, projection: str | None = None, *, top: int | None = None, min_cut: int = 1) -> dict:
    """Nodes whose removal disconnects the projection, most damaging first.

    Returns ``{"projection", "rows"}``; each row has ``label``, ``class``, ``iri``, ``cut_off``
    (nodes left outside the largest piece), ``pieces`` (how many pieces remain), ``component``
    (size of the component before) and, for the first :data:`EXAMPLES_FOR` rows,
    ``cut_off_members`` (their labels). ``top`` (0 or more; ``None``: all) keeps the first rows;
    ``min_cut`` (1 or more) keeps those that cut off at least that many nodes.
    """
    top, min_cut = _checked(top, min_cut)
    P = ensure_projection(G, projection)
    points, _ = cut_structure(P)
    rows = []
    for v, (n, pieces) in points.items():
        cut = n - 1 - max(pieces)
        if cut < min_cut:
            continue
        d = P.nodes[v]
        rows.append({"label": node_label(P, v), "class": d.get("cls"), "iri": d.get("iri", v), "cut_off": cut,
                     "pieces": len(pieces), "component": n, "_node": v})
    rows.sort(key=lambda r: (-r["cut_off"], r["label"]))
    if top is not None:
        rows = rows[:top]
    for i, r in enumerate(rows):
        v = r.pop("_node")
        r["cut_off_members"] = _cut_members_node(P, v) if i < EXAMPLES_FOR else None
    return {"projection": P.graph.get("projection"), "rows": rows}


def bridges(G, projection: str | None = None, *, top: int | None = None, min_cut: int = 1) -> dict:
    """Links whose removal disconnects the projection, most damaging first.

    Returns ``{"projection", "rows"}``; each row has ``a`` and ``b`` (labels), ``a_iri``, ``b_iri``,
    ``predicates`` (the relations the link stands for), ``cut_off`` (size of the smaller side),
    ``component`` and, for the first :data:`EXAMPLES_FOR` rows, ``cut_off_members``.
    ``top`` and ``min_cut`` as for :func:`articulation_points`.
    """
    top, min_cut = _checked(top, min_cut)
    P = ensure_projection(G, projection)
    _, links = cut_structure(P)
    rows = []
    for (u, v), (n, side) in links.items():
        cut = min(side, n - side)
        if cut < min_cut:
            continue
        a, b = sorted((u, v), key=lambda x: node_label(P, x))
        rows.append({"a": node_label(P, a), "b": node_label(P, b), "a_iri": P.nodes[a].get("iri", a),
                     "b_iri": P.nodes[b].get("iri", b), "predicates": list(P.edges[u, v].get("predicates") or ()),
                     "cut_off": cut, "component": n, "_edge": (u, v, side)})
    rows.sort(key=lambda r: (-r["cut_off"], r["a"], r["b"]))
    if top is not None:
        rows = rows[:top]
    for i, r in enumerate(rows):
        u, v, side = r.pop("_edge")
        r["cut_off_members"] = _cut_members_edge(P, u, v, side, r["component"]) if i < EXAMPLES_FOR else None
    return {"projection": P.graph.get("projection"), "rows": rows}
