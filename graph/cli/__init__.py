"""The `policygraph` command: a thin shell over the Python API, and the one place that
composes the stages (`build` reads files into the store, then writes the HTML view).

Each module of COMMAND_MODULES registers its sub-commands (`register(subparsers)`): one
module per command group, here in graph/cli/ (`extract`, `build`, `query`, `html`, `export`).
The stages themselves never import the CLI nor a later stage.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from graph.link.store import StoreError

# Modules that contribute sub-commands, in the order they are listed in --help.
COMMAND_MODULES = (
    "graph.cli.extract",
    "graph.cli.build",
    "graph.cli.query",
    "graph.cli.progress",
    "graph.cli.explore",
    "graph.cli.export",
)

DESCRIPTION = """\
policygraph reads Vietnamese policy documents (Nghị quyết, Kế hoạch, Quyết định …) and
links them into a graph: which plan implements which resolution, which tasks each plan
assigns to which agency, and by when.

Start with:  policygraph build data/samples --store out/policygraph.sqlite
Then ask:    policygraph trace "Đề án Phòng, chống tai nạn lao động" --store out/policygraph.sqlite

Each command explains itself with an example: policygraph COMMAND --help
"""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policygraph", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    from graph import __version__
    parser.add_argument("--version", action="version", version=f"policygraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except StoreError as e:
        print(f"policygraph {args.command}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policygraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
