"""A pool of query worker processes with a deadline that cannot be ignored.

Each job goes to an idle worker; if its answer has not come back by the
deadline, the worker process is killed (SIGKILL: nothing inside it can
refuse) and a fresh one is started in the background. Other workers keep
answering other clients meanwhile.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time

from ..errors import SockgError

__all__ = ["WorkerPool", "QueryTimeout", "PoolBusy", "WorkerFailed"]


class QueryTimeout(SockgError):
    """A query ran past its deadline and its worker was stopped."""


class PoolBusy(SockgError):
    """No worker became free before the deadline."""


class WorkerFailed(SockgError):
    """A worker could not start, or died while answering."""


class _Worker:
    def __init__(self, process, conn):
        self.process = process
        self.conn = conn

    def kill(self) -> None:
        try:
            self.process.kill()
        except (OSError, ValueError):
            pass
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes serving the store described by ``source`` (``build_dir`` or ``data``)."""

    def __init__(self, source: dict, size: int = 2, *, isolate: bool = True, start_timeout: float = 60.0):
        self.source = dict(source)
        self.size = size
        self.isolate = isolate
        self.start_timeout = start_timeout
        self.isolated: bool | None = None
        self.why_not_isolated: str | None = None
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._workers: set[_Worker] = set()
        self.killed = 0
        self._wanted: queue.Queue[int] = queue.Queue()
        for _ in range(size):
            self._idle.put(self._start())
        threading.Thread(target=self._spawner, daemon=True, name="sockg-worker-spawner").start()

    def _start(self) -> _Worker:
        from .worker import worker_main

        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=worker_main, args=(child, self.source, self.isolate), daemon=True,
                                 name="sockg-query-worker")
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        if not parent.poll(self.start_timeout):
            w.kill()
            raise WorkerFailed(f"a query worker did not start within {self.start_timeout:.0f} s")
        try:
            hello = parent.recv()
        except (EOFError, OSError):
            w.kill()
            raise WorkerFailed("a query worker died while starting") from None
        if not hello.get("ready"):
            w.kill()
            raise WorkerFailed(f"a query worker could not open the graph: {hello.get('error')}")
        self.isolated = hello["isolated"]
        self.why_not_isolated = hello["why_not"]
        with self._lock:
            self._workers.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._workers.discard(dead)
        dead.kill()
        if not self._closed:
            self._wanted.put(1)

    def _spawner(self) -> None:
        """Start replacement workers, one per request, for as long as the pool lives.

        One long-lived thread starts them all: a worker asks the kernel to kill
        it when the *thread* that started it ends (so that no worker outlives a
        killed server), so that thread must not be a short-lived one.
        """
        while True:
            self._wanted.get()
            if self._closed:
                return
            try:
                w = self._start()
            except WorkerFailed:
                time.sleep(1.0)
                self._wanted.put(1)
                continue
            if self._closed:
                w.kill()
                return
            self._idle.put(w)

    def run(self, job: dict, timeout: float) -> dict:
        """Answer ``job`` within ``timeout`` seconds (waiting for a free worker included)."""
        deadline = time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=max(0.0, timeout))
        except queue.Empty:
            raise PoolBusy(f"every query worker stayed busy for the whole {timeout:g} s timeout; "
                           "try again later") from None
        try:
            w.conn.send(job)
            if w.conn.poll(max(0.0, deadline - time.monotonic())):
                answer = w.conn.recv()
                self._idle.put(w)
                return answer
        except (EOFError, OSError):
            self._replace(w)
            raise WorkerFailed("the query worker died while answering (out of memory?)") from None
        self.killed += 1
        self._replace(w)
        raise QueryTimeout(f"the query was stopped at the {timeout:g} s timeout")

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        self._wanted.put(0)
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.kill()
            else:
                w.conn.close()
