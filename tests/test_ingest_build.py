"""Documents dropped into ``seeds/`` are ingested by ``sockg build`` and merged as extracted, evidenced claims."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph

from conftest import ONTOLOGY, REPO, SEEDS
from sockg.build import build
from sockg.cli import app
from sockg.kg import KnowledgeGraph
from sockg.sources import read_document
from test_ingest_labelled import labelled

SIDECAR = """title = "Safer Harbours: a delivery plan, 2025 to 2028"
kind = "plan"
retrieved = 2026-11-20
licence = "OGL-UK-3.0"
issued = 2025
"""


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A copy of the seeds with two more documents (Markdown with a sidecar, and HTML), built."""
    root = tmp_path_factory.mktemp("grown")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    plan_text, _, _ = labelled("delivery-plan-2025.ann.md")
    (seeds / "safer-harbours-2025.md").write_text(plan_text, encoding="utf-8")
    (seeds / "safer-harbours-2025.meta.toml").write_text(SIDECAR, encoding="utf-8")
    html, _, _ = labelled("port-inspection.ann.html")  # the extracted text; write the page itself
    page = (REPO / "tests" / "data" / "ingest" / "port-inspection.ann.html").read_text(encoding="utf-8")
    from test_ingest_labelled import strip_marks

    (seeds / "port-inspection.html").write_text(strip_marks(page)[0], encoding="utf-8")
    result = build(seeds, root / "build", ONTOLOGY)
    return root, result, KnowledgeGraph(root / "build")


def test_the_new_documents_are_source_documents(grown):
    _, result, kg = grown
    assert result.seeds == ["port-inspection.html", "safer-harbours-2025.md", "soc-2018-search-results.txt"]
    rows = kg.select("""SELECT ?id ?format ?title ?x WHERE { ?d a sockg:SourceDocument ; dcterms:identifier ?id ;
                        dcterms:format ?format ; dcterms:title ?title . OPTIONAL { ?d sockg:textExtraction ?x } }
                        ORDER BY ?id""")
    assert [(r["id"], r["format"], r["x"]) for r in rows] == [
        ("port-inspection", "text/html", "html-to-text"), ("safer-harbours-2025", "text/markdown", None),
        ("soc-2018-search-results", "text/plain", None)]
    assert rows[1]["title"].startswith("Safer Harbours")


def test_every_extracted_claim_is_marked_and_its_evidence_is_verbatim(grown):
    root, _, kg = grown
    rows = kg.select("""SELECT ?c ?conf ?id ?exact ?start ?end WHERE {
        ?c a sockg:Claim ; sockg:method "extracted" ; sockg:confidence ?conf ; prov:wasDerivedFrom ?e .
        ?e oa:hasSource [ dcterms:identifier ?id ] ; oa:hasSelector [ oa:exact ?exact ], [ oa:start ?start ; oa:end ?end ] .
        FILTER NOT EXISTS { ?c sockg:curatedAt ?site } }""")
    assert len({r["c"] for r in rows}) > 80
    texts = {"safer-harbours-2025": read_document(root / "seeds" / "safer-harbours-2025.md").text,
             "port-inspection": read_document(root / "seeds" / "port-inspection.html").text}
    for r in rows:
        assert 0 < float(r["conf"]) <= 1
        assert texts[r["id"]][r["start"]:r["end"]] == r["exact"], r
    assert {r["id"] for r in rows} == set(texts)  # the curated seed is not extracted


def test_entities_show_where_they_are_mentioned_across_documents(grown):
    _, _, kg = grown
    info = kg.entity("Home Office")
    docs = {m["document"] for m in info["mentions"]}
    assert docs == {"soc-2018-search-results", "safer-harbours-2025", "port-inspection"}
    plan = [m for m in info["mentions"] if m["document"] == "safer-harbours-2025"]
    assert [m["quote"] for m in plan] == ["Home Office", "Home Office", "Home Office", "HOME OFFICE", "Home\nOffice"]
    rel = [r for r in info["relations"] if r["predicate"] == "sockg:mentionedIn" or r["method"] == "extracted"]
    assert rel == []  # mentions are listed as mentions, not as relations


def test_extracted_figures_are_typed_values_with_units_and_evidence(grown):
    _, _, kg = grown
    rows = kg.select("""SELECT ?f ?value ?unit ?q ?about ?measure ?label WHERE {
        ?f a sockg:Figure ; sockg:mentionedIn [ dcterms:identifier "safer-harbours-2025" ] ; sockg:value ?value ;
           sockg:unit ?unit ; sockg:measure ?measure ; skos:prefLabel ?label .
        OPTIONAL { ?f sockg:qualifier ?q } OPTIONAL { ?f sockg:about ?about } } ORDER BY ?f""")
    assert len(rows) == 11
    cost = [r for r in rows if r["unit"] == "GBP" and str(r["value"]) == "37000000000"]
    assert len(cost) == 1 and cost[0]["q"] == "at least" and cost[0]["about"].endswith("/serious-and-organised-crime")
    assert "cost the\nUK" in cost[0]["measure"] or "cost the UK" in cost[0]["measure"]


def test_references_become_claims_and_candidates_are_never_asserted(grown):
    root, _, kg = grown
    refs = kg.select("""SELECT ?o WHERE { ?d dcterms:identifier "safer-harbours-2025" ; dcterms:references ?o }""")
    assert {r["o"].rsplit("/", 1)[1] for r in refs} >= {"contest", "serious-violence-strategy-2018",
                                                        "uk-anti-corruption-strategy-2017-2022"}
    ttl = (root / "build" / "sockg.ttl").read_text(encoding="utf-8")
    for name in ("Harbour Policing Board", "Operation Harbourlight", "Border Resilience"):
        assert f'"{name}' not in ttl  # only inside quoted evidence, never as a name


def test_the_build_with_extra_documents_is_deterministic(grown, tmp_path):
    root, _, _ = grown
    again = build(root / "seeds", tmp_path / "again", ONTOLOGY)
    assert (tmp_path / "again" / "sockg.ttl").read_bytes() == (root / "build" / "sockg.ttl").read_bytes()
    assert again.triples == grown[1].triples


def test_the_repository_build_has_no_extracted_claims(kg):
    assert kg.select('SELECT (COUNT(*) AS ?n) WHERE { ?c sockg:method "extracted" }')[0]["n"] == 0


def test_sockg_entity_lists_mentions_in_the_new_documents(grown, runner, monkeypatch):
    root, _, _ = grown
    monkeypatch.chdir(root)  # so the default seeds are the grown ones, and the build is up to date
    result = runner.invoke(app, ["entity", "NCA", "--build-dir", str(root / "build")])
    assert result.exit_code == 0, result.output
    assert "safer-harbours-2025, paragraph 4" in result.stdout and "port-inspection" in result.stdout
    assert "building the graph first" not in result.stderr


def test_ingested_rdf_matches_what_the_build_merges(grown, tmp_path, runner, monkeypatch):
    root, _, kg = grown
    monkeypatch.chdir(root)
    out = tmp_path / "plan.ttl"
    result = runner.invoke(app, ["ingest", str(root / "seeds" / "safer-harbours-2025.md"), "--format", "ttl",
                                 "-o", str(out), "--build-dir", str(root / "build")])
    assert result.exit_code == 0, result.output
    alone = Graph().parse(out, format="turtle")
    merged = kg.graph
    assert len(alone) > 500
    missing = [t for t in alone if t not in merged]
    assert missing == []
