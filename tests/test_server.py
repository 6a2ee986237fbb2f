"""``sockg serve`` as clients meet it: SPARQLWrapper, content negotiation, refusals, timeouts and load.

Servers run as real subprocesses on 127.0.0.1 and are stopped at the end;
every request loop is bounded.
"""

from __future__ import annotations

import json
import re
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from conftest import free_port, wait_for_http
from test_query_safety import canary  # noqa: F401 - a fixture

pytestmark = pytest.mark.server

PARTNERS_Q = """SELECT ?organisation WHERE {
  ?org sockg:partnerOn ?strand ; skos:prefLabel ?organisation . ?strand skos:prefLabel "Prevent"@en .
} ORDER BY ?organisation"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def start_server(build_dir: Path, log: Path, *extra: str) -> SimpleNamespace:
    port = free_port()
    fh = open(log, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "sockg", "serve", "--port", str(port), "-b", str(build_dir),
                             *extra], stdout=fh, stderr=fh)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/sparql?query=ASK%7B%7D", timeout=60)
    except RuntimeError:
        proc.kill()
        raise RuntimeError(log.read_text())
    return SimpleNamespace(url=url, endpoint=url + "/sparql", proc=proc, log=log, port=port, fh=fh)


def stop_server(server: SimpleNamespace) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(timeout=5)
    server.fh.close()


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    s = start_server(built.out_dir, tmp_path_factory.mktemp("serve") / "serve.log",
                     "--timeout", "2", "--workers", "2", "--max-rows", "50")
    yield s
    stop_server(s)


def http(method: str, url: str, *, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get(server, **params):
    return http("GET", server.endpoint + "?" + urllib.parse.urlencode(params, doseq=True))


def post_form(server, accept: str | None = None, **params):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return http("POST", server.endpoint, data=urllib.parse.urlencode(params, doseq=True).encode(), headers=headers)


def triple_count(server) -> int:
    status, _, body = get(server, query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def worker_pids(server_pid: int) -> list[int]:
    """Live query-worker processes (multiprocessing spawn children) of the server."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        state = next(line.split()[1] for line in status.splitlines() if line.startswith("State:"))
        if ppid == server_pid and b"spawn_main" in cmd and state != "Z":
            pids.append(int(entry.name))
    return pids


# ---------------------------------------------------------------- a real client
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_gets_json_xml_and_csv(server, method):
    from SPARQLWrapper import CSV, JSON, POST, GET, XML, SPARQLWrapper

    expected = ["Department for Digital, Culture, Media and Sport", "Department for Education",
                "Department of Health and Social Care", "Devolved administrations", "Law enforcement",
                "Ministry of Housing, Communities and Local Government", "Ministry of Justice"]
    sw = SPARQLWrapper(server.endpoint)
    sw.setMethod(POST if method == "POST" else GET)
    sw.setQuery(PARTNERS_Q)
    sw.setReturnFormat(JSON)
    data = sw.query().convert()
    assert [b["organisation"]["value"] for b in data["results"]["bindings"]] == expected
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == expected
    sw.setReturnFormat(CSV)
    text = sw.query().convert().decode("utf-8")
    assert text.splitlines()[0] == "organisation" and text.splitlines()[1] == f'"{expected[0]}"'


def test_sparqlwrapper_ask_and_construct(server):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(server.endpoint)
    sw.setQuery("ASK { ?s a sockg:Figure }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery("CONSTRUCT { ?p a sockg:Power } WHERE { ?p a sockg:Power }")
    sw.setReturnFormat(TURTLE)
    ttl = sw.query().convert()
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == 2


# ---------------------------------------------------------------- the protocol
@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv"), ("*/*", "application/sparql-results+json"),
])
def test_content_negotiation_for_solutions(server, accept, media):
    status, headers, body = post_form(server, accept=accept, query=PARTNERS_Q)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert b"Ministry of Justice" in body


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_content_negotiation_for_graphs(server, accept, fmt):
    q = "CONSTRUCT { ?p a sockg:Power ; skos:prefLabel ?l } WHERE { ?p a sockg:Power ; skos:prefLabel ?l }"
    status, headers, body = post_form(server, accept=accept, query=q)
    assert status == 200 and headers["Content-Type"].split(";")[0] == fmt.media_type
    assert len(list(ox.parse(body, format=fmt))) == 4


def test_not_acceptable_and_format_parameter(server):
    assert post_form(server, accept="image/png", query=PARTNERS_Q)[0] == 406
    status, headers, body = get(server, query=PARTNERS_Q, format="tsv")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert 'filename="sockg-results.tsv"' in headers["Content-Disposition"]
    assert get(server, query=PARTNERS_Q, format="ttl")[0] == 400


def test_post_sparql_query_body(server):
    status, _, body = http("POST", server.endpoint, data=PARTNERS_Q.encode(),
                           headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and body.decode().splitlines()[-1] == "Ministry of Justice"
    assert http("POST", server.endpoint, data=b"x", headers={"Content-Type": "text/plain"})[0] == 415


def test_named_queries_over_http(server):
    status, _, body = get(server, name="strand-priorities", param="strand=Prevent", format="csv")
    assert status == 200 and body.decode().splitlines()[1].startswith("Child sexual exploitation and abuse")
    status, _, body = get(server, name="strand-priorities", param="colour=blue")
    assert status == 400 and b"has no parameter 'colour'" in body
    status, _, queries = http("GET", server.url + "/queries")
    assert status == 200 and {"figures", "strand-partners"} <= {q["name"] for q in json.loads(queries)}


def test_syntax_errors_are_400_with_line_and_column(server):
    status, headers, body = get(server, query="SELECT * WHERE {\n ?s ?p \n}")
    assert status == 400 and body.decode().startswith("syntax error at line ")
    assert headers["Content-Type"].startswith("text/plain")
    status, _, body = get(server, query="SELECT * WHERE { ?s nope:x ?o }")
    assert status == 400 and b"unknown prefix 'nope:'" in body


def test_answers_are_cut_at_max_rows(server):
    status, headers, body = get(server, query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers["Sockg-Truncated"] == "50"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    status, headers, body = get(server, query="CONSTRUCT WHERE { ?s ?p ?o }", format="nt")
    assert status == 200 and headers["Sockg-Truncated"] == "50" and len(body.splitlines()) == 50
    assert "Sockg-Truncated" not in get(server, query=PARTNERS_Q)[1]


def test_service_description(server, kg):
    status, headers, body = get(server)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(t.predicate.value == sd + "endpoint" and t.object.value == server.endpoint for t in g)
    assert any(t.predicate.value == sd + "supportedLanguage" and t.object.value == sd + "SPARQL11Query" for t in g)
    triples = [t.object.value for t in g if t.predicate.value == "http://rdfs.org/ns/void#triples"]
    assert triples == [str(len(kg.store))]


# ---------------------------------------------------------------- read-only, and nothing fetched
def test_updates_are_refused_and_change_nothing(server):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    before = triple_count(server)
    insert = "INSERT DATA { <http://example.org/x> <http://example.org/y> 'z' }"
    sw = SPARQLWrapper(server.endpoint, updateEndpoint=server.endpoint)
    sw.setMethod(POST)
    sw.setQuery(insert)
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        sw.query()
    assert post_form(server, update=insert)[0] == 403
    status, _, body = http("POST", server.endpoint, data=insert.encode(),
                           headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, body = post_form(server, query="DELETE WHERE { ?s ?p ?o }")
    assert status == 403 and b"is an update" in body
    assert http("PUT", server.endpoint, data=b"<a> <b> <c> .", headers={"Content-Type": "text/turtle"})[0] == 405
    assert http("DELETE", server.endpoint)[0] == 405
    assert triple_count(server) == before
    status, _, body = get(server, query="ASK { <http://example.org/x> ?p ?o }")
    assert json.loads(body)["boolean"] is False


def test_service_from_and_load_fetch_nothing(server, canary):  # noqa: F811 - the fixture
    bodies = []
    for q in (f"SELECT * WHERE {{ SERVICE <{canary.url}/sparql> {{ ?s ?p ?o }} }}",
              f"PREFIX : <{canary.url}/p> SELECT * WHERE {{ SERVICE:{{ ?s ?p ?o }} }}",
              f"SELECT * FROM <{canary.url}/data.ttl> WHERE {{ ?s ?p ?o }}",
              "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"):
        status, _, body = post_form(server, query=q)
        assert status == 403 and b"refused" in body, body
        bodies.append(body)
    # the server's own wording: serve has no --allow-federation to point to
    assert not [b for b in bodies if b"--allow-federation" in b]
    assert [b"this endpoint answers from its own graph only and has no option to allow it" in b for b in bodies] \
        == [True, False, True, True]     # (the second is refused as a prefix that reads as a keyword)
    assert post_form(server, update=f"LOAD <{canary.url}/data.ttl>")[0] == 403
    status, _, body = get(server, query="SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": canary.url + "/g"})
    assert status == 400 and b"default-graph-uri is refused" in body
    time.sleep(0.3)
    assert canary.hits == []


def test_query_workers_have_no_network(canary):  # noqa: F811
    """The second guard: in a worker's namespace, even an unchecked SERVICE reaches nothing."""
    code = f"""
import pyoxigraph as ox, sys
from sockg.server.worker import isolate_network
why = isolate_network()
if why: print("NOT-ISOLATED", why); sys.exit(0)
try:
    list(ox.Store().query("SELECT * WHERE {{ SERVICE <{canary.url}/sparql> {{ ?s ?p ?o }} }}"))
    print("ANSWERED")
except Exception as exc:
    print("FAILED", type(exc).__name__)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    if out.startswith("NOT-ISOLATED"):
        from conftest import missing_dependency

        missing_dependency(f"this system does not allow new network namespaces: {out}")
    assert out.startswith("FAILED"), out
    time.sleep(0.2)
    assert canary.hits == []


# ---------------------------------------------------------------- timeouts and load
def test_runaway_query_is_cut_while_others_are_served(server):
    runaway = {}

    def long_one():
        t = time.monotonic()
        runaway["answer"] = post_form(server, query=RUNAWAY)
        runaway["seconds"] = time.monotonic() - t

    t = threading.Thread(target=long_one)
    t.start()
    time.sleep(0.5)
    started = time.monotonic()
    status, _, body = post_form(server, accept="text/csv", query=PARTNERS_Q)
    small = time.monotonic() - started
    assert status == 200 and b"Ministry of Justice" in body
    assert small < 1.0, f"a small query waited {small:.2f} s behind a long one"
    t.join(timeout=30)
    status, _, body = runaway["answer"]
    assert status == 503 and b"stopped at the 2 s timeout" in body
    assert 1.8 <= runaway["seconds"] < 6, runaway["seconds"]
    # the stopped worker is gone and a fresh one takes its place
    deadline = time.monotonic() + 20
    while len(worker_pids(server.proc.pid)) != 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(worker_pids(server.proc.pid)) == 2
    assert triple_count(server) > 1000


def test_eight_clients_fifty_queries_each(server):
    jobs = [
        ({"query": PARTNERS_Q}, "text/csv", lambda b: b.decode().count("\n") == 8),
        ({"query": "ASK { ?s a sockg:Strategy }"}, None, lambda b: json.loads(b)["boolean"] is True),
        ({"name": "powers"}, None, lambda b: len(json.loads(b)["results"]["bindings"]) == 2),
        ({"name": "strand-partners", "param": "strand=Prevent"}, "application/sparql-results+xml",
         lambda b: b.count(b"<result>") == 7),
    ]
    errors, done = [], [0]
    lock = threading.Lock()

    def client(n):
        for i in range(50):
            params, accept, good = jobs[(n + i) % len(jobs)]
            try:
                status, _, body = post_form(server, accept=accept, **params)
                if status != 200 or not good(body):
                    raise AssertionError(f"HTTP {status}: {body[:120]!r}")
            except Exception as exc:  # collected, reported below
                with lock:
                    errors.append(f"client {n} query {i}: {exc}")
            with lock:
                done[0] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors[:5]
    assert done[0] == 400
    assert time.monotonic() - started < 120


# ---------------------------------------------------------------- exposure
def test_listens_on_loopback_only_by_default(server):
    listening = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, port = local.split(":")
        if int(port, 16) == server.port and state == "0A":
            listening.append(addr)
    assert listening == ["0100007F"]   # 127.0.0.1


def test_no_cors_by_default_and_dns_rebinding_refused(server):
    status, headers, _ = get(server, query=PARTNERS_Q)
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    assert http("OPTIONS", server.endpoint)[0] == 405
    status, _, body = http("GET", server.endpoint + "?query=ASK%7B%7D", headers={"Host": f"evil.example:{server.port}"})
    assert status == 403 and b"Host" in body
    assert http("GET", server.endpoint + "?query=ASK%7B%7D", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_cors_when_asked(built, tmp_path):
    s = start_server(built.out_dir, tmp_path / "cors.log", "--cors", "--workers", "1", "--quiet")
    try:
        status, headers, _ = get(s, query="ASK {}")
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
        status, headers, _ = http("OPTIONS", s.endpoint, headers={"Origin": "http://example.org",
                                                                 "Access-Control-Request-Method": "POST"})
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        stop_server(s)
    assert s.proc.returncode == 0 and worker_pids(s.proc.pid) == []
    assert s.log.read_text().strip().endswith("sockg: stopped")


def test_query_page_is_served_with_a_strict_policy(server):
    status, headers, body = http("GET", server.url + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and headers["X-Content-Type-Options"] == "nosniff"
    html = body.decode()
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs)
    for name in ("app.js", "style.css"):
        status, _, text = http("GET", server.url + "/static/" + name)
        assert status == 200
        assert not re.search(rb"(?:src|href|url)\s*[=(]\s*[\"']?(?:https?:)?//", text)
        assert b"innerHTML" not in text
    assert http("GET", server.url + "/static/../../pyproject.toml")[0] == 404
    assert http("GET", server.url + "/nowhere")[0] == 404


@pytest.mark.parametrize("option, value, says", [
    ("--port", "99999", "99999 is not in the range 0<=x<=65535"),
    ("--port", "-1", "-1 is not in the range 0<=x<=65535"),
    ("--timeout", "0", "0 is not in the range 0<x<=86400 (seconds)"),
    ("--timeout", "nan", "nan is not in the range 0<x<=86400 (seconds)"),
    ("--max-rows", "0", "0 is not in the range x>=1"),
    ("--workers", "0", "0 is not in the range 1<=x<=64"),
])
def test_bad_option_values_exit_2_in_one_line(runner, tmp_path, option, value, says):
    from sockg.cli import app

    # (--data that cannot be read: were the value let through, the run would fail there rather than serve)
    result = runner.invoke(app, ["serve", option, value, "--data", str(tmp_path / "nothing.ttl")])
    assert result.exit_code == 2 and "Traceback" not in result.output and "internal error" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: Invalid value for '{option}': {says}."]


def test_bad_data_fails_in_one_line(runner, tmp_path):
    from sockg.cli import app

    result = runner.invoke(app, ["serve", "--data", str(tmp_path / "nothing.ttl")])
    assert result.exit_code == 1 and "no such file or folder" in result.stderr and "Traceback" not in result.output


def test_the_library_refuses_a_port_out_of_range_in_one_line(tmp_path):
    from sockg.errors import QueryError
    from sockg.server.app import make_server

    with pytest.raises(QueryError, match="cannot listen on 127.0.0.1:99999: a port is a number from 0 to 65535"):
        make_server({"data": str(tmp_path / "never-read.ttl")}, port=99999)


# ---------------------------------------------------------------- the connection itself (in process, no workers)
class NoPool:
    """The server's pool, for requests that must be answered (or dropped) before any query runs."""

    isolated = True

    def run(self, job, timeout):
        raise AssertionError(f"no query should have reached the pool: {job}")

    def close(self):
        pass


@pytest.fixture
def bare():
    """A server with a 0.5 s request timeout and no query workers, serving from a thread."""
    from sockg.server.app import SparqlServer

    srv = SparqlServer(("127.0.0.1", 0), NoPool(), timeout=2, max_rows=10, cors=False, request_timeout=0.5)
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.close()
    t.join(timeout=5)


def raw_request(srv, data: bytes, wait: float = 5.0) -> bytes:
    """Send ``data`` and keep the connection open; what the server answers before it closes (or ``wait`` ends)."""
    with socket.create_connection(srv.server_address[:2], timeout=wait) as sock:
        sock.sendall(data)
        got = b""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            got += chunk
        return got


def post_head(length_lines: str, extra: str = "") -> bytes:
    return (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            f"{length_lines}{extra}\r\n").encode()


@pytest.mark.parametrize("value", ["-1", "+6", "6_0", "1 2", "0x6", "\u0666", "", "9" * 21])
def test_negative_or_garbled_content_length_is_400_at_once(bare, value):
    started = time.monotonic()
    answer = raw_request(bare, post_head(f"Content-Length: {value}\r\n") + b"ASK {}")
    assert answer.startswith(b"HTTP/1.0 400 "), answer[:200]
    assert b"bad Content-Length" in answer and b"want a whole number of bytes" in answer
    assert time.monotonic() - started < 2      # not left waiting for a body that never ends


def test_two_lengths_a_chunked_body_and_a_huge_one_are_refused(bare):
    answer = raw_request(bare, post_head("Content-Length: 6\r\nContent-Length: 7\r\n") + b"ASK {}")
    assert answer.startswith(b"HTTP/1.0 400 ") and b"more than one" in answer
    answer = raw_request(bare, post_head("Transfer-Encoding: chunked\r\n") + b"6\r\nASK {}\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 411 ") and b"Content-Length" in answer
    answer = raw_request(bare, post_head(f"Content-Length: {(1 << 20) + 1}\r\n"))
    assert answer.startswith(b"HTTP/1.0 413 ")


def test_idle_and_short_bodied_clients_are_dropped_at_the_request_timeout(bare):
    for data in (b"", b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                 post_head("Content-Length: 100\r\n") + b"ASK {}"):
        started = time.monotonic()
        assert raw_request(bare, data) == b""          # closed without an answer ...
        assert time.monotonic() - started < 2.5        # ... soon after the 0.5 s timeout


def test_a_trickling_client_is_dropped_while_others_are_served(bare):
    started = time.monotonic()
    closed_after = None
    with socket.create_connection(bare.server_address[:2], timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        while time.monotonic() - started < 5:
            try:
                sock.sendall(b"X-Slow: y\r\n")          # a header line every 0.1 s: each read is quick
            except OSError:
                closed_after = time.monotonic() - started
                break
            if select.select([sock], [], [], 0.1)[0]:
                try:
                    if sock.recv(65536) == b"":
                        closed_after = time.monotonic() - started
                        break
                except ConnectionResetError:
                    closed_after = time.monotonic() - started
                    break
            assert raw_request(bare, b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").startswith(b"HTTP/1.0 200 ")
    assert closed_after is not None and closed_after < 2.5, closed_after


def test_a_client_gone_before_its_refusal_is_sent_leaves_no_traceback(bare, capsys):
    for request in (b"GET /nowhere HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",            # 404
                    b"GET /sparql?update=CLEAR+ALL HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",  # 403
                    b"PUT /sparql HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",                # 405
                    b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"):                     # 200
        client, server_end = socket.socketpair()
        client.sendall(request)
        client.close()                      # gone: the answer's first write fails with a broken pipe
        bare.process_request_thread(server_end, ("127.0.0.1", 9))
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_the_library_serves_without_printing(tmp_path, capsys, monkeypatch):
    from sockg.server import app as server_app

    nt = tmp_path / "small.nt"
    nt.write_text('<http://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A" .\n', encoding="utf-8")

    def interrupted(self, poll_interval=0.5):
        raise KeyboardInterrupt

    monkeypatch.setattr(server_app.SparqlServer, "serve_forever", interrupted)
    server_app.serve({"data": str(nt)}, port=0, workers=1)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    said = []
    server_app.serve({"data": str(nt)}, port=0, workers=1, announce=said.append)
    assert said[0].startswith("serving http://127.0.0.1:") and said[-1] == "stopped"
    assert capsys.readouterr().out == ""
