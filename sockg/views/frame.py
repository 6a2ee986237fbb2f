"""A whole HTML page inside an inline frame, for notebooks: nothing written to disk, nothing fetched.

The page goes into the iframe's ``srcdoc`` attribute (HTML-escaped), and the
frame is sandboxed with ``allow-scripts`` only: the view's script runs in an
opaque origin, cut off from the notebook page.

Examples
--------
>>> html = iframe_html('<p title="x">a & b</p>', height=300)
>>> html.startswith('<iframe srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b&lt;/p&gt;"')
True
"""

from __future__ import annotations

import html as _html

from ..errors import ViewError

__all__ = ["css_height", "iframe_html"]


def css_height(height: int | str) -> str:
    """``height`` as CSS: pixels for a whole number (above 0), else the string as given.

    >>> css_height(300), css_height("40vh")
    ('300px', '40vh')
    """
    if isinstance(height, str) and height.strip():
        return height
    if isinstance(height, int) and not isinstance(height, bool) and height > 0:
        return f"{height}px"
    raise ViewError(f"height must be a whole number of pixels above 0, or a CSS length (got {height!r})")


def iframe_html(page: str, *, height: int | str = 650, width: str = "100%") -> str:
    """An ``<iframe>`` element holding ``page`` (a whole HTML document) inline.

    ``height`` is pixels (a whole number above 0) or any CSS length as a string.
    """
    h = css_height(height)
    return (f'<iframe srcdoc="{_html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width: {_html.escape(width)}; height: {_html.escape(h)}; border: 1px solid #d5dae0;" '
            f'title="sockg graph view" loading="eager"></iframe>')
