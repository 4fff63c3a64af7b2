"""A hand-made policygraph graph (GRAPH_SCHEMA) after data/samples/000, shared by the RDF tests.

Other RDF test modules load it with `load_sample()`; the tests here check the IRIs.
"""
from __future__ import annotations

import importlib.util
import os

import networkx as nx

SRC = "data/samples/000_262c27ab4c953a99.txt"
TASK = "task:000#II.2"
PLAN = "doc:000"


def sample_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    doc = dict(kind="document", stub=True, ambiguous=False, candidates=[], aliases=[],
               conflicts=[], title=None, sources=[SRC])
    G.add_node("doc:20-NQ/TW", **{**doc, "label": "20-NQ/TW", "symbol": "20-NQ/TW",
               "doc_type": "Nghị quyết", "type_code": "NQ", "date": "2017-10-25",
               "year": 2017, "issuer": "Ban Chấp hành Trung ương Đảng", "jurisdiction": None,
               "level": "party", "aliases": ["Nghị quyết 20"],
               "title": "về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân"})
    G.add_node("doc:21-NQ/TW", **{**doc, "label": "21-NQ/TW", "symbol": "21-NQ/TW",
               "doc_type": "Nghị quyết", "type_code": "NQ", "date": "2017-10-25",
               "year": 2017, "issuer": "Ban Chấp hành Trung ương Đảng", "jurisdiction": None,
               "level": "party", "aliases": ["Nghị quyết 21"]})
    G.add_node("doc:127-KH/TU", **{**doc, "label": "127-KH/TU", "symbol": "127-KH/TU",
               "doc_type": "Kế hoạch", "type_code": "KH", "date": "2018-04-05", "year": 2018,
               "issuer": "Tỉnh ủy Thái Bình", "jurisdiction": "Thái Bình",
               "level": "provincial", "aliases": ["Kế hoạch 127"]})
    G.add_node("doc:128-KH/TU", **{**doc, "label": "128-KH/TU", "symbol": "128-KH/TU",
               "doc_type": "Kế hoạch", "type_code": "KH", "date": "2018-04-05", "year": 2018,
               "issuer": "Tỉnh ủy Thái Bình", "jurisdiction": "Thái Bình",
               "level": "provincial"})
    G.add_node("doc:1983/QĐ-TTg", **{**doc, "label": "1983/QĐ-TTg", "symbol": "1983/QĐ-TTg",
               "doc_type": "Quyết định", "type_code": "QĐ", "date": None, "year": None,
               "issuer": "Thủ tướng Chính phủ", "jurisdiction": None, "level": "central",
               "ambiguous": True, "candidates": ["doc:1983/QĐ-TTg@2018"]})
    G.add_node(PLAN, **{**doc, "label": "Kế hoạch Sở LĐTBXH", "symbol": None,
               "doc_type": "Kế hoạch", "type_code": "KH", "date": "2018-06-01", "year": 2018,
               "issuer": "Sở Lao động – Thương binh và Xã hội tỉnh Thái Bình",
               "jurisdiction": "Thái Bình", "level": "department", "stub": False,
               "conflicts": [{"field": "date", "value": "2018-06-02", "source": SRC}]})
    G.add_node(TASK, kind="task", label="II.2 Đề án Phòng, chống tai nạn lao động",
               number="II.2",
               text="Xây dựng và triển khai thực hiện Đề án Phòng, chống tai nạn lao động.",
               deadline="Trong năm 2019", due="2019-12-31", recurrence=None, condition=None,
               plan=PLAN, jurisdiction="Thái Bình")
    G.add_node("task:000#II.9", kind="task", label="II.9 giáo dục dân số", number="II.9",
               text="Tham gia, phối hợp triển khai thực hiện chương trình giáo dục dân số.",
               deadline="Sau khi có hướng dẫn", due=None, recurrence=None,
               condition="Sau khi có hướng dẫn cơ quan chủ trì thực hiện", plan=PLAN,
               jurisdiction="Thái Bình")
    ag = dict(kind="agency", jurisdiction="Thái Bình", parent=None, is_group=False)
    G.add_node("ag:ubnd", **{**ag, "label": "UBND tỉnh Thái Bình",
               "name": "Ủy ban nhân dân tỉnh Thái Bình"})
    G.add_node("ag:tu", **{**ag, "label": "Tỉnh ủy Thái Bình", "name": "Tỉnh ủy Thái Bình"})
    G.add_node("ag:so", **{**ag, "label": "Sở LĐTBXH",
               "name": "Sở Lao động – Thương binh và Xã hội", "parent": "ag:ubnd"})
    G.add_node("ag:phong-vl", **{**ag, "label": "Phòng Việc làm – An toàn lao động",
               "name": "Phòng Việc làm – An toàn lao động", "parent": "ag:so"})
    G.add_node("ag:cac-phong", **{**ag, "label": "Các phòng, đơn vị trực thuộc Sở",
               "name": "Các phòng, đơn vị trực thuộc Sở", "parent": "ag:so", "is_group": True})
    ev0 = ("Thực hiện Kế hoạch số 127-KH/TU ngày 05/4/2018 và Kế hoạch số 128-KH/TU "
           "ngày 05/4/2018 của Tỉnh ủy")
    ev1 = ("Kế hoạch số 127-KH/TU ngày 05/4/2018 của Tỉnh ủy thực hiện Nghị quyết số "
           "20-NQ/TW ngày 25/10/2017")

    def e(u, v, rel, ev, off, origin, **kw):
        G.add_edge(u, v, key=rel, relation=rel, evidence=ev, source=SRC, offset=off,
                   origin=origin, **kw)

    e(PLAN, "doc:127-KH/TU", "implements", ev0, 12, "header")
    e(PLAN, "doc:128-KH/TU", "implements", ev0, 12, "header")
    e(PLAN, "doc:20-NQ/TW", "implements", "Thực hiện Nghị quyết số 20-NQ/TW", 120, "preamble")
    e("doc:127-KH/TU", "doc:20-NQ/TW", "implements", ev1, 700, "statement")
    e("doc:128-KH/TU", "doc:21-NQ/TW", "implements",
      "Kế hoạch số 128-KH/TU ngày 05/4/2018 của Tỉnh ủy thực hiện Nghị quyết số 21-NQ/TW",
      900, "statement")
    e(PLAN, "doc:1983/QĐ-TTg", "cites", "Căn cứ Quyết định số 1983/QĐ-TTg", 1500, "preamble")
    e("doc:127-KH/TU", "ag:tu", "issued_by", ev0, 12, "header")
    e("doc:128-KH/TU", "ag:tu", "issued_by", ev0, 12, "header")
    e(PLAN, "ag:so", "issued_by", "Sở Lao động – Thương binh và Xã hội ban hành Kế hoạch",
      2000, "preamble")
    e(TASK, PLAN, "part_of", "2. Xây dựng và triển khai thực hiện Đề án", 3000, "task")
    e(TASK, "ag:phong-vl", "assigns", "Đơn vị tham mưu: Phòng Việc làm – An toàn lao động",
      3100, "task", role="lead")
    e(TASK, "ag:cac-phong", "assigns", "Đơn vị phối hợp: Các phòng, đơn vị trực thuộc Sở.",
      3150, "task", role="partner")
    e("task:000#II.9", PLAN, "part_of", "9. Tham gia, phối hợp", 5000, "task")
    e("ag:so", "ag:ubnd", "part_of", "Sở Lao động – Thương binh và Xã hội", 2000, "body")
    return G


def load_sample():
    """Import this module by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "pg_rdf_sample", os.path.join(os.path.dirname(__file__), "test_rdf_sample.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


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
