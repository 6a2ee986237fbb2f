"""The first CLI commands: build, validate, stats, export, entity; bad input; round trips."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ONTOLOGY, SEEDS, digest_tree
from sockg.cli import app


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def one_error_line(result):
    err = result.stderr.strip().splitlines()
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return err


def test_help_lists_the_commands(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0, result.output
    for cmd in ("build", "validate", "stats", "export", "entity"):
        assert cmd in result.stdout


def test_python_dash_m_sockg_works():
    out = subprocess.run([sys.executable, "-m", "sockg", "--help"], capture_output=True, text=True, check=True)
    assert "Usage" in out.stdout and "build" in out.stdout


def test_build_prints_a_summary(runner, tmp_path):
    result = run(runner, "build", "--seeds", SEEDS, "--out", tmp_path / "b", "--ontology", ONTOLOGY)
    assert result.exit_code == 0, result.output
    assert "claims" in result.stdout and "evidence records" in result.stdout and "sockg:Strategy" in result.stdout
    js = run(runner, "build", "--seeds", SEEDS, "--out", tmp_path / "b", "--format", "json")
    assert js.exit_code == 0, js.output
    data = json.loads(js.stdout)
    assert data["claims"] > 300 and data["classes"]["sockg:Figure"] == len(
        [1 for f in sorted((SEEDS / "curated").glob("*.yaml")) for line in f.read_text(encoding="utf-8").splitlines()
         if line.strip() == "type: Figure"])


def test_validate_passes_on_the_built_graph(runner, built):
    result = run(runner, "validate", "--build-dir", built.out_dir)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stderr


def test_validate_fails_on_a_graph_that_breaks_shapes(runner, built, tmp_path):
    text = (built.out_dir / "sockg.ttl").read_text(encoding="utf-8")
    broken = text.replace('sockg:unit "GBP"', 'sockg:unit "GBP", "EUR"', 1)
    broken = broken.replace('sockg:periodEnd "2022"^^xsd:gYear', 'sockg:periodEnd "2001"^^xsd:gYear', 1)
    assert broken.count("EUR") == 1 and "2001" in broken
    f = tmp_path / "broken.ttl"
    f.write_text(broken, encoding="utf-8")
    result = run(runner, "validate", "--input", f)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any("annual-cost-of-serious-and-organised-crime-to-the-uk" in ln and "sockg:unit" in ln for ln in lines)
    assert any("uk-anti-corruption-strategy-2017-2022" in ln and "period ends before it starts" in ln for ln in lines)
    # changing the period's end also leaves the claim about the old end without its triple, and the new
    # unit and end are statements no claim stands behind
    assert any("/id/claim/" in ln and "reifies a triple that is not in the graph" in ln for ln in lines)
    assert any("sockg:unit: a statement about this individual has no claim" in ln and '"EUR"' in ln for ln in lines)
    assert any("sockg:periodEnd: a statement about this individual has no claim" in ln for ln in lines)
    assert len(lines) == 5, lines
    assert "5 violation(s)" in result.stderr


def test_stats_json(runner, built):
    result = run(runner, "stats", "--format", "json", "--build-dir", built.out_dir)
    assert result.exit_code == 0, result.output
    s = json.loads(result.stdout)
    assert s["triples"] == built.triples
    assert s["classes"]["sockg:Claim"] == built.claims
    # every linksTo triple has its claim: the two counts agree (8: six from the seed, two cited)
    from sockg.kg import KnowledgeGraph

    claims = KnowledgeGraph(built.out_dir).select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?c a sockg:Claim ; rdf:predicate sockg:linksTo }")[0]["n"]
    assert s["predicates"]["sockg:linksTo"] == claims == 8


def test_entity_by_acronym_shows_quotes(runner, built):
    result = run(runner, "entity", "nca", "--build-dir", built.out_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("National Crime Agency")
    assert "PB558" in result.stdout
    assert "“The National Crime Agency (NCA) assesses that the threat from serious and organised crime is increasing”" in result.stdout
    js = json.loads(run(runner, "entity", "Department of Health and Social Care", "-f", "json",
                        "--build-dir", built.out_dir).stdout)
    assert js["alt_labels"] == ["DHSC"]
    assert [r["other_label"] for r in js["relations"]] == ["Prevent"]
    assert js["relations"][0]["evidence"][0]["paragraph"] == "paragraph 137"


def test_entity_by_iri_and_case(runner, built):
    iri = "https://w3id.org/sockg/id/org/home-office"
    a = run(runner, "entity", iri, "--build-dir", built.out_dir)
    b = run(runner, "entity", "HOME OFFICE", "--build-dir", built.out_dir)
    assert a.exit_code == 0 and a.stdout == b.stdout


def test_unknown_entity_suggests_close_matches(runner, built):
    result = run(runner, "entity", "Home Ofice", "--build-dir", built.out_dir)
    err = one_error_line(result)
    assert len(err) == 1 and "did you mean" in err[0] and "Home Office" in err[0]


@pytest.mark.parametrize("fmt, parse_as", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_round_trip_isomorphic(runner, built, kg, tmp_path, fmt, parse_as):
    out = tmp_path / f"g.{fmt}"
    result = run(runner, "export", "--format", fmt, "-o", out, "--build-dir", built.out_dir)
    assert result.exit_code == 0, result.output
    g = Graph().parse(out, format=parse_as)
    assert len(g) == len(kg.graph)
    assert isomorphic(g, kg.graph)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_round_trip(runner, built, kg, tmp_path, fmt):
    from sockg.analysis import to_networkx
    from sockg.export import flatten_for_networkx_io

    out = tmp_path / f"g.{fmt}"
    result = run(runner, "export", "--format", fmt, "-o", out, "--build-dir", built.out_dir)
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    expected = flatten_for_networkx_io(to_networkx(kg))
    assert set(back.nodes) == set(expected.nodes)
    assert sorted((u, v) for u, v in back.edges()) == sorted((u, v) for u, v in expected.edges())
    nca = "https://w3id.org/sockg/id/org/national-crime-agency"
    assert back.nodes[nca]["label"] == "National Crime Agency"
    quotes = {d.get("quote") for _, _, d in back.edges(data=True)}
    assert "The Home Office has led work to produce the strategy" in quotes
    assert json.loads(back.nodes[nca]["alt_labels"]) == ["NCA"]


def test_export_to_stdout_and_unknown_format(runner, built):
    result = run(runner, "export", "--format", "nt", "--build-dir", built.out_dir)
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == built.triples
    bad = run(runner, "export", "--format", "xml", "--build-dir", built.out_dir)
    err = one_error_line(bad)
    assert bad.exit_code == 2 and "ttl, nt, jsonld, graphml, gexf" in err[0]


def test_bad_input_gives_one_line_and_leaves_build_untouched(runner, tmp_path, seeds_copy, ontology_copy):
    out = tmp_path / "out"
    assert run(runner, "build", "--seeds", seeds_copy, "--out", out, "--ontology", ontology_copy).exit_code == 0
    before = digest_tree(out)

    cases = []
    cases.append((["--seeds", tmp_path / "missing"], "seeds folder not found"))
    (tmp_path / "empty").mkdir()
    cases.append((["--seeds", tmp_path / "empty"], "no seed documents"))
    for args, expected in cases:
        result = run(runner, "build", *args, "--out", out, "--ontology", ontology_copy)
        err = one_error_line(result)
        assert len(err) == 1 and expected in err[0], err

    side = seeds_copy / "soc-2018-search-results.meta.toml"
    side_text = side.read_text(encoding="utf-8")
    side.write_text(side_text + 'colour = "blue"\n', encoding="utf-8")
    line = len(side_text.splitlines()) + 1
    err = one_error_line(run(runner, "build", "--seeds", seeds_copy, "--out", out, "--ontology", ontology_copy))
    assert len(err) == 1 and f"soc-2018-search-results.meta.toml:{line}:" in err[0]
    assert "unknown field 'colour'" in err[0]
    side.write_text(side.read_text(encoding="utf-8").replace('colour = "blue"\n', ""), encoding="utf-8")

    ttl = ontology_copy / "schemes.ttl"
    good = ttl.read_text(encoding="utf-8")
    ttl.write_text(good.replace("skos:prefLabel \"Glossary\"@en ;", "skos:prefLabel \"Glossary\"@en ;;; <oops", 1),
                   encoding="utf-8")
    err = one_error_line(run(runner, "build", "--seeds", seeds_copy, "--out", out, "--ontology", ontology_copy))
    assert len(err) == 1 and "schemes.ttl:" in err[0] and "malformed Turtle" in err[0]
    ttl.write_text(good, encoding="utf-8")

    cur = seeds_copy / "curated" / "documents.yaml"
    text = cur.read_text(encoding="utf-8")
    cur.write_text(text.replace("  - id: contest\n", "  - id: contest\n   bad: [indent\n", 1), encoding="utf-8")
    err = one_error_line(run(runner, "build", "--seeds", seeds_copy, "--out", out, "--ontology", ontology_copy))
    assert len(err) == 1 and "documents.yaml:" in err[0] and "malformed YAML" in err[0]

    cur.write_text(text.replace('quote: "the Modern Slavery Strategy 2014"', 'quote: "the Modern Slavery Strategy 2015"', 1),
                   encoding="utf-8")
    result = run(runner, "build", "--seeds", seeds_copy, "--out", out, "--ontology", ontology_copy)
    err = one_error_line(result)
    assert any("Modern Slavery Strategy 2015" in e and "documents.yaml:" in e for e in err)
    assert "1 evidence problem(s)" in err[-1] and "nothing was written" in err[-1]

    cur.write_text(text.replace("[serious-and-organised-crime-strategy-2018, linksTo, contest]",
                                "[serious-and-organised-crime-strategy-2018, linksTo, contset]", 1), encoding="utf-8")
    err = one_error_line(run(runner, "build", "--seeds", seeds_copy, "--out", out, "--ontology", ontology_copy))
    assert len(err) == 1 and "unknown entity 'contset'" in err[0] and "contest" in err[0]
    assert digest_tree(out) == before


def test_unknown_option_values_exit_2(runner, built):
    result = run(runner, "stats", "--format", "yaml", "--build-dir", built.out_dir)
    assert result.exit_code == 2 and "table, json" in result.stderr


def test_written_files_get_ordinary_permissions(runner, built, tmp_path):
    import os

    from sockg.atomic import current_umask

    out = tmp_path / "g.nt"
    assert run(runner, "export", "--format", "nt", "-o", out, "--build-dir", built.out_dir).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o666 & ~current_umask()
    site = tmp_path / "site"
    result = run(runner, "site", "-o", site, "--build-dir", built.out_dir)
    assert result.exit_code == 0, result.output
    assert site.stat().st_mode & 0o777 == 0o777 & ~current_umask()
    view = site / "views" / "overview.html"
    assert view.is_file() and view.stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


def test_validate_catches_a_relation_without_a_claim(runner, built, tmp_path):
    text = (built.out_dir / "sockg.ttl").read_text(encoding="utf-8")
    extra = ("\n<https://w3id.org/sockg/id/org/national-crime-agency> "
             "<https://w3id.org/sockg/def#partnerOn> <https://w3id.org/sockg/id/concept/pursue> .\n")
    f = tmp_path / "unclaimed.ttl"
    f.write_text(text + extra, encoding="utf-8")
    result = run(runner, "validate", "--input", f)
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines() == [
        "<https://w3id.org/sockg/id/org/national-crime-agency> sockg:partnerOn: a statement about this individual "
        "has no claim with evidence behind it (object <https://w3id.org/sockg/id/concept/pursue>)"]


def test_validate_input_refuses_empty_folders_and_fetches_nothing(runner, tmp_path):
    import http.server
    import threading

    hits = []

    class Canary(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(b'{"@context": {"name": "http://schema.org/name"}}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        doc = tmp_path / "remote.jsonld"
        doc.write_text('{"@context": "http://127.0.0.1:%d/ctx.jsonld", "@id": "http://example.org/a", "name": "x"}'
                       % server.server_address[1], encoding="utf-8")
        err = one_error_line(run(runner, "validate", "--input", doc))
        assert len(err) == 1 and "remote.jsonld" in err[0] and "remote contexts" in err[0]
        assert hits == []
    finally:
        server.shutdown()
        server.server_close()
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing\n", encoding="utf-8")
    err = one_error_line(run(runner, "validate", "--input", empty))
    assert err == [f"sockg: error: {empty}: no triples to validate"]
    err = one_error_line(run(runner, "validate", "--input", tmp_path))
    assert len(err) == 1 and "is a folder" in err[0]
    err = one_error_line(run(runner, "validate", "--input", tmp_path / "missing.ttl"))
    assert len(err) == 1 and "no such file" in err[0]
