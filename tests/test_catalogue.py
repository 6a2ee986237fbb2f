"""The catalogue of official publications and cited evidence: what it builds, what it refuses, and how every
reader shows a citation."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import ONTOLOGY, REPO, SEEDS, digest_tree

from sockg.build import build
from sockg.build.catalogue import isbn_is_valid, parse_catalogue
from sockg.build.curation import parse_curation
from sockg.cli import app
from sockg.errors import CurationError

CATALOGUE = SEEDS / "catalogue.yaml"
SOC2018 = "https://w3id.org/sockg/id/strategy/serious-and-organised-crime-strategy-2018"


def catalogue_ids() -> list[str]:
    return [p["id"] for p in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["publications"]]


# ---------------------------------------------------------------- the catalogue as data

def test_the_catalogue_covers_the_publications_the_issue_names():
    cat = parse_catalogue(CATALOGUE.read_text(encoding="utf-8"))
    assert cat.problems == []
    pubs = cat.publications
    for pid in ("soc-2013", "soc-2018", "soc-2023", "contest-2018", "contest-2011", "contest-2023", "svs-2018",
                "acs-2017", "ncss-2016", "mss-2014", "ecp-2019", "fraud-2023"):
        assert pid in pubs, pid
        assert pubs[pid].urls and all(u.startswith("https://") for u in pubs[pid].urls)
    # editions form series, with their editions
    assert {(p.id, p.edition.value) for p in pubs.values() if p.series == "soc-collection"} == \
        {("soc-2013", "2013"), ("soc-2018", "2018"), ("soc-2023", "2023")}
    assert {p.id for p in pubs.values() if p.series == "contest-collection"} == {"contest-2011", "contest-2018",
                                                                                  "contest-2023"}
    # identifiers are as printed and well formed (the ISBNs' check digits hold)
    cp = {p.id: [f.value for f in p.identifiers.get("command-paper", [])] for p in pubs.values()}
    assert (cp["soc-2013"], cp["soc-2018"], cp["soc-2023"], cp["contest-2018"]) == \
        (["Cm 8715"], ["Cm 9718"], ["CP 992"], ["Cm 9608"])
    assert all(isbn_is_valid(str(f.value)) for p in pubs.values() for f in p.identifiers.get("isbn", []))


@pytest.mark.parametrize("isbn,ok", [("978-1-5286-0784-1", True), ("9780101871525", True), ("978 0 10 181232 0", True),
                                     ("978-1-5286-0784-2", False), ("0-306-40615-2", True), ("12345", False)])
def test_isbn_check_digits(isbn, ok):
    assert isbn_is_valid(isbn) is ok


def test_every_problem_of_a_bad_catalogue_is_listed_with_its_line():
    raw = """publications:
  - id: one
    kind: strategy
    title: One
    landing: https://www.gov.uk/government/publications/one
  - id: one
    kind: strategy
    title: One again
    landing: https://www.gov.uk/government/publications/one-again
  - id: two
    kind: strategy
    title: Two
  - id: three
    kind: strategy
    title: Three
    issued: {value: 2018-13-45, where: {part: cover}}
    identifiers:
      command-paper: {value: Command 12, where: {part: cover}}
      isbn: {value: 978-1-5286-0784-2, where: {part: imprint}}
    landing: http://www.gov.uk/government/publications/three
  - id: four
    kind: strategy
    title: Four
    documents:
      - {kind: pdf, url: "https://evil.example/four.pdf"}
      - {kind: html, url: "https://www.gov.uk/x?tracking=1"}
"""
    problems = parse_catalogue(raw, "catalogue.yaml").problems
    text = "\n".join(problems)
    assert "catalogue.yaml:6: publication id 'one' is already used at line 2" in text
    assert "catalogue.yaml:10: two: no URL" in text
    assert re.search(r"catalogue.yaml:16: three: issued '2018-13-45' is not a date", text)
    assert re.search(r"catalogue.yaml:18: three: command paper number 'Command 12'", text)
    assert re.search(r"catalogue.yaml:19: three: ISBN '978-1-5286-0784-2' is not a valid ISBN", text)
    assert re.search(r"catalogue.yaml:13: three: landing page .* is not an https URL", text)
    assert re.search(r"catalogue.yaml:25: four: document 'https://evil.example/four.pdf': is not on www.gov.uk", text)
    assert re.search(r"catalogue.yaml:26: four: document .*: has a query string", text)
    assert all(re.match(r"^catalogue\.yaml:\d+: ", p) for p in problems)


def test_a_malformed_catalogue_is_one_clear_error():
    with pytest.raises(CurationError, match="malformed YAML"):
        parse_catalogue("publications:\n  - id: [x\n", "catalogue.yaml")
    with pytest.raises(CurationError, match="unknown publication field"):
        parse_catalogue("publications:\n  - {id: x, kind: strategy, title: X, colour: red}\n", "catalogue.yaml")


def test_bad_citations_and_a_bad_catalogue_fail_the_build_together(seeds_copy, tmp_path, runner):
    out = tmp_path / "out"
    build(seeds_copy, out, ONTOLOGY)
    before = digest_tree(out)
    cat = seeds_copy / "catalogue.yaml"
    text = cat.read_text(encoding="utf-8")
    # a second entry with an id already used, and one with no URL
    text += """
  - id: svs-2018
    kind: strategy
    label: Another
    title: Another
    landing: https://www.gov.uk/government/publications/another
  - id: no-address
    kind: strategy
    title: Nowhere
    issued: {value: 2019-02-30, where: {part: cover}}
"""
    cat.write_text(text, encoding="utf-8")
    (seeds_copy / "curated" / "zz-bad.yaml").write_text("""statements:
  - claim: [contest, addresses, fraud]
    cite: {in: contest-2019, where: {part: cover}, says: "Names fraud as a threat it covers."}
  - claim: [contest, addresses, illegal-drugs]
    cite: {in: contest-2018, says: "Names drugs."}
  - claim: [contest, addresses, cyber-crime]
    cite: {in: contest-2018, where: {page: "3"}}
""", encoding="utf-8")
    result = runner.invoke(app, ["build", "--seeds", str(seeds_copy), "--out", str(out)])
    assert result.exit_code != 0
    err = result.stderr
    assert "Traceback" not in err
    assert re.search(r"catalogue\.yaml:\d+: publication id 'svs-2018' is already used at line \d+", err)
    assert re.search(r"catalogue\.yaml:\d+: no-address: issued '2019-02-30' is not a date", err)
    assert re.search(r"catalogue\.yaml:\d+: no-address: no URL", err)
    assert re.search(r"zz-bad\.yaml:3: cites 'contest-2019', which is not in the catalogue \(did you mean: "
                     r"contest-2018", err)
    assert re.search(r"zz-bad\.yaml:5: a citation of 'contest-2018' needs a locator", err)
    assert re.search(r"zz-bad\.yaml:7: a citation of 'contest-2018' needs a note", err)
    assert re.search(r"catalogue\.yaml:\d+: no-address: the title needs .where.", err)
    assert "7 evidence problem(s)" in err and "nothing was written" in err
    assert digest_tree(out) == before


def test_a_citation_with_unknown_fields_is_refused_where_it_is():
    with pytest.raises(CurationError, match=r"unknown citation field\(s\): quote"):
        parse_curation("statements:\n  - claim: [a, linksTo, b]\n    cite: {in: x, where: {page: 1}, says: s, "
                       "quote: copied}\n", "bad.yaml")
    with pytest.raises(CurationError, match="unknown locator field"):
        parse_curation("statements:\n  - claim: [a, linksTo, b]\n    cite: {in: x, where: {chapter: 1}, says: s}\n",
                       "bad.yaml")


# ---------------------------------------------------------------- the built graph

def test_every_cited_evidence_names_a_catalogue_publication_and_has_a_locator_and_a_note(kg):
    rows = kg.select("""SELECT ?e ?pub ?id ?locator ?note WHERE {
        ?e a sockg:Citation ; oa:hasSource ?pub ; sockg:locator ?locator ; sockg:citationNote ?note .
        ?pub a sockg:Publication ; dcterms:identifier ?id }""")
    assert len(rows) > 50
    ids = set(catalogue_ids())
    assert {r["id"] for r in rows} <= ids
    assert all(r["locator"] and len(r["note"].split()) >= 3 for r in rows)
    # no citation carries text of the publication
    assert kg.select("SELECT ?e WHERE { ?e a sockg:Citation ; oa:hasSelector ?s }") == []


def test_shacl_refuses_a_citation_without_a_catalogue_publication_locator_or_note(built):
    from rdflib import RDF, Graph

    from sockg.build.validate import validate_graph
    from sockg.namespaces import ID, OA, SOCKG

    g = Graph()
    g.parse(built.out_dir / "sockg.ttl")
    assert validate_graph(g, ONTOLOGY) == []
    one, two, three = sorted(g.subjects(RDF.type, SOCKG.Citation))[:3]
    g.remove((one, OA.hasSource, None))
    g.add((one, OA.hasSource, ID["org/home-office"]))                 # not a catalogued publication
    g.remove((two, SOCKG.locator, None))                              # no locator
    g.remove((three, SOCKG.citationNote, None))                       # no note
    text = "\n".join(validate_graph(g, ONTOLOGY))
    assert "a citation must name a publication in the catalogue" in text
    assert "a citation needs a locator" in text
    assert "a citation needs a note in our own words" in text


def test_sockg_entity_shows_each_strategy_with_its_citations(runner, built):
    for name, expected in [("CONTEST", ["Cm 9608", "978-1-5286-0209-9", "2018-06-04", "contest-2018",
                                        "https://www.gov.uk/government/collections/contest"]),
                           ("Serious and Organised Crime Strategy 2018", ["Cm 9718", "2018-11-01",
                            "serious-and-organised-crime-strategy-2018/serious-and-organised-crime-strategy-accessible"]),
                           ("Fraud Strategy 2023", ["CP 839", "978-1-5286-4086-2", "2023-05"]),
                           ("CONTEST 2023", ["CP 903", "2023-07-18"])]:
        result = runner.invoke(app, ["entity", name, "-b", str(built.out_dir)])
        assert result.exit_code == 0, result.output
        for text in expected:
            assert text in result.stdout, (name, text)
        assert "[cited]" in result.stdout
    data = json.loads(runner.invoke(app, ["entity", "CONTEST", "-b", str(built.out_dir), "-f", "json"]).stdout)
    cited = [e for r in data["relations"] + data["attributes"] for e in r["evidence"] if e["kind"] == "cited"]
    assert cited and all(e["note"] and e["locator"] and e["url"].startswith("https://") for e in cited)
    assert data["publication"]["id"] == "contest-2018"


def test_no_sentence_of_a_publication_is_in_the_repository_notes_are_short():
    """Citations carry notes in our own words: short, and never a quoted sentence."""
    for path in sorted((SEEDS / "curated").glob("publications-*.yaml")) + [CATALOGUE]:
        text = path.read_text(encoding="utf-8")
        for says in re.findall(r"says: \"?([^\"\n]+)", text):
            assert len(says.split()) <= 40, (path.name, says)
            assert "“" not in says and "”" not in says, (path.name, says)


def test_the_seed_quotes_are_unchanged_and_verbatim(built):
    """Adding citations did not touch the quoted evidence: every quote is still found where it says."""
    assert built.fidelity["stated"]["quoted"] >= 320
    assert built.warnings == [] or all("support" not in w for w in built.warnings)


def test_readme_mentions_the_catalogue():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "seeds/catalogue.yaml" in readme and "cited" in readme
