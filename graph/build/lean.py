"""A read-only, lazily decoded view of the graph for the CLI queries.

Unpickling a networkx MultiDiGraph of 250k nodes / 600k edges means building ~2M small dicts
(1.4-3.4 s). The queries behind `trace`, `impact`, `find` touch a few hundred of them, so the
lean cache keeps the graph as a handful of flat objects:

- node ids (one list) and every node's attributes as one pickled tuple each, in a raw
  section of the file that is memory-mapped, not read: a node is decoded when `G.nodes[n]`
  asks for it;
- successors and predecessors in CSR arrays (offsets, neighbour position, relation code,
  edge number); edge attributes (evidence, source, offset, origin…) as blobs like nodes;
- the query index (symbols, short forms, fuzzy choices) prebuilt by `graph.query`.

`LeanGraph` answers the part of the networkx API the queries use: `n in G`, `G.nodes[n]`,
`G.nodes(data=True)`, `G.succ[n]` / `G.pred[n]` ({neighbour: {relation: edge data}}),
`G.edges[u, v, k]`, `G.edges(keys=True, data=True)`, `number_of_nodes/edges`. Every
attribute of GRAPH_SCHEMA is there, evidence included (hydrated on access). Exporters that
need a real networkx graph use `load_graph(store)` (full=True).
"""
from __future__ import annotations

import pickle
from array import array
from typing import Any, Iterator, Optional

from graph.models import RELATIONS

_REL_CODE = {r: i for i, r in enumerate(RELATIONS)}


def _write_blobs(fh, items, keysets: dict) -> array:
    """Each dict written as a pickled (keyset number, *values): key names are stored once.
    Returns the offsets (relative to the first blob)."""
    off = array("Q", [0])
    pos = 0
    dumps, proto, write = pickle.dumps, pickle.HIGHEST_PROTOCOL, fh.write
    for it in items:
        ks = tuple(it)
        k = keysets.get(ks)
        if k is None:
            k = keysets[ks] = len(keysets)
        b = dumps((k, *it.values()), protocol=proto)
        write(b)
        pos += len(b)
        off.append(pos)
    return off


def write(path, tag: Any, G, index: Any = None) -> None:
    """Write the lean cache of G, streaming: pickle(tag), the raw attribute blobs (node
    attributes, edge attributes, query index) that `read` maps without reading, then
    pickle(meta) and its position in the last 8 bytes."""
    ids = list(G.nodes)
    n = len(ids)
    pos = {x: i for i, x in enumerate(ids)}
    keysets: dict[tuple, int] = {}
    succ_adj, pred_adj = G._succ, G._pred  # networkx internals: read-only walk, no copies
    with open(path, "wb") as fh:
        pickle.dump(tag, fh, protocol=pickle.HIGHEST_PROTOCOL)
        base = fh.tell()
        noff = _write_blobs(fh, (G._node[x] for x in ids), keysets)
        ebase = fh.tell() - base
        # successors in node order (CSR without sorting); edge numbers follow that walk
        s_off, s_to, s_code = array("Q", [0]), array("I"), array("B")
        enum: dict[int, int] = {}

        def edges():
            for x in ids:
                for v, keyd in succ_adj[x].items():
                    pv = pos[v]
                    for k, d in keyd.items():
                        code = _REL_CODE.get(k)
                        if code is None:
                            raise ValueError(f"edge key {k!r} outside RELATIONS")
                        enum[id(d)] = len(enum)
                        s_to.append(pv)
                        s_code.append(code)
                        yield d
                s_off.append(len(s_to))
        eoff = _write_blobs(fh, edges(), keysets)
        s_eno = array("I", range(len(s_to)))
        p_off, p_to, p_code, p_eno = array("Q", [0]), array("I"), array("B"), array("I")
        for x in ids:
            for u, keyd in pred_adj[x].items():
                pu = pos[u]
                for k, d in keyd.items():
                    p_to.append(pu)
                    p_code.append(_REL_CODE[k])
                    p_eno.append(enum[id(d)])
            p_off.append(len(p_to))
        del enum
        ibase = fh.tell() - base
        iblob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL) if index is not None else b""
        fh.write(iblob)
        meta = {"format": 3, "ids": ids, "noff": noff, "eoff": eoff,
                "succ": (s_off, s_to, s_code, s_eno), "pred": (p_off, p_to, p_code, p_eno),
                "graph": dict(G.graph),
                "keysets": [ks for ks, _ in sorted(keysets.items(), key=lambda kv: kv[1])],
                "sections": {"nodes": (0, ebase), "edges": (ebase, ibase - ebase),
                             "index": (ibase, len(iblob))}}
        mpos = fh.tell()
        pickle.dump(meta, fh, protocol=pickle.HIGHEST_PROTOCOL)
        fh.write(mpos.to_bytes(8, "little"))


def read(path, tag: Any) -> Optional["LeanGraph"]:
    """The LeanGraph in `path` when its tag matches, else None."""
    import mmap
    with open(path, "rb") as fh:
        if pickle.load(fh) != tag:
            return None
        base = fh.tell()
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    mpos = int.from_bytes(mm[-8:], "little")
    meta = pickle.loads(mm[mpos:-8])
    if meta.get("format") != 3:
        return None
    return LeanGraph(meta, mm, base)


class _Nodes:
    def __init__(self, g: "LeanGraph") -> None:
        self._g = g

    def __getitem__(self, n: str) -> dict:
        return self._g._node(self._g._pos[n])

    def __contains__(self, n: object) -> bool:
        return n in self._g._pos

    def __iter__(self) -> Iterator[str]:
        return iter(self._g.ids)

    def __len__(self) -> int:
        return len(self._g.ids)

    def __call__(self, data: bool = False):
        g = self._g
        if not data:
            return iter(g.ids)
        return ((n, g._node(i)) for i, n in enumerate(g.ids))


class _Adj:
    def __init__(self, g: "LeanGraph", csr) -> None:
        self._g, self._csr = g, csr

    def __getitem__(self, n: str) -> dict[str, dict[str, dict]]:
        g = self._g
        i = g._pos[n]
        off, to, code, eno = self._csr
        out: dict[str, dict[str, dict]] = {}
        for j in range(off[i], off[i + 1]):
            out.setdefault(g.ids[to[j]], {})[RELATIONS[code[j]]] = g._edge(eno[j])
        return out

    def __contains__(self, n: object) -> bool:
        return n in self._g._pos

    def __iter__(self):
        return iter(self._g.ids)

    def __len__(self) -> int:
        return len(self._g.ids)


class _Edges:
    def __init__(self, g: "LeanGraph") -> None:
        self._g = g

    def __getitem__(self, uvk: tuple) -> dict:
        u, v, k = uvk
        d = self._g.succ[u].get(v, {}).get(k)
        if d is None:
            raise KeyError(uvk)
        return d

    def __call__(self, keys: bool = False, data: bool = False):
        g = self._g
        off, to, code, eno = g._succ

        def gen():
            for i, u in enumerate(g.ids):
                for j in range(off[i], off[i + 1]):
                    v, k = g.ids[to[j]], RELATIONS[code[j]]
                    t: tuple = (u, v)
                    if keys:
                        t += (k,)
                    if data:
                        t += (g._edge(eno[j]),)
                    yield t
        return gen()

    def __iter__(self):
        return self(keys=True)

    def __len__(self) -> int:
        return len(self._g._succ[1])


class LeanGraph:
    """Read-only graph over the lean payload; see the module docstring."""

    lean = True

    def __init__(self, meta: dict, mm, base: int) -> None:
        self.ids: list[str] = meta["ids"]
        self._pos = dict(zip(self.ids, range(len(self.ids))))
        self._mm = mm
        secs = meta["sections"]
        self._nbase = base + secs["nodes"][0]
        self._ebase = base + secs["edges"][0]
        istart, ilen = secs["index"]
        self._index_span = (base + istart, base + istart + ilen) if ilen else None
        self._noff, self._eoff = meta["noff"], meta["eoff"]
        self._keysets = meta["keysets"]
        self._succ, self._pred = meta["succ"], meta["pred"]
        self.graph: dict = meta.get("graph") or {}
        self._ncache: dict[int, dict] = {}
        self._ecache: dict[int, dict] = {}
        self.nodes = _Nodes(self)
        self.succ = self.adj = _Adj(self, self._succ)
        self.pred = _Adj(self, self._pred)
        self.edges = _Edges(self)

    def _decode(self, start: int, end: int) -> dict:
        t = pickle.loads(self._mm[start:end])
        return dict(zip(self._keysets[t[0]], t[1:]))

    def _node(self, i: int) -> dict:
        d = self._ncache.get(i)
        if d is None:
            d = self._ncache[i] = self._decode(self._nbase + self._noff[i], self._nbase + self._noff[i + 1])
        return d

    def _edge(self, e: int) -> dict:
        d = self._ecache.get(e)
        if d is None:
            d = self._ecache[e] = self._decode(self._ebase + self._eoff[e], self._ebase + self._eoff[e + 1])
        return d

    def prebuilt_index(self) -> Any:
        """The query index stored with the graph (None when absent)."""
        if self._index_span is None:
            return None
        return pickle.loads(self._mm[self._index_span[0]:self._index_span[1]])

    def __contains__(self, n: object) -> bool:
        return n in self._pos

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def number_of_nodes(self) -> int:
        return len(self.ids)

    def number_of_edges(self) -> int:
        return len(self._succ[1])

    def has_edge(self, u: str, v: str, key: Optional[str] = None) -> bool:
        if u not in self._pos:
            return False
        d = self.succ[u].get(v)
        return d is not None and (key is None or key in d)

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def to_networkx(self):
        """A full networkx MultiDiGraph with every attribute (for code that needs one)."""
        import networkx as nx
        G = nx.MultiDiGraph()
        G.graph.update(self.graph)
        G.add_nodes_from(self.nodes(data=True))
        G.add_edges_from((u, v, k, dict(d)) for u, v, k, d in self.edges(keys=True, data=True))
        return G
