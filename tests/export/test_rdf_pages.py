"""A web page about documents (a news item quoting Nghị quyết 57-NQ/TW) is no legal
resource in the RDF: a pg:WebPage (prov:Entity) with a readable label, referring to the
documents it names with dcterms:references, in both writers; the shapes hold and catch a
page written as a legal resource; the round trip gives it back as a page."""
from __future__ import annotations

import os
import shutil

import pytest

from graph.export import rdf
from graph.link import build, load_graph

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NEWS = """Trang chủ | Tin tức | Liên hệ

Tỉnh triển khai Nghị quyết 57-NQ/TW về khoa học, công nghệ

Thứ Hai, 10/03/2025 08:15

(Báo điện tử) - Sáng nay, lãnh đạo tỉnh đã chủ trì hội nghị quán triệt Nghị quyết số 57-NQ/TW
ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ. Theo phóng viên
ghi nhận, nhiều đại biểu phát biểu ý kiến.

Tags: khoa học, công nghệ | Chia sẻ | Bình luận
"""


@pytest.fixture(scope="module")
def G(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    shutil.copytree(os.path.join(ROOT, "data", "samples"), folder / "in")
    (folder / "in" / "tin.txt").write_text(NEWS, encoding="utf-8")
    build([str(folder / "in")], folder / "s.sqlite", jobs=1, progress=False)
    return load_graph(folder / "s.sqlite")


def _page(G):
    (n,) = [n for n, a in G.nodes(data=True) if a.get("doc_kind") == "page"]
    return n


def test_a_page_is_a_web_page_that_refers_to_documents_in_both_writers(G):
    n = _page(G)
    iri = rdf.mint_iris(G)[n]
    plain = set(rdf.triples(G))
    fast = set(rdf.read_triples(rdf.serialize(G, "nt"), "nt"))
    assert plain == fast
    types = {str(o) for s, p, o in plain if s == iri and p == rdf.A}
    assert types == {rdf.PG + "WebPage", rdf.PROV + "Entity"}
    (label,) = [o.value for s, p, o in plain if s == iri and p == rdf.RDFS + "label"]
    assert label == "Trang web tin.txt"
    refs = {str(o) for s, p, o in plain if s == iri and p == rdf.DCT + "references"}
    assert refs and not any(s == iri and p == rdf.ELI + "cites" for s, p, o in plain)
    # the official documents stay legal resources that cite
    assert any(p == rdf.ELI + "cites" for s, p, o in plain)


def test_the_shapes_hold_and_catch_a_page_written_as_a_legal_resource(G):
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(data=rdf.serialize(G, "nt"), format="nt")
    shapes = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "shapes.ttl"))
    ok, _, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    assert ok
    page = rdflib.URIRef(rdf.mint_iris(G)[_page(G)])
    data.add((page, rdflib.RDF.type, rdflib.URIRef(rdf.ELI + "LegalResource")))
    ok, _, text = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
    assert not ok and str(page) in text


def test_the_round_trip_gives_the_page_back(G):
    H = rdf.import_rdf(rdf.serialize(G, "ttl"))
    n = _page(G)
    assert H.nodes[n]["kind"] == "document" and H.nodes[n]["doc_kind"] == "page"
    assert dict(H.nodes[n]) == dict(rdf.round_trip_form(G).nodes[n])
