"""``sockg compare``: two documents side by side, what is new and what disappeared."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from sockg.cli import app
from sockg.ingest import Gazetteer, compare_reports, ingest_document
from sockg.sources import parse_text
from test_ingest_build import grown  # noqa: F401  (the fixture)
from test_ingest_labelled import labelled

EDITION_2028 = """# Safer Harbours: the 2028 edition

1. The Home Office and the National Crime Agency renew this plan. Serious and organised crime now costs the UK at
least £40bn every year.

2. Illegal firearms reach the ports in freight, and modern slavery and human trafficking remain a priority. Fraud
against port operators has fallen.

3. The plan draws on CONTEST and on the Coastal Resilience Strategy 2029.
"""


@pytest.fixture(scope="module")
def editions(kg):
    gaz = Gazetteer.from_kg(kg)
    plan, _, _ = labelled("delivery-plan-2025.ann.md")
    return (ingest_document(parse_text(plan, "plan-2025"), gaz),
            ingest_document(parse_text(EDITION_2028, "plan-2028"), gaz))


def rows(section):
    return {r["label"]: r["status"] for r in section}


def test_one_edition_against_the_next(editions):
    c = compare_reports(*editions)
    threats = rows(c["threats"])
    assert threats["Cyber crime"] == "disappeared" and threats["Illegal firearms"] == "new"
    assert threats["Serious and organised crime"] == "both" and threats["Fraud"] == "both"
    assert rows(c["organisations"])["Home Office"] == "both"
    assert rows(c["organisations"])["College of Policing"] == "disappeared"
    assert rows(c["strategies"])["CONTEST 2018"] == "both"   # "CONTEST" is the 2018 edition's short name
    assert rows(c["strategies"])["Serious Violence Strategy 2018"] == "disappeared"
    cost = [f for f in c["figures"] if f["unit"] == "GBP" and f["about_label"] == "Serious and organised crime"]
    assert [(f["a"], " ".join(f["b"].split()), f["status"]) for f in cost] == [
        ("at least £37bn", "at least £40bn", "changed")]
    counts = {"both": 0, "changed": 0, "new": 0, "disappeared": 0}
    for section in ("threats", "organisations", "strategies", "other", "figures"):
        for r in c[section]:
            counts[r["status"]] += 1
    assert c["summary"] == counts
    a_counts = {r["label"]: r["a"] for r in c["threats"]}
    assert a_counts["Cyber crime"] == 4  # how often edition A names it


def test_compare_files_on_the_command_line(editions, runner, built, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    a, b = tmp_path / "plan-2025.md", tmp_path / "plan-2028.md"
    a.write_text(editions[0].doc.text, encoding="utf-8")
    b.write_text(EDITION_2028, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(a), str(b), "--build-dir", str(built.out_dir)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("A: Safer Harbours") and "B: Safer Harbours: the 2028 edition" in out
    line = next(x for x in out.splitlines() if x.startswith("threats") and "Cyber crime" in x)
    assert line.split()[-1] == "disappeared"
    assert any("at least £37bn" in x and "at least £40bn" in x and x.endswith("changed") for x in out.splitlines())
    result = runner.invoke(app, ["compare", str(a), str(b), "-f", "json", "--build-dir", str(built.out_dir)])
    data = json.loads(result.stdout)
    assert set(data) == {"a", "b", "threats", "organisations", "strategies", "other", "figures", "summary"}
    result = runner.invoke(app, ["compare", str(a), str(b), "-f", "csv", "--build-dir", str(built.out_dir)])
    assert result.stdout.splitlines()[0] == "section,item,A,B,status"


def test_compare_two_documents_of_the_built_graph(grown, runner, monkeypatch):  # noqa: F811
    root, _, _ = grown
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["compare", "safer-harbours-2025", "port-inspection.html", "-f", "json",
                                 "--build-dir", str(root / "build")])
    assert result.exit_code == 0, result.output
    c = json.loads(result.stdout)
    assert c["a"]["id"] == "safer-harbours-2025" and c["b"]["id"] == "port-inspection"
    threats = rows(c["threats"])
    assert threats["Drug trafficking and distribution"] if "Drug trafficking and distribution" in threats else True
    assert threats["Organised immigration crime"] == "new" and threats["Knife crime"] == "disappeared"
    assert threats["Fraud"] == "both" and threats["County lines"] == "both"
    assert {f["status"] for f in c["figures"]} >= {"new", "disappeared"}
    assert "building the graph first" not in result.stderr


def test_an_unknown_document_is_one_error_line(runner, built, monkeypatch):
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, ["compare", "no-such-doc", "soc-2018-search-results", "--build-dir",
                                 str(built.out_dir)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-doc" in lines[0] and "Traceback" not in result.output
