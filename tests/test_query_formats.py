"""The server's writers (for answers cut to a size limit) agree with Oxigraph's, term for term."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from sockg.query.formats import (GRAPH_FORMATS, RESULT_FORMATS, boolean_to_bytes, media_type_format,
                                 rows_to_bytes, triples_to_bytes)

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = """SELECT ?a ?b WHERE { VALUES (?a ?b) {
  (<http://example.org/a?x=1&y=%3C2%3E> "comma, \\"quote\\" and\\nnew line"@en-GB)
  (<http://example.org/b> "37000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>)
  (UNDEF "tab\\there <b>&amp;</b>")
  ("plain" 4600)
} }"""


@pytest.fixture(scope="module")
def store():
    s = ox.Store()
    s.add(ox.Quad(ox.BlankNode("b0"), ox.NamedNode("http://example.org/p"), ox.Literal("x")))
    return s


def _solutions(store, text):
    res = store.query(text)
    names = [v.value for v in res.variables]
    return names, [tuple(sol[i] for i in range(len(names))) for sol in res]


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_own_writer_and_oxigraph_give_the_same_solutions(store, fmt):
    names, rows = _solutions(store, TRICKY)
    ours = ox.parse_query_results(rows_to_bytes(names, rows, fmt), format=RESULT_FORMATS[fmt].oxigraph)
    theirs = ox.parse_query_results(store.query(TRICKY).serialize(format=RESULT_FORMATS[fmt].oxigraph),
                                    format=RESULT_FORMATS[fmt].oxigraph)
    assert [v.value for v in ours.variables] == names
    a = [tuple(s[n] for n in names) for s in ours]
    b = [tuple(s[n] for n in names) for s in theirs]
    assert a == b == rows


def test_own_csv_matches_oxigraph_csv(store):
    names, rows = _solutions(store, TRICKY)
    ours = list(csv.reader(io.StringIO(rows_to_bytes(names, rows, "csv").decode(), newline="")))
    theirs = list(csv.reader(io.StringIO(store.query(TRICKY).serialize(format=ox.QueryResultsFormat.CSV).decode(),
                                         newline="")))
    assert ours == theirs
    assert ours[1][1] == 'comma, "quote" and\nnew line'


def test_blank_nodes(store):
    names, rows = _solutions(store, "SELECT ?s WHERE { ?s ?p ?o }")
    ours = list(ox.parse_query_results(rows_to_bytes(names, rows, "json"), format=ox.QueryResultsFormat.JSON))
    assert isinstance(ours[0]["s"], ox.BlankNode)
    assert rows_to_bytes(names, rows, "csv").decode().splitlines()[1].startswith("_:")


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_boolean_matches_oxigraph(store, fmt):
    for q, value in (("ASK { ?s ?p ?o }", True), ("ASK { ?s ?p 42 }", False)):
        assert boolean_to_bytes(value, fmt) == store.query(q).serialize(format=RESULT_FORMATS[fmt].oxigraph)


@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_triples_round_trip(fmt):
    t = [ox.Triple(ox.NamedNode("https://w3id.org/sockg/id/org/x"), ox.NamedNode("https://w3id.org/sockg/def#value"),
                   ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal")))]
    data = triples_to_bytes(t, fmt)
    back = [q.triple for q in ox.parse(data, format=GRAPH_FORMATS[fmt].oxigraph)]
    assert back == t


def test_media_types_map_to_formats():
    assert media_type_format("application/json", graph=False).name == "json"
    assert media_type_format("text/tab-separated-values; charset=utf-8", graph=False).name == "tsv"
    assert media_type_format("application/ld+json", graph=True).name == "jsonld"
    assert media_type_format("application/rdf+xml", graph=True).name == "rdfxml"
    assert media_type_format("text/csv", graph=True) is None
    with pytest.raises(ValueError):
        rows_to_bytes(["a"], [], "yaml")
