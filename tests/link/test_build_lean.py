"""The lean cache (graph.link.lean) answers like the full networkx graph."""
import json

import pytest

import graph.link as B
from graph import query as Q
from graph.link.lean import LeanGraph
from graph.models import Deadline, Header, Record, Reference, Statement, Task


def _records():
    def impl(sym, date=None, rel="implements"):
        return Reference(symbol=sym, date=date, relation=rel, evidence=f"Thực hiện {sym}", offset=7)
    return [
        Record(source="tu.txt", document=Header(symbol="127-KH/TU", date="2018-04-05",
                                                issuer="Tỉnh ủy Quảng Ngãi", jurisdiction="Quảng Ngãi"),
               references=[impl("20-NQ/TW", "2017-10-25")]),
        Record(source="so.txt", document=Header(symbol="9/KH-SLĐTBXH", date="2018-06-01",
                                                issuer="Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi",
                                                jurisdiction="Quảng Ngãi"),
               references=[impl("127-KH/TU", "2018-04-05")],
               tasks=[Task("2", "Xây dựng Đề án Phòng, chống tai nạn lao động.", lead=["Sở Y tế"],
                           due=Deadline(due="2019-12-31"))]),
        Record(source="tb.txt", document=Header(symbol="5/KH-UBND", date="2018-10-01",
                                                issuer="Ủy ban nhân dân tỉnh Thái Bình", jurisdiction="Thái Bình"),
               references=[impl("60-KH/TU", "2018-01-11"), impl("20-NQ/TW", None, "cites")],
               statements=[Statement("60-KH/TU", "implements", "20-NQ/TW", "60-KH/TU thực hiện 20-NQ/TW", 77)]),
    ]


@pytest.fixture
def store(tmp_path):
    s = tmp_path / "s.sqlite"
    B.build_from_records(_records(), s)
    return s


def test_lean_graph_has_the_same_nodes_edges_and_evidence(store):
    G = B.load_graph(store)
    L = B.load_graph(store, full=False)
    assert isinstance(L, LeanGraph) and B.lean_cache_path(store).exists()
    assert sorted(L.nodes) == sorted(G.nodes)
    assert L.number_of_edges() == G.number_of_edges()
    for n, a in G.nodes(data=True):
        assert L.nodes[n] == a
    full_edges = sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in G.edges(keys=True, data=True))
    lean_edges = sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in L.edges(keys=True, data=True))
    assert lean_edges == full_edges
    u, v, k = next((u, v, k) for u, v, k in G.edges(keys=True) if k == "implements")
    assert L.edges[u, v, k]["evidence"] == G.edges[u, v, k]["evidence"] != ""
    assert L.pred[v][u][k]["source"] == G.edges[u, v, k]["source"]


def test_lean_graph_answers_queries_like_the_full_graph(store):
    G = B.load_graph(store)
    L = B.load_graph(store, full=False)
    for q in ("tai nạn lao động", "127-KH/TU", "60-KH/TU"):
        assert Q.trace(L, q) == Q.trace(G, q)
    assert Q.find(L, "nghi quyet 20") == Q.find(G, "nghi quyet 20")
    a, b = Q.impact(L, "20-NQ/TW 2017"), Q.impact(G, "20-NQ/TW 2017")
    assert a["documents"].equals(b["documents"]) and len(a["documents"]) == 4
    assert Q.check(L) == Q.check(G)
    assert Q.overdue(L, "2020-01-01").equals(Q.overdue(G, "2020-01-01"))


def test_lean_cache_follows_the_store_version(store):
    L1 = B.load_graph(store, full=False)
    B.build_from_records([Record(source="new.txt", document=Header(
        symbol="77/KH-UBND", date="2020-01-01", jurisdiction="Sơn La"))], store)
    L2 = B.load_graph(store, full=False)
    assert L2.number_of_nodes() == L1.number_of_nodes() + 1
    assert any(L2.nodes[n].get("symbol") == "77/KH-UBND" for n in L2.nodes)


def test_lean_cache_keeps_the_index_it_is_given(store):
    L = B.load_graph(store, full=False)
    assert not L.has_index and L.prebuilt_index() is None
    calls = []

    def index(G):
        calls.append(G.number_of_nodes())
        return Q.build_index(G)
    L = B.load_graph(store, full=False, index=index)  # a cache without an index: written again
    assert L.has_index and calls == [L.number_of_nodes()]
    assert sorted(L.prebuilt_index().by_symbol) == sorted(Q.build_index(B.load_graph(store)).by_symbol)
    assert B.load_graph(store, full=False, index=index).has_index and len(calls) == 1  # cached
    assert Q.find(L, "nghi quyet 20") == Q.find(B.load_graph(store), "nghi quyet 20")
