"""Walking the cascade in the view: one step up (what a node implements, belongs to, or — for
an agency — the tasks assigning it) or down, and the closures of those steps."""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable

from graph.models import ASSIGNS, IMPLEMENTS, PART_OF

# Relations that go from child to parent (a plan implements a resolution; a task is part
# of its plan). Lineage follows these upward; `assigns` goes from a task down to an agency.
UPWARD = (IMPLEMENTS, PART_OF)


def relation(key: Any, data: dict) -> str:
    """The relation of an edge: its `relation` attribute, else its key."""
    return str(data.get("relation") or key or "")


def parents(G, n) -> Iterable:
    """Nodes one step up the cascade from n (what n implements / belongs to)."""
    for _, v, k, d in G.out_edges(n, keys=True, data=True):
        if relation(k, d) in UPWARD:
            yield v
    if G.nodes[n].get("kind") == "agency":
        for u, _, k, d in G.in_edges(n, keys=True, data=True):
            if relation(k, d) == ASSIGNS:
                yield u


def children(G, n) -> Iterable:
    """Nodes one step down the cascade from n (what implements it / belongs to it, and the
    agencies a task assigns)."""
    for u, _, k, d in G.in_edges(n, keys=True, data=True):
        if relation(k, d) in UPWARD:
            yield u
    if G.nodes[n].get("kind") == "task":
        for _, v, k, d in G.out_edges(n, keys=True, data=True):
            if relation(k, d) == ASSIGNS:
                yield v


def upward(G, n) -> Iterable:
    """Nodes n implements or belongs to (the lineage of a focus, without assigns)."""
    return (v for _, v, k, d in G.out_edges(n, keys=True, data=True) if relation(k, d) in UPWARD)


def closure(G, seeds: Iterable, step: Callable[[Any, Any], Iterable]) -> set:
    """Every node reached from the seeds by repeated steps (the seeds only when reached)."""
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
    return closure(G, [n], parents) - {n}


def descendants(G, n) -> set:
    """Everything below n: implementing documents, their tasks, the agencies assigned."""
    return closure(G, [n], children) - {n}
