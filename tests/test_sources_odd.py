"""The reader on odd but real shapes: other encodings, one huge line, broken names, HTML."""

from __future__ import annotations

import random
import time

import pytest

from sockg.errors import SourceError
from sockg.sources import parse_text, read_document
from sockg.sources.html import html_to_text, looks_like_html

LATIN = "The Home Office’s café budget rose to £860 million – “at least”.\n\nA second paragraph.\n"


def test_windows_1252_is_detected_and_named(tmp_path):
    p = tmp_path / "cp1252.txt"
    p.write_bytes(LATIN.encode("cp1252"))
    doc = read_document(p)
    assert doc.text == LATIN and doc.encoding == "cp1252"


def test_latin_1_is_read_as_windows_1252_and_an_encoding_can_be_forced(tmp_path):
    text = "Caf\u00e9 society and the na\u00efve plan cost \u00a312m.\n"
    p = tmp_path / "latin1.txt"
    p.write_bytes(text.encode("latin-1"))
    assert read_document(p).text == text
    forced = read_document(p, encoding="latin-1")
    assert forced.text == text and forced.encoding == "latin-1"
    with pytest.raises(SourceError, match="cannot decode as ascii"):
        read_document(p, encoding="ascii")


def test_mostly_binary_bytes_without_nul_are_refused_naming_the_file(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(random.Random(1).randbytes(4000).replace(b"\x00", b"\x01"))  # noise, but no NUL byte
    with pytest.raises(SourceError) as exc:
        read_document(p)
    assert "noise.txt" in str(exc.value) and "binary" in str(exc.value)


def test_a_5_mb_single_line_is_read_in_linear_time(tmp_path):
    unit = "The National Crime Agency said that fraud rose by 40% while £37bn was lost, and 16. we act. "

    def seconds(n: int) -> float:
        p = tmp_path / f"line-{n}.txt"
        p.write_text((unit * (n // len(unit) + 1))[:n], encoding="utf-8")
        t = time.perf_counter()
        doc = read_document(p)
        assert len(doc.blocks) == 1 and "\n" not in doc.text
        return time.perf_counter() - t

    small, big = seconds(500_000), seconds(5_000_000)
    assert big < 20 and big / max(small, 0.005) < 30, (small, big)


def test_names_broken_across_lines_keep_exact_offsets():
    text = "12. The National Crime\n    Agency and the Home\nOffice agree.\n"
    doc = parse_text(text, "d")
    (b,) = doc.blocks
    assert doc.text[b.start:b.end].startswith("The National Crime\n    Agency")
    assert doc.locate("National Crime Agency", "12") == (text.index("National"), text.index(" and"))


def test_html_is_reduced_to_text_with_structure_and_without_scripts():
    html = """<!DOCTYPE html><html><head><title> Plan  2025 </title><script>var x = "Home Office";</script>
    <style>p { color: red }</style></head><body><nav>Menu</nav><h1>The plan</h1>
    <p>The <b>Home
       Office</b>&rsquo;s plan costs &pound;37bn.</p><ul><li>Pursue</li><li><p>Prevent</p></li></ul>
    <table><tr><th>Port</th><th>Cash</th></tr><tr><td>North</td><td>&pound;1.2m</td></tr></table>
    <pre>keep   this</pre></body></html>"""
    text, title = html_to_text(html)
    assert title == "Plan 2025"
    assert "var x" not in text and "color" not in text
    assert "# The plan" in text and "The Home Office’s plan costs £37bn." in text
    assert "- Pursue" in text and "- Prevent" in text and "North | £1.2m" in text and "keep   this" in text
    assert looks_like_html(html) and not looks_like_html("# Markdown\n")


def test_an_html_file_is_read_as_its_extracted_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><body><h2>Aims</h2><p>We act with the NCA.</p></body></html>", encoding="utf-8")
    doc = read_document(p)
    assert doc.media_type == "text/html"
    assert doc.text == "## Aims\n\nWe act with the NCA.\n"
    assert [s.title for s in doc.sections] == ["Aims"]
    start = doc.text.index("NCA")
    assert doc.text[start:start + 3] == "NCA"
    # HTML saved with a .txt name is recognised by its opening
    q = tmp_path / "saved.txt"
    q.write_text("<!doctype html><html><body><p>Text</p></body></html>", encoding="utf-8")
    assert read_document(q).media_type == "text/html"


def test_an_html_page_without_text_is_refused(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>1</script></head><body> </body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="empty.html"):
        read_document(p)


def test_markdown_keeps_its_media_type(tmp_path):
    p = tmp_path / "notes.md"
    p.write_text("# Title\n\nBody text.\n", encoding="utf-8")
    assert read_document(p).media_type == "text/markdown"
