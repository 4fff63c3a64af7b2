"""A group of agencies named as a task's assignee ('Các phòng, đơn vị trực thuộc Sở', 'các
sở, ban, ngành') is a pg:AgencyGroup, not an org:Organization nor a RiC-O corporate body, in
both writers; its parent stays a pg:parent link only; it comes back from the round trip."""
from __future__ import annotations

import os

import networkx as nx

from graph.export import rdf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GROUP = "agency:thái bình|các phòng, đơn vị trực thuộc sở"
SO = "agency:thái bình|sở y tế"


def _graph():
    G = nx.MultiDiGraph()
    G.add_node("doc:5/kh-syt|thái bình|2024", kind="document", symbol="5/KH-SYT",
               doc_type="Kế hoạch", type_code="KH", date="2024-03-01", year=2024,
               issuer="Sở Y tế tỉnh Thái Bình", jurisdiction="Thái Bình", level="department",
               label="5/KH-SYT")
    G.add_node("task:5#1", kind="task", number="1", text="Tổ chức tuyên truyền.",
               plan="doc:5/kh-syt|thái bình|2024", jurisdiction="Thái Bình", label="1")
    G.add_node(SO, kind="agency", name="Sở Y tế", jurisdiction="Thái Bình", is_group=False,
               level="department", label="Sở Y tế")
    G.add_node(GROUP, kind="agency", name="Các phòng, đơn vị trực thuộc Sở",
               jurisdiction="Thái Bình", is_group=True, parent=SO, label="Các phòng")
    G.add_edge("doc:5/kh-syt|thái bình|2024", "task:5#1", key="assigns", relation="assigns",
               source="kh.txt", offset=10, origin="task", evidence="1. Tổ chức tuyên truyền.")
    G.add_edge("task:5#1", GROUP, key="assigns", relation="assigns", role="lead", source="kh.txt",
               offset=12, origin="task",
               evidence="Các phòng, đơn vị trực thuộc Sở chủ trì tổ chức tuyên truyền.")
    return G


def test_a_group_is_no_organisation_in_both_writers_and_comes_back():
    import pyshacl
    import rdflib

    G = _graph()
    iri = rdf.mint_iris(G)
    g, so = iri[GROUP], iri[SO]
    plain = set(rdf.triples(G))
    assert plain == set(rdf.read_triples(rdf.serialize(G, "nt"), "nt"))
    types = {str(o) for s, p, o in plain if s == g and p == rdf.A}
    assert types == {rdf.PG + "AgencyGroup", rdf.PROV + "Agent"}
    assert (g, rdf.PG + "parent", rdf.I(so)) in plain
    assert not any(s == g and p == rdf.ORG + "subOrganizationOf" for s, p, o in plain)
    assert (so, rdf.A, rdf.I(rdf.ORG + "Organization")) in plain
    rico = rdf.rico_triples(G, rdf.DEFAULT_BASE)
    assert not any(s == g for s, p, o in rico)
    data = rdflib.Graph().parse(data=rdf.serialize(G, "nt"), format="nt")
    shapes = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "shapes.ttl"))
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert list(results.subjects(SH.resultSeverity, SH.Violation)) == [], text
    H = rdf.import_rdf(rdf.serialize(G, "ttl"))
    assert H.nodes[GROUP]["is_group"] is True and H.nodes[GROUP]["parent"] == SO
    assert dict(H.nodes[GROUP]) == dict(rdf.round_trip_form(G).nodes[GROUP])
