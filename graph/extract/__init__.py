"""Stage 2: text -> `Record` (kind, header, references, statements, tasks, report).

What a text is decides what is read from it (`graph.extract.kind`): an official document
gives its header, references (implements / cites), statements and tasks; a web page about
documents (article, Q&A, news, download page) gives only its mentions, as `cites`, never a
header, an `implements`, a statement or a task; unrelated text gives nothing. A caller who
knows better forces the kind (`kind="official"`, `policygraph build --kind`).

`extract_text(text, source)` is a pure function of the text, so it can run in worker
processes or under a distributed engine (see README). `extract_source(SourceText)` adds the
file's hash; `extract_file(path)` reads the file first (raises `IngestError`).

The stage's modules are imported on first use, so that commands which never extract (trace,
find …) start fast.
"""
from __future__ import annotations

from typing import Optional

from graph.models import Header, Record, SourceText

__all__ = ["extract_text", "extract_source", "extract_file", "clean", "CleanText"]


def extract_text(text: str, source: str = "", kind: Optional[str] = None) -> Record:
    """The record of one text. `kind` forces what the text is (one of
    `graph.extract.kind.KINDS`); by default it is read from the text."""
    from graph.extract.header import extract_header
    from graph.extract.kind import KINDS, OFFICIAL, PAGE, classify
    from graph.extract.normalize import clean

    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    ct = clean(text)
    header = extract_header(ct)
    if kind is None:
        found_kind = classify(ct, header)
        kind, reasons = found_kind.kind, list(found_kind.reasons)
    else:
        reasons = ["forced"]
    if kind == OFFICIAL:
        record = _official(ct, header)
    elif kind == PAGE:
        record = _page(ct)
    else:
        record = Record(source="")
    record.source, record.kind, record.kind_reasons = source, kind, reasons
    return record


def _official(ct, header: Header) -> Record:
    """Everything an official document says: header, references, statements, tasks."""
    from graph.extract.references import extract_references
    from graph.extract.tasks import extract_tasks

    from graph.extract.reports import read_report

    found = extract_references(ct, header)
    report = read_report(ct.text, header, found.references, found.statements)
    return Record(source="", document=header, references=found.references,
                  statements=found.statements, aliases=found.aliases,
                  tasks=extract_tasks(ct, header), report=report)


def _page(ct) -> Record:
    """A page about documents: its mentions as `cites`, read without a header of its own (the
    page is not the document it quotes), no statements, no tasks."""
    from graph.extract.references import extract_references
    from graph.models import CITES

    found = extract_references(ct, Header())
    for ref in found.references:
        ref.relation = CITES
    return Record(source="", references=found.references, aliases=found.aliases)


def extract_source(src: SourceText, kind: Optional[str] = None) -> Record:
    record = extract_text(src.text, src.path, kind=kind)
    record.sha256 = src.sha256
    record.errors.extend(src.warnings)
    return record


def extract_file(path, kind: Optional[str] = None) -> Record:
    from graph.ingest import read_source
    return extract_source(read_source(path), kind=kind)


def __getattr__(name: str):
    if name in ("clean", "CleanText"):
        from graph.extract import normalize
        return getattr(normalize, name)
    raise AttributeError(f"module 'graph.extract' has no attribute {name!r}")
