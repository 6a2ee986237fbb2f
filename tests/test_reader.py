"""The seed reader on the tricky parts of the real seed, and on odd but valid input."""

from __future__ import annotations

import pytest

from conftest import SEED_FILE
from sockg.errors import SourceError
from sockg.sources import parse_text, read_document
from sockg.sources.reader import find_quote


@pytest.fixture(scope="module")
def doc():
    return read_document(SEED_FILE)


def text_of(doc, ref):
    start, end = doc.span(ref)
    return doc.text[start:end]


def test_every_block_offset_indexes_its_text_exactly(doc):
    raw = SEED_FILE.read_text(encoding="utf-8")
    assert doc.text == raw
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= len(raw), b.key
        assert raw[b.start:b.end] == raw[b.start:b.end].strip(), b.key
    # the numbered paragraph's text starts after its number, not with it
    assert text_of(doc, "16").startswith("We define serious and organised crime as individuals planning")


def test_search_results_are_told_apart_from_strategy_paragraph_numbers(doc):
    results = [s for s in doc.sections if s.list_index == 1]
    assert [s.number for s in results] == [1, 2, 3, 4, 5, 6, 7]
    # "  1. People also search for" restarts the numbering: a second list, not result 1 again
    assert doc.sections[-1].key == "list-2/result-1"
    paras = [b.number for b in doc.blocks if b.kind == "para"]
    assert paras == ["1", "2", "3", "4", "8", "9", "10", "11", "12", "13", "16", "17", "18",
                     "33", "34", "35", "36", "37", "38", "97", "136", "137"]
    # the inner paragraphs 1-4 belong to result 2, not to results 1-4
    assert all(b.section == "result-2" for b in doc.blocks if b.kind == "para")
    assert doc.block("1").key == "result-2/para-1"


def test_search_result_dates_and_snippets(doc):
    r1, r2 = doc.section("result-1"), doc.section("result-2")
    assert r1.date.isoformat() == "2024-04-17" and r2.date.isoformat() == "2014-04-09"
    assert doc.section("result-3").date is None
    assert text_of(doc, "result-2/snippet").startswith("We define serious and organised crime as individuals planning, co-ordinating")
    assert text_of(doc, "result-3").startswith("The House of Lords Library Briefing")


def test_run_on_paragraph_33_holds_34_to_37(doc):
    assert text_of(doc, "33").endswith("within the UK and overseas, online and offline.")
    assert text_of(doc, "34").startswith("This strategy sets out how we will mobilise the full force of the state")
    assert text_of(doc, "35").startswith("This strategy provides a framework")
    assert text_of(doc, "36").startswith("As a result, we will be able to measure and demonstrate that:")
    assert text_of(doc, "37").startswith("We will maintain the Pursue, Prepare, Protect and Prevent delivery framework")
    for n in ("34", "35", "36", "37"):
        assert doc.block(n).run_on
    assert not doc.block("33").run_on
    # the run-on numbers are not part of the neighbouring paragraphs' text
    assert "34. This strategy" not in text_of(doc, "33")


def test_objectives_and_outcomes_are_items_of_their_paragraphs(doc):
    items = {b.key: doc.text[b.start:b.end] for b in doc.blocks if b.kind == "item"}
    assert sorted(items) == [
        "result-2/para-35/item-1", "result-2/para-35/item-2", "result-2/para-35/item-3", "result-2/para-35/item-4",
        "result-2/para-36/item-a", "result-2/para-36/item-b", "result-2/para-36/item-c",
    ]
    assert items["result-2/para-35/item-1"].startswith("Relentless disruption and targeted action")
    assert items["result-2/para-35/item-4"].startswith("Establishing a single, whole-system approach")
    assert items["result-2/para-36/item-c"] == "Fewer young people are engaging in criminal activity or reoffending."
    assert doc.block("35.3").label == "paragraph 35, item 3"


def test_footnote_markers_with_offsets(doc):
    p9 = doc.block("9")
    assert [f.number for f in p9.footnotes] == [5, 6, 7, 8, 9]
    for f in p9.footnotes:
        assert doc.text[f.start:f.end] == f"[footnote {f.number}]"
    assert [f.number for f in doc.block("11").footnotes] == [10, 11, 12]
    assert [f.number for f in doc.block("137").footnotes] == [70]


def test_figure_captions_bullets_and_page_furniture(doc):
    fig1 = doc.block("figure-1")
    assert fig1.kind == "figure-caption"
    assert text_of(doc, "figure-1").startswith("Figure 1 – NCA assessment")
    # the figure's span covers the bullet drawn inside it
    assert "35% increase in potential modern slavery" in text_of(doc, "figure-1")
    bullet = next(b for b in doc.blocks if doc.text[b.start:b.end].startswith("35% increase"))
    assert bullet.figure == "1"
    fig2 = doc.block("figure-2")
    assert fig2.parent == "result-2/para-37"
    assert text_of(doc, "figure-2").startswith("Figure 2 – Serious and Organised Crime (SOC) Strategy framework")
    kinds = {doc.text[b.start:b.end]: b.kind for b in doc.blocks if b.section == "result-4"}
    assert kinds["1MB"] == "size-note" and kinds["86"] == "count-note"
    toc = [doc.text[b.start:b.end] for b in doc.blocks if b.section == "result-2" and b.kind == "bullet"]
    assert toc[0] == "Foreword by the Home Secretary" and len(toc) == 9


def test_truncated_paragraphs_are_flagged(doc):
    assert doc.block("38").truncated and doc.block("97").truncated
    assert doc.block("result-1/snippet").truncated
    assert not doc.block("137").truncated


def test_locate_quote_within_a_paragraph_only(doc):
    assert doc.locate("The Home Office has led work to produce the strategy", "10") is not None
    assert doc.locate("The Home Office has led work to produce the strategy", "11") is None
    with pytest.raises(KeyError):
        doc.span("999")


def test_quote_typed_on_one_line_finds_a_name_broken_across_lines():
    text = "We will work with the Department\nfor Education on this.\n"
    assert find_quote(text, "the Department for Education") == (18, 46)
    assert text[18:46] == "the Department\nfor Education"


def test_plain_markdown_document_with_wrapped_paragraphs():
    text = ("# Serious Violence\n\nThe strategy sets out\nhow we will respond.\n\n"
            "12. A numbered paragraph\ncontinues here.\n\n- a bullet\n")
    d = parse_text(text, "plain")
    assert d.shape == "plain"
    assert [s.title for s in d.sections] == ["Serious Violence"]
    kinds = [(b.kind, d.text[b.start:b.end]) for b in d.blocks]
    assert ("text", "The strategy sets out\nhow we will respond.") in kinds
    assert ("para", "A numbered paragraph\ncontinues here.") in kinds
    assert ("bullet", "a bullet") in kinds


def test_crlf_and_bom_keep_offsets_exact(tmp_path):
    p = tmp_path / "w.txt"
    p.write_bytes(b"\xef\xbb\xbf  1. Jan 2, 2020 \xc2\xb7 Snippet text.\r\n\r\n    5. Fifth paragraph.\r\n")
    d = read_document(p)
    assert d.encoding == "utf-8-sig"
    b = d.block("5")
    assert d.text[b.start:b.end] == "Fifth paragraph."
    assert d.sections[0].date.isoformat() == "2020-01-02"


def test_windows_1252_is_decoded(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("The Home Office’s strategy costs £37 billion — café.\n".encode("cp1252"))
    d = read_document(p)
    assert d.encoding == "cp1252"
    assert "Home Office’s" in d.text and "£37" in d.text


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary\x00" * 10, "binary"),
])
def test_bad_files_are_refused_naming_the_file(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(SourceError) as exc:
        read_document(p)
    assert message in str(exc.value) and "bad.txt" in str(exc.value)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(SourceError, match="folder"):
        read_document(tmp_path)


def test_a_huge_single_line_is_read_in_linear_time(tmp_path):
    import time

    p = tmp_path / "huge.txt"
    p.write_text("Serious and organised crime costs money. " * 120_000, encoding="utf-8")  # ~5 MB, one line
    t = time.perf_counter()
    d = read_document(p)
    elapsed = time.perf_counter() - t
    assert len(d.blocks) == 1 and d.blocks[0].end == len(d.text.rstrip())
    assert elapsed < 20  # generous: a quadratic reader would take minutes on this input
