"""Provisional (undated) document IRIs are typed, labelled and never withdrawn: a second
document with the same undated path turns the replacement into candidates, in both writers."""
from __future__ import annotations

import networkx as nx

from graph.export import rdf

U = rdf.DEFAULT_BASE + "eli/vn/ttg/cd/undated/5"


def _graph(*years):
    G = nx.MultiDiGraph()
    for y in years:
        G.add_node(f"doc:5/cđ-ttg||{y}", kind="document", symbol="5/CĐ-TTg", date=f"{y}-01-02",
                   year=y, doc_type="Công điện", type_code="CĐ", level="central", label="5/CĐ-TTg")
    return G


def _about(G, s):
    plain = {(p, getattr(o, "value", str(o))) for x, p, o in rdf.triples(G) if x == s}
    fast = {(p, getattr(o, "value", str(o)))
            for x, p, o in rdf.read_triples(rdf.serialize(G, "nt"), "nt") if x == s}
    assert plain == fast
    return plain


def test_one_document_replaces_it_two_are_candidates_and_it_stays_named():
    one, two = _graph(2024), _graph(2024, 2025)
    iri1, iri2 = rdf.mint_iris(one), rdf.mint_iris(two)
    a = _about(one, U)
    assert (rdf.A, rdf.PG + "UndatedReference") in a
    assert (rdf.RDFS + "label", "5/CĐ-TTg (chưa rõ năm)") in a
    assert (rdf.DCT + "isReplacedBy", iri1["doc:5/cđ-ttg||2024"]) in a
    b = _about(two, U)
    assert (rdf.A, rdf.PG + "UndatedReference") in b
    assert {o for p, o in b if p == rdf.PG + "candidate"} == set(iri2.values())
    assert not any(p == rdf.DCT + "isReplacedBy" for p, o in b)
