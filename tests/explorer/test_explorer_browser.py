"""The explorer in headless Chromium (Debian package): the app served on 127.0.0.1 and the
static site opened from file://, every other request blocked. Screenshots of the main pages
go to test-artifacts/explorer_*.png."""
from __future__ import annotations

import csv
import io
import shutil
import threading
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from browser_util import ARTIFACTS, browser, open_page, skip_reason
from graph.explorer import index as X
from graph.explorer import pages, terms
from graph.explorer.queries import Index
from graph.explorer.search import search
from graph.link import build
from explorer_util import HOSTILE, SAMPLES, TASK

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")]

AT = "2020-01-01"


def serve(store: Path):
    from werkzeug.serving import make_server
    from graph.explorer.app import create_app
    srv = make_server("127.0.0.1", 0, create_app(store, in_process=True), threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_port}"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    d = tmp_path_factory.mktemp("explorer_browser")
    (d / "docs").mkdir()
    for f in SAMPLES.glob("*.txt"):
        shutil.copy(f, d / "docs" / f.name)
    (d / "docs" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    store = d / "s.sqlite"
    build([str(d / "docs")], store, jobs=1, progress=False)
    from graph.explorer.site import write_site
    write_site(store, d / "site", at=AT)
    srv, base = serve(store)
    with browser() as b:
        yield {"b": b, "base": base, "site": d / "site", "ix": Index(X.index_path(store))}
    srv.shutdown()


READY = "window.pgExplorer && window.pgExplorer.ready"
VIEW = (1366, 768)


def app(world, path: str):
    return open_page(world["b"], world["base"] + path, VIEW, (world["base"] + "/",), READY,
                     downloads=True)


def site(world, rel: str):
    root = world["site"].resolve().as_uri()
    return open_page(world["b"], f"{root}/{rel}", VIEW, (root + "/",), READY, downloads=True)


def shot(page, name: str, full: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"explorer_{name}.png"), full_page=full)


def ink(page, selector: str) -> int:
    return page.evaluate("""(sel) => {
        const c = document.querySelector(sel);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n; }""", selector)


def test_search_then_the_resolution_shows_its_provinces(world):
    page, log = app(world, "/")
    shot(page, "home")
    page.fill("#q", "nghi quyet 20")
    with page.expect_navigation():
        page.press("#q", "Enter")
    first = page.locator("ol.hits li.hit a.doc").first
    assert first.inner_text() == "20-NQ/TW"
    assert "kết quả" in page.locator("#total").inner_text()
    assert page.locator("#facets section").count() >= 3
    shot(page, "search")
    page.set_viewport_size({"width": 1366, "height": 300})  # the diagram below the fold
    with page.expect_navigation():
        first.click()
    page.wait_for_function("() => window.pgExplorer.ready")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.vis") == "undefined"  # not loaded before it is seen
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator("#diagram").scroll_into_view_if_needed()
    page.wait_for_function("() => window.pgExplorer.diagram && window.pgExplorer.diagram.nodes > 1")
    text = page.locator("main").inner_text()
    for want in ("127-KH/TU", "60-KH/TU", "Quảng Ngãi", "Hưng Yên", "Thái Bình", "Cấp Đảng"):
        assert want in text
    page.wait_for_timeout(300)
    assert ink(page, "#diagram canvas") > 1000
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "document", full=True)
    log.assert_clean()
    page.context.close()


def test_task_page_breadcrumb_up_to_the_resolution(world):
    page, log = app(world, "/tim?q=" + quote_plus(TASK))
    link = page.locator("ol.hits li.hit.task a", has_text=TASK).first
    with page.expect_navigation():
        link.click()
    assert TASK in page.locator("h1").inner_text()
    crumbs = page.locator("ol.crumbs", has_text="20-NQ/TW")
    assert crumbs.count() >= 1
    for i in range(crumbs.count()):
        c = crumbs.nth(i)
        hops = c.locator("li.hop:not(.start)")
        assert hops.count() >= 2
        for j in range(hops.count()):
            assert hops.nth(j).locator("blockquote.evidence").inner_text().strip()
            assert hops.nth(j).locator(".rel").inner_text().strip()
        assert c.locator("li.hop").last.locator("a.doc").inner_text() == "20-NQ/TW"
    shot(page, "task", full=True)
    with page.expect_navigation():  # the evidence in its source text
        page.locator("ol.crumbs a", has_text="xem trong văn bản nguồn").first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#o")
    assert page.locator(f"mark{target}, .anchor{target} + mark").first.inner_text().strip()
    shot(page, "source")
    log.assert_clean()
    page.context.close()


def test_csv_of_a_task_table_downloads(world):
    ix = world["ix"]
    plan = ix.one("SELECT d.slug, d.n_tasks FROM task t JOIN doc d ON d.id = t.doc "
                  "WHERE t.text LIKE ?", (f"%{TASK}%",))
    page, log = app(world, f"/van-ban/{plan['slug']}?ngay={AT}")
    assert page.locator("table.tasks tbody tr").count() == plan["n_tasks"]
    with page.expect_download() as dl:
        page.locator("#nhiem-vu a.csv").click()
    body = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:4] == ["Văn bản", "Tỉnh/thành (hiện nay)", "Số thứ tự", "Nhiệm vụ"]
    assert len(rows) - 1 == plan["n_tasks"]
    assert any(TASK in r[3] for r in rows[1:])
    assert dl.value.suggested_filename.endswith(".csv")
    log.assert_clean()
    page.context.close()


def test_cascade_filtered_by_province_keeps_the_root(world):
    ix = world["ix"]
    d20 = ix.one("SELECT slug FROM doc WHERE symbol = '20-NQ/TW'")["slug"]
    page, log = app(world, f"/trien-khai/{d20}?ngay={AT}")
    assert page.locator("table.matrix tbody tr").count() == 34
    filled = pages.cascade(ix, d20, pages.View(at=AT))["matrix"]["filled"]
    assert page.locator("table.matrix td.empty").count() == 34 * 3 - filled > 0
    shot(page, "cascade", full=True)
    with page.expect_navigation():
        page.select_option("select[name=tinh]", "Quảng Ngãi")
    assert "tinh=" in page.url
    assert "20-NQ/TW" in page.locator("h1").inner_text()
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == 1 and "127-KH/TU" in rows.first.inner_text()
    units = page.eval_on_selector_all("table.tasks tbody tr", "rs => rs.map(r => r.dataset.unit)")
    assert set(units) == {"Quảng Ngãi"}
    assert f"ngay={AT}" in page.url  # the day overdue is counted at is kept
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    assert page.locator("table.matrix").is_visible()
    shot(page, "cascade_print", full=True)
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"
    (ARTIFACTS / "explorer_cascade.pdf").write_bytes(pdf)
    log.assert_clean()
    page.context.close()


def test_agency_page(world):
    slug = world["ix"].one("SELECT slug FROM agency ORDER BY n_lead DESC")["slug"]
    page, log = app(world, f"/co-quan/{slug}?ngay={AT}")
    assert page.locator("table.tasks tbody tr").count() >= 1
    late = page.locator("table.tasks tbody tr[data-overdue='1']").count()
    shot(page, "agency", full=True)
    with page.expect_navigation():
        page.check("input[name=qua-han]")
    assert "qua-han=1" in page.url
    assert page.locator("table.tasks tbody tr").count() == max(late, 1)
    log.assert_clean()
    page.context.close()


def test_site_works_from_disk(world):
    page, log = site(world, "index.html")
    page.fill("#q", "nghi quyet 20")
    with page.expect_navigation():
        page.press("#q", "Enter")
    page.wait_for_function("() => window.pgExplorer.search !== null")
    assert page.locator("ol.hits li a").first.inner_text() == "20-NQ/TW"
    shot(page, "site_search")
    with page.expect_navigation():
        page.locator("ol.hits li a").first.click()
    text = page.locator("main").inner_text()
    assert "127-KH/TU" in text and "60-KH/TU" in text and "Quảng Ngãi" in text
    with page.expect_navigation():
        page.locator("a.button", has_text="Triển khai ở các tỉnh").click()
    page.select_option("select[name=tinh]", "Hưng Yên")
    page.wait_for_function("() => window.pgExplorer.filtered && window.pgExplorer.filtered.unit")
    assert page.locator("table.matrix tbody tr:visible").count() == 1
    assert "60-KH/TU" in page.locator("table.matrix tbody tr:visible").inner_text()
    assert "20-NQ/TW" in page.locator("h1").inner_text()
    shot(page, "site_cascade")
    log.assert_clean()
    page.context.close()


QUERIES = ["57-NQ/TW", "57/NQ-TW", "NQ57", "nghị quyết 57", "nghi quyet 57", "Kế hoạch 127",
           "20-NQ/TW 2017", "QĐ 1983", "02/KH-UBND", "tai nạn lao động", "Sở Y tế", "57 NQ"]


def test_site_search_agrees_with_the_app(world):
    page, log = site(world, "tim.html?q=x")
    for q in QUERIES:  # the page computes the keys of graph.explorer.terms
        assert page.evaluate("(q) => window.pgExplorer.queryKeys(q)", q) == terms.query_keys(q)
    for q in ("nghi quyet 20", "tai nạn lao động", "Kế hoạch 127", "Sở Y tế", "phòng chống"):
        page.goto(world["site"].resolve().as_uri() + "/tim.html?q=" + quote_plus(q))
        page.wait_for_function("() => window.pgExplorer && window.pgExplorer.search")
        got = page.evaluate("window.pgExplorer.search.total")
        assert got == search(world["ix"], q, at=AT)["total"], q
    log.assert_clean()
    page.context.close()


def test_hostile_text_stays_text(world):
    ix = world["ix"]
    f = ix.one("SELECT slug, doc FROM file WHERE path LIKE '%hostile.txt'")
    d = ix.docs_by_id([f["doc"]])[f["doc"]]
    for opener, path in ((app, f"/nguon/{f['slug']}"), (app, f"/van-ban/{d['slug']}"),
                         (site, f"nguon/{f['slug']}.html"), (site, f"van-ban/{d['slug']}.html"),
                         (app, "/tim?q=tuyen+truyen")):
        page, log = opener(world, path)
        page.wait_for_timeout(200)
        assert page.locator("main img").count() == 0
        assert page.locator("main script").count() <= 1  # only the diagram's JSON data
        if "nguon" in path:
            assert '<script>alert("x")</script>' in page.locator("main").inner_text()
        log.assert_clean()
        page.context.close()


def test_site_cascade_counts_follow_the_province(world):
    ix = world["ix"]
    d20 = ix.one("SELECT slug FROM doc WHERE symbol = '20-NQ/TW'")["slug"]
    page, log = site(world, f"trien-khai/{d20}.html")
    assert page.locator("#all-units").is_hidden()
    for unit in ("Hưng Yên", "Quảng Ngãi", "Hà Nội"):
        page.select_option("select[name=tinh]", unit)
        page.wait_for_function("(u) => window.pgExplorer.filtered.unit === u", arg=unit)
        want = pages.cascade(ix, d20, pages.View(unit=unit, at=AT, per_page=10 ** 9))
        count = lambda name: page.locator(f"#summary [data-count={name}]").inner_text()  # noqa: E731
        assert int(count("below")) == want["n_below"]
        assert int(count("filled")) == want["matrix"]["filled"]
        assert int(count("cells")) == want["matrix"]["cells"]
        assert int(count("tasks")) == want["n_tasks"]
        assert count("unit") == f" ở {unit}"
        shown = page.eval_on_selector_all(
            "table.agencies tbody tr:not([hidden])",
            "rs => rs.map(r => [r.dataset.agency, +r.querySelector('[data-count=tasks]').textContent])")
        assert sorted(shown) == sorted([a["slug"], a["tasks"]] for a in want["by_agency"])
        assert page.locator("#all-units").is_visible()
        assert "20-NQ/TW" in page.locator("h1").inner_text()
    with page.expect_navigation():
        page.locator("#all-units a").click()
    page.wait_for_function("() => window.pgExplorer.filtered")
    whole = pages.cascade(ix, d20, pages.View(at=AT))
    assert int(page.locator("#summary [data-count=below]").inner_text()) == whole["n_below"]
    assert page.locator("table.agencies tbody tr:not([hidden])").count() == len(whole["by_agency"])
    log.assert_clean()
    page.context.close()


def test_site_search_results_download_as_csv(world):
    from graph.explorer.tables import TABLES
    for q in ("sở y tế", "nghi quyet 20"):
        page, log = site(world, "tim.html?q=" + quote_plus(q))
        page.wait_for_function("() => window.pgExplorer.search")
        with page.expect_download() as dl:
            page.locator("#search-csv").click()
        assert dl.value.suggested_filename == "ket-qua.csv"
        body = Path(dl.value.path()).read_text(encoding="utf-8-sig")
        got = list(csv.reader(io.StringIO(body)))
        header, rows = TABLES["ket-qua"](world["ix"], "", pages.View(q=q, at=AT))
        want = [["" if v is None else str(v) for v in r] for r in rows]
        assert got[0] == list(header)
        assert sorted(got[1:]) == sorted(want) and len(want) > 0, q
        log.assert_clean()
        page.context.close()


def test_document_prints_as_an_a4_report(world):
    ix = world["ix"]
    d20 = ix.one("SELECT slug FROM doc WHERE symbol = '20-NQ/TW'")["slug"]
    page, log = app(world, f"/van-ban/{d20}?ngay={AT}")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
    pdf = page.pdf(format="A4")  # the print view: every group of the tree opened
    assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") >= 1
    assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
    page.emulate_media(media="print")
    for hidden in ("header.top", "section.neighbourhood", "p.actions", "a.csv"):
        assert page.locator(hidden).first.is_hidden(), hidden
    text = page.locator("main").inner_text()
    assert "127-KH/TU" in text and "Quảng Ngãi" in text
    (ARTIFACTS / "explorer_document.pdf").write_bytes(pdf)
    log.assert_clean()
    page.context.close()


def test_status_filter_in_the_app_and_the_site(world):
    ix = world["ix"]
    d20 = ix.one("SELECT slug FROM doc WHERE symbol = '20-NQ/TW'")["slug"]
    counts = {s["status"]: s["n"] for s in
              pages.cascade(ix, d20, pages.View(at=AT))["statuses"]}
    status = max(("overdue", "open"), key=lambda s: counts[s])
    want = counts[status]
    assert want > 0
    value = pages.status_out(status)
    page, log = app(world, f"/trien-khai/{d20}?ngay={AT}")
    with page.expect_navigation():
        page.select_option("select[name=trang-thai]", value)
    assert f"trang-thai={value}" in page.url
    got = page.eval_on_selector_all("table.tasks tbody tr", "rs => rs.map(r => r.dataset.status)")
    assert got == [status] * want
    log.assert_clean()
    page.context.close()
    page, log = site(world, f"trien-khai/{d20}.html")
    page.select_option("select[name=trang-thai]", value)
    page.wait_for_function("() => window.pgExplorer.filtered && window.pgExplorer.filtered.status")
    shown = page.locator("table.tasks tbody tr:visible")
    assert shown.count() == want
    assert set(page.eval_on_selector_all("table.tasks tbody tr:visible",
                                         "rs => rs.map(r => r.dataset.status)")) == {status}
    log.assert_clean()
    page.context.close()
