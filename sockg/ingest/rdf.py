"""Turn ingest reports into evidenced graph data, marked as extracted.

What a report asserts (candidates are never asserted):

* ``<entity> sockg:mentionedIn <document>``, one claim per entity whose
  evidence lists every place it is named;
* ``<document> dcterms:references <strategy>`` for each linked reference;
* for each figure, a new ``sockg:Figure`` with ``sockg:value``
  (``xsd:decimal``), ``sockg:unit``, ``sockg:measure`` (the sentence that
  states it), and where known ``sockg:qualifier``, ``sockg:direction``,
  ``sockg:year``, ``sockg:period`` and at most one ``sockg:about``.

Every claim carries ``sockg:method "extracted"`` and a ``sockg:confidence``
(for mentions, the highest of its places), so extracted facts are told apart
from curated ones. :func:`add_extracted` is what the build calls for every seed
that no curated statement quotes, with a gazetteer of the names already in
the graph; this module writes through :mod:`sockg.evidence` and imports
neither the build nor the built graph.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ..evidence.model import EXTRACTED, LANG
from ..evidence.write import document_iri
from ..namespaces import ID, SOCKG
from ..text import slugify

__all__ = ["add_report", "add_extracted", "report_graph", "figure_iri"]


def _decimal(value) -> Literal:
    d = Decimal(str(value))
    return Literal(format(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize(), "f"),
                   datatype=XSD.decimal)


def figure_iri(doc_id: str, fig) -> URIRef:
    """A readable, stable IRI for an extracted figure: document, unit, value and offset.

    >>> from decimal import Decimal
    >>> from types import SimpleNamespace
    >>> str(figure_iri("plan-2025", SimpleNamespace(unit="GBP", value=Decimal("37000000000"), start=120)))
    'https://w3id.org/sockg/id/figure/plan-2025/gbp-37000000000-at-120'
    """
    value = format(Decimal(str(fig.value)).normalize(), "f").replace(".", "-")
    return ID[f"figure/{doc_id}/{slugify(fig.unit)}-{value}-at-{fig.start}"]


def add_report(writer, seed, report, where: str) -> int:
    """Add the claims of ``report`` (about ``seed``, a :class:`~sockg.sources.seed.LoadedSeed`) through ``writer``
    (a :class:`~sockg.evidence.write.GraphWriter`). Returns the number of claims added."""
    g = writer.graph
    doc = seed.doc
    d = document_iri(doc.id)
    made: dict[URIRef, Decimal] = {}

    def claim(s, p, o, evidence, confidence) -> None:
        c = writer.claim(s, p, o, evidence, method="extracted")
        made[c] = max(made.get(c, Decimal(0)), Decimal(str(confidence)))

    def at(start: int, end: int) -> URIRef:
        return writer.text_evidence(seed, start, end, EXTRACTED)

    by_entity: dict[str, list] = {}
    for m in report.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    for iri in sorted(by_entity):
        ms = by_entity[iri]
        claim(URIRef(iri), SOCKG.mentionedIn, d, [at(m.start, m.end) for m in ms], max(m.confidence for m in ms))
    for r in report.references:
        if r["entity"]:
            claim(d, DCTERMS.references, URIRef(r["entity"]), [at(r["start"], r["end"])], 0.9)
    title = report.document.get("title") or doc.id
    for f in report.figures:
        fig = figure_iri(doc.id, f)
        ev = [at(f.start, f.end)]
        label = f"{' '.join(f.text.split())} ({title}, {f.paragraph})"
        g.add((fig, RDF.type, SOCKG.Figure))
        g.add((fig, SKOS.prefLabel, Literal(label, lang=LANG)))
        g.add((fig, RDFS.label, Literal(label, lang=LANG)))
        conf = 0.8
        claim(fig, SOCKG.value, _decimal(f.value), ev, conf)
        claim(fig, SOCKG.unit, Literal(f.unit), ev, conf)
        claim(fig, SOCKG.measure, Literal(f.measure or " ".join(f.text.split())), ev, conf)
        claim(fig, SOCKG.mentionedIn, d, ev, conf)
        if f.qualifier:
            claim(fig, SOCKG.qualifier, Literal(f.qualifier), ev, conf)
        if f.direction:
            claim(fig, SOCKG.direction, Literal(f.direction), ev, conf)
        if f.period:
            claim(fig, SOCKG.period, Literal(f.period), ev, conf)
        if f.year:
            claim(fig, SOCKG.year, Literal(f"{f.year:04d}", datatype=XSD.gYear), ev, conf)
        if f.about:
            claim(fig, SOCKG.about, URIRef(f.about), ev, 0.6)
    for c, confidence in made.items():
        g.set((c, SOCKG.confidence, _decimal(confidence)))
    return len(made)


def add_extracted(writer, seeds, gazetteer) -> None:
    """Ingest each of ``seeds`` against ``gazetteer`` and add what it finds through ``writer``, as extracted
    claims (the build calls this for the seeds no curated statement quotes)."""
    from .report import ingest_document

    for seed in sorted(seeds, key=lambda s: s.doc.id):
        sc = seed.sidecar
        report = ingest_document(seed.doc, gazetteer, title=sc.title if sc else None,
                                 year=sc.issued if sc else None, sha256=seed.sha256)
        add_report(writer, seed, report, seed.path.name)


def report_graph(report, path: Path | str | None = None) -> Graph:
    """A graph of one report on its own: the source document's structure and the extracted claims."""
    import hashlib

    from ..evidence.write import GraphWriter
    from ..namespaces import bind_prefixes
    from ..sources.seed import LoadedSeed

    doc = report.doc
    p = Path(path or doc.path or f"{doc.id}.txt")
    sha = report.document.get("sha256") or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    seed = LoadedSeed(doc=doc, sidecar=None, path=p, sha256=sha)
    g = Graph()
    bind_prefixes(g)
    writer = GraphWriter(g)
    d = writer.add_document(seed)
    if report.document.get("title"):
        g.set((d, DCTERMS.title, Literal(report.document["title"], lang=LANG)))
        g.set((d, RDFS.label, Literal(report.document["title"], lang=LANG)))
    add_report(writer, seed, report, p.name)
    writer.flush()
    return g
