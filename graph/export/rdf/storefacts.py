"""What the RiC-O profile and the catalogue need from the store beyond the graph: each source
file's SHA-256, size and media type, and when the store was first and last built.

Read from the store's `files` table (read-only), so exporting the same store twice gives the
same bytes (no clock is read). The media type comes from the file's extension as the ingest
stage reads it (`graph.ingest.FORMATS`).
"""
from __future__ import annotations

import datetime
import os
import sqlite3
from typing import NamedTuple, Optional

from graph.ingest import FORMATS as INGEST_FORMATS

# ingest format -> IANA media type
MEDIA_TYPE_OF_FORMAT = {
    "text": "text/plain", "markdown": "text/markdown", "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class FileFacts(NamedTuple):
    """A source file: SHA-256 (hex), size in bytes, media type; None when unknown."""

    sha256: Optional[str] = None
    size: Optional[int] = None
    media_type: Optional[str] = None


class StoreFacts(NamedTuple):
    """The store's source files (path -> FileFacts) and its first and last build times
    (ISO 8601 UTC, None for an empty store)."""

    files: dict
    first_built: Optional[str]
    last_built: Optional[str]


def media_type(path: str) -> Optional[str]:
    """The media type of a source file by its extension (None for one ingest does not read)."""
    return MEDIA_TYPE_OF_FORMAT.get(INGEST_FORMATS.get(os.path.splitext(path)[1].lower(), ""))


def _iso(ts: Optional[float]) -> Optional[str]:
    if ts is None:
        return None
    t = datetime.datetime.fromtimestamp(float(ts), tz=datetime.timezone.utc)
    return t.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def store_facts(store: str) -> StoreFacts:
    """The facts of a store written by `policygraph build` (files that landed only)."""
    if not os.path.exists(store):
        raise FileNotFoundError(f"store not found: {store}")
    conn = sqlite3.connect(f"file:{os.path.abspath(store)}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT path, sha256, size, built_at FROM files "
                            "WHERE status='ok' ORDER BY path").fetchall()
    finally:
        conn.close()
    files = {p: FileFacts(sha or None, size, media_type(p)) for p, sha, size, _ in rows}
    times = [t for *_, t in rows if t is not None]
    return StoreFacts(files, _iso(min(times)) if times else None,
                      _iso(max(times)) if times else None)
