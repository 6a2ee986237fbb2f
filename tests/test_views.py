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
    with pytest.raises(ViewError, match="not both"):
        render_view(kg, focus="NCA", strategy="CONTEST")


def test_standard_views_are_overview_objectives_and_nca(G):
    names = [s.name for s in standard_specs(G)]
    assert names == ["overview", "objective-1", "objective-2", "objective-3", "objective-4", "nca"]


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
    objective_1 = next(i for i, n in enumerate(blocks["sockg-info"]["nodes"]) if n["notation"] == "1")
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
    from sockg.synthetic import generate_file

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
    with pytest.raises(ViewError, match="cannot parse as RDF"):
        render_view(bad)
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ViewError, match="no entities to draw"):
        render_view(empty)


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
    assert names == sorted(["overview.html", "objective-1.html", "objective-2.html", "objective-3.html",
                            "objective-4.html", "nca.html"])
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
