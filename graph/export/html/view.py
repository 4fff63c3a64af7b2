"""`build_view`: the nodes, edges and vis-network options of a page as plain data, in named
steps: select the nodes, fold tasks into groups, merge edges, rank rows, choose the layout,
style nodes and edges, set the options."""
from __future__ import annotations

import json
from typing import Any, Optional

from graph.export.html.layout import TASK_KINDS, fixed_layout, ranks
from graph.export.html.lineage import parents, relation
from graph.export.html.select import select_nodes, year_of
from graph.export.html.style import (EDGE_STYLES, HIGHLIGHT, NODE_STYLES, fmt, fold_value,
                                     node_info, node_label, search_key, style_key)
from graph.models import ASSIGNS

#: Tasks in a view above this number are grouped, one node "N nhiệm vụ" per plan.
TASK_GROUP_THRESHOLD = 1500
#: Views with more task nodes than this (or more than LARGE_VIEW nodes) get `fixed_layout`.
FIXED_LAYOUT_TASKS = 30
#: Above this many edges arrowheads are drawn only when zoomed in.
ARROWS_MAX_EDGES = 2000
#: Above this many nodes the page uses straight edges and simpler layout passes.
LARGE_VIEW = 1000

ROLE_NAMES = {"lead": "chủ trì", "partner": "phối hợp"}
EDGE_INFO = (("evidence", "Căn cứ"), ("source", "Nguồn"), ("origin", "Vị trí"))


def display_nodes(G, nodes: set, group_tasks: bool) -> tuple[dict, dict]:
    """({display id: {_kind, _node | _plan, _tasks, _jur}}, {graph node: display id}): every
    selected node, or with group_tasks the tasks folded into one node per plan."""
    display: dict[str, dict] = {}
    alias: dict[Any, str] = {}
    for n in sorted(nodes, key=str):  # one order for one selection, in any process
        a = G.nodes[n]
        if group_tasks and a.get("kind") == "task":
            plans = [p for p in parents(G, n) if p in nodes]
            plan = plans[0] if plans else (a.get("plan") if a.get("plan") in nodes else None)
            gid = f"tasks::{plan}"
            alias[n] = gid
            g = display.setdefault(gid, {"_kind": "task_group", "_plan": plan, "_tasks": [],
                                         "_jur": a.get("jurisdiction")})
            g["_tasks"].append(n)
            continue
        alias[n] = str(n)
        display[str(n)] = {"_kind": a.get("kind") or "document", "_node": n}
    return display, alias


def merge_edges(G, nodes: set, alias: dict) -> dict[tuple, dict]:
    """{(source, target, relation): {rel, count, data}} between display nodes: the edges of a
    group merged, with the data of the first one."""
    edges: dict[tuple, dict] = {}
    for u, v, k, d in G.edges(sorted(nodes, key=str), keys=True, data=True):
        if v not in nodes:
            continue
        rel = relation(k, d)
        src, dst = alias[u], alias[v]
        if src == dst:
            continue
        e = edges.setdefault((src, dst, rel), {"rel": rel, "count": 0, "data": d})
        e["count"] += 1
    return edges


def choose_layout(display: dict, layout: str) -> str:
    """"fixed" or "hierarchical"; "auto" is fixed above LARGE_VIEW nodes or
    FIXED_LAYOUT_TASKS task nodes (vis puts every task on one row: unreadable beyond a few
    dozen)."""
    if layout == "auto":
        n_task_nodes = sum(1 for d in display.values() if d["_kind"] in TASK_KINDS)
        layout = ("fixed" if len(display) > LARGE_VIEW or n_task_nodes > FIXED_LAYOUT_TASKS
                  else "hierarchical")
    if layout not in ("fixed", "hierarchical"):
        raise ValueError(f"unknown layout {layout!r}")
    return layout


def _group_look(G, d: dict) -> tuple:
    """(style, info, label, search, names, extra, size) of a group of tasks."""
    plan = d["_plan"]
    pa = G.nodes[plan] if plan is not None else {}
    count = len(d["_tasks"])
    info = [["Nhóm", f"{count} nhiệm vụ"],
            ["Kế hoạch", fmt(pa.get("symbol") or pa.get("label") or plan) or "(không rõ)"]]
    label = f"{count} nhiệm vụ"
    search = fold_value(f"{label} {pa.get('symbol') or ''} {pa.get('label') or ''}")
    years = sorted({y for y in (year_of(G.nodes[t]) for t in d["_tasks"]) if y})
    extra = {"type": "task", "province": fmt(d["_jur"]) or "",
             "year": years[0] if years else None, "count": count}
    return (NODE_STYLES["task_group"], info, label, search, [fold_value(label)], extra,
            12 + min(30, count ** 0.5))


def _node_look(G, d: dict) -> tuple:
    """(style, info, label, search, names, extra, size) of one graph node."""
    n, kind = d["_node"], d["_kind"]
    a = G.nodes[n]
    label = node_label(n, a, kind)
    names = sorted({fold_value(x) for x in (a.get("symbol"), label, a.get("label"),
                                             a.get("name"), *(a.get("aliases") or [])) if x})
    ntype = ("doc:" + (a.get("type_code") or a.get("doc_type") or "?")
             if kind == "document" else kind)
    extra = {"type": ntype, "province": fmt(a.get("jurisdiction")) or "", "year": year_of(a)}
    if kind == "document" and a.get("stub"):
        extra["stub"] = True
    return (NODE_STYLES[style_key(a)], node_info(a, kind), label, search_key(n, a), names,
            extra, 8 if kind == "task" else 16)


def node_options(G, d: dict, level: int, position: Optional[tuple]) -> tuple[str, dict]:
    """(label, vis options) of a display node: shape, colours, row, tooltip rows, search
    key, names, filter fields, x / y when laid out here; a stub drawn white and dashed."""
    kind = d["_kind"]
    style, info, label, search, names, extra, size = (
        _group_look(G, d) if kind == "task_group" else _node_look(G, d))
    _, shape, bg, border = style
    opts: dict[str, Any] = dict(
        shape=shape, level=level, size=size,
        color={"background": bg, "border": border, "highlight": dict(HIGHLIGHT)},
        info=info, search=search, names=names, kind=kind, **extra)
    if position is not None:
        opts["x"], opts["y"] = (round(c, 1) for c in position)
    if kind == "document" and extra.get("stub"):
        opts["shapeProperties"] = {"borderDashes": [4, 3]}
        opts["color"] = {"background": "#ffffff", "border": border, "highlight": dict(HIGHLIGHT)}
    if shape in ("box", "ellipse"):
        opts["font"] = {"color": "#ffffff" if not extra.get("stub") else "#222222"}
    return label, opts


def edge_options(edges: dict[tuple, dict]) -> list[dict]:
    """vis options of each merged edge (built with pyvis' Edge): colour, width, dashes by
    relation (a partner's assignment dashed), tooltip rows with role, count and evidence."""
    from pyvis.edge import Edge
    out = []
    for i, ((src, dst, rel), e) in enumerate(edges.items()):
        lbl, colour, width, dashes = EDGE_STYLES.get(rel, (rel, "#95a5a6", 1.0, False))
        d = e["data"]
        role = d.get("role")
        if rel == ASSIGNS and role == "partner":
            dashes = [2, 3]
        info = [["Quan hệ", lbl]]
        if role:
            info.append(["Vai trò", ROLE_NAMES.get(role, str(role))])
        if e["count"] > 1:
            info.append(["Số quan hệ gộp", str(e["count"])])
        for key, name in EDGE_INFO:
            if fmt(d.get(key)):
                info.append([name, fmt(d.get(key))])
        out.append(Edge(src, dst, False, id=f"e{i}", relation=rel, info=info,
                        color={"color": colour, "highlight": "#d4ac0d"},
                        width=width, dashes=dashes).options)
    return out


def vis_options(n_display: int, n_edges: int, layout: str) -> dict:
    """The vis-network options: layout, no physics, hover, arrows (a global option, so the
    page can drop them when zoomed far out), edge curves; simpler above LARGE_VIEW nodes."""
    large = n_display > LARGE_VIEW
    if layout == "fixed":
        layout_opts: dict[str, Any] = {"hierarchical": {"enabled": False},
                                       "improvedLayout": False}
    else:
        layout_opts = {"hierarchical": {
            "enabled": True, "direction": "UD", "sortMethod": "directed",
            "shakeTowards": "roots", "levelSeparation": 170,
            "nodeSpacing": 60 if large else 140, "treeSpacing": 80 if large else 160,
            "blockShifting": not large, "edgeMinimization": not large,
            "parentCentralization": not large}}
    return {
        "layout": layout_opts,
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "multiselect": False},
        "edges": {"arrows": {"to": {"enabled": n_edges <= ARROWS_MAX_EDGES,
                                    "scaleFactor": 0.5}},
                  "smooth": False if large else {"type": "cubicBezier",
                                                 "forceDirection": "vertical",
                                                 "roundness": 0.4}},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1.5},
    }


def build_view(G, focus: Optional[str] = None, depth: int = 2, province: Optional[str] = None,
               since: Optional[int] = None, group_tasks: Optional[bool] = None,
               task_group_threshold: int = TASK_GROUP_THRESHOLD, layout: str = "auto") -> dict:
    """Nodes, edges and options of the page as plain data (built through pyvis).

    layout: "hierarchical" (vis-network lays the rows out in the page), "fixed" (positions
    computed here, see `fixed_layout`) or "auto" (fixed above LARGE_VIEW nodes).
    """
    from pyvis.network import Network

    nodes = select_nodes(G, focus=focus, depth=depth, province=province, since=since)
    if group_tasks is None:
        group_tasks = sum(1 for n in nodes if G.nodes[n].get("kind") == "task") > task_group_threshold
    display, alias = display_nodes(G, nodes, group_tasks)
    edges = merge_edges(G, nodes, alias)
    rows = ranks(G, nodes, display)
    layout = choose_layout(display, layout)
    for d in display.values():
        if "_node" in d:
            d["_label"] = node_label(d["_node"], G.nodes[d["_node"]], d["_kind"])
    positions = fixed_layout(display, rows, edges) if layout == "fixed" else {}

    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    for nid, d in display.items():
        label, opts = node_options(G, d, rows.get(nid, 0), positions.get(nid))
        net.add_node(nid, label=label, **opts)
    net.edges = edge_options(edges)  # set directly: add_edge is O(n) a call
    net.set_options(json.dumps(vis_options(len(display), len(net.edges), layout)))
    vis_nodes, vis_edges, _, _, _, options_json = net.get_network_data()
    return {
        "nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options_json),
        "meta": {"total_nodes": G.number_of_nodes(), "view_nodes": len(nodes),
                 "display_nodes": len(vis_nodes), "grouped_tasks": bool(group_tasks),
                 "arrows_max_edges": ARROWS_MAX_EDGES, "layout": layout,
                 "focus": focus, "depth": depth, "province": province, "since": since},
    }
