"""``sockg serve``: a read-only SPARQL 1.1 endpoint with an offline query page.

* :mod:`~sockg.server.protocol`: reading requests, content negotiation, service description;
* :mod:`~sockg.server.pool` and :mod:`~sockg.server.worker`: queries run in worker processes
  that are killed at the timeout;
* :mod:`~sockg.server.app`: the HTTP server and its routes;
* ``static/``: the query page (HTML, CSS and JavaScript written for this project; nothing
  loaded from elsewhere).

Imports from sockg: errors, terms, query, kg.
"""

from __future__ import annotations

from .app import SparqlServer, make_server, serve

__all__ = ["SparqlServer", "make_server", "serve"]
