"""Agencies an archivist can browse: the bodies agencies belong to (org:subOrganizationOf),
by the rules of graph/tables/agency_parents.csv, written up to the top of each chain even
when the body is no node of the graph (`resources.parent_org_triples`)."""
from __future__ import annotations

import os
import tempfile

import networkx as nx
import pytest

from graph.export import rdf
from graph.export.rdf import iris, resources
from graph.export.rdf.mapping import has_issued_by
from graph.export.rdf.terms import norm_base
from graph.export.rdf.iris import Hierarchy, agency_iri, agency_parents, mint_iris, parent_of, slug

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
SUB = rdf.ORG + "subOrganizationOf"
CENTRAL = "Ban Chấp hành Trung ương Đảng"
FRONT = "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"

# made-up names of agencies: (name, province) -> (parent, its province)
CASES = [
    (("Sở Văn hóa và Thể thao", "Nghệ An"), ("Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An")),
    (("Sở Y tế", "Hà Nội"), ("Ủy ban nhân dân thành phố Hà Nội", "Hà Nội")),
    (("Sở Nội vụ", "TP. Hồ Chí Minh"),
     ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh")),
    (("Thanh tra tỉnh", "Cà Mau"), ("Ủy ban nhân dân tỉnh Cà Mau", "Cà Mau")),
    (("Văn phòng Ủy ban nhân dân tỉnh", "Sơn La"), ("Ủy ban nhân dân tỉnh Sơn La", "Sơn La")),
    (("Ban Quản lý Khu công nghệ cao", "Đà Nẵng"),
     ("Ủy ban nhân dân thành phố Đà Nẵng", "Đà Nẵng")),
    (("Trung tâm Kiểm soát bệnh tật tỉnh", "Gia Lai"), ("Sở Y tế", "Gia Lai")),
    (("Công an tỉnh", "Lào Cai"), ("Bộ Công an", None)),
    (("Bộ Chỉ huy Quân sự tỉnh", "Lào Cai"), ("Bộ Quốc phòng", None)),
    (("Ngân hàng Nhà nước chi nhánh khu vực 9", "Cần Thơ"), ("Ngân hàng Nhà nước Việt Nam", None)),
    (("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Nghệ An"), ("Tỉnh ủy Nghệ An", "Nghệ An")),
    (("Ủy ban Kiểm tra Tỉnh ủy", "Phú Thọ"), ("Tỉnh ủy Phú Thọ", "Phú Thọ")),
    (("Văn phòng Thành ủy", "Hà Nội"), ("Thành ủy Hà Nội", "Hà Nội")),
    (("Tỉnh ủy Nghệ An", "Nghệ An"), (CENTRAL, None)),
    (("Thành ủy", "Hải Phòng"), (CENTRAL, None)),
    (("Thành ủy", "Lâm Đồng"), ("Tỉnh ủy Lâm Đồng", "Lâm Đồng")),
    (("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tây Ninh"), (FRONT, None)),
    (("Hội Nông dân tỉnh", "Tây Ninh"),
     ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tây Ninh", "Tây Ninh")),
    (("Ban Tổ chức Trung ương", None), (CENTRAL, None)),
    (("Bộ Chính trị", None), (CENTRAL, None)),
    (("Ủy ban Kinh tế của Quốc hội", None), ("Quốc hội", None)),
    (("Bộ Tư lệnh Thủ đô", None), ("Bộ Quốc phòng", None)),
    (("Bộ Khoa học và Công nghệ", None), ("Chính phủ", None)),
    (("Thanh tra Chính phủ", None), ("Chính phủ", None)),
    (("Đài Truyền hình Việt Nam", None), ("Chính phủ", None)),
    (("Cục Hải quan", None), ("Bộ Tài chính", None)),
    (("Cục Đường bộ Việt Nam", None), ("Bộ Xây dựng", None)),
    (("Cục Viễn thám quốc gia", None), ("Bộ Nông nghiệp và Môi trường", None)),
]

# names no rule gives a body: the elected councils, the People's Committees (local
# government, no part of the Government), a Phòng whose Sở or district the name does not say
NO_PARENT = [("Hội đồng nhân dân tỉnh", "Nghệ An"), ("Ủy ban nhân dân tỉnh", "Nghệ An"),
             ("Phòng Tổ chức", "Quảng Trị"), ("Chính phủ", None), ("Sở Y tế", None),
             ("Bộ Y tế", "Nghệ An"), ("Trung tâm Đổi mới sáng tạo", "Hà Nội"),
             ("Văn phòng Thành ủy", "Nghệ An"), ("Bộ Y tế; Bộ Công an", None)]


@pytest.mark.parametrize("child,parent", CASES, ids=[c[0][0] for c in CASES])
def test_each_rule_gives_its_body(child, parent):
    assert parent_of(*child) == parent


def test_every_rule_of_the_table_is_met_by_a_case():
    """Each row of agency_parents.csv is the first match of at least one case."""
    def first_rule(name, jur):
        province = iris.canonical_province(jur) if jur else None
        unit = iris.PROVINCE_UNITS.get(province)
        for i, r in enumerate(iris.PARENT_RULES):
            where_ok = (r.where == "any" or (r.where == "national" and province is None)
                        or (province is not None and r.where in ("province", unit)))
            if where_ok and r.pattern.search(slug(name, maxlen=400)):
                return i
        return None
    hit = {first_rule(*child) for child, _ in CASES}
    assert hit == set(range(len(iris.PARENT_RULES)))


@pytest.mark.parametrize("child", NO_PARENT, ids=[c[0] for c in NO_PARENT])
def test_a_name_no_rule_matches_gets_no_body(child):
    assert parent_of(*child) is None
    assert Hierarchy(rdf.DEFAULT_BASE).parent(*child) is None


def test_the_body_is_at_the_iri_the_graphs_own_agency_gets():
    """A People's Committee named as the graph names it ('Ủy ban nhân dân tỉnh' of its
    province) and the body a department belongs to are one IRI, under any base."""
    for base in (rdf.DEFAULT_BASE, "https://example.org/x/", "https://lưu-trữ.example/pg#"):
        G = nx.MultiDiGraph()
        G.add_node("ag:ub", kind="agency", name="Ủy ban nhân dân tỉnh", jurisdiction="Nghệ An",
                   level="provincial")
        G.add_node("ag:so", kind="agency", name="Sở Tài chính", jurisdiction="Nghệ An")
        G.add_node("ag:hcm", kind="agency", name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
                   jurisdiction="Thành phố Hồ Chí Minh")
        G.add_node("ag:so2", kind="agency", name="Sở Tài chính", jurisdiction="TP.HCM")
        iri = mint_iris(G, norm_base(base))
        assert agency_parents(G, iri) == {"ag:so": iri["ag:ub"], "ag:so2": iri["ag:hcm"]}
        assert agency_parents(G, iri, norm_base(base)) == agency_parents(G, iri)
        assert iris.graph_base(iri) == norm_base(base)


def _graph() -> nx.MultiDiGraph:
    """Made-up agencies: one whose parent the graph says (a node), one part of another by an
    edge, one whose said parent is no node, a Party board whose Tỉnh ủy is no node, a
    department whose People's Committee is no node, a document passed by an agency named
    only as its issuer, and a group."""
    G = nx.MultiDiGraph()
    G.add_node("ag:sx", kind="agency", name="Sở Xây dựng", jurisdiction="Huế",
               parent="ag:bqlda")
    G.add_node("ag:bqlda", kind="agency", name="Ban Quản lý dự án", jurisdiction="Huế")
    G.add_node("ag:phong", kind="agency", name="Phòng Kế hoạch", jurisdiction="Huế")
    G.add_node("ag:so", kind="agency", name="Sở Nội vụ", jurisdiction="Huế")
    G.add_edge("ag:phong", "ag:so", key="part_of", relation="part_of")
    G.add_node("ag:cuc", kind="agency", name="Cục Quản lý đê điều",
               parent="agency:|bộ nông nghiệp và môi trường")
    G.add_node("ag:junk", kind="agency", name="Tổ công tác", parent="agency:|phạm vi của tổ")
    G.add_node("ag:btg", kind="agency", name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
               jurisdiction="Nghệ An", level="party")
    G.add_node("ag:group", kind="agency", name="các sở, ngành", jurisdiction="Huế",
               is_group=True)
    G.add_node("doc:1", kind="document", symbol="1/KH-UBND", issuer="Sở Y tế",
               jurisdiction="Đắk Lắk")
    return G


def _everything(G, base=rdf.DEFAULT_BASE) -> set:
    """The triples of the export and the parent organisations (`parent_org_triples`, which
    both writers add to what they write)."""
    base = norm_base(base)
    iri = mint_iris(G, base)
    seen = resources.Seen()
    for n, a in G.nodes(data=True):
        resources.note(a, seen, base, a.get("kind") == "document" and has_issued_by(G, n))
    trs = resources.parent_org_triples(G, iri, base, seen.issuers)
    return {(s, p, o if isinstance(o, rdf.I) else o[0]) for s, p, o in list(rdf.triples(G, base)) + trs}


def test_the_parent_the_graph_says_is_kept():
    G = _graph()
    iri = mint_iris(G)
    parents = agency_parents(G, iri)
    assert "ag:sx" not in parents and "ag:phong" not in parents and "ag:group" not in parents
    got = _everything(G)
    assert (iri["ag:sx"], SUB, iri["ag:bqlda"]) in got
    assert [o for s, p, o in got if s == iri["ag:sx"] and p == SUB] == [iri["ag:bqlda"]]
    assert [o for s, p, o in got if s == iri["ag:phong"] and p == SUB] == [iri["ag:so"]]
    assert not [o for s, p, o in got if s == iri["ag:group"] and p == SUB]


def test_a_said_parent_that_is_no_node_is_an_organisation():
    """'…thuộc Bộ X' read by extraction (`parent`, an agency id) but Bộ X no node: the
    organisation at Bộ X's IRI, spelled as the tables spell it, and it goes on up; a said
    parent of no agency kind stays a pg:parentId text only."""
    G = _graph()
    iri = mint_iris(G)
    bo = agency_iri(rdf.DEFAULT_BASE, "Bộ Nông nghiệp và Môi trường")
    assert agency_parents(G, iri)["ag:cuc"] == bo
    assert "ag:junk" not in agency_parents(G, iri)
    got = _everything(G)
    assert (bo, rdf.SKOS + "prefLabel", "Bộ Nông nghiệp và Môi trường") in got
    assert (bo, SUB, agency_iri(rdf.DEFAULT_BASE, "Chính phủ")) in got
    assert not [o for s, p, o in got if s == iri["ag:junk"] and p == SUB]


def _chain(got: set, s: str) -> list:
    up = {x: o for x, p, o in got if p == SUB}
    out = [s]
    while out[-1] in up:
        out.append(up[out[-1]])
        assert len(out) < 10, out
    return out


def _organisation(got: set, s: str) -> bool:
    """An org:Organization with a skos:prefLabel and an org:classification."""
    preds = {p for x, p, o in got if x == s}
    return ((s, rdf.A, rdf.ORG + "Organization") in got and rdf.SKOS + "prefLabel" in preds
            and rdf.ORG + "classification" in preds)


def test_chains_go_up_to_the_top_through_bodies_that_are_no_nodes():
    G = _graph()
    iri = mint_iris(G)
    got = _everything(G)
    b = rdf.DEFAULT_BASE
    assert _chain(got, iri["ag:btg"]) == [
        iri["ag:btg"], agency_iri(b, "Tỉnh ủy Nghệ An", "Nghệ An"), agency_iri(b, CENTRAL)]
    assert _chain(got, iri["ag:so"]) == [
        iri["ag:so"], agency_iri(b, "Ủy ban nhân dân thành phố Huế", "Huế")]
    issuer = resources.issuer_agency(b, G.nodes["doc:1"])
    assert _chain(got, issuer) == [issuer, agency_iri(b, "Ủy ban nhân dân tỉnh Đắk Lắk",
                                                      "Đắk Lắk")]
    for s in _chain(got, iri["ag:btg"])[1:] + _chain(got, issuer)[1:]:
        assert _organisation(got, s), s
    assert (agency_iri(b, CENTRAL), rdf.ORG + "classification",
            rdf.PGC + "agency-kind/party-committee") in got


def test_both_writers_give_the_same_triples():
    from test_rdf_fast import _assert_fast_is_plain

    for base in (rdf.DEFAULT_BASE, "https://example.org/x/"):
        _assert_fast_is_plain(_graph(), base)


@pytest.fixture(scope="module")
def samples():
    from graph.link import build, load_graph

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "samples.sqlite")
        build([os.path.join(ROOT, "data", "samples")], path)
        yield load_graph(path)


def test_the_samples_agencies_have_chains_to_the_top(samples):
    G = samples
    iri = mint_iris(G)
    got = _everything(G)
    subs = [(s, o) for s, p, o in got if p == SUB]
    assert subs
    for s, o in subs:
        assert _organisation(got, o) or o in iri.values(), o
        assert len(_chain(got, s)) >= 2
    departments = [n for n, a in G.nodes(data=True) if a.get("kind") == "agency"
                   and not a.get("is_group") and a.get("jurisdiction")
                   and slug(a.get("name") or "").startswith("so-")]
    assert departments
    for n in departments:
        assert len(_chain(got, iri[n])) >= 2, n


@pytest.mark.parametrize("name,kind", [
    ("Văn phòng Ủy ban nhân dân tỉnh", "department"), ("Thanh tra tỉnh", "department"),
    ("Ủy ban nhân dân tỉnh", "peoples-committee"), ("Bộ Chỉ huy Quân sự tỉnh", "other"),
    ("Bộ Tư lệnh Công binh", "other"), ("Bộ Y tế", "ministry")])
def test_agency_kind_of_offices_and_commands(name, kind):
    """tables/agency_kinds.csv: a People's Committee's office is its body, not the committee;
    a military command is no ministry."""
    from graph.export.rdf.iris import agency_kind
    assert agency_kind({"name": name}) == kind
