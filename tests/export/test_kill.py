"""A kill at any moment leaves each output whole (issue 16): `export`, `html` and `site` are
killed by pid at random moments while they rewrite an output with other content; afterwards the
output is the old version or the new one, and valid, never torn or empty."""
from __future__ import annotations

import hashlib
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KILLS = 6  # bounded: each round is one process started and killed


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = tmp_path_factory.mktemp("kill") / "s.sqlite"
    subprocess.run([sys.executable, "-m", "graph", "build", str(ROOT / "data" / "samples"),
                    "--store", str(s), "-q"], check=True, capture_output=True, cwd=ROOT)
    return s


def _run(args: list[str]) -> None:
    subprocess.run([sys.executable, "-m", "graph", *args], check=True, capture_output=True, cwd=ROOT)


def _digest(path: Path) -> str:
    if path.is_dir():
        h = hashlib.sha256()
        for p in sorted(path.rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(path)).encode() + b"\0" + p.read_bytes())
        return h.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kill_rounds(args_of, out: Path, valid) -> int:
    """Write two versions once each (their digests), then start writers of either version and
    kill them at random moments; the output must always be one of the two, and valid."""
    versions = {}
    for v in (0, 1):
        _run(args_of(v))
        versions[v] = _digest(out)
        assert valid(out)
    assert versions[0] != versions[1]
    rng = random.Random(16)
    killed_mid_run = 0
    for i in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "graph", *args_of(i % 2)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        proc.wait(timeout=60)
        assert out.exists(), f"round {i}: the output is gone"
        assert _digest(out) in versions.values(), f"round {i}: the output is torn"
        assert valid(out)
    return killed_mid_run


def test_export_killed_leaves_the_old_or_the_new_turtle(store, tmp_path):
    import pyoxigraph
    out = tmp_path / "g.ttl"

    def valid(p):
        return len(list(pyoxigraph.parse(p.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))) > 100

    _kill_rounds(lambda v: ["export", "--store", str(store), "-o", str(out),
                            "--base", f"https://example.org/v{v}/"], out, valid)


def test_html_killed_leaves_the_old_or_the_new_page(store, tmp_path):
    out = tmp_path / "g.html"
    focus = ["20-NQ/TW", "21-NQ/TW"]
    _kill_rounds(lambda v: ["html", "--store", str(store), "--focus", focus[v], "-o", str(out)],
                 out, lambda p: p.read_text(encoding="utf-8").rstrip().endswith("</html>"))


def test_site_killed_leaves_the_old_or_the_new_folder(store, tmp_path):
    out = tmp_path / "site"
    ats = ["2019-01-01", "2021-01-01"]
    _kill_rounds(lambda v: ["site", "--store", str(store), "-o", str(out), "--at", ats[v]],
                 out, lambda p: (p / "index.html").is_file())
