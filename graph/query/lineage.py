"""`trace`: every path from a task or document up the implements / part_of edges to the
resolutions it carries out."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from graph.models import IMPLEMENTS, PART_OF
from graph.query.search import start_node

if TYPE_CHECKING:
    import networkx as nx

MAX_PATHS = 10000


def _hop(G: nx.MultiDiGraph, n: str, edge: Optional[dict]) -> dict[str, Any]:
    a = G.nodes[n]
    is_task = a.get("kind") == "task"
    e = edge or {}
    return {"id": n, "kind": a.get("kind"),
            "symbol": None if is_task else a.get("symbol"),
            "text": a.get("text") if is_task else None,
            "title": None if is_task else a.get("title"),
            "date": None if is_task else a.get("date"),
            "relation": e.get("relation"), "evidence": e.get("evidence"),
            "source": e.get("source"), "offset": e.get("offset"), "origin": e.get("origin")}


def _up_edges(G: nx.MultiDiGraph, n: str):
    """(parent, edge data) for the edges a trace climbs from n."""
    kind = G.nodes[n].get("kind")
    rel = PART_OF if kind == "task" else IMPLEMENTS
    for v, keys in G.succ[n].items():
        d = keys.get(rel)
        if d is not None:
            yield v, d


def _roots(G: nx.MultiDiGraph, paths: list[list[dict]]) -> list[dict[str, Any]]:
    """The last node of each path, once each, in the order of the paths."""
    roots, seen_roots = [], set()
    for p in paths:
        r = p[-1]["id"]
        if r not in seen_roots:
            seen_roots.add(r)
            a = G.nodes[r]
            roots.append({"id": r, "symbol": a.get("symbol"), "date": a.get("date"),
                          "title": a.get("title") or a.get("text")})
    return roots


def trace(G: nx.MultiDiGraph, query: str, max_paths: int = MAX_PATHS) -> dict[str, Any]:
    """Every path from the start (a task or a document) up `implements` edges to each root.

    Returns {"query", "start", "roots": [{id, symbol, date, title}], "paths": [[hop…]]}; each
    hop is {id, symbol, text, relation, evidence, source, …}: the first hop is the start, the
    others carry the edge that led to them (`symbol` is None for tasks, `text` for documents).
    """
    start = start_node(G, query)
    paths: list[list[dict]] = []
    stack = [(start, [_hop(G, start, None)], frozenset([start]))]
    truncated = False
    while stack:
        n, path, seen = stack.pop()
        ups = [(v, d) for v, d in _up_edges(G, n) if v not in seen]
        if not ups:
            paths.append(path)
            if len(paths) >= max_paths:
                truncated = bool(stack)
                break
            continue
        for v, d in sorted(ups, key=lambda x: x[0], reverse=True):
            stack.append((v, path + [_hop(G, v, d)], seen | {v}))
    out = {"query": query, "start": start, "roots": _roots(G, paths), "paths": paths}
    if truncated:
        out["truncated"] = True
    return out
