"""Benchmark of `policygraph build` on a generated corpus, full and incremental.

    python bench/generate_corpus.py --docs 100000 --out /tmp/gc100k --seed 1
    .venv/bin/python bench/bench_build.py --corpus /tmp/gc100k [--work /tmp/pgbuild] [--jobs 2]

Steps, each in its own process (the CLI as users run it):
 1. `policygraph build WORK/docs --store STORE --no-html --jobs J -q --json` on a fresh store:
    wall time and peak RSS of the whole process tree (build + extraction workers, sampled
    every 0.1 s with psutil, summed over the tree).
 2. the first `load_graph(STORE)` after that build (assembly + cache write), then a warm one.
 3. 100 files are changed (a sentence appended to one task; the working copy is a hard-link
    tree of the corpus, each changed file is written as a new inode so the corpus stays
    untouched), `policygraph build` again: wall and peak RSS.
 4. the first `load_graph(STORE)` after the change, separately, then a `trace` from a fresh
    process.
The load average is printed with every step: the machine is shared.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = [PY, "-m", "graph"]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_measured(cmd: list[str], env=None) -> dict:
    """Run cmd; wall time and peak summed RSS of its process tree."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         cwd=str(ROOT), env=env)
    peak = [0]
    stop = threading.Event()

    def sample():
        try:
            proc = psutil.Process(p.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                total = proc.memory_info().rss
                for c in proc.children(recursive=True):
                    try:
                        total += c.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
                peak[0] = max(peak[0], total)
            except psutil.NoSuchProcess:
                return
            stop.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = p.communicate()
    stop.set()
    th.join()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{cmd} failed ({p.returncode}):\n{err[-3000:]}")
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(peak[0] / 2**20), "stdout": out,
            "load": load()}


LOAD_CODE = """
import time, sys, json
sys.path.insert(0, {root!r})
t = time.perf_counter()
from graph.link import load_graph
G = load_graph({store!r})
t1 = time.perf_counter()
print(json.dumps({{"load_s": t1 - t, "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}}))
"""

TRACE_CODE = """
import time, sys, json
sys.path.insert(0, {root!r})
t = time.perf_counter()
from graph.link import load_graph
from graph.query import build_index, trace
G = load_graph({store!r}, full=False, index=build_index)  # as the query commands open it
out = trace(G, {query!r})
print(json.dumps({{"first_trace_s": time.perf_counter() - t, "roots": len(out["roots"])}}))
"""


def py_measured(code: str) -> dict:
    r = run_measured([PY, "-c", code])
    d = json.loads(r.pop("stdout").strip().splitlines()[-1])
    d.update(r)
    return d


def build_cmd(docs: Path, store: Path, jobs: int) -> list[str]:
    return CLI + ["build", str(docs), "--store", str(store), "--no-html", "--jobs", str(jobs),
                  "-q", "--json"]


def change_files(docs: Path, n: int, seed: int, stamp: str) -> list[Path]:
    files = sorted(docs.rglob("*.txt"))
    rnd = random.Random(seed)
    picked = rnd.sample([f for f in files if "provincial" in f.name or "department" in f.name], n)
    for f in picked:
        text = f.read_text(encoding="utf-8")
        marker = "- Đơn vị chủ trì:"
        i = text.find(marker)
        add = f" Bổ sung nội dung lần {stamp}."
        text = (text[:i].rstrip("\n") + add + "\n" + text[i:]) if i > 0 else text + add
        tmp = f.with_name(f.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, f)  # a new inode: the hard-linked corpus keeps its bytes
    return picked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="/tmp/gc100k", help="output of generate_corpus.py")
    ap.add_argument("--work", default="/tmp/pgbuild", help="working copy (hard links) + store")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--changed", type=int, default=100)
    ap.add_argument("--reuse-store", action="store_true",
                    help="skip the full build when WORK/store.sqlite exists")
    ap.add_argument("--drop-caches", action="store_true",
                    help="with --reuse-store: delete the graph caches first")
    args = ap.parse_args()
    corpus, work = Path(args.corpus), Path(args.work)
    docs, store = work / "docs", work / "store.sqlite"
    res: dict = {"corpus": str(corpus), "jobs": args.jobs, "cores": os.cpu_count()}
    if not (args.reuse_store and store.exists()):
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        subprocess.run(["cp", "-al", str(corpus / "docs"), str(docs)], check=True)
        print(f"[{load()}] full build …", file=sys.stderr)
        r = run_measured(build_cmd(docs, store, args.jobs))
        rep = json.loads(r.pop("stdout"))
        r.update({k: rep[k] for k in ("files", "written", "documents", "references", "tasks")})
        r["failures"] = len(rep["failures"])
        r["store_mb"] = round(store.stat().st_size / 1e6)
        res["full_build"] = r
        print(f"  {r}", file=sys.stderr)
    elif args.drop_caches:  # caches of another version of the code: assemble afresh
        for suffix in (".graph.pickle", ".graph.lean.pickle", ".graph.state.pickle"):
            Path(str(store) + suffix).unlink(missing_ok=True)
    if not (args.reuse_store and store.exists()) or args.drop_caches:
        print(f"[{load()}] first load_graph after the full build …", file=sys.stderr)
        res["first_load_after_build"] = py_measured(LOAD_CODE.format(root=str(ROOT), store=str(store)))
        print(f"  {res['first_load_after_build']}", file=sys.stderr)
    res["warm_load"] = py_measured(LOAD_CODE.format(root=str(ROOT), store=str(store)))
    print(f"  warm load {res['warm_load']}", file=sys.stderr)

    picked = change_files(docs, args.changed, seed=int(time.time()), stamp=str(time.time_ns()))
    print(f"[{load()}] rebuild after changing {len(picked)} files …", file=sys.stderr)
    r = run_measured(build_cmd(docs, store, args.jobs))
    rep = json.loads(r.pop("stdout"))
    r.update({k: rep[k] for k in ("files", "written", "skipped")})
    r["changed_files"] = len(picked)
    res["incremental_build"] = r
    print(f"  {r}", file=sys.stderr)
    q = "Bổ sung nội dung lần"
    try:  # the CLI path first: lean graph, patched from the full cache of the last version
        print(f"[{load()}] first trace (lean) after the change …", file=sys.stderr)
        res["first_trace_after_change"] = py_measured(
            TRACE_CODE.format(root=str(ROOT), store=str(store), query=q))
        print(f"  {res['first_trace_after_change']}", file=sys.stderr)
    except SystemExit as exc:  # older load_graph without `full`
        res["first_trace_after_change"] = str(exc)[:300]
    print(f"[{load()}] first full load_graph after the change …", file=sys.stderr)
    res["first_load_after_change"] = py_measured(LOAD_CODE.format(root=str(ROOT), store=str(store)))
    print(f"  {res['first_load_after_change']}", file=sys.stderr)
    res["warm_load_after_change"] = py_measured(LOAD_CODE.format(root=str(ROOT), store=str(store)))
    try:
        res["warm_trace_after_change"] = py_measured(
            TRACE_CODE.format(root=str(ROOT), store=str(store), query=q))
    except SystemExit as exc:
        res["warm_trace_after_change"] = str(exc)[:300]
    print(json.dumps(res, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
