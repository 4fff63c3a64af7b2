"""Per-file limits of the readers and of extraction, and sizes in words.

Each limit has a default, an environment variable that replaces it, and a field of `Limits`
that a caller may set per call (`read_source(path, limits=Limits.from_env(max_pages=50))`
keeps the environment's other limits; `Limits(max_pages=50)` the defaults):

    max_bytes     50 MB      POLICYGRAPH_MAX_BYTES      the file itself
    max_unpacked  200 MB     POLICYGRAPH_MAX_UNPACKED   what a .docx unpacks to (all its
                                                        entries), the text of a PDF
    max_entries   10,000     POLICYGRAPH_MAX_ENTRIES    entries of a .docx archive
    max_pages     10,000     POLICYGRAPH_MAX_PAGES      pages of a PDF
    max_seconds   30         POLICYGRAPH_MAX_SECONDS    extracting the text of one file
                                                        (`graph.link.pipeline.extract_row`:
                                                        over it, the file is "too complex")

A .docx is checked from its archive directory before anything is unpacked; the sizes there are
binding (an entry is never unpacked past its declared size: a lie shows as a damaged file).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024
GB = 1024 * MB

MAX_BYTES = 50 * MB
MAX_UNPACKED = 200 * MB
MAX_ENTRIES = 10_000
MAX_PAGES = 10_000
MAX_SECONDS = 30.0

_ENV = {"max_bytes": "POLICYGRAPH_MAX_BYTES", "max_unpacked": "POLICYGRAPH_MAX_UNPACKED",
        "max_entries": "POLICYGRAPH_MAX_ENTRIES", "max_pages": "POLICYGRAPH_MAX_PAGES",
        "max_seconds": "POLICYGRAPH_MAX_SECONDS"}


@dataclass(frozen=True)
class Limits:
    """How much one file may hold before a reader refuses it (see the module docstring)."""

    max_bytes: int = MAX_BYTES
    max_unpacked: int = MAX_UNPACKED
    max_entries: int = MAX_ENTRIES
    max_pages: int = MAX_PAGES
    max_seconds: float = MAX_SECONDS

    @classmethod
    def from_env(cls, **given) -> "Limits":
        """The defaults, replaced by the environment variables that hold a number of the
        field's type (an integer; for max_seconds any number), replaced by the keyword
        arguments that are not None."""
        values = {}
        for f in fields(cls):
            env = os.environ.get(_ENV[f.name], "").strip()
            if env:
                try:
                    values[f.name] = type(f.default)(env)
                except ValueError:
                    pass
        values.update({k: v for k, v in given.items() if v is not None})
        return replace(cls(), **values)


def human_size(n: int) -> str:
    """A size in bytes in words: "1.0 GB", "200 MB", "12.5 KB", "700 bytes" (units of 1024;
    a whole number of the unit is written without decimals)."""
    for unit, size in (("GB", GB), ("MB", MB), ("KB", 1024)):
        if n >= size:
            return f"{n // size} {unit}" if n % size == 0 else f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def count(n: int) -> str:
    """A count with thousands separated by commas ("10,000")."""
    return f"{n:,}"
