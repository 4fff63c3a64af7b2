"""An issuer printed as an organ of another ("Ban Thường vụ Tỉnh ủy X" of "Tỉnh ủy X",
extraction's `Header.issuer_parent`) keeps its printed name on the document and gets its
parent on the agency node, for grouping (issue 14)."""
from graph.link.assemble import assemble
from graph.link.identity import agency_id
from graph.models import ISSUED_BY, Header, Record


def _graph(parent):
    rec = Record(source="a.txt", kind="official", document=Header(
        symbol="196-KH/TU", date="2018-03-01", doc_type="Kế hoạch", jurisdiction="Thái Bình",
        issuer="Ban Thường vụ Tỉnh ủy Thái Bình", issuer_parent=parent))
    return assemble([("a.txt", None, rec)])


def test_printed_parent_is_kept_on_document_and_agency():
    G = _graph("Tỉnh ủy Thái Bình")
    doc = next(n for n, a in G.nodes(data=True) if a.get("symbol") == "196-KH/TU")
    a = G.nodes[doc]
    assert a["issuer"] == "Ban Thường vụ Tỉnh ủy Thái Bình"
    assert a["issuer_parent"] == "Tỉnh ủy Thái Bình"
    (agency,) = [v for _, v, k in G.out_edges(doc, keys=True) if k == ISSUED_BY]
    assert G.nodes[agency]["parent"] == agency_id("Tỉnh ủy Thái Bình",
                                                  G.nodes[agency]["jurisdiction"])


def test_no_parent_printed_none_invented():
    G = _graph(None)
    doc = next(n for n, a in G.nodes(data=True) if a.get("symbol") == "196-KH/TU")
    assert "issuer_parent" not in G.nodes[doc]
