"""Verify citations against the fetched texts: find each citation's place, and the names of its claim there.

For every claim with a citation (a *cited statement*: one claim, one
citation), :func:`verify` looks in the texts the cache holds for that
publication:

1. **the place**: a heading (the last of a heading path, compared with case,
   punctuation and white space folded; on the cited page when a page is given
   too), a printed page (the number printed on a PDF page, else its label, else
   its position), a numbered paragraph or list item (within the heading's part
   when both are given), or a named part (``GOV.UK page`` is the landing page's
   text; ``cover``, ``title page``, ``imprint`` and ``contents`` the first pages).
   The place reaches from there to the next heading of the text (or, in a PDF,
   to the end of the next page), at most :data:`REACH` characters;
2. **the names**: a sentence in that place that names the claim's object (and
   its subject, unless the subject is the publication itself, a part of it or
   its series), through :class:`sockg.names.NameIndex`, or that writes a
   literal object (a title, a command paper number, a date in words).

Each statement is ``verified`` (with the sentence, its offsets and the text's
SHA-256), ``locator not found``, ``names not found`` or ``not fetched``
(nothing of that publication is in the cache, or the place is one sockg does
not fetch, such as a Hansard record). A verified statement whose note repeats
eight words or more of the fetched text is also flagged (``note_copied``):
notes are meant to be in sockg's own words.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..sources import parse_text
from ..text import fold_words

__all__ = ["Statement", "Result", "FetchedDoc", "verify", "read_statements", "load_texts", "summarise",
           "as_seed", "add_verified", "add_fetched_document", "OUTCOMES", "REACH"]

VERIFIED, NO_LOCATOR, NO_NAMES, NOT_FETCHED = "verified", "locator not found", "names not found", "not fetched"
OUTCOMES = (VERIFIED, NO_LOCATOR, NO_NAMES, NOT_FETCHED)
#: How far a place reaches from where it starts (characters).
REACH = 6000
_FIRST_PAGES = {"cover": 1, "title page": 3, "imprint": 4, "contents": 6}
# a sentence ends at a stop not inside a number ("5.1"), or at a line break (Markdown) / blank line (PDF)
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+(?:[.!?]+|\n|$)")
_SENTENCE_PDF = re.compile(r"(?:[^.!?\n]|\.(?=\d)|\n(?!\s*\n))+(?:[.!?]+|\n\s*\n|$)")
_SCHEME_LINKS = frozenset({"http://www.w3.org/2004/02/skos/core#inScheme",
                           "http://www.w3.org/2004/02/skos/core#topConceptOf"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass
class Statement:
    """A cited statement: a claim (subject, predicate, object) and one citation of it."""

    claim: str
    subject: str
    predicate: str
    object: object
    object_is_iri: bool
    citation: str
    publication: str
    publication_iri: str
    note: str
    part: str | None = None
    heading: str | None = None
    page: str | None = None
    paragraph: str | None = None
    item: str | None = None


@dataclass
class Result:
    statement: Statement
    outcome: str
    reason: str | None = None
    document: str | None = None
    url: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    text_sha256: str | None = None
    #: the citation's note repeats eight words or more of the fetched text word for word (our notes are
    #: meant to be in our own words)
    note_copied: bool = False

    def as_dict(self) -> dict:
        s = self.statement
        return {"publication": s.publication, "claim": s.claim, "subject": s.subject, "predicate": s.predicate,
                "object": str(s.object), "note": s.note, "outcome": self.outcome, "reason": self.reason,
                "document": self.document, "url": self.url, "start": self.start, "end": self.end,
                "sentence": self.sentence, "text_sha256": self.text_sha256, "note_copied": self.note_copied}


@dataclass
class FetchedDoc:
    """A fetched text made ready for looking things up: its Document, folded lines and pages."""

    publication: str
    key: str
    url: str
    kind: str
    text: str
    text_sha256: str
    pages: list[dict] = field(default_factory=list)
    doc: object = None
    line_starts: list[int] = field(default_factory=list)
    folded_lines: dict[str, list[int]] = field(default_factory=dict)
    heading_starts: list[int] = field(default_factory=list)

    @property
    def folded(self) -> str:
        """The whole text folded (:func:`sockg.text.fold_words`), with spaces at both ends; made once."""
        got = self.__dict__.get("_folded")
        if got is None:
            got = self.__dict__["_folded"] = f" {fold_words(self.text)} "
        return got

    @property
    def id(self) -> str:
        """The document's id in a graph: ``fetched-PUBLICATION-KEY``."""
        return f"fetched-{self.publication}-{self.key}"

    @classmethod
    def make(cls, publication: str, key: str, url: str, kind: str, text: str, sha: str, pages=()) -> "FetchedDoc":
        fd = cls(publication, key, url, kind, text, sha, list(pages))
        fd.doc = parse_text(text, fd.id)
        pos = 0
        for line in text.split("\n"):
            fd.line_starts.append(pos)
            stripped = line.lstrip("#").strip()
            if stripped:
                fd.folded_lines.setdefault(fold_words(stripped), []).append(pos)
            if line.startswith("#"):
                fd.heading_starts.append(pos)
            pos += len(line) + 1
        return fd

    # ---------------------------------------------------------------- places
    def page_range(self, page: str) -> tuple[int, int] | None:
        for key in ("printed", "label", "index"):
            for p in self.pages:
                if str(p.get(key)) == str(page):
                    return p["start"], p["end"]
        return None

    def page_of(self, pos: int) -> dict | None:
        for p in self.pages:
            if p["start"] <= pos < p["end"] + 2:
                return p
        return None

    def reach(self, start: int) -> tuple[int, int]:
        """From ``start`` to the next heading (Markdown texts) or the end of the next page (PDFs)."""
        end = len(self.text)
        if self.pages:
            p = self.page_of(start)
            if p is not None:
                nxt = [q for q in self.pages if q["index"] == p["index"] + 1]
                end = nxt[0]["end"] if nxt else p["end"]
        else:
            i = bisect.bisect_right(self.heading_starts, start)
            if i < len(self.heading_starts):
                end = self.heading_starts[i]
        return start, min(end, start + REACH)

    def find_heading(self, heading: str, within: tuple[int, int] | None = None) -> int | None:
        """Where a heading stands: a ``#`` line of a Markdown text; in a PDF a line of its own, on the pages
        ``within`` when given, else not on a contents page when it stands elsewhere too."""
        hits = self.folded_lines.get(fold_words(heading), [])
        if not self.pages:
            hits = [h for h in hits if h in self._heading_set]
        if within is not None:
            hits = [h for h in hits if within[0] <= h < within[1]]
        elif self.pages:
            hits = [h for h in hits if not self._on_contents_page(h)] or hits
        return hits[0] if hits else None

    def _on_contents_page(self, pos: int) -> bool:
        """Whether ``pos`` is on a page headed "Contents" (which lists every heading of the document)."""
        p = self.page_of(pos)
        if p is None:
            return False
        return any(self.page_of(q) is p for q in self.folded_lines.get("contents", []))

    @property
    def _heading_set(self) -> set[int]:
        got = self.__dict__.get("_headings")
        if got is None:
            got = self.__dict__["_headings"] = set(self.heading_starts)
        return got

    def find_numbered(self, number: str, within: tuple[int, int]) -> int | None:
        """A paragraph or item numbered ``number`` at the start of a line: the number, then its text (a capital
        letter or an opening quote or bracket, so "1.2 million" is not paragraph 1.2)."""
        pattern = re.compile(rf"(?m)^[ \t]*(?:-[ \t]*)?\(?{re.escape(number)}[.)]?[ \t]+(?=[A-Z“‘\"'(])")
        m = pattern.search(self.text, within[0], within[1])
        return m.start() if m else None


def _date_words(value: str) -> list[str]:
    """The ways a date (``2018-11-01`` or ``2018-11``) is written in a text."""
    try:
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:])
            if not 1 <= m <= 12:
                return [value]
            return [f"{_MONTHS[m - 1]} {y}"]
        d = _dt.date.fromisoformat(value[:10])
    except (ValueError, IndexError):
        return [value]
    return [f"{d.day} {_MONTHS[d.month - 1]} {d.year}", f"{_MONTHS[d.month - 1]} {d.day}, {d.year}",
            d.isoformat()]


class _Verifier:
    def __init__(self, names, texts: dict[str, list[FetchedDoc]], own: dict[str, set[str]]):
        self.names = names
        self.texts = texts
        self.own = own   # publication IRI -> the IRIs that are it (itself, its series, its seed parts)

    def region(self, fd: FetchedDoc, s: Statement) -> tuple[int, int] | None:
        within = None
        if s.page:
            within = fd.page_range(s.page)
        if s.part and not s.heading and not s.paragraph and not s.item:
            part = s.part.casefold()
            if part == "gov.uk page":
                return (0, len(fd.text)) if fd.kind == "landing" else None
            if part in _FIRST_PAGES:
                if fd.pages:
                    last = fd.pages[min(_FIRST_PAGES[part], len(fd.pages)) - 1]
                    return 0, last["end"]
                return (0, min(len(fd.text), REACH)) if fd.kind != "landing" else None
            return None
        if s.page and within is None:
            return None   # the cited page is not in this text
        if s.heading:
            last = s.heading.split(" › ")[-1]   # the heading itself (the others are the parts it stands in)
            start = fd.find_heading(last, within)
            if start is None:
                return None
            region = fd.reach(start)
        elif within is not None:
            region = within
        else:
            region = (0, len(fd.text))
        for number in (s.paragraph, s.item):
            if number:
                first = re.split(r"\s*[–-]\s*", number)[0]   # "4.1–4.2": from 4.1
                at = fd.find_numbered(first, region)
                if at is None:
                    return None
                region = (at, min(region[1], fd.reach(at)[1]))
        return region

    def wanted(self, s: Statement) -> list[tuple[str, list[str] | None]]:
        """What the place must name: ``(what, words)`` pairs; ``words`` is ``None`` for an entity (by its names)."""
        out = []
        own = self.own.get(s.publication_iri, set())
        if s.subject not in own:
            out.append((s.subject, None))
        if s.object_is_iri:
            # a concept's place in one of sockg's own schemes is not something a text names
            if s.object not in own and s.predicate not in _SCHEME_LINKS:
                out.append((s.object, None))
        else:
            value = str(s.object)
            words = _date_words(value) if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) else [value]
            out.append((value, words))
        return out

    def check(self, s: Statement) -> Result:
        self._missing = []
        docs = self.texts.get(s.publication)
        if docs and s.page:   # a printed page is a PDF's: look there first
            docs = sorted(docs, key=lambda d: not d.pages)
        if not docs:
            return Result(s, NOT_FETCHED, "nothing of this publication is in the cache")
        if s.part and s.part.casefold() == "hansard record":
            return Result(s, NOT_FETCHED, "a Hansard record is not fetched")
        wanted = self.wanted(s)
        located = False
        for fd in docs:
            region = self.region(fd, s)
            if region is None:
                continue
            located = True
            found = self._sentence(fd, region, wanted)
            if found is not None:
                a, b = found
                return Result(s, VERIFIED, None, fd.key, fd.url, a, b, fd.text[a:b], fd.text_sha256,
                              self._copied(s.note, docs))
        if not located:
            return Result(s, NO_LOCATOR, "the place was not found in the fetched text")
        missing = ", ".join(self.names.label(w) or w if words is None else repr(w) for w, words in self._missing)
        return Result(s, NO_NAMES, f"the place does not name {missing}")

    @staticmethod
    def _copied(note: str, docs) -> bool:
        """Whether any run of eight words of ``note`` stands word for word in a fetched text."""
        words = fold_words(note).split()
        runs = {" ".join(words[i:i + 8]) for i in range(len(words) - 7)}
        return any(f" {run} " in fd.folded for run in runs for fd in docs)

    def _names_here(self, text: str, what: str, words) -> bool:
        if words is None:
            return self.names.named_in(text, what) is not None
        folded = f" {fold_words(text)} "
        return any(f" {fold_words(w)} " in folded for w in words if fold_words(w))

    def _sentence(self, fd: FetchedDoc, region: tuple[int, int], wanted) -> tuple[int, int] | None:
        a, b = region
        chunk = fd.text[a:b]
        self._missing = [(w, words) for w, words in wanted if not self._names_here(chunk, w, words)]
        if self._missing:
            return None
        if not wanted:   # the claim is about the publication itself: the place is the evidence
            return a, min(b, a + 300)
        # the first sentence that names the last end wanted (the object, usually), and if it can, all of them;
        # a PDF breaks its lines anywhere, so there only a stop or a blank line ends a sentence
        first = None
        pattern = _SENTENCE_PDF if fd.pages else _SENTENCE
        for m in pattern.finditer(chunk):
            sent = m.group(0)
            if not sent.strip():
                continue
            if all(self._names_here(sent, w, words) for w, words in wanted):
                s0 = a + m.start() + (len(sent) - len(sent.lstrip()))
                return s0, a + m.end()
            if first is None and self._names_here(sent, *wanted[-1]):
                first = (a + m.start() + (len(sent) - len(sent.lstrip())), a + m.end())
        if first is None:   # named across sentences: the passage up to where the last end is named
            first = (a, min(b, a + 600))
        return first


def read_statements(store) -> list[Statement]:
    """Every cited statement in a built graph (a pyoxigraph store)."""
    from ..evidence.model import P
    from ..terms import term_value

    query = f"""
        PREFIX sockg: <https://w3id.org/sockg/def#>
        SELECT ?c ?s ?p ?o ?e ?pub ?id ?note ?part ?heading ?page ?para ?item WHERE {{
          ?c <{P.subject}> ?s ; <{P.predicate}> ?p ; <{P.object}> ?o ; <{P.derived_from}> ?e .
          ?e a sockg:Citation ; <{P.has_source}> ?pub ; sockg:citationNote ?note .
          ?pub <{P.identifier}> ?id .
          OPTIONAL {{ ?e sockg:locatorPart ?part }} OPTIONAL {{ ?e sockg:locatorHeading ?heading }}
          OPTIONAL {{ ?e sockg:locatorPage ?page }} OPTIONAL {{ ?e sockg:locatorParagraph ?para }}
          OPTIONAL {{ ?e sockg:locatorItem ?item }}
        }}"""
    import pyoxigraph as ox

    out = []
    for row in store.query(query):
        def v(name):
            t = row[name]
            return None if t is None else t.value

        o = row["o"]
        is_iri = isinstance(o, ox.NamedNode)
        out.append(Statement(v("c"), v("s"), v("p"), o.value if is_iri else term_value(o), is_iri, v("e"),
                             v("id"), v("pub"), v("note"), v("part"), v("heading"), v("page"), v("para"),
                             v("item")))
    out.sort(key=lambda s: (s.publication, s.claim, s.citation))
    return out


def load_texts(cache) -> dict[str, list[FetchedDoc]]:
    """The cache's trusted texts by publication id, ready for :func:`verify`."""
    out: dict[str, list[FetchedDoc]] = defaultdict(list)
    for entry in cache.entries():
        meta = entry.meta()
        out[entry.doc.publication].append(FetchedDoc.make(entry.doc.publication, entry.folder.name,
                                                          meta.get("url", ""), entry.doc.kind, entry.text(),
                                                          meta.get("text_sha256", ""), meta.get("pages") or ()))
    for docs in out.values():
        docs.sort(key=lambda d: (d.kind != "landing", d.key))
    return dict(out)


def _own_iris(store) -> dict[str, set[str]]:
    """Each publication's IRI -> the IRIs that stand for the publication itself (it, and its series)."""
    own: dict[str, set[str]] = defaultdict(set)
    for row in store.query("""PREFIX sockg: <https://w3id.org/sockg/def#>
            SELECT ?p ?s WHERE { ?p a sockg:Publication . OPTIONAL { ?p sockg:inSeries ?s } }"""):
        p = row["p"].value
        own[p].add(p)
        if row["s"] is not None:
            own[p].add(row["s"].value)
    return own


def verify(store, texts: dict[str, list[FetchedDoc]], statements: list[Statement] | None = None,
           names=None) -> list[Result]:
    """Verify every cited statement of ``store`` (or ``statements``) against ``texts``."""
    from ..names import NameIndex

    names = names if names is not None else NameIndex.from_store(store, kinds=("pref", "alt", "label"))
    statements = statements if statements is not None else read_statements(store)
    checker = _Verifier(names, texts, _own_iris(store))
    return [checker.check(s) for s in statements]


def summarise(results: list[Result]) -> dict:
    """Counts per publication and outcome, and every failure with its reason."""
    per: dict[str, dict[str, int]] = {}
    for r in results:
        counts = per.setdefault(r.statement.publication, {o: 0 for o in OUTCOMES})
        counts[r.outcome] += 1
    total = {o: sum(c[o] for c in per.values()) for o in OUTCOMES}
    failures = [r.as_dict() for r in results if r.outcome != VERIFIED]
    copied = [r.as_dict() for r in results if r.note_copied]
    return {"statements": len(results), "total": total, "publications": per, "failures": failures,
            "notes_copied": copied}


def as_seed(fd: FetchedDoc):
    """A fetched text in the shape the evidence writer and ingest take (:class:`~sockg.sources.seed.LoadedSeed`)."""
    from pathlib import Path

    from ..sources.seed import LoadedSeed

    return LoadedSeed(doc=fd.doc, sidecar=None, path=Path(f"{fd.id}.txt"), sha256=fd.text_sha256)


def add_fetched_document(writer, fd: FetchedDoc, publication_iri: str):
    """Write a fetched text as a source document (once): its sections and blocks, its address, and the
    publication it is the text of. Returns the document's IRI."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF

    from ..evidence.write import document_iri
    from ..namespaces import SOCKG

    g = writer.graph
    d = document_iri(fd.id)
    if (d, RDF.type, SOCKG.SourceDocument) not in g:
        writer.add_document(as_seed(fd))
        g.add((d, DCTERMS.source, URIRef(fd.url)))
        g.add((d, SOCKG.sourceKind, Literal("fetched publication")))
        g.add((d, SOCKG.textOf, URIRef(publication_iri)))
    return d


def add_verified(writer, results: list[Result], texts: dict[str, list[FetchedDoc]]) -> int:
    """Write each verified statement's sentence beside its citation: the fetched text as a source document (its
    address, and the publication it is the text of), the sentence as located evidence of the claim
    (``sockg:verifies`` the citation). Returns how many were written."""
    from rdflib import URIRef
    from rdflib.namespace import PROV

    from ..evidence.model import QUOTED
    from ..namespaces import SOCKG

    g = writer.graph
    by_id = {(fd.publication, fd.key): fd for docs in texts.values() for fd in docs}
    n = 0
    for r in results:
        if r.outcome != VERIFIED:
            continue
        fd = by_id[(r.statement.publication, r.document)]
        add_fetched_document(writer, fd, r.statement.publication_iri)
        node = writer.text_evidence(as_seed(fd), r.start, r.end, QUOTED)
        g.add((node, SOCKG.verifies, URIRef(r.statement.citation)))
        g.add((URIRef(r.statement.claim), PROV.wasDerivedFrom, node))
        n += 1
    return n
