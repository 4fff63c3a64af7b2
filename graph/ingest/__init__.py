"""Stage 1: files -> text (`SourceText`).

`read_source(path)` reads one file into text or raises `IngestError` naming the file and the
problem. `iter_files(paths)` walks files and folders (recursively) and yields the files the
readers support.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from graph.models import IngestError, SourceText

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
SUPPORTED_SUFFIXES = set(TEXT_SUFFIXES)
MAX_BYTES = 50 * 1024 * 1024


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield f
        else:
            yield p


def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(str(path), "empty file")
    if len(data) > MAX_BYTES:
        raise IngestError(str(path), f"file too large ({len(data)} bytes)")
    if b"\x00" in data[:4096]:
        raise IngestError(str(path), "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    fmt = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    return SourceText(path=str(path), text=text, format=fmt, encoding="utf-8",
                      sha256=hashlib.sha256(data).hexdigest())
