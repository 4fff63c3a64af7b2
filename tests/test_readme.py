"""The README's commands are real: every `$ policygraph …` line parses with today's CLI, and
the tour's key claims still hold on data/samples."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [m.group(1) for m in re.finditer(r"^\$ (policygraph [^\n#]*?)\s*(?:#.*)?$", README, re.M)]


def test_readme_starts_with_the_two_setup_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert re.search(r"^make run\b", first_block, re.M)
    assert re.search(r"^make test\b", first_block, re.M)


def test_readme_has_a_tour():
    names = {shlex.split(c)[1] for c in COMMANDS}
    assert {"extract", "build", "trace", "impact", "coverage", "overdue", "find", "check",
            "html", "export"} <= names


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command_parses(line):
    from graph.cli import make_parser

    argv = shlex.split(line.split(">", 1)[0])[1:]
    args = make_parser().parse_args(argv)  # exits (SystemExit) on an unknown command/flag
    assert getattr(args, "func", None) is not None


def test_readme_trace_claim_holds(tmp_path):
    """The tour says the task traces to 20-NQ/TW via 127-KH/TU and coverage lags 162 / 78 days."""
    from graph.link import build, load_graph
    from graph.query import coverage, trace

    store = tmp_path / "pg.sqlite"
    build([ROOT / "data" / "samples"], store, jobs=1, progress=False)
    G = load_graph(store)
    t = trace(G, "Đề án Phòng, chống tai nạn lao động")
    assert "Roots: 20-NQ/TW (2017-10-25); 21-NQ/TW (2017-10-25)" in README
    assert [(r["symbol"], r["date"]) for r in t["roots"]] == [("20-NQ/TW", "2017-10-25"),
                                                              ("21-NQ/TW", "2017-10-25")]
    chains = [[h["symbol"] for h in p[2:]] for p in t["paths"]]
    assert ["127-KH/TU", "20-NQ/TW"] in chains
    lags = dict(coverage(G, "20-NQ/TW 2017").dropna(subset=["symbol"])[["symbol", "lag_days"]]
                .itertuples(index=False))
    assert lags == {"127-KH/TU": 162, "60-KH/TU": 78}
