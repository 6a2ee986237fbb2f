"""Shared vocabulary of the analyses: which nodes are organisations, threats, strategies.

The converted graph (:func:`~sockg.analysis.convert.to_networkx`) keeps every
entity's classes as prefixed names in the ``types`` node attribute; the tests
below read them. Name lookup (:func:`find_node`) matches labels, acronyms and
IRIs the way :meth:`sockg.kg.KnowledgeGraph.resolve` does, but on the graph
itself, so it works on any converted graph (the synthetic one included).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("http://x/dfe", label="Department for Education", alt_labels=["DfE"],
...            types=["org:Organization", "sockg:GovernmentDepartment"], cls="sockg:GovernmentDepartment")
>>> find_node(G, "dfe"), is_organisation(G.nodes["http://x/dfe"])
('http://x/dfe', True)
"""

from __future__ import annotations

import math
import numbers

from ..errors import AnalysisError

__all__ = [
    "ORGANISATION_TYPES", "THREAT_TYPES", "CRIME_TYPES", "POLICY_DOCUMENT_TYPES", "CLASSIFICATION_PREDICATES",
    "is_organisation", "is_threat", "is_threat_or_crime", "is_objective", "is_strand", "is_policy_document",
    "is_scheme", "has_type", "as_graph", "find_node", "node_label", "evidence_key", "short_label", "node_row",
    "check_count", "check_positive",
]

#: Classes whose members count as organisations (departments, agencies, groups of actors, ...).
ORGANISATION_TYPES = frozenset({
    "org:Organization", "schema:GovernmentOrganization", "sockg:Government", "sockg:GovernmentDepartment",
    "sockg:Agency",
    "sockg:DevolvedGovernment", "sockg:WhatWorksCentre", "sockg:PublicBody", "sockg:ActorGroup",
})
#: The strategy's threat categories (paragraph 16 of the 2018 strategy).
THREAT_TYPES = frozenset({"sockg:ThreatCategory"})
#: Other crime types and national security threats (serious violence, terrorism, ...).
CRIME_TYPES = frozenset({"sockg:CrimeType"})
#: Strategies and the policy documents that stand beside them.
POLICY_DOCUMENT_TYPES = frozenset({"sockg:Strategy", "sockg:Review", "sockg:Vision", "sockg:Assessment"})
#: Scheme membership: classification, not a relation between two things.
CLASSIFICATION_PREDICATES = frozenset({"skos:inScheme", "skos:topConceptOf", "skos:hasTopConcept"})


def has_type(data: dict, types) -> bool:
    """True when a node's ``types`` (or its ``cls``) meets ``types``."""
    own = data.get("types") or ()
    return any(t in types for t in own) or data.get("cls") in types


def is_organisation(data: dict) -> bool:
    return has_type(data, ORGANISATION_TYPES)


def is_threat(data: dict) -> bool:
    return has_type(data, THREAT_TYPES)


def is_threat_or_crime(data: dict) -> bool:
    return has_type(data, THREAT_TYPES | CRIME_TYPES)


def is_objective(data: dict) -> bool:
    return has_type(data, {"sockg:Objective"})


def is_strategy(data: dict) -> bool:
    return has_type(data, {"sockg:Strategy"})


def is_strand(data: dict) -> bool:
    return has_type(data, {"sockg:Strand"})


def is_policy_document(data: dict) -> bool:
    return has_type(data, POLICY_DOCUMENT_TYPES)


def is_scheme(data: dict) -> bool:
    return has_type(data, {"skos:ConceptScheme"})


def as_graph(source):
    """A converted graph: ``source`` itself when it is a networkx graph, else ``to_networkx(source)``."""
    import networkx as nx

    if isinstance(source, nx.Graph):
        return source
    from .convert import to_networkx

    return to_networkx(source)


def find_node(G, name: str, nodes=None) -> str:
    """The node ``name`` refers to: an IRI (bare or in ``<>``), a label, an alternative label (acronym) or an
    IRI's last segment, in any case; among ``nodes`` when given (the lookup of :class:`sockg.names.NameIndex`,
    shared with ``sockg entity``).

    Raises :class:`~sockg.errors.EntityNotFoundError` listing close matches.
    """
    from ..names import NameIndex

    candidates = list(G if nodes is None else nodes)
    name = str(name).strip()
    if name.startswith("<") and name.endswith(">") and name[1:-1] in set(candidates):
        return name[1:-1]
    return NameIndex.from_networkx(G, candidates).resolve(name)


def node_label(G, n) -> str:
    """The label a node is shown by (its IRI when it has none)."""
    return str(G.nodes[n].get("label", n))


def evidence_key(record: dict) -> tuple:
    """What makes two evidence records the same piece of evidence: for a quote, its document and offsets (or
    the quote); for a citation, its publication, locator and note.

    >>> evidence_key({"kind": "cited", "document": "contest-2018", "locator": "p. 43", "note": "Pursue."})
    ('contest-2018', 'cited', 'p. 43', 'Pursue.')
    """
    if record.get("kind") == "cited":
        return (record.get("document"), "cited", record.get("locator"), record.get("note"))
    return (record.get("document"), record.get("start"), record.get("end"),
            None if record.get("start") is not None else record.get("quote"))


def short_label(data: dict, limit: int = 28) -> str:
    """A short name for axes and columns: the label, else its shortest alternative that fits.

    >>> short_label({"label": "Relentless disruption and targeted action", "alt_labels": ["Objective 1"]})
    'Objective 1'
    """
    label = str(data.get("label", ""))
    if len(label) <= limit:
        return label
    alts = sorted((a for a in data.get("alt_labels") or () if 2 < len(a) <= limit), key=len)
    if alts:
        return alts[-1]
    return label[: limit - 1] + "…"


def node_row(G, n) -> dict:
    """The identifying columns of a node: label, class and IRI."""
    d = G.nodes[n]
    return {"label": d.get("label", str(n)), "class": d.get("cls"), "iri": d.get("iri", n)}


def check_count(value, name: str, *, minimum: int = 0, none_ok: bool = True) -> int | None:
    """``value`` as a whole number of at least ``minimum`` (``None`` passes when ``none_ok``).

    Raises :class:`~sockg.errors.AnalysisError` for anything else, rather than
    quietly clamping it (a negative ``top`` would otherwise mean "none" and a
    zero ``k`` "one").

    >>> check_count(3, "top"), check_count(None, "top")
    (3, None)
    >>> check_count(-1, "top")
    Traceback (most recent call last):
    ...
    sockg.errors.AnalysisError: top must be a whole number, 0 or more (got -1)
    """
    if value is None and none_ok:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise AnalysisError(f"{name} must be a whole number, {minimum} or more (got {value!r})")
    return int(value)


def check_positive(value, name: str) -> float:
    """``value`` as a finite number above 0; :class:`~sockg.errors.AnalysisError` otherwise.

    >>> check_positive(0.5, "resolution")
    0.5
    >>> check_positive(0, "resolution")
    Traceback (most recent call last):
    ...
    sockg.errors.AnalysisError: resolution must be a number above 0 (got 0)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
        raise AnalysisError(f"{name} must be a number above 0 (got {value!r})")
    return float(value)
