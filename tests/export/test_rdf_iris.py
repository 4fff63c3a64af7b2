"""Document and agency IRIs of the RDF export on the hand-made sample graph."""
from __future__ import annotations

import re

import networkx as nx
import pytest

from corpus_util import needs_official, official_texts
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


def test_document_iri_does_not_move_when_its_date_is_learned():
    """The period of the identity key names the document: a stub read without its date and
    the same document once its header gives the date have one IRI."""
    from graph.export.rdf import iris

    node = "doc:126-ctr/tu|hậu giang|2015-2020"
    stub = {"kind": "document", "symbol": "126-CTr/TU", "jurisdiction": "Hậu Giang"}
    read = {**stub, "date": "2017-10-20", "year": 2017}
    assert iris.document_path(stub, node) == iris.document_path(read, node) == \
        "eli/vn/hau-giang/tu/ctr/2015-2020/126"
    # a yearly number: the year is its period, known with the date or without it
    assert iris.document_path({"symbol": "71/KH-UBND"}, "doc:71/kh-ubnd|hậu giang|2022") \
        .endswith("/kh/2022/71")


def test_undated_iri_is_replaced_by_the_one_dated_document():
    from graph.export.rdf import iris

    G = nx.MultiDiGraph()
    G.add_node("doc:217/cđ-ttg||2025", kind="document", symbol="217/CĐ-TTg", date="2025-03-01")
    G.add_node("doc:5/cđ-ttg||2024", kind="document", symbol="5/CĐ-TTg", date="2024-01-02")
    G.add_node("doc:5/cđ-ttg||2025", kind="document", symbol="5/CĐ-TTg", date="2025-01-02")
    G.add_node("doc:9/cđ-ttg||2025", kind="document", symbol="9/CĐ-TTg", date="2025-01-02")
    G.add_node("doc:9/cđ-ttg||?", kind="document", symbol="9/CĐ-TTg", ambiguous=True)
    iri = iris.mint_iris(G, "https://ex.org/")
    got = iris.replaced_iris(G, iri, "https://ex.org/")
    assert got == {
        "https://ex.org/eli/vn/ttg/cd/undated/217": ("217/CĐ-TTg", (iri["doc:217/cđ-ttg||2025"],)),
        # two documents it may be: both stay candidates (the link is never withdrawn)
        "https://ex.org/eli/vn/ttg/cd/undated/5": (
            "5/CĐ-TTg", tuple(sorted((iri["doc:5/cđ-ttg||2024"], iri["doc:5/cđ-ttg||2025"]))))}
    assert iri["doc:9/cđ-ttg||?"] == "https://ex.org/eli/vn/ttg/cd/undated/9"  # still held


def test_one_slug_per_province_and_agencies_named_by_their_issuer():
    from graph.export.rdf import iris

    assert iris.place_slug("Thừa Thiên Huế") == iris.place_slug("Huế") == "hue"
    assert iris.place_slug("TP. Hồ Chí Minh") == iris.place_slug("Thành phố Hồ Chí Minh")
    assert iris.document_path({"symbol": "5/KH-UBND", "jurisdiction": "Thừa Thiên Huế"},
                              "doc:5/kh-ubnd|thừa thiên huế|2019") == "eli/vn/hue/ubnd/kh/2019/5"
    # 'Ủy ban nhân dân tỉnh Thái Bình' (an issuer, or the sample's agency) is the agency the
    # graph names 'Ủy ban nhân dân tỉnh' in Thái Bình
    G = sample_graph()
    a = iris.mint_iris(G, "https://ex.org/")["ag:ubnd"]
    assert iris.agency_iri("https://ex.org/", "Ủy ban nhân dân tỉnh Thái Bình", "Thái Bình") \
        == iris.agency_iri("https://ex.org/", "Ủy ban nhân dân tỉnh", "Thái Bình") \
        == "https://ex.org/org/vn/thai-binh/uy-ban-nhan-dan" == a


# (printed name, its province) pairs that are one body each, and the slug of their IRI
ONE_BODY = [
    ("so-tai-chinh", "An Giang", ["Sở Tài chính tỉnh An Giang", "Sở Tài chính", "Sở Tài chính tỉnh",
                                  "SỞ TÀI CHÍNH TỈNH AN GIANG"]),
    ("uy-ban-nhan-dan", "Thành phố Hồ Chí Minh",
     ["UBND thành phố Hồ Chí Minh", "Ủy ban nhân dân Thành phố", "UBND TP.HCM",
      "Ủy ban nhân dân TP. Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh"]),
    ("so-y-te", "Hà Nội", ["Sở Y tế Thành phố Hà Nội", "Sở Y tế thành phố", "Sở Y tế TP. Hà Nội",
                           "Sở Y tế Hà Nội", "Sở Y tế"]),
    ("ban-thuong-vu-tinh-uy", "Nghệ An", ["Ban Thường vụ Tỉnh ủy Nghệ An", "Ban Thường vụ Tỉnh ủy"]),
    ("tinh-uy", "Nghệ An", ["Tỉnh ủy Nghệ An", "Tỉnh ủy"]),
    ("thanh-uy", "Hà Nội", ["Thành ủy Hà Nội", "Thành ủy"]),
    ("uy-ban-nhan-dan", "Thái Bình", ["Ủy ban nhân dân tỉnh Thái Bình", "UBND tỉnh Thái Bình",
                                      "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân"]),
    # a province only renamed: its former name and kind are its own
    ("hoi-dong-nhan-dan", "Huế", ["Hội đồng nhân dân tỉnh Thừa Thiên Huế",
                                  "Hội đồng nhân dân thành phố Huế", "HĐND thành phố"]),
]


def test_one_agency_iri_whatever_the_province_and_its_kind_word():
    """F6: the issuer 'Sở Tài chính tỉnh An Giang' and the graph's agency 'Sở Tài chính' of
    An Giang are one org:Organization: the province is left out with its kind word, under
    every spelling of both (tables/provinces.csv, province_aliases.csv, agencies.csv)."""
    from graph.export.rdf import iris

    for want, province, names in ONE_BODY:
        got = {iris.agency_iri("https://ex.org/", n, province) for n in names}
        assert got == {f"https://ex.org/org/vn/{iris.place_slug(province)}/{want}"}, names
    # a kind word that is not the province's stays: a city's committee inside a tỉnh, whose
    # name may even be the province's, is not the province's committee
    ubnd = iris.agency_iri("https://ex.org/", "Ủy ban nhân dân tỉnh", "Thái Bình")
    assert iris.agency_iri("https://ex.org/", "Ủy ban nhân dân thành phố Thái Bình",
                           "Thái Bình") != ubnd
    assert iris.agency_iri("https://ex.org/", "Ủy ban nhân dân thành phố", "Thái Bình") != ubnd
    # no province: nothing is left out; another province's name stays
    assert iris.agency_iri("https://ex.org/", "Bộ Y tế") == "https://ex.org/org/vn/bo-y-te"
    assert iris.agency_iri("https://ex.org/", "Hội đồng nhân dân tỉnh Bắc Ninh", "Bắc Giang") \
        .endswith("/bac-giang/hoi-dong-nhan-dan-tinh-bac-ninh")
    # a name that is only the province stays a name
    assert iris.agency_iri("https://ex.org/", "tỉnh Nghệ An", "Nghệ An").endswith("/nghe-an/tinh")


def test_every_document_type_of_the_table_is_its_concept_of_the_scheme():
    """F9: a type known to tables/doc_types.csv by its code or its name, in any case or
    Unicode form, is the ontology's concept; only an unknown type is minted."""
    import unicodedata

    from graph.export.rdf import PGC, iris
    from graph.tables import rows

    scheme = ontology_doctypes()
    for r in rows("doc_types.csv"):
        want = iris.doctype_iri(r["code"], None)
        assert want in scheme, r["code"]
        for name in filter(None, (r["name"], r["party_name"])):
            for spelling in (name, name.upper(), name.lower(), unicodedata.normalize("NFD", name)):
                got = iris.doctype_iri(None, spelling)
                assert got in scheme, spelling
                if r["name"] == name and name != "Quy định":  # QyĐ and QĐi share it
                    assert got == want, spelling
    assert iris.doctype_iri(None, "Luật") == PGC + "doctype/l"
    assert iris.doctype_iri(None, "Công văn") == iris.doctype_iri("CV", "Công văn") == PGC + "doctype/cv"
    assert iris.doctype_iri("qđ", None) == iris.doctype_iri("QĐ", "Quyết định") == PGC + "doctype/qd"
    assert iris.doctype_iri("XYZ", "Loại lạ") == PGC + "doctype/xyz" not in scheme
    assert iris.doctype_iri(None, "Loại lạ") == PGC + "doctype/loai-la"
    assert iris.doctype_iri(None, None) is None


def ontology_doctypes() -> set:
    """The concepts of pg:DocumentTypes in ontology/policygraph.ttl."""
    import rdflib

    from graph.export.rdf import PG, SKOS
    from graph.export.rdf.resources import ONTOLOGY

    g = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    return {str(s) for s in g.subjects(rdflib.URIRef(SKOS + "inScheme"),
                                       rdflib.URIRef(PG + "DocumentTypes"))}


def test_source_iri_from_content_hash():
    from graph.export.rdf import iris

    h = "ab" * 32
    assert iris.source_iri("https://ex.org/", "a/x.txt", h) == \
        iris.source_iri("https://ex.org/", "b/y.txt", h) == "https://ex.org/id/source/" + h[:32]
    assert iris.source_iri("https://ex.org/", "a/x.txt") != iris.source_iri("https://ex.org/", "b/x.txt")
    assert "/id/source/path/" in iris.source_iri("https://ex.org/", "a/x.txt", "not a hash")


def test_a_ministry_belongs_to_the_government():
    """A national ministry with no parent of its own is a sub-organisation of the Government,
    a department of its province's People's Committee, at the IRI the graph's own agency of
    that name gets (tables/agency_parents.csv; more in test_rdf_orgs.py), in both writers."""
    from graph.export import rdf
    from graph.export.rdf.iris import agency_iri, agency_parents, mint_iris

    G = nx.MultiDiGraph()
    G.add_node("ag:cp", kind="agency", name="Chính phủ", label="Chính phủ", level="central")
    G.add_node("ag:byt", kind="agency", name="Bộ Y tế", label="Bộ Y tế", level="central")
    G.add_node("ag:so", kind="agency", name="Sở Y tế", label="Sở Y tế", jurisdiction="Nghệ An",
               level="department")
    iri = mint_iris(G)
    ubnd = agency_iri(rdf.DEFAULT_BASE, "Ủy ban nhân dân tỉnh", "Nghệ An")
    assert agency_parents(G, iri) == {"ag:byt": iri["ag:cp"], "ag:so": ubnd}
    want = (iri["ag:byt"], rdf.ORG + "subOrganizationOf", iri["ag:cp"])
    assert want in {(s, p, str(o)) for s, p, o in rdf.triples(G)}
    assert f"<{want[0]}> <{want[1]}> <{want[2]}> ." in rdf.serialize(G, "nt").decode()


@pytest.fixture(scope="module")
def official_nt(tmp_path_factory) -> str:
    """The N-Triples export of the graph of the 318 official texts."""
    from graph.export import rdf
    from graph.extract import extract_text
    from graph.link import build_from_records, load_graph

    store = tmp_path_factory.mktemp("official") / "official.sqlite"
    build_from_records([extract_text(t, source=f"official/{i:03d}.txt")
                        for i, t in enumerate(official_texts(318))], store)
    return rdf.serialize(load_graph(store), "nt").decode()


@needs_official
def test_official_texts_use_no_document_type_outside_the_scheme(official_nt):
    """F9: every document-type concept of the export is one of pg:DocumentTypes (Luật,
    Công văn without a code included)."""
    from graph.export.rdf import ELI, PGC

    scheme = ontology_doctypes()
    used = set(re.findall("<(" + re.escape(PGC) + "doctype/[^>]*)>", official_nt))
    typed = set(re.findall(" <" + re.escape(ELI) + "type_document> <([^>]*)>", official_nt))
    assert len(typed) > 10 and typed <= used
    assert used - scheme == set()
    assert PGC + "doctype/l" in typed and PGC + "doctype/cv" in typed


@needs_official
def test_official_texts_have_no_agency_twice_with_its_province_kind(official_nt):
    """F6: no organisation …/{province}/{name}-tinh (or -thanh-pho) beside …/{province}/{name}
    (the issuer 'Sở Tài chính tỉnh An Giang' beside the graph's 'Sở Tài chính')."""
    from graph.export.rdf import ORG

    orgs = set(re.findall(r"^<([^>]*)> <[^>]*#type> <" + re.escape(ORG) + "Organization> .$",
                          official_nt, re.M))
    assert len(orgs) > 100
    twice = {o for o in orgs if re.search(r"/org/vn/[^/]+/.+-(tinh|thanh-pho)$", o)
             and re.sub("-(tinh|thanh-pho)$", "", o) in orgs}
    assert twice == set()
    provincial = {o for o in orgs if re.search(r"/org/vn/[^/]+/so-", o)}
    assert len(provincial) > 50  # the departments of the provinces are there, once each
