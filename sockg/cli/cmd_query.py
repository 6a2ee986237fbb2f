"""Commands: query, queries, serve, push."""

import json
import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ._app import emit, ensure_graph, fail, note, plain_table, progress
from ._options import GRAPH_FORMAT_NAMES, AuthScheme, BuildDir, OutputFile, QueryFormat, TableOrJson

#: The most query worker processes ``serve`` starts (each holds the store open).
MAX_WORKERS = 64
#: The longest wait an option accepts, a day (socket timeouts overflow not far above 1e9 s).
MAX_SECONDS = 86400


def _check_seconds(value: float) -> float:
    """A ``--timeout`` value: more than 0 and at most a day (typer's ``min=`` would let 0 and 'nan' through)."""
    if not 0 < value <= MAX_SECONDS:  # false for nan as well
        raise typer.BadParameter(f"{value:g} is not in the range 0<x<={MAX_SECONDS} (seconds).")
    return value


def _seconds(help: str):  # noqa: A002 - typer's name
    """A ``--timeout SECONDS`` option (more than 0, at most a day)."""
    return Annotated[float, typer.Option("--timeout", callback=_check_seconds, metavar="SECONDS",
                                         help=f"{help} (0<x<={MAX_SECONDS}).")]


def query(
    text: Annotated[Optional[str], typer.Argument(
        metavar="QUERY", help="The SPARQL query (common prefixes are predeclared).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Read the query from this file ('-' for stdin).")] = None,
    name: Annotated[Optional[str], typer.Option(
        "--name", "-n", help="Run a named query ('sockg queries' lists them).")] = None,
    param: Annotated[Optional[List[str]], typer.Option(
        "--param", "-p", help="NAME=VALUE for a named query's parameter; repeatable.")] = None,
    fmt: Annotated[Optional[QueryFormat], typer.Option(
        "--format", "-f", help="SELECT/ASK: table, json, xml, csv or tsv (default table); "
                               "CONSTRUCT/DESCRIBE: ttl, nt, jsonld or rdfxml (default ttl).")] = None,
    output: OutputFile = None,
    endpoint: Annotated[Optional[str], typer.Option(
        "--endpoint", "-e", help="Run on this SPARQL 1.1 endpoint instead of the local graph.")] = None,
    data: Annotated[Optional[Path], typer.Option(
        "--data", help="Query this Oxigraph store folder or RDF file instead of the built graph.")] = None,
    allow_federation: Annotated[bool, typer.Option(
        "--allow-federation", help="Allow SERVICE, FROM and FROM NAMED (the query may then fetch URLs).")] = False,
    timeout: _seconds("Seconds to wait for a remote endpoint") = 60.0,
    user: Annotated[Optional[str], typer.Option(
        "--user", help="User name for the endpoint (HTTP Basic); password from $SOCKG_PASSWORD.")] = None,
    graph: Annotated[Optional[str], typer.Option(
        "--graph", help="With --endpoint: query this named graph as the default graph (default-graph-uri).")] = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Run a SPARQL query on the built graph (building it first if needed) or on a remote endpoint."""
    given = [x for x in (text is not None, file is not None, name is not None) if x]
    if len(given) != 1:
        fail("give exactly one of: a query, --file FILE or --name NAME", code=2)
    if param and name is None:
        fail("--param goes with --name", code=2)
    if endpoint and data:
        fail("give --endpoint or --data, not both", code=2)
    if graph and not endpoint:
        fail("--graph goes with --endpoint (the local graph has no named graphs)", code=2)

    from ..query import check_query, get_named_query, parse_assignments
    from ..query.registry import bind_values

    if file is not None:
        text = _read_query_file(file)
    nq = get_named_query(name) if name is not None else None
    info = check_query(nq.text if nq else text, allow_federation=allow_federation)
    fmt = fmt.value if fmt is not None else ("ttl" if info.is_graph else "table")
    if info.is_graph != (fmt in GRAPH_FORMAT_NAMES):
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

        target = EndpointTarget(endpoint, timeout=timeout, user=user, password=password_from_env(),
                                default_graph=graph)
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
            emit(text.encode("utf-8"), output)
        if result.form == "select":
            note(f"{count} row{'s' if count != 1 else ''}")
        return
    if output is None and sys.stdout.isatty():
        emit(lambda fh: (result.write(fmt, fh), fh.write(b"\n")))
        return
    emit(lambda fh: result.write(fmt, fh), output)
    if output is not None:
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
            table.add_row(*r)
        Console(markup=False, highlight=False).print(table)
        return None, len(rows)
    return plain_table([dict(zip(columns, r)) for r in rows], columns), len(rows)


def queries(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")] = "table",
    show: Annotated[Optional[str], typer.Option("--show", help="Print the SPARQL text of this named query.")] = None,
) -> None:
    """List the named competency queries: name, parameters and what each one answers."""
    from ..query import get_named_query, named_queries

    if show is not None:
        emit(get_named_query(show).text.encode("utf-8"))
        return
    found = named_queries()
    if fmt.value == "json":
        emit(json.dumps([q.as_dict() for q in found.values()], indent=2, ensure_ascii=False))
        return
    rows = [{"name": q.name,
             "parameters": ", ".join(f"{p.name}={p.default}" if p.default else p.name for p in q.params),
             "description": q.description} for q in found.values()]
    emit(plain_table(rows, ["name", "parameters", "description"], max_width=200))


def serve(
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(
        "--port", min=0, max=65535, help="Port to listen on (0: any free port).")] = 7878,
    timeout: _seconds("Seconds after which a query is stopped") = 10.0,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", min=1, help="Most rows (or triples) returned; longer answers are cut.")] = 10000,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=MAX_WORKERS, help="Query worker processes (queries running at once).")] = 2,
    cors: Annotated[bool, typer.Option(
        "--cors", help="Send 'Access-Control-Allow-Origin: *' so any web page may query.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log each request on stderr.")] = False,
    data: Annotated[Optional[Path], typer.Option(
        "--data", help="Serve this Oxigraph store folder or RDF file instead.")] = None,
    build_dir: BuildDir = Path("build"),
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


def push(
    store_url: Annotated[str, typer.Option(
        "--store-url", help="Graph Store HTTP Protocol endpoint, e.g. http://127.0.0.1:7878/store.")],
    graph: Annotated[Optional[str], typer.Option(
        "--graph", help="Named graph IRI (default: the default graph).")] = None,
    append: Annotated[bool, typer.Option(
        "--append", help="Add to the graph (POST) instead of replacing it (PUT).")] = False,
    user: Annotated[Optional[str], typer.Option(
        "--user", help="User name for the store; password from $SOCKG_PASSWORD.")] = None,
    auth: Annotated[AuthScheme, typer.Option(
        "--auth", help="How --user is sent: HTTP Basic, or Digest (Virtuoso's authenticated endpoint).")] = "basic",
    timeout: _seconds("Seconds to wait for the store") = 300.0,
    show_progress: Annotated[Optional[bool], typer.Option(
        "--progress/--no-progress", help="Show a progress bar (default: on a terminal, for graphs over 1 MB).")] = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Load the built graph into a SPARQL store over the Graph Store HTTP Protocol (replaces the graph unless
    --append)."""
    from ..query.remote import check_url, graph_store_url, password_from_env, push_file

    check_url(store_url)
    graph_store_url(store_url, None)   # a query string in --store-url is refused before any work
    kg = ensure_graph(build_dir)
    path = kg.ttl_path
    size = path.stat().st_size
    credentials = (user, password_from_env() or "") if user else None
    if show_progress is None and size <= 1_000_000:
        show_progress = False
    with progress(show_progress, "pushing", size) as bar:
        done = push_file(path, store_url, graph=graph, append=append, timeout=timeout, auth=credentials,
                         auth_scheme=auth.value, progress=lambda sent, total: bar.update(sent))
    where = f"graph <{graph}>" if graph else "the default graph"
    verb = "added to" if append else "replaced"
    note(f"{verb} {where} at {store_url} with {path} ({done['bytes']} bytes, {done['method']} → HTTP "
         f"{done['status']}, {done['seconds']:.2f} s)")
