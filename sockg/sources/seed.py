"""A seed on disk: its document, its sidecar and the SHA-256 of its bytes; and the seeds of a folder.

Examples
--------
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "plan.txt").write_text("# Plan\\n\\nThe NCA leads.\\n", encoding="utf-8")
>>> [load_seed(p).doc.id for p in discover_seeds(d)]
['plan']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import SidecarError, SourceError
from .reader import Document, read_document
from .sidecar import Sidecar, read_sidecar, sidecar_path

__all__ = ["LoadedSeed", "load_seed", "discover_seeds", "SEED_SUFFIXES"]

#: File suffixes read as seed documents.
SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass
class LoadedSeed:
    """A seed document as read, with its sidecar (if any), its path and the SHA-256 of its bytes."""

    doc: Document
    sidecar: Sidecar | None
    path: Path
    sha256: str

    @property
    def title(self) -> str:
        """The sidecar's title, else the file name."""
        return self.sidecar.title if self.sidecar else self.path.name


def load_seed(path: Path) -> LoadedSeed:
    """Read the seed at ``path`` and its ``NAME.meta.toml`` sidecar, when there is one."""
    path = Path(path)
    side_path = sidecar_path(path)
    sidecar = read_sidecar(side_path) if side_path.exists() else None
    doc = read_document(path, encoding=sidecar.encoding if sidecar else None)
    return LoadedSeed(doc=doc, sidecar=sidecar, path=path, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def discover_seeds(seeds_dir: Path) -> list[Path]:
    """The seed documents in ``seeds_dir``, sorted by name; a sidecar without its document is refused."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.exists():
        raise SourceError("seeds folder not found", path=seeds_dir)
    if not seeds_dir.is_dir():
        raise SourceError("seeds path is not a folder", path=seeds_dir)
    files = sorted(p for p in seeds_dir.iterdir()
                   if p.is_file() and p.suffix.lower() in SEED_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise SourceError(f"no seed documents ({', '.join('*' + s for s in SEED_SUFFIXES)}) in folder",
                          path=seeds_dir)
    stems = {p.stem for p in files}
    for side in sorted(seeds_dir.glob("*.meta.toml")):
        stem = side.name[: -len(".meta.toml")]
        if stem not in stems:
            raise SidecarError(f"no seed document for this sidecar (expected {stem} with one of "
                               f"{', '.join(SEED_SUFFIXES)})", path=side)
    return files
