"""The explorer (graph.explorer): its index, search, pages, CSV, static site and commands, on
the samples, checked against the query API (graph.query) that answers from the whole graph."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph import query as Q
from graph.explorer import index as X
from graph.explorer import pages, terms
from graph.explorer.queries import Index
from graph.explorer.search import search
from graph.tables import provinces
from graph.link import build, load_graph, succession

from explorer_util import HOSTILE, ROOT, SAMPLES, TASK  # noqa: F401 (shared with the browser tests)
AT = "2020-01-01"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = tmp_path_factory.mktemp("explorer") / "s.sqlite"
    build([str(SAMPLES)], s, jobs=1, progress=False)
    X.ensure_index(s)
    return s


@pytest.fixture(scope="module")
def ix(store):
    return Index(X.index_path(store))


@pytest.fixture(scope="module")
def G(store):
    return load_graph(store)


@pytest.fixture(scope="module")
def client(store):
    from graph.explorer.app import create_app
    return create_app(store, in_process=True).test_client()


def slug_of(ix, symbol):
    return ix.one("SELECT slug FROM doc WHERE symbol = ?", (symbol,))["slug"]


# ------------------------------------------------------------------ tables and keys

def test_province_succession_maps_every_province_to_one_of_34():
    names = {r["name"] for r in provinces()}
    table = {s.former: s for s in succession.province_successions()}
    assert set(table) == names  # every province the extraction knows, and no other
    assert len(succession.units()) == 34
    assert set(succession.units()) <= names
    assert succession.unit_of("Thái Bình") == "Hưng Yên"
    assert succession.unit_of("Thừa Thiên Huế") == "Huế"
    assert succession.unit_of("Bà Rịa - Vũng Tàu") == "Thành phố Hồ Chí Minh"
    assert succession.unit_of("Nghệ An") == "Nghệ An"
    assert succession.unit_of(None) is None and succession.unit_of("Tỉnh Không Có") is None
    kinds = {r.kind for r in table.values()}
    assert kinds == {"merged", "renamed", "unchanged"}
    assert sum(r.kind == "unchanged" for r in table.values()) == 11
    for unit in succession.units():  # a successor is its own successor
        assert succession.unit_of(unit) == unit


@pytest.mark.parametrize("q", ["57-NQ/TW", "57/NQ-TW", "NQ57", "NQ 57", "nghị quyết 57",
                               "nghi quyet 57", "Nghị quyết số 57", "57-NQ/TW 2024"])
def test_every_spelling_of_a_symbol_meets_its_keys(q):
    assert set(terms.query_keys(q)) & set(terms.doc_keys("57-NQ/TW", "NQ"))


def test_keys_of_plans_and_decisions():
    assert set(terms.query_keys("Kế hoạch 127")) & set(terms.doc_keys("127-KH/TU", "KH"))
    assert set(terms.query_keys("02/KH-UBND")) & set(terms.doc_keys("2/KH-UBND", "KH"))
    assert set(terms.query_keys("QĐ 1983")) & set(terms.doc_keys("1983/QĐ-TTg", "QĐ"))
    assert terms.query_keys("tai nạn lao động") == []
    assert terms.query_years("20-NQ/TW 2017") == [2017]
    assert not set(terms.query_keys("NQ 58")) & set(terms.doc_keys("57-NQ/TW", "NQ"))


def test_labels_are_vietnamese():
    assert terms.label("level", "party") == "Cấp Đảng"
    assert terms.label("level", "provincial") == "Cấp tỉnh"
    assert terms.label("level", "department") == "Sở/ngành"
    assert terms.label("origin", "preamble") == "phần mở đầu"
    assert terms.label("origin", "statement") == "câu dẫn"


# ------------------------------------------------------------------ index

def test_index_is_built_once_per_store_version(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    files = sorted(SAMPLES.glob("*.txt"))
    for f in files[:2]:
        shutil.copy(f, src / f.name)
    s = tmp_path / "s.sqlite"
    build([str(src)], s, jobs=1, progress=False)
    path = X.ensure_index(s)
    assert X.is_fresh(s) and path == X.index_path(s)
    stamp = path.stat().st_mtime_ns
    assert X.ensure_index(s).stat().st_mtime_ns == stamp  # fresh: not rebuilt
    n_before = Index(path).counts()["documents"]
    shutil.copy(files[2], src / files[2].name)
    build([str(src)], s, jobs=1, progress=False)  # the store's version moves on
    assert not X.is_fresh(s)
    X.ensure_index(s)
    assert X.is_fresh(s)
    assert Index(path).counts()["documents"] > n_before
    assert not list(tmp_path.glob("*.tmp"))  # written beside the store, then moved in place


def test_index_counts_match_the_graph(ix, G):
    kinds = {"document": 0, "task": 0, "agency": 0}
    for _, a in G.nodes(data=True):
        kinds[a["kind"]] += 1
    assert ix.counts() == {"documents": kinds["document"], "tasks": kinds["task"],
                           "agencies": kinds["agency"]}
    kind = lambda n: G.nodes[n]["kind"]  # noqa: E731
    links = sum(1 for u, v, k in G.edges(keys=True)
                if k in ("implements", "cites") and kind(u) == "document")
    named = sum(1 for u, v, k in G.edges(keys=True) if k == "cites" and kind(u) == "task")
    assert ix.one("SELECT COUNT(*) FROM link")[0] == links
    assert ix.one("SELECT COUNT(*) FROM tcite")[0] == named > 0
    slugs = [r[0] for r in ix.all("SELECT slug FROM doc UNION ALL SELECT slug FROM task")]
    assert all(re.fullmatch(r"[a-z0-9.-]+", s) for s in slugs)


# ------------------------------------------------------------------ search

@pytest.mark.parametrize("q", ["20-NQ/TW", "20/NQ-TW", "NQ20", "nghị quyết 20", "nghi quyet 20",
                               "Nghị quyết số 20", "20-NQ/TW 2017"])
def test_search_finds_a_symbol_however_written(ix, q):
    res = search(ix, q, at=AT)
    assert res["results"][0]["kind"] == "document"
    assert res["results"][0]["symbol"] == "20-NQ/TW"


def test_search_short_form_words_and_facets(ix):
    res = search(ix, "Kế hoạch 127", at=AT)
    assert res["results"][0]["symbol"] == "127-KH/TU"
    res = search(ix, "tai nạn lao động", at=AT)
    assert any(r["kind"] == "task" and TASK in r["text"] for r in res["results"])
    kinds = dict(res["facets"]["kind"])
    assert sum(kinds.values()) == res["total"] > 0
    only = search(ix, "tai nạn lao động", {"kind": "task"}, at=AT)
    assert only["total"] == kinds["task"]
    assert {r["kind"] for r in only["results"]} == {"task"}
    assert dict(only["facets"]["kind"]) == kinds  # a facet counts with the other filters only
    assert search(ix, "không có văn bản này xyz", at=AT)["total"] == 0
    assert search(ix, "", at=AT)["total"] == 0


def test_search_by_agency_name(ix):
    res = search(ix, "Sở Lao động - Thương binh và Xã hội", {"kind": "agency"}, at=AT)
    assert res["total"] >= 1
    assert all(r["kind"] == "agency" for r in res["results"])


# ------------------------------------------------------------------ lineage and cascade

def test_task_lineage_reaches_the_roots_trace_finds(ix, G):
    slug = ix.one("SELECT slug FROM task WHERE text LIKE ?", (f"%{TASK}%",))["slug"]
    ctx = pages.task(ix, slug, pages.View(at=AT))
    roots = {r["symbol"] for r in ctx["roots"]}
    want = {r["symbol"] for r in Q.trace(G, TASK)["roots"]}
    assert roots == want and "20-NQ/TW" in roots
    to_20 = [p for p in ctx["paths"] if p[-1]["doc"]["symbol"] == "20-NQ/TW"]
    assert to_20
    for path in ctx["paths"]:
        assert path[0]["rel"] == "part_of" and path[0]["origin"] == "task"
        for hop in path:  # every hop shows the sentence it was read from
            assert hop["evidence"] and hop["origin"]
    assert any(len(p) == 3 and p[1]["doc"]["symbol"] == "127-KH/TU" for p in to_20)


def test_cascade_matches_impact(ix, G):
    d = ix.doc(slug_of(ix, "20-NQ/TW"))
    ctx = pages.cascade(ix, d["slug"], pages.View(at=AT))
    impact = Q.impact(G, "20-NQ/TW 2017")
    assert ctx["n_below"] == len(impact["documents"]) == d["n_below"]
    assert ctx["n_tasks"] == len(impact["tasks"])
    rows = {r["unit"]: r for r in ctx["matrix"]["rows"]}
    assert len(rows) == 34
    qn = rows["Quảng Ngãi"]["cells"]
    assert [r["symbol"] for r in qn["party"]["docs"]] == ["127-KH/TU"]
    assert qn["party"]["docs"][0]["lag"] == 162 and qn["party"]["n"] == 1
    assert qn["department"]["n"] and not qn["provincial"]["n"]
    hy = rows["Hưng Yên"]["cells"]["party"]["docs"]  # Thái Bình, merged into Hưng Yên in 2025
    assert hy[0]["symbol"] == "60-KH/TU" and hy[0]["province"] == "Thái Bình"
    assert ctx["matrix"]["filled"] == 4 and ctx["matrix"]["cells"] == 34 * 3
    one = pages.cascade(ix, d["slug"], pages.View(at=AT, unit="Quảng Ngãi"))
    assert one["d"]["symbol"] == "20-NQ/TW"  # the root stays
    assert [r["unit"] for r in one["matrix"]["rows"]] == ["Quảng Ngãi"]
    assert one["n_below"] == 2 and 0 < one["n_tasks"] < ctx["n_tasks"]
    assert {t["unit"] for t in one["tasks"]} == {"Quảng Ngãi"}


def test_overdue_matches_the_query(ix, G):
    want = Q.overdue(G, AT)
    agg = ix.one("SELECT COUNT(*) FROM task WHERE due IS NOT NULL AND due < ?", (AT,))[0]
    assert agg == want["task"].nunique() > 0
    plan = ix.one("SELECT doc FROM task WHERE text LIKE ?", (f"%{TASK}%",))["doc"]
    d = ix.docs_by_id([plan])[plan]
    late, n = pages.doc_tasks(ix, d, pages.View(at=AT, overdue=True))
    assert n == len(late) and all(t["overdue"] and t["due"] < AT for t in late)
    every, n_all = pages.doc_tasks(ix, d, pages.View(at=AT))
    assert n_all == d["n_tasks"] > n


def test_document_page_context(ix):
    ctx = pages.document(ix, slug_of(ix, "20-NQ/TW"), pages.View(at=AT))
    symbols = {r["symbol"] for g in ctx["tree"] for lv in g["levels"] for r in lv["docs"]}
    assert {"127-KH/TU", "60-KH/TU"} <= symbols
    assert [g["unit"] for g in ctx["tree"]] == ["Hưng Yên", "Quảng Ngãi"]
    assert ctx["paths"] == []  # a root
    ids = {n["id"] for n in ctx["diagram"]["nodes"]}
    assert slug_of(ix, "127-KH/TU") in ids
    assert len(ids) == len(ctx["diagram"]["nodes"])


# ------------------------------------------------------------------ the web app

class _Text(HTMLParser):
    """The text a reader sees (no tags, attributes, scripts)."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for k, v in attrs:
            if k in ("href", "src"):
                self.links.append(v or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def seen(html: str) -> tuple[str, list[str]]:
    p = _Text()
    p.feed(html)
    return " ".join(" ".join(p.parts).split()), p.links


def app_urls(ix):
    task = ix.one("SELECT slug FROM task WHERE text LIKE ?", (f"%{TASK}%",))["slug"]
    agency = ix.one("SELECT slug FROM agency ORDER BY n_lead DESC")["slug"]
    src = ix.one("SELECT slug FROM file")["slug"]
    d20 = slug_of(ix, "20-NQ/TW")
    return ["/", "/tim?q=nghi+quyet+20", f"/van-ban/{d20}", f"/trien-khai/{d20}",
            f"/trien-khai/{d20}?tinh=Qu%E1%BA%A3ng+Ng%C3%A3i&qua-han=1&ngay={AT}",
            f"/nhiem-vu/{task}", f"/co-quan/{agency}", f"/nguon/{src}",
            f"/van-ban/{slug_of(ix, '71/KH-UBND')}?ngay={AT}"]


INTERNAL = re.compile(r"doc:|task:|agency:|file:|\b(party|provincial|department|central|"
                      r"implements|cites|preamble|statement|None)\b")


def test_pages_show_no_internal_words(client, ix):
    for url in app_urls(ix):
        r = client.get(url)
        assert r.status_code == 200, url
        text, links = seen(r.get_data(as_text=True))
        assert not INTERNAL.search(text), (url, INTERNAL.search(text).group())
        assert not any(INTERNAL.search(link) for link in links), url
        assert "Content-Security-Policy" in r.get_data(as_text=True)


def test_document_page_shows_the_cascade_as_text(client, ix):
    text, _ = seen(client.get(f"/van-ban/{slug_of(ix, '20-NQ/TW')}").get_data(as_text=True))
    for want in ("127-KH/TU", "60-KH/TU", "Quảng Ngãi", "Hưng Yên", "Thái Bình", "Cấp Đảng",
                 "Nghị quyết 20"):
        assert want in text


def test_task_page_breadcrumb_with_evidence(client, ix):
    slug = ix.one("SELECT slug FROM task WHERE text LIKE ?", (f"%{TASK}%",))["slug"]
    html = client.get(f"/nhiem-vu/{slug}").get_data(as_text=True)
    crumbs = re.findall(r'<ol class="crumbs".*?</ol>', html, re.S)
    assert crumbs
    to_20 = [c for c in crumbs if "20-NQ/TW" in c]
    assert to_20
    for c in to_20:
        hops = c.count('<li class="hop">')
        assert hops >= 2 and c.count('class="evidence"') == hops
    assert "phần mở đầu" in html or "câu dẫn" in html


def test_unknown_pages_are_404(client):
    assert client.get("/van-ban/khong-co-van-ban-nay").status_code == 404
    assert client.get("/csv/khong-co.csv").status_code == 404


def test_csv_of_a_task_table(client, ix):
    plan = ix.one("SELECT d.slug, d.n_tasks FROM task t JOIN doc d ON d.id = t.doc "
                  "WHERE t.text LIKE ?", (f"%{TASK}%",))
    r = client.get(f"/csv/nhiem-vu-van-ban/{plan['slug']}.csv?ngay={AT}")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    body = r.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][3] == "Nhiệm vụ" and len(rows) - 1 == plan["n_tasks"]
    late = client.get(f"/csv/nhiem-vu-van-ban/{plan['slug']}.csv?ngay={AT}&qua-han=1")
    late_rows = list(csv.reader(io.StringIO(late.get_data(as_text=True).lstrip("\ufeff"))))
    assert 1 <= len(late_rows) - 1 < len(rows) - 1
    assert all(r[-1] == "có" for r in late_rows[1:])


def test_every_csv_table_answers(client, ix):
    d20 = slug_of(ix, "20-NQ/TW")
    agency = ix.one("SELECT slug FROM agency ORDER BY n_lead DESC")["slug"]
    for url in (f"/csv/trien-khai/{d20}.csv", f"/csv/nhiem-vu-trien-khai/{d20}.csv",
                f"/csv/lien-ket/{d20}.csv", f"/csv/nhiem-vu-co-quan/{agency}.csv",
                "/csv/ket-qua.csv?q=nghi+quyet+20"):
        r = client.get(url)
        rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
        assert r.status_code == 200 and len(rows) > 1, url


def test_source_page_marks_the_evidence(client, ix):
    f = ix.one("SELECT f.slug FROM file f JOIN link l ON l.file = f.id "
               "WHERE l.origin = 'preamble' LIMIT 1")
    off = ix.one("SELECT l.\"offset\" FROM link l JOIN file f ON f.id = l.file "
                 "WHERE f.slug = ? AND l.origin = 'preamble' AND l.evidence LIKE '%20-NQ/TW%'",
                 (f["slug"],))[0]
    html = client.get(f"/nguon/{f['slug']}").get_data(as_text=True)
    m = re.search(rf'<mark id="o{off}">(.*?)</mark>', html, re.S)
    assert m and "20-NQ/TW" in m.group(1)


def test_the_app_follows_the_store(tmp_path, monkeypatch):
    from graph.explorer import app as A
    src = tmp_path / "docs"
    src.mkdir()
    files = sorted(SAMPLES.glob("*.txt"))
    shutil.copy(files[0], src / files[0].name)
    s = tmp_path / "s.sqlite"
    build([str(src)], s, jobs=1, progress=False)
    monkeypatch.setattr(A, "CHECK_EVERY", 0.0)
    web = A.create_app(s, in_process=True)
    cur = web.config["EXPLORER"]
    n = cur.get().counts()["documents"]
    shutil.copy(files[2], src / files[2].name)
    build([str(src)], s, jobs=1, progress=False)
    cur.get()  # notices the new version, builds the new index beside the old one
    cur.building.join(60)
    assert cur.get().counts()["documents"] > n


# ------------------------------------------------------------------ hostile text



@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "docs").mkdir()
    (d / "docs" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    for f in SAMPLES.glob("*.txt"):
        shutil.copy(f, d / "docs" / f.name)
    s = d / "s.sqlite"
    build([str(d / "docs")], s, jobs=1, progress=False)
    return s


def test_hostile_text_stays_text(hostile_store):
    from graph.explorer.app import create_app
    c = create_app(hostile_store, in_process=True).test_client()
    ix = Index(X.index_path(hostile_store))
    f = ix.one("SELECT slug, doc FROM file WHERE path LIKE '%hostile.txt'")
    d = ix.docs_by_id([f["doc"]])[f["doc"]]
    for url in (f"/nguon/{f['slug']}", f"/van-ban/{d['slug']}", "/tim?q=tuyen+truyen",
                f"/tim?q=%3Cscript%3Ealert(1)%3C/script%3E"):
        html = c.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "onmouseover=alert" not in html.replace("&lt;b onmouseover=alert", ""), url
    assert "&lt;script&gt;alert" in c.get(f"/nguon/{f['slug']}").get_data(as_text=True)


# ------------------------------------------------------------------ static site

def test_site_pages_link_to_files_that_exist(store, tmp_path, ix):
    from graph.explorer.site import write_site
    rep = write_site(store, tmp_path / "site", at=AT)
    root = tmp_path / "site"
    assert (root / "index.html").exists() and rep["pages"] > 100
    assert (root / "static" / "vis-network.min.js").exists()
    d20 = slug_of(ix, "20-NQ/TW")
    for p in ("tim.html", f"van-ban/{d20}.html", f"trien-khai/{d20}.html",
              f"csv/nhiem-vu-trien-khai-{d20}.csv"):
        assert (root / p).exists(), p
    broken = []
    for page in root.rglob("*.html"):
        _, links = seen(page.read_text(encoding="utf-8"))
        for link in links:
            if link.startswith("data:"):
                continue
            target = link.split("#")[0].split("?")[0]
            if target and not (page.parent / target).resolve().exists():
                broken.append((page.name, link))
            assert not link.startswith(("http:", "https:", "//")), link
    assert broken == []
    js = (root / "static" / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(re.search(r"window\.PG_INDEX=(.*);\n", js).group(1))
    assert len(entries) == sum(ix.counts().values())
    top = next(e for e in entries if e["l"] == "20-NQ/TW")
    assert set(top["K"]) & set(terms.query_keys("nghi quyet 20"))


# ------------------------------------------------------------------ evidence and commands

def test_locate_all_gives_what_the_plain_rule_gives(G):
    from graph.explorer.source import locate_all, locate_plain, read_text
    by_file: dict[str, list] = {}
    for _, _, d in G.edges(data=True):
        if d.get("source"):
            by_file.setdefault(d["source"], []).append((d.get("evidence"), d.get("offset")))
    n = 0
    for path, items in by_file.items():
        text = read_text(str(ROOT / path) if not Path(path).is_absolute() else path)
        assert text
        assert locate_all(text, items) == [locate_plain(text, *it) for it in items]
        n += len(items)
    assert n > 300


def test_commands_registered():
    import argparse
    from graph.cli import explore as cli
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--store", "x.sqlite", "--port", "9000"])
    assert args.port == 9000 and args.func is cli.run_serve
    args = parser.parse_args(["site", "--store", "x.sqlite", "-o", "out/site"])
    assert args.out == "out/site" and args.func is cli.run_site


def test_site_command_writes_the_folder(store, tmp_path, capsys):
    import argparse
    from graph.cli import explore as cli
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["site", "--store", str(store), "-o", str(tmp_path / "o")])
    assert args.func(args) == 0
    assert "index.html" in capsys.readouterr().out
    missing = parser.parse_args(["site", "--store", str(tmp_path / "none.sqlite"), "-o", "x"])
    assert missing.func(missing) == 2
    missing = parser.parse_args(["serve", "--store", str(tmp_path / "none.sqlite")])
    assert missing.func(missing) == 2
    assert "no such store" in capsys.readouterr().err


# ------------------------------------------------------------------ what check finds

def _record(path, symbol, date, issuer, juris, refs=()):
    from graph.models import Header, Record
    return (path, None, 0, Record(source=path, document=Header(
        symbol=symbol, date=date, issuer=issuer, jurisdiction=juris,
        title=f"Kế hoạch {symbol}"), references=list(refs)).to_dict(), None)


def test_problems_of_check_are_shown_where_they_belong(tmp_path):
    from graph.explorer.app import create_app
    from graph.link import build_from_records
    from graph.models import Reference
    ref = lambda sym, date, rel, ev: Reference(symbol=sym, date=date, relation=rel,  # noqa: E731
                                               evidence=ev, offset=3)
    s = tmp_path / "p.sqlite"
    build_from_records([
        _record("a.txt", "127-KH/TU", "2018-04-05", "Tỉnh ủy Quảng Ngãi", "Quảng Ngãi"),
        _record("b.txt", "127-KH/TU", "2018-03-01", "Tỉnh ủy Thái Bình", "Thái Bình"),
        _record("c.txt", "5/QĐ-TTg", "2019-01-02", "Thủ tướng Chính phủ", None, [
            ref("127-KH/TU", None, "cites", "theo Kế hoạch số 127-KH/TU"),
            ref("31/2013/NĐ-CP", "2013-04-09", "cites", "Nghị định 31/2013/NĐ-CP ngày 09/4/2013")]),
        _record("e.txt", "6/QĐ-TTg", "2019-02-02", "Thủ tướng Chính phủ", None, [
            ref("31/2013/NĐ-CP", "2013-04-10", "cites", "Nghị định 31/2013/NĐ-CP ngày 10/4/2013"),
            ref("9/QĐ-TTg", "2019-05-05", "implements", "Thực hiện Quyết định 9/QĐ-TTg")]),
    ], s)
    want = Q.check(load_graph(s))
    c = create_app(s, in_process=True).test_client()
    ix = Index(X.index_path(s))
    kinds = {r[0]: r[1] for r in ix.all("SELECT kind, COUNT(*) FROM problem GROUP BY kind")}
    assert kinds == {"ambiguous": len(want["ambiguous"]), "conflict": len(want["conflicts"]),
                     "dated_after": len(want["dated_after"]),
                     "dated_before": len(want["dated_after"])} == {
        "ambiguous": 1, "conflict": 1, "dated_after": 1, "dated_before": 1}
    src = {Path(r["path"]).name: f"/nguon/{r['slug']}" for r in ix.all("SELECT * FROM file")}
    amb = ix.one("SELECT slug FROM doc WHERE ambiguous = 1")["slug"]
    text, links = seen(c.get(f"/van-ban/{amb}").get_data(as_text=True))
    assert "Chưa xác định được đây là văn bản nào" in text
    assert "Quảng Ngãi" in text and "Thái Bình" in text  # its two candidates
    assert "Được nhắc đến trong: tệp 1" in text and src["c.txt"] in links  # where it is named
    text, links = seen(c.get(f"/van-ban/{slug_of(ix, '31/2013/NĐ-CP')}").get_data(as_text=True))
    assert "ghi khác nhau về ngày ban hành" in text
    assert "09/04/2013" in text and "10/04/2013" in text
    assert src["c.txt"] in links and src["e.txt"] in links  # the file saying each date
    for sym in ("6/QĐ-TTg", "9/QĐ-TTg"):  # on both documents, with the sentence read
        text, links = seen(c.get(f"/van-ban/{slug_of(ix, sym)}").get_data(as_text=True))
        assert "Thực hiện Quyết định 9/QĐ-TTg" in text and src["e.txt"] in links
    text, _ = seen(c.get(f"/van-ban/{slug_of(ix, '6/QĐ-TTg')}").get_data(as_text=True))
    assert "ban hành sau nó" in text and "9/QĐ-TTg" in text


def test_a_refused_merge_is_shown_on_both_documents(tmp_path):
    """A mention whose printed province contradicts the only document of its symbol is kept
    apart (graph.link.identity); both pages say so, with the sentence and its file."""
    from graph.explorer.app import create_app
    from graph.link import build_from_records
    from graph.models import Reference
    sentence = "Chủ tịch UBND tỉnh Đồng Nai đã ban hành Quyết định 2890/QĐ-UBND về thủ tục"
    s = tmp_path / "r.sqlite"
    build_from_records([
        _record("a.txt", "2890/QĐ-UBND", "2024-10-01", "Ủy ban nhân dân tỉnh Hà Tĩnh", "Hà Tĩnh"),
        _record("b.txt", "5/BC-BNV", "2025-12-01", "Bộ Nội vụ", None, [
            Reference(symbol="2890/QĐ-UBND", jurisdiction="Đồng Nai", evidence=sentence,
                      offset=3)]),
    ], s)
    want = Q.check(load_graph(s))["contradictions"]
    assert len(want) == 1 and want[0]["fact"] == "province"
    c = create_app(s, in_process=True).test_client()
    ix = Index(X.index_path(s))
    kinds = {r[0]: r[1] for r in ix.all("SELECT kind, COUNT(*) FROM problem GROUP BY kind")}
    assert kinds.get("refused") == 1 and kinds.get("refused_other") == 1
    src = {Path(r["path"]).name: f"/nguon/{r['slug']}" for r in ix.all("SELECT * FROM file")}
    pages = [seen(c.get(f"/van-ban/{r['slug']}").get_data(as_text=True))
             for r in ix.all("SELECT slug FROM doc WHERE symbol = '2890/QĐ-UBND'")]
    assert len(pages) == 2
    for text, links in pages:
        assert "tỉnh/thành" in text and "Đồng Nai" in text and "không gộp" in text
        assert sentence in text and src["b.txt"] in links


@pytest.mark.parametrize("q", ["nghi quyet 20", "tai nạn lao động", "Sở", "phối hợp", "kế hoạch"])
@pytest.mark.parametrize("filters", [{}, {"kind": "task"}, {"unit": "Quảng Ngãi"},
                                     {"year": "2018", "level": "provincial"},
                                     {"unit": "Không có"}])
def test_facet_arrays_count_what_sql_counts(ix, q, filters):
    from graph.explorer import facets
    from graph.explorer import search as S
    docs = S._key_docs(ix, q)
    keys = [r[0] for r in ix.all("SELECT id FROM item WHERE kind = 'document' AND ref IN "
                                 "(SELECT value FROM json_each(?))", (json.dumps(docs),))]
    ids = S.hit_ids(ix, keys, S._match(q))
    assert len(ids) and list(ids) == sorted(set(ids))
    fast = ix.facets.counts(ids, filters)
    assert fast == facets.counts_plain(ix.conn, [int(i) for i in ids], filters)
    assert fast[0] == search(ix, q, filters, at=AT)["total"]


def test_timeline_marks_years_or_months():
    import datetime as dt
    from graph.explorer.pages import timeline_ticks
    d = dt.date
    assert [lab for _, lab in timeline_ticks(d(2017, 10, 25), d(2018, 5, 10))] == [
        "11/2017", "12/2017", "01/2018", "02/2018", "03/2018", "04/2018", "05/2018"]
    assert [lab for _, lab in timeline_ticks(d(2017, 10, 25), d(2019, 2, 1))] == [
        "01/2018", "04/2018", "07/2018", "10/2018", "01/2019"]
    assert timeline_ticks(d(2016, 3, 1), d(2021, 1, 5)) == [
        (f"{y}-01-01", str(y)) for y in range(2017, 2022)]


def test_lag_words():
    from graph.explorer.render import lag
    assert (lag(0), lag(162), lag(-3), lag(None)) == ("0 ngày sau", "162 ngày sau",
                                                      "3 ngày trước", "")
