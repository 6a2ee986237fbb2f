"""Commands: ingest, compare."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ._app import (BUILD_DIR_OPTION, app, check_choice, ensure_graph, fail, handles_errors, note, output_file,
                   render_rows, write_output)


def _progress(enabled: Optional[bool], total: int):
    """A rich progress bar on stderr when it is a terminal (or when asked); ``None`` otherwise."""
    if enabled is False or (enabled is None and not sys.stderr.isatty()):
        return None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, force_terminal=True if enabled else None)  # --progress: even when not a terminal
    progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                        console=console, transient=True)
    progress.start()
    progress.add_task("ingesting", total=max(total, 1))
    return progress


@app.command()
@handles_errors
def ingest(
    files: List[Path] = typer.Argument(..., help="Plain text, Markdown or HTML documents to read."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", callback=output_file,
                                          help="File to write (default: stdout); written atomically."),
    fmt: str = typer.Option("json", "--format", "-f", help="json (the report), ttl or nt (the extracted claims as RDF)."),
    title: Optional[str] = typer.Option(None, "--title", help="The document's title (default: its sidecar's, its HTML title or first heading, else the file name)."),
    year: Optional[int] = typer.Option(None, "--year", help="The year the document was published; settles names shared by several editions."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode the files with this encoding (default: UTF-8, else detected)."),
    with_text: bool = typer.Option(False, "--with-text", help="Put each document's text (what the offsets index) in the JSON report."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Show a progress bar (default: only on a terminal)."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Find mentions of known entities, references, figures and candidate new entities in documents.

    Offsets in the report index each document's text exactly (for HTML, the
    text extracted from the page). A file that cannot be read is reported on
    stderr and skipped; the exit status is 1 when any file failed.
    """
    from ..errors import SockgError
    from ..ingest import Gazetteer, ingest_path

    check_choice(fmt, ("json", "ttl", "nt"), "format")
    if year is not None and not 1000 <= year <= 9999:
        fail(f"--year {year}: give a four-digit year", code=2)
    gazetteer = Gazetteer.from_kg(ensure_graph(build_dir))
    sizes = {f: (f.stat().st_size if f.is_file() else 0) for f in files}
    bar = _progress(progress, sum(sizes.values()))
    reports, failed = [], 0
    try:
        for f in files:
            if bar is not None:
                bar.update(bar.task_ids[0], description=f"ingesting {f.name}")
            try:
                reports.append(ingest_path(f, gazetteer, encoding=encoding, title=title, year=year))
            except SockgError as exc:
                if len(files) == 1:
                    raise  # one line, from handles_errors
                failed += 1
                where = "" if exc.path else f"{f}: "
                print(f"sockg: error: {where}{exc}", file=sys.stderr)
            if bar is not None:
                bar.advance(bar.task_ids[0], sizes[f])
    finally:
        if bar is not None:
            bar.stop()
    for r in reports:
        if r.document["encoding"] not in ("utf-8", "utf-8-sig", "ascii"):
            note(f"{r.document['path']}: decoded as {r.document['encoding']}")
    if not reports:
        fail(f"no document could be ingested ({failed} failed); nothing was written")
    if fmt == "json":
        from ..ingest.report import to_json

        data = [r.as_dict(with_text=with_text) for r in reports]
        text = to_json(data[0] if len(files) == 1 else data)
    else:
        from rdflib import Graph

        from ..ingest.rdf import report_graph
        from ..namespaces import bind_prefixes

        g = Graph()
        bind_prefixes(g)
        for r in reports:
            g += report_graph(r)
        if fmt == "ttl":
            from ..build import serialise_turtle

            text = serialise_turtle(g).decode("utf-8")  # the build's writer: the same triples, the same text
        else:
            text = g.serialize(format="nt")
    write_output(text, output)
    if output is not None:
        note(f"wrote {output} ({len(reports)} document(s))")
    if failed:
        fail(f"{failed} of {len(files)} file(s) failed; the others were ingested")


@app.command()
@handles_errors
def compare(
    doc_a: str = typer.Argument(..., help="A file to ingest, or the id or file name of a document in the built graph."),
    doc_b: str = typer.Argument(..., help="The document to compare it with (the later edition, say)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", callback=output_file,
                                          help="File to write (default: stdout); written atomically."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode files with this encoding (default: UTF-8, else detected)."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Side by side: the threats, organisations, strategies and figures each document mentions; what is new, what disappeared."""
    from ..ingest import Gazetteer, ingest_path
    from ..ingest.compare import compare as run_compare
    from ..ingest.compare import rows_for_table, summary_from_graph, summary_of_report

    check_choice(fmt, ("table", "json", "csv"), "format")
    kg = ensure_graph(build_dir)
    gazetteer = None
    sides = []
    for name in (doc_a, doc_b):
        if Path(name).exists():
            gazetteer = gazetteer or Gazetteer.from_kg(kg)
            sides.append(summary_of_report(ingest_path(Path(name), gazetteer, encoding=encoding)))
        else:
            sides.append(summary_from_graph(kg, name))
    result = run_compare(*sides)
    if fmt == "json":
        text = json.dumps(result, indent=2, ensure_ascii=False)
    elif fmt == "csv":
        text = render_rows(rows_for_table(result), "csv", ["section", "item", "A", "B", "status"])
    else:
        a, b = result["a"], result["b"]
        head = [f"A: {a.get('title') or a['id']} ({a['id']})", f"B: {b.get('title') or b['id']} ({b['id']})", ""]
        s = result["summary"]
        tail = ["", f"{s['both']} in both, {s['changed']} changed, {s['new']} new in B, {s['disappeared']} gone from A"]
        text = "\n".join(head) + render_rows(rows_for_table(result), "table", ["section", "item", "A", "B", "status"]) \
            + "\n".join(tail)
    write_output(text, output)
