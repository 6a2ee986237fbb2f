"""The standard set of views: the whole graph, one per objective, one for the NCA.

These are what ``sockg view --all`` writes and what the static site links to.
Objectives are found by class (``sockg:Objective``) and numbered by their
``skos:notation``, so a rebuilt graph with other objectives still gets one
view each.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("o1", label="Do things", cls="sockg:Objective", types=["sockg:Objective"], notation="1")
>>> [s.name for s in standard_specs(G)]
['overview', 'objective-1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EntityNotFoundError
from .render import View, render_view
from .select import find_node, load_source

__all__ = ["ViewSpec", "standard_specs", "write_standard_views", "slug"]

OBJECTIVE_CLASS = "sockg:Objective"
#: Entities that get a focused view of their own when present (name, how to find them).
FEATURED = [("nca", "NCA")]


@dataclass
class ViewSpec:
    """A named view: a file name (without ``.html``), a description and the options to draw it."""

    name: str
    description: str
    options: dict = field(default_factory=dict)


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe slug.

    >>> slug("Serious & Organised Crime Strategy 2018!")
    'serious-organised-crime-strategy-2018'
    """
    s = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return (s[:limit].rstrip("-") or "view")


def standard_specs(G) -> list[ViewSpec]:
    """The standard views for networkx graph ``G`` (from :func:`sockg.analysis.convert.to_networkx`)."""
    specs = [ViewSpec("overview", "The whole graph")]
    objectives = [n for n in G if OBJECTIVE_CLASS in (G.nodes[n].get("types") or [])]

    def number(n):
        notation = str(G.nodes[n].get("notation") or "")
        return (0, int(notation), n) if notation.isdigit() else (1, 0, n)

    for i, n in enumerate(sorted(objectives, key=number), start=1):
        notation = str(G.nodes[n].get("notation") or i)
        specs.append(ViewSpec(f"objective-{slug(notation)}", f"Objective {notation}: {G.nodes[n].get('label')}",
                              {"focus": n, "depth": 1}))
    for name, ref in FEATURED:
        try:
            n = find_node(G, ref)
        except EntityNotFoundError:
            continue
        specs.append(ViewSpec(name, f"{G.nodes[n].get('label')} and its neighbourhood", {"focus": n, "depth": 1}))
    return specs


def write_standard_views(source=None, out_dir: str | Path = "build/views", *, physics: bool = True,
                         build_dir: str | Path = "build") -> list[tuple[ViewSpec, Path, View]]:
    """Render every standard view of ``source`` into ``out_dir``; return ``(spec, path, view)`` for each."""
    src = load_source(source, build_dir=build_dir)
    out = Path(out_dir)
    written = []
    for spec in standard_specs(src.graph):
        view = render_view(src, physics=physics, **spec.options)
        written.append((spec, view.write(out / f"{spec.name}.html"), view))
    return written
