"""Fetching the catalogue's official texts onto the user's machine, and verifying citations against them.

* :mod:`~sockg.fetch.client`: a careful HTTP client (allow-listed hosts, rate limit, retries, size cap);
* :mod:`~sockg.fetch.texts`: a Content API item or a PDF as text with sections, blocks and pages;
* :mod:`~sockg.fetch.cache`: the cache folder and fetching documents into it;
* :mod:`~sockg.fetch.verify`: each citation's place found in the fetched text, and the names of its claim
  looked for there.

The repository holds no text of the publications: it is fetched here, into the
user's cache, and used there.

Imports from sockg: errors, atomic, namespaces, terms, text, names, sources, evidence, _version.
"""

from .cache import Cache, Document, Outcome, default_cache_dir, fetch_documents, fetchable
from .client import DEFAULT_MAX_BYTES, Client, parse_base_url

__all__ = ["Cache", "Document", "Outcome", "default_cache_dir", "fetch_documents", "fetchable", "Client",
           "parse_base_url", "DEFAULT_MAX_BYTES"]
