"""SPARQL for sockg: safe, fast queries on the built graph or on any SPARQL 1.1 endpoint.

The pieces:

* :mod:`~sockg.query.lexer` and :mod:`~sockg.query.safety` read a query before
  it runs and refuse updates and anything that would fetch a URL or a file;
* :mod:`~sockg.query.registry`: the named competency queries (``sockg/queries/*.rq``);
* :mod:`~sockg.query.engine`: runs a query on the local Oxigraph store or a remote endpoint;
* :mod:`~sockg.query.formats`: result formats by name and media type;
* :mod:`~sockg.query.remote`: HTTP (SPARQL 1.1 Protocol, Graph Store HTTP Protocol).

Imports from sockg: errors, namespaces, resources, terms, names.

Examples
--------
>>> import sockg, sockg.query as q
>>> kg = sockg.load()                                       # doctest: +SKIP
>>> q.run_named(q.LocalTarget(kg.store, kg.resolve), "strand-partners").to_python()  # doctest: +SKIP
[{'organisation': 'Department for Education', ...}, ...]
"""

from __future__ import annotations

from .engine import EndpointTarget, LocalTarget, Result
from .registry import NamedQuery, bind_values, get_named_query, named_queries, parse_assignments
from .safety import QueryInfo, check_query

__all__ = ["LocalTarget", "EndpointTarget", "Result", "NamedQuery", "named_queries",
           "get_named_query", "bind_values", "parse_assignments", "check_query", "QueryInfo", "run_named"]


def run_named(target, name: str, params: dict[str, str] | None = None, *, resolve=None) -> Result:
    """Run the named query ``name`` on ``target`` with ``params`` (text values, bound as RDF terms).

    ``resolve`` turns entity names into IRIs; it defaults to the target's own
    resolver (a local target made from a :class:`~sockg.kg.KnowledgeGraph`).
    """
    nq = get_named_query(name)
    bindings = bind_values(nq, params or {}, resolve or getattr(target, "resolve", None))
    return target.run(nq.text, bindings=bindings)
