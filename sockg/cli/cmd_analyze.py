"""Command: ``sockg analyze``: centrality, communities, coverage, overlap, gaps, bridges, path.

Each sub-command converts the built graph to networkx, calls one function of
:mod:`sockg.analysis` and renders what it returns. networkx and matplotlib are
imported only inside the commands.
"""

import json
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from typer.core import TyperGroup

from ._app import emit, ensure_graph, fail, note, output_file, render_rows
from ._options import (ANALYSES, CHECK_NAMES, FACET_NAMES, MATRIX_NAMES, MEASURE_NAMES, PROJECTION_NAMES, BuildDir,
                       CommunityMethod, Facet, GapCheck, Matrix, Measure, OutputFile, Projection, Tabular,
                       TableOrJson, Top)

__all__ = ["analyze_app", "ANALYSES", "PROJECTION_NAMES", "MATRIX_NAMES", "FACET_NAMES", "CHECK_NAMES",
           "MEASURE_NAMES"]


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

ProjectionOption = Annotated[Projection, typer.Option("--projection", "-p", help="Projection to analyse.")]
TabularFormat = Annotated[Tabular, typer.Option("--format", "-f", help="Output format.")]
PlotFile = Annotated[Optional[Path], typer.Option(
    "--plot", callback=output_file, help="Also draw the result into this PNG file (matplotlib).")]


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
    emit(save_png(fig), path)
    note(f"wrote {path}")


def _emit(rows: list[dict], fmt: str, columns: list[str], output: Optional[Path], whole=None) -> None:
    if fmt == "json":
        emit(json.dumps(whole if whole is not None else rows, indent=2, ensure_ascii=False, default=str), output)
    else:
        emit(render_rows(rows, fmt, columns), output)


def _joined(values, limit: int | None = None) -> str:
    values = list(values or ())
    text = "; ".join(str(v) for v in values[:limit] if v is not None)
    return text + (f"; ... ({len(values) - limit} more)" if limit and len(values) > limit else "")


def centrality(
    projection: ProjectionOption = "relations",
    by: Annotated[Measure, typer.Option("--by", help="Order by this measure.")] = "pagerank",
    top: Top = 20,
    k: Annotated[Optional[int], typer.Option(
        "--k", min=1, help="Sample K sources for betweenness, 1 or more (default: exact on small graphs, sampled "
                           "above 10M steps of work).")] = None,
    fmt: TabularFormat = "table",
    plot: PlotFile = None,
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Degree, betweenness and PageRank of every node, with ranks."""
    from ..analysis import centrality as run

    res = run(_graph(build_dir), projection.value, by=by.value, top=top or None, k=k)
    b = res["betweenness"]
    if not b["exact"]:
        note(f"betweenness estimated from k={b['k']} sampled sources (seed {b['seed']}) on {res['nodes']} nodes")
    cols = ["label", "class", "degree", "degree_rank", "betweenness", "betweenness_rank", "pagerank", "pagerank_rank"]
    _emit(res["rows"], fmt.value, cols + (["iri"] if fmt.value == "csv" else []), output, res)
    if plot:
        from ..analysis.plots import plot_centrality

        _plot(plot_centrality(res, top=min(len(res["rows"]), 30)), plot)


def communities(
    projection: ProjectionOption = "relations",
    method: Annotated[CommunityMethod, typer.Option("--method", help="Louvain or greedy modularity.")] = "louvain",
    seed: Annotated[int, typer.Option("--seed", help="Random seed for Louvain.")] = 0,
    resolution: Annotated[float, typer.Option(
        "--resolution", callback=_above_zero, help="Above 0. Above 1: smaller communities; below 1: larger.")] = 1.0,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Show the N largest communities (0: all).")] = 0,
    fmt: TabularFormat = "table",
    plot: PlotFile = None,
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Communities (Louvain or greedy modularity, fixed seed): members and dominant classes."""
    from ..analysis import communities as run
    from ..analysis.projections import project

    P = project(_graph(build_dir), projection.value)
    res = run(P, method=method.value, seed=seed, resolution=resolution, top=top or None)
    note(f"{len(res['communities'])} communities, modularity {res['modularity']}")
    rows = [{"id": c["id"], "size": c["size"], "hub": c["hub"], "dominant_class": c["dominant_class"],
             "members": _joined(c["members"], 12 if fmt.value == "table" else None)} for c in res["communities"]]
    _emit(rows, fmt.value, ["id", "size", "hub", "dominant_class", "members"], output, res)
    if plot:
        from ..analysis.plots import plot_communities

        _plot(plot_communities(P, res, top=top or None), plot)


def coverage(
    matrix: Annotated[Matrix, typer.Option("--projection", "--matrix", "-p", help="The matrix.")] = "threat-strand",
    drop_empty: Annotated[bool, typer.Option(
        "--drop-empty", help="Leave out rows and columns with no evidence.")] = False,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Show the N rows with most evidence (0: all).")] = 0,
    fmt: TabularFormat = "table",
    plot: PlotFile = None,
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """A coverage matrix (threat x strand, ...): the evidence count in each cell."""
    from ..analysis import coverage as run

    res = run(_graph(build_dir), matrix.value, drop_empty=drop_empty, top=top or None)
    if fmt.value == "json":
        emit(json.dumps(res, indent=2, ensure_ascii=False), output)
    else:
        first = matrix.value.split("-")[0]
        heads = res["column_short"] if fmt.value == "table" else res["columns"]
        rows = [{first: r, **{h: (n or ("" if fmt.value == "csv" else "·")) for h, n in zip(heads, counts)}}
                for r, counts in zip(res["rows"], res["counts"])]
        emit(render_rows(rows, fmt.value, [first, *heads]), output)
    if plot:
        from ..analysis.plots import plot_coverage

        _plot(plot_coverage(res), plot)


def overlap(
    facet: Annotated[Facet, typer.Option("--projection", "--facet", "-p", help="What to compare.")] = "all",
    include_zero: Annotated[bool, typer.Option("--include-zero", help="Also list pairs that share nothing.")] = False,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Show the first N pairs (0: all).")] = 20,
    fmt: TabularFormat = "table",
    plot: PlotFile = None,
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """How much strategies share (threats, organisations, strands), as Jaccard scores."""
    from ..analysis import overlap as run

    G = _graph(build_dir)
    res = run(G, facet.value, include_zero=include_zero, top=top or None)
    rows = [{**r, "shared": _joined(r["shared"])} for r in res["rows"]]
    _emit(rows, fmt.value, ["a", "b", "facet", "jaccard", "size_a", "size_b", "shared"], output, res)
    if plot:
        from ..analysis.plots import plot_overlap

        _plot(plot_overlap(run(G, facet.value, include_zero=True)), plot)


def gaps(
    checks: Annotated[Optional[List[GapCheck]], typer.Option(
        "--projection", "--check", "-p", help="Run only this check (repeatable).")] = None,
    top: Top = 0,
    fmt: TabularFormat = "table",
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """The auditor's questions: threats with no lead, objectives with no power or programme, ..."""
    from ..analysis import gaps as run

    res = run(_graph(build_dir), [c.value for c in checks] if checks else None)
    if top:
        res["rows"] = res["rows"][:top]
    found = {c: sum(r["check"] == c for r in res["rows"]) for c in res["checks"]}
    note("; ".join(f"{c}: {n}" for c, n in found.items()))
    columns = ["check", "entity", "class", "detail"] + (["iri"] if fmt.value == "csv" else [])
    _emit(res["rows"], fmt.value, columns, output, res)


def bridges(
    projection: ProjectionOption = "relations",
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Show the first N of each kind (0: all).")] = 20,
    min_cut: Annotated[int, typer.Option(
        "--min-cut", min=1, help="Only those that cut off at least this many nodes (1 or more).")] = 1,
    fmt: TabularFormat = "table",
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Articulation points and bridges: the single entities and links whose loss splits the graph."""
    from ..analysis import articulation_points, bridges as run_bridges
    from ..analysis.projections import project

    P = project(_graph(build_dir), projection.value)
    points = articulation_points(P, top=top or None, min_cut=min_cut)
    links = run_bridges(P, top=top or None, min_cut=min_cut)
    limit = 6 if fmt.value == "table" else None
    rows = [{"kind": "node", "entity": r["label"], "cut_off": r["cut_off"], "pieces": r["pieces"],
             "relations": "", "cut_off_members": _joined(r["cut_off_members"], limit)} for r in points["rows"]]
    rows += [{"kind": "link", "entity": f"{r['a']} — {r['b']}", "cut_off": r["cut_off"], "pieces": 2,
              "relations": _joined(r["predicates"]), "cut_off_members": _joined(r["cut_off_members"], limit)}
             for r in links["rows"]]
    whole = {"projection": projection.value, "articulation_points": points["rows"], "bridges": links["rows"]}
    _emit(rows, fmt.value, ["kind", "entity", "cut_off", "pieces", "relations", "cut_off_members"], output, whole)


def path(
    source: Annotated[str, typer.Argument(help="Where the path starts: a label, acronym or IRI (any case).")],
    target: Annotated[str, typer.Argument(help="Where it ends.")],
    allow_unevidenced: Annotated[bool, typer.Option(
        "--allow-unevidenced", help="Also walk relations without evidence where no evidenced path exists.")] = False,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")] = "table",
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """The shortest evidenced path between two entities, each hop with its predicate and quotes."""
    from ..analysis import shortest_path

    res = shortest_path(_graph(build_dir), source, target, evidenced_only=not allow_unevidenced)
    hops = [{"source": h["source"], "predicate": h["predicate"], "target": h["target"], "reading": h["reading"],
             "evidence": [{k: e[k] for k in ("kind", "quote", "paragraph", "document") +
                           (("note", "publication", "locator", "url") if e["kind"] == "cited" else ())}
                          for e in h["evidence"]]}
            for h in res["hops"]]
    if fmt.value == "json":
        doc = {"source": res["source"], "target": res["target"], "length": res["length"], "hops": hops}
        emit(json.dumps(doc, indent=2, ensure_ascii=False), output)
        return
    lines = [f"{res['source']} to {res['target']}: {res['length']} hop(s)"]
    for i, h in enumerate(res["hops"], 1):
        walked = "" if h["direction"] == "forward" else "   (walked backwards)"
        lines.append(f"{i}. {h['source']} --{h['predicate']}--> {h['target']}{walked}")
        for e in h["evidence"]:
            if e.get("kind") == "cited":
                where = ", ".join(x for x in (e.get("publication") or e.get("document"), e.get("locator")) if x)
                lines.append(f"     [cited] {e.get('note')} ({where})")
                continue
            kind = "" if e.get("kind") == "quoted" else f"[{e.get('kind')}] "
            lines.append(f"     {kind}“{' '.join(str(e['quote']).split())}” ({e['document']}, {e['paragraph']})")
        if h.get("reading"):
            lines.append(f"     reading: {h['reading']}")
        if not h["evidence"]:
            lines.append("     (no evidence recorded for this relation)")
    emit("\n".join(lines), output)
