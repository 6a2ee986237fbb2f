"""The ``sockg`` command line: thin typer commands over the library.

Each command parses its options, calls one library function and renders what
it returns. Data goes to stdout, messages to stderr. A
:class:`~sockg.errors.SockgError` becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

import os
import sys

import importlib
import pkgutil

from ._app import app

# Every module named ``cmd_*.py`` in this package registers its commands on ``app``
# when imported; the modules import heavy libraries only inside their commands.
for _mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")):
    importlib.import_module(f"{__name__}.{_mod}")

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``sockg`` console script."""
    from ..errors import SockgError

    try:
        app(standalone_mode=True)
    except SockgError as exc:  # raised outside a command (rare: commands catch their own)
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
