"""Assemble one RDF graph from the seeds, the curated statements and the ontology.

Nothing here writes files: :func:`assemble` returns the graph and what went
into it, and :mod:`sockg.build` validates and writes it.

The graph holds

* the ontology (TBox) and concept schemes from ``ontology/``;
* each seed as a ``sockg:SourceDocument`` with its sections and blocks
  (offsets, paragraph numbers, footnote markers);
* the curated entities and, for every relation, a direct triple **and** a
  ``sockg:Claim`` that reifies it and points (``prov:wasDerivedFrom``) at one
  or more ``sockg:Evidence`` records: the verbatim quote
  (``oa:TextQuoteSelector``/``oa:exact``) and its offsets
  (``oa:TextPositionSelector``) in the seed.

Every quote is located in the seed; all quotes that cannot be found are
reported together in one :class:`~sockg.errors.QuoteNotFoundError`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import curation as cur
from .errors import CurationError, OntologyError, QuoteNotFoundError, SockgError, SourceError
from .namespaces import ID, OA, PREFIXES, SOCKG, bind_prefixes
from .sources import Document, read_document
from .sources.sidecar import Sidecar, read_sidecar, sidecar_path
from .terms import read_graph
from .text import fold_stated

__all__ = ["Assembly", "assemble", "load_ontology", "discover_seeds", "SEED_SUFFIXES", "claim_iri",
           "BOOKKEEPING"]

SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
LABEL_LANG = "en"
CONTEXT = 32  # characters of prefix/suffix kept with each quote

#: Predicates on entities that name or type them rather than claim anything.
BOOKKEEPING = frozenset({RDF.type, SKOS.prefLabel, SKOS.altLabel, RDFS.label, RDFS.comment, SOCKG.govukCode})


@dataclass
class LoadedSeed:
    doc: Document
    sidecar: Sidecar | None
    path: Path
    sha256: str


@dataclass
class Assembly:
    graph: Graph
    seeds: list[LoadedSeed]
    curation: cur.Curation
    claims: int = 0
    evidence: int = 0
    entity_iris: dict[str, URIRef] = field(default_factory=dict)


def claim_iri(s, p, o) -> URIRef:
    """Stable IRI of the claim reifying ``(s, p, o)``."""
    key = " ".join(term.n3() for term in (s, p, o))
    return ID[f"claim/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


def _evidence_iri(doc_iri: URIRef, start: int, end: int) -> URIRef:
    key = f"{doc_iri} {start} {end}"
    return ID[f"evidence/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


def seed_iri(doc_id: str) -> URIRef:
    return ID[f"seed/{doc_id}"]


def part_iri(doc_id: str, key: str) -> URIRef:
    return ID[f"seed/{doc_id}/{key}"]


# --------------------------------------------------------------------------- inputs

def discover_seeds(seeds_dir: Path) -> list[Path]:
    if not seeds_dir.exists():
        raise SourceError("seeds folder not found", path=seeds_dir)
    if not seeds_dir.is_dir():
        raise SourceError("seeds path is not a folder", path=seeds_dir)
    files = sorted(p for p in seeds_dir.iterdir()
                   if p.is_file() and p.suffix.lower() in SEED_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise SourceError(f"no seed documents ({', '.join('*' + s for s in SEED_SUFFIXES)}) in folder",
                          path=seeds_dir)
    stems = {p.stem for p in files}
    for side in sorted(seeds_dir.glob("*.meta.toml")):
        if side.name[: -len(".meta.toml")] not in stems:
            from .errors import SidecarError

            stem = side.name[: -len(".meta.toml")]
            raise SidecarError(f"no seed document for this sidecar (expected {stem} with one of "
                               f"{', '.join(SEED_SUFFIXES)})", path=side)
    return files


def load_seed(path: Path) -> LoadedSeed:
    side_path = sidecar_path(path)
    sidecar = read_sidecar(side_path) if side_path.exists() else None
    doc = read_document(path, encoding=sidecar.encoding if sidecar else None)
    return LoadedSeed(doc=doc, sidecar=sidecar, path=path, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def load_ontology(ontology_dir: Path, include_shapes: bool = False) -> Graph:
    """Parse every ``*.ttl`` in ``ontology_dir`` (``shapes.ttl`` only when asked)."""
    if not ontology_dir.is_dir():
        raise OntologyError("ontology folder not found", path=ontology_dir)
    g = Graph()
    files = sorted(p for p in ontology_dir.glob("*.ttl") if include_shapes or p.name != "shapes.ttl")
    if not files:
        raise OntologyError("no *.ttl files in ontology folder", path=ontology_dir)
    for p in files:
        parse_turtle_file(g, p, OntologyError)
    return g


def parse_turtle_file(g: Graph, path: Path, error_class) -> None:
    """Parse the Turtle file ``path`` into ``g`` (through Oxigraph, see :func:`sockg.terms.read_graph`),
    turning a syntax error into ``error_class`` with the file and line."""
    import pyoxigraph as ox

    try:
        read_graph(path, into=g, fmt=ox.RdfFormat.TURTLE)
    except SockgError as exc:
        why = exc.message.replace("cannot parse as Turtle: ", "", 1)
        raise error_class(f"malformed Turtle: {why}" if why != exc.message else why, path=path,
                          line=exc.line) from None


# --------------------------------------------------------------------------- assembly

class _Emitter:
    def __init__(self, graph: Graph, seeds: list[LoadedSeed], curation: cur.Curation, seeds_dir: Path):
        self.g = graph
        self.seeds = {s.doc.id: s for s in seeds}
        self.curation = curation
        self.seeds_dir = seeds_dir
        self.problems: list[str] = []
        self.claims: dict[URIRef, dict] = {}
        self.evidence_nodes: set[URIRef] = set()
        self.entities: dict[str, URIRef] = {}
        self.schemes = {s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)}

    # ---------------------------------------------------------------- names
    def entity(self, ref: str, where: str, line: int, doc_id: str | None = None) -> URIRef:
        if ref.startswith("scheme:"):
            iri = ID[f"scheme/{ref[7:]}"]
            if iri not in self.schemes:
                raise CurationError(f"unknown concept scheme {ref!r} (not declared in ontology/)", path=where,
                                    line=line)
            return iri
        if ref.startswith("doc:"):
            key = ref[4:]
            seed = self.seeds.get(doc_id or "")
            if seed is None:
                raise CurationError(f"{ref!r}: no source document for this statement", path=where, line=line)
            if any(s.key == key for s in seed.doc.sections) or any(b.key == key for b in seed.doc.blocks):
                return part_iri(seed.doc.id, key)
            raise CurationError(f"{ref!r}: no section or block {key!r} in {seed.doc.id}", path=where, line=line)
        if ref in self.entities:
            return self.entities[ref]
        close = difflib.get_close_matches(ref, list(self.entities), n=3)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise CurationError(f"unknown entity {ref!r}{hint}", path=where, line=line)

    def predicate(self, name: str, where: str, line: int) -> URIRef:
        if ":" in name:
            prefix, local = name.split(":", 1)
            if prefix not in PREFIXES:
                raise CurationError(f"unknown prefix {prefix!r} in predicate {name!r}", path=where, line=line)
            iri = URIRef(PREFIXES[prefix] + local)
        else:
            iri = SOCKG[name]
        if str(iri).startswith(str(SOCKG)) and (iri, RDF.type, None) not in self.g:
            close = difflib.get_close_matches(name, [str(p).split("#")[1] for p in self.g.subjects(RDF.type, OWL.ObjectProperty)], n=3)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            raise CurationError(f"predicate {name!r} is not defined in the ontology{hint}", path=where, line=line)
        return iri

    @staticmethod
    def literal(value: dict, where: str, line: int) -> Literal:
        if "text" in value:
            lang = value.get("lang")
            return Literal(str(value["text"]), lang=lang) if lang else Literal(str(value["text"]))
        dtype = value.get("type", "string")
        try:
            return _typed(value["value"], dtype)
        except (ValueError, ArithmeticError) as exc:
            raise CurationError(f"bad literal {value!r}: {exc}", path=where, line=line) from None

    # ---------------------------------------------------------------- evidence
    def locate(self, ev: cur.Evidence, where: str) -> URIRef | None:
        doc_id = ev.doc or (next(iter(self.seeds)) if len(self.seeds) == 1 else None)
        seed = self.seeds.get(doc_id or "")
        if seed is None:
            self.problems.append(f"{where}:{ev.line}: no seed document {ev.doc!r} for quote {_short(ev.quote)}")
            return None
        doc = seed.doc
        try:
            span = doc.locate(ev.quote, ev.at)
        except KeyError:
            self.problems.append(f"{where}:{ev.line}: no place {ev.at!r} in {doc.id} (quote {_short(ev.quote)})")
            return None
        if span is None:
            self.problems.append(f"{where}:{ev.line}: quote not found verbatim in {doc.id} at {ev.at!r}: "
                                 f"{_short(ev.quote)}")
            return None
        return self.evidence_node(seed, span[0], span[1])

    def evidence_node(self, seed: LoadedSeed, start: int, end: int) -> URIRef:
        doc = seed.doc
        d_iri = seed_iri(doc.id)
        node = _evidence_iri(d_iri, start, end)
        if node in self.evidence_nodes:
            return node
        self.evidence_nodes.add(node)
        g = self.g
        block = doc.innermost(start, end)
        quote, pos = URIRef(f"{node}/quote"), URIRef(f"{node}/position")
        g.add((node, RDF.type, SOCKG.Evidence))
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, OA.hasSource, d_iri))
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
        g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        return node

    # ---------------------------------------------------------------- stated values
    def check_stated(self, spec, name: str, value, evidence: list[URIRef | None], where: str) -> None:
        """Record a problem when a field's value is not written in any of its quotes.

        Titles, years, periods, frequencies and qualifiers must be stated by the
        text they cite (folding case, quote marks, white space, footnote markers
        and acronyms in brackets); units, measures and values are curators'
        normalisations of the quote (``£37 billion`` is ``37000000000 GBP``).
        """
        if name not in STATED_FIELDS or any(e is None for e in evidence):
            return  # an unlocated quote is reported already
        quotes = [fold_stated(str(self.g.value(URIRef(f"{e}/quote"), OA.exact))) for e in evidence]
        wanted = [str(v) for v in value] if isinstance(value, (tuple, list)) else [str(value)]
        if not any(all(fold_stated(w) in q for w in wanted) for q in quotes):
            shown = "-".join(wanted)
            self.problems.append(f"{where}:{spec.line}: {spec.id}: {name} {shown!r} is not stated in its quote(s); "
                                 f"give the field its own at/quote where the text states it")

    # ---------------------------------------------------------------- claims
    def claim(self, s, p, o, evidence: list[URIRef | None], where: str, line: int, note: str | None = None,
              method: str = "curated") -> URIRef:
        self.g.add((s, p, o))
        c = claim_iri(s, p, o)
        info = self.claims.setdefault(c, {"triple": (s, p, o), "sites": set(), "notes": set(), "evidence": set()})
        info["sites"].add(f"{where}:{line}")
        if note:
            info["notes"].add(note)
        info["evidence"].update(e for e in evidence if e is not None)
        info["method"] = method
        return c

    def flush_claims(self) -> None:
        g = self.g
        for c, info in self.claims.items():
            s, p, o = info["triple"]
            g.add((c, RDF.type, SOCKG.Claim))
            g.add((c, RDF.subject, s))
            g.add((c, RDF.predicate, p))
            g.add((c, RDF.object, o))
            g.add((c, SOCKG.method, Literal(info["method"])))
            for site in info["sites"] if info["method"] == "curated" else ():
                g.add((c, SOCKG.curatedAt, Literal(site)))
            for note in info["notes"]:
                g.add((c, RDFS.comment, Literal(note, lang=LABEL_LANG)))
            for e in info["evidence"]:
                g.add((c, PROV.wasDerivedFrom, e))


#: entity fields whose value must be written in the quote that supports it
STATED_FIELDS = frozenset({"title", "issued", "appointed", "year", "frequency", "qualifier", "period"})


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= n else text[: n - 3] + "...")


def _typed(value, dtype: str) -> Literal:
    dtype = dtype.split(":")[-1]
    if dtype == "gYear":
        year = int(value)
        return Literal(f"{year:04d}", datatype=XSD.gYear)
    if dtype == "decimal":
        d = Decimal(str(value))
        return Literal(format(d, "f"), datatype=XSD.decimal)
    if dtype == "integer":
        return Literal(int(value), datatype=XSD.integer)
    if dtype == "date":
        return Literal(str(value), datatype=XSD.date)
    if dtype == "boolean":
        return Literal(bool(value))
    if dtype == "string":
        return Literal(str(value))
    raise ValueError(f"unknown literal type {dtype!r}")


def _add_sources(g: Graph, seeds: list[LoadedSeed]) -> None:
    for s in seeds:
        doc = s.doc
        d = seed_iri(doc.id)
        g.add((d, RDF.type, SOCKG.SourceDocument))
        if doc.shape == "search-results":
            g.add((d, RDF.type, SOCKG.SearchResultsPage))
        title = s.sidecar.title if s.sidecar else s.path.name
        g.add((d, DCTERMS.title, Literal(title, lang=LABEL_LANG)))
        g.add((d, RDFS.label, Literal(title, lang=LABEL_LANG)))
        g.add((d, DCTERMS.identifier, Literal(doc.id)))
        g.add((d, SOCKG.fileName, Literal(s.path.name)))
        g.add((d, SOCKG.sha256, Literal(s.sha256)))
        g.add((d, SOCKG.encoding, Literal(doc.encoding)))
        g.add((d, SOCKG.documentShape, Literal(doc.shape)))
        g.add((d, DCTERMS["format"], Literal(doc.media_type)))
        if doc.media_type == "text/html":  # offsets index the text extracted from the page
            g.add((d, SOCKG.textExtraction, Literal("html-to-text")))
        if s.sidecar:
            sc = s.sidecar
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
                g.add((d, SOCKG.issuedYear, _typed(sc.issued, "gYear")))
        for sec in doc.sections:
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
            g.add((si, SOCKG.start, Literal(sec.start, datatype=XSD.nonNegativeInteger)))
            g.add((si, SOCKG.end, Literal(sec.end, datatype=XSD.nonNegativeInteger)))
            if sec.number is not None and sec.kind == "result":
                g.add((si, SOCKG.resultNumber, Literal(sec.number)))
            if sec.date:
                g.add((si, SOCKG.resultDate, Literal(sec.date.isoformat(), datatype=XSD.date)))
        for b in doc.blocks:
            bi = part_iri(doc.id, b.key)
            g.add((bi, RDF.type, SOCKG.Block))
            g.add((bi, SOCKG.key, Literal(b.key)))
            g.add((bi, SOCKG.blockKind, Literal(b.kind)))
            g.add((bi, RDFS.label, Literal(f"{doc.id}, {b.label}")))
            parent = b.parent or (b.section if b.section and b.section != "page" else None)
            g.add((bi, DCTERMS.isPartOf, part_iri(doc.id, parent) if parent else d))
            if b.number and b.kind in ("para", "item"):
                g.add((bi, SOCKG.paragraphNumber, Literal(b.number)))
            g.add((bi, SOCKG.start, Literal(b.start, datatype=XSD.nonNegativeInteger)))
            g.add((bi, SOCKG.end, Literal(b.end, datatype=XSD.nonNegativeInteger)))
            g.add((bi, SOCKG.text, Literal(doc.text[b.start:b.end])))
            if b.truncated:
                g.add((bi, SOCKG.truncated, Literal(True)))
            if b.run_on:
                g.add((bi, SOCKG.runOn, Literal(True)))
            if b.figure:
                g.add((bi, SOCKG.inFigure, Literal(b.figure)))
            for fn in b.footnotes:
                g.add((bi, SOCKG.footnote, Literal(fn.number)))


def _add_entities(em: _Emitter) -> None:
    g = em.g
    mention_pred = SOCKG.mentionedIn
    for spec in em.curation.entities.values():
        iri = em.entities[spec.id]
        where = spec.file
        kind, classes = cur.TYPES[spec.type]
        for c in classes:
            prefix, local = c.split(":")
            g.add((iri, RDF.type, URIRef(PREFIXES[prefix] + local)))
        g.add((iri, SKOS.prefLabel, Literal(spec.label, lang=LABEL_LANG)))
        g.add((iri, RDFS.label, Literal(spec.label, lang=LABEL_LANG)))
        for alt in spec.alt:
            g.add((iri, SKOS.altLabel, Literal(alt, lang=LABEL_LANG)))
        if spec.govuk:
            g.add((iri, SOCKG.govukCode, Literal(str(spec.govuk))))
        if spec.note:
            g.add((iri, RDFS.comment, Literal(spec.note, lang=LABEL_LANG)))
        evidence = [em.locate(e, where) for e in spec.evidence]
        mentions = [em.locate(e, where) for e in spec.mentions]
        docs = {e.doc for e in spec.evidence + spec.mentions}
        for doc_id in sorted(d for d in docs if d in em.seeds):
            em.claim(iri, mention_pred, seed_iri(doc_id), evidence + mentions, where, spec.line)
        for name, value in spec.fields.items():
            pred_name, kind_ = cur.FIELDS[name]
            own = spec.field_evidence.get(name)
            field_ev = [em.locate(e, where) for e in own] if own else evidence
            em.check_stated(spec, name, value, field_ev, where)
            pred = em.predicate(pred_name, where, spec.line)
            if kind_ == "ref":
                obj = em.entity(str(value), where, spec.line)
            elif kind_ == "scheme":
                obj = em.entity(f"scheme:{value}", where, spec.line)
            elif kind_ == "year":
                obj = _typed(value, "gYear")
            elif kind_ == "decimal":
                obj = _typed(value, "decimal")
            elif name == "title":
                obj = Literal(str(value), lang=LABEL_LANG)
            else:
                obj = Literal(str(value))
            em.claim(iri, pred, obj, field_ev, where, spec.line, note=spec.field_notes.get(name))
        if spec.period:
            em.check_stated(spec, "period", spec.period, evidence, where)
            em.claim(iri, SOCKG.periodStart, _typed(spec.period[0], "gYear"), evidence, where, spec.line)
            em.claim(iri, SOCKG.periodEnd, _typed(spec.period[1], "gYear"), evidence, where, spec.line)
        if spec.definition:
            node = em.locate(spec.definition, where)
            if node is not None:
                exact = g.value(URIRef(f"{node}/quote"), OA.exact)
                em.claim(iri, SKOS.definition, Literal(str(exact), lang=LABEL_LANG), [node], where, spec.line)


def _add_statements(em: _Emitter) -> None:
    for st in em.curation.statements:
        where = st.file
        doc_id = st.evidence[0].doc if st.evidence else None
        if doc_id is None and len(em.seeds) == 1:
            doc_id = next(iter(em.seeds))
        s = em.entity(st.subject, where, st.line, doc_id)
        p = em.predicate(st.predicate, where, st.line)
        if isinstance(st.object, dict):
            o = em.literal(st.object, where, st.line)
        else:
            o = em.entity(st.object, where, st.line, doc_id)
        evidence = [em.locate(e, where) for e in st.evidence]
        em.claim(s, p, o, evidence, where, st.line, note=st.note)


def assemble(seeds_dir: Path, ontology_dir: Path) -> Assembly:
    """Read everything and return the assembled (not yet validated) graph."""
    seeds_dir = Path(seeds_dir)
    paths = discover_seeds(seeds_dir)
    seeds = [load_seed(p) for p in paths]
    ids = [s.doc.id for s in seeds]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SourceError(f"two seed files map to the same document id {sorted(dupes)[0]!r}", path=seeds_dir)
    graph = load_ontology(Path(ontology_dir))
    bind_prefixes(graph)
    curation = cur.load_curation(seeds_dir / "curated")
    for spec in curation.entities.values():
        for e in spec.evidence + spec.mentions + ([spec.definition] if spec.definition else []):
            if e.doc is None and len(seeds) == 1:
                e.doc = seeds[0].doc.id
    for st in curation.statements:
        for e in st.evidence:
            if e.doc is None and len(seeds) == 1:
                e.doc = seeds[0].doc.id
    _add_sources(graph, seeds)
    em = _Emitter(graph, seeds, curation, seeds_dir)
    for spec in curation.entities.values():
        kind, _ = cur.TYPES[spec.type]
        em.entities[spec.id] = ID[f"{kind}/{spec.id}"]
    _add_entities(em)
    _add_statements(em)
    from .ingest.rdf import add_extracted  # ingest hook: seeds no curated statement quotes are extracted

    add_extracted(em, seeds)
    if em.problems:
        raise QuoteNotFoundError(em.problems)
    em.flush_claims()
    _check_every_relation_has_a_claim(em)
    return Assembly(graph=graph, seeds=seeds, curation=curation, claims=len(em.claims),
                    evidence=len(em.evidence_nodes), entity_iris=dict(em.entities))


def _check_every_relation_has_a_claim(em: _Emitter) -> None:
    """Internal guard: every non-bookkeeping triple about an entity is reified by a claim."""
    entities = set(em.entities.values())
    missing = []
    for s, p, o in em.g:
        if s in entities and p not in BOOKKEEPING and claim_iri(s, p, o) not in em.claims:
            missing.append(f"{s} {p} {o}")
    if missing:  # pragma: no cover - a bug in this module, not bad input
        raise CurationError(f"{len(missing)} triple(s) without a claim, first: {missing[0]}")

