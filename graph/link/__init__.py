"""Stage 3: records -> SQLite store + networkx MultiDiGraph.

    from graph.link import build, load_graph
    report = build(["data/samples"], "out/policygraph.sqlite", jobs=2)
    G = load_graph("out/policygraph.sqlite")

`build` reads every file (graph.ingest), extracts it (graph.extract.extract_source, a pure
function of the text, run in a process pool with `jobs` > 1) and writes each file in its own
transaction. Unchanged files (same sha256) are skipped; changed files replace their rows; a
file that cannot be read or extracted is recorded with its reason and never stops the batch.

`build(..., prune=True)` (`policygraph build --prune`) then removes from the store the files
it holds under `paths` that are gone from disk (`prune`); without it they are only counted.

Extraction being a pure function of the text, a corpus beyond one machine can be extracted by
any distributed engine and written with `build_from_records`, e.g. with Dask (the README's
"Running at scale" recipe, run by tests/test_dask_recipe.py):

    import dask.bag as db
    paths = files_to_extract(["corpus"], store)          # new or changed files only
    rows = db.from_sequence(paths, npartitions=64).map(extract_file).compute()
    report = build_from_records(rows, store)             # bad files land in report.failures
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from graph.link import store as _store
from graph.link.assemble import assemble
from graph.models import IngestError, Record

__all__ = ["BuildReport", "build", "build_from_records", "extract_file", "files_to_extract",
           "prune", "load_graph", "assemble", "save_graph"]


@dataclass
class BuildReport:
    files: int = 0          # files seen
    written: int = 0        # files (re)written to the store
    skipped: int = 0        # unchanged since the last build
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    documents: int = 0      # totals in the store after the build
    references: int = 0
    tasks: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    pruned: list[str] = field(default_factory=list)   # stored files gone from disk, removed
    missing: list[str] = field(default_factory=list)  # ... not removed (no prune)

    def to_dict(self) -> dict:
        return {"files": self.files, "written": self.written, "skipped": self.skipped,
                "failures": [{"path": p, "reason": r} for p, r in self.failures],
                "documents": self.documents, "references": self.references,
                "tasks": self.tasks, "seconds": round(self.seconds, 3),
                "interrupted": self.interrupted,
                "pruned": list(self.pruned), "missing": list(self.missing)}


def extract_file(path: str | Path) -> tuple[str, Optional[str], int, Optional[dict], Optional[str]]:
    """Read and extract one file; never raises. Returns a plain, picklable row

        (path, sha256 of the file's bytes or None, size in characters, record dict or None,
         error or None)

    with exactly one of record / error set: the row `build` writes for that file, and what
    `build_from_records` accepts as is. The worker of `build` and of distributed runs (Dask,
    Spark, a process pool: it needs nothing but the path, and imports what it uses).
    """
    path = str(path)
    try:
        from graph.ingest import read_source
        src = read_source(path)
        sha = src.sha256 or hashlib.sha256(src.text.encode("utf-8")).hexdigest()
        size = len(src.text)
    except IngestError as exc:
        return path, None, 0, None, exc.problem
    except Exception as exc:  # a reader bug must not stop the batch
        return path, None, 0, None, f"cannot read: {type(exc).__name__}: {exc}"
    try:
        from graph.extract import extract_source
        rec = extract_source(src)
        d = rec.to_dict() if hasattr(rec, "to_dict") else dict(rec)
        d["source"] = path
        d["sha256"] = sha
        return path, sha, size, d, None
    except Exception as exc:
        return path, sha, size, None, f"extraction failed: {type(exc).__name__}: {exc}"


_extract_one = extract_file  # the former private name, kept for callers that used it


def _sha_file(path: str) -> Optional[str]:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
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


def _scan(conn, paths: Iterable[str | Path]) -> tuple[list[str], list[str]]:
    """(every file under `paths` as `build` finds them, those of them to extract: new, changed
    since they were stored, or failed last time)."""
    from graph.ingest import iter_files
    known = _store.file_hashes(conn)
    seen: list[str] = []
    todo: list[str] = []
    for f in iter_files(paths):
        p = str(f)
        seen.append(p)
        sha = _sha_file(p)
        prev = known.get(p)
        if sha and prev and prev[0] == sha and prev[1] == "ok":
            continue
        todo.append(p)
    return seen, todo


def files_to_extract(paths: Iterable[str | Path], store_path: str | Path) -> list[str]:
    """The files under `paths` (files or folders, recursively) that `build` would extract into
    this store: new, changed since they were stored, or failed last time; unchanged files are
    left out. The path strings are the ones `build` stores, so a distributed run and
    `policygraph build` can take turns on one store."""
    conn = _store.connect(store_path)
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
    return [p for (p,) in conn.execute(
                "SELECT path FROM files WHERE status != 'graph' ORDER BY path")
            if p not in present and _under(p, roots) and not os.path.exists(p)]


def prune(paths: Iterable[str | Path], store_path: str | Path,
          dry_run: bool = False) -> list[str]:
    """Remove from the store the files it holds under `paths` (files or folders) that no
    longer exist on disk: their documents, references, statements and tasks (and agencies no
    other task names), in one transaction. Files outside `paths` are never touched, nor is
    anything under a PATH that does not exist itself. The store's version moves on, so the
    next `load_graph` assembles the graph without them. Returns the paths removed (with
    dry_run=True: that would be removed; nothing is written)."""
    paths = list(paths)
    conn = _store.connect(store_path)
    try:
        gone = _missing(conn, paths)
        if gone and not dry_run:
            _store.delete_files(conn, gone)
    finally:
        conn.close()
    return gone


def build(paths: Iterable[str | Path], store_path: str | Path, jobs: Optional[int] = None,
          progress: bool = True, extractor=None, prune: bool = False) -> BuildReport:
    """Ingest + extract + store every file under `paths`. See module docstring.

    prune=True: afterwards, remove from the store the files it holds under `paths` that are
    gone from disk (see `prune`; report.pruned lists them). Otherwise they stay, listed in
    report.missing."""
    paths = list(paths)
    t0 = time.perf_counter()
    report = BuildReport()
    conn = _store.connect(store_path)
    _ensure_id(conn)
    seen, todo = _scan(conn, paths)
    report.files = len(seen)
    report.skipped = len(seen) - len(todo)
    bar = _progress(len(todo), progress)
    work = extractor or extract_file
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    pool = None
    try:
        if jobs > 1 and len(todo) > 1:
            pool = ProcessPoolExecutor(max_workers=jobs)
            results = pool.map(work, todo, chunksize=max(1, min(32, len(todo) // (jobs * 8) or 1)))
        else:
            results = map(work, todo)
        for row in results:
            _write_row(conn, row, report)
            if bar:
                bar.update(1)
        gone = _missing(conn, paths, present=seen)
        if prune:
            if gone:
                _store.delete_files(conn, gone)
            report.pruned = gone
        else:
            report.missing = gone
    except KeyboardInterrupt:
        report.interrupted = True
        if pool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        raise
    finally:
        if bar:
            bar.close()
        if pool:
            pool.shutdown()
        c = _store.counts(conn)
        report.documents, report.references, report.tasks = c["documents"], c["references"], c["tasks"]
        report.seconds = time.perf_counter() - t0
        conn.close()
    return report


def _write_row(conn, row: tuple, report: BuildReport) -> None:
    """Store one row of `extract_file`: its record, or its failure (listed in the report)."""
    path, sha, size, rec, err = row
    if rec is None:
        report.failures.append((path, err or "unknown error"))
        _store.write_failure(conn, path, sha, size, err or "unknown error")
    else:
        _store.write_record(conn, path, sha, size, rec)
        report.written += 1


def build_from_records(records: Iterable[Record | dict | tuple], store_path: str | Path,
                       progress: bool = False) -> BuildReport:
    """Write already-extracted records to the store. Each item is one of

    - a row of `extract_file`, (path, sha256, size, record dict or None, error or None),
      e.g. computed by a distributed engine: stored exactly as `build` stores it, a failed
      row included (listed in report.failures with its reason; the others go on);
    - a Record, its dict, or (path, Record | dict).

    Each record is keyed by its path (else its `source`); a record whose sha256 equals the
    stored one is skipped (when no sha256 is given, one is computed from its JSON).
    """
    import json
    t0 = time.perf_counter()
    report = BuildReport()
    conn = _store.connect(store_path)
    _ensure_id(conn)
    known = _store.file_hashes(conn)
    try:
        for item in records:
            size = 0
            if isinstance(item, tuple) and len(item) == 5:
                path, sha, size, rec, err = item
                if rec is None:
                    report.files += 1
                    _write_row(conn, (str(path), sha, size or 0, None, err), report)
                    continue
            elif isinstance(item, tuple):
                path, rec = item
            else:
                path, rec = None, item
            d = rec.to_dict() if isinstance(rec, Record) else dict(rec)
            path = str(path or d.get("source") or "")
            d["source"] = path
            sha = d.get("sha256") or hashlib.sha256(
                json.dumps(d, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
            d["sha256"] = sha
            report.files += 1
            prev = known.get(path)
            if prev and prev[0] == sha and prev[1] == "ok":
                report.skipped += 1
                continue
            _store.write_record(conn, path, sha, size or 0, d)
            report.written += 1
    finally:
        c = _store.counts(conn)
        report.documents, report.references, report.tasks = c["documents"], c["references"], c["tasks"]
        report.seconds = time.perf_counter() - t0
        conn.close()
    return report


def _ensure_id(conn) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()
    if row:
        return row[0]
    sid = uuid.uuid4().hex
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', ?)", (sid,))
    return sid


def cache_path(store_path: str | Path) -> Path:
    """The full graph cache (a pickled networkx MultiDiGraph) next to the store."""
    p = Path(store_path)
    return p.with_name(p.name + ".graph.pickle")


def lean_cache_path(store_path: str | Path) -> Path:
    """The lean cache read by the CLI queries (graph.link.lean)."""
    p = Path(store_path)
    return p.with_name(p.name + ".graph.lean.pickle")


def state_path(store_path: str | Path) -> Path:
    """What incremental loads need, paired with the full cache: per-file sha256 and identity
    signature, and the resolver's keys (see graph.link.assemble.patch)."""
    p = Path(store_path)
    return p.with_name(p.name + ".graph.state.pickle")


def _read_cache(cp: Path, tag, accept=None) -> Any:
    """The object cached in cp when its tag is `tag` (or satisfies accept(tag))."""
    if not cp.exists():
        return None
    try:
        with open(cp, "rb") as fh:
            got = pickle.load(fh)
            if got != tag and not (accept and accept(got)):
                return None
            gc.disable()  # millions of small objects: the GC would rescan them all
            try:
                obj = pickle.load(fh)
                gc.freeze()  # long-lived: keep it out of later GC passes
                return obj
            finally:
                gc.enable()
    except Exception:
        return None


def _write_cache(cp: Path, tag, obj) -> None:
    tmp = cp.with_name(cp.name + f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(tag, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cp)
    except OSError:
        tmp.unlink(missing_ok=True)


def _write_lean(store_path: Path, tag, G) -> None:
    from graph.link import lean
    try:
        from graph.query import build_index
        index = build_index(G)
    except Exception:  # the query stage builds its index itself when absent
        index = None
    cp = lean_cache_path(store_path)
    tmp = cp.with_name(cp.name + f".{os.getpid()}.tmp")
    try:
        lean.write(tmp, tag, G, index)
        os.replace(tmp, cp)
    except OSError:
        tmp.unlink(missing_ok=True)


def _read_lean(store_path: Path, tag):
    from graph.link import lean
    try:
        return lean.read(lean_cache_path(store_path), tag)
    except Exception:
        return None


def load_graph(store_path: str | Path, use_cache: bool = True, full: bool = True):
    """The graph of everything in the store (GRAPH_SCHEMA), cached by store content version.

    full=True (default, for exporters and the Python API): a networkx MultiDiGraph.
    full=False (the CLI queries): a `graph.link.lean.LeanGraph`, a read-only view with the
    same nodes, edges and attributes, decoded on access, that opens in a fraction of the time.
    """
    store_path = Path(store_path)
    if not store_path.exists():
        raise FileNotFoundError(f"{store_path}: no such store (run `policygraph build` first)")
    conn = _store.connect(store_path)
    try:
        tag = (_ensure_id(conn), _store.version(conn))
        if use_cache and not full:
            LG = _read_lean(store_path, tag)
            if LG is not None:
                return LG
        G = _read_cache(cache_path(store_path), tag) if use_cache else None
        fresh = patched = False
        state: Optional[dict] = None
        if G is None and use_cache:
            got = _patched(conn, store_path, tag)
            if got is not None:
                G, state = got
                patched = True
        held = _store.read_graph(conn) if G is None else None
        if held is not None:  # a store holding a whole graph (save_graph): no records
            gc.disable()
            try:
                G = pickle.loads(held)
            finally:
                gc.enable()
            del held
            G.graph["store"] = str(store_path)
            fresh, state = True, {}
        if G is None:
            fresh = True
            state = {}
            gc.disable()
            try:
                G = assemble(_store.iter_records(conn), state=state,
                             keys=list(_store.iter_identity_keys(conn)))
            finally:
                gc.enable()
            G.graph["store"] = str(store_path)
        G.graph["version"] = tag[1]
    finally:
        conn.close()
    if use_cache:
        if fresh or (patched and full):
            # the full cache and its state travel together: a later change patches them
            _write_cache(state_path(store_path), tag, state)
            _write_cache(cache_path(store_path), tag, G)
        if not full:  # the lean cache is written by the lean path (the CLI) only
            _write_lean(store_path, tag, G)
            LG = _read_lean(store_path, tag)
            if LG is not None:
                return LG
    return G


def save_graph(G, store_path: str | Path) -> Path:
    """Write a graph (GRAPH_SCHEMA, e.g. from `graph.export.rdf.import_rdf`) as a store that
    `load_graph`, and so `trace`, `html`, `export`, read like a built one.

    A store keeps extracted records, and a graph has none, so the graph itself is kept in the
    store (table `graph`, in one transaction). A store that already holds records is refused.
    """
    store_path = Path(store_path)
    conn = _store.connect(store_path)
    try:
        n_records = conn.execute("SELECT COUNT(*) FROM files WHERE status != 'graph'").fetchone()[0]
        if n_records:
            raise ValueError(f"{store_path} holds {n_records} built file(s); "
                             "save the graph to a new store")
        _ensure_id(conn)
        H = G.copy() if hasattr(G, "copy") else G
        H.graph.pop("store", None)
        H.graph.pop("version", None)
        blob = pickle.dumps(H, protocol=pickle.HIGHEST_PROTOCOL)
        _store.write_graph(conn, blob, {"nodes": G.number_of_nodes(),
                                              "edges": G.number_of_edges()})
    finally:
        conn.close()
    return store_path


PATCH_MAX_SHARE = 0.05  # more changed files than this share: assemble from scratch


def _patched(conn, store_path: Path, tag):
    """(G, state): the cached graph of an older version of this store, with the files changed
    since replaced in place (graph.link.assemble.patch); None when that is not possible."""
    from graph.link.assemble import patch
    same_store = lambda t: isinstance(t, tuple) and t and t[0] == tag[0]  # noqa: E731
    st_file = state_path(store_path)
    if not st_file.exists() or not cache_path(store_path).exists():
        return None
    try:
        with open(st_file, "rb") as fh:
            st_tag = pickle.load(fh)
            if not same_store(st_tag):
                return None
            state = pickle.load(fh)
    except Exception:
        return None
    if "known" not in state:  # a store holding a whole graph: nothing to patch
        return None
    old = state.get("files") or {}
    cur = dict(conn.execute("SELECT path, sha256 FROM files WHERE status='ok'"))
    if set(cur) != set(old):
        return None  # files added or removed: identities may move
    changed = [p for p, sha in cur.items() if sha != old[p][0]]
    if len(changed) > max(50, PATCH_MAX_SHARE * len(cur)):
        return None
    G = _read_cache(cache_path(store_path), st_tag)
    if G is None:
        return None
    def fetch(paths: list[str]) -> list[tuple[str, Optional[str], dict]]:
        out = []
        for i in range(0, len(paths), 500):
            chunk = paths[i:i + 500]
            q = ("SELECT path, sha256, record FROM files WHERE status='ok' AND path IN (%s)"
                 % ",".join("?" * len(chunk)))
            out.extend((p, sha, json.loads(r)) for p, sha, r in conn.execute(q, chunk))
        return out

    recs = fetch(changed)
    gc.disable()
    try:
        G = patch(G, state["known"], old, recs, fetch)
    finally:
        gc.enable()
    if G is None:
        return None
    return G, state
