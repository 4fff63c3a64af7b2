"""graph.files.atomic_write: the target is the old file or the new one, never a torn one, even
when the writing process is killed (issue 16)."""
from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.files import atomic_write, remove_stale_temporaries, stale_temporaries

ROOT = Path(__file__).resolve().parents[1]


def test_text_and_bytes_land_whole_and_leave_no_temporary(tmp_path):
    target = tmp_path / "out.ttl"
    with atomic_write(target) as f:
        f.write("Nghị quyết số 20-NQ/TW\n")
    assert target.read_text(encoding="utf-8") == "Nghị quyết số 20-NQ/TW\n"
    with atomic_write(target, "wb") as f:
        f.write(b"\x00\xffbytes")
    assert target.read_bytes() == b"\x00\xffbytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]
    assert stale_temporaries(target) == []


def test_nothing_is_visible_before_the_block_ends(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old")
    with atomic_write(target) as f:
        f.write("new")
        f.flush()
        assert target.read_text() == "old"
        assert len(stale_temporaries(target)) == 1
    assert target.read_text() == "new"


def test_an_error_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "graph.nt"
    target.write_text("old content")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_write(target) as f:
            f.write("half of the new")
            raise RuntimeError("boom")
    assert target.read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt"]


def test_an_error_on_a_new_file_leaves_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(tmp_path / "new.txt", "wb") as f:
            f.write(b"x")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_permissions_of_the_old_file_are_kept_and_a_new_one_gets_the_umask(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x")
    old.chmod(0o640)
    with atomic_write(old) as f:
        f.write("y")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    mask = os.umask(0o027)
    try:
        with atomic_write(tmp_path / "new.txt") as f:
            f.write("z")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    with atomic_write(link) as f:
        f.write("new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_only_write_modes(tmp_path):
    for mode in ("a", "r", "w+", "x"):
        with pytest.raises(ValueError, match="mode"):
            with atomic_write(tmp_path / "x.txt", mode):
                pass
    assert list(tmp_path.iterdir()) == []


def test_text_mode_options(tmp_path):
    target = tmp_path / "x.csv"
    with atomic_write(target, encoding="utf-16", newline="\r\n") as f:
        f.write("a\nb\n")
    assert target.read_bytes().decode("utf-16") == "a\r\nb\r\n"


def test_stale_temporaries_are_listed_and_removed(tmp_path):
    target = tmp_path / "site.html"
    target.write_text("ok")
    left = tmp_path / ".site.html.abc123.tmp"
    left.write_text("torn")
    (tmp_path / ".other.html.abc.tmp").write_text("not ours")
    assert stale_temporaries(target) == [left]
    assert remove_stale_temporaries(target) == [left]
    assert not left.exists() and target.read_text() == "ok"
    assert (tmp_path / ".other.html.abc.tmp").exists()


# --- a writer killed at random moments ------------------------------------------------------

VERSION_LINES = 200_000  # ~5 MB a version: a kill lands inside a write most of the time

WRITER = r"""
import sys
from graph.files import atomic_write
target, first = sys.argv[1], int(sys.argv[2])
k = first
while True:
    with atomic_write(target) as f:
        line = "phiên bản %08d\n" % k
        for _ in range({lines} // 1000):
            f.write(line * 1000)
    print(k, flush=True)
    k += 1
""".replace("{lines}", str(VERSION_LINES))


def _version_of(text: str) -> int:
    """The version a whole file holds; fails on anything else."""
    first = text[:text.index("\n") + 1]
    assert first.startswith("phiên bản ")
    assert text == first * VERSION_LINES, "torn file"
    return int(first.split()[-1])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_writer_leaves_the_old_file_or_the_new_one(tmp_path):
    target = tmp_path / "export.ttl"
    with atomic_write(target) as f:
        f.write(("phiên bản %08d\n" % 0) * VERSION_LINES)
    rnd = random.Random(16)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    seen = {0}
    last = 0
    torn_temporaries = 0
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(last + 1)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        try:
            time.sleep(rnd.uniform(0.05, 1.0))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        done = [int(x) for x in proc.stdout.read().split()]
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        version = _version_of(target.read_text(encoding="utf-8"))
        # the last version reported written, or the next one if the kill came after its
        # rename and before its report
        expected = {done[-1] if done else last}
        expected.add(max(expected) + 1)
        assert version in expected, (round_, version, done)
        seen.add(version)
        last = version
        torn_temporaries += bool(remove_stale_temporaries(target))
    assert len(seen) > 2, "the writer never finished a version: the kills prove nothing"
    assert torn_temporaries > 0, "no kill landed inside a write: the kills prove nothing"


def test_the_next_write_removes_a_killed_writer_s_temporary_and_keeps_a_live_one(tmp_path):
    target = tmp_path / "export.nt"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(gone.stdout)  # a process that has ended
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        orphan = tmp_path / f".export.nt.{dead_pid}.abcd1234.tmp"
        busy = tmp_path / f".export.nt.{live.pid}.efgh5678.tmp"
        for p in (orphan, busy):
            p.write_text("half", encoding="utf-8")
        assert stale_temporaries(target) == sorted([orphan, busy])
        with atomic_write(target) as f:
            f.write("whole\n")
        assert target.read_text(encoding="utf-8") == "whole\n"
        assert not orphan.exists() and busy.exists()
    finally:
        live.kill()
        live.wait()
