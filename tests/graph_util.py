"""Helpers shared by tests that compare whole graphs."""
from __future__ import annotations

import json


def canon(G):
    """A graph as plain comparable data: node attributes and sorted edges, as JSON."""
    nodes = {n: json.dumps(a, sort_keys=True, ensure_ascii=False, default=str)
             for n, a in G.nodes(data=True)}
    edges = sorted((u, v, k, json.dumps(d, sort_keys=True, ensure_ascii=False, default=str))
                   for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def samples_store(folder) -> str:
    """data/samples built by the real pipeline into `folder`/samples.sqlite; its path."""
    import os

    from graph.link import build

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(str(folder), "samples.sqlite")
    build([os.path.join(root, "data", "samples")], path, jobs=1, progress=False)
    return path
