"""Commands: build, validate, stats, export, entity."""

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import emit, ensure_graph, fail, note, render_rows
from ._options import BuildDir, ExportFormat, OutputFile, TableOrJson, TextOrJson


def build(
    seeds: Annotated[Optional[Path], typer.Option(
        "--seeds", "-s", help="Folder of seed documents (default: ./seeds, else the bundled seeds).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    ontology: Annotated[Optional[Path], typer.Option(
        "--ontology", help="Ontology folder (default: the bundled one).")] = None,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="Summary format.")] = "table",
    cache: Annotated[Optional[Path], typer.Option(
        "--cache", metavar="DIR",
        help="Fetched texts to verify citations against (default: $SOCKG_CACHE_DIR, else the user cache).")] = None,
    with_fetched: Annotated[bool, typer.Option(
        "--with-fetched", help="Also ingest the fetched texts (mentions, references, figures as extracted "
                               "evidence).")] = False,
) -> None:
    """Build the graph from the seeds: verify every quote, validate with SHACL, write OUT/sockg.ttl and a store.
    Citations are verified against the fetched texts when the cache holds any ('sockg fetch')."""
    from ..build import build as run_build
    from ..build.support import fidelity_line

    result = run_build(seeds, out, ontology, cache=cache, with_fetched=with_fetched)
    for w in result.warnings:
        note(f"warning: support: {w}")
    if fmt.value == "json":
        emit(json.dumps(result.as_dict(), indent=2))
        return
    lines = [
        f"built {out / 'sockg.ttl'} from {', '.join(result.seeds)}",
        f"  triples          {result.triples}",
        f"  claims           {result.claims}",
        f"  evidence records {result.evidence}",
        f"  fidelity         {fidelity_line(result.fidelity)}",
        f"  citations        {_verification_line(result.verification)}",
        f"  time             {result.seconds:.2f} s "
        f"({', '.join(f'{k} {v:.2f}' for k, v in result.timings.items())})",
        "  instances by class:",
    ]
    shown = {k: v for k, v in result.classes.items() if k.startswith(("sockg:", "skos:", "org:"))}
    width = max(len(k) for k in shown) if shown else 0
    lines += [f"    {k.ljust(width)}  {v}" for k, v in shown.items()]
    emit("\n".join(lines))


def _verification_line(v: dict | None) -> str:
    if not v:
        return "not verified here (no fetched texts; 'sockg fetch --all', then build again)"
    parts = ", ".join(f"{n} {k}" for k, n in v["total"].items() if n)
    return f"{v['statements']} cited statements against the fetched texts: {parts}"


def validate(
    input: Annotated[Optional[Path], typer.Option(
        "--input", "-i", help="An RDF file to validate instead of the built graph (the ontology is added to it).")] = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Validate the graph: SHACL shapes, every statement backed by an evidenced claim, and every claim stated by its
    evidence or marked as a reading; print each violation on one line and exit 1 if any."""
    from ..build import validate_graph
    from ..build.inputs import load_ontology
    from ..resources import ontology_dir
    from ..terms import read_graph

    if input is not None:
        g = load_ontology(ontology_dir())
        before = len(g)
        read_graph(input, into=g)  # parsed by Oxigraph: no remote JSON-LD context is fetched
        if len(g) == before:
            fail(f"{input}: no triples to validate")
        target, store = str(input), None
    else:
        kg = ensure_graph(build_dir)
        g, target, store = kg.graph, str(kg.ttl_path), kg.store
    violations = validate_graph(g, store=store, support=True)
    for v in violations:
        typer.echo(v)
    if violations:
        fail(f"{target}: {len(violations)} violation(s)")
    note(f"{target} conforms to the shapes, every statement has an evidenced claim and every claim is stated by its "
         f"evidence or marked as a reading ({len(g)} triples)")


def stats(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")] = "table",
    build_dir: BuildDir = Path("build"),
) -> None:
    """Counts of triples, instances by class and triples by predicate."""
    s = ensure_graph(build_dir).stats()
    if fmt.value == "json":
        emit(json.dumps(s, indent=2))
        return
    out = [f"triples: {s['triples']}", "", "instances by class:"]
    out.append(render_rows([{"class": k, "count": v} for k, v in s["classes"].items()], "table").rstrip())
    out += ["", "triples by predicate:"]
    out.append(render_rows([{"predicate": k, "count": v} for k, v in s["predicates"].items()], "table").rstrip())
    emit("\n".join(out))


def export(
    export_format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="Turtle, N-Triples, JSON-LD, GraphML or GEXF.")],
    output: OutputFile = None,
    build_dir: BuildDir = Path("build"),
) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD, GraphML or GEXF (the last two for Gephi)."""
    from ..export import export as run_export

    data = run_export(ensure_graph(build_dir), export_format.value)
    emit(data, output)
    if output is not None:
        note(f"wrote {output} ({len(data)} bytes)")


def entity(
    name: Annotated[str, typer.Argument(help="A label, acronym, variant or IRI (any case).")],
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")] = "text",
    build_dir: BuildDir = Path("build"),
) -> None:
    """Everything known about one entity, with the evidence behind each relation."""
    info = ensure_graph(build_dir).entity(name)
    emit(json.dumps(info, indent=2, ensure_ascii=False) if fmt.value == "json" else format_entity(info))


def format_entity(info: dict) -> str:
    """``sockg entity``'s text: names, attributes, relations and mentions, each with its evidence."""
    out = [f"{info['label']}", f"  IRI:   {info['iri']}", f"  types: {', '.join(info['types'])}"]
    if info["alt_labels"]:
        out.append(f"  also:  {', '.join(info['alt_labels'])}")
    if info["govuk_code"]:
        out.append(f"  GOV.UK organisation code: {info['govuk_code']}")
    if info["definition"]:
        out.append(f"  definition: {info['definition']}")
    pub = info.get("publication")
    if pub:
        out.append(f"  catalogue id: {pub['id']}")
        for label, urls in (("GOV.UK page", [pub["landing_page"]] if pub["landing_page"] else []),
                            ("HTML", pub["html"]), ("PDF", pub["pdf"])):
            out += [f"  {label}: {u}" for u in urls]

    def cite(ev: dict) -> str:
        if ev.get("kind") == "cited":
            where = ", ".join(x for x in (ev.get("publication") or ev.get("document"), ev.get("locator")) if x)
            line = f"      [cited] {ev.get('note')} ({where})"
            return line + (f"\n        {ev['url']}" if ev.get("url") else "")
        quote = " ".join(ev["quote"].split())
        kind = "" if ev.get("kind") == "quoted" else f"[{ev.get('kind')}] "
        if ev.get("verifies"):
            kind = "[verified in the fetched text] "
        line = f"      {kind}“{quote}” ({ev['document']}, {ev['paragraph']}, chars {ev['start']}-{ev['end']})"
        sentence = " ".join((ev.get("sentence") or "").split())
        if sentence and len(quote) < 0.6 * len(sentence):
            line += f"\n        in: “{sentence}”"
        return line

    if info["attributes"]:
        out.append("  attributes:")
        for a in info["attributes"]:
            out.append(f"    {a['predicate']} = {a['value']}")
            out += [cite(e) for e in a["evidence"]]
            if a.get("reading"):
                out.append(f"      reading: {a['reading']}")
    if info["relations"]:
        out.append("  relations:")
        for r in info["relations"]:
            arrow = f"{r['predicate']} → {r['other_label']}" if r["direction"] == "out" \
                else f"← {r['predicate']} {r['other_label']}"
            out.append(f"    {arrow}" + (f"   [{r['method']}]" if r["method"] != "curated" else ""))
            out += [cite(e) for e in r["evidence"]]
            if r.get("reading"):
                out.append(f"      reading: {r['reading']}")
            if r["note"]:
                out.append(f"      note: {r['note']}")
    if info["mentions"]:
        out.append(f"  mentioned {len(info['mentions'])} time(s):")
        out += [cite(e) for e in info["mentions"]]
    return "\n".join(out)
