"""``sockg push`` into a real Oxigraph server, and answers there as locally (every named query: test_stores.py).

Also: the Graph Store Protocol requests themselves (method, URL, media type,
credentials), refusals and unreachable stores, against a recording loopback
server.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
import urllib.request

import pytest

from conftest import QuietHandler, free_port, loopback_http
from test_stores import answers
from sockg.cli import app
from sockg.query.remote import push_file

pytestmark = pytest.mark.server


def run(runner, *args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def remote_count(endpoint: str, graph: str | None = None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    q = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"})
    req = urllib.request.Request(f"{endpoint}?{q}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return int(json.loads(resp.read())["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def pushed(oxigraph_server, built, tmp_path_factory):
    """The seed graph pushed into the real Oxigraph server's default graph."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["push", "--store-url", f"{oxigraph_server}/store", "-b", str(built.out_dir)])
    assert result.exit_code == 0, result.output
    return result


def test_push_replaces_the_default_graph(pushed, oxigraph_server, kg):
    assert "replaced the default graph" in pushed.stderr and "PUT" in pushed.stderr
    assert remote_count(f"{oxigraph_server}/query") == len(kg.store)


# every named query on the store, in order: tests/test_stores.py (Oxigraph and Virtuoso)


def test_parameterised_query_with_other_values_on_the_store(pushed, runner, built, oxigraph_server):
    args = ["query", "-n", "evidence-between", "-p", "a=NCA", "-p", "b=Serious and organised crime", "-f", "json",
            "-b", built.out_dir]
    local = ok(run(runner, *args))
    remote = ok(run(runner, *args, "--endpoint", f"{oxigraph_server}/query"))
    assert answers(remote.stdout, {}) == answers(local.stdout, {})
    # the seed: the NCA assesses the threat; cited from the 2013 strategy's Pursue chapter: it leads the work
    assert [b["relation"]["value"] for b in json.loads(local.stdout)["results"]["bindings"]] == \
        ["assesses", "responsible for"]


def test_graph_answers_on_the_store_match_local(pushed, runner, built, oxigraph_server, kg):
    q = "CONSTRUCT { ?o sockg:partnerOn ?s ; skos:prefLabel ?l } WHERE { ?o sockg:partnerOn ?s ; skos:prefLabel ?l }"
    local = ok(run(runner, "query", q, "-f", "nt", "-b", built.out_dir)).stdout
    remote = ok(run(runner, "query", q, "-f", "nt", "--endpoint", f"{oxigraph_server}/query")).stdout
    partners = kg.select("SELECT ?o ?s WHERE { ?o sockg:partnerOn ?s }")
    assert sorted(local.splitlines()) == sorted(remote.splitlines())
    assert len(local.splitlines()) == len(partners) + len({r["o"] for r in partners}) and len(partners) >= 10
    ask = ok(run(runner, "query", "ASK { ?s a sockg:Figure }", "--endpoint", f"{oxigraph_server}/query"))
    assert ask.stdout == "true\n"


def test_refusals_hold_for_remote_endpoints_too(runner, oxigraph_server):
    result = run(runner, "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "--endpoint", f"{oxigraph_server}/query")
    assert result.exit_code == 1 and "refused: SERVICE" in result.stderr
    result = run(runner, "query", "SELECT * WHERE { ?s ?p }", "--endpoint", f"{oxigraph_server}/query")
    assert result.exit_code == 1 and "refused the query: HTTP 400" in result.stderr
    assert "Traceback" not in result.output


def test_push_into_a_named_graph_then_replace_it(runner, built, oxigraph_server, kg):
    graph = "https://w3id.org/sockg/graph/test-push"
    for _ in range(2):   # PUT twice: replaced, not doubled (it would not double anyway: but nothing is lost)
        result = ok(run(runner, "push", "--store-url", f"{oxigraph_server}/store", "--graph", graph,
                        "-b", built.out_dir))
        assert f"replaced graph <{graph}>" in result.stderr
        assert remote_count(f"{oxigraph_server}/query", graph) == len(kg.store)
    urllib.request.urlopen(urllib.request.Request(
        f"{oxigraph_server}/store?graph={urllib.parse.quote(graph, safe='')}", method="DELETE"), timeout=30)
    assert remote_count(f"{oxigraph_server}/query", graph) == 0


# ---------------------------------------------------------------- the requests themselves
class _Recorder(QuietHandler):
    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.server.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                 "body": body})
        status = self.server.status
        if self.server.password and self.headers.get("Authorization") != "Basic " + base64.b64encode(
                f"analyst:{self.server.password}".encode()).decode():
            status = 401
        if status == 200:
            self.answer(200, b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"ok"}}]}}',
                        "application/sparql-results+json")
        else:
            self.answer(status, b"not allowed here")

    do_PUT = do_POST = _record


@pytest.fixture
def recorder():
    with loopback_http(_Recorder, seen=[], status=200, password=None) as srv:
        yield srv


def test_put_replaces_post_appends_and_the_graph_is_named_in_the_url(runner, built, recorder):
    ok(run(runner, "push", "--store-url", f"{recorder.url}/ds/data", "-b", built.out_dir))
    ok(run(runner, "push", "--store-url", f"{recorder.url}/ds/data", "--append", "--graph", "http://e/g?x=1",
           "-b", built.out_dir))
    put, post = recorder.seen
    assert (put["method"], put["path"]) == ("PUT", "/ds/data?default")
    assert (post["method"], post["path"]) == ("POST", "/ds/data?graph=http%3A%2F%2Fe%2Fg%3Fx%3D1")
    assert put["headers"]["Content-Type"] == "text/turtle; charset=utf-8"
    assert put["body"] == (built.out_dir / "sockg.ttl").read_bytes()
    assert "Authorization" not in put["headers"]


def test_credentials_come_from_the_environment(runner, built, recorder, monkeypatch):
    recorder.password = "s3cret"
    result = run(runner, "push", "--store-url", f"{recorder.url}/store", "--user", "analyst", "-b", built.out_dir)
    assert result.exit_code == 1 and "refused the graph: HTTP 401" in result.stderr
    monkeypatch.setenv("SOCKG_PASSWORD", "s3cret")
    ok(run(runner, "push", "--store-url", f"{recorder.url}/store", "--user", "analyst", "-b", built.out_dir))
    result = ok(run(runner, "query", "SELECT ?x WHERE { ?s ?p ?x }", "--endpoint", f"{recorder.url}/sparql",
                    "--user", "analyst", "-f", "csv"))
    assert result.stdout.splitlines() == ["x", "ok"]
    sent = recorder.seen[-1]
    assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert "PREFIX skos:" not in urllib.parse.parse_qs(sent["body"].decode())["query"][0]


def test_refused_and_unreachable_stores_give_one_line(runner, built, recorder):
    recorder.status = 403
    result = run(runner, "push", "--store-url", f"{recorder.url}/store", "-b", built.out_dir)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        f"sockg: error: {recorder.url}/store refused the graph: HTTP 403 Forbidden: not allowed here"]
    port = free_port()
    result = run(runner, "push", "--store-url", f"http://127.0.0.1:{port}/store", "-b", built.out_dir)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"sockg: error: cannot reach http://127.0.0.1:{port}/store: connection refused"
    result = run(runner, "push", "--store-url", "ftp://example.org/store", "-b", built.out_dir)
    assert result.exit_code == 1 and "not an http(s) URL" in result.stderr
    result = run(runner, "push", "--store-url", f"{recorder.url}/store", "--graph", "not an iri", "-b", built.out_dir)
    assert result.exit_code == 1 and "--graph wants an absolute IRI" in result.stderr


@pytest.mark.parametrize("value", ["-3", "0", "nan", "inf"])
def test_bad_timeout_exits_2_before_sending_anything(runner, built, recorder, value):
    result = run(runner, "push", "--store-url", f"{recorder.url}/store", "--timeout", value, "-b", built.out_dir)
    assert result.exit_code == 2 and "Traceback" not in result.output and "internal error" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: Invalid value for '--timeout': {float(value):g} is not in the range 0<x<=86400 "
                      "(seconds)."]
    assert recorder.seen == []


def test_progress_is_reported_chunk_by_chunk(built, recorder, runner):
    calls = []
    done = push_file(built.out_dir / "sockg.ttl", f"{recorder.url}/store", chunk_size=4096,
                     progress=lambda sent, total: calls.append((sent, total)))
    size = (built.out_dir / "sockg.ttl").stat().st_size
    assert done["bytes"] == size and done["status"] == 200
    assert len(calls) == -(-size // 4096) and calls[-1] == (size, size)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    ok(run(runner, "push", "--store-url", f"{recorder.url}/store", "--progress", "-b", built.out_dir))
