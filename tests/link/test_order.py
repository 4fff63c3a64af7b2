"""Issue 16: the same input in any order gives the same store content, graph and page.

data/samples and a few extra files (two of one document, several citing the same ones, so
that edges and documents are merged from several files) are built in several orders: paths
given in another order, in a pool, in two builds, and under other folder names. The store
rows (less the build times and the store's own id), the canonical graph (and the order of
its nodes and edges) and the bytes of `python -m graph html` must not change.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from graph.link import load_graph, pipeline
from graph_util import canon

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))

EXTRAS = {
    "x1.txt": "KẾ HOẠCH\nSố: 15-KH/UBND\nHậu Giang, ngày 10 tháng 3 năm 2019\nThực hiện Nghị quyết "
              "số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương; Kế hoạch số 127-KH/TU "
              "ngày 05/4/2018 của Tỉnh ủy.\nII. NHIỆM VỤ\n1. Sở Y tế chủ trì triển khai Nghị "
              "quyết 20-NQ/TW.\n",
    "x2.txt": "KẾ HOẠCH\nSố: 15-KH/UBND\nHậu Giang, ngày 10 tháng 3 năm 2019\nThực hiện Nghị quyết số "
              "20-NQ/TW ngày 25/10/2017 về tăng cường công tác bảo vệ sức khỏe nhân dân.\nII. "
              "NHIỆM VỤ\n1. Sở Y tế chủ trì, phối hợp Sở Tài chính.\n",
    "x3.txt": "KẾ HOẠCH\nSố: 16-KH/UBND\nThực hiện Kế hoạch số 127-KH/TU ngày 05/4/2018 của Tỉnh ủy "
              "Hậu Giang; Nghị quyết số 21-NQ/TW ngày 25/10/2017.\n",
}


def layout(root: Path, samples: str, extras: str) -> Path:
    """The samples and x2.txt in folder `samples`, the other extra files in folder `extras`,
    under root (x1.txt and x2.txt are one document, read with other evidence)."""
    (root / samples).mkdir(parents=True)
    (root / extras).mkdir(parents=True)
    for p in SAMPLES:
        shutil.copy(p, root / samples / p.name)
    for name, text in EXTRAS.items():
        (root / (samples if name == "x2.txt" else extras) / name).write_text(text, encoding="utf-8")
    return root


def build(root: Path, *runs: list[str], jobs: int = 1) -> Path:
    """Build the store of root, one build per run of paths (relative to root)."""
    store = root / "s.sqlite"
    here = os.getcwd()
    os.chdir(root)
    try:
        for paths in runs:
            report = pipeline.build(paths, "s.sqlite", jobs=jobs, progress=False)
            assert not report.failures
    finally:
        os.chdir(here)
    return store


def store_rows(store: Path, rename=lambda s: s) -> dict:
    """Every table's rows, sorted, without the build times and the store's meta table; path
    strings passed through `rename`."""
    conn = sqlite3.connect(store)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if t not in ("meta", "graph")]
        out = {}
        for t in tables:
            cols = [c[1] for c in conn.execute(f"PRAGMA table_info({t})") if c[1] != "built_at"]
            rows = conn.execute(f"SELECT {', '.join(map(repr, cols))} FROM {t}").fetchall()
            out[t] = sorted(json.dumps([rename(v) if isinstance(v, str) else v for v in r],
                                       ensure_ascii=False) for r in rows)
        return out
    finally:
        conn.close()


def graph_of(store: Path):
    G = load_graph(store, use_cache=False)
    G.graph.pop("store", None)
    return G


def html(root: Path, seed: str = "0") -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "graph", "html", "--store", "s.sqlite", "-o", "page.html",
                    "--title", "t"], cwd=root, env=env, check=True, capture_output=True)
    return (root / "page.html").read_bytes()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{name: root}: the same files built in four ways."""
    base = tmp_path_factory.mktemp("order")
    roots = {
        "plain": build(layout(base / "plain", "a", "b"), ["a", "b"]).parent,
        "reversed": build(layout(base / "reversed", "a", "b"), ["a/x2.txt", "b", "a"]).parent,
        "two builds": build(layout(base / "two builds", "a", "b"), ["b"], ["a", "b"]).parent,
        "pool": build(layout(base / "pool", "a", "b"), ["b", "a"], jobs=2).parent,
    }
    return roots


@pytest.mark.skipif(not SAMPLES, reason="no data/samples")
def test_same_store_rows(built):
    first = store_rows(built["plain"] / "s.sqlite")
    assert first["files"] and first["tasks"]
    for name, root in built.items():
        assert store_rows(root / "s.sqlite") == first, name


@pytest.mark.skipif(not SAMPLES, reason="no data/samples")
def test_same_graph_in_the_same_order(built):
    G0 = graph_of(built["plain"] / "s.sqlite")
    # merged from several files: the node of 15-KH/UBND and its edges, read by two files
    # with other evidence
    assert any(len(a.get("files") or ()) == 2 for _, a in G0.nodes(data=True))
    assert any(d.get("also") and d["also"][0]["evidence"] != d["evidence"]
               for _, _, d in G0.edges(data=True))
    for name, root in built.items():
        G = graph_of(root / "s.sqlite")
        assert canon(G) == canon(G0), name
        assert list(G.nodes) == list(G0.nodes), name
        assert list(G.edges(keys=True)) == list(G0.edges(keys=True)), name


@pytest.mark.skipif(not SAMPLES, reason="no data/samples")
def test_same_page_bytes(built):
    pages = {name: html(root) for name, root in built.items()}
    assert len(set(pages.values())) == 1, sorted(pages)


@pytest.mark.skipif(not SAMPLES, reason="no data/samples")
def test_other_folder_names(tmp_path, built):
    """Folders named so that the files come in the other order: the same graph and rows but
    for the paths (unnumbered documents are known by their hash, not their path)."""
    root = build(layout(tmp_path / "other", "z", "c"), ["z", "c"]).parent

    def rename(s: str) -> str:
        return s.replace("z/", "a/").replace("c/", "b/")

    def plain(x):
        """x with its paths renamed and its lists sorted (sources are listed by path)."""
        if isinstance(x, str):
            return rename(x)
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        if isinstance(x, list):
            return sorted((plain(v) for v in x), key=lambda v: json.dumps(v, ensure_ascii=False))
        return x

    def edge(d: dict) -> str:
        """An edge's data, its readings as a set, its primary one without its source (two
        readings alike but for their file are put in order by path)."""
        readings = [{k: d.get(k) for k in ("evidence", "offset", "origin", "source")}]
        readings += d.pop("also", None) or []
        d["readings"] = readings
        d.pop("source", None)
        return json.dumps(plain(d), ensure_ascii=False)

    def graph(store):
        nodes, edges = canon(graph_of(store))
        return ({rename(n): plain(json.loads(a)) for n, a in nodes.items()},
                sorted((rename(u), rename(v), k, edge(json.loads(d))) for u, v, k, d in edges))

    assert store_rows(root / "s.sqlite", rename) == store_rows(built["plain"] / "s.sqlite")
    assert graph(root / "s.sqlite") == graph(built["plain"] / "s.sqlite")


@pytest.mark.skipif(not SAMPLES, reason="no data/samples")
def test_same_page_bytes_whatever_the_hash_seed(built):
    assert html(built["plain"], "1") == html(built["plain"], "2")


@pytest.mark.skipif(not SAMPLES, reason="no data/samples")
def test_patched_graph_in_the_order_of_a_fresh_one(tmp_path, monkeypatch):
    """A file changed in its tasks only: the cached graph is patched, and comes out as the
    fresh assembly of the same files, in the same order."""
    from graph.link import load
    root = build(layout(tmp_path / "patched", "a", "b"), ["a", "b"]).parent
    load_graph(root / "s.sqlite")  # the cache the next load patches
    x1 = root / "b" / "x1.txt"
    x1.write_text(x1.read_text(encoding="utf-8").replace("1. Sở Y tế chủ trì", "1. Sở Tài chính chủ trì"),
                  encoding="utf-8")
    build(root, ["a", "b"])
    fresh = graph_of(root / "s.sqlite")

    def no_assembly(*args, **kwargs):
        raise AssertionError("assembled from scratch: expected a patch")
    monkeypatch.setattr(load, "assemble", no_assembly)
    G = load_graph(root / "s.sqlite")
    G.graph.pop("store", None)
    assert any(a.get("text", "").startswith("Sở Tài chính chủ trì triển khai") for _, a in G.nodes(data=True))
    assert canon(G) == canon(fresh)
    assert list(G.nodes) == list(fresh.nodes)
    assert list(G.edges(keys=True)) == list(fresh.edges(keys=True))
