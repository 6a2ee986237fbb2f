"""Where sockg finds its ontology, named queries and default seeds.

An installed wheel carries ``ontology/`` and ``seeds/`` inside the package
(``sockg/_ontology``, ``sockg/_seeds``); a source checkout uses the folders at
the repository root.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["package_dir", "ontology_dir", "default_seeds_dir", "queries_dir", "shapes_path"]

_PKG = Path(__file__).resolve().parent


def package_dir() -> Path:
    return _PKG


def _first(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def ontology_dir() -> Path:
    """The folder of ontology Turtle files (TBox, schemes, shapes).

    ``./ontology`` when the current folder is a sockg checkout (it has
    ``ontology/sockg.ttl``), so edits there take effect even with a
    non-editable install; else the ontology shipped with the package.
    """
    here = Path.cwd() / "ontology"
    if (here / "sockg.ttl").is_file():
        return here
    return _first(_PKG / "_ontology", _PKG.parent / "ontology")


def shapes_path(ontology: Path | None = None) -> Path:
    return (ontology or ontology_dir()) / "shapes.ttl"


def default_seeds_dir() -> Path:
    """``./seeds`` when the current folder has one, else the seeds shipped with sockg."""
    here = Path.cwd() / "seeds"
    if here.is_dir():
        return here
    return _first(_PKG / "_seeds", _PKG.parent / "seeds")


def queries_dir() -> Path:
    """The named SPARQL queries (``*.rq``) shipped in the package."""
    return _PKG / "queries"
