"""Atomic writes: a temporary file or folder beside the target, then a rename.

A failed run leaves the target as it was. Files and folders made this way get
the permissions ordinary ones would (``0o666``/``0o777`` less the umask), not
the private ``0o600``/``0o700`` that :mod:`tempfile` gives, so a view or a
site can be published as it is.

Examples
--------
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> p = write_atomic(d / "a.txt", b"hello")
>>> p.read_bytes(), oct(p.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
(b'hello', True)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, IO

__all__ = ["write_atomic", "write_streamed", "make_temp_dir", "current_umask"]

_UMASK: int | None = None


def current_umask() -> int:
    """The process umask (read once: ``os.umask`` can only be read by setting it)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


def write_streamed(path: str | Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Write ``path`` through ``write(fh)`` on a temporary file beside it, then rename it into place.

    Raises :class:`IsADirectoryError` when ``path`` is a folder.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder; give a file name", str(path))
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole (see :func:`write_streamed`)."""
    return write_streamed(path, lambda fh: fh.write(data))


def make_temp_dir(parent: str | Path, prefix: str, suffix: str = "") -> Path:
    """A new folder in ``parent`` with ordinary permissions, to fill and then rename into place."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=parent))
    os.chmod(tmp, 0o777 & ~current_umask())
    return tmp
