"""Exceptions raised by sockg.

Every error the library raises on bad input derives from :class:`SockgError`.
The command line turns these into one line on stderr and a non-zero exit; the
library itself never prints.
"""

from __future__ import annotations

__all__ = [
    "SockgError",
    "SourceError",
    "SidecarError",
    "CurationError",
    "QuoteNotFoundError",
    "OntologyError",
    "ShapeViolationError",
    "BuildMissingError",
    "EntityNotFoundError",
    "QueryError",
    "QueryRefusedError",
    "EndpointError",
    "ExportError",
    "AnalysisError",
    "NoPathError",
    "ViewError",
    "IngestError",
    "OutputError",
    "FetchError",
    "CacheError",
]


class SockgError(Exception):
    """Root of every sockg error.

    ``path`` and ``line`` locate the problem when there is a file behind it.
    """

    def __init__(self, message: str, *, path: object | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class SourceError(SockgError):
    """A seed document is missing, empty, unreadable or not text."""


class SidecarError(SockgError):
    """A seed's metadata sidecar is malformed or has a wrong field."""


class CurationError(SockgError):
    """A curated statement file is malformed or refers to something unknown."""


class QuoteNotFoundError(SockgError):
    """Evidence that does not hold: quotes not found verbatim where they claim to be, values
    (titles, years, qualifiers) that the quotes given for them do not state, citations of publications
    not in the catalogue or without a locator or note, and catalogue entries that do not hold.

    ``problems`` holds one message per problem, each with its ``file:line``.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} evidence {noun}: " + "; ".join(problems))


class OntologyError(SockgError):
    """A file in ``ontology/`` cannot be parsed."""


class ShapeViolationError(SockgError):
    """The graph breaks one or more SHACL shapes; ``violations`` holds one line each."""

    def __init__(self, violations: list[str]):
        self.violations = list(violations)
        super().__init__(f"{len(violations)} violation(s): " + "; ".join(violations[:5]))


class BuildMissingError(SockgError):
    """No built graph where one was expected."""


class EntityNotFoundError(SockgError):
    """No entity matches a name; ``suggestions`` lists close matches."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = list(suggestions)
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no entity matches {name!r}{hint}")


class QueryError(SockgError):
    """A SPARQL query is malformed, refused or failed."""


class ExportError(SockgError):
    """An export format is unknown or the output cannot be written."""


class QueryRefusedError(QueryError):
    """A query uses a refused feature: an update, SERVICE, FROM/FROM NAMED, LOAD, ..."""


class EndpointError(QueryError):
    """A remote SPARQL endpoint or graph store is unreachable or refused the request."""


class AnalysisError(SockgError):
    """An analysis or projection name is unknown, or its input is unusable."""


class NoPathError(AnalysisError):
    """Two entities are not connected."""


class ViewError(SockgError):
    """A view cannot be drawn (unknown focus, class or strategy; unreadable input)."""


class IngestError(SockgError):
    """A document cannot be ingested."""


class OutputError(SockgError):
    """An output file or folder cannot be written where it was asked for."""


class FetchError(SockgError):
    """A document cannot be fetched: refused address, HTTP error after retries, too large, malformed, no text."""


class CacheError(SockgError):
    """The cache of fetched texts cannot be used: unwritable, or an entry edited by hand."""
