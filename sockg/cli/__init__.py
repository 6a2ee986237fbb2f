"""The ``sockg`` command line: thin typer commands over the library.

Each command parses its options, calls one library function and renders what
it returns. Data goes to stdout, messages to stderr. A
:class:`~sockg.errors.SockgError` becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

import importlib
import os
import sys

from ._app import app

# Every module named ``cmd_*.py`` in this package registers its commands on ``app``
# when imported; the modules import heavy libraries only inside their commands.
# (os.listdir rather than pkgutil, which costs ~10 ms of imports on every run)
for _mod in sorted(f[:-3] for f in os.listdir(__path__[0]) if f.startswith("cmd_") and f.endswith(".py")):
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
