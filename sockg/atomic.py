"""Every file and folder sockg writes: checked first, built beside the target, then renamed into place.

* :func:`check_destination`: can ``path`` be written as a file (or made as a
  folder)? Asked before any work is done, and answered plainly (the operating
  system says "File exists" when a file stands where a folder should be);
* :func:`write_atomic`, :func:`write_text`, :func:`write_streamed`: a
  temporary file beside the target, renamed over it;
* :func:`new_folder` and :func:`replace_folder`: a folder filled beside its
  target, then swapped in (the old one renamed aside first, then removed).

A failed run leaves the target as it was. Files and folders made this way get
the permissions ordinary ones would (``0o666``/``0o777`` less the umask), not
the private ``0o600``/``0o700`` that :mod:`tempfile` gives, so a view or a
site can be published as it is.

Imports from sockg: :mod:`~sockg.errors` only.

Examples
--------
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> p = write_atomic(d / "a.txt", b"hello")
>>> p.read_bytes(), oct(p.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
(b'hello', True)
>>> check_destination(d / "a.txt" / "b.txt")
Traceback (most recent call last):
...
sockg.errors.OutputError: ...a.txt: is a file, not a folder, so ...a.txt/b.txt cannot be written
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable

from .errors import OutputError

__all__ = ["check_destination", "write_atomic", "write_text", "write_streamed", "new_folder", "replace_folder",
           "current_umask"]

_UMASK: int | None = None


def current_umask() -> int:
    """The process umask (read once: ``os.umask`` can only be read by setting it)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


def check_destination(path: str | Path, *, folder: bool = False, error: type = OutputError) -> Path:
    """``path`` when it can be written as a file (or, with ``folder``, made as a folder); raise ``error`` if not.

    ``error`` is a :class:`~sockg.errors.SockgError` subclass, so each layer
    reports in its own terms (a view raises a ``ViewError``).
    """
    path = Path(path)
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise error(f"is a file, not a folder, so {path} cannot be written", path=parent)
    if not folder and path.is_dir():
        raise error("is a folder; give a file name", path=path)
    if folder and path.exists() and not path.is_dir():
        raise error("exists and is not a folder", path=path)
    return path


def _parent_of(path: Path, error: type, folder: bool = False) -> Path:
    check_destination(path, folder=folder, error=error)
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def write_streamed(path: str | Path, write: Callable[[IO[bytes]], object], *, error: type = OutputError) -> Path:
    """Write ``path`` through ``write(fh)`` on a temporary file beside it, then rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=_parent_of(path, error))
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_atomic(path: str | Path, data: bytes, *, error: type = OutputError) -> Path:
    """Write ``data`` to ``path`` whole (see :func:`write_streamed`)."""
    return write_streamed(path, lambda fh: fh.write(data), error=error)


def write_text(path: str | Path, text: str, *, error: type = OutputError) -> Path:
    """Write ``text`` to ``path`` as UTF-8, whole (see :func:`write_streamed`)."""
    return write_atomic(path, text.encode("utf-8"), error=error)


def new_folder(target: str | Path, *, error: type = OutputError) -> Path:
    """An empty folder beside ``target`` with ordinary permissions, to fill and then :func:`replace_folder`."""
    target = Path(target)
    parent = _parent_of(target, error, folder=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=parent))
    os.chmod(tmp, 0o777 & ~current_umask())
    return tmp


def replace_folder(filled: str | Path, target: str | Path) -> Path:
    """Put the folder ``filled`` where ``target`` is: the old one is renamed aside, the new one renamed in,
    then the old one removed. Both must be on one file system (make ``filled`` with :func:`new_folder`)."""
    filled, target = Path(filled), Path(target)
    if not target.exists():
        os.replace(filled, target)
        return target
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.replace(target, aside / target.name)
    try:
        os.replace(filled, target)
    except OSError:
        os.replace(aside / target.name, target)  # put the old one back
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return target
