"""The gazetteer: every name the graph knows, compiled into one automaton.

Names come from the graph itself: each entity's ``skos:prefLabel``, its
``skos:altLabel`` values (acronyms and variants), and for documents their
``dcterms:title``, ``dcterms:identifier`` and command paper number. Each name yields a few
*variants* (plural or singular, hyphens joined, years around a strategy's
title), and every variant is folded (see :mod:`sockg.ingest.fold`) into a key
such as ``" home office "``. All keys go into one Aho-Corasick automaton, so
a document is scanned once whatever the number of names.

Each variant also keeps the casing of the name it came from, which
:mod:`sockg.ingest.mentions` uses to tell the Home Office from a home office.

Examples
--------
>>> gaz = Gazetteer.from_rows([
...     {"iri": "x:ho", "label": "Home Office", "kind": "pref", "types": ["GovernmentDepartment"]},
...     {"iri": "x:cc", "label": "Cyber crime", "kind": "pref", "types": ["ThreatCategory"]},
... ])
>>> sorted(v.key for v in gaz.variants if v.entry.iri == "x:cc")
[' cyber crime ', ' cyber crimes ', ' cybercrime ']
>>> gaz.entries["x:ho"].category
'organisation'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..namespaces import PREFIXES
from ..terms import iri_tail
from .fold import fold

__all__ = ["Entry", "Variant", "Gazetteer", "CATEGORIES", "category_of", "CASELESS", "SINGLE", "SEVERAL"]

#: how a key of the automaton is judged (see :attr:`Gazetteer.automaton`)
CASELESS, SINGLE, SEVERAL = 0, 1, 2

#: class local name -> category used in reports and comparisons
CATEGORIES: dict[str, str] = {
    "ThreatCategory": "threat", "CrimeType": "threat",
    "Government": "organisation", "GovernmentDepartment": "organisation", "Agency": "organisation",
    "DevolvedGovernment": "organisation",
    "PublicBody": "organisation", "WhatWorksCentre": "organisation", "ActorGroup": "organisation",
    "Organization": "organisation", "FormalOrganization": "organisation", "GovernmentOrganization": "organisation",
    "Strategy": "strategy", "PolicyDocument": "strategy", "Review": "strategy", "Assessment": "strategy",
    "Vision": "strategy", "Briefing": "strategy", "Article": "strategy", "DataSource": "strategy",
}
#: classes whose instances are never matched (their labels are descriptions, not names)
EXCLUDED = frozenset({"Figure", "Illustration", "SourceDocument", "SearchResultsPage", "SearchResult", "Section",
                      "Block", "Claim", "Evidence", "ConceptScheme"})
#: classes whose one-word, capitalised names are ordinary words elsewhere ("Prevent", "Protect")
COMMON_WORD_TYPES = frozenset({"Strand"})
#: classes whose one-word names are ordinary nouns, matched in any case ("Fraud", "fraud")
GENERIC_TYPES = frozenset({"ThreatCategory", "CrimeType", "Term", "PriorityArea", "ActorGroup", "Outcome",
                           "Capability", "Aim", "Objective"})
_CATEGORY_ORDER = ("threat", "organisation", "strategy")
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def category_of(types) -> str:
    """The report category of an entity with these class local names.

    >>> category_of(["Agency", "Organization"]), category_of(["Strand", "Concept"])
    ('organisation', 'other')
    """
    cats = {CATEGORIES[t] for t in types if t in CATEGORIES}
    for c in _CATEGORY_ORDER:
        if c in cats:
            return c
    return "place" if "Place" in types else "other"


@dataclass
class Entry:
    """One entity of the graph."""

    iri: str
    label: str
    types: frozenset[str]
    category: str
    year: int | None = None          # issued, or first year of its period
    period: tuple[int, int] | None = None

    @property
    def is_document(self) -> bool:
        return self.category == "strategy"


@dataclass
class Variant:
    """One way of writing an entity's name, with the casing the text must show."""

    key: str                 # folded and padded: " home office "
    surface: str             # as written in the graph, or derived from it
    entry: Entry
    rules: tuple[str | None, ...]  # per word: "acro" (exact or upper), "cap" (initial capital), None
    common_word: bool = False      # one capitalised word that is also an ordinary word
    derived: bool = False
    words: tuple[str, ...] = ()    # the surface's words, as the rules index them

    def __post_init__(self):
        if not self.words:
            self.words = tuple(_WORD.findall(self.surface))

    @property
    def caps_required(self) -> int:
        return sum(1 for r in self.rules if r == "cap")


def _word_rules(surface: str, types: frozenset[str]) -> tuple[str | None, ...]:
    words = _WORD.findall(surface)
    rules: list[str | None] = []
    for w in words:
        upper = sum(1 for c in w if c.isupper())
        if len(w) >= 2 and (upper >= 2 or (w.isupper() and w.isalpha())):
            rules.append("acro")
        elif w[0].isupper():
            rules.append("cap")
        else:
            rules.append(None)
    if rules and rules[0] == "cap":
        others = [r for r in rules[1:]]
        if others and not any(others):
            rules[0] = None  # sentence case ("Cyber crime"): the capital is only the label's first letter
        elif not others and types & GENERIC_TYPES:
            rules[0] = None  # a one-word concept that is an ordinary noun ("Fraud")
    return tuple(rules)


def _plural_forms(surface: str) -> list[str]:
    """The other grammatical number of a name: "Unexplained Wealth Order" <-> "Orders", "UWO" <-> "UWOs"."""
    words = surface.split()
    last = words[-1] if words else ""
    if re.fullmatch(r"[A-Z]{2,}s?", last):
        return [surface[:-1]] if last.endswith("s") else [surface + "s"]
    if len(words) < 2 or not last.isalpha() or len(last) < 4:
        return []
    head = surface[: len(surface) - len(last)]
    if last.endswith("ies"):
        return [head + last[:-3] + "y"]
    if last.endswith("s") and not last.endswith("ss"):
        return [head + last[:-1]]
    if last.endswith("y") and last[-2] not in "aeiou":
        return [head + last[:-1] + "ies"]
    return [head + last + "s"]


def _joined_forms(surface: str) -> list[str]:
    out = []
    if re.search(r"\w-\w", surface):
        out.append(re.sub(r"(?<=\w)-(?=\w)", "", surface))
    words = surface.split()
    if len(words) == 2 and all(w.isalpha() for w in words) and len(words[0]) <= 6:
        out.append(words[0] + words[1].lower())
    return out


def _year_forms(surface: str, entry: Entry) -> list[str]:
    if _YEAR.search(surface) or len(surface.split()) < 2:
        return []
    out = []
    if entry.period:
        a, b = entry.period
        for p in (f"{a}-{b}", f"{a}-{str(b)[2:]}", f"{a} to {b}"):
            out += [f"{p} {surface}", f"{surface} {p}"]
    if entry.year:
        out += [f"{entry.year} {surface}", f"{surface} {entry.year}"]
    return out


@dataclass
class Gazetteer:
    """Entities and the variants of their names, with the compiled automaton.

    Build it with :meth:`from_graph` (an rdflib graph), :meth:`from_kg` (a
    built :class:`~sockg.kg.KnowledgeGraph`) or :meth:`from_rows`.
    """

    entries: dict[str, Entry]
    variants: list[Variant]
    _automaton: object = field(default=None, repr=False)
    _by_key: dict | None = field(default=None, repr=False)

    # ---------------------------------------------------------------- construction
    @classmethod
    def from_rows(cls, rows) -> "Gazetteer":
        """Build from rows ``{"iri", "label", "kind": pref|alt|title|identifier, "types", "year"?, "period"?}``.

        Rows of one entity may repeat ``types``, ``year`` and ``period``; they are merged.
        """
        by_iri: dict[str, dict] = {}
        for r in rows:
            d = by_iri.setdefault(r["iri"], {"names": [], "types": set(), "pref": None, "year": None, "period": None})
            d["types"].update(r.get("types") or ())
            if r.get("year"):
                d["year"] = int(r["year"])
            if r.get("period"):
                d["period"] = tuple(int(y) for y in r["period"])
            if r.get("label"):
                d["names"].append((r["kind"], str(r["label"])))
                if r["kind"] == "pref":
                    d["pref"] = str(r["label"])
        entries: dict[str, Entry] = {}
        variants: list[Variant] = []
        for iri in sorted(by_iri):
            d = by_iri[iri]
            types = frozenset(d["types"])
            if d["pref"] is None or types & EXCLUDED:
                continue
            year = d["year"] or (d["period"][0] if d["period"] else None)
            entry = Entry(iri=iri, label=d["pref"], types=types, category=category_of(types), year=year,
                          period=d["period"])
            if entry.category != "strategy":
                d["names"] = [(k, n) for k, n in d["names"] if k not in ("title", "identifier")]
            entries[iri] = entry
            variants.extend(cls._variants_of(entry, [n for _, n in sorted(set(d["names"]))]))
        return cls(entries=entries, variants=variants)

    @staticmethod
    def _variants_of(entry: Entry, names: list[str]) -> list[Variant]:
        seen: set[tuple[str, tuple]] = set()
        out: list[Variant] = []

        def add(surface: str, derived: bool) -> None:
            surface = surface.strip()
            if re.match(r"(?i)the\s", surface) and re.search(r"[A-Z]", surface[4:]):
                surface = surface[4:].strip()  # "the Home Office" -> "Home Office"; "the government" stays
            key = fold(surface)
            if len(key) < 2 or key.isdigit():
                return
            rules = _word_rules(surface, entry.types)
            if len(rules) != len(key.split()):
                return
            sig = (key, rules)
            if sig in seen:
                return
            seen.add(sig)
            common = len(rules) == 1 and rules[0] == "cap" and bool(entry.types & COMMON_WORD_TYPES)
            out.append(Variant(key=f" {key} ", surface=surface, entry=entry, rules=rules, common_word=common,
                               derived=derived))

        for name in names:
            add(name, False)
        for name in names:
            forms = _joined_forms(name)
            if not entry.is_document and "Place" not in entry.types:
                forms += _plural_forms(name)
            if entry.is_document:
                forms += _year_forms(name, entry)
            for f in forms:
                add(f, True)
        return out

    @classmethod
    def from_graph(cls, graph) -> "Gazetteer":
        """Build from an rdflib graph (the assembled graph, or a parsed ``sockg.ttl``)."""
        from rdflib import URIRef
        from rdflib.namespace import DCTERMS, RDF, SKOS

        from ..namespaces import ID, SOCKG

        rows = []
        base = str(ID)
        for pred, kind in ((SKOS.prefLabel, "pref"), (SKOS.altLabel, "alt"), (DCTERMS.title, "title"),
                           (DCTERMS.identifier, "identifier"), (SOCKG.commandPaper, "identifier")):
            for s, o in graph.subject_objects(pred):
                if isinstance(s, URIRef) and str(s).startswith(base):
                    rows.append({"iri": str(s), "label": str(o), "kind": kind})
        iris = {r["iri"] for r in rows}
        for s in iris:
            node = URIRef(s)
            types = [iri_tail(t) for t in graph.objects(node, RDF.type)]
            year = graph.value(node, SOCKG.issuedYear)
            start, end = graph.value(node, SOCKG.periodStart), graph.value(node, SOCKG.periodEnd)
            rows.append({"iri": s, "types": types, "year": int(str(year)[:4]) if year is not None else None,
                         "period": (int(str(start)[:4]), int(str(end)[:4])) if start is not None and end is not None
                         else None})
        return cls.from_rows(rows)

    @classmethod
    def from_kg(cls, kg) -> "Gazetteer":
        """Build from a built :class:`~sockg.kg.KnowledgeGraph` (one SPARQL query)."""
        res = kg.select(f"""
            SELECT ?s ?kind ?label ?type ?year ?start ?end WHERE {{
              {{ ?s skos:prefLabel ?label BIND("pref" AS ?kind) }}
              UNION {{ ?s skos:altLabel ?label BIND("alt" AS ?kind) }}
              UNION {{ ?s dcterms:title ?label BIND("title" AS ?kind) }}
              UNION {{ ?s dcterms:identifier ?label BIND("identifier" AS ?kind) }}
              UNION {{ ?s sockg:commandPaper ?label BIND("identifier" AS ?kind) }}
              UNION {{ ?s a ?type }}
              UNION {{ ?s sockg:issuedYear ?year }}
              UNION {{ ?s sockg:periodStart ?start ; sockg:periodEnd ?end }}
              FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{PREFIXES['id']}"))
            }}""")
        rows = []
        for r in res:
            row = {"iri": r["s"], "kind": r["kind"], "label": r["label"]}
            if r["type"]:
                row["types"] = [iri_tail(r["type"])]
            if r["year"]:
                row["year"] = int(str(r["year"])[:4])
            if r["start"] and r["end"]:
                row["period"] = (int(str(r["start"])[:4]), int(str(r["end"])[:4]))
            rows.append(row)
        return cls.from_rows(rows)

    # ---------------------------------------------------------------- matching
    @property
    def automaton(self):
        """The compiled Aho-Corasick automaton: folded key -> ``(key length, mode, variant or variants)``.

        ``mode`` is :data:`CASELESS` (one variant that any casing matches), :data:`SINGLE` (one variant
        with casing to check) or :data:`SEVERAL` (a tuple of variants sharing the key).
        """
        if self._automaton is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            table: dict[str, list[Variant]] = {}
            for v in self.variants:
                table.setdefault(v.key, []).append(v)
            for key, found in table.items():
                if len(found) > 1:
                    auto.add_word(key, (len(key), SEVERAL, tuple(found)))
                elif any(found[0].rules) or found[0].common_word:
                    auto.add_word(key, (len(key), SINGLE, found[0]))
                else:
                    auto.add_word(key, (len(key), CASELESS, found[0]))
            auto.make_automaton()
            self._automaton = auto
        return self._automaton

    def lookup(self, name: str) -> list[Variant]:
        """Variants whose folded key equals the folded ``name`` (for linking references).

        >>> gaz = Gazetteer.from_rows([{"iri": "x:c", "label": "CONTEST", "kind": "pref", "types": ["Strategy"]}])
        >>> [v.entry.iri for v in gaz.lookup("Contest")]
        ['x:c']
        """
        if self._by_key is None:
            self._by_key = {}
            for v in self.variants:
                self._by_key.setdefault(v.key, []).append(v)
        return list(self._by_key.get(f" {fold(name)} ", ()))
