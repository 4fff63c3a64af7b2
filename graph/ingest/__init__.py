"""Stage 1: files -> text (`SourceText`).

`read_source(path)` reads one file into plain text (lines kept) or raises `IngestError` naming
the file and the problem; it never raises anything else. `iter_files(paths)` walks files and
folders (recursively) and yields the files the readers support.

Formats: .txt, .md (passed through as-is), .html/.htm (portal chrome stripped), .docx
(paragraphs and tables in order), .pdf (text layer). Encodings (text and HTML files): UTF-8
with or without BOM, UTF-16/32 with BOM (UTF-16 also without), Windows-1258, and the legacy
font encodings TCVN3 (ABC) and VNI, converted to Unicode; see `graph.ingest.encoding`.

Size limit: `MAX_BYTES` (default 50 MB), overridable per call (`max_bytes=`) or by the
environment variable POLICYGRAPH_MAX_BYTES.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, Iterator, Optional

from graph.models import IngestError, SourceText

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html"}
BINARY_SUFFIXES = {".docx": "docx", ".pdf": "pdf"}
FORMATS = {**TEXT_SUFFIXES, **HTML_SUFFIXES, **BINARY_SUFFIXES}
SUPPORTED_SUFFIXES = set(FORMATS)
MAX_BYTES = 50 * 1024 * 1024

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


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under `paths` (recursively, sorted) with a supported suffix; files named
    explicitly are yielded whatever their suffix, so the reader can report them."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() in SUPPORTED_SUFFIXES and f.is_file() \
                        and not f.name.startswith("~$"):  # Word lock files
                    yield f
        else:
            yield p


def _limit(max_bytes: Optional[int]) -> int:
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get("POLICYGRAPH_MAX_BYTES")
    if env:
        try:
            return int(env)
        except ValueError:
            pass
    return MAX_BYTES


def read_source(path: str | Path, *, max_bytes: Optional[int] = None) -> SourceText:
    """Read one file into text. Raises only `IngestError`."""
    return _guarded(str(path), _read_source, Path(path), _limit(max_bytes))


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


def _read_source(path: Path, limit: int) -> SourceText:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        st = path.stat()
    except OSError as exc:
        raise IngestError(name, f"cannot read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise IngestError(name, "is a folder, not a file")
    if st.st_size > limit:
        raise IngestError(name, f"file too large ({st.st_size} bytes; limit {limit})")
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise IngestError(name, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise IngestError(name, f"file too large (over {limit} bytes)")
    return _read_bytes(data, name, FORMATS.get(suffix))


def read_bytes(data: bytes, name: str = "<bytes>", fmt: Optional[str] = None) -> SourceText:
    """Read file content already in memory; `fmt` is the format the extension promises
    (text | markdown | html | docx | pdf), None for an unsupported extension.
    Raises only `IngestError`."""
    return _guarded(name, _read_bytes, data, name, fmt)


def _read_bytes(data: bytes, name: str, fmt: Optional[str]) -> SourceText:
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
            text = docx_to_text(data)
        except ReaderProblem as exc:
            raise IngestError(name, str(exc)) from None
    elif fmt == "pdf":
        head = data[:1024]
        if b"%PDF-" not in head:
            what = found[1] if found else "not a PDF (no %PDF header)"
            raise IngestError(name, f"content does not match extension .pdf: it is {what}")
        try:
            from graph.ingest.office import pdf_to_text
            text, notes = pdf_to_text(data)
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
