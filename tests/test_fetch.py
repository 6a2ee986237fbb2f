"""``sockg fetch`` and ``sockg verify``, against the tests' own loopback server: no network.

The server answers like GOV.UK's Content API (``/api/content/PATH``) and its asset host, with texts and PDFs
the tests make of their own words (fpdf2), and misbehaves on purpose on some paths: 404, 429 then 200, 503
for ever, a redirect off the allowed hosts, a body over the cap, a connection dropped mid-body, malformed
JSON, a PDF of images only, and 304 to a conditional request.
"""

from __future__ import annotations

import json
import threading

import pytest
from conftest import REPO, QuietHandler, loopback_http

from sockg.cli import app
from sockg.errors import FetchError
from sockg.fetch import Cache, Client, Document, fetch_documents
from sockg.fetch.client import USER_AGENT, parse_base_url

FIXTURE = REPO / "tests" / "data" / "fetch" / "seeds"
LANDING_PATH = "/government/publications/example-harbour-strategy"
HTML_PATH = LANDING_PATH + "/example-harbour-strategy-text"
PDF_PATH = "/media/abc123/example-harbour-strategy.pdf"


def make_pdf(pages: list[str] | None) -> bytes:
    """A PDF with a page per text (``None``: one page with a drawn box and no text at all)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if pages is None:
        pdf.add_page()
        pdf.rect(20, 20, 50, 30, style="F")
    for body in pages or []:
        pdf.add_page()
        pdf.multi_cell(0, 8, body)
    return bytes(pdf.output())


LANDING = {"schema_name": "publication", "document_type": "policy_paper", "title": "Example Harbour Strategy",
           "description": "How the harbour will be kept safe.", "first_published_at": "2020-05-01T10:00:00.000+01:00",
           "details": {"body": "<p>This strategy sets out the plan.</p>",
                       "documents": ["<p>Example Harbour Strategy (HTML)</p>"]},
           "links": {"organisations": [{"title": "Home Office"}]}}
HTML = {"schema_name": "html_publication", "title": "Example Harbour Strategy",
        "details": {"body": "<h2>Our response</h2><p>1. We will act.</p>"
                            "<p>2. The Home Office will deliver this strategy with partners.</p>"
                            "<h2>Threats</h2><p>3. Tidal crime.</p>"}, "links": {}}
PDF = make_pdf(["Example Harbour Strategy\nCover",
                "Threats\nTidal crime grows along the coast. It is a threat we will tackle.\n7",
                "Delivery\nPartners will act.\n8"])


class Server(QuietHandler):
    """GOV.UK-shaped answers; ``self.server.hits`` counts requests per path, ``self.server.agents`` records
    User-Agents, and ``self.server.special`` maps a path to a misbehaviour."""

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.hits[self.path] = srv.hits.get(self.path, 0) + 1
            n = srv.hits[self.path]
            srv.agents.add(self.headers.get("User-Agent"))
        special = srv.special.get(self.path)
        if special == "429-once" and n == 1:
            return self.answer(429, b"slow down", headers={"Retry-After": "1"})
        if special == "503":
            return self.answer(503, b"down")
        if special == "redirect-out":
            return self.answer(302, b"", headers={"Location": "https://example.org/elsewhere"})
        if special == "redirect-in":
            return self.answer(301, b"", headers={"Location": HTML_PATH.replace("/government", "/api/content/government")})
        if special == "huge":
            return self.answer(200, b"x" * 5000, "application/pdf")
        if special == "drop":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"%PDF-1.4 partial")
            self.wfile.flush()
            self.close_connection = True
            return None
        if special == "bad-json":
            return self.answer(200, b'{"schema_name": "publication", "title": ', "application/json")
        if special == "not-a-publication":
            return self.answer(200, json.dumps({"schema_name": "person", "title": "Someone", "details": {}}).encode(),
                               "application/json")
        if special == "no-text":
            return self.answer(200, make_pdf(None), "application/pdf")
        routes = srv.routes
        if self.path in routes:
            body, ctype = routes[self.path]
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            return self.answer(200, body, ctype, {"ETag": etag, "Last-Modified": "Fri, 01 May 2020 09:00:00 GMT"})
        return self.answer(404, b"not here")


@pytest.fixture
def server():
    routes = {f"/api/content{LANDING_PATH}": (json.dumps(LANDING).encode(), "application/json"),
              f"/api/content{HTML_PATH}": (json.dumps(HTML).encode(), "application/json"),
              PDF_PATH: (PDF, "application/pdf")}
    with loopback_http(Server, routes=routes, hits={}, agents=set(), special={}, lock=threading.Lock()) as srv:
        yield srv


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def fetch_all(runner, srv, cache, *extra):
    return run(runner, "fetch", "--all", "--base-url", srv.url, "--cache", cache, "-s", FIXTURE, *extra)


def files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------- fetching
def test_fetch_all_stores_text_raw_and_metadata(runner, server, tmp_path):
    cache = tmp_path / "cache"
    r = fetch_all(runner, server, cache, "-f", "json")
    assert r.exit_code == 1   # the other plan's page is not on the server: one failure, the rest complete
    doc = json.loads(r.stdout)
    status = {(d["id"], d["kind"]): d["status"] for d in doc["documents"]}
    assert status == {("example-strategy", "landing"): "fetched", ("example-strategy", "html"): "fetched",
                      ("example-strategy", "pdf"): "fetched", ("other-plan", "landing"): "failed"}
    assert "other-plan (landing: https://www.gov.uk/government/publications/other-harbour-plan): HTTP 404" in r.stderr
    entries = {e.doc.kind: e for e in Cache(cache).entries()}
    assert set(entries) == {"landing", "html", "pdf"}
    meta = entries["pdf"].meta()
    assert meta["url"] == "https://assets.publishing.service.gov.uk" + PDF_PATH
    assert meta["fetched_url"] == server.url + PDF_PATH and meta["etag"] == '"v1"'
    assert meta["content_type"] == "application/pdf" and len(meta["sha256"]) == 64 and meta["retrieved"]
    assert [p["printed"] for p in meta["pages"]] == [None, "7", "8"]
    assert entries["pdf"].raw_path.read_bytes() == PDF
    landing = entries["landing"].text()
    assert landing.startswith("# Example Harbour Strategy") and "Published 2020-05-01" in landing
    assert "From: Home Office" in landing and "## Details" in landing
    assert "## Our response" in entries["html"].text()
    assert server.agents == {USER_AGENT} and USER_AGENT.startswith("sockg/")
    assert not [f for f in files(cache) if f.endswith(".part") or "/." in f]


def test_a_second_run_needs_no_request_and_a_refresh_answered_304_changes_nothing(runner, server, tmp_path):
    cache = tmp_path / "cache"
    fetch_all(runner, server, cache)
    hits = dict(server.hits)
    before = {f: (cache / f).read_bytes() for f in files(cache)}
    r = fetch_all(runner, server, cache, "-f", "json")
    status = {(d["id"], d["kind"]): d["status"] for d in json.loads(r.stdout)["documents"]}
    assert status[("example-strategy", "pdf")] == "cached" and status[("example-strategy", "html")] == "cached"
    assert {k: v for k, v in server.hits.items() if "other" not in k} == \
        {k: v for k, v in hits.items() if "other" not in k}   # no request for what is cached
    r = fetch_all(runner, server, cache, "--refresh", "-f", "json")
    status = {(d["id"], d["kind"]): d["status"] for d in json.loads(r.stdout)["documents"]}
    assert status[("example-strategy", "pdf")] == "not modified"
    assert {f: (cache / f).read_bytes() for f in files(cache)} == before


def test_429_is_waited_out_as_retry_after_says(server, tmp_path):
    server.special[PDF_PATH] = "429-once"
    waits = []
    with Client(base_url=server.url, sleep=waits.append) as client:
        [o] = fetch_documents([Document("x", "pdf", "https://assets.publishing.service.gov.uk" + PDF_PATH)],
                              Cache(tmp_path / "c"), client)
    assert o.status == "fetched" and o.requests == 2 and server.hits[PDF_PATH] == 2
    assert 1.0 in waits   # Retry-After: 1


def test_repeated_503_gives_up_after_the_retries(server, tmp_path):
    server.special[PDF_PATH] = "503"
    waits = []
    with Client(base_url=server.url, sleep=waits.append, retries=3, backoff=0.5) as client:
        [o] = fetch_documents([Document("x", "pdf", "https://assets.publishing.service.gov.uk" + PDF_PATH)],
                              Cache(tmp_path / "c"), client)
    assert o.status == "failed" and "HTTP 503 after 4 attempts" in o.reason
    assert server.hits[PDF_PATH] == 4 and [w for w in waits if w >= 0.5] == [0.5, 1.0, 2.0]
    assert files(tmp_path / "c") == []


@pytest.mark.parametrize("special, needle", [
    ("redirect-out", "refused a redirect to https://example.org/elsewhere"),
    ("huge", "over the cap of 1000"),
    ("drop", "after 2 attempts"),
    ("no-text", "the PDF has no text layer"),
])
def test_refused_documents_leave_nothing_behind(server, tmp_path, special, needle):
    server.special[PDF_PATH] = special
    cap = 1000 if special == "huge" else 10_000_000
    with Client(base_url=server.url, sleep=lambda s: None, retries=1, max_bytes=cap) as client:
        [o] = fetch_documents([Document("x", "pdf", "https://assets.publishing.service.gov.uk" + PDF_PATH)],
                              Cache(tmp_path / "c"), client)
    assert o.status == "failed" and needle in o.reason, o.reason
    assert files(tmp_path / "c") == []


@pytest.mark.parametrize("special, needle", [
    ("bad-json", "the Content API answer is not JSON"),
    ("not-a-publication", "not a publication content item (schema 'person'"),
])
def test_content_api_answers_that_are_not_publications(runner, server, tmp_path, special, needle):
    server.special[f"/api/content{HTML_PATH}"] = special
    r = fetch_all(runner, server, tmp_path / "cache")
    assert r.exit_code == 1 and "Traceback" not in r.output
    line = [x for x in r.stderr.splitlines() if "example-harbour-strategy-text" in x]
    assert len(line) == 1 and needle in line[0]
    assert {e.doc.kind for e in Cache(tmp_path / "cache").entries()} == {"landing", "pdf"}


def test_a_redirect_within_the_allowed_host_is_followed(server, tmp_path):
    server.special[f"/api/content{LANDING_PATH}/moved"] = "redirect-in"
    with Client(base_url=server.url, sleep=lambda s: None) as client:
        [o] = fetch_documents([Document("x", "html", "https://www.gov.uk" + LANDING_PATH + "/moved")],
                              Cache(tmp_path / "c"), client)
    assert o.status == "fetched" and o.requests == 2


def test_the_rate_limit_spaces_requests(server, tmp_path):
    waits, now = [], [0.0]

    def sleep(s):
        waits.append(s)
        now[0] += s

    with Client(base_url=server.url, sleep=sleep, clock=lambda: now[0], rate=10) as client:
        fetch_documents([Document("x", "pdf", "https://assets.publishing.service.gov.uk" + PDF_PATH),
                         Document("y", "pdf", "https://assets.publishing.service.gov.uk" + PDF_PATH)],
                        Cache(tmp_path / "c"), client)
    assert waits and all(abs(w - 0.1) < 1e-9 for w in waits)   # 10 a second at most


def test_a_cache_edited_by_hand_is_reported_and_fetched_again_on_refresh(runner, server, tmp_path):
    cache = tmp_path / "cache"
    fetch_all(runner, server, cache)
    pdf_entry = next(e for e in Cache(cache).entries() if e.doc.kind == "pdf")
    html_entry = next(e for e in Cache(cache).entries() if e.doc.kind == "html")
    pdf_entry.meta_path.unlink()
    html_entry.text_path.write_text("changed by hand", encoding="utf-8")
    r = fetch_all(runner, server, cache)
    assert r.exit_code == 1
    assert "its metadata file is missing" in r.stderr and "text.txt does not match its SHA-256" in r.stderr
    assert "run with --refresh" in r.stderr
    r = fetch_all(runner, server, cache, "--refresh", "-f", "json")
    status = {(d["id"], d["kind"]): d["status"] for d in json.loads(r.stdout)["documents"]}
    assert status[("example-strategy", "pdf")] == "fetched" and status[("example-strategy", "html")] == "fetched"
    assert all(e.problem() is None for e in Cache(cache).entries())


def test_fetch_list_is_the_catalogue_as_json(runner):
    r = run(runner, "fetch", "--list", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    by = {x["id"]: x for x in rows}
    assert set(by["fraud-2023"]) == {"id", "title", "url", "documents"}
    assert by["fraud-2023"]["url"] == "https://www.gov.uk/government/publications/fraud-strategy"
    assert {d["kind"] for d in by["fraud-2023"]["documents"]} == {"html", "pdf"}
    assert by["ncss-2016"]["url"] is None and by["ncss-2016"]["documents"][0]["kind"] == "pdf"
    assert all(d["url"].startswith(("https://www.gov.uk/", "https://assets.publishing.service.gov.uk/"))
               for x in rows for d in x["documents"])
    assert "soc-2023-statement" not in by   # a Hansard record: nothing sockg fetches
    assert by["contest-2018"]["url"] == "https://www.gov.uk/government/collections/contest"


@pytest.mark.parametrize("args, needle", [
    (["fetch", "no-such-thing"], "not in the catalogue: no-such-thing"),
    (["fetch", "contest-2019"], "did you mean: contest-2018"),
    (["fetch"], "give the catalogue ids"),
    (["fetch", "--all", "--base-url", "ftp://mirror.example"], "--base-url ftp://mirror.example: give an http or https"),
    (["fetch", "--all", "--base-url", "http://127.0.0.1:9/mirror"], "no path"),
])
def test_bad_input_is_one_line(runner, args, needle, tmp_path):
    r = run(runner, *args, "--cache", tmp_path / "c")
    assert r.exit_code != 0 and "Traceback" not in r.output
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and needle in err[0], err
    assert not (tmp_path / "c").exists() or files(tmp_path / "c") == []


def test_an_unwritable_cache_is_one_line(runner, server, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    r = fetch_all(runner, server, blocker / "cache")
    assert r.exit_code != 0 and "Traceback" not in r.output
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "cannot make the cache folder" in err[0]


def test_base_url_parsing():
    assert parse_base_url("https://mirror.example:8443/") == "https://mirror.example:8443"
    for bad in ("mirror.example", "http://user:pw@mirror.example", "http://mirror.example/?q=1"):
        with pytest.raises(FetchError):
            parse_base_url(bad)
    with Client(base_url="http://127.0.0.1:1") as c:
        assert c.public_to_fetch("https://www.gov.uk/a/b") == "http://127.0.0.1:1/a/b"
        assert c.public_to_fetch("https://assets.publishing.service.gov.uk/m/x.pdf") == "http://127.0.0.1:1/m/x.pdf"
        assert not c.allowed("https://example.org/x") and not c.allowed("http://www.gov.uk/x")
        with pytest.raises(FetchError, match="not a GOV.UK address"):
            c.public_to_fetch("https://example.org/x")


# ---------------------------------------------------------------- verification
@pytest.fixture
def fetched(runner, server, tmp_path):
    cache = tmp_path / "cache"
    fetch_all(runner, server, cache)
    out = tmp_path / "build"
    r = run(runner, "build", "-s", FIXTURE, "-o", out, "--cache", cache)
    assert r.exit_code == 0, r.output
    return cache, out, r


def test_verify_classifies_every_cited_statement(runner, fetched):
    cache, out, build = fetched
    r = run(runner, "verify", "--cache", cache, "-b", out, "-f", "json")
    assert r.exit_code == 1   # a place and a name are not found, and a note repeats the text
    doc = json.loads(r.stdout)
    assert doc["statements"] == 11
    assert doc["publications"]["example-strategy"] == {"verified": 7, "locator not found": 1, "names not found": 1,
                                                       "not fetched": 0}
    assert [f["note"] for f in doc["notes_copied"]] == ["The Home Office will deliver this strategy with partners."]
    assert doc["publications"]["other-plan"] == {"verified": 0, "locator not found": 0, "names not found": 0,
                                                 "not fetched": 2}
    reasons = {(f["note"], f["outcome"]): f["reason"] for f in doc["failures"]}
    assert reasons[("The agency partnered on the strategy.", "names not found")] == \
        "the place does not name Example Agency"
    assert ("The agency is to help deliver it.", "locator not found") in reasons
    assert "11 cited statements against the fetched texts: 7 verified" in build.stdout
    text = run(runner, "verify", "--cache", cache, "-b", out).stdout
    assert "the note repeats the fetched text word for word" in text


def test_a_verified_citation_carries_its_sentence_in_the_users_build(fetched):
    from sockg.kg import KnowledgeGraph

    cache, out, _ = fetched
    kg = KnowledgeGraph(out)
    rows = kg.select("""SELECT ?exact ?start ?end ?note ?doc WHERE {
        ?c prov:wasDerivedFrom ?v . ?v sockg:verifies ?cit ; oa:hasSelector/oa:exact ?exact ;
           oa:hasSelector/oa:start ?start ; oa:hasSelector/oa:end ?end ; oa:hasSource ?d .
        ?d dcterms:identifier ?doc ; sockg:textOf ?pub . ?cit sockg:citationNote ?note }""")
    by_note = {r["note"]: r for r in rows}
    home = by_note["The Home Office is to deliver the strategy."]
    assert home["exact"] == "2. The Home Office will deliver this strategy with partners." or \
        home["exact"] == "The Home Office will deliver this strategy with partners."
    text = next(e for e in Cache(cache).entries() if e.doc.kind == "html").text()
    assert text[home["start"]:home["end"]] == home["exact"]     # offsets into the cached text
    tidal = by_note["Tidal crime is one of the threats covered."]
    assert "Tidal crime grows along the coast" in tidal["exact"] and tidal["doc"].startswith("fetched-example")


def test_an_empty_cache_builds_as_offline(runner, tmp_path):
    r = run(runner, "build", "-s", FIXTURE, "-o", tmp_path / "b", "--cache", tmp_path / "empty")
    assert r.exit_code == 0 and "not verified here" in r.stdout
    r = run(runner, "verify", "--cache", tmp_path / "empty", "-b", tmp_path / "b", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"]["not fetched"] == 11
    assert "run 'sockg fetch --all' first" in r.stderr


def test_build_with_fetched_ingests_the_fetched_texts(runner, fetched, tmp_path):
    from sockg.kg import KnowledgeGraph

    cache, _, _ = fetched
    out = tmp_path / "b2"
    r = run(runner, "build", "-s", FIXTURE, "-o", out, "--cache", cache, "--with-fetched", "-f", "json")
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)["fetched"]) == 3
    rows = KnowledgeGraph(out).select("""SELECT ?doc ?exact WHERE { ?c sockg:method "extracted" ;
        prov:wasDerivedFrom ?e . ?e sockg:evidenceKind "extracted" ; oa:hasSource/dcterms:identifier ?doc ;
        oa:hasSelector/oa:exact ?exact }""")
    assert any(r["doc"].startswith("fetched-example-strategy") and r["exact"] == "Home Office" for r in rows)


# ---------------------------------------------------------------- verification: places are where they say
def verifier_for(pages: list[str], names: list[tuple[str, str]]):
    """A verifier over one made-up PDF text (pages as given, printed page numbers from their last line)."""
    from sockg.fetch.texts import pdf_text
    from sockg.fetch.verify import FetchedDoc, _Verifier
    from sockg.names import NameIndex

    t = pdf_text(make_pdf(pages), "t")
    fd = FetchedDoc.make("pub", "pdf-1", "https://assets.publishing.service.gov.uk/x.pdf", "pdf", t.text, "0" * 64,
                         t.pages)
    idx = NameIndex([(iri, label, "pref") for iri, label in names])
    return _Verifier(idx, {"pub": [fd]}, {"x:pub": {"x:pub"}}), fd


def statement(subject, obj, **where):
    from sockg.fetch.verify import Statement

    return Statement("c", subject, "x:p", obj, True, "e", "pub", "x:pub", "a note", **where)


def test_a_heading_on_the_contents_page_is_not_the_place():
    v, _ = verifier_for(["Contents\nForeword\nPursue\nPrevent\n1",
                         "Foreword\nThe Home Office will review Prevent next year.\n2",
                         "Pursue\nPolice forces disrupt attacks.\n3"],
                        [("x:ho", "Home Office"), ("x:prevent", "Prevent"), ("x:police", "Police forces")])
    assert v.check(statement("x:ho", "x:prevent", heading="Pursue")).outcome == "names not found"
    r = v.check(statement("x:police", "x:pub", heading="Pursue"))
    assert r.outcome == "verified" and "Police forces disrupt attacks" in r.sentence


def test_a_cited_page_is_where_the_heading_must_be():
    v, fd = verifier_for(["Threats\nTidal crime grows.\n7", "Delivery\nThe agency delivers.\n8"],
                         [("x:tidal", "Tidal crime")])
    assert [p["printed"] for p in fd.pages] == ["7", "8"]
    assert v.check(statement("x:pub", "x:tidal", heading="Threats", page="7")).outcome == "verified"
    assert v.check(statement("x:pub", "x:tidal", heading="Threats", page="8")).outcome == "locator not found"
    assert v.check(statement("x:pub", "x:tidal", heading="Threats", page="99")).outcome == "locator not found"


def test_a_paragraph_reaches_no_further_than_its_part():
    from sockg.fetch.verify import FetchedDoc, _Verifier
    from sockg.names import NameIndex

    text = "# Plan\n\n## 4 Pursue\n\n4.1 Police disrupt attacks.\n\n## 5 Prevent\n\n5.1 The Home Office leads Prevent.\n"
    fd = FetchedDoc.make("pub", "html-1", "https://www.gov.uk/x", "html", text, "0" * 64)
    v = _Verifier(NameIndex([("x:ho", "Home Office", "pref")]), {"pub": [fd]}, {"x:pub": {"x:pub"}})
    assert v.check(statement("x:ho", "x:pub", paragraph="4.1")).outcome == "names not found"
    assert v.check(statement("x:ho", "x:pub", paragraph="5.1")).outcome == "verified"
    # "1.2 million" is not paragraph 1.2
    fd2 = FetchedDoc.make("pub", "html-2", "https://www.gov.uk/y", "html", "# P\n\n1.2 million people.\n", "0" * 64)
    v2 = _Verifier(NameIndex([]), {"pub": [fd2]}, {"x:pub": {"x:pub"}})
    assert v2.check(statement("x:pub", "x:pub", paragraph="1.2")).outcome == "locator not found"


def test_a_name_broken_across_pdf_lines_is_found():
    v, _ = verifier_for(["Partners\nWe will work with the Serious Violence\nStrategy team on this.\n4"],
                        [("x:svs", "Serious Violence Strategy")])
    r = v.check(statement("x:pub", "x:svs", heading="Partners"))
    assert r.outcome == "verified" and "Serious Violence" in r.sentence


def test_a_folder_left_by_an_interrupted_fetch_is_not_trusted_and_is_cleared(runner, server, tmp_path):
    import shutil

    cache = tmp_path / "cache"
    fetch_all(runner, server, cache)
    entry = next(e for e in Cache(cache).entries() if e.doc.kind == "landing")
    stale = entry.folder.parent / ".landing.k1l2m3.part"
    shutil.copytree(entry.folder, stale)
    assert [e.folder.name for e in Cache(cache).entries()].count("landing") == 1
    assert all(not e.folder.name.startswith(".") for e in Cache(cache).entries())
    fetch_all(runner, server, cache)
    assert not stale.exists()


def test_a_document_whose_text_cannot_be_read_fails_alone(server, tmp_path):
    server.routes[f"/api/content{HTML_PATH}"] = (json.dumps({"schema_name": "html_publication", "title": "x"}).encode(),
                                                 "application/json")
    server.routes["/media/broken.pdf"] = (b"%PDF-1.4\n" + b"\x00garbage" * 50, "application/pdf")
    with Client(base_url=server.url, sleep=lambda s: None) as client:
        out = fetch_documents([Document("x", "html", "https://www.gov.uk" + HTML_PATH),
                               Document("x", "pdf", "https://assets.publishing.service.gov.uk/media/broken.pdf"),
                               Document("x", "pdf", "https://assets.publishing.service.gov.uk" + PDF_PATH)],
                              Cache(tmp_path / "c"), client)
    assert [o.status for o in out] == ["failed", "failed", "fetched"]
    assert "not a content item" in out[0].reason and out[1].reason.startswith("x (pdf: ")
