"""Read any RDF file without fetching anything.

rdflib's JSON-LD parser follows remote ``@context`` IRIs (an outbound request,
or a local file read for ``file:`` IRIs). Oxigraph's parsers refuse remote
contexts, so every user-supplied RDF file is parsed by Oxigraph and only then
handed to rdflib where rdflib is needed.

Examples
--------
>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = p.write_text("<http://example.org/a> <http://example.org/p> 'x' .")
>>> len(read_rdf_graph(p))
1
"""

from __future__ import annotations

from pathlib import Path

from .errors import SourceError

__all__ = ["rdf_format", "read_rdf_store", "read_rdf_graph", "RDF_SUFFIXES"]

#: File suffixes read as RDF, by Oxigraph format name.
RDF_SUFFIXES = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES", ".nq": "N_QUADS",
    ".trig": "TRIG", ".n3": "N3", ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML",
    ".jsonld": "JSON_LD", ".json": "JSON_LD",
}


def rdf_format(path: Path):
    """The Oxigraph format for ``path``'s suffix; :class:`SourceError` for anything else."""
    import pyoxigraph as ox

    name = RDF_SUFFIXES.get(path.suffix.lower())
    if name is None:
        known = ", ".join(sorted(RDF_SUFFIXES))
        raise SourceError(f"not an RDF file by its name (expected one of: {known})", path=path)
    return getattr(ox.RdfFormat, name)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise SourceError("no such file", path=path)
    if path.is_dir():
        raise SourceError("is a folder, not a file", path=path)


def read_rdf_store(path: str | Path):
    """Parse the RDF file at ``path`` into a new in-memory :class:`pyoxigraph.Store`.

    (Oxigraph's store keeps numbers by value: an ``xsd:nonNegativeInteger``
    comes back as an ``xsd:integer``. Use :func:`read_rdf_graph` to keep terms exactly.)
    """
    import pyoxigraph as ox

    path = Path(path)
    _check_file(path)
    fmt = rdf_format(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise SourceError(f"cannot parse as {fmt}: {' '.join(str(exc).split())}", path=path) from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot read as {fmt}: {' '.join(str(exc).split())}", path=path) from None
    return store


def read_rdf_graph(path: str | Path, into=None):
    """Parse the RDF file at ``path`` (through Oxigraph) into an rdflib graph (``into``, or a new one).

    Oxigraph's parser is used on its own, not its store, which would turn
    derived integer types such as ``xsd:nonNegativeInteger`` into ``xsd:integer``.
    """
    import pyoxigraph as ox
    from rdflib import Graph

    path = Path(path)
    _check_file(path)
    fmt = rdf_format(path)
    try:
        # named graphs are merged into the one graph
        triples = [q.triple for q in ox.parse(path=str(path), format=fmt)]
    except SyntaxError as exc:
        raise SourceError(f"cannot parse as {fmt}: {' '.join(str(exc).split())}", path=path) from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"cannot read as {fmt}: {' '.join(str(exc).split())}", path=path) from None
    g = into if into is not None else Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g
