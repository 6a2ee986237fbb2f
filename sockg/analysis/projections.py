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
                     is_policy_document, is_scheme, is_strand, is_strategy, is_threat, is_threat_or_crime)

__all__ = ["PROJECTIONS", "ROUTES", "project", "projection_names", "parse_route", "route_pairs",
           "relations_graph", "co_mention_graph", "ensure_projection", "route_text", "EvidenceCache"]

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
    # a strategy reaches a threat or crime type it addresses (or one narrower than it), or that a framework
    # element of its own (not a 4P strand several strategies share) addresses
    "strategy-threat": [
        "sockg:addresses",
        "sockg:addresses/skos:broader",
        "sockg:addresses/skos:broader/skos:broader",
        "(sockg:hasObjective|sockg:hasTheme|sockg:hasPillar|sockg:hasPriority|sockg:hasLineOfAction)/sockg:addresses",
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
    "strategy-threat": (is_strategy, is_threat_or_crime),
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
    """Every walk from ``start`` along ``steps``: yields ``(end, hops, text)``.

    Each hop is ``(u, key, v)`` as the relation is stored; ``text`` is the property path walked.
    """
    out, inn = index
    last = len(steps)

    def step(node, i, seen, hops, text):
        if i == last:
            yield node, hops, text
            return
        preds, inverse = steps[i]
        table = inn if inverse else out
        keys = [p for p in table if any_ok(p)] if "*" in preds else [p for p in preds if p in table]
        for p in keys:
            mark = ("^" + p) if inverse else p
            for nbr, k in table[p].get(node, ()):
                if nbr in seen:
                    continue
                hop = (nbr, k, node) if inverse else (node, k, nbr)
                yield from step(nbr, i + 1, seen | {nbr}, hops + (hop,), f"{text}/{mark}" if text else mark)

    yield from step(start, 0, frozenset([start]), (), "")


def _any_relation(p: str) -> bool:
    return p not in CLASSIFICATION_PREDICATES and p != "sockg:mentionedIn"


def route_pairs(G, routes, first, second):
    """``{(a, b): [(hops, path), ...]}`` for every walk along ``routes`` from a ``first`` node to a ``second`` node.

    ``hops`` is a tuple of relations ``(u, key, v)`` in their stored direction; ``path`` the
    property path walked (``sockg:partnerOn/^sockg:alignsWithStrand``).
    """
    index = _index(G)
    parsed = [parse_route(r) for r in routes]
    targets = {n for n, d in G.nodes(data=True) if second(d)}
    found: dict[tuple, list] = defaultdict(list)
    for a, d in G.nodes(data=True):
        if not first(d):
            continue
        for steps in parsed:
            for b, hops, text in _follow(index, a, steps, _any_relation):
                if b != a and b in targets:
                    found[(a, b)].append((hops, text))
    return found


class EvidenceCache:
    """The evidence records of each relation, with their identity keys, looked up once."""

    def __init__(self, G):
        self.G = G
        self._cache: dict[tuple, list] = {}

    def __call__(self, hop: tuple) -> list:
        got = self._cache.get(hop)
        if got is None:
            u, k, v = hop
            got = self._cache[hop] = [(evidence_key(r), r) for r in self.G.edges[u, v, k].get("evidence") or ()]
        return got

    def merged(self, walks) -> dict:
        """``{key: record}`` over every hop of ``walks`` (first record of each passage wins)."""
        out: dict = {}
        for hops, _ in walks:
            for hop in hops:
                for key, rec in self(hop):
                    out.setdefault(key, rec)
        return out


def _new_graph(G, name: str):
    import networkx as nx

    return nx.Graph(projection=name)


def _node_attrs(G, n) -> dict:
    d = G.nodes[n]
    return {"iri": d.get("iri", n), "label": d.get("label", str(n)), "cls": d.get("cls"),
            "types": list(d.get("types") or ()), "alt_labels": list(d.get("alt_labels") or ())}


def _add_node(P, G, n):
    if n not in P:
        P.add_node(n, **_node_attrs(G, n))


def _edge_attrs(walks, evidence: EvidenceCache) -> dict:
    unique = list(dict.fromkeys(walks))
    ev = list(evidence.merged(unique).values())
    return {"weight": len(unique), "routes": [list(h) for h, _ in unique], "evidence": ev,
            "evidence_count": len(ev), "predicates": sorted({t for _, t in unique})}


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
    P.add_nodes_from((n, _node_attrs(G, n)) for n, d in G.nodes(data=True) if first(d) or second(d))
    merged: dict[tuple, list] = {}   # an undirected edge gathers the walks found from either end
    for (a, b), walks in route_pairs(G, ROUTES[name], first, second).items():
        merged.setdefault((b, a) if (b, a) in merged else (a, b), []).extend(walks)
    evidence = EvidenceCache(G)
    P.add_edges_from((a, b, _edge_attrs(walks, evidence)) for (a, b), walks in merged.items())
    return P


def relations_graph(G):
    """Every relation between two entities as one undirected, weighted graph.

    Concept schemes and scheme membership (``skos:inScheme``, ...) are left out:
    they classify rather than relate, and would otherwise be the graph's hubs.
    """
    P = _new_graph(G, "relations")
    P.add_nodes_from((n, _node_attrs(G, n)) for n, d in G.nodes(data=True) if not is_scheme(d))
    walks: dict[tuple, list] = defaultdict(list)
    for u, v, k in G.edges(keys=True):
        if k in CLASSIFICATION_PREDICATES or u == v or u not in P or v not in P:
            continue
        pair = (u, v) if (v, u) not in walks else (v, u)
        walks[pair].append((((u, k, v),), k if pair[0] == u else "^" + k))
    evidence = EvidenceCache(G)
    P.add_edges_from((a, b, _edge_attrs(w, evidence)) for (a, b), w in walks.items())
    return P


def _place(rec: dict) -> tuple:
    return (rec.get("document"), rec.get("block") or rec.get("paragraph"))


def co_mention_graph(G, *, include_relations: bool = False, methods=None):
    """Entities named in the same paragraph (block) of the same document.

    The places come from each entity's ``mentions`` (its ``sockg:mentionedIn``
    evidence, curated or extracted; ``methods`` keeps only some, e.g.
    ``{"extracted"}``). With ``include_relations`` the passages quoted for a
    relation also count as naming both its ends. Edge ``weight`` is the number
    of places the two share; ``places`` lists them as ``(document, paragraph)``. The quotes
    themselves stay in each node's ``mentions``.
    """
    P = _new_graph(G, "co-mention")
    at: dict[tuple, set] = defaultdict(set)   # place -> nodes named there
    labels: dict[tuple, str] = {}

    def add(place, n, rec):
        at[place].add(n)
        labels.setdefault(place, rec.get("paragraph") or str(place[1]))

    for n, d in G.nodes(data=True):
        if is_scheme(d):
            continue
        for rec in d.get("mentions") or ():
            if methods is None or rec.get("method") in methods:
                add(_place(rec), n, rec)
    if include_relations:
        for u, v, k, data in G.edges(keys=True, data=True):
            if k in CLASSIFICATION_PREDICATES or is_scheme(G.nodes[u]) or is_scheme(G.nodes[v]):
                continue
            for rec in data.get("evidence") or ():
                add(_place(rec), u, rec)
                add(_place(rec), v, rec)
    shared: dict[tuple, list] = defaultdict(list)
    for place, members in at.items():
        nodes = sorted(members)
        where = (place[0], labels[place])
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                shared[(a, b)].append(where)
    P.add_nodes_from((n, _node_attrs(G, n)) for n in sorted(set().union(*at.values())) if n in G)
    P.add_edges_from((a, b, {"weight": len(w), "places": w}) for (a, b), w in shared.items())
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
