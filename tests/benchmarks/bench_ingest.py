"""Speed and scale benchmark for ``sockg ingest``.

Run it by hand (pytest does not collect ``bench_*`` files)::

    python tests/benchmarks/bench_ingest.py               # 100 MB corpus, about two minutes
    python tests/benchmarks/bench_ingest.py --mb 20 --json out.json

Everything is written to a temporary folder (removed afterwards unless
``--keep``), never into the repository:

1. the gazetteer's source: the repository's seeds, built once;
2. a synthetic corpus of strategy-like Markdown
   (:func:`synthetic_text.write_corpus`): ``--mb`` megabytes in files
   of about 1 MB, plus one single document of ``--doc-mb`` and ten times that;
3. child processes, one per measurement, so that each one's peak memory
   (``ru_maxrss``) is its own. Each child loads the gazetteer (not timed),
   then for every file reads it, decodes it, splits it into blocks, extracts
   mentions, references, figures and candidates, builds the JSON report and
   serialises it (all timed), on one core.

It prints throughput in MB/s for a tenth of the corpus and for all of it, the
ratio of their times (10x the input), the same ratio for one document ten
times longer, peak memory, and how dense the text is in mentions and
figures. Times are CPU seconds of the measuring process (one core, whatever
else the machine runs); wall-clock times are printed beside them, and the
speed of a plain Python loop, to compare machines. Targets (issue 6): at least 5 MB/s on the whole corpus, ratio at
most 11. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MIN_MB_PER_S, MAX_RATIO = 5.0, 11.0


def peak_rss() -> int:
    """Peak resident memory of this process in bytes (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child(build_dir: str, files: list[str]) -> dict:
    """Ingest ``files`` against the graph in ``build_dir``; return timings and counts."""
    from sockg.ingest import Gazetteer, ingest_path
    from sockg.ingest.report import to_json
    from sockg.kg import KnowledgeGraph

    t = time.perf_counter()
    gazetteer = Gazetteer.from_kg(KnowledgeGraph(build_dir))
    gazetteer.automaton  # noqa: B018  (compile it before the clock starts)
    setup = time.perf_counter() - t
    counts = {"bytes": 0, "mentions": 0, "figures": 0, "references": 0, "candidates": 0, "json_bytes": 0}
    t, cpu = time.perf_counter(), time.process_time()
    for f in files:
        report = ingest_path(f, gazetteer)
        data = to_json(report.as_dict())  # the JSON text sockg ingest prints
        counts["bytes"] += os.path.getsize(f)
        counts["json_bytes"] += len(data)
        for k in ("mentions", "figures", "references", "candidates"):
            counts[k] += len(getattr(report, k))
        del report, data
    seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - cpu
    return {"files": len(files), "seconds": seconds, "cpu_seconds": cpu_seconds, "setup_seconds": setup,
            "peak_rss": peak_rss(), **counts}


def _python_speed() -> float:
    """Seconds this machine takes for a 10-million-step Python loop (to compare machines)."""
    t = time.process_time()
    s = 0
    for i in range(10_000_000):
        s += i
    return time.process_time() - t


def run_child(build_dir: Path, files: list[Path], label: str) -> dict:
    listing = build_dir.parent / f"{label}.files"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    out = subprocess.run([sys.executable, __file__, "--child", str(build_dir), str(listing)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"child {label} failed:\n{out.stderr}")
    result = json.loads(out.stdout)
    mb = result["bytes"] / 1e6
    print(f"  {label:<20} {mb:7.1f} MB: {result['cpu_seconds']:7.2f} CPU s = {mb / result['cpu_seconds']:5.2f} MB/s "
          f"({result['seconds']:7.2f} s wall = {mb / result['seconds']:5.2f} MB/s), "
          f"peak memory {result['peak_rss'] / 2**20:5.0f} MiB", flush=True)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="Size of the corpus in MB (default 100).")
    ap.add_argument("--doc-mb", type=float, default=2.0, help="Size of the single document; it is also run at 10x.")
    ap.add_argument("--json", type=Path, help="Also write the results to this file.")
    ap.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        files = Path(args.child[1]).read_text(encoding="utf-8").split("\n")
        print(json.dumps(child(args.child[0], files)))
        return 0

    from sockg.build import build
    from synthetic_text import strategy_text, write_corpus

    tmp = Path(tempfile.mkdtemp(prefix="sockg-bench-ingest-"))
    try:
        print(f"working in {tmp}", flush=True)
        t = time.perf_counter()
        build(REPO / "seeds", tmp / "build", REPO / "ontology")
        print(f"built the gazetteer's graph from the repository's seeds in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        corpus = write_corpus(tmp / "corpus", int(args.mb * 1e6), file_size=1_000_000, seed=1)
        one = tmp / "one-document.md"
        ten = tmp / "ten-documents-long.md"
        one.write_text(strategy_text(int(args.doc_mb * 1e6), seed=2), encoding="utf-8")
        ten.write_text(strategy_text(int(args.doc_mb * 10e6), seed=2), encoding="utf-8")
        print(f"generated {args.mb:.0f} MB in {len(corpus)} files and two single documents "
              f"({args.doc_mb:g} and {10 * args.doc_mb:g} MB) in {time.perf_counter() - t:.1f} s\n")
        tenth = corpus[: max(1, len(corpus) // 10)]
        small = run_child(tmp / "build", tenth, "corpus, a tenth")
        whole = run_child(tmp / "build", corpus, "corpus, whole")
        doc1 = run_child(tmp / "build", [one], "one document")
        doc10 = run_child(tmp / "build", [ten], "one document, 10x")
        rate = whole["bytes"] / 1e6 / whole["cpu_seconds"]
        wall_rate = whole["bytes"] / 1e6 / whole["seconds"]
        ratio = whole["cpu_seconds"] / small["cpu_seconds"] * (small["bytes"] * 10 / whole["bytes"])
        doc_ratio = doc10["cpu_seconds"] / doc1["cpu_seconds"] * (doc1["bytes"] * 10 / doc10["bytes"])
        calibration = _python_speed()
        per_mb = {k: round(whole[k] / (whole["bytes"] / 1e6)) for k in ("mentions", "figures", "references",
                                                                       "candidates")}
        print(f"\nthroughput on the whole corpus: {rate:.2f} MB/s of CPU time on one core (target >= {MIN_MB_PER_S:g}); "
              f"{wall_rate:.2f} MB/s by the wall clock")
        print(f"time for 10x the input: x{ratio:.2f} for the corpus, x{doc_ratio:.2f} for one document "
              f"(target <= {MAX_RATIO:g}; both normalised to exactly 10x the bytes)")
        print(f"peak memory: {whole['peak_rss'] / 2**20:.0f} MiB for the corpus, "
              f"{doc10['peak_rss'] / 2**20:.0f} MiB for the {10 * args.doc_mb:g} MB document")
        print(f"per MB of text: {per_mb['mentions']} mentions, {per_mb['figures']} figures, "
              f"{per_mb['references']} references, {per_mb['candidates']} candidate names; "
              f"JSON report {whole['json_bytes'] / whole['bytes']:.1f}x the input")
        print(f"this machine runs a 10-million-step Python loop in {calibration:.2f} s "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        results = {"mb_per_s": rate, "mb_per_s_wall": wall_rate, "ratio_10x_corpus": ratio,
                   "ratio_10x_document": doc_ratio, "python_loop_seconds": calibration,
                   "runs": {"tenth": small, "whole": whole, "document": doc1, "document_10x": doc10},
                   "per_mb": per_mb, "python": sys.version.split()[0], "cpus": os.cpu_count()}
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        missed = [name for name, ok in (("throughput", rate >= MIN_MB_PER_S), ("corpus ratio", ratio <= MAX_RATIO),
                                        ("document ratio", doc_ratio <= MAX_RATIO)) if not ok]
        if missed:
            print(f"target missed: {', '.join(missed)}")
            return 1
        return 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
