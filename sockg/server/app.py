"""The HTTP server: SPARQL endpoint at ``/sparql``, query page at ``/``, named queries at ``/queries``.

Threads take requests; queries run in the worker processes of
:class:`~sockg.server.pool.WorkerPool`, so one long query never holds up the
others and is stopped for certain at the timeout. Every answer carries a
strict Content-Security-Policy and ``nosniff``; there is no CORS header
unless asked for; a server bound to loopback answers only requests whose
``Host`` is a loopback name (so a web page cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import json
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from ..errors import QueryError, QueryRefusedError
from .pool import PoolBusy, QueryTimeout, WorkerFailed, WorkerPool
from .protocol import ProtocolError, negotiate, read_operation, requested_format, service_description

__all__ = ["SparqlServer", "make_server", "serve"]

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server and its settings; ``pool`` runs the queries."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, pool: WorkerPool, *, timeout: float, max_rows: int, cors: bool,
                 log: Callable[[str], None] | None = None):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.pool = pool
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.cors = cors
        self.log = log
        self.loopback_only = _is_loopback(address[0])
        self.static = {p.name: p for p in STATIC.iterdir() if p.suffix in STATIC_TYPES}
        self._triples: int | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}"

    def triple_count(self) -> int | None:
        if self._triples is None:
            try:
                answer = self.pool.run({"text": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "fmt": "json",
                                        "max_rows": 1}, self.query_timeout)
                self._triples = int(json.loads(answer["body"])["results"]["bindings"][0]["n"]["value"])
            except (QueryTimeout, PoolBusy, WorkerFailed, KeyError, ValueError):
                return None
        return self._triples

    def close(self) -> None:
        self.server_close()
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "sockg"
    sys_version = ""

    # ---------------------------------------------------------------- plumbing
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "Sockg-Truncated")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        if self.server.log:
            took = (time.monotonic() - self._started) * 1000
            self.server.log(f'{self.client_address[0]} "{self.command} {self.path[:80]}" {status} '
                            f"{len(body)} bytes {took:.0f} ms")

    def _text(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _host_ok(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = self.headers.get("Host")
        if host is None:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return _is_loopback(name)

    def _dispatch(self) -> None:
        self._started = time.monotonic()
        if not self._host_ok():
            return self._text(403, "unexpected Host header: this server answers requests to its loopback address")
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        path = url.path
        try:
            if path == "/sparql":
                return self._sparql(params)
            if self.command not in ("GET", "HEAD"):
                raise ProtocolError(405, f"{self.command} is not allowed here")
            if path in ("/", "/index.html"):
                return self._static("index.html")
            if path.startswith("/static/"):
                return self._static(path[len("/static/"):])
            if path == "/queries":
                return self._queries()
            raise ProtocolError(404, f"nothing at {path}; the SPARQL endpoint is /sparql and the query page /")
        except ProtocolError as exc:
            headers = {"Allow": "GET, POST"} if exc.status == 405 else None
            body = (str(exc) + "\n").encode("utf-8")
            self._send(exc.status, body, "text/plain; charset=utf-8", headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away
        except Exception as exc:  # a bug: answer 500 in one line rather than drop the connection
            self._text(500, f"internal error: {type(exc).__name__}: {exc}")

    do_GET = do_POST = do_HEAD = _dispatch

    def do_PUT(self):  # noqa: N802 - http.server's naming
        self._started = time.monotonic()
        self._send(405, b"updates are refused: this endpoint is read-only\n", "text/plain; charset=utf-8",
                   {"Allow": "GET, POST"})

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self):  # noqa: N802
        self._started = time.monotonic()
        if not self.server.cors:
            return self._send(405, b"cross-origin requests are not enabled (start the server with --cors)\n",
                              "text/plain; charset=utf-8", {"Allow": "GET, POST"})
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST",
                                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                                            "Access-Control-Max-Age": "600"})

    # ---------------------------------------------------------------- routes
    def _static(self, name: str) -> None:
        path = self.server.static.get(name)
        if path is None:
            raise ProtocolError(404, f"no such file: {name}")
        self._send(200, path.read_bytes(), STATIC_TYPES[path.suffix])

    def _queries(self) -> None:
        from ..query import named_queries

        body = json.dumps([q.as_dict() for q in named_queries().values()], ensure_ascii=False).encode("utf-8")
        self._send(200, body, "application/json")

    def _sparql(self, params: dict) -> None:
        from ..query import check_query, get_named_query

        if self.command not in ("GET", "POST", "HEAD"):
            raise ProtocolError(405, f"{self.command} is not allowed on /sparql")
        body = b""
        if self.command == "POST":
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                raise ProtocolError(400, "bad Content-Length") from None
            if length > (1 << 20):
                raise ProtocolError(413, "the request body is over 1 MB")
            body = self.rfile.read(length)
        kind, value = read_operation(self.command, params, self.headers.get("Content-Type") or "", body)
        requested = (params.get("format") or params.get("output") or [None])[0]
        if kind == "description":
            return self._description(requested)
        try:
            if kind == "named":
                nq = get_named_query(value)
                info = check_query(nq.text)
                job = {"name": nq.name, "params": params.get("param", [])}
            else:
                info = check_query(value)     # never --allow-federation here
                job = {"text": value}
        except QueryRefusedError as exc:
            raise ProtocolError(403, str(exc)) from None
        except QueryError as exc:
            raise ProtocolError(400, str(exc)) from None
        fmt = negotiate(self.headers.get("Accept"), info.is_graph, requested)
        if fmt is None:
            kinds = "ttl, nt, jsonld, rdfxml" if info.is_graph else "json, xml, csv, tsv"
            raise ProtocolError(400 if requested_format(requested, info.is_graph) is False else 406,
                                f"cannot answer this query in the format asked for; this answer can be: {kinds}")
        job.update(fmt=fmt.name, max_rows=self.server.max_rows)
        try:
            answer = self.server.pool.run(job, self.server.query_timeout)
        except (QueryTimeout, PoolBusy, WorkerFailed) as exc:
            raise ProtocolError(503, str(exc)) from None
        ctype = answer["content_type"]
        if ctype.startswith("text/") or ctype.endswith(("json", "xml")):
            ctype += "; charset=utf-8"
        headers = dict(answer["headers"])
        if requested_format(requested, info.is_graph) and answer["status"] == 200:
            headers["Content-Disposition"] = f'attachment; filename="sockg-results.{fmt.extension}"'
        self._send(answer["status"], answer["body"], ctype, headers)

    def _description(self, requested: str | None) -> None:
        import pyoxigraph as ox

        from ..query.formats import graph_prefixes

        fmt = negotiate(self.headers.get("Accept"), True, requested)
        if fmt is None:
            raise ProtocolError(406, "the service description is available as ttl, nt, jsonld or rdfxml")
        triples = service_description(self.server.base_url + "/sparql", self.server.triple_count(),
                                      self.server.max_rows, self.server.query_timeout)
        prefixes = {"sd": "http://www.w3.org/ns/sparql-service-description#", **graph_prefixes()} \
            if fmt.name in ("ttl", "rdfxml") else None
        self._send(200, ox.serialize(triples, format=fmt.oxigraph, prefixes=prefixes), fmt.media_type)


def make_server(source: dict, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10000, workers: int = 2, cors: bool = False,
                log: Callable[[str], None] | None = None, isolate: bool = True) -> SparqlServer:
    """Start the worker pool and bind the server (call ``serve_forever`` on it, then ``close``)."""
    pool = WorkerPool(source, size=workers, isolate=isolate)
    try:
        return SparqlServer((host, port), pool, timeout=timeout, max_rows=max_rows, cors=cors, log=log)
    except OSError as exc:
        pool.close()
        raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(source: dict, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          max_rows: int = 10000, workers: int = 2, cors: bool = False,
          log: Callable[[str], None] | None = None, announce: Callable[[str], None] = print) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop the workers."""
    server = make_server(source, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
                         cors=cors, log=log)
    stop = threading.Event()

    def on_term(signum, frame):
        if not stop.is_set():
            stop.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, on_term)
    announce(f"serving {server.base_url}/ (SPARQL endpoint {server.base_url}/sparql); "
             f"timeout {timeout:g} s, at most {max_rows} rows, {workers} worker(s); Ctrl-C stops")
    if not server.loopback_only:
        announce(f"warning: listening on {host}, reachable from other machines")
    if server.pool.isolated:
        announce("query workers run without network access")
    else:
        announce(f"query workers could not be cut off the network ({server.pool.why_not_isolated}); "
                 "the query checks still refuse SERVICE and FROM")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        announce("stopped")
        sys.stderr.flush()
