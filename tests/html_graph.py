"""A small policy graph built by hand following graph.models.GRAPH_SCHEMA, for the HTML tests
(test_html.py, test_html_browser.py)."""
from __future__ import annotations

import networkx as nx

RES = "doc:20-NQ/TW"
PROV = "doc:127-KH/TU"
DEPT = "doc:71/KH-SLĐTBXH"
TASK = "task:71/KH-SLĐTBXH#II.1"
AGENCY = "agency:Sở Y tế|Phú Yên"
ISSUER = "agency:Tỉnh ủy Phú Yên"
DECISION = "doc:1983/QĐ-TTg"
OTHER = "doc:50/KH-UBND|Hà Nội|2019"
OTHER_TASK = "task:50/KH-UBND#1"
XSS_TITLE = "<script>alert(1)</script>"


def _doc(G, nid, **attrs):
    attrs.setdefault("kind", "document")
    attrs.setdefault("label", attrs.get("symbol"))
    G.add_node(nid, **attrs)


def _edge(G, u, v, relation, **attrs):
    G.add_edge(u, v, key=relation, relation=relation, **attrs)


def policy_graph(xss: bool = False) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    _doc(G, RES, symbol="20-NQ/TW", doc_type="Nghị quyết", type_code="NQ", date="2017-10-25",
         year=2017, issuer="Ban Chấp hành Trung ương", jurisdiction=None, level="party",
         title=XSS_TITLE if xss else "về tăng cường công tác bảo vệ, chăm sóc và nâng cao "
         "sức khỏe nhân dân trong tình hình mới", aliases=["Nghị quyết 20"], stub=False)
    _doc(G, DECISION, symbol="1983/QĐ-TTg", doc_type="Quyết định", type_code="QĐ",
         date="2018-12-31", year=2018, issuer="Thủ tướng Chính phủ", level="central",
         stub=True)
    _doc(G, PROV, symbol="127-KH/TU", doc_type="Kế hoạch", type_code="KH", date="2018-04-05",
         year=2018, issuer="Tỉnh ủy Phú Yên", jurisdiction="Phú Yên", level="provincial",
         aliases=["Kế hoạch 127"])
    _doc(G, DEPT, symbol="71/KH-SLĐTBXH", doc_type="Kế hoạch", type_code="KH",
         date="2018-06-01", year=2018, issuer="Sở Lao động – Thương binh và Xã hội Phú Yên",
         jurisdiction="Phú Yên", level="department", title="Kế hoạch thực hiện Kế hoạch 127")
    _doc(G, OTHER, symbol="50/KH-UBND", doc_type="Kế hoạch", type_code="KH",
         date="2019-03-01", year=2019, issuer="Ủy ban nhân dân thành phố Hà Nội",
         jurisdiction="Hà Nội", level="provincial")
    G.add_node(TASK, kind="task", label="NV II.1", number="II.1",
               text="Tuyên truyền, phổ biến Nghị quyết 20 trong toàn Ngành",
               deadline="Quý IV/2018", due="2018-12-31", plan=DEPT, jurisdiction="Phú Yên")
    G.add_node(OTHER_TASK, kind="task", label="NV 1", number="1",
               text="Kiện toàn mạng lưới y tế cơ sở", deadline=None, plan=OTHER,
               jurisdiction="Hà Nội")
    G.add_node(AGENCY, kind="agency", label="Sở Y tế", name="Sở Y tế tỉnh Phú Yên",
               jurisdiction="Phú Yên", is_group=False)
    G.add_node(ISSUER, kind="agency", label="Tỉnh ủy Phú Yên", name="Tỉnh ủy Phú Yên",
               jurisdiction="Phú Yên", is_group=False)
    _edge(G, PROV, RES, "implements", evidence="Thực hiện Nghị quyết số 20-NQ/TW ngày "
          "25/10/2017 <b>của</b> Hội nghị Trung ương 6", source="a.txt", origin="preamble")
    _edge(G, PROV, DECISION, "cites", evidence="Căn cứ Quyết định số 1983/QĐ-TTg",
          source="a.txt", origin="body")
    _edge(G, PROV, ISSUER, "issued_by", evidence="TỈNH ỦY PHÚ YÊN", origin="header")
    _edge(G, DEPT, PROV, "implements", evidence="Thực hiện Kế hoạch số 127-KH/TU",
          source="b.txt", origin="preamble")
    _edge(G, OTHER, RES, "implements", evidence="Thực hiện Nghị quyết 20", source="c.txt")
    _edge(G, TASK, DEPT, "part_of", origin="task")
    _edge(G, TASK, AGENCY, "assigns", role="lead", evidence="Sở Y tế chủ trì", origin="task")
    _edge(G, OTHER_TASK, OTHER, "part_of", origin="task")
    return G


def many_tasks_graph(n_tasks: int = 30) -> nx.MultiDiGraph:
    """The policy graph with n_tasks more tasks under the department plan."""
    G = policy_graph()
    for i in range(n_tasks):
        t = f"task:71/KH-SLĐTBXH#III.{i}"
        G.add_node(t, kind="task", label=f"NV III.{i}", number=f"III.{i}", text=f"Việc {i}",
                   plan=DEPT, jurisdiction="Phú Yên")
        _edge(G, t, DEPT, "part_of", origin="task")
        _edge(G, t, AGENCY, "assigns", role="lead" if i % 2 else "partner")
    return G

