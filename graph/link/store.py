"""The embedded store: one SQLite file.

Raw layer: `files` keeps, per source file, its sha256 and the extraction `Record` as JSON
(`Record.to_dict()`, read back with `Record.from_dict`; the graph is rebuilt from it, identity
being a corpus-wide decision). Normalized tables
(documents, doc_references, statements, tasks, task_agencies, agencies) are written in the
same transaction for SQL users. Each file is written in its own transaction: a crash or
Ctrl-C leaves the store as it was before that file. `meta.version` grows with every write
and keys the cached graph.
"""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from graph.models import Record

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, status TEXT NOT NULL,
    error TEXT, record TEXT, built_at REAL);
CREATE TABLE IF NOT EXISTS documents (
    file TEXT PRIMARY KEY REFERENCES files(path) ON DELETE CASCADE,
    symbol TEXT, doc_type TEXT, type_code TEXT, date TEXT, issuer TEXT,
    jurisdiction TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS doc_references (
    file TEXT REFERENCES files(path) ON DELETE CASCADE, symbol TEXT, doc_type TEXT,
    type_code TEXT, date TEXT, issuer TEXT, jurisdiction TEXT, relation TEXT,
    evidence TEXT, "offset" INTEGER, family TEXT);
CREATE TABLE IF NOT EXISTS statements (
    file TEXT REFERENCES files(path) ON DELETE CASCADE, subject TEXT, relation TEXT,
    object TEXT, evidence TEXT, "offset" INTEGER);
CREATE TABLE IF NOT EXISTS tasks (
    file TEXT REFERENCES files(path) ON DELETE CASCADE, idx INTEGER, number TEXT,
    text TEXT, deadline TEXT, due TEXT, recurrence TEXT, condition TEXT, "offset" INTEGER,
    PRIMARY KEY (file, idx));
CREATE TABLE IF NOT EXISTS task_agencies (
    file TEXT REFERENCES files(path) ON DELETE CASCADE, task_idx INTEGER, agency TEXT,
    role TEXT);
CREATE TABLE IF NOT EXISTS agencies (
    name TEXT, jurisdiction TEXT, PRIMARY KEY (name, jurisdiction));
CREATE INDEX IF NOT EXISTS refs_file ON doc_references(file);
CREATE INDEX IF NOT EXISTS refs_symbol ON doc_references(symbol);
CREATE INDEX IF NOT EXISTS stmts_file ON statements(file);
CREATE INDEX IF NOT EXISTS ta_file ON task_agencies(file);
"""


class StoreError(Exception):
    """A file given as a store that is not one (not SQLite, or not policygraph's tables)."""


def connect(store_path: str | Path) -> sqlite3.Connection:
    p = Path(store_path)
    p.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(p), isolation_level=None)  # explicit BEGIN/COMMIT
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.executescript(SCHEMA)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"{p}: not a policygraph store ({e})") from None
    return conn


def ensure_id(conn: sqlite3.Connection) -> str:
    """The store's id (made once, kept for its life): with `version`, it tags the caches."""
    row = conn.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()
    if row:
        return row[0]
    sid = uuid.uuid4().hex
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', ?)", (sid,))
    return sid


def version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    return int(row[0]) if row else 0


def _bump(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES('version', '1') ON CONFLICT(key) "
                 "DO UPDATE SET value = CAST(value AS INTEGER) + 1")


def file_hashes(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """path -> (sha256, status)."""
    return {p: (h, s) for p, h, s in conn.execute("SELECT path, sha256, status FROM files")}


def _delete(conn: sqlite3.Connection, path: str) -> None:
    for table in ("task_agencies", "tasks", "statements", "doc_references", "documents"):
        conn.execute(f"DELETE FROM {table} WHERE file = ?", (path,))
    conn.execute("DELETE FROM files WHERE path = ?", (path,))


def _write_document(conn, path: str, rec: Record) -> None:
    d = rec.document
    conn.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?)",
                 (path, d.symbol, d.doc_type, d.type_code, d.date, d.issuer, d.jurisdiction,
                  d.title))


def _write_references(conn, path: str, rec: Record) -> None:
    conn.executemany(
        "INSERT INTO doc_references VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(path, r.symbol, r.doc_type, r.type_code, r.date, r.issuer, r.jurisdiction,
          r.relation, r.evidence, r.offset, r.family) for r in rec.references])
    conn.executemany(
        "INSERT INTO statements VALUES (?,?,?,?,?,?)",
        [(path, s.subject, s.relation, s.object, s.evidence, s.offset)
         for s in rec.statements])


def _write_tasks(conn, path: str, rec: Record) -> None:
    juris = rec.document.jurisdiction
    rows, links, agencies = [], [], set()
    for i, t in enumerate(rec.tasks):
        due = t.due
        rows.append((path, i, t.number, t.text, t.deadline, due and due.due,
                     due and due.recurrence, due and due.condition, t.offset))
        for role, names in (("lead", t.lead), ("partner", t.partners)):
            for n in names:
                links.append((path, i, n, role))
                agencies.add((n, juris or ""))
    conn.executemany("INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO task_agencies VALUES (?,?,?,?)", links)
    conn.executemany("INSERT OR IGNORE INTO agencies VALUES (?,?)", sorted(agencies))


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: all of it lands (and bumps the store's version) or none of it,
    even on Ctrl-C."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        _bump(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def write_record(conn: sqlite3.Connection, path: str, sha256: Optional[str], size: int,
                 record: Record) -> None:
    """Replace everything stored for `path` by `record` (kept as `record.to_dict()`), in one
    transaction."""
    with _transaction(conn):
        _delete(conn, path)
        conn.execute("INSERT INTO files VALUES (?,?,?,?,?,?,?)",
                     (path, sha256, size, "ok", None,
                      json.dumps(record.to_dict(), ensure_ascii=False), time.time()))
        _write_document(conn, path, record)
        _write_references(conn, path, record)
        _write_tasks(conn, path, record)


def write_failure(conn: sqlite3.Connection, path: str, sha256: Optional[str], size: int,
                  reason: str) -> None:
    """A file that could not be read or extracted: listed with its reason, no data."""
    with _transaction(conn):
        _delete(conn, path)
        conn.execute("INSERT INTO files VALUES (?,?,?,?,?,?,?)",
                     (path, sha256, size, "error", reason, None, time.time()))


def delete_files(conn: sqlite3.Connection, paths: list[str]) -> None:
    """Remove every row stored for `paths` (files, documents, references, statements, tasks,
    their agencies' links) and the agencies no remaining task names, in one transaction."""
    with _transaction(conn):
        for p in paths:
            _delete(conn, p)
        conn.execute("""
            DELETE FROM agencies WHERE (name, jurisdiction) NOT IN (
              SELECT ta.agency, COALESCE(d.jurisdiction, '')
                FROM task_agencies ta LEFT JOIN documents d ON d.file = ta.file)""")


def iter_records(conn: sqlite3.Connection) -> Iterator[tuple[str, Optional[str], Record]]:
    """(path, sha256, Record) of every file that landed, in path order."""
    for path, sha, rec in conn.execute(
            "SELECT path, sha256, record FROM files WHERE status='ok' ORDER BY path"):
        yield path, sha, Record.from_dict(json.loads(rec))


def records_of(conn: sqlite3.Connection,
               paths: list[str]) -> list[tuple[str, Optional[str], Record]]:
    """(path, sha256, Record) of those of `paths` that landed."""
    out = []
    for i in range(0, len(paths), 500):
        chunk = paths[i:i + 500]
        q = ("SELECT path, sha256, record FROM files WHERE status='ok' AND path IN (%s)"
             % ",".join("?" * len(chunk)))
        out.extend((p, sha, Record.from_dict(json.loads(r)))
                   for p, sha, r in conn.execute(q, chunk))
    return out


def landed_hashes(conn: sqlite3.Connection) -> dict[str, Optional[str]]:
    """path -> sha256 of every file that landed."""
    return dict(conn.execute("SELECT path, sha256 FROM files WHERE status='ok'"))


def landed_files(store_path) -> list[tuple]:
    """(path, sha256, size in characters, built_at) of every file of a store that landed, by
    path, read-only (the export reads them: fixity and the build's times); [] when the store
    cannot be read."""
    from pathlib import Path
    p = Path(store_path)
    if not p.is_file():
        return []
    try:
        conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return conn.execute("SELECT path, sha256, size, built_at FROM files "
                                "WHERE status = 'ok' ORDER BY path").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def record_files(conn: sqlite3.Connection) -> int:
    """How many files the store holds as records (landed or failed; a saved graph is none)."""
    return conn.execute("SELECT COUNT(*) FROM files WHERE status != 'graph'").fetchone()[0]


def iter_identity_keys(conn: sqlite3.Connection) -> Iterator[tuple[str, Optional[str], Optional[str], Optional[str]]]:
    """(symbol, date, jurisdiction, jurisdiction of the citing document or None for a
    header) of every document header and reference, in file order, header first: the input
    of the assembler's identity pass, read from the normalized tables without decoding
    the records' JSON."""
    sql = """
        SELECT symbol, date, jurisdiction, ctx FROM (
          SELECT d.file AS f, 0 AS kind, d.rowid AS ord, d.symbol, d.date, d.jurisdiction,
                 NULL AS ctx
            FROM documents d JOIN files fl ON fl.path = d.file AND fl.status = 'ok'
           WHERE d.symbol IS NOT NULL AND d.symbol != ''
          UNION ALL
          SELECT r.file, 1, r.rowid, r.symbol, r.date, r.jurisdiction, d.jurisdiction
            FROM doc_references r JOIN files fl ON fl.path = r.file AND fl.status = 'ok'
            LEFT JOIN documents d ON d.file = r.file
           WHERE r.symbol IS NOT NULL AND r.symbol != '')
        ORDER BY f, kind, ord"""
    yield from conn.execute(sql)


def write_graph(conn: sqlite3.Connection, blob: bytes, counts: dict) -> None:
    """Make this store hold a whole graph (pickled networkx MultiDiGraph) instead of
    extracted records, e.g. one imported from RDF (listed in `files` as path 'graph:',
    status 'graph'). One transaction."""
    conn.execute("CREATE TABLE IF NOT EXISTS graph (id INTEGER PRIMARY KEY CHECK (id = 1), "
                 "data BLOB NOT NULL, nodes INTEGER, edges INTEGER, saved_at REAL)")
    with _transaction(conn):
        conn.execute("DELETE FROM graph")
        conn.execute("INSERT INTO graph VALUES (1, ?, ?, ?, ?)",
                     (blob, counts.get("nodes"), counts.get("edges"), time.time()))
        conn.execute("INSERT OR IGNORE INTO files VALUES ('graph:', NULL, 0, 'graph', NULL, NULL, ?)",
                     (time.time(),))


def read_graph(conn: sqlite3.Connection) -> Optional[bytes]:
    """The pickled graph of a store written by `write_graph`, else None."""
    try:
        row = conn.execute("SELECT data FROM graph WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no such table: a store of records
        return None
    return row[0] if row else None


def failures(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return list(conn.execute("SELECT path, error FROM files WHERE status='error' ORDER BY path"))


def kinds(conn: sqlite3.Connection) -> dict[str, int]:
    """How many stored files are of each kind (official, page, unrelated; "unknown" for
    records stored before the kind was read)."""
    rows = conn.execute("SELECT COALESCE(json_extract(record, '$.kind'), 'unknown'), COUNT(*) "
                        "FROM files WHERE status = 'ok' GROUP BY 1 ORDER BY 1")
    return {k: n for k, n in rows}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {"files": q("SELECT COUNT(*) FROM files"),
            "documents": q("SELECT COUNT(*) FROM documents"),
            "references": q("SELECT COUNT(*) FROM doc_references"),
            "statements": q("SELECT COUNT(*) FROM statements"),
            "tasks": q("SELECT COUNT(*) FROM tasks"),
            "failures": q("SELECT COUNT(*) FROM files WHERE status='error'")}
