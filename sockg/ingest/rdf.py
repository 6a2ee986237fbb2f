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
from curated ones. :func:`add_extracted` is the hook :mod:`sockg.assemble`
calls during ``sockg build``: every seed that no curated statement quotes
is ingested against the names already in the graph.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ..namespaces import ID, SOCKG
from ..text import slugify

__all__ = ["add_report", "add_extracted", "report_graph", "curated_documents", "figure_iri"]

LANG = "en"


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


def add_report(em, seed, report, where: str) -> int:
    """Add the claims of ``report`` (about ``seed``, a loaded seed) through the assembly's emitter.

    Returns the number of claims added.
    """
    from ..assemble import seed_iri

    g = em.g
    doc = seed.doc
    d = seed_iri(doc.id)
    made: dict[URIRef, Decimal] = {}

    def claim(s, p, o, evidence, confidence) -> None:
        c = em.claim(s, p, o, evidence, where, 0, method="extracted")
        made[c] = max(made.get(c, Decimal(0)), Decimal(str(confidence)))

    by_entity: dict[str, list] = {}
    for m in report.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    for iri in sorted(by_entity):
        ms = by_entity[iri]
        claim(URIRef(iri), SOCKG.mentionedIn, d, [em.evidence_node(seed, m.start, m.end) for m in ms],
              max(m.confidence for m in ms))
    for r in report.references:
        if r["entity"]:
            claim(d, DCTERMS.references, URIRef(r["entity"]), [em.evidence_node(seed, r["start"], r["end"])], 0.9)
    title = report.document.get("title") or doc.id
    for f in report.figures:
        fig = figure_iri(doc.id, f)
        ev = [em.evidence_node(seed, f.start, f.end)]
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


def curated_documents(curation) -> set[str]:
    """Ids of the seeds that curated statements quote: these are read by people, not extracted."""
    docs: set[str] = set()
    for spec in curation.entities.values():
        for e in spec.evidence + spec.mentions + ([spec.definition] if spec.definition else []):
            docs.add(e.doc)
    for st in curation.statements:
        docs.update(e.doc for e in st.evidence)
    return docs


def add_extracted(em, seeds) -> list[str]:
    """The build's ingest hook: extract every seed no curated statement quotes; return their ids."""
    from .gazetteer import Gazetteer
    from .report import ingest_document

    curated = curated_documents(em.curation)
    todo = [s for s in seeds if s.doc.id not in curated]
    if not todo:
        return []
    gazetteer = Gazetteer.from_graph(em.g)
    for seed in sorted(todo, key=lambda s: s.doc.id):
        sc = seed.sidecar
        report = ingest_document(seed.doc, gazetteer, title=sc.title if sc else None,
                                 year=sc.issued if sc else None, sha256=seed.sha256)
        add_report(em, seed, report, seed.path.name)
    return [s.doc.id for s in todo]


def report_graph(report, path: Path | str | None = None) -> Graph:
    """A graph of one report on its own: the source document's structure and the extracted claims."""
    import hashlib

    from .. import curation as cur
    from ..assemble import LoadedSeed, _add_sources, _Emitter
    from ..namespaces import bind_prefixes

    doc = report.doc
    p = Path(path or doc.path or f"{doc.id}.txt")
    sha = report.document.get("sha256") or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    seed = LoadedSeed(doc=doc, sidecar=None, path=p, sha256=sha)
    g = Graph()
    bind_prefixes(g)
    _add_sources(g, [seed])
    d = URIRef(f"{ID}seed/{doc.id}")
    if report.document.get("title"):
        g.set((d, DCTERMS.title, Literal(report.document["title"], lang=LANG)))
        g.set((d, RDFS.label, Literal(report.document["title"], lang=LANG)))
    em = _Emitter(g, [seed], cur.Curation(), p.parent)
    add_report(em, seed, report, p.name)
    em.flush_claims()
    return g
