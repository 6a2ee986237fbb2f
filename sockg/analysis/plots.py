"""Pictures of analysis results with matplotlib: bars, heatmaps and a community map.

Each function takes the plain result of an analysis and returns a
:class:`matplotlib.figure.Figure` built without pyplot (so it works with the
Agg backend, in a notebook, and in threads). :func:`save_png` turns a figure
into PNG bytes; the command line writes them atomically.

Examples
--------
>>> fig = plot_centrality({"projection": "relations", "by": "degree", "betweenness": {"exact": True},
...                        "rows": [{"label": "A", "degree": 3}, {"label": "B", "degree": 1}]})
>>> save_png(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import textwrap

from ..errors import AnalysisError
from .common import check_count, short_label

__all__ = ["plot_centrality", "plot_coverage", "plot_overlap", "plot_communities", "save_png", "PLOTTERS"]

#: Most nodes :func:`plot_communities` will draw.
MAX_DRAWN = 400


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _clip(text: str, width: int) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def save_png(fig, dpi: int = 150) -> bytes:
    """The figure as PNG bytes."""
    import io

    check_count(dpi, "dpi", minimum=1, none_ok=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def plot_centrality(result: dict, top: int = 20):
    """Horizontal bars of the measure the centrality rows are ordered by (largest on top)."""
    by = result.get("by", "pagerank")
    rows = result["rows"][:check_count(top, "top", none_ok=False)]
    fig = _figure(8, max(2.5, 0.38 * len(rows) + 1.2))
    ax = fig.add_subplot()
    labels = [_wrap(r["label"], 45) for r in rows][::-1]
    values = [r[by] for r in rows][::-1]
    ax.barh(range(len(rows)), values, color="#3b6ea5")
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    sampled = result.get("betweenness", {})
    note = "" if by != "betweenness" or sampled.get("exact", True) else f" (estimated, k={sampled.get('k')})"
    ax.set_xlabel(f"{by}{note}")
    ax.set_title(f"Top {len(rows)} by {by} – {result.get('projection') or 'graph'} projection", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    return fig


def _heatmap(matrix, rows, cols, title, cbar_label, fmt="{:g}"):
    import numpy as np

    data = np.array(matrix, dtype=float) if rows and cols else np.zeros((1, 1))
    fig = _figure(max(5.0, 0.75 * len(cols) + 4.5), max(3.0, 0.38 * len(rows) + 2.0))
    ax = fig.add_subplot()
    im = ax.imshow(data, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(len(cols)), [_clip(c, 44) for c in cols], rotation=45 if max(map(len, cols or [""])) < 14 else 60,
                  ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(len(rows)), [_wrap(r, 45) for r in rows], fontsize=8)
    top = data.max() if data.size else 0
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = data[i, j]
            if v:
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8,
                        color="white" if v > top * 0.6 else "black")
    ax.set_title(title, fontsize=10)
    fig.colorbar(im, ax=ax, label=cbar_label, shrink=0.8)
    return fig


def plot_coverage(result: dict):
    """A heatmap of a coverage matrix: evidence count in each cell."""
    cols = result.get("column_short") or result["columns"]
    return _heatmap(result["counts"], result["rows"], cols,
                    f"Coverage: {result['matrix']} (quoted passages per cell)", "evidence count", "{:.0f}")


def plot_overlap(result: dict, facet: str | None = None):
    """A heatmap of strategy-to-strategy Jaccard scores for one facet."""
    facet = facet or (result["facet"] if result["facet"] != "all" else "threats")
    rows = [r for r in result["rows"] if r["facet"] == facet]
    names = sorted({r["a"] for r in rows} | {r["b"] for r in rows})
    pos = {n: i for i, n in enumerate(names)}
    matrix = [[1.0 if i == j else 0.0 for j in range(len(names))] for i in range(len(names))]
    for r in rows:
        matrix[pos[r["a"]]][pos[r["b"]]] = matrix[pos[r["b"]]][pos[r["a"]]] = r["jaccard"]
    return _heatmap(matrix, names, names, f"Strategy overlap on {facet} (Jaccard)", "Jaccard", "{:.2f}")


def plot_communities(P, result: dict, top: int | None = None, seed: int = 0):
    """The projection ``P`` drawn with one colour per community (the ``top`` largest, or all)."""
    import networkx as nx
    from matplotlib import colormaps

    comms = [c for c in result["communities"] if c["size"] > 1]   # singletons would only pad the margins
    comms = comms[:top] if check_count(top, "top") else comms
    colour_of = {}
    for c in comms:
        for iri in c["iris"]:
            colour_of[iri] = c["id"]
    nodes = [n for n in P if P.nodes[n].get("iri", n) in colour_of and P.degree(n) > 0]
    if len(nodes) > MAX_DRAWN:
        raise AnalysisError(f"{len(nodes)} nodes are too many to draw legibly (at most {MAX_DRAWN}); "
                            f"draw fewer communities with top")
    H = P.subgraph(nodes)
    pos = nx.spring_layout(H, seed=seed, iterations=300)
    cmap = colormaps["tab20"]
    fig = _figure(12, 9)
    ax = fig.add_subplot()
    ax.set_axis_off()
    nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.25, width=0.8)
    colours = [cmap((colour_of[P.nodes[n].get("iri", n)] - 1) % 20) for n in H]
    sizes = [40 + 30 * H.degree(n) for n in H]
    nx.draw_networkx_nodes(H, pos, ax=ax, node_color=colours, node_size=sizes, linewidths=0.5, edgecolors="white")
    hub_labels = {c["hub"] for c in comms}
    hubs = [n for n in H if P.nodes[n].get("label") in hub_labels]
    for n in hubs:
        x, y = pos[n]
        ax.annotate(_wrap(short_label(P.nodes[n], 40), 24), (x, y), fontsize=7, ha="center", va="bottom",
                    xytext=(0, 6), textcoords="offset points",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})
    handles = []
    from matplotlib.patches import Patch

    for c in comms[:20]:
        handles.append(Patch(color=cmap((c["id"] - 1) % 20), label=f"{c['id']}: {_wrap(c['hub'], 30)} ({c['size']})"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, title="community: hub")
    left_out = sum(1 for c in result["communities"] if c["size"] == 1)
    ax.set_title(f"Communities ({result['method']}) – {result.get('projection')} projection"
                 + (f"; {left_out} single-node communities not drawn" if left_out else ""), fontsize=10)
    return fig


#: analysis name -> plotting function (used by ``sockg analyze ... --plot``)
PLOTTERS = {"centrality": plot_centrality, "coverage": plot_coverage, "overlap": plot_overlap,
            "communities": plot_communities}
