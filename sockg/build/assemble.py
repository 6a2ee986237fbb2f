"""Assemble the curated part of the graph: the ontology, the seeds as documents, and what people read in them.

:func:`assemble` reads the seeds and the curated statements (see
:mod:`~sockg.build.curation`) and writes, through the evidence model's
:class:`~sockg.evidence.write.GraphWriter`:

* the ontology (TBox) and concept schemes from ``ontology/``;
* each seed as a ``sockg:SourceDocument`` with its sections and blocks;
* the curated entities and, for every relation, a direct triple and a claim
  whose evidence is the verbatim quote located in its seed.

Every quote is located at the place it names; values that must be *stated*
(titles, years, periods, qualifiers) are checked against their quotes. What
does not hold is collected in :attr:`Assembly.problems` and raised together
by :func:`finish` as one :class:`~sockg.errors.QuoteNotFoundError`, after the
build has also run extraction (:mod:`sockg.ingest.rdf`) through the same writer.
Nothing here writes files.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ..errors import CurationError, QuoteNotFoundError, SourceError
from ..evidence.model import LANG
from ..evidence.write import GraphWriter, document_iri, part_iri
from ..namespaces import ID, PREFIXES, SOCKG, bind_prefixes
from ..sources.seed import LoadedSeed, discover_seeds, load_seed
from ..text import fold_stated
from . import curation as cur
from .catalogue import LICENCE_NAMES, LICENCES, Catalogue, Fact, Publication, load_catalogue
from .inputs import load_ontology

__all__ = ["Assembly", "assemble", "finish", "curated_documents", "STATED_FIELDS"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
#: entity fields whose value must be written in the quote that supports it
STATED_FIELDS = frozenset({"title", "issued", "appointed", "year", "frequency", "qualifier", "period"})


@dataclass
class Assembly:
    """The graph being built, what went into it and what did not hold."""

    graph: Graph
    seeds: list[LoadedSeed]
    curation: cur.Curation
    writer: GraphWriter
    catalogue: Catalogue = field(default_factory=Catalogue)
    entity_iris: dict[str, URIRef] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def claims(self) -> int:
        return len(self.writer.claims)

    @property
    def evidence(self) -> int:
        return len(self.writer.evidence_nodes)


def curated_documents(curation: cur.Curation) -> set[str]:
    """Ids of the seeds that curated statements quote: these are read by people, not extracted."""
    docs: set[str] = set()
    for spec in curation.entities.values():
        for e in spec.evidence + spec.mentions + ([spec.definition] if spec.definition else []):
            docs.add(e.doc)
    for st in curation.statements:
        docs.update(e.doc for e in st.evidence)
    return {d for d in docs if d is not None}


def _typed(value, dtype: str) -> Literal:
    dtype = dtype.split(":")[-1]
    if dtype == "gYear":
        return Literal(f"{int(value):04d}", datatype=XSD.gYear)
    if dtype == "decimal":
        return Literal(format(Decimal(str(value)), "f"), datatype=XSD.decimal)
    if dtype == "integer":
        return Literal(int(value), datatype=XSD.integer)
    if dtype == "date":
        return Literal(str(value), datatype=XSD.date)
    if dtype == "boolean":
        return Literal(bool(value))
    if dtype == "string":
        return Literal(str(value))
    raise ValueError(f"unknown literal type {dtype!r}")


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= n else text[: n - 3] + "...")


class _Curator:
    """Turns curated specs into graph data: names to IRIs, quotes to evidence records, statements to claims."""

    def __init__(self, asm: Assembly):
        self.asm = asm
        self.g = asm.graph
        self.w = asm.writer
        self.seeds = {s.doc.id: s for s in asm.seeds}
        self.entities = asm.entity_iris
        self.problems = asm.problems
        self.schemes = {s for s in self.g.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)}
        self.publications = asm.catalogue.publications

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
            defined = [str(p).split("#")[1] for p in self.g.subjects(RDF.type, OWL.ObjectProperty)]
            close = difflib.get_close_matches(name, defined, n=3)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            raise CurationError(f"predicate {name!r} is not defined in the ontology{hint}", path=where, line=line)
        return iri

    @staticmethod
    def literal(value: dict, where: str, line: int) -> Literal:
        if "text" in value:
            lang = value.get("lang")
            return Literal(str(value["text"]), lang=lang) if lang else Literal(str(value["text"]))
        try:
            return _typed(value["value"], value.get("type", "string"))
        except (ValueError, ArithmeticError) as exc:
            raise CurationError(f"bad literal {value!r}: {exc}", path=where, line=line) from None

    # ---------------------------------------------------------------- evidence
    def locate(self, ev: cur.Evidence | cur.Citation, where: str) -> URIRef | None:
        """The evidence record of a curated quote or citation, or ``None`` (with a problem recorded) when it
        does not hold."""
        if isinstance(ev, cur.Citation):
            return self.cite(ev, where)
        seed = self.seeds.get(ev.doc or "")
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
        return self.w.text_evidence(seed, span[0], span[1])

    def cite(self, c: cur.Citation, where: str) -> URIRef | None:
        """The evidence record of a citation, or ``None`` (with a problem recorded) when it names a publication
        that is not in the catalogue, or has no locator or no note."""
        pub = self.publications.get(c.publication)
        problems = []
        if pub is None:
            close = difflib.get_close_matches(c.publication, list(self.publications), n=3)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            problems.append(f"cites {c.publication!r}, which is not in the catalogue{hint}")
        if not c.where:
            problems.append(f"a citation of {c.publication!r} needs a locator ('where': part, heading, page, "
                            "paragraph or item)")
        if not c.says:
            problems.append(f"a citation of {c.publication!r} needs a note ('says': what that place establishes, "
                            "in your own words)")
        if problems:
            self.problems.extend(f"{where}:{c.line}: {p}" for p in problems)
            return None
        return self.w.cited_evidence(self.entities[pub.entity], c.where, c.says)

    def check_stated(self, spec, name: str, value, evidence: list[URIRef | None], where: str) -> None:
        """Record a problem when a field's value is not written in any of its quotes.

        Titles, years, periods, frequencies and qualifiers must be stated by the
        text they cite (folding case, quote marks, white space, footnote markers
        and acronyms in brackets); units, measures and values are curators'
        normalisations of the quote (``£37 billion`` is ``37000000000 GBP``).
        """
        if name not in STATED_FIELDS or any(e is None for e in evidence):
            return  # an unlocated quote is reported already
        if any(e in self.w.cited_nodes for e in evidence):
            return  # a citation states it (``sockg verify`` checks it against the publication)
        quotes = [fold_stated(self.w.quote_of(e)) for e in evidence]
        wanted = [str(v) for v in value] if isinstance(value, (tuple, list)) else [str(value)]
        if not any(all(fold_stated(w) in q for w in wanted) for q in quotes):
            shown = "-".join(wanted)
            self.problems.append(f"{where}:{spec.line}: {spec.id}: {name} {shown!r} is not stated in its quote(s); "
                                 f"give the field its own at/quote where the text states it")

    def claim(self, s, p, o, evidence, where: str, line: int, note: str | None = None,
              reading: str | None = None) -> None:
        self.w.claim(s, p, o, evidence, site=f"{where}:{line}", note=note, reading=reading)

    # ---------------------------------------------------------------- entities and statements
    def add_entities(self) -> None:
        for spec in self.asm.curation.entities.values():
            self._add_entity(spec)

    def _add_entity(self, spec: cur.EntitySpec) -> None:
        g, iri, where = self.g, self.entities[spec.id], spec.file
        _, classes = cur.TYPES[spec.type]
        for c in classes:
            prefix, local = c.split(":")
            g.add((iri, RDF.type, URIRef(PREFIXES[prefix] + local)))
        g.add((iri, SKOS.prefLabel, Literal(spec.label, lang=LANG)))
        g.add((iri, RDFS.label, Literal(spec.label, lang=LANG)))
        for alt in spec.alt:
            g.add((iri, SKOS.altLabel, Literal(alt, lang=LANG)))
        if spec.govuk:
            g.add((iri, SOCKG.govukCode, Literal(str(spec.govuk))))
        if spec.note:
            g.add((iri, RDFS.comment, Literal(spec.note, lang=LANG)))
        evidence = [self.locate(e, where) for e in spec.evidence]
        mentions = [self.locate(e, where) for e in spec.mentions]
        texts = [(e, n) for e, n in zip(spec.evidence + spec.mentions, evidence + mentions)
                 if not isinstance(e, cur.Citation)]
        docs = {e.doc for e, _ in texts}
        for doc_id in sorted(d for d in docs if d in self.seeds):
            self.claim(iri, SOCKG.mentionedIn, document_iri(doc_id), [n for _, n in texts], where, spec.line,
                       reading=spec.field_readings.get("mentionedIn"))
        cited: dict[str, list] = {}
        for e, n in zip(spec.evidence + spec.mentions, evidence + mentions):
            if isinstance(e, cur.Citation) and e.publication in self.publications:
                cited.setdefault(e.publication, []).append(n)
        for pub_id, nodes in sorted(cited.items()):
            pub_iri = self.entities[self.publications[pub_id].entity]
            if pub_iri != iri:   # a publication's own facts are cited from it, not mentions of it
                self.claim(iri, SOCKG.mentionedIn, pub_iri, nodes, where, spec.line)
        for name, value in spec.fields.items():
            self._add_field(spec, iri, name, value, evidence)
        if spec.period:
            self.check_stated(spec, "period", spec.period, evidence, where)
            reading = spec.field_readings.get("period")
            self.claim(iri, SOCKG.periodStart, _typed(spec.period[0], "gYear"), evidence, where, spec.line,
                       reading=reading)
            self.claim(iri, SOCKG.periodEnd, _typed(spec.period[1], "gYear"), evidence, where, spec.line,
                       reading=reading)
        if spec.definition:
            node = self.locate(spec.definition, where)
            if node is not None:
                text = Literal(self.w.quote_of(node), lang=LANG)
                self.claim(iri, SKOS.definition, text, [node], where, spec.line)

    def _add_field(self, spec: cur.EntitySpec, iri: URIRef, name: str, value, evidence) -> None:
        where = spec.file
        pred_name, kind = cur.FIELDS[name]
        own = spec.field_evidence.get(name)
        field_ev = [self.locate(e, where) for e in own] if own else evidence
        self.check_stated(spec, name, value, field_ev, where)
        pred = self.predicate(pred_name, where, spec.line)
        if kind == "ref":
            obj = self.entity(str(value), where, spec.line)
        elif kind == "scheme":
            obj = self.entity(f"scheme:{value}", where, spec.line)
        elif kind in ("year", "decimal"):
            obj = _typed(value, "gYear" if kind == "year" else "decimal")
        elif name == "title":
            obj = Literal(str(value), lang=LANG)
        else:
            obj = Literal(str(value))
        self.claim(iri, pred, obj, field_ev, where, spec.line, note=spec.field_notes.get(name),
                   reading=spec.field_readings.get(name))

    # ---------------------------------------------------------------- the catalogue
    def add_publications(self) -> None:
        for pub in self.publications.values():
            self._add_publication(pub)

    def _fact_claim(self, pub: Publication, iri: URIRef, pred: URIRef, obj, fact: Fact | None, what: str,
                    note: str, cited: str | None = None) -> None:
        """A catalogue fact as a claim cited from the publication it was seen in (the entry's own, the one the
        fact names with ``cite``, or ``cited``) at the place it was seen."""
        where = self.asm.catalogue.path
        if fact is None:
            return
        source_id = fact.cite or cited or pub.id
        source = self.publications.get(source_id)
        if source is None:
            close = difflib.get_close_matches(source_id, list(self.publications), n=3)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            self.problems.append(f"{where}:{fact.line}: {pub.id}: {what} cites {source_id!r}, which is not in the "
                                 f"catalogue{hint}")
            return
        if not fact.where:
            self.problems.append(f"{where}:{fact.line}: {pub.id}: {what} needs 'where' (the place it is printed: "
                                 "part, heading, page, paragraph or item)")
            return
        ev = self.w.cited_evidence(self.entities[source.entity], fact.where, fact.says or note)
        self.claim(iri, pred, obj, [ev], self.asm.catalogue.name, fact.line, reading=fact.reading)

    def _add_publication(self, pub: Publication) -> None:
        g, iri, where = self.g, self.entities[pub.entity], self.asm.catalogue.path
        classes = ("sockg:Publication",) + cur.TYPES[pub.entity_type][1]
        for c in classes if pub.makes_entity else ("sockg:Publication",):
            prefix, local = c.split(":")
            g.add((iri, RDF.type, URIRef(PREFIXES[prefix] + local)))
        if pub.makes_entity:
            g.add((iri, SKOS.prefLabel, Literal(pub.label, lang=LANG)))
            g.add((iri, RDFS.label, Literal(pub.label, lang=LANG)))
        for alt in pub.alt:
            if (iri, SKOS.prefLabel, Literal(alt, lang=LANG)) not in g:
                g.add((iri, SKOS.altLabel, Literal(alt, lang=LANG)))
        g.add((iri, DCTERMS.identifier, Literal(pub.id)))
        if pub.landing:
            g.add((iri, SOCKG.landingPage, Literal(pub.landing, datatype=XSD.anyURI)))
        for kind, url in pub.documents:
            g.add((iri, SOCKG.htmlVersion if kind == "html" else SOCKG.pdfVersion, Literal(url, datatype=XSD.anyURI)))
        title = Fact(pub.title, pub.title_where, pub.line)
        self._fact_claim(pub, iri, DCTERMS.title, Literal(pub.title, lang=LANG), title, "the title",
                         "Gives the publication's title as printed.")
        for key, facts in pub.identifiers.items():
            pred = SOCKG.commandPaper if key == "command-paper" else SOCKG.isbn
            noun = "command paper number" if key == "command-paper" else "ISBN"
            for f in facts:
                self._fact_claim(pub, iri, pred, Literal(str(f.value)), f, f"the {noun}",
                                 f"Prints the {noun} {f.value}.")
        if pub.issued:
            day = pub.issued.value
            if isinstance(day, str):   # only the month is printed
                month = Literal(day, datatype=XSD.gYearMonth)
                shown = f"{_MONTHS[int(day[5:]) - 1]} {day[:4]}"
                self._fact_claim(pub, iri, DCTERMS.issued, month, pub.issued, "the date",
                                 f"Dates the publication {shown}.")
            else:
                self._fact_claim(pub, iri, DCTERMS.issued, Literal(day.isoformat(), datatype=XSD.date), pub.issued,
                                 "the date", f"Dates the publication {day.day} {_MONTHS[day.month - 1]} {day.year}.")
        for dept in pub.departments:
            org = self.entity(str(dept.value), where, dept.line)
            self._fact_claim(pub, iri, DCTERMS.publisher, org, dept, "a department",
                             "Names the department that publishes it.")
        if pub.licence:
            licence = URIRef(LICENCES[pub.licence.value])   # a document the graph names, not an entity
            g.add((licence, RDF.type, DCTERMS.LicenseDocument))
            g.add((licence, RDFS.label, Literal(LICENCE_NAMES[pub.licence.value], lang=LANG)))
            self._fact_claim(pub, iri, DCTERMS.license, licence, pub.licence,
                             "the licence", f"States that it is published under the {pub.licence.value} licence.")
        if pub.series and pub.series in self.publications and pub.edition is not None:
            series = self.entities[self.publications[pub.series].entity]
            edition = pub.edition.value
            note = f"Lists this publication in the series as its {edition} edition." if edition else \
                "Lists this publication in the series."
            self._fact_claim(pub, iri, SOCKG.inSeries, series, pub.edition, "the series", note, cited=pub.series)
            if edition:
                self._fact_claim(pub, iri, SOCKG.edition, Literal(edition), pub.edition, "the edition", note,
                                 cited=pub.series)

    def add_statements(self) -> None:
        for st in self.asm.curation.statements:
            where = st.file
            doc_id = st.evidence[0].doc if st.evidence else None
            s = self.entity(st.subject, where, st.line, doc_id)
            p = self.predicate(st.predicate, where, st.line)
            if isinstance(st.object, dict):
                o = self.literal(st.object, where, st.line)
            else:
                o = self.entity(st.object, where, st.line, doc_id)
            self.claim(s, p, o, [self.locate(e, where) for e in st.evidence], where, st.line, note=st.note,
                       reading=st.reading)

    def add_coreferences(self) -> None:
        for co in self.asm.curation.coreferences:
            seed = self.seeds.get(co.doc or "")
            if seed is None:
                raise CurationError(f"coreference: no seed document {co.doc!r}", path=co.file, line=co.line)
            part = document_iri(seed.doc.id) if co.part == "document" else \
                self.entity(f"doc:{co.part}", co.file, co.line, seed.doc.id)
            self.w.coreference(part, co.words, self.entity(co.means, co.file, co.line), co.reading)


def _default_documents(curation: cur.Curation, seeds: list[LoadedSeed]) -> None:
    """With one seed, quotes that name no document are found in it."""
    if len(seeds) != 1:
        return
    only = seeds[0].doc.id

    def default(evidence) -> None:
        for e in evidence:
            if isinstance(e, cur.Evidence):
                e.doc = e.doc or only

    for spec in curation.entities.values():
        default(spec.evidence + spec.mentions + ([spec.definition] if spec.definition else []))
        for evs in spec.field_evidence.values():
            default(evs)
    for st in curation.statements:
        default(st.evidence)
    for co in curation.coreferences:
        co.doc = co.doc or only


def _publication_iris(asm: Assembly) -> None:
    """Give each catalogued publication its entity: a curated one it names (``entity:``), or one of its own."""
    for pub in list(asm.catalogue.publications.values()):
        where = f"{asm.catalogue.path}:{pub.line}"
        if pub.makes_entity:
            if pub.entity in asm.entity_iris:
                spec = asm.curation.entities[pub.entity]
                asm.problems.append(f"{where}: {pub.id}: makes the entity {pub.entity!r}, which is curated at "
                                    f"{spec.file}:{spec.line}; name it with 'entity: {pub.entity}'")
                del asm.catalogue.publications[pub.id]
                continue
            kind, _ = cur.TYPES[pub.entity_type]
            asm.entity_iris[pub.entity] = ID[f"{kind}/{pub.entity}"]
        elif pub.entity not in asm.entity_iris:
            close = difflib.get_close_matches(pub.entity, list(asm.entity_iris), n=3)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            asm.problems.append(f"{where}: {pub.id}: unknown entity {pub.entity!r}{hint}")
            del asm.catalogue.publications[pub.id]


def assemble(seeds_dir: Path, ontology_dir: Path) -> Assembly:
    """Read the seeds, the curated statements and the ontology; return the assembly (not yet finished)."""
    seeds_dir = Path(seeds_dir)
    seeds = [load_seed(p) for p in discover_seeds(seeds_dir)]
    ids = [s.doc.id for s in seeds]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SourceError(f"two seed files map to the same document id {sorted(dupes)[0]!r}", path=seeds_dir)
    graph = load_ontology(Path(ontology_dir))
    bind_prefixes(graph)
    curation = cur.load_curation(seeds_dir / "curated")
    catalogue = load_catalogue(seeds_dir)
    _default_documents(curation, seeds)
    writer = GraphWriter(graph)
    for s in seeds:
        writer.add_document(s)
    asm = Assembly(graph=graph, seeds=seeds, curation=curation, writer=writer, catalogue=catalogue)
    asm.problems.extend(catalogue.problems)
    for spec in curation.entities.values():
        kind, _ = cur.TYPES[spec.type]
        asm.entity_iris[spec.id] = ID[f"{kind}/{spec.id}"]
    _publication_iris(asm)
    curator = _Curator(asm)
    curator.add_publications()
    curator.add_entities()
    curator.add_statements()
    curator.add_coreferences()
    return asm


def finish(asm: Assembly) -> None:
    """Raise every evidence problem together, else write the claims and check that every relation has one."""
    if asm.problems:
        raise QuoteNotFoundError(asm.problems)
    asm.writer.flush()
    missing = asm.writer.unclaimed(set(asm.entity_iris.values()))
    if missing:  # pragma: no cover - a bug in the writer's callers, not bad input
        raise CurationError(f"{len(missing)} triple(s) without a claim, first: {missing[0]}")
