"""Build: assemble, verify quotes, validate with SHACL, write ``OUT/`` atomically.

``OUT/`` holds

* ``sockg.ttl``: the whole graph, deterministic (two builds of the same
  inputs are byte-identical: sorted output, no blank nodes, IRIs from names);
* ``store/``: an on-disk Oxigraph store of the same triples, for fast queries;
* ``manifest.json``: what went in (with SHA-256 of every input), counts and timings.

Nothing in ``OUT/`` changes unless the whole build succeeds.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import OntologyError, ShapeViolationError, SockgError
from .resources import default_seeds_dir, ontology_dir as _ontology_dir, shapes_path

__all__ = ["BuildResult", "build", "validate_graph", "input_files", "is_stale", "recorded_inputs", "resolve_inputs", "TTL_NAME", "STORE_NAME",
           "MANIFEST_NAME", "count_by_class"]

TTL_NAME = "sockg.ttl"
STORE_NAME = "store"
MANIFEST_NAME = "manifest.json"


@dataclass
class BuildResult:
    out_dir: Path
    triples: int
    claims: int
    evidence: int
    classes: dict[str, int]
    seeds: list[str]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "out_dir": str(self.out_dir),
            "triples": self.triples,
            "claims": self.claims,
            "evidence_records": self.evidence,
            "classes": self.classes,
            "seeds": self.seeds,
            "seconds": round(self.seconds, 3),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


def input_files(seeds_dir: Path, ontology: Path) -> list[Path]:
    """Every file whose change should trigger a rebuild."""
    files: list[Path] = []
    if seeds_dir.is_dir():
        files += [p for p in seeds_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    if ontology.is_dir():
        files += [p for p in ontology.glob("*.ttl")]
    return sorted(files)


def _digest(paths: list[Path], root_for: dict[Path, Path]) -> dict[str, str]:
    out = {}
    for p in paths:
        root = root_for[p]
        out[f"{root.name}/{p.relative_to(root).as_posix()}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _inputs_digest(seeds_dir: Path, ontology: Path) -> dict[str, str]:
    files = input_files(seeds_dir, ontology)
    roots = {p: (seeds_dir if p.is_relative_to(seeds_dir) else ontology) for p in files}
    return _digest(files, roots)


def recorded_inputs(out_dir: Path) -> tuple[Path | None, Path | None]:
    """The seeds and ontology folders the build in ``out_dir`` was made from, where they still exist."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None
    found = []
    for key in ("seeds_dir", "ontology_dir"):
        p = Path(data.get(key) or "")
        found.append(p if data.get(key) and p.is_dir() else None)
    return found[0], found[1]


def resolve_inputs(out_dir: Path, seeds_dir=None, ontology=None) -> tuple[Path, Path]:
    """Seeds and ontology for (re)building ``out_dir``: as given, else as recorded, else the defaults."""
    rec_seeds, rec_onto = recorded_inputs(out_dir)
    seeds_dir = Path(seeds_dir) if seeds_dir else (rec_seeds or default_seeds_dir())
    ontology = Path(ontology) if ontology else (rec_onto or _ontology_dir())
    return seeds_dir, ontology


def is_stale(out_dir: Path, seeds_dir: Path | None = None, ontology: Path | None = None) -> str | None:
    """Why ``out_dir`` needs rebuilding (``None`` when it is up to date).

    Without ``seeds_dir``/``ontology``, the folders recorded in the build's
    manifest are checked (so a build made from other seeds is not mistaken
    for a stale build of ``./seeds``).
    """
    seeds_dir, ontology = resolve_inputs(out_dir, seeds_dir, ontology)
    manifest = Path(out_dir) / MANIFEST_NAME
    if not (Path(out_dir) / TTL_NAME).exists() or not manifest.exists():
        return f"no built graph in {out_dir}"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8")).get("inputs", {})
    except (OSError, ValueError):
        return "the build manifest is unreadable"
    if recorded != _inputs_digest(seeds_dir, ontology):
        return "sources changed since the last build"
    return None


def count_by_class(graph) -> dict[str, int]:
    """Instances per class (as prefixed names), bookkeeping classes included."""
    from rdflib.namespace import RDF

    from .terms import curie

    counts: Counter[str] = Counter(curie(str(cls), bracket=False) for _, cls in graph.subject_objects(RDF.type))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def load_shapes(ontology: Path):
    from rdflib import Graph

    from .assemble import parse_turtle_file

    path = shapes_path(ontology)
    if not path.exists():
        raise OntologyError("no shapes.ttl in ontology folder", path=path)
    g = Graph()
    parse_turtle_file(g, path, OntologyError)
    return g


def validate_graph(graph, ontology: Path | None = None) -> list[str]:
    """SHACL violations of ``graph`` against ``ontology/shapes.ttl``, and statements without a claim, one line each."""
    from .shacl import unclaimed_statements, validate

    lines = validate(graph, load_shapes(Path(ontology) if ontology else _ontology_dir()))
    return sorted(lines + unclaimed_statements(graph))


def build(seeds_dir: Path | str | None = None, out_dir: Path | str = "build",
          ontology: Path | str | None = None) -> BuildResult:
    """Build the graph from ``seeds_dir`` into ``out_dir``; see the module docstring.

    Raises a :class:`~sockg.errors.SockgError` subclass on bad input, leaving
    ``out_dir`` as it was.
    """
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    seeds_dir = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    ontology = Path(ontology) if ontology else _ontology_dir()
    out_dir = Path(out_dir)

    from .assemble import assemble

    asm = assemble(seeds_dir, ontology)
    timings["assemble"] = time.perf_counter() - t0

    t = time.perf_counter()
    violations = validate_graph(asm.graph, ontology)
    timings["shacl"] = time.perf_counter() - t
    if violations:
        raise ShapeViolationError(violations)

    t = time.perf_counter()
    ttl = serialise_turtle(asm.graph)
    timings["serialise"] = time.perf_counter() - t

    manifest = {
        "sockg_version": __version__,
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "seeds_dir": str(seeds_dir.resolve()),
        "ontology_dir": str(ontology.resolve()),
        "inputs": _inputs_digest(seeds_dir, ontology),
        "triples": len(asm.graph),
        "claims": asm.claims,
        "evidence_records": asm.evidence,
        "sockg_ttl_sha256": hashlib.sha256(ttl).hexdigest(),
    }
    t = time.perf_counter()
    _write_atomically(out_dir, ttl, manifest)
    timings["write"] = time.perf_counter() - t
    return BuildResult(
        out_dir=out_dir,
        triples=len(asm.graph),
        claims=asm.claims,
        evidence=asm.evidence,
        classes=count_by_class(asm.graph),
        seeds=[s.path.name for s in asm.seeds],
        seconds=time.perf_counter() - t0,
        timings=timings,
    )


def serialise_turtle(graph) -> bytes:
    """The graph as deterministic Turtle: triples sorted, one block per subject, the project's prefixes.

    rdflib's Turtle writer takes minutes on graphs with many evidence records
    (120 s for 72,000 triples of extracted mentions); sorting the N-Triples
    lines and letting Oxigraph write them takes under a second, and the same
    triples always give the same bytes.
    """
    import pyoxigraph as ox

    from .namespaces import PREFIXES

    rdf_type = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

    def order(line: bytes):  # by subject, its types first, then predicate and object
        s, p, _ = line.split(b" ", 2)
        return s, p != rdf_type, line

    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").splitlines()), key=order)
    triples = [q.triple for q in ox.parse(input=b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)]
    # individuals keep full IRIs: their local parts hold '/', which prefixed names would have to escape
    prefixes = {p: ns for p, ns in PREFIXES.items() if p != "id"}
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()))
    out = []
    for line in body.splitlines():
        if line.startswith("@prefix "):
            continue  # written above in a fixed order
        if out and not line.startswith(("\t", " ")):
            out.append("")  # a blank line between subjects (literals never span lines: newlines are escaped)
        out.append(line)
    return (header + "\n" + "\n".join(out) + "\n").encode("utf-8")


def _write_atomically(out_dir: Path, ttl: bytes, manifest: dict) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SockgError(f"cannot create output folder: {exc.strerror or exc}", path=out_dir) from None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".sockg-build-", dir=out_dir))
    except OSError as exc:
        raise SockgError(f"cannot write to output folder: {exc.strerror or exc}", path=out_dir) from None
    try:
        (tmp / TTL_NAME).write_bytes(ttl)
        import pyoxigraph as ox

        st = ox.Store(str(tmp / STORE_NAME))
        st.bulk_load(input=ttl, format=ox.RdfFormat.TURTLE)
        st.flush()
        del st
        (tmp / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        # swap in: the store folder first (renamed aside, then replaced), then the files
        old = out_dir / STORE_NAME
        trash = None
        if old.exists():
            trash = Path(tempfile.mkdtemp(prefix=".sockg-old-", dir=out_dir))
            os.replace(old, trash / STORE_NAME)
        os.replace(tmp / STORE_NAME, old)
        if trash:
            shutil.rmtree(trash, ignore_errors=True)
        os.replace(tmp / TTL_NAME, out_dir / TTL_NAME)
        os.replace(tmp / MANIFEST_NAME, out_dir / MANIFEST_NAME)
    except OSError as exc:
        raise SockgError(f"cannot write build output: {exc.strerror or exc}", path=out_dir) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
