"""`impact`: everything carried out under a document: implementing plans (by level and
province), their tasks and the agencies in charge."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.query.search import start_node
from graph.query.walk import agencies_of, below, plan_name, tasks_of

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

DOCUMENT_COLUMNS = ["id", "symbol", "title", "date", "level", "jurisdiction", "issuer", "stub",
                    "depth"]
TASK_COLUMNS = ["id", "plan", "plan_symbol", "number", "text", "due", "jurisdiction", "lead",
                "partners"]
AGENCY_COLUMNS = ["id", "name", "jurisdiction", "is_group", "lead", "partner"]


def _doc_row(G, n, **extra) -> dict[str, Any]:
    a = G.nodes[n]
    row = {"id": n, "symbol": a.get("symbol"), "title": a.get("title"), "date": a.get("date"),
           "level": a.get("level"), "jurisdiction": a.get("jurisdiction"),
           "issuer": a.get("issuer"), "stub": a.get("stub")}
    row.update(extra)
    return row


def _tasks_and_agencies(G, docs) -> tuple[list[dict], list[dict]]:
    """Rows of the tasks the documents assign, and of their agencies with task counts."""
    tasks: list = []
    agency_count: dict = {}
    for n in docs:
        for t in tasks_of(G, n):
            ta = G.nodes[t]
            ags = agencies_of(G, t)
            tasks.append({"id": t, "plan": n, "plan_symbol": plan_name(G, n),
                          "number": ta.get("number"), "text": ta.get("text"),
                          "due": ta.get("due"), "jurisdiction": ta.get("jurisdiction"),
                          "lead": [G.nodes[a]["name"] for a, r in ags if r == "lead"],
                          "partners": [G.nodes[a]["name"] for a, r in ags if r != "lead"]})
            for a, role in ags:
                c = agency_count.setdefault(a, {"lead": 0, "partner": 0})
                c["lead" if role == "lead" else "partner"] += 1
    agencies = [{"id": a, "name": G.nodes[a].get("name"),
                 "jurisdiction": G.nodes[a].get("jurisdiction"),
                 "is_group": G.nodes[a].get("is_group"), **c}
                for a, c in sorted(agency_count.items())]
    return tasks, agencies


def impact(G: nx.MultiDiGraph, query: str) -> dict[str, Any]:
    """Everything under a document: implementing plans (by level, province), tasks, agencies.

    Returns {"query", "start", "documents": DataFrame, "tasks": DataFrame,
    "agencies": DataFrame, "by_level": DataFrame}.
    """
    import pandas as pd
    start = start_node(G, query)
    depth = below(G, start)
    docs = [_doc_row(G, n, depth=d) for n, d in depth.items() if n != start]
    docs.sort(key=lambda r: (r["depth"], str(r["level"]), str(r["jurisdiction"]), str(r["date"])))
    tasks, agencies = _tasks_and_agencies(G, depth)
    ddf = pd.DataFrame(docs, columns=DOCUMENT_COLUMNS)
    return {"query": query, "start": start,
            "documents": ddf,
            "tasks": pd.DataFrame(tasks, columns=TASK_COLUMNS),
            "agencies": pd.DataFrame(agencies, columns=AGENCY_COLUMNS),
            "by_level": _by_level(ddf)}


def _by_level(ddf: pd.DataFrame) -> pd.DataFrame:
    """Documents counted per (level, province)."""
    import pandas as pd
    if not len(ddf):
        return pd.DataFrame(columns=["level", "jurisdiction", "documents"])
    return (ddf.groupby(["level", ddf["jurisdiction"].fillna("")], dropna=False)
            .size().reset_index(name="documents"))
