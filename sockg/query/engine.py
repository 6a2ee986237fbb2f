"""Run SPARQL queries on the local store or on a remote endpoint.

Every query is read by :func:`~sockg.query.safety.check_query` first (updates,
``SERVICE`` and ``FROM`` refused; unknown prefixes named). Locally it then runs
on Oxigraph with the project's prefixes predeclared (passed to the parser, not
pasted in front of the text, so error positions match the user's text). On
a remote endpoint the same text goes out over the SPARQL 1.1 Protocol, with
the prefixes it uses declared on its first line.

Named-query parameters are bound the same way on both: a ``VALUES`` block of
RDF terms, each written by Oxigraph (so quotes and escapes cannot break out),
placed first in the query's WHERE group, where the parser says it starts.
(Oxigraph's own ``substitutions`` would need every bound variable in the
SELECT clause, and a remote endpoint has no such thing.)

Examples
--------
>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode(
...     "http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("A")))
>>> target = LocalTarget(store)
>>> target.run("SELECT ?l WHERE { ?s skos:prefLabel ?l }").to_python()
[{'l': 'A'}]
>>> target.run("SELECT ?l WHERE { ?s skos:prefLabel ?l") # doctest: +ELLIPSIS
Traceback (most recent call last):
...
sockg.errors.QueryError: syntax error at line 1, column 39: expected one of ...
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

import pyoxigraph as ox

from ..errors import QueryError
from ..terms import term_value
from .formats import GRAPH_FORMATS, RESULT_FORMATS, graph_prefixes, rows_to_bytes, write_solutions
from .safety import QueryInfo, check_query, where_body_offset, with_prefixes

__all__ = ["Result", "LocalTarget", "EndpointTarget", "syntax_message", "values_block", "bind",
           "label_resolver"]


def _prefixes() -> dict[str, str]:
    from ..namespaces import PREFIXES

    return PREFIXES


def syntax_message(exc: Exception) -> str:
    """Oxigraph's parse error as one line: ``syntax error at line L, column C: ...``.

    >>> syntax_message(SyntaxError('error at 2:7: expected one of "a", "b"'))
    'syntax error at line 2, column 7: expected one of "a", "b"'
    """
    text = " ".join(str(exc).split())
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", text)
    if not m:
        return f"syntax error: {text}"
    detail = m.group(3)
    if detail.startswith("expected one of"):
        items = re.findall(r'"[^"]*"|[A-Za-z][A-Za-z0-9_]*(?=,|$)', detail[len("expected one of"):])
        if items:
            shown = ", ".join(items[:12]) + (", ..." if len(items) > 12 else "")
            detail = f"expected one of {shown}"
        elif len(detail) > 160:
            detail = detail[:157] + "..."
    return f"syntax error at line {m.group(1)}, column {m.group(2)}: {detail}"


class Result:
    """A query's answer: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).

    ``form`` is ``"select"``, ``"ask"`` or ``"graph"``. The answer is read
    once, by :meth:`write`, :meth:`rows`, :meth:`triples` or :meth:`to_python`.
    """

    def __init__(self, raw, form: str, variables: list[str] | None = None):
        self._raw = raw
        self.form = form
        self.variables = list(variables or [])

    def __repr__(self) -> str:
        return f"<Result {self.form} {self.variables}>"

    @classmethod
    def from_oxigraph(cls, raw) -> "Result":
        if isinstance(raw, ox.QuerySolutions):
            return cls(raw, "select", [v.value for v in raw.variables])
        if isinstance(raw, ox.QueryBoolean):
            return cls(raw, "ask")
        return cls(raw, "graph")

    @property
    def boolean(self) -> bool:
        return bool(self._raw)

    def rows(self) -> Iterator[tuple]:
        """Solutions as tuples of terms (``None`` where unbound), in variable order."""
        n = len(self.variables)
        try:
            for sol in self._raw:
                yield tuple(sol[i] for i in range(n))
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"the query failed: {exc}") from None

    def triples(self) -> Iterator:
        try:
            for t in self._raw:
                yield t.triple if isinstance(t, ox.Quad) else t
        except (OSError, RuntimeError, SyntaxError) as exc:
            raise QueryError(f"the query failed: {exc}") from None

    def to_python(self):
        """Plain Python: a list of ``{variable: value}`` (SELECT), a bool (ASK) or a list of triples of strings."""
        if self.form == "select":
            return [{v: term_value(t) for v, t in zip(self.variables, row)} for row in self.rows()]
        if self.form == "ask":
            return self.boolean
        return [tuple(str(x) for x in (t.subject, t.predicate, t.object)) for t in self.triples()]

    def write(self, fmt: str, out: BinaryIO) -> None:
        """Write the whole answer to ``out`` in ``fmt`` (a result format, or a graph format for graphs)."""
        try:
            if self.form == "graph":
                prefixes = graph_prefixes() if fmt in ("ttl", "rdfxml") else None
                ox.serialize(self.triples(), out, format=GRAPH_FORMATS[fmt].oxigraph, prefixes=prefixes)
            elif isinstance(self._raw, (ox.QuerySolutions, ox.QueryBoolean)):
                write_solutions(self._raw, fmt, out)
            else:  # rows parsed from elsewhere
                out.write(rows_to_bytes(self.variables, self.rows(), fmt))
        except (OSError, RuntimeError) as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            raise QueryError(f"the query failed: {exc}") from None


def label_resolver(store):
    """A name -> IRI lookup on any store, for stores that are not opened as a build (``--data``).

    Names resolve as :meth:`~sockg.kg.KnowledgeGraph.resolve` resolves them
    (one implementation: :class:`sockg.names.NameIndex`): an IRI, a preferred
    or alternative label in any case and spacing and with or without a leading
    "the", or a slug; ``rdfs:label`` counts too, after the SKOS labels.
    Unknown names raise :class:`~sockg.errors.EntityNotFoundError` suggesting
    labels. The index is read from the store on first use.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://example.org/p"), ox.NamedNode(
    ...     "http://www.w3.org/2004/02/skos/core#altLabel"), ox.Literal("UWO")))
    >>> label_resolver(store)("the uwo")
    'http://example.org/p'
    """
    from ..names import NameIndex

    index: list[NameIndex] = []

    def resolve(name: str) -> str:
        if not index:
            index.append(NameIndex.from_store(store))
        return index[0].resolve(name)

    return resolve


class LocalTarget:
    """Queries on an Oxigraph store in this process."""

    def __init__(self, store, resolve=None, name: str = "local graph"):
        self.store = store
        self.resolve = resolve
        self.name = name

    def run(self, text: str | QueryInfo, *, bindings: dict | None = None, allow_federation: bool = False) -> Result:
        """Check and run a query; ``bindings`` maps variable names to pyoxigraph terms."""
        info = bind(text, bindings, allow_federation)
        try:
            raw = self.store.query(info.text, prefixes=_prefixes())
        except SyntaxError as exc:
            raise QueryError(syntax_message(exc)) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {' '.join(str(exc).split())}") from None
        return Result.from_oxigraph(raw)


def values_block(bindings: dict) -> str:
    """A ``VALUES`` block that binds variables to terms (written by Oxigraph, so escaped correctly).

    >>> values_block({"org": ox.NamedNode("http://example.org/nca"), "n": ox.Literal("a \\"b\\"")})
    ' VALUES (?org ?n) { (<http://example.org/nca> "a \\\\"b\\\\"") } '
    """
    names = " ".join(f"?{ox.Variable(k).value}" for k in bindings)
    terms = " ".join(str(v) for v in bindings.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


def bind(text: str | QueryInfo, bindings: dict | None = None, allow_federation: bool = False) -> QueryInfo:
    """Check a query and bind ``bindings`` (variable name -> pyoxigraph term) with a leading VALUES block.

    >>> bind("SELECT ?l WHERE { ?s rdfs:label ?l }", {"s": ox.NamedNode("http://example.org/s")}).text
    'SELECT ?l WHERE { VALUES (?s) { (<http://example.org/s>) }  ?s rdfs:label ?l }'
    """
    info = text if isinstance(text, QueryInfo) else check_query(text, allow_federation=allow_federation)
    if not bindings:
        return info
    at = where_body_offset(info)
    return check_query(info.text[:at] + values_block(bindings) + info.text[at:], allow_federation=allow_federation)


class EndpointTarget:
    """Queries sent to a remote SPARQL 1.1 endpoint (Oxigraph, Fuseki, GraphDB, Virtuoso, ...)."""

    def __init__(self, url: str, *, timeout: float = 60.0, user: str | None = None, password: str | None = None,
                 default_graph: str | None = None):
        from .remote import check_url

        self.url = check_url(url)
        self.name = self.url if not default_graph else f"{self.url} (graph <{default_graph}>)"
        self.timeout = timeout
        self.auth = (user, password or "") if user else None
        self.default_graph = default_graph

    def prepare(self, text: str | QueryInfo, bindings: dict | None = None, allow_federation: bool = False):
        """The text that goes over the wire, and what :func:`check_query` made of it."""
        info = bind(text, bindings, allow_federation)
        return with_prefixes(info), info

    def run(self, text: str | QueryInfo, *, bindings: dict | None = None, allow_federation: bool = False) -> Result:
        from .remote import sparql_query

        wire, info = self.prepare(text, bindings, allow_federation)
        media, body = sparql_query(self.url, wire, graph=info.is_graph, timeout=self.timeout, auth=self.auth,
                                   default_graph=self.default_graph)
        if info.is_graph:
            fmt = ox.RdfFormat.from_media_type(media) or (ox.RdfFormat.N_TRIPLES if media == "text/plain" else None)
            if fmt is None:
                raise QueryError(f"{self.url} answered with {media!r}, not an RDF format")
            return Result(ox.parse(body, format=fmt), "graph")
        fmt = next((f.oxigraph for f in RESULT_FORMATS.values() if media in (f.media_type,) + f.aliases), None)
        if fmt is None or fmt == ox.QueryResultsFormat.CSV:
            raise QueryError(f"{self.url} answered with {media!r}, not a SPARQL results format")
        try:
            raw = ox.parse_query_results(body, format=fmt)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{self.url} sent results that cannot be read: {exc}") from None
        return Result.from_oxigraph(raw)
