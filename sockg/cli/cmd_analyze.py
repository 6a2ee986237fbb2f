"""Command: ``sockg analyze``: centrality, communities, coverage, overlap, gaps, bridges, path.

Each sub-command converts the built graph to networkx, calls one function of
:mod:`sockg.analysis` and renders what it returns. networkx and matplotlib are
imported only inside the commands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from ._app import BUILD_DIR_OPTION, app, check_choice, ensure_graph, fail, handles_errors, note, output_file, \
    render_rows, write_atomic, write_output

ANALYSES = ("centrality", "communities", "coverage", "overlap", "gaps", "bridges", "path")
# Kept here (not imported from sockg.analysis) so that `sockg --help` does not load networkx;
# tests check that they match the library's registries.
PROJECTION_NAMES = ("relations", "organisation-objective", "organisation-strand", "organisation-threat",
                    "strategy-strategy", "co-mention")
MATRIX_NAMES = ("threat-strand", "threat-objective", "organisation-strand", "organisation-objective",
                "organisation-threat")
FACET_NAMES = ("threats", "organisations", "strands", "all")
CHECK_NAMES = ("threat-without-lead", "objective-without-power-or-programme", "organisation-without-role",
               "figure-without-year", "strand-without-organisation", "objective-without-organisation",
               "relation-without-evidence")
MEASURE_NAMES = ("degree", "betweenness", "pagerank")
TABULAR = ("table", "json", "csv")


class AnalysisGroup(TyperGroup):
    """A command group whose unknown sub-command error lists the valid analyses."""

    def resolve_command(self, ctx, args):
        if args and not ctx.resilient_parsing and not args[0].startswith("-") and args[0] not in self.commands:
            import difflib

            close = difflib.get_close_matches(args[0], list(self.commands), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(f"unknown analysis {args[0]!r}{hint}; choose one of: {', '.join(self.commands)}", code=2)
        return super().resolve_command(ctx, args)


analyze_app = typer.Typer(
    cls=AnalysisGroup, no_args_is_help=True, rich_markup_mode=None,
    help="Network analysis of the graph: centrality, communities, coverage, overlap, gaps, bridges, paths.",
)
app.add_typer(analyze_app, name="analyze")

PROJECTION_HELP = f"Projection to analyse: {', '.join(PROJECTION_NAMES)}."
FORMAT_OPTION = typer.Option("table", "--format", "-f", help="table, json or csv.")
OUTPUT_OPTION = typer.Option(None, "--output", "-o", callback=output_file,
                             help="Write the result to this file (default: stdout).")
PLOT_OPTION = typer.Option(None, "--plot", callback=output_file, help="Also draw the result into this PNG file (matplotlib).")


def _above_zero(value: float) -> float:
    """An option that must be a finite number above 0 (typer's ``min`` would let 0 and ``nan`` through)."""
    import math

    if not (math.isfinite(value) and value > 0):
        raise typer.BadParameter(f"must be a number above 0 (got {value})")
    return value


def _graph(build_dir: Path):
    from ..analysis import to_networkx

    return to_networkx(ensure_graph(build_dir))


def _plot(fig, path: Path) -> None:
    from ..analysis.plots import save_png

    if path.suffix.lower() != ".png":
        fail(f"{path}: --plot writes PNG; give a file name ending in .png", code=2)
    write_atomic(path, save_png(fig))
    note(f"wrote {path}")


def _emit(rows: list[dict], fmt: str, columns: list[str], output: Optional[Path], whole=None) -> None:
    if fmt == "json":
        write_output(json.dumps(whole if whole is not None else rows, indent=2, ensure_ascii=False, default=str), output)
    else:
        write_output(render_rows(rows, fmt, columns), output)


def _joined(values, limit: int | None = None) -> str:
    values = list(values or ())
    text = "; ".join(str(v) for v in values[:limit] if v is not None)
    return text + (f"; ... ({len(values) - limit} more)" if limit and len(values) > limit else "")


@analyze_app.command()
@handles_errors
def centrality(
    projection: str = typer.Option("relations", "--projection", "-p", help=PROJECTION_HELP),
    by: str = typer.Option("pagerank", "--by", help="Order by degree, betweenness or pagerank."),
    top: int = typer.Option(20, "--top", "-n", min=0, help="Show the first N rows (0: all)."),
    k: Optional[int] = typer.Option(None, "--k", min=1, help="Sample K sources for betweenness, 1 or more (default: exact on small graphs, sampled above 10M steps of work)."),
    fmt: str = FORMAT_OPTION,
    plot: Optional[Path] = PLOT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Degree, betweenness and PageRank of every node, with ranks."""
    from ..analysis import centrality as run

    check_choice(projection, PROJECTION_NAMES, "projection")
    check_choice(by, MEASURE_NAMES, "measure")
    check_choice(fmt, TABULAR, "format")
    res = run(_graph(build_dir), projection, by=by, top=top or None, k=k)
    b = res["betweenness"]
    if not b["exact"]:
        note(f"betweenness estimated from k={b['k']} sampled sources (seed {b['seed']}) on {res['nodes']} nodes")
    cols = ["label", "class", "degree", "degree_rank", "betweenness", "betweenness_rank", "pagerank", "pagerank_rank"]
    _emit(res["rows"], fmt, cols + (["iri"] if fmt == "csv" else []), output, res)
    if plot:
        from ..analysis.plots import plot_centrality

        _plot(plot_centrality(res, top=min(len(res["rows"]), 30)), plot)


@analyze_app.command()
@handles_errors
def communities(
    projection: str = typer.Option("relations", "--projection", "-p", help=PROJECTION_HELP),
    method: str = typer.Option("louvain", "--method", help="louvain or greedy (modularity)."),
    seed: int = typer.Option(0, "--seed", help="Random seed for Louvain."),
    resolution: float = typer.Option(1.0, "--resolution", callback=_above_zero,
                                     help="Above 0. Above 1: smaller communities; below 1: larger."),
    top: int = typer.Option(0, "--top", "-n", min=0, help="Show the N largest communities (0: all)."),
    fmt: str = FORMAT_OPTION,
    plot: Optional[Path] = PLOT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Communities (Louvain or greedy modularity, fixed seed): members and dominant classes."""
    from ..analysis import communities as run
    from ..analysis.projections import project

    check_choice(projection, PROJECTION_NAMES, "projection")
    check_choice(method, ("louvain", "greedy"), "method")
    check_choice(fmt, TABULAR, "format")
    P = project(_graph(build_dir), projection)
    res = run(P, method=method, seed=seed, resolution=resolution, top=top or None)
    note(f"{len(res['communities'])} communities, modularity {res['modularity']}")
    rows = [{"id": c["id"], "size": c["size"], "hub": c["hub"], "dominant_class": c["dominant_class"],
             "members": _joined(c["members"], 12 if fmt == "table" else None)} for c in res["communities"]]
    _emit(rows, fmt, ["id", "size", "hub", "dominant_class", "members"], output, res)
    if plot:
        from ..analysis.plots import plot_communities

        _plot(plot_communities(P, res, top=top or None), plot)


@analyze_app.command()
@handles_errors
def coverage(
    matrix: str = typer.Option("threat-strand", "--projection", "--matrix", "-p",
                               help=f"Matrix: {', '.join(MATRIX_NAMES)}."),
    drop_empty: bool = typer.Option(False, "--drop-empty", help="Leave out rows and columns with no evidence."),
    top: int = typer.Option(0, "--top", "-n", min=0, help="Show the N rows with most evidence (0: all)."),
    fmt: str = FORMAT_OPTION,
    plot: Optional[Path] = PLOT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """A coverage matrix (threat x strand, ...): the evidence count in each cell."""
    from ..analysis import coverage as run

    check_choice(matrix, MATRIX_NAMES, "coverage matrix")
    check_choice(fmt, TABULAR, "format")
    res = run(_graph(build_dir), matrix, drop_empty=drop_empty, top=top or None)
    if fmt == "json":
        write_output(json.dumps(res, indent=2, ensure_ascii=False), output)
    else:
        first = matrix.split("-")[0]
        heads = res["column_short"] if fmt == "table" else res["columns"]
        rows = [{first: r, **{h: (n or ("" if fmt == "csv" else "·")) for h, n in zip(heads, counts)}}
                for r, counts in zip(res["rows"], res["counts"])]
        write_output(render_rows(rows, fmt, [first, *heads]), output)
    if plot:
        from ..analysis.plots import plot_coverage

        _plot(plot_coverage(res), plot)


@analyze_app.command()
@handles_errors
def overlap(
    facet: str = typer.Option("all", "--projection", "--facet", "-p", help=f"What to compare: {', '.join(FACET_NAMES)}."),
    include_zero: bool = typer.Option(False, "--include-zero", help="Also list pairs that share nothing."),
    top: int = typer.Option(20, "--top", "-n", min=0, help="Show the first N pairs (0: all)."),
    fmt: str = FORMAT_OPTION,
    plot: Optional[Path] = PLOT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """How much strategies share (threats, organisations, strands), as Jaccard scores."""
    from ..analysis import overlap as run

    check_choice(facet, FACET_NAMES, "facet")
    check_choice(fmt, TABULAR, "format")
    G = _graph(build_dir)
    res = run(G, facet, include_zero=include_zero, top=top or None)
    rows = [{**r, "shared": _joined(r["shared"])} for r in res["rows"]]
    _emit(rows, fmt, ["a", "b", "facet", "jaccard", "size_a", "size_b", "shared"], output, res)
    if plot:
        from ..analysis.plots import plot_overlap

        _plot(plot_overlap(run(G, facet, include_zero=True)), plot)


@analyze_app.command()
@handles_errors
def gaps(
    checks: Optional[List[str]] = typer.Option(None, "--projection", "--check", "-p",
                                               help=f"Run only this check (repeatable): {', '.join(CHECK_NAMES)}."),
    top: int = typer.Option(0, "--top", "-n", min=0, help="Show the first N rows (0: all)."),
    fmt: str = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """The auditor's questions: threats with no lead, objectives with no power or programme, ..."""
    from ..analysis import gaps as run

    for c in checks or ():
        check_choice(c, CHECK_NAMES, "gap check")
    check_choice(fmt, TABULAR, "format")
    res = run(_graph(build_dir), checks or None)
    if top:
        res["rows"] = res["rows"][:top]
    found = {c: sum(r["check"] == c for r in res["rows"]) for c in res["checks"]}
    note("; ".join(f"{c}: {n}" for c, n in found.items()))
    _emit(res["rows"], fmt, ["check", "entity", "class", "detail"] + (["iri"] if fmt == "csv" else []), output, res)


@analyze_app.command()
@handles_errors
def bridges(
    projection: str = typer.Option("relations", "--projection", "-p", help=PROJECTION_HELP),
    top: int = typer.Option(20, "--top", "-n", min=0, help="Show the first N of each kind (0: all)."),
    min_cut: int = typer.Option(1, "--min-cut", min=1, help="Only those that cut off at least this many nodes (1 or more)."),
    fmt: str = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Articulation points and bridges: the single entities and links whose loss splits the graph."""
    from ..analysis import articulation_points, bridges as run_bridges
    from ..analysis.projections import project

    check_choice(projection, PROJECTION_NAMES, "projection")
    check_choice(fmt, TABULAR, "format")
    P = project(_graph(build_dir), projection)
    points = articulation_points(P, top=top or None, min_cut=min_cut)
    links = run_bridges(P, top=top or None, min_cut=min_cut)
    limit = 6 if fmt == "table" else None
    rows = [{"kind": "node", "entity": r["label"], "cut_off": r["cut_off"], "pieces": r["pieces"],
             "relations": "", "cut_off_members": _joined(r["cut_off_members"], limit)} for r in points["rows"]]
    rows += [{"kind": "link", "entity": f"{r['a']} — {r['b']}", "cut_off": r["cut_off"], "pieces": 2,
              "relations": _joined(r["predicates"]), "cut_off_members": _joined(r["cut_off_members"], limit)}
             for r in links["rows"]]
    whole = {"projection": projection, "articulation_points": points["rows"], "bridges": links["rows"]}
    _emit(rows, fmt, ["kind", "entity", "cut_off", "pieces", "relations", "cut_off_members"], output, whole)


@analyze_app.command()
@handles_errors
def path(
    source: str = typer.Argument(..., help="Where the path starts: a label, acronym or IRI (any case)."),
    target: str = typer.Argument(..., help="Where it ends."),
    allow_unevidenced: bool = typer.Option(False, "--allow-unevidenced",
                                           help="Also walk relations without evidence where no evidenced path exists."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    output: Optional[Path] = OUTPUT_OPTION,
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """The shortest evidenced path between two entities, each hop with its predicate and quotes."""
    from ..analysis import shortest_path

    check_choice(fmt, ("table", "json"), "format")
    res = shortest_path(_graph(build_dir), source, target, evidenced_only=not allow_unevidenced)
    hops = [{"source": h["source"], "predicate": h["predicate"], "target": h["target"],
             "evidence": [{k: e[k] for k in ("quote", "paragraph", "document")} for e in h["evidence"]]}
            for h in res["hops"]]
    if fmt == "json":
        doc = {"source": res["source"], "target": res["target"], "length": res["length"], "hops": hops}
        write_output(json.dumps(doc, indent=2, ensure_ascii=False), output)
        return
    lines = [f"{res['source']} to {res['target']}: {res['length']} hop(s)"]
    for i, h in enumerate(res["hops"], 1):
        walked = "" if h["direction"] == "forward" else "   (walked backwards)"
        lines.append(f"{i}. {h['source']} --{h['predicate']}--> {h['target']}{walked}")
        for e in h["evidence"]:
            lines.append(f"     “{' '.join(str(e['quote']).split())}” ({e['document']}, {e['paragraph']})")
        if not h["evidence"]:
            lines.append("     (no evidence recorded for this relation)")
    write_output("\n".join(lines), output)
