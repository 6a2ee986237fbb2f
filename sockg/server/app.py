"""The HTTP server: SPARQL endpoint at ``/sparql``, query page at ``/``, named queries at ``/queries``.

Threads take requests; queries run in the worker processes of
:class:`~sockg.server.pool.WorkerPool`, so one long query never holds up the
others and is stopped for certain at the timeout. A client has
``request_timeout`` seconds to send its whole request (and each read or write
on its connection is given as long), so idle or trickling clients cannot hold
threads. Every answer carries a strict Content-Security-Policy and
``nosniff``; there is no CORS header unless asked for; a server bound to
loopback answers only requests whose ``Host`` is a loopback name (so a web
page cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import json
import re
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
from .protocol import MAX_BODY, ProtocolError, negotiate, read_operation, requested_format, service_description

__all__ = ["SparqlServer", "make_server", "serve"]

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
#: Seconds a client has to send its request (and for each read or write on its connection).
REQUEST_TIMEOUT = 30.0
#: Ends the refusal of SERVICE and FROM: unlike ``sockg query``, the server has no opt-in.
FEDERATION_HINT = "this endpoint answers from its own graph only and has no option to allow it"
#: Errors that mean the client went away, or stalled past the request timeout.
CLIENT_GONE = (ConnectionError, TimeoutError)


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
                 log: Callable[[str], None] | None = None, request_timeout: float = REQUEST_TIMEOUT):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.pool = pool
        self.query_timeout = timeout
        self.request_timeout = request_timeout
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

    def handle_error(self, request, client_address) -> None:
        """A client that went away or stalled is no error of the server's: say nothing (bugs still print)."""
        if isinstance(sys.exc_info()[1], CLIENT_GONE):
            return
        super().handle_error(request, client_address)

    def close(self) -> None:
        self.server_close()
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "sockg"
    sys_version = ""

    # ---------------------------------------------------------------- plumbing
    def setup(self) -> None:
        # every read and write on the connection gets request_timeout seconds (StreamRequestHandler applies
        # self.timeout), and a watchdog closes the connection if the whole request has not come by then
        self.timeout = self.server.request_timeout
        super().setup()
        self._read_lock = threading.Lock()
        self._request_in = self._too_slow = False
        self._watchdog = threading.Timer(self.timeout, self._request_too_slow)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _request_too_slow(self) -> None:
        with self._read_lock:
            if self._request_in:
                return
            self._too_slow = self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)   # wakes the handler from its read
            except OSError:
                pass

    def _request_read(self) -> None:
        """The whole request is in: the watchdog stands down (the answer may take as long as the query).

        Raises :class:`TimeoutError` if the watchdog came first: what was read
        before it closed the connection may be cut short, so it is not answered.
        """
        with self._read_lock:
            if self._too_slow:
                raise TimeoutError("the request did not arrive within the request timeout")
            self._request_in = True
        self._watchdog.cancel()

    def finish(self) -> None:
        self._watchdog.cancel()
        super().finish()

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

    def _text(self, status: int, message: str, headers: dict | None = None) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers)

    def _guarded(self, route) -> None:
        """Run ``route``; answer a refusal or a bug in one line of text; stay quiet when the client is gone."""
        self._started = time.monotonic()
        try:
            try:
                route()
            except ProtocolError as exc:
                self._text(exc.status, str(exc), {"Allow": "GET, POST"} if exc.status == 405 else None)
            except CLIENT_GONE:
                raise
            except Exception as exc:  # a bug: answer 500 in one line rather than drop the connection
                self._text(500, f"internal error: {type(exc).__name__}: {exc}")
        except CLIENT_GONE:   # it went away (or stalled) while asking or while being answered
            self.close_connection = True

    def _host_ok(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = self.headers.get("Host")
        if host is None:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return _is_loopback(name)

    def _dispatch(self) -> None:
        if self.command != "POST":
            self._request_read()
        if not self._host_ok():
            raise ProtocolError(403, "unexpected Host header: this server answers requests to its loopback address")
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        path = url.path
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

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._guarded(self._dispatch)

    do_POST = do_HEAD = do_GET

    def _read_only(self) -> None:
        self._request_read()
        raise ProtocolError(405, "updates are refused: this endpoint is read-only")

    def do_PUT(self):  # noqa: N802
        self._guarded(self._read_only)

    do_DELETE = do_PATCH = do_PUT

    def _options(self) -> None:
        self._request_read()
        if not self.server.cors:
            raise ProtocolError(405, "cross-origin requests are not enabled (start the server with --cors)")
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST",
                                            "Access-Control-Allow-Headers": "Content-Type, Accept",
                                            "Access-Control-Max-Age": "600"})

    def do_OPTIONS(self):  # noqa: N802
        self._guarded(self._options)

    def _read_body(self) -> bytes:
        """The body of a POST, as long as its Content-Length says (a whole number of bytes, at most ``MAX_BODY``)."""
        if self.headers.get("Transfer-Encoding"):
            raise ProtocolError(411, "send the request body with a Content-Length (chunked bodies are not read)")
        given = {v.strip() for v in self.headers.get_all("Content-Length") or []}
        if len(given) > 1:
            raise ProtocolError(400, "bad Content-Length: the request gives more than one")
        text = given.pop() if given else "0"
        if not re.fullmatch(r"[0-9]{1,20}", text):
            raise ProtocolError(400, f"bad Content-Length {text[:40]!r}: want a whole number of bytes")
        length = int(text)
        if length > MAX_BODY:
            raise ProtocolError(413, f"the request body is over {MAX_BODY} bytes")
        body = self.rfile.read(length)
        self._request_read()
        if len(body) != length:
            raise ProtocolError(400, f"the request body ended after {len(body)} of its {length} bytes")
        return body

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
        body = self._read_body() if self.command == "POST" else b""
        kind, value = read_operation(self.command, params, self.headers.get("Content-Type") or "", body)
        requested = (params.get("format") or params.get("output") or [None])[0]
        if kind == "description":
            return self._description(requested)
        try:
            if kind == "named":
                nq = get_named_query(value)
                info = check_query(nq.text, federation_hint=FEDERATION_HINT)
                job = {"name": nq.name, "params": params.get("param", [])}
            else:
                info = check_query(value, federation_hint=FEDERATION_HINT)     # never allowed here
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
                log: Callable[[str], None] | None = None, isolate: bool = True,
                request_timeout: float = REQUEST_TIMEOUT) -> SparqlServer:
    """Start the worker pool and bind the server (call ``serve_forever`` on it, then ``close``)."""
    if not 0 <= port <= 65535:
        raise QueryError(f"cannot listen on {host}:{port}: a port is a number from 0 to 65535")
    pool = WorkerPool(source, size=workers, isolate=isolate)
    try:
        return SparqlServer((host, port), pool, timeout=timeout, max_rows=max_rows, cors=cors, log=log,
                            request_timeout=request_timeout)
    except OSError as exc:
        pool.close()
        raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(source: dict, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          max_rows: int = 10000, workers: int = 2, cors: bool = False,
          log: Callable[[str], None] | None = None, announce: Callable[[str], None] | None = None,
          request_timeout: float = REQUEST_TIMEOUT) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop the workers.

    ``log`` is called with one line per request, ``announce`` with what the
    server is doing (where it listens, when it stops); by default neither
    says anything, as a library should not print.
    """
    if announce is None:
        def announce(message: str) -> None:
            pass

    server = make_server(source, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
                         cors=cors, log=log, request_timeout=request_timeout)
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
