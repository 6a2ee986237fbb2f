"""Read the evidence model back from an Oxigraph store: claims, and the evidence behind each.

Every reader of evidence (``sockg entity``, the site's entity pages, the
networkx conversion behind analyses and views, the validation that every
statement has a claim) reads through :class:`ClaimReader`, so a new kind of
evidence is taught here once.

Two ways in, one way of building records:

* :meth:`ClaimReader.about` and :meth:`ClaimReader.of_triple` look up the
  claims of one entity or one triple through the store's indexes (nothing is
  pasted into query text);
* :meth:`ClaimReader.all` reads every claim, scanning each predicate of the
  model once (fast on millions of triples).

Records are :class:`EvidenceRecord` and :class:`ClaimRecord`; their
``as_dict()`` is what JSON output and templates use.

Examples
--------
>>> import pyoxigraph as ox
>>> from sockg.evidence.model import P, C
>>> N, L = ox.NamedNode, ox.Literal
>>> st = ox.Store()
>>> for s, p, o in [("x:c", P.type, N(C.claim)), ("x:c", P.subject, N("x:a")), ("x:c", P.predicate, N("x:p")),
...                 ("x:c", P.object, N("x:b")), ("x:c", P.method, L("curated")), ("x:c", P.derived_from, N("x:e")),
...                 ("x:e", P.has_selector, N("x:q")), ("x:q", P.exact, L("a p b")), ("x:e", P.paragraph, L("paragraph 3"))]:
...     st.add(ox.Quad(N(s), N(p), o if not isinstance(o, str) else N(o)))
>>> [c] = ClaimReader(st).about("x:a")
>>> c.predicate, c.object, [(e.kind, e.quote, e.paragraph) for e in c.evidence]
('x:p', 'x:b', [('quoted', 'a p b', 'paragraph 3')])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..terms import term_value
from .model import BOOKKEEPING, CITED, ID_BASE, NOT_INDIVIDUALS, C, P, kind_of_method

__all__ = ["EvidenceRecord", "ClaimRecord", "ClaimReader", "unclaimed_statements"]


@dataclass(slots=True)
class EvidenceRecord:
    """One piece of evidence as readers show it.

    ``kind`` is ``quoted``, ``extracted`` or ``cited``. Text evidence has
    ``document`` (the document's identifier), ``paragraph`` (the label of the
    place), ``quote``, ``sentence``, ``start``, ``end`` and ``block``. A
    citation has ``document`` (the publication's catalogue id),
    ``publication`` (its label), ``url`` (its official address), ``locator``
    (also in ``paragraph``) and ``note`` (what that place establishes).
    """

    kind: str
    document: str | None = None
    paragraph: str | None = None
    quote: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    block: str | None = None
    note: str | None = None
    locator: str | None = None
    publication: str | None = None
    url: str | None = None
    #: the citation this quote verifies (a sentence found in a fetched text, see :mod:`sockg.fetch.verify`)
    verifies: str | None = None
    iri: str | None = field(default=None, compare=False)

    #: The fields :meth:`as_dict` gives by default.
    FIELDS = ("kind", "quote", "sentence", "paragraph", "document", "start", "end", "block", "note", "locator",
              "publication", "url", "verifies")

    def as_dict(self, *fields: str) -> dict:
        """The record as a dict (only ``fields``, when given, in that order)."""
        return {k: getattr(self, k) for k in fields or self.FIELDS}

    def where(self) -> str:
        """Where the evidence is, in a few words: ``paragraph 12 (soc-2018-search-results)`` or
        ``Serious Violence Strategy 2018, Chapter 3 ..., p. 47``."""
        if self.kind == "cited":
            return ", ".join(x for x in (self.publication or self.document, self.locator) if x)
        return f"{self.paragraph or '?'} ({self.document})" if self.document else (self.paragraph or "?")

    def sort_key(self) -> tuple:
        return (str(self.document), self.start if self.start is not None else -1, self.quote or "")


@dataclass(slots=True)
class ClaimRecord:
    """A claim: its triple (``object`` as a Python value; ``object_is_iri`` tells which), how it was made,
    its notes and its evidence (sorted by document and offset)."""

    iri: str
    subject: str
    predicate: str
    object: object
    object_is_iri: bool
    method: str | None
    notes: list[str]
    evidence: list[EvidenceRecord]
    object_term: object = field(default=None, compare=False, repr=False)
    #: why the claim is a reading of its evidence (``None``: stated by it)
    reading: str | None = None
    #: where it was curated (``file:line``), for curated claims
    sites: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        """The claim's note (several are joined)."""
        return " ".join(self.notes) if self.notes else None

    @property
    def kinds(self) -> list[str]:
        """The kinds of its evidence, each once."""
        return sorted({e.kind for e in self.evidence})

    @property
    def key(self) -> tuple[str, str, str]:
        """``(subject, predicate, str(object))``: how views and pages look a claim up."""
        return (self.subject, self.predicate, str(self.object))


class ClaimReader:
    """Claims and evidence in a pyoxigraph store (see the module documentation)."""

    #: The model's predicates a record is made from; the first three may repeat on a node.
    MULTI = (P.comment, P.derived_from, P.has_selector, P.curated_at)
    SINGLE = (P.subject, P.predicate, P.object, P.method, P.has_source, P.exact, P.start, P.end, P.paragraph,
              P.sentence, P.in_block, P.identifier, P.evidence_kind, P.reading, P.locator, P.citation_note,
              P.label, P.landing_page, P.html_version, P.pdf_version, P.verifies)
    #: Predicates the model shares with entities (notes, identifiers, labels, addresses): :meth:`passing` files
    #: them and yields them.
    SHARED = frozenset({P.comment, P.identifier, P.label, P.landing_page, P.html_version, P.pdf_version})

    def __init__(self, store):
        import pyoxigraph as ox

        self._ox = ox
        self.store = store
        self._index: dict[str, dict] | None = None   # filled by passing() or a scan, for all()

    # ---------------------------------------------------------------- filing quads
    def _new_index(self) -> dict[str, dict]:
        return {p: {} for p in self.MULTI + self.SINGLE}

    def _filed(self, quads, index: dict[str, dict]):
        """File the model's quads into ``index``; yield the others (and the shared ones)."""
        multi, shared, get = set(self.MULTI), self.SHARED, index.get
        for q in quads:
            p = q.predicate.value
            table = get(p)
            if table is None:
                yield q
                continue
            if p in multi:
                table.setdefault(q.subject.value, []).append(q.object)
            else:
                table.setdefault(q.subject.value, q.object)
            if p in shared:
                yield q

    def passing(self, quads):
        """File the evidence model's quads from ``quads`` for :meth:`all`, and yield every other quad.

        A caller that walks every quad anyway (the networkx conversion) walks
        them through this, and :meth:`all` then reads no quad twice. Notes and
        identifiers, which entities have too, are filed and yielded.
        """
        self._index = self._new_index()
        yield from self._filed(quads, self._index)

    def _node_quads(self, nodes):
        ox = self._ox
        for n in nodes:
            yield from self.store.quads_for_pattern(ox.NamedNode(n), None, None, None)

    def _index_of(self, claim_nodes: list[str]) -> dict[str, dict]:
        """An index of just what these claims need: their own quads, their evidence's, selectors' and sources'."""
        index = self._new_index()
        for _ in self._filed(self._node_quads(claim_nodes), index):
            pass
        evidence = sorted({e.value for es in index[P.derived_from].values() for e in es})
        for _ in self._filed(self._node_quads(evidence), index):
            pass
        parts = sorted({s.value for ss in index[P.has_selector].values() for s in ss}
                       | {d.value for d in index[P.has_source].values()})
        for _ in self._filed(self._node_quads(parts), index):
            pass
        return index

    def _claim_nodes(self, role: str | None = None, value: str | None = None) -> list[str]:
        ox = self._ox
        if role is None:
            nodes = self.store.quads_for_pattern(None, ox.NamedNode(P.type), ox.NamedNode(C.claim), None)
        else:
            nodes = self.store.quads_for_pattern(None, ox.NamedNode(role), ox.NamedNode(value), None)
        return sorted({q.subject.value for q in nodes if isinstance(q.subject, ox.NamedNode)})

    # ---------------------------------------------------------------- records
    def _records(self, index: dict[str, dict], claim_nodes: list[str]) -> list[ClaimRecord]:
        """Claim records for ``claim_nodes`` from ``index`` (the one place records are made)."""
        NamedNode = self._ox.NamedNode
        subj, pred, obj, meth = (index[p] for p in (P.subject, P.predicate, P.object, P.method))
        notes_of, derived, sites_of, reading_of = (index[p] for p in (P.comment, P.derived_from, P.curated_at,
                                                                      P.reading))
        kind_of, paragraph, sentence, block = (index[p] for p in (P.evidence_kind, P.paragraph, P.sentence,
                                                                  P.in_block))
        source_of, selectors, ident = index[P.has_source], index[P.has_selector], index[P.identifier]
        exact_of, start_of, end_of = index[P.exact], index[P.start], index[P.end]
        locator_of, note_of, label_of, verifies_of = (index[p] for p in (P.locator, P.citation_note, P.label,
                                                                         P.verifies))
        urls_of = [index[p] for p in (P.landing_page, P.html_version, P.pdf_version)]
        made: dict[tuple[str, str | None], EvidenceRecord] = {}

        def value(table, node):
            found = table.get(node)
            return found.value if found is not None else None

        def evidence(node: str, method: str | None) -> EvidenceRecord:
            rec = made.get((node, method))
            if rec is not None:
                return rec
            rec = EvidenceRecord(kind=value(kind_of, node) or kind_of_method(method), paragraph=value(paragraph, node),
                                 sentence=value(sentence, node), block=value(block, node), iri=node,
                                 verifies=value(verifies_of, node))
            source = source_of.get(node)
            if source is not None:
                rec.document = value(ident, source.value) or source.value
                if rec.kind == CITED:
                    rec.locator, rec.note = value(locator_of, node), value(note_of, node)
                    rec.publication = value(label_of, source.value)
                    rec.url = next((u for u in (value(t, source.value) for t in urls_of) if u), None)
            for sel in selectors.get(node, ()):
                sv = sel.value
                quote, start, end = exact_of.get(sv), start_of.get(sv), end_of.get(sv)
                if quote is not None:
                    rec.quote = quote.value
                if start is not None:
                    rec.start = int(start.value)
                if end is not None:
                    rec.end = int(end.value)
            made[(node, method)] = rec
            return rec

        out = []
        for node in claim_nodes:
            s, p, o = subj.get(node), pred.get(node), obj.get(node)
            if s is None or p is None or o is None:
                continue
            method = value(meth, node)
            evs = [evidence(e.value, method) for e in derived.get(node, ())]
            if len(evs) > 1:
                evs.sort(key=EvidenceRecord.sort_key)
            notes = sorted(n.value for n in notes_of[node]) if node in notes_of else []
            sites = sorted(x.value for x in sites_of[node]) if node in sites_of else []
            is_iri = isinstance(o, NamedNode)
            out.append(ClaimRecord(node, s.value, p.value, o.value if is_iri else term_value(o), is_iri, method,
                                   notes, evs, o, value(reading_of, node), sites))
        return out

    def about(self, iri: str) -> list[ClaimRecord]:
        """The claims whose subject or object is ``iri``."""
        nodes = sorted(set(self._claim_nodes(P.subject, iri)) | set(self._claim_nodes(P.object, iri)))
        return self._records(self._index_of(nodes), nodes)

    def of_triple(self, subject: str, predicate: str, obj=None) -> list[ClaimRecord]:
        """The claims of ``subject predicate [obj]`` (``obj``: an IRI string or a pyoxigraph term)."""
        if isinstance(obj, str):
            obj = self._ox.NamedNode(obj)
        nodes = self._claim_nodes(P.subject, subject)
        return [c for c in self._records(self._index_of(nodes), nodes)
                if c.predicate == predicate and (obj is None or c.object_term == obj)]

    def all(self) -> list[ClaimRecord]:
        """Every claim in the store (the model's predicates are scanned once, unless :meth:`passing`
        has seen them already)."""
        if self._index is None:
            ox = self._ox
            quads = (q for p in self.MULTI + self.SINGLE for q in self.store.quads_for_pattern(None, ox.NamedNode(p), None))
            for _ in self.passing(quads):
                pass
        return self._records(self._index, self._claim_nodes())


def unclaimed_statements(store) -> list[tuple]:
    """Statements about the project's individuals that no evidenced claim reifies, as ``(s, p, o)`` terms.

    Bookkeeping (types, labels, comments, GOV.UK codes) needs no claim, and the
    model's own nodes (claims, evidence, documents, schemes) are not individuals.
    """
    import pyoxigraph as ox

    claimed = set()
    derived = ox.NamedNode(P.derived_from)
    subject, predicate, obj = (ox.NamedNode(x) for x in (P.subject, P.predicate, P.object))
    for c in {q.subject for q in store.quads_for_pattern(None, derived, None, None)}:
        parts = []
        for role in (subject, predicate, obj):
            found = next(iter(store.quads_for_pattern(c, role, None, None)), None)
            parts.append(found.object if found is not None else None)
        if None not in parts:
            claimed.add(tuple(parts))
    out = []
    for q in store.quads_for_pattern(None, None, None, None):
        s, p, o = q.subject, q.predicate, q.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(ID_BASE) or p.value in BOOKKEEPING:
            continue
        if s.value[len(ID_BASE):].startswith(NOT_INDIVIDUALS):
            continue
        if (s, p, o) not in claimed:
            out.append((s, p, o))
    return sorted(out, key=lambda t: tuple(str(x) for x in t))
