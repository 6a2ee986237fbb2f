"""Coverage: which threats each strand and objective reaches, and which organisation works where.

A coverage matrix crosses two kinds of entity (threats x strands, threats x
objectives, organisations x strands, ...). A cell holds the number of
distinct quoted passages behind every route that joins its row to its column
(``count``), and the number of those routes (``links``). The routes are the
property paths of :data:`~sockg.analysis.projections.ROUTES`, for example a
strand reaches a threat when it addresses or prioritises it, prioritises a
priority area matched to it (``skos:broadMatch``), or when an objective
aligned with the strand addresses it. Every row and column is listed, empty
or not: an empty row is itself a finding.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("s", label="Prevent", types=["sockg:Strand"])
>>> G.add_node("t", label="Fraud", types=["sockg:ThreatCategory"])
>>> G.add_node("u", label="Cyber crime", types=["sockg:ThreatCategory"])
>>> ev = [{"quote": "q", "document": "d", "start": 1, "end": 2}]
>>> _ = G.add_edge("s", "u", key="sockg:addresses", predicate="sockg:addresses", evidence=ev)
>>> m = coverage(G, "threat-strand")
>>> m["rows"], m["columns"], m["counts"]
(['Cyber crime', 'Fraud'], ['Prevent'], [[1], [0]])
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import AnalysisError
from .common import (as_graph, check_count, is_objective, is_organisation, is_strand, is_strategy, is_threat,
                     is_threat_or_crime, node_label, short_label)
from .projections import ROUTES, EvidenceCache, route_pairs

__all__ = ["coverage", "MATRICES", "matrix_names"]

#: matrix name -> (row test, column test, route table, routes run from the column to the row?)
MATRICES = {
    "threat-strand": (is_threat, is_strand, "strand-threat", True),
    "threat-objective": (is_threat, is_objective, "objective-threat", True),
    "organisation-strand": (is_organisation, is_strand, "organisation-strand", False),
    "organisation-objective": (is_organisation, is_objective, "organisation-objective", False),
    "organisation-threat": (is_organisation, is_threat, "organisation-threat", False),
    "threat-strategy": (is_threat_or_crime, is_strategy, "strategy-threat", True),
}


def matrix_names() -> list[str]:
    return list(MATRICES)


def _order(G, n):
    d = G.nodes[n]
    return (str(d.get("notation") or ""), str(d.get("label", n)).casefold())


def coverage(G, matrix: str = "threat-strand", *, drop_empty: bool = False, top: int | None = None) -> dict:
    """The coverage matrix ``matrix`` (one of :data:`MATRICES`).

    Returns
    -------
    dict with ``matrix``, ``rows`` and ``columns`` (labels; ``row_iris``, ``column_iris``),
    ``column_short`` (short column names for tables and plots), ``counts`` (evidence count per
    cell, rows x columns), ``links`` (route count per cell), and ``cells``: one dict per non-empty
    cell with ``row``, ``column``, ``count``, ``links``, ``routes`` (as property paths) and
    ``evidence`` (``kind``, ``quote``, ``paragraph``, ``document``, ``start``, ``end``; for a citation
    ``note`` and ``locator``).
    With ``drop_empty`` the rows and columns without any cell are left out; with ``top`` only
    the ``top`` rows with the most evidence are kept (in their usual order).
    """
    if matrix not in MATRICES:
        raise AnalysisError(f"unknown coverage matrix {matrix!r}; choose one of: {', '.join(MATRICES)}")
    top = check_count(top, "top")
    G = as_graph(G)
    row_ok, col_ok, table, col_first = MATRICES[matrix]
    first, second = (col_ok, row_ok) if col_first else (row_ok, col_ok)
    found = route_pairs(G, ROUTES[table], first, second)
    evidence = EvidenceCache(G)
    cells: dict[tuple, dict] = {}
    for (a, b), walks in found.items():
        unique = list(dict.fromkeys(walks))
        cells[(b, a) if col_first else (a, b)] = {
            "links": len(unique), "routes": sorted({t for _, t in unique}), "evidence": evidence.merged(unique)}
    rows = sorted((n for n, d in G.nodes(data=True) if row_ok(d)), key=lambda n: _order(G, n))
    cols = sorted((n for n, d in G.nodes(data=True) if col_ok(d)), key=lambda n: _order(G, n))
    if drop_empty:
        used_rows, used_cols = {r for r, _ in cells}, {c for _, c in cells}
        rows = [r for r in rows if r in used_rows]
        cols = [c for c in cols if c in used_cols]
    if top is not None:
        total: dict = defaultdict(int)
        for (r, _), cell in cells.items():
            total[r] += len(cell["evidence"])
        keep = set(sorted(rows, key=lambda r: -total[r])[:top])
        rows = [r for r in rows if r in keep]

    row_at, col_at = {r: i for i, r in enumerate(rows)}, {c: j for j, c in enumerate(cols)}
    counts = [[0] * len(cols) for _ in rows]
    links = [[0] * len(cols) for _ in rows]
    out_cells = []
    for (r, c) in sorted((k for k in cells if k[0] in row_at and k[1] in col_at),
                         key=lambda k: (row_at[k[0]], col_at[k[1]])):
        cell = cells[(r, c)]
        ev = sorted(cell["evidence"].values(), key=lambda e: (str(e.get("document")), e.get("start") or 0,
                                                              str(e.get("locator") or "")))
        counts[row_at[r]][col_at[c]] = len(ev)
        links[row_at[r]][col_at[c]] = cell["links"]
        out_cells.append({
            "row": node_label(G, r), "column": node_label(G, c), "count": len(ev), "links": cell["links"],
            "routes": cell["routes"],
            "evidence": [{k: e.get(k) for k in ("kind", "quote", "paragraph", "document", "start", "end", "note",
                                                 "locator")} for e in ev],
        })
    return {
        "matrix": matrix,
        "rows": [node_label(G, r) for r in rows],
        "columns": [node_label(G, c) for c in cols],
        "row_iris": rows,
        "column_iris": cols,
        "column_short": [short_label(G.nodes[c], 16) for c in cols],
        "counts": counts,
        "links": links,
        "cells": out_cells,
    }
