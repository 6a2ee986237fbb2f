"""A graph whose data tries to inject markup and script, and what the HTML does with it.

:func:`write_hostile_graph` is shared with the browser and site tests: labels,
alternative labels, definitions, comments, class and property labels, quotes,
paragraph names, document identifiers, literal values and an IRI all carry
``<script>``, ``<img onerror>``, quotes, ``</script>``, ``<!--`` and the
substring "href". Every payload that ran would set ``window.__pwned``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sockg.views import render_view

PAYLOADS = {
    "script": "<script>window.__pwned='script'</script>",
    "img": "<img src=x onerror=\"window.__pwned='img'\">",
    "close": "</script><script>window.__pwned='close'</script><!--",
    "href": "<a href=\"javascript:window.__pwned='href'\">click href</a>",
    "attr": "\" onmouseover=\"window.__pwned='attr'\" x=\"",
    "svg": "<svg onload=\"window.__pwned='svg'\"></svg>",
    "iframe": "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
    "quotes": "O'Brien & \"Sons\" <b>bold</b> href",
}
EVIL = "https://example.org/evil/"


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_turtle() -> str:
    """Turtle for a small graph made of injection attempts (with claims and evidence like sockg's)."""
    P = {k: _lit(v) for k, v in PAYLOADS.items()}
    return f"""
@prefix ex: <{EVIL}> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sockg: <https://w3id.org/sockg/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

ex:Evil rdfs:label {P['quotes']} ; skos:definition {P['img']} .
ex:rel rdfs:label {P['img']} .
ex:other rdfs:label {P['href']} .

ex:a a ex:Evil ; skos:prefLabel {P['script']} ; skos:altLabel {P['img']}, "EVIL" ;
    skos:definition {P['close']} ; rdfs:comment {P['href']} ; ex:value {P['iframe']} .
ex:b a ex:Evil ; skos:prefLabel {P['attr']} ; skos:notation {P['svg']} ; rdfs:comment {P['close']} .
ex:c a sockg:Agency ; skos:prefLabel {P['quotes']} ; skos:altLabel "PLAIN" .
<{EVIL}'onmouseover='window.__pwned=1'> a ex:Evil ; skos:prefLabel {P['href']} .
ex:d a ex:Evil ; skos:prefLabel {P['iframe']} .

ex:a ex:rel ex:b . ex:b ex:rel ex:a . ex:a ex:other ex:b . ex:c ex:rel ex:a .
ex:d ex:rel <{EVIL}'onmouseover='window.__pwned=1'> . ex:c ex:other ex:d .

ex:claim1 a sockg:Claim ; rdf:subject ex:a ; rdf:predicate ex:rel ; rdf:object ex:b ; sockg:method {P['svg']} ;
    rdfs:comment {P['script']} ; prov:wasDerivedFrom ex:ev1 .
ex:ev1 a sockg:Evidence ; sockg:paragraph {P['quotes']} ; sockg:sentence {P['close']} ; oa:hasSource ex:doc ;
    oa:hasSelector ex:ev1q, ex:ev1p .
ex:ev1q a oa:TextQuoteSelector ; oa:exact {P['close']} .
ex:ev1p a oa:TextPositionSelector ; oa:start 0 ; oa:end 10 .

ex:b sockg:mentionedIn ex:doc .
ex:claim2 a sockg:Claim ; rdf:subject ex:b ; rdf:predicate sockg:mentionedIn ; rdf:object ex:doc ;
    sockg:method "curated" ; prov:wasDerivedFrom ex:ev2 .
ex:ev2 a sockg:Evidence ; sockg:paragraph {P['href']} ; sockg:sentence {P['img']} ; oa:hasSource ex:doc ;
    oa:hasSelector ex:ev2q, ex:ev2p .
ex:ev2q a oa:TextQuoteSelector ; oa:exact {P['img']} .
ex:ev2p a oa:TextPositionSelector ; oa:start 20 ; oa:end 30 .
ex:doc a sockg:SourceDocument ; dcterms:identifier {P['script']} .
"""


def write_hostile_graph(folder: Path, name: str = "hostile.ttl") -> Path:
    path = Path(folder) / name
    path.write_text(hostile_turtle(), encoding="utf-8")
    return path


def json_blocks(html: str) -> dict[str, object]:
    """The view's JSON data blocks, parsed."""
    return {m.group(1): json.loads(m.group(2)) for m in
            re.finditer(r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, re.S)}


@pytest.fixture
def hostile_view(tmp_path):
    return render_view(write_hostile_graph(tmp_path))


class _Elements(HTMLParser):
    """Every element and attribute an HTML parser (like a browser's) sees in the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((k, v or "") for k, v in attrs)


def parse_elements(html: str) -> _Elements:
    p = _Elements()
    p.feed(html)
    p.close()
    return p


def test_no_payload_appears_as_markup(hostile_view):
    html = hostile_view.html
    for needle in ("<script>window.__pwned", "<img", "<iframe", "<svg onload", "<a href", "<b>bold", "onerror=\"window",
                   "</script><script>"):
        assert needle not in html, needle
    seen = parse_elements(html)
    # the page's own scripts only: four JSON blocks, vis-network and view.js
    assert seen.tags.count("script") == 6
    assert not {"img", "iframe", "svg", "a", "b", "object", "embed"} & set(seen.tags)
    assert not [k for k, _ in seen.attrs if k.startswith("on")]
    assert not [v for _, v in seen.attrs if "pwned" in v]


def test_payloads_survive_as_data(hostile_view):
    blocks = json_blocks(hostile_view.html)
    info = blocks["sockg-info"]
    labels = {n["label"] for n in info["nodes"]}
    assert PAYLOADS["script"] in labels and PAYLOADS["attr"] in labels and PAYLOADS["iframe"] in labels
    a = next(n for n in info["nodes"] if n["label"] == PAYLOADS["script"])
    assert a["definition"] == PAYLOADS["close"] and PAYLOADS["img"] in a["alt"]
    assert any(e["quote"] == PAYLOADS["close"] for e in info["edges"])
    assert any(c["title"].startswith("O'Brien") for c in info["classes"])
    assert any(n["iri"].endswith("'onmouseover='window.__pwned=1'") for n in info["nodes"])


def test_no_node_has_a_title_so_pyvis_never_switches_to_its_innerhtml_popup(hostile_view):
    nodes = json_blocks(hostile_view.html)["sockg-nodes"]
    assert nodes and all("title" not in n for n in nodes)
    assert all("title" not in e for e in json_blocks(hostile_view.html)["sockg-edges"])


def test_page_title_is_escaped(tmp_path):
    view = render_view(write_hostile_graph(tmp_path), title=PAYLOADS["close"])
    head = view.html.split("</title>", 1)[0]
    assert "<script>" not in head and "&lt;/script&gt;" in head


def test_view_js_never_uses_html_parsing_sinks():
    from sockg.views.render import STATIC_DIR

    js = (STATIC_DIR / "view.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
