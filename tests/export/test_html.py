"""The HTML view without a browser: self-contained page, escaping, layout data, views."""
from __future__ import annotations

import argparse
import html
import json
import re

import pytest

from graph.export import html as H
from graph.export.html import view as V
from graph.export.html.render import json_for_script
from html_graph import (AGENCY, DECISION, DEPT, ISSUER, OTHER, OTHER_TASK, PROV, RES,
                             TASK, XSS_TITLE, many_tasks_graph, policy_graph)


def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', text, re.S)
    assert m, "page has no data block"
    return json.loads(m.group(1))


@pytest.fixture
def page(tmp_path):
    out = H.write_html(policy_graph(xss=True), tmp_path / "view.html", title="Thử <b>nghiệm</b>")
    return out.read_text(encoding="utf-8")


def test_page_is_self_contained(page):
    assert "vis.Network" in page and "DataSet" in page  # vis-network is inlined
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert "<link" not in page.lower()
    assert "@import" not in page and "sourceMappingURL" not in page
    assert "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page.lower()
    # The document is one HTML page with exactly one data block.
    assert page.count('id="pg-data"') == 1


def test_all_document_text_is_escaped(page):
    assert XSS_TITLE not in page
    assert "<b>của</b>" not in page  # evidence sentence
    assert "<title>Thử &lt;b&gt;nghiệm&lt;/b&gt;</title>" in page
    data = page_data(page)
    res = next(n for n in data["nodes"] if n["id"] == RES)
    assert ["Trích yếu", XSS_TITLE] in res["info"]  # kept as text, escaped by the page
    ev = [e for e in data["edges"] if e["from"] == PROV and e["to"] == RES][0]
    assert any("<b>của</b>" in v for _, v in ev["info"])


def test_every_node_and_edge_is_in_the_page(page):
    G = policy_graph()
    data = page_data(page)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(G.nodes)
    assert len(data["edges"]) == G.number_of_edges()
    assert data["meta"]["display_nodes"] == G.number_of_nodes()
    assert data["options"]["layout"]["hierarchical"]["enabled"] is True


def test_layers_follow_the_cascade(page):
    level = {n["id"]: n["level"] for n in page_data(page)["nodes"]}
    assert level[RES] < level[PROV] < level[DEPT] < level[TASK] < level[AGENCY]
    assert level[DECISION] < level[PROV]
    assert level[OTHER_TASK] == level[TASK] and level[ISSUER] == level[AGENCY]


def test_a_plan_implementing_a_plan_of_the_same_level_sits_below_it(tmp_path):
    G = policy_graph()
    G.nodes[DEPT]["level"] = "provincial"
    nodes = {n["id"]: n for n in H.build_view(G)["nodes"]}
    assert nodes[DEPT]["level"] > nodes[PROV]["level"]


def test_styles_differ_per_type_and_relation(page):
    data = page_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    looks = {(nodes[i]["shape"], nodes[i]["color"]["background"])
             for i in (RES, DECISION, PROV, DEPT, TASK, AGENCY)}
    assert len(looks) == 6
    edges = {e["relation"]: e for e in data["edges"]}
    assert edges["implements"]["dashes"] is False
    assert edges["cites"]["dashes"]
    assert edges["assigns"]["width"] < edges["implements"]["width"]
    assert nodes[DECISION]["shapeProperties"]["borderDashes"]  # a stub looks different
    for label, *_ in H.NODE_STYLES.values():  # legend lists every style
        assert html.escape(label) in page


def test_lineage_helpers():
    G = policy_graph()
    assert H.ancestors(G, TASK) == {DEPT, PROV, RES}
    assert H.descendants(G, RES) == {PROV, DEPT, TASK, AGENCY, OTHER, OTHER_TASK}
    assert H.ancestors(G, RES) == set()
    assert DECISION not in H.descendants(G, PROV)  # cites is not lineage


def test_focus_ego_view_keeps_the_lineage():
    G = policy_graph()
    nodes = H.select_nodes(G, focus="71/KH-SLĐTBXH", depth=1)
    assert {DEPT, TASK, PROV, RES} <= nodes
    assert OTHER not in nodes and OTHER_TASK not in nodes and AGENCY not in nodes
    assert AGENCY in H.select_nodes(G, focus="71/KH-SLĐTBXH", depth=2)


def test_focus_by_alias_and_unknown_focus():
    G = policy_graph()
    assert RES in H.find_nodes(G, "nghi quyet 20")
    with pytest.raises(LookupError):
        H.select_nodes(G, focus="999-NQ/TW")


def test_focus_takes_the_best_resolved_nodes(monkeypatch):
    G = policy_graph()
    assert H.find_nodes(G, "20-NQ/TW") == [RES]
    assert H.find_nodes(G, PROV) == [PROV]  # a node id
    monkeypatch.setattr(H.select, "MAX_FOCUS_SEEDS", 1)
    many = H.find_nodes(G, "Kế hoạch")  # words: fuzzy, best first, cut to the seeds kept
    assert len(many) == 1


def test_focus_falls_back_on_names_and_titles(monkeypatch):
    G = policy_graph()
    monkeypatch.setattr(H.select, "resolve", lambda G, q: [])
    assert H.find_nodes(G, "71/kh-sldtbxh") == [DEPT]  # a folded symbol, exactly
    assert RES in H.find_nodes(G, "nghi quyet 20")  # an alias
    assert H.find_nodes(G, "   ") == []


def test_province_view():
    G = policy_graph()
    nodes = H.select_nodes(G, province="Hà Nội")
    assert nodes == {OTHER, OTHER_TASK, RES}
    assert H.select_nodes(G, province="thanh pho ha noi") == nodes
    nodes = H.select_nodes(G, province="Phú Yên")
    assert {PROV, DEPT, TASK, AGENCY, RES} <= nodes and OTHER not in nodes


def test_since_view_keeps_context_above():
    G = policy_graph()
    nodes = H.select_nodes(G, since=2019)
    assert OTHER in nodes and OTHER_TASK in nodes and RES in nodes
    assert PROV not in nodes and TASK not in nodes and DEPT not in nodes


def test_thousands_of_tasks_are_grouped_under_their_plan():
    G = many_tasks_graph(30)
    view = H.build_view(G, task_group_threshold=10)
    nodes = {n["id"]: n for n in view["nodes"]}
    assert view["meta"]["grouped_tasks"] is True
    group = nodes[f"tasks::{DEPT}"]
    assert group["label"] == "31 nhiệm vụ" and group["count"] == 31
    assert TASK not in nodes and OTHER_TASK not in nodes
    assert nodes[f"tasks::{OTHER}"]["label"] == "1 nhiệm vụ"
    rels = {(e["from"], e["to"], e["relation"]) for e in view["edges"]}
    assert (f"tasks::{DEPT}", DEPT, "part_of") in rels
    assert (f"tasks::{DEPT}", AGENCY, "assigns") in rels
    assert len(view["nodes"]) == G.number_of_nodes() - 32 + 2
    ungrouped = H.build_view(G, task_group_threshold=10, group_tasks=False)
    assert len(ungrouped["nodes"]) == G.number_of_nodes()


def test_search_keys_are_folded_like_the_page_folds_queries(page):
    from graph.text import SUBSTITUTIONS
    data = page_data(page)
    dept = next(n for n in data["nodes"] if n["id"] == DEPT)
    assert "so lao dong - thuong binh va xa hoi phu yen" in dept["search"]  # issuer, en dash
    assert "71/kh-sldtbxh" in dept["names"]
    assert f"var SUBST = {json.dumps(SUBSTITUTIONS)};" in page  # the page folds queries alike
    assert "__SUBSTITUTIONS__" not in page


def test_json_block_cannot_close_the_script():
    s = json_for_script({"t": "</script><script>alert(1)</script>&"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s) == {"t": "</script><script>alert(1)</script>&"}


def test_cli_writes_the_page(tmp_path, monkeypatch, capsys):
    import graph.link
    from graph.cli.html import register_html

    seen = {}

    def fake_load_graph(path):
        seen["path"] = str(path)
        return policy_graph()

    monkeypatch.setattr(graph.link, "load_graph", fake_load_graph, raising=False)
    parser = argparse.ArgumentParser()
    register_html(parser.add_subparsers())
    store = tmp_path / "g.sqlite"
    store.write_bytes(b"")
    out = tmp_path / "o" / "view.html"
    args = parser.parse_args(["html", "--store", str(store), "-o", str(out),
                              "--focus", "127-KH/TU", "--depth", "1", "--since", "2010"])
    assert args.func(args) == 0
    assert seen["path"] == str(store)
    data = page_data(out.read_text(encoding="utf-8"))
    ids = {n["id"] for n in data["nodes"]}
    assert PROV in ids and RES in ids and OTHER_TASK not in ids
    assert str(out) in capsys.readouterr().out

    args = parser.parse_args(["html", "--store", str(store), "-o", str(out), "--focus", "zzz"])
    assert args.func(args) == 1
    assert "zzz" in capsys.readouterr().err


def test_cli_missing_store(tmp_path, capsys):
    from graph.cli.html import register_html
    parser = argparse.ArgumentParser()
    register_html(parser.add_subparsers())
    args = parser.parse_args(["html", "--store", str(tmp_path / "none.sqlite"), "-o",
                              str(tmp_path / "x.html")])
    assert args.func(args) == 1
    assert "none.sqlite" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_fixed_layout_keeps_the_cascade_and_separates_nodes():
    G = many_tasks_graph(30)
    view = H.build_view(G, layout="fixed")
    assert view["meta"]["layout"] == "fixed"
    assert view["options"]["layout"]["hierarchical"]["enabled"] is False
    pos = {n["id"]: (n["x"], n["y"]) for n in view["nodes"]}
    assert set(pos) == set(G.nodes)
    assert pos[RES][1] < pos[PROV][1] < pos[DEPT][1] < pos[TASK][1] < pos[AGENCY][1]
    assert len(set(pos.values())) == len(pos)  # no two nodes on the same spot
    # The tasks of the department plan sit in a block under it, the other plan's elsewhere.
    dept_tasks = [pos[t][0] for t in G.predecessors(DEPT) if t.startswith("task:")]
    assert min(dept_tasks) <= pos[DEPT][0] <= max(dept_tasks)
    assert not (min(dept_tasks) <= pos[OTHER_TASK][0] <= max(dept_tasks))


def test_large_views_get_the_fixed_layout(monkeypatch):
    monkeypatch.setattr(V, "LARGE_VIEW", 5)
    assert H.build_view(policy_graph())["meta"]["layout"] == "fixed"
    assert H.build_view(policy_graph(), layout="hierarchical")["meta"]["layout"] == "hierarchical"
    monkeypatch.setattr(V, "LARGE_VIEW", 1000)
    assert H.build_view(many_tasks_graph(40))["meta"]["layout"] == "fixed"  # many tasks
    assert H.build_view(many_tasks_graph(5))["meta"]["layout"] == "hierarchical"
    with pytest.raises(ValueError):
        H.build_view(policy_graph(), layout="spiral")


def test_fixture_follows_graph_schema():
    from graph.models import NODE_KINDS, RELATIONS
    G = many_tasks_graph(3)
    assert all(a["kind"] in NODE_KINDS for _, a in G.nodes(data=True))
    assert all(k == d["relation"] and k in RELATIONS for _, _, k, d in G.edges(keys=True, data=True))
