"""Turn a file's bytes into text, refusing what is not text.

UTF-8 is tried first (a byte-order mark is dropped), then Windows-1252 (which
also reads Latin-1 text), and only when neither gives text is the encoding
detected with ``charset-normalizer``. An explicit encoding overrides all this.
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
    # Not UTF-8: for UK documents that is nearly always Windows-1252 (which Latin-1 text also
    # decodes as, apart from 0x80-0x9F). Detectors guess wildly on short Western text, so
    # charset-normalizer is asked only when Windows-1252 cannot decode the bytes as text.
    try:
        text = data.decode("cp1252")
        if _mostly_text(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_exclusion=["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be",
                                              "utf_32_le", "utf_7"]).best()
    except ImportError:  # pragma: no cover - dependency is declared
        best = None
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and _mostly_text(text):
            return text, best.encoding
    raise SourceError("binary file (mostly non-text bytes), not text")


def _mostly_text(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    return bad <= max(1, len(sample) // 100)
