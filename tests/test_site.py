"""The static site: pages, links, evidence, named queries, ontology, escaping, safe replacement."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sockg.cli import app
from sockg.errors import ViewError
from sockg.kg import KnowledgeGraph
from sockg.build.catalogue import OFFICIAL_HOSTS
from sockg.views.site import SITE_MARKER, build_site
from test_views_hostile import parse_elements, write_hostile_graph

GOOD_QUERY = """# Agencies and their acronyms.
SELECT ?agency ?acronym WHERE { ?agency a sockg:Agency ; skos:altLabel ?acronym }
"""
PARAM_QUERY = """# Labels of one entity.
# param entity (entity, default "NCA"): the entity
SELECT ?label WHERE { ?entity skos:prefLabel ?label }
"""
NO_DEFAULT_QUERY = """# Needs a value.
# param entity (entity): the entity
SELECT ?label WHERE { ?entity skos:prefLabel ?label }
"""
FETCHING_QUERY = """# Tries to fetch.
SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }
"""


@pytest.fixture(scope="module")
def queries(tmp_path_factory):
    folder = tmp_path_factory.mktemp("queries")
    for name, text in (("agencies", GOOD_QUERY), ("labels", PARAM_QUERY), ("needs-value", NO_DEFAULT_QUERY),
                       ("fetching", FETCHING_QUERY), ("broken", "# Broken.\nSELECT WHERE {")):
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(kg, tmp_path_factory, queries):
    out = tmp_path_factory.mktemp("site") / "site"
    summary = build_site(kg, out, queries_dir=queries)
    return out, summary


def pages(folder: Path):
    return sorted(folder.rglob("*.html"))


def test_site_has_every_part(site, kg):
    out, summary = site
    from sockg.analysis.convert import to_networkx

    n = to_networkx(kg).number_of_nodes()
    assert (out / "index.html").is_file() and (out / "queries.html").is_file() and (out / "ontology.html").is_file()
    assert len(list((out / "entities").glob("*.html"))) == n == summary.entities
    from sockg.views.output import standard_specs

    names = sorted(p.name for p in (out / "views").glob("*.html"))
    assert names == sorted(f"{spec.name}.html" for spec in standard_specs(to_networkx(kg)))
    assert {"overview.html", "objective-1.html", "objective-4.html", "nca.html", "strategy-contest-2018.html",
            "strategy-landscape.html"} <= set(names)
    assert (out / SITE_MARKER).is_file()
    assert summary.pages == len(pages(out))
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".part")]


def test_every_link_resolves_and_nothing_is_fetched(site):
    out, _ = site
    for page in pages(out):
        html = page.read_text(encoding="utf-8")
        seen = parse_elements(html)
        assert not {"link", "img", "iframe"} & set(seen.tags), page
        if page.parent.name != "views":
            assert "script" not in seen.tags, page
        for key, value in seen.attrs:
            if key == "src":
                pytest.fail(f"{page}: refers to {value}")
            if key != "href":
                continue
            parts = urlsplit(value)
            if parts.scheme:   # only a citation's link to the official text leaves the site
                assert parts.scheme == "https" and parts.hostname in OFFICIAL_HOSTS, f"{page}: link out: {value}"
                continue
            assert not parts.netloc, f"{page}: link out of the site: {value}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page}: broken link {value}"
            if parts.fragment and target.suffix == ".html":
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), f"{page}: no #{parts.fragment}"


def test_entity_page_has_relations_with_evidence_and_links(site):
    out, _ = site
    html = (out / "entities" / "org-national-crime-agency.html").read_text(encoding="utf-8")
    assert "<h1>National Crime Agency</h1>" in html
    assert "The National Crime Agency (NCA) assesses that the threat from serious and organised crime is increasing" in html
    assert "paragraph 1 · soc-2018-search-results · characters 4809–4912" in html
    assert 'href="concept-serious-and-organised-crime.html"' in html
    assert "Reading: &#39;This progress&#39; is the progress made since the 2013 strategy was published" in html
    assert "PB558" in html
    # the neighbour links back
    back = (out / "entities" / "concept-serious-and-organised-crime.html").read_text(encoding="utf-8")
    assert 'href="org-national-crime-agency.html"' in back


def test_index_links_views_entities_queries_and_ontology(site):
    out, _ = site
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="views/overview.html"' in html and 'href="views/nca.html"' in html
    assert 'href="entities/org-national-crime-agency.html"' in html
    assert "Objective 1: Relentless disruption" in html
    assert 'href="queries.html"' in html and 'href="ontology.html"' in html


def test_queries_page_shows_results_and_why_others_did_not_run(site, kg):
    out, summary = site
    html = (out / "queries.html").read_text(encoding="utf-8")
    agencies = html.split('id="q-agencies"', 1)[1].split("</section>", 1)[0]
    assert f"{len(kg.select(GOOD_QUERY))} row(s)" in agencies
    assert 'href="entities/org-national-crime-agency.html"' in agencies and "NCA" in agencies
    labels = html.split('id="q-labels"', 1)[1].split("</section>", 1)[0]
    assert "National Crime Agency" in labels and "entity = “NCA”" in labels
    assert "needs a value for entity" in html.split('id="q-needs-value"', 1)[1].split("</section>", 1)[0]
    assert "Not run here" in html.split('id="q-fetching"', 1)[1].split("</section>", 1)[0]
    assert "Not run here" in html.split('id="q-broken"', 1)[1].split("</section>", 1)[0]
    assert (summary.queries, summary.queries_run) == (5, 2)


@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_queries_page_without_queries(kg, tmp_path, folder):
    qdir = tmp_path / "q"
    if folder == "empty":
        qdir.mkdir()
    summary = build_site(kg, tmp_path / "site", queries_dir=qdir)
    assert summary.queries == 0
    assert "No named queries were found" in (tmp_path / "site" / "queries.html").read_text(encoding="utf-8")


def test_ontology_page_documents_classes_properties_and_schemes(site):
    out, _ = site
    html = (out / "ontology.html").read_text(encoding="utf-8")
    assert 'id="c-sockg-strategy"' in html and "A government strategy" in html
    assert "Subclass of" in html and 'href="#c-sockg-policydocument"' in html
    assert 'id="p-sockg-addresses"' in html
    assert "Pursue, Prepare, Protect and Prevent framework" in html and 'href="entities/concept-pursue.html"' in html


def test_hostile_graph_is_escaped_everywhere(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    write_hostile_graph(build, "sockg.ttl")
    out = tmp_path / "site"
    build_site(KnowledgeGraph(build), out, queries_dir=tmp_path / "none")
    text = ""
    for page in pages(out):
        html = page.read_text(encoding="utf-8")
        seen = parse_elements(html)
        assert not {"img", "iframe", "svg", "b"} & set(seen.tags), page
        assert not [k for k, _ in seen.attrs if k.startswith("on")], page
        # "pwned" may only show up inside a slug sockg made (a file name of lower-case letters, digits and dashes)
        assert not [v for k, v in seen.attrs
                    if "pwned" in v and not (k == "href" and re.fullmatch(r"[a-z0-9/.-]+\.html", v))], page
        if page.parent.name != "views":
            assert "script" not in seen.tags, page
            text += html
    assert "&lt;script&gt;window.__pwned=&#39;script&#39;&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&#34;window.__pwned=&#39;img&#39;&#34;&gt;" in text
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert hrefs and not [h for h in hrefs if ":" in h], "only sockg's own file names are linked"


def test_replaces_only_its_own_folder(kg, tmp_path):
    mine = tmp_path / "site"
    build_site(kg, mine, queries_dir=tmp_path / "none")
    (mine / "stale.html").write_text("old", encoding="utf-8")
    build_site(kg, mine, queries_dir=tmp_path / "none")
    assert not (mine / "stale.html").exists() and (mine / "index.html").is_file()
    theirs = tmp_path / "documents"
    theirs.mkdir()
    (theirs / "thesis.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(ViewError, match="not made by 'sockg site'"):
        build_site(kg, theirs, queries_dir=tmp_path / "none")
    assert [p.name for p in theirs.iterdir()] == ["thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents", "site"]


def test_cli_site(runner, built, tmp_path):
    out = tmp_path / "published"
    result = runner.invoke(app, ["site", "-b", str(built.out_dir), "-o", str(out), "--no-physics",
                                 "--queries", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out / "index.html")
    assert "pages into" in result.stderr
    assert '"enabled":false' in (out / "views" / "overview.html").read_text(encoding="utf-8")
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["site", "-b", str(built.out_dir), "-o", str(blocked)])
    assert result.exit_code == 1 and "exists and is not a folder" in result.stderr


def test_a_file_where_a_folder_is_needed_is_named(kg, tmp_path):
    """Before: --queries FILE gave a site with no queries, silently; -o under a file said "File exists"."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    with pytest.raises(ViewError, match=r"notes\.txt: is a file; the queries are read from a folder of \*\.rq files"):
        build_site(kg, tmp_path / "site", queries_dir=notes)
    with pytest.raises(ViewError) as caught:
        build_site(kg, notes / "site", queries_dir=tmp_path / "none")
    assert str(caught.value) == f"{notes}: is a file, not a folder, so {notes}/site cannot be written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_cli_site_outputs_and_query_folders_that_cannot_be_used(runner, built, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    for args, message in ((["-o", str(notes / "site")], f"{notes}: is a file, not a folder"),
                          (["-o", str(tmp_path / "s"), "--queries", str(notes)], f"{notes}: is a file; the queries")):
        result = runner.invoke(app, ["site", "-b", str(built.out_dir), *args])
        assert result.exit_code == 1, result.output
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("sockg: error: " + message), line
    result = runner.invoke(app, ["site", "-b", str(built.out_dir), "-o", str(tmp_path / "s"), "--no-physics",
                                 "--queries", str(tmp_path / "typo")])
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'typo'}: no such folder; the queries page will list no queries" in result.stderr
