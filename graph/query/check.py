"""`check`, an alarm: what the graph may state against its texts, in four sections.

(a) contradictions: merges refused because a fact printed beside a mention (year, Party term,
    issuer, province) contradicts the only document of its symbol (`refused` on the node the
    mention got instead, graph.link.assemble), and documents whose sources print different
    dates (`conflicts`); each with the symbol, the node, the fact, the sentence and the file;
(b) real ambiguity: a mention left between two or more candidate documents;
(c) dating problems: a document implementing one issued after it, implements cycles;
(d) plain counts of the documents only referenced (stubs), of those without a date, and of
    the local ones without a province; never listed one by one (they are the corpus's edge,
    not faults).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.models import IMPLEMENTS

if TYPE_CHECKING:
    import networkx as nx

UNKNOWN_PART = "?"  # an identity key's unknown part (graph.link.identity.UNKNOWN)


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


def _refused(n: str, a: dict) -> list[dict]:
    """The merges refused on node n, one line each."""
    return [{"id": n, "symbol": e.get("symbol") or a.get("symbol"), "candidate": e.get("candidate"),
             "fact": e.get("fact"), "value": e.get("value"), "candidate_value": e.get("node_value"),
             "evidence": e.get("evidence"), "source": e.get("source")}
            for e in a.get("refused") or ()]


def _lacks_province(n: str) -> bool:
    """A local document's node whose identity key has no province ('doc:sym|?|period')."""
    parts = n.split("|")
    return len(parts) >= 3 and parts[1] == UNKNOWN_PART


def check(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The alarm report. Keys: `contradictions` (refused merges) and `conflicts` (dates in
    conflict on one node) make section (a); `ambiguous` (two or more candidates) (b);
    `dated_after` and `cycles` (c); `stub_counts` (d). `stubs` lists the stubs for callers
    that want them (the command line prints only their counts)."""
    H, dated_after = _implements(G)
    contradictions, ambiguous, stubs, conflicts = [], [], [], []
    counts = {"stubs": 0, "without date": 0, "without province": 0, "unsettled": 0}
    for n, a in G.nodes(data=True):
        if a.get("kind") != "document":
            continue
        contradictions += _refused(n, a)
        cands = list(a.get("candidates") or [])
        if a.get("ambiguous") and len(cands) >= 2:
            ambiguous.append({"id": n, "symbol": a.get("symbol"), "candidates": cands,
                              "sources": list(a.get("sources") or [])})
        elif a.get("ambiguous"):
            counts["unsettled"] += 1  # no candidate, or one its facts refused
        if a.get("stub"):
            stubs.append({"id": n, "symbol": a.get("symbol"), "date": a.get("date"),
                          "sources": list(a.get("sources") or [])})
            counts["stubs"] += 1
            counts["without date"] += not a.get("date")
            counts["without province"] += _lacks_province(n)
        if a.get("conflicts"):
            conflicts.append({"id": n, "symbol": a.get("symbol"), "conflicts": a["conflicts"]})
    return {"contradictions": contradictions, "conflicts": conflicts, "ambiguous": ambiguous,
            "dated_after": dated_after, "cycles": _cycles(H), "stub_counts": counts,
            "stubs": stubs}
