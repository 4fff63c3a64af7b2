"""Timing of the HTML view in the same headless Chromium as the browser tests.

    .venv/bin/python bench/bench_html.py [--nodes 5000] [--repeat 3]

Builds a synthetic cascade by hand (one resolution, central decisions, 63 provincial plans,
department plans, tasks, agencies) of about --nodes nodes, writes the page with tasks NOT
grouped (so the browser really draws every node), opens it offline and measures:
  write   - Python: graph -> HTML file
  open    - page.goto until the network is drawn and settled (pgState.ready && stabilized)
  drawn   - in-page time from script start to the first drawing
  click   - highlighting one task's lineage (restyles every node and edge)
  search  - one search over all nodes
and the same for the grouped whole-graph view of a graph with ~4x the tasks.
Results are printed and saved to bench/results/bench_html.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser_util import browser, open_page, skip_reason, wait_ready  # noqa: E402
from graph.export.html import write_html  # noqa: E402


def synthetic(n_nodes: int, task_factor: float = 1.0) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()

    def edge(u, v, rel, **kw):
        G.add_edge(u, v, key=rel, relation=rel, **kw)

    G.add_node("doc:20-NQ/TW", kind="document", symbol="20-NQ/TW", level="party", year=2017,
               type_code="NQ", label="20-NQ/TW", title="về bảo vệ sức khỏe nhân dân")
    for c in range(5):
        s = f"{100 + c}/QĐ-TTg"
        G.add_node(f"doc:{s}", kind="document", symbol=s, level="central", year=2018,
                   type_code="QĐ", label=s)
        edge(f"doc:{s}", "doc:20-NQ/TW", "implements", evidence=f"Thực hiện Nghị quyết 20 ({s})")
    provinces = 63
    depts_per = 4
    agencies_per = 10
    fixed = 6 + provinces * (1 + depts_per + agencies_per)
    n_tasks = int(max(0, n_nodes - fixed) * task_factor)
    depts = []
    for p in range(provinces):
        prov = f"Tỉnh {p:02d}"
        ps = f"{p + 1}-KH/TU"
        pid = f"doc:{ps}|{prov}"
        G.add_node(pid, kind="document", symbol=ps, level="provincial", year=2018,
                   jurisdiction=prov, type_code="KH", label=ps)
        edge(pid, "doc:20-NQ/TW", "implements", evidence="Thực hiện Nghị quyết số 20-NQ/TW")
        edge(pid, f"doc:{100 + p % 5}/QĐ-TTg", "cites", evidence="Căn cứ Quyết định")
        ags = []
        for a in range(agencies_per):
            aid = f"agency:Sở {a}|{prov}"
            G.add_node(aid, kind="agency", label=f"Sở {a}", name=f"Sở {a} {prov}",
                       jurisdiction=prov)
            ags.append(aid)
        for d in range(depts_per):
            ds = f"{d + 1}/KH-S{d}"
            did = f"doc:{ds}|{prov}"
            G.add_node(did, kind="document", symbol=ds, level="department", year=2019,
                       jurisdiction=prov, type_code="KH", label=ds)
            edge(did, pid, "implements", evidence=f"Thực hiện Kế hoạch số {ps}")
            edge(did, ags[d], "issued_by")
            depts.append((did, prov, ags))
    for t in range(n_tasks):
        did, prov, ags = depts[t % len(depts)]
        tid = f"task:{did}#{t}"
        G.add_node(tid, kind="task", number=str(t), label=f"NV {t}", plan=did,
                   text=f"Nhiệm vụ {t}: tuyên truyền, kiểm tra, báo cáo", jurisdiction=prov,
                   due=f"20{20 + t % 6}-12-31")
        edge(tid, did, "part_of")
        edge(tid, ags[t % len(ags)], "assigns", role="lead", evidence="chủ trì")
        if t % 3 == 0:
            edge(tid, ags[(t + 1) % len(ags)], "assigns", role="partner", evidence="phối hợp")
    return G


def measure(b, G, path: Path, repeat: int, **kw) -> dict:
    t = time.perf_counter()
    out = write_html(G, path, **kw)
    write_s = time.perf_counter() - t
    opens, drawn, clicks, searches = [], [], [], []
    n_display = None
    for _ in range(repeat):
        t = time.perf_counter()
        page, log = open_page(b, out)
        wait_ready(page, timeout_ms=300000)
        opens.append(time.perf_counter() - t)
        drawn.append(page.evaluate("pgState.tStabilized") / 1000)
        n_display = page.evaluate("pgNodes.length")
        task = page.evaluate("pgNodes.get({filter: n => n.kind !== 'agency' && "
                             "n.kind !== 'document'})[0].id")
        clicks.append(page.evaluate("""(id) => { const t = performance.now();
            pgHighlight(id); return (performance.now() - t) / 1000; }""", task))
        t = time.perf_counter()
        page.fill("#search", "tuyen truyen")
        searches.append(time.perf_counter() - t)
        errors = log.console_errors + log.page_errors + log.failed + log.blocked
        assert not errors, errors
        page.context.close()
    return {"graph_nodes": G.number_of_nodes(), "graph_edges": G.number_of_edges(),
            "display_nodes": n_display, "html_bytes": out.stat().st_size,
            "write_s": round(write_s, 3),
            "open_to_settled_s_median": round(statistics.median(opens), 3),
            "open_to_settled_s_all": [round(x, 3) for x in opens],
            "in_page_drawn_s_median": round(statistics.median(drawn), 3),
            "click_highlight_s_median": round(statistics.median(clicks), 3),
            "search_fill_s_median": round(statistics.median(searches), 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = ap.parse_args()
    reason = skip_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    results = {}
    with browser() as b:
        G = synthetic(args.nodes)
        results["ungrouped"] = measure(b, G, outdir / "bench_5k.html", args.repeat,
                                       group_tasks=False)
        print("ungrouped", json.dumps(results["ungrouped"], ensure_ascii=False))
        G = synthetic(args.nodes, task_factor=4.0)
        results["grouped"] = measure(b, G, outdir / "bench_grouped.html", args.repeat)
        print("grouped  ", json.dumps(results["grouped"], ensure_ascii=False))
        results["browser"] = b.version
    (outdir / "bench_html.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
