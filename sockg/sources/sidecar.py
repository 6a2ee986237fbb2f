"""Metadata sidecars: ``NAME.meta.toml`` beside a seed ``NAME.txt``.

Fields (``title``, ``kind``, ``retrieved`` and ``licence`` are required)::

    title = "..."                 # what the document is
    kind = "search-results-page"  # one of KINDS
    retrieved = 2026-11-25        # a TOML date
    licence = "OGL-UK-3.0"
    licence_url = "https://..."   # optional
    source_url = "https://..."    # optional
    publisher = "..."             # optional
    language = "en-GB"            # optional
    encoding = "utf-8"            # optional: how to decode the seed
    issued = 2018                 # optional: year the document was published
    notes = "..."                 # optional

Examples
--------
>>> parse_sidecar('title = "T"\\nkind = "strategy"\\nretrieved = 2026-01-02\\nlicence = "OGL-UK-3.0"\\n').kind
'strategy'
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import SidecarError

__all__ = ["Sidecar", "KINDS", "LICENCES", "parse_sidecar", "read_sidecar", "sidecar_path"]

KINDS = (
    "search-results-page",
    "strategy",
    "report",
    "briefing",
    "article",
    "web-page",
    "plan",
    "inspection-report",
    "other",
)
LICENCES = ("OGL-UK-3.0", "CC-BY-4.0", "CC0-1.0", "public-domain", "all-rights-reserved", "unknown")

_REQUIRED = {"title": str, "kind": str, "retrieved": _dt.date, "licence": str}
_OPTIONAL = {
    "licence_url": str,
    "source_url": str,
    "publisher": str,
    "language": str,
    "encoding": str,
    "issued": int,
    "notes": str,
}


@dataclass(frozen=True)
class Sidecar:
    title: str
    kind: str
    retrieved: _dt.date
    licence: str
    licence_url: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    language: str | None = None
    encoding: str | None = None
    issued: int | None = None
    notes: str | None = None
    path: str | None = None


def sidecar_path(seed: Path) -> Path:
    return seed.with_name(seed.stem + ".meta.toml")


def read_sidecar(path: Path) -> Sidecar:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SidecarError(f"cannot read sidecar: {exc}", path=path) from None
    return parse_sidecar(raw, path)


def _line_of(raw: str, key: str) -> int | None:
    for i, line in enumerate(raw.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return i
    return None


def parse_sidecar(raw: str, path: Path | str | None = None) -> Sidecar:
    """Parse and check sidecar text; raise :class:`SidecarError` naming the bad field."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise SidecarError(f"malformed TOML: {exc}", path=path, line=int(m.group(1)) if m else None) from None
    values: dict = {}
    for key, value in data.items():
        expected = _REQUIRED.get(key) or _OPTIONAL.get(key)
        line = _line_of(raw, key)
        if expected is None:
            allowed = ", ".join(sorted([*_REQUIRED, *_OPTIONAL]))
            raise SidecarError(f"unknown field {key!r} (allowed: {allowed})", path=path, line=line)
        if expected is _dt.date and isinstance(value, _dt.datetime):
            value = value.date()
        if not isinstance(value, expected) or isinstance(value, bool):
            raise SidecarError(f"field {key!r} must be a {expected.__name__}, not {type(value).__name__}",
                               path=path, line=line)
        if isinstance(value, str) and not value.strip():
            raise SidecarError(f"field {key!r} is empty", path=path, line=line)
        values[key] = value
    for key in _REQUIRED:
        if key not in values:
            raise SidecarError(f"missing required field {key!r}", path=path)
    if values["kind"] not in KINDS:
        raise SidecarError(f"field 'kind' is {values['kind']!r}; expected one of: {', '.join(KINDS)}",
                           path=path, line=_line_of(raw, "kind"))
    if values["licence"] not in LICENCES:
        raise SidecarError(f"field 'licence' is {values['licence']!r}; expected one of: {', '.join(LICENCES)}",
                           path=path, line=_line_of(raw, "licence"))
    if values["retrieved"] > _dt.date.today() + _dt.timedelta(days=1):
        raise SidecarError("field 'retrieved' is in the future", path=path, line=_line_of(raw, "retrieved"))
    if "encoding" in values:
        import codecs

        try:
            codecs.lookup(values["encoding"])
        except LookupError:
            raise SidecarError(f"field 'encoding': unknown encoding {values['encoding']!r}", path=path,
                               line=_line_of(raw, "encoding")) from None
    return Sidecar(**values, path=None if path is None else str(path))
