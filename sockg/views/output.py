"""Where views go: the standard set written to files, and a view shown in a notebook cell.

The standard set (what ``sockg view --all`` writes and the static site links
to) is the whole graph, one view per objective and one for the NCA. Objectives
are found by class (``sockg:Objective``) and numbered by their
``skos:notation``, so a rebuilt graph with other objectives still gets one
view each.

In a notebook, :func:`show` returns an object that Jupyter displays as an
inline frame: the page goes into the iframe's ``srcdoc`` attribute
(HTML-escaped), so nothing is written to disk and no server or network is
needed. The frame is sandboxed with ``allow-scripts`` only: the view's script
runs in an opaque origin, cut off from the notebook page.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("o1", label="Do things", cls="sockg:Objective", types=["sockg:Objective"], notation="1")
>>> [s.name for s in standard_specs(G)]
['overview', 'objective-1']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EntityNotFoundError
from ..text import slugify
from .frame import css_height, iframe_html
from .render import View, render_view
from .select import find_node, load_source

__all__ = ["ViewSpec", "standard_specs", "write_standard_views", "slug", "show", "iframe_html", "InlineView"]

OBJECTIVE_CLASS = "sockg:Objective"
#: Entities that get a focused view of their own when present (name, how to find them).
FEATURED = [("nca", "NCA")]
STRATEGY_CLASS, PUBLICATION_CLASS = "sockg:Strategy", "sockg:Publication"


@dataclass
class ViewSpec:
    """A named view: a file name (without ``.html``), a description and the options to draw it."""

    name: str
    description: str
    options: dict = field(default_factory=dict)


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe slug (:func:`sockg.text.slugify`), ``"view"`` when nothing is left.

    >>> slug("Serious & Organised Crime Strategy 2018!"), slug("£")
    ('serious-organised-crime-strategy-2018', 'view')
    """
    return slugify(str(text), limit) or "view"


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
    # the strategies the catalogue brings in from their official publications, one view each, and the landscape
    linked = sorted((n for n in G if {STRATEGY_CLASS, PUBLICATION_CLASS} <= set(G.nodes[n].get("types") or ())),
                    key=lambda n: str(G.nodes[n].get("label")))
    for n in linked:
        label = G.nodes[n].get("label")
        specs.append(ViewSpec(f"strategy-{slug(str(label))}", f"{label}: what it touches", {"strategy": n, "depth": 1}))
    if any(STRATEGY_CLASS in (G.nodes[n].get("types") or ()) for n in G):
        specs.append(ViewSpec("strategy-landscape", "Strategy landscape: strategies, their shared threats and "
                              "shared bodies", {"landscape": True}))
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

class InlineView:
    """A view for a notebook cell: Jupyter shows it through :meth:`_repr_html_`.

    ``view`` is the :class:`~sockg.views.render.View` (``view.html`` is the page,
    ``view.write(path)`` saves it).
    """

    def __init__(self, view, height: int | str = 650):
        css_height(height)
        self.view = view
        self.height = height

    def _repr_html_(self) -> str:
        return iframe_html(self.view.html, height=self.height)

    def __repr__(self) -> str:
        v = self.view
        return f"<sockg view {v.title!r}: {v.nodes} nodes, {v.edges} relations>"


def show(source=None, *, focus: str | None = None, depth: int = 1, types=None, strategy: str | None = None,
         landscape: bool = False, physics: bool = True, title: str | None = None,
         height: int | str = 650) -> InlineView:
    """Draw ``source`` (a KnowledgeGraph, an RDF file, ...) for display in a notebook cell.

    Takes the same options as :func:`sockg.views.render_view`; ``height`` is the
    iframe's height in pixels (or any CSS length). Writes no file.

    Examples
    --------
    >>> import sockg, sockg.views
    >>> sockg.views.show(sockg.load(), focus="NCA")          # doctest: +SKIP
    <sockg view 'National Crime Agency and its neighbourhood': 9 nodes, 9 relations>
    """
    css_height(height)  # before the work of drawing
    view = render_view(source, focus=focus, depth=depth, types=types, strategy=strategy, landscape=landscape,
                       physics=physics, title=title)
    return InlineView(view, height=height)
