"""Views in a real browser: Debian's Chromium, headless, with every non-file request aborted and counted.

Screenshots of the overview and of a focused view are written under each
test's temporary folder (the path is printed; run with ``-s`` to see it).
"""

from __future__ import annotations

import pytest

from conftest import CHROMIUM_ARGS
from sockg.views import render_view
from sockg.views.site import build_site
from test_views_hostile import PAYLOADS, write_hostile_graph

pytestmark = pytest.mark.browser

NCA_LABEL = "National Crime Agency"
SETTLE_MS = 60_000


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Page:
    """A page with everything a test checks afterwards: outside requests, page errors, dialogs."""

    def __init__(self, browser, *, bypass_csp: bool = False):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path, *, settle: bool = True):
        self.page.goto(path.resolve().as_uri())
        if settle:
            self.page.wait_for_function("() => window.sockgView && window.sockgView.stabilised", timeout=SETTLE_MS)
        return self.page

    def js(self, script, arg=None):
        return self.page.evaluate(script, arg)

    def node_point(self, node_id):
        """Where a node is on the screen (page coordinates)."""
        box = self.page.locator("#sockg-graph").bounding_box()
        p = self.js("(id) => { const n = window.sockgView.network; const c = n.getPositions([id])[id];"
                    " return n.canvasToDOM(c); }", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()


def canvas_ink(p: Page) -> int:
    """How many sampled canvas pixels are not blank: proof that something was drawn."""
    return p.js("""() => {
        const c = document.querySelector('#sockg-graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 4 * 7) { if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) ink++; }
        return ink; }""")


def node_brightness(p: Page, node_id: int) -> float:
    """Mean brightness (0-255) of the canvas pixels around a node's centre."""
    return p.js("""(id) => {
        const n = window.sockgView.network, c = document.querySelector('#sockg-graph canvas');
        const pt = n.canvasToDOM(n.getPositions([id])[id]), r = window.devicePixelRatio || 1;
        const d = c.getContext('2d').getImageData(Math.round(pt.x * r) - 1, Math.round(pt.y * r) - 1, 3, 3).data;
        let s = 0; for (let i = 0; i < d.length; i += 4) s += (d[i] + d[i + 1] + d[i + 2]) / 3;
        return s / (d.length / 4); }""", node_id)


def id_of(p: Page, label: str) -> int:
    return p.js("(l) => window.sockgView.info.nodes.findIndex(n => n.label === l)", label)


def test_overview_loads_offline_and_draws(page, kg, tmp_path):
    view = render_view(kg)
    path = view.write(tmp_path / "overview.html")
    page.open(path)
    assert page.outside == [] and page.errors == []
    assert page.js("() => window.sockgView.nodes.length") == view.nodes
    assert page.js("() => window.sockgView.edges.length") == view.edges
    assert page.js("() => document.querySelectorAll('#sockg-graph canvas').length") == 1
    assert canvas_ink(page) > 500
    assert page.js("() => window.sockgView.network.physics.physicsEnabled") is False  # settled and stopped
    shown = page.page.locator("#sockg-shown").inner_text()
    assert f"{view.nodes}" in shown and "none: the whole graph" in shown and "sockg.ttl" in shown
    assert page.page.locator("#sockg-legend li").count() == len({c for c in view.html.split('"key":"')[1:]})
    shot = tmp_path / "overview.png"
    page.page.screenshot(path=str(shot))
    print(f"\nscreenshot: {shot}")


def test_focused_view_loads_offline_and_selects_the_focus(page, kg, tmp_path):
    view = render_view(kg, focus="NCA")
    path = view.write(tmp_path / "focus-nca.html")
    page.open(path)
    assert page.outside == [] and page.errors == []
    assert page.js("() => window.sockgView.nodes.length") == view.nodes < render_view(kg).nodes
    nca = id_of(page, NCA_LABEL)
    assert nca >= 0 and page.js("() => window.sockgView.network.getSelectedNodes()") == [nca]
    assert page.page.locator("#sockg-details h2").inner_text() == NCA_LABEL
    assert canvas_ink(page) > 500
    shot = tmp_path / "focus-nca.png"
    page.page.screenshot(path=str(shot))
    print(f"\nscreenshot: {shot}")


def test_search_box_finds_by_acronym_and_focuses(page, kg, tmp_path):
    page.open(render_view(kg).write(tmp_path / "overview.html"))
    page.page.fill("#sockg-search-input", "nca")
    page.page.press("#sockg-search-input", "Enter")
    nca = id_of(page, NCA_LABEL)
    assert page.js("() => window.sockgView.selected") == nca
    assert page.js("() => window.sockgView.network.getSelectedNodes()") == [nca]
    assert page.page.locator("#sockg-details h2").inner_text() == NCA_LABEL
    # the camera glides to the node and stops there
    page.page.wait_for_function("""(id) => { const n = window.sockgView.network, p = n.getPositions([id])[id],
                                    v = n.getViewPosition(); return Math.hypot(p.x - v.x, p.y - v.y) < 2; }""",
                                arg=nca, timeout=10_000)
    page.page.fill("#sockg-search-input", "Objective 3")
    page.page.click("#sockg-search-go")
    assert page.page.locator("#sockg-details h2").inner_text().startswith("Stopping the problem at source")
    page.page.fill("#sockg-search-input", "no such thing at all")
    page.page.press("#sockg-search-input", "Enter")
    assert "Nothing here matches" in page.page.locator("#sockg-search-message").inner_text()
    assert page.errors == [] and page.outside == []


def test_hover_shows_evidence_and_click_highlights_the_neighbourhood(page, kg, tmp_path):
    page.open(render_view(kg).write(tmp_path / "overview.html"))
    nca = id_of(page, NCA_LABEL)
    page.js("(id) => window.sockgView.network.focus(id, {scale: 1.5})", nca)
    x, y = page.node_point(nca)
    page.page.mouse.move(x - 30, y - 30)
    page.page.mouse.move(x, y, steps=5)
    tooltip = page.page.locator("#sockg-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert NCA_LABEL in text and "Agency" in text and "paragraph" in text
    # an arrow: a straight relation of the NCA with a quote, hovered at a point along it where no node
    # lies on top (which relation that is depends on the layout, so it is found, not assumed)
    edge, point = page.js("""(id) => { const v = window.sockgView, n = v.network;
        const at = (i) => n.canvasToDOM(n.getPositions([i])[i]);
        for (const e of n.getConnectedEdges(id)) {
            const d = v.edges.get(e);
            if (d.smooth !== false || !v.info.edges[e].quote) continue;
            const a = at(d.from), b = at(d.to);
            for (const t of [0.5, 0.6, 0.4, 0.7, 0.3, 0.75, 0.25]) {
                const p = {x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)};
                if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === e) return [e, p];
            }
        }
        return [null, null]; }""", nca)
    assert edge is not None, "no quoted straight relation of the NCA can be hovered clear of every node"
    box = page.page.locator("#sockg-graph").bounding_box()
    page.page.mouse.move(5, 5)
    page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)
    tooltip.wait_for(state="visible", timeout=5000)
    edge_info = page.js("(e) => window.sockgView.info.edges[e]", edge)
    text = tooltip.inner_text()
    assert edge_info["predicate"] in text and edge_info["quote"][:40] in " ".join(text.split())
    neighbours = page.js("(id) => window.sockgView.network.getConnectedNodes(id)", nca)
    stranger = page.js("""(ids) => { const v = window.sockgView, n = v.network, keep = new Set(ids);
        const box = document.getElementById('sockg-graph').getBoundingClientRect();
        return v.nodes.getIds().find(i => { if (keep.has(i)) return false; const p = n.canvasToDOM(n.getPositions([i])[i]);
            return p.x > 20 && p.y > 20 && p.x < box.width - 20 && p.y < box.height - 20; }); }""", [nca] + neighbours)
    neighbour = neighbours[0]
    before = {i: node_brightness(page, i) for i in (stranger, neighbour)}
    page.page.mouse.move(5, 5)  # off the node, so its hover style does not count
    page.page.mouse.click(x, y)
    page.page.mouse.move(5, 5)
    assert page.js("() => window.sockgView.highlighted.node") == nca
    assert sorted(page.js("() => window.sockgView.highlighted.nodes")) == sorted([nca] + neighbours)
    page.page.wait_for_timeout(200)
    after = {i: node_brightness(page, i) for i in (stranger, neighbour)}
    # veiled: a translucent white veil lifts a pixel by a share of its distance to white
    assert after[stranger] > before[stranger] + 0.35 * (255 - before[stranger]), (before, after)
    assert abs(after[neighbour] - before[neighbour]) < 25, (before, after)  # drawn again on top
    assert page.page.locator("#sockg-details h2").inner_text() == NCA_LABEL
    page.page.click("#sockg-fit")
    page.page.wait_for_timeout(200)
    assert page.js("() => window.sockgView.highlighted") is None
    assert abs(node_brightness(page, stranger) - before[stranger]) < 25


def test_legend_hides_and_shows_a_class(page, kg, tmp_path):
    page.open(render_view(kg).write(tmp_path / "overview.html"))
    row = page.page.locator("#sockg-legend li", has_text="Strategy").first
    count = int(row.locator(".sockg-count").inner_text())
    row.locator("input").uncheck()
    assert page.js("() => window.sockgView.nodes.get({filter: n => n.hidden}).length") == count
    row.locator("input").check()
    assert page.js("() => window.sockgView.nodes.get({filter: n => n.hidden}).length") == 0


def test_view_without_physics_draws_at_once(page, kg, tmp_path):
    view = render_view(kg, focus="Objective 1", physics=False)
    page.open(view.write(tmp_path / "still.html"))
    assert page.outside == [] and page.errors == []
    assert page.js("() => window.sockgView.nodes.length") == view.nodes
    assert canvas_ink(page) > 200


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_graph_runs_no_script_and_injects_nothing(browser, tmp_path, bypass_csp):
    """Hover over and click every node and edge, open every panel, search for the payloads.

    With the page's Content-Security-Policy switched off (``escaping-alone``)
    this checks that the page's own code keeps data inert, not only the policy.
    """
    p = Page(browser, bypass_csp=bypass_csp)
    try:
        view = render_view(write_hostile_graph(tmp_path))
        p.open(view.write(tmp_path / "hostile.html"))
        before = p.js("() => document.querySelectorAll('*').length")
        p.js("() => window.sockgView.network.fit({animation: false})")
        for node in range(view.nodes):
            x, y = p.node_point(node)
            p.page.mouse.move(x, y, steps=3)
            p.page.wait_for_timeout(60)
            p.page.mouse.click(x, y)
        for edge in range(view.edges):
            p.js("(id) => { const v = window.sockgView; v.showEdge(id); "
                 "document.getElementById('sockg-tooltip').appendChild(v.tooltipFor('edge', id)); }", edge)
        for node in range(view.nodes):
            p.js("(id) => { const v = window.sockgView; v.showNode(id); "
                 "document.getElementById('sockg-tooltip').appendChild(v.tooltipFor('node', id)); }", node)
        for text in PAYLOADS.values():
            p.page.fill("#sockg-search-input", text)
            p.page.press("#sockg-search-input", "Enter")
        p.page.wait_for_timeout(300)
        assert p.js("() => window.__pwned") is None
        assert p.dialogs == [] and p.outside == []
        assert [e for e in p.errors if "pwned" in e] == []
        injected = p.js("""() => Array.from(document.querySelectorAll('img, iframe, object, embed, a, b, script:not([type])'))
                              .map(e => e.outerHTML.slice(0, 80))""")
        assert len(injected) == 2 and all(s.startswith("<script>") for s in injected)
        handlers = p.js("""() => Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
                              .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
        assert handlers == []
        # the payloads are on the page, as text
        p.js("(id) => window.sockgView.showNode(id)", p.js("(l) => window.sockgView.info.nodes.findIndex(n => n.label === l)",
                                                            PAYLOADS["script"]))
        assert p.page.locator("#sockg-details h2").inner_text() == PAYLOADS["script"]
        assert PAYLOADS["close"] in p.page.locator("#sockg-details").inner_text()
        assert p.js("() => document.querySelectorAll('*').length") > before  # panels were filled
    finally:
        p.close()


def test_site_pages_load_offline(browser, kg, tmp_path):
    out = tmp_path / "site"
    build_site(kg, out, queries_dir=tmp_path / "no-queries")
    p = Page(browser)
    try:
        for rel in ("index.html", "entities/org-national-crime-agency.html", "queries.html", "ontology.html"):
            p.open(out / rel, settle=False)
            p.page.wait_for_load_state("load")
        p.open(out / "views" / "nca.html")
        p.page.goto((out / "index.html").as_uri())
        p.page.click("text=National Crime Agency and its neighbourhood")
        p.page.wait_for_function("() => window.sockgView && window.sockgView.stabilised", timeout=SETTLE_MS)
        assert p.outside == [] and p.errors == []
    finally:
        p.close()


def test_notebook_helper_renders_inside_its_sandboxed_iframe(browser, kg, tmp_path):
    from sockg.views import show

    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><html><body><h1>cell output</h1>" + show(kg, focus="NCA")._repr_html_()
                    + "</body></html>", encoding="utf-8")
    p = Page(browser)
    try:
        p.open(host, settle=False)
        frame = p.page.frames[1]
        frame.wait_for_function("() => window.sockgView && window.sockgView.stabilised", timeout=SETTLE_MS)
        assert frame.evaluate("() => window.sockgView.nodes.length") == render_view(kg, focus="NCA").nodes
        assert frame.evaluate("() => document.querySelector('#sockg-details h2').textContent") == NCA_LABEL
        assert p.outside == [] and p.errors == []
    finally:
        p.close()


def test_layout_is_the_same_every_time(browser, kg, tmp_path):
    path = render_view(kg, focus="Objective 1").write(tmp_path / "objective-1.html")
    layouts = []
    for _ in range(2):
        p = Page(browser)
        try:
            p.open(path)
            layouts.append(p.js("""() => { const pos = window.sockgView.network.getPositions();
                return Object.keys(pos).sort().map(k => [k, Math.round(pos[k].x), Math.round(pos[k].y)]); }"""))
        finally:
            p.close()
    assert layouts[0] == layouts[1] and len(layouts[0]) > 5


def test_landscape_draws_cited_relations_dashed_and_shows_their_citation(page, kg, tmp_path):
    view = render_view(kg, landscape=True)
    page.open(view.write(tmp_path / "landscape.html"))
    assert page.outside == [] and page.errors == []
    labels = page.js("() => window.sockgView.info.nodes.map(n => n.label)")
    assert {"CONTEST 2018", "Serious Violence Strategy 2018", "Fraud Strategy 2023", "Home Office"} <= set(labels)
    # the legend says what a dashed line is
    legend = page.page.locator("#sockg-edge-legend").inner_text()
    assert "cited from an official publication" in legend
    # every relation known only from a citation is dashed in the drawing, and no other
    dashed = page.js("""() => { const v = window.sockgView;
        return v.edges.get().filter(e => e.dashes).map(e => e.id); }""")
    cited = page.js("() => window.sockgView.info.edges.map((e, i) => e.cited_only ? i : -1).filter(i => i >= 0)")
    assert dashed and sorted(dashed) == sorted(cited)
    # its side panel gives the note, the publication and the place, and links to the official text
    page.js("(e) => window.sockgView.showEdge(e)", dashed[0])
    details = page.page.locator("#sockg-details")
    info = page.js("(e) => window.sockgView.info.edges[e].evidence[0]", dashed[0])
    text = " ".join(details.inner_text().split())
    assert info["kind"] == "cited" and info["note"][:30] in text and "cited" in text
    link = details.locator("a.sockg-official").first
    assert link.get_attribute("href").startswith("https://") and link.get_attribute("rel") == "noopener noreferrer"
    assert page.outside == []


def test_site_entity_page_links_a_citation_to_the_official_text(browser, kg, tmp_path):
    out = tmp_path / "site"
    build_site(kg, out, queries_dir=tmp_path / "no-queries")
    p = Page(browser)
    try:
        p.open(out / "entities" / "strategy-contest.html", settle=False)
        p.page.wait_for_load_state("load")
        text = p.page.locator("main").inner_text()
        assert "cited" in text and "Cm 9608" in text
        hrefs = p.js("() => [...document.querySelectorAll('a.official')].map(a => a.href)")
        assert hrefs and all(h.startswith("https://www.gov.uk/") or h.startswith("https://hansard.parliament.uk/")
                             or h.startswith("https://assets.publishing.service.gov.uk/") for h in hrefs)
        assert p.outside == [] and p.errors == []
    finally:
        p.close()
