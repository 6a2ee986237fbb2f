"""HTTP to SPARQL servers: the SPARQL 1.1 Protocol and the Graph Store HTTP Protocol.

Only ``http`` and ``https`` URLs are accepted (``urllib`` would otherwise
read ``file:`` URLs). Every failure -- unreachable host, refusal, timeout, an
answer in an unexpected format -- becomes one :class:`~sockg.errors.EndpointError`
line that names the URL.

Examples
--------
>>> check_url("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/query'
>>> check_url("file:///etc/passwd")
Traceback (most recent call last):
...
sockg.errors.EndpointError: 'file:///etc/passwd' is not an http(s) URL
>>> graph_store_url("http://localhost:3030/ds/data", None)
'http://localhost:3030/ds/data?default'
>>> graph_store_url("http://localhost:7878/store", "https://w3id.org/sockg/graph")
'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fsockg%2Fgraph'
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable

from ..errors import EndpointError

__all__ = ["check_url", "sparql_query", "graph_store_url", "push_file", "password_from_env", "SELECT_ACCEPT",
           "GRAPH_ACCEPT"]

SELECT_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
USER_AGENT = "sockg (https://w3id.org/sockg)"


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else :class:`EndpointError`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{url!r} is not an http(s) URL")
    return url


def _auth_header(auth) -> dict:
    if not auth:
        return {}
    token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not line.startswith("<"):
            return line[:200]
    return " ".join(text.split())[:200]


def _why(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "no answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    return str(getattr(reason, "strerror", None) or reason)


def sparql_query(url: str, query: str, *, graph: bool, timeout: float = 60.0, auth=None) -> tuple[str, bytes]:
    """POST ``query`` (SPARQL 1.1 Protocol, urlencoded form); return the answer's media type and bytes."""
    check_url(url)
    data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    req = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": GRAPH_ACCEPT if graph else SELECT_ACCEPT,
        "User-Agent": USER_AGENT, **_auth_header(auth)})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
            media = (resp.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
    except urllib.error.HTTPError as exc:
        detail = _first_line(exc.read() or b"") or exc.reason
        raise EndpointError(f"{url} refused the query: HTTP {exc.code}: {detail}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise EndpointError(f"cannot reach {url}: {_why(exc)}") from None
    return media, body


def graph_store_url(store_url: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of the default graph (``?default``) or of a named graph (``?graph=``)."""
    check_url(store_url)
    sep = "&" if urllib.parse.urlsplit(store_url).query else "?"
    if graph is None:
        return f"{store_url}{sep}default"
    return f"{store_url}{sep}graph={urllib.parse.quote(graph, safe='')}"


def push_file(path: str | Path, store_url: str, *, graph: str | None = None, append: bool = False,
              media_type: str = "text/turtle", timeout: float = 300.0, auth=None,
              progress: Callable[[int, int], None] | None = None, chunk_size: int = 1 << 16) -> dict:
    """Send an RDF file to a Graph Store Protocol endpoint: PUT (replace) or, with ``append``, POST.

    ``progress(sent, total)`` is called after every chunk. Returns the URL,
    method, HTTP status, bytes sent and seconds taken.
    """
    path = Path(path)
    target = graph_store_url(store_url, graph)
    if graph is not None:
        from .registry import _IRI

        if not _IRI.match(graph):
            raise EndpointError(f"--graph wants an absolute IRI, got {graph!r}")
    parts = urllib.parse.urlsplit(target)
    total = path.stat().st_size
    method = "POST" if append else "PUT"
    conn_cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(parts.hostname, parts.port, timeout=timeout)
    started = time.monotonic()
    try:
        conn.putrequest(method, f"{parts.path or '/'}?{parts.query}", skip_accept_encoding=True)
        headers = {"Content-Type": f"{media_type}; charset=utf-8", "Content-Length": str(total),
                   "User-Agent": USER_AGENT, **_auth_header(auth)}
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.endheaders()
        sent = 0
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(chunk_size):
                    conn.send(chunk)
                    sent += len(chunk)
                    if progress:
                        progress(sent, total)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: its answer (below) says why
        resp = conn.getresponse()
        body = resp.read()
    except (OSError, http.client.HTTPException) as exc:
        raise EndpointError(f"cannot reach {store_url}: {_why(exc)}") from None
    finally:
        conn.close()
    if resp.status not in (200, 201, 204):
        raise EndpointError(f"{store_url} refused the graph: HTTP {resp.status} {resp.reason}: "
                            f"{_first_line(body) or 'no detail'}")
    return {"url": target, "method": method, "status": resp.status, "bytes": total,
            "seconds": round(time.monotonic() - started, 3)}


def password_from_env() -> str | None:
    """The password for ``--user``, from ``SOCKG_PASSWORD`` (never from the command line)."""
    return os.environ.get("SOCKG_PASSWORD")
