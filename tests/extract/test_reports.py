"""Reports (graph.extract.reports): what a Báo cáo reports on and for which period, the
documents it says its agency issued (with that agency as their issuer), and those documents
as evidence of a task's fulfilment."""
from __future__ import annotations

from progress_docs import PLAN, REPORT, graph_of

from graph.extract import extract_text
from graph.extract.reports import read_period
from graph.models import FULFILLED_BY, REPORTS_ON, Record

def test_a_report_reports_on_its_title_s_plan_for_its_period():
    rec = extract_text(REPORT, "rep")
    assert rec.report.on == ["15/KH-UBND"]
    assert (rec.report.period, rec.report.start, rec.report.end) == \
        ("Quý I năm 2020", "2020-01-01", "2020-03-31")
    rel = {r.symbol: r.relation for r in rec.references}
    assert rel["15/KH-UBND"] == REPORTS_ON
    assert Record.from_dict(rec.to_dict()) == rec


def test_documents_the_report_says_were_issued_get_its_agency():
    rec = extract_text(REPORT, "rep")
    issued = {i.symbol: i for i in rec.report.issued}
    assert set(issued) == {"66/QĐ-LĐTBXH", "270/KH-LĐTBXH"}  # not what 270 carries out
    assert issued["270/KH-LĐTBXH"].implements == "01/NQ-CP"
    by_sym = {r.symbol: r for r in rec.references}
    assert by_sym["270/KH-LĐTBXH"].issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Thái Bình"
    assert by_sym["270/KH-LĐTBXH"].jurisdiction == "Thái Bình"
    assert by_sym["01/NQ-CP"].issuer == "Chính phủ"


def test_another_body_s_issuing_is_not_the_report_s():
    text = REPORT.replace("Sở Lao động - Thương binh và Xã hội đã ban hành",
                          "Trước đó, Chính phủ đã ban hành")
    rec = extract_text(text, "rep")
    assert rec.report.issued == []


def test_only_a_report_has_report_facts():
    assert extract_text(PLAN, "plan").report is None
    assert "report" not in extract_text(PLAN, "plan").to_dict()


def test_periods():
    assert read_period("Báo cáo 6 tháng đầu năm 2021")[1:] == ("2021-01-01", "2021-06-30")
    assert read_period("kết quả giai đoạn 2018 - 2020")[1:] == ("2018-01-01", "2020-12-31")
    assert read_period("tình hình năm 2019")[1:] == ("2019-01-01", "2019-12-31")
    assert read_period("không có kỳ") == (None, None, None)


def test_an_issued_document_is_evidence_of_fulfilment():
    G = graph_of({"rep": REPORT, "plan": PLAN})
    (edge,) = [(u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == FULFILLED_BY]
    u, v, d = edge
    assert u.endswith("#II.1") and G.nodes[v]["symbol"] == "270/KH-LĐTBXH"
    assert d["doc_source"] == "rep" and "270/KH-LĐTBXH" in d["doc_evidence"]
    assert d["days_after_plan"] == 36
    reports = [(u, v) for u, v, k in G.edges(keys=True) if k == REPORTS_ON]
    assert [G.nodes[v]["symbol"] for _, v in reports] == ["15/KH-UBND"]


def test_progress_lists_the_reports_on_a_plan():
    from graph.query.progress import progress
    G = graph_of({"rep": REPORT, "plan": PLAN})
    df = progress(G, at="2020-06-01")
    assert list(df["plan_symbol"]) == ["15/KH-UBND"]  # the report's numbered parts are no tasks
    row = df.iloc[0]
    assert row["status"] == "fulfilled" and row["fulfilled_by"] == ["270/KH-LĐTBXH"]
    (rep,) = row["reports"]
    assert (rep["report"], rep["period"], rep["start"], rep["end"]) == \
        ("25/BC-LĐTBXH", "Quý I năm 2020", "2020-01-01", "2020-03-31")
