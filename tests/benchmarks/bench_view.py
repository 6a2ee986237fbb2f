"""Scale benchmark: a 5,000-node view of the synthetic graph, rendered in Python and laid out in Chromium.

Run it by hand (pytest does not collect ``bench_*`` files)::

    python tests/benchmarks/bench_view.py                      # about 5,000 nodes
    python tests/benchmarks/bench_view.py --nodes 2000 --json out.json --screenshots /tmp/shots

It writes a synthetic N-Triples graph shaped like the real one
(:func:`synthetic_graph.generate_file`) with about ``--nodes`` entity nodes, then
for each layout mode (vis-network physics, then positions from Python):

1. *render*: loads the file (Oxigraph, then :func:`sockg.analysis.to_networkx`)
   and renders the view (:func:`sockg.views.render_view`), timed separately;
2. *browser*: opens the file in headless Debian Chromium with every request that
   is not ``file:``/``data:`` aborted and counted, and measures the time until
   the page has loaded, until vis-network reports ``stabilizationIterationsDone``
   (the view then switches physics off: ``window.sockgView.stabilised``), and how
   long a search (find and focus a node) and a click (highlight its
   neighbourhood) take at that size.

The exit status is 1 when the page made an outside request or raised an error.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_file(folder: Path, nodes: int, seed: int) -> tuple[Path, dict, float]:
    from synthetic_graph import CLASS_SHARES, generate_file

    entities = math.ceil(nodes / sum(CLASS_SHARES.values())) + 25
    path = folder / f"synthetic-{nodes}.nt"
    t = time.perf_counter()
    stats = generate_file(path, entities=entities, seed=seed)
    return path, stats, time.perf_counter() - t


def render(path: Path, physics: bool, out: Path) -> dict:
    from sockg.views import render_view
    from sockg.views.select import load_source

    t0 = time.perf_counter()
    src = load_source(path)
    t1 = time.perf_counter()
    view = render_view(src, physics=physics)
    t2 = time.perf_counter()
    view.write(out)
    return {"nodes": view.nodes, "edges": view.edges, "load_s": round(t1 - t0, 2), "render_s": round(t2 - t1, 2),
            "html_mb": round(out.stat().st_size / 1e6, 2)}


def browse(path: Path, chromium: str, timeout_s: float, screenshot: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    outside, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def route(r):
                if r.request.url.startswith(("file:", "data:")):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("pageerror", lambda e: errors.append(str(e)))
            t0 = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
            loaded = time.perf_counter() - t0
            page.wait_for_function("() => window.sockgView && window.sockgView.stabilised", timeout=timeout_s * 1000,
                                   polling=100)
            settled = time.perf_counter() - t0
            in_page = page.evaluate("() => window.sockgView.stabilisedAt") / 1000.0
            count = page.evaluate("() => window.sockgView.nodes.length")
            target = page.evaluate("() => window.sockgView.info.nodes[window.sockgView.info.nodes.length - 1].label")
            search_ms = page.evaluate("""(q) => { const t = performance.now(); const id = window.sockgView.find(q);
                                         window.sockgView.focusNode(id, {animate: false}); return performance.now() - t; }""",
                                      target)
            click_ms = page.evaluate("""() => { const v = window.sockgView, t = performance.now();
                                        v.highlight(0); v.showNode(0); return performance.now() - t; }""")
            page.wait_for_timeout(300)
            if screenshot is not None:
                page.evaluate("() => window.sockgView.reset()")
                page.wait_for_timeout(300)
                page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    return {"nodes_in_page": count, "loaded_s": round(loaded, 2), "stabilised_s": round(settled, 2),
            "stabilised_in_page_s": round(in_page, 2), "search_ms": round(search_ms), "click_ms": round(click_ms),
            "outside_requests": len(outside), "page_errors": errors}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--nodes", type=int, default=5000, help="entity nodes wanted (default 5000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for the layout (default 600)")
    ap.add_argument("--screenshots", type=Path, help="folder for screenshots of the settled views")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--physics-only", action="store_true", help="skip the view with positions from Python")
    args = ap.parse_args(argv)

    results: dict = {"wanted_nodes": args.nodes}
    with tempfile.TemporaryDirectory(prefix="sockg-bench-view-") as tmp:
        folder = Path(tmp)
        path, stats, gen_s = synthetic_file(folder, args.nodes, args.seed)
        results["synthetic"] = {**stats, "generate_s": round(gen_s, 2)}
        print(f"synthetic graph: {stats['triples']} triples, {stats['entities']} entities, "
              f"{stats['relations']} relations ({gen_s:.1f} s)", flush=True)
        modes = [("physics", True)] + ([] if args.physics_only else [("still", False)])
        ok = True
        for name, physics in modes:
            html = folder / f"view-{name}.html"
            r = render(path, physics, html)
            print(f"[{name}] python: load {r['load_s']} s, render {r['render_s']} s -> {r['nodes']} nodes, "
                  f"{r['edges']} relations, {r['html_mb']} MB", flush=True)
            shot = None
            if args.screenshots:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                shot = args.screenshots / f"bench-{r['nodes']}-{name}.png"
            b = browse(html, args.chromium, args.timeout, shot)
            print(f"[{name}] chromium: loaded {b['loaded_s']} s, stabilised {b['stabilised_s']} s after navigation "
                  f"({b['stabilised_in_page_s']} s by the page's clock); search+focus {b['search_ms']} ms, "
                  f"click highlight {b['click_ms']} ms; outside requests {b['outside_requests']}, "
                  f"page errors {len(b['page_errors'])}" + (f"; screenshot {shot}" if shot else ""), flush=True)
            ok = ok and b["outside_requests"] == 0 and not b["page_errors"] and b["nodes_in_page"] == r["nodes"]
            results[name] = {**r, **b, "screenshot": str(shot) if shot else None}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
