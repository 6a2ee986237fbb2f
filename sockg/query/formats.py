"""Result formats: names, media types and writers.

SELECT and ASK answers are written in the SPARQL 1.1 result formats (JSON,
XML, CSV, TSV) or as a table for people; CONSTRUCT and DESCRIBE answers as
Turtle, N-Triples, JSON-LD or RDF/XML. Formats are looked up by name in
:data:`RESULT_FORMATS` and :data:`GRAPH_FORMATS` (a registry, not an
if-chain); :func:`media_type_format` maps HTTP media types to them.

Two kinds of writer are here. :func:`write_solutions` streams a whole answer
through Oxigraph's own serializers (what ``sockg query`` uses: nothing is
held in memory). :func:`rows_to_bytes` writes a list of rows that has already
been cut to a size limit (what ``sockg serve`` uses); it follows the same
specifications, and the tests check the two agree term for term.

Examples
--------
>>> import pyoxigraph as ox
>>> rows = [(ox.NamedNode("http://example.org/a"), ox.Literal("x, y", language="en"))]
>>> rows_to_bytes(["s", "label"], rows, "csv").decode().splitlines()
['s,label', 'http://example.org/a,"x, y"']
>>> display(ox.NamedNode("https://w3id.org/sockg/id/org/national-crime-agency"))
'id:org/national-crime-agency'
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Sequence

import pyoxigraph as ox

__all__ = ["Format", "RESULT_FORMATS", "GRAPH_FORMATS", "TABLE", "media_type_format", "write_solutions",
           "rows_to_bytes", "boolean_to_bytes", "triples_to_bytes", "graph_prefixes", "display", "term_to_json"]

XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Format:
    """A named output format."""

    name: str
    media_type: str
    extension: str
    oxigraph: object        #: the pyoxigraph QueryResultsFormat or RdfFormat
    aliases: tuple[str, ...] = ()


#: Formats for SELECT and ASK answers (the SPARQL 1.1 result formats).
RESULT_FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "application/sparql-results+json", "srj", ox.QueryResultsFormat.JSON, ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", ox.QueryResultsFormat.XML, ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv", ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "tsv", ox.QueryResultsFormat.TSV),
)}
#: Formats for CONSTRUCT and DESCRIBE answers.
GRAPH_FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("ttl", "text/turtle", "ttl", ox.RdfFormat.TURTLE, ("application/x-turtle",)),
    Format("nt", "application/n-triples", "nt", ox.RdfFormat.N_TRIPLES, ("text/plain",)),
    Format("jsonld", "application/ld+json", "jsonld", ox.RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML),
)}
#: The format for people: an aligned table (a rich table on a terminal).
TABLE = "table"


def media_type_format(media_type: str, graph: bool) -> Format | None:
    """The format a media type names, for a graph answer or a table of solutions.

    >>> media_type_format("application/sparql-results+json; charset=utf-8", graph=False).name
    'json'
    >>> media_type_format("text/turtle", graph=True).name
    'ttl'
    >>> media_type_format("text/turtle", graph=False) is None
    True
    """
    mt = media_type.split(";", 1)[0].strip().lower()
    for f in (GRAPH_FORMATS if graph else RESULT_FORMATS).values():
        if mt == f.media_type or mt in f.aliases:
            return f
    return None


# ---------------------------------------------------------------- whole answers (streamed by Oxigraph)
def write_solutions(raw, fmt: str, out: BinaryIO) -> None:
    """Write an Oxigraph ``QuerySolutions`` or ``QueryBoolean`` to ``out`` in a result format."""
    raw.serialize(out, format=RESULT_FORMATS[fmt].oxigraph)


# ---------------------------------------------------------------- cut answers (written here)
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def escape(text: str) -> str:
    """Text escaped for XML content (:func:`xml.sax.saxutils.escape`).

    >>> escape('a < b & "c"')
    'a &lt; b &amp; "c"'
    """
    from xml.sax.saxutils import escape as xml_escape  # here: it imports urllib.request (20 ms at start-up)

    return xml_escape(text)


def quoteattr(text: str) -> str:
    """Text as a double-quoted XML attribute value (always double quotes, unlike :func:`xml.sax.saxutils.quoteattr`).

    >>> quoteattr('say "hi" & <go>')
    '"say &quot;hi&quot; &amp; &lt;go&gt;"'
    """
    from xml.sax.saxutils import escape as xml_escape

    return '"' + xml_escape(text, _ATTRIBUTE_ENTITIES) + '"'


def term_to_json(term) -> dict:
    """One RDF term as a SPARQL 1.1 JSON results binding.

    >>> term_to_json(ox.Literal("4600", datatype=ox.NamedNode(XSD + "integer")))
    {'type': 'literal', 'value': '4600', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_to_json(term.subject),
                                            "predicate": term_to_json(term.predicate),
                                            "object": term_to_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        attr = ""
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype is not None and term.datatype.value != XSD + "string":
            attr = f" datatype={quoteattr(term.datatype.value)}"
        return f"<literal{attr}>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def rows_to_bytes(variables: Sequence[str], rows: Iterable[Sequence], fmt: str) -> bytes:
    """Write rows of terms (``None`` for unbound) in a result format: json, xml, csv or tsv."""
    if fmt == "json":
        bindings = [{v: term_to_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                      for v, t in zip(variables, row) if t is not None]
            parts.append("</result>")
        parts.append("</results></sparql>")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_csv_value(t) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown result format {fmt!r}")


def boolean_to_bytes(value: bool, fmt: str) -> bytes:
    """An ASK answer in a result format (CSV and TSV as a bare ``true``/``false``, as Oxigraph does).

    >>> boolean_to_bytes(True, "json")
    b'{"head":{},"boolean":true}'
    """
    word = "true" if value else "false"
    if fmt == "json":
        return f'{{"head":{{}},"boolean":{word}}}'.encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head>'
                f"<boolean>{word}</boolean></sparql>").encode()
    if fmt in ("csv", "tsv"):
        return word.encode()
    raise ValueError(f"unknown result format {fmt!r}")


def graph_prefixes() -> dict[str, str]:
    """Prefixes for Turtle and RDF/XML output: the project's, but not ``id:`` (its local names hold slashes,
    which would need escaping: full IRIs read better)."""
    from ..namespaces import PREFIXES

    return {p: ns for p, ns in PREFIXES.items() if p != "id"}


def triples_to_bytes(triples: Iterable, fmt: str) -> bytes:
    """Triples in a graph format, with the project's prefixes where the format has them."""
    f = GRAPH_FORMATS[fmt]
    prefixes = graph_prefixes() if fmt in ("ttl", "rdfxml") else None
    return ox.serialize(list(triples), format=f.oxigraph, prefixes=prefixes)


# ---------------------------------------------------------------- for people
def display(term, prefixes: dict[str, str] | None = None) -> str:
    """A short, readable form of a term for tables: prefixed IRIs, bare literal values.

    >>> display(ox.Literal("37000000000", datatype=ox.NamedNode(XSD + "decimal")))
    '37000000000'
    >>> display(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if prefixes is None:
            from ..namespaces import PREFIXES as prefixes
        best = ""
        for p, ns in prefixes.items():
            if term.value.startswith(ns) and len(ns) > len(prefixes.get(best, "")):
                best = p
        return f"{best}:{term.value[len(prefixes[best]):]}" if best else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)
