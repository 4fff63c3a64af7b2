"""`progress`: has it been done? Each task's status (fulfilled, overdue, open, not checkable),
by which document and how many days after its plan, with the partial candidates and, for a
task addressed to all provinces, which provinces did it and which did not; each row also
names today's provincial unit and the successors of a merged or split agency.

The rule is graph.link.fulfil's (see there); the 2025 succession graph.link.succession's.
"""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Optional

from graph.extract.reports import REPORT_CODE, read_period
from graph.link import fulfil, succession
from graph.models import REPORTS_ON
from graph.query.search import start_node
from graph.query.walk import agencies_of, below, plan_name, tasks_of
from graph.text import key

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

FULFILLED, OVERDUE, OPEN, NOT_CHECKABLE = "fulfilled", "overdue", "open", "not checkable"
STATUSES = (FULFILLED, OVERDUE, OPEN, NOT_CHECKABLE)

COLUMNS = ["task", "number", "plan", "plan_symbol", "jurisdiction", "unit", "status", "asked",
           "asked_evidence", "issuers", "fulfilled_by", "days_after_plan", "days_late", "partial",
           "provinces_done", "provinces_not_done", "due", "lead", "successors", "reports", "text"]


def _status(found: Optional[dict], done: int, wanted: int, group: bool, due: Optional[str],
            at: str) -> str:
    """not checkable (asks for no document); fulfilled (by one document, or in every province
    of a task addressed to all); else overdue once due, else open."""
    if found is None:
        return NOT_CHECKABLE
    if (group and done == wanted) or (not group and done):
        return FULFILLED
    return OVERDUE if due and due < at else OPEN


def days_late(due: Optional[str], dates: list) -> Optional[int]:
    """Days from a task's due date to the first document that fulfils it: 0 when it came in
    time, None when the task has no due date or no fulfilling document is dated."""
    dated = sorted(d for d in dates if isinstance(d, str) and len(d) == 10)
    if not (isinstance(due, str) and len(due) == 10 and dated):
        return None
    try:
        late = (_dt.date.fromisoformat(dated[0]) - _dt.date.fromisoformat(due)).days
    except ValueError:
        return None
    return max(late, 0)


def reports_on(G: nx.MultiDiGraph, doc: Optional[str]) -> list[dict[str, Any]]:
    """The reports on a document: symbol, date, issuer and the period each covers (read
    from its title)."""
    if doc not in G:
        return []
    out = []
    for u, keys in G.pred[doc].items():
        if REPORTS_ON in keys:
            a = G.nodes[u]
            period, start, end = read_period(a.get("title"))
            out.append({"report": a.get("symbol") or u, "date": a.get("date"),
                        "issuer": a.get("issuer"), "period": period, "start": start, "end": end,
                        "source": keys[REPORTS_ON].get("source")})
    return sorted(out, key=lambda r: (r["date"] or "", r["report"]))


def task_progress(G: nx.MultiDiGraph, task: str, found: Optional[dict], at: str) -> dict[str, Any]:
    """The progress row of one task (`found`: its entry of fulfil.fulfilments, None when it
    asks for no document)."""
    a = G.nodes[task]
    plan = a.get("plan")
    cands = (found or {}).get("candidates") or []
    expects = (found or {}).get("expects") or []
    full = [c for c in cands if not c.missing]
    done = sorted({c.expect.juris or "" for c in full})
    group = len(expects) > 1 and len({e.juris for e in expects}) > 1
    ask = (found or {}).get("ask")
    return {
        "task": task, "number": a.get("number"), "plan": plan,
        "plan_symbol": plan_name(G, plan) if plan in G else None,
        "jurisdiction": a.get("jurisdiction"), "unit": succession.unit_of(a.get("jurisdiction")),
        "status": _status(found, len(done) if group else len(full),
                          len({e.juris for e in expects}), group, a.get("due"), at),
        "asked": list(ask.types) if ask else [], "asked_evidence": ask.evidence if ask else None,
        "issuers": sorted({e.name for e in expects}) if not group else [expects[0].name.split(" (")[0]],
        "fulfilled_by": [G.nodes[c.doc].get("symbol") or c.doc for c in full],
        "days_after_plan": min((c.days for c in full if c.days is not None), default=None),
        "days_late": days_late(a.get("due"), [G.nodes[c.doc].get("date") for c in full]),
        "partial": [{"document": G.nodes[c.doc].get("symbol") or c.doc, "missing": c.missing,
                     "province": c.expect.juris} for c in cands if fulfil.fits_partly(c)],
        "provinces_done": done if group else [],
        "provinces_not_done": sorted({e.juris for e in expects} - set(done)) if group else [],
        "due": a.get("due"),
        "lead": [G.nodes[v].get("name") for v, role in agencies_of(G, task) if role == "lead"],
        "successors": succession.task_heirs(G, task), "reports": reports_on(G, plan),
        "text": a.get("text")}


def progress(G: nx.MultiDiGraph, query: Optional[str] = None,
             at: str | _dt.date | None = None, status: Optional[str] = None) -> pd.DataFrame:
    """One row per task (of the documents under `query`, or all; the numbered parts of a
    report are its results, not tasks, and are left out): see COLUMNS. `at` (ISO date,
    default today) is the day a due date is weighed against; `status` keeps one."""
    import pandas as pd
    at_s = (at.isoformat() if isinstance(at, _dt.date) else at) or _dt.date.today().isoformat()
    if query:
        start = start_node(G, query)
        tasks = [t for d in below(G, start) for t in tasks_of(G, d)]
    else:
        tasks = [n for n, a in G.nodes(data=True) if a.get("kind") == "task"]
    tasks = [t for t in tasks if not _of_a_report(G, t)]
    found = fulfil.fulfilments(G, tasks)
    rows = [task_progress(G, t, found.get(t), at_s) for t in sorted(tasks)]
    df = pd.DataFrame(rows, columns=COLUMNS)
    if status:
        df = df[df["status"] == status].reset_index(drop=True)
    df.attrs.update(at=at_s, query=query)
    return df


def _of_a_report(G: nx.MultiDiGraph, task: str) -> bool:
    """Is this "task" a numbered part of a report (its results, not a duty)?"""
    plan = G.nodes[task].get("plan")
    return plan in G and key(G.nodes[plan].get("type_code") or "") == key(REPORT_CODE)


def summary(df: pd.DataFrame) -> dict[str, int]:
    """Tasks per status (every status listed), and how many ask for a document."""
    counts = {s: int((df["status"] == s).sum()) for s in STATUSES}
    counts["ask_for_document"] = int(len(df) - counts[NOT_CHECKABLE])
    return counts
