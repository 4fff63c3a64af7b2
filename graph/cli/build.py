"""`policygraph build`: read files and folders into the store (graph.link), then write the
HTML view of the store (graph.export.html)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

DEFAULT_STORE = "out/policygraph.sqlite"

HELP = """\
Read documents (files or whole folders, recursively) and store what they say: documents,
references, tasks and agencies. Files already stored and unchanged are skipped; changed files
are updated; a file that cannot be read is listed with the reason and the rest goes on.
Stored files under PATH that are gone from disk are counted; --prune removes them from the
store (only under the PATHs given, and only when PATH itself exists).

Example:  policygraph build data/samples --store out/policygraph.sqlite
          policygraph build data/samples --prune     # also forget files deleted from data/samples
"""


def register(sub) -> None:
    """Add the command to `sub`, the sub-parsers of graph.cli.make_parser."""
    p = sub.add_parser("build", help="read documents into the store (skips unchanged files)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("--store", default=DEFAULT_STORE, help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="parallel extraction processes (default: all cores)")
    p.add_argument("--prune", action="store_true",
                   help="remove from the store the files under PATH that no longer exist on disk")
    p.add_argument("--html", action="store_true",
                   help="also write the whole-store graph drawing next to the store (slow on a "
                        "large store; `policygraph site` / `serve` are the explorer)")
    p.add_argument("--no-html", action="store_true", help=argparse.SUPPRESS)  # the former default
    p.add_argument("--kind", choices=("official", "page", "unrelated"), default=None,
                   help="read every file under PATH as this kind instead of judging each text "
                        "(official: a document with header, references and tasks; page: a web "
                        "page whose mentions are only cites; unrelated: nothing is read)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def write_view(store: Path) -> Optional[Path]:
    """The HTML view of the store, next to it (None when the HTML export is not installed or
    failed: the view is a bonus, the store is built)."""
    try:
        from graph.export.html import write_html
    except ImportError:
        return None
    from graph.link import load_graph
    G = load_graph(store)
    html_path = store.with_name(store.stem + ".html")
    try:
        write_html(G, str(html_path))
    except Exception as exc:
        print(f"policygraph: HTML view not written: {exc}", file=sys.stderr)
        return None
    return html_path


def run(args: argparse.Namespace) -> int:
    from graph.link import build
    report = build(args.paths, args.store, jobs=args.jobs, progress=not args.quiet,
                   prune=args.prune, kind=args.kind)
    html_path = write_view(Path(args.store)) if args.html and not args.no_html else None
    if args.json:
        d = report.to_dict()
        d["store"] = str(args.store)
        d["html"] = str(html_path) if html_path else None
        print(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        print(f"Store: {args.store}")
        print(f"Files: {report.files} ({report.written} written, {report.skipped} unchanged, "
              f"{len(report.failures)} failed)")
        if args.prune:
            print(f"Pruned: {len(report.pruned)} stored file(s) no longer on disk")
            for path in report.pruned[:20]:
                print(f"  {path}")
            if len(report.pruned) > 20:
                print(f"  … ({len(report.pruned) - 20} more)")
        elif report.missing:
            print(f"Missing on disk: {len(report.missing)} stored file(s), still in the store "
                  "(--prune removes them)")
        print(f"In the store: {report.documents} documents, {report.references} references, "
              f"{report.tasks} tasks")
        if report.kinds:
            names = {"official": "official documents", "page": "web pages about documents",
                     "unrelated": "unrelated texts", "unknown": "read before kinds"}
            print("By kind: " + ", ".join(f"{n} {names.get(k, k)}" for k, n in report.kinds.items()))
        print(f"Time: {report.seconds:.1f} s")
        if report.passed_over:
            print(f"Passed over: {len(report.passed_over)} path(s) that are not files to read")
            for path, reason in report.passed_over:
                print(f"  {path}: {reason}")
        if report.failures:
            print(f"Not read: {len(report.failures)} file(s)")
            for path, reason in report.failures:
                print(f"  {path}: {reason}")
        if html_path:
            print(f"HTML view: {html_path}")
    if report.failures:
        print(f"policygraph build: {len(report.failures)} file(s) failed (listed above; the "
              "others are stored)", file=sys.stderr)
        return 1
    return 0
