"""Split text into lines, with offsets, for the reader.

A line ends at ``\\r\\n``, ``\\n`` or ``\\r``; its record is ``(line_no, start, end)`` without the
break, and nothing is yielded after a final line break. :func:`plain_records` gives the plain
parser only the lines that can change a paragraph, with the lines between them merged.

Examples
--------
>>> lines("one\\ntwo\\r\\nthree\\n")
[(1, 0, 3), (2, 4, 7), (3, 9, 14)]
>>> plain_records("# Head\\n\\nSome text\\nwrapped here.\\n12. Next\\n")
[(1, 0, 6), (2, 7, 7), (3, 8, 31), (5, 32, 40)]
"""

from __future__ import annotations

import re

__all__ = ["lines", "plain_records"]


def lines(text: str) -> list[tuple[int, int, int]]:
    """``(line_no, start, end)`` of each line, without its line break (a list)."""
    out = []
    if "\r" not in text:  # the common case: split in C
        pos = 0
        for n, part in enumerate(text.split("\n"), 1):
            end = pos + len(part)
            out.append((n, pos, end))
            pos = end + 1
        if out and out[-1][1] == len(text):
            out.pop()  # nothing after the last line break
        return out
    pos = 0
    n = 0
    for m in re.finditer(r"\r\n|\n|\r", text):
        n += 1
        out.append((n, pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((n + 1, pos, len(text)))
    return out


# A line the plain parser must look at on its own: blank, or starting (after white space) with
# a digit, a bullet or '#'. Every other line only continues the paragraph it is in.
_MAYBE_SPECIAL = re.compile(r"\n[^\S\n]*(?:(?=\n)|$|[0-9•·*\-#])")
_MAYBE_SPECIAL_FIRST = re.compile(r"[^\S\n]*(?:(?=\n)|$|[0-9•·*\-#])")


def plain_records(text: str) -> list[tuple[int, int, int]]:
    """``(line_no, start, end)`` records for :func:`_parse_plain`: the lines it must look at one by one, and
    each run of lines between them that only continue a paragraph, merged into one record (first line's
    number and start, last line's end), which has the same effect on the parser as its lines one by one.
    Text with carriage returns gets every line (:func:`lines`).
    """
    if "\r" in text:
        return lines(text)
    out: list[tuple[int, int, int]] = []
    n, pos, size = 1, 0, len(text)
    starts = [0] if _MAYBE_SPECIAL_FIRST.match(text) else []
    starts += [m.start() + 1 for m in _MAYBE_SPECIAL.finditer(text)]
    for s in starts:
        if s >= size:
            break  # the empty "line" after a final line break is not a line
        if s > pos:  # whole lines that only continue a paragraph
            out.append((n, pos, s - 1))
            n += text.count("\n", pos, s)
        e = text.find("\n", s)
        e = size if e < 0 else e
        out.append((n, s, e))
        n += 1
        pos = e + 1
    if pos < size:
        out.append((n, pos, size - 1 if text.endswith("\n") else size))
    return out
