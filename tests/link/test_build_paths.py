"""`build` on the paths issue 16 gave: a file name that is not UTF-8 is stored and reported (the
batch does not abort), a named pipe given directly is refused at once (no hang), and what a
folder walk passes over is listed with its reason."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.link import build, store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "000_262c27ab4c953a99.txt"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names and pipes")
def test_a_name_that_is_not_utf8_is_stored_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"a\xff.txt")
    with open(odd, "wb") as fh:
        fh.write(SAMPLE.read_bytes())
    (folder / "z.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    s = tmp_path / "s.sqlite"
    report = build([str(folder)], s, jobs=1, progress=False)
    assert report.failures == [] and report.written == 2
    paths = [p for (p,) in store.connect(s).execute("SELECT path FROM files ORDER BY path")]
    assert any(p.endswith("a\\xff.txt") for p in paths) and any(p.endswith("z.txt") for p in paths)
    again = build([str(folder)], s, jobs=1, progress=False, prune=True)  # unchanged, nothing pruned
    assert again.skipped == 2 and again.pruned == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_refused_at_once_and_a_walk_lists_what_it_passes_over(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "p.txt")
    (folder / "ok.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    s = tmp_path / "s.sqlite"
    direct = subprocess.run([sys.executable, "-m", "graph", "build", str(folder / "p.txt"),
                             "--store", str(s), "-q"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert direct.returncode == 1 and "named pipe" in direct.stdout + direct.stderr
    walked = subprocess.run([sys.executable, "-m", "graph", "build", str(folder), "--store",
                             str(s), "-q"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert walked.returncode == 0, walked.stderr
    assert "Passed over:" in walked.stdout
    assert "p.txt" in walked.stdout and "dangling.txt" in walked.stdout
