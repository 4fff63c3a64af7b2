"""Every command that reads a store names the file and the problem when the file is not a
store (a text file, a truncated download): one line on stderr, exit 2, no traceback, and the
file is left as it was."""
from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = [["export", "-o", "{tmp}/x.ttl"], ["check"], ["progress"], ["overdue"],
            ["coverage", "20-NQ/TW"], ["trace", "x"], ["impact", "20-NQ/TW"], ["find", "y tế"],
            ["site", "-o", "{tmp}/site"], ["html", "-o", "{tmp}/x.html"],
            ["build", "{tmp}/empty"]]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: c[0])
def test_a_file_that_is_not_a_store_is_named_in_one_line(tmp_path, cmd):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("ghi chú, không phải cơ sở dữ liệu\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    args = [a.replace("{tmp}", str(tmp_path)) for a in cmd]
    r = subprocess.run([sys.executable, "-m", "graph", *args, "--store", str(bad)],
                       capture_output=True, text=True)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    assert "Traceback" not in r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert f"policygraph {cmd[0]}:" in line and str(bad) in line and "not a policygraph store" in line
    assert bad.read_text(encoding="utf-8") == "ghi chú, không phải cơ sở dữ liệu\n"
