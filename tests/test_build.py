"""The build: located quotes, coverage of the curated files, SHACL, determinism, atomic output."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ONTOLOGY, REPO, SEED_FILE, SEEDS, digest_tree
from sockg.build import build
from sockg.errors import OntologyError, QuoteNotFoundError, ShapeViolationError, SidecarError, SourceError


def test_every_quote_is_verbatim_at_its_offsets(kg):
    text = SEED_FILE.read_text(encoding="utf-8")
    rows = kg.select("""
        SELECT ?e ?exact ?start ?end ?prefix ?suffix WHERE {
          ?e a sockg:Evidence ; oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix . ?p oa:start ?start ; oa:end ?end }""")
    assert len(rows) > 200
    for r in rows:
        assert text[r["start"]:r["end"]] == r["exact"], r["e"]
        assert text[:r["start"]].endswith(r["prefix"]) and text[r["end"]:].startswith(r["suffix"])


def test_every_claim_has_evidence_inside_the_paragraph_it_names(kg):
    rows = kg.select("""
        SELECT ?c ?start ?end ?bstart ?bend WHERE {
          ?c a sockg:Claim ; prov:wasDerivedFrom ?e . ?e sockg:inBlock ?b ; oa:hasSelector ?p .
          ?p oa:start ?start ; oa:end ?end . ?b sockg:start ?bstart ; sockg:end ?bend }""")
    assert rows
    for r in rows:
        assert r["bstart"] <= r["start"] < r["end"] <= r["bend"]
    unevidenced = kg.select("SELECT ?c WHERE { ?c a sockg:Claim FILTER NOT EXISTS { ?c prov:wasDerivedFrom ?e } }")
    assert unevidenced == []


def test_graph_covers_every_curated_entity_and_statement(kg):
    from sockg.build.curation import TYPES, load_curation
    from sockg.namespaces import ID, PREFIXES, SOCKG

    from sockg.build.catalogue import load_catalogue

    cur = load_curation(SEEDS / "curated")
    iri = {slug: f"{ID}{TYPES[e.type][0]}/{slug}" for slug, e in cur.entities.items()}
    # the publications the catalogue makes entities of
    iri |= {p.entity: f"{ID}{TYPES[p.entity_type][0]}/{p.entity}"
            for p in load_catalogue(SEEDS).publications.values() if p.makes_entity}
    for slug, e in cur.entities.items():
        rows = kg.select(f"SELECT ?l WHERE {{ <{iri[slug]}> skos:prefLabel ?l }}")
        assert rows == [{"l": e.label}], slug
    checked = 0
    for st in cur.statements:
        if isinstance(st.object, dict) or st.subject.startswith(("doc:", "scheme:")):
            continue
        o = f"{ID}scheme/{st.object[7:]}" if st.object.startswith("scheme:") else iri[st.object]
        prefix, _, local = st.predicate.rpartition(":")
        p = (PREFIXES[prefix] + local) if prefix else f"{SOCKG}{local}"
        rows = kg.select(f"SELECT ?c WHERE {{ <{iri[st.subject]}> <{p}> <{o}> . ?c rdf:subject <{iri[st.subject]}> ;"
                         f" rdf:predicate <{p}> ; rdf:object <{o}> ; prov:wasDerivedFrom ?e }}")
        assert rows, (st.file, st.line, st.subject, st.predicate, st.object)
        checked += 1
    assert len(cur.entities) > 150 and checked > 300


def _lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_build_summary_and_outputs(built):
    assert built.claims > 300 and built.evidence > 200
    assert built.classes["sockg:Strategy"] == 15
    assert (built.out_dir / "sockg.ttl").is_file()
    assert (built.out_dir / "store").is_dir()
    assert (built.out_dir / "manifest.json").is_file()
    assert not [p for p in built.out_dir.iterdir() if p.name.startswith(".sockg-")]


def test_two_builds_are_byte_identical(tmp_path):
    outs = []
    for i, seed in enumerate(("1", "2")):
        out = tmp_path / f"b{i}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "sockg", "build", "--seeds", str(SEEDS), "--out", str(out),
                        "--ontology", str(ONTOLOGY)], check=True, env=env, capture_output=True, cwd=tmp_path)
        outs.append((out / "sockg.ttl").read_bytes())
    assert outs[0] == outs[1]
    assert b"_:" not in outs[0]  # no blank nodes


def test_a_corrupted_quote_fails_the_build_naming_it_and_leaves_build_untouched(seeds_copy, tmp_path, built):
    out = tmp_path / "out"
    build(seeds_copy, out, ONTOLOGY)
    before = digest_tree(out)
    f = seeds_copy / "curated" / "organisations.yaml"
    text = f.read_text(encoding="utf-8")
    text = text.replace('quote: "The Home Office has led work to produce the strategy"',
                        'quote: "The Home Office has led the work to produce the strategy"', 1)
    text = text.replace('quote: "the Scottish Government"', 'quote: "the Scottish Executive"', 1)
    f.write_text(text, encoding="utf-8")
    with pytest.raises(QuoteNotFoundError) as exc:
        build(seeds_copy, out, ONTOLOGY)
    problems = exc.value.problems
    assert len(problems) == 2
    assert any("organisations.yaml:" in p and "has led the work" in p and "'10'" in p for p in problems)
    assert any("Scottish Executive" in p for p in problems)
    assert digest_tree(out) == before


def test_a_quote_in_the_wrong_paragraph_is_not_found(seeds_copy, tmp_path):
    f = seeds_copy / "curated" / "documents.yaml"
    text = f.read_text(encoding="utf-8")
    # the NSCR quote is in paragraph 8; claim it is in paragraph 9
    text = text.replace('- at: "8"\n        quote: "the 2018 National Security Capability Review (NSCR)"',
                        '- at: "9"\n        quote: "the 2018 National Security Capability Review (NSCR)"', 1)
    f.write_text(text, encoding="utf-8")
    with pytest.raises(QuoteNotFoundError, match="National Security Capability Review"):
        build(seeds_copy, tmp_path / "out", ONTOLOGY)


def test_a_shape_violation_is_caught(seeds_copy, tmp_path):
    f = seeds_copy / "curated" / "strategy.yaml"
    text = f.read_text(encoding="utf-8")
    assert "    unit: organised crime groups\n" in text
    f.write_text(text.replace("    unit: organised crime groups\n", ""), encoding="utf-8")
    with pytest.raises(ShapeViolationError) as exc:
        build(seeds_copy, tmp_path / "out", ONTOLOGY)
    assert any("organised-crime-groups-operating-in-the-uk-2018" in v and "sockg:unit" in v
               for v in exc.value.violations)
    assert not (tmp_path / "out" / "sockg.ttl").exists()


def test_bad_inputs_raise_clear_errors(tmp_path, seeds_copy, ontology_copy):
    with pytest.raises(SourceError, match="seeds folder not found"):
        build(tmp_path / "nowhere", tmp_path / "o1", ONTOLOGY)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match="no seed documents"):
        build(tmp_path / "empty", tmp_path / "o2", ONTOLOGY)
    side = seeds_copy / "soc-2018-search-results.meta.toml"
    side.write_text(side.read_text(encoding="utf-8").replace('kind = "search-results-page"', 'kind = "novel"'))
    with pytest.raises(SidecarError) as exc:
        build(seeds_copy, tmp_path / "o3", ONTOLOGY)
    assert exc.value.line == 3 and "kind" in str(exc.value)
    bad = ontology_copy / "sockg.ttl"
    bad.write_text(bad.read_text(encoding="utf-8") + "\nsockg:broken a owl:Class ;\n    rdfs:label .\n")
    with pytest.raises(OntologyError) as exc:
        build(SEEDS, tmp_path / "o4", ontology_copy)
    assert "sockg.ttl" in str(exc.value) and exc.value.line is not None


def test_the_packaged_resources_match_the_repository():
    from sockg.resources import ontology_dir

    assert ontology_dir().resolve() in {(REPO / "ontology").resolve(),
                                        (REPO / "sockg" / "_ontology").resolve()}


def test_a_value_its_quote_does_not_state_fails_the_build(seeds_copy, tmp_path):
    f = seeds_copy / "curated" / "documents.yaml"
    text = f.read_text(encoding="utf-8")
    assert "    issued: 2014\n" in text
    f.write_text(text.replace("    issued: 2014\n", "    issued: 2015\n").replace(
        "    title: Modern Slavery Strategy\n", "    title: Modern Slavery Action Plan\n"), encoding="utf-8")
    with pytest.raises(QuoteNotFoundError) as exc:
        build(seeds_copy, tmp_path / "out", ONTOLOGY)
    problems = exc.value.problems
    assert len(problems) == 2
    assert any("modern-slavery-strategy-2014: issued '2015' is not stated" in p for p in problems)
    assert any("title 'Modern Slavery Action Plan' is not stated" in p for p in problems)


def test_every_title_and_year_is_in_its_quote(kg):
    rows = kg.select("""
        SELECT ?p ?v ?quote WHERE {
          ?c rdf:predicate ?p ; rdf:object ?v ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote .
          FILTER(?p IN (dcterms:title, sockg:issuedYear, sockg:periodStart, sockg:periodEnd, sockg:year)) }""")
    assert len(rows) > 20
    by_claim = {}
    for r in rows:
        by_claim.setdefault((r["p"], str(r["v"])), []).append(r["quote"])
    for (p, v), quotes in by_claim.items():
        fold = lambda t: " ".join(t.replace("’", "'").replace("(SOC)", "").replace("(NSS)", "")
                                  .replace("(SDSR)", "").casefold().split())
        assert any(fold(v) in fold(q) for q in quotes), (p, v, quotes)


def test_a_sidecar_without_its_document_is_refused(seeds_copy, tmp_path):
    from sockg.errors import SidecarError

    (seeds_copy / "orphan.meta.toml").write_text('title = "x"\n', encoding="utf-8")
    with pytest.raises(SidecarError) as exc:
        build(seeds_copy, tmp_path / "out", ONTOLOGY)
    assert "orphan.meta.toml" in str(exc.value) and "no seed document for this sidecar" in str(exc.value)
