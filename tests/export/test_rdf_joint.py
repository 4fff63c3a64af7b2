"""A joint issue ('Bộ Y tế; Bộ Tài chính', a thông tư liên tịch) is passed by each body it
names, in both writers: one org:Organization per body, never one made of both names."""
from __future__ import annotations

import networkx as nx

from graph.export import rdf


def _graph():
    G = nx.MultiDiGraph()
    G.add_node("doc:4/2024/ttlt-byt-btc||2024", kind="document", symbol="4/2024/TTLT-BYT-BTC",
               doc_type="Thông tư liên tịch", type_code="TTLT", date="2024-05-02", year=2024,
               issuer="Bộ Y tế; Bộ Tài chính", level="central", label="4/2024/TTLT-BYT-BTC")
    return G


def test_each_body_of_a_joint_issue_passes_it_in_both_writers():
    G = _graph()
    base = rdf.DEFAULT_BASE
    want = {base + "org/vn/bo-y-te", base + "org/vn/bo-tai-chinh"}
    plain = {str(o) for s, p, o in rdf.triples(G) if p == rdf.ELI + "passed_by"}
    fast = {str(o) for s, p, o in rdf.read_triples(rdf.serialize(G, "nt"), "nt")
            if p == rdf.ELI + "passed_by"}
    assert plain == fast == want
    orgs = {s for s, p, o in rdf.triples(G) if p == rdf.A and str(o) == rdf.ORG + "Organization"}
    assert want <= orgs
    assert not any("bo-y-te-bo-tai-chinh" in s for s in orgs)
