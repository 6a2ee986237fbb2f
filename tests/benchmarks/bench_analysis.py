"""Scale benchmark: RDF-to-networkx conversion and every analysis on a synthetic graph.

Run it by hand (pytest does not collect ``bench_*`` files)::

    python tests/benchmarks/bench_analysis.py                 # 1M triples, about two minutes
    python tests/benchmarks/bench_analysis.py --triples 100000 --json out.json

It writes a synthetic N-Triples graph shaped like the real one
(:func:`synthetic_graph.generate_file`), then runs two child processes so that
each one's peak memory (``ru_maxrss``) is its own:

1. *convert*: load the file into an in-memory Oxigraph store, then
   :func:`sockg.analysis.to_networkx`;
2. *analyses*: the same conversion, then each analysis in turn, timed one by
   one (peak memory is reported as it grows).

Targets (issue 4): conversion of 1M triples in under 20 s and under 4 GiB; each
analysis under 60 s. Betweenness is estimated from sampled sources above
:data:`sockg.analysis.centrality.BETWEENNESS_EXACT_LIMIT` nodes; the output
says so and extrapolates what the exact computation would cost. The exit
status is 1 when a target is missed.

The synthetic graph has no ``sockg:mentionedIn`` claims, so the co-mention
projection is measured with ``include_relations=True`` (relation evidence
counts as naming both ends).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONVERT_SECONDS, CONVERT_BYTES, ANALYSIS_SECONDS = 20.0, 4 * 1024 ** 3, 60.0


def peak_rss() -> int:
    """Peak resident memory of this process in bytes (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def load(path: str):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    return store


def child_convert(path: str) -> dict:
    from sockg.analysis import to_networkx

    t = time.perf_counter()
    store = load(path)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    G = to_networkx(store)
    convert_s = time.perf_counter() - t
    return {"load_s": load_s, "convert_s": convert_s, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "peak_rss": peak_rss()}


def child_analyses(path: str) -> dict:
    from sockg import analysis as A
    from sockg.analysis.common import is_strand, is_threat

    G = A.to_networkx(load(path))
    out = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "steps": []}
    threat = next(n for n, d in G.nodes(data=True) if is_threat(d))
    strand = next(n for n, d in G.nodes(data=True) if is_strand(d))
    projections = {}

    def step(name, func, note=""):
        t = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - t
        out["steps"].append({"step": name, "seconds": round(seconds, 2), "peak_rss": peak_rss(), "note": note})
        print(f"  {name:42} {seconds:7.2f} s", file=sys.stderr, flush=True)
        return result

    for name in A.PROJECTIONS:
        opts = {"include_relations": True} if name == "co-mention" else {}
        P = step(f"project {name}", lambda: A.project(G, name, **opts),
                 "relation evidence counted as mentions" if opts else "")
        projections[name] = P
        out.setdefault("projection_sizes", {})[name] = [P.number_of_nodes(), P.number_of_edges()]
    rel = projections["relations"]
    res = step("centrality relations", lambda: A.centrality(rel))
    b = res["betweenness"]
    out["steps"][-1]["note"] = "exact betweenness" if b["exact"] else f"betweenness sampled, k={b['k']}"
    if not b["exact"]:
        import networkx as nx

        t = time.perf_counter()
        nx.betweenness_centrality(rel, k=32, seed=1)
        per_source = (time.perf_counter() - t) / 32
        out["exact_betweenness_estimate_s"] = round(per_source * rel.number_of_nodes(), 1)
    step("centrality organisation-strand", lambda: A.centrality(projections["organisation-strand"]))
    step("centrality co-mention", lambda: A.centrality(projections["co-mention"]))
    res = step("communities relations (louvain)", lambda: A.communities(rel))
    out["steps"][-1]["note"] = f"{len(res['communities'])} communities"
    step("communities organisation-threat", lambda: A.communities(projections["organisation-threat"]))
    step("shortest_path strand to threat", lambda: A.shortest_path(G, strand, threat))
    for m in ("threat-strand", "threat-objective", "organisation-strand", "organisation-threat"):
        step(f"coverage {m}", lambda: A.coverage(G, m))
    res = step("overlap all", lambda: A.overlap(G, "all", top=50))
    step("gaps (all checks)", lambda: A.gaps(G))
    step("articulation points relations", lambda: A.articulation_points(rel, top=20))
    step("bridges relations", lambda: A.bridges(rel, top=20))
    out["peak_rss"] = peak_rss()
    return out


def run_child(kind: str, path: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--file", path],
                          capture_output=False, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def gib(n: int) -> str:
    return f"{n / 1024 ** 3:.2f} GiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--file", help="Use (or keep) the synthetic graph at this path.")
    ap.add_argument("--json", help="Also write the numbers to this file.")
    ap.add_argument("--child", choices=["convert", "analyses"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        result = child_convert(args.file) if args.child == "convert" else child_analyses(args.file)
        print(json.dumps(result))
        return 0

    from synthetic_graph import generate_file

    tmp = tempfile.TemporaryDirectory(prefix="sockg-bench-")
    path = Path(args.file) if args.file else Path(tmp.name) / "synthetic.nt"
    if not path.exists():
        t = time.perf_counter()
        stats = generate_file(path, triples=args.triples, seed=args.seed)
        print(f"generated {path}: {stats['triples']} triples, {stats['entities']} entities, "
              f"{stats['relations']} relations ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    print(f"machine: {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}", file=sys.stderr)

    conv = run_child("convert", str(path))
    print("analyses (after a conversion of their own):", file=sys.stderr)
    ana = run_child("analyses", str(path))
    ok = True
    lines = [f"RDF to networkx on {path.name} ({path.stat().st_size / 1e6:.0f} MB of N-Triples)",
             f"  load into Oxigraph      {conv['load_s']:7.2f} s",
             f"  to_networkx             {conv['convert_s']:7.2f} s   target < {CONVERT_SECONDS:.0f} s",
             f"  peak memory (both)      {gib(conv['peak_rss'])}   target < {gib(CONVERT_BYTES)}",
             f"  graph                   {conv['nodes']} nodes, {conv['edges']} edges"]
    ok &= conv["convert_s"] < CONVERT_SECONDS and conv["peak_rss"] < CONVERT_BYTES
    lines += ["", f"analyses (target < {ANALYSIS_SECONDS:.0f} s each)"]
    for s in ana["steps"]:
        miss = s["seconds"] >= ANALYSIS_SECONDS
        ok &= not miss
        lines.append(f"  {s['step']:42} {s['seconds']:7.2f} s   peak {gib(s['peak_rss'])}"
                     + (f"   ({s['note']})" if s["note"] else "") + ("   MISSED" if miss else ""))
    lines.append("  projection sizes (nodes, edges): "
                 + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in ana["projection_sizes"].items()))
    if "exact_betweenness_estimate_s" in ana:
        lines.append(f"  exact betweenness on the relations projection would take about "
                     f"{ana['exact_betweenness_estimate_s']:.0f} s (extrapolated from 32 sources)")
    lines.append(f"  peak memory of the analyses process: {gib(ana['peak_rss'])}")
    lines.append("all targets met" if ok else "SOME TARGETS MISSED")
    print("\n".join(lines))
    if args.json:
        Path(args.json).write_text(json.dumps({"convert": conv, "analyses": ana, "ok": ok}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
