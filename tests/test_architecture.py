"""The shape of the code: no import cycle, each package imports only what its docstring allows,
and the fast paths stay free of heavy libraries.

The import graph is grimp's, which reads every ``import`` statement, those inside functions included.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import grimp
import networkx as nx
import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def imports() -> nx.DiGraph:
    graph = grimp.build_graph("sockg", cache_dir=None)
    D = nx.DiGraph()
    for module in graph.modules:
        D.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            D.add_edge(module, imported)
    return D


def test_no_import_cycle(imports):
    cycles = sorted((c for c in nx.simple_cycles(imports)), key=len)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + [c[0]]) for c in cycles[:5])


def test_the_cycle_check_can_fail():
    D = nx.DiGraph([("sockg.a", "sockg.b"), ("sockg.b", "sockg.a")])
    assert list(nx.simple_cycles(D))


def _component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "sockg"


PACKAGES = sorted(p.parent.name for p in (REPO / "sockg").glob("*/__init__.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_what_its_docstring_allows(imports, package):
    doc = importlib.import_module(f"sockg.{package}").__doc__ or ""
    m = re.search(r"Imports from sockg: ([^.]*)\.", doc.replace("\n", " "))
    assert m, f"sockg/{package}/__init__.py: the docstring should say 'Imports from sockg: ...'"
    if m.group(1).startswith("anything"):
        return
    allowed = {a.strip() for a in m.group(1).split(",")} | {package}
    used = {_component(b) for a, b in imports.edges if _component(a) == package}
    assert used <= allowed, f"sockg.{package} imports {sorted(used - allowed)}, which its docstring does not allow"


@pytest.mark.parametrize("module", ["sockg.cli", "sockg.kg", "sockg.query", "sockg.build"])
def test_the_fast_paths_load_no_heavy_library(module):
    """``sockg --help`` and ``sockg query`` start fast: rdflib, pySHACL and networkx load only where used."""
    code = f"import sys, {module}; print(sorted(m for m in ('rdflib', 'pyshacl', 'networkx', 'matplotlib') " \
           "if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]", out.stdout
