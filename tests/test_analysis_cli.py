"""``sockg analyze``: output formats, plots and bad input, through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from conftest import SEED_FILE
from sockg.cli import app
from sockg.cli import cmd_analyze as cmd

SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def run(runner, built):
    def invoke(*args):
        result = runner.invoke(app, ["analyze", *map(str, args), "--build-dir", str(built.out_dir)])
        assert "Traceback" not in result.output
        return result

    return invoke


def test_path_json_has_the_documented_shape_and_verbatim_quotes(run):
    r = run("path", "Department for Education", "Child sexual exploitation and abuse", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [(h["source"], h["predicate"], h["target"]) for h in doc["hops"]] == [
        ("Department for Education", "sockg:partnerOn", "Prevent"),
        ("Prevent", "sockg:addresses", "Child sexual exploitation and abuse")]
    for h in doc["hops"]:
        assert set(h) == {"source", "predicate", "target", "evidence", "reading"}
        assert h["evidence"]
        for ev in h["evidence"]:
            assert set(ev) == {"kind", "quote", "paragraph", "document"} and ev["kind"] == "quoted"
            assert ev["quote"] in SEED_TEXT and ev["document"] == "soc-2018-search-results"


def test_path_table_prints_each_hop_with_its_quote(run):
    r = run("path", "dfe", "csea")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "1. Department for Education --sockg:partnerOn--> Prevent" in out
    assert "“We will prioritise four areas of offending" in out and "paragraph 137" in out


@pytest.mark.parametrize("args,code,needles", [
    (("path", "Dept for Educaton", "CSEA"), 1, ["no entity matches", "Department for Education"]),
    (("path", "DfE", "Written statement: CONTEST, 12 July 2011"), 1, ["no evidenced path"]),
    (("centrality", "--projection", "nope"), 2, list(cmd.PROJECTION_NAMES)),
    (("coverage", "--matrix", "nope"), 2, list(cmd.MATRIX_NAMES)),
    (("overlap", "--facet", "nope"), 2, list(cmd.FACET_NAMES)),
    (("gaps", "--check", "nope"), 2, list(cmd.CHECK_NAMES)),
    (("centrality", "--by", "fame"), 2, list(cmd.MEASURE_NAMES)),
    (("centrality", "--format", "xml"), 2, ["table", "json", "csv"]),
    (("path", "DfE", "CSEA", "--format", "csv"), 2, ["table", "json"]),
])
def test_bad_input_is_one_line_and_a_non_zero_exit(run, args, code, needles):
    r = run(*args)
    assert r.exit_code == code, r.output
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("sockg: error:")
    for n in needles:
        assert n in err[0]


def test_unknown_analysis_lists_the_valid_ones(runner):
    r = runner.invoke(app, ["analyze", "centrailty"])
    assert r.exit_code == 2
    assert "did you mean 'centrality'" in r.stderr
    for name in cmd.ANALYSES:
        assert name in r.stderr


def test_cli_names_match_the_library_registries():
    from sockg import analysis as A
    from sockg.analysis.centrality import MEASURES
    from sockg.analysis.coverage import MATRICES
    from sockg.analysis.gaps import CHECKS
    from sockg.analysis.overlap import facet_names

    assert cmd.ANALYSES == A.ANALYSES
    assert cmd.PROJECTION_NAMES == tuple(A.PROJECTIONS)
    assert cmd.MATRIX_NAMES == tuple(MATRICES)
    assert cmd.FACET_NAMES == tuple(facet_names())
    assert cmd.CHECK_NAMES == tuple(CHECKS)
    assert cmd.MEASURE_NAMES == MEASURES


@pytest.mark.parametrize("args", [
    ("centrality", "--projection", "organisation-strand", "--top", "5"),
    ("communities", "--projection", "co-mention", "--method", "greedy"),
    ("coverage", "--projection", "threat-objective"),
    ("overlap", "--facet", "organisations"),
    ("gaps",),
    ("bridges", "--min-cut", "2"),
])
def test_every_analysis_renders_table_json_and_csv(run, args):
    for fmt in ("table", "json", "csv"):
        r = run(*args, "--format", fmt)
        assert r.exit_code == 0, r.output
        assert r.stdout.strip()
        if fmt == "json":
            json.loads(r.stdout)
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(r.stdout)))
            assert len(rows) >= 2 and len({len(x) for x in rows}) == 1


def test_coverage_table_is_a_matrix(run):
    r = run("coverage")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["threat", "Prepare", "Prevent", "Protect", "Pursue"]
    row = next(line for line in lines if line.startswith("Illegal drugs"))
    assert row.split()[2:] == ["·", "3", "·", "·"]


def test_centrality_notes_sampled_betweenness(run):
    r = run("centrality", "--k", "10", "--top", "3", "--format", "json")
    assert r.exit_code == 0, r.output
    assert "estimated from k=10 sampled sources" in r.stderr
    assert json.loads(r.stdout)["betweenness"]["exact"] is False


def test_gaps_json_and_check_filter(run):
    r = run("gaps", "--check", "figure-without-year", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert list(doc["checks"]) == ["figure-without-year"]
    assert {r["check"] for r in doc["rows"]} == {"figure-without-year"}
    assert {"Annual cost of serious and organised crime to the UK", "Fall in comparable crime since 2010"} <= \
        {r["entity"] for r in doc["rows"]}


@pytest.mark.parametrize("analysis", ["centrality", "coverage", "overlap", "communities"])
def test_plot_writes_a_png(run, tmp_path, analysis):
    out = tmp_path / f"{analysis}.png"
    r = run(analysis, "--plot", out, "--output", tmp_path / "data.txt")
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(PNG) and out.stat().st_size > 10_000
    assert (tmp_path / "data.txt").read_text(encoding="utf-8").strip()
    assert f"wrote {out}" in r.stderr


def test_plot_refuses_a_file_that_is_not_png(run, tmp_path):
    r = run("coverage", "--plot", tmp_path / "x.jpg")
    assert r.exit_code == 2 and "PNG" in r.stderr
    assert not (tmp_path / "x.jpg").exists()


def test_analyze_help_does_not_load_networkx():
    code = ("import sys; from sockg.cli import app; import typer.main; typer.main.get_command(app); "
            "print('networkx' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.parametrize("args, needle", [
    (("centrality", "--k", "0"), "Invalid value for '--k': 0 is not in the range x>=1"),
    (("centrality", "--k", "-5"), "Invalid value for '--k': -5 is not in the range x>=1"),
    (("centrality", "--top", "-1"), "Invalid value for '--top'"),
    (("communities", "--resolution", "0"), "Invalid value for '--resolution': must be a number above 0"),
    (("communities", "--resolution", "-1"), "Invalid value for '--resolution': must be a number above 0"),
    (("communities", "--resolution", "nan"), "Invalid value for '--resolution': must be a number above 0"),
    (("communities", "--top", "-1"), "Invalid value for '--top'"),
    (("coverage", "--top", "-1"), "Invalid value for '--top'"),
    (("overlap", "--top", "-4"), "Invalid value for '--top'"),
    (("gaps", "--top", "-2"), "Invalid value for '--top'"),
    (("bridges", "--top", "-1"), "Invalid value for '--top'"),
    (("bridges", "--min-cut", "0"), "Invalid value for '--min-cut': 0 is not in the range x>=1"),
])
def test_counts_and_sizes_out_of_range_are_usage_errors(run, args, needle):
    """Before: --k 0/-5 ran with k=1, --resolution 0 printed "modularity 0.0", --top -1 an empty table; all exit 0."""
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert needle in " ".join(r.stderr.split())
    assert not r.stdout.strip()


def test_an_output_that_is_a_folder_is_refused_in_one_line(run, tmp_path):
    r = run("centrality", "--top", "3", "--output", tmp_path)
    assert r.exit_code == 1
    assert r.stderr.strip() == f"sockg: error: {tmp_path}: is a folder; give a file name"


@pytest.mark.parametrize("option", ["--output", "--plot"])
def test_an_output_inside_a_file_names_the_file(run, tmp_path, option):
    """Before: "notes.txt: File exists", the operating system's words, after the analysis had run."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    r = run("centrality", "--top", "3", option, notes / "out.png")
    assert r.exit_code == 1
    assert r.stderr.strip() == f"sockg: error: {notes}: is a file, not a folder, so {notes}/out.png cannot be written"
    assert not r.stdout
