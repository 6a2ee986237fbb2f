"""How a node looks: colour and shape by class, a short label, a size by degree.

Every class of the sockg ontology has a fixed colour and shape, so the same
kind of thing looks the same in every view and the legend can show it. Classes
from other vocabularies (``sockg view --input`` draws any RDF file) get a
colour and shape from a fallback cycle, assigned in sorted order so that a
given file always looks the same.

Examples
--------
>>> style_for("sockg:Agency")
('#0e7c86', 'diamond')
>>> short_label("Relentless disruption and targeted action against the highest harm criminals",
...             alt_labels=["Objective 1"])
'Objective 1'
>>> short_label("Money laundering and other economic crime", alt_labels=["economic crime"])
'Money laundering and other…'
>>> class_title("sockg:GovernmentDepartment")
'Government department'
"""

from __future__ import annotations

import math
import re

from ..terms import local_name

__all__ = ["CLASS_STYLES", "style_for", "assign_styles", "short_label", "class_title", "node_size",
           "SHAPES", "MAX_SHORT"]

#: vis-network shapes that draw the label below the shape (readable at any size).
SHAPES = ("dot", "diamond", "square", "triangle", "triangleDown", "star", "hexagon")

#: Longest label drawn on a node; longer ones are shortened (the full label shows on hover).
MAX_SHORT = 30

#: class (prefixed name) -> (colour, vis-network shape). Families share a shape:
#: documents are squares, organisations diamonds, people and groups dots,
#: concepts triangles or stars, delivery means hexagons.
CLASS_STYLES: dict[str, tuple[str, str]] = {
    # documents
    "sockg:Strategy": ("#1f4e9c", "square"),
    "sockg:Review": ("#5b7fc7", "square"),
    "sockg:Assessment": ("#3f8fd2", "square"),
    "sockg:Vision": ("#8aa9dc", "square"),
    "sockg:Briefing": ("#6d6fb5", "square"),
    "sockg:Article": ("#9c9ed8", "square"),
    "sockg:Illustration": ("#7f8c9a", "square"),
    "sockg:SearchResult": ("#b4bcc6", "square"),
    # the strategy's own structure
    "sockg:Aim": ("#b3124f", "star"),
    "sockg:Objective": ("#d7263d", "star"),
    "sockg:Strand": ("#f08a24", "star"),
    "sockg:Outcome": ("#e8b21c", "star"),
    # concepts
    "sockg:ThreatCategory": ("#8e3b2f", "triangle"),
    "sockg:CrimeType": ("#c0603f", "triangle"),
    "sockg:PriorityArea": ("#d98c5f", "triangleDown"),
    "sockg:Term": ("#a2867a", "triangleDown"),
    "skos:ConceptScheme": ("#6b4f3f", "triangleDown"),
    "skos:Concept": ("#b89a8c", "triangle"),
    # organisations and people
    "sockg:Government": ("#1f6f2b", "diamond"),
    "sockg:GovernmentDepartment": ("#2e8b3a", "diamond"),
    "sockg:Agency": ("#0e7c86", "diamond"),
    "sockg:DevolvedGovernment": ("#5fae4b", "diamond"),
    "sockg:WhatWorksCentre": ("#7bc4a4", "diamond"),
    "sockg:PublicBody": ("#3d9d8f", "diamond"),
    "org:Organization": ("#93c47d", "diamond"),
    "sockg:ActorGroup": ("#4caf7a", "dot"),
    "sockg:Post": ("#7a5ba6", "dot"),
    # means, places and data
    "sockg:Power": ("#6a1b9a", "hexagon"),
    "sockg:Programme": ("#9b59b6", "hexagon"),
    "sockg:Fund": ("#c39bd3", "hexagon"),
    "sockg:Capability": ("#8e6fb5", "hexagon"),
    "sockg:Place": ("#607d3b", "dot"),
    "sockg:DataSource": ("#455a64", "hexagon"),
    "sockg:Figure": ("#d4a017", "square"),
}

#: Colours for classes without a fixed style (Tableau-like, readable on white).
_FALLBACK_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                     "#ff9da7", "#9c755f", "#bab0ac")


def style_for(cls: str) -> tuple[str, str]:
    """The fixed ``(colour, shape)`` of a class, or the neutral default for an unknown one."""
    return CLASS_STYLES.get(cls, ("#8d99ae", "dot"))


def assign_styles(classes) -> dict[str, tuple[str, str]]:
    """A ``(colour, shape)`` for each class in ``classes``, stable for a given set.

    Known classes keep their fixed style; unknown ones take colours and shapes
    from a cycle in sorted order, skipping pairs already used.

    >>> styles = assign_styles(["ex:B", "ex:A", "sockg:Agency"])
    >>> styles["sockg:Agency"], styles["ex:A"] != styles["ex:B"]
    (('#0e7c86', 'diamond'), True)
    """
    out: dict[str, tuple[str, str]] = {}
    used = set()
    unknown = []
    for cls in sorted(set(classes)):
        if cls in CLASS_STYLES:
            out[cls] = CLASS_STYLES[cls]
            used.add(CLASS_STYLES[cls])
        else:
            unknown.append(cls)
    combos = [(c, s) for s in SHAPES for c in _FALLBACK_COLOURS]
    i = 0
    for cls in unknown:
        while i < len(combos) - 1 and combos[i] in used:
            i += 1
        out[cls] = combos[i]
        used.add(combos[i])
        i = min(i + 1, len(combos) - 1)
    return out


def short_label(label: str, alt_labels=(), limit: int = MAX_SHORT) -> str:
    """A label short enough to draw on a node.

    The label itself when it fits; else a readable alternative label that fits
    (one with a space or a digit, so "Objective 1" but not a bare acronym), one
    that keeps a year of the label first, so editions stay apart; else the label cut
    at a word boundary with an ellipsis.

    >>> short_label("Serious and Organised Crime Strategy 2018", ["SOC Strategy", "SOC Strategy 2018"])
    'SOC Strategy 2018'
    """
    label = " ".join(str(label).split())
    if len(label) <= limit:
        return label
    years = set(re.findall(r"\b(?:19|20)\d\d\b", label))
    for alt in sorted(alt_labels or (), key=lambda a: (bool(years) and not years & set(re.findall(r"\b\d{4}\b", a)),
                                                       len(a))):
        alt = " ".join(str(alt).split())
        if 3 < len(alt) <= limit and (alt[:1].isupper() or alt[:1].isdigit()) and re.search(r"[\s\d]", alt):
            return alt
    cut = label[: limit - 2]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def class_title(cls: str, label: str | None = None) -> str:
    """A human name for a class: its label if known, else its local name split into words."""
    if label:
        label = " ".join(label.split())
        return label[:1].upper() + label[1:]
    local = local_name(cls) or cls
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ").split()
    if not words:
        return cls
    return " ".join([words[0][:1].upper() + words[0][1:]] + [w.lower() if not w.isupper() else w for w in words[1:]])


def node_size(degree: int) -> float:
    """A node's drawn size: grows with the logarithm of its degree, from 10 to 36."""
    return round(min(36.0, 10.0 + 5.0 * math.log2(1 + max(0, degree))), 1)
