"""The succession as ORG change events and the progress links in RDF
(graph.export.rdf.succession), read back with rdflib."""
from __future__ import annotations

import rdflib
from progress_docs import PLAN, PROVINCIAL_PLAN, REPORT, department_plan, graph_of

from graph.export.rdf.iris import mint_iris
from graph.export.rdf.succession import succession_triples
from graph.export.rdf.syntax import nt_line

BASE = "https://example.org/pg/"
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PG = rdflib.Namespace("https://policygraph.example/ontology#")


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
    assert "202/2025/QH15" in str(g.value(e, rdflib.URIRef("http://purl.org/dc/terms/source")))
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
