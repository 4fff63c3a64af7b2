"""Task fulfilment (graph.link.fulfil): a plan and the plan that carries out its task, a
partial candidate shown with what it misses, a task addressed to all provinces, a task
asking for no document, and the words that only describe an existing document."""
from __future__ import annotations

from progress_docs import (NATIONAL_PLAN, PROVINCIAL_PLAN, department_plan, graph_of,
                           province_answer)

from graph.link import fulfil
from graph.models import FULFILLED_BY


def _edges(G):
    return {(u.split("#")[-1], v): d for u, v, k, d in G.edges(keys=True, data=True)
            if k == FULFILLED_BY}


def test_a_plan_and_its_fulfilling_plan():
    G = graph_of({"plan": PROVINCIAL_PLAN, "doer": department_plan()})
    edges = _edges(G)
    assert list(edges) == [("II.1", "doc:40/kh-syt|thái bình|2018")]
    e = edges[("II.1", "doc:40/kh-syt|thái bình|2018")]
    assert e["days_after_plan"] == 53 and e["rule"] == fulfil.RULE
    assert e["evidence"] == "xây dựng Kế hoạch" and e["source"] == "plan"  # the task's side
    assert "15/KH-UBND" in e["doc_evidence"] and e["doc_source"] == "doer"  # the document's


def test_a_candidate_that_fits_partly_is_not_counted():
    G = graph_of({"plan": PROVINCIAL_PLAN, "qd": department_plan("41/QĐ-SYT", "QUYẾT ĐỊNH"),
                  "early": department_plan("39/KH-SYT", date=(1, 3, 2018))})
    assert not _edges(G)
    found = fulfil.fulfilments(G)
    task = next(t for t in found if t.endswith("#II.1"))
    missing = {c.doc: c.missing for c in found[task]["candidates"]}
    assert missing == {"doc:41/qđ-syt|thái bình|2018": ["type"],
                       "doc:39/kh-syt|thái bình|2018": ["after plan"]}


def test_the_advised_body_is_the_issuer():
    ask = fulfil.read_ask("Sở Y tế chủ trì tham mưu UBND tỉnh ban hành Kế hoạch thực hiện.")
    assert ask.types == ("KH",) and ask.body == "Ủy ban nhân dân tỉnh"
    assert fulfil.read_ask("Tham mưu cấp có thẩm quyền ban hành Đề án.").body == ""
    assert fulfil.issuer_core("Ủy ban nhân dân tỉnh Thái Bình", "Thái Bình") == \
        fulfil.issuer_core("UBND tỉnh", "Thái Bình")
    assert fulfil.issuer_core("Ban cán sự đảng UBND tỉnh", "Thái Bình") == \
        fulfil.issuer_core("Ủy ban nhân dân tỉnh", None)


def test_what_asks_for_no_document():
    assert fulfil.read_ask("Sở Tài chính bố trí kinh phí thực hiện Kế hoạch này.") is None
    # an existing document's description, not an ask
    assert fulfil.read_ask("Thực hiện Nghị quyết số 125/NQ-CP của Chính phủ ban hành "
                           "Chương trình hành động.") is None
    assert fulfil.read_ask("Triển khai Quyết định ban hành kèm theo Quyết định số 12/QĐ-UBND.") is None


def test_a_task_addressed_to_all_provinces():
    G = graph_of({"n": NATIONAL_PLAN,
                  "a": province_answer("Thái Bình", "20/KH-UBND", (1, 6, 2019)),
                  "b": province_answer("Nam Định", "21/KH-UBND", (1, 2, 2020))})
    edges = _edges(G)
    assert {v: d["provinces"] for (_, v), d in edges.items()} == {
        "doc:20/kh-ubnd|thái bình|2019": ["Thái Bình"], "doc:21/kh-ubnd|nam định|2020": ["Nam Định"]}
    found = fulfil.fulfilments(G)
    (task,) = [t for t in found if "500" in t]
    assert len(found[task]["expects"]) == 63  # the provinces of 2019


def test_a_post_merger_document_of_the_successor_province():
    after = province_answer("Hưng Yên", "30/KH-UBND", (1, 9, 2025))
    G = graph_of({"n": NATIONAL_PLAN, "c": after})
    (edge,) = _edges(G).values()
    assert edge["provinces"] == ["Hưng Yên", "Thái Bình"]  # Thái Bình's duty, carried by Hưng Yên


def test_edges_are_replaced_when_run_again():
    G = graph_of({"plan": PROVINCIAL_PLAN, "doer": department_plan()})
    n = G.number_of_edges()
    fulfil.add_fulfilments(G)
    assert G.number_of_edges() == n


def test_a_document_about_something_else_misses_the_subject():
    project = department_plan("12/ĐA-UBND", "ĐỀ ÁN").replace(
        "UBND TỈNH THÁI BÌNH\nSỞ Y TẾ", "ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH").replace(
        "Thái Bình\n\nI.", "Thái Bình về phát triển chợ đầu mối nông sản\n\nI.")
    G = graph_of({"plan": PROVINCIAL_PLAN, "project": project})
    found = fulfil.fulfilments(G)
    task = next(t for t in found if t.endswith("#II.2"))
    (c,) = found[task]["candidates"]
    assert c.missing == ["subject"]
    assert fulfil.read_ask("Sở Y tế xây dựng Kế hoạch thực hiện Kế hoạch này.").subject == ()


def test_the_place_index_picks_what_the_plain_test_picks():
    G = graph_of({"n": NATIONAL_PLAN,
                  "a": province_answer("Thái Bình", "20/KH-UBND", (1, 6, 2019)),
                  "c": province_answer("Hưng Yên", "30/KH-UBND", (1, 9, 2025)),
                  "plan": PROVINCIAL_PLAN, "doer": department_plan()})
    expects = [e for f in fulfil.fulfilments(G).values() for e in f["expects"]]
    expects.append(fulfil.Expect("", None, "national"))
    index = fulfil.by_place(expects)
    docs = [a for _, a in G.nodes(data=True) if a.get("kind") == "document"]
    assert len(docs) >= 5
    for d in docs:
        assert fulfil.matching(d, expects, index) == [e for e in expects if fulfil.same_place(d, e)]


def test_the_rows_indexed_by_place_weigh_what_the_full_scan_weighs():
    """`weigh` looks only at the documents under the plan listed at the expected places; the
    plain scan of every document under the plan gives the same candidates."""
    G = graph_of({"n": NATIONAL_PLAN,
                  "a": province_answer("Thái Bình", "20/KH-UBND", (1, 6, 2019)),
                  "b": province_answer("Nam Định", "21/KH-UBND", (1, 2, 2020)),
                  "c": province_answer("Hưng Yên", "30/KH-UBND", (1, 9, 2025)),
                  "plan": PROVINCIAL_PLAN, "doer": department_plan(),
                  "qd": department_plan("41/QĐ-SYT", "QUYẾT ĐỊNH")})
    fast_memo, plain_memo = fulfil.Memo(), fulfil.Memo()
    seen = 0
    for t, a in sorted(G.nodes(data=True)):
        ask = fulfil.read_ask(a.get("text")) if a.get("kind") == "task" else None
        if ask is None:
            continue
        expects = fulfil.expected_issuers(G, t, ask)
        fast = fulfil.weigh(G, t, ask, expects, fast_memo)
        plain = fulfil.weigh(G, t, ask, expects, plain_memo, scan_all=True)
        assert [(c.doc, c.expect, c.missing) for c in fast] == \
            [(c.doc, c.expect, c.missing) for c in plain]
        seen += len(fast)
    assert seen >= 4  # candidates were weighed, fulfilling and partial


def test_a_candidate_missing_most_tests_is_not_shown_as_partial():
    """Partial: misses one or two of type, issuer, subject, date; missing more, it is no
    candidate (an earlier plan of another body), and `progress` does not list it."""
    from graph.query import progress
    exp = fulfil.Expect("so y te", "Thái Bình", "Sở Y tế")
    mk = lambda missing: fulfil.Candidate("doc:x", exp, "doc:p", missing, 3)  # noqa: E731
    assert not fulfil.fits_partly(mk([]))
    assert fulfil.fits_partly(mk(["type"])) and fulfil.fits_partly(mk(["type", "subject"]))
    assert not fulfil.fits_partly(mk(["issuer", "subject", "date"]))
    G = graph_of({"plan": PROVINCIAL_PLAN, "qd": department_plan("41/QĐ-SYT", "QUYẾT ĐỊNH")})
    rows = progress(G, at="2019-01-01")
    rows = rows.to_dict("records") if hasattr(rows, "to_dict") else rows
    partial = [p for r in rows for p in r["partial"]]
    assert partial and all(len(p["missing"]) <= fulfil.PARTIAL_AT_MOST for p in partial)
