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
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable

from ..errors import EndpointError

__all__ = ["check_url", "sparql_query", "graph_store_url", "push_file", "password_from_env", "digest_authorization",
           "AUTH_SCHEMES", "SELECT_ACCEPT", "GRAPH_ACCEPT"]

SELECT_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
USER_AGENT = "sockg (https://w3id.org/sockg)"


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else :class:`EndpointError`."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port
    except ValueError:
        raise EndpointError(f"{url!r} is not a URL (its port?)") from None
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


def sparql_query(url: str, query: str, *, graph: bool, timeout: float = 60.0, auth=None,
                 default_graph: str | None = None) -> tuple[str, bytes]:
    """POST ``query`` (SPARQL 1.1 Protocol, urlencoded form); return the answer's media type and bytes.
    ``default_graph`` is sent as ``default-graph-uri``: the named graph the query sees as its default graph."""
    check_url(url)
    form = {"query": query}
    if default_graph:
        form["default-graph-uri"] = default_graph
    data = urllib.parse.urlencode(form).encode("utf-8")
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
    """The Graph Store Protocol URL of the default graph (``?default``) or of a named graph (``?graph=``).

    A store URL that already carries a query string is refused: the graph belongs in ``graph``.

    >>> graph_store_url("http://h/sparql-graph-crud?graph-uri=urn:x", None)
    Traceback (most recent call last):
    ...
    sockg.errors.EndpointError: --store-url http://h/sparql-graph-crud?graph-uri=urn:x carries a query string (?graph-uri=urn:x): give the bare endpoint, and the graph with --graph
    """
    check_url(store_url)
    parts = urllib.parse.urlsplit(store_url)
    if parts.query or parts.fragment:
        raise EndpointError(f"--store-url {store_url} carries a query string (?{parts.query or parts.fragment}): give "
                            "the bare endpoint, and the graph with --graph")
    if graph is None:
        return f"{store_url}?default"
    return f"{store_url}?graph={urllib.parse.quote(graph, safe='')}"


AUTH_SCHEMES = ("basic", "digest")


def _challenges(header: str | None) -> list[str]:
    """The authentication schemes a ``WWW-Authenticate`` header asks for, in order (``Digest``, ``Basic``)."""
    if not header:
        return []
    out = []
    for m in re.finditer(r"(?:^|,)\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?=\s+[A-Za-z0-9]+=|\s*$|\s*,)",
                                       header):
        name = m.group(1)
        if name.lower() not in {c.lower() for c in out} and "=" not in name:
            out.append(name)
    return out


def digest_authorization(challenge: str, method: str, url: str, user: str, password: str) -> str:
    """The ``Authorization`` value answering a Digest ``challenge`` (the ``WWW-Authenticate`` value), worked out
    by the standard library's Digest handler (MD5 or SHA-1, qop ``auth``: what Virtuoso asks for); a challenge
    it cannot answer (SHA-256, ``auth-int``) is one :class:`~sockg.errors.EndpointError` saying so."""
    params = challenge.split(None, 1)[1] if challenge.lower().startswith("digest") else challenge
    chal = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, user, password)
    handler = urllib.request.AbstractDigestAuthHandler(manager)
    try:
        value = handler.get_authorization(urllib.request.Request(url, method=method), chal)
    except (ValueError, urllib.error.URLError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"{url} asked for Digest authentication sockg cannot answer ({reason})") from None
    if not value:
        raise EndpointError(f"{url} asked for Digest authentication sockg cannot answer ({challenge[:80]})")
    return f"Digest {value}"


def _send(target: str, method: str, path: Path | None, *, media_type: str, timeout: float, headers: dict,
          progress=None, chunk_size: int = 1 << 16):
    """One request to the store with the file as its body (or an empty one); returns the response and its body."""
    parts = urllib.parse.urlsplit(target)
    total = path.stat().st_size if path is not None else 0
    conn_cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.putrequest(method, f"{parts.path or '/'}?{parts.query}", skip_accept_encoding=True)
        for k, v in {"Content-Type": f"{media_type}; charset=utf-8", "Content-Length": str(total),
                     "User-Agent": USER_AGENT, **headers}.items():
            conn.putheader(k, v)
        conn.endheaders()
        sent = 0
        if path is not None:
            try:
                with open(path, "rb") as fh:
                    while chunk := fh.read(chunk_size):
                        conn.send(chunk)
                        sent += len(chunk)
                        if progress:
                            progress(sent, total)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server stopped reading: its answer says why
        resp = conn.getresponse()
        return resp, resp.read()
    finally:
        conn.close()


def push_file(path: str | Path, store_url: str, *, graph: str | None = None, append: bool = False,
              media_type: str = "text/turtle", timeout: float = 300.0, auth=None, auth_scheme: str = "basic",
              progress: Callable[[int, int], None] | None = None, chunk_size: int = 1 << 16) -> dict:
    """Send an RDF file to a Graph Store Protocol endpoint: PUT (replace) or, with ``append``, POST.

    ``auth`` is ``(user, password)``, sent as HTTP Basic or (``auth_scheme="digest"``, what Virtuoso's
    authenticated endpoint asks for) answering the store's Digest challenge: a first request with an empty
    body draws the challenge, the file goes with the answer. ``progress(sent, total)`` is called after every
    chunk. Returns the URL, method, HTTP status, bytes sent and seconds taken.
    """
    path = Path(path)
    target = graph_store_url(store_url, graph)
    if graph is not None:
        from .registry import _IRI

        if not _IRI.match(graph):
            raise EndpointError(f"--graph wants an absolute IRI, got {graph!r}")
    if auth_scheme not in AUTH_SCHEMES:
        raise EndpointError(f"--auth is one of {', '.join(AUTH_SCHEMES)}, not {auth_scheme!r}")
    total = path.stat().st_size
    method = "POST" if append else "PUT"
    started = time.monotonic()
    headers = {}
    try:
        if auth and auth_scheme == "basic":
            headers = _auth_header(auth)
        elif auth:
            # draw the challenge with an empty POST (adds nothing), then answer it with the file
            probe, _ = _send(target, "POST", None, media_type=media_type, timeout=timeout, headers={})
            challenge = probe.getheader("WWW-Authenticate") or ""
            if probe.status == 401 and challenge.lower().startswith("digest"):
                headers = {"Authorization": digest_authorization(challenge, method, target, auth[0], auth[1])}
        resp, body = _send(target, method, path, media_type=media_type, timeout=timeout, headers=headers,
                           progress=progress, chunk_size=chunk_size)
    except (OSError, http.client.HTTPException) as exc:
        raise EndpointError(f"cannot reach {store_url}: {_why(exc)}") from None
    if resp.status == 401:
        asked = _challenges(resp.getheader("WWW-Authenticate"))
        other = "digest" if auth_scheme == "basic" else "basic"
        if asked:
            wants = f"the store asks for {' or '.join(asked)} authentication"
        else:
            wants = f"the store did not say which authentication it wants (sockg sent {auth_scheme})"
        if not auth:
            hint = "give --user (password in $SOCKG_PASSWORD)" + (f" and --auth {asked[0].lower()}" if asked and
                                                                  asked[0].lower() in AUTH_SCHEMES else "")
        elif asked and asked[0].lower() in AUTH_SCHEMES and asked[0].lower() != auth_scheme:
            hint = f"use --auth {asked[0].lower()}"
        else:
            hint = f"check the user and $SOCKG_PASSWORD{'' if asked else f', or try --auth {other}'}"
        raise EndpointError(f"{store_url} refused the graph: HTTP 401: {wants}; {hint}")
    if resp.status not in (200, 201, 204):
        raise EndpointError(f"{store_url} refused the graph: HTTP {resp.status} {resp.reason}: "
                            f"{_first_line(body) or 'no detail'}")
    return {"url": target, "method": method, "status": resp.status, "bytes": total,
            "seconds": round(time.monotonic() - started, 3)}


def password_from_env() -> str | None:
    """The password for ``--user``, from ``SOCKG_PASSWORD`` (never from the command line)."""
    return os.environ.get("SOCKG_PASSWORD")
