"""`progress` (graph.query.progress) and the succession columns of overdue / coverage, on
small real-looking documents and on the samples."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from progress_docs import (NATIONAL_PLAN, PROVINCIAL_PLAN, department_plan, graph_of,
                           province_answer)

from graph import query as Q
from graph.query.progress import progress, summary

ROOT = Path(__file__).resolve().parents[2]


def _by_number(df, plan="15/KH-UBND"):
    return {r["number"]: r for _, r in df.iterrows() if r["plan_symbol"] == plan}


def test_status_of_each_task():
    G = graph_of({"plan": PROVINCIAL_PLAN, "doer": department_plan()})
    rows = _by_number(progress(G, "15/KH-UBND", at="2019-01-01"))
    assert rows["II.1"]["status"] == "fulfilled" and rows["II.1"]["fulfilled_by"] == ["40/KH-SYT"]
    assert rows["II.1"]["days_after_plan"] == 53
    assert rows["II.2"]["status"] == "overdue"  # due 2018-12-31, no Đề án of the UBND tỉnh
    assert rows["II.2"]["issuers"] == ["Ủy ban nhân dân tỉnh"]
    assert rows["II.3"]["status"] == "not checkable"
    assert _by_number(progress(G, "15/KH-UBND", at="2018-07-01"))["II.2"]["status"] == "open"
    assert rows["II.1"]["unit"] == "Hưng Yên" and rows["II.1"]["jurisdiction"] == "Thái Bình"


def test_a_fulfilment_after_the_task_s_due_date_is_late_by_its_days():
    on_time = _by_number(progress(graph_of({"plan": PROVINCIAL_PLAN, "doer": department_plan()}),
                                  "15/KH-UBND", at="2019-01-01"))["II.1"]
    assert on_time["due"] == "2018-06-30" and on_time["days_late"] == 0
    late = _by_number(progress(graph_of({"plan": PROVINCIAL_PLAN,
                                         "doer": department_plan(date=(2, 8, 2018))}),
                               "15/KH-UBND", at="2019-01-01"))["II.1"]
    assert late["status"] == "fulfilled" and late["days_late"] == 33
    assert late["days_after_plan"] == 145
    open_ = _by_number(progress(graph_of({"plan": PROVINCIAL_PLAN}), "15/KH-UBND",
                                at="2019-01-01"))["II.1"]
    assert open_["days_late"] is None


def test_partial_candidates_are_shown_with_what_they_miss():
    G = graph_of({"plan": PROVINCIAL_PLAN, "qd": department_plan("41/QĐ-SYT", "QUYẾT ĐỊNH")})
    row = _by_number(progress(G, "15/KH-UBND", at="2019-01-01"))["II.1"]
    assert row["status"] == "overdue" and row["fulfilled_by"] == []
    assert row["partial"] == [{"document": "41/QĐ-SYT", "missing": ["type"], "province": "Thái Bình"}]


def test_a_task_to_all_provinces_lists_who_did_it():
    G = graph_of({"n": NATIONAL_PLAN,
                  "a": province_answer("Thái Bình", "20/KH-UBND", (1, 6, 2019)),
                  "b": province_answer("Nam Định", "21/KH-UBND", (1, 2, 2020))})
    df = progress(G, "500/QĐ-TTg", at="2020-06-01")
    (row,) = [r for _, r in df.iterrows() if r["status"] != "not checkable"]
    assert row["provinces_done"] == ["Nam Định", "Thái Bình"]
    assert len(row["provinces_not_done"]) == 61 and "Hà Nam" in row["provinces_not_done"]
    assert row["status"] == "overdue" and row["days_after_plan"] == 57
    s = summary(df)
    assert s["overdue"] == 1 and s["ask_for_document"] == 1


def test_pre_and_post_merger_plans_of_one_area_meet_under_today_s_unit():
    before = province_answer("Thái Bình", "20/KH-UBND", (1, 6, 2019))
    after = province_answer("Hưng Yên", "30/KH-UBND", (1, 9, 2025))
    G = graph_of({"n": NATIONAL_PLAN, "a": before, "c": after})
    byu = Q.coverage(G, "500/QĐ-TTg", by="unit").set_index("unit")
    assert byu.loc["Hưng Yên", "provinces"] == ["Hưng Yên", "Thái Bình"]
    assert byu.loc["Hưng Yên", "plans"] == 2
    cov = Q.coverage(G, "500/QĐ-TTg").set_index("symbol")
    assert cov.loc["20/KH-UBND", "jurisdiction"] == "Thái Bình"  # printed name kept
    assert cov.loc["20/KH-UBND", "unit"] == "Hưng Yên"


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    from graph.link import build, load_graph
    store = tmp_path_factory.mktemp("samples") / "s.sqlite"
    build([ROOT / "data" / "samples"], store, jobs=1, progress=False)
    return store, load_graph(store)


def test_samples_60_kh_tu_under_hung_yen(samples):
    _, G = samples
    cov = Q.coverage(G, "20-NQ/TW 2017")
    row = cov[cov["symbol"] == "60-KH/TU"].iloc[0]
    assert row["jurisdiction"] == "Thái Bình" and row["unit"] == "Hưng Yên"
    assert "60-KH/TU" in Q.coverage(G, "20-NQ/TW 2017", by="unit").set_index("unit").loc["Hưng Yên", "symbols"]


def test_samples_000_tasks_show_the_successor_departments(samples):
    _, G = samples
    df = progress(G, at="2026-01-01")
    mine = df[df["plan"].map(lambda p: G.nodes[p].get("files") == ["data/samples/000_262c27ab4c953a99.txt"]
                             or any(f.endswith("000_262c27ab4c953a99.txt") for f in G.nodes[p].get("files") or []))]
    heirs = {r["number"]: r["successors"][0]["successors"] for _, r in mine.iterrows() if r["successors"]}
    assert len(heirs) == len(mine) > 10  # every task of the Sở's plan
    by_lead = {r["number"]: r["lead"] for _, r in mine.iterrows()}
    social = [n for n, lead in by_lead.items() if lead == ["Phòng Bảo trợ xã hội"]]
    assert social and all("Sở Y tế" in heirs[n] for n in social)
    assert any(heirs[n] == ["Sở Y tế"] for n in social)
    vocational = [n for n, h in heirs.items() if h == ["Sở Giáo dục và Đào tạo"]]
    assert all("Phòng Dạy nghề" in by_lead[n] for n in vocational)
    assert any("Sở Nội vụ" in h for h in heirs.values())


def test_overdue_shows_unit_and_successors(samples):
    _, G = samples
    df = Q.overdue(G, "2040-01-01")
    assert {"unit", "successors"} <= set(df.columns)
    assert (df.loc[df["jurisdiction"] == "Thái Bình", "unit"] == "Hưng Yên").all()


def test_cli_progress_json(samples):
    store, _ = samples
    out = subprocess.run([sys.executable, "-m", "graph", "progress", "--store", str(store),
                          "--at", "2026-01-01", "--json"], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    got = json.loads(out.stdout)
    assert got["at"] == "2026-01-01" and len(got["tasks"]) == sum(
        v for k, v in got["summary"].items() if k != "ask_for_document")
    text = subprocess.run([sys.executable, "-m", "graph", "progress", "--store", str(store),
                           "--at", "2026-01-01"], capture_output=True, text=True, cwd=ROOT,
                          check=True).stdout
    assert "(nay Hưng Yên)" in text and "→ Sở Y tế" in text
