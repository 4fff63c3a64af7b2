"""The HTML view in headless Chromium (Debian package) with every network request blocked."""
from __future__ import annotations

import pytest

from browser_util import ARTIFACTS, browser, open_page, skip_reason, wait_ready
from graph.export.html import write_html
from html_graph import (AGENCY, DEPT, OTHER, OTHER_TASK, PROV, RES, TASK, XSS_TITLE,
                             many_tasks_graph, policy_graph)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def opened(chromium, G, path, **kw):
    out = write_html(G, path, **kw)
    page, log = open_page(chromium, out)
    wait_ready(page)
    return page, log


def assert_clean(log):
    assert log.console_errors == []
    assert log.page_errors == []
    assert log.failed == []
    assert log.blocked == []  # the page asked for nothing but itself
    assert log.dialogs == []


def node_xy(page, node_id):
    """Page coordinates of a node's centre."""
    return page.evaluate("""(id) => {
        const p = pgNetwork.getPositions([id])[id];
        const d = pgNetwork.canvasToDOM(p);
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y];
    }""", node_id)


def test_offline_render_counts_and_screenshot(chromium, tmp_path):
    G = policy_graph()
    page, log = opened(chromium, G, tmp_path / "view.html")
    assert page.evaluate("pgNodes.length") == G.number_of_nodes()
    assert page.evaluate("pgNetwork.body.nodeIndices.length") == G.number_of_nodes()
    assert page.evaluate("pgEdges.length") == G.number_of_edges()
    # Drawn: the canvas is not blank.
    assert page.evaluate("""() => {
        const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
        return ink; }""") > 1000
    # Layers: the resolution is drawn above the provincial plan, above the task.
    ys = page.evaluate("(ids) => ids.map(i => pgNetwork.getPositions([i])[i].y)",
                       [RES, PROV, DEPT, TASK, AGENCY])
    assert ys == sorted(ys) and len(set(ys)) == 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html_view.png"))
    assert_clean(log)
    page.context.close()


def test_search_finds_by_symbol_alias_and_words(chromium, tmp_path):
    page, log = opened(chromium, policy_graph(), tmp_path / "view.html")
    box = page.locator("#search")
    box.fill("Nghị quyết 20")
    assert page.evaluate("pgState.searchResults")[0] == RES
    box.fill("50/KH-UBND")  # the plan first, then its task (whose id names the plan)
    assert page.evaluate("pgState.searchResults") == [OTHER, OTHER_TASK]
    box.fill("y te co so")  # words, without diacritics
    assert page.evaluate("pgState.searchResults") == [OTHER_TASK]
    box.fill("127-KH/TU")
    box.press("Enter")
    assert page.evaluate("pgState.selected") == PROV
    assert page.locator("#results li").first.text_content() == "127-KH/TU"
    box.fill("71/KH\u2013SLĐTBXH")  # typed with an en dash: the page folds dashes as the keys
    assert page.evaluate("pgState.searchResults")[0] == DEPT
    box.fill("không có văn bản này")
    assert page.evaluate("pgState.searchResults") == []
    assert_clean(log)
    page.context.close()


def test_the_page_folds_queries_as_python_folds_search_keys(chromium, tmp_path):
    from graph.export.html.style import fold_value
    page, log = opened(chromium, policy_graph(), tmp_path / "view.html")
    samples = ["Sở Lao động \u2013 Thương binh và Xã hội", "NGHỊ QUYẾT 20\u2014NQ/TW",
               "\u00d0ảng ủy\u00a0tỉnh", "Ủy ban | UBND *tỉnh*", "Đắk Lắk – Thừa Thiên Huế",
               "QUỐC HỘI\u2212KHÓA XV"]
    assert page.evaluate("(xs) => xs.map(pgFold)", samples) == [fold_value(x) for x in samples]
    assert_clean(log)
    page.context.close()


def test_clicking_a_task_highlights_the_path_to_its_root(chromium, tmp_path):
    page, log = opened(chromium, policy_graph(), tmp_path / "view.html")
    x, y = node_xy(page, TASK)
    page.mouse.click(x, y)
    page.wait_for_function("() => pgState.selected !== null")
    assert page.evaluate("pgState.selected") == TASK
    assert page.evaluate("pgState.ancestors") == [DEPT, PROV, RES]
    lit = set(page.evaluate("pgState.highlighted"))
    assert lit == {TASK, DEPT, PROV, RES, AGENCY}
    # Nodes outside the lineage are greyed out in the DataSet, the lineage keeps its colour.
    assert page.evaluate("(id) => pgNodes.get(id).color.background", OTHER) == "#eeeeee"
    assert page.evaluate("(id) => pgNodes.get(id).color.background", RES) != "#eeeeee"
    assert "127-KH/TU" in page.locator("#info").text_content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html_view_lineage.png"))
    # Clicking the resolution lights everything that implements it, down to agencies.
    x, y = node_xy(page, RES)
    page.mouse.click(x, y)
    page.wait_for_function("(id) => pgState.selected === id", arg=RES)
    assert set(page.evaluate("pgState.descendants")) == {PROV, DEPT, TASK, AGENCY, OTHER,
                                                         OTHER_TASK}
    assert_clean(log)
    page.context.close()


def test_filters_hide_nodes(chromium, tmp_path):
    page, log = opened(chromium, policy_graph(), tmp_path / "view.html")
    page.select_option("#f-type", "task")
    assert page.evaluate("pgState.visibleCount") == 2
    assert page.evaluate("(id) => pgNodes.get(id).hidden", RES) is True
    assert page.evaluate("(id) => pgNodes.get(id).hidden", TASK) is False
    page.select_option("#f-type", "")
    page.select_option("#f-province", "Hà Nội")
    assert page.evaluate("pgState.visibleCount") == 2
    page.select_option("#f-province", "")
    page.fill("#f-year", "2019")
    page.dispatch_event("#f-year", "change")
    hidden = page.evaluate("pgNodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert RES in hidden and PROV in hidden and OTHER not in hidden
    page.click("#reset")
    assert page.evaluate("pgState.visibleCount") == page.evaluate("pgNodes.length")
    assert_clean(log)
    page.context.close()


def test_script_in_a_title_renders_as_text(chromium, tmp_path):
    page, log = opened(chromium, policy_graph(xss=True), tmp_path / "xss.html")
    x, y = node_xy(page, RES)
    page.mouse.move(x, y)  # tooltip
    page.wait_for_selector("#tip", state="visible", timeout=5000)
    tip = page.locator("#tip")
    assert XSS_TITLE in tip.text_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tip.inner_html()
    page.mouse.click(x, y)  # info panel
    page.wait_for_function("(id) => pgState.selected === id", arg=RES)
    assert XSS_TITLE in page.locator("#info").text_content()
    assert page.evaluate("document.querySelectorAll('#info script, #tip script')"
                         ".length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html_view_xss.png"))
    assert log.dialogs == []  # alert(1) never ran
    assert_clean(log)
    page.context.close()


def test_grouped_view_renders_one_node_per_plan(chromium, tmp_path):
    G = many_tasks_graph(40)
    page, log = opened(chromium, G, tmp_path / "grouped.html", task_group_threshold=20)
    assert page.evaluate("pgNodes.length") == G.number_of_nodes() - 42 + 2
    assert page.evaluate("(id) => pgNodes.get(id).label", f"tasks::{DEPT}") == "41 nhiệm vụ"
    assert_clean(log)
    page.context.close()


def test_focus_view(chromium, tmp_path):
    G = policy_graph()
    page, log = opened(chromium, G, tmp_path / "focus.html", focus="71/KH-SLĐTBXH", depth=1)
    ids = set(page.evaluate("pgNodes.getIds()"))
    assert ids == {DEPT, TASK, PROV, RES}
    assert_clean(log)
    page.context.close()


def test_fixed_layout_page(chromium, tmp_path):
    G = many_tasks_graph(25)
    page, log = opened(chromium, G, tmp_path / "fixed.html", layout="fixed")
    assert page.evaluate("pgNodes.length") == G.number_of_nodes()
    ys = page.evaluate("(ids) => ids.map(i => pgNetwork.getPositions([i])[i].y)",
                       [RES, PROV, DEPT, TASK, AGENCY])
    assert ys == sorted(ys) and len(set(ys)) == 5
    page.evaluate("(id) => pgNetwork.focus(id, {scale: 1, animation: false})", TASK)
    x, y = node_xy(page, TASK)
    page.mouse.click(x, y)
    page.wait_for_function("(id) => pgState.selected === id", arg=TASK)
    assert set(page.evaluate("pgState.ancestors")) == {DEPT, PROV, RES}
    assert_clean(log)
    page.context.close()


def test_samples_built_and_rendered(chromium, tmp_path):
    """The real pipeline: build data/samples into a store, load it, render it offline."""
    from pathlib import Path

    build_mod = pytest.importorskip("graph.link")
    if not hasattr(build_mod, "build") or not hasattr(build_mod, "load_graph"):
        pytest.skip("graph.link.build / load_graph not available")
    samples = Path(__file__).resolve().parents[2] / "data" / "samples"
    store = tmp_path / "samples.sqlite"
    build_mod.build([samples], store, jobs=1, progress=False)
    G = build_mod.load_graph(store)
    docs = [n for n, a in G.nodes(data=True) if a.get("kind") == "document"]
    assert docs, "building data/samples gave no document"
    page, log = opened(chromium, G, tmp_path / "samples.html")
    assert page.evaluate("pgState.meta.grouped_tasks") is False
    assert page.evaluate("pgNodes.length") == G.number_of_nodes()
    assert page.evaluate("pgEdges.length") == len({(u, v, k) for u, v, k in G.edges(keys=True)})
    page.locator("#search").fill("20-NQ/TW")
    hits = page.evaluate("pgState.searchResults")
    assert hits and G.nodes[hits[0]].get("symbol") == "20-NQ/TW"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html_view_samples.png"))
    assert_clean(log)
    page.context.close()
