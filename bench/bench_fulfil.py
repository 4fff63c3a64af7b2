"""Precision and recall of task fulfilment (graph.link.fulfil) on a generated corpus whose
generator knows the true fulfilments (bench/generate_fulfil.py), and the time it takes.

    .venv/bin/python bench/bench_fulfil.py               # 300 provincial plans
    .venv/bin/python bench/bench_fulfil.py --plans 60    # quick run

Files are written, built into a store (`build`, the real extraction), the graph is assembled
and `add_fulfilments` adds the `fulfilled_by` edges; each edge is compared, as (plan
symbol, plan province, task number, document symbol, document province), with truth.jsonl.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate_fulfil import write  # noqa: E402

from graph.link import build, load_graph  # noqa: E402
from graph.link.fulfil import add_fulfilments  # noqa: E402
from graph.models import FULFILLED_BY  # noqa: E402
from graph.text import strip_accents, symbol_norm  # noqa: E402


def sym(s) -> str:
    """A symbol as compared here: the reader spells 12/ĐA-UBND "12/DA-UBND" (see README)."""
    return strip_accents(symbol_norm(s or ""))


def found_pairs(G) -> set[tuple]:
    """The fulfilled_by edges of G as comparable tuples."""
    out = set()
    for u, v, k in G.edges(keys=True):
        if k != FULFILLED_BY:
            continue
        t = G.nodes[u]
        plan = G.nodes[t["plan"]]
        d = G.nodes[v]
        out.add((sym(plan.get("symbol")), plan.get("jurisdiction"), t.get("number"),
                 sym(d.get("symbol")), d.get("jurisdiction")))
    return out


def true_pairs(path: Path) -> set[tuple]:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {(sym(r["plan"]), r["plan_province"], r["task"], sym(r["document"]), r["document_province"])
            for r in rows}


def score(found: set, truth: set) -> dict:
    tp = len(found & truth)
    return {"true": len(truth), "found": len(found), "right": tp,
            "precision": round(tp / len(found), 4) if found else 1.0,
            "recall": round(tp / len(truth), 4) if truth else 1.0}


def run(plans: int, seed: int, jobs: int, show: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        manifest = write(plans, out, seed)
        t0 = time.perf_counter()
        build([out / "docs"], out / "s.sqlite", jobs=jobs, progress=False)
        t1 = time.perf_counter()
        G = load_graph(out / "s.sqlite", use_cache=False)
        t2 = time.perf_counter()
        add_fulfilments(G)
        t3 = time.perf_counter()
        found, truth = found_pairs(G), true_pairs(out / "truth.jsonl")
    result = {**manifest, **score(found, truth), "build_s": round(t1 - t0, 2),
              "assemble_s": round(t2 - t1, 2), "fulfil_s": round(t3 - t2, 3),
              "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    if show:
        result["false_positives"] = sorted(map(list, found - truth))[:show]
        result["misses"] = sorted(map(list, truth - found))[:show]
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=0, help="list this many errors of each side")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.plans, args.seed, args.jobs, args.show), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
