"""The typer application, its one error mapper, and the helpers every command shares.

* :class:`SockgGroup` turns every library error (and a bad choice) into one line on stderr and a
  non-zero exit, for every command, nested ones included: commands themselves catch nothing;
* :func:`emit` writes a command's output (stdout, or a file replaced whole); :func:`progress` shows a
  progress bar on a terminal; :func:`note` and :func:`fail` speak on stderr;
* :func:`ensure_graph` opens the built graph, building it first (and saying so) when it is missing or stale.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Union

import typer
from typer.core import TyperGroup

__all__ = ["app", "SockgGroup", "fail", "note", "emit", "progress", "ensure_graph", "output_file", "render_rows",
           "plain_table", "choice_names", "CHOICE_NOUNS"]

#: What a bad value of a fixed-choice option is called in its error line, by the option's parameter name.
CHOICE_NOUNS = {"fmt": "format", "export_format": "export format", "by": "measure", "projection": "projection",
                "matrix": "coverage matrix", "facet": "facet", "checks": "gap check", "method": "method"}


def fail(message: str, code: int = 1) -> None:
    """Print one error line on stderr and exit."""
    print(f"sockg: error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def note(message: str) -> None:
    """An informational line on stderr."""
    print(f"sockg: {message}", file=sys.stderr)


def _bad_choice(exc: typer.BadParameter) -> str | None:
    """The one-line message for a value that is not one of an option's choices (``None`` for other errors)."""
    choices = getattr(getattr(exc.param, "type", None), "choices", None)
    if not choices or exc.param is None:
        return None
    text = exc.message
    given = text[: text.rfind(" is not one of ")] if " is not one of " in text else repr(text)
    noun = CHOICE_NOUNS.get(exc.param.name, exc.param.name)
    shown = ", ".join(str(getattr(c, "value", c)) for c in choices)
    return f"unknown {noun} {given}; choose one of: {shown}"


class SockgGroup(TyperGroup):
    """A command group whose commands' errors all end the same way: one line on stderr, a non-zero exit.

    Library errors (:class:`~sockg.errors.SockgError`) exit 1; a value that is not one of an option's
    choices exits 2 with the choices listed; other usage errors are click's own (exit 2).
    """

    def invoke(self, ctx):
        from ..errors import QuoteNotFoundError, ShapeViolationError, SockgError

        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            message = _bad_choice(exc)
            if message is None:
                raise
            fail(message, code=2)
        except QuoteNotFoundError as exc:
            for problem in exc.problems:
                print(f"sockg: evidence: {problem}", file=sys.stderr)
            fail(f"{len(exc.problems)} evidence problem(s) (quotes not found verbatim, values their quotes do not "
                 "state, citations or catalogue entries that do not hold); nothing was written")
        except ShapeViolationError as exc:
            for v in exc.violations:
                print(f"sockg: shape violation: {v}", file=sys.stderr)
            fail(f"{len(exc.violations)} violation(s) of the shapes or the evidence rule; nothing was written")
        except SockgError as exc:
            fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            fail(f"{where}{exc.strerror or exc}")


app = typer.Typer(
    name="sockg",
    cls=SockgGroup,
    help="Build, query, analyse and draw an evidence-linked knowledge graph of UK crime strategies.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def choice_names(enum) -> list[str]:
    """The values of a choice Enum, in order."""
    return [m.value for m in enum]


def ensure_graph(build_dir: Path, seeds: Path | None = None):
    """Open the built graph in ``build_dir``, building it first (and saying so) when missing or stale."""
    from ..kg import load

    return load(build_dir, seeds, on_build=lambda reason, seeds_dir: note(
        f"building the graph first from {seeds_dir} ({reason})"))


def output_file(value: Path | None) -> Path | None:
    """Callback of a ``--output FILE`` option: checked before any work, one error line and exit 1 if it
    cannot be written (see :func:`sockg.atomic.check_destination`)."""
    from ..atomic import check_destination
    from ..errors import OutputError

    if value is not None:
        try:
            check_destination(value)
        except OutputError as exc:
            fail(str(exc))
    return value


Content = Union[str, bytes, Callable[[IO[bytes]], object]]


def emit(content: Content, output: Path | None = None) -> None:
    """Write a command's output: ``content`` (text, bytes, or a function that writes to a binary file)
    goes to ``output`` whole (a temporary file renamed into place) or to stdout. Text gets a final newline."""
    if isinstance(content, str):
        content = (content if content.endswith("\n") else content + "\n").encode("utf-8")
    if output is not None:
        from ..atomic import write_streamed

        write_streamed(output, content if callable(content) else (lambda fh: fh.write(content)))
        return
    out = sys.stdout.buffer
    if callable(content):
        content(out)
    else:
        out.write(content)
    out.flush()


class _Bar:
    """A running progress bar (or nothing, when none is shown)."""

    def __init__(self, bar=None):
        self._bar = bar
        self._task = bar.add_task("", total=1) if bar is not None else None

    def start(self, description: str, total: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=description, total=max(total, 1), completed=0)

    def describe(self, description: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=description)

    def advance(self, amount: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, amount)

    def update(self, completed: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=completed)


@contextmanager
def progress(enabled: bool | None, description: str, total: int, unit: str = "bytes"):
    """A progress bar of bytes (or, with ``unit="items"``, of things counted) on stderr: shown when
    ``enabled``, or (``None``) when stderr is a terminal.

    Yields an object with ``describe(text)``, ``advance(n)`` and ``update(done)``, which do nothing when
    no bar is shown.
    """
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        yield _Bar()
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, force_terminal=True if enabled else None)  # asked for: even when not a terminal
    count = MofNCompleteColumn() if unit == "items" else DownloadColumn()
    with Progress(TextColumn("{task.description}"), BarColumn(), count, TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        shown = _Bar(bar)
        shown.start(description, total)
        yield shown


def render_rows(rows: list[dict], fmt: str, columns: list[str] | None = None) -> str:
    """Render rows as ``table``, ``json``, ``csv`` or ``tsv`` text."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False, default=str)
    if fmt in ("csv", "tsv"):
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
        return buf.getvalue()
    return plain_table(rows, columns)


def plain_table(rows: list[dict], columns: list[str], max_width: int = 60) -> str:
    """Rows as a plain text table, long cells cut with an ellipsis."""
    def cell(v) -> str:
        s = "" if v is None else " ".join(str(v).split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    widths = {c: max([len(c)] + [len(cell(r.get(c))) for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    for r in rows:
        lines.append("  ".join(cell(r.get(c)).ljust(widths[c]) for c in columns).rstrip())
    return "\n".join(lines) + "\n"
