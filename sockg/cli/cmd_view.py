"""Commands: view (interactive HTML views) and site (a static site of the graph)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import ensure_graph, fail, note
from ._options import BuildDir

VIEWS_DIR = "views"


def _default_name(focus: str | None, strategy: str | None, types: list[str], input: Path | None,
                  landscape: bool = False) -> str:
    from ..views.output import slug

    parts = [slug(input.stem, 40)] if input is not None else []
    if focus:
        parts.append("focus-" + slug(focus, 50))
    elif strategy:
        parts.append("strategy-" + slug(strategy, 50))
    elif landscape:
        parts.append("strategy-landscape")
    if types:
        parts.append("types-" + slug("-".join(types), 50))
    return "-".join(parts) or "overview"


def view(
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o",
        help="HTML file to write (default: BUILD_DIR/views/NAME.html); with --all, the folder to write into.")] = None,
    focus: Annotated[Optional[str], typer.Option(
        "--focus", help="Draw this entity (label, acronym or IRI) and its neighbourhood.")] = None,
    depth: Annotated[int, typer.Option(
        "--depth", "-d", min=0, help="Steps from the focus or the strategy (default 1).")] = 1,
    types: Annotated[Optional[str], typer.Option(
        "--types", "-t", help="Only nodes of these classes, comma-separated (e.g. Agency,GovernmentDepartment).")] = None,
    strategy: Annotated[Optional[str], typer.Option("--strategy", help="Draw this strategy and what it touches.")] = None,
    landscape: Annotated[bool, typer.Option(
        "--landscape", help="Draw the strategies, the threats they share and the bodies acting under several.")] = False,
    input: Annotated[Optional[Path], typer.Option(
        "--input", "-i",
        help="Draw this RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) instead of the built graph.")] = None,
    physics: Annotated[bool, typer.Option(
        "--physics/--no-physics",
        help="Lay the graph out in the browser, then stop (default); or place nodes in Python and draw them still.")] = True,
    all_views: Annotated[bool, typer.Option(
        "--all", help="Write the standard views: the overview, one per objective, one for the NCA, one per "
                      "catalogued strategy and the strategy landscape.")] = False,
    title: Annotated[Optional[str], typer.Option("--title", help="Title of the page (default: says what is shown).")] = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Draw the graph, or part of it, as one self-contained HTML file that works offline.

    Prints the path of each file written. Open it in a browser: hover for
    evidence, click a node to highlight its neighbours, search by name or acronym.
    """
    from ..atomic import check_destination
    from ..views import render_view, write_standard_views

    type_list = [t.strip() for t in types.split(",") if t.strip()] if types else []
    if all_views:
        if focus or strategy or landscape or type_list or title:
            fail("--all writes the standard set of views; it takes no --focus, --strategy, --landscape, --types "
                 "or --title", code=2)
        out_dir = output if output is not None else build_dir / VIEWS_DIR
        if out_dir.exists() and not out_dir.is_dir():
            fail(f"{out_dir}: is a file; with --all, -o names a folder", code=2)
        check_destination(out_dir, folder=True)
        source = input if input is not None else ensure_graph(build_dir)
        for spec, path, v in write_standard_views(source, out_dir, physics=physics, build_dir=build_dir):
            note(f"{spec.name}: {_count(v.nodes, 'node')}, {_count(v.edges, 'relation')}")
            typer.echo(str(path))
        return
    path = output if output is not None else \
        build_dir / VIEWS_DIR / (_default_name(focus, strategy, type_list, input, landscape) + ".html")
    if path.is_dir():
        fail(f"{path}: is a folder; give a file name (or use --all)", code=2)
    check_destination(path)
    source = input if input is not None else ensure_graph(build_dir)
    v = render_view(source, focus=focus, depth=depth, types=type_list or None, strategy=strategy,
                    landscape=landscape, physics=physics, title=title, build_dir=build_dir)
    v.write(path)
    note(f"{v.title}: {_count(v.nodes, 'node')}, {_count(v.edges, 'relation')}")
    typer.echo(str(path))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def site(
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Folder to write (default: BUILD_DIR/site); replaced whole if sockg made it.")] = None,
    queries: Annotated[Optional[Path], typer.Option(
        "--queries", help="Folder of named queries (*.rq) to run (default: the ones shipped with sockg).")] = None,
    physics: Annotated[bool, typer.Option(
        "--physics/--no-physics", help="How the site's views are laid out (see 'sockg view').")] = True,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Write a static site: views, a page per entity with its evidence, named queries with results, the ontology.

    The folder works offline and can be published as it is. Prints the path of
    its index page.
    """
    from ..atomic import check_destination
    from ..views.site import build_site

    out = output if output is not None else build_dir / "site"
    check_destination(out, folder=True)
    if queries is not None and not queries.exists():
        note(f"{queries}: no such folder; the queries page will list no queries")
    kg = ensure_graph(build_dir)
    summary = build_site(kg, out, queries_dir=queries, physics=physics)
    note(f"wrote {summary.pages} pages into {summary.out_dir}: {summary.entities} entities, "
         f"{len(summary.views)} views, {summary.queries} named queries ({summary.queries_run} run)")
    typer.echo(str(summary.out_dir / "index.html"))
