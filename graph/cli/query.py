"""Query commands: trace, impact, coverage, overdue, find, check."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

DEFAULT_STORE = "out/policygraph.sqlite"
RAW = argparse.RawDescriptionHelpFormatter

COMMANDS = {
    "trace": ("follow a task or document up to the resolutions it carries out",
              "Show every chain from a task or document up to the resolutions it carries out,\n"
              "with the sentence each link was read from and its file.\n\n"
              "Example:  policygraph trace \"Đề án Phòng, chống tai nạn lao động\"\n"
              "          policygraph trace \"20-NQ/TW 2017\" --json"),
    "impact": ("everything carried out under a document: plans, tasks, agencies",
               "List the plans that carry out a document (directly or through other plans), by\n"
               "level and province, with their tasks and the agencies in charge.\n\n"
               "Example:  policygraph impact \"Nghị quyết 20\""),
    "coverage": ("which provinces / agencies implemented a document, and how fast",
                 "For each province and issuing agency: the plans implementing the document and\n"
                 "the delay in days from its date.\n\n"
                 "Example:  policygraph coverage \"20-NQ/TW 2017\""),
    "overdue": ("tasks past their due date, by agency",
                "List the tasks whose due date is before DATE, grouped by the agency in charge.\n\n"
                "Example:  policygraph overdue --at 2020-12-31"),
    "find": ("look up documents and agencies (tolerates typos)",
             "Find documents and agencies by symbol, short name or words of the title.\n\n"
             "Example:  policygraph find \"nghi quyet 20\""),
    "check": ("an alarm: merges the text contradicts, real ambiguity, dating problems",
              "(a) contradictions: a mention kept off the only document of its symbol because a\n"
              "fact printed beside it (year, Party term, issuer, province) contradicts it, and\n"
              "documents whose sources print different dates, with the sentence and the file;\n"
              "(b) mentions left between two or more candidate documents; (c) a plan carrying out\n"
              "a later document, implements cycles; (d) counts of documents only referenced.\n\n"
              "Example:  policygraph check --json"),
}


def register(sub: argparse._SubParsersAction) -> None:
    for name, (short, desc) in COMMANDS.items():
        p = sub.add_parser(name, help=short, description=desc, formatter_class=RAW)
        if name in ("trace", "impact", "coverage"):
            p.add_argument("query", metavar="QUERY",
                           help='symbol ("20-NQ/TW"), short form ("Nghị quyết 20"), or words of a task')
        elif name == "find":
            p.add_argument("text", metavar="TEXT", help="what to look for")
            p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
        elif name == "overdue":
            p.add_argument("--at", required=False, default=None, metavar="DATE",
                           help="ISO date, e.g. 2020-12-31 (default: today)")
        if name == "coverage":
            by = p.add_mutually_exclusive_group()
            by.add_argument("--by-province", action="store_true",
                            help="one line per province as printed")
            by.add_argument("--by-unit", action="store_true",
                            help="one line per province of today (34 since 1 July 2025), "
                                 "its former provinces listed")
        p.add_argument("--store", default=DEFAULT_STORE, help=f"store file (default {DEFAULT_STORE})")
        p.add_argument("--json", action="store_true", help="print JSON for machines")
        p.set_defaults(func=lambda args, _n=name: _run(_n, args))


def _jsonable(obj: Any) -> Any:
    pd = sys.modules.get("pandas")  # only queries returning DataFrames import it
    if pd is not None and isinstance(obj, pd.DataFrame):
        return json.loads(obj.to_json(orient="records", force_ascii=False))
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return obj


def _print_df(df, columns=None, title=None) -> None:
    if title:
        print(title)
    if df is None or not len(df):
        print("  (none)")
        return
    import pandas as pd
    cols = [c for c in (columns or df.columns) if c in df.columns]
    view = df[cols].astype(object)
    view = view.where(view.notna(), "")
    for c in view.columns:  # lists read as "a; b", long text cut to the column width
        if view[c].dtype == object:
            view[c] = view[c].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else
                                  ("" if v is None or (isinstance(v, float) and v != v) else v))
    with pd.option_context("display.max_rows", 200, "display.width", 160):
        print(view.to_string(index=False, max_colwidth=60))


def _answer(name: str, G, args: argparse.Namespace) -> Any:
    from graph import query as Q
    if name == "trace":
        return Q.trace(G, args.query)
    if name == "impact":
        return Q.impact(G, args.query)
    if name == "coverage":
        by = "province" if args.by_province else "unit" if args.by_unit else None
        return Q.coverage(G, args.query, by=by)
    if name == "overdue":
        return Q.overdue(G, args.at)
    if name == "find":
        return Q.find(G, args.text, limit=args.limit)
    out = Q.check(G)
    out.pop("stubs")  # counted in stub_counts, never listed one by one
    return out


def _run(name: str, args: argparse.Namespace) -> int:
    from graph import query as Q
    from graph.link import load_graph
    from graph.query import NotFound
    try:
        # trace/impact/coverage/find touch a few nodes: the lean, lazily decoded view
        # (graph.link.lean); overdue and check scan every node: the networkx graph
        G = load_graph(args.store, full=name in ("overdue", "check"), index=Q.build_index)
    except FileNotFoundError as exc:
        print(f"policygraph: {exc}", file=sys.stderr)
        return 2
    try:
        out = _answer(name, G, args)
    except NotFound as exc:
        print(f"policygraph: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(_jsonable(out), ensure_ascii=False, indent=2, default=str))
        return 0
    PRINTERS[name](G, out)
    return 0


def _name(G, n: str) -> str:
    a = G.nodes[n]
    return a.get("symbol") or (a.get("title") or a.get("text") or a.get("name") or n)[:80]


def _print_trace(G, out: dict) -> None:
    print(f"Start: {_name(G, out['start'])}")
    print("Roots: " + "; ".join(f"{r['symbol'] or r['id']} ({r['date'] or 'no date'})"
                                for r in out["roots"]))
    for i, path in enumerate(out["paths"], 1):
        print(f"\nPath {i}:")
        for j, hop in enumerate(path):
            label = hop["symbol"] or (hop["text"] or hop.get("title") or hop["id"])[:80]
            if j == 0:
                print(f"  {label}")
                continue
            print(f"  └─ {hop['relation']} → {label}" + (f" ({hop['date']})" if hop.get("date") else ""))
            if hop.get("evidence"):
                print(f"       “{hop['evidence'][:160]}”")
            print(f"       [{hop.get('origin')}] {hop.get('source')}")


def _print_impact(G, out: dict) -> None:
    print(f"Under {_name(G, out['start'])}:")
    _print_df(out["by_level"], title="\nBy level and province:")
    _print_df(out["documents"], ["symbol", "date", "level", "jurisdiction", "depth", "title"],
              "\nDocuments:")
    _print_df(out["tasks"], ["plan_symbol", "number", "text", "due", "lead"], "\nTasks:")
    _print_df(out["agencies"], ["name", "jurisdiction", "lead", "partner"], "\nAgencies:")


def _print_coverage(G, out) -> None:
    a = out.attrs
    print(f"Coverage of {_name(G, a['start'])} ({a.get('date') or 'no date'}):")
    _print_df(out, ["unit", "jurisdiction", "issuer", "symbol", "date", "level", "lag_days",
                    "provinces", "plans", "first_date", "symbols"])


def _print_overdue(G, out) -> None:
    if not len(out):
        print("No overdue tasks.")
    for agency, grp in out.groupby(out["agency"].fillna("(no agency)"), sort=True):
        print(f"\n{agency}: {len(grp)} task(s)")
        for _, r in grp.iterrows():
            print(f"  - due {r['due']} ({r['days_overdue']} days ago) [{r['plan_symbol'] or r['plan']}] "
                  f"{(r['text'] or '')[:100]}")


def _print_find(G, out: list) -> None:
    if not out:
        print("Nothing found.")
    for r in out:
        print(f"{r['score']:5.1f}  {r['kind']:<8} {r['symbol'] or '':<22} {r['date'] or '':<10} "
              f"{(r['title'] or '')[:70]}   [{r['id']}]")


CHECK_SECTIONS = (("contradictions", "(a) Merges refused: a printed fact contradicts the only document"),
                  ("conflicts", "(a) Facts in conflict on one document"),
                  ("ambiguous", "(b) Ambiguous: two or more candidate documents"),
                  ("dated_after", "(c) Documents implementing a later document"),
                  ("cycles", "(c) Implements cycles"))


def _check_lines(G, key: str, it) -> list[str]:
    if key == "cycles":
        return ["  " + " → ".join(_name(G, n) for n in it)]
    if key == "dated_after":
        return [f"  {it['symbol'] or it['id']} ({it['date']}) implements "
                f"{it['implements_symbol']} ({it['implements_date']})", f"    {it['source']}"]
    if key == "ambiguous":
        return [f"  {it['symbol']}: {len(it['candidates'])} candidates {it['candidates']}",
                "    in " + "; ".join(it["sources"][:3])]
    if key == "contradictions":
        return [f"  {it['symbol']}: {it['fact']} {it['value']} printed, {it['candidate']} has "
                f"{it['candidate_value']}", f"    «{(it['evidence'] or '')[:200]}»", f"    {it['source']}"]
    return [f"  {it['symbol']}:"] + _conflict_lines(it["conflicts"])


def _conflict_lines(conflicts: list[dict]) -> list[str]:
    """One line per value in conflict: how many files print it and the first of them (a value
    printed by 55 files is not 55 lines)."""
    by_value: dict = {}
    for c in conflicts:
        by_value.setdefault((c["field"], str(c["value"])), []).append(c)
    lines = []
    for (field, value), cs in sorted(by_value.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        more = f" and {len(cs) - 1} other file(s)" if len(cs) > 1 else ""
        lines.append(f"    {field}={value}: {cs[0]['source']}{more}")
        if cs[0].get("evidence"):
            lines.append(f"      «{cs[0]['evidence'][:200]}»")
    return lines


def _print_check(G, out: dict) -> None:
    for key, title in CHECK_SECTIONS:
        items = out[key]
        print(f"\n{title}: {len(items)}")
        for it in items[:50]:
            print("\n".join(_check_lines(G, key, it)))
        if len(items) > 50:
            print(f"  … {len(items) - 50} more (use --json)")
    c = out["stub_counts"]
    print(f"\n(d) Documents only referenced (stubs): {c['stubs']}, without a date {c['without date']}, "
          f"local without a province {c['without province']}; mentions left unsettled "
          f"(no candidate): {c['unsettled']}")


PRINTERS = {"trace": _print_trace, "impact": _print_impact, "coverage": _print_coverage,
            "overdue": _print_overdue, "find": _print_find, "check": _print_check}
