"""Stage 1: files -> text (`SourceText`).

`read_source(path)` reads one file into plain text (lines kept) or raises `IngestError` naming
the file and the problem; it never raises anything else. `iter_files(paths, skipped=)` walks
files and folders (recursively) and yields the files the readers support, listing in `skipped`
what it passes over and why (`graph.ingest.paths`).

Paths: any path the OS can name is read; it is shown and stored as `path_text(path)` (valid
UTF-8, bytes that are not UTF-8 written `\\xHH`), which is also the `SourceText.path` and the
path an `IngestError` names; `os_path(text)` gives the path back for I/O. A named pipe, socket
or device is refused before it is opened.

Formats: .txt, .md (passed through as-is), .html/.htm (portal chrome stripped), .docx
(paragraphs and tables in order), .pdf (text layer). Encodings (text and HTML files): UTF-8
with or without BOM, UTF-16/32 with BOM (UTF-16 also without), Windows-1258, and the legacy
font encodings TCVN3 (ABC) and VNI, converted to Unicode; see `graph.ingest.encoding`.

Limits (`graph.ingest.limits`): the file's size (`MAX_BYTES`, default 50 MB), what a .docx
unpacks to and its entry count (200 MB, 10,000), a PDF's pages and text (10,000, 200 MB);
each overridable per call (`max_bytes=`, `limits=Limits(...)`) or by an environment variable
(POLICYGRAPH_MAX_BYTES, _MAX_UNPACKED, _MAX_ENTRIES, _MAX_PAGES).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Optional

from graph.ingest.limits import Limits, MAX_BYTES
from graph.ingest.paths import Skipped, open_regular, os_path, path_text
from graph.ingest.paths import walk_files
from graph.models import IngestError, SourceText

__all__ = ["FORMATS", "Limits", "MAX_BYTES", "SUPPORTED_SUFFIXES", "Skipped", "iter_files",
           "open_regular", "os_path", "path_text", "read_bytes", "read_source", "sniff"]

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html"}
BINARY_SUFFIXES = {".docx": "docx", ".pdf": "pdf"}
FORMATS = {**TEXT_SUFFIXES, **HTML_SUFFIXES, **BINARY_SUFFIXES}
SUPPORTED_SUFFIXES = set(FORMATS)

# Leading bytes -> what the content is (for "content does not match the extension").
MAGIC = (
    (b"%PDF-", "pdf", "a PDF document"),
    (b"PK\x03\x04", "zip", "a ZIP archive (DOCX/XLSX/ODT...)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "a legacy Office file (.doc/.xls; save it as .docx)"),
    (b"{\\rtf", "rtf", "an RTF document (save it as .docx)"),
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"GIF87a", "image", "a GIF image"),
    (b"GIF89a", "image", "a GIF image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"\x1f\x8b", "archive", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "archive", "a RAR archive"),
    (b"\x7fELF", "binary", "an executable"),
    (b"MZ", "binary", "a Windows executable"),
)


def sniff(data: bytes) -> Optional[tuple[str, str]]:
    """(kind, description) of well-known binary content, or None."""
    for magic, kind, desc in MAGIC:
        if data.startswith(magic):
            if kind == "binary" and magic == b"MZ" and len(data) > 2 and data[2:3].isalpha():
                continue  # "MZ..." could be text
            return kind, desc
    return None


def iter_files(paths: Iterable[str | bytes | Path],
               skipped: Optional[list[Skipped]] = None) -> Iterator[Path]:
    """Files under `paths` (recursively, sorted) with a supported suffix; files named
    explicitly are yielded whatever their suffix or kind, so the reader can report them.
    What a folder walk passes over (pipes, sockets, devices with a supported suffix, symlink
    loops, dangling symlinks, folders it cannot open) is appended to `skipped` as
    `Skipped(path_text, reason)`."""
    return walk_files(paths, SUPPORTED_SUFFIXES, skipped)


def read_source(path: str | bytes | Path, *, max_bytes: Optional[int] = None,
                limits: Optional[Limits] = None) -> SourceText:
    """Read one file into text. Raises only `IngestError`. `max_bytes` overrides the size
    limit of `limits` (default: `Limits.from_env()`)."""
    lim = limits or Limits.from_env()
    if max_bytes is not None:
        lim = replace(lim, max_bytes=max_bytes)
    return _guarded(path_text(path), _read_source, path, lim)


def _guarded(name: str, fn, *args) -> SourceText:
    try:
        return fn(*args)
    except IngestError:
        raise
    except MemoryError:
        raise IngestError(name, "out of memory while reading") from None
    except RecursionError:
        raise IngestError(name, "cannot read (structure nested too deeply)") from None
    except Exception as exc:  # a reader bug or a library choking on a malformed file
        raise IngestError(name, f"cannot read ({type(exc).__name__}: {exc})"[:400]) from None


def _read_source(path, lim: Limits) -> SourceText:
    name = path_text(path)
    suffix = os.path.splitext(os.fsdecode(os.fspath(path)))[1].lower()
    limit = lim.max_bytes
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            raise IngestError(name, f"file too large ({size} bytes; limit {limit})")
        try:  # read what stat promised (not a buffer of the limit's size), more if it grew
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(limit + 1 - len(data))
        except OSError as exc:
            raise IngestError(name, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise IngestError(name, f"file too large (over {limit} bytes)")
    return _read_bytes(data, name, FORMATS.get(suffix), lim)


def read_bytes(data: bytes, name: str = "<bytes>", fmt: Optional[str] = None, *,
               limits: Optional[Limits] = None) -> SourceText:
    """Read file content already in memory; `fmt` is the format the extension promises
    (text | markdown | html | docx | pdf), None for an unsupported extension.
    Raises only `IngestError`."""
    return _guarded(name, _read_bytes, data, name, fmt, limits or Limits.from_env())


def _read_bytes(data: bytes, name: str, fmt: Optional[str], lim: Limits) -> SourceText:
    from graph.ingest.encoding import EncodingRefused, clean_text, decode_bytes, fix_legacy, \
        LEGACY_NAMES
    from graph.ingest.office import ReaderProblem

    sha = hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix.lower()
    if fmt is None:
        raise IngestError(name, f"unsupported file type '{suffix or '(no extension)'}'; "
                                f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if not data.strip():
        raise IngestError(name, "empty file")
    found = sniff(data)
    warnings: list[str] = []
    encoding: Optional[str] = None

    if fmt in ("text", "markdown", "html"):
        if found:
            raise IngestError(name, f"content does not match extension {suffix}: "
                                    f"it is {found[1]}")
        declared = None
        if fmt == "html":
            from graph.ingest.html import declared_charset
            declared = declared_charset(data)
        try:
            dec = decode_bytes(data, declared=declared)
        except EncodingRefused as exc:
            raise IngestError(name, str(exc)) from None
        text, encoding, warnings = dec.text, dec.encoding, list(dec.warnings)
        if fmt == "html":
            from graph.ingest.html import html_to_text
            if "<" not in text:
                warnings.append("no HTML markup; read as plain text")
            else:
                text = html_to_text(text)
    elif fmt == "docx":
        if not found or found[0] != "zip":
            what = found[1] if found else "not a ZIP container"
            raise IngestError(name, f"content does not match extension .docx: it is {what}")
        try:
            from graph.ingest.office import docx_to_text
            text = docx_to_text(data, lim)
        except ReaderProblem as exc:
            raise IngestError(name, str(exc)) from None
    elif fmt == "pdf":
        head = data[:1024]
        if b"%PDF-" not in head:
            what = found[1] if found else "not a PDF (no %PDF header)"
            raise IngestError(name, f"content does not match extension .pdf: it is {what}")
        try:
            from graph.ingest.office import pdf_to_text
            text, notes = pdf_to_text(data, lim)
        except ReaderProblem as exc:
            raise IngestError(name, str(exc)) from None
        warnings += notes
    else:  # pragma: no cover - FORMATS and this switch agree
        raise IngestError(name, f"no reader for format {fmt}")

    if fmt in ("docx", "pdf"):
        text = clean_text(text)
        fixed, legacy = fix_legacy(text)
        if legacy:
            warnings.append(f"legacy font encoding {LEGACY_NAMES[legacy]} converted to Unicode")
            text, encoding = fixed, legacy
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    if not text.strip():
        raise IngestError(name, "no text in file" + (" after removing page chrome"
                                                      if fmt == "html" else ""))
    return SourceText(path=name, text=text, format=fmt, encoding=encoding, sha256=sha,
                      warnings=warnings)
