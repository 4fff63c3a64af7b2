"""What the RiC-O profile and the catalogue need from the store beyond the graph: each source
file's SHA-256, size and media type, and when the store was first and last built.

Read from the store's `files` table (read-only), so exporting the same store twice gives the
same bytes (no clock is read). The media type comes from the file's extension
(`terms.media_type`).
"""
from __future__ import annotations

import os
from typing import NamedTuple, Optional

from graph.link.store import landed_files

from .resources import utc_iso
from .terms import media_type


class FileFacts(NamedTuple):
    """A source file: SHA-256 (hex), size (characters of the text read: the store keeps no
    byte size), media type; None when unknown."""

    sha256: Optional[str] = None
    size: Optional[int] = None
    media_type: Optional[str] = None


class StoreFacts(NamedTuple):
    """The store's source files (path -> FileFacts) and its first and last build times
    (ISO 8601 UTC, None for an empty store)."""

    files: dict
    first_built: Optional[str]
    last_built: Optional[str]


def store_facts(store: str) -> StoreFacts:
    """The facts of a store written by `policygraph build` (files that landed only)."""
    if not os.path.exists(store):
        raise FileNotFoundError(f"store not found: {store}")
    rows = landed_files(store)
    files = {p: FileFacts(sha or None, size, media_type(p)) for p, sha, size, _ in rows}
    times = [t for *_, t in rows if t is not None]
    return StoreFacts(files, utc_iso(min(times)) if times else None,
                      utc_iso(max(times)) if times else None)
