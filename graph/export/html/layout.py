"""Where nodes go: the row (rank) of each node — documents by level, pushed below what they
implement, then tasks, then agencies — and, for large views, x / y computed here."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.export.html.lineage import UPWARD, relation
from graph.models import IMPLEMENTS, LEVELS

ROW_GAP = 220   # vertical distance between document rows
TASK_DX, TASK_DY = 70, 45  # task grid under a plan
NODE_GAP = 30
TASK_KINDS = ("task", "task_group")


def _base_ranks(G, docs: list) -> dict:
    """Twice the index of each document's level; a document of unknown level one row below
    what it implements, else one above what implements it."""
    base = {}
    for n in docs:
        level = G.nodes[n].get("level")
        base[n] = 2 * LEVELS.index(level) if level in LEVELS[:-1] else None
    for n in docs:
        if base[n] is None:
            ups = [base.get(v) for _, v, k, d in G.out_edges(n, keys=True, data=True)
                   if relation(k, d) == IMPLEMENTS and base.get(v) is not None]
            downs = [base.get(u) for u, _, k, d in G.in_edges(n, keys=True, data=True)
                     if relation(k, d) == IMPLEMENTS and base.get(u) is not None]
            base[n] = (max(ups) + 1) if ups else (max(0, min(downs) - 1) if downs else 2)
    return base


def _relaxed(G, docs: list, base: dict) -> dict:
    """Ranks where an implementing document sits below what it implements (at most six rows
    below its own level)."""
    rank = dict(base)
    for _ in range(8):
        changed = False
        for n in docs:
            for _, v, k, d in G.out_edges(n, keys=True, data=True):
                if relation(k, d) == IMPLEMENTS and v in rank and v != n:
                    want = max(base[n], rank[v] + 1)
                    if want > rank[n] and want <= base[n] + 6:
                        rank[n] = want
                        changed = True
        if not changed:
            break
    return rank


def ranks(G, nodes: set, display: dict) -> dict:
    """Row of each displayed node: documents by level, pushed below what they implement."""
    docs = [n for n in sorted(nodes, key=str) if G.nodes[n].get("kind", "document") == "document"]
    rank = _relaxed(G, docs, _base_ranks(G, docs))
    used = sorted(set(rank.values()))
    squeeze = {r: i for i, r in enumerate(used)}
    out = {n: squeeze[r] for n, r in rank.items()}
    top = len(used)
    for nid, d in display.items():
        if d["_kind"] in TASK_KINDS:
            out[nid] = top
        elif d["_kind"] == "agency":
            out[nid] = top + 1
        elif nid not in out:
            out[nid] = 0
    return out


def _block(n_tasks: int) -> tuple[int, int]:
    """(columns, rows) of the grid of n tasks under a plan."""
    cols = max(1, int((n_tasks * 2) ** 0.5 + 0.999)) if n_tasks else 0
    rows = (n_tasks + cols - 1) // cols if cols else 0
    return cols, rows


@dataclass
class _Tree:
    """Documents as a forest (each under the first document it implements, on a higher row),
    with the tasks of each plan and the tasks of no plan shown."""
    kind: dict
    ranks: dict
    label_w: dict = field(default_factory=dict)
    parent: dict = field(default_factory=dict)
    tasks_of: dict = field(default_factory=lambda: defaultdict(list))
    children: dict = field(default_factory=lambda: defaultdict(list))
    orphans: list = field(default_factory=list)
    width: dict = field(default_factory=dict)

    def rank(self, n) -> int:
        return self.ranks.get(n, 0)


def _tree(display: dict, ranks: dict, edges: dict) -> _Tree:
    kind = {nid: d["_kind"] for nid, d in display.items()}
    t = _Tree(kind, ranks)
    docs = [nid for nid, k in kind.items() if k not in ("task", "task_group", "agency")]
    t.label_w = {nid: max(90, 8 * len(str(display[nid].get("_label", nid))) + 30) for nid in docs}
    for (src, dst, rel) in sorted(edges):
        if rel in UPWARD and kind.get(src) in TASK_KINDS and dst in t.label_w:
            if src not in t.parent:
                t.parent[src] = dst
                t.tasks_of[dst].append(src)
        elif (rel == IMPLEMENTS and src in t.label_w and dst in t.label_w and src not in t.parent
              and ranks.get(dst, 0) < ranks.get(src, 0)):
            t.parent[src] = dst
    for nid, k in kind.items():
        if k in TASK_KINDS and nid not in t.parent:
            t.orphans.append(nid)
    for d in sorted(docs, key=lambda n: (t.rank(n), str(n))):
        if d in t.parent:
            t.children[t.parent[d]].append(d)
    return t


def _measure(t: _Tree, n) -> float:
    """Width of the subtree of n: its label, or its task grid and children side by side
    (iterative post-order, the tree can be deep)."""
    stack = [(n, False)]
    while stack:
        m, done = stack.pop()
        if done:
            cols, _ = _block(len(t.tasks_of.get(m, ())))
            own = cols * TASK_DX
            kids = sum(t.width[c] for c in t.children.get(m, ())) + own
            kids += NODE_GAP * (len(t.children.get(m, ())) + (1 if own else 0) - 1)
            t.width[m] = max(t.label_w[m], kids)
        else:
            stack.append((m, True))
            stack.extend((c, False) for c in t.children.get(m, ()))
    return t.width[n]


def _place_documents(t: _Tree, roots: list, pos: dict, task_y0: float) -> tuple[float, int]:
    """Each tree side by side from x = 0, a document centred over its task grid and
    children. Returns the x after the last tree and the most task rows under a plan."""
    task_rows = 0
    x = 0.0
    place = []  # (node, left edge)
    for r in roots:
        place.append((r, x))
        x += _measure(t, r) + NODE_GAP * 3
    while place:
        n, left = place.pop()
        pos[n] = (left + t.width[n] / 2, t.rank(n) * ROW_GAP)
        ts = t.tasks_of.get(n, ())
        cols, rows = _block(len(ts))
        kids = t.children.get(n, ())
        inner = cols * TASK_DX + sum(t.width[c] for c in kids)
        inner += NODE_GAP * (len(kids) + (1 if cols else 0) - 1)
        cur = left + (t.width[n] - inner) / 2
        if cols:
            for i, task in enumerate(ts):
                pos[task] = (cur + (i % cols + 0.5) * TASK_DX, task_y0 + (i // cols) * TASK_DY)
            task_rows = max(task_rows, rows)
            cur += cols * TASK_DX + NODE_GAP
        for c in kids:
            place.append((c, cur))
            cur += t.width[c] + NODE_GAP
    return x, task_rows


def _place_agencies(t: _Tree, edges: dict, pos: dict, x: float, agency_y: float) -> None:
    """Agencies near the mean x of what they are linked to, then pushed apart, on two
    alternating rows."""
    near: dict[str, list] = defaultdict(list)
    for (src, dst, rel) in edges:
        if t.kind.get(dst) == "agency" and src in pos:
            near[dst].append(pos[src][0])
        if t.kind.get(src) == "agency" and dst in pos:
            near[src].append(pos[dst][0])
    agencies = [nid for nid, k in t.kind.items() if k == "agency"]
    want = {a: (sum(near[a]) / len(near[a]) if near[a] else x) for a in agencies}
    last = None
    for i, a in enumerate(sorted(agencies, key=lambda a: (want[a], str(a)))):
        ax = want[a] if last is None else max(want[a], last + 110)
        pos[a] = (ax, agency_y + (i % 2) * 50)
        last = ax


def fixed_layout(display: dict, ranks: dict, edges: dict) -> dict:
    """x, y of every display node, computed here (vis' hierarchical layout takes many seconds
    on thousands of nodes). Documents in rows by rank, each under the document it implements
    (a tree over the first such parent); tasks in a grid under their plan, in one band below
    all documents; agencies in a row below, near the tasks they are assigned.
    """
    t = _tree(display, ranks, edges)
    docs = list(t.label_w)
    roots = sorted((d for d in docs if d not in t.parent), key=lambda n: (t.rank(n), str(n)))
    pos: dict[str, tuple[float, float]] = {}
    task_y0 = (max((t.rank(d) for d in docs), default=-1) + 1) * ROW_GAP
    x, task_rows = _place_documents(t, roots, pos, task_y0)
    cols, rows = _block(len(t.orphans))
    for i, task in enumerate(sorted(t.orphans)):
        pos[task] = (x + (i % cols + 0.5) * TASK_DX, task_y0 + (i // cols) * TASK_DY)
    task_rows = max(task_rows, rows)
    agency_y = task_y0 + max(1, task_rows) * TASK_DY + ROW_GAP
    _place_agencies(t, edges, pos, x, agency_y)
    return pos
