"""`policygraph html`: write the interactive offline HTML view of a store.

`graph/cli/export.py` calls `register_html(sub)` to add the command.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register_html(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "html", help="write the interactive HTML view (one offline file)",
        description="Write one web page that opens in any browser, even without internet, "
                    "showing the graph in layers: Party and central documents at the top, "
                    "then provincial, department and local plans, tasks and agencies. Search, "
                    "filter, and click a task to see which resolution it comes from.\n\n"
                    "Example:\n  policygraph html -o out/nq20.html --focus \"Nghị quyết 20\"",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", default="out/policygraph.sqlite",
                   help="graph store written by `policygraph build` (default out/policygraph.sqlite)")
    p.add_argument("-o", "--output", required=True, help="HTML file to write")
    p.add_argument("--focus", help="only the neighbourhood of this document "
                                   "(symbol, alias or words), with its lineage to the roots")
    p.add_argument("--depth", type=int, default=2, help="steps around --focus (default 2)")
    p.add_argument("--province", help="only documents, tasks and agencies of this province "
                                      "(with the national documents above them)")
    p.add_argument("--since", type=int, metavar="YEAR",
                   help="only documents issued in or after YEAR (with what they implement)")
    p.add_argument("--title", default=None, help="page title")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--group-tasks", dest="group_tasks", action="store_const", const=True,
                   default=None, help="always show one node per plan for its tasks")
    g.add_argument("--no-group-tasks", dest="group_tasks", action="store_const", const=False,
                   help="never group tasks (default: group above 1500 tasks)")
    p.set_defaults(func=run_html)
    return p


def run_html(args: argparse.Namespace) -> int:
    store = Path(args.store)
    if not store.exists():
        print(f"policygraph html: store not found: {store}", file=sys.stderr)
        return 1
    from graph.link import load_graph  # lazily: the build stage may be heavy to import
    from graph.export.html import write_html

    G = load_graph(store)
    title = args.title or (f"policygraph — {args.focus}" if args.focus
                           else f"policygraph — {store.stem}")
    try:
        out = write_html(G, args.output, focus=args.focus, depth=args.depth,
                         province=args.province, since=args.since, title=title,
                         group_tasks=args.group_tasks)
    except LookupError as exc:
        print(f"policygraph html: {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0
