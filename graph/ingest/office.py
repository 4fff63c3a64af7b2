"""Word (.docx) and PDF readers: bytes -> plain text.

DOCX: paragraphs and tables in document order (python-docx); each table cell on its own line,
merged cells once, nested tables included. PDF: the text layer, page by page (pypdf); a PDF
without one (a scan) is refused.
"""
from __future__ import annotations

import io
import logging
import warnings as _warnings


class ReaderProblem(ValueError):
    """The file is of the right kind but cannot be read (message says why)."""


def docx_to_text(data: bytes) -> str:
    import zipfile

    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise ReaderProblem(f"not a DOCX file (damaged ZIP: {exc})") from None
    if "word/document.xml" not in names:
        raise ReaderProblem("ZIP archive but not a Word document (no word/document.xml)")
    doc = Document(io.BytesIO(data))
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


def pdf_to_text(data: bytes) -> tuple[str, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    notes: list[str] = []
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception:
                    ok = 0
                if not ok:
                    raise ReaderProblem("encrypted PDF (password required)")
                notes.append("encrypted PDF opened with an empty password")
            pages = []
            failed = 0
            for page in reader.pages:
                try:
                    pages.append(page.extract_text() or "")
                except Exception:  # one bad page must not lose the document
                    failed += 1
                    pages.append("")
        except ReaderProblem:
            raise
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
