"""A hand-made policygraph graph (GRAPH_SCHEMA) after data/samples/000, shared by the RDF tests.

The RDF test modules import it (`import rdf_sample as sample`); tests/export/test_rdf_iris.py
checks its IRIs.
"""
from __future__ import annotations


import networkx as nx
import pytest

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


SRC2 = "data/samples/001_copy.txt"


def full_graph() -> nx.MultiDiGraph:
    """The sample with every attribute a built graph can carry (GRAPH_SCHEMA): an issuer's
    parent, a refused merge, a conflict with its sentence, other readings of an edge (one
    from a copy of the source file: same content, another path), a fulfilled_by edge with
    all its fields, and the files' facts a store gives."""
    G = sample_graph()
    plan = G.nodes[PLAN]
    plan.update(issuer_parent="Ủy ban nhân dân tỉnh Thái Bình", files=[SRC, SRC2],
                sha256="ab" * 32, doc_kind="official")
    plan["conflicts"] = [
        {"field": "date", "value": "2018-06-01", "source": SRC2,
         "evidence": "Kế hoạch ngày 01/6/2018"},
        {"field": "date", "value": "2018-06-02", "source": SRC}]
    G.nodes["doc:127-KH/TU"]["refused"] = [
        {"symbol": "127-KH/TU", "candidate": "doc:127-KH/TU|nowhere", "fact": "province",
         "value": "Hà Nội", "node_value": None, "evidence": "", "source": SRC2, "offset": 0},
        {"symbol": "127-KH/TU", "candidate": "doc:128-KH/TU", "fact": "year", "value": 2019,
         "node_value": 2018, "evidence": "Kế hoạch số 127-KH/TU năm 2019", "source": SRC,
         "offset": 40}]
    e = G.edges[PLAN, "doc:20-NQ/TW", "implements"]
    e["also"] = [{"evidence": e["evidence"], "source": SRC2, "offset": e["offset"],
                  "origin": e["origin"]},
                 {"evidence": "Nghị quyết 20", "source": SRC, "offset": 4000,
                  "origin": "statement"}]
    G.add_edge(TASK, "doc:128-KH/TU", key="fulfilled_by", relation="fulfilled_by",
               rule="type+issuer+subject+date", evidence="Xây dựng và triển khai thực hiện Đề án",
               source=SRC, offset=3010, origin="fulfil", doc_evidence=e["evidence"],
               doc_source=SRC2, provinces=["Hà Nội", "Thái Bình"], days_after_plan=30)
    G.add_edge("task:000#II.9", "doc:128-KH/TU", key="fulfilled_by", relation="fulfilled_by",
               rule="type+issuer", evidence="Tham gia, phối hợp", source=SRC, offset=5000,
               origin="fulfil", doc_evidence=None, doc_source=None, provinces=[],
               days_after_plan=None)
    G.graph["files"] = {SRC: {"sha256": "ab" * 32, "size": 9120, "built_at": 1.7e9},
                        SRC2: {"sha256": "ab" * 32, "size": 9120, "built_at": 1.7e9}}
    return G


def json_literals(trs) -> list:
    """The triples whose object is pg:unmappedAttributes or a literal that parses as a JSON
    object or list (what a built graph's export must not have)."""
    import json

    from graph.export import rdf

    out = []
    for s, p, o in trs:
        if p == rdf.PG + "unmappedAttributes":
            out.append((s, p, o))
        elif not isinstance(o, rdf.I) and o.value[:1] in ("[", "{"):
            try:
                if isinstance(json.loads(o.value), (dict, list)):
                    out.append((s, p, o))
            except ValueError:
                pass
    return out


def as_dicts(G: nx.MultiDiGraph) -> tuple[dict, dict]:
    """(node -> attributes, (u, v, key) -> attributes): what an exact round trip keeps."""
    return (dict(G.nodes(data=True)),
            {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)})


def assert_exact_round_trip(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    """H, imported from an export of G, is G in its round-trip form (`round_trip_form`:
    the schema's empty values filled in, lists of strings sorted), attribute for attribute."""
    from graph.export.rdf.importer import round_trip_form

    want_nodes, want_edges = as_dicts(round_trip_form(G))
    got_nodes, got_edges = as_dicts(H)
    assert set(got_nodes) == set(want_nodes)
    for n, a in want_nodes.items():
        assert got_nodes[n] == a, n
    assert set(got_edges) == set(want_edges)
    for e, d in want_edges.items():
        assert got_edges[e] == d, e


def importer_reads_new_terms() -> bool:
    """Whether `import_rdf` reads back the predicates the export now writes for a node's
    label, title, section, offset, files and hashes (terms.NODE_TEXT_TERMS …): importer.py
    is another branch's, and learns them when the branches are merged."""
    from graph.export.rdf import importer, terms

    return all(p in importer.NODE_SCALARS for p in terms.NODE_TEXT_TERMS)


# An exact round trip needs the importer to know those terms: until then the test must fail
# (strict), and once it does it runs as any other test.
NEEDS_IMPORTER = pytest.mark.xfail(
    not importer_reads_new_terms(), strict=True,
    reason="importer.py does not read pg:label, dcterms:title … yet (see terms.NODE_TEXT_TERMS)")
