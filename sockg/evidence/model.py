"""The evidence model's vocabulary: what a claim and an evidence record are made of, as plain IRIs.

Every relation the graph states is a direct triple ``s p o`` plus a claim
(``sockg:Claim``, an ``rdf:Statement`` with ``rdf:subject``/``rdf:predicate``/
``rdf:object``) that points (``prov:wasDerivedFrom``) at one or more evidence
records. A claim says how it was made (``sockg:method``: ``curated`` by a
person, ``extracted`` by ingest) and may carry notes (``rdfs:comment``). A
claim is *stated* by its evidence, or it is a *reading* of it and says why
(``sockg:reading``).

An evidence record has a **kind**:

``quoted``
    a verbatim quote that a person located in a seed file: an
    ``oa:SpecificResource`` on the seed (``oa:hasSource``) with a
    ``oa:TextQuoteSelector`` (``oa:exact``, ``oa:prefix``, ``oa:suffix``), a
    ``oa:TextPositionSelector`` (``oa:start``, ``oa:end``), the paragraph
    label, the block and the whole sentence;
``extracted``
    the same shape, found by ingest (its claim's method is ``extracted``);
``cited``
    a ``sockg:Citation``: a publication from the catalogue (``oa:hasSource``,
    a ``sockg:Publication``) with a locator (``sockg:locator`` as shown, and
    its parts: ``sockg:locatorPart``, ``locatorHeading``, ``locatorPage``,
    ``locatorParagraph``, ``locatorItem``) and a note in sockg's own words
    (``sockg:citationNote``); no text of the publication. Its
    ``sockg:evidenceKind`` is ``cited``.

A publication's identifier (``dcterms:identifier``, its catalogue id) and its
addresses (``sockg:landingPage``, ``sockg:htmlVersion``, ``sockg:pdfVersion``)
are bookkeeping: they say where the publication is, not what it says.

This module imports only :mod:`sockg.namespaces`; :mod:`~sockg.evidence.write` writes the model
with rdflib and :mod:`~sockg.evidence.read` reads it back from Oxigraph.
"""

from __future__ import annotations

from ..namespaces import PREFIXES

__all__ = ["KINDS", "QUOTED", "EXTRACTED", "CITED", "METHODS", "kind_of_method", "P", "C", "BOOKKEEPING",
           "NOT_INDIVIDUALS", "CONTEXT", "LANG", "ID_BASE"]

QUOTED, EXTRACTED, CITED = "quoted", "extracted", "cited"
#: The kinds of evidence, in the order readers list them.
KINDS = (QUOTED, CITED, EXTRACTED)
#: How a claim was made (``sockg:method``), and the kind of the text evidence it points at.
METHODS = {"curated": QUOTED, "extracted": EXTRACTED}

ID_BASE = PREFIXES["id"]
_SOCKG, _RDF, _RDFS, _OA, _SKOS = (PREFIXES[p] for p in ("sockg", "rdf", "rdfs", "oa", "skos"))


class P:
    """The predicates of the evidence model, as IRI strings."""

    type = _RDF + "type"
    subject = _RDF + "subject"
    predicate = _RDF + "predicate"
    object = _RDF + "object"
    derived_from = PREFIXES["prov"] + "wasDerivedFrom"
    method = _SOCKG + "method"
    confidence = _SOCKG + "confidence"
    curated_at = _SOCKG + "curatedAt"
    comment = _RDFS + "comment"
    label = _RDFS + "label"
    has_source = _OA + "hasSource"
    has_selector = _OA + "hasSelector"
    exact = _OA + "exact"
    start = _OA + "start"
    end = _OA + "end"
    paragraph = _SOCKG + "paragraph"
    sentence = _SOCKG + "sentence"
    in_block = _SOCKG + "inBlock"
    identifier = PREFIXES["dcterms"] + "identifier"
    mentioned_in = _SOCKG + "mentionedIn"
    evidence_kind = _SOCKG + "evidenceKind"
    reading = _SOCKG + "reading"
    in_part = _SOCKG + "inPart"
    words = _SOCKG + "words"
    refers_to = _SOCKG + "refersTo"
    locator = _SOCKG + "locator"
    verifies = _SOCKG + "verifies"
    citation_note = _SOCKG + "citationNote"
    landing_page = _SOCKG + "landingPage"
    html_version = _SOCKG + "htmlVersion"
    pdf_version = _SOCKG + "pdfVersion"


class C:
    """The classes of the evidence model, as IRI strings."""

    claim = _SOCKG + "Claim"
    evidence = _SOCKG + "Evidence"
    source_document = _SOCKG + "SourceDocument"
    coreference = _SOCKG + "Coreference"
    citation = _SOCKG + "Citation"
    publication = _SOCKG + "Publication"


#: Predicates on an individual that name or type it rather than claim anything: no claim is needed.
BOOKKEEPING = frozenset({P.type, _SKOS + "prefLabel", _SKOS + "altLabel", P.label, P.comment,
                         _SOCKG + "govukCode", P.identifier, P.landing_page, P.html_version, P.pdf_version})
#: Parts of the ``id:`` namespace that hold the model's own nodes, not individuals.
NOT_INDIVIDUALS = ("claim/", "evidence/", "seed/", "scheme/", "coreference/")
#: Characters of prefix and suffix kept with each quote.
CONTEXT = 32
#: The language of labels and notes sockg writes.
LANG = "en"


def kind_of_method(method: str | None) -> str:
    """The kind of the text evidence behind a claim made by ``method``.

    >>> kind_of_method("curated"), kind_of_method("extracted")
    ('quoted', 'extracted')
    """
    return METHODS.get(method or "curated", QUOTED)
