"""The caches kept next to a store, each tagged with (store id, store version):

- `cache_path`: the full graph, a pickled networkx MultiDiGraph;
- `state_path`: what incremental loads need, paired with the full cache (per-file sha256 and
  identity signature, the resolver's keys: see graph.link.assemble.patch);
- `lean_cache_path`: the lean view read by the CLI queries (graph.link.lean), with the lookup
  index of whoever asked for one.

A cache whose tag is not the store's current one is never read; writes go through a
temporary file, so a reader never sees half a cache.
"""
from __future__ import annotations

import gc
import os
import pickle
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from graph.link import lean


def cache_path(store_path: str | Path) -> Path:
    """The full graph cache (a pickled networkx MultiDiGraph) next to the store."""
    p = Path(store_path)
    return p.with_name(p.name + ".graph.pickle")


def lean_cache_path(store_path: str | Path) -> Path:
    """The lean cache read by the CLI queries (graph.link.lean)."""
    p = Path(store_path)
    return p.with_name(p.name + ".graph.lean.pickle")


def state_path(store_path: str | Path) -> Path:
    """What incremental loads need, paired with the full cache: per-file sha256 and identity
    signature, and the resolver's keys (see graph.link.assemble.patch)."""
    p = Path(store_path)
    return p.with_name(p.name + ".graph.state.pickle")


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic GC off while millions of small long-lived objects are made: it would
    rescan them all, and none of them is garbage."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_tag(cp: Path) -> Any:
    """The tag a cache file was written with (None when there is no readable one)."""
    try:
        with open(cp, "rb") as fh:
            return pickle.load(fh)
    except Exception:
        return None


def read(cp: Path, tag: Any, accept: Optional[Callable[[Any], bool]] = None) -> Any:
    """The object cached in cp when its tag is `tag` (or satisfies accept(tag)), else None."""
    if not cp.exists():
        return None
    try:
        with open(cp, "rb") as fh:
            got = pickle.load(fh)
            if got != tag and not (accept and accept(got)):
                return None
            with gc_paused():
                obj = pickle.load(fh)
                gc.freeze()  # long-lived: keep it out of later GC passes
            return obj
    except Exception:
        return None


def write(cp: Path, tag: Any, obj: Any) -> None:
    """Cache obj in cp under `tag` (nothing is written when the disk refuses)."""
    tmp = cp.with_name(cp.name + f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(tag, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cp)
    except OSError:
        tmp.unlink(missing_ok=True)


def write_lean(store_path: Path, tag: Any, G, index: Optional[Callable[[Any], Any]] = None) -> None:
    """The lean cache of G, with index(G) stored beside it when an index builder is given."""
    cp = lean_cache_path(store_path)
    tmp = cp.with_name(cp.name + f".{os.getpid()}.tmp")
    try:
        lean.write(tmp, tag, G, index(G) if index is not None else None)
        os.replace(tmp, cp)
    except OSError:
        tmp.unlink(missing_ok=True)


def read_lean(store_path: Path, tag: Any, with_index: bool = False) -> Optional[lean.LeanGraph]:
    """The lean view cached for this tag (None when absent, stale, or, with with_index=True,
    written without an index)."""
    try:
        LG = lean.read(lean_cache_path(store_path), tag)
    except Exception:
        return None
    if LG is not None and with_index and not LG.has_index:
        return None
    return LG
