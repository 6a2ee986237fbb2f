"""Ingest one document: read it, find mentions, references, figures and candidates.

:func:`ingest_path` reads a file (plain text, Markdown or HTML, with its
optional ``NAME.meta.toml`` sidecar) and :func:`ingest_document` works on an
already-read :class:`~sockg.sources.Document`. Both return a :class:`Report`
whose :meth:`Report.as_dict` is the JSON report::

    {"document": {...},
     "mentions":   [{"entity", "label", "text", "start", "end", "paragraph", ...}],
     "references": [{"entity", "label", "text", "start", "end", "paragraph", "status", ...}],
     "figures":    [{"value", "unit", "qualifier", "text", "start", "end", "paragraph", ...}],
     "candidates": [{"label", "kind", "text", "start", "end", "paragraph", "count"}]}

Every ``start``/``end`` indexes the document's text exactly:
``text == document_text[start:end]``.

Examples
--------
>>> from sockg.ingest.gazetteer import Gazetteer
>>> from sockg.sources import parse_text
>>> gaz = Gazetteer.from_rows([{"iri": "x:nca", "label": "National Crime Agency", "kind": "pref",
...                             "types": ["Agency"]}, {"iri": "x:nca", "label": "NCA", "kind": "alt"}])
>>> doc = parse_text("# Funding\\n\\nThe NCA will receive £860 million.\\n", "plan")
>>> r = ingest_document(doc, gaz).as_dict()
>>> [(m["label"], m["text"], m["paragraph"]) for m in r["mentions"]]
[('National Crime Agency', 'NCA', 'section-1, unnumbered paragraph 1')]
>>> r["figures"][0]["value"], r["figures"][0]["unit"], r["figures"][0]["about_label"]
(860000000, 'GBP', 'National Crime Agency')
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .anchors import find_anchors
from .context import BlockIndex, SpanIndex
from .figures import Figure, find_figures
from .fold import Folded
from .mentions import Mention, find_mentions
from .references import candidate_spans, find_references, group_candidates

__all__ = ["Report", "ingest_document", "ingest_path", "OFFSETS_NOTE", "to_json"]

#: what the offsets index, by media type
OFFSETS_NOTE = {
    "text/plain": "the file's text as decoded (no newline translation; a byte-order mark dropped)",
    "text/markdown": "the file's text as decoded (no newline translation; a byte-order mark dropped)",
    "text/html": "the text extracted from the HTML (tags dropped, white space collapsed, headings as '#' lines); "
                 "not the HTML source",
}


@dataclass
class Report:
    """What one document mentions, references and states."""

    document: dict
    mentions: list[Mention]
    references: list[dict]
    figures: list[Figure]
    candidates: list[dict]
    doc: object = field(repr=False, default=None)

    def as_dict(self, with_text: bool = False) -> dict:
        """The JSON report; ``with_text`` adds the document's text (the string every offset indexes)."""
        document = dict(self.document)
        if with_text:
            document["text"] = self.doc.text
        with _collector_paused():
            return self._as_dict(document)

    def _as_dict(self, document: dict) -> dict:
        return {
            "document": document,
            "mentions": [m.as_dict() for m in self.mentions],
            "references": [dict(r) for r in self.references],
            "figures": [f.as_dict() for f in self.figures],
            "candidates": [dict(c) for c in self.candidates],
        }

    def entities(self) -> dict[str, dict]:
        """Each entity mentioned: ``{iri: {"label", "category", "count"}}``."""
        out: dict[str, dict] = {}
        for m in self.mentions:
            e = out.setdefault(m.entity, {"label": m.label, "category": m.category, "count": 0})
            e["count"] += 1
        return out


#: One JSON encoder for every value written (``json.dumps`` with options makes a new encoder per call);
#: with no indent, its ``encode`` runs in C.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def to_json(data) -> str:
    """JSON text of a report (or a list of reports): one line per mention, figure, ... so it is
    both readable and fast to write (the compact encoder runs in C; ``indent`` would not).

    >>> print(to_json({"document": {"id": "d"}, "mentions": [{"text": "NCA"}, {"text": "UK"}], "figures": []}))
    {
      "document": {"id": "d"},
      "mentions": [
        {"text": "NCA"},
        {"text": "UK"}
      ],
      "figures": []
    }
    """
    if isinstance(data, list):
        return "[\n" + ",\n".join(to_json(d) for d in data) + "\n]"
    dumps = _ENCODE
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + dumps(v) for v in value)
            parts.append(f"  {dumps(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {dumps(key)}: {dumps(value)}")
    return "{\n" + ",\n".join(parts) + "\n}"


def _inside_longer(spans, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a longer one of ``spans`` (a :class:`SpanIndex`)."""
    got = spans.containing(start, end)
    return got is not None and got[1] - got[0] > end - start


def _guess_title(doc) -> str | None:
    if doc.title:
        return doc.title
    for s in doc.sections:
        if s.kind == "section" and s.title:
            return s.title
    return None


def _guess_year(title: str | None) -> int | None:
    m = re.search(r"\b((?:19|20)\d\d)\b", title or "")
    return int(m.group(1)) if m else None


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while many small, acyclic objects are made (5-10% faster)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def ingest_document(doc, gazetteer, *, title: str | None = None, year: int | None = None,
                    sha256: str | None = None) -> Report:
    """Extract mentions, references, figures and candidates from ``doc``."""
    with _collector_paused():
        return _ingest(doc, gazetteer, title, year, sha256)


def _ingest(doc, gazetteer, title, year, sha256) -> Report:
    title = title or _guess_title(doc) or (Path(doc.path).name if doc.path else doc.id)
    year = year or _guess_year(title)
    folded = Folded(doc.text)
    index = BlockIndex(doc)
    anchors = find_anchors(doc.text)
    mentions = find_mentions(doc, gazetteer, year=year, folded=folded, index=index, anchors=anchors)
    references = find_references(doc, mentions, gazetteer, index=index, anchors=anchors)
    # a known strategy's name inside an unknown edition ("... Strategy 2022") is not a mention of the known one
    unknown = SpanIndex((r["start"], r["end"]) for r in references if r["status"] == "candidate")
    if unknown.spans:
        mentions = [m for m in mentions if m.category != "strategy" or unknown.containing(m.start, m.end) is None]
    spans = candidate_spans(doc, mentions, references, index=index, anchors=anchors)
    # an ordinary term inside an unknown capitalised name ("National Economic Crime Centre") is part of that name
    if spans:
        inside = SpanIndex((s, e) for s, e, _ in spans)
        mentions = [m for m in mentions if not (m.generic and _inside_longer(inside, m.start, m.end))]
    candidates = group_candidates(doc.text, spans, index)
    figures = find_figures(doc, mentions, index=index, anchors=anchors)
    document = {
        "id": doc.id,
        "path": doc.path,
        "title": title,
        "year": year,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "offsets": OFFSETS_NOTE.get(doc.media_type, OFFSETS_NOTE["text/plain"]),
        "characters": len(doc.text),
        "sha256": sha256,
        "shape": doc.shape,
        "sections": len(doc.sections),
        "paragraphs": len(doc.blocks),
    }
    return Report(document=document, mentions=mentions, references=references, figures=figures,
                  candidates=candidates, doc=doc)


def ingest_path(path, gazetteer, *, encoding: str | None = None, title: str | None = None,
                year: int | None = None) -> Report:
    """Read ``path`` (and its sidecar, when there is one) and ingest it.

    Raises :class:`~sockg.errors.SourceError` for a missing, empty, binary
    or undecodable file, or a folder; :class:`~sockg.errors.SidecarError`
    for a bad sidecar.
    """
    from ..sources import read_document
    from ..sources.sidecar import read_sidecar, sidecar_path

    p = Path(path)
    side = sidecar_path(p)
    sidecar = read_sidecar(side) if p.is_file() and side.is_file() else None
    with _collector_paused():  # the reader makes many small objects too
        doc = read_document(p, encoding=encoding or (sidecar.encoding if sidecar else None))
        sha = hashlib.sha256(p.read_bytes()).hexdigest()
        return _ingest(doc, gazetteer, title or (sidecar.title if sidecar else None),
                       year or (sidecar.issued if sidecar else None), sha)
