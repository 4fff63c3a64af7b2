"""A few changed files patch the cached graph in place; the result equals a full assembly."""
import json

import pytest

import graph.link as B
from graph.link import load
from graph.models import Deadline, Header, Record, Reference, Statement, Task


def _rec(path, sym, date, prov, refs=(), tasks=(), stmts=()):
    return Record(source=path, document=Header(symbol=sym, date=date, jurisdiction=prov,
                                               issuer=f"Ủy ban nhân dân tỉnh {prov}"),
                  references=list(refs), tasks=list(tasks), statements=list(stmts))


def _impl(sym, date, ev="Thực hiện"):
    return Reference(symbol=sym, date=date, relation="implements", evidence=f"{ev} {sym}", offset=5)


def _corpus(task_text="Rà soát cơ sở y tế", lead="Sở Y tế", ev="Thực hiện"):
    return [
        _rec("a.txt", "1/KH-UBND", "2018-01-05", "Sơn La", refs=[_impl("20-NQ/TW", "2017-10-25", ev)],
             tasks=[Task("1", task_text, lead=[lead], due=Deadline(due="2019-12-31")),
                    Task("2", "Tập huấn", lead=["Sở Nội vụ"])]),
        _rec("b.txt", "2/KH-UBND", "2018-02-05", "Sơn La", refs=[_impl("20-NQ/TW", "2017-10-25")],
             stmts=[Statement("1/KH-UBND", "implements", "20-NQ/TW", "1/KH-UBND thực hiện 20-NQ/TW", 9)],
             tasks=[Task("1", "Kiểm tra", lead=["Sở Y tế"])]),
        _rec("c.txt", "3/KH-UBND", "2018-03-05", "Hậu Giang", refs=[_impl("1983/QĐ-TTg", "2017-12-01")]),
    ]


def _canon(G):
    nodes = {n: json.dumps(a, sort_keys=True, ensure_ascii=False, default=str) for n, a in G.nodes(data=True)}
    edges = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        d = dict(d)
        if d.get("also"):
            d["also"] = sorted(d["also"], key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
        edges[(u, v, k)] = json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)
    return nodes, edges


def test_changed_tasks_and_evidence_are_patched_in_place(tmp_path, monkeypatch):
    store = tmp_path / "s.sqlite"
    B.build_from_records(_corpus(), store)
    B.load_graph(store)  # full cache + state
    assert B.state_path(store).exists()
    changed = _corpus(task_text="Rà soát lại toàn bộ cơ sở y tế", lead="Sở Tài chính", ev="Căn cứ")
    r = B.build_from_records(changed, store)
    assert (r.written, r.skipped) == (1, 2)

    def no_assembly(*a, **k):
        raise AssertionError("assembled from scratch instead of patching")
    monkeypatch.setattr(load, "assemble", no_assembly)
    G = B.load_graph(store)
    monkeypatch.undo()
    texts = {a["text"] for _, a in G.nodes(data=True) if a.get("kind") == "task"}
    assert "Rà soát lại toàn bộ cơ sở y tế" in texts and "Rà soát cơ sở y tế" not in texts
    names = {a["name"] for _, a in G.nodes(data=True) if a.get("kind") == "agency"}
    assert "Sở Tài chính" in names
    assert _canon(G) == _canon(B.load_graph(store, use_cache=False))
    # and the lean view of the patched graph agrees too
    L = B.load_graph(store, full=False)
    assert sorted(L.nodes) == sorted(G.nodes)


def test_identity_change_falls_back_to_full_assembly(tmp_path):
    store = tmp_path / "s.sqlite"
    B.build_from_records(_corpus(), store)
    B.load_graph(store)
    moved = _corpus()
    moved[2] = _rec("c.txt", "33/KH-UBND", "2018-03-05", "Hậu Giang", refs=[_impl("1983/QĐ-TTg", "2017-12-01")])
    B.build_from_records(moved, store)
    G = B.load_graph(store)
    syms = {a.get("symbol") for _, a in G.nodes(data=True)}
    assert "33/KH-UBND" in syms and "3/KH-UBND" not in syms
    assert _canon(G) == _canon(B.load_graph(store, use_cache=False))


def test_lean_load_after_a_change_patches_and_keeps_the_full_cache_pairable(tmp_path):
    store = tmp_path / "s.sqlite"
    B.build_from_records(_corpus(), store)
    B.load_graph(store)
    B.build_from_records(_corpus(task_text="Việc mới"), store)
    L = B.load_graph(store, full=False)
    assert any(L.nodes[n].get("text") == "Việc mới" for n in L.nodes)
    B.build_from_records(_corpus(task_text="Việc mới hơn"), store)  # a second change on top
    G = B.load_graph(store)
    assert _canon(G) == _canon(B.load_graph(store, use_cache=False))
    assert any(a.get("text") == "Việc mới hơn" for _, a in G.nodes(data=True))


def test_streamed_assembly_from_the_store_equals_assembly_of_the_records(tmp_path):
    from graph.link import store as S
    from graph.link.assemble import assemble
    recs = _corpus() + [
        _rec("d.txt", "4/KH-UBND", "2019-06-05", "Sơn La",
             refs=[Reference(symbol="1/KH-UBND", relation="implements", evidence="Thực hiện 1/KH-UBND"),
                   Reference(symbol="20-NQ/TW", relation="cites", evidence="20-NQ/TW")]),
        _rec("e.txt", "1/KH-UBND", "2019-01-05", "Sơn La")]  # a second 1/KH-UBND: ambiguity
    store = tmp_path / "s.sqlite"
    B.build_from_records(recs, store)
    conn = S.connect(store)
    G_list = assemble(list(S.iter_records(conn)))
    conn.close()
    G_stream = B.load_graph(store, use_cache=False)
    assert any(a.get("ambiguous") for _, a in G_stream.nodes(data=True))
    assert _canon(G_stream) == _canon(G_list)


def test_two_files_of_one_identity_are_replayed_together(tmp_path, monkeypatch):
    """Two files printing the same number (one document node, task ids shared): changing
    one must give what a full assembly gives, tasks of both files included."""
    def corpus(text):
        return _corpus() + [
            _rec("a2.txt", "1/KH-UBND", "2018-01-05", "Sơn La",
                 tasks=[Task("1", text, lead=["Sở Xây dựng"]), Task("3", "Việc riêng", lead=["Sở Tư pháp"])])]
    store = tmp_path / "s.sqlite"
    B.build_from_records(corpus("Việc của bản thứ hai"), store)
    B.load_graph(store)
    B.build_from_records(corpus("Việc của bản thứ hai, đã sửa"), store)

    def no_assembly(*a, **k):
        raise AssertionError("assembled from scratch instead of patching")
    monkeypatch.setattr(load, "assemble", no_assembly)
    G = B.load_graph(store)
    monkeypatch.undo()
    assert _canon(G) == _canon(B.load_graph(store, use_cache=False))
    B.build_from_records(_corpus(task_text="Sửa bản thứ nhất") + corpus("x")[3:], store)
    G = B.load_graph(store)
    assert _canon(G) == _canon(B.load_graph(store, use_cache=False))
