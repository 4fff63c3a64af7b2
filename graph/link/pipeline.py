"""Files -> store: read, extract and write each file, skip unchanged ones, forget deleted ones.

`build` reads every file (graph.ingest), extracts it (graph.extract.extract_source, a pure
function of the text, run in a process pool with `jobs` > 1) and writes each file in its own
transaction. Unchanged files (same sha256) are skipped; changed files replace their rows; a
file that cannot be read or extracted is recorded with its reason and never stops the batch;
so is a file whose extraction runs over the time budget (`Limits.max_seconds`, 30 s unless
POLICYGRAPH_MAX_SECONDS says otherwise): "too complex: extraction took over 30 s".

The unit of work is a row of `extract_row`, (path, sha256, size, record dict or None, error or
None): plain and picklable, so any distributed engine can compute the rows and
`build_from_records` stores them as `build` does.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from graph.link import store
from graph.models import IngestError, Record

Row = tuple[str, Optional[str], int, Optional[dict], Optional[str]]


@dataclass
class BuildReport:
    files: int = 0          # files seen
    written: int = 0        # files (re)written to the store
    skipped: int = 0        # unchanged since the last build
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    documents: int = 0      # totals in the store after the build
    references: int = 0
    tasks: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # stored files per kind (official, page …)
    seconds: float = 0.0
    interrupted: bool = False
    pruned: list[str] = field(default_factory=list)   # stored files gone from disk, removed
    missing: list[str] = field(default_factory=list)  # ... not removed (no prune)
    passed_over: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) the walk did not read

    def to_dict(self) -> dict:
        return {"files": self.files, "written": self.written, "skipped": self.skipped,
                "failures": [{"path": p, "reason": r} for p, r in self.failures],
                "documents": self.documents, "references": self.references,
                "tasks": self.tasks, "kinds": dict(self.kinds),
                "seconds": round(self.seconds, 3),
                "interrupted": self.interrupted,
                "pruned": list(self.pruned), "missing": list(self.missing),
                "passed_over": [{"path": p, "reason": r} for p, r in self.passed_over]}

    def count_store(self, conn, t0: float) -> None:
        """Fill the store's totals and the time since t0."""
        c = store.counts(conn)
        self.documents, self.references, self.tasks = c["documents"], c["references"], c["tasks"]
        self.kinds = store.kinds(conn)
        self.seconds = time.perf_counter() - t0


def extract_row(path: str | Path, limits=None, kind: Optional[str] = None) -> Row:
    """Read and extract one file; never raises. Returns a plain, picklable row

        (path, sha256 of the file's bytes or None, size in characters,
         Record.to_dict() or None, error or None)

    with exactly one of record / error set: the row `build` writes for that file, and what
    `build_from_records` accepts as is. The worker of `build` and of distributed runs (Dask,
    Spark, a process pool: it needs nothing but the path, and imports what it uses).
    (`graph.extract.extract_file(path)` is the other contract: a Record, raising on failure.)

    `limits` (default `Limits.from_env()`) bounds the file's size (the readers) and its
    extraction time (max_seconds, see `within_budget`): a file over it fails "too complex:
    extraction took over N s". `kind` forces what the text is (see `graph.extract.kind`).
    """
    from graph.ingest import os_path, path_text, read_source
    from graph.ingest.limits import Limits
    limits = limits or Limits.from_env()
    path = path_text(path) if not isinstance(path, str) else path
    try:
        src = read_source(os_path(path), limits=limits)
        sha = src.sha256 or hashlib.sha256(src.text.encode("utf-8")).hexdigest()
        size = len(src.text)
    except IngestError as exc:
        return path, None, 0, None, exc.problem
    except Exception as exc:  # a reader bug must not stop the batch
        return path, None, 0, None, f"cannot read: {type(exc).__name__}: {exc}"
    try:
        from graph.extract import extract_source
        rec = within_budget(extract_source, src, kind, seconds=limits.max_seconds)
        rec.source, rec.sha256 = path, sha
        return path, sha, size, rec.to_dict(), None
    except TooComplex as exc:
        return path, sha, size, None, str(exc)
    except Exception as exc:
        return path, sha, size, None, f"extraction failed: {type(exc).__name__}: {exc}"


class TooComplex(Exception):
    """A file's extraction went over its time budget (`within_budget`)."""

    def __init__(self, seconds: float):
        super().__init__(f"too complex: extraction took over {seconds:g} s")
        self.seconds = seconds


def within_budget(fn, *args, seconds: float):
    """fn(*args), raising `TooComplex` once it has run `seconds` (0 or less: no budget).

    In the main thread of a process where SIGALRM exists (the CLI, the workers of `build`'s
    pool) a timer interrupts fn; elsewhere (a thread of a distributed engine) fn runs to its
    end and the budget is checked after it."""
    import signal
    import threading
    if seconds <= 0:
        return fn(*args)
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        t0 = time.perf_counter()
        got = fn(*args)
        if time.perf_counter() - t0 > seconds:
            raise TooComplex(seconds)
        return got

    def expired(signum, frame):
        raise TooComplex(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    t0 = time.perf_counter()
    outer = 0.0
    try:
        outer = signal.setitimer(signal.ITIMER_REAL, seconds)[0]
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:  # a timer set before ours goes on with what it had left
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.perf_counter() - t0), 1e-3))


def _sha_file(path: str) -> Optional[str]:
    """The sha256 of a stored path's bytes; None when it is not a regular readable file (a
    named pipe is refused from its stat, never opened)."""
    from graph.ingest import open_regular, os_path
    h = hashlib.sha256()
    try:
        with open_regular(os_path(path)) as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except (OSError, IngestError):
        return None
    return h.hexdigest()


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    try:
        from tqdm import tqdm
        return tqdm(total=total, unit="file", file=sys.stderr, desc="build", leave=True)
    except Exception:
        return None


def _scan(conn, paths: Iterable[str | Path],
          passed_over: Optional[list] = None) -> tuple[list[str], list[str]]:
    """(every file under `paths` as `build` finds them, those of them to extract: new, changed
    since they were stored, or failed last time). Paths are stored as `path_text` (valid
    UTF-8 for any name the OS gives); what the walk does not read (pipes, loops, dangling
    links, unreadable folders) is appended to `passed_over` as (path, reason)."""
    from graph.ingest import iter_files, path_text
    known = store.file_hashes(conn)
    seen: list[str] = []
    todo: list[str] = []
    skipped: list = []
    for f in iter_files(paths, skipped=skipped):
        p = path_text(f)
        seen.append(p)
        sha = _sha_file(p)
        prev = known.get(p)
        if sha and prev and prev[0] == sha and prev[1] == "ok":
            continue
        todo.append(p)
    if passed_over is not None:
        passed_over.extend((s.path, s.reason) for s in skipped)
    return seen, todo


def files_to_extract(paths: Iterable[str | Path], store_path: str | Path) -> list[str]:
    """The files under `paths` (files or folders, recursively) that `build` would extract into
    this store: new, changed since they were stored, or failed last time; unchanged files are
    left out. The path strings are the ones `build` stores, so a distributed run and
    `policygraph build` can take turns on one store."""
    conn = store.connect(store_path)
    try:
        return _scan(conn, paths)[1]
    finally:
        conn.close()


def _under(path: str, roots: list[str]) -> bool:
    a = os.path.abspath(path)
    return any(a == r or a.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _missing(conn, paths: Iterable[str | Path], present: Iterable[str] = ()) -> list[str]:
    """Files the store holds under `paths` that no longer exist on disk. A PATH that does not
    exist itself (a typo, an unmounted disk) counts nothing as missing under it."""
    roots = [os.path.abspath(p) for p in paths if os.path.exists(p)]
    if not roots:
        return []
    present = set(present)
    from graph.ingest import os_path
    return [p for (p,) in conn.execute(
                "SELECT path FROM files WHERE status != 'graph' ORDER BY path")
            if p not in present and _under(os_path(p), roots) and not os.path.lexists(os_path(p))]


def prune(paths: Iterable[str | Path], store_path: str | Path,
          dry_run: bool = False) -> list[str]:
    """Remove from the store the files it holds under `paths` (files or folders) that no
    longer exist on disk: their documents, references, statements and tasks (and agencies no
    other task names), in one transaction. Files outside `paths` are never touched, nor is
    anything under a PATH that does not exist itself. The store's version moves on, so the
    next `load_graph` assembles the graph without them. Returns the paths removed (with
    dry_run=True: that would be removed; nothing is written)."""
    paths = list(paths)
    conn = store.connect(store_path)
    try:
        gone = _missing(conn, paths)
        if gone and not dry_run:
            store.delete_files(conn, gone)
    finally:
        conn.close()
    return gone


def _rows(work: Callable[[str], Row], todo: list[str], jobs: int) -> Iterator[Row]:
    """work(path) for each path of todo, in order: in a pool of `jobs` processes when there
    is more than one of each. Closed before the end (Ctrl-C, a failed write), the pool drops
    its pending work."""
    if jobs <= 1 or len(todo) <= 1:
        yield from map(work, todo)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    finished = False
    try:
        yield from pool.map(work, todo, chunksize=max(1, min(32, len(todo) // (jobs * 8) or 1)))
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=not finished)


def build(paths: Iterable[str | Path], store_path: str | Path, jobs: Optional[int] = None,
          progress: bool = True, extractor: Optional[Callable[[str], Row]] = None,
          prune: bool = False, kind: Optional[str] = None) -> BuildReport:
    """Ingest + extract + store every file under `paths`. See the module docstring.

    `extractor` (default `extract_row`) makes the row of one path. prune=True: afterwards,
    remove from the store the files it holds under `paths` that are gone from disk (see
    `prune`; report.pruned lists them). Otherwise they stay, listed in report.missing."""
    paths = list(paths)
    t0 = time.perf_counter()
    report = BuildReport()
    conn = store.connect(store_path)
    store.ensure_id(conn)
    seen, todo = _scan(conn, paths, report.passed_over)
    report.files = len(seen)
    report.skipped = len(seen) - len(todo)
    bar = _progress(len(todo), progress)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    work = extractor or (functools.partial(extract_row, kind=kind) if kind else extract_row)
    rows = _rows(work, todo, jobs)
    try:
        for row in rows:
            _write_row(conn, row, report)
            if bar:
                bar.update(1)
        gone = _missing(conn, paths, present=seen)
        if prune and gone:
            store.delete_files(conn, gone)
        if prune:
            report.pruned = gone
        else:
            report.missing = gone
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        rows.close()
        if bar:
            bar.close()
        report.count_store(conn, t0)
        conn.close()
    return report


def _write_row(conn, row: Row, report: BuildReport) -> None:
    """Store one row of `extract_row`: its record, or its failure (listed in the report)."""
    path, sha, size, rec, err = row
    if rec is None:
        report.failures.append((path, err or "unknown error"))
        store.write_failure(conn, path, sha, size, err or "unknown error")
    else:
        store.write_record(conn, path, sha, size, Record.from_dict(rec))
        report.written += 1


def _as_record(item: Record | dict | tuple) -> tuple[str, int, Record]:
    """(path, size, Record) of an item of `build_from_records` that carries a record: the
    record keyed by its path (else its `source`), with `source` and `sha256` set (when no
    sha256 is given, one is computed from its JSON)."""
    size = 0
    if isinstance(item, tuple) and len(item) == 5:
        path, _, size, rec, _ = item
    elif isinstance(item, tuple):
        path, rec = item
    else:
        path, rec = None, item
    rec = Record.from_dict(rec.to_dict() if isinstance(rec, Record) else rec)
    rec.source = str(path or rec.source or "")
    if not rec.sha256:
        rec.sha256 = hashlib.sha256(json.dumps(rec.to_dict(), sort_keys=True, ensure_ascii=False)
                                    .encode("utf-8")).hexdigest()
    return rec.source, size or 0, rec


def build_from_records(records: Iterable[Record | dict | tuple], store_path: str | Path,
                       progress: bool = False) -> BuildReport:
    """Write already-extracted records to the store. Each item is one of

    - a row of `extract_row`, (path, sha256, size, record dict or None, error or None),
      e.g. computed by a distributed engine: stored exactly as `build` stores it, a failed
      row included (listed in report.failures with its reason; the others go on);
    - a Record, its dict, or (path, Record | dict).

    Each record is keyed by its path (else its `source`); a record whose sha256 equals the
    stored one is skipped (when no sha256 is given, one is computed from its JSON).
    """
    t0 = time.perf_counter()
    report = BuildReport()
    conn = store.connect(store_path)
    store.ensure_id(conn)
    known = store.file_hashes(conn)
    try:
        for item in records:
            report.files += 1
            if isinstance(item, tuple) and len(item) == 5 and item[3] is None:
                path, sha, size, _, err = item
                _write_row(conn, (str(path), sha, size or 0, None, err), report)
                continue
            path, size, rec = _as_record(item)
            prev = known.get(path)
            if prev and prev[0] == rec.sha256 and prev[1] == "ok":
                report.skipped += 1
                continue
            store.write_record(conn, path, rec.sha256, size, rec)
            report.written += 1
    finally:
        report.count_store(conn, t0)
        conn.close()
    return report
