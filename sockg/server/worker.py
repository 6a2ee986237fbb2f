"""The query worker: a separate process that opens the store and answers one job at a time.

Queries run here, not in the HTTP process, so a query that must stop at its
deadline can be stopped for certain: the pool kills the process (Oxigraph's
own timeout does not stop every query). Before it opens the store, a worker
also tries to give up the network for good (a new, empty network namespace),
so even a query that slipped past the checks could reach no URL; where the
system does not allow that, the checks in :mod:`sockg.query.safety` remain the
only guard and the server says so when it starts.

A job is a dict: ``text`` (checked SPARQL) or ``name`` with ``params``, and
``fmt`` and ``max_rows``. The answer is a dict with ``status``,
``content_type``, ``body`` and ``headers``.
"""

from __future__ import annotations

import ctypes
import os
import signal

__all__ = ["worker_main", "isolate_network", "execute"]

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1


def isolate_network() -> str | None:
    """Move this (single-threaded) process into new user and network namespaces, which have no network.

    Returns ``None`` on success, else why it could not be done.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
            return os.strerror(ctypes.get_errno())
    except (OSError, AttributeError) as exc:  # not Linux, or no unshare
        return str(exc)
    return None


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent goes (strictly: when the thread that started it ends).

    So a worker busy with a runaway query cannot outlive a server that was
    killed. The pool starts workers only from long-lived threads.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _open_target(source: dict):
    from ..query import LocalTarget
    from ..query.engine import label_resolver
    from ..terms import open_store

    if "build_dir" in source:
        from ..kg import KnowledgeGraph

        kg = KnowledgeGraph(source["build_dir"])
        return LocalTarget(kg.store, kg.resolve)
    store = open_store(source["data"])
    return LocalTarget(store, label_resolver(store))


def execute(target, job: dict) -> dict:
    """Run one job on ``target``; errors in the query become a 400 answer with one line of text."""
    from ..errors import QueryRefusedError, SockgError
    from ..query import bind_values, get_named_query, parse_assignments
    from ..query.formats import GRAPH_FORMATS, RESULT_FORMATS, boolean_to_bytes, rows_to_bytes, triples_to_bytes

    try:
        if job.get("name"):
            nq = get_named_query(job["name"])
            bindings = bind_values(nq, parse_assignments(job.get("params")), target.resolve)
            result = target.run(nq.text, bindings=bindings)
        else:
            result = target.run(job["text"])
        fmt, limit, headers = job["fmt"], job["max_rows"], {}
        if result.form == "ask":
            body = boolean_to_bytes(result.boolean, fmt)
        else:
            items = []
            source = result.rows() if result.form == "select" else result.triples()
            for item in source:
                if len(items) == limit:
                    headers["Sockg-Truncated"] = str(limit)
                    break
                items.append(item)
            body = rows_to_bytes(result.variables, items, fmt) if result.form == "select" \
                else triples_to_bytes(items, fmt)
        media = (GRAPH_FORMATS if result.form == "graph" else RESULT_FORMATS)[fmt].media_type
        return {"status": 200, "content_type": media, "body": body, "headers": headers}
    except QueryRefusedError as exc:
        return {"status": 403, "content_type": "text/plain", "body": str(exc).encode(), "headers": {}}
    except SockgError as exc:
        return {"status": 400, "content_type": "text/plain", "body": str(exc).encode(), "headers": {}}
    except (KeyError, ValueError) as exc:
        return {"status": 400, "content_type": "text/plain", "body": f"bad request: {exc}".encode(), "headers": {}}


def worker_main(conn, source: dict, isolate: bool) -> None:
    """Entry point of a worker process: isolate, open the store, then answer jobs until told to stop."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the server's to handle
    why_not = isolate_network() if isolate else "not asked"
    try:
        target = _open_target(source)
    except Exception as exc:  # report any failure to open, then stop
        conn.send({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    conn.send({"ready": True, "isolated": why_not is None, "why_not": why_not})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(execute(target, job))
