"""The cache of fetched texts, and fetching the catalogue's documents into it.

The cache lives on the user's machine, never in the repository: by default
the platform's user cache folder (``platformdirs``), ``$SOCKG_CACHE_DIR``
when set, or ``--cache DIR``. Each fetched document is one folder,
``CACHE/PUBLICATION-ID/KEY/`` (``KEY`` is ``landing``, or ``html-HASH`` /
``pdf-HASH`` of its address), holding:

* ``raw.json`` or ``raw.pdf``: the download as it came;
* ``text.txt``: its text (see :mod:`sockg.fetch.texts`);
* ``meta.json``: the public URL and the address asked, the retrieval time,
  the HTTP validators (``ETag``, ``Last-Modified``), the content type, the
  licence the catalogue records, the SHA-256 of the download and of the text,
  and for a PDF its pages.

A document's folder is filled beside its place and then swapped in whole,
so a failed or interrupted fetch leaves the previous copy (or nothing).
:meth:`Entry.problem` finds a folder edited by hand (a missing file, or a
SHA-256 that no longer matches); ``--refresh`` fetches it again.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..atomic import new_folder, replace_folder, write_atomic, write_text
from ..errors import CacheError, FetchError
from .client import GOVUK_HOSTS, Client
from .texts import FetchedText, content_api_text, pdf_text

__all__ = ["Cache", "Entry", "Document", "fetchable", "default_cache_dir", "fetch_documents", "Outcome"]

CACHE_ENV = "SOCKG_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$SOCKG_CACHE_DIR``, else the platform's user cache folder for sockg, with ``publications`` below."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_path

    return user_cache_path("sockg", appauthor=False) / "publications"


@dataclass(frozen=True)
class Document:
    """One fetchable document of a catalogued publication: its public URL and how it is read."""

    publication: str
    kind: str          # landing, html or pdf
    url: str
    licence: str | None = None

    @property
    def key(self) -> str:
        if self.kind == "landing":
            return "landing"
        return f"{self.kind}-{hashlib.sha1(self.url.encode('utf-8')).hexdigest()[:10]}"

    @property
    def via_content_api(self) -> bool:
        return self.kind in ("landing", "html")

    @property
    def label(self) -> str:
        return f"{self.publication} ({self.kind}: {self.url})"


def fetchable(publication) -> list[Document]:
    """The documents of a :class:`~sockg.build.catalogue.Publication` sockg can fetch: its landing page and HTML
    versions through the Content API (on www.gov.uk), its PDFs from their asset addresses."""
    licence = publication.licence.value if getattr(publication, "licence", None) else None
    out = []
    if publication.landing and urlsplit(publication.landing).hostname == "www.gov.uk":
        out.append(Document(publication.id, "landing", publication.landing, licence))
    for kind, url in publication.documents:
        if urlsplit(url).hostname in GOVUK_HOSTS:
            out.append(Document(publication.id, kind, url, licence))
    return out


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Entry:
    """One document's folder in the cache."""

    def __init__(self, folder: Path, doc: Document):
        self.folder = folder
        self.doc = doc

    @property
    def raw_path(self) -> Path:
        return self.folder / ("raw.pdf" if self.doc.kind == "pdf" else "raw.json")

    @property
    def text_path(self) -> Path:
        return self.folder / "text.txt"

    @property
    def meta_path(self) -> Path:
        return self.folder / "meta.json"

    def exists(self) -> bool:
        return self.folder.exists()

    def meta(self) -> dict:
        return json.loads(self.meta_path.read_text(encoding="utf-8"))

    def problem(self) -> str | None:
        """Why the folder cannot be trusted (``None`` when it can, or when there is none)."""
        if not self.folder.exists():
            return None
        if not self.meta_path.is_file():
            return "its metadata file is missing"
        try:
            meta = self.meta()
        except (OSError, ValueError) as exc:
            return f"its metadata file cannot be read ({exc})"
        for path, key in ((self.raw_path, "sha256"), (self.text_path, "text_sha256")):
            if not path.is_file():
                return f"{path.name} is missing"
            if _sha256(path.read_bytes()) != meta.get(key):
                return f"{path.name} does not match its SHA-256 in meta.json"
        return None

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")


class Cache:
    """The cache folder (made when first written)."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root is not None else default_cache_dir()

    def entry(self, doc: Document) -> Entry:
        return Entry(self.root / doc.publication / doc.key, doc)

    def check_writable(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot make the cache folder {self.root}: {exc.strerror or exc}") from None
        if not self.root.is_dir():
            raise CacheError(f"the cache {self.root} is not a folder")
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise CacheError(f"cannot write the cache folder {self.root}: permission denied")
        # what an interrupted fetch left: folders being filled (.KEY.*.part) or set aside (.KEY.*.old)
        for stale in list(self.root.glob("*/.*.part")) + list(self.root.glob("*/.*.old")):
            shutil.rmtree(stale, ignore_errors=True)

    def entries(self):
        """Every trusted entry in the cache: ``(publication id, key, Entry-like dict)``."""
        if not self.root.is_dir():
            return
        for meta_path in sorted(self.root.glob("*/*/meta.json")):
            folder = meta_path.parent
            if folder.name.startswith(".") or folder.parent.name.startswith("."):
                continue   # a folder being filled, or one an interrupted swap left aside
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            doc = Document(folder.parent.name, meta.get("kind", ""), meta.get("url", ""), meta.get("licence"))
            entry = Entry(folder, doc)
            if entry.problem() is None:
                yield entry

    def store(self, doc: Document, resp, fetched: FetchedText, tmp: Path) -> Entry:
        """Move a fetched document (its body already in ``tmp``, a folder made by :func:`new_folder`) into place."""
        entry = self.entry(doc)
        raw = resp.path.read_bytes()
        os.replace(resp.path, tmp / entry.raw_path.name)
        write_text(tmp / "text.txt", fetched.text, error=CacheError)
        meta = {
            "publication": doc.publication, "kind": doc.kind, "url": doc.url, "fetched_url": resp.url,
            "retrieved": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
            "etag": resp.headers.get("etag"), "last_modified": resp.headers.get("last-modified"),
            "content_type": resp.content_type, "licence": doc.licence, "bytes": len(raw),
            "sha256": _sha256(raw), "text_sha256": _sha256(fetched.text.encode("utf-8")),
            "text_kind": fetched.kind, "title": fetched.title, "schema": fetched.schema, "pages": fetched.pages,
        }
        write_atomic(tmp / "meta.json", json.dumps(meta, indent=2, ensure_ascii=False).encode("utf-8"),
                     error=CacheError)
        entry.folder.parent.mkdir(parents=True, exist_ok=True)
        replace_folder(tmp, entry.folder)
        return entry


@dataclass
class Outcome:
    """What happened to one document: ``fetched``, ``cached`` (no request needed), ``not modified`` (304),
    or ``failed`` with the reason."""

    doc: Document
    status: str
    reason: str | None = None
    requests: int = 0


def _api_url(client: Client, doc: Document) -> str:
    public = client.public_to_fetch(doc.url)
    if not doc.via_content_api:
        return public
    parts = urlsplit(public)
    return f"{parts.scheme}://{parts.netloc}/api/content{parts.path}"


def fetch_one(cache: Cache, client: Client, doc: Document, *, refresh: bool = False) -> Outcome:
    entry = cache.entry(doc)
    problem = entry.problem()
    if entry.exists() and problem is None and not refresh:
        return Outcome(doc, "cached")
    if problem and not refresh:
        return Outcome(doc, "failed", f"the cache entry {entry.folder} was changed by hand ({problem}); "
                                      "run with --refresh to fetch it again")
    headers = {}
    if refresh and problem is None and entry.exists():
        meta = entry.meta()
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
    entry.folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = new_folder(entry.folder, error=CacheError)
    before = client.requests
    try:
        resp = client.get(_api_url(client, doc), tmp, headers=headers, label=doc.label)
        if resp.status == 304:
            if not headers:
                raise FetchError(f"{doc.label}: HTTP 304 to a request that asked for no comparison")
            return Outcome(doc, "not modified", requests=client.requests - before)
        raw = resp.path.read_bytes()
        try:
            fetched = pdf_text(raw, doc.label) if doc.kind == "pdf" else content_api_text(raw, doc.label)
        except FetchError:
            raise
        except Exception as exc:   # a reader's surprise is this document's failure, not the run's
            raise FetchError(f"{doc.label}: its text cannot be read ({type(exc).__name__}: {exc})") from None
        cache.store(doc, resp, fetched, tmp)
        return Outcome(doc, "fetched", requests=client.requests - before)
    except FetchError as exc:
        return Outcome(doc, "failed", str(exc), requests=client.requests - before)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        try:   # a publication's folder that holds nothing is not left behind
            entry.folder.parent.rmdir()
        except OSError:
            pass


def fetch_documents(docs, cache: Cache, client: Client, *, refresh: bool = False, on_done=None) -> list[Outcome]:
    """Fetch each document in turn; one that fails does not stop the others. ``on_done(outcome)`` is called
    after each (a progress bar)."""
    cache.check_writable()
    out = []
    for doc in docs:
        outcome = fetch_one(cache, client, doc, refresh=refresh)
        out.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return out
