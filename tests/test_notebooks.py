"""Every notebook in ``notebooks/`` runs top to bottom in a fresh kernel, quickly, and leaves no files behind.

The kernel is this interpreter (``sys.executable``), declared through a
kernelspec named ``python3`` in a temporary ``JUPYTER_PATH``, so the test does
not depend on which ``python`` is first on ``PATH`` or on kernels installed
elsewhere on the machine.
"""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

from conftest import REPO

NOTEBOOKS = REPO / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
#: Seconds a notebook may take, kernel start included.
BUDGET = 60


def test_there_are_the_analyst_notebooks():
    names = [p.name for p in PATHS]
    for prefix in ("01-", "02-", "03-"):
        assert any(n.startswith(prefix) for n in names), names


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_is_committed_without_bulky_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    size = sum(len(json.dumps(c.get("outputs", []))) for c in nb["cells"] if c["cell_type"] == "code")
    assert size < 200_000, f"{path.name} carries {size} bytes of outputs"


@pytest.fixture(scope="module")
def python3_kernel(tmp_path_factory):
    """A JUPYTER_PATH whose ``python3`` kernel is the interpreter running the tests."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (sockg tests)", "language": "python",
    }), encoding="utf-8")
    return root


def _snapshot() -> set:
    """Files in notebooks/ and names at the top of the repository (what a notebook might litter)."""
    inside = {p.relative_to(REPO) for p in NOTEBOOKS.rglob("*") if ".ipynb_checkpoints" not in p.parts}
    return inside | {p.relative_to(REPO) for p in REPO.iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_runs_clean_in_a_fresh_kernel(path, python3_kernel, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(python3_kernel) + os.pathsep + os.environ.get("JUPYTER_PATH", ""))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    before = _snapshot()
    t0 = time.perf_counter()
    client = NotebookClient(nb, timeout=BUDGET, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    took = time.perf_counter() - t0
    assert took < BUDGET, f"{path.name} took {took:.1f} s"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error" or (o.get("name") == "stderr" and "Traceback" in o.get("text", ""))]
    assert not errors, errors
    assert _snapshot() == before, f"{path.name} left files behind: {sorted(map(str, _snapshot() ^ before))}"
