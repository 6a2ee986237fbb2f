"""Overlap: how much two strategies share, as Jaccard scores.

For each strategy (and policy document: reviews, visions, assessments) the
graph gives three sets, each read through the routes in :data:`FACETS`:

``threats``
    threat categories and crime types it addresses, identifies as a threat or
    is about, directly or through one of its objectives;
``organisations``
    organisations that led, partnered on, contributed to, implement or
    published it, were created under it, or contribute to one of its objectives;
``strands``
    4P strands it has or prioritises, or that belong to a framework it uses.

Strands are shared concepts: the Prevent strand's partners and priorities
(paragraph 137 of the 2018 strategy) are not credited to every strategy that
has a Prevent strand, so strategies are not joined through their strands.

The Jaccard score of two sets is ``|A ∩ B| / |A ∪ B|``.

Examples
--------
>>> jaccard({"a", "b"}, {"b", "c"})
0.333333
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ..errors import AnalysisError
from .common import as_graph, check_count, is_organisation, is_policy_document, is_strand, is_threat_or_crime, node_label
from .projections import route_pairs

__all__ = ["overlap", "strategy_sets", "jaccard", "FACETS", "facet_names"]

#: facet -> (member test, routes from the strategy to the member)
FACETS = {
    "threats": (is_threat_or_crime, [
        "sockg:addresses|sockg:identifiesAsThreat|sockg:about",
        "sockg:hasObjective/sockg:addresses",
    ]),
    "organisations": (is_organisation, [
        "^(sockg:ledProductionOf|sockg:partneredOn|sockg:contributedTo|sockg:contributedToDeliveryOf|sockg:implements|"
        "sockg:createdUnder)",
        "dcterms:publisher",
        "sockg:hasObjective/^sockg:contributesTo",
    ]),
    "strands": (is_strand, [
        "sockg:hasStrand|sockg:prioritises",
        "sockg:usesFramework/^skos:inScheme",
        "sockg:hasObjective/sockg:alignsWithStrand",
    ]),
}


def facet_names() -> list[str]:
    return [*FACETS, "all"]


def jaccard(a: set, b: set) -> float:
    """``|a ∩ b| / |a ∪ b|`` rounded to six places (0 when both are empty)."""
    union = len(a | b)
    return round(len(a & b) / union, 6) if union else 0.0


def strategy_sets(G, facet: str) -> dict:
    """``{strategy IRI: set of member IRIs}`` for one facet (strategies with an empty set are left out)."""
    if facet not in FACETS:
        raise AnalysisError(f"unknown facet {facet!r}; choose one of: {', '.join(facet_names())}")
    test, routes = FACETS[facet]
    sets: dict[str, set] = defaultdict(set)
    for (s, m) in route_pairs(G, routes, is_policy_document, test):
        sets[s].add(m)
    return dict(sets)


#: Above this many strategies pairs are scored through an inverted index instead of a matrix product.
MATRIX_LIMIT = 5000


def _pair_scores(sets: dict, label, include_zero: bool, top: int | None):
    """``(jaccard, a, b)`` for the pairs of ``sets`` that share a member (or all pairs), ``a`` before ``b`` by label.

    With ``top``, pairs that cannot be among the ``top`` best are skipped.
    """
    import numpy as np

    ids = sorted(sets, key=lambda x: (label(x), x))
    if len(ids) < 2:
        return []
    if len(ids) > MATRIX_LIMIT:  # sparse: only pairs that share a member
        holders: dict = defaultdict(list)
        for i, x in enumerate(ids):
            for m in sets[x]:
                holders[m].append(i)
        pairs = set()
        for hs in holders.values():
            pairs.update(combinations(hs, 2))
        if include_zero:
            pairs = set(combinations(range(len(ids)), 2))
        return [(jaccard(sets[ids[i]], sets[ids[j]]), ids[i], ids[j]) for i, j in pairs]
    members = {m: c for c, m in enumerate(sorted({m for x in ids for m in sets[x]}))}
    M = np.zeros((len(ids), len(members)), dtype=np.float32)
    for i, x in enumerate(ids):
        M[i, [members[m] for m in sets[x]]] = 1.0
    inter = (M @ M.T).astype(np.float64)   # exact: counts far below 2**24
    size = M.sum(axis=1, dtype=np.float64)
    iu, ju = np.triu_indices(len(ids), 1)
    shared = inter[iu, ju]
    score = np.round(shared / (size[iu] + size[ju] - shared), 6)
    keep = np.ones_like(shared, dtype=bool) if include_zero else shared > 0
    if top is not None and top < int(keep.sum()):
        cut = np.partition(score[keep], -max(top, 1))[-max(top, 1)]   # the top-th best score
        keep &= score >= cut
    return [(float(score[n]), ids[iu[n]], ids[ju[n]]) for n in np.flatnonzero(keep)]


def overlap(G, facet: str = "all", *, include_zero: bool = False, top: int | None = None) -> dict:
    """Jaccard overlap between every pair of strategies on one facet or all three.

    Parameters
    ----------
    facet : ``threats``, ``organisations``, ``strands`` or ``all``.
    include_zero : also list pairs that share nothing (both sets non-empty).
    top : keep only the first ``top`` rows.

    Returns
    -------
    dict with ``facet`` and ``rows`` ordered by Jaccard (highest first): ``a``, ``b`` (labels),
    ``facet``, ``jaccard``, ``shared`` (labels), ``only_a``, ``only_b``, ``size_a``, ``size_b``.
    """
    if facet not in facet_names():
        raise AnalysisError(f"unknown facet {facet!r}; choose one of: {', '.join(facet_names())}")
    top = check_count(top, "top")
    G = as_graph(G)

    scored = []   # (-jaccard, facet, label a, label b, a, b): scores first, details only for the rows kept
    all_sets = {}
    for f in (FACETS if facet == "all" else [facet]):
        sets = all_sets[f] = strategy_sets(G, f)
        pairs = _pair_scores(sets, lambda n: node_label(G, n), include_zero, top)
        scored.extend((-j, f, node_label(G, x), node_label(G, y), x, y) for j, x, y in pairs)
    scored.sort()
    if top is not None:
        scored = scored[:top]
    rows = []
    for neg, f, la, lb, x, y in scored:
        a, b = all_sets[f][x], all_sets[f][y]
        rows.append({
            "a": la, "b": lb, "facet": f, "jaccard": -neg,
            "shared": sorted(node_label(G, m) for m in a & b), "only_a": sorted(node_label(G, m) for m in a - b),
            "only_b": sorted(node_label(G, m) for m in b - a), "size_a": len(a), "size_b": len(b),
            "a_iri": x, "b_iri": y,
        })
    return {"facet": facet, "rows": rows}
