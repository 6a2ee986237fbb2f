"""RDF terms as plain values and names, and RDF sources opened without fetching anything.

The one place for:

* :func:`term_value`: a pyoxigraph term as a Python value;
* :func:`curie` / :func:`expand`: an IRI as a prefixed name and back;
  :func:`iri_tail`: the last segment of an IRI;
* :func:`sparql_string`: text as a quoted SPARQL (or Turtle) string literal;
* :func:`open_store`, :func:`read_store`, :func:`read_graph`, :func:`to_store`:
  RDF files, store folders and rdflib graphs as stores or graphs. Every file
  is parsed by Oxigraph, which refuses remote JSON-LD contexts (rdflib's
  parser would fetch them, or read a local file for ``file:``), and every
  failure is a :class:`~sockg.errors.SourceError` naming the file.

Imports from sockg: :mod:`~sockg.errors` and :mod:`~sockg.namespaces` only.

Examples
--------
>>> curie("https://w3id.org/sockg/def#Strategy"), expand("skos:prefLabel")
('sockg:Strategy', 'http://www.w3.org/2004/02/skos/core#prefLabel')
>>> curie("http://example.org/x"), curie("http://example.org/x", bracket=False)
('<http://example.org/x>', 'http://example.org/x')
>>> iri_tail("https://w3id.org/sockg/id/org/national-crime-agency")
'national-crime-agency'
>>> print(sparql_string('say "hi"\\n'))
"say \\"hi\\"\\n"
>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = p.write_text("<http://example.org/a> <http://example.org/p> 'x' .")
>>> len(read_graph(p)), len(read_store(p))
(1, 1)
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import SourceError
from .namespaces import PREFIXES

__all__ = ["term_value", "curie", "expand", "iri_tail", "local_name", "sparql_string", "RDF_SUFFIXES", "rdf_format",
           "open_store", "read_store", "read_graph", "to_store", "parse_error_line"]

#: Prefixes that name vocabulary in prefixed names (individuals keep their full IRIs), longest namespace first.
_NAMED_PREFIXES = sorted(((p, ns) for p, ns in PREFIXES.items() if p != "id"), key=lambda kv: -len(kv[1]))
_INTEGER_TYPES = ("#integer", "#nonNegativeInteger", "#positiveInteger", "#int", "#long")
_NUMBER_TYPES = ("#decimal", "#double", "#float")


def term_value(term):
    """A pyoxigraph term as a plain Python value (IRIs and strings as ``str``, numbers as numbers).

    Whole decimals stay exact integers (37000000000 GBP), other numbers are floats.

    >>> import pyoxigraph as ox
    >>> term_value(ox.Literal("37000000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    37000000000
    >>> term_value(ox.Literal("2.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    2.5
    >>> term_value(ox.NamedNode("http://example.org/a")), term_value(None)
    ('http://example.org/a', None)
    """
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    if datatype is None:
        return term.value
    dt, text = datatype.value, term.value
    if dt.endswith(_INTEGER_TYPES):
        return int(text)
    if dt.endswith("#boolean"):
        return text == "true"
    if dt.endswith(_NUMBER_TYPES):
        try:
            number = float(text)
        except ValueError:
            return text
        if number.is_integer() and "e" not in text.lower() and abs(number) < 2**63:
            return int(text.split(".")[0])
        return number
    return text


def curie(iri: str, *, bracket: bool = True) -> str:
    """``iri`` as a prefixed name when a project prefix covers it; else ``<iri>`` (or the bare IRI).

    Individuals (the ``id:`` namespace) keep their full IRIs: their local parts hold ``/``.
    """
    for prefix, ns in _NAMED_PREFIXES:
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>" if bracket else iri


def expand(name: str) -> str:
    """A prefixed name (or ``<iri>``) as a full IRI; anything else is returned as it is.

    >>> expand("<http://example.org/x>"), expand("nope:x")
    ('http://example.org/x', 'nope:x')
    """
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return name


def iri_tail(iri: str) -> str:
    """The last segment of an IRI, after its last ``/`` or ``#`` (the IRI itself when that is empty)."""
    return re.split(r"[/#]", str(iri).rstrip("/#"))[-1] or str(iri)


def local_name(name: str) -> str:
    """The local part of a prefixed name, an IRI or an ``<IRI>``.

    >>> local_name("sockg:Agency"), local_name("<http://example.org/v#Thing>"), local_name("ex:T")
    ('Agency', 'Thing', 'T')
    """
    return iri_tail(name.strip("<>")).rsplit(":", 1)[-1]


def sparql_string(value: str) -> str:
    """``value`` as a double-quoted string literal (backslashes, quotes and line breaks escaped)."""
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


# --------------------------------------------------------------------------- reading RDF

#: File suffixes read as RDF, by Oxigraph format name.
RDF_SUFFIXES = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES", ".nq": "N_QUADS",
    ".trig": "TRIG", ".n3": "N3", ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML",
    ".jsonld": "JSON_LD", ".json": "JSON_LD",
}


def rdf_format(path: Path):
    """The Oxigraph format for ``path``'s suffix; :class:`SourceError` for anything else."""
    import pyoxigraph as ox

    name = RDF_SUFFIXES.get(Path(path).suffix.lower())
    if name is None:
        known = ", ".join(sorted(RDF_SUFFIXES))
        raise SourceError(f"not an RDF file by its name (expected one of: {known})", path=path)
    return getattr(ox.RdfFormat, name)


def parse_error_line(exc: BaseException) -> int | None:
    """The line an Oxigraph parse error points at, if it points at one.

    >>> parse_error_line(SyntaxError("error at 3:7: expected '.'")), parse_error_line(ValueError("x"))
    (3, None)
    """
    if isinstance(getattr(exc, "lineno", None), int):
        return exc.lineno
    m = re.search(r"\bat (?:line )?(\d+)(?::| column )\d+", str(exc))
    return int(m.group(1)) if m else None


def _one_line(exc: BaseException) -> str:
    """The error's own message on one line (a SyntaxError's, without the "(file, line N)" Python appends)."""
    text = exc.msg if isinstance(exc, SyntaxError) and exc.msg else str(exc)
    return " ".join(str(text).split())


def _check_file(path: Path) -> None:
    if not path.exists():
        raise SourceError("no such file or folder", path=path)
    if path.is_dir():
        raise SourceError("is a folder, not a file", path=path)


def _parse_failure(exc: BaseException, fmt, path: Path) -> SourceError:
    verb = "parse" if isinstance(exc, SyntaxError) else "read"
    return SourceError(f"cannot {verb} as {fmt}: {_one_line(exc)}", path=path, line=parse_error_line(exc))


def read_store(path: str | Path, into=None):
    """Parse the RDF file at ``path`` into an in-memory :class:`pyoxigraph.Store` (``into``, or a new one).

    (Oxigraph's store keeps numbers by value: an ``xsd:nonNegativeInteger``
    comes back as an ``xsd:integer``. Use :func:`read_graph` to keep terms exactly.)
    """
    import pyoxigraph as ox

    path = Path(path)
    _check_file(path)
    fmt = rdf_format(path)
    store = into if into is not None else ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, OSError, ValueError) as exc:
        raise _parse_failure(exc, fmt, path) from None
    return store


def open_store(path: str | Path):
    """A store for ``path``: an Oxigraph store folder (opened read-only) or an RDF file (loaded in memory)."""
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise SourceError(f"not an Oxigraph store ({_one_line(exc)})", path=path) from None
    return read_store(path)


def read_graph(path: str | Path, into=None, *, fmt=None):
    """Parse the RDF file at ``path`` (through Oxigraph) into an rdflib graph (``into``, or a new one).

    Oxigraph's parser is used on its own, not its store, which would turn
    derived integer types such as ``xsd:nonNegativeInteger`` into ``xsd:integer``.
    Named graphs are merged into the one graph. ``fmt`` overrides the format the suffix gives.
    """
    import pyoxigraph as ox
    from rdflib import Graph

    path = Path(path)
    _check_file(path)
    fmt = fmt or rdf_format(path)
    try:
        triples = [q.triple for q in ox.parse(path=str(path), format=fmt)]
    except (SyntaxError, OSError, ValueError) as exc:
        raise _parse_failure(exc, fmt, path) from None
    g = into if into is not None else Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def to_store(source):
    """A pyoxigraph store for ``source``: a store, anything with a ``store`` (a built graph) or an rdflib graph."""
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        return source
    store = getattr(source, "store", None)
    if isinstance(store, ox.Store):
        return store
    st = ox.Store()
    st.bulk_load(input=source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return st
