"""Synthetic graphs shaped like the real one, for benchmarks at scale.

The real graph is small (a few thousand triples). To measure how queries,
conversions, analyses and views scale, :func:`generate` writes N-Triples with
the same structure: entities of the same classes in similar proportions,
relations drawn from the same (class, predicate, class) patterns with a
heavy-tailed choice of endpoints, and for every relation a ``sockg:Claim``
with an evidence record (quote and offsets) in a synthetic source document.
About 24 triples are written per relation (its mention of the
subject in the document is a claim too).

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> stats = generate(buf, triples=2000, seed=1)
>>> 1800 <= stats["triples"] <= 2300 and stats["entities"] > 0
True
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import IO

from sockg.namespaces import ID, OA, SOCKG

__all__ = ["generate", "generate_file", "PATTERNS", "CLASS_SHARES"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_S, RDF_P, RDF_O = (f"http://www.w3.org/1999/02/22-rdf-syntax-ns#{x}" for x in ("subject", "predicate", "object"))
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"

#: Share of entities per class (roughly the real graph's proportions).
CLASS_SHARES = {
    "Strategy": 0.08, "GovernmentDepartment": 0.07, "Agency": 0.03, "ActorGroup": 0.10,
    "DevolvedGovernment": 0.02, "WhatWorksCentre": 0.03, "ThreatCategory": 0.09, "CrimeType": 0.06,
    "Objective": 0.05, "Strand": 0.04, "Outcome": 0.03, "Power": 0.03, "Programme": 0.05,
    "Figure": 0.05, "Place": 0.04, "DataSource": 0.03, "Post": 0.02, "Term": 0.03, "Aim": 0.02,
    "Capability": 0.02, "PriorityArea": 0.02, "Assessment": 0.02, "Review": 0.02,
}
#: (subject class, predicate, object class, weight): the real graph's relation patterns.
PATTERNS = [
    ("Strategy", "linksTo", "Strategy", 4), ("Strategy", "buildsOn", "Strategy", 1),
    ("Strategy", "reflects", "Review", 1), ("Strategy", "addresses", "ThreatCategory", 6),
    ("Strategy", "addresses", "CrimeType", 2), ("Strategy", "hasObjective", "Objective", 3),
    ("Strategy", "hasStrand", "Strand", 3), ("Strategy", "hasAim", "Aim", 1),
    ("Strategy", "expectedOutcome", "Outcome", 2), ("Strategy", "appliesTo", "Place", 1),
    ("Strategy", "usesDataFrom", "DataSource", 1), ("Objective", "uses", "Power", 2),
    ("Objective", "uses", "Programme", 2), ("Objective", "uses", "Capability", 1),
    ("Objective", "alignsWithStrand", "Strand", 2), ("Objective", "addresses", "ThreatCategory", 2),
    ("Objective", "measuredBy", "Outcome", 1), ("Objective", "achieves", "Aim", 1),
    ("Strand", "prioritises", "PriorityArea", 1), ("Strand", "addresses", "ThreatCategory", 2),
    ("Strand", "uses", "Programme", 1), ("GovernmentDepartment", "partnerOn", "Strand", 4),
    ("GovernmentDepartment", "contributesTo", "Objective", 2), ("GovernmentDepartment", "ledProductionOf", "Strategy", 1),
    ("Agency", "contributesTo", "Objective", 2), ("Agency", "assesses", "ThreatCategory", 1),
    ("ActorGroup", "partnerOn", "Strand", 2), ("ActorGroup", "partneredOn", "Strategy", 2),
    ("DevolvedGovernment", "hasJurisdictionOver", "Place", 1), ("DevolvedGovernment", "implements", "Strategy", 1),
    ("WhatWorksCentre", "informs", "Strand", 1), ("Post", "responsibleFor", "Strategy", 1),
    ("Figure", "about", "ThreatCategory", 2), ("Figure", "source", "Agency", 1),
    ("Programme", "partOf", "Programme", 1), ("Programme", "addresses", "ThreatCategory", 1),
    ("Assessment", "about", "ThreatCategory", 1), ("Term", "related", "Term", 1),
]
_KIND = {"Strategy": "strategy", "Review": "doc", "Assessment": "doc", "Objective": "concept", "Strand": "concept",
         "ThreatCategory": "concept", "CrimeType": "concept", "Term": "concept", "PriorityArea": "concept",
         "Outcome": "outcome", "Power": "power", "Programme": "programme", "Figure": "figure", "Place": "place",
         "DataSource": "source", "Post": "post", "Aim": "aim", "Capability": "capability"}
_WORDS = ("national regional serious organised economic cyber border fraud youth community justice policing "
          "security prevention resilience intelligence finance health education housing digital transport "
          "victims enforcement partnership harm reduction exploitation trafficking violence strategy").split()


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(out: IO[str], *, triples: int | None = None, entities: int | None = None, seed: int = 0) -> dict:
    """Write a synthetic graph as N-Triples to ``out``; return counts.

    Give ``triples`` (approximate size) or ``entities`` (number of entity nodes,
    with about three relations each).
    """
    rng = random.Random(seed)
    if entities is None:
        entities = max(20, int((triples or 10000) / 75))
    relations = int(entities * 3) if triples is None else max(10, (triples - entities * 4) // 22)
    w = out.write
    n_triples = 0
    names: dict[str, list[str]] = {}
    classes = list(CLASS_SHARES)
    for cls in classes:
        count = max(2, int(entities * CLASS_SHARES[cls]))
        kind = _KIND.get(cls, "org")
        iris = []
        for i in range(count):
            label = f"{' '.join(rng.sample(_WORDS, 2)).title()} {cls} {i}"
            iri = f"{ID}{kind}/syn-{cls.lower()}-{i}"
            iris.append(iri)
            w(f"<{iri}> <{RDF_TYPE}> <{SOCKG}{cls}> .\n")
            w(f"<{iri}> <{SKOS}prefLabel> {_lit(label)}@en .\n")
            w(f"<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> {_lit(label)}@en .\n")
            n_triples += 3
            if kind == "concept":
                w(f"<{iri}> <{RDF_TYPE}> <{SKOS}Concept> .\n")
                w(f"<{iri}> <{SKOS}inScheme> <{ID}scheme/syn-{cls.lower()}> .\n")
                n_triples += 2
            elif kind == "org":
                w(f"<{iri}> <{RDF_TYPE}> <{ORG}Organization> .\n")
                n_triples += 1
            if cls == "Figure":
                w(f"<{iri}> <{SOCKG}value> \"{rng.randint(1, 10**9)}\"^^<{XSD}decimal> .\n")
                w(f"<{iri}> <{SOCKG}unit> \"GBP\" .\n")
                n_triples += 2
        names[cls] = iris
    docs = [f"{ID}seed/syn-document-{d}" for d in range(max(1, entities // 500))]
    for d in docs:
        w(f"<{d}> <{RDF_TYPE}> <{SOCKG}SourceDocument> .\n<{d}> <{DCT}identifier> {_lit(d.rsplit('/', 1)[1])} .\n")
        n_triples += 2
    weights = [p[3] for p in PATTERNS]
    seen = set()
    mention_ids: dict[tuple[str, str], int] = {}
    made = 0
    r = -1
    while made < relations and r < relations * 4:
        r += 1
        s_cls, pred, o_cls, _ = rng.choices(PATTERNS, weights)[0]
        pool_s, pool_o = names[s_cls], names[o_cls]
        # heavy-tailed: low indices are picked far more often (a few hubs, a long tail)
        s = pool_s[min(int(rng.paretovariate(1.2)) - 1, len(pool_s) - 1)] if rng.random() < 0.5 else rng.choice(pool_s)
        o = pool_o[min(int(rng.paretovariate(1.2)) - 1, len(pool_o) - 1)] if rng.random() < 0.5 else rng.choice(pool_o)
        if s == o or (s, pred, o) in seen:
            continue
        seen.add((s, pred, o))
        p = f"{SKOS}related" if pred == "related" else f"{SOCKG}{pred}"
        c = f"{ID}claim/syn-{r}"
        e = f"{ID}evidence/syn-{r}"
        doc = docs[r % len(docs)]
        start = rng.randint(0, 10**6)
        quote = f"The {' '.join(rng.sample(_WORDS, 6))} {pred} paragraph {r % 200}."
        w(f"<{s}> <{p}> <{o}> .\n"
          f"<{c}> <{RDF_TYPE}> <{SOCKG}Claim> .\n<{c}> <{RDF_S}> <{s}> .\n<{c}> <{RDF_P}> <{p}> .\n"
          f"<{c}> <{RDF_O}> <{o}> .\n<{c}> <{SOCKG}method> \"curated\" .\n<{c}> <{PROV_DERIVED}> <{e}> .\n"
          f"<{e}> <{RDF_TYPE}> <{SOCKG}Evidence> .\n<{e}> <{OA}hasSource> <{doc}> .\n"
          f"<{e}> <{SOCKG}paragraph> \"paragraph {r % 200}\" .\n<{e}> <{OA}hasSelector> <{e}/quote> .\n"
          f"<{e}> <{OA}hasSelector> <{e}/position> .\n<{e}/quote> <{RDF_TYPE}> <{OA}TextQuoteSelector> .\n"
          f"<{e}/quote> <{OA}exact> {_lit(quote)} .\n<{e}/position> <{RDF_TYPE}> <{OA}TextPositionSelector> .\n"
          f"<{e}/position> <{OA}start> \"{start}\"^^<{XSD}nonNegativeInteger> .\n"
          f"<{e}/position> <{OA}end> \"{start + len(quote)}\"^^<{XSD}nonNegativeInteger> .\n"
          f"<{s}> <{SOCKG}mentionedIn> <{doc}> .\n")
        # the mention, like every relation, is a claim whose evidence is where the name stands
        m = f"{ID}claim/syn-mention-{mention_ids.setdefault((s, doc), len(mention_ids))}"
        w(f"<{m}> <{RDF_TYPE}> <{SOCKG}Claim> .\n<{m}> <{RDF_S}> <{s}> .\n"
          f"<{m}> <{RDF_P}> <{SOCKG}mentionedIn> .\n<{m}> <{RDF_O}> <{doc}> .\n"
          f"<{m}> <{SOCKG}method> \"curated\" .\n<{m}> <{PROV_DERIVED}> <{e}> .\n")
        n_triples += 24
        made += 1
    return {"triples": n_triples, "entities": sum(len(v) for v in names.values()), "relations": made}


def generate_file(path: str | Path, **kwargs) -> dict:
    """:func:`generate` into a file (written whole, then renamed into place)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        stats = generate(fh, **kwargs)
    tmp.replace(path)
    return stats
