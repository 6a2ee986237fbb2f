"""Views inside Jupyter: the same self-contained page, shown in an iframe.

The page goes into the iframe's ``srcdoc`` attribute (HTML-escaped), so
nothing is written to disk and the notebook needs no server or network. The
iframe is sandboxed with ``allow-scripts`` only: the view's script runs in an
opaque origin, cut off from the notebook page.

Examples
--------
>>> html = iframe_html('<p title="x">a & b</p>', height=300)
>>> html.startswith('<iframe srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;"')
True
"""

from __future__ import annotations

import html as _html

__all__ = ["show", "iframe_html", "InlineView"]


def iframe_html(page: str, *, height: int | str = 650, width: str = "100%") -> str:
    """An ``<iframe>`` element holding ``page`` (a whole HTML document) inline."""
    h = f"{height}px" if isinstance(height, int) else str(height)
    return (f'<iframe srcdoc="{_html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width: {_html.escape(width)}; height: {_html.escape(h)}; border: 1px solid #d5dae0;" '
            f'title="sockg graph view" loading="eager"></iframe>')


class InlineView:
    """A view for a notebook cell: Jupyter shows it through :meth:`_repr_html_`.

    ``view`` is the :class:`~sockg.views.render.View` (``view.html`` is the page,
    ``view.write(path)`` saves it).
    """

    def __init__(self, view, height: int | str = 650):
        self.view = view
        self.height = height

    def _repr_html_(self) -> str:
        return iframe_html(self.view.html, height=self.height)

    def __repr__(self) -> str:
        v = self.view
        return f"<sockg view {v.title!r}: {v.nodes} nodes, {v.edges} relations>"


def show(source=None, *, focus: str | None = None, depth: int = 1, types=None, strategy: str | None = None,
         physics: bool = True, title: str | None = None, height: int | str = 650) -> InlineView:
    """Draw ``source`` (a KnowledgeGraph, an RDF file, ...) for display in a notebook cell.

    Takes the same options as :func:`sockg.views.render_view`; ``height`` is the
    iframe's height in pixels (or any CSS length). Writes no file.

    Examples
    --------
    >>> import sockg, sockg.views
    >>> sockg.views.show(sockg.load(), focus="NCA")          # doctest: +SKIP
    <sockg view 'National Crime Agency and its neighbourhood': 9 nodes, 9 relations>
    """
    from .render import render_view

    view = render_view(source, focus=focus, depth=depth, types=types, strategy=strategy, physics=physics, title=title)
    return InlineView(view, height=height)
