"""Commands: view (interactive HTML views) and site (a static site of the graph)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import BUILD_DIR_OPTION, app, ensure_graph, fail, handles_errors, note, output_problem

VIEWS_DIR = "views"


def _default_name(focus: str | None, strategy: str | None, types: list[str], input: Path | None) -> str:
    from ..views.output import slug

    parts = [slug(input.stem, 40)] if input is not None else []
    if focus:
        parts.append("focus-" + slug(focus, 50))
    elif strategy:
        parts.append("strategy-" + slug(strategy, 50))
    if types:
        parts.append("types-" + slug("-".join(types), 50))
    return "-".join(parts) or "overview"


@app.command()
@handles_errors
def view(
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="HTML file to write (default: BUILD_DIR/views/NAME.html); with --all, the folder to write into."),
    focus: Optional[str] = typer.Option(
        None, "--focus", help="Draw this entity (label, acronym or IRI) and its neighbourhood."),
    depth: int = typer.Option(1, "--depth", "-d", min=0, help="Steps from the focus or the strategy (default 1)."),
    types: Optional[str] = typer.Option(
        None, "--types", "-t", help="Only nodes of these classes, comma-separated (e.g. Agency,GovernmentDepartment)."),
    strategy: Optional[str] = typer.Option(
        None, "--strategy", help="Draw this strategy and what it touches."),
    input: Optional[Path] = typer.Option(
        None, "--input", "-i",
        help="Draw this RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) instead of the built graph."),
    physics: bool = typer.Option(
        True, "--physics/--no-physics",
        help="Lay the graph out in the browser, then stop (default); or place nodes in Python and draw them still."),
    all_views: bool = typer.Option(
        False, "--all", help="Write the standard views: the overview, one per objective and one for the NCA."),
    title: Optional[str] = typer.Option(None, "--title", help="Title of the page (default: says what is shown)."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Draw the graph, or part of it, as one self-contained HTML file that works offline.

    Prints the path of each file written. Open it in a browser: hover for
    evidence, click a node to highlight its neighbours, search by name or acronym.
    """
    from ..views import render_view, write_standard_views

    type_list = [t.strip() for t in types.split(",") if t.strip()] if types else []
    source = input if input is not None else ensure_graph(build_dir)
    if all_views:
        if focus or strategy or type_list or title:
            fail("--all writes the standard set of views; it takes no --focus, --strategy, --types or --title", code=2)
        out_dir = output if output is not None else build_dir / VIEWS_DIR
        if out_dir.exists() and not out_dir.is_dir():
            fail(f"{out_dir}: is a file; with --all, -o names a folder", code=2)
        problem = output_problem(out_dir, folder=True)
        if problem:
            fail(problem)
        for spec, path, v in write_standard_views(source, out_dir, physics=physics, build_dir=build_dir):
            note(f"{spec.name}: {_count(v.nodes, 'node')}, {_count(v.edges, 'relation')}")
            typer.echo(str(path))
        return
    path = output if output is not None else build_dir / VIEWS_DIR / (_default_name(focus, strategy, type_list, input) + ".html")
    if path.is_dir():
        fail(f"{path}: is a folder; give a file name (or use --all)", code=2)
    problem = output_problem(path)
    if problem:
        fail(problem)
    v = render_view(source, focus=focus, depth=depth, types=type_list or None, strategy=strategy,
                    physics=physics, title=title, build_dir=build_dir)
    v.write(path)
    note(f"{v.title}: {_count(v.nodes, 'node')}, {_count(v.edges, 'relation')}")
    typer.echo(str(path))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@app.command()
@handles_errors
def site(
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Folder to write (default: BUILD_DIR/site); replaced whole if sockg made it."),
    queries: Optional[Path] = typer.Option(
        None, "--queries", help="Folder of named queries (*.rq) to run (default: the ones shipped with sockg)."),
    physics: bool = typer.Option(True, "--physics/--no-physics", help="How the site's views are laid out (see 'sockg view')."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Write a static site: views, a page per entity with its evidence, named queries with results, the ontology.

    The folder works offline and can be published as it is. Prints the path of
    its index page.
    """
    from ..views.site import build_site

    out = output if output is not None else build_dir / "site"
    problem = output_problem(out, folder=True)
    if problem:
        fail(problem)
    if queries is not None and not queries.exists():
        note(f"{queries}: no such folder; the queries page will list no queries")
    kg = ensure_graph(build_dir)
    summary = build_site(kg, out, queries_dir=queries, physics=physics)
    note(f"wrote {summary.pages} pages into {summary.out_dir}: {summary.entities} entities, "
         f"{len(summary.views)} views, {summary.queries} named queries ({summary.queries_run} run)")
    typer.echo(str(summary.out_dir / "index.html"))
