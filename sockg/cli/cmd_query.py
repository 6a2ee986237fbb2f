"""Commands: query, queries, serve, push."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ._app import (BUILD_DIR_OPTION, app, check_choice, ensure_graph, fail, handles_errors, note, plain_table,
                   write_streamed)

RESULT_FORMAT_NAMES = ("table", "json", "xml", "csv", "tsv")
GRAPH_FORMAT_NAMES = ("ttl", "nt", "jsonld", "rdfxml")
#: The most query worker processes ``serve`` starts (each holds the store open).
MAX_WORKERS = 64
#: The longest wait an option accepts, a day (socket timeouts overflow not far above 1e9 s).
MAX_SECONDS = 86400


def _check_seconds(value: float) -> float:
    """A ``--timeout`` value: more than 0 and at most a day (typer's ``min=`` would let 0 and 'nan' through)."""
    if not 0 < value <= MAX_SECONDS:  # false for nan as well
        raise typer.BadParameter(f"{value:g} is not in the range 0<x<={MAX_SECONDS} (seconds).")
    return value


def _seconds_option(default: float, help: str):  # noqa: A002 - typer's name
    return typer.Option(default, "--timeout", callback=_check_seconds, metavar="SECONDS",
                        help=f"{help} (0<x<={MAX_SECONDS}).")


@app.command()
@handles_errors
def query(
    text: Optional[str] = typer.Argument(None, metavar="QUERY", help="The SPARQL query (common prefixes are predeclared)."),
    file: Optional[Path] = typer.Option(None, "--file", help="Read the query from this file ('-' for stdin)."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a named query ('sockg queries' lists them)."),
    param: Optional[List[str]] = typer.Option(None, "--param", "-p",
                                              help="NAME=VALUE for a named query's parameter; repeatable."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="SELECT/ASK: table, json, xml, csv or tsv (default table); "
                                           "CONSTRUCT/DESCRIBE: ttl, nt, jsonld or rdfxml (default ttl)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default: stdout)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", "-e",
                                           help="Run on this SPARQL 1.1 endpoint instead of the local graph."),
    data: Optional[Path] = typer.Option(None, "--data",
                                        help="Query this Oxigraph store folder or RDF file instead of the built graph."),
    allow_federation: bool = typer.Option(False, "--allow-federation",
                                          help="Allow SERVICE, FROM and FROM NAMED (the query may then fetch URLs)."),
    timeout: float = _seconds_option(60.0, "Seconds to wait for a remote endpoint"),
    user: Optional[str] = typer.Option(None, "--user",
                                       help="User name for the endpoint (HTTP Basic); password from $SOCKG_PASSWORD."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Run a SPARQL query on the built graph (building it first if needed) or on a remote endpoint."""
    if fmt is not None:
        check_choice(fmt, RESULT_FORMAT_NAMES + GRAPH_FORMAT_NAMES, "format")
    given = [x for x in (text is not None, file is not None, name is not None) if x]
    if len(given) != 1:
        fail("give exactly one of: a query, --file FILE or --name NAME", code=2)
    if param and name is None:
        fail("--param goes with --name", code=2)
    if endpoint and data:
        fail("give --endpoint or --data, not both", code=2)

    from ..query import check_query, get_named_query, parse_assignments
    from ..query.registry import bind_values

    if file is not None:
        text = _read_query_file(file)
    nq = get_named_query(name) if name is not None else None
    info = check_query(nq.text if nq else text, allow_federation=allow_federation)
    if fmt is None:
        fmt = "ttl" if info.is_graph else "table"
    elif info.is_graph != (fmt in GRAPH_FORMAT_NAMES):
        kind = "a graph (CONSTRUCT/DESCRIBE): use ttl, nt, jsonld or rdfxml" if info.is_graph \
            else "solutions (SELECT/ASK): use table, json, xml, csv or tsv"
        fail(f"format {fmt!r} does not fit this query, whose answer is {kind}", code=2)

    kg = None

    def resolve(value: str) -> str:
        nonlocal kg
        if kg is None:
            kg = ensure_graph(build_dir)
        return kg.resolve(value)

    if endpoint:
        from ..query import EndpointTarget
        from ..query.remote import password_from_env

        target = EndpointTarget(endpoint, timeout=timeout, user=user, password=password_from_env())
    elif data is not None:
        from ..query import LocalTarget
        from ..query.engine import label_resolver
        from ..terms import open_store

        store = open_store(data)
        target = LocalTarget(store, label_resolver(store), name=str(data))
        resolve = target.resolve
    else:
        from ..query import LocalTarget

        kg = ensure_graph(build_dir)
        target = LocalTarget(kg.store, kg.resolve)
    bindings = bind_values(nq, parse_assignments(param), resolve) if nq else None
    result = target.run(info, bindings=bindings, allow_federation=allow_federation)
    _emit(result, fmt, output)


def _read_query_file(file: Path) -> str:
    if str(file) == "-":
        return sys.stdin.read()
    if file.is_dir():
        fail(f"{file}: is a folder; give a query file")
    if not file.exists():
        fail(f"{file}: no such file")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"{file}: not UTF-8 text")


def _emit(result, fmt: str, output: Optional[Path]) -> None:
    if fmt == "table":
        text, count = _table(result, rich_ok=output is None and sys.stdout.isatty())
        if text is not None:
            _write_bytes(text.encode("utf-8"), output)
        if result.form == "select":
            note(f"{count} row{'s' if count != 1 else ''}")
        return
    if output is None:
        out = sys.stdout.buffer
        result.write(fmt, out)
        if out.isatty():
            out.write(b"\n")
        out.flush()
        return
    write_streamed(output, lambda fh: result.write(fmt, fh))
    note(f"wrote {output} ({output.stat().st_size} bytes)")


def _table(result, rich_ok: bool):
    """Render a SELECT or ASK answer for people; returns (text or None when printed by rich, row count)."""
    from ..query.formats import display

    if result.form == "ask":
        return ("true" if result.boolean else "false") + "\n", 1
    columns = result.variables
    rows = [[display(t) for t in row] for row in result.rows()]
    if rich_ok:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*r, )
        Console(markup=False, highlight=False).print(table)
        return None, len(rows)
    return plain_table([dict(zip(columns, r)) for r in rows], columns), len(rows)


def _write_bytes(data: bytes, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_streamed(output, lambda fh: fh.write(data))


@app.command()
@handles_errors
def queries(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    show: Optional[str] = typer.Option(None, "--show", help="Print the SPARQL text of this named query."),
) -> None:
    """List the named competency queries: name, parameters and what each one answers."""
    from ..query import get_named_query, named_queries

    check_choice(fmt, ("table", "json"), "format")
    if show is not None:
        sys.stdout.write(get_named_query(show).text)
        return
    found = named_queries()
    if fmt == "json":
        sys.stdout.write(json.dumps([q.as_dict() for q in found.values()], indent=2, ensure_ascii=False) + "\n")
        return
    rows = [{"name": q.name,
             "parameters": ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.params),
             "description": q.description} for q in found.values()]
    sys.stdout.write(plain_table(rows, ["name", "parameters", "description"], max_width=200))


@app.command()
@handles_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    timeout: float = _seconds_option(10.0, "Seconds after which a query is stopped"),
    max_rows: int = typer.Option(10000, "--max-rows", min=1,
                                 help="Most rows (or triples) returned; longer answers are cut."),
    workers: int = typer.Option(2, "--workers", min=1, max=MAX_WORKERS,
                                help="Query worker processes (queries running at once)."),
    cors: bool = typer.Option(False, "--cors", help="Send 'Access-Control-Allow-Origin: *' so any web page may query."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log each request on stderr."),
    data: Optional[Path] = typer.Option(None, "--data", help="Serve this Oxigraph store folder or RDF file instead."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Serve the graph over the SPARQL 1.1 Protocol at /sparql, with a query page at /."""
    from ..server import serve as run_server

    if data is None:
        kg = ensure_graph(build_dir)
        source = {"build_dir": str(kg.build_dir.resolve())}
    else:
        from ..terms import open_store

        open_store(data)  # fail now, in one line, if it cannot be read
        source = {"data": str(data.resolve())}
    run_server(source, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers, cors=cors,
               log=None if quiet else note, announce=note)


@app.command()
@handles_errors
def push(
    store_url: str = typer.Option(..., "--store-url",
                                  help="Graph Store HTTP Protocol endpoint, e.g. http://127.0.0.1:7878/store."),
    graph: Optional[str] = typer.Option(None, "--graph", help="Named graph IRI (default: the default graph)."),
    append: bool = typer.Option(False, "--append", help="Add to the graph (POST) instead of replacing it (PUT)."),
    user: Optional[str] = typer.Option(None, "--user",
                                       help="User name for the store (HTTP Basic); password from $SOCKG_PASSWORD."),
    timeout: float = _seconds_option(300.0, "Seconds to wait for the store"),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Show a progress bar (default: on a terminal, for graphs over 1 MB)."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Load the built graph into a SPARQL store over the Graph Store HTTP Protocol (replaces the graph unless --append)."""
    from ..query.remote import check_url, password_from_env, push_file

    check_url(store_url)
    kg = ensure_graph(build_dir)
    path = kg.ttl_path
    size = path.stat().st_size
    show = progress if progress is not None else (sys.stderr.isatty() and size > 1_000_000)
    auth = (user, password_from_env() or "") if user else None
    if show:
        from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
        from rich.console import Console

        with Progress("pushing", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("push", total=size)
            done = push_file(path, store_url, graph=graph, append=append, timeout=timeout, auth=auth,
                             progress=lambda sent, total: bar.update(task, completed=sent))
    else:
        done = push_file(path, store_url, graph=graph, append=append, timeout=timeout, auth=auth)
    where = f"graph <{graph}>" if graph else "the default graph"
    verb = "added to" if append else "replaced"
    note(f"{verb} {where} at {store_url} with {path} ({done['bytes']} bytes, {done['method']} → HTTP "
         f"{done['status']}, {done['seconds']:.2f} s)")
