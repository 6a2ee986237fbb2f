"""``sockg query`` and ``sockg queries``: formats, inputs, the build-first rule and bad input."""

from __future__ import annotations

import io
import json
import shutil

import pyoxigraph as ox
import pytest

from conftest import SEEDS
from sockg.cli import app

POWERS = "SELECT ?l WHERE { ?p a sockg:Power ; skos:prefLabel ?l } ORDER BY ?l"
POWER_LABELS = ["Serious Crime Prevention Orders", "Unexplained Wealth Orders"]


def run(runner, *args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def ok(result):
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def one_error(result, code=None):
    """The single stderr line of a failed run (no traceback, non-zero exit)."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert result.stdout == ""
    return lines[0]


@pytest.mark.parametrize("fmt, parse", [
    ("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML), ("tsv", ox.QueryResultsFormat.TSV)])
def test_select_in_the_standard_result_formats(runner, built, fmt, parse):
    result = ok(run(runner, "query", POWERS, "-f", fmt, "-b", built.out_dir))
    sols = ox.parse_query_results(result.stdout_bytes, format=parse)
    assert [s["l"].value for s in sols] == POWER_LABELS


def test_json_follows_the_sparql_results_json_shape(runner, built):
    data = json.loads(ok(run(runner, "query", POWERS, "-f", "json", "-b", built.out_dir)).stdout)
    assert data["head"]["vars"] == ["l"]
    assert data["results"]["bindings"][0]["l"] == {"type": "literal", "value": POWER_LABELS[0], "xml:lang": "en"}


def test_csv_has_a_header_and_crlf_lines(runner, built):
    out = ok(run(runner, "query", POWERS, "-f", "csv", "-b", built.out_dir)).stdout_bytes
    assert out.split(b"\r\n")[:3] == [b"l", POWER_LABELS[0].encode(), POWER_LABELS[1].encode()]


def test_default_table_for_people_with_row_count_on_stderr(runner, built):
    result = ok(run(runner, "query", POWERS, "-b", built.out_dir))
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "l" and set(lines[1]) == {"-"} and lines[2:] == POWER_LABELS
    assert result.stderr.strip() == "sockg: 2 rows"


def test_table_shortens_iris_with_prefixes(runner, built):
    result = ok(run(runner, "query", "SELECT ?p WHERE { ?p a sockg:Power } ORDER BY ?p", "-b", built.out_dir))
    assert "id:power/unexplained-wealth-orders" in result.stdout


def test_ask(runner, built):
    assert ok(run(runner, "query", "ASK { ?s a sockg:Figure }", "-b", built.out_dir)).stdout == "true\n"
    out = ok(run(runner, "query", "ASK { ?s a sockg:Spaceship }", "-f", "json", "-b", built.out_dir)).stdout
    assert json.loads(out) == {"head": {}, "boolean": False}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt, parse", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")])
def test_construct_in_graph_formats(runner, built, fmt, parse):
    from rdflib import Graph

    q = "CONSTRUCT { ?p a sockg:Power ; skos:prefLabel ?l } WHERE { ?p a sockg:Power ; skos:prefLabel ?l }"
    result = ok(run(runner, "query", q, "-f", fmt, "-b", built.out_dir))
    g = Graph().parse(data=result.stdout, format=parse)
    assert len(g) == 4
    assert sorted(str(o) for o in g.objects(predicate=None) if str(o) in POWER_LABELS) == POWER_LABELS


def test_describe_defaults_to_turtle(runner, built):
    result = ok(run(runner, "query", "DESCRIBE <https://w3id.org/sockg/id/org/national-crime-agency>",
                    "-b", built.out_dir))
    assert "PB558" in result.stdout and "@prefix sockg:" in result.stdout


def test_query_from_a_file_and_from_stdin(runner, built, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text(POWERS, encoding="utf-8")
    assert ok(run(runner, "query", "--file", q, "-f", "csv", "-b", built.out_dir)).stdout.split()[1:] == \
        ["Serious", "Crime", "Prevention", "Orders", "Unexplained", "Wealth", "Orders"]
    result = ok(run(runner, "query", "--file", "-", "-f", "tsv", "-b", built.out_dir, input=POWERS))
    assert result.stdout.splitlines()[0] == "?l"


def test_output_file_written_whole(runner, built, tmp_path):
    out = tmp_path / "sub" / "powers.json"
    result = ok(run(runner, "query", POWERS, "-f", "json", "-o", out, "-b", built.out_dir))
    assert result.stdout == "" and "wrote" in result.stderr
    assert len(json.loads(out.read_text())["results"]["bindings"]) == 2
    assert [p.name for p in out.parent.iterdir()] == ["powers.json"]


def test_a_failed_query_leaves_an_existing_output_alone(runner, built, tmp_path):
    out = tmp_path / "keep.json"
    out.write_text("previous answer", encoding="utf-8")
    one_error(run(runner, "query", "SELECT * WHERE { ?s ?p }", "-f", "json", "-o", out, "-b", built.out_dir))
    assert out.read_text(encoding="utf-8") == "previous answer"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def test_builds_first_when_missing_and_says_so(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    result = ok(run(runner, "query", "ASK { ?s a sockg:Strategy }", "-b", tmp_path / "b"))
    assert "building the graph first" in result.stderr and result.stdout == "true\n"
    assert (tmp_path / "b" / "store").is_dir()
    again = ok(run(runner, "query", "ASK { ?s a sockg:Strategy }", "-b", tmp_path / "b"))
    assert "building" not in again.stderr
    (tmp_path / "seeds" / "curated" / "documents.yaml").write_text(
        (SEEDS / "curated" / "documents.yaml").read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    stale = ok(run(runner, "query", "ASK { ?s a sockg:Strategy }", "-b", tmp_path / "b"))
    assert "sources changed" in stale.stderr


def test_query_an_rdf_file_or_a_store_folder_with_data(runner, built, tmp_path):
    nt = tmp_path / "small.nt"
    nt.write_text('<http://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A" .\n', encoding="utf-8")
    result = ok(run(runner, "query", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--data", nt, "-f", "csv"))
    assert result.stdout_bytes == b"l\r\nA\r\n"
    result = ok(run(runner, "query", POWERS, "--data", built.out_dir / "store", "-f", "csv"))
    assert result.stdout.splitlines()[1:3] == POWER_LABELS
    err = one_error(run(runner, "query", POWERS, "--data", tmp_path / "nothing.ttl"))
    assert "no such file or folder" in err


# ---------------------------------------------------------------- bad input: one line, no traceback
def test_syntax_error_gives_line_and_column(runner, built):
    err = one_error(run(runner, "query", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?o)\n}", "-b", built.out_dir))
    assert err.startswith("sockg: error: syntax error at line 3, column 11: ")


def test_unknown_prefix_is_named(runner, built):
    err = one_error(run(runner, "query", "SELECT * WHERE {\n ?s ex:knows ?o }", "-b", built.out_dir))
    assert "unknown prefix 'ex:' at line 2, column 5" in err


def test_declared_prefixes_and_predeclared_ones_both_work(runner, built):
    q = "PREFIX ex: <https://w3id.org/sockg/def#>\nSELECT ?l WHERE { ?p a ex:Power ; skos:prefLabel ?l } ORDER BY ?l"
    assert ok(run(runner, "query", q, "-f", "csv", "-b", built.out_dir)).stdout.splitlines()[1:3] == POWER_LABELS


def test_missing_query_file(runner, built, tmp_path):
    err = one_error(run(runner, "query", "--file", tmp_path / "nope.rq", "-b", built.out_dir))
    assert "nope.rq: no such file" in err


def test_query_file_that_is_a_folder_or_a_pipe(runner, built, tmp_path):
    err = one_error(run(runner, "query", "--file", tmp_path, "-b", built.out_dir))
    assert err == f"sockg: error: {tmp_path}: is a folder; give a query file"
    import os
    import threading

    fifo = tmp_path / "query.fifo"          # what a shell's <(...) gives: not a regular file, but readable
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(POWERS,), daemon=True)
    writer.start()
    result = ok(run(runner, "query", "--file", fifo, "-f", "csv", "-b", built.out_dir))
    writer.join(timeout=10)
    assert result.stdout.splitlines()[1:3] == POWER_LABELS


def test_unknown_format_exits_2_before_doing_anything(runner, tmp_path):
    err = one_error(run(runner, "query", POWERS, "-f", "yaml", "-b", tmp_path / "never-built"), code=2)
    assert "unknown format 'yaml'" in err and "csv" in err
    assert not (tmp_path / "never-built").exists()


def test_format_that_does_not_fit_the_query(runner, built):
    err = one_error(run(runner, "query", "CONSTRUCT WHERE { ?s a sockg:Power }", "-f", "csv", "-b", built.out_dir), 2)
    assert "graph" in err and "ttl" in err
    err = one_error(run(runner, "query", POWERS, "-f", "ttl", "-b", built.out_dir), 2)
    assert "table, json" in err


def test_exactly_one_query_source(runner, built):
    assert "exactly one" in one_error(run(runner, "query", "-b", built.out_dir), 2)
    assert "exactly one" in one_error(run(runner, "query", POWERS, "--name", "figures", "-b", built.out_dir), 2)
    assert "--param goes with --name" in one_error(run(runner, "query", POWERS, "-p", "a=b", "-b", built.out_dir), 2)


def test_unreachable_endpoint(runner):
    from conftest import free_port

    err = one_error(run(runner, "query", POWERS, "--endpoint", f"http://127.0.0.1:{free_port()}/sparql"))
    assert "cannot reach http://127.0.0.1:" in err and "connection refused" in err


def usage_error(result, option):
    """A bad option value: exit 2, and one 'Error:' line that names the option (click's usage message)."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and f"Invalid value for '{option}'" in errors[0], result.stderr
    return errors[0]


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "86401", "1e10"])
def test_endpoint_timeout_must_be_a_positive_number_of_seconds(runner, tmp_path, value):
    from conftest import free_port

    result = run(runner, "query", POWERS, "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "--timeout", value,
                 "-b", tmp_path / "never-built")
    assert "is not in the range 0<x<=86400 (seconds)" in usage_error(result, "--timeout")
    assert not (tmp_path / "never-built").exists()


def test_a_short_endpoint_timeout_is_a_timeout(runner):
    """Under a second is fine (0 would make the socket non-blocking: 'Operation now in progress')."""
    from conftest import free_port

    err = one_error(run(runner, "query", POWERS, "--endpoint", f"http://127.0.0.1:{free_port()}/sparql",
                        "--timeout", "0.5"))
    assert "connection refused" in err


def test_endpoint_must_be_http(runner, tmp_path):
    err = one_error(run(runner, "query", POWERS, "--endpoint", "file:///etc/passwd"))
    assert "not an http(s) URL" in err


def test_empty_query(runner, built):
    assert "the query is empty" in one_error(run(runner, "query", "  # nothing\n", "-b", built.out_dir))


def test_not_a_query(runner, built):
    err = one_error(run(runner, "query", "hello world", "-b", built.out_dir))
    assert "expected SELECT, CONSTRUCT, DESCRIBE or ASK" in err


# ---------------------------------------------------------------- named queries from the command line
def test_queries_lists_names_and_descriptions(runner):
    result = ok(run(runner, "queries"))
    assert "strand-partners" in result.stdout and "strand=Prevent" in result.stdout
    data = json.loads(ok(run(runner, "queries", "-f", "json")).stdout)
    assert len(data) >= 15 and all(q["description"] for q in data)
    assert ok(run(runner, "queries", "--show", "figures")).stdout.startswith("# Headline figures")


def test_named_query_with_a_parameter(runner, built):
    result = ok(run(runner, "query", "--name", "strand-priorities", "--param", "strand=Prevent", "-f", "json",
                    "-b", built.out_dir))
    areas = [b["area"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]]
    assert areas == ["Child sexual exploitation and abuse", "Cyber crime", "Drug trafficking and distribution",
                     "Professional enablers"]
    by_iri = ok(run(runner, "query", "-n", "strand-priorities", "-p",
                    "strand=<https://w3id.org/sockg/id/concept/prevent>", "-f", "json", "-b", built.out_dir))
    assert by_iri.stdout == result.stdout


def test_named_query_errors(runner, built):
    err = one_error(run(runner, "query", "--name", "strand-partner", "-b", built.out_dir))
    assert "no named query 'strand-partner'" in err and "strand-partners" in err
    err = one_error(run(runner, "query", "-n", "strand-partners", "-p", "org=NCA", "-b", built.out_dir))
    assert "has no parameter 'org'; it takes: strand" in err
    err = one_error(run(runner, "query", "-n", "strand-partners", "-p", "strand=Prevnt", "-b", built.out_dir))
    assert "no entity matches 'Prevnt'" in err and "Prevent" in err
    err = one_error(run(runner, "query", "-n", "strand-partners", "-p", "strand", "-b", built.out_dir))
    assert "--param wants NAME=VALUE" in err


def test_parameter_values_are_bound_not_pasted(runner, built):
    """A value full of SPARQL syntax is one string literal: it matches nothing and breaks nothing."""
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    result = ok(run(runner, "query", "-n", "search-labels", "-p", f"text={hostile}", "-f", "json",
                    "-b", built.out_dir))
    assert json.loads(result.stdout)["results"]["bindings"] == []
    result = ok(run(runner, "query", "-n", "search-labels", "-p", "text=anti-corruption", "-f", "json",
                    "-b", built.out_dir))
    assert [(b["entity"]["value"], b["type"]["value"]) for b in json.loads(result.stdout)["results"]["bindings"]] == \
        [("UK Anti-Corruption Strategy 2017-2022", "sockg:Publication"),
         ("UK Anti-Corruption Strategy 2017-2022", "sockg:Strategy")]


def test_library_api_without_the_cli(kg):
    from sockg.query import LocalTarget, run_named

    rows = run_named(LocalTarget(kg.store, kg.resolve), "powers").to_python()
    assert [r["power"] for r in rows] == POWER_LABELS
    buf = io.BytesIO()
    LocalTarget(kg.store).run(POWERS).write("tsv", buf)
    assert buf.getvalue().decode().splitlines()[1] == f'"{POWER_LABELS[0]}"@en'


def test_help_stays_fast_and_light():
    import subprocess
    import sys

    code = ("import sys, time; t = time.perf_counter(); import sockg.cli; "
            "print(time.perf_counter() - t); print(sorted(m for m in ('sockg.query', 'sockg.server') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[1] == "[]", f"sockg.cli imports heavy modules at start-up: {out[1]}"


def test_rich_table_on_a_terminal(kg, capsys):
    from sockg.cli.cmd_query import _table
    from sockg.query import LocalTarget

    text, count = _table(LocalTarget(kg.store).run(POWERS), rich_ok=True)
    out = capsys.readouterr().out
    assert text is None and count == 2
    assert all(label in out for label in POWER_LABELS)
    assert any(line in out for line in ("━", "─"))     # drawn as a table
