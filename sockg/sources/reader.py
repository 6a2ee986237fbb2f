"""Read a seed document into a structure of blocks with exact character offsets.

A seed is plain text. Two shapes are recognised:

* a saved **search-results page**: results numbered ``1.`` ... at a two-space
  indent, whose excerpts carry their own paragraph numbers at a four-space
  indent (the two numberings collide and are told apart by indentation);
* any other **plain or Markdown text**: sections start at Markdown headings
  (``#``) and paragraphs are separated by blank lines.

Each block records ``start``/``end`` offsets into :attr:`Document.text`, the
file decoded as read (no newline translation, a UTF-8 byte-order mark
dropped), so ``doc.text[block.start:block.end]`` is the block's text exactly.

Examples
--------
>>> doc = parse_text("  1. Apr 9, 2014 · First result.\\n\\n    16. We define it.[footnote 2]\\n", "d")
>>> [b.key for b in doc.blocks]
['result-1/snippet', 'result-1/para-16']
>>> b = doc.block("16")
>>> doc.text[b.start:b.end]
'We define it.[footnote 2]'
>>> b.footnotes[0].number, doc.sections[0].date.isoformat()
(2, '2014-04-09')
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..text import slugify
from . import decode
from .html import HTML_SUFFIXES, html_to_text, looks_like_html
from .lines import lines as _lines, plain_records as _plain_records

__all__ = ["Block", "Section", "Footnote", "Document", "read_document", "parse_text"]


@dataclass(frozen=True)
class Footnote:
    """A ``[footnote N]`` marker inside a block."""

    number: int
    start: int
    end: int


@dataclass
class Block:
    """One paragraph-like unit of a document.

    ``kind`` is one of ``snippet`` (a search result's first line), ``para``
    (a numbered paragraph), ``text`` (an unnumbered paragraph), ``bullet``,
    ``heading``, ``figure-caption``, ``item`` (an inline list item inside a
    paragraph), ``size-note`` or ``count-note`` (page furniture such as
    ``1MB`` or ``86``).
    """

    key: str
    kind: str
    start: int
    end: int
    number: str | None = None
    section: str | None = None
    parent: str | None = None
    figure: str | None = None
    footnotes: list[Footnote] = field(default_factory=list)
    truncated: bool = False
    run_on: bool = False
    line: int = 0

    @property
    def label(self) -> str:
        """A short human label used when citing the block."""
        sec = (self.section or "").replace("list-2/", "second list, ").replace("result-", "result ")
        sec = f"{sec}, " if sec else ""
        if self.kind == "para":
            return f"paragraph {self.number}"
        if self.kind == "item":
            return f"paragraph {self.parent_number}, item {self.number}"
        if self.kind == "figure-caption":
            return f"Figure {self.number}"
        if self.kind == "snippet":
            return sec.rstrip(", ") + " (snippet)"
        kind = {"text": "unnumbered paragraph"}.get(self.kind, self.kind.replace("-", " "))
        return f"{sec}{kind} {self.number}" if self.number else f"{sec}{kind}"

    @property
    def parent_number(self) -> str | None:
        if self.parent and "/para-" in self.parent:
            return self.parent.rsplit("/para-", 1)[1]
        return None


@dataclass
class Section:
    """A search result, or a Markdown section of a plain document."""

    key: str
    kind: str
    number: int | None
    title: str
    start: int
    end: int
    date: _dt.date | None = None
    list_index: int = 1
    line: int = 0


@dataclass
class Document:
    """A seed read into sections and blocks."""

    id: str
    text: str
    shape: str
    sections: list[Section]
    blocks: list[Block]
    path: str | None = None
    encoding: str = "utf-8"
    _index: dict[str, Block] = field(default_factory=dict, repr=False)
    _by_start: list | None = field(default=None, repr=False)
    _starts: list | None = field(default=None, repr=False)
    _longest: int = field(default=0, repr=False)
    #: ``text/plain``, ``text/markdown`` or ``text/html``; for HTML, :attr:`text` (and every
    #: offset) is the text extracted from the page (see :mod:`sockg.sources.html`), not its source.
    media_type: str = "text/plain"
    #: the HTML ``<title>``, when there is one
    title: str | None = None

    def __post_init__(self) -> None:
        self._index = {b.key: b for b in self.blocks}

    def block(self, ref: str | int) -> Block:
        """Return the block named by ``ref``.

        ``ref`` is a full key (``result-2/para-16``), a bare paragraph number
        (``16`` or ``para-16``, when unique), ``35.1`` or ``36.a`` for an inline
        item, or ``figure-1``.
        """
        found = self._lookup(str(ref).strip())
        if not found:
            raise KeyError(ref)
        return found

    def _lookup(self, ref: str) -> Block | None:
        if ref in self._index:
            return self._index[ref]
        m = re.fullmatch(r"(?:para-|paragraph |¶)?(\d+)(?:[./](?:item-)?([0-9a-z]+))?", ref)
        if m:
            suffix = f"/para-{m.group(1)}" + (f"/item-{m.group(2)}" if m.group(2) else "")
            hits = [b for b in self.blocks if b.key.endswith(suffix)]
            return hits[0] if len(hits) == 1 else None
        m = re.fullmatch(r"figure[- ](\d+)", ref, re.I)
        if m:
            hits = [b for b in self.blocks if b.kind == "figure-caption" and b.number == m.group(1)]
            return hits[0] if len(hits) == 1 else None
        hits = [b for b in self.blocks if b.key.endswith("/" + ref) or b.key == ref + "/snippet"]
        return hits[0] if len(hits) == 1 else None

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def span(self, ref: str | int) -> tuple[int, int]:
        """The character span a reference covers.

        A section key (``result-3``) covers the whole section; a figure
        (``figure-1``) covers its caption and the blocks drawn inside it; a
        paragraph covers its own text, including its inline items.
        """
        r = str(ref).strip()
        for s in self.sections:
            if s.key == r:
                return s.start, s.end
        b = self.block(r)
        if b.kind == "figure-caption":
            inside = [x for x in self.blocks if x.figure == b.number and x.section == b.section]
            return b.start, max([b.end] + [x.end for x in inside])
        return b.start, b.end

    def children(self, key: str) -> list[Block]:
        return [b for b in self.blocks if b.parent == key]

    def block_at(self, offset: int) -> Block | None:
        """The innermost block containing ``offset``."""
        best = None
        for b in self.blocks:
            if b.start <= offset < b.end and (best is None or b.end - b.start < best.end - best.start):
                best = b
        return best

    def innermost(self, start: int, end: int) -> Block | None:
        """The smallest block that holds all of ``text[start:end]`` (``None`` if none does).

        Found by bisection on the blocks' starts, so locating many quotes in a
        long document stays fast.
        """
        if self._by_start is None:
            order = sorted(self.blocks, key=lambda b: (b.start, -b.end))
            self._by_start = order
            self._starts = [b.start for b in order]
            self._longest = max((b.end - b.start for b in order), default=0)
        i = bisect.bisect_right(self._starts, start) - 1
        best = None
        while i >= 0:
            b = self._by_start[i]
            if start - b.start > self._longest:
                break
            if b.end >= end and (best is None or b.end - b.start < best.end - best.start):
                best = b
                if b.start < start:  # a block that starts earlier can only be larger
                    break
            i -= 1
        return best

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) holding ``text[start:end]``, within its innermost block.

        >>> d = parse_text("    7. First one. The quote is here.[footnote 3] Last.\\n", "d")
        >>> i = d.text.index("quote")
        >>> a, b = d.sentence_span(i, i + 5)
        >>> d.text[a:b]
        'The quote is here.[footnote 3]'
        """
        block = self.innermost(start, end)
        lo, hi = (block.start, block.end) if block else (0, len(self.text))
        # look for the sentence's ends within a window, so quotes in a huge one-line paragraph stay cheap
        lo, hi = max(lo, start - SENTENCE_WINDOW), min(hi, end + SENTENCE_WINDOW)
        a, b = lo, hi
        for m in _SENTENCE_END.finditer(self.text, lo, hi):
            if m.end() <= start:
                a = m.end()
            elif m.end() >= end:
                b = m.end()
                break
        a, b = _strip(self.text, a, b)
        return (a, b) if a <= start and end <= b else (start, end)

    def locate(self, quote: str, ref: str | int) -> tuple[int, int] | None:
        """Find ``quote`` inside the span of ``ref``; return its offsets or ``None``.

        The quote is matched verbatim first; failing that, runs of white space
        in the quote match any run of white space in the text (so a quote
        typed on one line still finds a name broken across a line break).
        """
        start, end = self.span(ref)
        return find_quote(self.text, quote, start, end)


def find_quote(text: str, quote: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Locate ``quote`` in ``text[start:end]`` as described in :meth:`Document.locate`.

    >>> find_quote("a name\\nbroken here", "name broken")
    (2, 13)
    """
    end = len(text) if end is None else end
    quote = quote.strip()
    if not quote:
        return None
    i = text.find(quote, start, end)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern).search(text, start, end)
    return (m.start(), m.end()) if m else None


# --------------------------------------------------------------------------- parsing

_RESULT = re.compile(r"^ {2}(\d{1,3})\. (?=\S)")
#: how far before and after a quote its sentence's ends are looked for
SENTENCE_WINDOW = 2000
# a sentence ends at . ! ? (with any closing quote, bracket or footnote marker) before white space and a capital
_SENTENCE_END = re.compile(r"[.!?…][’”)\]]*(?:\[footnote \d+\])?(?:,? ?\[footnote \d+\])*(?=\s+[A-Z‘“(•\d])")
_INNER_NUM = re.compile(r"^ {4,}(\d{1,3})\. (?=\S)")
_BULLET = re.compile(r"^\s*[•·\-*]\s?(?=\S)")
_FIG_CAPTION = re.compile(r"Figure (\d+) [–—-] ")
_DATE = re.compile(r"([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) · ")
_FOOTNOTE = re.compile(r"\[footnote (\d+)\]")
_SIZE = re.compile(r"\d+(?:\.\d+)?\s?(?:[KMG]B|bytes)", re.I)
_COUNT = re.compile(r"\d[\d,]*")
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RESULT_AFTER_BREAK = re.compile(r"[\r\n] {2}\d{1,3}\. (?=\S)")
# a line that starts with a paragraph number: at the start, or after a line break ([^\S\r\n] is
# white space within a line); the look-ahead fails at a line break as it did on the line alone
_LINE_NUMBER = re.compile(r"[\r\n][^\S\r\n]*(\d{1,3})\.[^\S\r\n]+(?=\S)")
_LINE_NUMBER_AT_START = re.compile(r"[^\S\r\n]*(\d{1,3})\.[^\S\r\n]+(?=\S)")
_CHUNK_NUMBER = re.compile(r"(\d{1,3})\.\s+(?=\S)")
_STARTS_NEW = re.compile(r"^\s*(\d{1,3}\.\s|[•·*\-]\s)")


def read_document(path: str | Path, doc_id: str | None = None, encoding: str | None = None) -> Document:
    """Read and parse the seed at ``path``.

    Raises :class:`~sockg.errors.SourceError` when the file is missing, is a
    folder, is empty or is not text. HTML (by suffix, or by its opening) is
    reduced to text first, and offsets then index that extracted text.
    """
    p = Path(path)
    text, used = decode.read_text(p, encoding)
    media_type = MEDIA_TYPES.get(p.suffix.lower(), "text/plain")
    title = None
    if media_type == "text/html" or looks_like_html(text):
        media_type = "text/html"
        text, title = html_to_text(text)
        if not text.strip():
            raise SourceError("HTML page has no text", path=p)
    try:
        doc = parse_text(text, doc_id or slug_from_path(p))
    except SourceError as exc:
        raise SourceError(exc.message, path=p) from None
    doc.path = str(p)
    doc.encoding = used
    doc.media_type = media_type
    doc.title = title
    return doc


#: media type by file suffix (anything else is read as plain text)
MEDIA_TYPES = {".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain",
               **{s: "text/html" for s in HTML_SUFFIXES}}


def slug_from_path(p: Path) -> str:
    """A document id from a file name (``soc-2018-search-results.txt`` is ``soc-2018-search-results``)."""
    return slugify(p.stem) or "document"


def parse_text(text: str, doc_id: str) -> Document:
    """Parse decoded text into a :class:`Document` (see module docstring)."""
    if not text.strip():
        raise SourceError("document is empty")
    if _RESULT.match(text) or (("\n  " in text or "\r  " in text) and _RESULT_AFTER_BREAK.search(text)):
        # a line that starts a search result (the substring test skips the scan for unindented text)
        return _parse_search_page(text, doc_id)
    return _parse_plain(text, doc_id)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Builder:
    """Shared bookkeeping while blocks are added."""

    def __init__(self, text: str):
        self.text = text
        self.blocks: list[Block] = []
        self.counters: dict[tuple[str, str], int] = {}
        self.keys: set[str] = set()

    def next_number(self, section: str, kind: str) -> str:
        k = (section, kind)
        self.counters[k] = self.counters.get(k, 0) + 1
        return str(self.counters[k])

    def add(self, kind: str, start: int, end: int, section: str, number: str | None = None, **kw) -> Block:
        start, end = _strip(self.text, start, end)
        if number is None:
            number = self.next_number(section, kind)
        name = {"figure-caption": "figure"}.get(kind, kind)
        key = f"{kw.get('parent') or section}/{name}-{number}"
        if kind == "snippet":
            key = f"{section}/snippet"
        elif kind == "figure-caption":
            key = f"{section}/figure-{number}"
        while key in self.keys:
            key += "b"
        self.keys.add(key)
        body = self.text[start:end]
        b = Block(key=key, kind=kind, start=start, end=end, number=number, section=section, **kw)
        b.footnotes = [Footnote(int(m.group(1)), start + m.start(), start + m.end()) for m in _FOOTNOTE.finditer(body)]
        b.truncated = body.endswith("...") or body.endswith("…")
        self.blocks.append(b)
        return b


def _parse_search_page(text: str, doc_id: str) -> Document:
    bld = _Builder(text)
    sections: list[Section] = []
    line_starts = [int(m.group(1)) for _, s, e in _lines(text) if (m := _INNER_NUM.match(text[s:e]))]
    line_para_numbers = set(line_starts)
    cur: Section | None = None
    list_index = 1
    last_number = 0
    figure: str | None = None
    header_n = 0
    for line_no, s, e in _lines(text):
        line = text[s:e]
        if not line.strip():
            continue
        m = _RESULT.match(line)
        if m:
            number = int(m.group(1))
            if number <= last_number:
                list_index += 1
            last_number = number
            key = f"result-{number}" if list_index == 1 else f"list-{list_index}/result-{number}"
            body_start = s + m.end()
            date = None
            dm = _DATE.match(text, body_start)
            if dm:
                date = _dt.date(int(dm.group(3)), _MONTHS[dm.group(1)], int(dm.group(2)))
                body_start = dm.end()
            cur = Section(key=key, kind="result", number=number, title=text[body_start:e].strip()[:80],
                          start=body_start, end=e, date=date, list_index=list_index, line=line_no)
            sections.append(cur)
            figure = None
            bld.add("snippet", body_start, e, key, line=line_no)
            continue
        if cur is None:
            header_n += 1
            bld.add("heading", s, e, "page", number=str(header_n), line=line_no)
            continue
        cur.end = e
        state = [figure]
        _classify_inner_line(bld, cur.key, text, s, e, line_no, line_para_numbers, state)
        figure = state[0]
    for sec in sections:
        sec.start, sec.end = _strip(text, sec.start, sec.end)
    return Document(id=doc_id, text=text, shape="search-results", sections=sections, blocks=bld.blocks)


def _classify_inner_line(bld: _Builder, section: str, text: str, s: int, e: int, line_no: int,
                         line_para_numbers: set[int], figure_state: list) -> None:
    line = text[s:e]
    figure = figure_state[0]
    m = _INNER_NUM.match(line)
    if m:
        figure_state[0] = None
        _add_numbered(bld, section, text, int(m.group(1)), s + m.end(), e, line_no, line_para_numbers)
        return
    stripped_start, _ = _strip(text, s, e)
    rest = text[stripped_start:e]
    fm = _FIG_CAPTION.match(rest)
    if fm:
        figure_state[0] = fm.group(1)
        bld.add("figure-caption", stripped_start, e, section, number=fm.group(1), line=line_no)
        return
    bm = _BULLET.match(line)
    if bm:
        body_start = s + bm.end()
        body = text[body_start:e].strip()
        kind = "size-note" if _SIZE.fullmatch(body) else "count-note" if _COUNT.fullmatch(body) else "bullet"
        bld.add(kind, body_start, e, section, line=line_no, figure=figure)
        return
    if _looks_like_heading(rest):
        if not rest.rstrip().endswith(":"):
            figure_state[0] = None
        bld.add("heading", stripped_start, e, section, line=line_no, figure=figure_state[0])
        return
    figure_state[0] = None
    bld.add("text", stripped_start, e, section, line=line_no)


def _looks_like_heading(s: str) -> bool:
    s = s.strip()
    words = s.split()
    return 0 < len(words) <= 10 and not re.search(r"[.!?…]$", s) and s[0].isupper()


# These start with a character class or a literal rather than a look-behind, so the regular
# expression engine skips quickly to the places worth trying; group 1 is the marker as before.
_ITEM_NUM = re.compile(r"[.:;!?]( (\d{1,2})\. )(?=[A-Z‘“(])")
_ITEM_LETTER = re.compile(r"[.:;!?]( ([a-z])\) )(?=[A-Z‘“(])")
_CAPTION_INLINE = re.compile(r" (Figure (\d+) [–—] )")


def _caption_inline(text: str, start: int, end: int):
    """The first inline ``Figure N – `` caption in ``text[start:end]`` that follows a non-space character."""
    m = _CAPTION_INLINE.search(text, start, end)
    while m is not None and (m.start() == 0 or text[m.start() - 1].isspace()):
        m = _CAPTION_INLINE.search(text, m.start() + 1, end)
    return m


def _add_numbered(bld: _Builder, section: str, text: str, number: int, start: int, end: int,
                  line_no: int, line_para_numbers: set[int]) -> None:
    """Add paragraph ``number`` and any paragraphs run on inside its line."""
    spans: list[tuple[int, int, int, bool]] = []
    cur_n, cur_start, run_on = number, start, False
    pos = start
    while True:
        nxt = cur_n + 1
        if nxt in line_para_numbers:
            break
        m = re.compile(rf"(?<=[.!?:;”’)\]]) ({nxt})\. (?=[A-Z‘“(])").search(text, pos, end)
        if not m:
            break
        spans.append((cur_n, cur_start, m.start(), run_on))
        cur_n, cur_start, run_on = nxt, m.end(), True
        pos = m.end()
    spans.append((cur_n, cur_start, end, run_on))
    for n, a, b, ro in spans:
        para = bld.add("para", a, b, section, number=str(n), line=line_no, run_on=ro)
        _add_items(bld, para, text)


def _add_items(bld: _Builder, para: Block, text: str) -> None:
    """Split inline lists (``1. ... 2. ...`` or ``a) ... b) ...``) and inline figure captions."""
    cap = _caption_inline(text, para.start, para.end)
    limit = cap.start(1) if cap else para.end
    for pattern, first in ((_ITEM_NUM, "1"), (_ITEM_LETTER, "a")):
        marks = []
        expect = first
        for m in pattern.finditer(text, para.start, limit):
            if m.group(2) == expect:
                marks.append(m)
                expect = str(int(expect) + 1) if expect.isdigit() else chr(ord(expect) + 1)
        if len(marks) >= 2:
            for i, m in enumerate(marks):
                stop = marks[i + 1].start(1) if i + 1 < len(marks) else limit
                bld.add("item", m.end(1), stop, para.section, number=m.group(2), parent=para.key, line=para.line)
    if cap:
        bld.add("figure-caption", cap.start(1), para.end, para.section, number=cap.group(2),
                parent=para.key, line=para.line)
        for b in bld.blocks:
            if b.kind == "item" and b.parent == para.key and b.end > cap.start(1):
                b.end = _strip(text, b.start, cap.start(1))[1]


def _parse_plain(text: str, doc_id: str) -> Document:
    """Markdown or plain text: sections at ``#`` headings, paragraphs at blank lines."""
    bld = _Builder(text)
    sections: list[Section] = []
    sec_key = "body"
    sections.append(Section(key="body", kind="body", number=None, title="", start=0, end=0, line=1))
    para_start = None
    para_end = 0
    para_line = 0
    n_sec = 0
    para_numbers = {int(m.group(1)) for m in _LINE_NUMBER.finditer(text)}
    first = _LINE_NUMBER_AT_START.match(text)
    if first:
        para_numbers.add(int(first.group(1)))

    def flush():
        nonlocal para_start
        if para_start is None:
            return
        a, b = _strip(text, para_start, para_end)
        chunk = text[a:b]
        nm = _CHUNK_NUMBER.match(chunk)
        bm = _BULLET.match(chunk)
        fm = None if nm else _FIG_CAPTION.match(chunk)
        if nm:
            _add_numbered(bld, sec_key, text, int(nm.group(1)), a + nm.end(), b, para_line, para_numbers)
        elif fm:
            bld.add("figure-caption", a, b, sec_key, number=fm.group(1), line=para_line)
        elif bm:
            bld.add("bullet", a + bm.end(), b, sec_key, line=para_line)
        else:
            bld.add("text", a, b, sec_key, line=para_line)
        para_start = None

    for line_no, s, e in _plain_records(text):
        line = text[s:e]
        if not line.strip():
            flush()
            continue
        hm = _MD_HEADING.match(line) if line[0] == "#" else None
        if hm:
            flush()
            n_sec += 1
            sections[-1].end = _strip(text, sections[-1].start, s)[1]
            sec_key = f"section-{n_sec}"
            hs = s + line.index(hm.group(2)) if hm.group(2) else s
            sections.append(Section(key=sec_key, kind="section", number=n_sec, title=hm.group(2).strip(),
                                    start=hs, end=e, line=line_no))
            bld.add("heading", hs, e, sec_key, number="1", line=line_no)
            continue
        starts_new = bool(_STARTS_NEW.match(line))
        if para_start is not None and starts_new:
            flush()
        if para_start is None:
            para_start, para_line = s, line_no
        para_end = e
        sections[-1].end = e
    flush()
    if sections[0].end == 0 and len(sections) > 1:
        sections = sections[1:]
    for sec in sections:
        sec.start, sec.end = _strip(text, sec.start, sec.end)
    return Document(id=doc_id, text=text, shape="plain", sections=sections, blocks=bld.blocks)
