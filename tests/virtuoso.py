"""A throwaway Virtuoso (Debian's ``virtuoso-opensource-7-bin``) on loopback, for the store tests and CI.

``start(folder)`` writes a minimal ``virtuoso.ini`` into ``folder`` (database, temporary database and logs
there; SQL and HTTP on 127.0.0.1, free ports), starts ``virtuoso-t`` in the foreground, waits for
``/sparql`` to answer, then, through ``isql-vt`` as the ``dba`` user:

* grants ``SPARQL_UPDATE`` to the ``SPARQL`` user, which the unauthenticated Graph Store endpoint
  (``/sparql-graph-crud``) runs as;
* creates the user ``sockg`` (password ``SOCKG_TEST_VIRTUOSO_PASSWORD``, default ``sockg-test``) with
  ``SPARQL_UPDATE``, for the Digest-authenticated endpoint (``/sparql-graph-crud-auth``).

``.ci/run`` uses it as ``python tests/virtuoso.py start DIR``, which prints ``URL PID`` and leaves the server
running; the ``virtuoso_server`` fixture starts its own when CI has not.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

USER = "sockg"
PASSWORD = os.environ.get("SOCKG_TEST_VIRTUOSO_PASSWORD", "sockg-test")

INI = """[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql}
DisableUnixSocket  = 1
NumberOfBuffers    = 20000
MaxDirtyBuffers    = 15000
DirsAllowed        = ., {d}

[HTTPServer]
ServerPort         = 127.0.0.1:{http}
ServerThreads      = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows   = 100000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def available() -> bool:
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


def _isql(sql_port: int, statements: str) -> None:
    out = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0 or "Error" in out.stdout + out.stderr:
        raise RuntimeError(f"isql-vt failed: {out.stdout} {out.stderr}")


def start(folder: str | Path) -> tuple[subprocess.Popen, str]:
    """Start Virtuoso with its files in ``folder``; return the process and its HTTP base URL."""
    d = Path(folder).resolve()
    d.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql=sql, http=http), encoding="utf-8")
    log = open(d / "stdout.log", "wb")
    proc = subprocess.Popen(["virtuoso-t", "+configfile", str(d / "virtuoso.ini"), "+foreground"],
                            cwd=d, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{http}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited: {(d / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.terminate()
                raise RuntimeError("virtuoso did not answer on /sparql within 120 s") from None
            time.sleep(0.5)
    _isql(sql, f'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.USER_CREATE (\'{USER}\', \'{PASSWORD}\'); '
               f'GRANT SPARQL_UPDATE TO "{USER}";')
    return proc, base


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "start":
        sys.exit("usage: python tests/virtuoso.py start DIR")
    p, url = start(sys.argv[2])
    print(url, p.pid)
