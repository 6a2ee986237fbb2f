"""Interactive HTML views of the graph: offline, safe, navigable.

One self-contained HTML file per view, drawn with pyvis (vis-network
underneath) through sockg's own template: colour and shape by class with a
legend, short labels on nodes and full ones on hover, tooltips with
definitions and evidence quotes, a search box, neighbourhood highlight on
click, a panel saying what is shown, and a layout that settles and stops.

* :func:`render_view` draws a graph (or part of it) and returns a :class:`View`;
* :func:`show` does the same for a notebook cell (an inline iframe);
* :func:`write_standard_views` writes the overview, one view per objective and
  one for the NCA;
* :func:`build_site` (in :mod:`sockg.views.site`) writes a static site.

Imports from sockg: errors, namespaces, resources, atomic, terms, text, evidence, analysis, query, kg,
_version.

Examples
--------
>>> import sockg, sockg.views
>>> kg = sockg.load()                                            # doctest: +SKIP
>>> sockg.views.render_view(kg, focus="NCA").write("nca.html")   # doctest: +SKIP
PosixPath('nca.html')
>>> sockg.views.show(kg, focus="NCA")                            # doctest: +SKIP
"""

from __future__ import annotations

from .output import InlineView, ViewSpec, show, standard_specs, write_standard_views
from .render import View, render_view

__all__ = ["render_view", "View", "show", "InlineView", "write_standard_views", "standard_specs", "ViewSpec",
           "build_site"]


def build_site(*args, **kwargs):
    """See :func:`sockg.views.site.build_site`."""
    from .site import build_site as _build_site

    return _build_site(*args, **kwargs)
