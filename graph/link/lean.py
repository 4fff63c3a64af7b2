"""A read-only, lazily decoded view of the graph for the CLI queries.

Unpickling a networkx MultiDiGraph of 250k nodes / 600k edges means building ~2M small dicts
(bench/bench_graph.py measures it). The queries behind `trace`, `impact`, `find` touch a few
hundred of them, so the lean cache keeps the graph as a handful of flat objects:

- node ids (one list) and every node's attributes as one pickled tuple each, in a raw
  section of the file that is memory-mapped, not read: a node is decoded when `G.nodes[n]`
  asks for it;
- successors and predecessors in CSR arrays (offsets, neighbour position, relation code,
  edge number); edge attributes (evidence, source, offset, origin…) as blobs like nodes;
- a lookup index, when the caller of `load_graph` gives a builder for one (e.g.
  `graph.query.build_index`: symbols, short forms, fuzzy choices), opaque to this module.

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


def write(path, tag: Any, G, index: Any = None) -> None:
    """Write the lean cache of G, streaming: pickle(tag); one raw blob per node (its
    attributes and the attributes of its out-edges, pickled as value tuples whose key names
    are stored once) that `read` maps without reading; the pickled lookup index; then
    pickle(meta) and its position in the last 8 bytes."""
    ids = list(G.nodes)
    pos = {x: i for i, x in enumerate(ids)}
    keysets: dict[tuple, int] = {}
    node_attrs, succ_adj, pred_adj = G._node, G._succ, G._pred  # networkx internals, read only
    dumps, proto = pickle.dumps, pickle.HIGHEST_PROTOCOL
    rel_code = _REL_CODE
    s_off, s_to, s_code = array("Q", [0]), [], []
    noff = array("Q", [0])
    enum: dict[int, int] = {}

    def ks_of(d: dict) -> int:
        ks = tuple(d)
        k = keysets.get(ks)
        if k is None:
            k = keysets[ks] = len(keysets)
        return k

    with open(path, "wb") as fh:
        pickle.dump(tag, fh, protocol=proto)
        base = fh.tell()
        pos_b = 0
        write = fh.write
        for x in ids:
            out = []
            for v, keyd in succ_adj[x].items():
                pv = pos[v]
                for k, d in keyd.items():
                    code = rel_code.get(k)
                    if code is None:
                        raise ValueError(f"edge key {k!r} outside RELATIONS")
                    enum[id(d)] = len(s_to)
                    s_to.append(pv)
                    s_code.append(code)
                    out.append((ks_of(d), tuple(d.values())))
            s_off.append(len(s_to))
            a = node_attrs[x]
            b = dumps((ks_of(a), tuple(a.values()), out), protocol=proto)
            write(b)
            pos_b += len(b)
            noff.append(pos_b)
        p_off, p_to, p_code, p_eno = array("Q", [0]), [], [], []
        for x in ids:
            for u, keyd in pred_adj[x].items():
                pu = pos[u]
                for k, d in keyd.items():
                    p_to.append(pu)
                    p_code.append(rel_code[k])
                    p_eno.append(enum[id(d)])
            p_off.append(len(p_to))
        del enum
        ibase = pos_b
        iblob = pickle.dumps(index, protocol=proto) if index is not None else b""
        fh.write(iblob)
        n_e = len(s_to)
        meta = {"format": 4, "ids": ids, "noff": noff,
                "succ": (s_off, array("I", s_to), array("B", s_code), array("I", range(n_e))),
                "pred": (p_off, array("I", p_to), array("B", p_code), array("I", p_eno)),
                "graph": dict(G.graph),
                "keysets": [ks for ks, _ in sorted(keysets.items(), key=lambda kv: kv[1])],
                "sections": {"nodes": (0, ibase), "index": (ibase, len(iblob))}}
        mpos = fh.tell()
        pickle.dump(meta, fh, protocol=proto)
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
    if meta.get("format") != 4:
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
    def __init__(self, g: "LeanGraph", csr, out: bool) -> None:
        self._g, self._csr, self._out = g, csr, out

    def __getitem__(self, n: str) -> dict[str, dict[str, dict]]:
        g = self._g
        i = g._pos[n]
        off, to, code, eno = self._csr
        out: dict[str, dict[str, dict]] = {}
        for j in range(off[i], off[i + 1]):
            out.setdefault(g.ids[to[j]], {})[RELATIONS[code[j]]] = g._edge(eno[j], i if self._out else to[j])
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
                        t += (g._edge(eno[j], i),)
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
        istart, ilen = secs["index"]
        self._index_span = (base + istart, base + istart + ilen) if ilen else None
        self._noff = meta["noff"]
        self._keysets = meta["keysets"]
        self._succ, self._pred = meta["succ"], meta["pred"]
        self.graph: dict = meta.get("graph") or {}
        self._cache: dict[int, tuple[dict, list]] = {}
        self.nodes = _Nodes(self)
        self.succ = self.adj = _Adj(self, self._succ, True)
        self.pred = _Adj(self, self._pred, False)
        self.edges = _Edges(self)

    def _load(self, i: int) -> tuple[dict, list]:
        hit = self._cache.get(i)
        if hit is None:
            ks, vals, out = pickle.loads(self._mm[self._nbase + self._noff[i]:self._nbase + self._noff[i + 1]])
            kss = self._keysets
            hit = self._cache[i] = (dict(zip(kss[ks], vals)), out)
        return hit

    def _node(self, i: int) -> dict:
        return self._load(i)[0]

    def _edge(self, e: int, u: int) -> dict:
        """Edge number e (its place in the successor arrays), an out-edge of node u."""
        out = self._load(u)[1]
        j = e - self._succ[0][u]
        d = out[j]
        if isinstance(d, tuple):  # decoded once, then kept as a dict
            d = out[j] = dict(zip(self._keysets[d[0]], d[1]))
        return d

    @property
    def has_index(self) -> bool:
        """Whether a lookup index was stored with the graph."""
        return self._index_span is not None

    def prebuilt_index(self) -> Any:
        """The lookup index stored with the graph (None when absent)."""
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
