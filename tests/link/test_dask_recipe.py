"""The README's Dask bag recipe ("Running at scale") is real: its code block, run as printed on
a copy of data/samples/ plus an unreadable file, leaves the store `graph.link.build` leaves."""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")

import graph.link as B  # noqa: E402
from graph.link import store as S  # noqa: E402
from graph_util import canon

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_snippet() -> str:
    section = README[README.index("## Running at scale"):]
    section = section[:section.index("\n## ", 1)]
    m = re.search(r"With Dask\s+bag.*?```python\n(.*?)```", section, re.S)
    assert m, "the Dask block is gone from README's 'Running at scale'"
    code = textwrap.dedent(m.group(1))
    assert "dask.bag" in code and "extract_row" in code
    return code


def run_snippet() -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_snippet(), "README.md (Dask block)", "exec"), {"__name__": "readme"})
    return out.getvalue()


def table(store, sql):
    conn = sqlite3.connect(store)
    try:
        return sorted(conn.execute(sql).fetchall(), key=repr)
    finally:
        conn.close()


@pytest.mark.parametrize("scheduler", ["processes", "threads"])
def test_readme_dask_block_builds_what_build_builds(tmp_path, monkeypatch, scheduler):
    import dask

    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data" / "samples", "corpus")
    Path("corpus/broken.txt").write_bytes(b"")  # cannot be read: must be listed, not stop the rest
    with dask.config.set(scheduler=scheduler):  # `.compute()` in the block takes it from here
        out = run_snippet()
    dask_store = Path("out/policygraph.sqlite")
    assert dask_store.exists()
    assert "not read: corpus/broken.txt:" in out and "empty" in out

    normal = B.build(["corpus"], "normal.sqlite", jobs=1, progress=False)
    assert [p for p, _ in normal.failures] == ["corpus/broken.txt"]

    def conn(p):
        return S.connect(p)
    a, b = conn(dask_store), conn("normal.sqlite")
    try:
        assert S.counts(a) == S.counts(b)
        assert S.counts(a)["documents"] == 3 and S.counts(a)["failures"] == 1
        assert S.failures(a) == S.failures(b)
        assert list(S.iter_records(a)) == list(S.iter_records(b))
    finally:
        a.close()
        b.close()
    for sql in ("SELECT path, sha256, size, status, error FROM files",
                "SELECT * FROM documents", "SELECT * FROM doc_references",
                "SELECT * FROM statements", "SELECT * FROM tasks",
                "SELECT * FROM task_agencies", "SELECT * FROM agencies"):
        assert table(dask_store, sql) == table("normal.sqlite", sql), sql

    G1, G2 = B.load_graph(dask_store), B.load_graph("normal.sqlite")
    assert canon(G1) == canon(G2)
    syms = {a.get("symbol") for _, a in G1.nodes(data=True) if a.get("kind") == "document"}
    assert {"127-KH/TU", "20-NQ/TW", "1983/QĐ-TTg"} <= syms
    assert sum(1 for _, _, k in G1.edges(keys=True) if k == "implements") > 0

    # run again: only the failed file is tried again, and listed again
    assert B.files_to_extract(["corpus"], dask_store) == ["corpus/broken.txt"]
    with dask.config.set(scheduler=scheduler):
        again = run_snippet()
    assert again.count("not read:") == 1
    assert table(dask_store, "SELECT * FROM tasks") == table("normal.sqlite", "SELECT * FROM tasks")


def test_extract_row_returns_a_plain_row(tmp_path):
    import pickle

    p = ROOT / "data" / "samples" / "002_78774fff4ee349a1.txt"
    row = B.extract_row(p)
    assert not hasattr(B, "extract_file")  # one extract_file: graph.extract's (a Record, raising)
    path, sha, size, rec, err = row
    assert path == str(p) and err is None and len(sha) == 64 and size > 0
    assert rec["document"]["symbol"] == "71/KH-UBND" and rec["source"] == str(p)
    from graph.extract import extract_file  # the Record contract, for the same file
    assert rec == {**extract_file(p).to_dict(), "source": str(p), "sha256": sha}
    assert pickle.loads(pickle.dumps(row)) == row
    json.dumps(rec, ensure_ascii=False)  # plain data
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    path, sha, size, rec, err = B.extract_row(bad)
    assert rec is None and err
