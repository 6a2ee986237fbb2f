"""Commands: fetch (official texts of the catalogue into the user's cache) and verify (citations against them)."""

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import emit, ensure_graph, fail, note, progress, render_rows
from ._options import BuildDir, TableOrJson

CacheDir = Annotated[Optional[Path], typer.Option(
    "--cache", help="Cache folder (default: $SOCKG_CACHE_DIR, else the user cache folder).", metavar="DIR")]


def _catalogue(seeds: Path | None):
    from ..build.catalogue import load_catalogue
    from ..errors import CurationError
    from ..resources import default_seeds_dir

    cat = load_catalogue(seeds if seeds is not None else default_seeds_dir())
    if cat.problems:
        raise CurationError(f"{len(cat.problems)} catalogue problem(s), first: {cat.problems[0]}")
    return cat


def fetch(
    ids: Annotated[Optional[list[str]], typer.Argument(help="Catalogue ids of the publications to fetch.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Fetch every publication in the catalogue.")] = False,
    cache: CacheDir = None,
    base_url: Annotated[Optional[str], typer.Option(
        "--base-url", metavar="URL",
        help="Ask this scheme and host instead of GOV.UK's, with the same paths (a mirror, or a test server).")] = None,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="Ask again for what is cached (conditional requests: an unchanged document is kept).")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the catalogue's fetchable documents; fetch nothing.")] = False,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")] = "table",
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse a download larger than this (bytes).")] = 60 * 1024 * 1024,
    seeds: Annotated[Optional[Path], typer.Option(
        "--seeds", "-s", help="Seeds folder holding catalogue.yaml (default: ./seeds, else the bundled seeds).")] = None,
) -> None:
    """Download the official texts of catalogued publications into the user's cache (never the repository):
    HTML publications through the GOV.UK Content API, PDFs from their asset addresses."""
    from ..fetch import Cache, Client, fetch_documents, fetchable

    cat = _catalogue(seeds)
    pubs = cat.publications
    if list_:
        rows = []
        for p in pubs.values():
            docs = fetchable(p)
            if docs:
                rows.append({"id": p.id, "title": p.title,
                             "url": next((d.url for d in docs if d.kind == "landing"), None),
                             "documents": [{"kind": d.kind, "url": d.url} for d in docs if d.kind != "landing"]})
        if fmt.value == "json":
            emit(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            emit(render_rows([{"id": r["id"], "kind": d["kind"], "url": d["url"]}
                              for r in rows for d in ([{"kind": "landing", "url": r["url"]}] if r["url"] else [])
                              + r["documents"]], "table", ["id", "kind", "url"]))
        return
    if ids and all_:
        fail("give publication ids or --all, not both", code=2)
    if not ids and not all_:
        fail("give the catalogue ids of the publications to fetch, or --all (sockg fetch --list shows them)", code=2)
    chosen = list(pubs) if all_ else list(dict.fromkeys(ids))
    unknown = [i for i in chosen if i not in pubs]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], list(pubs), n=3)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        fail(f"not in the catalogue: {', '.join(unknown)}{hint}", code=2)
    docs = [d for i in chosen for d in fetchable(pubs[i])]
    store = Cache(cache)
    with Client(base_url=base_url, max_bytes=max_bytes) as client, \
            progress(None, "fetching", len(docs), unit="items") as bar:
        def done(outcome):
            bar.advance(1)
            bar.describe(outcome.doc.publication)

        outcomes = fetch_documents(docs, store, client, refresh=refresh, on_done=done)
    rows = [{"id": o.doc.publication, "kind": o.doc.kind, "url": o.doc.url, "status": o.status,
             "reason": o.reason or "", "requests": o.requests} for o in outcomes]
    for o in outcomes:
        if o.status == "failed":
            note(f"failed: {o.reason}")
    if fmt.value == "json":
        emit(json.dumps({"cache": str(store.root), "documents": rows}, indent=2, ensure_ascii=False))
    else:
        emit(render_rows(rows, "table", ["id", "kind", "status", "url"]))
    failed = sum(o.status == "failed" for o in outcomes)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("fetched", "cached", "not modified", "failed")}
    note(f"{len(outcomes)} document(s) into {store.root}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if failed:
        raise typer.Exit(1)


def verify(
    cache: CacheDir = None,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="Output format.")] = "table",
    build_dir: BuildDir = Path("build"),
) -> None:
    """Check every cited statement against the fetched texts: find its place, and the names of its claim there.
    Exit 1 when a place or a name is not found, or a note repeats the fetched text (a statement whose publication
    is not fetched is reported only)."""
    from ..fetch import Cache
    from ..fetch.verify import NO_LOCATOR, NO_NAMES, OUTCOMES, load_texts, summarise, verify as run_verify

    kg = ensure_graph(build_dir)
    store = Cache(cache)
    texts = load_texts(store)
    results = run_verify(kg.store, texts)
    summary = summarise(results)
    if fmt.value == "json":
        emit(json.dumps({"cache": str(store.root), **summary}, indent=2, ensure_ascii=False))
    else:
        rows = [{"publication": p, **c} for p, c in sorted(summary["publications"].items())]
        rows.append({"publication": "all", **summary["total"]})
        lines = [render_rows(rows, "table", ["publication", *OUTCOMES])]
        bad = [f for f in summary["failures"] if f["outcome"] in (NO_LOCATOR, NO_NAMES)]
        if bad:
            lines.append("")
            lines += [f"{f['publication']}: {f['outcome']}: {f['reason']} ({f['note']})" for f in bad]
        if summary["notes_copied"]:
            lines.append("")
            lines += [f"{f['publication']}: the note repeats the fetched text word for word: {f['note']}"
                      for f in summary["notes_copied"]]
        emit("\n".join(lines))
    if not texts:
        note(f"no fetched texts in {store.root}: run 'sockg fetch --all' first (the citations stay unverified)")
    if summary["total"][NO_LOCATOR] or summary["total"][NO_NAMES] or summary["notes_copied"]:
        raise typer.Exit(1)
