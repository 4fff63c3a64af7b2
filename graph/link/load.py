"""Store -> graph: `load_graph` (assembled once per store version, then cached, patched in
place when a few files changed) and `save_graph` (a whole graph kept as a store)."""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Callable, Optional

from graph.link import cache, store
from graph.link.assemble import assemble, patch
from graph.link.fulfil import add_fulfilments

PATCH_MAX_SHARE = 0.05  # more changed files than this share: assemble from scratch


def load_graph(store_path: str | Path, use_cache: bool = True, full: bool = True,
               index: Optional[Callable[[Any], Any]] = None):
    """The graph of everything in the store (GRAPH_SCHEMA), cached by store content version.

    full=True (default, for exporters and the Python API): a networkx MultiDiGraph.
    full=False (the CLI queries): a `graph.link.lean.LeanGraph`, a read-only view with the
    same nodes, edges and attributes, decoded on access, that opens in a fraction of the time.
    index (with full=False): a function of the graph whose result (a lookup index, e.g.
    `graph.query.build_index`) is kept with the lean cache; `LeanGraph.prebuilt_index()`
    gives it back.
    """
    store_path = Path(store_path)
    if not store_path.exists():
        raise FileNotFoundError(f"{store_path}: no such store (run `policygraph build` first)")
    conn = store.connect(store_path)
    try:
        tag = (store.ensure_id(conn), store.version(conn))
        if use_cache and not full:
            LG = cache.read_lean(store_path, tag, with_index=index is not None)
            if LG is not None:
                return LG
        G, state, how = _graph(conn, store_path, tag, use_cache)
        G.graph["version"] = tag[1]
    finally:
        conn.close()
    if use_cache:
        if how == "fresh" or (how == "patched" and full):
            # the full cache and its state travel together: a later change patches them
            cache.write(cache.state_path(store_path), tag, state)
            cache.write(cache.cache_path(store_path), tag, G)
        if not full:  # the lean cache is written by the lean path (the CLI) only
            cache.write_lean(store_path, tag, G, index)
            LG = cache.read_lean(store_path, tag)
            if LG is not None:
                return LG
    return G


def _graph(conn, store_path: Path, tag: tuple, use_cache: bool) -> tuple[Any, Optional[dict], str]:
    """(G, state for `patch`, how it was had: 'cached' | 'patched' | 'fresh')."""
    if use_cache:
        G = cache.read(cache.cache_path(store_path), tag)
        if G is not None:
            return G, None, "cached"
        got = _patched(conn, store_path, tag)
        if got is not None:
            return got[0], got[1], "patched"
    held = store.read_graph(conn)
    if held is not None:  # a store holding a whole graph (save_graph): no records
        with cache.gc_paused():
            G = pickle.loads(held)
        state: dict = {}
    else:
        state = {}
        with cache.gc_paused():
            G = add_fulfilments(assemble(store.iter_records(conn), state=state,
                                         keys=list(store.iter_identity_keys(conn))))
    G.graph["store"] = str(store_path)
    return G, state, "fresh"


def _patched(conn, store_path: Path, tag: tuple) -> Optional[tuple[Any, dict]]:
    """(G, state): the cached graph of an older version of this store, with the files changed
    since replaced in place (graph.link.assemble.patch); None when that is not possible."""
    st_file, g_file = cache.state_path(store_path), cache.cache_path(store_path)
    if not st_file.exists() or not g_file.exists():
        return None
    st_tag = cache.read_tag(st_file)
    if not (isinstance(st_tag, tuple) and st_tag and st_tag[0] == tag[0]):
        return None  # another store's (or no) state
    state = cache.read(st_file, st_tag)
    if not state or "known" not in state:  # a store holding a whole graph: nothing to patch
        return None
    old = state.get("files") or {}
    cur = store.landed_hashes(conn)
    if set(cur) != set(old):
        return None  # files added or removed: identities may move
    changed = [p for p, sha in cur.items() if sha != old[p][0]]
    if len(changed) > max(50, PATCH_MAX_SHARE * len(cur)):
        return None
    G = cache.read(g_file, st_tag)
    if G is None:
        return None
    recs = store.records_of(conn, changed)
    with cache.gc_paused():
        G = patch(G, state["known"], old, recs, lambda paths: store.records_of(conn, paths))
    if G is None:
        return None
    return add_fulfilments(G), state


def save_graph(G, store_path: str | Path) -> Path:
    """Write a graph (GRAPH_SCHEMA, e.g. from `graph.export.rdf.import_rdf`) as a store that
    `load_graph`, and so `trace`, `html`, `export`, read like a built one.

    A store keeps extracted records, and a graph has none, so the graph itself is kept in the
    store (table `graph`, in one transaction). A store that already holds records is refused.
    """
    store_path = Path(store_path)
    conn = store.connect(store_path)
    try:
        n_records = store.record_files(conn)
        if n_records:
            raise ValueError(f"{store_path} holds {n_records} built file(s); "
                             "save the graph to a new store")
        store.ensure_id(conn)
        H = G.copy() if hasattr(G, "copy") else G
        H.graph.pop("store", None)
        H.graph.pop("version", None)
        blob = pickle.dumps(H, protocol=pickle.HIGHEST_PROTOCOL)
        store.write_graph(conn, blob, {"nodes": G.number_of_nodes(),
                                       "edges": G.number_of_edges()})
    finally:
        conn.close()
    return store_path
