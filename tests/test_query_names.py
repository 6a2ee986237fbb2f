"""Entity names in queries: one lookup (:class:`sockg.names.NameIndex`) for a build, ``--data`` and ``serve --data``."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from sockg.cli import app
from sockg.errors import EntityNotFoundError
from sockg.names import NameIndex, normalise_name
from sockg.query.engine import label_resolver

NCA = "https://w3id.org/sockg/id/org/national-crime-agency"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def attempt(resolve, name):
    try:
        return resolve(name)
    except EntityNotFoundError as exc:
        return exc


# ---------------------------------------------------------------- the index itself
def test_preferred_labels_win_over_alternative_ones_and_those_over_rdfs_labels():
    index = NameIndex([("http://x/b", "Police", "alt"), ("http://x/a", "Police", "pref"),
                       ("http://x/c", "police", "label"), ("http://x/d", "Forces", "label"),
                       ("http://x/e", "forces", "alt")])
    assert index.resolve("POLICE") == "http://x/a"
    assert index.resolve("the forces") == "http://x/e"
    assert NameIndex([("http://x/z", "Same", "pref"), ("http://x/y", "Same", "pref")]).resolve("same") == "http://x/y"


def test_iris_and_slugs_in_any_case():
    index = NameIndex([("http://x/org/home-office", "Home Office", "pref"), ("http://x/ns#Thing", "A thing", "label")])
    assert index.resolve(" http://x/org/home-office ") == "http://x/org/home-office"
    assert index.resolve("HOME-OFFICE") == "http://x/org/home-office"
    assert index.resolve("thing") == "http://x/ns#Thing"
    assert "http://x/ns#Thing" in index and len(index) == 2


def test_folding_is_the_same_as_the_knowledge_graphs():
    from sockg.kg import normalise_name as kg_normalise

    for name in ("  The  Home Office’s ", "THE NCA", "Theft", "the", "Bribery – and ‘corruption’", ""):
        assert normalise_name(name) == kg_normalise(name)


def test_suggestions_are_labels_never_folded_keys():
    index = NameIndex([("http://x/nca", "National Crime Agency", "pref"), ("http://x/nca", "NCA", "alt"),
                       ("http://x/uwo", "UWO", "alt")])
    exc = attempt(index.resolve, "the NCAx")
    assert isinstance(exc, EntityNotFoundError) and exc.suggestions == ["National Crime Agency"]
    assert str(exc) == "no entity matches 'the NCAx' (did you mean: National Crime Agency?)"
    assert index.suggest("uwos") == ["UWO"]                        # an entity with only an alternative label
    assert index.label("http://x/nca") == "National Crime Agency" and index.label("http://x/none") is None


def test_unknown_label_kinds_are_refused():
    with pytest.raises(ValueError, match="unknown label kind"):
        NameIndex([("http://x/a", "A", "hiddenLabel")])
    with pytest.raises(ValueError, match="kinds must be some of"):
        NameIndex.from_store(ox.Store(), kinds=("pref", "notation"))


def test_from_store_reads_skos_and_rdfs_labels_but_not_the_vocabularys():
    store = ox.Store()
    n = ox.NamedNode
    store.add(ox.Quad(n("http://x/a"), n(RDFS + "label"), ox.Literal("Agency")))
    store.add(ox.Quad(n("http://x/Agency"), n(RDFS + "label"), ox.Literal("agency")))
    store.add(ox.Quad(n("http://x/Agency"), n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      n("http://www.w3.org/2002/07/owl#Class")))
    store.add(ox.Quad(ox.BlankNode(), n(SKOS + "prefLabel"), ox.Literal("Blank")))
    store.add(ox.Quad(n("http://x/b"), n(SKOS + "altLabel"), ox.Literal("B", language="en")))
    index = NameIndex.from_store(store)
    assert index.resolve("agency") == "http://x/a" and "http://x/Agency" not in index
    assert index.resolve("b") == "http://x/b"
    assert isinstance(attempt(index.resolve, "Blank"), EntityNotFoundError)
    assert len(NameIndex.from_store(store, kinds=("pref", "alt"))) == 1


# ---------------------------------------------------------------- one lookup everywhere
def test_label_resolver_resolves_every_name_the_knowledge_graph_resolves(kg):
    resolve = label_resolver(kg.store)
    labels = [r["l"] for r in kg.select("SELECT DISTINCT ?l WHERE { ?s skos:prefLabel|skos:altLabel ?l FILTER(isIRI(?s)) }")]
    names = [v for label in labels for v in (label, label.upper(), f"the {label}", f"  {label.lower()} ", label[:-1])]
    names += [iri.rsplit("/", 1)[-1] for iri in kg.labels] + list(kg.labels)
    assert len(names) > 500
    differ = []
    for name in names:
        expected = attempt(kg.resolve, name)
        if isinstance(expected, str) and attempt(resolve, name) != expected:
            differ.append(name)
    assert not differ, differ[:10]
    # and a build's index (its SKOS labels) agrees on the misses as well
    index = NameIndex.from_store(kg.store, kinds=("pref", "alt"))
    for name in names:
        expected, got = attempt(kg.resolve, name), attempt(index.resolve, name)
        assert type(expected) is type(got), name
        if isinstance(got, EntityNotFoundError):
            assert set(got.suggestions) <= set(kg.labels.values()), name


def test_query_data_resolves_the_nca_like_the_build(runner, built):
    args = ("query", "--name", "entity-relations", "--param", "entity=the NCA", "-f", "csv")
    on_build = run(runner, *args, "-b", built.out_dir)
    on_store = run(runner, *args, "--data", built.out_dir / "store")
    on_file = run(runner, *args, "--data", built.out_dir / "sockg.ttl")
    assert on_build.exit_code == on_store.exit_code == on_file.exit_code == 0, on_store.output
    assert on_store.stdout == on_build.stdout == on_file.stdout and "publisher" in on_build.stdout
    missed = run(runner, "query", "--name", "entity-relations", "--param", "entity=the NCAx",
                 "--data", built.out_dir / "store")
    assert missed.exit_code == 1
    assert missed.stderr.strip() == "sockg: error: no entity matches 'the NCAx' (did you mean: National Crime Agency?)"


def test_serve_data_resolves_names_like_the_build(built):
    from sockg.server.worker import _open_target, execute

    job = {"name": "entity-relations", "params": ["entity=the NCA"], "fmt": "json", "max_rows": 1000}
    on_build = execute(_open_target({"build_dir": str(built.out_dir)}), job)
    on_data = execute(_open_target({"data": str(built.out_dir / "store")}), job)
    assert on_data["status"] == on_build["status"] == 200, on_data["body"]
    assert json.loads(on_data["body"]) == json.loads(on_build["body"])
    missed = execute(_open_target({"data": str(built.out_dir / "sockg.ttl")}),
                     dict(job, params=["entity=NCAx"]))
    assert missed["status"] == 400 and b"did you mean: National Crime Agency?" in missed["body"]
