"""`policygraph serve` and `policygraph site`: the explorer in a browser, served or as files."""
from __future__ import annotations

import argparse
import sys

DEFAULT_STORE = "out/policygraph.sqlite"
RAW = argparse.RawDescriptionHelpFormatter

SERVE_HELP = """\
Open the store in a browser: search first (any spelling of a symbol: "57-NQ/TW", "NQ57",
"nghi quyet 57"; words of a title, task or agency), a page per document with where it comes
from and what implements it, a page per resolution's cascade across the 34 provinces, a page
per agency with its tasks. Every view has its own address; every table downloads as CSV.
Listens on 127.0.0.1 only. The first start after a build prepares an index next to the store
(STORE.explorer.sqlite); later starts open it at once.

Example:  policygraph serve --store out/policygraph.sqlite --port 8765
"""

SITE_HELP = """\
Write the same pages as a folder that opens from disk (file://), for an intranet or an
e-mail: no server and no request to another host; search runs in the page.

Example:  policygraph site --store out/policygraph.sqlite -o out/site
          then open out/site/index.html
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="explore the store in a browser (local web app)",
                       description=SERVE_HELP, formatter_class=RAW)
    p.add_argument("--store", default=DEFAULT_STORE, help=f"store file (default {DEFAULT_STORE})")
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765)")
    p.set_defaults(func=run_serve)
    s = sub.add_parser("site", help="write the explorer's pages as an offline folder",
                       description=SITE_HELP, formatter_class=RAW)
    s.add_argument("--store", default=DEFAULT_STORE, help=f"store file (default {DEFAULT_STORE})")
    s.add_argument("-o", "--out", required=True, metavar="DIR", help="folder to write")
    s.add_argument("--at", default=None, metavar="DATE",
                   help="count tasks overdue at this ISO date (default: today)")
    s.set_defaults(func=run_site)


def run_serve(args: argparse.Namespace) -> int:
    from graph.explorer.app import serve
    from graph.explorer.index import index_path, is_fresh
    try:
        if not is_fresh(args.store):
            print(f"Preparing the explorer's index of {args.store} (once per store version) "
                  f"-> {index_path(args.store)}", flush=True)
        serve(args.store, port=args.port,
              ready=lambda url: print(f"Explorer: {url}  (Ctrl-C to stop)", flush=True))
    except FileNotFoundError as exc:
        print(f"policygraph: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"policygraph: cannot listen on 127.0.0.1:{args.port}: {exc}", file=sys.stderr)
        return 2
    return 0


def run_site(args: argparse.Namespace) -> int:
    from graph.explorer.site import write_site
    try:
        report = write_site(args.store, args.out, at=args.at)
    except FileNotFoundError as exc:
        print(f"policygraph: {exc}", file=sys.stderr)
        return 2
    print(f"Site: {report['index']}  ({report['pages']} pages, {report['seconds']:.1f} s)")
    return 0
