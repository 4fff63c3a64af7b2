"""Figures of the explorer (issue 15): index build, `serve` start, search and page times,
interactive time in Chromium, the static site, and the peak memory of `serve`.

    .venv/bin/python bench/bench_explorer.py --samples
    .venv/bin/python bench/bench_explorer.py --official ../shared/corpus/official.jsonl --site
    .venv/bin/python bench/bench_explorer.py --store /tmp/g100k.sqlite [--browser]

For each store: the index is built (in its own process, peak RSS sampled) when it is older
than the store; `policygraph serve` is started as a child process and timed until its first
page answers; then, with the server up and its RSS sampled every 0.05 s, it times searches
(symbols spelled four ways, short forms, words of titles, tasks and agencies), document pages
and cascade pages over HTTP on 127.0.0.1, and the same searches and pages in-process
(server-side time, no HTTP). Each time is given as wall time and as the CPU time of the
serving process (on a shared machine the wall time grows with the others' load, the CPU time
much less). --browser opens document and cascade pages in headless Chromium
(network blocked but 127.0.0.1) until the page's script is ready. --site writes the static
site. Results are printed and written to bench/results/bench_explorer.json. Goals: serve ready
< 2 s, search p95 < 100 ms, document / cascade page p95 < 300 ms server-side and < 1 s
interactive, site of the 318 texts < 60 s, serve peak < 1.5 GB at 100k documents.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from graph.explorer import index as X  # noqa: E402
from graph.explorer import pages, render  # noqa: E402
from graph.explorer.queries import Index  # noqa: E402
from graph.explorer.search import search  # noqa: E402


class Peak:
    """Peak RSS (bytes) of a process and its children, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        import psutil
        self.proc, self.every, self.peak = psutil.Process(pid), every, 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        import psutil
        while not self._stop.is_set():
            try:
                rss = self.proc.memory_info().rss + sum(
                    c.memory_info().rss for c in self.proc.children(recursive=True))
                self.peak = max(self.peak, rss)
            except psutil.Error:
                pass
            time.sleep(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak


def stats(times: list[float]) -> dict:
    s = sorted(times)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return {"n": len(s), "median_ms": round(statistics.median(s) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "max_ms": round(s[-1] * 1000, 1)}


def build_index(store: Path) -> dict:
    """Build the index in a child process when stale: seconds and peak RSS."""
    if X.is_fresh(store):
        return {"built": False}
    code = "import sys; from graph.explorer.index import build_index; build_index(sys.argv[1])"
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code, str(store)], cwd=ROOT)
    peak = Peak(p.pid, 0.2)
    p.wait()
    return {"built": True, "seconds": round(time.perf_counter() - t0, 2),
            "peak_mb": round(peak.stop() / 2**20), "ok": p.returncode == 0,
            "index_mb": round(X.index_path(store).stat().st_size / 2**20, 1)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(store: Path) -> tuple[subprocess.Popen, str, float]:
    """`policygraph serve`-equivalent serve process; (process, base URL, seconds
    until the home page answered)."""
    port = free_port()
    code = ("import sys; from graph.explorer.app import serve; "
            "serve(sys.argv[1], port=int(sys.argv[2]))")
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code, str(store), str(port)], cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    while time.perf_counter() - t0 < 120:
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as r:
                if r.status == 200:
                    return p, base, time.perf_counter() - t0
        except OSError:
            time.sleep(0.02)
    p.kill()
    raise RuntimeError("serve did not answer in 120 s")


def workload(ix: Index, n: int, seed: int = 1) -> dict[str, list[str]]:
    """Queries and page slugs drawn from the index: symbols in four spellings, short forms,
    words of titles, tasks and agencies; documents, the most implemented ones first."""
    rnd = random.Random(seed)
    docs = ix.all("SELECT symbol, type_code, doc_type, slug FROM doc WHERE symbol IS NOT NULL "
                  "AND symbol GLOB '[0-9]*' ORDER BY id")
    sample = rnd.sample(list(docs), min(n, len(docs)))
    queries: list[str] = []
    for d in sample:
        sym = d["symbol"]
        num = sym.split("/")[0].split("-")[0]
        queries += [sym, sym.replace("-", "#").replace("/", "-").replace("#", "/"),
                    f"{d['type_code']}{num}", f"{(d['doc_type'] or '').lower()} {num}"]
    texts = [r[0] for r in ix.all("SELECT text FROM task WHERE text IS NOT NULL "
                                  "ORDER BY id LIMIT 20000")]
    for t in rnd.sample(texts, min(n, len(texts))):
        words = t.split()
        i = rnd.randrange(max(1, len(words) - 3))
        queries.append(" ".join(words[i:i + 3]))
    agencies = [r[0] for r in ix.all("SELECT name FROM agency ORDER BY n_lead DESC LIMIT 200")]
    queries += rnd.sample(agencies, min(n // 2, len(agencies)))
    roots = [r[0] for r in ix.all("SELECT slug FROM doc WHERE n_below > 0 "
                                  "ORDER BY n_below DESC LIMIT ?", (n,))]
    any_docs = [d["slug"] for d in rnd.sample(list(docs), min(n, len(docs)))]
    return {"queries": queries, "docs": roots[: n // 2] + any_docs[: n - n // 2],
            "roots": roots}


def time_http(base: str, paths: list[str], pid: int) -> dict:
    """Wall time of each request and the CPU time the server process spent on it (which the
    other work on a shared machine does not lengthen)."""
    import psutil
    proc = psutil.Process(pid)
    wall, cpu = [], []
    for p in paths:
        c0 = sum(proc.cpu_times()[:2])
        t0 = time.perf_counter()
        with urllib.request.urlopen(base + p, timeout=60) as r:
            r.read()
        wall.append(time.perf_counter() - t0)
        cpu.append(sum(proc.cpu_times()[:2]) - c0)
    return {**stats(wall), "cpu": stats(cpu)}


def time_calls(fn, args: list) -> dict:
    wall, cpu = [], []
    for a in args:
        c0, t0 = time.process_time(), time.perf_counter()
        fn(a)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {**stats(wall), "cpu": stats(cpu)}


READY = "window.pgExplorer && window.pgExplorer.ready"
PHASES = """() => { const n = performance.getEntriesByType('navigation')[0];
    return [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd, n.transferSize,
            document.getElementsByTagName('*').length, window.pgExplorer.readyAt]; }"""


def interactive(base: str, paths: list[str]) -> dict:
    """Seconds from navigation to the page's script being ready, in headless Chromium
    (tests/browser_util.open_page: every request but 127.0.0.1 blocked): `ready` by the
    page's own clock (pgExplorer.readyAt, from the start of the navigation), `harness` as
    the bench sees it (goto + waiting for the flag: adds Playwright's round trips), and
    where the time went: first byte, last byte, DOMContentLoaded, the page's bytes and
    elements."""
    from browser_util import browser, open_page
    out: dict[str, list] = {"ready": [], "harness": [], "first_byte": [], "last_byte": [],
                            "dom_loaded": [], "kb": [], "elements": []}
    with browser() as b:
        page, log = open_page(b, base + "/", (1366, 768), (base + "/",), READY)
        for p in paths:
            t0 = time.perf_counter()
            page.goto(base + p, wait_until="domcontentloaded")
            page.wait_for_function(READY)
            out["harness"].append(time.perf_counter() - t0)
            first, last, dom, size, elements, ready = page.evaluate(PHASES)
            for k, v in (("first_byte", first), ("last_byte", last), ("dom_loaded", dom),
                         ("ready", ready)):
                out[k].append(v / 1000)
            out["kb"].append(size / 1024)
            out["elements"].append(elements)
        assert not log.blocked and not log.page_errors, (log.blocked, log.page_errors)
    res = {}
    for k in ("ready", "harness", "first_byte", "last_byte", "dom_loaded"):
        res[k] = stats(out[k])
    res["kb_median"] = round(statistics.median(out["kb"]), 1)
    res["kb_max"] = round(max(out["kb"]), 1)
    res["elements_max"] = max(out["elements"])
    return res


def bench_store(store: Path, n: int, browser: bool, n_browser: int = 20,
                http: bool = True) -> dict:
    res: dict = {"store": str(store), "index": build_index(store)}
    ix = Index(X.index_path(store))
    res["counts"] = ix.counts()
    work = workload(ix, n)
    proc, base, ready = start_serve(store)
    res["serve_ready_s"] = round(ready, 3)
    peak = Peak(proc.pid)
    try:
        q_paths = ["/tim?q=" + quote_plus(q) for q in work["queries"]]
        d_paths = [f"/van-ban/{quote(s)}" for s in work["docs"]]
        c_paths = [f"/trien-khai/{quote(s)}" for s in work["roots"]]
        if http:
            res["http"] = {"search": time_http(base, q_paths, proc.pid),
                           "document": time_http(base, d_paths, proc.pid)}
            if c_paths:
                res["http"]["cascade"] = time_http(base, c_paths, proc.pid)
        if browser:
            res["interactive"] = {"document": interactive(base, d_paths[:n_browser]),
                                  "cascade": interactive(base, c_paths[:n_browser])}
    finally:
        res["serve_peak_mb"] = round(peak.stop() / 2**20)
        proc.terminate()
        proc.wait(10)
    if http:
        res["server_side"] = server_side(ix, work)
    return res


def server_side(ix: Index, work: dict) -> dict:
    """In-process: the search, and each page's context rendered to HTML (no HTTP)."""
    view, urls, counts = pages.View(), render.Urls(), ix.counts()

    def page(template: str, build):
        return lambda s: render.render(template, urls, view=view, counts=counts, stale=False,
                                       **build(ix, s, view))

    out = {"search": time_calls(lambda q: search(ix, q, at=view.at), work["queries"]),
           "document": time_calls(page("document.html", pages.document), work["docs"])}
    if work["roots"]:
        out["cascade"] = time_calls(page("cascade.html", pages.cascade), work["roots"])
    return out


def build_store(paths: list[str], store: Path) -> Path:
    from graph.link import build
    build(paths, store, jobs=1, progress=False)
    return store


def official_store(jsonl: str, work: Path) -> Path:
    """The official texts as .txt files in a temporary folder, built into a store."""
    folder = work / "official"
    folder.mkdir(parents=True, exist_ok=True)
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    return build_store([str(folder)], work / "official.sqlite")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", action="store_true", help="the three files of data/samples")
    ap.add_argument("--official", metavar="JSONL", help="official.jsonl of the shared corpus")
    ap.add_argument("--store", action="append", default=[], help="an existing store")
    ap.add_argument("--n", type=int, default=60, help="queries / pages of each kind")
    ap.add_argument("--browser", action="store_true", help="also time pages in Chromium")
    ap.add_argument("--n-browser", type=int, default=20,
                    help="document / cascade pages opened in Chromium (default 20)")
    ap.add_argument("--no-http", action="store_true",
                    help="skip the HTTP and in-process timings (browser only)")
    ap.add_argument("--site", action="store_true", help="also write the static site")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench_explorer_"))
    stores = [Path(s) for s in args.store]
    if args.samples:
        stores.insert(0, build_store([str(ROOT / "data" / "samples")], work / "samples.sqlite"))
    if args.official:
        stores.append(official_store(args.official, work))
    results = []
    for s in stores:
        r = bench_store(s, args.n, args.browser, args.n_browser, not args.no_http)
        if args.site:
            from graph.explorer.site import write_site
            rep = write_site(s, work / f"site-{s.stem}")
            r["site"] = {"pages": rep["pages"], "seconds": round(rep["seconds"], 1)}
        r["load_average"] = os.getloadavg()
        results.append(r)
        print(json.dumps(r, ensure_ascii=False, indent=1))
    out = ROOT / "bench" / "results" / "bench_explorer.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
