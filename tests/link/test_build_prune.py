"""`policygraph build --prune` / `graph.link.prune`: files deleted from disk leave the store,
only under the folder given, and the graph loaded afterwards (full, lean, `trace`) agrees."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import graph.link as B
from graph.link import store as S
from graph.cli import main
from graph_util import canon

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
A, B1, C = "000_262c27ab4c953a99.txt", "001_ccaa27b489dd990d.txt", "002_78774fff4ee349a1.txt"
TABLES = ("files", "documents", "doc_references", "statements", "tasks", "task_agencies")


def rows(store, sql, *args):
    conn = sqlite3.connect(store)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def per_file(store, path):
    return {t: rows(store, f"SELECT COUNT(*) FROM {t} WHERE {'path' if t == 'files' else 'file'} = ?",
                    path)[0][0] for t in TABLES}


def edges_by_source(G):
    """(u, v, relation) -> sorted sources of its readings."""
    out = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        out[(u, v, k)] = sorted(str(r.get("source")) for r in [d] + list(d.get("also") or []))
    return out


def cli(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLES, "corpus")
    return Path("corpus")


def test_prune_removes_what_came_only_from_the_deleted_file(corpus, capsys):
    store = "s.sqlite"
    gone = str(corpus / C)
    code, out = cli(capsys, "build", "corpus", "--store", store, "-j", "1", "--no-html", "-q")
    assert code == 0 and "3 written" in out and "Missing" not in out
    G0 = B.load_graph(store)            # full cache + state, then the lean cache: both must
    B.load_graph(store, full=False)     # be left behind by the prune
    before = edges_by_source(G0)
    only_gone = {e for e, src in before.items() if set(src) == {gone}}
    kept = {e: src for e, src in before.items() if gone not in src}
    assert only_gone and kept
    assert all(v for v in per_file(store, gone).values())

    (corpus / C).unlink()
    code, out = cli(capsys, "build", "corpus", "--store", store, "-j", "1", "--no-html", "-q")
    assert "Missing on disk: 1 stored file(s)" in out and "0 written, 2 unchanged" in out
    assert rows(store, "SELECT COUNT(*) FROM documents")[0][0] == 3  # without --prune: kept
    code, out = cli(capsys, "build", "corpus", "--store", store, "-j", "1", "--no-html", "-q",
                    "--json")
    assert json.loads(out)["missing"] == [gone] and json.loads(out)["pruned"] == []

    code, out = cli(capsys, "build", "corpus", "--store", store, "-j", "1", "--no-html", "-q",
                    "--prune")
    assert code == 0
    assert "Pruned: 1 stored file(s) no longer on disk" in out and gone in out
    assert "In the store: 2 documents" in out and "Missing" not in out
    assert per_file(store, gone) == dict.fromkeys(TABLES, 0)
    for f in (A, B1):
        assert all(v for v in per_file(store, str(corpus / f)).values())
    # no agency is left that no remaining task names
    assert rows(store, """SELECT COUNT(*) FROM agencies WHERE name NOT IN
                          (SELECT agency FROM task_agencies)""")[0][0] == 0

    G = B.load_graph(store)  # the caches are of the older version: assembled again
    after = edges_by_source(G)
    assert not any(gone in src for src in after.values())
    assert not (only_gone & set(after))
    assert {e: after.get(e) for e in kept} == kept  # the other files' edges intact
    assert not any(a.get("symbol") == "71/KH-UBND" for _, a in G.nodes(data=True))
    assert not any(a.get("source") == gone for _, a in G.nodes(data=True))

    # the same as a store built from the folder as it is now
    B.build(["corpus"], "fresh.sqlite", jobs=1, progress=False)
    assert canon(G) == canon(B.load_graph("fresh.sqlite", use_cache=False))
    assert canon(B.load_graph(store, use_cache=False)) == canon(G)
    LG = B.load_graph(store, full=False)
    assert (LG.number_of_nodes(), LG.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert "doc:71/kh-ubnd|hậu giang|2022" not in LG

    code, out = cli(capsys, "trace", "Đề án Phòng, chống tai nạn lao động", "--store", store)
    assert code == 0 and "Roots: 20-NQ/TW (2017-10-25); 21-NQ/TW (2017-10-25)" in out
    assert gone not in out
    code, out = cli(capsys, "trace", "71/KH-UBND", "--store", store)
    assert "Start: 71/KH-UBND" not in out and gone not in out

    code, out = cli(capsys, "build", "corpus", "--store", store, "-j", "1", "--no-html", "-q",
                    "--prune")
    assert "Pruned: 0" in out and "0 written, 2 unchanged" in out


def test_prune_never_touches_files_outside_the_folder_given(corpus, capsys):
    Path("corpus2").mkdir()                   # a sibling whose name starts like it
    shutil.move(str(corpus / C), "corpus2/" + C)
    shutil.copy(SAMPLES / C, "loose.txt")     # a file given by name
    Path("corpus3").mkdir()
    shutil.copy(SAMPLES / C, "corpus3/" + C)
    store = "s.sqlite"
    r = B.build(["corpus", "corpus2", "corpus3", "loose.txt"], store, jobs=1, progress=False)
    assert r.written == 5 and not r.failures
    for p in (corpus / B1, Path("corpus2") / C, Path("loose.txt")):
        p.unlink()
    shutil.rmtree("corpus3")                  # a whole folder gone

    r = B.build(["corpus"], store, jobs=1, progress=False, prune=True)
    assert r.pruned == [str(corpus / B1)] and r.missing == []
    held = {p for (p,) in rows(store, "SELECT path FROM files")}
    assert held == {str(corpus / A), "corpus2/" + C, "corpus3/" + C, "loose.txt"}

    # a PATH that is itself gone prunes nothing under it (a typo, an unmounted disk)
    assert B.prune(["corpus3"], store) == []
    assert B.prune(["loose.txt"], store) == []
    r = B.build(["corpus3"], store, jobs=1, progress=False, prune=True)
    assert r.pruned == [] and ("corpus3/" + C,) in rows(store, "SELECT path FROM files")
    assert [p for p, _ in r.failures] == ["corpus3"]  # listed as not read, as before

    # given in another form (absolute), the stored relative paths under it are found
    Path("corpus3").mkdir()
    absolute = str(Path("corpus3").resolve())
    assert B.prune([absolute], store, dry_run=True) == ["corpus3/" + C]
    assert rows(store, "SELECT COUNT(*) FROM files")[0][0] == 5  # dry run: nothing written
    assert B.prune([absolute, "corpus2"], store) == ["corpus2/" + C, "corpus3/" + C]
    assert {p for (p,) in rows(store, "SELECT path FROM files")} == {str(corpus / A), "loose.txt",
                                                                     "corpus3"}
    conn = S.connect(store)
    try:
        assert S.counts(conn)["documents"] == 2
    finally:
        conn.close()


def test_prune_is_one_transaction(corpus, monkeypatch):
    store = "s.sqlite"
    B.build(["corpus"], store, jobs=1, progress=False)
    before = {t: rows(store, f"SELECT * FROM {t} ORDER BY 1") for t in TABLES}
    v0 = rows(store, "SELECT value FROM meta WHERE key='version'")
    (corpus / A).unlink()
    (corpus / C).unlink()
    real = S._delete
    calls = []

    def crash_on_second(conn, path):
        calls.append(path)
        real(conn, path)
        if len(calls) == 2:
            raise RuntimeError("injected crash")
    with monkeypatch.context() as m:
        m.setattr(S, "_delete", crash_on_second)
        with pytest.raises(RuntimeError):
            B.prune(["corpus"], store)
    assert {t: rows(store, f"SELECT * FROM {t} ORDER BY 1") for t in TABLES} == before
    assert rows(store, "SELECT value FROM meta WHERE key='version'") == v0
    assert B.prune(["corpus"], store) == [str(corpus / A), str(corpus / C)]
    assert rows(store, "SELECT COUNT(*) FROM documents")[0][0] == 1


def test_prune_leaves_a_saved_graph_alone(tmp_path, monkeypatch):
    import networkx as nx
    monkeypatch.chdir(tmp_path)
    G = nx.MultiDiGraph()
    G.add_node("doc:x", kind="document", symbol="1/KH-UBND")
    B.save_graph(G, "g.sqlite")
    assert B.prune(["."], "g.sqlite") == []
    assert "doc:x" in B.load_graph("g.sqlite")
