"""The ``sockg`` command line: thin typer commands over the library.

Each command parses its options, calls one library function and renders what
it returns. Data goes to stdout, messages to stderr. Every command is
registered below, in the order ``sockg --help`` lists them; errors are turned
into one line on stderr by the application's group (see :mod:`sockg.cli._app`).

Imports from sockg: anything (this is the top layer); heavy libraries only inside commands.
"""

from __future__ import annotations

import os
import sys

from . import cmd_analyze, cmd_core, cmd_fetch, cmd_ingest, cmd_query, cmd_view
from ._app import app

__all__ = ["app", "main", "COMMANDS", "ANALYSES"]

#: ``sockg NAME``: the commands, in the order of ``sockg --help``.
COMMANDS = (
    ("build", cmd_core.build), ("validate", cmd_core.validate), ("stats", cmd_core.stats),
    ("export", cmd_core.export), ("entity", cmd_core.entity), ("ingest", cmd_ingest.ingest),
    ("compare", cmd_ingest.compare), ("query", cmd_query.query), ("queries", cmd_query.queries),
    ("serve", cmd_query.serve), ("push", cmd_query.push), ("view", cmd_view.view), ("site", cmd_view.site),
    ("fetch", cmd_fetch.fetch), ("verify", cmd_fetch.verify),
)
#: ``sockg analyze NAME``: the analyses.
ANALYSES = (
    ("centrality", cmd_analyze.centrality), ("communities", cmd_analyze.communities),
    ("coverage", cmd_analyze.coverage), ("overlap", cmd_analyze.overlap), ("gaps", cmd_analyze.gaps),
    ("bridges", cmd_analyze.bridges), ("path", cmd_analyze.path),
)

for _name, _command in COMMANDS:
    app.command(_name)(_command)
for _name, _command in ANALYSES:
    cmd_analyze.analyze_app.command(_name)(_command)
app.add_typer(cmd_analyze.analyze_app, name="analyze")


def main() -> None:
    """Entry point of the ``sockg`` console script."""
    from ..errors import SockgError

    try:
        app(standalone_mode=True)
    except SockgError as exc:  # raised outside a command (rare: the group maps commands' errors)
        print(f"sockg: error: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("sockg: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - a bug; show a line, and the trace only when asked
        if os.environ.get("SOCKG_DEBUG"):
            raise
        print(f"sockg: internal error: {type(exc).__name__}: {exc} (set SOCKG_DEBUG=1 for a traceback)",
              file=sys.stderr)
        sys.exit(70)
