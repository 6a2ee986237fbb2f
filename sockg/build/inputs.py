"""What a build reads, and whether a build is out of date: the ontology, the shapes and the input digests.

A build records the SHA-256 of every file it read (``manifest.json``), with
the seeds and ontology folders it read them from. :func:`is_stale` compares
those with the files as they are now; :func:`resolve_inputs` finds the
folders to rebuild from (as given, else as recorded, else the defaults).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..errors import OntologyError, SockgError
from ..resources import default_seeds_dir, ontology_dir as _ontology_dir, shapes_path

__all__ = ["TTL_NAME", "STORE_NAME", "MANIFEST_NAME", "load_ontology", "load_shapes", "parse_turtle_file",
           "input_files", "inputs_digest", "recorded_inputs", "resolve_inputs", "is_stale"]

TTL_NAME = "sockg.ttl"
STORE_NAME = "store"
MANIFEST_NAME = "manifest.json"


def parse_turtle_file(g, path: Path, error_class) -> None:
    """Parse the Turtle file ``path`` into the rdflib graph ``g`` (through Oxigraph: see
    :func:`sockg.terms.read_graph`), turning a syntax error into ``error_class`` with the file and line."""
    import pyoxigraph as ox

    from ..terms import read_graph

    try:
        read_graph(path, into=g, fmt=ox.RdfFormat.TURTLE)
    except SockgError as exc:
        why = exc.message.replace("cannot parse as Turtle: ", "", 1)
        raise error_class(f"malformed Turtle: {why}" if why != exc.message else why, path=path,
                          line=exc.line) from None


def load_ontology(ontology_dir: Path, include_shapes: bool = False):
    """Parse every ``*.ttl`` in ``ontology_dir`` (``shapes.ttl`` only when asked) into one rdflib graph."""
    from rdflib import Graph

    ontology_dir = Path(ontology_dir)
    if not ontology_dir.is_dir():
        raise OntologyError("ontology folder not found", path=ontology_dir)
    g = Graph()
    files = sorted(p for p in ontology_dir.glob("*.ttl") if include_shapes or p.name != "shapes.ttl")
    if not files:
        raise OntologyError("no *.ttl files in ontology folder", path=ontology_dir)
    for p in files:
        parse_turtle_file(g, p, OntologyError)
    return g


def load_shapes(ontology: Path):
    """The SHACL shapes (``shapes.ttl``) of an ontology folder, as an rdflib graph."""
    from rdflib import Graph

    path = shapes_path(ontology)
    if not path.exists():
        raise OntologyError("no shapes.ttl in ontology folder", path=path)
    g = Graph()
    parse_turtle_file(g, path, OntologyError)
    return g


def input_files(seeds_dir: Path, ontology: Path) -> list[Path]:
    """Every file whose change should trigger a rebuild."""
    files: list[Path] = []
    if seeds_dir.is_dir():
        files += [p for p in seeds_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    if ontology.is_dir():
        files += [p for p in ontology.glob("*.ttl")]
    return sorted(files)


def inputs_digest(seeds_dir: Path, ontology: Path) -> dict[str, str]:
    """``{"seeds/...": sha256, "ontology/...": sha256}`` for every input file."""
    out = {}
    for p in input_files(seeds_dir, ontology):
        root = seeds_dir if p.is_relative_to(seeds_dir) else ontology
        out[f"{root.name}/{p.relative_to(root).as_posix()}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


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
    if recorded != inputs_digest(seeds_dir, ontology):
        return "sources changed since the last build"
    return None
