"""Document and agency IRIs of the RDF export on the hand-made sample graph."""
from __future__ import annotations

import networkx as nx  # noqa: F401

from rdf_sample import TASK, sample_graph


def test_document_iris_are_eli_paths():
    from graph.export.rdf import mint_iris

    iri = mint_iris(sample_graph(), "https://ex.org/")
    assert iri["doc:20-NQ/TW"] == "https://ex.org/eli/vn/tw/nq/2017/20"
    assert iri["doc:127-KH/TU"] == "https://ex.org/eli/vn/thai-binh/tu/kh/2018/127"
    assert iri["doc:1983/QĐ-TTg"] == "https://ex.org/eli/vn/ttg/qd/undated/1983"
    assert iri[TASK].startswith("https://ex.org/id/document/") and iri[TASK].endswith("/task/ii-2")
    assert iri["ag:so"] == "https://ex.org/org/vn/thai-binh/so-lao-dong-thuong-binh-va-xa-hoi"
    assert len(set(iri.values())) == len(iri)


def test_iris_are_stable_and_injective_on_collision():
    from graph.export.rdf import mint_iris

    G = sample_graph()
    a = mint_iris(G)
    H = nx.MultiDiGraph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))  # other insertion order
    assert mint_iris(H) == a
    G.add_node("doc:20-NQ/TW bis", **G.nodes["doc:20-NQ/TW"])  # same identity, other id
    b = mint_iris(G)
    assert len(set(b.values())) == len(b)
    assert b["doc:20-NQ/TW"] == a["doc:20-NQ/TW"]
    assert b["doc:20-NQ/TW bis"].startswith(a["doc:20-NQ/TW"] + "~")


def test_document_path_reads_the_symbol_with_the_one_parser():
    from graph.export.rdf import document_path, slug

    assert document_path({"symbol": "46/2015/QĐ-TTg"}) == "eli/vn/ttg/qd/2015/46"
    assert document_path({"symbol": "1883/CTr-BLĐTBXH-BYT", "year": 2019}) == \
        "eli/vn/bldtbxh-byt/ctr/2019/1883"
    # the number without its leading zeros: '02/KH-UBND' and '2/KH-UBND' are one document
    assert document_path({"symbol": "02/KH-UBND", "year": 2014, "jurisdiction": "Thái Bình"}) \
        == "eli/vn/thai-binh/ubnd/kh/2014/2"
    # a công văn: the codes after the number are its issuer's, the type is the node's
    assert document_path({"symbol": "14577/BTC-TCNH", "doc_type": "Công văn",
                          "date": "2024-03-01"}) == "eli/vn/btc-tcnh/cong-van/2024/14577"
    assert document_path({"symbol": " 20 - NQ/TW"}) == "eli/vn/tw/nq/undated/20"
    assert document_path({"symbol": "Nghị quyết"}) is None
    assert document_path({"symbol": 20}) is None
    assert slug("Sở Lao động – Thương binh") == "so-lao-dong-thuong-binh"
    assert slug("BLĐTBXH") == "bldtbxh"
