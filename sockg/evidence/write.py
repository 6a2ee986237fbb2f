"""Write the evidence model into an rdflib graph: source documents, evidence records and claims.

:class:`GraphWriter` is the one writer of the model (see
:mod:`sockg.evidence.model`). The build's assembly writes curated claims
through it, ingest writes extracted ones, and both get the same IRIs for the
same things:

* a document ``id:seed/DOC`` and its sections and blocks ``id:seed/DOC/KEY``;
* an evidence record ``id:evidence/HASH`` per located span (document, start, end), or per
  citation (publication, locator, note);
* a claim ``id:claim/HASH`` per triple (the same triple always has the same claim).

Claims are collected while the graph is assembled and written by
:meth:`GraphWriter.flush`, so a triple stated in several places gets one claim
with every place (``sockg:curatedAt``), every note and all the evidence.

Examples
--------
>>> from rdflib import Graph, URIRef
>>> from sockg.sources import parse_text
>>> from sockg.sources.seed import LoadedSeed
>>> seed = LoadedSeed(parse_text("12. The NCA leads.\\n", "d"), None, __import__("pathlib").Path("d.txt"), "0" * 64)
>>> w = GraphWriter(Graph())
>>> _ = w.add_document(seed)
>>> i = seed.doc.text.index("NCA")
>>> ev = w.text_evidence(seed, i, i + 3)
>>> c = w.claim(URIRef("http://x/nca"), URIRef("http://x/leads"), URIRef("http://x/it"), [ev], site="a.yaml:3")
>>> w.flush()
>>> len(w.claims), str(w.graph.value(URIRef(f"{ev}/quote"), OA.exact))
(1, 'NCA')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..namespaces import ID, OA, SOCKG
from .model import BOOKKEEPING, CITED, CONTEXT, LANG, QUOTED

__all__ = ["GraphWriter", "claim_iri", "evidence_iri", "document_iri", "part_iri"]


def claim_iri(s, p, o) -> URIRef:
    """Stable IRI of the claim reifying ``(s, p, o)`` (rdflib terms)."""
    key = " ".join(term.n3() for term in (s, p, o))
    return ID[f"claim/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


def evidence_iri(doc_iri: URIRef, start: int, end: int) -> URIRef:
    """Stable IRI of the evidence record of the span ``[start, end)`` of a document."""
    key = f"{doc_iri} {start} {end}"
    return ID[f"evidence/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


def document_iri(doc_id: str) -> URIRef:
    """IRI of a source document read from ``seeds/`` (or ingested), by its id."""
    return ID[f"seed/{doc_id}"]


def part_iri(doc_id: str, key: str) -> URIRef:
    """IRI of a section or block of a source document."""
    return ID[f"seed/{doc_id}/{key}"]


def _nonneg(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


@dataclass
class _Pending:
    triple: tuple
    method: str
    sites: set = field(default_factory=set)
    notes: set = field(default_factory=set)
    evidence: set = field(default_factory=set)
    readings: set = field(default_factory=set)
    stated: bool = False   # some place gives it as stated by its evidence (then it is no reading)


class GraphWriter:
    """Writes documents, evidence records and claims into ``graph``."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.claims: dict[URIRef, _Pending] = {}
        self.evidence_nodes: set[URIRef] = set()
        #: the evidence records that are citations (no text of a seed)
        self.cited_nodes: set[URIRef] = set()

    # ---------------------------------------------------------------- documents
    def add_document(self, seed) -> URIRef:
        """Write a source document (a :class:`~sockg.sources.seed.LoadedSeed`): its metadata, sections and
        blocks with their offsets. Returns the document's IRI."""
        g, doc = self.graph, seed.doc
        d = document_iri(doc.id)
        g.add((d, RDF.type, SOCKG.SourceDocument))
        if doc.shape == "search-results":
            g.add((d, RDF.type, SOCKG.SearchResultsPage))
        g.add((d, DCTERMS.title, Literal(seed.title, lang=LANG)))
        g.add((d, RDFS.label, Literal(seed.title, lang=LANG)))
        g.add((d, DCTERMS.identifier, Literal(doc.id)))
        g.add((d, SOCKG.fileName, Literal(seed.path.name)))
        g.add((d, SOCKG.sha256, Literal(seed.sha256)))
        g.add((d, SOCKG.encoding, Literal(doc.encoding)))
        g.add((d, SOCKG.documentShape, Literal(doc.shape)))
        g.add((d, DCTERMS["format"], Literal(doc.media_type)))
        if doc.media_type == "text/html":  # offsets index the text extracted from the page
            g.add((d, SOCKG.textExtraction, Literal("html-to-text")))
        if seed.sidecar:
            self._add_sidecar(d, seed.sidecar)
        for sec in doc.sections:
            self._add_section(doc, d, sec)
        for b in doc.blocks:
            self._add_block(doc, d, b)
        return d

    def _add_sidecar(self, d: URIRef, sc) -> None:
        g = self.graph
        g.add((d, SOCKG.sourceKind, Literal(sc.kind)))
        g.add((d, SOCKG.retrieved, Literal(sc.retrieved.isoformat(), datatype=XSD.date)))
        g.add((d, DCTERMS.license, URIRef(sc.licence_url) if sc.licence_url else Literal(sc.licence)))
        g.add((d, SOCKG.licence, Literal(sc.licence)))
        for attr, pred in (("source_url", DCTERMS.source), ("publisher", SOCKG.publisherName),
                           ("language", DCTERMS.language), ("notes", DCTERMS.description)):
            val = getattr(sc, attr)
            if val:
                g.add((d, pred, URIRef(val) if attr == "source_url" else Literal(val)))
        if sc.issued:
            g.add((d, SOCKG.issuedYear, Literal(f"{int(sc.issued):04d}", datatype=XSD.gYear)))

    def _add_section(self, doc, d: URIRef, sec) -> None:
        g = self.graph
        si = part_iri(doc.id, sec.key)
        g.add((si, RDF.type, SOCKG.SearchResult if sec.kind == "result" else SOCKG.Section))
        g.add((si, DCTERMS.isPartOf, d))
        g.add((si, SOCKG.key, Literal(sec.key)))
        if sec.kind == "result":
            nth = "" if sec.list_index == 1 else f" of list {sec.list_index}"
            label = f"Search result {sec.number}{nth} ({doc.id})"
        else:
            label = sec.title or sec.key
        g.add((si, RDFS.label, Literal(label)))
        g.add((si, SOCKG.start, _nonneg(sec.start)))
        g.add((si, SOCKG.end, _nonneg(sec.end)))
        if sec.number is not None and sec.kind == "result":
            g.add((si, SOCKG.resultNumber, Literal(sec.number)))
        if sec.date:
            g.add((si, SOCKG.resultDate, Literal(sec.date.isoformat(), datatype=XSD.date)))

    def _add_block(self, doc, d: URIRef, b) -> None:
        g = self.graph
        bi = part_iri(doc.id, b.key)
        g.add((bi, RDF.type, SOCKG.Block))
        g.add((bi, SOCKG.key, Literal(b.key)))
        g.add((bi, SOCKG.blockKind, Literal(b.kind)))
        g.add((bi, RDFS.label, Literal(f"{doc.id}, {b.label}")))
        parent = b.parent or (b.section if b.section and b.section != "page" else None)
        g.add((bi, DCTERMS.isPartOf, part_iri(doc.id, parent) if parent else d))
        if b.number and b.kind in ("para", "item"):
            g.add((bi, SOCKG.paragraphNumber, Literal(b.number)))
        g.add((bi, SOCKG.start, _nonneg(b.start)))
        g.add((bi, SOCKG.end, _nonneg(b.end)))
        g.add((bi, SOCKG.text, Literal(doc.text[b.start:b.end])))
        if b.truncated:
            g.add((bi, SOCKG.truncated, Literal(True)))
        if b.run_on:
            g.add((bi, SOCKG.runOn, Literal(True)))
        if b.figure:
            g.add((bi, SOCKG.inFigure, Literal(b.figure)))
        for fn in b.footnotes:
            g.add((bi, SOCKG.footnote, Literal(fn.number)))

    # ---------------------------------------------------------------- evidence
    def text_evidence(self, seed, start: int, end: int, kind: str = QUOTED) -> URIRef:
        """The evidence record of the span ``[start, end)`` of a seed's text (written once per span):
        the exact text with some context, its offsets, its paragraph and block, its whole sentence, and its
        kind (``quoted`` by a person, ``extracted`` by ingest: a seed is read one way or the other).
        """
        doc = seed.doc
        d_iri = document_iri(doc.id)
        node = evidence_iri(d_iri, start, end)
        if node in self.evidence_nodes:
            return node
        self.evidence_nodes.add(node)
        g = self.graph
        block = doc.innermost(start, end)
        quote, pos = URIRef(f"{node}/quote"), URIRef(f"{node}/position")
        g.add((node, RDF.type, SOCKG.Evidence))
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, OA.hasSource, d_iri))
        g.add((node, SOCKG.evidenceKind, Literal(kind)))
        g.add((node, OA.hasSelector, quote))
        g.add((node, OA.hasSelector, pos))
        g.add((node, SOCKG.paragraph, Literal(block.label if block else "document")))
        sa, sb = doc.sentence_span(start, end)
        g.add((node, SOCKG.sentence, Literal(doc.text[sa:sb])))
        if block:
            g.add((node, SOCKG.inBlock, part_iri(doc.id, block.key)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(doc.text[start:end])))
        g.add((quote, OA.prefix, Literal(doc.text[max(0, start - CONTEXT):start])))
        g.add((quote, OA.suffix, Literal(doc.text[end:end + CONTEXT])))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, _nonneg(start)))
        g.add((pos, OA.end, _nonneg(end)))
        return node

    def cited_evidence(self, publication: URIRef, locator, note: str) -> URIRef:
        """The evidence record of a citation (written once per publication, locator and note): the
        publication it names (``oa:hasSource``), where in it (``sockg:locator`` as shown, and each part of
        the locator), and what that place establishes in sockg's own words (``sockg:citationNote``). No text
        of the publication is stored; ``sockg verify`` checks the citation against the official text."""
        shown = locator.display()
        key = f"cited {publication} {shown} {note}"
        node = ID[f"evidence/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]
        if node in self.evidence_nodes:
            return node
        self.evidence_nodes.add(node)
        self.cited_nodes.add(node)
        g = self.graph
        for cls in (SOCKG.Evidence, SOCKG.Citation, OA.SpecificResource):
            g.add((node, RDF.type, cls))
        g.add((node, OA.hasSource, publication))
        g.add((node, SOCKG.evidenceKind, Literal(CITED)))
        g.add((node, SOCKG.paragraph, Literal(shown)))
        g.add((node, SOCKG.locator, Literal(shown)))
        g.add((node, SOCKG.citationNote, Literal(note, lang=LANG)))
        for part, pred in ((locator.part, SOCKG.locatorPart), (locator.page, SOCKG.locatorPage),
                           (locator.paragraph, SOCKG.locatorParagraph), (locator.item, SOCKG.locatorItem)):
            if part:
                g.add((node, pred, Literal(part)))
        if locator.heading:
            g.add((node, SOCKG.locatorHeading, Literal(" › ".join(locator.heading))))
        return node

    def quote_of(self, node: URIRef) -> str:
        """The exact text of an evidence record written by :meth:`text_evidence`."""
        return str(self.graph.value(URIRef(f"{node}/quote"), OA.exact))

    # ---------------------------------------------------------------- claims
    def claim(self, s, p, o, evidence, *, site: str | None = None, note: str | None = None,
              reading: str | None = None, method: str = "curated") -> URIRef:
        """State ``s p o`` now and collect its claim (written by :meth:`flush`); ``None`` evidence is skipped
        (a quote that could not be located is reported elsewhere).

        ``reading`` says why the claim is a reading of its evidence rather than stated by it; a claim that
        some place gives without a reading is stated (and is checked as such).
        """
        self.graph.add((s, p, o))
        c = claim_iri(s, p, o)
        pending = self.claims.get(c)
        if pending is None:
            pending = self.claims[c] = _Pending((s, p, o), method)
        pending.method = method
        if site:
            pending.sites.add(site)
        if note:
            pending.notes.add(note)
        if reading:
            pending.readings.add(reading)
        else:
            pending.stated = True
        pending.evidence.update(e for e in evidence if e is not None)
        return c

    def coreference(self, part: URIRef, words, means: URIRef, reading: str) -> URIRef:
        """Declare that within ``part`` (a document, section or block) the ``words`` stand for ``means``."""
        g = self.graph
        key = f"{part} {means} " + "|".join(sorted(words))
        node = ID[f"coreference/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]
        g.add((node, RDF.type, SOCKG.Coreference))
        g.add((node, SOCKG.inPart, part))
        g.add((node, SOCKG.refersTo, means))
        for w in words:
            g.add((node, SOCKG.words, Literal(w)))
        g.add((node, SOCKG.reading, Literal(reading, lang=LANG)))
        return node

    def flush(self) -> None:
        """Write every collected claim: its triple, method, places, notes and evidence."""
        g = self.graph
        for c, info in self.claims.items():
            s, p, o = info.triple
            g.add((c, RDF.type, SOCKG.Claim))
            g.add((c, RDF.subject, s))
            g.add((c, RDF.predicate, p))
            g.add((c, RDF.object, o))
            g.add((c, SOCKG.method, Literal(info.method)))
            for site in info.sites if info.method == "curated" else ():
                g.add((c, SOCKG.curatedAt, Literal(site)))
            for note in info.notes:
                g.add((c, RDFS.comment, Literal(note, lang=LANG)))
            if info.readings and not info.stated:
                g.add((c, SOCKG.reading, Literal(" ".join(sorted(info.readings)), lang=LANG)))
            for e in info.evidence:
                g.add((c, PROV.wasDerivedFrom, e))

    def unclaimed(self, individuals) -> list[str]:
        """Triples about ``individuals`` (IRIs) that state something with no collected claim behind them."""
        bookkeeping = {URIRef(p) for p in BOOKKEEPING}
        return [f"{s} {p} {o}" for s, p, o in self.graph
                if s in individuals and p not in bookkeeping and claim_iri(s, p, o) not in self.claims]
