"""No claim beyond its evidence: readings are data, and the support check finds the rest."""

from __future__ import annotations

import json

import pytest

from conftest import ONTOLOGY
from sockg.build import build
from sockg.build.curation import parse_curation
from sockg.build.support import Coreference, Support, check_support, fidelity
from sockg.cli import app
from sockg.errors import CurationError
from sockg.names import NameIndex

SOC2018 = "https://w3id.org/sockg/id/strategy/serious-and-organised-crime-strategy-2018"


def append(path, text: str) -> int:
    """Append ``text`` to a curated file; return the line it starts on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


# ---------------------------------------------------------------- the repository's graph
def test_the_repository_graph_passes_the_support_check(kg):
    assert check_support(kg.store) == []


def test_validate_runs_the_support_check_and_passes(runner, built):
    result = runner.invoke(app, ["validate", "-b", str(built.out_dir)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stderr


def test_the_build_summary_counts_stated_claims_and_readings(runner, tmp_path):
    result = runner.invoke(app, ["build", "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.strip().startswith("fidelity"))
    f = json.loads((tmp_path / "b" / "manifest.json").read_text())["fidelity"]
    from sockg.build.support import fidelity_line

    assert line.split(None, 1)[1] == fidelity_line(f)
    assert f"{f['claims']['stated']} stated by their evidence (cited {f['stated']['cited']}, " \
           f"quoted {f['stated']['quoted']})" in line
    assert f["stated"]["cited"] > 0 and f["stated"]["quoted"] > 0
    assert f["claims"]["reading"] >= 12 and f["stated"]["quoted"] > 5 * f["reading"]["quoted"]


def test_readings_are_in_the_graph_and_every_reader_shows_them(kg):
    nca = kg.entity("NCA")
    created = next(r for r in nca["relations"] if r["predicate"] == "sockg:createdUnder")
    assert created["reading"].startswith("Paragraph 38 lists the creation of the NCA")
    stated = next(r for r in nca["relations"] if r["predicate"] == "sockg:assesses")
    assert stated["reading"] is None and stated["evidence"][0]["kind"] == "quoted"
    # the alignments of objectives with strands, once flagged only by a YAML comment
    rows = kg.select("SELECT (COUNT(*) AS ?n) WHERE { ?c rdf:predicate sockg:alignsWithStrand ; sockg:reading ?r }")
    assert rows == [{"n": 4}]


def test_sockg_entity_prints_a_reading_as_such(runner, built):
    result = runner.invoke(app, ["entity", "NCA", "-b", str(built.out_dir)])
    assert result.exit_code == 0, result.output
    assert "reading: Paragraph 38 lists the creation of the NCA" in result.stdout


def test_the_issues_findings_are_fixed(kg):
    def triples(p):
        return {(r["s"], r["o"]) for r in kg.select(f"SELECT ?s ?o WHERE {{ ?s {p} ?o }}")}

    base = "https://w3id.org/sockg/id/"
    # not supported, so gone or corrected
    assert (SOC2018, base + "concept/serious-violence") not in triples("sockg:addresses")
    assert (SOC2018, base + "concept/serious-violence") in triples("sockg:linksToWorkOn")
    assert (base + "strategy/serious-violence-strategy-2018", base + "programme/early-intervention") \
        not in triples("sockg:partOf")
    assert (base + "org/welsh-police-and-crime-commissioners", base + "place/wales") not in triples("sockg:appliesTo")
    # the over-read mention is gone: "to smuggle drugs, firearms and people" names no organised immigration crime
    oic = kg.entity("Organised immigration crime")
    assert all("smuggle" not in e["quote"] for e in oic["mentions"])


# ---------------------------------------------------------------- planted problems are caught
PLANTED = """
  - claim: [home-office, partnerOn, pursue]
    at: "18"
    quote: "In 2018, the NCA is aware of over 4,600 organised crime groups operating in the UK."
"""
PLANTED_MENTION = """
  - id: planted-body
    type: PublicBody
    label: Planted Oversight Body
    evidence:
      - {at: "16", quote: "illegal drugs"}
"""


def test_a_planted_unsupported_claim_is_caught(seeds_copy, tmp_path, runner):
    line = append(seeds_copy / "curated" / "strategy.yaml", PLANTED)
    result = build(seeds_copy, tmp_path / "out", ONTOLOGY)
    assert len(result.warnings) == 1
    w = result.warnings[0]
    assert w.startswith(f"strategy.yaml:{line + 1}: Home Office sockg:partnerOn Pursue: its quote's sentence names "
                        "neither the subject (Home Office) nor the object (Pursue)")
    assert "4,600 organised crime groups" in w
    v = runner.invoke(app, ["validate", "-b", str(tmp_path / "out")])
    assert v.exit_code == 1
    assert [x for x in v.stdout.splitlines() if x.startswith("support: ")] == [f"support: {w}"]
    assert v.stderr.strip().endswith("1 violation(s)")
    # the build says so on stderr, and still builds
    b = runner.invoke(app, ["build", "--seeds", str(seeds_copy), "-o", str(tmp_path / "out2")])
    assert b.exit_code == 0 and f"sockg: warning: support: {w}" in b.stderr


def test_a_planted_claim_marked_as_a_reading_passes(seeds_copy, tmp_path):
    append(seeds_copy / "curated" / "strategy.yaml", PLANTED + '    reading: "A test reading of a quote that says nothing of it."\n')
    result = build(seeds_copy, tmp_path / "out", ONTOLOGY)
    assert result.warnings == []
    assert result.fidelity["claims"]["reading"] == build(seeds_copy.parent / "seeds", tmp_path / "o2",
                                                         ONTOLOGY).fidelity["claims"]["reading"]


def test_a_planted_mention_that_names_nothing_is_caught(seeds_copy, tmp_path):
    text = (seeds_copy / "curated" / "organisations.yaml").read_text(encoding="utf-8")
    text = text.replace("\nentities:\n", "\nentities:\n" + PLANTED_MENTION, 1)
    (seeds_copy / "curated" / "organisations.yaml").write_text(text, encoding="utf-8")
    result = build(seeds_copy, tmp_path / "out", ONTOLOGY)
    line = text.splitlines().index("  - id: planted-body") + 1
    assert result.warnings == [f"organisations.yaml:{line}: a mention of Planted Oversight Body whose quote does not name it "
                               "(quote “illegal drugs”); give a quote that states it, or mark it as a reading"]


def test_words_stand_for_an_entity_only_where_a_coreference_says_so():
    names = NameIndex([("x:s", "SOC Strategy", "pref"), ("x:ho", "Home Office", "pref")])
    corefs = [Coreference("d/result-2", "x:s", ("the strategy",)), Coreference("d/result-2/para-5", "x:ho")]
    check = Support(names, corefs, {"d/result-2/para-9/item-1": "The Home Office has four aims:"})
    sentence = "The Home Office has led work to produce the strategy."
    assert check.missing_ends(sentence, "d/result-2/para-10", "x:ho", "x:s") == []
    assert check.missing_ends(sentence, "d/result-3/para-10", "x:ho", "x:s") == ["object"]
    assert check.missing_ends("It was published.", "d/result-2/para-5", "x:ho", "x:s") == ["object"]  # its own text
    assert check.missing_ends("Cut the strategy.", "d/result-2/para-9/item-1", "x:ho", "x:s") == []  # the lead-in
    assert check.missing_ends("Cut the strategy.", "d/result-2/para-9/item-2", "x:ho", "x:s") == ["subject"]


def test_fidelity_counts_each_kind_of_evidence():
    from sockg.evidence.read import ClaimRecord, EvidenceRecord

    def claim(kinds, reading=None):
        return ClaimRecord("c", "s", "p", "o", True, "curated", [], [EvidenceRecord(k) for k in kinds], reading=reading)

    f = fidelity([claim(["quoted"]), claim(["quoted", "cited"]), claim(["extracted"]), claim(["quoted"], "why")])
    assert f == {"stated": {"cited": 1, "extracted": 1, "quoted": 2}, "reading": {"quoted": 1},
                 "claims": {"stated": 3, "reading": 1}}


# ---------------------------------------------------------------- the curated files
@pytest.mark.parametrize("text, message", [
    ("statements:\n  - claim: [a, b, c]\n    at: '1'\n    quote: q\n    reading: why\n", "a reading needs its reason"),
    ("coreferences:\n  - in: result-2\n    words: [it]\n    reading: 'It is the strategy, really.'\n",
     "coreference is missing means"),
    ("coreferences:\n  - in: result-2\n    means: x\n    reading: 'A reason that is long enough.'\n    colour: red\n",
     r"unknown coreference field\(s\): colour"),
    ("entities:\n  - type: Agency\n    label: X\n    evidence: [{at: '1', quote: q}]\n    readings: {title: 'a b c'}\n",
     "'readings' takes mentionedIn or period"),
])
def test_bad_readings_and_coreferences_are_refused_with_their_line(text, message):
    with pytest.raises(CurationError, match=message) as caught:
        parse_curation(text, "x.yaml")
    assert caught.value.line is not None


def test_an_unknown_coreference_part_is_refused(seeds_copy, tmp_path):
    append(seeds_copy / "curated" / "coreferences.yaml",
           "  - in: result-9\n    means: home-office\n    reading: 'There is no result 9 in the seed.'\n")
    with pytest.raises(CurationError, match="no section or block 'result-9'"):
        build(seeds_copy, tmp_path / "out", ONTOLOGY)


def test_views_and_site_show_readings(kg, tmp_path):
    from sockg.views import render_view
    from sockg.views.site import build_site

    html = render_view(kg, focus="NCA").html
    assert "Paragraph 38 lists the creation of the NCA" in html and "sockg-reading" in html
    build_site(kg, tmp_path / "site", physics=False)
    page = (tmp_path / "site" / "entities" / "org-national-crime-agency.html").read_text(encoding="utf-8")
    assert 'class="reading">Reading: Paragraph 38 lists the creation of the NCA' in page


def test_the_readme_gives_the_builds_fidelity_line(built):
    from conftest import REPO
    from sockg.build.support import fidelity_line

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{fidelity_line(built.fidelity)}`" in readme
