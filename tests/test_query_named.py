"""Every named competency query, run on the seed graph, gives the answer the seed gives.

Each query in ``sockg/queries/`` has a test here called ``test_named_<name>``
(a test below checks that none is missing).
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import SEED_FILE
from sockg.query import LocalTarget, check_query, named_queries, run_named
from sockg.query.lexer import tokenize

SEED = SEED_FILE.read_text(encoding="utf-8")
SOC2018 = "Serious and Organised Crime Strategy 2018"
PREVENT_PARTNERS = ["Department for Digital, Culture, Media and Sport", "Department for Education",
                    "Department of Health and Social Care", "Devolved administrations", "Law enforcement",
                    "Ministry of Housing, Communities and Local Government", "Ministry of Justice"]
NINE_THREATS = ["Bribery and corruption", "Child sexual exploitation and abuse", "Cyber crime", "Fraud",
                "Illegal drugs", "Illegal firearms", "Modern slavery and human trafficking",
                "Money laundering and other economic crime", "Organised immigration crime"]


@pytest.fixture(scope="module")
def target(kg):
    return LocalTarget(kg.store, kg.resolve)


def rows(target, name, **params):
    return run_named(target, name, params).to_python()


def col(result, key):
    return [r[key] for r in result]


def quoted(text):
    """The quote is in the seed, verbatim."""
    return all(part in SEED for part in text.split(" | "))


# ---------------------------------------------------------------- the library itself
def test_every_named_query_has_a_test_here():
    tests = {n for n in dir(sys.modules[__name__]) if n.startswith("test_named_")}
    missing = [q for q in named_queries() if f"test_named_{q.replace('-', '_')}" not in tests]
    assert not missing, f"named queries without a test: {missing}"
    assert len(named_queries()) >= 15


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_named_query_is_described_checked_and_declares_its_variables(name):
    q = named_queries()[name]
    assert q.text.startswith("# ") and len(q.description) > 20 and q.description.endswith((".", ")"))
    info = check_query(q.text)                       # reads cleanly: nothing refused, every prefix known
    variables = {t.text[1:] for t in tokenize(q.text) if t.kind == "var"}
    for p in q.params:
        assert p.name in variables, f"{name}: parameter {p.name} is not a variable of the query"
        assert p.default, f"{name}: parameter {p.name} has no default, so the query cannot run with one click"
    assert info.form == "select"


# ---------------------------------------------------------------- threats
def test_named_threats(target):
    r = rows(target, "threats")
    assert col(r, "threat") == sorted(NINE_THREATS + ["Serious and organised crime"])
    by = {x["threat"]: x for x in r}
    assert by["Child sexual exploitation and abuse"]["objectives"].startswith("Objective 1: Relentless disruption")
    assert by["Child sexual exploitation and abuse"]["strands"] == "Prevent"
    assert by["Cyber crime"]["strands"] == "Prevent" and not by["Cyber crime"]["objectives"]
    assert not by["Fraud"]["objectives"] and not by["Fraud"]["strands"]
    assert rows(target, "threats", strategy="CONTEST") == []   # CONTEST addresses terrorism, a crime type


def test_named_threats_without_lead(target, kg):
    """The same definition as the gap check of the same name: the same six threats, not all nine."""
    from sockg.analysis.gaps import gaps

    found = col(rows(target, "threats-without-lead"), "threat")
    assert found == ["Bribery and corruption", "Fraud", "Illegal firearms", "Modern slavery and human trafficking",
                     "Money laundering and other economic crime", "Organised immigration crime"]
    assert found == sorted(r["entity"] for r in gaps(kg, ["threat-without-lead"])["rows"])


LEAD_TTL = """
@prefix sockg: <https://w3id.org/sockg/def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix schema: <https://schema.org/> . @prefix : <http://example.org/> .
:t a sockg:ThreatCategory ; skos:prefLabel "Fraud" .
:o a {org_class} ; skos:prefLabel "An organisation" .
"""


@pytest.mark.parametrize("org_class, links, led", [
    ("sockg:Agency", ":o sockg:assesses :t .", True),
    ("sockg:GovernmentDepartment", ":o sockg:oversees :t .", True),
    ("sockg:ActorGroup", ":o sockg:addresses :t .", True),
    ("schema:GovernmentOrganization", ":p org:postIn :o ; sockg:oversees :t .", True),
    ("org:Organization", ":o sockg:contributesTo :x . :x a sockg:Objective ; sockg:addresses :t .", True),
    ("sockg:PublicBody", ":o sockg:partnerOn :x . :x a sockg:Strand ; sockg:prioritises :t .", True),
    ("sockg:WhatWorksCentre", ":o sockg:funds :x . :x a sockg:Programme ; sockg:addresses :t .", True),
    ("sockg:DevolvedGovernment", ":o sockg:informs :x . :x sockg:prioritises :a . :a skos:broadMatch :t .", True),
    # no route: a member inherits nothing, the umbrella category is not the threat, a person is no organisation
    ("sockg:Agency", ":o org:memberOf :g . :g a sockg:Agency . :x sockg:addresses :t .", False),
    ("sockg:Agency", ":o sockg:assesses :u . :t skos:broader :u .", False),
    ("sockg:Post", ":o sockg:oversees :t .", False),
    ("sockg:Agency", ":o sockg:partnerOn :x . :x skos:related :t .", False),
    ("sockg:Agency", ":o sockg:informs :x . :x skos:broadMatch :t .", False),
])
def test_named_threats_without_lead_follows_each_route_of_the_gap_check(org_class, links, led):
    import pyoxigraph as ox
    from sockg.analysis.gaps import gaps

    store = ox.Store()
    store.load(LEAD_TTL.format(org_class=org_class) + links, format=ox.RdfFormat.TURTLE)
    query_says = col(rows(LocalTarget(store), "threats-without-lead"), "threat")
    gaps_says = [r["entity"] for r in gaps(store, ["threat-without-lead"])["rows"]]
    assert query_says == gaps_says == ([] if led else ["Fraud"])


def test_named_strategies_by_threat(target):
    pairs = {(x["threat"], x["strategy"]) for x in rows(target, "strategies-by-threat")}
    assert {("Terrorism", "CONTEST 2018"), ("Bribery and corruption", "UK Anti-Corruption Strategy 2017-2022"),
            ("Cyber crime", "National Cyber Security Strategy 2016-2021"),
            ("Modern slavery and human trafficking", "Modern Slavery Strategy 2014"),
            ("Serious violence", "Serious Violence Strategy 2018")} <= pairs
    # paragraph 9 links the strategy to the government's work on county lines; it does not address it
    assert {t for t, s in pairs if s == SOC2018} == set(NINE_THREATS) | {"Serious and organised crime"}
    r = rows(target, "strategies-by-threat")
    assert {x["kind"] for x in r if x["strategy"] == SOC2018} == {"quoted"}
    # the linked strategies' threats come from their publications: cited, with a note and a locator
    svs = [x for x in r if x["strategy"] == "Serious Violence Strategy 2018" and x["kind"] == "cited"]
    assert {"Knife crime", "Gun crime", "Homicide", "County lines"} <= {x["threat"] for x in svs}
    assert all(x["note"] and not x["quote"] and x["paragraph"] for x in svs)


# ---------------------------------------------------------------- organisations and roles
def test_named_strand_partners(target):
    r = rows(target, "strand-partners")
    assert col(r, "organisation") == PREVENT_PARTNERS
    assert {x["paragraph"] for x in r} == {"paragraph 137"}
    assert all(quoted(x["quote"]) and "work with partners in DfE" in x["quote"] for x in r)
    # the seed names no partner on Pursue; the 2013 strategy's Pursue chapter does (cited)
    pursue = rows(target, "strand-partners", strand="Pursue")
    assert col(pursue, "organisation") == ["Police forces", "Security and intelligence agencies"]
    assert all(x["kind"] == "cited" and x["note"] and x["paragraph"].startswith("PURSUE: ") for x in pursue)


def test_named_roles_by_strand(target):
    r = rows(target, "roles-by-strand")
    prevent = {(x["organisation"], x["role"]) for x in r if x["strand"] == "Prevent"}
    assert {o for o, role in prevent if role == "partner on"} == set(PREVENT_PARTNERS)
    assert {o for o, role in prevent if role == "informs"} == {
        "What works centres", "College of Policing", "Early Intervention Foundation", "Youth Justice Board"}


def test_named_roles_by_objective(target):
    r = rows(target, "roles-by-objective")
    one = {x["organisation"] for x in r if x["objective"].startswith("Objective 1:")}
    assert {"National Crime Agency", "UK Government", "Local authorities"} <= one
    four = [x for x in r if x["objective"].startswith("Objective 4:")]
    assert sorted({x["organisation"] for x in four}) == ["International partners", "Private sector",
                                                          "Voluntary sector"]
    assert all(x["role"] == "contributes to" and quoted(x["quote"]) for x in r)


def test_named_strategy_roles(target):
    r = rows(target, "strategy-roles")
    got = {(x["role"], x["actor"]) for x in r}
    assert {("responsible for", "Home Secretary"), ("led production of", "Home Office"),
            ("contributed to", "Other government departments and agencies"),
            ("partnered on", "Devolved administrations"), ("partnered on", "Police forces"),
            ("partnered on", "Private sector"), ("implements", "Welsh Government"),
            ("implements", "Welsh Police and Crime Commissioners"),
            ("implements", "National Economic Crime Centre")} == got
    assert {x["paragraph"] for x in r if x["kind"] == "quoted"} == {"paragraph 10", "paragraph 11"}
    necc = [x for x in r if x["actor"] == "National Economic Crime Centre"]
    assert [x["kind"] for x in necc] == ["cited"] and necc[0]["note"]


def test_named_org_role_counts(target):
    r = rows(target, "org-role-counts")
    assert r[0]["organisation"] == "National Crime Agency" and r[0]["roles"] >= 5
    assert {"assesses", "contributes to", "created under"} <= set(r[0]["kinds"].split(", "))
    counts = col(r, "roles")
    assert counts == sorted(counts, reverse=True) and min(counts) >= 1
    assert {"Home Office", "Home Secretary", "Ministry of Justice"} <= set(col(r, "organisation"))


def test_named_devolved(target):
    r = {x["government"]: x for x in rows(target, "devolved")}
    assert r["Scottish Government"]["place"] == "Scotland"
    assert r["Scottish Government"]["strategy"] == "Scotland's Serious Organised Crime Strategy 2015"
    assert r["Northern Ireland Executive"]["strategy"] == "Northern Ireland's Organised Crime Strategy 2016"
    assert (r["Welsh Government"]["relation"], r["Welsh Government"]["strategy"]) == ("implements", SOC2018)


# ---------------------------------------------------------------- strategies and documents
def test_named_linked_strategies(target):
    r = rows(target, "linked-strategies")
    by = {}
    for x in r:
        by.setdefault(x["relation"], set()).add(x["document"])
    assert by["links to"] == {"CONTEST 2018", "UK Anti-Corruption Strategy 2017-2022",
                              "National Cyber Security Strategy 2016-2021", "Modern Slavery Strategy 2014",
                              "Serious Violence Strategy 2018"}
    assert by["builds on"] == {"National Security Strategy and Strategic Defence and Security Review 2015"}
    assert by["reflects"] == {"National Security Capability Review 2018"}
    assert {"Scotland's Serious Organised Crime Strategy 2015", "Policing Vision 2025"} <= by["references"]
    assert all(quoted(x["quote"]) for x in r if x["kind"] == "quoted")
    assert {x["kind"] for x in r} == {"quoted"}   # the seed is the 2018 strategy's only evidence of its links
    nss = [x for x in r if x["relation"] == "builds on"][0]
    assert nss["paragraph"] == "paragraph 8" and nss["quote"].startswith("The strategy builds on the 2015 National")


def test_named_predecessors_successors(target):
    r = rows(target, "predecessors-successors")
    assert {(x["successor"], x["predecessor"]) for x in r} == {
        (SOC2018, "Serious and Organised Crime Strategy 2013"),
        ("Serious and Organised Crime Strategy 2023 to 2028", SOC2018),
        ("CONTEST 2018", "CONTEST 2011"), ("CONTEST 2023", "CONTEST 2018")}
    quoted_rows = [x for x in r if x["kind"] == "quoted"]
    assert sorted(x["paragraph"] for x in quoted_rows) == ["paragraph 33", "result 2, unnumbered paragraph 3"]
    assert all(quoted(x["quote"]) for x in quoted_rows)
    assert all(x["note"] and not x["quote"] for x in r if x["kind"] == "cited")


def test_named_strategy_framework(target):
    r = rows(target, "strategy-framework")
    assert [x["part"] for x in r] == ["aim"] + ["objective"] * 4 + ["strand"] * 4
    assert [x["number"] for x in r if x["part"] == "objective"] == ["1", "2", "3", "4"]
    assert [x["label"] for x in r if x["part"] == "strand"] == ["Prepare", "Prevent", "Protect", "Pursue"]
    assert r[0]["definition"].startswith("to protect our citizens and our prosperity")


def test_named_outcomes(target):
    r = rows(target, "outcomes")
    assert col(r, "letter") == ["a", "b", "c"]
    assert [x["objective"][:12] for x in r] == ["Objective 1:", "Objective 2:", "Objective 3:"]
    assert r[2]["outcome"] == "Fewer young people engaging in criminal activity or reoffending"


# ---------------------------------------------------------------- instruments and figures
def test_named_powers(target):
    r = rows(target, "powers")
    assert col(r, "power") == ["Serious Crime Prevention Orders", "Unexplained Wealth Orders"]
    assert {x["objective"][:12] for x in r} == {"Objective 1:"}
    assert all("Unexplained Wealth Orders and Serious Crime Prevention Orders" in x["quote"] for x in r)


def test_named_strand_priorities(target):
    r = rows(target, "strand-priorities")
    assert col(r, "area") == ["Child sexual exploitation and abuse", "Cyber crime",
                              "Drug trafficking and distribution", "Professional enablers"]
    assert all(x["paragraph"] == "paragraph 137" and quoted(x["quote"]) for x in r)


def test_named_figures(target):
    r = {x["figure"]: x for x in rows(target, "figures")}
    cost = r["Annual cost of serious and organised crime to the UK"]
    assert (str(cost["value"]), cost["unit"], cost["qualifier"], cost["when"]) == ("37000000000", "GBP", "at least",
                                                                               "per year")
    assert "at least £37 billion" in cost["quotes"] and len(cost["quotes"].split(" | ")) == 2
    old = r["Annual cost of serious and organised crime to the UK (2013 strategy)"]
    assert (str(old["value"]), old["qualifier"], old["quotes"] or "") == ("24000000000", "more than", "")
    assert "Serious and Organised Crime Strategy 2013, Home Secretary Foreword" in old["citations"]
    ocg = r["Organised crime groups operating in the UK known to the NCA in 2018"]
    assert (str(ocg["value"]), ocg["qualifier"], ocg["when"], ocg["source"]) == ("4600", "over", "2018",
                                                                             "National Crime Agency")
    fall = r["Fall in comparable crime since 2010"]
    assert (str(fall["value"]), fall["unit"], fall["direction"]) == ("34", "percent", "fall")
    msht = [x for k, x in r.items() if k.startswith("Increase in potential modern slavery")][0]
    assert (str(msht["value"]), msht["unit"], msht["direction"], msht["when"]) == ("35", "percent", "increase", "2017")
    assert all(quoted(x["quotes"]) for x in r.values() if x["quotes"])
    assert all(x["quotes"] or x["citations"] for x in r.values())


# ---------------------------------------------------------------- evidence
def test_named_evidence_between(target):
    r = rows(target, "evidence-between")
    assert [(x["subject"], x["relation"], x["object"]) for x in r] == [(SOC2018, "links to", "CONTEST 2018")]
    x = r[0]
    assert x["paragraph"] == "paragraph 9" and x["document"] == "soc-2018-search-results"
    assert SEED[x["start"]:x["end"]] == x["quote"]          # the offsets point at the quote in the seed
    both = rows(target, "evidence-between", a=SOC2018, b="Serious Violence Strategy 2018")
    assert {(y["subject"], y["relation"]) for y in both} == {(SOC2018, "links to"),
                                                            ("Serious Violence Strategy 2018", "links to")}
    assert rows(target, "evidence-between", a="NCA", b="CONTEST") == []


def test_named_entity_relations(target):
    r = rows(target, "entity-relations")
    out = {(x["relation"], x["other"]) for x in r if x["direction"] == "out"}
    assert ("assesses", "Serious and organised crime") in out and ("memberOf", "Law enforcement") in out
    assert ("publisher", "National Strategic Assessment of Serious and Organised Crime") in \
        {(x["relation"], x["other"]) for x in r if x["direction"] == "in"}
    assert all(quoted(x["quote"]) for x in r)
    assert col(rows(target, "entity-relations", entity="DHSC"), "other") == ["Prevent"]


def test_named_unevidenced_entities(target, kg):
    assert rows(target, "unevidenced-entities") == []
    # and it does find an entity without evidence when there is one
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(kg.ttl_path), format=ox.RdfFormat.TURTLE)
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/sockg/id/org/ghost"),
                      ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("Ghost")))
    assert rows(LocalTarget(store), "unevidenced-entities") == [
        {"entity": "https://w3id.org/sockg/id/org/ghost", "label": "Ghost"}]


def test_named_readings(target):
    r = rows(target, "readings")
    got = {(x["subject"], x["relation"], x["object"]) for x in r}
    # the unflagged readings, now marked in the graph
    assert {("National Crime Agency", "created under", "Serious and Organised Crime Strategy 2013"),
            (SOC2018, "applies to", "United Kingdom"),
            ("National Referral Mechanism", "addresses", "Modern slavery and human trafficking")} <= got
    assert {x["relation"] for x in r if x["subject"].startswith("Relentless")} >= {"aligns with strand"}
    # the seed's reading that the 2013 strategy had a Prevent strand is now stated by that strategy's contents
    assert ("Serious and Organised Crime Strategy 2013", "has strand", "Prevent") not in got
    prevent = rows(target, "evidence-between", a="Serious and Organised Crime Strategy 2013", b="Prevent")
    assert {x["kind"] for x in prevent} == {"quoted", "cited"} and {x["reading"] for x in prevent} == {""}
    assert all(x["reading"] and re.match(r"^[\w-]+\.yaml:\d+$", x["curated"]) for x in r)
    assert all(quoted(x["quote"]) and not x["note"] for x in r if x["kind"] == "quoted")
    assert all(x["note"] and not x["quote"] for x in r if x["kind"] == "cited")
    assert {x["kind"] for x in r} == {"quoted", "cited"}
    # dropping readings leaves only what the evidence states
    kept = rows(target, "entity-relations", entity="NCA")
    dropped = rows(target, "entity-relations", entity="NCA", readings="drop")
    # the seed's reading (created under the 2013 strategy) and two cited ones (its NECC membership, its work
    # for the 2023 strategy)
    assert {x["other"] for x in kept if x["reading"]} == {"Serious and Organised Crime Strategy 2013",
                                                          "National Economic Crime Centre",
                                                          "Serious and Organised Crime Strategy 2023 to 2028"}
    assert dropped == [x for x in kept if not x["reading"]] and len(dropped) < len(kept)


def test_named_evidence_density(target):
    r = rows(target, "evidence-density")
    assert {"paragraph 16", "paragraph 137", "paragraph 9"} <= {x["paragraph"] for x in [y for y in r if y["kind"] == "quoted"][:4]}
    assert col(r, "claims") == sorted(col(r, "claims"), reverse=True)
    assert all(re.match(r"^(paragraph|result|Figure) ", x["paragraph"]) for x in r if x["kind"] == "quoted")
    cited = [x for x in r if x["kind"] == "cited"]
    assert cited and {x["kind"] for x in r} == {"quoted", "cited"}
    assert all(not x["document"].startswith("soc-2018-search") for x in cited)


def test_named_search_labels(target):
    r = rows(target, "search-labels")
    assert {x["type"] for x in r} >= {"sockg:Strategy"}
    assert SOC2018 in col(r, "entity") and "CONTEST 2018" in col(r, "entity")   # CONTEST by its alternative name
    assert col(rows(target, "search-labels", text="UWO"), "entity") == ["Unexplained Wealth Orders"]


# ---------------------------------------------------------------- across the strategies (cited evidence)
def test_named_shared_threats(target):
    # the Serious Violence Strategy shares illegal drugs with the three SOC editions, and nothing else
    r = rows(target, "shared-threats")
    assert {(x["other"], x["threat"]) for x in r} == {
        ("Serious and Organised Crime Strategy 2013", "Illegal drugs"), (SOC2018, "Illegal drugs"),
        ("Serious and Organised Crime Strategy 2023 to 2028", "Illegal drugs")}
    # a narrower concept counts for its broader one: CONTEST's Islamist terrorism meets the cyber strategy's terrorism
    r = rows(target, "shared-threats", strategy="CONTEST 2018")
    got = {(x["other"], x["threat"], x["named"], x["named_by_other"]) for x in r}
    assert ("National Cyber Security Strategy 2016-2021", "Terrorism", "Terrorism", "Terrorism") in got
    assert ("CONTEST 2011", "Islamist terrorism", "Islamist terrorism", "Islamist terrorism") in got
    assert ("CONTEST 2023", "Terrorism", "Islamist terrorism", "Terrorism") in got
    # top concepts are not shared threats: every SOC category sits under "serious and organised crime"
    assert "Serious and organised crime" not in {x["threat"] for x in rows(target, "shared-threats", strategy=SOC2018)}


def test_named_strategies_by_framework(target):
    r = {x["strategy"]: x for x in rows(target, "strategies-by-framework")}
    assert set(r) == {"CONTEST 2018", "Modern Slavery Strategy 2014", "Serious and Organised Crime Strategy 2013",
                      SOC2018}
    assert {x["origin"] for x in r.values()} == {"CONTEST series"}   # the 4Ps began in counter-terrorism
    assert all(set(x["elements"].split(", ")) == {"Pursue", "Prevent", "Protect", "Prepare"} for x in r.values())
    assert r[SOC2018]["kinds"] == "quoted" and r["CONTEST 2018"]["kinds"] == "cited"
    fraud = rows(target, "strategies-by-framework",
                 framework="https://w3id.org/sockg/id/scheme/fraud-strategy-pillars")
    assert [(x["strategy"], x["origin"]) for x in fraud] == [("Fraud Strategy 2023", "Fraud Strategy 2023")]
    assert set(fraud[0]["elements"].split(", ")) == {"Pursue fraudsters", "Block fraud", "Empower people"}


def test_named_series_editions(target):
    r = rows(target, "series-editions")
    assert [(x["series"], x["edition"], x["issued"], x["command_paper"], x["replaces"]) for x in r] == [
        ("CONTEST series", "2011", "2011-07-12", "Cm 8123", ""),
        ("CONTEST series", "2018", "2018-06-04", "Cm 9608", "CONTEST 2011"),
        ("CONTEST series", "2023", "2023-07-18", "CP 903", "CONTEST 2018"),
        ("Serious and Organised Crime Strategy series", "2013", "2013-10", "Cm 8715", ""),
        ("Serious and Organised Crime Strategy series", "2018", "2018-11-01", "Cm 9718",
         "Serious and Organised Crime Strategy 2013"),
        ("Serious and Organised Crime Strategy series", "2023", "2023-12-13", "CP 992", SOC2018)]


def test_named_bodies_across_strategies(target):
    r = rows(target, "bodies-across-strategies")
    count = {x["body"]: x["strategies"] for x in r}
    assert count["Home Office"] == 9 and r[0]["body"] == "Home Office"
    assert min(count.values()) == 2
    nca = {(x["strategy"], x["role"]) for x in r if x["body"] == "National Crime Agency"}
    assert ("Serious and Organised Crime Strategy 2013", "created under") in nca
    assert ("Serious and Organised Crime Strategy 2023 to 2028", "implements") in nca
    # a partner on a strand several strategies share is not counted: the DfE is a partner on Prevent only
    assert "Department for Education" not in count
    assert [x["strategies"] for x in r] == sorted((x["strategies"] for x in r), reverse=True)


def test_named_evidence_by_kind(target, kg):
    r = rows(target, "evidence-by-kind")
    kinds = {x["kind"] for x in r}
    assert kinds == {"quoted", "cited"}   # nothing is ingested in the seed build
    quoted = [x for x in r if x["kind"] == "quoted"]
    assert [x["source"] for x in quoted] == ["soc-2018-search-results"]
    cited = {x["source"]: x for x in r if x["kind"] == "cited"}
    assert {"CONTEST 2018", "Serious Violence Strategy 2018", "Fraud Strategy 2023",
            "Written statement: Serious and Organised Crime Strategy, 13 December 2023"} <= set(cited)
    assert all(0 <= x["readings"] <= x["claims"] and x["records"] >= 1 for x in r)
    # the totals agree with the graph
    records = kg.select("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sockg:Citation . ?c prov:wasDerivedFrom ?e }")
    assert sum(x["records"] for x in cited.values()) == records[0]["n"]
