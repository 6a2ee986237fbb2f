"""The catalogue of official publications (``seeds/catalogue.yaml``): what citations may name.

Each publication records its stable id, exact title and short names, its kind
and, for an edition, its series; the identifiers it prints (command paper
number, ISBN); its date; the departments that publish it; its licence; and
its GOV.UK landing page and documents (HTML or PDF, each with its URL)::

    publications:
      - id: contest-2018                   # what citations name
        entity: contest                    # the curated entity it is (else one is made: label, alt)
        kind: strategy                     # strategy, plan, written-statement, news-story, collection
        title: "CONTEST: The United Kingdom's Strategy for Countering Terrorism"
        title_where: {part: cover}         # where the title (and every fact below) was seen
        short: [CONTEST 2018]
        series: {in: contest-collection, edition: "2018", where: {part: GOV.UK page}}   # cited from the collection
        issued: {value: 2018-06-04, cite: contest-collection, where: {part: GOV.UK page}, says: "..."}
        identifiers:
          command-paper: {value: Cm 9608, where: {part: cover}}
          isbn: {value: 978-1-5286-0209-9, where: {part: imprint}}
        departments:
          - {org: home-office, where: {part: title page}, reading: "Presented by the Home Secretary; ..."}
        licence: {value: OGL-UK-3.0, where: {part: imprint}}
        landing: https://www.gov.uk/government/collections/contest
        documents:
          - {kind: html, url: https://www.gov.uk/government/publications/...}

Every fact becomes a claim whose evidence is a citation of the publication at
that place, with a note in sockg's own words (``says`` gives one; otherwise
sockg writes one for the kind of fact). ``cite`` names another catalogued
publication the fact is seen in (a written statement that dates the
publication); a series membership is cited from the collection unless it says
otherwise. ``issued`` is a date, or ``YYYY-MM`` when only the month is printed.

What does not hold (two publications with one id, an entry with no URL, a
malformed date or identifier, a series that is not in the catalogue) is
collected with its file and line in :attr:`Catalogue.problems`; the build
reports them together.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import CurationError
from .curation import Locator, load_yaml, parse_locator
from ..text import slugify

__all__ = ["Publication", "Catalogue", "load_catalogue", "parse_catalogue", "KINDS", "GOVUK_HOSTS",
           "isbn_is_valid", "CATALOGUE_NAME", "LICENCES", "LICENCE_NAMES", "OFFICIAL_HOSTS"]

CATALOGUE_NAME = "catalogue.yaml"
#: kind of publication -> entity type (see :data:`sockg.build.curation.TYPES`)
KINDS = {"strategy": "Strategy", "plan": "Plan", "written-statement": "WrittenStatement", "news-story": "NewsStory",
         "collection": "Series"}
#: Hosts a publication's documents may be on (what ``sockg fetch`` may ask for).
GOVUK_HOSTS = ("www.gov.uk", "assets.publishing.service.gov.uk")
#: Hosts a landing page may be on: GOV.UK, and Parliament's for written statements.
OFFICIAL_HOSTS = GOVUK_HOSTS + ("hansard.parliament.uk", "questions-statements.parliament.uk",
                                "publications.parliament.uk")
LICENCES = {"OGL-UK-3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
#: What a licence is called (its ``rdfs:label`` in the graph).
LICENCE_NAMES = {"OGL-UK-3.0": "Open Government Licence v3.0"}
_MONTH = re.compile(r"\d{4}-\d{2}")
_COMMAND_PAPER = re.compile(r"^(Cm|CP|HC) \d{1,5}$")
_FIELDS = {"id", "entity", "kind", "title", "title_where", "label", "short", "series", "identifiers", "issued",
           "departments", "licence", "landing", "documents", "__line__"}


def isbn_is_valid(isbn: str) -> bool:
    """Whether ``isbn`` (with or without hyphens and spaces) is a valid ISBN-13 or ISBN-10.

    >>> isbn_is_valid("978-1-5286-0784-1"), isbn_is_valid("978-1-5286-0784-2"), isbn_is_valid("0-306-40615-2")
    (True, False, True)
    """
    chars = re.sub(r"[\s-]", "", isbn)
    if re.fullmatch(r"\d{13}", chars):
        return sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(chars)) % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", chars):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(chars))
        return total % 11 == 0
    return False


@dataclass
class Fact:
    """One value the catalogue records, with where it was seen."""

    value: object
    where: Locator | None
    line: int
    reading: str | None = None
    #: what the place establishes, when the default note does not say it
    says: str | None = None
    #: the publication the fact is seen in, when it is not the entry's own (a written statement, a collection)
    cite: str | None = None


@dataclass
class Publication:
    """One catalogued publication."""

    id: str
    kind: str
    title: str
    title_where: Locator | None
    label: str
    alt: list[str]
    entity: str
    makes_entity: bool
    file: str
    line: int
    series: str | None = None
    edition: Fact | None = None
    identifiers: dict[str, list[Fact]] = field(default_factory=dict)
    issued: Fact | None = None
    departments: list[Fact] = field(default_factory=list)
    licence: Fact | None = None
    landing: str | None = None
    documents: list[tuple[str, str]] = field(default_factory=list)

    @property
    def entity_type(self) -> str:
        return KINDS[self.kind]

    @property
    def urls(self) -> list[str]:
        return ([self.landing] if self.landing else []) + [u for _, u in self.documents]


@dataclass
class Catalogue:
    """The publications by id, and what did not hold."""

    publications: dict[str, Publication] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: the file as problems name it, and its name as claims record where they were curated
    path: str = ""
    name: str = CATALOGUE_NAME


def load_catalogue(seeds_dir: Path) -> Catalogue:
    """Read ``SEEDS/catalogue.yaml`` (an empty catalogue when there is none)."""
    path = Path(seeds_dir) / CATALOGUE_NAME
    if not path.is_file():
        return Catalogue()
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"cannot read: {exc}", path=path) from None
    return parse_catalogue(raw, CATALOGUE_NAME, display=str(path))


def _where(value, where, line) -> Locator | None:
    return parse_locator(value, where, line)


def _fact(value, where: str, line: int, what: str, problems: list[str]) -> Fact | None:
    if value is None:
        return None
    if isinstance(value, dict):
        fline = value.get("__line__", line)
        extra = set(value) - {"value", "where", "reading", "says", "cite", "__line__"}
        if extra or "value" not in value:
            problems.append(f"{where}:{fline}: {what} is a mapping of value, where (and says, reading), "
                            f"not {', '.join(sorted(set(value) - {'__line__'}))}")
            return None
        says = value.get("says")
        return Fact(value["value"], _where(value.get("where"), where, fline), fline, value.get("reading"),
                    " ".join(str(says).split()) if says else None, value.get("cite"))
    return Fact(value, None, line)


def parse_catalogue(raw: str, name: str = CATALOGUE_NAME, display: str | None = None) -> Catalogue:
    """Parse the catalogue's text; malformed YAML raises :class:`~sockg.errors.CurationError`, everything else
    that does not hold is collected in :attr:`Catalogue.problems`."""
    where = display or name
    data = load_yaml(raw, where)
    cat = Catalogue(path=where, name=name)
    if data is None:
        return cat
    if not isinstance(data, dict) or not isinstance(data.get("publications", []), list):
        raise CurationError("expected a mapping with a list of 'publications'", path=where, line=1)
    unknown = set(data) - {"publications", "__line__"}
    if unknown:
        raise CurationError(f"unknown top-level key(s): {', '.join(sorted(unknown))}", path=where, line=1)
    problems = cat.problems
    for item in data.get("publications") or []:
        pub = _publication(item, name, where, problems)
        if pub is None:
            continue
        if pub.id in cat.publications:
            other = cat.publications[pub.id]
            problems.append(f"{where}:{pub.line}: publication id {pub.id!r} is already used at line {other.line}")
            continue
        cat.publications[pub.id] = pub
    for pub in cat.publications.values():
        if pub.series and (pub.series not in cat.publications or cat.publications[pub.series].kind != "collection"):
            problems.append(f"{where}:{pub.edition.line if pub.edition else pub.line}: {pub.id}: series "
                            f"{pub.series!r} is not a collection in the catalogue")
    return cat


def _publication(item, name: str, where: str, problems: list[str]) -> Publication | None:
    if not isinstance(item, dict):
        raise CurationError(f"each publication must be a mapping, got {item!r}", path=where)
    line = item.get("__line__", 0)
    unknown = set(item) - _FIELDS
    if unknown:
        raise CurationError(f"unknown publication field(s): {', '.join(sorted(unknown))}", path=where, line=line)
    pid, kind, title = item.get("id"), item.get("kind"), item.get("title")
    if not pid or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(pid)):
        problems.append(f"{where}:{line}: a publication needs an id of lower-case letters, digits and hyphens, "
                        f"got {pid!r}")
        return None
    if kind not in KINDS:
        problems.append(f"{where}:{line}: {pid}: kind {kind!r} is not one of: {', '.join(KINDS)}")
        return None
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{where}:{line}: {pid}: a publication needs its exact title")
        return None
    alt = item.get("short") or []
    alt = [str(a) for a in (alt if isinstance(alt, list) else [alt])]
    entity = str(item.get("entity") or slugify(str(pid)))
    pub = Publication(id=str(pid), kind=kind, title=" ".join(title.split()),
                      title_where=_where(item.get("title_where"), where, line),
                      label=str(item.get("label") or title), alt=alt, entity=entity,
                      makes_entity=not item.get("entity"), file=name, line=line)
    series = item.get("series")
    if series is not None:
        if not isinstance(series, dict) or not series.get("in"):
            problems.append(f"{where}:{line}: {pid}: series is a mapping with 'in' (the collection), 'edition' "
                            "and 'where'")
        else:
            sline = series.get("__line__", line)
            extra = set(series) - {"in", "edition", "where", "cite", "says", "reading", "__line__"}
            if extra:
                problems.append(f"{where}:{sline}: {pid}: unknown series field(s): {', '.join(sorted(extra))}")
            pub.series = str(series["in"])
            says = series.get("says")
            pub.edition = Fact(str(series.get("edition") or ""), _where(series.get("where"), where, sline), sline,
                               series.get("reading"), " ".join(str(says).split()) if says else None,
                               series.get("cite"))
    ids = item.get("identifiers") or {}
    if not isinstance(ids, dict):
        problems.append(f"{where}:{line}: {pid}: identifiers is a mapping of command-paper and isbn")
        ids = {}
    for key, value in ids.items():
        if key == "__line__":
            continue
        if key not in ("command-paper", "isbn"):
            problems.append(f"{where}:{line}: {pid}: unknown identifier {key!r} (command-paper, isbn)")
            continue
        for one in value if isinstance(value, list) else [value]:
            fact = _fact(one, where, line, f"{pid}: {key}", problems)
            if fact is None:
                continue
            text = str(fact.value)
            if key == "command-paper" and not _COMMAND_PAPER.match(text):
                problems.append(f"{where}:{fact.line}: {pid}: command paper number {text!r} is not like 'Cm 9718' "
                                "or 'CP 992'")
                continue
            if key == "isbn" and not isbn_is_valid(text):
                problems.append(f"{where}:{fact.line}: {pid}: ISBN {text!r} is not a valid ISBN (check digit)")
                continue
            pub.identifiers.setdefault(key, []).append(fact)
    issued = _fact(item.get("issued"), where, line, f"{pid}: issued", problems)
    if issued is not None:
        value = issued.value
        if isinstance(value, _dt.date):
            pub.issued = issued
        elif _MONTH.fullmatch(str(value)) and 1 <= int(str(value)[5:]) <= 12:
            issued.value = str(value)   # only the month is printed (a cover's "November 2018")
            pub.issued = issued
        else:
            try:
                issued.value = _dt.date.fromisoformat(str(value))
                pub.issued = issued
            except ValueError:
                problems.append(f"{where}:{issued.line}: {pid}: issued {value!r} is not a date (YYYY-MM-DD, or "
                                "YYYY-MM when only the month is printed)")
    for dept in item.get("departments") or []:
        if not isinstance(dept, dict) or not dept.get("org"):
            problems.append(f"{where}:{line}: {pid}: each department is a mapping with 'org', 'where' (and 'reading')")
            continue
        dline = dept.get("__line__", line)
        says = dept.get("says")
        pub.departments.append(Fact(str(dept["org"]), _where(dept.get("where"), where, dline), dline,
                                    dept.get("reading"), " ".join(str(says).split()) if says else None,
                                    dept.get("cite")))
    licence = _fact(item.get("licence"), where, line, f"{pid}: licence", problems)
    if licence is not None and licence.value not in LICENCES:
        problems.append(f"{where}:{licence.line}: {pid}: licence {licence.value!r} is not one of: "
                        f"{', '.join(LICENCES)}")
    else:
        pub.licence = licence
    landing = item.get("landing")
    if landing is not None:
        problem = _url_problem(str(landing), OFFICIAL_HOSTS)
        if problem:
            problems.append(f"{where}:{line}: {pid}: landing page {landing!r}: {problem}")
        else:
            pub.landing = str(landing)
    for doc in item.get("documents") or []:
        dline = doc.get("__line__", line) if isinstance(doc, dict) else line
        if not isinstance(doc, dict) or doc.get("kind") not in ("html", "pdf") or not doc.get("url"):
            problems.append(f"{where}:{dline}: {pid}: each document is a mapping with kind (html or pdf) and url")
            continue
        url = str(doc["url"])
        problem = _url_problem(url, GOVUK_HOSTS)
        if problem:
            problems.append(f"{where}:{dline}: {pid}: document {url!r}: {problem}")
            continue
        pub.documents.append((doc["kind"], url))
    if not pub.urls:
        problems.append(f"{where}:{line}: {pid}: no URL: give its landing page or a document")
    return pub


def _url_problem(url: str, hosts: tuple[str, ...]) -> str | None:
    """Why ``url`` cannot be a catalogue address (``None`` when it can): https on one of ``hosts``, no
    credentials, no query string or fragment.

    >>> _url_problem("https://www.gov.uk/government/publications/fraud-strategy", GOVUK_HOSTS) is None
    True
    >>> _url_problem("https://example.org/x", GOVUK_HOSTS)
    'is not on www.gov.uk, assets.publishing.service.gov.uk'
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a URL"
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in url):
        return "is not an https URL"
    if parts.username or parts.password or port not in (None, 443):
        return "has credentials or a port"
    if parts.query or parts.fragment:
        return "has a query string or fragment"
    if parts.hostname not in hosts:
        return f"is not on {', '.join(hosts)}"
    return None
