"""`check`: what cannot be right or is not settled: implements cycles, a document implementing
a later one, ambiguous identities, stubs, conflicting facts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.models import IMPLEMENTS

if TYPE_CHECKING:
    import networkx as nx


def _implements(G: nx.MultiDiGraph) -> tuple[nx.DiGraph, list[dict]]:
    """The implements edges as a DiGraph, and those pointing at a later document."""
    import networkx as nx
    H = nx.DiGraph()
    dated_after = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != IMPLEMENTS:
            continue
        H.add_edge(u, v)
        du, dv = G.nodes[u].get("date"), G.nodes[v].get("date")
        if du and dv and dv > du:
            dated_after.append({"id": u, "symbol": G.nodes[u].get("symbol"), "date": du,
                                "implements": v, "implements_symbol": G.nodes[v].get("symbol"),
                                "implements_date": dv, "evidence": d.get("evidence"),
                                "source": d.get("source")})
    return H, dated_after


def _cycles(H: nx.DiGraph) -> list[list[str]]:
    """One cycle per strongly connected component of more than one node."""
    import networkx as nx
    cycles = []
    for comp in nx.strongly_connected_components(H):
        if len(comp) > 1:
            cyc = nx.find_cycle(H.subgraph(comp))
            cycles.append([u for u, _ in cyc])
    return cycles


def check(G: nx.MultiDiGraph) -> dict[str, list]:
    """Sanity report: implements cycles, a document implementing one dated after it,
    ambiguous identities, stubs never filled, conflicting facts."""
    H, dated_after = _implements(G)
    ambiguous, stubs, conflicts = [], [], []
    for n, a in G.nodes(data=True):
        if a.get("kind") != "document":
            continue
        if a.get("ambiguous"):
            ambiguous.append({"id": n, "symbol": a.get("symbol"),
                              "candidates": list(a.get("candidates") or []),
                              "sources": list(a.get("sources") or [])})
        if a.get("stub"):
            stubs.append({"id": n, "symbol": a.get("symbol"), "date": a.get("date"),
                          "sources": list(a.get("sources") or [])})
        if a.get("conflicts"):
            conflicts.append({"id": n, "symbol": a.get("symbol"), "conflicts": a["conflicts"]})
    return {"cycles": _cycles(H), "dated_after": dated_after, "ambiguous": ambiguous,
            "stubs": stubs, "conflicts": conflicts}
