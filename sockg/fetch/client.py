"""A careful HTTP client for GOV.UK: allow-listed hosts, honest User-Agent, rate limit, retries, size cap.

:class:`Client` asks only for https addresses on GOV.UK's two hosts (or, with
``base_url``, on that one host: a mirror, or the tests' loopback server),
and checks every redirect against the same list. It keeps at or under
``rate`` requests a second (GOV.UK documents 10), retries a bounded number
of times on 429 (waiting as ``Retry-After`` says) and on 5xx or a dropped
connection (waiting longer each time), and streams each body into a
temporary file beside where it will live, giving up (and removing it) once
it passes ``max_bytes``. Nothing partial is ever left behind.

``base_url`` replaces the scheme and host of every GOV.UK address and keeps
its path: ``https://www.gov.uk/government/x`` is asked for as
``BASE/government/x``.
"""

from __future__ import annotations

import email.utils
import os
import socket
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .._version import __version__
from ..errors import FetchError

__all__ = ["Client", "Response", "GOVUK_HOSTS", "DEFAULT_MAX_BYTES", "USER_AGENT", "parse_base_url"]

GOVUK_HOSTS = ("www.gov.uk", "assets.publishing.service.gov.uk")
#: The largest body fetched by default (a long strategy's PDF is a few MB).
DEFAULT_MAX_BYTES = 60 * 1024 * 1024
USER_AGENT = f"sockg/{__version__} (evidence-linked knowledge graph; fetches catalogued publications)"
_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_REDIRECTS = 5
_MAX_WAIT = 60.0


def _no_such_host(exc: BaseException) -> bool:
    """Whether a connection failed because the host name does not resolve (offline, or no such host: asking
    again will not help)."""
    seen = exc
    for _ in range(6):   # httpx wraps the socket's error: walk the chain
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
        if seen is None:
            break
    text = str(exc)
    return any(m in text for m in ("Name or service not known", "nodename nor servname", "getaddrinfo failed",
                                   "No address associated with hostname", "Temporary failure in name resolution"))


def parse_base_url(base_url: str) -> str:
    """``base_url`` without a trailing slash, checked: http(s), a host, no path, query or credentials.

    >>> parse_base_url("http://127.0.0.1:8080/")
    'http://127.0.0.1:8080'
    >>> parse_base_url("ftp://example.org")
    Traceback (most recent call last):
    ...
    sockg.errors.FetchError: --base-url ftp://example.org: give an http or https address
    """
    try:
        parts = urlsplit(base_url.strip())
        parts.port
    except ValueError:
        raise FetchError(f"--base-url {base_url}: not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"--base-url {base_url}: give an http or https address")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise FetchError(f"--base-url {base_url}: give only a scheme and host (and port), no path")
    if parts.username or parts.password:
        raise FetchError(f"--base-url {base_url}: no credentials in the address")
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Response:
    """What a fetch brought back: the final address, status, headers (lower-case names) and, for a 200, the
    body in ``path`` (a temporary file the caller moves into place or removes)."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    size: int = 0
    requests: int = 0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def discard(self) -> None:
        if self.path is not None and self.path.exists():
            self.path.unlink()


class Client:
    """See the module documentation. ``sleep`` and ``clock`` are replaceable for tests."""

    def __init__(self, *, base_url: str | None = None, timeout: float = 30.0, max_bytes: int = DEFAULT_MAX_BYTES,
                 retries: int = 4, rate: float = 10.0, backoff: float = 0.5, sleep=time.sleep,
                 clock=time.monotonic):
        import httpx

        self.base = parse_base_url(base_url) if base_url else None
        if max_bytes < 1:
            raise FetchError(f"the size cap must be at least 1 byte, not {max_bytes}")
        self.max_bytes = max_bytes
        self.retries = retries
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.backoff = backoff
        self.sleep, self.clock = sleep, clock
        self._last = None
        self.requests = 0
        self._httpx = httpx
        self._client = httpx.Client(follow_redirects=False, headers={"User-Agent": USER_AGENT},
                                    timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))

    def close(self) -> None:
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------- addresses
    def public_to_fetch(self, url: str) -> str:
        """The address to ask for a public GOV.UK address: itself, or on the base URL with the same path."""
        parts = urlsplit(url)
        if parts.scheme != "https" or parts.hostname not in GOVUK_HOSTS:
            raise FetchError(f"{url}: not a GOV.UK address ({', '.join(GOVUK_HOSTS)})")
        if self.base is None:
            return url
        return self.base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def allowed(self, url: str) -> bool:
        """Whether ``url`` may be asked for: https on a GOV.UK host, or on the base URL's scheme and host."""
        try:
            parts = urlsplit(url)
            netloc, port = parts.netloc, parts.port
        except ValueError:
            return False
        if parts.username or parts.password:
            return False
        if self.base is not None:
            base = urlsplit(self.base)
            if parts.scheme == base.scheme and netloc == base.netloc:
                return True
        return parts.scheme == "https" and parts.hostname in GOVUK_HOSTS and port in (None, 443)

    # ---------------------------------------------------------------- requests
    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.interval:
            self.sleep(self.interval - (now - self._last))
        self._last = self.clock()

    def _retry_after(self, value: str | None) -> float | None:
        if not value:
            return None
        value = value.strip()
        if value.isdigit():
            return min(float(value), _MAX_WAIT)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return min(max(when.timestamp() - time.time(), 0.0), _MAX_WAIT)

    def get(self, url: str, into: Path, *, headers: dict | None = None, label: str | None = None) -> Response:
        """GET ``url`` (already mapped, see :meth:`public_to_fetch`), the body streamed into a temporary file
        in the folder ``into``. A 304 comes back with no body. Raises :class:`~sockg.errors.FetchError`
        naming ``label`` (default the address) when the document cannot be had."""
        httpx = self._httpx
        label = label or url
        if not self.allowed(url):
            raise FetchError(f"{label}: {url} is not an allowed address")
        attempts = 0
        redirects = 0
        count = 0
        while True:
            self._wait_turn()
            attempts += 1
            count += 1
            self.requests += 1
            tmp = None
            try:
                with self._client.stream("GET", url, headers=headers or {}) as r:
                    status = r.status_code
                    if status in _REDIRECTS:
                        location = r.headers.get("location")
                        if not location:
                            raise FetchError(f"{label}: HTTP {status} without a Location")
                        target = urljoin(url, location)
                        if not self.allowed(target):
                            raise FetchError(f"{label}: refused a redirect to {target} (not an allowed host)")
                        redirects += 1
                        if redirects > _MAX_REDIRECTS:
                            raise FetchError(f"{label}: more than {_MAX_REDIRECTS} redirects")
                        url, attempts = target, 0
                        continue
                    if status == 429 or 500 <= status < 600:
                        if attempts > self.retries:
                            raise FetchError(f"{label}: HTTP {status} after {attempts} attempts")
                        wait = self._retry_after(r.headers.get("retry-after")) if status == 429 else None
                        self.sleep(wait if wait is not None else min(self.backoff * 2 ** (attempts - 1), _MAX_WAIT))
                        continue
                    resp_headers = {k.lower(): v for k, v in r.headers.items()}
                    if status == 304:
                        return Response(url, 304, resp_headers, requests=count)
                    if status != 200:
                        raise FetchError(f"{label}: HTTP {status}")
                    declared = r.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        raise FetchError(f"{label}: {int(declared)} bytes is over the cap of {self.max_bytes}")
                    into.mkdir(parents=True, exist_ok=True)
                    fd, name = tempfile.mkstemp(prefix=".download.", suffix=".part", dir=into)
                    tmp = Path(name)
                    size = 0
                    with os.fdopen(fd, "wb") as fh:
                        for chunk in r.iter_bytes():
                            size += len(chunk)
                            if size > self.max_bytes:
                                raise FetchError(f"{label}: the body is over the cap of {self.max_bytes} bytes")
                            fh.write(chunk)
                    done, tmp = tmp, None
                    return Response(url, 200, resp_headers, done, size, count)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                if attempts > self.retries or _no_such_host(exc):
                    tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
                    raise FetchError(f"{label}: {type(exc).__name__} after {tries} "
                                     f"({str(exc) or 'connection failed'})") from None
                self.sleep(min(self.backoff * 2 ** (attempts - 1), _MAX_WAIT))
            finally:
                if tmp is not None and tmp.exists():
                    tmp.unlink()
