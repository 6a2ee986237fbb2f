"""The typer application and the helpers every command module shares."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import typer

app = typer.Typer(
    name="sockg",
    help="Build, query, analyse and draw an evidence-linked knowledge graph of UK crime strategies.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

BUILD_DIR_OPTION = typer.Option(Path("build"), "--build-dir", "-b", help="Folder of the built graph.")


def fail(message: str, code: int = 1) -> None:
    """Print one error line on stderr and exit."""
    print(f"sockg: error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def note(message: str) -> None:
    """An informational line on stderr."""
    print(f"sockg: {message}", file=sys.stderr)


def handles_errors(func):
    """Turn library errors (and I/O errors) into one line on stderr and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..errors import EntityNotFoundError, QuoteNotFoundError, ShapeViolationError, SockgError

        try:
            return func(*args, **kwargs)
        except QuoteNotFoundError as exc:
            for problem in exc.problems:
                print(f"sockg: evidence: {problem}", file=sys.stderr)
            fail(f"{len(exc.problems)} evidence problem(s) (quotes not found verbatim, or values their quotes "
                 "do not state); nothing was written")
        except ShapeViolationError as exc:
            for v in exc.violations:
                print(f"sockg: shape violation: {v}", file=sys.stderr)
            fail(f"{len(exc.violations)} violation(s) of the shapes or the evidence rule; nothing was written")
        except EntityNotFoundError as exc:
            fail(str(exc))
        except SockgError as exc:
            fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            fail(f"{where}{exc.strerror or exc}")

    return wrapper


def ensure_graph(build_dir: Path, seeds: Path | None = None):
    """Load the graph in ``build_dir``, building it first (and saying so) when missing or stale."""
    from ..build import build, is_stale, resolve_inputs
    from ..kg import KnowledgeGraph

    reason = is_stale(build_dir, seeds)
    if reason:
        seeds_dir, ontology = resolve_inputs(build_dir, seeds)
        note(f"building the graph first from {seeds_dir} ({reason})")
        build(seeds_dir, build_dir, ontology)
    return KnowledgeGraph(build_dir)


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    write_atomic(output, text.encode("utf-8"))


def output_problem(path: Path, *, folder: bool = False) -> str | None:
    """Why ``path`` cannot be written as a file (or, with ``folder``, made as a folder); ``None`` when it can."""
    from ..atomic import check_destination
    from ..errors import OutputError

    try:
        check_destination(path, folder=folder)
    except OutputError as exc:
        return str(exc)
    return None


def output_file(value: Path | None) -> Path | None:
    """Callback of a ``--output FILE`` option: one error line and exit 1 when it cannot be written."""
    problem = output_problem(value) if value is not None else None
    if problem:
        fail(problem)
    return value


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole: a temporary file beside it, then renamed into place."""
    write_streamed(path, lambda fh: fh.write(data))


def write_streamed(path: Path, write) -> None:
    """Like :func:`write_atomic`, but ``write(fh)`` writes the content (for answers streamed out)."""
    from ..atomic import write_streamed as _write

    _write(path, write)


def render_rows(rows: list[dict], fmt: str, columns: list[str] | None = None) -> str:
    """Render rows as ``table``, ``json`` or ``csv`` text."""
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
    def cell(v) -> str:
        s = "" if v is None else " ".join(str(v).split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    widths = {c: max([len(c)] + [len(cell(r.get(c))) for r in rows]) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    for r in rows:
        lines.append("  ".join(cell(r.get(c)).ljust(widths[c]) for c in columns).rstrip())
    return "\n".join(lines) + "\n"


def check_choice(value: str, choices, what: str) -> str:
    if value not in choices:
        fail(f"unknown {what} {value!r}; choose one of: {', '.join(choices)}", code=2)
    return value
