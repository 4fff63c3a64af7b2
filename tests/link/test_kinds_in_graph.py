"""Official documents and web pages built together (issue 14): a page's mentions stay `cites`
from a node of its own kind; no `implements`, no task, no statement and no document header ever
comes from a page; unrelated text adds no edge; `build` prints how many files are of each kind."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_util import needs_not_official, needs_official, not_official_texts, official_texts
from graph.extract import extract_text
from graph.link import build, load_graph
from graph.models import ASSIGNS, IMPLEMENTS

N = 60  # texts of each side: enough pages of every shape, a build of a few seconds


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    folder = root / "in"
    folder.mkdir()
    for i, text in enumerate(official_texts(N)):
        (folder / f"official_{i:03d}.txt").write_text(text, encoding="utf-8")
    for i, text in enumerate(not_official_texts(N)):
        (folder / f"page_{i:03d}.txt").write_text(text, encoding="utf-8")
    store = root / "s.sqlite"
    report = build([str(folder)], store, jobs=1, progress=False)
    return folder, store, report


@needs_official
@needs_not_official
def test_nothing_but_cites_comes_from_a_page(mixed):
    folder, store, report = mixed
    G = load_graph(store)
    page_nodes = {n for n, a in G.nodes(data=True) if a.get("doc_kind") in ("page", "unrelated")}
    assert page_nodes, "some of the pages must be read as pages"
    for n in page_nodes:
        a = G.nodes[n]
        assert not a.get("symbol") and not a.get("date") and not a.get("issuer"), (n, a)
        for _, _, rel in G.out_edges(n, keys=True):
            assert rel not in (IMPLEMENTS, ASSIGNS), (n, rel)
    for u, v, rel, data in G.edges(keys=True, data=True):
        src = str(data.get("source") or "")
        if Path(src).name.startswith("page_"):
            assert rel not in (IMPLEMENTS, ASSIGNS), (u, v, rel, src)
    tasks_from_pages = [n for n, a in G.nodes(data=True)
                        if a.get("kind") == "task" and Path(str(a.get("source"))).name.startswith("page_")]
    assert tasks_from_pages == []


@needs_official
@needs_not_official
def test_pages_keep_their_mentions_as_cites(mixed):
    folder, store, report = mixed
    G = load_graph(store)
    cites = [(u, v) for u, v, rel in G.edges(keys=True)
             if rel == "cites" and G.nodes[u].get("doc_kind") == "page"]
    assert cites, "a page about documents keeps its mentions (who talks about what)"


@needs_official
@needs_not_official
def test_build_counts_files_by_kind(mixed):
    folder, store, report = mixed
    kinds = report.kinds
    assert kinds.get("official", 0) >= N - 2          # the official side is read as official
    assert kinds.get("page", 0) + kinds.get("unrelated", 0) >= N  # no page becomes official
    out = subprocess.run([sys.executable, "-m", "graph", "build", str(folder), "--store",
                          str(store), "-q"], capture_output=True, text=True, check=True).stdout
    assert "By kind:" in out and "official documents" in out and "web pages" in out


def test_a_page_quoting_a_plan_implements_nothing():
    page = ("Hỏi: Tổ chức thực hiện Quyết định 3650/QĐ-UBND như thế nào?\n\n"
            "Trả lời:\n\nTheo Quyết định số 3650/QĐ-UBND ngày 12/5/2023 của UBND tỉnh, "
            "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị ...\n\n"
            "Tải file Kế hoạch 310/KH-UBND tại đây.\n")
    rec = extract_text(page, "q.txt")
    assert rec.kind != "official"
    assert all(r.relation == "cites" for r in rec.references)
    assert rec.tasks == [] and rec.statements == [] and rec.document.symbol is None


def test_kind_can_be_forced_and_is_checked():
    text = "Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.\n"
    assert extract_text(text, "x.txt", kind="unrelated").references == []
    assert extract_text(text, "x.txt", kind="official").kind_reasons == ["forced"]
    with pytest.raises(ValueError):
        extract_text(text, "x.txt", kind="poem")


def test_the_record_round_trips_its_kind():
    from graph.models import Record
    rec = extract_text("Câu hỏi: ai ban hành Nghị quyết 57-NQ/TW?\nTrả lời: Bộ Chính trị.\n", "p")
    back = Record.from_dict(json.loads(json.dumps(rec.to_dict())))
    assert back.kind == rec.kind and back.kind_reasons == rec.kind_reasons
