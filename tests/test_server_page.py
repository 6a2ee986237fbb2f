"""The query page in a real browser (headless Chromium): named queries, sorting, downloads, hostile data.

Every request the page makes is recorded; anything not addressed to the
local server is aborted, and the test asserts there was none.
"""

from __future__ import annotations

import urllib.request

import pytest

from conftest import CHROMIUM_ARGS
from test_server import start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & "quotes"'


@pytest.fixture(scope="module")
def hostile_server(built, tmp_path_factory):
    """A server over the seed graph plus an organisation whose label is an HTML injection attempt."""
    folder = tmp_path_factory.mktemp("page")
    data = folder / "hostile.ttl"
    escaped = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    data.write_text((built.out_dir / "sockg.ttl").read_text(encoding="utf-8") +
                    f'\n<https://w3id.org/sockg/id/org/hostile> <http://www.w3.org/2004/02/skos/core#prefLabel> '
                    f'"{escaped}"@en .\n', encoding="utf-8")
    s = start_server(built.out_dir, folder / "serve.log", "--data", str(data), "--workers", "1")
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    p = sync_playwright().start()
    b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    yield b
    b.close()
    p.stop()


@pytest.fixture
def page(browser, hostile_server):
    context = browser.new_context()
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []

    def route(r):
        pg.requests.append(r.request.url)
        if r.request.url.startswith(hostile_server.url + "/"):
            r.continue_()
        else:
            r.abort()

    pg.route("**/*", route)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(hostile_server.url + "/")
    pg.wait_for_selector("#named-list button")
    yield pg
    context.close()
    outside = [u for u in pg.requests if not u.startswith(hostile_server.url + "/")]
    assert not outside, f"the page tried to reach: {outside}"


def column(page, i=0):
    """The values in a column of the result table (without the language or datatype shown beside them)."""
    return page.locator(f"#result-table tbody tr td:nth-child({i + 1})").evaluate_all(
        "tds => tds.map(td => td.firstChild ? td.firstChild.textContent : '')")


def test_named_queries_one_click_away_and_sortable(page, hostile_server):
    assert page.locator("#named-list button").count() >= 15
    page.click('button[data-name="strand-partners"]')
    page.wait_for_selector("#result-table tbody tr")
    assert page.input_value('#params input[name="strand"]') == "Prevent"
    names = column(page)
    assert len(names) == 7 and "Ministry of Justice" in names
    assert "7 rows" in page.inner_text("#status")
    header = page.locator("#result-table th").first
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert column(page) == sorted(names, key=str.casefold)
    page.locator("#result-table th").first.click()
    assert page.locator("#result-table th").first.get_attribute("aria-sort") == "descending"
    assert column(page) == sorted(names, key=str.casefold, reverse=True)

    hrefs = page.locator("#download-links a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert [h.rsplit("format=", 1)[1] for h in hrefs] == ["json", "xml", "csv", "tsv"]
    with urllib.request.urlopen(hostile_server.url + hrefs[2], timeout=10) as resp:
        assert resp.headers["Content-Type"].startswith("text/csv")
        assert "Ministry of Justice" in resp.read().decode()


def test_numbers_sort_as_numbers(page):
    page.fill("#query", "SELECT ?n WHERE { VALUES ?n { 9 100 25 } }")
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    page.locator("#result-table th").first.click()
    assert column(page) == ["9", "25", "100"]


def test_hostile_labels_are_shown_as_text(page):
    page.fill("#query", 'SELECT ?label WHERE { ?s skos:prefLabel ?label FILTER(CONTAINS(?label, "onerror")) }')
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    cell = page.locator("#result-table tbody td").first
    assert cell.evaluate("td => td.firstChild.textContent") == HOSTILE
    assert page.locator("#results img, #results script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []


def test_errors_and_graphs(page):
    page.fill("#query", "SELECT * WHERE {\n  ?s ?p\n}")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert page.inner_text("#error").startswith("syntax error at line ")
    page.fill("#query", "DELETE WHERE { ?s ?p ?o }")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert "is an update" in page.inner_text("#error")
    page.fill("#query", "CONSTRUCT { ?p a sockg:Power } WHERE { ?p a sockg:Power }")
    page.click("#run")
    page.wait_for_selector("#graph")
    assert "unexplained-wealth-orders" in page.inner_text("#graph")
    hrefs = page.locator("#download-links a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert [h.rsplit("format=", 1)[1] for h in hrefs] == ["ttl", "nt", "jsonld", "rdfxml"]
