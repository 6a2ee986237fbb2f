"""The SPARQL 1.1 Protocol side of the server: reading requests, content negotiation, service description.

Examples
--------
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", graph=False).name
'xml'
>>> negotiate("*/*", graph=True).name
'ttl'
>>> negotiate("image/png", graph=False) is None
True
>>> read_operation("GET", {"query": ["ASK {}"]}, "", b"")
('query', 'ASK {}')
"""

from __future__ import annotations

import urllib.parse

from ..query.formats import GRAPH_FORMATS, RESULT_FORMATS, Format, media_type_format

__all__ = ["ProtocolError", "negotiate", "requested_format", "read_operation", "service_description", "DEFAULTS",
           "FORMAT_ALIASES"]

#: The format used when the client accepts anything.
DEFAULTS = {False: "json", True: "ttl"}
MAX_BODY = 1 << 20


class ProtocolError(Exception):
    """A request the protocol refuses: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _accept_items(accept: str) -> list[tuple[float, int, str]]:
    items = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        items.append((q, i, fields[0].lower()))
    items.sort(key=lambda t: (-t[0], t[1]))
    return [t for t in items if t[0] > 0]


#: Names clients put in a ``format`` (or ``output``) parameter, as sockg's format names.
FORMAT_ALIASES = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "json-ld": "jsonld", "rdf+xml": "rdfxml",
                  "rdf": "rdfxml", "text": "tsv", "srj": "json", "srx": "xml"}


def requested_format(value: str | None, graph: bool) -> Format | None | bool:
    """The format a ``format=`` parameter names for this kind of answer.

    ``None`` when there is no usable parameter (negotiate on Accept instead),
    ``False`` when it names a format that cannot hold this kind of answer.

    >>> requested_format("turtle", graph=True).name, requested_format("json", graph=True).name
    ('ttl', 'jsonld')
    >>> requested_format("ttl", graph=False), requested_format("anything", graph=False)
    (False, None)
    """
    if not value:
        return None
    name = FORMAT_ALIASES.get(value.strip().lower(), value.strip().lower())
    table, other = (GRAPH_FORMATS, RESULT_FORMATS) if graph else (RESULT_FORMATS, GRAPH_FORMATS)
    if graph and name in ("json", "xml"):
        name = {"json": "jsonld", "xml": "rdfxml"}[name]
    if name in table:
        return table[name]
    if "/" in name:
        return media_type_format(name, graph) or (False if media_type_format(name, not graph) else None)
    return False if name in other else None


def negotiate(accept: str | None, graph: bool, requested: str | None = None) -> Format | None:
    """The format to answer in: the one ``requested`` names if any, else the best match for ``accept``.

    ``None`` when nothing acceptable can be produced (the caller answers 406).
    """
    table = GRAPH_FORMATS if graph else RESULT_FORMATS
    chosen = requested_format(requested, graph)
    if chosen is not None:
        return chosen or None
    if not accept:
        return table[DEFAULTS[graph]]
    for _, _, media in _accept_items(accept):
        if media in ("*/*", "application/*"):
            return table[DEFAULTS[graph]]
        if media == "text/*":
            return table["ttl" if graph else "csv"]
        if graph and media == "application/json":
            return table["jsonld"]
        f = media_type_format(media, graph)
        if f is not None:
            return f
    return None


def read_operation(method: str, params: dict[str, list[str]], content_type: str, body: bytes) -> tuple[str, str]:
    """What a request asks: ``("query", text)``, ``("named", name)`` or ``("description", "")``.

    Updates, dataset parameters and unknown body types raise :class:`ProtocolError`.
    """
    ctype = content_type.split(";", 1)[0].strip().lower()
    if method == "POST":
        if len(body) > MAX_BODY:
            raise ProtocolError(413, f"the request body is over {MAX_BODY} bytes")
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                raise ProtocolError(400, "the form is not UTF-8") from None
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query is not UTF-8") from None
        elif ctype == "application/sparql-update":
            raise ProtocolError(403, "updates are refused: this endpoint is read-only")
        else:
            raise ProtocolError(415, "send the query as application/x-www-form-urlencoded or "
                                     "application/sparql-query")
    if "update" in params:
        raise ProtocolError(403, "updates are refused: this endpoint is read-only")
    for p in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if p in params:
            raise ProtocolError(400, f"{p} is refused: this endpoint answers from its own graph and fetches nothing")
    queries, names = params.get("query", []), params.get("name", [])
    if len(queries) + len(names) > 1:
        raise ProtocolError(400, "give one query (or one named query) per request")
    if queries:
        if not queries[0].strip():
            raise ProtocolError(400, "the query is empty")
        return "query", queries[0]
    if names:
        return "named", names[0]
    return "description", ""


def service_description(endpoint: str, triples: int | None, max_rows: int, timeout: float):
    """The SPARQL 1.1 Service Description of the endpoint, as pyoxigraph triples."""
    import pyoxigraph as ox

    SD = "http://www.w3.org/ns/sparql-service-description#"
    F = "http://www.w3.org/ns/formats/"
    RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    sd = lambda local: ox.NamedNode(SD + local)  # noqa: E731
    service, dataset, graph = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("graph")
    out = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, RDF_TYPE, sd("Graph")),
        ox.Triple(service, ox.NamedNode("http://purl.org/dc/terms/description"), ox.Literal(
            f"sockg: a read-only SPARQL 1.1 endpoint over an evidence-linked graph of UK crime strategies. "
            f"Updates, SERVICE and FROM are refused; queries stop after {timeout:g} s; answers are cut at "
            f"{max_rows} rows.", language="en")),
    ]
    for local in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        out.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(F + local)))
    if triples is not None:
        out.append(ox.Triple(graph, ox.NamedNode("http://rdfs.org/ns/void#triples"),
                             ox.Literal(str(triples), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    return out
