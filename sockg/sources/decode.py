"""Turn a file's bytes into text, refusing what is not text.

UTF-8 is tried first (a byte-order mark is dropped); failing that, the
encoding is detected with ``charset-normalizer`` and Windows-1252 is the last
resort, since Latin-1 text is nearly always Windows-1252 in practice.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError

__all__ = ["read_text", "decode_bytes"]


def read_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding_used)`` for the file at ``path``."""
    if not path.exists():
        raise SourceError("no such file", path=path)
    if path.is_dir():
        raise SourceError("is a folder, not a file", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from None
    try:
        return decode_bytes(data, encoding)
    except SourceError as exc:
        raise SourceError(exc.message, path=path) from None


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; see the module docstring.

    >>> decode_bytes("caf\\u00e9".encode("cp1252"))
    ('café', 'cp1252')
    >>> decode_bytes(b"\\xef\\xbb\\xbfhello")
    ('hello', 'utf-8-sig')
    """
    if not data.strip():
        raise SourceError("file is empty")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("binary file (NUL bytes), not text")
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot decode as {encoding}: {exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except ImportError:  # pragma: no cover - dependency is declared
        best = None
    if best is not None and best.encoding and best.encoding not in {"utf_8", "ascii"}:
        name = best.encoding
        # Latin-1 and Windows-1252 agree except in 0x80-0x9F, where cp1252 has printable characters
        if name in {"latin_1", "iso8859_1", "iso8859_15"}:
            name = "cp1252"
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and _mostly_text(text):
            return text, name
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not _mostly_text(text):
        raise SourceError("binary file (mostly non-text bytes), not text")
    return text, "cp1252"


def _mostly_text(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    return bad <= max(1, len(sample) // 100)
