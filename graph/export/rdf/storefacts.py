"""What the store (or the graph) knows of the source files beyond the graph's nodes: each
file's SHA-256, size and when it was built, and the store's first and last build times.

Read from the store's `files` table (read-only, `graph.link.store.landed_files`), so exporting
the same store twice gives the same bytes (no clock is read). A file's media type comes from
its extension (`terms.media_type`), not from here. One record type, `FileFacts`, serves the
default export (fixity and the build's times, `resources`), the RiC-O profile and the
catalogue.
"""
from __future__ import annotations

import datetime
import os
from typing import NamedTuple, Optional

import networkx as nx

from graph.link.store import landed_files

from .iris import is_sha256


class FileFacts(NamedTuple):
    """A source file: SHA-256 (hex), size (characters of the text read: the store keeps no
    byte size), when it was built (seconds since the epoch); None when unknown."""

    sha256: Optional[str] = None
    size: Optional[int] = None
    built_at: Optional[float] = None


class StoreFacts(NamedTuple):
    """The store's source files (path -> FileFacts) and its first and last build times
    (ISO 8601 UTC, None for an empty store)."""

    files: dict
    first_built: Optional[str]
    last_built: Optional[str]


def utc_iso(t: Optional[float]) -> Optional[str]:
    """Seconds since the epoch as ISO 8601 UTC to the second ('2026-12-03T13:30:00Z')."""
    if t is None:
        return None
    return datetime.datetime.fromtimestamp(float(t), datetime.timezone.utc).isoformat(
        timespec="seconds").replace("+00:00", "Z")


def store_files(store: str) -> dict[str, FileFacts]:
    """path -> FileFacts of the files a store holds as landed records ({} when it cannot be
    read)."""
    return {p: FileFacts(h or None, n, t) for p, h, n, t in landed_files(store)}


def store_facts(store: str) -> StoreFacts:
    """The facts of a store written by `policygraph build` (files that landed only)."""
    if not os.path.exists(store):
        raise FileNotFoundError(f"store not found: {store}")
    files = store_files(store)
    times = [f.built_at for f in files.values() if f.built_at is not None]
    return StoreFacts(files, utc_iso(min(times)) if times else None,
                      utc_iso(max(times)) if times else None)


def file_facts(G: nx.MultiDiGraph) -> dict[str, FileFacts]:
    """path -> FileFacts of the graph's source files: from G.graph["files"] (path -> dict with
    sha256, size, built_at) when the loader gives it, else from the store named by
    G.graph["store"] (read-only), and for a file no store lists, the sha256 of the one
    document read from it alone (a hand-made or imported graph)."""
    facts: dict[str, FileFacts] = {}
    given = G.graph.get("files")
    if isinstance(given, dict):
        for path, f in given.items():
            if isinstance(f, dict):
                facts[str(path)] = FileFacts(f.get("sha256"), f.get("size"), f.get("built_at"))
    elif isinstance(G.graph.get("store"), str):
        facts.update(store_files(G.graph["store"]))
    for _, a in G.nodes(data=True):
        files = a.get("files")
        if (a.get("kind") == "document" and isinstance(files, list) and len(files) == 1
                and isinstance(files[0], str) and files[0] not in facts
                and is_sha256(a.get("sha256"))):
            facts[files[0]] = FileFacts(a["sha256"])
    return facts
