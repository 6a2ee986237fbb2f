"""Gaps: the questions an auditor would ask of a strategy, answered from the graph.

Each check in :data:`CHECKS` lists the entities it finds wanting, with a
one-line reason. What counts as a *lead organisation* needs a decision,
because the 2018 strategy names no lead per threat: no relation in the graph
says "organisation X leads on threat Y". Read that strictly and every threat
category lacks a lead, which is itself the first finding. The check reads it
one step more generously: an organisation *leads on* a threat when it assesses
or oversees it (itself or through a post it holds), or contributes to, partners
on, informs or funds an objective, strand or programme that addresses or
prioritises it (a priority area counts for the threat it is matched to by
``skos:broadMatch``). Nothing is inherited through ``org:memberOf`` or from
the umbrella category ``skos:broader``. These are the routes of the
``organisation-threat`` projection.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("f", label="Fraud", types=["sockg:ThreatCategory"])
>>> [(r["check"], r["entity"]) for r in gaps(G, ["threat-without-lead"])["rows"]]
[('threat-without-lead', 'Fraud')]
"""

from __future__ import annotations

from ..errors import AnalysisError
from .common import (CLASSIFICATION_PREDICATES, as_graph, has_type, is_objective, is_organisation, is_strand,
                     is_threat, node_label)
from .projections import ROUTES, route_pairs

__all__ = ["gaps", "CHECKS", "check_names", "ROLE_OUT", "ROLE_IN", "TOOL_TYPES"]

#: Predicates that give an organisation a role when it is their subject ...
ROLE_OUT = frozenset({
    "sockg:partnerOn", "sockg:contributesTo", "sockg:informs", "sockg:assesses", "sockg:oversees", "sockg:funds",
    "sockg:ledProductionOf", "sockg:responsibleFor", "sockg:partneredOn", "sockg:contributedTo",
    "sockg:contributedToDeliveryOf", "sockg:implements", "sockg:hasJurisdictionOver", "sockg:addresses",
})
#: ... or their object (a document it published, a figure it is the source of).
ROLE_IN = frozenset({"dcterms:publisher", "sockg:source"})
#: What an objective can use that counts as a power or programme.
TOOL_TYPES = frozenset({"sockg:Power", "sockg:Programme", "sockg:Fund"})


def _row(G, check, n, detail):
    d = G.nodes[n]
    return {"check": check, "entity": node_label(G, n), "class": d.get("cls"), "iri": d.get("iri", n), "detail": detail}


def _places(G, n, limit=3):
    ps = []
    for m in G.nodes[n].get("mentions") or ():
        p = m.get("paragraph")
        if p and p not in ps:
            ps.append(p)
    return ", ".join(ps[:limit]) + (", ..." if len(ps) > limit else "")


def _threat_without_lead(G):
    linked = {b for (a, b) in route_pairs(G, ROUTES["organisation-threat"], is_organisation, is_threat)}
    for n, d in G.nodes(data=True):
        if is_threat(d) and n not in linked:
            yield _row(G, "threat-without-lead", n,
                       "no organisation assesses or oversees it, or works on an objective, strand or programme "
                       "that addresses it (and the strategy names no lead for any threat)")


def _objective_without_tool(G):
    for n, d in G.nodes(data=True):
        if not is_objective(d):
            continue
        used = [v for _, v, k in G.out_edges(n, keys=True) if k == "sockg:uses"]
        if any(has_type(G.nodes[v], TOOL_TYPES) for v in used):
            continue
        other = sorted(node_label(G, v) for v in used)
        yield _row(G, "objective-without-power-or-programme", n,
                   "uses no power or programme" + (f"; it uses only: {'; '.join(other)}" if other else ""))


def _organisation_without_role(G):
    for n, d in G.nodes(data=True):
        if not is_organisation(d):
            continue
        if any(k in ROLE_OUT for _, _, k in G.out_edges(n, keys=True)):
            continue
        if any(k in ROLE_IN for _, _, k in G.in_edges(n, keys=True)):
            continue
        groups = sorted(node_label(G, v) for _, v, k in G.out_edges(n, keys=True) if k == "org:memberOf")
        where = _places(G, n)
        yield _row(G, "organisation-without-role", n,
                   "named" + (f" in {where}" if where else "") + " but given no role"
                   + (f" (member of {', '.join(groups)})" if groups else ""))


def _figure_without_year(G):
    for n, d in G.nodes(data=True):
        if not has_type(d, {"sockg:Figure"}):
            continue
        attrs = d.get("attributes") or {}
        if attrs.get("sockg:year") is not None:
            continue
        period = attrs.get("sockg:period")
        yield _row(G, "figure-without-year", n,
                   "no year its value refers to" + (f" (period given only as {period!r})" if period else ""))


def _strand_without_partner(G):
    linked = {b for (a, b) in route_pairs(G, ROUTES["organisation-strand"], is_organisation, is_strand)}
    for n, d in G.nodes(data=True):
        if is_strand(d) and n not in linked:
            yield _row(G, "strand-without-organisation", n,
                       "no organisation partners on, informs or funds it, or contributes to an objective aligned with it")


def _objective_without_organisation(G):
    linked = {b for (a, b) in route_pairs(G, ROUTES["organisation-objective"], is_organisation, is_objective)}
    for n, d in G.nodes(data=True):
        if is_objective(d) and n not in linked:
            yield _row(G, "objective-without-organisation", n,
                       "no organisation contributes to it or works on a strand aligned with it")


def _relation_without_evidence(G):
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in CLASSIFICATION_PREDICATES or d.get("evidence"):
            continue
        yield {"check": "relation-without-evidence", "entity": f"{node_label(G, u)} {k} {node_label(G, v)}",
               "class": None, "iri": u, "detail": "the relation carries no quote"}


#: name -> (question, function yielding rows)
CHECKS = {
    "threat-without-lead": ("Which threat categories have no named lead organisation?", _threat_without_lead),
    "objective-without-power-or-programme": ("Which objectives use no power or programme?", _objective_without_tool),
    "organisation-without-role": ("Which organisations are named but given no role?", _organisation_without_role),
    "figure-without-year": ("Which figures have no year?", _figure_without_year),
    "strand-without-organisation": ("Which 4P strands have no organisation working on them?", _strand_without_partner),
    "objective-without-organisation": ("Which objectives have no organisation working towards them?",
                                       _objective_without_organisation),
    "relation-without-evidence": ("Which relations carry no evidence?", _relation_without_evidence),
}


def check_names() -> list[str]:
    return list(CHECKS)


def gaps(G, checks=None) -> dict:
    """Run the gap checks (all, or the names in ``checks``).

    Returns
    -------
    dict with ``checks`` (name -> question) and ``rows``: ``check``, ``entity`` (label),
    ``class``, ``iri`` and ``detail`` (why it is listed), ordered by check then entity.
    """
    names = list(CHECKS) if not checks else list(checks)
    bad = [c for c in names if c not in CHECKS]
    if bad:
        raise AnalysisError(f"unknown gap check {bad[0]!r}; choose one of: {', '.join(CHECKS)}")
    G = as_graph(G)
    rows = []
    for name in names:
        rows.extend(sorted(CHECKS[name][1](G), key=lambda r: r["entity"].casefold()))
    return {"checks": {n: CHECKS[n][0] for n in names}, "rows": rows}
