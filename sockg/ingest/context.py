"""Where a match stands: its paragraph, its sentence, and whether its casing tells anything.

All lookups are bounded: finding the paragraph of an offset is a binary
search over the blocks, and sentence boundaries are searched within a window
of a few hundred characters, so a 5 MB paragraph on one line costs no more
per match than a short one.

Examples
--------
>>> from sockg.sources import parse_text
>>> doc = parse_text("# Aims\\n\\n12. We act. Prevent is a strand.\\n", "d")
>>> idx = BlockIndex(doc)
>>> idx.paragraph(doc.text.index("Prevent"))
'paragraph 12'
>>> sentence_start(doc.text, doc.text.index("Prevent"), idx.at(doc.text.index("Prevent")).start)
True
>>> s, e = sentence_span(doc.text, doc.text.index("strand"), doc.text.index("strand") + 6, 0, len(doc.text))
>>> doc.text[s:e]
'Prevent is a strand.'
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["BlockIndex", "SpanIndex", "sentence_start", "sentence_span", "next_word", "uninformative_case"]

WINDOW = 400
_OPENERS = " \t\r\n\"'“‘([«*_>#"
_END = re.compile(r"[.!?…](?:[\"'”’)\]]|\[footnote \d+\])*(?=\s|$)")


class BlockIndex:
    """Find the innermost block (paragraph, item, heading, ...) holding an offset, and its label.

    The lookup is :meth:`sockg.sources.Document.innermost` (a bisection); this adds label caching.
    """

    def __init__(self, doc):
        self.doc = doc
        self._labels: dict[str, str] = {}

    def at(self, offset: int, end: int | None = None):
        """The innermost block containing ``[offset, end)`` (``end`` defaults to ``offset + 1``)."""
        return self.doc.innermost(offset, offset + 1 if end is None else end)

    def paragraph(self, offset: int, end: int | None = None) -> str:
        """A human label of where ``offset`` stands ("paragraph 16"), or ``"document"``."""
        return self.label(self.at(offset, end))

    def label(self, block) -> str:
        """The block's label (computed once per block), or ``"document"`` for ``None``."""
        if block is None:
            return "document"
        got = self._labels.get(block.key)
        if got is None:
            got = self._labels[block.key] = block.label
        return got


class SpanIndex:
    """Sorted spans, for asking which of them contain or overlap a span in logarithmic time.

    >>> idx = SpanIndex([(10, 20), (0, 5), (30, 45)])
    >>> idx.containing(12, 18), idx.containing(4, 6), idx.overlapping(18, 31)
    ((10, 20), None, [(10, 20), (30, 45)])
    """

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self._reach = []  # the furthest end among spans[0..i], so nested or overlapping spans are found too
        furthest = -1
        for _, e in self.spans:
            furthest = max(furthest, e)
            self._reach.append(furthest)

    def containing(self, start: int, end: int):
        """A span with ``a <= start and end <= b`` (the shortest such), or ``None``."""
        i = bisect_right(self.starts, start) - 1
        best = None
        while i >= 0 and self._reach[i] >= end:
            a, b = self.spans[i]
            if a <= start and end <= b and (best is None or b - a < best[1] - best[0]):
                best = (a, b)
            i -= 1
        return best

    def overlapping(self, start: int, end: int) -> list:
        """Spans that share at least one character with ``[start, end)``."""
        out = []
        i = bisect_right(self.starts, end - 1) - 1
        while i >= 0 and self._reach[i] > start:
            a, b = self.spans[i]
            if a < end and start < b:
                out.append((a, b))
            i -= 1
        return out[::-1]


def sentence_start(text: str, start: int, floor: int = 0) -> bool:
    """Whether the word at ``start`` opens a sentence, a line item or the block that begins at ``floor``."""
    i = start - 1
    limit = max(floor, start - 24)
    while i >= limit and text[i] in _OPENERS:
        if text[i] in "\r\n" and i > 0 and text[i - 1] in "\r\n":
            return True  # a blank line before
        i -= 1
    if i < floor or i < 0:
        return True
    ch = text[i]
    if ch in ".!?:;•·…–—-|" or ch.isdigit() and i > 0 and text[i - 1] in " \n" and text[i + 1:i + 2] == ".":
        return True
    if ch in ")" and re.search(r"(?:^|\s)(?:\d{1,3}|[a-z])\)$", text[max(floor, i - 4):i + 1]):
        return True
    return False


def sentence_span(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``, within ``[floor, ceiling)`` and a bounded window."""
    lo = max(floor, start - WINDOW)
    s = lo
    for m in _END.finditer(text, lo, start):
        s = m.end()
    while s < start and text[s].isspace():
        s += 1
    hi = min(ceiling, end + WINDOW)
    m = _END.search(text, end, hi)
    e = m.end() if m else hi
    return s, e


def next_word(text: str, end: int, ceiling: int) -> str:
    """The next word after ``end`` (lower-cased), a punctuation mark, or ``""`` at the end of the block."""
    i = end
    stop = min(ceiling, end + 40)
    while i < stop and text[i] in " \t\r\n":
        i += 1
    if i >= stop:
        return ""
    m = re.compile(r"[^\W_]+").match(text, i, stop)
    return m.group(0).lower() if m else text[i]


def uninformative_case(text: str, start: int, block) -> bool:
    """Whether capitals at ``start`` say nothing: a sentence start, or a heading in title case or capitals."""
    floor = block.start if block is not None else 0
    if sentence_start(text, start, floor):
        return True
    if block is not None and block.kind == "heading":
        words = [w for w in re.findall(r"[^\W\d_]+", text[block.start:min(block.end, block.start + 200)]) if len(w) > 3]
        if words and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words):
            return True
    return False
