"""Views without a browser: what they select, that they are self-contained and deterministic, the CLI."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from sockg.analysis.convert import to_networkx
from sockg.cli import app
from sockg.errors import EntityNotFoundError, ViewError
from sockg.views import render_view, show, standard_specs
from test_views_hostile import json_blocks, parse_elements, write_hostile_graph

NCA = "https://w3id.org/sockg/id/org/national-crime-agency"


@pytest.fixture(scope="module")
def overview(kg):
    return render_view(kg)


@pytest.fixture(scope="module")
def G(kg):
    return to_networkx(kg)


# ----------------------------------------------------------------------------- selection
def test_overview_draws_every_entity_and_relation(overview, G):
    assert (overview.nodes, overview.edges) == (G.number_of_nodes(), G.number_of_edges())
    info = json_blocks(overview.html)["sockg-info"]
    assert len(info["nodes"]) == overview.nodes and len(info["edges"]) == overview.edges
    assert sum(c["count"] for c in info["classes"]) == overview.nodes
    assert info["filters"] == [] and info["built"] and info["source"].endswith("sockg.ttl")


def test_focus_gives_fewer_nodes_and_includes_the_focus(kg, overview, G):
    view = render_view(kg, focus="NCA")
    assert view.focus == NCA and NCA in view.node_ids
    assert 1 < view.nodes < overview.nodes
    assert set(view.node_ids) == {NCA} | set(G.successors(NCA)) | set(G.predecessors(NCA))
    info = json_blocks(view.html)["sockg-info"]
    assert info["nodes"][info["focus"]]["label"] == "National Crime Agency"
    assert info["filters"] == ["focus: National Crime Agency, depth 1"]


@pytest.mark.parametrize("name", ["national crime agency", "The National Crime Agency", NCA, "nca"])
def test_focus_by_label_acronym_or_iri(kg, name):
    assert render_view(kg, focus=name).focus == NCA


def test_depth_widens_the_neighbourhood(kg):
    sizes = [render_view(kg, focus="NCA", depth=d).nodes for d in (0, 1, 2)]
    assert sizes[0] == 1 and sizes[0] < sizes[1] < sizes[2]


def test_unknown_focus_suggests_close_names(kg):
    with pytest.raises(EntityNotFoundError) as exc:
        render_view(kg, focus="Nationl Crime Agncy")
    assert "National Crime Agency" in exc.value.suggestions


def test_types_keep_only_those_classes(kg, G):
    view = render_view(kg, types=["Agency", "government department"])
    info = json_blocks(view.html)["sockg-info"]
    assert {c["key"] for c in info["classes"]} == {"sockg:Agency", "sockg:GovernmentDepartment"}
    assert view.nodes == sum(1 for n in G if G.nodes[n]["cls"] in ("sockg:Agency", "sockg:GovernmentDepartment"))
    with pytest.raises(ViewError, match="no class 'Spaceship'.*sockg:Agency"):
        render_view(kg, types=["Spaceship"])


def test_strategy_view_is_the_strategy_and_what_it_touches(kg, G):
    soc = "https://w3id.org/sockg/id/strategy/serious-and-organised-crime-strategy-2018"
    view = render_view(kg, strategy="2018 SOC Strategy")
    assert view.focus == soc
    assert set(view.node_ids) == {soc} | set(G.successors(soc)) | set(G.predecessors(soc))
    objectives = {n for n in G if G.nodes[n]["cls"] == "sockg:Objective"}
    assert objectives <= set(view.node_ids)
    with pytest.raises(ViewError, match="is a sockg:Agency, not a strategy"):
        render_view(kg, strategy="NCA")
    with pytest.raises(ViewError, match="give one of --focus, --strategy and --landscape"):
        render_view(kg, focus="NCA", strategy="CONTEST")


def test_landscape_is_the_strategies_their_shared_threats_and_shared_bodies(kg, G):
    from sockg.views.select import landscape_nodes

    view = render_view(kg, landscape=True)
    labels = {G.nodes[n]["label"] for n in view.node_ids}
    strategies = {G.nodes[n]["label"] for n in G if "sockg:Strategy" in G.nodes[n]["types"]}
    assert strategies <= labels and set(view.node_ids) == landscape_nodes(G)
    # threats at least two strategies address, and what leads to them
    assert {"Illegal drugs", "Terrorism", "Fraud", "Bribery and corruption", "Islamist terrorism"} <= labels
    assert "Knife crime" not in labels                     # the Serious Violence Strategy's alone
    assert "Serious and organised crime" not in labels     # a top concept, shared by everything beneath it
    # bodies directly related to two strategies or more
    assert {"Home Office", "National Crime Agency"} <= labels
    assert "Department for Education" not in labels        # a partner on a strand, not on a strategy
    assert view.title.startswith("Strategy landscape")
    with pytest.raises(ViewError, match="give one of"):
        render_view(kg, landscape=True, focus="NCA")


def test_cited_only_relations_are_dashed_and_carry_their_citation(kg):
    blocks = json_blocks(render_view(kg, landscape=True).html)
    edges, info = blocks["sockg-edges"], blocks["sockg-info"]["edges"]
    assert any(e["dashes"] for e in edges) and not all(e["dashes"] for e in edges)
    for e, d in zip(edges, info):
        assert e["dashes"] == d["cited_only"] == (d["kinds"] == ["cited"])
        if d["cited_only"]:
            assert d["evidence"] and all(r["kind"] == "cited" and r["note"] and r["publication"] and
                                         r["url"].startswith("https://") for r in d["evidence"])


def test_standard_views_are_overview_objectives_and_nca(G):
    names = [s.name for s in standard_specs(G)]
    assert names[:6] == ["overview", "objective-1", "objective-2", "objective-3", "objective-4", "nca"]
    # then one per catalogued strategy, and the landscape
    assert names[-1] == "strategy-landscape" and all(n.startswith("strategy-") for n in names[6:])
    assert {"strategy-contest-2018", "strategy-serious-violence-strategy-2018", "strategy-fraud-strategy-2023",
            "strategy-economic-crime-plan-2019-22", "strategy-serious-and-organised-crime-strategy-2023-to-2028"} \
        <= set(names)
    assert len(names) == 6 + 12 + 1   # the twelve catalogued strategies (three SOC, three CONTEST, six others)


# ----------------------------------------------------------------------------- the page
def test_page_is_self_contained(overview):
    html = overview.html
    seen = parse_elements(html)
    assert "link" not in seen.tags and "iframe" not in seen.tags and "img" not in seen.tags
    for key, value in seen.attrs:
        if key in ("src", "href", "action", "srcset"):
            pytest.fail(f"the page refers to a resource: {key}={value}")
    assert "vis.Network" in html and "vis-network" in html
    assert "cdn." not in html.lower() and "bootstrap" not in html.lower()
    assert "sourceMappingURL" not in html


def test_csp_allows_exactly_the_inline_scripts(overview):
    html = overview.html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for text in scripts:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_rendering_is_deterministic(kg):
    assert render_view(kg, focus="NCA").html == render_view(kg, focus="NCA").html


def test_parallel_relations_bend_apart(overview):
    blocks = json_blocks(overview.html)
    pairs: dict[frozenset, list] = {}
    for e in blocks["sockg-edges"]:
        # where the curve lies, seen from the pair's first node: curvedCW from b to a bends the other way
        s = e["smooth"]
        side = 0.0 if not s else s["roundness"] * (1 if s["type"] == "curvedCW" else -1)
        pairs.setdefault(frozenset((e["from"], e["to"])), []).append(side if e["from"] < e["to"] else -side)
    multi = [v for v in pairs.values() if len(v) > 1]
    assert multi, "the seed graph has pairs with several relations (NCA and the 2013 strategy)"
    for sides in multi:
        assert len(set(sides)) == len(sides), sides
    assert all(e["arrows"] == "to" and e["label"] for e in blocks["sockg-edges"])


def test_no_physics_places_nodes_in_python(kg):
    view = render_view(kg, physics=False)
    blocks = json_blocks(view.html)
    assert blocks["sockg-options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float)) for n in blocks["sockg-nodes"])
    assert blocks["sockg-options"]["layout"]["randomSeed"] == 7


def test_labels_are_short_on_nodes_and_full_in_the_data(overview):
    blocks = json_blocks(overview.html)
    for node, info in zip(blocks["sockg-nodes"], blocks["sockg-info"]["nodes"]):
        assert len(node["label"]) <= 30
        assert len(info["label"]) >= len(node["label"]) - 1
    objective_1 = next(i for i, n in enumerate(blocks["sockg-info"]["nodes"])
                       if n["notation"] == "1" and n["label"].startswith("Relentless disruption"))
    assert blocks["sockg-nodes"][objective_1]["label"] == "Objective 1"


def test_rendering_writes_nothing_into_the_current_folder(kg, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render_view(kg, focus="NCA")
    assert list(tmp_path.iterdir()) == []


def test_notebook_helper_embeds_the_page_in_a_sandboxed_iframe(kg):
    import html as _html

    shown = show(kg, focus="NCA", height=500)
    out = shown._repr_html_()
    assert out.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in out and "height: 500px" in out
    assert "<script" not in out
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', out).group(1)
    assert _html.unescape(srcdoc) == shown.view.html
    assert f"{shown.view.nodes} nodes, {shown.view.edges} relations" in repr(shown)


@pytest.mark.parametrize("height", [0, -200, "", True, 2.5])
def test_notebook_helper_refuses_a_height_that_is_no_size(kg, height):
    """Before: height=0 gave an invisible frame and -200 the CSS "height: -200px", silently."""
    with pytest.raises(ViewError, match="height must be a whole number of pixels above 0"):
        show(kg, focus="NCA", height=height)


# ----------------------------------------------------------------------------- other inputs
def test_any_rdf_file_in_several_formats(tmp_path):
    from rdflib import Graph

    g = Graph().parse(data=write_hostile_graph(tmp_path).read_text(encoding="utf-8"), format="turtle")
    sizes = set()
    for fmt, suffix in (("nt", ".nt"), ("xml", ".rdf"), ("json-ld", ".jsonld"), ("trig", ".trig")):
        path = tmp_path / f"graph{suffix}"
        g.serialize(path, format=fmt, encoding="utf-8")
        view = render_view(path)
        sizes.add((view.nodes, view.edges))
        assert json_blocks(view.html)["sockg-info"]["source"] == str(path)
    assert sizes == {(5, 6)}


def test_synthetic_graph_file(tmp_path):
    from synthetic_graph import generate_file

    path = tmp_path / "syn.nt"
    generate_file(path, entities=120, seed=3)
    view = render_view(path, types=["Strategy", "Objective"])
    assert 0 < view.nodes < 40
    assert render_view(path).nodes > 100


def test_unreadable_inputs_raise_view_errors(tmp_path):
    with pytest.raises(ViewError, match="no such file"):
        render_view(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<", encoding="utf-8")
    with pytest.raises(ViewError, match=r"bad\.ttl: cannot parse as Turtle: .*line 1"):
        render_view(bad)
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ViewError, match="no entities to draw"):
        render_view(empty)


@pytest.mark.parametrize("name, content, message", [
    ("folder", None, "{path}: is a folder with no built graph (sockg.ttl) in it; give an RDF file or a build folder"),
    ("notes.md", "# Notes\n\nnot RDF\n", "{path}: not an RDF file by its name (expected one of: .json, .jsonld, "),
    ("bad.jsonld", '{"@id": ', "{path}: cannot parse as JSON-LD: "),
    ("bad.rdf", "<rdf:RDF", "{path}: cannot parse as RDF/XML: "),
])
def test_inputs_that_are_not_rdf_files_say_so_naming_the_file(tmp_path, name, content, message):
    """Before: a folder was "no such file", and x.md showed one line of rdflib's error ("at line 3 of <>:")."""
    path = tmp_path / name
    if content is None:
        path.mkdir()
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ViewError) as caught:
        render_view(path)
    text = str(caught.value)
    assert text.startswith(message.format(path=path)) and "\n" not in text


def test_a_build_folder_given_as_input_is_drawn(built):
    assert render_view(built.out_dir).nodes == render_view(built.out_dir / "sockg.ttl").nodes > 50


def test_whole_graph_title_names_the_file_once(tmp_path, kg):
    assert render_view(kg).title == "The whole graph"
    path = tmp_path / "mine.ttl"
    write_hostile_graph(tmp_path, "mine.ttl")
    assert render_view(path).title == "The whole graph of mine.ttl"


def test_inline_json_ld_context_is_read(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text('{"@context": {"@vocab": "http://example.org/", "label": "http://www.w3.org/2000/01/rdf-schema#label"},'
                    ' "@id": "http://example.org/a", "@type": "Thing", "label": "Alpha",'
                    ' "knows": {"@id": "http://example.org/b", "label": "Beta"}}', encoding="utf-8")
    view = render_view(path)
    assert (view.nodes, view.edges) == (2, 1)


# ----------------------------------------------------------------------------- JSON-LD contexts are never fetched
class _Canary:
    """A loopback HTTP server that serves a JSON-LD context and counts the requests it gets."""

    def __init__(self):
        import http.server
        import threading

        self.requests: list[str] = []
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                canary.requests.append(self.path)
                body = b'{"@context": {"@vocab": "http://example.org/", "label": "http://www.w3.org/2000/01/rdf-schema#label"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 5
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def canary():
    server = _Canary()
    try:
        yield server
    finally:
        server.stop()


def _json_ld_with_context(path: Path, context: str) -> Path:
    path.write_text('{"@context": "%s", "@id": "http://example.org/a", "@type": "Thing", "label": "Alpha",'
                    ' "knows": {"@id": "http://example.org/b", "label": "Beta"}}' % context, encoding="utf-8")
    return path


def test_canary_answers_when_asked(canary):
    """The canary works: a plain request reaches it (so silence below means nothing was fetched)."""
    import urllib.request

    with urllib.request.urlopen(canary.url("ping"), timeout=5) as r:
        assert b"@vocab" in r.read()
    assert canary.requests == ["/ping"]


def test_view_of_json_ld_with_a_remote_context_fetches_nothing(canary, tmp_path):
    path = _json_ld_with_context(tmp_path / "remote.jsonld", canary.url("ctx.jsonld"))
    with pytest.raises(ViewError) as caught:
        render_view(path)
    assert str(caught.value).startswith(f"{path}: its @context is given by IRI, which sockg does not fetch")
    assert canary.requests == []


def test_cli_view_of_json_ld_with_a_remote_context_fetches_nothing(canary, runner, tmp_path):
    path = _json_ld_with_context(tmp_path / "remote.jsonld", canary.url("ctx.jsonld"))
    out = tmp_path / "v.html"
    result = runner.invoke(app, ["view", "--input", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"sockg: error: {path}: its @context is given by IRI")
    assert canary.requests == [] and not out.exists()


def test_a_file_iri_context_is_not_read_either(tmp_path):
    """rdflib would read a ``file:`` context from disk; here the document is refused, the context unread."""
    ctx = tmp_path / "ctx.jsonld"
    ctx.write_text('{"@context": {"@vocab": "http://example.org/", "label": "http://www.w3.org/2000/01/rdf-schema#label"}}',
                   encoding="utf-8")
    path = _json_ld_with_context(tmp_path / "local.jsonld", ctx.as_uri())
    with pytest.raises(ViewError, match="does not fetch"):
        render_view(path)


# ----------------------------------------------------------------------------- command line
def run(runner, *args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_cli_view_default_output(runner, built):
    result = run(runner, "view", "-b", str(built.out_dir), "--focus", "NCA")
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == built.out_dir / "views" / "focus-nca.html" and path.is_file()
    assert "National Crime Agency" in path.read_text(encoding="utf-8")


def test_cli_view_options(runner, built, tmp_path):
    out = tmp_path / "x.html"
    result = run(runner, "view", "-b", str(built.out_dir), "--types", "Strategy,Objective", "--no-physics",
                 "--title", "Strategies", "-o", str(out))
    assert result.exit_code == 0, result.output
    blocks = json_blocks(out.read_text(encoding="utf-8"))
    assert blocks["sockg-info"]["title"] == "Strategies"
    assert {c["key"] for c in blocks["sockg-info"]["classes"]} == {"sockg:Strategy", "sockg:Objective"}
    result = run(runner, "view", "-b", str(built.out_dir), "--strategy", "CONTEST", "--depth", "2", "-o", str(out))
    assert result.exit_code == 0, result.output


def test_cli_view_all(runner, built, tmp_path):
    result = run(runner, "view", "-b", str(built.out_dir), "--all", "-o", str(tmp_path / "views"))
    assert result.exit_code == 0, result.output
    names = sorted(Path(p).name for p in result.stdout.split())
    assert {"overview.html", "objective-1.html", "objective-2.html", "objective-3.html", "objective-4.html",
            "nca.html", "strategy-contest-2018.html", "strategy-landscape.html"} <= set(names)
    assert len(names) == 19
    assert all((tmp_path / "views" / n).is_file() for n in names)


def test_cli_view_input_file(runner, built, tmp_path):
    src = write_hostile_graph(tmp_path)
    out = tmp_path / "h.html"
    result = run(runner, "view", "--input", str(src), "--focus", "PLAIN", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json_blocks(out.read_text(encoding="utf-8"))["sockg-info"]["source"] == str(src)


@pytest.mark.parametrize("args, code, message", [
    (["--focus", "Nationl Crime Agncy"], 1, "did you mean: National Crime Agency"),
    (["--strategy", "NCA"], 1, "not a strategy"),
    (["--types", "Spaceship"], 1, "no class 'Spaceship'"),
    (["--input", "/nonexistent/graph.ttl"], 1, "no such file"),
    (["--all", "--focus", "NCA"], 2, "--all writes the standard set"),
    (["--depth", "-1", "--focus", "NCA"], 2, ""),
])
def test_cli_view_errors_are_one_line(runner, built, args, code, message):
    result = runner.invoke(app, ["view", "-b", str(built.out_dir), *args])
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("sockg: error:")


def test_cli_view_output_must_not_be_a_folder(runner, built, tmp_path):
    result = runner.invoke(app, ["view", "-b", str(built.out_dir), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_cli_view_says_once_what_it_drew(runner, built, tmp_path):
    """Before: "sockg: sockg: the whole graph: ..." (the page title began with the prefix the note adds)."""
    result = runner.invoke(app, ["view", "-b", str(built.out_dir), "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.strip().splitlines()
    assert re.fullmatch(r"sockg: The whole graph: \d+ nodes, \d+ relations", line), line


@pytest.mark.parametrize("make, args, message", [
    (lambda d: d.mkdir(), lambda d: ["--input", str(d)], "{d}: is a folder with no built graph (sockg.ttl) in it"),
    (lambda d: d.write_text("# x\n\ny\n"), lambda d: ["--input", str(d)], "{d}: not an RDF file by its name"),
    (lambda d: d.write_text("x"), lambda d: ["-o", str(d / "v.html")],
     "{d}: is a file, not a folder, so {d}/v.html cannot be written"),
    (lambda d: d.write_text("x"), lambda d: ["--all", "-o", str(d / "views")],
     "{d}: is a file, not a folder, so {d}/views cannot be written"),
])
def test_cli_view_inputs_and_outputs_that_cannot_be_used(runner, built, tmp_path, make, args, message):
    """Before: a folder given as input was "no such file"; a file in the output's path was "File exists"."""
    d = tmp_path / "thing.md"
    make(d)
    result = runner.invoke(app, ["view", "-b", str(built.out_dir), *args(d)])
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("sockg: error: " + message.format(d=d)), line


def test_a_newcomer_sees_editions_apart_and_no_bare_licence_node(kg, G):
    """Node labels keep an edition's year, and a publication's licence (an address ending in "/3/") is not
    drawn as a node of its own: it relates no entities."""
    assert not [n for n in G if "open-government-licence" in n]
    blocks = json_blocks(render_view(kg, landscape=True).html)
    labels = {n["label"] for n in blocks["sockg-nodes"]}
    assert {"2013 SOC Strategy", "2018 SOC Strategy", "SOC Strategy 2023"} <= labels
    contest = json_blocks(render_view(kg, strategy="CONTEST 2018").html)
    titles = [v for n in contest["sockg-info"]["nodes"] if n["label"] == "CONTEST 2018"
              for k, v in n["attributes"] if k == "dcterms:title"]
    assert titles and not titles[0].startswith("[") and " | " in titles[0]
