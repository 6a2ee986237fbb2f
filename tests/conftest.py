"""Shared fixtures.

Under CI (``CI=true``) or with ``SOCKG_REQUIRE_ALL=1``, a test that would be
skipped for a missing dependency (Chromium, the Oxigraph server) fails
instead, and any skip at all fails the run.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_FILE = SEEDS / "soc-2018-search-results.txt"
ONTOLOGY = REPO / "ontology"
# benchmark scripts are run by hand, not collected (pytest imports every module for doctests); the
# synthetic-data generators beside them are (their doctests run), and tests import them too
collect_ignore_glob = ["benchmarks/bench_*"]
sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHROMIUM = os.environ.get("SOCKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The build verifies citations against the user's cache of fetched texts when it holds any: every test (and
# every process a test starts) gets an empty cache of its own unless it names one, so a developer's cache
# changes no answer.
import tempfile as _tempfile  # noqa: E402

os.environ["SOCKG_CACHE_DIR"] = _tempfile.mkdtemp(prefix="sockg-test-cache-")


def require_all() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("SOCKG_REQUIRE_ALL") == "1"


def missing_dependency(message: str):
    """Fail under CI, skip elsewhere."""
    if require_all():
        pytest.fail(f"missing dependency (required under CI): {message}")
    pytest.skip(message)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if require_all() and reporter is not None and reporter.stats.get("skipped"):
        reporter.write_line(f"FAILED: {len(reporter.stats['skipped'])} test(s) skipped under CI", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The seed graph built once for the session: a :class:`sockg.build.BuildResult`."""
    from sockg.build import build

    out = tmp_path_factory.mktemp("build")
    return build(SEEDS, out, ONTOLOGY)


@pytest.fixture(scope="session")
def kg(built):
    from sockg.kg import KnowledgeGraph

    return KnowledgeGraph(built.out_dir)


def digest_tree(path: Path) -> dict[str, str]:
    """SHA-256 of every file under ``path``, by relative path: equal digests mean nothing was touched."""
    import hashlib

    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seeds folder (documents, sidecars, curated statements)."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture
def ontology_copy(tmp_path) -> Path:
    dst = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, dst)
    return dst


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's chromium, or skip (fail under CI)."""
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing_dependency(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing_dependency("python package playwright is not installed (pip install -e '.[test]')")
    return CHROMIUM


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """A request handler for the tests' own loopback servers: no logging, and one call to answer."""

    def answer(self, status: int, body: bytes, content_type: str = "text/plain", headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def loopback_http(handler, **attributes):
    """A threaded HTTP server on 127.0.0.1 (any free port) answering with ``handler``; ``attributes`` are set on
    the server (handlers read them as ``self.server.NAME``) and ``.url`` is its base URL."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for k, v in attributes.items():
        setattr(srv, k, v)
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError as exc:
            last = exc
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s: {last}")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """``{"url", "user", "password"}`` of a real Virtuoso on 127.0.0.1.

    ``.ci/run`` starts one and sets ``SOCKG_TEST_VIRTUOSO_URL``; otherwise the fixture starts Debian's
    ``virtuoso-t`` itself (see ``tests/virtuoso.py``).
    """
    import virtuoso

    url = os.environ.get("SOCKG_TEST_VIRTUOSO_URL")
    info = {"user": virtuoso.USER, "password": virtuoso.PASSWORD}
    if url:
        wait_for_http(url.rstrip("/") + "/sparql?query=ASK%7B%7D", timeout=120)
        yield {"url": url.rstrip("/"), **info}
        return
    if not virtuoso.available():
        missing_dependency("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin)")
    proc, base = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield {"url": base, **info}
    finally:
        virtuoso.stop(proc)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Base URL of a real Oxigraph server on 127.0.0.1.

    ``.ci/run`` starts one and sets ``SOCKG_TEST_OXIGRAPH_URL``; otherwise the
    fixture starts ``oxigraph serve`` (PyPI package ``oxigraph``) itself.
    """
    url = os.environ.get("SOCKG_TEST_OXIGRAPH_URL")
    if url:
        wait_for_http(url.rstrip("/") + "/query?query=ASK%7B%7D")
        yield url.rstrip("/")
        return
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not os.path.exists(exe):
        missing_dependency("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([exe, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/query?query=ASK%7B%7D")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
