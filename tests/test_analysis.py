"""Graph analysis on the seed graph: each result checked against what the seed says.

Expected values are worked out by hand from ``seeds/curated/*.yaml`` and the
seed text; the comments say where each comes from.
"""

from __future__ import annotations

import copy

import networkx as nx
import pytest

from conftest import SEED_FILE
from sockg import analysis as A
from sockg.analysis import plots
from sockg.analysis.convert import curie
from sockg.errors import AnalysisError, EntityNotFoundError, NoPathError

SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")

# Paragraph 137: "we will work with partners in DfE, the Department of Health and Social Care (DHSC), the
# Ministry of Housing, Communities and Local Government (MHCLG), DCMS, Ministry of Justice (MoJ) and the
# devolved administrations, as well as law enforcement"
PREVENT_DEPARTMENTS = ["Department for Education", "Department of Health and Social Care",
                       "Ministry of Housing, Communities and Local Government",
                       "Department for Digital, Culture, Media and Sport", "Ministry of Justice"]
PREVENT_PARTNERS = PREVENT_DEPARTMENTS + ["Devolved administrations", "Law enforcement"]
CSEA = "Child sexual exploitation and abuse"
SOC2018 = "Serious and Organised Crime Strategy 2018"
OBJ = {i: f"Objective {i}" for i in range(1, 5)}


@pytest.fixture(scope="module")
def G(kg):
    return A.to_networkx(kg)


def node(G, label):
    return A.find_node(G, label)


def labels(G, nodes):
    return {G.nodes[n]["label"] for n in nodes}


def assert_verbatim(ev):
    assert ev["quote"], ev
    assert SEED_TEXT[ev["start"]:ev["end"]] == ev["quote"], ev


# ---------------------------------------------------------------------------------------------- conversion
def test_every_relation_claim_is_an_edge_with_all_its_evidence(kg, G):
    rows = kg.select("""
        SELECT ?s ?p ?o (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?c a sockg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?e .
          FILTER(isIRI(?o) && ?p != sockg:mentionedIn)
          FILTER NOT EXISTS { ?o a dcterms:LicenseDocument }   # a publication's licence: no entity, no edge
        } GROUP BY ?s ?p ?o""")
    assert len(rows) > 150
    for r in rows:
        key = curie(r["p"])
        assert G.has_edge(r["s"], r["o"], key), (r["s"], key, r["o"])
        assert len(G.edges[r["s"], r["o"], key]["evidence"]) == r["n"]


def test_mentions_keep_their_block_and_method(G):
    dfe = G.nodes[node(G, "DfE")]
    m = [x for x in dfe["mentions"] if x["paragraph"] == "paragraph 137"]
    assert m and m[0]["method"] == "curated" and m[0]["block"].endswith("/para-137")
    assert_verbatim(m[0])


# ---------------------------------------------------------------------------------------------- projections
def test_unknown_projection_lists_the_valid_ones(G):
    with pytest.raises(AnalysisError) as exc:
        A.project(G, "organisation-banana")
    assert all(name in str(exc.value) for name in A.PROJECTIONS)


def test_organisation_strand_projection_joins_prevent_to_its_partners(G):
    P = A.project(G, "organisation-strand")
    prevent = node(G, "Prevent")
    # partnerOn (paragraph 137), informs (the 'what works' centres, paragraph 137), and the UK Government,
    # which funds the Prevent initiatives that the Prevent strand uses (paragraph 136)
    expected = set(PREVENT_PARTNERS) | {"What works centres", "College of Policing", "Early Intervention Foundation",
                                        "Youth Justice Board", "UK Government"}
    assert labels(P, P[prevent]) == expected
    uk = P.edges[prevent, node(G, "UK Government")]
    assert uk["predicates"] == ["sockg:funds/^sockg:uses"] and uk["evidence_count"] == 2
    # objective 1 aligns with Pursue, and the NCA, the UK Government (35.1), local authorities, the security
    # and intelligence agencies, law enforcement and police forces (34) contribute to it
    assert labels(P, P[node(G, "Pursue")]) == {"National Crime Agency", "UK Government", "Local authorities",
                                               "Security and intelligence agencies", "Law enforcement",
                                               "Police forces"}
    assert P.degree(node(G, "Prepare")) == 0 and P.degree(node(G, "Protect")) == 0


def test_organisation_threat_projection_routes(G):
    P = A.project(G, "organisation-threat")
    soc = node(G, "Serious and organised crime")
    # "The National Crime Agency (NCA) assesses that the threat ..." (paragraph 1); the Home Office's
    # Director General oversees the response (paragraph 10)
    assert P.edges[soc, node(G, "NCA")]["predicates"] == ["sockg:assesses"]
    assert P.edges[soc, node(G, "Home Office")]["predicates"] == ["^org:postIn/sockg:oversees"]
    # a Prevent partner reaches illegal drugs through the priority area matched to it
    drugs = P.edges[node(G, "Illegal drugs"), node(G, "DfE")]
    assert drugs["predicates"] == ["sockg:partnerOn/sockg:prioritises/skos:broadMatch"]
    assert P.degree(node(G, "Fraud")) == 0
    # nothing is inherited through membership: the Scottish Government is not a Prevent partner
    assert P.degree(node(G, "Scottish Government")) == 0


def test_strategy_strategy_projection(G):
    P = A.project(G, "strategy-strategy")
    # what the seed links it to, and (cited) the edition it replaced, the one that replaced it and the plan
    # that builds on it
    assert labels(P, P[node(G, SOC2018)]) == {
        "CONTEST 2018", "UK Anti-Corruption Strategy 2017-2022", "National Cyber Security Strategy 2016-2021",
        "Modern Slavery Strategy 2014", "Serious Violence Strategy 2018",
        "National Security Strategy and Strategic Defence and Security Review 2015",
        "National Security Capability Review 2018", "National Strategic Assessment of Serious and Organised Crime",
        "Scotland's Serious Organised Crime Strategy 2015", "Northern Ireland's Organised Crime Strategy 2016",
        "Policing Vision 2025", "Serious and Organised Crime Strategy 2013",
        "Serious and Organised Crime Strategy 2023 to 2028", "Economic Crime Plan 2019-22"}
    # paragraph 9 states the Serious Violence Strategy link both ways, from one sentence
    svs = P.edges[node(G, SOC2018), node(G, "Serious Violence Strategy 2018")]
    assert svs["weight"] == 2 and svs["evidence_count"] == 1


def test_relations_projection_leaves_out_schemes(G):
    P = A.project(G, "relations")
    assert not any(d["cls"] == "skos:ConceptScheme" for _, d in P.nodes(data=True))
    assert all("skos:inScheme" not in p for _, _, d in P.edges(data=True) for p in d["predicates"])


def test_co_mention_graph_from_mention_evidence(G):
    P = A.project(G, "co-mention")
    dfe, dhsc = node(G, "DfE"), node(G, "DHSC")
    assert P.edges[dfe, dhsc]["weight"] == 1
    assert P.edges[dfe, dhsc]["places"] == [("soc-2018-search-results", "paragraph 137")]
    # the curated mentions name both the NCA and the UK Government in paragraph 35 item 1,
    # paragraph 38 and result 3
    nca_uk = P.edges[node(G, "NCA"), node(G, "UK Government")]
    assert nca_uk["weight"] == 3
    assert sorted(p for _, p in nca_uk["places"]) == ["paragraph 35, item 1", "paragraph 38", "result 3 (snippet)"]


def test_co_mention_counts_extracted_mentions_and_can_filter_them():
    G = nx.MultiDiGraph()
    rec = {"document": "other-doc", "paragraph": "paragraph 4", "block": "b4", "quote": "x", "start": 0, "end": 1}
    G.add_node("a", label="A", mentions=[dict(rec, method="extracted")])
    G.add_node("b", label="B", mentions=[dict(rec, method="extracted"), dict(rec, block="b5", method="curated")])
    G.add_node("c", label="C", mentions=[dict(rec, block="b5", method="curated")])
    P = A.project(G, "co-mention")
    assert P.edges["a", "b"]["weight"] == 1 and P.edges["b", "c"]["weight"] == 1
    only = A.project(G, "co-mention", methods={"extracted"})
    assert set(only.edges()) == {("a", "b")}


# ---------------------------------------------------------------------------------------------- centrality
def test_the_2018_strategy_is_the_most_central_entity(G):
    res = A.centrality(G, "relations")
    top = res["rows"][0]
    assert top["label"] == SOC2018
    assert top["degree_rank"] == top["betweenness_rank"] == top["pagerank_rank"] == 1
    assert res["betweenness"]["exact"] and res["nodes"] == len(res["rows"])


def test_prevent_is_the_hub_of_the_organisation_strand_projection(G):
    res = A.centrality(G, "organisation-strand", by="degree", top=3)
    assert res["rows"][0]["label"] == "Prevent" and res["rows"][0]["degree"] == 12
    assert len(res["rows"]) == 3


def reference_pagerank(P, alpha=0.85, iters=500):
    n = len(P)
    x = {v: 1 / n for v in P}
    out = {v: sum(d.get("weight", 1) for _, _, d in P.edges(v, data=True)) for v in P}
    for _ in range(iters):
        dangling = sum(x[v] for v in P if out[v] == 0)
        y = {v: (1 - alpha) / n + alpha * dangling / n for v in P}
        for u in P:
            for _, v, d in P.edges(u, data=True):
                y[v] += alpha * x[u] * d.get("weight", 1) / out[u]
        x = y
    return x


def test_pagerank_matches_the_definition(G):
    P = A.project(G, "organisation-threat")
    ours, ref = A.pagerank(P), reference_pagerank(P)
    assert max(abs(ours[v] - ref[v]) for v in P) < 1e-8
    assert abs(sum(ours.values()) - 1) < 1e-9


def test_betweenness_is_sampled_when_asked_or_above_the_limit(G):
    res = A.centrality(G, k=20)
    assert res["betweenness"] == {"exact": False, "k": 20, "seed": 0}
    big = A.centrality(nx.path_graph(400), work_limit=10_000)
    assert big["betweenness"] == {"exact": False, "k": 16, "seed": 0}  # 400 x 799 > 10,000: sampled
    assert A.centrality(nx.path_graph(40), work_limit=10_000)["betweenness"]["exact"]
    with pytest.raises(AnalysisError, match="pagerank"):
        A.centrality(G, by="fame")


# ---------------------------------------------------------------------------------------------- communities
@pytest.mark.parametrize("projection,method", [("relations", "louvain"), ("relations", "greedy"),
                                               ("co-mention", "louvain")])
def test_prevent_partners_share_a_community(G, projection, method):
    res = A.communities(G, projection, method=method)
    ids = {A.community_of(res, name) for name in PREVENT_DEPARTMENTS}
    assert len(ids) == 1 and None not in ids


def test_communities_partition_the_projection_and_are_reproducible(G):
    P = A.project(G, "relations")
    res = A.communities(P)
    assert sum(c["size"] for c in res["communities"]) == P.number_of_nodes()
    assert [c["size"] for c in res["communities"]] == sorted((c["size"] for c in res["communities"]), reverse=True)
    assert res == A.communities(P)
    prevent = next(c for c in res["communities"] if "Prevent" in c["members"])
    assert prevent["hub"] == "Prevent" and prevent["dominant_class"] == "sockg:GovernmentDepartment"
    assert 0 < res["modularity"] < 1
    with pytest.raises(AnalysisError, match="louvain"):
        A.communities(P, method="astrology")


# ---------------------------------------------------------------------------------------------- paths
def test_path_from_dfe_to_csea_carries_verbatim_quotes(G):
    res = A.shortest_path(G, "Department for Education", CSEA)
    hops = res["hops"]
    assert res["length"] == len(hops) == 2
    assert hops[0]["source"] == "Department for Education" and hops[-1]["target"] == CSEA
    for a, b in zip(hops, hops[1:]):
        assert a["target_iri"] == b["source_iri"]
    assert [h["predicate"] for h in hops] == ["sockg:partnerOn", "sockg:addresses"]
    for h in hops:
        assert h["evidence"] and h["direction"] == "forward"
        for ev in h["evidence"]:
            assert_verbatim(ev)
            assert ev["paragraph"] == "paragraph 137" and ev["document"] == "soc-2018-search-results"


def test_path_walks_relations_backwards_but_reports_their_direction(G):
    res = A.shortest_path(G, "CSEA", "dfe")
    assert [(h["source"], h["target"], h["direction"]) for h in res["hops"]] == [
        ("Prevent", CSEA, "backward"), ("Department for Education", "Prevent", "backward")]


def test_unknown_entity_suggests_close_matches(G):
    with pytest.raises(EntityNotFoundError) as exc:
        A.shortest_path(G, "Dept for Educaton", CSEA)
    assert "Department for Education" in exc.value.suggestions


def test_unconnected_entities_raise_no_path(G):
    H = copy.deepcopy(G)
    H.add_node("ex:island", label="Island", cls="sockg:Agency", types=["sockg:Agency"], alt_labels=[])
    with pytest.raises(NoPathError, match="Island"):
        A.shortest_path(H, "DfE", "Island")


def test_paths_cross_strategies_through_their_citations(G):
    """Since the linked strategies came in, the DfE reaches hostile state activity: through the 2018
    strategy's links (quoted) and the cyber strategy's threats (cited)."""
    res = A.shortest_path(G, "DfE", "Hostile state activity")
    kinds = {e["kind"] for h in res["hops"] for e in h["evidence"]}
    assert res["length"] == 4 and kinds == {"quoted", "cited"}
    cited = [e for h in res["hops"] for e in h["evidence"] if e["kind"] == "cited"]
    assert all(e["note"] and e["locator"] and e["publication"] for e in cited)


def test_unevidenced_relations_are_used_only_when_allowed():
    G = nx.MultiDiGraph()
    for n in "abc":
        G.add_node(n, label=n.upper())
    ev = [{"quote": "q", "paragraph": "1", "document": "d"}]
    G.add_edge("a", "b", key="ex:p", predicate="ex:p", evidence=ev)
    G.add_edge("b", "c", key="ex:q", predicate="ex:q", evidence=[])
    with pytest.raises(NoPathError, match="only through relations without evidence"):
        A.shortest_path(G, "A", "C")
    res = A.shortest_path(G, "A", "C", evidenced_only=False)
    assert [h["evidence"] == [] for h in res["hops"]] == [False, True]


# ---------------------------------------------------------------------------------------------- coverage
def cells(res):
    return {(c["row"], c["column"]): c for c in res["cells"]}


def test_threat_strand_coverage_counts_the_quoted_passages(G):
    res = A.coverage(G, "threat-strand")
    assert len(res["rows"]) == 10 and res["columns"] == ["Prepare", "Prevent", "Protect", "Pursue"]
    got = {k: c["count"] for k, c in cells(res).items()}
    # Prevent addresses and prioritises CSEA and cyber crime in one sentence of paragraph 137 (1 passage);
    # objective 1 aligns with Pursue and targets child sex offenders (two passages of 35.1); Prevent
    # prioritises drug trafficking (137), matched to illegal drugs by two quotes (137 and 16): 3 passages
    assert got == {(CSEA, "Prevent"): 1, (CSEA, "Pursue"): 2, ("Cyber crime", "Prevent"): 1,
                   ("Illegal drugs", "Prevent"): 3}
    pursue = cells(res)[(CSEA, "Pursue")]
    assert pursue["routes"] == ["^sockg:alignsWithStrand/sockg:addresses"] and pursue["links"] == 1
    assert {e["paragraph"] for e in pursue["evidence"]} == {"paragraph 35, item 1"}
    for c in res["cells"]:
        for ev in c["evidence"]:
            assert_verbatim(ev)
    i, j = res["rows"].index(CSEA), res["columns"].index("Prevent")
    assert res["counts"][i][j] == 1 and res["links"][i][j] == 2  # addresses and prioritises


def test_threat_objective_coverage(G):
    res = A.coverage(G, "threat-objective")
    assert res["column_short"] == [OBJ[1], OBJ[2], OBJ[3], OBJ[4]]
    short = dict(zip(res["columns"], res["column_short"]))
    got = {(r, short[c]): n["count"] for (r, c), n in cells(res).items()}
    # objective 3 aligns with Prevent (35.3), which prioritises CSEA and cyber crime (137): 2 passages;
    # illegal drugs adds the two broadMatch quotes: 4
    assert got == {(CSEA, OBJ[1]): 1, (CSEA, OBJ[3]): 2, ("Cyber crime", OBJ[3]): 2, ("Illegal drugs", OBJ[3]): 4}


def test_threat_strategy_coverage_crosses_the_strategies(G):
    res = A.coverage(G, "threat-strategy", drop_empty=True)
    c = cells(res)
    # each strategy meets its own threats, from its publication (cited) or the seed (quoted)
    assert ("Terrorism", "CONTEST 2018") in c and ("County lines", "Serious Violence Strategy 2018") in c
    assert ("Insider threat", "UK Anti-Corruption Strategy 2017-2022") in c
    assert ("Illegal drugs", "Serious Violence Strategy 2018") in c and ("Illegal drugs", SOC2018) in c
    # through a framework element of its own: the anti-corruption strategy's first priority
    insider = c[("Insider threat", "UK Anti-Corruption Strategy 2017-2022")]
    assert any("sockg:hasPriority/sockg:addresses" in r for r in insider["routes"])
    # citations are counted one by one (publication, locator, note), not one per publication
    assert c[("Terrorism", "CONTEST 2018")]["count"] >= 2
    # the seed's quote (paragraph 9 names CONTEST as the strategy for countering terrorism) and the citations
    assert {e["kind"] for e in c[("Terrorism", "CONTEST 2018")]["evidence"]} == {"quoted", "cited"}
    # a shared 4P strand says nothing about which strategy a threat belongs to: CONTEST does not reach
    # the SOC strategy's Prevent priorities
    assert ("Professional enablers", "CONTEST 2018") not in c and ("Cyber crime", "CONTEST 2018") not in c


def test_organisation_strand_coverage_and_options(G):
    res = A.coverage(G, "organisation-strand", drop_empty=True)
    got = {k: c["count"] for k, c in cells(res).items()}
    assert got[("UK Government", "Prevent")] == 2 and got[("UK Government", "Pursue")] == 2
    assert got[("Department for Education", "Prevent")] == 1
    assert res["columns"] == ["Prevent", "Pursue"] and "Voluntary sector" not in res["rows"]
    top = A.coverage(G, "organisation-strand", top=1)
    assert top["rows"] == ["UK Government"]
    with pytest.raises(AnalysisError, match="threat-strand"):
        A.coverage(G, "threat-banana")


# ---------------------------------------------------------------------------------------------- overlap
def rows_for(res, a, b, facet):
    return next(r for r in res["rows"] if {r["a"], r["b"]} == {a, b} and r["facet"] == facet)


def test_overlap_jaccard_by_hand(G):
    res = A.overlap(G)
    # paragraphs 13 and 16: the 2018 strategy addresses the nine categories and serious and organised crime
    # itself (10; paragraph 9 only links it to the work on serious violence and county lines); the
    # Anti-Corruption Strategy addresses bribery and corruption and, cited, the insider threat: 1 shared of 11
    r = rows_for(res, SOC2018, "UK Anti-Corruption Strategy 2017-2022", "threats")
    assert (r["jaccard"], r["shared"], r["size_a"], r["size_b"]) == (round(1 / 11, 6), ["Bribery and corruption"], 10, 2)
    # organisations: 2013 = the NCA and law enforcement (created under it, instrumental to delivering it), the
    # Home Office (its publisher) and, cited from its Pursue chapter, police forces and the security and
    # intelligence agencies; 2018 = fifteen, all five among them
    r = rows_for(res, "Serious and Organised Crime Strategy 2013", SOC2018, "organisations")
    assert (r["jaccard"], r["size_a"], r["size_b"]) == (round(5 / 15, 6), 5, 15)
    assert r["shared"] == ["Home Office", "Law enforcement", "National Crime Agency", "Police forces",
                           "Security and intelligence agencies"]
    # CONTEST and the Modern Slavery Strategy use the same four strands (cited from their contents pages)
    assert rows_for(res, "CONTEST 2018", "Modern Slavery Strategy 2014", "strands")["jaccard"] == 1.0
    # both maintain the 4Ps framework (paragraph 37)
    assert rows_for(res, "Serious and Organised Crime Strategy 2013", SOC2018, "strands")["jaccard"] == 1.0
    assert [r["jaccard"] for r in res["rows"]] == sorted((r["jaccard"] for r in res["rows"]), reverse=True)


def test_overlap_options(G):
    some = A.overlap(G, "threats")
    assert {r["facet"] for r in some["rows"]} == {"threats"} and all(r["jaccard"] > 0 for r in some["rows"])
    every = A.overlap(G, "threats", include_zero=True)
    assert len(every["rows"]) > len(some["rows"]) and min(r["jaccard"] for r in every["rows"]) == 0
    assert len(A.overlap(G, top=3)["rows"]) == 3
    assert A.jaccard(set(), set()) == 0.0
    with pytest.raises(AnalysisError, match="organisations"):
        A.overlap(G, "vibes")


# ---------------------------------------------------------------------------------------------- gaps
def found(res, check):
    return {r["entity"] for r in res["rows"] if r["check"] == check}


def test_gaps_the_curated_data_implies(G):
    res = A.gaps(G)
    assert found(res, "threat-without-lead") == {
        "Bribery and corruption", "Fraud", "Illegal firearms", "Modern slavery and human trafficking",
        "Money laundering and other economic crime", "Organised immigration crime"}
    assert found(res, "objective-without-power-or-programme") == {
        "Building the highest levels of defence and resilience in vulnerable people, communities, businesses and systems",
        "Establishing a single, whole-system approach"}
    # the National Economic Crime Centre's members (its membership is all the launch story says of them) and
    # Action Fraud (which the Fraud Strategy discusses replacing)
    assert found(res, "organisation-without-role") == {
        "Action Fraud", "City of London Police", "Crown Prosecution Service", "Financial Conduct Authority",
        "HM Revenue and Customs", "Serious Fraud Office"}
    no_year = found(res, "figure-without-year")
    assert {"Annual cost of serious and organised crime to the UK", "Fall in comparable crime since 2010",
            "National Crime Agency budget in 2023-24"} <= no_year
    assert "Potential victims of modern slavery in the UK in 2013" not in no_year
    assert found(res, "strand-without-organisation") == {"Prepare", "Protect"}
    assert found(res, "objective-without-organisation") == {
        "Building the highest levels of defence and resilience in vulnerable people, communities, businesses and systems"}
    assert found(res, "relation-without-evidence") == set()
    assert set(res["checks"]) == set(A.CHECKS)


def test_a_lead_through_an_objective_closes_the_threat_gap(G):
    H = copy.deepcopy(G)
    obj2 = node(H, OBJ[2])
    H.add_edge(obj2, node(H, "Fraud"), key="sockg:addresses", predicate="sockg:addresses", evidence=[])
    assert "Fraud" in found(A.gaps(H, ["threat-without-lead"]), "threat-without-lead")
    H.add_edge(node(H, "Home Office"), obj2, key="sockg:contributesTo", predicate="sockg:contributesTo", evidence=[])
    res = A.gaps(H, ["threat-without-lead", "relation-without-evidence"])
    assert "Fraud" not in found(res, "threat-without-lead")
    assert len(found(res, "relation-without-evidence")) == 2


def test_unknown_gap_check(G):
    with pytest.raises(AnalysisError, match="figure-without-year"):
        A.gaps(G, ["everything-is-fine"])


# ---------------------------------------------------------------------------------------------- bridges
def test_articulation_points_and_bridges(G):
    P = A.project(G, "relations")
    points = A.articulation_points(P)["rows"]
    assert {r["iri"] for r in points} == set(nx.articulation_points(P))
    prevent = next(r for r in points if r["label"] == "Prevent")
    assert set(PREVENT_DEPARTMENTS) <= set(prevent["cut_off_members"])
    assert prevent["cut_off"] == len(prevent["cut_off_members"])
    # the 2018 strategy and its Prevent strand hold the most together
    assert {points[0]["label"], points[1]["label"]} == {SOC2018, "Prevent"}
    links = A.bridges(P)["rows"]
    assert {frozenset((r["a_iri"], r["b_iri"])) for r in links} == {frozenset(e) for e in nx.bridges(P)}
    dfe = next(r for r in links if "Department for Education" in (r["a"], r["b"]))
    assert dfe["cut_off"] == 1 and dfe["predicates"] == ["sockg:partnerOn"]
    assert dfe["cut_off_members"] == ["Department for Education"]
    assert all(r["cut_off"] >= 2 for r in A.bridges(P, min_cut=2)["rows"])


# ---------------------------------------------------------------------------------------------- bad numbers
@pytest.mark.parametrize("call, needle", [
    (lambda G: A.centrality(G, k=0), "k (sampled sources) must be a whole number, 1 or more (got 0)"),
    (lambda G: A.centrality(G, k=-5), "got -5"),
    (lambda G: A.centrality(G, k=2.5), "got 2.5"),
    (lambda G: A.centrality(G, top=-1), "top must be a whole number, 0 or more (got -1)"),
    (lambda G: A.centrality(G, work_limit=0), "work_limit"),
    (lambda G: A.communities(G, resolution=0), "resolution must be a number above 0 (got 0)"),
    (lambda G: A.communities(G, resolution=-1), "got -1"),
    (lambda G: A.communities(G, resolution=float("nan")), "got nan"),
    (lambda G: A.communities(G, top=-2), "top"),
    (lambda G: A.coverage(G, top=-1), "top"),
    (lambda G: A.overlap(G, top=-1), "top"),
    (lambda G: A.bridges(G, min_cut=0), "min_cut must be a whole number, 1 or more (got 0)"),
    (lambda G: A.articulation_points(G, top=-3), "top"),
    (lambda G: A.pagerank(A.project(G, "relations"), alpha=1.5), "alpha"),
    (lambda G: A.pagerank(A.project(G, "relations"), max_iter=0), "max_iter"),
    (lambda G: plots.plot_centrality({"rows": [{"label": "x", "pagerank": 1.0}]}, top=-1), "top"),
    (lambda G: plots.save_png(None, dpi=0), "dpi"),
])
def test_numbers_that_make_no_sense_are_refused_not_clamped(G, call, needle):
    """Before, k=0 and k=-5 became k=1, resolution 0 gave "modularity 0.0" and a negative top an empty list."""
    with pytest.raises(AnalysisError) as caught:
        call(G)
    assert needle in str(caught.value)


def test_zero_top_and_k_beyond_the_nodes_still_mean_what_they_say(G):
    assert A.centrality(G, top=0)["rows"] == []
    P = A.project(G, "organisation-strand")
    exact = A.centrality(P, k=P.number_of_nodes() + 100)
    assert exact["betweenness"] == {"exact": True, "k": None, "seed": None}
    assert A.communities(P, resolution=0.5, top=1)["communities"][0]["id"] == 1
