"""The Python API analysts use from notebooks: sockg.load, kg.entity, kg.select, kg.query."""

from __future__ import annotations

import pytest

import sockg
from sockg.errors import BuildMissingError, EntityNotFoundError, QueryRefusedError


def test_load_builds_when_missing_and_not_again(tmp_path):
    from conftest import SEEDS

    out = tmp_path / "b"
    kg = sockg.load(out, SEEDS)
    assert (out / "sockg.ttl").is_file()
    stamp = (out / "manifest.json").stat().st_mtime_ns
    kg2 = sockg.load(out)  # up to date against the seeds it was built from
    assert (out / "manifest.json").stat().st_mtime_ns == stamp
    assert kg2.entity("NCA")["label"] == kg.entity("NCA")["label"] == "National Crime Agency"
    with pytest.raises(BuildMissingError):
        sockg.load(tmp_path / "none", rebuild="never")


def test_query_runs_checked_and_named_queries(kg):
    rows = kg.query(name="strand-partners", params={"strand": "Prevent"}).to_python()
    assert {r["organisation"] for r in rows} >= {"Department for Education", "Ministry of Justice"}
    assert kg.query("ASK { ?s a sockg:Strategy }").to_python() is True
    with pytest.raises(QueryRefusedError):
        kg.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryRefusedError):
        kg.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_select_gives_numbers_for_figures(kg):
    rows = kg.select("SELECT ?v WHERE { ?f sockg:unit 'GBP' ; sockg:value ?v } ORDER BY DESC(?v)")
    assert [r["v"] for r in rows][:2] == [37000000000, 24000000000]   # the 2018 and 2013 costs
    assert all(isinstance(r["v"], int) for r in rows)


def test_entity_errors_suggest(kg):
    with pytest.raises(EntityNotFoundError) as exc:
        kg.entity("Natinal Crime Agncy")
    assert "National Crime Agency" in exc.value.suggestions
