"""The build, stage by stage: assemble the curated graph, extract from the other seeds, check the evidence,
verify citations against fetched texts (when the cache holds any), validate with SHACL, write ``OUT/`` (see
:mod:`sockg.build.output`). Nothing in ``OUT/`` changes unless the whole build succeeds. (The stages load
rdflib and pySHACL, so they are imported when a build runs.)

The cache of fetched texts (see :mod:`sockg.fetch`) is ``cache`` (default: ``$SOCKG_CACHE_DIR``, else the
user's cache folder). When it holds texts, every cited statement is verified against them and each verified
one gains its sentence as located evidence; with ``with_fetched`` the fetched texts are also ingested
(mentions, references and figures as extracted evidence). With an empty cache the build is what it is
offline: the citations stand unverified, and the summary says so.
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
    #: cited statements against fetched texts: ``{"statements": n, "total": {outcome: n}, ...}`` (see
    #: :func:`sockg.fetch.verify.summarise`); ``None`` when the cache holds no texts
    verification: dict | None = None
    #: fetched texts ingested (``with_fetched``)
    fetched: list[str] = field(default_factory=list)

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
            "verification": {k: v for k, v in self.verification.items() if k not in ("failures", "notes_copied")}
            if self.verification else None,
            "fetched": self.fetched,
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
          ontology: Path | str | None = None, *, cache: Path | str | None = None,
          with_fetched: bool = False) -> BuildResult:
    """Build the graph from ``seeds_dir`` into ``out_dir`` (see the module documentation for ``cache`` and
    ``with_fetched``).

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

    from ..fetch.cache import Cache
    from ..fetch.verify import add_fetched_document, add_verified, as_seed, load_texts, summarise, verify

    asm = assemble(seeds_dir, ontology)
    extract(asm)
    texts = load_texts(Cache(cache))
    fetched = []
    if with_fetched and texts:
        from ..ingest.gazetteer import Gazetteer
        from ..ingest.rdf import add_extracted

        pubs = asm.catalogue.publications
        docs = [fd for pub in sorted(texts) if pub in pubs for fd in texts[pub]]
        gazetteer = Gazetteer.from_graph(asm.graph)
        for fd in docs:
            add_fetched_document(asm.writer, fd, str(asm.entity_iris[pubs[fd.publication].entity]))
        add_extracted(asm.writer, [as_seed(fd) for fd in docs], gazetteer)
        fetched = [fd.id for fd in docs]
    finish(asm)
    t = lap("assemble", t0)
    store = to_store(asm.graph)
    verification = None
    if texts:
        results = verify(store, texts)
        add_verified(asm.writer, results, texts)
        verification = summarise(results)
        store = to_store(asm.graph)
        t = lap("verify", t)
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
        "verification": {k: v for k, v in verification.items() if k not in ("failures", "notes_copied")}
        if verification else None,
        "fetched": fetched,
    }
    write_build(out_dir, ttl, manifest)
    lap("write", t)
    return BuildResult(out_dir=out_dir, triples=len(asm.graph), claims=asm.claims, evidence=asm.evidence,
                       classes=count_by_class(asm.graph), seeds=[s.path.name for s in asm.seeds],
                       seconds=time.perf_counter() - t0, timings=timings, fidelity=manifest["fidelity"],
                       warnings=warnings, verification=verification, fetched=fetched)
