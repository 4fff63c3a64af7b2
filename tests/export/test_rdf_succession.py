"""The succession as ORG change events and the progress links in RDF
(graph.export.rdf.succession), read back with rdflib."""
from __future__ import annotations

import rdflib
from progress_docs import PLAN, PROVINCIAL_PLAN, REPORT, department_plan, graph_of

from graph.export.rdf.iris import mint_iris
from graph.export import rdf
from graph.export.rdf.succession import cited_document, succession_triples
from graph.export.rdf.syntax import nt_line

BASE = "https://example.org/pg/"
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
SKOS = rdflib.namespace.SKOS
PG = rdflib.Namespace("https://policygraph.example/ontology#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def _graph():
    G = graph_of({"plan": PROVINCIAL_PLAN, "doer": department_plan(),
                  "so": department_plan("42/KH-SLĐTBXH").replace("SỞ Y TẾ", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")})
    nt = "\n".join(nt_line(*t) for t in succession_triples(G, BASE))
    return G, rdflib.Graph().parse(data=nt, format="nt")


def test_thai_binh_into_hung_yen_is_a_change_event():
    _, g = _graph()
    hy, tb = rdflib.URIRef(BASE + "org/vn/hung-yen"), rdflib.URIRef(BASE + "org/vn/thai-binh")
    (e,) = list(g.subjects(ORG.resultingOrganization, hy))
    assert (e, rdflib.RDF.type, ORG.ChangeEvent) in g
    assert {o for o in g.objects(e, ORG.originalOrganization)} == {hy, tb}
    assert str(g.value(e, rdflib.URIRef("http://purl.org/dc/terms/date"))) == "2025-07-01"
    # the legal basis as the document's IRI (no document of the graph: minted by its symbol)
    assert g.value(e, DCT.source) == rdflib.URIRef(BASE + "eli/vn/qh15/nq/2025/202")
    assert "202/2025/QH15" in str(g.value(e, rdflib.RDFS.comment))
    events = set(g.subjects(rdflib.RDF.type, ORG.ChangeEvent))
    provinces = {e for e in events if not g.value(e, PG.function)
                 and "/so-" not in str(g.value(e, ORG.resultingOrganization))}
    # the 23 units made of several, and Huế (renamed from Thừa Thiên Huế on 2025-01-01)
    assert len({g.value(e, ORG.resultingOrganization) for e in provinces}) == 34 - 11 + 1


def test_a_split_department_has_one_event_per_heir_with_its_function():
    _, g = _graph()
    heirs = {}
    for e in g.subjects(rdflib.RDF.type, ORG.ChangeEvent):
        original = str(g.value(e, ORG.originalOrganization))
        if "lao-dong" in original:
            heirs[str(g.value(e, PG.function) or "")] = str(g.value(e, ORG.resultingOrganization))
    assert heirs[""].endswith("org/vn/hung-yen/so-noi-vu")
    assert heirs["giáo dục nghề nghiệp"].endswith("org/vn/hung-yen/so-giao-duc-va-dao-tao")
    assert heirs["bảo trợ xã hội"].endswith("org/vn/hung-yen/so-y-te")


def test_fulfilled_by_and_today_s_unit():
    G, g = _graph()
    pairs = [(str(s), str(o)) for s, o in g.subject_objects(PG.fulfilledBy)]
    assert len(pairs) == 1 and "/task/" in pairs[0][0]
    assert str(g.value(rdflib.URIRef(pairs[0][0]), PG.jurisdictionToday)) == "Hưng Yên"


def test_a_report_reports_on_its_plan_for_its_period():
    G = graph_of({"rep": REPORT, "plan": PLAN})
    nt = "\n".join(nt_line(*t) for t in succession_triples(G, BASE))
    g = rdflib.Graph().parse(data=nt, format="nt")
    iri = mint_iris(G, BASE)
    (rep, plan) = next(iter(g.subject_objects(PG.reportsOn)))
    assert str(plan) == iri["doc:15/kh-ubnd|thái bình|2020"]
    assert str(rep) == iri["doc:25/bc-lđtbxh||2020"]
    assert str(g.value(rep, PG.periodStart)) == "2020-01-01"
    assert str(g.value(rep, PG.reportPeriod)) == "Quý I năm 2020"


# ------------------------------------------------------------------ what the events name

def _default_export(G, base: str = BASE) -> rdflib.Graph:
    """The default export of G by the plain mapping, checked against the fast writer's."""
    plain = rdf.triples(G, base)
    fast = rdf.read_triples(rdf.serialize(G, "nt", base=base), "nt")
    assert sorted(map(nt_line, *zip(*plain))) == sorted(map(nt_line, *zip(*fast)))
    return rdflib.Graph().parse(data="\n".join(nt_line(*t) for t in plain), format="nt")


def _named(g: rdflib.Graph) -> set:
    return {o for e in g.subjects(rdflib.RDF.type, ORG.ChangeEvent)
            for p in (ORG.originalOrganization, ORG.resultingOrganization) for o in g.objects(e, p)}


def test_every_organisation_an_event_names_is_typed_and_named_once():
    G, _ = _graph()
    g = _default_export(G)
    named = _named(g)
    assert len(named) > 50
    for o in named:
        assert (o, rdflib.RDF.type, ORG.Organization) in g, o
        assert len(list(g.objects(o, SKOS.prefLabel))) == 1, o
        assert g.value(o, rdflib.RDFS.label) is not None, o
    for e in g.subjects(rdflib.RDF.type, ORG.ChangeEvent):
        assert "→" in str(g.value(e, rdflib.RDFS.label))
    assert not any("thua-thien-hue" in str(x) for t in g for x in t)  # one slug per province
    # every organisation of the export has one name (an heir an issuer names too)
    for o in g.subjects(rdflib.RDF.type, ORG.Organization):
        assert len(list(g.objects(o, SKOS.prefLabel))) == 1, o


def test_a_province_is_an_organisation_in_its_place():
    G, _ = _graph()
    g = _default_export(G, "https://example.org/x/")
    org = rdflib.URIRef("https://example.org/x/org/vn/thai-binh")
    assert str(g.value(org, SKOS.prefLabel)) == "tỉnh Thái Bình"
    place = g.value(org, DCT.spatial)
    assert place == rdflib.URIRef("https://example.org/x/ontology/province/thai-binh")
    assert (place, rdflib.RDF.type, DCT.Location) in g and str(g.value(place, SKOS.prefLabel)) == "Thái Bình"
    hue = rdflib.URIRef("https://example.org/x/org/vn/hue")  # renamed from Thừa Thiên Huế
    (e,) = list(g.subjects(ORG.resultingOrganization, hue))
    assert set(g.objects(e, ORG.originalOrganization)) == {hue}
    assert g.value(e, DCT.source) == rdflib.URIRef("https://example.org/x/eli/vn/qh15/nq/2024/175")
    assert "Thừa Thiên Huế" in str(g.value(e, rdflib.RDFS.label))


def _sources(g: rdflib.Graph, symbol: str) -> set:
    return {g.value(e, DCT.source) for e in g.subjects(rdflib.RDF.type, ORG.ChangeEvent)
            if symbol in str(g.value(e, rdflib.RDFS.comment))}


def test_the_legal_basis_is_the_graph_s_own_document_when_it_has_it():
    G, _ = _graph()
    n = "doc:202/2025/qh15||2025"
    G.add_node(n, kind="document", symbol="202/2025/QH15", type_code="NQ", doc_type="Nghị quyết",
               issuer="Quốc hội", year=2025, stub=True)
    iri = mint_iris(G, BASE)
    g = _default_export(G)
    assert _sources(g, "202/2025/QH15") == {rdflib.URIRef(iri[n])}
    # another document with that symbol: the one the symbol's own path names, described once
    G.add_node("doc:other", kind="document", symbol="202/2025/QH15", type_code="NQ",
               jurisdiction="Hà Nội", year=2025, stub=True)
    iri = mint_iris(G, BASE)
    g = _default_export(G)
    assert _sources(g, "202/2025/QH15") == {rdflib.URIRef(iri[n])}
    assert len(list(g.objects(rdflib.URIRef(iri[n]), rdflib.RDFS.label))) == 1


def test_cited_document_reads_the_symbol_and_its_type():
    assert cited_document("Nghị quyết 202/2025/QH15 ngày 12/6/2025 (x)") == {
        "symbol": "202/2025/QH15", "type_code": "NQ", "citation": "Nghị quyết 202/2025/QH15"}
    assert cited_document("theo thông báo của Bộ") is None


def test_an_heir_the_export_describes_already_keeps_its_one_name():
    G, _ = _graph()
    heir = rdflib.URIRef(BASE + "org/vn/hung-yen/so-y-te")
    g = _default_export(G)
    assert str(g.value(heir, SKOS.prefLabel)) == "Sở Y tế (Hưng Yên)"  # described as an heir
    G.add_node("doc:9/kh-syt|hưng yên|2025", kind="document", symbol="9/KH-SYT", type_code="KH",
               issuer="SỞ Y TẾ", jurisdiction="Hưng Yên", year=2025, stub=True)
    g = _default_export(G)
    assert [str(x) for x in g.objects(heir, SKOS.prefLabel)] == ["SỞ Y TẾ"]  # as the issuer
    assert (heir, rdflib.RDF.type, ORG.Organization) in g
