"""Stage 2: text -> `Record` (header, references, statements, tasks).

`extract_text(text, source)` is a pure function of the text, so it can run in worker
processes or under a distributed engine (see README). `extract_source(SourceText)` adds the
file's hash; `extract_file(path)` reads the file first (raises `IngestError`).

The stage's modules are imported on first use, so that commands which never extract (trace,
find …) start fast.
"""
from __future__ import annotations

from graph.models import Record, SourceText

__all__ = ["extract_text", "extract_source", "extract_file", "clean", "CleanText"]


def extract_text(text: str, source: str = "") -> Record:
    from graph.extract.header import extract_header
    from graph.extract.normalize import clean
    from graph.extract.references import extract_references
    from graph.extract.tasks import extract_tasks

    ct = clean(text)
    header = extract_header(ct)
    found = extract_references(ct, header)
    record = Record(source=source, document=header, references=found.references,
                    statements=found.statements, aliases=found.aliases)
    record.tasks = extract_tasks(ct, header)
    return record


def extract_source(src: SourceText) -> Record:
    record = extract_text(src.text, src.path)
    record.sha256 = src.sha256
    record.errors.extend(src.warnings)
    return record


def extract_file(path) -> Record:
    from graph.ingest import read_source
    return extract_source(read_source(path))


def __getattr__(name: str):
    if name in ("clean", "CleanText"):
        from graph.extract import normalize
        return getattr(normalize, name)
    raise AttributeError(f"module 'graph.extract' has no attribute {name!r}")
