"""Steps over the graph shared by the questions: documents below a document, a plan's tasks,
a task's agencies, a plan's name, days between two dates."""
from __future__ import annotations

import datetime as _dt
from collections import deque
from typing import TYPE_CHECKING, Optional

from graph.models import ASSIGNS, IMPLEMENTS

if TYPE_CHECKING:
    import networkx as nx


def below(G: nx.MultiDiGraph, start: str) -> dict[str, int]:
    """Documents implementing `start` transitively -> depth (start itself: 0)."""
    depth = {start: 0}
    q = deque([start])
    while q:
        n = q.popleft()
        for u, keys in G.pred[n].items():
            if IMPLEMENTS in keys and u not in depth:
                depth[u] = depth[n] + 1
                q.append(u)
    return depth


def tasks_of(G: nx.MultiDiGraph, doc: str) -> list[str]:
    """The tasks a document assigns."""
    return [v for v, keys in G.succ[doc].items()
            if ASSIGNS in keys and G.nodes[v].get("kind") == "task"]


def agencies_of(G: nx.MultiDiGraph, task: str) -> list[tuple[str, Optional[str]]]:
    """(agency, role) for each agency a task is assigned to."""
    return [(v, keys[ASSIGNS].get("role")) for v, keys in G.succ[task].items()
            if ASSIGNS in keys and G.nodes[v].get("kind") == "agency"]


def plan_name(G: nx.MultiDiGraph, n: str) -> str | None:
    """A plan's number, or for an unnumbered plan its type and issuer ("Kế hoạch, Sở …")."""
    a = G.nodes[n]
    if a.get("symbol"):
        return a["symbol"]
    parts = [a.get("doc_type"), a.get("issuer")]
    return ", ".join(p for p in parts if p) or a.get("label")


def days_between(a: Optional[str], b: Optional[str]) -> Optional[int]:
    """Days from ISO date b to ISO date a (None when either is missing or not a date)."""
    try:
        return (_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days  # type: ignore
    except (TypeError, ValueError):
        return None
