"""Word (.docx) and PDF readers: bytes -> plain text.

DOCX: paragraphs and tables in document order (python-docx); each table cell on its own line,
merged cells once, nested tables included. Before anything is unpacked, the archive's
directory is checked: its entry count and the size it unpacks to against `Limits`
(max_entries, max_unpacked), and that it holds the parts of a Word document.

PDF: the text layer, page by page (pypdf); a PDF without one (a scan) is refused, as is one
with more pages than `Limits.max_pages` (counted before any page is read) or whose text
unpacks past `Limits.max_unpacked` (pypdf also caps each stream it decompresses).
"""
from __future__ import annotations

import io
import logging
import struct
import warnings as _warnings
from typing import Optional

from graph.ingest.limits import Limits, count, human_size

WORD_PARTS = ("[Content_Types].xml", "word/document.xml")


class ReaderProblem(ValueError):
    """The file is of the right kind but cannot be read (message says why)."""


def zip_entry_count(data: bytes, stop: int) -> Optional[int]:
    """Records in the central directory of the ZIP archive `data`, counted up to `stop` (a
    count over `stop` is returned as `stop + 1`), read from the directory itself (not from the
    count the end record declares); None when the directory is not where the end record puts
    it (zipfile is then left to judge the archive)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    offset = struct.unpack_from("<I", data, end + 16)[0]
    if offset == 0xFFFFFFFF and end >= 20 and data[end - 20:end - 16] == b"PK\x06\x07":
        end64 = struct.unpack_from("<Q", data, end - 12)[0]
        if data[end64:end64 + 4] != b"PK\x06\x06":
            return None
        offset = struct.unpack_from("<Q", data, end64 + 48)[0]
    n, pos = 0, offset
    while data[pos:pos + 4] == b"PK\x01\x02" and n <= stop:
        if pos + 46 > len(data):
            return None
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + name_len + extra_len + comment_len
        n += 1
    return n if n > stop or data[pos:pos + 4] in (b"PK\x05\x06", b"PK\x06\x06") else None


def check_docx_archive(data: bytes, limits: Limits) -> None:
    """Refuse (ReaderProblem) a .docx whose archive has too many entries, unpacks past the
    limit, is damaged, or lacks the parts of a Word document; nothing is unpacked."""
    import zipfile

    n = zip_entry_count(data, limits.max_entries)
    if n is not None and n > limits.max_entries:
        raise ReaderProblem(f"the archive holds more than {count(limits.max_entries)} entries "
                            f"(the limit)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error,
            EOFError) as exc:
        raise ReaderProblem(f"not a Word document (damaged ZIP archive: {exc})") from None
    if len(infos) > limits.max_entries:
        raise ReaderProblem(f"the archive holds {count(len(infos))} entries, over the "
                            f"{count(limits.max_entries)} limit")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked:
        raise ReaderProblem(f"unpacks to {human_size(total)}, over the "
                            f"{human_size(limits.max_unpacked)} limit")
    names = {i.filename for i in infos}
    missing = [p for p in WORD_PARTS if p not in names]
    if missing:
        raise ReaderProblem(f"not a Word document (a ZIP archive without {', '.join(missing)})")


def docx_to_text(data: bytes, limits: Limits = Limits()) -> str:
    """The text of a Word document: paragraphs and table cells, one a line, in order."""
    import zipfile
    import zlib

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    check_docx_archive(data, limits)
    try:
        doc = Document(io.BytesIO(data))
    except XMLSyntaxError as exc:
        raise ReaderProblem(f"damaged Word document (its XML cannot be read: {exc})"[:300]) \
            from None
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReaderProblem(f"not a Word document ({exc})"[:300]) from None
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError) as exc:
        raise ReaderProblem(f"damaged Word document ({exc})"[:300]) from None
    lines: list[str] = []

    def walk(container, parent) -> None:
        for child in container.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, parent).text)
            elif tag == "tbl":
                table = Table(child, parent)
                for row in table.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        walk(cell._tc, cell)
                    lines.append("")
            elif tag == "sdt":  # content controls wrap paragraphs and tables
                content = child.find(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
                if content is not None:
                    walk(content, parent)

    walk(doc.element.body, doc)
    return "\n".join(lines)


def pdf_to_text(data: bytes, limits: Limits = Limits()) -> tuple[str, list[str]]:
    """(the text layer of a PDF, notes); ReaderProblem for an encrypted, damaged, scanned or
    over-limit PDF."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            notes = _decrypt(reader)
            pages, failed = _pdf_pages(reader, limits)
        except ReaderProblem:
            raise
        except LimitReachedError as exc:
            raise ReaderProblem(f"PDF over a size limit of its reader ({exc})"[:300]) from None
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError,
                IndexError, RecursionError) as exc:
            raise ReaderProblem(f"damaged PDF ({type(exc).__name__}: {exc})"[:300]) from None
    if failed:
        notes.append(f"{failed} of {len(pages)} PDF pages could not be read")
    text = "\n".join(pages)
    letters = sum(1 for c in text if c.isalpha())
    if letters < 20:
        raise ReaderProblem(f"no text layer (scanned PDF?): {len(pages)} page(s), "
                            f"{letters} letters of text")
    return text, notes


def _decrypt(reader) -> list[str]:
    if not reader.is_encrypted:
        return []
    try:
        ok = reader.decrypt("")
    except Exception:
        ok = 0
    if not ok:
        raise ReaderProblem("encrypted PDF (password required)")
    return ["encrypted PDF opened with an empty password"]


def _pdf_pages(reader, limits: Limits) -> tuple[list[str], int]:
    """(the text of each page, how many pages could not be read); the page count is checked
    before any page is read, the text's size after each page."""
    from pypdf.errors import LimitReachedError

    n = len(reader.pages)
    if n > limits.max_pages:
        raise ReaderProblem(f"has {count(n)} pages, over the {count(limits.max_pages)} limit")
    pages: list[str] = []
    failed = size = 0
    for page in reader.pages:
        try:
            t = page.extract_text() or ""
        except LimitReachedError:
            raise
        except Exception:  # one bad page must not lose the document
            failed += 1
            t = ""
        size += len(t)
        if size > limits.max_unpacked:
            raise ReaderProblem(f"its text unpacks to over {human_size(limits.max_unpacked)}, "
                                f"the limit (at page {len(pages) + 1} of {n})")
        pages.append(t)
    return pages, failed
