"""Commands: ingest, compare."""

import json
import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ._app import emit, ensure_graph, fail, note, progress, render_rows
from ._options import BuildDir, IngestFormat, OutputFile, Tabular

Encoding = Annotated[Optional[str], typer.Option(
    "--encoding", help="Decode the files with this encoding (default: UTF-8, else detected).")]


def ingest(
    files: Annotated[List[Path], typer.Argument(help="Plain text, Markdown or HTML documents to read.")],
    output: OutputFile = None,
    fmt: Annotated[IngestFormat, typer.Option(
        "--format", "-f", help="json (the report), ttl or nt (the extracted claims as RDF).")] = "json",
    title: Annotated[Optional[str], typer.Option(
        "--title", help="The document's title (default: its sidecar's, its HTML title or first heading, else the "
                        "file name).")] = None,
    year: Annotated[Optional[int], typer.Option(
        "--year", help="The year the document was published; settles names shared by several editions.")] = None,
    encoding: Encoding = None,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="Put each document's text (what the offsets index) in the JSON report.")] = False,
    show_progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", help="Show a progress bar (default: only on a terminal).")] = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Find mentions of known entities, references, figures and candidate new entities in documents.

    Offsets in the report index each document's text exactly (for HTML, the
    text extracted from the page). A file that cannot be read is reported on
    stderr and skipped; the exit status is 1 when any file failed.
    """
    from ..errors import SockgError
    from ..ingest import Gazetteer, ingest_path

    if year is not None and not 1000 <= year <= 9999:
        fail(f"--year {year}: give a four-digit year", code=2)
    gazetteer = Gazetteer.from_kg(ensure_graph(build_dir))
    sizes = {f: (f.stat().st_size if f.is_file() else 0) for f in files}
    reports, failed = [], 0
    with progress(show_progress, "ingesting", sum(sizes.values())) as bar:
        for f in files:
            bar.describe(f"ingesting {f.name}")
            try:
                reports.append(ingest_path(f, gazetteer, encoding=encoding, title=title, year=year))
            except SockgError as exc:
                if len(files) == 1:
                    raise  # one line, from the error mapper
                failed += 1
                where = "" if exc.path else f"{f}: "
                print(f"sockg: error: {where}{exc}", file=sys.stderr)
            bar.advance(sizes[f])
    for r in reports:
        if r.document["encoding"] not in ("utf-8", "utf-8-sig", "ascii"):
            note(f"{r.document['path']}: decoded as {r.document['encoding']}")
    if not reports:
        fail(f"no document could be ingested ({failed} failed); nothing was written")
    if fmt.value == "json":
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
        if fmt.value == "ttl":
            from ..build import serialise_turtle

            text = serialise_turtle(g).decode("utf-8")  # the build's writer: the same triples, the same text
        else:
            text = g.serialize(format="nt")
    emit(text, output)
    if output is not None:
        note(f"wrote {output} ({len(reports)} document(s))")
    if failed:
        fail(f"{failed} of {len(files)} file(s) failed; the others were ingested")


def compare(
    doc_a: Annotated[str, typer.Argument(
        help="A file to ingest, or the id or file name of a document in the built graph.")],
    doc_b: Annotated[str, typer.Argument(help="The document to compare it with (the later edition, say).")],
    fmt: Annotated[Tabular, typer.Option("--format", "-f", help="Output format.")] = "table",
    output: OutputFile = None,
    encoding: Encoding = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Side by side: the threats, organisations, strategies and figures each document mentions; what is new,
    what disappeared."""
    from ..ingest import Gazetteer, ingest_path
    from ..ingest.compare import compare as run_compare
    from ..ingest.compare import rows_for_table, summary_from_graph, summary_of_report

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
    columns = ["section", "item", "A", "B", "status"]
    if fmt.value == "json":
        text = json.dumps(result, indent=2, ensure_ascii=False)
    elif fmt.value == "csv":
        text = render_rows(rows_for_table(result), "csv", columns)
    else:
        a, b = result["a"], result["b"]
        head = [f"A: {a.get('title') or a['id']} ({a['id']})", f"B: {b.get('title') or b['id']} ({b['id']})", ""]
        s = result["summary"]
        tail = ["", f"{s['both']} in both, {s['changed']} changed, {s['new']} new in B, {s['disappeared']} gone from A"]
        text = "\n".join(head) + render_rows(rows_for_table(result), "table", columns) + "\n".join(tail)
    emit(text, output)
