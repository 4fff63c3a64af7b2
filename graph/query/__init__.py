"""Stage 4: questions over the graph (networkx style: functions of G returning plain data).

    from graph.link import load_graph
    from graph.query import trace, impact, coverage, overdue, find, check, resolve
    G = load_graph("out/policygraph.sqlite")
    trace(G, "Đề án Phòng, chống tai nạn lao động")     # task -> plan -> … -> 20-NQ/TW
    impact(G, "20-NQ/TW 2017")["documents"]              # pandas DataFrame

Modules: `index` (the lookup index), `search` (resolve, find), `lineage` (trace), `impact`,
`coverage`, `overdue`, `progress` (task fulfilment), `check`; `walk` holds the steps over the graph they share.
"""
from graph.query.check import check
from graph.query.coverage import coverage
from graph.query.impact import impact
from graph.query.index import build_index
from graph.query.lineage import trace
from graph.query.overdue import overdue
from graph.query.progress import progress
from graph.query.search import NotFound, find, resolve

__all__ = ["resolve", "find", "trace", "impact", "coverage", "overdue", "progress", "check", "NotFound",
           "build_index"]
