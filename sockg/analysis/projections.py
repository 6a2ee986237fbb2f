"""Projections: the typed relation graph seen as simpler, undirected, weighted graphs.

Each projection is looked up by name in :data:`PROJECTIONS` and built by
:func:`project`. All return a :class:`networkx.Graph` whose nodes keep
``iri``, ``label`` and ``cls``, and whose edges carry

``weight``
    how many distinct chains of relations (*routes*) join the two nodes;
``routes``
    those chains, each a list of hops ``(source IRI, predicate, target IRI)``
    in the direction the relation really runs;
``evidence`` / ``evidence_count``
    the distinct quoted passages behind all the hops.

Bipartite projections (organisation-objective, organisation-strand,
organisation-threat) join an organisation to an objective, strand or threat
through the *routes* listed in :data:`ROUTES`, written like SPARQL property
paths: ``sockg:partnerOn/^sockg:alignsWithStrand`` is "the organisation
partners on a strand that the objective aligns with". An organisation is
only credited with what it is itself said to do: nothing is inherited
through ``org:memberOf`` or ``skos:broader``.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("o", label="DfE", types=["org:Organization"]); G.add_node("s", label="Prevent", types=["sockg:Strand"])
>>> G.add_node("t", label="Cyber crime", types=["sockg:ThreatCategory"])
>>> G.add_edge("o", "s", key="sockg:partnerOn", predicate="sockg:partnerOn", evidence=[])
'sockg:partnerOn'
>>> G.add_edge("s", "t", key="sockg:addresses", predicate="sockg:addresses", evidence=[])
'sockg:addresses'
>>> P = project(G, "organisation-threat")
>>> [(P.nodes[a]["label"], P.nodes[b]["label"], d["weight"]) for a, b, d in P.edges(data=True)]
[('DfE', 'Cyber crime', 1)]
"""

from __future__ import annotations

from collections import defaultdict

from ..errors import AnalysisError
from .common import (CLASSIFICATION_PREDICATES, as_graph, evidence_key, is_objective, is_organisation,
                     is_policy_document, is_scheme, is_strand, is_threat)

__all__ = ["PROJECTIONS", "ROUTES", "project", "projection_names", "parse_route", "route_pairs",
           "relations_graph", "co_mention_graph", "ensure_projection", "route_text"]

_ROLE = "(sockg:contributesTo|sockg:partnerOn|sockg:informs|sockg:funds)"

#: Routes of the bipartite projections, from the first kind of node to the second.
ROUTES: dict[str, list[str]] = {
    "organisation-objective": [
        "sockg:contributesTo",
        "(sockg:partnerOn|sockg:informs)/^sockg:alignsWithStrand",
        "sockg:funds/^sockg:uses",
    ],
    "organisation-strand": [
        "sockg:partnerOn|sockg:informs",
        "sockg:contributesTo/sockg:alignsWithStrand",
        "sockg:funds/^sockg:uses",
    ],
    "organisation-threat": [
        "sockg:assesses|sockg:oversees|sockg:addresses",
        "^org:postIn/sockg:oversees",
        f"{_ROLE}/(sockg:addresses|sockg:prioritises)",
        f"{_ROLE}/sockg:prioritises/skos:broadMatch",
    ],
    "strategy-strategy": ["*"],
    # coverage matrices (see sockg.analysis.coverage)
    "strand-threat": [
        "sockg:addresses|sockg:prioritises",
        "sockg:prioritises/skos:broadMatch",
        "^sockg:alignsWithStrand/sockg:addresses",
        "sockg:uses/sockg:addresses",
    ],
    "objective-threat": [
        "sockg:addresses",
        "sockg:alignsWithStrand/(sockg:addresses|sockg:prioritises)",
        "sockg:alignsWithStrand/sockg:prioritises/skos:broadMatch",
        "sockg:uses/sockg:addresses",
    ],
}

#: The ends of each route projection: (first kind, second kind).
ENDS = {
    "organisation-objective": (is_organisation, is_objective),
    "organisation-strand": (is_organisation, is_strand),
    "organisation-threat": (is_organisation, is_threat),
    "strategy-strategy": (is_policy_document, is_policy_document),
    "strand-threat": (is_strand, is_threat),
    "objective-threat": (is_objective, is_threat),
}

#: name -> one-line description; :func:`project` builds each.
PROJECTIONS: dict[str, str] = {
    "relations": "every relation between two entities, undirected (scheme membership left out)",
    "organisation-objective": "organisations joined to the objectives they work towards",
    "organisation-strand": "organisations joined to the 4P strands they work on",
    "organisation-threat": "organisations joined to the threat categories their work addresses",
    "strategy-strategy": "strategies and policy documents joined by the relations between them",
    "co-mention": "entities named in the same paragraph, weighted by how many paragraphs they share",
}


def projection_names() -> list[str]:
    """The valid projection names."""
    return list(PROJECTIONS)


def parse_route(text: str) -> list[tuple[frozenset, bool]]:
    """A route as steps ``(predicates, inverse)``; ``*`` stands for any relation.

    >>> [(sorted(preds), inverse) for preds, inverse in parse_route("(a:x|a:y)/^a:z")]
    [(['a:x', 'a:y'], False), (['a:z'], True)]
    """
    steps = []
    for part in text.split("/"):
        part = part.strip()
        inverse = part.startswith("^")
        part = part.lstrip("^").strip().removeprefix("(").removesuffix(")")
        preds = frozenset(p.strip() for p in part.split("|") if p.strip())
        if not preds:
            raise AnalysisError(f"empty step in route {text!r}")
        steps.append((preds, inverse))
    return steps


def _index(G):
    """Edges by predicate, both ways: ``out[pred][u] -> [(v, key)]``, ``inn[pred][v] -> [(u, key)]``."""
    out: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    inn: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for u, v, k in G.edges(keys=True):
        out[k][u].append((v, k))
        inn[k][v].append((u, k))
    return out, inn


def _follow(index, start, steps, any_ok):
    """Every walk from ``start`` along ``steps``: yields ``(end, hops)``, each hop ``(u, key, v)`` as stored."""
    out, inn = index

    def step(node, i, seen, hops):
        if i == len(steps):
            yield node, hops
            return
        preds, inverse = steps[i]
        table = inn if inverse else out
        keys = [p for p in table if any_ok(p)] if "*" in preds else [p for p in preds if p in table]
        for p in keys:
            for nbr, k in table[p].get(node, ()):
                if nbr in seen:
                    continue
                hop = (nbr, k, node) if inverse else (node, k, nbr)
                yield from step(nbr, i + 1, seen | {nbr}, hops + [hop])

    yield from step(start, 0, frozenset([start]), [])


def route_pairs(G, routes, first, second):
    """``{(a, b): [hops, ...]}`` for every walk along ``routes`` from a ``first`` node to a ``second`` node."""
    index = _index(G)
    parsed = [parse_route(r) for r in routes]

    def any_ok(p):
        return p not in CLASSIFICATION_PREDICATES and p != "sockg:mentionedIn"

    found: dict[tuple, list] = defaultdict(list)
    for a, d in G.nodes(data=True):
        if not first(d):
            continue
        for steps in parsed:
            for b, hops in _follow(index, a, steps, any_ok):
                if b != a and second(G.nodes[b]):
                    found[(a, b)].append(hops)
    return found


def _new_graph(G, name: str):
    import networkx as nx

    P = nx.Graph(projection=name)
    return P


def _add_node(P, G, n):
    if n not in P:
        d = G.nodes[n]
        P.add_node(n, iri=d.get("iri", n), label=d.get("label", str(n)), cls=d.get("cls"),
                   types=list(d.get("types") or ()), alt_labels=list(d.get("alt_labels") or ()))


def _add_routes(P, G, a, b, walks):
    _add_node(P, G, a)
    _add_node(P, G, b)
    if P.has_edge(a, b):
        data = P.edges[a, b]
    else:
        P.add_edge(a, b, weight=0, routes=[], evidence=[], evidence_count=0, predicates=[])
        data = P.edges[a, b]
    seen_routes = {tuple(r) for r in data["routes"]}
    keys = {evidence_key(e) for e in data["evidence"]}
    preds = set(data["predicates"])
    for hops in walks:
        hops = tuple(hops)
        if hops in seen_routes:
            continue
        seen_routes.add(hops)
        data["routes"].append(list(hops))
        preds.add(route_text(a, hops))
        for u, k, v in hops:
            for rec in G.edges[u, v, k].get("evidence") or ():
                key = evidence_key(rec)
                if key not in keys:
                    keys.add(key)
                    data["evidence"].append(rec)
    data["weight"] = len(data["routes"])
    data["evidence_count"] = len(data["evidence"])
    data["predicates"] = sorted(preds)


def route_text(start, hops) -> str:
    """The property path a walk from ``start`` follows: ``sockg:partnerOn/^sockg:alignsWithStrand``.

    >>> route_text("a", [("a", "p:x", "b"), ("c", "p:y", "b")])
    'p:x/^p:y'
    """
    parts, here = [], start
    for u, k, v in hops:
        if u == here:
            parts.append(k)
            here = v
        else:
            parts.append("^" + k)
            here = u
    return "/".join(parts)


def _route_projection(G, name):
    first, second = ENDS[name]
    P = _new_graph(G, name)
    for n, d in G.nodes(data=True):
        if first(d) or second(d):
            _add_node(P, G, n)
    for (a, b), walks in route_pairs(G, ROUTES[name], first, second).items():
        _add_routes(P, G, a, b, walks)
    return P


def relations_graph(G):
    """Every relation between two entities as one undirected, weighted graph.

    Concept schemes and scheme membership (``skos:inScheme``, ...) are left out:
    they classify rather than relate, and would otherwise be the graph's hubs.
    """
    P = _new_graph(G, "relations")
    for n, d in G.nodes(data=True):
        if not is_scheme(d):
            _add_node(P, G, n)
    for u, v, k in G.edges(keys=True):
        if k in CLASSIFICATION_PREDICATES or u == v or u not in P or v not in P:
            continue
        _add_routes(P, G, u, v, [[(u, k, v)]])
    return P


def _place(rec: dict) -> tuple:
    return (rec.get("document"), rec.get("block") or rec.get("paragraph"))


def co_mention_graph(G, *, include_relations: bool = False, methods=None):
    """Entities named in the same paragraph (block) of the same document.

    The places come from each entity's ``mentions`` (its ``sockg:mentionedIn``
    evidence, curated or extracted; ``methods`` keeps only some, e.g.
    ``{"extracted"}``). With ``include_relations`` the passages quoted for a
    relation also count as naming both its ends. Edge ``weight`` is the number
    of places the two share; ``places`` lists them as ``(document, paragraph)``.
    """
    P = _new_graph(G, "co-mention")
    at: dict[tuple, dict] = defaultdict(dict)   # place -> {node: a record}
    labels: dict[tuple, str] = {}
    for n, d in G.nodes(data=True):
        for rec in d.get("mentions") or ():
            if methods is not None and rec.get("method") not in methods:
                continue
            place = _place(rec)
            at[place].setdefault(n, rec)
            labels.setdefault(place, rec.get("paragraph") or str(place[1]))
    if include_relations:
        for u, v, data in G.edges(data=True):
            if data.get("predicate") in CLASSIFICATION_PREDICATES:
                continue
            for rec in data.get("evidence") or ():
                place = _place(rec)
                at[place].setdefault(u, rec)
                at[place].setdefault(v, rec)
                labels.setdefault(place, rec.get("paragraph") or str(place[1]))
    for place, members in at.items():
        nodes = sorted(m for m in members if m in G and not is_scheme(G.nodes[m]))
        for n in nodes:
            _add_node(P, G, n)
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                if P.has_edge(a, b):
                    e = P.edges[a, b]
                else:
                    P.add_edge(a, b, weight=0, places=[], evidence=[])
                    e = P.edges[a, b]
                e["weight"] += 1
                e["places"].append((place[0], labels[place]))
                e["evidence"].extend(r for r in (members[a], members[b]) if r not in e["evidence"])
    for _, _, e in P.edges(data=True):
        e["evidence_count"] = len(e["evidence"])
    return P


def project(G, name: str = "relations", **options):
    """Build the projection ``name`` of the converted graph ``G`` (see :data:`PROJECTIONS`).

    ``G`` may also be a :class:`~sockg.kg.KnowledgeGraph` or a store: it is converted first.
    Options go to :func:`co_mention_graph` for ``co-mention``.
    """
    if name not in PROJECTIONS:
        raise AnalysisError(f"unknown projection {name!r}; choose one of: {', '.join(PROJECTIONS)}")
    G = as_graph(G)
    if name == "relations":
        return relations_graph(G)
    if name == "co-mention":
        return co_mention_graph(G, **options)
    return _route_projection(G, name)


def ensure_projection(G, projection: str | None = None, **options):
    """``G`` when it already is a projection (and ``projection`` agrees), else ``project(G, projection)``.

    A plain undirected :class:`networkx.Graph` counts as a projection already.
    """
    import networkx as nx

    made = G.graph.get("projection") if isinstance(G, nx.Graph) else None
    if made is None and isinstance(G, nx.Graph) and not G.is_directed() and not G.is_multigraph():
        made = "given"  # a plain undirected graph: analyse it as it is
    if made is not None:
        if projection not in (None, made):
            raise AnalysisError(f"this graph is already the {made!r} projection; pass the converted graph "
                                f"to project it as {projection!r}")
        return G
    return project(G, projection or "relations", **options)
