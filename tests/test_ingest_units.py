"""The parts of ingest on small inputs: folding, the gazetteer, mention decisions, figures, references."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from sockg.ingest import Gazetteer, ingest_document
from sockg.ingest.anchors import find_anchors
from sockg.ingest.figures import find_figures
from sockg.ingest.fold import Folded, fold
from sockg.ingest.mentions import find_mentions
from sockg.sources import parse_text


@pytest.fixture(scope="module")
def gazetteer(kg):
    return Gazetteer.from_kg(kg)


def mentions(gazetteer, text, **kw):
    return [(m.text, m.label) for m in find_mentions(parse_text(text, "t"), gazetteer, **kw)]


# ------------------------------------------------------------------ folding

def test_folding_maps_every_letter_back_to_its_exact_place():
    rng = random.Random(3)
    alphabet = "abcXYZ éÀß019 \n\t-’'“”.,;:£%&_()[]\r  ΩłİK"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        f = Folded(text)
        assert f.folded.split() == fold(text).split()
        for i, ch in enumerate(f.folded):
            if ch != " ":
                j = f.original(i)
                assert text[j].lower() == ch or text[j] == ch, (text, i)


def test_folding_joins_what_separators_split():
    assert fold("Cyber-crime") == fold("cyber  crime") == fold("CYBER\n   crime") == "cyber crime"
    assert fold("the Home Office’s") == "the home office s"


# ------------------------------------------------------------------ gazetteer

def test_gazetteer_comes_from_the_graph_with_variants(gazetteer):
    by_label = {e.label: e for e in gazetteer.entries.values()}
    assert {"Home Office", "National Crime Agency", "CONTEST 2018", "Cyber crime"} <= set(by_label)
    keys = {v.key for v in gazetteer.variants if v.entry.label == "Unexplained Wealth Orders"}
    assert {" unexplained wealth orders ", " unexplained wealth order ", " uwo ", " uwos "} <= keys
    keys = {v.key for v in gazetteer.variants if v.entry.label == "UK Anti-Corruption Strategy 2017-2022"}
    assert " 2017 2022 anti corruption strategy " in keys
    assert not any(e.label.startswith("Figure ") for e in gazetteer.entries.values())  # descriptions, not names
    assert gazetteer.entries[by_label["National Crime Agency"].iri].category == "organisation"
    assert by_label["Fraud"].category == "threat" and by_label["CONTEST 2018"].category == "strategy"
    # a command paper number names its publication
    assert " cm 9718 " in {v.key for v in gazetteer.variants if v.entry.label == "Serious and Organised Crime Strategy 2018"}


# ------------------------------------------------------------------ mentions

@pytest.mark.parametrize("text, expected", [
    ("The Home Office's budget grew.", [("Home Office", "Home Office")]),
    ("The HOME OFFICE budget grew.", [("HOME OFFICE", "Home Office")]),
    ("A single Unexplained Wealth Order, or several Unexplained Wealth Orders.",
     [("Unexplained Wealth Order", "Unexplained Wealth Orders"), ("Unexplained Wealth Orders", "Unexplained Wealth Orders")]),
    ("We fight cyber-crime, cyber crime and cybercrime.", [("cyber-crime", "Cyber crime"), ("cyber crime", "Cyber crime"),
                                                           ("cybercrime", "Cyber crime")]),
    ("Reports reached the National Crime\n    Agency today.", [("National Crime\n    Agency", "National Crime Agency")]),
    ("It works with the Department for Education.", [("Department for Education", "Department for Education")]),
    ("A home office in the flat. Home offices are quiet.", []),
    ("We cannot prevent harm and must protect victims; there is no contest.", []),
    ("Protect yourself online. Prepare for winter.", []),
    ("Prevent work grows. Protect: advice. We use Pursue and Prepare.",
     [("Prevent", "Prevent"), ("Protect", "Protect"), ("Pursue", "Pursue"), ("Prepare", "Prepare")]),
    ("CONTEST sets the approach. The NCA and the UWOs.", [("CONTEST", "CONTEST 2018"), ("NCA", "National Crime Agency"),
                                                        ("UWOs", "Unexplained Wealth Orders")]),
    ("See https://example.org/national-crime-agency/fraud for more.", []),
])
def test_mentions_are_decided_by_casing_and_context(gazetteer, text, expected):
    assert mentions(gazetteer, text) == expected


def test_a_name_shared_by_two_editions_goes_to_the_latest_one_not_after_the_document(gazetteer):
    text = "The Serious and Organised Crime Strategy set the tone."
    (m,) = find_mentions(parse_text(text, "t"), gazetteer, year=2015)
    assert m.label == "Serious and Organised Crime Strategy 2013" and m.alternatives
    (m,) = find_mentions(parse_text(text, "t"), gazetteer, year=2020)
    assert m.label == "Serious and Organised Crime Strategy 2018"


# ------------------------------------------------------------------ figures

@pytest.mark.parametrize("text, value, unit, qualifier, direction", [
    ("Fraud costs £37bn.", 37_000_000_000, "GBP", None, None),
    ("It costs at least £37 billion each year.", 37_000_000_000, "GBP", "at least", None),
    ("The NCA gets £860 million.", 860_000_000, "GBP", None, None),
    ("There are more than 4,600 organised crime groups here.", 4600, "organised crime groups", "more than", None),
    ("The survey shows a 34% fall in crime.", 34, "percent", None, "fall"),
    ("Offences rose by 40% in a year.", 40, "percent", None, "increase"),
    ("Referrals fell by nearly 12 per cent.", 12, "percent", "nearly", "fall"),
    ("A fall of 8% was seen.", 8, "percent", None, "fall"),
    ("An estimated 2.5 million people were affected.", 2_500_000, "people", "about", None),
    ("Some €3m and $1.5bn were seized.", 3_000_000, "EUR", "about", None),
])
def test_figures_are_numbers_with_units(text, value, unit, qualifier, direction):
    f = find_figures(parse_text(text, "t"), [])[0]
    assert (f.value, f.unit, f.qualifier, f.direction) == (Decimal(value), unit, qualifier, direction)
    assert text[f.start:f.end] == f.text


@pytest.mark.parametrize("text", [
    "In 2018 the strategy was published.", "See paragraph 16 and Figure 2 for details.", "Cm 9718 sets it out.",
    "The 2017-2022 plan ran for 5 years.", "Objective 1: disruption.", "It met on 9 April.",
])
def test_numbers_that_label_something_are_not_figures(text):
    assert find_figures(parse_text(text, "t"), []) == []


@pytest.mark.parametrize("text, value, unit, figure", [
    ("It cost £1,000, in total.", 1000, "GBP", "£1,000"),
    ("Funding rose to £250, then fell.", 250, "GBP", "£250"),
    ("It cost £1,000.50, in all.", Decimal("1000.5"), "GBP", "£1,000.50"),
    ("We seized 4,600 firearms, mostly rifles.", 4600, "firearms", "4,600 firearms"),
    ("Crime fell 12,5%, then 40%, overall.", 40, "percent", "40%"),
    ("Use rose 3,000%, in a year.", 3000, "percent", "3,000%"),
    ("There were 1,200, then 1,500 officers, in post.", 1500, "officers", "1,500 officers"),
])
def test_a_comma_after_a_number_is_punctuation(text, value, unit, figure):
    (f,) = find_figures(parse_text(text, "t"), [])
    start = text.index(figure)
    assert (f.value, f.unit, f.text, f.start, f.end) == (Decimal(value), unit, figure, start, start + len(figure))


def test_a_number_with_a_comma_after_it_and_no_noun_is_not_a_count():
    """"4,600, mostly firearms" states no unit for 4,600 (the comma ends the number), as "4600, mostly ..." does."""
    for text in ("We seized 4,600, mostly firearms.", "We seized 4600, mostly firearms."):
        assert find_figures(parse_text(text, "t"), []) == []


@pytest.mark.parametrize("text", ["It cost £12,34 in all.", "£1,0000 was spent.", "A rise of 1,000,00%.",
                                  "We hired 1,0000 officers.", "Version 1.2.3 officers"])
def test_a_badly_grouped_number_is_not_a_figure(text):
    assert find_figures(parse_text(text, "t"), []) == []


@pytest.mark.parametrize("text", ["7" * 60_000, "1,000" * 12_000, "£" + "9" * 60_000, "0." + "5" * 60_000])
def test_a_long_run_of_digits_is_read_in_linear_time(text):
    """Every run of digits is bounded: before, 40,000 digits took 50 s (each digit rescanned the rest of the run)."""
    import time

    t0 = time.perf_counter()
    assert find_figures(parse_text(text, "t"), []) == []
    assert time.perf_counter() - t0 < 2.0


def test_a_figure_is_about_what_its_sentence_names(gazetteer):
    doc = parse_text("Serious and organised crime costs the UK at least £37 billion every year.", "t")
    r = ingest_document(doc, gazetteer)
    (f,) = r.figures
    assert f.about_label == "Serious and organised crime" and f.period == "every year"


# ------------------------------------------------------------------ references and anchors

def test_references_link_known_strategies_and_propose_the_rest(gazetteer):
    text = ("It follows the Serious Violence Strategy, CONTEST, Cm 9718 and the 2017-2022 Anti-Corruption "
            "Strategy, and the new Tidal Waters Strategy 2031.")
    r = ingest_document(parse_text(text, "t"), gazetteer)
    refs = [(x["text"], x["status"], x["label"]) for x in r.references]
    assert refs == [
        ("Serious Violence Strategy", "linked", "Serious Violence Strategy 2018"),
        ("CONTEST", "linked", "CONTEST 2018"),
        ("Cm 9718", "linked", "Serious and Organised Crime Strategy 2018"),
        ("2017-2022 Anti-Corruption Strategy", "linked", "UK Anti-Corruption Strategy 2017-2022"),
        ("Tidal Waters Strategy 2031", "candidate", "Tidal Waters Strategy 2031"),
    ]
    assert [c["label"] for c in r.candidates] == ["Tidal Waters Strategy 2031"]


def test_anchors_are_whole_words():
    a = find_anchors("Planning Acts, the Unit, United Kingdom, HMRC, HM Treasury, 40%, per centum")
    assert [t for _, _, t in a["doc"]] == []
    assert [t for _, _, t in a["org-tail"]] == ["Unit"]
    assert [t for _, _, t in a["org-head"]] == ["HM"]
    assert [t for _, _, t in a["percent"]] == ["%"]


def test_a_5_mb_single_line_is_ingested_in_linear_time(gazetteer, tmp_path):
    """No step may look at the whole (one) paragraph per match: 10x the text costs about 10x the time."""
    import time

    from sockg.ingest import ingest_path
    from synthetic_text import strategy_text

    line = " ".join(strategy_text(5_200_000, seed=5).split())

    def run(n: int):
        p = tmp_path / f"line-{n}.txt"
        p.write_text(line[:n], encoding="utf-8")
        t = time.process_time()
        r = ingest_path(p, gazetteer)
        return time.process_time() - t, r

    small, _ = run(500_000)
    big, report = run(5_000_000)
    assert report.document["paragraphs"] == 1 and len(report.mentions) > 20_000
    text = report.doc.text
    for m in report.mentions[::997] + report.figures[::97]:
        assert text[m.start:m.end] == m.text
    assert big / small < 20, (small, big)


def test_synthetic_text_refuses_sizes_that_make_no_sense(tmp_path):
    """Before: file_size=0 wrote one file per heading (thousands of them) and a negative size gave a heading."""
    from sockg.errors import IngestError
    from synthetic_text import strategy_text, write_corpus

    with pytest.raises(IngestError, match="file_size 1 or more"):
        write_corpus(tmp_path / "c", 10_000, file_size=0)
    with pytest.raises(IngestError, match="total must be 0 or more"):
        write_corpus(tmp_path / "c", -1)
    with pytest.raises(IngestError, match="size must be 0 or more"):
        strategy_text(-5)
    assert not (tmp_path / "c").exists()
    assert [p.name for p in write_corpus(tmp_path / "c", 3000, file_size=2000)] == ["plan-0000.md", "plan-0001.md"]
