"""The curated statement format: what it accepts and how it refuses."""

from __future__ import annotations

import pytest

from sockg.build.curation import parse_curation, slugify
from sockg.errors import CurationError

ENTITY = """
entities:
  - type: Agency
    label: National Crime Agency
    alt: [NCA]
    evidence:
      - {at: "1", quote: "The National Crime Agency (NCA)"}
"""


def test_entities_get_slugs_from_their_labels_and_keep_their_line():
    cur = parse_curation(ENTITY, "x.yaml")
    spec = cur.entities["national-crime-agency"]
    assert spec.label == "National Crime Agency" and spec.alt == ["NCA"] and spec.line == 3
    assert spec.evidence[0].at == "1" and spec.evidence[0].line == 7


def test_statements_share_one_quote_and_take_literals():
    cur = parse_curation("""
statements:
  - at: "9"
    quote: "some words"
    claims:
      - [a, linksTo, b]
      - [a, dcterms:issued, {value: 2018, type: gYear}]
""", "y.yaml")
    assert [(s.subject, s.predicate) for s in cur.statements] == [("a", "linksTo"), ("a", "dcterms:issued")]
    assert cur.statements[1].object == {"value": 2018, "type": "gYear"}
    assert all(s.evidence[0].quote == "some words" for s in cur.statements)


@pytest.mark.parametrize("text, message, line", [
    ("entities:\n  - type: Spaceship\n    label: X\n    evidence: [{at: '1', quote: q}]\n", "entity type 'Spaceship'", 2),
    ("entities:\n  - type: Agency\n    label: X\n", "has no evidence", 2),
    ("entities:\n  - type: Agency\n    label: X\n    colour: red\n    evidence: [{at: '1', quote: q}]\n",
     "unknown entity field(s): colour", 2),
    ("statements:\n  - claim: [a, b]\n    at: '1'\n    quote: q\n", "must be [subject, predicate, object]", 2),
    ("statements:\n  - claim: [a, b, c]\n", "no evidence", 2),
    ("statements:\n  - claim: [a, b, c]\n    claims: [[a, b, c]]\n    at: '1'\n    quote: q\n", "exactly one of", 2),
    ("statements:\n  - claim: [a, b, c]\n    at: '1'\n", "missing quote", 2),
    ("colour: red\n", "unknown top-level key", 1),
    ("entities: [unclosed\n", "malformed YAML", 2),
])
def test_malformed_curation_names_file_and_line(text, message, line):
    with pytest.raises(CurationError) as exc:
        parse_curation(text, "bad.yaml")
    assert message in str(exc.value)
    assert exc.value.line == line
    assert str(exc.value).startswith(f"bad.yaml:{line}: ")


def test_duplicate_entity_ids_are_refused():
    with pytest.raises(CurationError, match="already declared at x.yaml:3"):
        parse_curation(ENTITY + ENTITY.replace("entities:\n", ""), "x.yaml")


def test_slugs_are_readable_and_stable():
    assert slugify("Ministry of Housing, Communities and Local Government") == \
        "ministry-of-housing-communities-and-local-government"
    assert slugify("UK’s Strategy for Countering Terrorism") == "uks-strategy-for-countering-terrorism"
