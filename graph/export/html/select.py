"""Which nodes a view shows: the whole graph, or the neighbourhood of a focus with its lineage,
the documents of one province, the documents issued since a year — each with the documents
above them as context."""
from __future__ import annotations

from typing import Any, Optional

from graph.export.html.lineage import ancestors, children, closure, parents, upward
from graph.export.html.style import fold_value
from graph.query import resolve

#: A --focus query resolving to more nodes than this keeps the best ones.
MAX_FOCUS_SEEDS = 10

#: Words a province's name may start with ("Tỉnh Phú Yên", "Thành phố Hà Nội"), folded.
PROVINCE_PREFIXES = ("tinh ", "thanh pho ")


def year_of(attrs: dict) -> Optional[int]:
    """The year of a node: its `year`, else the year of its date or due date."""
    y = attrs.get("year")
    if isinstance(y, int):
        return y
    d = attrs.get("date") or attrs.get("due")
    if isinstance(d, str) and len(d) >= 4 and d[:4].isdigit():
        return int(d[:4])
    return None


def province_key(text: Any) -> str:
    """A province's name folded, without "tỉnh" / "thành phố" in front."""
    s = fold_value(text).strip()
    for prefix in PROVINCE_PREFIXES:
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s


def _text_matches(G, query: str) -> list:
    """Nodes whose symbol, label, name or alias is the query folded, else those where one
    of them or the title contains it."""
    q = fold_value(query).strip()
    if not q:
        return []
    exact, partial = [], []
    for n, a in G.nodes(data=True):
        names = [a.get("symbol"), a.get("label"), a.get("name"), *(a.get("aliases") or [])]
        names = [fold_value(x) for x in names if x]
        if q in names:
            exact.append(n)
        elif any(q in x for x in names) or q in fold_value(a.get("title")):
            partial.append(n)
    return exact or partial


def find_nodes(G, query: str) -> list:
    """Nodes matching a query: `graph.query.resolve` (best first, at most MAX_FOCUS_SEEDS),
    else text matching of names and titles."""
    found = resolve(G, query)
    if found:
        return found[:MAX_FOCUS_SEEDS]  # best first; fuzzy word queries can match many
    return _text_matches(G, query)


def _focus_view(G, nodes: set, focus: str, depth: int) -> set:
    """The nodes `depth` steps around the matches of `focus`, with their lineage."""
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
        keep |= closure(G, [s], upward)
    return nodes & keep


def _province_view(G, nodes: set, province: str) -> set:
    """The nodes of one province, the documents above them and the agencies of their tasks."""
    p = province_key(province)
    core = {n for n in nodes
            if p and p in province_key(G.nodes[n].get("jurisdiction"))}
    keep = set(core)
    for n in core:  # national documents above them stay, as context
        keep |= ancestors(G, n) & nodes
        if G.nodes[n].get("kind") == "task":
            keep |= set(children(G, n)) & nodes
    return keep


def _since_view(G, nodes: set, since: int) -> set:
    """Documents of `since` or later (or with no year), what they implement, their tasks and
    the agencies of what is kept."""
    docs = {n for n in nodes if G.nodes[n].get("kind") == "document"}
    recent = {n for n in docs if (year_of(G.nodes[n]) or since) >= since}
    keep = set(recent)
    for n in recent:
        keep |= {m for m in ancestors(G, n) if m in nodes}
    for n in nodes - docs:
        a = G.nodes[n]
        if a.get("kind") == "task":
            plans = [p for p in parents(G, n) if p in nodes] or [a.get("plan")]
            if any(p in keep for p in plans if p is not None):
                keep.add(n)
    for n in nodes - docs:  # agencies of kept tasks / documents
        if G.nodes[n].get("kind") != "task" and any(
                m in keep for m in list(G.predecessors(n)) + list(G.successors(n))):
            keep.add(n)
    return keep


def select_nodes(G, focus: Optional[str] = None, depth: int = 2,
                 province: Optional[str] = None, since: Optional[int] = None) -> set:
    """The node ids a view shows. Raises LookupError when `focus` matches nothing."""
    nodes = set(G.nodes)
    if focus:
        nodes = _focus_view(G, nodes, focus, depth)
    if province:
        nodes = _province_view(G, nodes, province)
    if since is not None:
        nodes = _since_view(G, nodes, int(since))
    return nodes
