"""save_graph / `policygraph import --store`: an imported graph is a store like a built one."""
import json

import pytest

import graph.link as B
from graph.models import Deadline, Header, Record, Reference, Statement, Task

pytest.importorskip("graph.export.rdf")


def _records():
    return [
        Record(source="tu.txt", document=Header(symbol="127-KH/TU", date="2018-04-05",
                                                issuer="Tỉnh ủy Quảng Ngãi", jurisdiction="Quảng Ngãi"),
               references=[Reference(symbol="20-NQ/TW", date="2017-10-25", relation="implements",
                                     evidence="Thực hiện Nghị quyết số 20-NQ/TW", offset=3)]),
        Record(source="so.txt", document=Header(symbol="9/KH-SYT", date="2018-06-01",
                                                issuer="Sở Y tế tỉnh Quảng Ngãi", jurisdiction="Quảng Ngãi"),
               references=[Reference(symbol="127-KH/TU", date="2018-04-05", relation="implements",
                                     evidence="Thực hiện Kế hoạch số 127-KH/TU", offset=5)],
               tasks=[Task("2", "Xây dựng Đề án Phòng, chống tai nạn lao động.", lead=["Sở Y tế"],
                           due=Deadline(due="2019-12-31"))]),
        Record(source="tb.txt", document=Header(symbol="5/KH-UBND", date="2018-10-01",
                                                issuer="Ủy ban nhân dân tỉnh Thái Bình", jurisdiction="Thái Bình"),
               references=[Reference(symbol="60-KH/TU", date="2018-01-11", relation="implements",
                                     evidence="Thực hiện 60-KH/TU")],
               statements=[Statement("60-KH/TU", "implements", "20-NQ/TW", "60-KH/TU thực hiện 20-NQ/TW", 7)]),
    ]


def _cli(capsys, *argv):
    from graph.cli import main
    code = main(list(argv))
    out = capsys.readouterr().out
    assert code == 0
    return out


def test_export_import_trace_round_trip(tmp_path, capsys):
    built = tmp_path / "built.sqlite"
    B.build_from_records(_records(), built)
    ttl = tmp_path / "g.ttl"
    _cli(capsys, "export", "--store", str(built), "-o", str(ttl))
    imported = tmp_path / "imported.sqlite"
    _cli(capsys, "import", str(ttl), "--store", str(imported))
    assert imported.exists()
    for q in ("tai nạn lao động", "60-KH/TU", "127-KH/TU"):
        a = json.loads(_cli(capsys, "trace", q, "--store", str(built), "--json"))
        b = json.loads(_cli(capsys, "trace", q, "--store", str(imported), "--json"))
        assert a["roots"] and b["roots"] == a["roots"]
        assert [[h["id"] for h in p] for p in b["paths"]] == [[h["id"] for h in p] for p in a["paths"]]
        assert [h["evidence"] for p in b["paths"] for h in p[1:]] == \
               [h["evidence"] for p in a["paths"] for h in p[1:]]
    # the imported store exports again, and load_graph gives the same nodes
    G1, G2 = B.load_graph(built), B.load_graph(imported)
    assert sorted(G2.nodes) == sorted(G1.nodes)
    assert G2.number_of_edges() == G1.number_of_edges()
    ttl2 = tmp_path / "g2.ttl"
    _cli(capsys, "export", "--store", str(imported), "-o", str(ttl2))
    assert ttl2.stat().st_size > 0


def test_save_graph_refuses_a_store_of_records_and_replaces_its_own(tmp_path):
    built = tmp_path / "built.sqlite"
    B.build_from_records(_records(), built)
    G = B.load_graph(built)
    with pytest.raises(ValueError):
        B.save_graph(G, built)
    s = tmp_path / "g.sqlite"
    B.save_graph(G, s)
    assert B.load_graph(s, full=False).number_of_nodes() == G.number_of_nodes()
    H = G.copy()
    H.remove_node(next(n for n, a in G.nodes(data=True) if a.get("kind") == "task"))
    B.save_graph(H, s)  # a second import replaces the graph (and the caches follow)
    assert B.load_graph(s).number_of_nodes() == G.number_of_nodes() - 1
    assert B.load_graph(s, full=False).number_of_nodes() == G.number_of_nodes() - 1
