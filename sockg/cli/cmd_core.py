"""Commands: build, validate, stats, export, entity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ._app import (BUILD_DIR_OPTION, app, check_choice, ensure_graph, fail, handles_errors, note, render_rows,
                   write_atomic, write_output)


@app.command()
@handles_errors
def build(
    seeds: Optional[Path] = typer.Option(None, "--seeds", "-s", help="Folder of seed documents (default: ./seeds, else the bundled seeds)."),
    out: Path = typer.Option(Path("build"), "--out", "-o", help="Output folder."),
    ontology: Optional[Path] = typer.Option(None, "--ontology", help="Ontology folder (default: the bundled one)."),
    fmt: str = typer.Option("table", "--format", "-f", help="Summary format: table or json."),
) -> None:
    """Build the graph from the seeds: verify every quote, validate with SHACL, write OUT/sockg.ttl and a store."""
    from ..build import build as run_build

    check_choice(fmt, ("table", "json"), "format")
    result = run_build(seeds, out, ontology)
    d = result.as_dict()
    if fmt == "json":
        write_output(json.dumps(d, indent=2), None)
        return
    lines = [
        f"built {out / 'sockg.ttl'} from {', '.join(result.seeds)}",
        f"  triples          {result.triples}",
        f"  claims           {result.claims}",
        f"  evidence records {result.evidence}",
        f"  time             {result.seconds:.2f} s "
        f"({', '.join(f'{k} {v:.2f}' for k, v in result.timings.items())})",
        "  instances by class:",
    ]
    shown = {k: v for k, v in result.classes.items() if k.startswith(("sockg:", "skos:", "org:"))}
    width = max(len(k) for k in shown) if shown else 0
    lines += [f"    {k.ljust(width)}  {v}" for k, v in shown.items()]
    write_output("\n".join(lines), None)


@app.command()
@handles_errors
def validate(
    input: Optional[Path] = typer.Option(None, "--input", "-i", help="An RDF file to validate instead of the built graph (the ontology is added to it)."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Validate the graph against ontology/shapes.ttl; print each violation on one line and exit 1 if any."""
    from ..build.inputs import load_ontology
    from ..build import validate_graph
    from ..terms import read_graph
    from ..resources import ontology_dir

    if input is not None:
        g = load_ontology(ontology_dir())
        before = len(g)
        read_graph(input, into=g)  # parsed by Oxigraph: no remote JSON-LD context is fetched
        if len(g) == before:
            fail(f"{input}: no triples to validate")
        target = str(input)
    else:
        kg = ensure_graph(build_dir)
        g = kg.graph
        target = str(kg.ttl_path)
    violations = validate_graph(g)
    for v in violations:
        typer.echo(v)
    if violations:
        fail(f"{target}: {len(violations)} violation(s)")
    note(f"{target} conforms to the shapes ({len(g)} triples)")


@app.command()
@handles_errors
def stats(
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Counts of triples, instances by class and triples by predicate."""
    check_choice(fmt, ("table", "json"), "format")
    s = ensure_graph(build_dir).stats()
    if fmt == "json":
        write_output(json.dumps(s, indent=2), None)
        return
    out = [f"triples: {s['triples']}", "", "instances by class:"]
    out.append(render_rows([{"class": k, "count": v} for k, v in s["classes"].items()], "table").rstrip())
    out += ["", "triples by predicate:"]
    out.append(render_rows([{"predicate": k, "count": v} for k, v in s["predicates"].items()], "table").rstrip())
    write_output("\n".join(out), None)


@app.command()
@handles_errors
def export(
    fmt: str = typer.Option(..., "--format", "-f", help="ttl, nt, jsonld, graphml or gexf."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD, GraphML or GEXF (the last two for Gephi)."""
    from ..export import EXPORTERS, export as run_export

    check_choice(fmt, tuple(EXPORTERS), "export format")
    data = run_export(ensure_graph(build_dir), fmt)
    if output is None:
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
        note(f"wrote {output} ({len(data)} bytes)")


@app.command()
@handles_errors
def entity(
    name: str = typer.Argument(..., help="A label, acronym, variant or IRI (any case)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    build_dir: Path = BUILD_DIR_OPTION,
) -> None:
    """Everything known about one entity, with the quote behind each relation."""
    check_choice(fmt, ("text", "json"), "format")
    info = ensure_graph(build_dir).entity(name)
    if fmt == "json":
        write_output(json.dumps(info, indent=2, ensure_ascii=False), None)
        return
    write_output(format_entity(info), None)


def format_entity(info: dict) -> str:
    out = [f"{info['label']}", f"  IRI:   {info['iri']}", f"  types: {', '.join(info['types'])}"]
    if info["alt_labels"]:
        out.append(f"  also:  {', '.join(info['alt_labels'])}")
    if info["govuk_code"]:
        out.append(f"  GOV.UK organisation code: {info['govuk_code']}")
    if info["definition"]:
        out.append(f"  definition: {info['definition']}")

    def cite(ev: dict) -> str:
        quote = " ".join(ev["quote"].split())
        line = f"      “{quote}” ({ev['document']}, {ev['paragraph']}, chars {ev['start']}-{ev['end']})"
        sentence = " ".join((ev.get("sentence") or "").split())
        if sentence and len(quote) < 0.6 * len(sentence):
            line += f"\n        in: “{sentence}”"
        return line

    if info["attributes"]:
        out.append("  attributes:")
        for a in info["attributes"]:
            out.append(f"    {a['predicate']} = {a['value']}")
            out += [cite(e) for e in a["evidence"]]
    if info["relations"]:
        out.append("  relations:")
        for r in info["relations"]:
            arrow = f"{r['predicate']} → {r['other_label']}" if r["direction"] == "out" else f"← {r['predicate']} {r['other_label']}"
            out.append(f"    {arrow}" + (f"   [{r['method']}]" if r["method"] != "curated" else ""))
            out += [cite(e) for e in r["evidence"]]
            if r["note"]:
                out.append(f"      note: {r['note']}")
    if info["mentions"]:
        out.append(f"  mentioned {len(info['mentions'])} time(s):")
        out += [cite(e) for e in info["mentions"]]
    return "\n".join(out)
