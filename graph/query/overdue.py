"""`overdue`: tasks past their due date, one row per (agency, task)."""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from graph.query.walk import agencies_of, days_between, plan_name

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

COLUMNS = ["agency", "agency_id", "role", "task", "number", "text", "due", "deadline",
           "days_overdue", "plan", "plan_symbol", "jurisdiction"]


def overdue(G: nx.MultiDiGraph, at: str | _dt.date | None = None) -> pd.DataFrame:
    """Tasks whose due date (node attr `due`) is before `at`, one row per (agency, task),
    sorted by agency then due date. Tasks with no agency are listed with agency None."""
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
                "jurisdiction": a.get("jurisdiction")}
        ags = agencies_of(G, t)
        for ag, role in ags or [(None, None)]:
            rows.append({"agency": G.nodes[ag].get("name") if ag else None, "agency_id": ag,
                         "role": role, **base})
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.sort_values(["agency", "due", "task"], na_position="last").reset_index(drop=True)
