"""The build, stage by stage: assemble the curated graph, extract from the other seeds, check the evidence,
validate with SHACL, write ``OUT/`` (see :mod:`sockg.build.output`). Nothing in ``OUT/`` changes unless
the whole build succeeds. (The stages load rdflib and pySHACL, so they are imported when a build runs.)
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from .._version import __version__
from ..errors import ShapeViolationError
from ..resources import default_seeds_dir, ontology_dir as _ontology_dir
from .inputs import inputs_digest

__all__ = ["BuildResult", "build", "extract"]


@dataclass
class BuildResult:
    """What a build wrote, with counts and timings."""

    out_dir: Path
    triples: int
    claims: int
    evidence: int
    classes: dict[str, int]
    seeds: list[str]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    #: stated claims and readings, by kind of evidence (see :func:`sockg.build.support.fidelity`)
    fidelity: dict = field(default_factory=dict)
    #: claims the support check could not find stated by their evidence (one line each)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "fidelity": self.fidelity,
            "warnings": self.warnings,
            "out_dir": str(self.out_dir),
            "triples": self.triples,
            "claims": self.claims,
            "evidence_records": self.evidence,
            "classes": self.classes,
            "seeds": self.seeds,
            "seconds": round(self.seconds, 3),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


def extract(asm) -> list[str]:
    """Ingest every seed that no curated statement quotes, against the names already in the graph;
    their mentions, references and figures become extracted claims. Returns their ids."""
    from ..ingest.gazetteer import Gazetteer
    from ..ingest.rdf import add_extracted
    from .assemble import curated_documents

    curated = curated_documents(asm.curation)
    todo = [s for s in asm.seeds if s.doc.id not in curated]
    if todo:
        add_extracted(asm.writer, todo, Gazetteer.from_graph(asm.graph))
    return [s.doc.id for s in todo]


def build(seeds_dir: Path | str | None = None, out_dir: Path | str = "build",
          ontology: Path | str | None = None) -> BuildResult:
    """Build the graph from ``seeds_dir`` into ``out_dir``.

    Raises a :class:`~sockg.errors.SockgError` subclass on bad input, leaving ``out_dir`` as it was.
    """
    from ..evidence.read import ClaimReader
    from ..terms import to_store
    from .assemble import assemble, finish
    from .output import count_by_class, serialise_turtle, write_build
    from .support import check_support, fidelity
    from .validate import validate_graph

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    seeds_dir = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    ontology = Path(ontology) if ontology else _ontology_dir()
    out_dir = Path(out_dir)

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = now - since
        return now

    asm = assemble(seeds_dir, ontology)
    extract(asm)
    finish(asm)
    t = lap("assemble", t0)
    store = to_store(asm.graph)
    violations = validate_graph(asm.graph, ontology, store=store)
    t = lap("shacl", t)
    if violations:
        raise ShapeViolationError(violations)
    claims = ClaimReader(store).all()
    warnings = [p.line() for p in check_support(store, claims)]
    t = lap("support", t)
    ttl = serialise_turtle(asm.graph)
    t = lap("serialise", t)
    manifest = {
        "sockg_version": __version__,
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "seeds_dir": str(seeds_dir.resolve()),
        "ontology_dir": str(ontology.resolve()),
        "inputs": inputs_digest(seeds_dir, ontology),
        "triples": len(asm.graph),
        "claims": asm.claims,
        "evidence_records": asm.evidence,
        "sockg_ttl_sha256": hashlib.sha256(ttl).hexdigest(),
        "fidelity": fidelity(claims),
    }
    write_build(out_dir, ttl, manifest)
    lap("write", t)
    return BuildResult(out_dir=out_dir, triples=len(asm.graph), claims=asm.claims, evidence=asm.evidence,
                       classes=count_by_class(asm.graph), seeds=[s.path.name for s in asm.seeds],
                       seconds=time.perf_counter() - t0, timings=timings, fidelity=manifest["fidelity"],
                       warnings=warnings)
