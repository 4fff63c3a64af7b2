"""`overdue`: tasks past their due date, one row per (agency, task), with today's provincial
unit beside the printed province and the successors of an agency merged or split in 2025."""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from graph.link import succession
from graph.query.walk import agencies_of, days_between, plan_name

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

COLUMNS = ["agency", "agency_id", "role", "task", "number", "text", "due", "deadline",
           "days_overdue", "plan", "plan_symbol", "jurisdiction", "unit", "successors"]


def overdue(G: nx.MultiDiGraph, at: str | _dt.date | None = None) -> pd.DataFrame:
    """Tasks whose due date (node attr `due`) is before `at`, one row per (agency, task),
    sorted by agency then due date. Tasks with no agency are listed with agency None.
    `unit`: today's provincial unit of the task's province (the printed one stays in
    `jurisdiction`); `successors`: the heirs of the task's merged or split agency for its
    words (graph.link.succession.task_heirs), empty otherwise."""
    import pandas as pd
    at_s = (at.isoformat() if isinstance(at, _dt.date) else at) or _dt.date.today().isoformat()
    rows = []
    for t, a in G.nodes(data=True):
        if a.get("kind") != "task" or not a.get("due") or a["due"] >= at_s:
            continue
        plan = a.get("plan")
        base = {"task": t, "number": a.get("number"), "text": a.get("text"), "due": a["due"],
                "deadline": a.get("deadline"), "days_overdue": days_between(at_s, a["due"]),
                "plan": plan, "plan_symbol": plan_name(G, plan) if plan in G else None,
                "jurisdiction": a.get("jurisdiction"),
                "unit": succession.unit_of(a.get("jurisdiction")),
                "successors": sorted({n for h in succession.task_heirs(G, t) for n in h["successors"]})}
        ags = agencies_of(G, t)
        for ag, role in ags or [(None, None)]:
            rows.append({"agency": G.nodes[ag].get("name") if ag else None, "agency_id": ag,
                         "role": role, **base})
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.sort_values(["agency", "due", "task"], na_position="last").reset_index(drop=True)
