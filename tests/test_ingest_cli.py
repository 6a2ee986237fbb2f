"""``sockg ingest``: the JSON report, RDF output, bad input, encodings, several files, progress."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rdflib import Graph

from conftest import REPO
from sockg.cli import app

PLAN = ("# Harbour plan 2026\n\n1. The Home Office's plan gives the National Crime\nAgency £860 million. Fraud rose "
        "by 40%.\n\n2. A home office in a flat is not a department, and we cannot prevent every offence.\n")


@pytest.fixture
def cli(runner, built, monkeypatch):
    """Run sockg against the session's built graph (the repository's seeds are its sources)."""
    monkeypatch.chdir(REPO)

    def run(*args):
        return runner.invoke(app, [str(a) for a in args] + ["--build-dir", str(built.out_dir)])

    return run


@pytest.fixture
def plan(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text(PLAN, encoding="utf-8")
    return p


def one_line_error(result, name):
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_json_report_has_the_documented_shape(cli, plan):
    result = cli("ingest", plan)
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    assert list(r) == ["document", "mentions", "references", "figures", "candidates"]
    d = r["document"]
    assert d["title"] == "Harbour plan 2026" and d["year"] == 2026 and d["encoding"] == "utf-8"
    assert d["media_type"] == "text/markdown" and "decoded" in d["offsets"]
    text = plan.read_text(encoding="utf-8")
    for m in r["mentions"]:
        assert {"entity", "label", "text", "start", "end", "paragraph"} <= set(m)
        assert text[m["start"]:m["end"]] == m["text"]
    assert [(m["label"], m["paragraph"]) for m in r["mentions"]] == [
        ("Home Office", "paragraph 1"), ("National Crime Agency", "paragraph 1"), ("Fraud", "paragraph 1")]
    assert r["mentions"][1]["text"] == "National Crime\nAgency"
    figs = [(f["value"], f["unit"], f["qualifier"], f["text"]) for f in r["figures"]]
    assert figs == [(860000000, "GBP", None, "£860 million"), (40, "percent", None, "40%")]
    assert all({"value", "unit", "qualifier", "text", "start", "end", "paragraph"} <= set(f) for f in r["figures"])


def test_ttl_and_nt_output_parse_and_carry_extracted_claims(cli, plan, tmp_path):
    out = tmp_path / "plan.ttl"
    result = cli("ingest", plan, "--format", "ttl", "-o", out, "--title", "Harbour plan")
    assert result.exit_code == 0, result.output
    g = Graph().parse(out, format="turtle")
    methods = {str(o) for o in g.objects(None, g.namespace_manager.expand_curie("sockg:method"))}
    assert methods == {"extracted"}
    assert len(list(g.subjects(predicate=g.namespace_manager.expand_curie("sockg:confidence")))) > 0
    result = cli("ingest", plan, "--format", "nt")
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(data=result.stdout, format="nt")) == len(g)


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "empty.txt", "file is empty"),
    (lambda d: d / "data.bin", "binary file"),
    (lambda d: d / "folder", "is a folder"),
    (lambda d: d / "missing.txt", "no such file"),
])
def test_bad_input_is_one_line_naming_the_file_and_leaves_no_output(cli, tmp_path, make, message):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "data.bin").write_bytes(b"\x00\x01PK\x03\x04" * 100)
    (tmp_path / "folder").mkdir()
    path, out = make(tmp_path), tmp_path / "out.json"
    result = cli("ingest", path, "-o", out)
    one_line_error(result, path.name)
    assert message in result.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out.json")]


def test_one_bad_file_among_several_does_not_stop_the_others(cli, plan, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "all.json"
    result = cli("ingest", plan, tmp_path / "empty.txt", tmp_path / "missing.md", "-o", out)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert any("empty.txt" in e for e in errors) and any("missing.md" in e for e in errors)
    assert "2 of 3 file(s) failed" in errors[-1]
    reports = json.loads(out.read_text(encoding="utf-8"))
    assert [r["document"]["id"] for r in reports] == ["plan"]


def test_windows_1252_is_decoded_and_the_encoding_said(cli, tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("The Home Office’s café spends £2m.\n".encode("cp1252"))
    result = cli("ingest", p)
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    assert r["document"]["encoding"] == "cp1252" and "decoded as cp1252" in result.stderr
    assert r["figures"][0]["value"] == 2000000 and r["mentions"][0]["text"] == "Home Office"
    result = cli("ingest", p, "--encoding", "latin-1")
    assert json.loads(result.stdout)["document"]["encoding"] == "latin-1"


def test_html_offsets_index_the_extracted_text_which_the_report_can_carry(cli, tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>Port plan</title></head><body><h1>Plan</h1>"
                 "<p>The <i>National Crime Agency</i> leads on <b>fraud</b>.</p></body></html>", encoding="utf-8")
    result = cli("ingest", p, "--with-text")
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    d = r["document"]
    assert d["media_type"] == "text/html" and "extracted from the HTML" in d["offsets"] and d["title"] == "Port plan"
    assert [(m["text"], d["text"][m["start"]:m["end"]]) for m in r["mentions"]] == [
        ("National Crime Agency", "National Crime Agency"), ("fraud", "fraud")]


def test_several_files_give_a_list_and_a_bad_option_is_refused(cli, plan, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("CONTEST and the Serious Violence Strategy.\n", encoding="utf-8")
    result = cli("ingest", plan, other)
    assert result.exit_code == 0, result.output
    assert [r["document"]["id"] for r in json.loads(result.stdout)] == ["plan", "other"]
    result = cli("ingest", plan, "--format", "xml")
    assert result.exit_code == 2 and "unknown format" in result.stderr


def test_progress_bar_only_on_a_terminal_or_when_asked(cli, plan, built):
    result = cli("ingest", plan, "--progress")
    assert result.exit_code == 0 and "ingesting" in result.stderr
    env = dict(os.environ, COLUMNS="100")
    piped = subprocess.run([sys.executable, "-m", "sockg", "ingest", str(plan), "-b", str(built.out_dir)],
                           capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == "" and json.loads(piped.stdout)["document"]["id"] == "plan"


@pytest.mark.parametrize("where, message", [
    (lambda d: d / "notes.txt" / "out.json", "{d}/notes.txt: is a file, not a folder, so {d}/notes.txt/out.json cannot be written"),
    (lambda d: d / "folder", "{d}/folder: is a folder; give a file name"),
])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(cli, plan, tmp_path, where, message):
    """Before: "notes.txt: File exists" (the operating system's words), and only after every file was ingested."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    for command in (["ingest", plan], ["compare", plan, plan]):
        result = cli(*command, "-o", where(tmp_path))
        assert result.exit_code == 1, result.output
        assert result.stderr.strip() == "sockg: error: " + message.format(d=tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert list((tmp_path / "folder").iterdir()) == []


def test_a_folder_given_for_a_document_to_compare_names_it(cli, plan, tmp_path):
    result = cli("compare", tmp_path, plan)
    one_line_error(result, str(tmp_path))
    assert "is a folder, not a file" in result.stderr
