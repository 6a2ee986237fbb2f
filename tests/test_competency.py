"""Competency questions asked in SPARQL of the built seed graph, with the answers the seed gives."""

from __future__ import annotations

from conftest import SEED_FILE

SOC2018 = "https://w3id.org/sockg/id/strategy/serious-and-organised-crime-strategy-2018"


def labels(rows, key="label"):
    return sorted(r[key] for r in rows)


def test_which_threat_categories_does_the_strategy_cover(kg):
    rows = kg.select(f"""
        SELECT ?label WHERE {{
          <{SOC2018}> sockg:addresses ?t . ?t a sockg:ThreatCategory ; skos:broader ?top ; skos:prefLabel ?label .
          ?top skos:topConceptOf <https://w3id.org/sockg/id/scheme/threat-categories> .
        }}""")
    assert labels(rows) == [
        "Bribery and corruption", "Child sexual exploitation and abuse", "Cyber crime", "Fraud", "Illegal drugs",
        "Illegal firearms", "Modern slavery and human trafficking", "Money laundering and other economic crime",
        "Organised immigration crime",
    ]


def test_acronyms_and_variants_are_alt_labels(kg):
    rows = kg.select("SELECT ?alt WHERE { ?t skos:prefLabel 'Cyber crime'@en ; skos:altLabel ?alt }")
    assert {"cybercrime", "cyber-crime"} <= {r["alt"] for r in rows}
    rows = kg.select("SELECT ?l WHERE { ?t skos:altLabel 'CSEA'@en ; skos:prefLabel ?l }")
    assert labels(rows, "l") == ["Child sexual exploitation and abuse"]


def test_what_are_the_aim_and_the_four_objectives(kg):
    rows = kg.select(f"""
        SELECT ?n ?label ?aim WHERE {{
          <{SOC2018}> sockg:hasObjective ?o ; sockg:hasAim ?a . ?o skos:notation ?n ; skos:prefLabel ?label ;
          sockg:achieves ?a . ?a skos:definition ?aim }} ORDER BY ?n""")
    assert [(r["n"], r["label"].split(",")[0].split(" against")[0]) for r in rows] == [
        ("1", "Relentless disruption and targeted action"),
        ("2", "Building the highest levels of defence and resilience in vulnerable people"),
        ("3", "Stopping the problem at source"),
        ("4", "Establishing a single"),
    ]
    assert rows[0]["aim"].startswith("to protect our citizens and our prosperity by leaving no safe space")


def test_which_strategies_does_it_link_to_and_where_does_it_say_so(kg):
    rows = kg.select(f"""
        SELECT ?label ?paragraph ?quote WHERE {{
          <{SOC2018}> sockg:linksTo ?s . ?s skos:prefLabel ?label .
          ?c rdf:subject <{SOC2018}> ; rdf:predicate sockg:linksTo ; rdf:object ?s ; prov:wasDerivedFrom ?e .
          ?e sockg:paragraph ?paragraph ; oa:hasSelector/oa:exact ?quote }}""")
    assert labels(rows) == ["CONTEST 2018", "Modern Slavery Strategy 2014", "National Cyber Security Strategy 2016-2021",
                            "Serious Violence Strategy 2018", "UK Anti-Corruption Strategy 2017-2022"]
    assert {r["paragraph"] for r in rows} == {"paragraph 9"}
    assert all(r["quote"] in SEED_FILE.read_text(encoding="utf-8") for r in rows)


def test_what_does_it_build_on_reflect_and_replace(kg):
    rows = kg.select(f"""
        SELECT ?p ?label WHERE {{
          <{SOC2018}> ?p ?d . ?p rdfs:subPropertyOf* dcterms:references . ?d skos:prefLabel ?label .
          FILTER(?p IN (sockg:buildsOn, sockg:reflects)) }}""")
    assert sorted((r["p"].split("#")[1], r["label"]) for r in rows) == [
        ("buildsOn", "National Security Strategy and Strategic Defence and Security Review 2015"),
        ("reflects", "National Security Capability Review 2018"),
    ]
    rows = kg.select(f"SELECT ?label ?y WHERE {{ <{SOC2018}> dcterms:replaces ?d . ?d skos:prefLabel ?label ; sockg:issuedYear ?y }}")
    assert rows == [{"label": "Serious and Organised Crime Strategy 2013", "y": "2013"}]


def test_everything_the_strategy_references_includes_the_devolved_strategies(kg):
    rows = kg.select(f"""
        SELECT DISTINCT ?label WHERE {{
          <{SOC2018}> ?p ?d . ?p rdfs:subPropertyOf* dcterms:references . ?d skos:prefLabel ?label }}""")
    assert labels(rows) == [
        "CONTEST 2018", "Modern Slavery Strategy 2014", "National Cyber Security Strategy 2016-2021",
        "National Security Capability Review 2018",
        "National Security Strategy and Strategic Defence and Security Review 2015",
        "National Strategic Assessment of Serious and Organised Crime",
        "Northern Ireland's Organised Crime Strategy 2016", "Policing Vision 2025",
        "Scotland's Serious Organised Crime Strategy 2015", "Serious Violence Strategy 2018",
        "UK Anti-Corruption Strategy 2017-2022",
    ]


def test_who_is_responsible_and_who_led_the_work(kg):
    rows = kg.select(f"""
        SELECT ?role ?label WHERE {{
          ?who ?role <{SOC2018}> ; skos:prefLabel ?label .
          FILTER(?role IN (sockg:responsibleFor, sockg:ledProductionOf, sockg:contributedTo, sockg:partneredOn,
                           sockg:implements)) }}""")
    got = sorted((r["role"].split("#")[1], r["label"]) for r in rows)
    assert ("responsibleFor", "Home Secretary") in got
    assert ("ledProductionOf", "Home Office") in got
    assert ("contributedTo", "Other government departments and agencies") in got
    assert {lab for role, lab in got if role == "partneredOn"} == {"Devolved administrations", "Police forces",
                                                                   "Private sector"}
    # the seed's two, and (cited from the launch news story) the National Economic Crime Centre
    assert {lab for role, lab in got if role == "implements"} == {"Welsh Government",
                                                                  "Welsh Police and Crime Commissioners",
                                                                  "National Economic Crime Centre"}


def test_which_departments_partner_on_prevent(kg):
    rows = kg.select("""
        SELECT ?label ?code WHERE {
          ?o sockg:partnerOn ?strand ; skos:prefLabel ?label . ?strand skos:prefLabel "Prevent"@en .
          OPTIONAL { ?o sockg:govukCode ?code } }""")
    got = {r["label"]: r["code"] for r in rows}
    assert got == {
        "Department for Education": "D6", "Department of Health and Social Care": "D12",
        "Ministry of Housing, Communities and Local Government": "D4",
        "Department for Digital, Culture, Media and Sport": "D5", "Ministry of Justice": "D18",
        "Devolved administrations": None, "Law enforcement": None,
    }


def test_which_figures_with_value_unit_and_qualifier(kg):
    # the seed's figures (quoted); the publications' figures are cited
    rows = kg.select("""
        SELECT DISTINCT ?f ?value ?unit ?qualifier ?year WHERE {
          ?f a sockg:Figure ; sockg:value ?value ; sockg:unit ?unit .
          ?c rdf:subject ?f ; rdf:predicate sockg:value ; prov:wasDerivedFrom/sockg:evidenceKind "quoted" .
          OPTIONAL { ?f sockg:qualifier ?qualifier } OPTIONAL { ?f sockg:year ?year } } ORDER BY ?value""")
    got = [(float(r["value"]), r["unit"], r["qualifier"], r["year"]) for r in rows]
    assert got == [
        (34.0, "percent", None, None),
        (35.0, "percent", None, "2017"),
        (4600.0, "organised crime groups", "over", "2018"),
        (37000000000.0, "GBP", "at least", None),
    ]
    dtypes = kg.select("SELECT DISTINCT (DATATYPE(?v) AS ?dt) WHERE { ?f sockg:value ?v }")
    assert dtypes == [{"dt": "http://www.w3.org/2001/XMLSchema#decimal"}]


def test_the_cost_figure_is_evidenced_twice(kg):
    rows = kg.select("""
        SELECT ?quote WHERE {
          ?f sockg:value 37000000000.0 . ?c rdf:subject ?f ; rdf:predicate sockg:value ; prov:wasDerivedFrom ?e .
          ?e oa:hasSelector/oa:exact ?quote }""")
    assert labels(rows, "quote") == ["It costs the UK at least £37 billion annually.[footnote 2]",
                                     "Their activities cost us at least £37 billion each year."]


def test_the_four_ps_and_their_definitions(kg):
    rows = kg.select(f"""
        SELECT ?label ?def WHERE {{ <{SOC2018}> sockg:hasStrand ?s ; sockg:usesFramework ?fw .
          ?s skos:inScheme ?fw ; skos:prefLabel ?label ; skos:definition ?def }}""")
    assert {r["label"]: r["def"] for r in rows} == {
        "Pursue": "Pursue offenders through prosecution and disruption",
        "Prepare": "Prepare for when serious and organised crime occurs and mitigate impact",
        "Protect": "Protect individuals, organisations and systems from the effects of serious and organised crime",
        "Prevent": "Prevent people from engaging in serious and organised crime",
    }


def test_which_powers_and_which_objective_uses_them(kg):
    rows = kg.select("""
        SELECT ?power ?n WHERE { ?o sockg:uses ?p ; skos:notation ?n . ?p a sockg:Power ; skos:prefLabel ?power }""")
    assert sorted((r["power"], r["n"]) for r in rows) == [("Serious Crime Prevention Orders", "1"),
                                                         ("Unexplained Wealth Orders", "1")]


def test_prevent_priority_areas(kg):
    rows = kg.select("""
        SELECT ?label WHERE { ?s skos:prefLabel "Prevent"@en ; sockg:prioritises ?a . ?a skos:prefLabel ?label ;
          skos:inScheme <https://w3id.org/sockg/id/scheme/prevent-priority-areas> }""")
    assert labels(rows) == ["Child sexual exploitation and abuse", "Cyber crime",
                            "Drug trafficking and distribution", "Professional enablers"]


def test_what_works_centres_and_who_published_the_devolved_strategies(kg):
    rows = kg.select("""SELECT ?label WHERE { ?o org:memberOf ?g . ?g skos:prefLabel "What works centres"@en .
                        ?o skos:prefLabel ?label }""")
    assert labels(rows) == ["College of Policing", "Early Intervention Foundation", "Youth Justice Board"]
    # as the seed states it (the catalogue adds the publishers of the official publications, cited)
    rows = kg.select("""SELECT DISTINCT ?s ?p WHERE { ?d dcterms:publisher ?o ; skos:prefLabel ?s . ?o skos:prefLabel ?p .
                        ?d a sockg:Strategy .
                        ?c rdf:subject ?d ; rdf:predicate dcterms:publisher ; rdf:object ?o ;
                           prov:wasDerivedFrom/sockg:evidenceKind "quoted" }""")
    assert sorted((r["s"], r["p"]) for r in rows) == [
        ("Northern Ireland's Organised Crime Strategy 2016", "Northern Ireland Executive"),
        ("Scotland's Serious Organised Crime Strategy 2015", "Scottish Government"),
        ("Serious and Organised Crime Strategy 2018", "Home Office"),
    ]


def test_outcomes_that_will_be_measured(kg):
    rows = kg.select(f"""SELECT ?n ?label WHERE {{ <{SOC2018}> sockg:expectedOutcome ?o .
                          ?o skos:notation ?n ; skos:prefLabel ?label }} ORDER BY ?n""")
    assert [r["n"] for r in rows] == ["a", "b", "c"]
    assert rows[2]["label"] == "Fewer young people engaging in criminal activity or reoffending"


def test_strategy_periods_and_years(kg):
    rows = kg.select("""SELECT ?label ?a ?b WHERE { ?s sockg:periodStart ?a ; sockg:periodEnd ?b ; skos:prefLabel ?label }""")
    assert sorted((r["label"], r["a"], r["b"]) for r in rows) == [
        ("National Cyber Security Strategy 2016-2021", "2016", "2021"),
        ("UK Anti-Corruption Strategy 2017-2022", "2017", "2022"),
    ]


def test_the_other_search_results_are_modelled_as_what_they_are(kg):
    rows = kg.select("""
        SELECT ?n ?p ?label WHERE { ?r a sockg:SearchResult ; sockg:resultNumber ?n ; ?p ?x .
          ?x skos:prefLabel ?label . FILTER(?p IN (sockg:excerptOf, sockg:describes)) } ORDER BY ?n ?p""")
    got = {(r["n"], r["p"].split("#")[1], r["label"]) for r in rows}
    assert (4, "describes", "Serious Violence Strategy 2018") in got   # another document, quoting it
    assert (3, "describes", "House of Lords Library Briefing on Serious and Organised Crime") in got
    assert (7, "describes", "Article on public perceptions of crime and worry about crime") in got
    assert (1, "describes", "Serious and organised crime") in got
    assert (2, "excerptOf", "Serious and Organised Crime Strategy 2018") in got
    dates = kg.select("SELECT ?n ?d WHERE { ?r sockg:resultNumber ?n ; sockg:resultDate ?d } ORDER BY ?n")
    assert dates == [{"n": 1, "d": "2024-04-17"}, {"n": 2, "d": "2014-04-09"}]


def test_every_entity_has_evidence_and_every_relation_a_claim(kg):
    rows = kg.select("""
        SELECT ?e WHERE { ?e skos:prefLabel ?l . FILTER(STRSTARTS(STR(?e), "https://w3id.org/sockg/id/"))
          FILTER NOT EXISTS { ?e a skos:ConceptScheme }
          FILTER NOT EXISTS { ?c rdf:subject ?e ; prov:wasDerivedFrom ?ev } }""")
    assert rows == []
    rows = kg.select("""
        SELECT ?s ?p ?o WHERE { ?s ?p ?o . ?s skos:prefLabel ?l .
          FILTER(STRSTARTS(STR(?s), "https://w3id.org/sockg/id/") && isIRI(?o))
          FILTER(?p NOT IN (rdf:type))
          FILTER NOT EXISTS { ?s a skos:ConceptScheme }
          FILTER NOT EXISTS { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }""")
    assert rows == []


def test_gov_uk_codes_and_lookup_by_acronym(kg):
    rows = kg.select("SELECT ?l ?code WHERE { ?o sockg:govukCode ?code ; skos:prefLabel ?l } ORDER BY ?code")
    assert {r["code"]: r["l"] for r in rows} == {
        "D12": "Department of Health and Social Care", "D16": "Home Office", "D18": "Ministry of Justice",
        "D4": "Ministry of Housing, Communities and Local Government", "D5": "Department for Digital, Culture, Media and Sport",
        "D6": "Department for Education", "OT1235": "College of Policing", "PB302": "Youth Justice Board",
        "PB558": "National Crime Agency",
    }
