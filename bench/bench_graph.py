"""Benchmark of the store and the graph queries on a generated cascade-shaped corpus.

    .venv/bin/python bench/bench_graph.py                 # ~250k nodes / ~600k edges
    .venv/bin/python bench/bench_graph.py --resolutions 30  # quick run

Shape (like the real cascade): Party resolutions (referenced only, stubs) -> 3 central
decisions each -> one plan per province (63) implementing both the resolution and one central
decision (two paths up) -> 2 department plans each; every plan assigns 2-5 tasks, 30 % of
them with a lead agency of the province. Records go through `build_from_records` (one
transaction per document), then `load_graph` (cold: assemble + cache; warm: a new process
opening the store and answering a first trace), then trace / impact timings.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.link import build_from_records, cache_path, lean_cache_path, load_graph  # noqa: E402
from graph.query import build_index, impact, trace  # noqa: E402

PROVINCES = [f"Tỉnh {i:02d}" for i in range(63)]
DEPTS = ["Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng",
         "Sở Công Thương", "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội",
         "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Công an tỉnh",
         "Sở Nông nghiệp và Phát triển nông thôn", "Sở Khoa học và Công nghệ",
         "Sở Thông tin và Truyền thông", "Sở Giao thông vận tải", "Sở Văn hóa - Thể thao và Du lịch",
         "Bảo hiểm xã hội tỉnh", "Ban Dân tộc", "Thanh tra tỉnh", "Sở Ngoại vụ"]
DEPT_CODES = ["SYT", "STC", "SNV", "STP", "SXD"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vn(date: dt.date) -> str:
    return f"ngày {date.day:02d}/{date.month:02d}/{date.year}"


def generate(n_res: int, seed: int = 7):
    rnd = random.Random(seed)
    counters: dict[tuple, int] = {}

    def number(scope, year):
        k = (scope, year)
        counters[k] = counters.get(k, 0) + 1
        return counters[k]

    def tasks(sym, prov, k):
        out = []
        for i in range(rnd.randint(2, 5)):
            due = (k + dt.timedelta(days=rnd.randint(60, 1200))).isoformat()
            out.append({"number": f"II.{i + 1}", "text": f"Nhiệm vụ {i + 1} của {sym}: triển khai "
                        f"nội dung {rnd.randint(1, 10**6)} trên địa bàn",
                        "lead": [rnd.choice(DEPTS)] if rnd.random() < 0.3 else [], "partners": [],
                        "deadline": None, "due": {"text": None, "due": due, "start": None,
                                                  "recurrence": None, "condition": None},
                        "references": [], "offset": 100 + i, "section": "II"})
        return out

    def record(path, sym, date, issuer, prov, refs, title):
        return {"source": path, "sha256": None,
                "document": {"symbol": sym, "doc_type": "Kế hoạch", "date": date.isoformat(),
                             "issuer": issuer, "jurisdiction": prov, "title": title,
                             "type_code": None, "inferred": []},
                "references": refs, "statements": [], "aliases": {}, "errors": [],
                "tasks": tasks(sym, prov, date)}

    def ref(sym, date, rel="implements"):
        return {"symbol": sym, "date": date.isoformat(), "relation": rel, "offset": 40,
                "evidence": f"Thực hiện {sym} {vn(date)}", "doc_type": None, "type_code": None,
                "issuer": None, "jurisdiction": None, "family": "", "aliases": [], "mentions": 1,
                "title": None}

    base = dt.date(2011, 3, 1)
    res_syms = []
    for r in range(n_res):
        rdate = base + dt.timedelta(days=int(r * 5000 / max(n_res, 1)))
        rsym = f"{r % 97 + 1}-NQ/TW" if r % 2 else f"{r % 97 + 1}-KL/TW"
        res_syms.append((rsym, rdate))
        centrals = []
        for c in range(3):
            cdate = rdate + dt.timedelta(days=rnd.randint(20, 120))
            csym = f"{number('TTg', cdate.year)}/QĐ-TTg"
            centrals.append((csym, cdate))
            yield record(f"gen/c/{r}-{c}.txt", csym, cdate, "Thủ tướng Chính phủ", None,
                         [ref(rsym, rdate)], f"Kế hoạch thực hiện {rsym}")
        for p in PROVINCES:
            csym, cdate = rnd.choice(centrals)
            pdate = cdate + dt.timedelta(days=rnd.randint(10, 300))
            psym = f"{number(p, pdate.year)}/KH-UBND"
            yield record(f"gen/p/{r}/{p}.txt", psym, pdate, f"Ủy ban nhân dân {p}", p,
                         [ref(rsym, rdate), ref(csym, cdate)], f"Kế hoạch thực hiện {rsym}")
            for d in range(2):
                ddate = pdate + dt.timedelta(days=rnd.randint(5, 90))
                code = DEPT_CODES[(r + d) % len(DEPT_CODES)]
                dsym = f"{number((p, code), ddate.year)}/KH-{code}"
                yield record(f"gen/d/{r}/{p}-{d}.txt", dsym, ddate, DEPTS[DEPT_CODES.index(code)],
                             p, [ref(psym, pdate)], f"Kế hoạch thực hiện {psym}")


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


def store_and_load(n_res: int, store: Path, res: dict) -> "object":
    """Write the generated records, then load the graph: assembled (no cache), with the
    cache written, and the lean view (with its lookup index, as the query commands open it).
    Returns the graph."""
    t = time.perf_counter()
    records = list(generate(n_res))
    res["generate_s"] = time.perf_counter() - t
    res["records"] = len(records)

    t = time.perf_counter()
    rep = build_from_records(records, store)
    res["store_write_s"] = time.perf_counter() - t
    res["store_mb"] = store.stat().st_size / 1e6
    res["written"] = rep.written
    del records

    rss0 = rss_mb()
    t = time.perf_counter()
    G = load_graph(store, use_cache=False)
    res["load_cold_assemble_s"] = time.perf_counter() - t
    res["nodes"], res["edges"] = G.number_of_nodes(), G.number_of_edges()
    res["rss_after_graph_mb"] = rss_mb()
    res["rss_graph_delta_mb"] = rss_mb() - rss0
    t = time.perf_counter()
    load_graph(store)  # builds and writes the cache
    res["load_cold_with_cache_write_s"] = time.perf_counter() - t
    res["cache_mb"] = cache_path(store).stat().st_size / 1e6
    t = time.perf_counter()
    load_graph(store, full=False, index=build_index)  # reads the full cache, writes the lean one
    res["lean_cache_write_s"] = time.perf_counter() - t
    res["lean_cache_mb"] = lean_cache_path(store).stat().st_size / 1e6
    return G


def fresh_processes(store: Path, task: str, res: dict) -> None:
    """A fresh process opens the store (cache hit) and answers a first trace, as the CLI does
    (full=False: the lean cache) and as the Python API does by default (full networkx graph);
    then the command line itself: `policygraph trace TASK --json`, and a symbol."""
    res["load_avg_1m"] = os.getloadavg()[0]
    for name, full in (("warm", False), ("warm_full", True)):
        code = ("import time,sys; t=time.perf_counter(); sys.path.insert(0, %r);"
                "from graph.link import load_graph; from graph.query import trace;"
                "t0=time.perf_counter(); G=load_graph(%r, full=%r); t1=time.perf_counter();"
                "out=trace(G, %r); t2=time.perf_counter(); print(t0-t, t1-t, t2-t, len(out['paths']))"
                ) % (str(ROOT), str(store), full, task)
        t = time.perf_counter()
        line = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True).stdout.split()
        res[f"{name}_process_total_s"] = time.perf_counter() - t
        res[f"{name}_imports_s"] = float(line[0])
        res[f"{name}_load_s"] = float(line[1]) - float(line[0])
        res[f"{name}_first_trace_s"] = float(line[2]) - float(line[1])
        res[f"{name}_first_trace_paths"] = int(line[3])
    for name, q in (("cli_trace_task", task), ("cli_trace_symbol", "Nghị quyết 2")):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "graph", "trace", q, "--store", str(store), "--json"],
                       capture_output=True, text=True, check=True, cwd=str(ROOT))
        res[f"{name}_s"] = time.perf_counter() - t


def timed(fn, items) -> tuple[list[float], list]:
    """(milliseconds, result) of fn(item) for each item."""
    times, outs = [], []
    for x in items:
        t = time.perf_counter()
        outs.append(fn(x))
        times.append((time.perf_counter() - t) * 1000)
    return times, outs


def query_timings(G, n_traces: int, n_impacts: int, res: dict) -> None:
    """trace over sampled tasks, impact over sampled Party resolutions, a fuzzy trace."""
    rnd = random.Random(1)
    tasks = [n for n, a in G.nodes(data=True) if a.get("kind") == "task"]
    times, outs = timed(lambda n: trace(G, n), rnd.sample(tasks, min(n_traces, len(tasks))))
    assert all(h["evidence"] for out in outs for p in out["paths"] for h in p[1:])
    res["trace_p50_ms"], res["trace_p99_ms"] = pct(times, 50), pct(times, 99)
    res["trace_mean_paths"] = statistics.mean(len(out["paths"]) for out in outs)

    docs = [n for n, a in G.nodes(data=True) if a.get("kind") == "document" and a.get("stub")
            and a.get("level") == "party"]
    times, outs = timed(lambda n: impact(G, n), rnd.sample(docs, min(n_impacts, len(docs))))
    res["impact_p50_ms"], res["impact_p99_ms"] = pct(times, 50), pct(times, 99)
    res["impact_mean_rows"] = statistics.mean(len(o["documents"]) + len(o["tasks"]) for o in outs)

    times, _ = timed(lambda q: trace(G, q), ["Nhiệm vụ 1 của 1/KH-UBND"])  # fuzzy: words of a task
    res["trace_fuzzy_text_ms"] = times[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--resolutions", type=int, default=300)
    ap.add_argument("--store", default=None, help="store file (default: a temp dir)")
    ap.add_argument("--traces", type=int, default=2000)
    ap.add_argument("--impacts", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="pgbench-")
    store = Path(args.store or os.path.join(tmp, "bench.sqlite"))
    for p in (store, cache_path(store)):
        if p.exists():
            p.unlink()
    res: dict[str, object] = {}
    G = store_and_load(args.resolutions, store, res)
    task = next(n for n, a in G.nodes(data=True) if a.get("kind") == "task" and "/kh-s" in n)
    fresh_processes(store, task, res)
    query_timings(G, args.traces, args.impacts, res)
    res["peak_rss_mb"] = rss_mb()
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"{'measure':<32}{'value':>14}")
        for k, v in res.items():
            print(f"{k:<32}{(f'{v:.3f}' if isinstance(v, float) else str(v)):>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
