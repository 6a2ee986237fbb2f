"""Entity linking, figures, references and candidates measured on labelled documents.

``tests/data/ingest/*.ann.*`` are documents written for these tests, with every
mention of a known entity marked inline as ``{{text|entity-id}}``; the markers
are stripped to make the document the extractor sees, and their positions are
the expected offsets. ``*.expected.json`` holds the figures, references and
candidates a careful reader finds, and phrases that must not be linked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sockg.ingest import Gazetteer, ingest_document
from sockg.sources import parse_text
from sockg.sources.html import html_to_text

DATA = Path(__file__).parent / "data" / "ingest"
MARK = re.compile(r"\{\{(.+?)\|([a-z0-9-]+)\}\}", re.S)


def strip_marks(annotated: str) -> tuple[str, set[tuple[int, int, str]]]:
    """The document without markers, and the expected mentions ``(start, end, entity id)``."""
    out, gold, pos, last = [], set(), 0, 0
    for m in MARK.finditer(annotated):
        out.append(annotated[last:m.start()])
        pos += m.start() - last
        gold.add((pos, pos + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        pos += len(m.group(1))
        last = m.end()
    out.append(annotated[last:])
    return "".join(out), gold


def labelled(name: str):
    raw = (DATA / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        reduced, _ = html_to_text(raw)
        text, gold = strip_marks(reduced)
        clean_html, _ = strip_marks(raw)
        # the markers do not change the extracted text: the clean page reduces to the same string
        assert html_to_text(clean_html)[0] == text
    else:
        text, gold = strip_marks(raw)
    expected = json.loads((DATA / name.split(".")[0]).with_suffix(".expected.json").read_text(encoding="utf-8"))
    return text, gold, expected


@pytest.fixture(scope="module")
def gazetteer(kg):
    return Gazetteer.from_kg(kg)


DOCS = ["delivery-plan-2025.ann.md", "port-inspection.ann.html"]


@pytest.fixture(scope="module", params=DOCS)
def case(request, gazetteer):
    text, gold, expected = labelled(request.param)
    report = ingest_document(parse_text(text, request.param.split(".")[0]), gazetteer)
    return request.param, text, gold, expected, report


def slug(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[1] if iri else None


def test_entity_linking_precision_and_recall_are_at_least_0_9(case):
    name, text, gold, _, report = case
    assert len(gold) >= 25, "a labelled document needs enough mentions to measure"
    found = {(m.start, m.end, slug(m.entity)) for m in report.mentions}
    hits = found & gold
    precision, recall = len(hits) / len(found), len(hits) / len(gold)
    wrong = sorted((text[s:e], e_) for s, e, e_ in found - gold)
    missed = sorted((text[s:e], e_) for s, e, e_ in gold - found)
    print(f"{name}: precision {precision:.3f}, recall {recall:.3f} ({len(hits)}/{len(found)} found, {len(gold)} labelled)")
    assert precision >= 0.9, wrong
    assert recall >= 0.9, missed


def test_every_offset_indexes_its_text_exactly(case):
    _, text, _, _, report = case
    d = report.as_dict()
    spans = d["mentions"] + d["references"] + d["figures"] + d["candidates"]
    assert spans
    for item in spans:
        assert text[item["start"]:item["end"]] == item["text"], item


def test_decoys_are_not_linked(case):
    _, text, _, expected, report = case
    for phrase in expected["decoys"]:
        at = text.index(phrase)
        inside = [m for m in report.mentions if at <= m.start and m.end <= at + len(phrase)]
        assert inside == [], (phrase, [(m.text, m.label) for m in inside])


def test_all_figures_are_extracted_with_their_values(case):
    _, _, _, expected, report = case
    got = {f.text: f for f in report.figures}
    assert sorted(got) == sorted(e["text"] for e in expected["figures"])
    for e in expected["figures"]:
        f = got[e["text"]]
        assert (f.value, f.unit, f.qualifier, f.direction) == (e["value"], e["unit"], e["qualifier"], e["direction"]), e
        if "about" in e:
            assert slug(f.about) == e["about"], (e["text"], f.about_label)
        if "period" in e:
            assert f.period == e["period"]


def test_references_are_linked_or_proposed(case):
    _, _, _, expected, report = case
    got = [(r["text"], slug(r["entity"]), r["status"]) for r in report.references]
    want = [(e["text"], e["entity"], "linked" if e["entity"] else "candidate") for e in expected["references"]]
    assert got == want


def test_candidates_are_listed_for_review_and_never_known_names(case, gazetteer):
    _, _, _, expected, report = case
    assert [(c["label"], c["kind"]) for c in report.candidates] == \
        [(e["label"], e["kind"]) for e in expected["candidates"]]
    for c in report.candidates:
        assert not gazetteer.lookup(c["label"]), c["label"]


def test_a_later_edition_of_a_known_strategy_is_not_linked_to_the_known_one(gazetteer):
    doc = parse_text("We follow the National Cyber Security Strategy 2022 and the National Cyber Security Strategy.", "d")
    r = ingest_document(doc, gazetteer)
    linked = [(x["text"], x["status"]) for x in r.references]
    assert linked == [("National Cyber Security Strategy 2022", "candidate"), ("National Cyber Security Strategy", "linked")]
    assert [m.text for m in r.mentions] == ["National Cyber Security Strategy"]
