"""Reduce an HTML page to plain text that the reader can split into sections and paragraphs.

The result is Markdown-like text: headings become ``#`` lines, block
elements (paragraphs, list items, table rows, ...) are separated by blank
lines, list items start with ``- ``, white space inside a block is collapsed
as a browser would, and scripts, styles and the document head are dropped
(the ``<title>`` is kept apart). Character references are decoded.

Offsets of everything read from an HTML file index this **extracted text**,
not the HTML source: ``doc.text[start:end]`` is the quote, and
:attr:`~sockg.sources.Document.media_type` is ``text/html`` to say so.

Examples
--------
>>> text, title = html_to_text("<html><head><title>Plan</title><style>p{}</style></head>"
...                            "<body><h2>Aims &amp; means</h2><p>The Home\\n   Office<br>leads.</p>"
...                            "<ul><li>Pursue</li><li>Prevent</li></ul></body></html>")
>>> print(text, end="")
## Aims & means
<BLANKLINE>
The Home Office
leads.
<BLANKLINE>
- Pursue
<BLANKLINE>
- Prevent
>>> title
'Plan'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html", "HTML_SUFFIXES"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote",
                    "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "figure", "figcaption",
                    "form", "fieldset", "address", "hr", "pre", "details", "summary", "caption", "body", "html",
                    "center"})
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track",
                   "wbr"})


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML document (by its opening).

    >>> looks_like_html("  <!DOCTYPE html><html>"), looks_like_html("# Heading")
    (True, False)
    """
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower()


class _Reducer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.pending = ""        # a break owed before the next text: "", "\n" or "\n\n"
        self.prefix = ""         # "## " or "- " owed before the next text
        self.line_open = False   # whether text has been written since the last break
        self.space = False       # a collapsed space owed before the next word
        self.title: list[str] = []
        self.in_title = False
        self.cell = 0

    # ---------------------------------------------------------------- structure
    def _break(self, kind: str) -> None:
        if not self.out:
            return
        if kind == "\n\n" or self.pending != "\n\n":
            self.pending = kind if len(kind) >= len(self.pending) else self.pending
        self.space = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag in _HEADINGS:
            self._break("\n\n")
            self.prefix = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self._break("\n\n")
            self.prefix = "- "
        elif tag == "br":
            self._break("\n")
        elif tag in ("td", "th"):
            if self.cell:
                self.space = False
                self._text(" | ", raw=True)
            self.cell += 1
        elif tag in _BLOCK:
            self._break("\n\n")
            if tag == "pre":
                self.pre += 1
            if tag == "tr":
                self.cell = 0

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _HEADINGS or tag == "li" or tag in _BLOCK:
            self._break("\n\n")
            self.prefix = ""
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    # ---------------------------------------------------------------- text
    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        if self.pre:
            self._text(data, raw=True)
            return
        if data[:1].isspace():
            self.space = True
        words = data.split()
        if not words:
            return
        self._text(" ".join(words))
        self.space = data[-1:].isspace()

    def _text(self, s: str, raw: bool = False) -> None:
        if self.pending and self.out:
            self.out.append(self.pending)
            self.line_open = False
        self.pending = ""
        if self.prefix and not self.line_open:
            self.out.append(self.prefix)
            self.prefix = ""
        elif self.space and self.line_open and not raw:
            self.out.append(" ")
        self.space = False
        self.out.append(s)
        self.line_open = True


def html_to_text(html: str) -> tuple[str, str | None]:
    """Return ``(text, title)`` for an HTML document (see the module docstring)."""
    r = _Reducer()
    r.feed(html)
    r.close()
    text = "".join(r.out)
    text = re.sub(r"[ \t]+\n", "\n", text).strip() + "\n"
    title = " ".join("".join(r.title).split()) or None
    return text, title
