"""Curated statement files: what people read in the seed, with the quote for each.

Files live in ``SEEDS/curated/*.yaml``. Each has up to four keys::

    source: soc-2018-search-results    # default document that quotes are found in
    entities:                          # the things the text names
      - type: Agency                   # a name from TYPES
        label: National Crime Agency
        alt: [NCA]                     # acronyms and variants (skos:altLabel)
        govuk: PB558                   # GOV.UK organisation code, where known
        evidence:                      # where the text names it (one or more)
          - {at: "1", quote: "The National Crime Agency (NCA) assesses that"}
        mentions:                      # further places it is named
          - {at: "18", quote: "published annually by the NCA"}
    statements:                        # relations, each with its quote
      - claim: [serious-and-organised-crime-strategy-2018, buildsOn, national-security-strategy-and-sdsr-2015]
        at: "8"
        quote: "The strategy builds on the 2015 National Security Strategy (NSS) and Strategic Defence ..."
      - at: "137"                      # one quote supporting several claims
        quote: "..."
        claims:
          - [department-for-education, partnerOn, prevent]
      - claim: [stopping-the-problem-at-source, uses, prevent-initiatives-in-england-and-wales]
        at: "136"
        quote: "..."
        reading: "Why this is a reading of the quote, not what it says outright."
    coreferences:                      # words that, in one part of the text, stand for an entity
      - in: result-2                   # a section or block key, or "document"
        words: [this strategy]         # no words: the part is the entity's own text (an excerpt of it)
        means: serious-and-organised-crime-strategy-2018
        reading: "Result 2 quotes the 2018 strategy, which calls itself 'this strategy'."

Evidence can also be a **citation** of a publication in ``seeds/catalogue.yaml``
(see :mod:`sockg.build.catalogue`): which publication, where in it, and what
that place establishes, in our own words (the publications' sentences are not
copied into the repository; names, titles and headings are given exactly)::

    entities:
      - id: joint-terrorism-analysis-centre
        type: Agency
        label: Joint Terrorism Analysis Centre
        evidence:                      # where a publication names it
          - cite: contest-2018
            where: {heading: [Part 2: Our Response, Pursue], page: 43}
            says: "Names JTAC as the body that sets the threat level."
    statements:
      - claim: [contest, hasStrand, pursue]
        cite: {in: contest-2018, where: {heading: [Part 2: Our Response, Pursue], page: 43},
               says: "Pursue is CONTEST's strand for stopping attacks."}

A locator (``where``) has any of ``part`` (cover, title page, imprint,
contents, GOV.UK page, Hansard record), ``heading`` (a heading, or a list of
headings from the outside in), ``page``, ``paragraph`` and ``item``. A claim
may carry quotes and citations together; ``reading`` works as for quotes.

``at`` names a place in the document (see :meth:`sockg.sources.Document.span`):
``"16"`` (paragraph 16), ``"35.1"`` (item 1 of paragraph 35), ``figure-1``,
``result-3``, ``result-2/text-1`` ...; ``doc`` may name another seed.
Subjects and objects are entity ids (``id``, or the label made into a slug),
``scheme:NAME`` for a concept scheme, ``doc:KEY`` for a section or block of the
source document, or a literal ``{value: 2018, type: gYear}`` / ``{text: "..."}``.
Predicates are sockg terms (``buildsOn``) or prefixed names (``skos:related``).

A claim is either *stated* by its evidence (the sentence holding the quote
names both ends, see :mod:`sockg.build.support`) or a *reading*: then
``reading`` gives the reason, and the graph carries it (``sockg:reading``). An
entity field can be a reading too (``issued: {value: 2018, at: ..., quote: ...,
reading: "..."}``, or ``scheme: {value: glossary, reading: "..."}`` on the
entity's own evidence). ``note`` adds context to a claim that is stated.

This module only reads and checks the files; :mod:`sockg.build.assemble` turns them
into RDF and locates the quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import CurationError
from ..text import slugify

__all__ = [
    "TYPES",
    "Evidence",
    "EntitySpec",
    "StatementSpec",
    "CoreferenceSpec",
    "Citation",
    "Locator",
    "parse_locator",
    "Curation",
    "slugify",
    "load_curation",
    "parse_curation",
]

#: Entity type name -> (IRI path segment, sockg classes, extra classes)
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Strategy": ("strategy", ("sockg:Strategy",)),
    "Plan": ("strategy", ("sockg:Plan", "sockg:Strategy")),
    "Series": ("series", ("sockg:Series", "sockg:Publication")),
    "WrittenStatement": ("doc", ("sockg:WrittenStatement", "sockg:Publication")),
    "NewsStory": ("doc", ("sockg:NewsStory", "sockg:Publication")),
    "Review": ("doc", ("sockg:Review",)),
    "Assessment": ("doc", ("sockg:Assessment", "sockg:DataSource")),
    "Vision": ("doc", ("sockg:Vision",)),
    "Briefing": ("doc", ("sockg:Briefing",)),
    "Article": ("doc", ("sockg:Article",)),
    "Illustration": ("doc", ("sockg:Illustration",)),
    "DataSource": ("source", ("sockg:DataSource",)),
    "Aim": ("aim", ("sockg:Aim",)),
    "Objective": ("concept", ("sockg:Objective", "skos:Concept")),
    "Strand": ("concept", ("sockg:Strand", "skos:Concept")),
    "ThreatCategory": ("concept", ("sockg:ThreatCategory", "skos:Concept")),
    "CrimeType": ("concept", ("sockg:CrimeType", "skos:Concept")),
    "PriorityArea": ("concept", ("sockg:PriorityArea", "skos:Concept")),
    "Theme": ("concept", ("sockg:Theme", "skos:Concept")),
    "Pillar": ("concept", ("sockg:Pillar", "skos:Concept")),
    "Priority": ("concept", ("sockg:Priority", "skos:Concept")),
    "LineOfAction": ("concept", ("sockg:LineOfAction", "skos:Concept")),
    "Term": ("concept", ("sockg:Term", "skos:Concept")),
    "Outcome": ("outcome", ("sockg:Outcome",)),
    "Capability": ("capability", ("sockg:Capability",)),
    "Government": ("org", ("sockg:Government", "org:Organization", "schema:GovernmentOrganization")),
    "GovernmentDepartment": ("org", ("sockg:GovernmentDepartment", "org:Organization", "schema:GovernmentOrganization")),
    "Agency": ("org", ("sockg:Agency", "org:Organization", "schema:GovernmentOrganization")),
    "DevolvedGovernment": ("org", ("sockg:DevolvedGovernment", "org:Organization", "schema:GovernmentOrganization")),
    "PublicBody": ("org", ("sockg:PublicBody", "org:Organization")),
    "WhatWorksCentre": ("org", ("sockg:WhatWorksCentre", "org:Organization")),
    "ActorGroup": ("org", ("sockg:ActorGroup", "org:Organization")),
    "Post": ("post", ("sockg:Post", "org:Post")),
    "Place": ("place", ("sockg:Place", "schema:AdministrativeArea")),
    "Power": ("power", ("sockg:Power",)),
    "Programme": ("programme", ("sockg:Programme",)),
    "Fund": ("programme", ("sockg:Fund", "sockg:Programme")),
    "Figure": ("figure", ("sockg:Figure",)),
}

#: Entity fields that become evidenced attribute claims: field -> (predicate, kind)
#: kind: "ref" (an entity), "scheme", "text", "year", "decimal", "int"
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("dcterms:title", "text"),
    "issued": ("sockg:issuedYear", "year"),
    "frequency": ("sockg:frequency", "text"),
    "appointed": ("sockg:appointedYear", "year"),
    "scheme": ("skos:inScheme", "scheme"),
    "top": ("skos:topConceptOf", "scheme"),
    "notation": ("skos:notation", "text"),
    "broader": ("skos:broader", "ref"),
    "value": ("sockg:value", "decimal"),
    "value_high": ("sockg:valueHigh", "decimal"),
    "unit": ("sockg:unit", "text"),
    "qualifier": ("sockg:qualifier", "text"),
    "direction": ("sockg:direction", "text"),
    "year": ("sockg:year", "year"),
    "period_text": ("sockg:period", "text"),
    "measure": ("sockg:measure", "text"),
    "about": ("sockg:about", "ref"),
    "source": ("sockg:source", "ref"),
}
_META = {"id", "type", "label", "alt", "govuk", "definition", "evidence", "mentions", "period", "note", "readings",
         "__line__"}


@dataclass
class Evidence:
    """A verbatim quote at a place of a seed (evidence of the kind ``quoted``)."""

    at: str
    quote: str
    doc: str | None = None
    note: str | None = None
    line: int = 0


#: The parts of a locator, in the order a locator is shown.
LOCATOR_KEYS = ("part", "heading", "page", "paragraph", "item")


@dataclass(frozen=True)
class Locator:
    """Where in a publication: a named part (cover, title page, imprint, contents, GOV.UK page), a heading
    (exactly as printed; a list is a path of headings), a printed page, a printed paragraph number, a list item.

    >>> Locator(heading=("Part 2: Our Response", "Pursue"), page="43").display()
    'Part 2: Our Response › Pursue, p. 43'
    """

    part: str | None = None
    heading: tuple[str, ...] = ()
    page: str | None = None
    paragraph: str | None = None
    item: str | None = None

    def display(self) -> str:
        bits = [self.part] if self.part else []
        if self.heading:
            bits.append(" › ".join(self.heading))
        if self.paragraph:
            bits.append(f"para {self.paragraph}")
        if self.item:
            bits.append(f"item {self.item}")
        if self.page:
            bits.append(f"p. {self.page}")
        return ", ".join(bits)

    def __bool__(self) -> bool:
        return bool(self.part or self.heading or self.page or self.paragraph or self.item)


@dataclass
class Citation:
    """A place in a catalogued publication and what it establishes, in our own words (evidence of the kind
    ``cited``). ``where`` or ``says`` may be missing here; the build reports that with the file and line."""

    publication: str
    where: Locator | None
    says: str | None
    line: int = 0
    doc = None   # a citation is in no seed


def parse_locator(value, where: str, line: int) -> Locator | None:
    """A locator from its YAML mapping (``None`` when there is none)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CurationError(f"a locator is a mapping of {', '.join(LOCATOR_KEYS)}, got {value!r}", path=where,
                            line=line)
    extra = set(value) - set(LOCATOR_KEYS) - {"__line__"}
    if extra:
        raise CurationError(f"unknown locator field(s): {', '.join(sorted(extra))} (use {', '.join(LOCATOR_KEYS)})",
                            path=where, line=line)
    heading = value.get("heading") or ()
    heading = tuple(str(h) for h in heading) if isinstance(heading, list) else (str(heading),) if heading else ()

    def text(key):
        v = value.get(key)
        return None if v in (None, "") else str(v)

    return Locator(part=text("part"), heading=heading, page=text("page"), paragraph=text("paragraph"),
                   item=text("item"))


def _citation(item, where, line) -> Citation:
    if not isinstance(item, dict):
        raise CurationError(f"a citation is a mapping with 'in', 'where' and 'says', got {item!r}", path=where,
                            line=line)
    line = item.get("__line__", line)
    extra = set(item) - {"in", "cite", "where", "says", "__line__"}
    if extra:
        raise CurationError(f"unknown citation field(s): {', '.join(sorted(extra))}", path=where, line=line)
    pub = item.get("in", item.get("cite"))
    if not pub:
        raise CurationError("a citation needs the publication it cites ('in')", path=where, line=line)
    says = item.get("says")
    return Citation(publication=str(pub), where=parse_locator(item.get("where"), where, line),
                    says=" ".join(str(says).split()) if says else None, line=line)


def _citations(value, where, line) -> list[Citation]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [_citation(v, where, line) for v in items]


@dataclass
class EntitySpec:
    id: str
    type: str
    label: str
    alt: list[str]
    evidence: list[Evidence]
    mentions: list[Evidence]
    fields: dict[str, object]
    #: evidence given for one field (``issued: {value: 2018, at: "18", quote: "..."}``)
    field_evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    field_notes: dict[str, str] = field(default_factory=dict)
    #: why a field's claim is a reading (field name -> reason); ``"mentionedIn"`` for the mention claim
    field_readings: dict[str, str] = field(default_factory=dict)
    govuk: str | None = None
    definition: Evidence | None = None
    period: tuple[int, int] | None = None
    note: str | None = None
    file: str = ""
    line: int = 0


@dataclass
class StatementSpec:
    subject: str
    predicate: str
    object: object  # entity ref (str) or literal dict
    evidence: list[Evidence]
    note: str | None = None
    reading: str | None = None
    file: str = ""
    line: int = 0


@dataclass
class CoreferenceSpec:
    """Words that, within one part of a seed, stand for an entity (see :mod:`sockg.build.support`)."""

    part: str          # a section or block key of the seed, or "document"
    words: list[str]
    means: str         # an entity id
    reading: str
    doc: str | None = None
    file: str = ""
    line: int = 0


@dataclass
class Curation:
    entities: dict[str, EntitySpec] = field(default_factory=dict)
    statements: list[StatementSpec] = field(default_factory=list)
    coreferences: list[CoreferenceSpec] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of each mapping under ``__line__``, and leaves dates as text (sockg
    reads them itself, so a malformed one is reported with its line rather than failing the YAML parser)."""


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(raw: str, where: str):
    """Parse YAML text with each mapping's line under ``__line__``; malformed YAML is one
    :class:`~sockg.errors.CurationError` naming the file (``where``) and line."""
    try:
        return yaml.load(raw, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CurationError(f"malformed YAML: {problem}", path=where, line=mark.line + 1 if mark else None) from None


def load_curation(folder: Path) -> Curation:
    """Read every ``*.yaml`` file in ``folder`` (sorted by name) into one :class:`Curation`."""
    cur = Curation()
    if not folder.is_dir():
        return cur
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CurationError(f"cannot read: {exc}", path=path) from None
        parse_curation(raw, path.name, cur, display=str(path))
    return cur


def parse_curation(raw: str, name: str, into: Curation | None = None, display: str | None = None) -> Curation:
    """Parse one curated file's text into ``into`` (a new :class:`Curation` by default)."""
    cur = into if into is not None else Curation()
    where = display or name
    data = load_yaml(raw, where)
    if data is None:
        return cur
    if not isinstance(data, dict):
        raise CurationError("expected a mapping with 'entities' and/or 'statements'", path=where, line=1)
    unknown = set(data) - {"source", "entities", "statements", "coreferences", "__line__"}
    if unknown:
        raise CurationError(f"unknown top-level key(s): {', '.join(sorted(unknown))}", path=where, line=1)
    source = data.get("source")
    cur.files.append(name)
    for item in _as_list(data.get("entities"), "entities", where):
        spec = _entity(item, source, name, where)
        if spec.id in cur.entities:
            other = cur.entities[spec.id]
            raise CurationError(f"entity id {spec.id!r} is already declared at {other.file}:{other.line}",
                                path=where, line=spec.line)
        cur.entities[spec.id] = spec
    for item in _as_list(data.get("statements"), "statements", where):
        cur.statements.extend(_statements(item, source, name, where))
    for item in _as_list(data.get("coreferences"), "coreferences", where):
        cur.coreferences.append(_coreference(item, source, name, where))
    return cur


def _as_list(value, key, where) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CurationError(f"'{key}' must be a list", path=where, line=1)
    return value


def _need_mapping(item, what, where, line_hint=None) -> dict:
    if not isinstance(item, dict):
        raise CurationError(f"each {what} must be a mapping, got {item!r}", path=where, line=line_hint)
    return item


def _reading(value, where, line) -> str:
    """A reading's reason: a sentence of our own (at least a few words)."""
    if not isinstance(value, str) or len(value.split()) < 3:
        raise CurationError(f"a reading needs its reason in a sentence, got {value!r}", path=where, line=line)
    return " ".join(value.split())


def _coreference(item, source, name, where) -> CoreferenceSpec:
    item = _need_mapping(item, "coreference", where)
    line = item.get("__line__", 0)
    unknown = set(item) - {"in", "words", "means", "reading", "doc", "__line__"}
    if unknown:
        raise CurationError(f"unknown coreference field(s): {', '.join(sorted(unknown))}", path=where, line=line)
    missing = [k for k in ("in", "means", "reading") if not item.get(k)]
    if missing:
        raise CurationError(f"coreference is missing {' and '.join(missing)}", path=where, line=line)
    words = item.get("words") or []
    words = words if isinstance(words, list) else [words]
    if not all(isinstance(w, str) and w.strip() for w in words):
        raise CurationError("coreference 'words' must be a list of words or phrases", path=where, line=line)
    return CoreferenceSpec(part=str(item["in"]), words=[" ".join(w.split()) for w in words], means=str(item["means"]),
                           reading=_reading(item["reading"], where, line), doc=item.get("doc") or source,
                           file=name, line=line)


def _evidence(item, source, where, line) -> Evidence | Citation:
    if not isinstance(item, dict):
        raise CurationError(f"evidence must be a mapping with 'at' and 'quote', got {item!r}", path=where, line=line)
    if "cite" in item:
        return _citation(item, where, line)
    line = item.get("__line__", line)
    missing = [k for k in ("at", "quote") if item.get(k) in (None, "")]
    if missing:
        raise CurationError(f"evidence is missing {' and '.join(missing)}", path=where, line=line)
    extra = set(item) - {"at", "quote", "doc", "note", "__line__"}
    if extra:
        raise CurationError(f"unknown evidence field(s): {', '.join(sorted(extra))}", path=where, line=line)
    return Evidence(at=str(item["at"]), quote=str(item["quote"]), doc=item.get("doc") or source,
                    note=item.get("note"), line=line)


def _evidence_list(value, source, where, line) -> list[Evidence]:
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise CurationError("evidence must be a list of {at, quote}", path=where, line=line)
    return [_evidence(v, source, where, line) for v in value]


def _entity(item, source, name, where) -> EntitySpec:
    item = _need_mapping(item, "entity", where)
    line = item.get("__line__", 0)
    typ = item.get("type")
    if typ not in TYPES:
        raise CurationError(f"entity type {typ!r} is not one of: {', '.join(sorted(TYPES))}", path=where, line=line)
    label = item.get("label")
    if not isinstance(label, str) or not label.strip():
        raise CurationError("entity needs a non-empty 'label'", path=where, line=line)
    unknown = set(item) - _META - set(FIELDS)
    if unknown:
        raise CurationError(f"unknown entity field(s): {', '.join(sorted(unknown))}", path=where, line=line)
    slug = str(item.get("id") or slugify(label))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise CurationError(f"entity id {slug!r} must be lower-case letters, digits and hyphens", path=where, line=line)
    alt = item.get("alt") or []
    if isinstance(alt, str):
        alt = [alt]
    evidence = _evidence_list(item.get("evidence"), source, where, line)
    if not evidence:
        raise CurationError(f"entity {slug!r} has no evidence: quote where the text names it", path=where, line=line)
    period = item.get("period")
    if period is not None:
        if not (isinstance(period, list) and len(period) == 2 and all(isinstance(p, int) for p in period)):
            raise CurationError("'period' must be [start_year, end_year]", path=where, line=line)
        period = (period[0], period[1])
    definition = item.get("definition")
    if definition is not None:
        definition = _evidence(definition, source, where, line)
    fields, field_evidence, field_notes, field_readings = {}, {}, {}, {}
    readings = item.get("readings") or {}
    if not isinstance(readings, dict):
        raise CurationError("'readings' must map a relation (mentionedIn, period) to its reason", path=where, line=line)
    for k, v in readings.items():
        if k == "__line__":
            continue
        if k not in ("mentionedIn", "period"):
            raise CurationError(f"'readings' takes mentionedIn or period, not {k!r} (give a field's reading with "
                                "the field)", path=where, line=line)
        field_readings[k] = _reading(v, where, line)
    for k, v in item.items():
        if k not in FIELDS:
            continue
        if isinstance(v, dict):
            fline = v.get("__line__", line)
            extra = set(v) - {"value", "at", "quote", "doc", "evidence", "cite", "note", "reading", "__line__"}
            if "value" not in v or extra:
                raise CurationError(f"field {k!r}: a mapping needs 'value' (with 'at'/'quote' or 'evidence'"
                                    f"{'; unknown: ' + ', '.join(sorted(extra)) if extra else ''})",
                                    path=where, line=fline)
            evs = _evidence_list(v.get("evidence"), source, where, fline)
            if "quote" in v or "at" in v:
                evs.append(_evidence({x: v.get(x) for x in ("at", "quote", "doc") if x in v} | {"__line__": fline},
                                     source, where, fline))
            evs.extend(_citations(v.get("cite"), where, fline))
            if not evs and not v.get("reading"):
                raise CurationError(f"field {k!r}: give its 'at' and 'quote' (or a 'reading' of the entity's own "
                                    "evidence)", path=where, line=fline)
            if evs:
                field_evidence[k] = evs
            if v.get("note"):
                field_notes[k] = str(v["note"])
            if v.get("reading"):
                field_readings[k] = _reading(v["reading"], where, fline)
            v = v["value"]
        fields[k] = v
    return EntitySpec(
        id=slug,
        type=typ,
        label=label.strip(),
        alt=[str(a) for a in alt],
        evidence=evidence,
        mentions=_evidence_list(item.get("mentions"), source, where, line),
        fields=fields,
        field_evidence=field_evidence,
        field_notes=field_notes,
        field_readings=field_readings,
        govuk=item.get("govuk"),
        definition=definition,
        period=period,
        note=item.get("note"),
        file=name,
        line=line,
    )


def _statements(item, source, name, where) -> list[StatementSpec]:
    item = _need_mapping(item, "statement", where)
    line = item.get("__line__", 0)
    unknown = set(item) - {"claim", "claims", "at", "quote", "doc", "evidence", "cite", "note", "reading", "__line__"}
    if unknown:
        raise CurationError(f"unknown statement field(s): {', '.join(sorted(unknown))}", path=where, line=line)
    if ("claim" in item) == ("claims" in item):
        raise CurationError("a statement needs exactly one of 'claim' or 'claims'", path=where, line=line)
    triples = [item["claim"]] if "claim" in item else item["claims"]
    if not isinstance(triples, list) or not triples:
        raise CurationError("'claims' must be a non-empty list of [subject, predicate, object]", path=where, line=line)
    reading = _reading(item["reading"], where, line) if item.get("reading") is not None else None
    evidence = _evidence_list(item.get("evidence"), source, where, line)
    if "quote" in item or "at" in item:
        evidence.append(_evidence({k: item.get(k) for k in ("at", "quote", "doc") if k in item} | {"__line__": line},
                                  source, where, line))
    evidence.extend(_citations(item.get("cite"), where, line))
    if not evidence:
        raise CurationError("statement has no evidence: give 'at' and 'quote', or 'cite'", path=where, line=line)
    out = []
    for t in triples:
        if not (isinstance(t, list) and len(t) == 3 and isinstance(t[0], str) and isinstance(t[1], str)):
            raise CurationError(f"a claim must be [subject, predicate, object], got {t!r}", path=where, line=line)
        obj = t[2]
        if isinstance(obj, dict):
            obj = {k: v for k, v in obj.items() if k != "__line__"}
            if not ({"value", "text"} & set(obj)):
                raise CurationError(f"a literal object needs 'value' or 'text', got {obj!r}", path=where, line=line)
        elif not isinstance(obj, str):
            raise CurationError(f"object must be an entity id or a literal mapping, got {obj!r}", path=where,
                                line=line)
        out.append(StatementSpec(subject=t[0], predicate=t[1], object=obj, evidence=evidence,
                                 note=item.get("note"), reading=reading, file=name, line=line))
    return out
