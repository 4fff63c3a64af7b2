"""The interactive HTML view of the graph: one self-contained file that works offline.

pyvis builds the node / edge data and the vis-network options; the page itself is our own
template, because pyvis pages load vis-network and Bootstrap from CDNs even with
``cdn_resources="in_line"`` (pyvis issues #228, #229). The vis-network standalone build is
vendored in ``graph/export/assets/`` and inlined, so the written file never asks any other
host for anything.

Safety: document text is never put into the page as HTML. Node and edge data travel as JSON
inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the page
builds tooltips and panels with ``textContent``; vis-network draws labels on a canvas.

Layout: a layered (hierarchical) view of the cascade, top to bottom: Party, central,
provincial, department and local documents, then tasks, then agencies. A document that
implements another document on the same level is pushed one row below it.
"""
from __future__ import annotations

import html as _html
import json
import unicodedata
from collections import defaultdict, deque
from pathlib import Path
from typing import Any, Iterable, Optional

from graph.models import ASSIGNS, CITES, IMPLEMENTS, ISSUED_BY, LEVELS, PART_OF

ASSETS = Path(__file__).with_name("assets")
VIS_JS = ASSETS / "vis-network.min.js"

#: Tasks in a view above this number are grouped, one node "N nhiệm vụ" per plan.
TASK_GROUP_THRESHOLD = 1500
#: Views with more task nodes than this (or more than LARGE_VIEW nodes) get `fixed_layout`.
FIXED_LAYOUT_TASKS = 30
#: A --focus query resolving to more nodes than this keeps the best ones.
MAX_FOCUS_SEEDS = 10
#: Above this many edges arrowheads are drawn only when zoomed in.
ARROWS_MAX_EDGES = 2000
#: Above this many nodes the page uses straight edges and simpler layout passes.
LARGE_VIEW = 1000

# Relations that go from child to parent (a plan implements a resolution; a task is part
# of its plan). Lineage follows these upward; `assigns` goes from a task down to an agency.
UPWARD = (IMPLEMENTS, PART_OF)

# Style per node type: (legend label, vis shape, background, border).
NODE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "party": ("Văn bản của Đảng (Trung ương)", "box", "#c0392b", "#7b241c"),
    "central": ("Văn bản Trung ương (Chính phủ, Bộ)", "box", "#e67e22", "#a04000"),
    "provincial": ("Văn bản cấp tỉnh", "ellipse", "#2e86c1", "#1b4f72"),
    "department": ("Văn bản cấp sở, ngành", "ellipse", "#17a589", "#0e6251"),
    "local": ("Văn bản cấp huyện, xã", "ellipse", "#58d68d", "#1d8348"),
    "unknown": ("Văn bản chưa rõ cấp", "ellipse", "#aab7b8", "#626567"),
    "task": ("Nhiệm vụ", "dot", "#8e44ad", "#5b2c6f"),
    "task_group": ("Nhóm nhiệm vụ của một kế hoạch", "square", "#bb8fce", "#5b2c6f"),
    "agency": ("Cơ quan", "diamond", "#a0522d", "#6e2c00"),
}

# Style per edge relation: (legend label, colour, width, dashes).
EDGE_STYLES: dict[str, tuple[str, str, float, Any]] = {
    IMPLEMENTS: ("triển khai (implements)", "#1b4f72", 2.5, False),
    CITES: ("viện dẫn (cites)", "#7f8c8d", 1.0, [6, 5]),
    ASSIGNS: ("giao nhiệm vụ (assigns)", "#a0522d", 0.7, False),
    PART_OF: ("thuộc kế hoạch (part_of)", "#8e44ad", 1.0, False),
    ISSUED_BY: ("ban hành bởi (issued_by)", "#bdc3c7", 0.5, [2, 4]),
}

KIND_LABELS = {"document": "Văn bản", "task": "Nhiệm vụ", "agency": "Cơ quan",
               "task_group": "Nhóm nhiệm vụ"}


# --------------------------------------------------------------------------- helpers

def fold(text: Any) -> str:
    """Lower case without Vietnamese diacritics, for search and loose matching."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFD", str(text))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D").casefold()


def _province_key(text: Any) -> str:
    s = fold(text).strip()
    for prefix in ("tinh ", "thanh pho "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s


def _relation(key: Any, data: dict) -> str:
    return str(data.get("relation") or key or "")


def _year(attrs: dict) -> Optional[int]:
    y = attrs.get("year")
    if isinstance(y, int):
        return y
    d = attrs.get("date") or attrs.get("due")
    if isinstance(d, str) and len(d) >= 4 and d[:4].isdigit():
        return int(d[:4])
    return None


def _parents(G, n) -> Iterable:
    """Nodes one step up the cascade from n (what n implements / belongs to)."""
    for _, v, k, d in G.out_edges(n, keys=True, data=True):
        if _relation(k, d) in UPWARD:
            yield v
    if G.nodes[n].get("kind") == "agency":
        for u, _, k, d in G.in_edges(n, keys=True, data=True):
            if _relation(k, d) == ASSIGNS:
                yield u


def _children(G, n) -> Iterable:
    for u, _, k, d in G.in_edges(n, keys=True, data=True):
        if _relation(k, d) in UPWARD:
            yield u
    if G.nodes[n].get("kind") == "task":
        for _, v, k, d in G.out_edges(n, keys=True, data=True):
            if _relation(k, d) == ASSIGNS:
                yield v


def _closure(G, seeds: Iterable, step) -> set:
    seen: set = set()
    todo = deque(seeds)
    while todo:
        n = todo.popleft()
        for m in step(G, n):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def ancestors(G, n) -> set:
    """Lineage of n up to the roots (implements / part_of edges followed upward)."""
    return _closure(G, [n], _parents) - {n}


def descendants(G, n) -> set:
    """Everything below n: implementing documents, their tasks, the agencies assigned."""
    return _closure(G, [n], _children) - {n}


# --------------------------------------------------------------------------- view selection

def _ids_from_resolved(G, result) -> list:
    """Node ids out of whatever `graph.query.resolve` returns (id, list, objects, dicts)."""
    if result is None:
        return []
    if isinstance(result, (str, int)) or (isinstance(result, tuple) and result in G):
        return [result] if result in G else []
    if isinstance(result, dict):
        for key in ("id", "node", "node_id"):
            if key in result:
                return _ids_from_resolved(G, result[key])
        for key in ("nodes", "candidates", "matches"):
            if key in result:
                return _ids_from_resolved(G, result[key])
        return []
    for attr in ("id", "node", "node_id"):
        if hasattr(result, attr) and not isinstance(result, (list, tuple, set)):
            return _ids_from_resolved(G, getattr(result, attr))
    for attr in ("nodes", "candidates", "matches"):
        if hasattr(result, attr) and not isinstance(result, (list, tuple, set)):
            return _ids_from_resolved(G, getattr(result, attr))
    out: list = []
    try:
        items = list(result)
    except TypeError:
        return []
    for item in items:
        if isinstance(item, tuple) and item and item[0] in G and item not in G:
            item = item[0]  # (node, score) pairs
        for n in _ids_from_resolved(G, item):
            if n not in out:
                out.append(n)
    return out


def find_nodes(G, query: str) -> list:
    """Nodes matching a query: `graph.query.resolve` when it exists, else text matching."""
    try:
        from graph.query import resolve  # type: ignore[attr-defined]
    except ImportError:
        resolve = None
    if resolve is not None:
        try:
            found = _ids_from_resolved(G, resolve(G, query))
        except (LookupError, ValueError):
            found = []
        if found:
            return found[:MAX_FOCUS_SEEDS]  # best first; fuzzy word queries can match many
    if query in G:
        return [query]
    q = fold(query).strip()
    if not q:
        return []
    exact, partial = [], []
    for n, a in G.nodes(data=True):
        names = [a.get("symbol"), a.get("label"), a.get("name"), *(a.get("aliases") or [])]
        names = [fold(x) for x in names if x]
        if q in names:
            exact.append(n)
        elif any(q in x for x in names) or q in fold(a.get("title")):
            partial.append(n)
    return exact or partial


def select_nodes(G, focus: Optional[str] = None, depth: int = 2,
                 province: Optional[str] = None, since: Optional[int] = None) -> set:
    """The node ids a view shows. Raises LookupError when `focus` matches nothing."""
    nodes = set(G.nodes)
    if focus:
        seeds = find_nodes(G, focus)
        if not seeds:
            raise LookupError(f"no document, task or agency matches {focus!r}")
        keep = set(seeds)
        frontier = set(seeds)
        for _ in range(max(0, depth)):
            nxt = set()
            for n in frontier:
                nxt.update(G.successors(n))
                nxt.update(G.predecessors(n))
            frontier = nxt - keep
            keep |= frontier
        for s in seeds:  # the lineage of what was asked for, always up to the roots
            keep |= _closure(G, [s], lambda g, n: (v for _, v, k, d in g.out_edges(
                n, keys=True, data=True) if _relation(k, d) in UPWARD))
        nodes &= keep
    if province:
        p = _province_key(province)
        core = {n for n in nodes
                if p and p in _province_key(G.nodes[n].get("jurisdiction"))}
        keep = set(core)
        for n in core:  # national documents above them stay, as context
            keep |= ancestors(G, n) & nodes
            if G.nodes[n].get("kind") == "task":
                keep |= set(_children(G, n)) & nodes
        nodes = keep
    if since is not None:
        since = int(since)
        docs = {n for n in nodes if G.nodes[n].get("kind") == "document"}
        recent = {n for n in docs if (_year(G.nodes[n]) or since) >= since}
        keep = set(recent)
        for n in recent:
            keep |= {m for m in ancestors(G, n) if m in nodes}
        for n in nodes - docs:
            a = G.nodes[n]
            if a.get("kind") == "task":
                plans = [p for p in _parents(G, n) if p in nodes] or [a.get("plan")]
                if any(p in keep for p in plans if p is not None):
                    keep.add(n)
        for n in nodes - docs:  # agencies of kept tasks / documents
            if G.nodes[n].get("kind") != "task" and any(
                    m in keep for m in list(G.predecessors(n)) + list(G.successors(n))):
                keep.add(n)
        nodes = keep
    return nodes


# --------------------------------------------------------------------------- display data

def _fmt(value: Any) -> Optional[str]:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, bool):
        return "có" if value else None
    return str(value)


def _info(attrs: dict, kind: str) -> list[list[str]]:
    """Tooltip rows [label, value]: plain text, escaped by the page (textContent)."""
    if kind == "document":
        rows = [("Số ký hiệu", attrs.get("symbol")),
                ("Loại", attrs.get("doc_type") or attrs.get("type_code")),
                ("Ngày", attrs.get("date") or attrs.get("year")),
                ("Cơ quan ban hành", attrs.get("issuer")),
                ("Địa bàn", attrs.get("jurisdiction")),
                ("Cấp", attrs.get("level")),
                ("Trích yếu", attrs.get("title")),
                ("Tên gọi khác", attrs.get("aliases")),
                ("Chỉ được viện dẫn", attrs.get("stub")),
                ("Chưa xác định", attrs.get("ambiguous"))]
    elif kind == "task":
        rows = [("Nhiệm vụ số", attrs.get("number")),
                ("Loại", "Nhiệm vụ"),
                ("Nội dung", attrs.get("text")),
                ("Thời hạn", attrs.get("deadline")),
                ("Hạn (ISO)", attrs.get("due")),
                ("Định kỳ", attrs.get("recurrence")),
                ("Điều kiện", attrs.get("condition")),
                ("Địa bàn", attrs.get("jurisdiction"))]
    elif kind == "agency":
        rows = [("Cơ quan", attrs.get("name") or attrs.get("label")),
                ("Loại", "Nhóm cơ quan" if attrs.get("is_group") else "Cơ quan"),
                ("Địa bàn", attrs.get("jurisdiction"))]
    else:
        rows = [("Nhãn", attrs.get("label"))]
    return [[k, v] for k, v in ((k, _fmt(v)) for k, v in rows) if v is not None]


def _label(n, attrs: dict, kind: str) -> str:
    if kind == "document":
        text = attrs.get("symbol") or attrs.get("label") or attrs.get("title") or str(n)
    elif kind == "task":
        text = attrs.get("label") or ("NV " + str(attrs.get("number") or "")).strip()
    else:
        text = attrs.get("label") or attrs.get("name") or str(n)
    text = str(text)
    return text if len(text) <= 32 else text[:30] + "…"


def _search_key(n, attrs: dict) -> str:
    parts = [str(n), attrs.get("symbol"), attrs.get("label"), attrs.get("name"),
             attrs.get("title"), attrs.get("issuer"), attrs.get("doc_type"),
             attrs.get("number"), attrs.get("text"), *(attrs.get("aliases") or [])]
    return fold(" | ".join(str(p) for p in parts if p))


def _style_key(attrs: dict) -> str:
    kind = attrs.get("kind") or "document"
    if kind == "document":
        level = attrs.get("level")
        return level if level in LEVELS else "unknown"
    return kind if kind in NODE_STYLES else "unknown"


def _ranks(G, nodes: set, display: dict) -> dict:
    """Row of each displayed node: documents by level, pushed below what they implement."""
    docs = [n for n in nodes if G.nodes[n].get("kind", "document") == "document"]
    base = {}
    for n in docs:
        level = G.nodes[n].get("level")
        base[n] = 2 * LEVELS.index(level) if level in LEVELS[:-1] else None
    # Unknown level: one row below what it implements, else above what implements it.
    for n in docs:
        if base[n] is None:
            ups = [base.get(v) for _, v, k, d in G.out_edges(n, keys=True, data=True)
                   if _relation(k, d) == IMPLEMENTS and base.get(v) is not None]
            downs = [base.get(u) for u, _, k, d in G.in_edges(n, keys=True, data=True)
                     if _relation(k, d) == IMPLEMENTS and base.get(u) is not None]
            base[n] = (max(ups) + 1) if ups else (max(0, min(downs) - 1) if downs else 2)
    rank = dict(base)
    for _ in range(8):  # relax: an implementing document sits below what it implements
        changed = False
        for n in docs:
            for _, v, k, d in G.out_edges(n, keys=True, data=True):
                if _relation(k, d) == IMPLEMENTS and v in rank and v != n:
                    want = max(base[n], rank[v] + 1)
                    if want > rank[n] and want <= base[n] + 6:
                        rank[n] = want
                        changed = True
        if not changed:
            break
    used = sorted(set(rank.values()))
    squeeze = {r: i for i, r in enumerate(used)}
    out = {n: squeeze[r] for n, r in rank.items()}
    top = len(used)
    for nid, d in display.items():
        if d["_kind"] in ("task", "task_group"):
            out[nid] = top
        elif d["_kind"] == "agency":
            out[nid] = top + 1
        elif nid not in out:
            out[nid] = 0
    return out


ROW_GAP = 220   # vertical distance between document rows
TASK_DX, TASK_DY = 70, 45  # task grid under a plan
NODE_GAP = 30


def fixed_layout(G, display: dict, ranks: dict, edges: dict) -> dict:
    """x, y of every display node, computed here (vis' hierarchical layout takes many seconds
    on thousands of nodes). Documents in rows by rank, each under the document it implements
    (a tree over the first such parent); tasks in a grid under their plan, in one band below
    all documents; agencies in a row below, near the tasks they are assigned.
    """
    kind = {nid: d["_kind"] for nid, d in display.items()}
    docs = [nid for nid, k in kind.items() if k not in ("task", "task_group", "agency")]
    label_w = {nid: max(90, 8 * len(str(display[nid].get("_label", nid))) + 30) for nid in docs}
    parent: dict[str, str] = {}
    tasks_of: dict[str, list] = defaultdict(list)
    orphans: list = []
    for (src, dst, rel) in sorted(edges):
        if rel in UPWARD and kind.get(src) in ("task", "task_group") and dst in label_w:
            if src not in parent:
                parent[src] = dst
                tasks_of[dst].append(src)
        elif (rel == IMPLEMENTS and src in label_w and dst in label_w and src not in parent
              and ranks.get(dst, 0) < ranks.get(src, 0)):
            parent[src] = dst
    for nid, k in kind.items():
        if k in ("task", "task_group") and nid not in parent:
            orphans.append(nid)
    children: dict[str, list] = defaultdict(list)
    for d in sorted(docs, key=lambda n: (ranks.get(n, 0), str(n))):
        if d in parent:
            children[parent[d]].append(d)

    def block(n_tasks: int) -> tuple[int, int]:
        cols = max(1, int((n_tasks * 2) ** 0.5 + 0.999)) if n_tasks else 0
        rows = (n_tasks + cols - 1) // cols if cols else 0
        return cols, rows

    width: dict[str, float] = {}

    def measure(n) -> float:  # iterative post-order, the tree can be deep
        stack = [(n, False)]
        while stack:
            m, done = stack.pop()
            if done:
                cols, _ = block(len(tasks_of.get(m, ())))
                own = cols * TASK_DX
                kids = sum(width[c] for c in children.get(m, ())) + own
                kids += NODE_GAP * (len(children.get(m, ())) + (1 if own else 0) - 1)
                width[m] = max(label_w[m], kids)
            else:
                stack.append((m, True))
                stack.extend((c, False) for c in children.get(m, ()))
        return width[n]

    roots = sorted((d for d in docs if d not in parent), key=lambda n: (ranks.get(n, 0), str(n)))
    pos: dict[str, tuple[float, float]] = {}
    task_y0 = (max((ranks.get(d, 0) for d in docs), default=-1) + 1) * ROW_GAP
    task_rows = 0
    x = 0.0
    place = []  # (node, left edge)
    for r in roots:
        place.append((r, x))
        x += measure(r) + NODE_GAP * 3
    while place:
        n, left = place.pop()
        pos[n] = (left + width[n] / 2, ranks.get(n, 0) * ROW_GAP)
        ts = tasks_of.get(n, ())
        cols, rows = block(len(ts))
        kids = children.get(n, ())
        inner = cols * TASK_DX + sum(width[c] for c in kids)
        inner += NODE_GAP * (len(kids) + (1 if cols else 0) - 1)
        cur = left + (width[n] - inner) / 2
        if cols:
            for i, t in enumerate(ts):
                pos[t] = (cur + (i % cols + 0.5) * TASK_DX, task_y0 + (i // cols) * TASK_DY)
            task_rows = max(task_rows, rows)
            cur += cols * TASK_DX + NODE_GAP
        for c in kids:
            place.append((c, cur))
            cur += width[c] + NODE_GAP
    cols, rows = block(len(orphans))
    for i, t in enumerate(sorted(orphans)):
        pos[t] = (x + (i % cols + 0.5) * TASK_DX, task_y0 + (i // cols) * TASK_DY)
    task_rows = max(task_rows, rows)
    # Agencies: near the mean x of what they are linked to, then pushed apart.
    agency_y = task_y0 + max(1, task_rows) * TASK_DY + ROW_GAP
    near: dict[str, list] = defaultdict(list)
    for (src, dst, rel) in edges:
        if kind.get(dst) == "agency" and src in pos:
            near[dst].append(pos[src][0])
        if kind.get(src) == "agency" and dst in pos:
            near[src].append(pos[dst][0])
    agencies = [nid for nid, k in kind.items() if k == "agency"]
    want = {a: (sum(near[a]) / len(near[a]) if near[a] else x) for a in agencies}
    last = None
    for i, a in enumerate(sorted(agencies, key=lambda a: (want[a], str(a)))):
        ax = want[a] if last is None else max(want[a], last + 110)
        pos[a] = (ax, agency_y + (i % 2) * 50)
        last = ax
    return pos



def build_view(G, focus: Optional[str] = None, depth: int = 2, province: Optional[str] = None,
               since: Optional[int] = None, group_tasks: Optional[bool] = None,
               task_group_threshold: int = TASK_GROUP_THRESHOLD, layout: str = "auto") -> dict:
    """Nodes, edges and options of the page as plain data (built through pyvis).

    layout: "hierarchical" (vis-network lays the rows out in the page), "fixed" (positions
    computed here, see `fixed_layout`) or "auto" (fixed above LARGE_VIEW nodes).
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    nodes = select_nodes(G, focus=focus, depth=depth, province=province, since=since)
    tasks = [n for n in nodes if G.nodes[n].get("kind") == "task"]
    if group_tasks is None:
        group_tasks = len(tasks) > task_group_threshold

    # Display nodes: every selected node, or tasks folded into one node per plan.
    display: dict[str, dict] = {}
    alias: dict[Any, str] = {}  # graph node -> display id
    for n in nodes:
        a = G.nodes[n]
        if group_tasks and a.get("kind") == "task":
            plans = [p for p in _parents(G, n) if p in nodes]
            plan = plans[0] if plans else (a.get("plan") if a.get("plan") in nodes else None)
            gid = f"tasks::{plan}"
            alias[n] = gid
            g = display.setdefault(gid, {"_kind": "task_group", "_plan": plan, "_tasks": [],
                                         "_jur": a.get("jurisdiction")})
            g["_tasks"].append(n)
            continue
        alias[n] = str(n)
        display[str(n)] = {"_kind": a.get("kind") or "document", "_node": n}

    edges: dict[tuple, dict] = {}
    for u, v, k, d in G.edges(nodes, keys=True, data=True):
        if v not in nodes:
            continue
        rel = _relation(k, d)
        src, dst = alias[u], alias[v]
        if src == dst:
            continue
        e = edges.setdefault((src, dst, rel), {"rel": rel, "count": 0, "data": d})
        e["count"] += 1

    # Rank rows on the graph nodes, then give groups the task row.
    ranks = _ranks(G, nodes, display)
    if layout == "auto":  # vis puts every task on one row: unreadable beyond a few dozen
        n_task_nodes = sum(1 for d in display.values() if d["_kind"] in ("task", "task_group"))
        layout = ("fixed" if len(display) > LARGE_VIEW or n_task_nodes > FIXED_LAYOUT_TASKS
                  else "hierarchical")
    if layout not in ("fixed", "hierarchical"):
        raise ValueError(f"unknown layout {layout!r}")
    for nid, d in display.items():
        if "_node" in d:
            d["_label"] = _label(d["_node"], G.nodes[d["_node"]], d["_kind"])
    positions = fixed_layout(G, display, ranks, edges) if layout == "fixed" else {}

    # Arrows are a global option (not pyvis' per-edge "to"), so the page can drop them when
    # zoomed far out: thousands of arrowheads at a tiny scale take seconds to fill.
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    for nid, d in display.items():
        kind = d["_kind"]
        if kind == "task_group":
            plan = d["_plan"]
            pa = G.nodes[plan] if plan is not None else {}
            count = len(d["_tasks"])
            style = NODE_STYLES["task_group"]
            info = [["Nhóm", f"{count} nhiệm vụ"],
                    ["Kế hoạch", _fmt(pa.get("symbol") or pa.get("label") or plan)
                     or "(không rõ)"]]
            label = f"{count} nhiệm vụ"
            search = fold(f"{label} {pa.get('symbol') or ''} {pa.get('label') or ''}")
            names = [fold(label)]
            years = sorted({y for y in (_year(G.nodes[t]) for t in d["_tasks"]) if y})
            extra = {"type": "task", "province": _fmt(d["_jur"]) or "",
                     "year": years[0] if years else None, "count": count}
            size = 12 + min(30, count ** 0.5)
        else:
            n = d["_node"]
            a = G.nodes[n]
            style = NODE_STYLES[_style_key(a)]
            info = _info(a, kind)
            label = _label(n, a, kind)
            search = _search_key(n, a)
            names = sorted({fold(x) for x in (a.get("symbol"), label, a.get("label"),
                                               a.get("name"), *(a.get("aliases") or []))
                            if x})
            ntype = ("doc:" + (a.get("type_code") or a.get("doc_type") or "?")
                     if kind == "document" else kind)
            extra = {"type": ntype, "province": _fmt(a.get("jurisdiction")) or "",
                     "year": _year(a)}
            size = 8 if kind == "task" else 16
            if kind == "document" and a.get("stub"):
                extra["stub"] = True
        _, shape, bg, border = style
        opts: dict[str, Any] = dict(
            shape=shape, level=ranks.get(nid, 0), size=size,
            color={"background": bg, "border": border,
                   "highlight": {"background": "#f4d03f", "border": "#7d6608"}},
            info=info, search=search, names=names, kind=kind, **extra)
        if nid in positions:
            opts["x"], opts["y"] = (round(c, 1) for c in positions[nid])
        if kind == "document" and extra.get("stub"):
            opts["shapeProperties"] = {"borderDashes": [4, 3]}
            opts["color"] = {"background": "#ffffff", "border": border,
                             "highlight": {"background": "#f4d03f", "border": "#7d6608"}}
        if shape in ("box", "ellipse"):
            opts["font"] = {"color": "#ffffff" if not extra.get("stub") else "#222222"}
        net.add_node(nid, label=label, **opts)

    edge_list = []
    for i, ((src, dst, rel), e) in enumerate(edges.items()):
        lbl, colour, width, dashes = EDGE_STYLES.get(rel, (rel, "#95a5a6", 1.0, False))
        d = e["data"]
        role = d.get("role")
        if rel == ASSIGNS and role == "partner":
            dashes = [2, 3]
        info = [["Quan hệ", lbl]]
        if role:
            info.append(["Vai trò", "chủ trì" if role == "lead" else
                         ("phối hợp" if role == "partner" else str(role))])
        if e["count"] > 1:
            info.append(["Số quan hệ gộp", str(e["count"])])
        for key, name in (("evidence", "Căn cứ"), ("source", "Nguồn"), ("origin", "Vị trí")):
            if _fmt(d.get(key)):
                info.append([name, _fmt(d.get(key))])
        edge_list.append(Edge(src, dst, False, id=f"e{i}", relation=rel, info=info,
                              color={"color": colour, "highlight": "#d4ac0d"},
                              width=width, dashes=dashes).options)
    net.edges = edge_list  # built with pyvis' Edge; set directly (add_edge is O(n) a call)

    large = len(display) > LARGE_VIEW
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
    options = {
        "layout": layout_opts,
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "multiselect": False},
        "edges": {"arrows": {"to": {"enabled": len(edge_list) <= ARROWS_MAX_EDGES,
                                    "scaleFactor": 0.5}},
                  "smooth": False if large else {"type": "cubicBezier",
                                                 "forceDirection": "vertical",
                                                 "roundness": 0.4}},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1.5},
    }
    net.set_options(json.dumps(options))
    vis_nodes, vis_edges, _, _, _, options_json = net.get_network_data()
    return {
        "nodes": vis_nodes, "edges": vis_edges, "options": json.loads(options_json),
        "meta": {"total_nodes": G.number_of_nodes(), "view_nodes": len(nodes),
                 "display_nodes": len(vis_nodes), "grouped_tasks": bool(group_tasks),
                 "arrows_max_edges": ARROWS_MAX_EDGES, "layout": layout,
                 "focus": focus, "depth": depth, "province": province, "since": since},
    }


# --------------------------------------------------------------------------- page

def _json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _legend_html() -> str:
    items = []
    for key, (label, shape, bg, border) in NODE_STYLES.items():
        items.append(f'<li><span class="sw sw-{_html.escape(shape)}" style="background:'
                     f'{bg};border-color:{border}"></span>{_html.escape(label)}</li>')
    rels = []
    for rel, (label, colour, width, dashes) in EDGE_STYLES.items():
        style = "dashed" if dashes else "solid"
        rels.append(f'<li><label><input type="checkbox" class="rel-toggle" value="'
                    f'{_html.escape(rel)}" checked> <span class="ln" style="border-top:'
                    f'{max(1, round(width * 1.5))}px {style} {colour}"></span>'
                    f'{_html.escape(label)}</label></li>')
    return ("<ul class=\"legend\">" + "".join(items) + "</ul><ul class=\"legend rels\">"
            + "".join(rels) + "</ul>")


PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>__TITLE__</title>
<style>
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
#app{display:flex;height:100%}
#side{width:330px;flex:none;overflow:auto;border-right:1px solid #ddd;padding:10px;box-sizing:border-box;background:#fafafa}
#main{flex:1;position:relative}
#network{position:absolute;inset:0}
h1{font-size:16px;margin:0 0 8px}
.meta{color:#666;font-size:12px;margin-bottom:8px}
label.f{display:block;margin:6px 0 2px;font-weight:600;font-size:12px}
input[type=search],select,input[type=number]{width:100%;box-sizing:border-box;padding:4px}
#results{list-style:none;padding:0;margin:4px 0;max-height:180px;overflow:auto}
#results li{padding:2px 4px;cursor:pointer;border-bottom:1px solid #eee}
#results li:hover{background:#eef}
#info{margin-top:10px;border-top:1px solid #ddd;padding-top:6px;word-wrap:break-word}
#info .row{margin:2px 0}
.pg-tip{max-width:420px;white-space:normal;font-size:13px}
.pg-tip .k,#info .k{font-weight:600;margin-right:4px}
ul.legend{list-style:none;padding:0;margin:6px 0;font-size:12px}
ul.legend li{margin:2px 0;display:flex;align-items:center}
.sw{display:inline-block;width:14px;height:10px;border:1.5px solid;margin-right:6px}
.sw-ellipse,.sw-dot{border-radius:50%}.sw-dot{width:10px}
.sw-diamond{transform:rotate(45deg);width:9px;height:9px}
.ln{display:inline-block;width:28px;margin:0 6px 0 2px;vertical-align:middle}
button{margin-top:6px}
#tip{position:absolute;visibility:hidden;pointer-events:none;padding:5px;background:#fffbe6;border:1px solid #caa;border-radius:3px;box-shadow:2px 2px 8px rgba(0,0,0,.2);z-index:5;max-width:440px}
</style>
<script>__VIS__</script>
</head>
<body>
<div id="app">
<div id="side">
<h1>__TITLE__</h1>
<div class="meta" id="meta"></div>
<label class="f" for="search">Tìm (số ký hiệu, tên gọi tắt, từ khóa)</label>
<input type="search" id="search" placeholder="vd. 20-NQ/TW, Nghị quyết 20, y tế…" autocomplete="off">
<ul id="results"></ul>
<label class="f" for="f-type">Loại</label>
<select id="f-type"><option value="">(tất cả)</option></select>
<label class="f" for="f-province">Tỉnh, thành phố</label>
<select id="f-province"><option value="">(tất cả)</option></select>
<label class="f" for="f-year">Từ năm</label>
<input type="number" id="f-year" min="1945" max="2100" step="1">
<button id="reset" type="button">Bỏ chọn, bỏ lọc</button>
<div id="info"></div>
<label class="f">Chú giải</label>
__LEGEND__
</div>
<div id="main"><div id="network"></div><div id="tip" class="pg-tip" role="tooltip"></div></div>
</div>
<script type="application/json" id="pg-data">__DATA__</script>
<script>
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("pg-data").textContent);
  var state = window.pgState = {ready: false, drawn: false, stabilized: false, selected: null,
    highlighted: [], ancestors: [], descendants: [], searchResults: [], visibleCount: 0,
    t0: performance.now(), tDrawn: null, tStabilized: null, meta: null};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function rows(info, into) {
    for (var i = 0; i < info.length; i++) {
      var r = el("div", "row");
      r.appendChild(el("span", "k", info[i][0] + ":"));
      r.appendChild(el("span", "v", info[i][1]));
      into.appendChild(r);
    }
    return into;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/\\u0111/g, "d").replace(/\\u0110/g, "D").toLowerCase();
  }

  var byId = {}, orig = {}, up = {}, down = {};
  DATA.nodes.forEach(function (n) {
    byId[n.id] = n; up[n.id] = []; down[n.id] = [];
    orig[n.id] = {color: n.color, font: n.font || {}};
  });
  var edgeById = {};
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    var child = null, parent = null;
    if (e.relation === "implements" || e.relation === "part_of") { child = e.from; parent = e.to; }
    else if (e.relation === "assigns") { child = e.to; parent = e.from; }
    if (child !== null && up[child] && down[parent]) { up[child].push(parent); down[parent].push(child); }
  });
  var nodes = window.pgNodes = new vis.DataSet(DATA.nodes);
  var edges = window.pgEdges = new vis.DataSet(DATA.edges);
  var container = document.getElementById("network");
  var network = window.pgNetwork = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
  var m = state.meta = DATA.meta;
  document.getElementById("meta").textContent = m.display_nodes + " nút hiển thị / " +
    m.total_nodes + " nút trong đồ thị" + (m.grouped_tasks ? " (nhiệm vụ gộp theo kế hoạch)" : "") +
    (m.focus ? " — trọng tâm: " + m.focus : "");

  // Tooltips: our own box, filled with textContent on hover (document text is never parsed
  // as HTML), built only when shown: DOM tooltips in the DataSet make big views slow.
  var tipBox = document.getElementById("tip");
  function showTip(info, pointer) {
    tipBox.textContent = "";
    rows(info, tipBox);
    var main = document.getElementById("main"), w = main.clientWidth, h = main.clientHeight;
    tipBox.style.left = Math.max(0, Math.min(pointer.x + 12, w - 450)) + "px";
    tipBox.style.top = Math.max(0, Math.min(pointer.y + 12, h - 40)) + "px";
    tipBox.style.visibility = "visible";
  }
  function hideTip() { tipBox.style.visibility = "hidden"; }
  network.on("hoverNode", function (p) { if (byId[p.node]) showTip(byId[p.node].info, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { if (edgeById[p.edge]) showTip(edgeById[p.edge].info, p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.once("afterDrawing", function () {
    setTimeout(arrowsForScale, 0);
    state.drawn = true; state.tDrawn = performance.now() - state.t0;
    if (!DATA.options.physics || !DATA.options.physics.enabled) {
      state.stabilized = true; state.tStabilized = state.tDrawn;
    }
    state.ready = true;
  });
  // Arrowheads only when zoomed in enough to see them (they are slow to fill by thousands).
  var arrowsOn = DATA.options.edges.arrows.to.enabled;
  function arrowsForScale() {
    var want = network.getScale() >= ARROW_MIN_SCALE;
    if (want !== arrowsOn) {
      arrowsOn = want;
      network.setOptions({edges: {arrows: {to: {enabled: want, scaleFactor: 0.5}}}});
    }
  }
  var ARROW_MIN_SCALE = DATA.edges.length > DATA.meta.arrows_max_edges ? 0.35 : 0.05;
  network.on("zoom", arrowsForScale);
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    state.stabilized = true; state.tStabilized = performance.now() - state.t0;
  });

  function walk(start, step) {
    var seen = {}, out = [], todo = [start];
    seen[start] = true;
    while (todo.length) {
      var n = todo.pop(), next = step[n] || [];
      for (var i = 0; i < next.length; i++) {
        if (!seen[next[i]]) { seen[next[i]] = true; out.push(next[i]); todo.push(next[i]); }
      }
    }
    return out;
  }
  function restyle(lit) {
    var nu = [], eu = [];
    DATA.nodes.forEach(function (n) {
      if (!lit || lit[n.id]) nu.push({id: n.id, color: orig[n.id].color, font: orig[n.id].font});
      else nu.push({id: n.id, color: {background: "#eeeeee", border: "#d5d5d5"},
                    font: {color: "#c0c0c0"}});
    });
    DATA.edges.forEach(function (e) {
      var on = !lit || (lit[e.from] && lit[e.to]);
      eu.push({id: e.id, color: on ? e.color : {color: "#eeeeee", highlight: "#d4ac0d"},
               width: on && lit ? e.width * 2 : e.width});
    });
    nodes.update(nu); edges.update(eu);
  }
  function showInfo(id) {
    var box = document.getElementById("info");
    box.textContent = "";
    if (id === null || id === undefined || !byId[id]) return;
    var n = byId[id];
    box.appendChild(el("h1", null, n.label));
    rows(n.info, box);
    if (state.ancestors.length) {
      box.appendChild(el("div", "k", "Dòng căn cứ (lên đến gốc):"));
      var ul = el("ul", "lineage");
      state.ancestors.forEach(function (a) { ul.appendChild(el("li", null, byId[a].label)); });
      box.appendChild(ul);
    }
    box.appendChild(el("div", "row", "Cấp dưới, nhiệm vụ, cơ quan: " + state.descendants.length));
  }
  function highlight(id) {
    if (id === null || id === undefined || !byId[id]) {
      state.selected = null; state.highlighted = []; state.ancestors = []; state.descendants = [];
      restyle(null); showInfo(null); network.unselectAll(); return;
    }
    var anc = walk(id, up), desc = walk(id, down), lit = {};
    lit[id] = true;
    anc.forEach(function (a) { lit[a] = true; });
    desc.forEach(function (d) { lit[d] = true; });
    state.selected = id; state.ancestors = anc; state.descendants = desc;
    state.highlighted = Object.keys(lit);
    restyle(lit);
    network.selectNodes([id]);
    showInfo(id);
  }
  window.pgHighlight = highlight;
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) highlight(p.nodes[0]);
    else if (!p.edges || !p.edges.length) highlight(null);
  });

  // Search: every word of the query must occur in the node's folded text.
  function search(q) {
    var words = fold(q).split(/\\s+/).filter(Boolean), hits = [];
    if (!words.length) return hits;
    var qq = fold(q).trim();
    DATA.nodes.forEach(function (n) {
      var key = n.search || "";
      for (var i = 0; i < words.length; i++) if (key.indexOf(words[i]) < 0) return;
      // Rank: a name (symbol, label, alias) equal to the query, then one starting with it,
      // then documents, then the rest; ties by label.
      var names = n.names || [], score = n.kind === "document" ? 4 : 5;
      for (var j = 0; j < names.length; j++) {
        if (names[j] === qq) { score = 0; break; }
        if (names[j].indexOf(qq) === 0) score = Math.min(score, 1);
        else if (names[j].indexOf(qq) >= 0) score = Math.min(score, 2);
      }
      hits.push([score, String(n.label), n.id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : (a[1] > b[1] ? 1 : 0)); });
    return hits.map(function (h) { return h[2]; });
  }
  var results = document.getElementById("results");
  function focusNode(id) {
    highlight(id);
    network.focus(id, {scale: 1.0, animation: false});
  }
  function runSearch(pick) {
    var q = document.getElementById("search").value;
    var hits = state.searchResults = search(q);
    results.textContent = "";
    hits.slice(0, 50).forEach(function (id) {
      var li = el("li", null, byId[id].label);
      li.dataset.id = id;
      li.addEventListener("click", function () { focusNode(id); });
      results.appendChild(li);
    });
    if (q && !hits.length) results.appendChild(el("li", "none", "Không tìm thấy"));
    if (pick && hits.length) focusNode(hits[0]);
  }
  var sbox = document.getElementById("search");
  sbox.addEventListener("input", function () { runSearch(false); });
  sbox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(true); });

  // Filters: type, province, year (documents without a year stay visible).
  function fill(sel, values) {
    values.forEach(function (v) { var o = el("option", null, v[1]); o.value = v[0]; sel.appendChild(o); });
  }
  var types = {}, provs = {};
  DATA.nodes.forEach(function (n) { if (n.type) types[n.type] = true; if (n.province) provs[n.province] = true; });
  fill(document.getElementById("f-type"), Object.keys(types).sort().map(function (t) {
    return [t, t.indexOf("doc:") === 0 ? "Văn bản " + t.slice(4) :
      (t === "task" ? "Nhiệm vụ" : (t === "agency" ? "Cơ quan" : t))];
  }));
  fill(document.getElementById("f-province"), Object.keys(provs).sort().map(function (p) { return [p, p]; }));
  function applyFilters() {
    var t = document.getElementById("f-type").value, p = document.getElementById("f-province").value;
    var y = parseInt(document.getElementById("f-year").value, 10), upd = [], shown = 0;
    DATA.nodes.forEach(function (n) {
      var ok = (!t || n.type === t) && (!p || n.province === p) && (isNaN(y) || !n.year || n.year >= y);
      if (ok) shown++;
      upd.push({id: n.id, hidden: !ok});
    });
    nodes.update(upd);
    state.visibleCount = shown;
  }
  ["f-type", "f-province", "f-year"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", applyFilters);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".rel-toggle"), function (cb) {
    cb.addEventListener("change", function () {
      var upd = [];
      DATA.edges.forEach(function (e) { if (e.relation === cb.value) upd.push({id: e.id, hidden: !cb.checked}); });
      edges.update(upd);
    });
  });
  document.getElementById("reset").addEventListener("click", function () {
    document.getElementById("f-type").value = ""; document.getElementById("f-province").value = "";
    document.getElementById("f-year").value = ""; applyFilters(); highlight(null);
  });
  state.visibleCount = DATA.nodes.length;
})();
</script>
</body>
</html>
"""


def render_page(view: dict, title: str) -> str:
    vis_js = VIS_JS.read_text(encoding="utf-8")
    if "</script" in vis_js.lower():  # never expected from the vendored build
        raise ValueError("vendored vis-network contains '</script'")
    esc = _html.escape(title)
    # Substitute the vendored script last so nothing inside it is treated as a placeholder.
    page = (PAGE.replace("__TITLE__", esc).replace("__LEGEND__", _legend_html())
            .replace("__DATA__", _json_for_script(view)))
    head, tail = page.split("__VIS__", 1)
    return head + vis_js + tail


def write_html(G, out_path, focus: Optional[str] = None, depth: int = 2,
               province: Optional[str] = None, since: Optional[int] = None,
               title: str = "policygraph — đồ thị văn bản chính sách",
               group_tasks: Optional[bool] = None,
               task_group_threshold: int = TASK_GROUP_THRESHOLD, layout: str = "auto") -> Path:
    """Write the interactive view of G (a MultiDiGraph per GRAPH_SCHEMA) to one HTML file.

    focus: a query (symbol, alias, words) for an ego view `depth` steps around the matches,
    plus their lineage to the roots. province / since: keep documents of that province /
    issued since that year, with the documents above them as context. Tasks are grouped
    under their plan when the view has more than `task_group_threshold` of them
    (group_tasks=True/False forces it). Returns the path written.
    """
    view = build_view(G, focus=focus, depth=depth, province=province, since=since,
                      group_tasks=group_tasks, task_group_threshold=task_group_threshold,
                      layout=layout)
    out = Path(out_path)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(view, title), encoding="utf-8")
    return out
