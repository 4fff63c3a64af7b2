"""The explorer's progress (issue 18, item 4): each task's status, the documents fulfilling it
with the sentences of both sides, partial candidates, provinces done, the successors of a
merged agency; on small made-up documents (tests/progress_docs.py) built to a store, checked
against graph.query.progress, and on the samples."""
from __future__ import annotations

import csv
import html
import io
import re

import pytest
from progress_docs import NATIONAL_PLAN, PROVINCIAL_PLAN, department_plan, province_answer

from graph.explorer import index as X
from graph.explorer import pages, terms
from graph.explorer.queries import STATUS_SQL, STATUSES, Index, status_at
from graph.link import build, load_graph, succession
from graph.query.progress import progress, summary

from explorer_util import SAMPLES

AT = "2019-01-01"
TEXTS = {
    "plan": PROVINCIAL_PLAN,  # 15/KH-UBND, Thái Bình 2018: II.1 asks a plan of the Sở Y tế
    "doer": department_plan(),  # 40/KH-SYT: fulfils II.1, 53 days after
    "qd": department_plan("41/QĐ-SYT", "QUYẾT ĐỊNH"),  # a decision: partial (type)
    "national": NATIONAL_PLAN,  # 500/QĐ-TTg: a plan from every province
    "a": province_answer("Thái Bình", "20/KH-UBND", (1, 6, 2019)),
    "b": province_answer("Nam Định", "21/KH-UBND", (1, 2, 2020)),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress_docs")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    store = folder / "s.sqlite"
    build([str(folder)], store, jobs=1, progress=False)
    X.ensure_index(store)
    return store


@pytest.fixture(scope="module")
def ix(made):
    return Index(X.index_path(made))


@pytest.fixture(scope="module")
def G(made):
    return load_graph(made)


@pytest.fixture(scope="module")
def client(made):
    from graph.explorer.app import create_app
    return create_app(made, in_process=True).test_client()


def _doc(ix, symbol):
    return ix.one("SELECT * FROM doc WHERE symbol = ?", (symbol,))


def _task(ix, symbol, number):
    return ix.one("SELECT t.* FROM task t JOIN doc d ON d.id = t.doc WHERE d.symbol = ? AND "
                  "t.number = ?", (symbol, number))


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_statuses_are_the_query_s():
    assert {terms.label("status", s) for s in STATUSES} == {
        "Đã thực hiện", "Quá hạn", "Chưa có văn bản thực hiện", "Không kiểm tra được"}
    assert all(pages.status_in(pages.status_out(s)) == s for s in STATUSES)
    assert pages.status_in("khong-co") is None


def test_task_page_shows_the_fulfilling_document_and_both_sentences(ix, G, client):
    t = _task(ix, "15/KH-UBND", "II.1")
    assert t["status"] == "fulfilled"
    (edge,) = [d for v, keys in G.succ[_node(G, "15/KH-UBND", "II.1")].items()
               for k, d in keys.items() if k == "fulfilled_by"]
    page = client.get(f"/nhiem-vu/{t['slug']}?ngay={AT}").get_data(as_text=True)
    doer = _doc(ix, "40/KH-SYT")
    section = page[page.index('id="tinh-trang"'):page.index('class="lineage"')]
    assert f'href="/van-ban/{doer["slug"]}"' in section
    text = _text(section)
    assert "Đã thực hiện" in text and "sau 53 ngày" in text
    assert "đúng hạn" in text and "trễ hạn" not in text  # due 30/6/2018, done 2/5/2018
    assert edge["evidence"] and edge["evidence"] in text  # the task's side
    assert edge["doc_evidence"] and edge["doc_evidence"] in text  # the document's side
    assert "15/KH-UBND" in edge["doc_evidence"]
    assert section.count('class="where"') == 2  # each sentence links to its source
    assert "quá hạn" not in _text(page[:page.index('id="tinh-trang"')])  # done: not late


def _node(G, symbol, number):
    return next(n for n, a in G.nodes(data=True) if a.get("kind") == "task"
                and a.get("number") == number and G.nodes[a["plan"]].get("symbol") == symbol)


def test_partial_candidate_is_marked_with_what_it_misses(ix, client):
    t = _task(ix, "15/KH-UBND", "II.1")
    text = _text(client.get(f"/nhiem-vu/{t['slug']}").get_data(as_text=True))
    assert "41/QĐ-SYT" in text
    assert "khớp một phần, thiếu loại văn bản" in text
    assert "khớp một phần, thiếu" not in text.split("41/QĐ-SYT")[0]  # only the decision


@pytest.mark.parametrize("at", ["2018-07-01", AT, "2030-01-01"])
@pytest.mark.parametrize("symbol", ["15/KH-UBND", "500/QĐ-TTg"])
def test_status_filter_counts_equal_progress(ix, G, symbol, at):
    d = _doc(ix, symbol)
    view = pages.View(at=at)
    got = pages.document(ix, d["slug"], view)["statuses"]
    df = progress(G, symbol, at=at)  # its tasks and those of the documents under it
    want = summary(df[df["plan_symbol"] == symbol])
    assert {s["status"]: s["n"] for s in got} == {s: want[s] for s in STATUSES}
    for s in STATUSES:  # each filter lists those tasks, of that status
        rows, n = pages.doc_tasks(ix, d, pages.View(at=at, status=s))
        assert n == want[s] == len(rows) and all(r["status"] == s for r in rows)


def test_cascade_filter_and_per_province_counts_equal_progress(ix, G, client):
    root = _doc(ix, "20-NQ/TW")
    df = progress(G, "20-NQ/TW", at=AT)
    ctx = pages.cascade(ix, root["slug"], pages.View(at=AT))
    assert {s["status"]: s["n"] for s in ctx["statuses"]} == {
        s: n for s, n in summary(df).items() if s in STATUSES}
    rows = {r["unit"]: r["progress"] for r in ctx["matrix"]["rows"]}
    want = per_unit(df)
    assert want and all(rows[u] == n for u, n in want.items() if u)
    assert all(r == {"asked": 0, "fulfilled": 0} for u, r in rows.items() if u not in want)
    # Thái Bình's plan (II.1 done, II.2 not) and, of 500/QĐ-TTg's task to all provinces,
    # Thái Bình (done) and Hưng Yên (not): all under today's Hưng Yên
    assert rows["Hưng Yên"] == {"asked": 4, "fulfilled": 2}
    assert rows["Ninh Bình"] == {"asked": 3, "fulfilled": 1}  # Nam Định did, with Hà Nam
    page = client.get(f"/trien-khai/{root['slug']}?ngay={AT}&trang-thai=da-thuc-hien")
    text = _text(page.get_data(as_text=True))
    assert "Đã thực hiện (1)" in text and "sau 53 ngày" in text
    assert page.get_data(as_text=True).count('data-status="fulfilled"') == 1
    assert 'data-status="overdue"' not in page.get_data(as_text=True)


def per_unit(df) -> dict:
    """The plain count of the cascade's last column from progress's rows: a task once under
    its unit, a task addressed to all provinces once for each province, under its unit."""
    out: dict = {}
    for _, r in df[df["status"] != "not checkable"].iterrows():
        group = r["provinces_done"] or r["provinces_not_done"]
        pairs = ([(succession.unit_of(p), p in r["provinces_done"])
                  for p in r["provinces_done"] + r["provinces_not_done"]] if group
                 else [(r["unit"], r["status"] == "fulfilled")])
        for unit, done in pairs:
            n = out.setdefault(unit, {"asked": 0, "fulfilled": 0})
            n["asked"] += 1
            n["fulfilled"] += int(done)
    return out


def test_sql_status_is_the_plain_one(ix):
    for at in ("2018-01-01", "2018-12-31", AT, "2030-01-01"):
        for r in ix.all(f"SELECT t.status, t.due, {STATUS_SQL} AS s FROM task t", {"at": at}):
            assert r["s"] == status_at(r["status"], r["due"], at)
    assert status_at("open", "2018-12-31", AT) == "overdue"
    assert status_at("overdue", "2018-12-31", "2018-07-01") == "open"
    assert status_at("fulfilled", "2018-06-30", AT) == "fulfilled"


def test_task_to_all_provinces_lists_who_did_it(ix, client):
    t = ix.one("SELECT t.* FROM task t JOIN doc d ON d.id = t.doc WHERE d.symbol = "
               "'500/QĐ-TTg' AND t.status IS NOT NULL AND t.status != 'not checkable'")
    text = _text(client.get(f"/nhiem-vu/{t['slug']}?ngay=2020-06-01").get_data(as_text=True))
    assert "Đã thực hiện (2): Nam Định, Thái Bình." in text
    assert "Chưa thấy văn bản (61):" in text and "Hà Nam" in text
    assert "Quá hạn" in text


def test_csv_carries_the_status(ix, client):
    d = _doc(ix, "15/KH-UBND")
    body = client.get(f"/csv/nhiem-vu-van-ban/{d['slug']}.csv?ngay={AT}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    by = {r["Số thứ tự"]: r for r in rows}
    assert by["II.1"]["Tình trạng"] == "Đã thực hiện"
    assert by["II.1"]["Văn bản thực hiện"] == "40/KH-SYT"
    assert by["II.1"]["Số ngày sau văn bản giao"] == "53"
    assert by["II.1"]["Văn bản khớp một phần"] == "41/QĐ-SYT (thiếu loại văn bản)"
    assert by["II.2"]["Tình trạng"] == "Quá hạn" and by["II.2"]["Quá hạn"] == "có"
    assert by["II.3"]["Tình trạng"] == "Không kiểm tra được"
    late = client.get(f"/csv/nhiem-vu-van-ban/{d['slug']}.csv?ngay={AT}&trang-thai=qua-han")
    late_rows = list(csv.DictReader(io.StringIO(late.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["Số thứ tự"] for r in late_rows] == ["II.2"]


# ------------------------------------------------------------------ samples

@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    store = tmp_path_factory.mktemp("samples_progress") / "s.sqlite"
    build([str(SAMPLES)], store, jobs=1, progress=False)
    X.ensure_index(store)
    from graph.explorer.app import create_app
    return Index(X.index_path(store)), create_app(store, in_process=True).test_client()


def test_samples_labour_department_shows_its_successors(samples):
    ix, client = samples
    g = ix.one("SELECT * FROM agency WHERE name LIKE 'Sở Lao động%Thương binh%' AND n_lead > 0 "
               "ORDER BY n_lead DESC")
    assert g is not None and g["heirs"]
    page = _text(client.get(f"/co-quan/{g['slug']}").get_data(as_text=True))
    assert "thay đổi năm 2025" in page and "nay là" in page and "Sở Nội vụ" in page
    tasks, _ = pages.agency_tasks(ix, g, pages.View())
    led = [t for t in tasks if g["slug"] in {a["slug"] for a in t["lead"]}]
    assert led and all(t["progress"]["successors"] for t in led if t["progress"])
    t = next(t for t in led if t["progress"])
    text = _text(client.get(f"/nhiem-vu/{t['slug']}").get_data(as_text=True))
    assert "Cơ quan chủ trì sau sắp xếp năm 2025" in text
    names = {n for h in t["progress"]["successors"] for n in h["successors"]}
    assert names and all(n in text for n in names)
    assert names <= {"Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
                     "Sở Nông nghiệp và Môi trường"}


def test_samples_60_kh_tu_stays_under_hung_yen(samples):
    ix, client = samples
    root = _doc(ix, "20-NQ/TW")
    ctx = pages.cascade(ix, root["slug"], pages.View())
    (hy,) = [r for r in ctx["matrix"]["rows"] if r["unit"] == "Hưng Yên"]
    docs = [r for c in hy["cells"].values() for r in c["docs"]]
    assert any(r["symbol"] == "60-KH/TU" and r["province"] == "Thái Bình" for r in docs)
    assert not any(r["symbol"] == "60-KH/TU" for row in ctx["matrix"]["rows"]
                   if row["unit"] != "Hưng Yên" for c in row["cells"].values()
                   for r in c["docs"])


def test_samples_000_tasks_show_the_successor_departments(samples):
    ix, client = samples
    f = ix.one("SELECT * FROM file WHERE path LIKE '%000\\_%' ESCAPE '\\'")
    d = ix.docs_by_id([f["doc"]])[f["doc"]]
    assert "Lao động - Thương binh" in d["issuer"]
    tasks, n = pages.doc_tasks(ix, d, pages.View(per_page=500))
    assert n == len(tasks) > 0
    page = client.get(f"/van-ban/{d['slug']}").get_data(as_text=True)
    assert page.count('class="heirs"') == n  # beside every task, its plan's department
    for t in tasks:
        (h,) = t["progress"]["successors"]
        assert h["former"] == "Sở Lao động - Thương binh và Xã hội" and h["successors"]
    by = {t["number"]: t["progress"]["successors"][0] for t in tasks}
    assert by["II.5"]["successors"] == ["Sở Y tế"]  # "Phòng Bảo trợ xã hội": by function
    assert "Sở Y tế (thuộc Quảng Ngãi), theo nội dung nhiệm vụ" in _text(page)
