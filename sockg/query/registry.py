"""Named competency queries: ``.rq`` files discovered from a folder.

Each file in ``sockg/queries/`` is one query, named after the file. Its first
line is a ``#`` comment that says what it answers; lines such as ::

    # param strand (entity, default "Prevent"): the delivery strand, by name or IRI

declare parameters. A parameter is a variable of the query (``?strand``); its
value is *bound* to that variable when the query runs (Oxigraph's
substitutions locally, a leading ``VALUES`` block for a remote endpoint), never
pasted into the text. Kinds: ``entity`` (a label, acronym or IRI, resolved in
the graph), ``iri``, ``string``, ``integer``, ``decimal``.

Examples
--------
>>> q = named_queries()["strand-partners"]
>>> q.description.startswith("Organisations named as partners")
True
>>> [(p.name, p.kind, p.default) for p in q.params]
[('strand', 'entity', 'Prevent')]
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..errors import QueryError

__all__ = ["Param", "NamedQuery", "named_queries", "get_named_query", "parse_named_query", "bind_values",
           "parse_assignments", "PARAM_KINDS"]

PARAM_KINDS = ("entity", "iri", "string", "integer", "decimal")
_PARAM_LINE = re.compile(r'^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(\w+)\s*(?:,\s*default\s+"([^"]*)")?\s*\)'
                         r"\s*:\s*(.*?)\s*$")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_IRI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:)[^\s<>\"{}|^`\\]+$")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query."""

    name: str
    kind: str
    default: str | None
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its name, one-line description, parameters and SPARQL text."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "text": self.text,
                "params": [{"name": p.name, "kind": p.kind, "default": p.default, "help": p.help}
                           for p in self.params]}


def parse_named_query(name: str, text: str, path: str = "") -> NamedQuery:
    """Read a named query's header: its description line and ``# param`` lines.

    >>> q = parse_named_query("x", '# Things.\\n# param n (integer, default "3"): how many\\nSELECT ?n {}')
    >>> q.description, q.params[0].kind
    ('Things.', 'integer')
    """
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#") or not lines[0].lstrip("#").strip():
        raise QueryError(f"named query {name!r} must start with a '#' comment that describes it", path=path or None)
    params = []
    for i, line in enumerate(lines[1:], start=2):
        if re.match(r"^#\s*param\b", line):
            m = _PARAM_LINE.match(line)
            if not m or m.group(2) not in PARAM_KINDS:
                raise QueryError(f"malformed parameter line (want: # param NAME (KIND, default \"VALUE\"): help; "
                                 f"KIND one of {', '.join(PARAM_KINDS)})", path=path or name, line=i)
            params.append(Param(m.group(1), m.group(2), m.group(3), m.group(4)))
    return NamedQuery(name, lines[0].lstrip("#").strip(), tuple(params), text, path)


@lru_cache(maxsize=4)
def _load(folder: str) -> dict[str, NamedQuery]:
    out = {}
    for p in sorted(Path(folder).glob("*.rq")):
        out[p.stem] = parse_named_query(p.stem, p.read_text(encoding="utf-8"), str(p))
    return out


def named_queries(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in ``folder`` (default: the ones shipped with sockg), by name."""
    if folder is None:
        from ..resources import queries_dir

        folder = queries_dir()
    return dict(_load(str(folder)))


def get_named_query(name: str, folder: str | Path | None = None) -> NamedQuery:
    """The named query ``name``; an unknown name raises :class:`~sockg.errors.QueryError` with close matches.

    >>> get_named_query("strand-partner")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sockg.errors.QueryError: no named query 'strand-partner' (did you mean: strand-partners, ...?); 'sockg queries' lists them
    """
    queries = named_queries(folder)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    close += [q for q in queries if name and name in q and q not in close][: 3 - len(close)]
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise QueryError(f"no named query {name!r}{hint}; 'sockg queries' lists them")


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """``["org=National Crime Agency", ...]`` as a dict; a malformed item raises QueryError.

    >>> parse_assignments(["org=National Crime Agency", "n = 3"])
    {'org': 'National Crime Agency', 'n': '3'}
    """
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param wants NAME=VALUE, got {item!r}")
        out[name.strip()] = value.strip()
    return out


def bind_values(query: NamedQuery, given: dict[str, str], resolve: Callable[[str], str] | None = None) -> dict:
    """Turn ``given`` parameter values (text) into RDF terms, by parameter name.

    ``resolve`` maps an entity name to its IRI (a ``KnowledgeGraph.resolve``);
    values that already are IRIs (``<...>`` or ``http(s)://...``) need none.
    Missing values take the default; unknown names, missing required values
    and malformed numbers or IRIs raise :class:`~sockg.errors.QueryError`.

    >>> q = parse_named_query("x", '# X.\\n# param n (integer): how many\\nSELECT ?n {}')
    >>> bind_values(q, {"n": "12"})["n"]
    <Literal value=12 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> bind_values(q, {"m": "1"})
    Traceback (most recent call last):
    ...
    sockg.errors.QueryError: named query 'x' has no parameter 'm'; it takes: n
    """
    import pyoxigraph as ox

    known = {p.name: p for p in query.params}
    for name in given:
        if name not in known:
            takes = ", ".join(known) or "no parameters"
            raise QueryError(f"named query {query.name!r} has no parameter {name!r}; it takes: {takes}")
    terms = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise QueryError(f"named query {query.name!r} needs --param {p.name}=VALUE ({p.help})")
        terms[p.name] = _term(p, value, resolve, ox)
    return terms


def _term(p: Param, value: str, resolve, ox):
    try:
        if p.kind in ("entity", "iri"):
            v = value.strip()
            if v.startswith("<") and v.endswith(">"):
                v = v[1:-1]
            if p.kind == "entity" and not _IRI.match(v):
                if resolve is None:
                    raise QueryError(f"parameter {p.name}: give an IRI (no graph to look names up in)")
                v = resolve(v)
            elif not _IRI.match(v):
                raise QueryError(f"parameter {p.name}: {value!r} is not an absolute IRI")
            return ox.NamedNode(v)
        if p.kind == "string":
            return ox.Literal(value)
        if p.kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        from decimal import Decimal, InvalidOperation

        try:
            d = Decimal(value)
        except InvalidOperation:
            raise ValueError(value) from None
        return ox.Literal(format(d, "f"), datatype=ox.NamedNode(_XSD + "decimal"))
    except ValueError as exc:
        raise QueryError(f"parameter {p.name}: {value!r} is not a valid {p.kind} ({exc})") from None
