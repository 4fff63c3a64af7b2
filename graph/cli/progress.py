"""The `progress` command: has each task been done (graph.query.progress)."""
from __future__ import annotations

import argparse
import json
import sys

DEFAULT_STORE = "out/policygraph.sqlite"

DESCRIPTION = """\
For each task: fulfilled (by which document, how many days after its plan), overdue (due
and not fulfilled), open, or not checkable (it asks for no document). A task addressed to
every province lists the provinces that did it and those that did not; a candidate that fits
only partly is shown with what it misses; a task of an agency merged or split in 2025 shows
its successor(s), and each row today's provincial unit beside the printed province.

Example:  policygraph progress "20-NQ/TW 2017" --at 2020-12-31
          policygraph progress --status fulfilled --json
"""


def register(sub: argparse._SubParsersAction) -> None:
    from graph.query.progress import STATUSES
    p = sub.add_parser("progress", help="which tasks were carried out, by which document",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", metavar="QUERY", nargs="?", default=None,
                   help="only the tasks of the plans under this document (default: every task)")
    p.add_argument("--at", default=None, metavar="DATE",
                   help="ISO date due dates are weighed against (default: today)")
    p.add_argument("--status", choices=STATUSES, default=None, help="only tasks of this status")
    p.add_argument("--store", default=DEFAULT_STORE, help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--json", action="store_true", help="print JSON for machines")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.link import load_graph
    from graph.query import NotFound
    from graph.query.progress import progress, summary
    try:
        G = load_graph(args.store)
    except FileNotFoundError as exc:
        print(f"policygraph: {exc}", file=sys.stderr)
        return 2
    try:
        df = progress(G, args.query, at=args.at, status=args.status)
    except NotFound as exc:
        print(f"policygraph: {exc}", file=sys.stderr)
        return 1
    if args.json:
        rows = json.loads(df.to_json(orient="records", force_ascii=False))
        print(json.dumps({"at": df.attrs["at"], "summary": summary(df), "tasks": rows},
                         ensure_ascii=False, indent=2))
        return 0
    _print(df)
    return 0


def _line(r) -> list[str]:
    place = r["jurisdiction"] or ""
    if r["unit"] and r["unit"] != place:
        place = f"{place} (nay {r['unit']})"
    out = [f"  [{r['status']}] {r['plan_symbol'] or r['plan']} {r['number']}"
           f"{' · ' + place if place else ''}: {(r['text'] or '')[:90]}"]
    if isinstance(r["asked_evidence"], str):
        out.append(f"      asks: “{r['asked_evidence']}” from {', '.join(r['issuers']) or '(no issuer named)'}")
    if r["fulfilled_by"]:
        days = r["days_after_plan"]
        out.append(f"      fulfilled by {', '.join(r['fulfilled_by'])}"
                   + (f", {int(days)} days after the plan" if days == days and days is not None else "")
                   + (f", {int(r['days_late'])} days after the due date {r['due']}"
                      if r["days_late"] == r["days_late"] and r["days_late"] else ""))
    if r["provinces_done"] or r["provinces_not_done"]:
        out.append(f"      done in {len(r['provinces_done'])}: {', '.join(r['provinces_done'])}")
        out.append(f"      not done in {len(r['provinces_not_done'])}: {', '.join(r['provinces_not_done'])}")
    for p in r["partial"][:5]:
        out.append(f"      partly: {p['document']} misses {', '.join(p['missing'])}")
    for rep in r["reports"]:
        out.append(f"      reported on by {rep['report']} ({rep['date'] or 'no date'})"
                   + (f", period {rep['period']}" if rep["period"] else ""))
    for h in r["successors"]:
        out.append(f"      {h['agency']} → {', '.join(h['successors'])}"
                   + (f" (by function: {', '.join(h['functions'])})" if h["functions"] else ""))
    return out


def _print(df) -> None:
    from graph.query.progress import summary
    s = summary(df)
    print(f"At {df.attrs['at']}: {len(df)} task(s), {s['ask_for_document']} ask for a document; "
          + ", ".join(f"{k} {v}" for k, v in s.items() if k != "ask_for_document"))
    for _, r in df.iterrows():
        if r["status"] == "not checkable" and not r["successors"]:
            continue
        print("\n".join(_line(r)))
