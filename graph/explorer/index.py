"""The explorer's index: the graph of a store read once into SQLite, next to the store.

    from graph.explorer.index import ensure_index
    path = ensure_index("out/policygraph.sqlite")   # STORE.explorer.sqlite, fresh

Tables (integer ids, never shown; pages are named by slugs):

- `doc` one row per document node: facts, today's province (`unit`), counts, slug;
- `link` implements / cites edges between documents with relation, evidence, file, offset
  and origin (indexed both ways: lineage is a recursive query);
- `under` every document under each implemented one, itself included, with its depth (the
  cascade of a resolution is one range of it);
- `task` (with its status of graph.query.progress at `meta.progress_at` and, as JSON, the
  documents fulfilling it, partial candidates, provinces done / not done, successors of its
  lead), `agency` (with its 2025 successors, JSON, when merged or split), `assign`
  (task -> agency, role), `issued` (document -> agency), `tcite` (task -> the documents its
  text names), `reach` (each province a task addressed to all provinces asks, its unit today
  and whether it did it);
- `file` the source files (slug -> path, the document read from it) evidence comes from;
- `problem` what `graph.query.check` reports, attached to the documents it concerns;
- `skey` symbol keys (graph.explorer.terms.doc_keys), `item` one searchable row per
  document, task or agency with its facets, `fts` (FTS5) over their folded words, and
  `facet` the items' facets as arrays (graph.explorer.facets);
- `meta` the store's (id, version) the index was built from.

The index is built once per store version (the store's `meta.version` moves with every
write), into a temporary file in the same folder, then moved into place with os.replace.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Optional

from graph.explorer import facets


SCHEMA_VERSION = "8"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE doc (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, symbol TEXT, doc_type TEXT,
    type_code TEXT, date TEXT, year INTEGER, issuer TEXT, province TEXT, unit TEXT,
    level TEXT, title TEXT, stub INTEGER, ambiguous INTEGER, aliases TEXT, files TEXT,
    n_tasks INTEGER, n_up INTEGER, n_down INTEGER, n_below INTEGER, n_cites INTEGER,
    n_cited INTEGER);
CREATE TABLE link (src INTEGER, dst INTEGER, rel TEXT, evidence TEXT, file INTEGER,
    "offset" INTEGER, origin TEXT);
CREATE TABLE under (root INTEGER, doc INTEGER, depth INTEGER, PRIMARY KEY (root, doc))
    WITHOUT ROWID;
CREATE TABLE task (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, doc INTEGER, number TEXT, text TEXT,
    deadline TEXT, due TEXT, recurrence TEXT, condition TEXT, section TEXT, file INTEGER,
    "offset" INTEGER, ord INTEGER, status TEXT, progress TEXT);
CREATE TABLE agency (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT, province TEXT, unit TEXT,
    parent INTEGER, is_group INTEGER, level TEXT, n_lead INTEGER, n_partner INTEGER,
    heirs TEXT);
CREATE TABLE assign (task INTEGER, agency INTEGER, role TEXT);
CREATE TABLE reach (task INTEGER, province TEXT, unit TEXT, done INTEGER);
CREATE TABLE tcite (task INTEGER, doc INTEGER);
CREATE TABLE issued (doc INTEGER, agency INTEGER);
CREATE TABLE file (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, path TEXT, doc INTEGER);
CREATE TABLE problem (doc INTEGER, kind TEXT, detail TEXT);
CREATE TABLE skey (key TEXT, doc INTEGER);
CREATE TABLE item (id INTEGER PRIMARY KEY, kind TEXT, ref INTEGER, type TEXT, level TEXT,
    unit TEXT, year INTEGER);
CREATE TABLE facet (name TEXT PRIMARY KEY, vals TEXT, codes BLOB);
CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='unicode61', content='', detail=column);
"""

INDEXES = """
CREATE INDEX link_src ON link(src, rel);
CREATE INDEX link_dst ON link(dst, rel);
CREATE INDEX task_doc ON task(doc, ord);
CREATE INDEX task_doc_due ON task(doc, due);
CREATE INDEX task_doc_status ON task(doc, status);
CREATE INDEX assign_agency ON assign(agency, role);
CREATE INDEX assign_task ON assign(task, role, agency);
CREATE INDEX reach_task ON reach(task);
CREATE INDEX tcite_doc ON tcite(doc);
CREATE INDEX tcite_task ON tcite(task);
CREATE INDEX issued_doc ON issued(doc);
CREATE INDEX issued_agency ON issued(agency);
CREATE INDEX problem_doc ON problem(doc);
CREATE INDEX skey_key ON skey(key);
CREATE INDEX item_ref ON item(kind, ref);
"""


def index_path(store_path: str | Path) -> Path:
    """Where the index of a store lives: STORE.explorer.sqlite beside it."""
    p = Path(store_path)
    return p.with_name(p.name + ".explorer.sqlite")


def store_tag(store_path: str | Path) -> tuple[str, int]:
    """(store id, version) of a store, read without writing to it."""
    from graph.link.store import StoreError, version
    p = Path(store_path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such store (run `policygraph build` first)")
    conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()
        return (row[0] if row else ""), version(conn)
    except sqlite3.OperationalError:  # not a store of this project
        return "", 0
    except sqlite3.DatabaseError as e:  # not SQLite at all
        raise StoreError(f"{p}: not a policygraph store ({e})") from None
    finally:
        conn.close()


def index_tag(path: str | Path) -> Optional[tuple[str, int]]:
    """(store id, version) an index was built from, None when absent or unreadable."""
    p = Path(path)
    if not p.exists():
        return None
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    if meta.get("schema") != SCHEMA_VERSION:
        return None
    return meta.get("store_id", ""), int(meta.get("store_version", -1))


def is_fresh(store_path: str | Path) -> bool:
    return index_tag(index_path(store_path)) == store_tag(store_path)


def ensure_index(store_path: str | Path, in_process: bool = True) -> Path:
    """The index of a store, built first when it is missing or older than the store.
    in_process=False builds it in a child process (the server's memory stays small)."""
    path = index_path(store_path)
    if index_tag(path) == store_tag(store_path):
        return path
    if in_process:
        return build_index(store_path)
    code = "import sys; from graph.explorer.index import build_index; build_index(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(store_path)], check=True,
                   cwd=os.getcwd())
    return path


def build_index(store_path: str | Path) -> Path:
    """Read the store's graph once and write its index (atomically) beside the store."""
    from graph.link import load_graph
    tag = store_tag(store_path)
    G = load_graph(store_path)
    tag = (tag[0], int(G.graph.get("version", tag[1])))
    path = index_path(store_path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        write_index(G, tmp, tag, base=Path(store_path).resolve().parent)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_index(G, path: str | Path, tag: tuple[str, int], base: Optional[Path] = None,
                at: Optional[str] = None) -> None:
    """Write the index of graph G (GRAPH_SCHEMA) to a new SQLite file at `path`; `at` (ISO
    date, default today) is the day the tasks' progress statuses are read at."""
    from graph.explorer.collect import Collector
    Path(path).unlink(missing_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(SCHEMA)
        conn.execute("BEGIN")
        col = Collector(G, base=base, at=at)
        _write_rows(conn, col)
        facets.write(conn)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", SCHEMA_VERSION), ("store_id", tag[0]), ("store_version", str(tag[1])),
            ("documents", str(col.counts["document"])), ("tasks", str(col.counts["task"])),
            ("agencies", str(col.counts["agency"])), ("progress_at", col.at)])
        conn.execute("COMMIT")
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        conn.execute("ANALYZE")
    finally:
        conn.close()


def _write_rows(conn: sqlite3.Connection, col) -> None:
    ins = conn.executemany
    ins("INSERT INTO doc VALUES (%s)" % ",".join("?" * 22), col.doc_rows())
    ins("INSERT INTO problem VALUES (?,?,?)", col.problem_rows())  # names files: first
    ins("INSERT INTO file VALUES (?,?,?,?)", col.file_rows())
    ins("INSERT INTO link VALUES (?,?,?,?,?,?,?)", col.link_rows())
    ins("INSERT INTO under VALUES (?,?,?)", col.under_rows())
    ins("INSERT INTO agency VALUES (?,?,?,?,?,?,?,?,?,?,?)", col.agency_rows())
    ins("INSERT INTO task VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", col.task_rows())
    ins("INSERT INTO assign VALUES (?,?,?)", col.assign_rows())
    ins("INSERT INTO reach VALUES (?,?,?,?)", col.reach_rows())
    ins("INSERT INTO tcite VALUES (?,?)", col.task_cite_rows())
    ins("INSERT INTO issued VALUES (?,?)", col.issued_rows())
    ins("INSERT INTO skey VALUES (?,?)", col.key_rows())
    items: list[tuple] = []
    texts: list[tuple] = []
    for row, text in col.item_rows():
        items.append(row)
        texts.append((row[0], text))
        if len(items) >= 20000:
            _flush_items(conn, items, texts)
    _flush_items(conn, items, texts)


def _flush_items(conn, items: list, texts: list) -> None:
    conn.executemany("INSERT INTO item VALUES (?,?,?,?,?,?,?)", items)
    conn.executemany("INSERT INTO fts(rowid, body) VALUES (?,?)", texts)
    items.clear()
    texts.clear()
