"""RDF to networkx: entities as typed nodes, relations as edges that keep their evidence.

The result is a :class:`networkx.MultiDiGraph` (several relations between the
same pair all survive, keyed by predicate). Schema and bookkeeping triples do
not become nodes: types, labels, definitions and literal values are node
attributes; claims, evidence records, selectors, blocks and source documents
are folded into edge and node attributes (``evidence``, ``quote``,
``paragraph``, ``mentions``).

An evidence record is a dict with ``kind`` (``quoted``, ``extracted`` or
``cited``), ``quote``, ``paragraph``, ``document``, ``start``, ``end`` and
``block`` (the IRI of the source block that holds the quote) and, for a
citation, ``note``, ``locator``, ``publication`` and ``url``, read through
:class:`sockg.evidence.read.ClaimReader`. An edge also has ``kinds`` (the
kinds of its evidence) and ``reading`` (why the relation is a curator's
reading of its evidence, or ``None`` when the evidence states it). A node's
``mentions`` are the evidence of its ``sockg:mentionedIn`` claims, each also
carrying the claim's ``method`` (``curated`` or ``extracted``); the
co-mention projection groups them by document and block.

Examples
--------
>>> from rdflib import Graph
>>> g = Graph().parse(data='''
...   @prefix ex: <http://example.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   ex:a skos:prefLabel "A"@en ; ex:knows ex:b . ex:b skos:prefLabel "B"@en .''', format="turtle")
>>> G = to_networkx(g)
>>> sorted(G.nodes[n]["label"] for n in G), [d["predicate"] for _, _, d in G.edges(data=True)]
(['A', 'B'], ['<http://example.org/knows>'])
"""

from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..evidence.model import P
from ..evidence.read import ClaimReader
from ..namespaces import OA, SOCKG
from ..terms import curie, iri_tail, term_value, to_store

__all__ = ["to_networkx", "curie", "BOOKKEEPING_CLASSES", "CLASS_PRIORITY"]

BOOKKEEPING_CLASSES = frozenset(str(c) for c in (
    SOCKG.Claim, SOCKG.Evidence, OA.TextQuoteSelector, OA.TextPositionSelector, OA.SpecificResource,
    SOCKG.Block, SOCKG.SourceDocument, SOCKG.SearchResultsPage, SOCKG.Section, SOCKG.Coreference, OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology, RDF.Property, RDFS.Class, RDF.Statement,
    DCTERMS.LicenseDocument,   # a publication's licence is about the publication, not a relation between entities
))
#: Triples with these predicates become node attributes (or are dropped), never edges.
ATTRIBUTE_PREDICATES = frozenset(str(p) for p in (
    RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, RDFS.comment, SKOS.definition, RDFS.subClassOf,
    RDFS.subPropertyOf, RDFS.domain, RDFS.range, SKOS.notation,
))
#: The most specific class wins when a node has several; earlier is more specific.
CLASS_PRIORITY = [
    "sockg:Strategy", "sockg:Review", "sockg:Assessment", "sockg:Vision", "sockg:Briefing", "sockg:Article",
    "sockg:Illustration", "sockg:SearchResult", "sockg:Objective", "sockg:Strand", "sockg:ThreatCategory",
    "sockg:PriorityArea", "sockg:CrimeType", "sockg:Term", "sockg:Aim", "sockg:Outcome",
    "sockg:DevolvedGovernment", "sockg:Government", "sockg:GovernmentDepartment", "sockg:Agency",
    "sockg:WhatWorksCentre",
    "sockg:PublicBody", "sockg:ActorGroup", "sockg:Post", "sockg:Place", "sockg:Power", "sockg:Fund",
    "sockg:Programme", "sockg:Capability", "sockg:DataSource", "sockg:Figure", "skos:ConceptScheme",
    "skos:Concept", "org:Organization",
]
_RANK = {c: i for i, c in enumerate(CLASS_PRIORITY)}
_MENTIONED_IN = str(SOCKG.mentionedIn)


#: Bookkeeping values of the evidence model that nothing here shows (the rest go to the ClaimReader).
_SKIPPED = frozenset({P.curated_at, P.confidence})
_ROLES = {P.type: "type", str(SKOS.prefLabel): "pref", P.label: "label", str(SKOS.altLabel): "alt",
          str(SKOS.definition): "definition", P.comment: "comment", str(SKOS.notation): "notation"}
#: What an edge's (and a mention's) evidence record holds.
EVIDENCE_FIELDS = ("kind", "quote", "paragraph", "document", "start", "end", "block", "note", "locator",
                   "publication", "url")


def to_networkx(source):
    """Convert ``source`` (a store, a built graph or an rdflib graph: see :func:`sockg.terms.to_store`) to a
    :class:`networkx.MultiDiGraph`."""
    import networkx as nx
    import pyoxigraph as ox

    store = to_store(source)
    types: dict[str, set[str]] = defaultdict(set)
    literals: dict[str, list[tuple[str, object]]] = defaultdict(list)
    links: list[tuple[str, str, str]] = []
    names = {"pref": {}, "label": {}, "alt": defaultdict(list), "definition": {}, "comment": {}, "notation": {}}

    reader = ClaimReader(store)
    # the evidence model's quads stay with the reader as they pass; the rest come through
    for q in reader.passing(store.quads_for_pattern(None, None, None, None)):
        s, p = q.subject, q.predicate.value
        if p in _SKIPPED or not isinstance(s, ox.NamedNode):
            continue
        sv, o, role = s.value, q.object, _ROLES.get(p)
        if role == "type":
            types[sv].add(o.value)
        elif isinstance(o, ox.Literal):
            if role == "alt":
                names["alt"][sv].append(o.value)
            elif role is not None:
                names[role].setdefault(sv, o.value)
            else:
                literals[sv].append((p, term_value(o)))
        elif isinstance(o, ox.NamedNode) and role is None:
            links.append((sv, p, o.value))

    bookkeeping = {n for n, ts in types.items() if ts & BOOKKEEPING_CLASSES}
    evidence_by_triple: dict[tuple[str, str, str], tuple[str, list[dict], str | None, str | None]] = {}
    for c in reader.all():
        if c.object_is_iri:
            recs = [e.as_dict(*EVIDENCE_FIELDS) for e in c.evidence]
            evidence_by_triple[(c.subject, c.predicate, c.object)] = (c.iri, recs, c.method, c.reading)

    G = nx.MultiDiGraph()

    def add_node(n: str) -> None:
        if n in G:
            return
        classes = sorted(curie(t) for t in types.get(n, ()))
        ranked = sorted(classes, key=lambda c: _RANK.get(c, len(_RANK)))
        G.add_node(n, iri=n, label=names["pref"].get(n) or names["label"].get(n) or iri_tail(n),
                   cls=(ranked[0] if ranked else "rdfs:Resource"), types=classes,
                   alt_labels=sorted(set(names["alt"].get(n, []))), definition=names["definition"].get(n),
                   comment=names["comment"].get(n), notation=names["notation"].get(n), mentions=[])

    entity_like = [n for n in set(names["pref"]) | set(types) if n not in bookkeeping]
    for n in sorted(entity_like):
        if n in names["pref"] or types.get(n):
            add_node(n)
    for s, p, o in links:
        if s in bookkeeping:
            continue
        ev = evidence_by_triple.get((s, p, o))
        if o in bookkeeping or p == _MENTIONED_IN:
            # where a thing is named (in a seed, or in a catalogued publication) is its evidence, not a relation
            if p == _MENTIONED_IN and ev and s in G:
                G.nodes[s]["mentions"].extend(dict(r, method=ev[2]) for r in ev[1])
            continue
        add_node(s)
        add_node(o)
        claim, recs, method, reading = ev if ev else (None, [], None, None)
        first = recs[0] if recs else {}
        G.add_edge(s, o, key=curie(p), predicate=curie(p), predicate_iri=p,
                   label=names["label"].get(p) or iri_tail(p), claim=claim, method=method, evidence=recs,
                   kinds=sorted({r["kind"] for r in recs}), reading=reading,
                   quote=first.get("quote"), note=first.get("note"), paragraph=first.get("paragraph"),
                   document=first.get("document"))
    for n, pairs in literals.items():
        if n not in G:
            continue
        attrs: dict[str, object] = {}
        for p, v in pairs:
            k = curie(p)
            if k in attrs:
                prev = attrs[k]
                attrs[k] = (prev if isinstance(prev, list) else [prev]) + [v]
            else:
                attrs[k] = v
        G.nodes[n]["attributes"] = attrs
    for n in G:
        G.nodes[n].setdefault("attributes", {})
    return G
