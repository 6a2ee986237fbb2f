"""Queries are read-only and fetch nothing: updates, SERVICE and FROM are refused, found as keywords.

A loopback canary HTTP server records any request a query makes, and a FIFO
records any attempt to open a local file; the refusals are checked against
both, and against rdflib's own SPARQL parser on a corpus of tricky queries.
"""

from __future__ import annotations

import os
import random
import threading
import time

import pytest

from conftest import QuietHandler, loopback_http
from sockg.cli import app
from sockg.errors import QueryError, QueryRefusedError
from sockg.query import check_query, named_queries
from sockg.query.lexer import tokenize


# ---------------------------------------------------------------- canaries
class _Canary(QuietHandler):
    def _answer(self):
        self.server.hits.append(f"{self.command} {self.path}")
        self.answer(200, b'{"head":{"vars":[]},"results":{"bindings":[{}]}}', "application/sparql-results+json")

    do_GET = do_POST = _answer


@pytest.fixture
def canary():
    """A loopback HTTP server that records every request it receives (``.hits``) at ``.url``."""
    with loopback_http(_Canary, hits=[]) as srv:
        yield srv


@pytest.fixture
def fifo_canary(tmp_path):
    """A named pipe: ``.opened`` becomes true if anything opens it for reading."""
    path = tmp_path / "canary.ttl"
    os.mkfifo(path)

    class Watch:
        opened = False
        done = False

    watch = Watch()
    watch.path = path

    def wait_for_reader():
        fd = os.open(path, os.O_WRONLY)          # blocks until someone opens the pipe to read
        if not watch.done:
            watch.opened = True
            os.write(fd, b'<http://example.org/leak> <http://example.org/p> "read from the file" .\n')
        os.close(fd)

    t = threading.Thread(target=wait_for_reader, daemon=True)
    t.start()
    yield watch
    watch.done = True
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)   # release the waiting thread
    t.join(timeout=5)
    os.close(fd)


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- refusals
UPDATES = [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "delete data { <http://e/a> <http://e/b> <http://e/c> }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL", "CREATE GRAPH <http://e/g>", "DROP DEFAULT", "ADD DEFAULT TO <http://e/g>",
    "MOVE <http://e/g> TO DEFAULT", "COPY DEFAULT TO <http://e/g>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://e/>\n# a comment\nINSERT { ex:a ex:b ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
]


@pytest.mark.parametrize("text", UPDATES)
def test_updates_are_refused(text):
    with pytest.raises(QueryRefusedError, match=r"is an update; sockg queries are read-only"):
        check_query(text)


FEDERATED = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { # comment\n SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/hosts> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?a ?b 1SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b)SERVICE<http://127.0.0.1:9/>{?s ?p ?o} }",
]


@pytest.mark.parametrize("text", FEDERATED)
def test_service_and_from_are_refused_unless_allowed(text):
    with pytest.raises(QueryRefusedError, match=r"would make the process fetch a URL or read a file; "
                                                r"pass --allow-federation to allow it$"):
        check_query(text)
    assert check_query(text, allow_federation=True).form in ("select", "construct")
    # where there is no such option (the server), the refusal says what to do there instead
    with pytest.raises(QueryRefusedError, match=r"read a file; no opt-in here$"):
        check_query(text, federation_hint="no opt-in here")


def test_a_prefix_spelt_like_a_keyword_is_refused():
    """Oxigraph reads ``SERVICE:{`` as the SERVICE keyword, whatever PREFIX service: says."""
    for text in ("PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:{ ?s ?p ?o } }",
                 "PREFIX SERVICE: <http://e/> PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:{ ?s ?p ?o } }",
                 "PREFIX from: <http://e/> SELECT * WHERE { ?s from:x ?o }"):
        with pytest.raises(QueryRefusedError, match="reads as the .* keyword"):
            check_query(text, allow_federation=False)


DECOYS = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" }',
    "SELECT * WHERE { ?s ?p 'FROM <file:///etc/passwd>' }",
    'SELECT * WHERE { ?s ?p """a "quoted" line\nSERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n""" }',
    "SELECT * WHERE { ?s ?p '''it''s\nINSERT DATA { }''' }",
    'SELECT * WHERE { ?s ?p "escaped \\" SERVICE <http://x/> \\" quote" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { } and DROP ALL",
    "SELECT * WHERE { ?s <http://example.org/SERVICE#FROM> ?o }",
    "SELECT ?service ?from $insert WHERE { ?service ?from ?insert }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:SERVICE ex:from . ?s ex:drop\\#all ?o }",
    'SELECT * WHERE { ?s ?p "x"@en-service }',
    "SELECT * WHERE { _:from ?p ?o }",
]


@pytest.mark.parametrize("text", DECOYS)
def test_the_same_words_in_strings_iris_comments_and_names_are_harmless(text, kg):
    from sockg.query import LocalTarget

    info = check_query(text)
    assert info.form == "select"
    LocalTarget(kg.store).run(info).to_python()   # and the engine agrees it is a plain query


def test_codepoint_escapes_outside_strings_are_refused():
    with pytest.raises(QueryError, match=r"line 1, column 18: a backslash"):
        check_query("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert check_query('SELECT * WHERE { ?s ?p "\\u0053ERVICE" }').form == "select"


def test_escapes_that_would_end_a_string_in_other_engines_are_refused():
    """Engines that decode escapes before parsing would read this SERVICE as a keyword."""
    text = 'SELECT * WHERE { BIND("a\\u0022 } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #" AS ?x) }'
    with pytest.raises(QueryError, match=r"the escape '\\\\u0022' at line 1, column 23"):
        check_query(text)
    with pytest.raises(QueryError, match=r"escape '\\\\u003E'"):
        check_query("SELECT * WHERE { ?s ?p <http://x/\\u003E> }")
    assert check_query('SELECT * WHERE { BIND("caf\\u00e9" AS ?x) }').form == "select"


# ---------------------------------------------------------------- nothing is fetched, nothing is read
def test_service_sends_no_request_from_the_cli(runner, built, canary):
    q = f"SELECT * WHERE {{ SERVICE <{canary.url}/sparql> {{ ?s ?p ?o }} }}"
    result = run(runner, "query", q, "-b", built.out_dir)
    assert result.exit_code == 1 and "refused: SERVICE at line 1, column 18" in result.stderr
    time.sleep(0.2)
    assert canary.hits == []
    # the canary does hear a query that is allowed to federate: the test above can fail
    allowed = run(runner, "query", q, "--allow-federation", "-f", "json", "-b", built.out_dir)
    assert allowed.exit_code == 0, allowed.output
    assert canary.hits and canary.hits[0].endswith("/sparql")


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ service <{url}/lower> {{ ?s ?p ?o }} }}",
    "PREFIX : <{url}/pname> SELECT * WHERE {{ SERVICE:{{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}/from.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ #\n SERVICE <{url}/comment> {{ ?s ?p ?o }} }}",
])
def test_no_variant_reaches_the_canary(runner, built, canary, template):
    result = run(runner, "query", template.format(url=canary.url), "-b", built.out_dir)
    assert result.exit_code == 1 and "refused" in result.stderr and "Traceback" not in result.output
    time.sleep(0.2)
    assert canary.hits == []


def test_from_a_local_file_reads_nothing(runner, built, fifo_canary):
    q = f"SELECT * FROM <file://{fifo_canary.path}> WHERE {{ ?s ?p ?o }}"
    refused = run(runner, "query", q, "-f", "json", "-b", built.out_dir)
    assert refused.exit_code == 1 and "refused: FROM" in refused.stderr
    # Even when allowed, the engine (Oxigraph) takes FROM as a graph of its own store, never a file.
    allowed = run(runner, "query", q, "--allow-federation", "-f", "json", "-b", built.out_dir)
    assert allowed.exit_code == 0, allowed.output
    assert "read from the file" not in allowed.stdout
    time.sleep(0.2)
    assert not fifo_canary.opened


def test_the_fifo_canary_notices_a_reader(fifo_canary):
    """The FIFO canary works: reading the file is noticed (so the test above can fail)."""
    with open(fifo_canary.path, "rb") as fh:
        assert b"read from the file" in fh.read()
    assert fifo_canary.opened


# ---------------------------------------------------------------- the tokenizer agrees with rdflib's parser
def _rdflib_verdict(text: str) -> tuple[bool, bool]:
    """(uses SERVICE, uses FROM/FROM NAMED) according to rdflib's SPARQL parser."""
    from rdflib.plugins.sparql.parser import parseQuery
    from sockg.kg import PREFIX_HEADER

    tree = parseQuery(PREFIX_HEADER + text)
    found = {"service": False, "from": False}

    def walk(node):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            found["service"] = True
        if isinstance(node, dict) and dict.get(node, "datasetClause"):
            found["from"] = True
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            for v in node:
                walk(v)

    walk(tree)
    return found["service"], found["from"]


def _our_verdict(text: str) -> tuple[bool, bool]:
    words = {t.upper for t in tokenize(text) if t.kind == "word"}
    return "SERVICE" in words, "FROM" in words


PIECES = [
    '"SERVICE <http://x/> { }"', "'FROM <file:///x>'", '"""\nSERVICE\n"""', "<http://x/FROM>",
    "?service", "$from", "skos:prefLabel", '"a # not a comment"', "<http://x/#SERVICE>",
]


def _random_query(rng: random.Random) -> str:
    objects = [rng.choice(PIECES) if rng.random() < 0.7 else "?o" for _ in range(3)]
    body = " . ".join(f"?s{i} ?p{i} {o}" for i, o in enumerate(objects))
    if rng.random() < 0.4:  # first: rdflib's parser cannot read SERVICE after a triple ending in an IRI
        body = f"{rng.choice(['SERVICE', 'service', 'Service'])} <http://127.0.0.1:9/> {{ ?a ?b ?c }} {body}"
    if rng.random() < 0.3:
        body += f" {rng.choice(['# SERVICE <http://x/>', '# FROM'])}\n"
    dataset = rng.choice(["", "", "FROM <http://x/g> ", "from named <http://x/g> "])
    return f"SELECT * {dataset}WHERE {{ {body} }}"


def test_tokenizer_and_rdflib_agree_on_a_corpus():
    rng = random.Random(20180718)
    corpus = DECOYS + FEDERATED[:6] + [_random_query(rng) for _ in range(150)]
    disagreements = []
    for text in corpus:
        if "1SERVICE" in text or "?a<?b" in text:
            continue  # rdflib cannot parse these at all; the tokenizer refuses them anyway
        if _our_verdict(text) != _rdflib_verdict(text):
            disagreements.append(text)
    assert not disagreements, disagreements[:3]
    assert sum(_our_verdict(t)[0] for t in corpus) > 30 and sum(_our_verdict(t)[1] for t in corpus) > 30


def test_ascii_and_unicode_token_rules_agree_on_ascii_text():
    """The tokenizer uses cheaper ASCII rules for ASCII text: they must give exactly the same tokens."""
    from sockg.query import lexer

    rng = random.Random(7)
    corpus = UPDATES + FEDERATED + DECOYS + [_random_query(rng) for _ in range(50)]
    corpus += [q.text for q in named_queries().values()]
    for text in corpus:
        assert text.isascii()
        for master in (lexer._master(False), lexer._master(True)):
            pos, kinds = 0, []
            while pos < len(text):
                m = master.match(text, pos)
                kinds.append((lexer._KIND[m.lastgroup], m.group()))
                pos = m.end()
            if master is lexer._master(False):
                ascii_kinds = kinds
        assert kinds == ascii_kinds, text
    assert [t.text for t in tokenize("SELECT * { ?s ex:caf\u00e9\u00b7x ?o }")][4] == "ex:caf\u00e9\u00b7x"
