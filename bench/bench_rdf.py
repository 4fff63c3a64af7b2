"""Benchmark: RDF export of a generated cascade graph, rdflib's default store vs pyoxigraph.

    .venv/bin/python bench/bench_rdf.py                 # ~3M triples
    .venv/bin/python bench/bench_rdf.py --docs 2000     # quick run
    .venv/bin/python bench/bench_rdf.py --skip-rdflib   # fast path only

Builds a synthetic GRAPH_SCHEMA graph (Party resolutions -> provincial plans -> department
plans -> tasks assigned to agencies, with evidence on every edge), then times
  * the fast path: minting the sorted N-Triples text in one process (`rdf.iter_ntriples`),
    `rdf.export` to N-Triples and to --format (nt and ttl written as text by --workers forked
    processes, default the CPUs available; xml and jsonld through pyoxigraph),
    `rdf.to_oxigraph`;
  * the plain path: `rdf.to_rdflib` (the triples of the plain mapping in rdflib's default
    store) and rdflib's serializer,
and reports triples/s. Results are printed as JSON and appended to bench/results/rdf.jsonl.

    .venv/bin/python bench/bench_rdf.py --docs 100000 --skip-rdflib --skip-list   # ~26M triples
    .venv/bin/python bench/bench_rdf.py --official ../shared/corpus/official.jsonl   # real texts

--official: the graph of the texts of a JSON-lines corpus ("text" per line), extracted and
built into a store in a temporary folder (what `policygraph export --store` reads: the export
then has its source files' hashes and the build's times), instead of the generated graph.
`ratio` is the fast path's triples/s over rdflib's, the figure to compare between versions.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import sys
import tempfile
import time

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from graph.export import rdf  # noqa: E402
from graph.export.rdf import parallel  # noqa: E402

PROVINCES = ["Thái Bình", "Quảng Ngãi", "Hà Nội", "Đà Nẵng", "Cần Thơ", "Nghệ An",
             "Lào Cai", "Bình Định", "Hải Phòng", "Long An"]
DEPTS = ["Sở Y tế", "Sở Lao động – Thương binh và Xã hội", "Sở Giáo dục và Đào tạo",
         "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp"]


def synthetic_graph(n_docs: int, tasks_per_plan: int = 4, seed: int = 7) -> nx.MultiDiGraph:
    """A cascade of about n_docs documents (GRAPH_SCHEMA), deterministic for a seed."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    src_n = 0

    def source():
        return f"corpus/{src_n:06d}.txt"

    def edge(u, v, rel, ev, **kw):
        G.add_edge(u, v, key=rel, relation=rel, evidence=ev, source=source(),
                   offset=rnd.randrange(0, 50000), origin=kw.pop("origin", "preamble"), **kw)

    n_party = max(2, n_docs // 200)
    party = []
    for i in range(n_party):
        sym = f"{i + 1}-NQ/TW"
        n = f"doc:{sym.lower()}"
        party.append(n)
        G.add_node(n, kind="document", label=sym, symbol=sym, doc_type="Nghị quyết",
                   type_code="NQ", date=f"{2010 + i % 12}-10-25", year=2010 + i % 12,
                   issuer="Ban Chấp hành Trung ương Đảng", jurisdiction=None, level="party",
                   title=f"về nhiệm vụ số {i + 1}", stub=True, ambiguous=False, candidates=[],
                   aliases=[f"Nghị quyết {i + 1}"], sources=[], conflicts=[])
    agencies: dict[str, list[str]] = {}
    for p in PROVINCES:
        ub = f"ag:ubnd|{p}"
        G.add_node(ub, kind="agency", label=f"UBND tỉnh {p}", name=f"Ủy ban nhân dân tỉnh {p}",
                   jurisdiction=p, parent=None, is_group=False)
        agencies[p] = [ub]
        for d in DEPTS:
            a = f"ag:{d}|{p}"
            G.add_node(a, kind="agency", label=d, name=d, jurisdiction=p, parent=ub,
                       is_group=False)
            agencies[p].append(a)
    made = n_party
    k = 0
    while made < n_docs:
        src_n += 1
        p = PROVINCES[k % len(PROVINCES)]
        k += 1
        num = 100 + k
        year = 2015 + k % 8
        sym = f"{num}/KH-UBND"
        n = f"doc:{sym.lower()}|{p}|{year}"
        G.add_node(n, kind="document", label=sym, symbol=sym, doc_type="Kế hoạch",
                   type_code="KH", date=f"{year}-0{1 + k % 9}-1{k % 9}", year=year,
                   issuer=f"Ủy ban nhân dân tỉnh {p}", jurisdiction=p, level="provincial",
                   title=f"Kế hoạch thực hiện số {num}", stub=False, ambiguous=False,
                   candidates=[], aliases=[f"Kế hoạch {num}"], sources=[source()], conflicts=[])
        made += 1
        root = rnd.choice(party)
        edge(n, root, "implements", f"Thực hiện Nghị quyết số {G.nodes[root]['symbol']}")
        edge(n, rnd.choice(party), "cites", "Căn cứ Nghị quyết của Trung ương")
        edge(n, agencies[p][0], "issued_by", f"Ủy ban nhân dân tỉnh {p}", origin="header")
        for t in range(tasks_per_plan):
            tn = f"task:{n}#{t + 1}"
            G.add_node(tn, kind="task", label=f"{t + 1}. nhiệm vụ", number=str(t + 1),
                       text=f"Nhiệm vụ {t + 1} của kế hoạch {sym}: tổ chức triển khai thực hiện.",
                       deadline=f"Trong năm {year + 1}", due=f"{year + 1}-12-31",
                       recurrence=None, condition=None, plan=n, jurisdiction=p)
            edge(tn, n, "part_of", f"{t + 1}. Nhiệm vụ", origin="task")
            lead, partner = rnd.sample(agencies[p][1:], 2)
            edge(tn, lead, "assigns", "Cơ quan chủ trì", origin="task", role="lead")
            edge(tn, partner, "assigns", "Cơ quan phối hợp", origin="task", role="partner")
    return G


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def official_graph(corpus: str, tmp: str) -> nx.MultiDiGraph:
    """The graph of a JSON-lines corpus's texts, built into a store under `tmp`."""
    from graph.extract import extract_text
    from graph.link import build_from_records, load_graph

    with open(corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    records = [extract_text(t, source=f"official/{i:03d}.txt") for i, t in enumerate(texts)]
    store = os.path.join(tmp, "official.sqlite")
    build_from_records(records, store)
    return load_graph(store, use_cache=False)


def run(G: nx.MultiDiGraph, docs: int, gen_s: float, skip_rdflib: bool, fmt: str,
        skip_list: bool = False, workers: int | None = None, skip_mint: bool = False) -> dict:
    res = {"docs": docs, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
           "format": fmt, "generate_graph_s": round(gen_s, 2),
           "graph_max_rss_mb": round(_rss_mb()), "load": os.getloadavg()[0],
           "workers": workers or rdf.default_workers()}
    # fast path, step 1: mint the sorted N-Triples text in one process (no RDF objects)
    n_triples = None
    if not skip_mint:
        gc.collect()
        t0 = time.perf_counter()
        n_triples = 0
        for chunk in rdf.iter_ntriples(G):
            n_triples += chunk.count("\n")
        mint_s = time.perf_counter() - t0
        res["triples"] = n_triples
        res["mint_ntriples_s"] = round(mint_s, 2)
        res["mint_triples_per_s"] = round(n_triples / mint_s)
        print(json.dumps(res), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        ox: dict = {}
        for f in dict.fromkeys(("nt", fmt)):  # the public entry point, end to end
            gc.collect()
            out = os.path.join(tmp, "ox." + f)
            t0 = time.perf_counter()
            size = rdf.export(G, out, f, engine="oxigraph", workers=workers)
            s = time.perf_counter() - t0
            if n_triples is None:  # --skip-mint: count the N-Triples lines written
                with open(out, "rb") as fh:
                    n_triples = sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 24), b""))
                res["triples"] = n_triples
            ox[f] = {"total_s": round(s, 2), "bytes": size, "triples_per_s": round(n_triples / s),
                     "load": os.getloadavg()[0], "phases_s": {k: round(v, 2) for k, v in parallel.PHASES.items()}}
            parallel.PHASES.clear()
            os.remove(out)
            print(json.dumps({"oxigraph": {f: ox[f]}}), flush=True)
        if not skip_list:  # the API that returns pyoxigraph.Triple objects
            gc.collect()
            t0 = time.perf_counter()
            trs = rdf.to_oxigraph(G)
            ox["to_oxigraph_s"] = round(time.perf_counter() - t0, 2)
            assert len(trs) == n_triples, (len(trs), n_triples)
            del trs
            print(json.dumps({"oxigraph": {"to_oxigraph_s": ox["to_oxigraph_s"]}}), flush=True)
        res["oxigraph"] = ox
        if not skip_rdflib:
            gc.collect()
            t0 = time.perf_counter()
            g = rdf.to_rdflib(G)
            t1 = time.perf_counter()
            print(json.dumps({"rdflib_load_s": round(t1 - t0, 2), "len": len(g)}), flush=True)
            assert len(g) == n_triples, (len(g), n_triples)
            g.serialize(os.path.join(tmp, "rl." + fmt), format=rdf.FORMATS[fmt][0],
                        encoding="utf-8")
            t2 = time.perf_counter()
            size = os.path.getsize(os.path.join(tmp, "rl." + fmt))
            res["rdflib"] = {"build_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2),
                             "total_s": round(t2 - t0, 2), "bytes": size,
                             "triples_per_s": round(n_triples / (t2 - t0)),
                             "write_triples_per_s": round(n_triples / (t2 - t1))}
            res["ratio"] = round(ox[fmt]["triples_per_s"] / res["rdflib"]["triples_per_s"], 1)
            del g
    res["max_rss_mb"] = round(_rss_mb())
    res["children_max_rss_mb"] = round(_children_rss_mb())  # the largest forked worker
    res["load_end"] = os.getloadavg()[0]
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=11500,
                    help="documents to generate (11500 gives about 3M triples)")
    ap.add_argument("--format", default="ttl", choices=tuple(rdf.FORMATS))
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--skip-list", action="store_true",
                    help="skip to_oxigraph() (a list of pyoxigraph.Triple: memory-heavy)")
    ap.add_argument("--workers", type=int, default=None,
                    help="processes for the nt/ttl export (default: the CPUs available)")
    ap.add_argument("--skip-mint", action="store_true",
                    help="skip the one-process iter_ntriples() step (~50 s at 100k documents)")
    ap.add_argument("--official", metavar="JSONL", default=None,
                    help="the graph of this corpus's texts instead of a generated one")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if args.official:
            G = official_graph(args.official, tmp)
            docs = sum(1 for _, a in G.nodes(data=True) if a.get("kind") == "document")
        else:
            G, docs = synthetic_graph(args.docs), args.docs
        res = run(G, docs, time.perf_counter() - t0, args.skip_rdflib, args.format,
                  args.skip_list, args.workers, args.skip_mint)
    res["graph"] = "official" if args.official else "generated"
    print(json.dumps(res, indent=1))
    os.makedirs(os.path.join(os.path.dirname(__file__), "results"), exist_ok=True)
    with open(os.path.join(os.path.dirname(__file__), "results", "rdf.jsonl"), "a") as fh:
        fh.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
