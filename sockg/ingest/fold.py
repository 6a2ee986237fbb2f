"""Fold text for matching while keeping a map back to the original offsets.

Matching names must ignore case, punctuation and the way words are separated
("cyber-crime", "cyber crime", "Home Office's", a name broken across a line
break with indentation). :class:`Folded` lower-cases the text, turns every run
of characters that are not letters or digits into one space, and remembers
where runs of two or more characters were squeezed, so that any position in
the folded text maps back to the exact position in the original.

The folding is linear in the length of the text and mostly runs in C: text
whose letters are all in Latin-1 (nearly all English text; curly quotes and
dashes are punctuation) is folded as bytes with one translation table, other
text with two passes of a regular expression. Only runs of two or more
separators are remembered (one entry per run, not per character).

Examples
--------
>>> f = Folded("The Home\\n    Office’s plan")
>>> f.folded
' the home office s plan '
>>> i = f.folded.index("home office")
>>> start, end = f.span(i, i + len("home office"))
>>> "The Home\\n    Office’s plan"[start:end]
'Home\\n    Office'
>>> fold("Cyber-crime, and  CYBER crime")
'cyber crime and cyber crime'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from ..text import WORD_SEPARATORS, fold_words, lower_same_length

__all__ = ["Folded", "fold"]

#: The same fold as :func:`sockg.text.fold_words`, kept under its ingest name.
fold = fold_words
_SEP = WORD_SEPARATORS
_SEP_RUN = re.compile(r"[\W_]{2,}")


def _latin1_table() -> bytes:
    table = bytearray(256)
    for c in range(256):
        ch = chr(c)
        low = ch.lower()
        table[c] = (ord(low) if len(low) == 1 and ord(low) < 256 else c) if ch.isalnum() else 32
    return bytes(table)


_LATIN1 = _latin1_table()
_SPACES = re.compile(rb"  +")


def _no_letter_beyond_latin1(text: str, data: bytes) -> bool:
    """Whether every character that Latin-1 lacks (a '?' in ``data``) is punctuation (’, “, –, •)."""
    i = data.find(b"?")
    while i >= 0:
        ch = text[i]
        if ch != "?" and ch.isalnum():
            return False
        i = data.find(b"?", i + 1)
    return True


class Folded:
    """``text`` folded for matching, padded with one space at each end.

    Attributes
    ----------
    text : str
        The original text.
    folded : str
        ``" " + folded text + " "``: every word is bounded by spaces, so a key
        ``" home office "`` only matches whole words.
    """

    __slots__ = ("text", "folded", "_after", "_shift")

    def __init__(self, text: str):
        self.text = text
        # Fast path (most English text): every character outside Latin-1 is punctuation
        # (curly quotes, dashes, bullets), so the text is folded as bytes, one byte per character.
        data = text.encode("latin-1", "replace")  # one byte per character; '?' beyond Latin-1
        if _no_letter_beyond_latin1(text, data):
            self._fold_bytes(data)
        else:
            self._fold_regex(text)

    def _fold_bytes(self, data: bytes) -> None:
        data = data.translate(_LATIN1)
        runs = [m.span() for m in _SPACES.finditer(data)]
        removed = [e - s - 1 for s, e in runs]
        shift = list(accumulate(removed))
        self._after = [s - sh + r + 1 for (s, _), sh, r in zip(runs, shift, removed)]
        self._shift = shift
        self.folded = " " + _SPACES.sub(b" ", data).decode("latin-1") + " "

    def _fold_regex(self, text: str) -> None:
        low = lower_same_length(text)
        self.folded = " " + _SEP.sub(" ", low) + " "
        # For the k-th squeezed run [s, e): positions in the folded text (unpadded) at or
        # after s - removed_before + 1 lie after it, and are shifted by removed_through.
        after: list[int] = []
        shift: list[int] = []
        removed = 0
        for m in _SEP_RUN.finditer(low):
            s, e = m.span()
            after.append(s - removed + 1)
            removed += e - s - 1
            shift.append(removed)
        self._after = after
        self._shift = shift

    def original(self, pos: int) -> int:
        """Original offset of the character at ``pos`` in :attr:`folded` (a letter or digit)."""
        q = pos - 1  # undo the padding
        k = bisect_right(self._after, q) - 1
        return q if k < 0 else q + self._shift[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the folded span ``[start, end)`` of letters and digits."""
        return self.original(start), self.original(end - 1) + 1
