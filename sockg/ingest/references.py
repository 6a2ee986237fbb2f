"""References to strategies and documents, and candidate new entities for review.

**References.** A reference is a named document: a strategy, plan, review,
assessment, act or command paper ("the Serious Violence Strategy",
"CONTEST", "Cm 9718", "the 2017-2022 Anti-Corruption Strategy"). Names are
found two ways: the gazetteer's mentions of known documents, and a pattern
anchored on a capitalised document word (Strategy, Plan, Review, Act, ...)
with the capitalised words and years before it. A name is *linked* when the
graph knows it (a year that contradicts the known edition makes it a new
candidate instead: "National Cyber Security Strategy 2022"), and proposed as
a *candidate* otherwise.

**Candidates.** Capitalised organisation-like names the graph does not know
("Department for Transport", "... Agency", "... Unit", "Operation ...") and
unknown strategy-like names are listed once each, with the first place they
occur, for a person to review. They are never asserted in the graph.

Examples
--------
>>> from sockg.sources import parse_text
>>> doc = parse_text("The Border Crime Strategy 2031 and Operation Tidewater, led by the Office for Port Safety.", "d")
>>> [(c["label"], c["kind"]) for c in find_candidates(doc, [], find_references(doc, [], None))]
[('Border Crime Strategy 2031', 'strategy'), ('Operation Tidewater', 'operation'), ('Office for Port Safety', 'organisation')]
"""

from __future__ import annotations

import re

from .anchors import find_anchors
from .context import BlockIndex, SpanIndex
from .fold import fold

__all__ = ["find_references", "find_candidates", "candidate_spans", "group_candidates"]

# A command paper's number; the literal ("Cm", "HC") is found by the anchors.
_PAPER = re.compile(r"(?:Cm|Cmnd|CM|HC)\.?[ \u00a0]?(\d{2,5})(?![\w-])")
_Y, _RANGE = r"(?:19|20)\d\d", r"[ \u00a0]?(?:-|–|to)[ \u00a0]?"
_PERIOD_AFTER = re.compile(rf"[ \u00a0]?(?:\((?P<a1>{_Y})(?:{_RANGE}(?P<b1>(?:19|20)?\d\d))?\)"
                           rf"|(?P<a2>{_Y})(?:{_RANGE}(?P<b2>(?:19|20)?\d\d))?)(?![\w-])")
#: words that, after "and" or a comma, start another name rather than continue this one
_NEW_NAME = frozenset({"the", "Operation", "Department", "Ministry", "Office", "HM", "His"})
_HEAD_GAP = re.compile(r"[ \t\u00a0]*(?:\r\n|\r|\n)?[ \t\u00a0]*(?=[A-Z])(?<=\s)")
_OPERATION = re.compile(r"Operation[ \u00a0]+([A-Z][a-z]+(?:[ \u00a0]+[A-Z][a-z]+)?)")
_CONNECT = frozenset({"and", "of", "for", "on", "&", "against"})
_LEAD = frozenset({"The", "This", "That", "These", "Those", "Our", "Its", "Their", "A", "An", "Each", "Every", "In",
                   "Under", "Through", "With", "As", "Of", "For", "Since", "By", "And", "Both", "Any", "All", "Such",
                   "Following", "Alongside", "New", "Current", "Previous", "Next", "Draft", "Latest", "Existing",
                   "Recent", "When", "While", "If", "At", "On", "From", "To", "We", "Where", "It", "Is", "Was"})
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w’'-]*|(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?|&)$")


def _tokens_before(text: str, pos: int, floor: int):
    """Yield ``(start, token)`` for the white-space separated tokens of ``text[floor:pos]``, last first."""
    i = pos
    while i > floor:
        j = i
        while j > floor and text[j - 1].isspace():
            j -= 1
        k = j
        while k > floor and not text[k - 1].isspace():
            k -= 1
        if k == j:
            return
        yield k, text[k:j]
        i = k


def _name_before(text: str, pos: int, floor: int) -> int:
    """Start of the run of capitalised words (with inner 'and', 'of', ...) that ends just before ``pos``.

    >>> t = "as set out in the 2017-2022 Anti-Corruption Strategy"
    >>> t[_name_before(t, t.index("Strategy"), 0):]
    '2017-2022 Anti-Corruption Strategy'
    """
    floor = max(floor, pos - 160)
    tokens = _tokens_before(text, pos, floor)
    current = next(tokens, None)
    start = pos
    pending = 0
    while current is not None:
        following = next(tokens, None)  # the token to the left
        s, tok = current
        left = following[1] if following is not None else ""
        if tok in _CONNECT or (tok == "the" and left in ("for", "of", "on")):
            pending += 1
            if pending > 2:
                break
            current = following
            continue
        bare = tok[:-2] if tok.endswith(("’s", "'s")) else tok
        if not _NAME_TOKEN.match(bare) or (tok in _LEAD and start != pos):
            break
        start = s
        pending = 0
        current = following
    while start < pos:  # drop leading determiners and connectors ("The", "and")
        m = re.match(r"(\S+)\s+", text[start:pos])
        if not m or not (m.group(1) in _LEAD or m.group(1) in _CONNECT):
            break
        start += m.end()
    return start


def _name_after(text: str, pos: int, ceiling: int) -> int:
    """End of the run of capitalised words (with inner connectors and commas) that starts at ``pos``.

    >>> t = "the Department for Digital, Culture, Media and Sport. Then"
    >>> t[4:_name_after(t, t.index("Digital"), len(t))]
    'Department for Digital, Culture, Media and Sport'
    """
    end = pos
    previous = ""
    for m in re.finditer(r"([A-Z][\w’'-]*|and|of|for|the|&|,)(?:\s+|(?=[^\w’'-])|$)", text[pos:min(ceiling, pos + 160)]):
        if m.start() != end - pos or (previous in ("and", "&", ",") and m.group(1) in _NEW_NAME):
            break  # "Ministry of Justice and the Youth Justice Board", "... and Operation X": two names
        end = pos + m.end()
        previous = m.group(1)
    s = re.sub(r"(?:\s|,|\band\b|\bof\b|\bfor\b|\bthe\b|&)+$", "", text[pos:end])
    return pos + len(s)


def _years_fit(entry, years: tuple[int, int | None] | None) -> bool:
    if not years:
        return True
    a, b = years
    if entry.period:
        return (a, b) == tuple(entry.period) or (b is None and entry.period[0] <= a <= entry.period[1])
    if entry.year:
        return b is None and a == entry.year
    return True


def _period(text: str, end: int, ceiling: int):
    """A year or period written just after a document's name: ``(2017, 2022)`` or ``(2018, None)``."""
    m = _PERIOD_AFTER.match(text, end, ceiling)
    if not m:
        return None, end
    a = int(m.group("a1") or m.group("a2"))
    b = m.group("b1") or m.group("b2")
    if b is not None:
        b = int(b) if len(b) == 4 else int(str(a)[:2] + b)
    return (a, b), m.end()


def _years_in(name: str):
    m = re.search(r"((?:19|20)\d\d)(?:\s?(?:-|–|to|/)\s?((?:19|20)?\d\d))?", name)
    if not m:
        return None
    a, b = int(m.group(1)), m.group(2)
    return a, (int(b) if b and len(b) == 4 else int(str(a)[:2] + b) if b else None)


def find_references(doc, mentions, gazetteer, index: BlockIndex | None = None,
                    anchors: dict | None = None) -> list[dict]:
    """References to documents in ``doc``, linked (``entity`` set) or proposed (``status: candidate``)."""
    text = doc.text
    index = index or BlockIndex(doc)
    anchors = anchors if anchors is not None else find_anchors(text)
    doc_mentions = [m for m in mentions if m.category == "strategy"]
    refs: list[dict] = []
    for p, _, _ in anchors["paper"]:
        m = _PAPER.match(text, p)
        if m is None:
            continue
        block = index.at(m.start(), m.end())
        hits = gazetteer.lookup(m.group(0)) if gazetteer is not None else []
        refs.append(_ref(text, m.start(), m.end(), block, "command-paper", hits[0].entry if hits else None,
                         None, m.group(0), index))
    mention_index = SpanIndex((dm.start, dm.end) for dm in doc_mentions)
    by_span = {(dm.start, dm.end): dm for dm in doc_mentions}
    for k_start, k_end, word in anchors["doc"]:
        block = index.at(k_start, k_end)
        floor, ceiling = (block.start, block.end) if block is not None else (0, len(text))
        start = _name_before(text, k_start, floor)
        if start == k_start:
            continue
        years, end = _period(text, k_end, ceiling)
        name = " ".join(text[start:end].split())
        years = years or _years_in(text[start:k_start])
        kind = "legislation" if word in ("Act", "Bill") else "strategy"
        entry = None
        if gazetteer is not None:
            hits = gazetteer.lookup(name) or gazetteer.lookup(text[start:k_end])
            hits = [h for h in hits if _years_fit(h.entry, years)]
            entry = max(hits, key=lambda h: (h.entry.year or 0, h.entry.iri)).entry if hits else None
        if entry is None:
            inside = [by_span[s] for s in mention_index.overlapping(start, end)
                      if start <= s[0] and s[1] <= end and s[1] >= k_end]
            if inside and gazetteer is not None:
                e = gazetteer.entries[inside[0].entity]
                entry = e if _years_fit(e, years) else None
        refs.append(_ref(text, start, end, block, kind, entry, years, name, index))
    refs.sort(key=lambda r: (r["start"], -r["end"]))
    merged: list[dict] = []
    for r in refs:
        if merged and r["start"] < merged[-1]["end"]:
            continue
        merged.append(r)
    covered = SpanIndex((r["start"], r["end"]) for r in merged)
    for dm in doc_mentions:
        if covered.overlapping(dm.start, dm.end):
            continue
        entry = gazetteer.entries[dm.entity]
        merged.append({"entity": dm.entity, "label": dm.label, "text": dm.text, "start": dm.start, "end": dm.end,
                       "paragraph": dm.paragraph, "status": "linked", "kind": _kind_of(entry),
                       "year": entry.year if not entry.period else None,
                       "period": list(entry.period) if entry.period else None})
    merged.sort(key=lambda r: r["start"])
    return merged


def _kind_of(entry) -> str:
    if "Strategy" in entry.types:
        return "strategy"
    return "data-source" if "DataSource" in entry.types and "Assessment" not in entry.types else "document"


def _ref(text, start, end, block, kind, entry, years, name, index) -> dict:
    if entry is not None and kind == "strategy":
        kind = _kind_of(entry)
    return {"entity": entry.iri if entry else None, "label": entry.label if entry else name,
            "text": text[start:end], "start": start, "end": end,
            "paragraph": index.label(block),
            "status": "linked" if entry else "candidate", "kind": kind,
            "year": years[0] if years and years[1] is None else None,
            "period": list(years) if years and years[1] is not None else None}


def find_candidates(doc, mentions, references, index: BlockIndex | None = None,
                    anchors: dict | None = None) -> list[dict]:
    """Names the graph does not know, once each (first place, and how often), in order of first place."""
    index = index or BlockIndex(doc)
    return group_candidates(doc.text, candidate_spans(doc, mentions, references, index, anchors), index)


def candidate_spans(doc, mentions, references, index: BlockIndex | None = None,
                    anchors: dict | None = None) -> list[tuple[int, int, str]]:
    """Every place a candidate name stands: ``(start, end, kind)``, in order, not overlapping."""
    text = doc.text
    index = index or BlockIndex(doc)
    anchors = anchors if anchors is not None else find_anchors(text)
    spans = SpanIndex((m.start, m.end) for m in mentions)
    found: list[tuple[int, int, str]] = []
    for r in references:
        if r["status"] == "candidate":
            found.append((r["start"], r["end"], "document" if r["kind"] == "command-paper" else r["kind"]))
    for k_start, k_end, _ in anchors["org-tail"]:
        if _known(spans, k_start, k_end):
            continue
        block = index.at(k_start, k_end)
        start = _name_before(text, k_start, block.start if block is not None else 0)
        if start < k_start:
            found.append((start, k_end, "organisation"))
    for h_start, h_end, _ in anchors["org-head"]:
        name = _HEAD_GAP.match(text, h_end)  # white space (one line break at most), then a capital
        if name is None:
            continue
        block = index.at(h_start, h_end)
        end = _name_after(text, name.end(), block.end if block is not None else len(text))
        if end > name.end() and not _known(spans, h_start, end):
            found.append((h_start, end, "organisation"))
    for o_start, _, _ in anchors["operation"]:
        o = _OPERATION.match(text, o_start)
        if o is not None:
            found.append((o.start(), o.end(), "operation"))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    return kept


def group_candidates(text: str, spans: list[tuple[int, int, str]], index: BlockIndex) -> list[dict]:
    """One entry per candidate name (first place, and how often), in order of first place."""
    by_label: dict[str, dict] = {}
    for s, e, kind in spans:
        label = " ".join(text[s:e].split())
        key = fold(label)
        if key in by_label:
            by_label[key]["count"] += 1
            continue
        by_label[key] = {"label": label, "kind": kind, "text": text[s:e], "start": s, "end": e,
                         "paragraph": index.paragraph(s, e), "count": 1}
    return sorted(by_label.values(), key=lambda c: c["start"])


def _known(spans, start: int, end: int) -> bool:
    """Whether a known mention covers the candidate (all but a character at each end): the name is known."""
    return spans.containing(start + 1, end - 1) is not None
