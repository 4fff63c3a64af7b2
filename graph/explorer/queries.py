"""Questions the explorer's pages ask, answered from the index (graph.explorer.index) by SQL.

One `Index` per index file; it keeps one read-only connection per thread. Lineage is a recursive query over the indexed `link`
table, a cascade a range of the `under` table (every document under each implemented one,
with its depth), so no page needs the graph in memory. Rows are sqlite3.Row objects (read like dicts).
"""
from __future__ import annotations

import json
import re
import sqlite3
import queue
import threading
from pathlib import Path
from typing import Any, Iterable, Optional

from graph.explorer import terms
from graph.query.progress import FULFILLED, NOT_CHECKABLE, OPEN, OVERDUE, STATUSES

MAX_DEPTH = 12
MAX_PATHS = 24

_DOC_COLS = ("d.id, d.slug, d.symbol, d.doc_type, d.type_code, d.date, d.year, d.issuer, "
             "d.province, d.unit, d.level, d.title, d.stub, d.ambiguous, d.n_tasks, d.n_up, "
             "d.n_down, d.n_below, d.n_cites, d.n_cited")

_TASK_COLS = ("t.id, t.slug, t.number, t.text, t.deadline, t.due, t.recurrence, t.condition, "
              "t.status AS stored_status, "
              "t.doc, d.slug AS doc_slug, d.symbol AS doc_symbol, d.doc_type AS doc_type, "
              "d.issuer AS doc_issuer, d.province AS province, d.unit AS unit, d.date AS doc_date, "
              "d.level AS level, d.year AS year")


POOL = 4  # connections kept for the web app's request threads

UNDONE = (OVERDUE, OPEN)
# status_at() in SQL: a task neither fulfilled nor unable to be checked is overdue once due
STATUS_SQL = (f"(CASE WHEN t.status IN ('{OVERDUE}', '{OPEN}') THEN (CASE WHEN t.due IS NOT "
              f"NULL AND t.due < :at THEN '{OVERDUE}' ELSE '{OPEN}' END) ELSE t.status END)")


def status_at(stored: Optional[str], due: Optional[str], at: str) -> Optional[str]:
    """A task's progress status on day `at` from the one the index stored (read at another
    day): fulfilled and not checkable stay; the rest is overdue when due before `at`, else
    open (graph.query.progress's rule). The plain version of STATUS_SQL."""
    if stored in UNDONE:
        return OVERDUE if due and due < at else OPEN
    return stored


class Index:
    """Read side of one index file. Each thread reads through its own connection; the web
    app lends its request threads connections from a small pool (`acquire` / `release`),
    so a server that starts a thread per request keeps a bounded set of page caches."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._pool: "queue.LifoQueue[sqlite3.Connection]" = queue.LifoQueue()
        self.meta = dict(self.conn.execute("SELECT key, value FROM meta"))

    def _connect(self) -> sqlite3.Connection:
        c = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                            check_same_thread=False)
        c.row_factory = sqlite3.Row
        c.execute("PRAGMA cache_size = -16000")
        return c

    @property
    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = self._local.conn = self._connect()
        return c

    def acquire(self) -> None:
        """Give this thread a pooled connection (a request starts)."""
        try:
            self._local.conn = self._pool.get_nowait()
        except queue.Empty:
            self._local.conn = self._connect()

    def release(self) -> None:
        """Take back this thread's connection (the request ended)."""
        c = self._local.__dict__.pop("conn", None)
        if c is None:
            return
        if self._pool.qsize() < POOL:
            self._pool.put(c)
        else:
            c.close()

    @property
    def facets(self):
        """The items' facet arrays (graph.explorer.facets.Arrays), read on first use."""
        arr = getattr(self, "_facets", None)
        if arr is None:
            from graph.explorer.facets import Arrays
            arr = self._facets = Arrays(self.conn)
        return arr

    def all(self, sql: str, args: Any = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, args).fetchall()

    def one(self, sql: str, args: Any = ()) -> Optional[sqlite3.Row]:
        return self.conn.execute(sql, args).fetchone()

    # ------------------------------------------------------------ lookups
    def doc(self, slug: str) -> Optional[sqlite3.Row]:
        return self.one(f"SELECT {_DOC_COLS}, d.aliases, d.files FROM doc d WHERE d.slug = ?",
                        (slug,))

    def docs_by_id(self, ids: Iterable[int]) -> dict[int, sqlite3.Row]:
        ids = list(dict.fromkeys(ids))
        out: dict[int, sqlite3.Row] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.all(f"SELECT {_DOC_COLS} FROM doc d WHERE d.id IN "
                              f"({','.join('?' * len(chunk))})", chunk):
                out[r["id"]] = r
        return out

    def task(self, slug: str) -> Optional[sqlite3.Row]:
        return self.one(f"SELECT {_TASK_COLS}, t.section, t.file, t.\"offset\" "
                        "FROM task t LEFT JOIN doc d ON d.id = t.doc WHERE t.slug = ?", (slug,))

    def agency(self, slug: str) -> Optional[sqlite3.Row]:
        """An agency by slug, with its parent's slug and name (`heirs`: JSON or NULL)."""
        return self.one("SELECT g.*, p.slug AS parent_slug, p.name AS parent_name FROM agency g "
                        "LEFT JOIN agency p ON p.id = g.parent WHERE g.slug = ?", (slug,))

    def file(self, slug: str) -> Optional[sqlite3.Row]:
        return self.one("SELECT * FROM file WHERE slug = ?", (slug,))

    def file_slugs(self, ids: Iterable[Optional[int]]) -> dict[int, str]:
        ids = [i for i in dict.fromkeys(ids) if i is not None]
        if not ids:
            return {}
        return dict(self.conn.execute(
            f"SELECT id, slug FROM file WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall())

    # ------------------------------------------------------------ lineage
    def lineage(self, doc_id: int) -> list[list[dict]]:
        """Every path from a document up its implements links to the roots (at most
        MAX_PATHS): each path a list of hops {doc, rel, evidence, file, offset, origin},
        the first hop being the document itself."""
        edges = self.implements_up(doc_id)
        ups: dict[int, list[sqlite3.Row]] = {}
        for e in edges:
            ups.setdefault(e["src"], []).append(e)
        docs = self.docs_by_id([doc_id] + [e["dst"] for e in edges])
        paths: list[list[dict]] = []
        stack = [(doc_id, [{"doc": docs[doc_id]}], {doc_id})]
        while stack and len(paths) < MAX_PATHS:
            n, path, seen = stack.pop()
            nxt = [e for e in ups.get(n, []) if e["dst"] not in seen]
            if not nxt:
                if len(path) > 1:
                    paths.append(path)
                continue
            for e in reversed(nxt):
                hop = {"doc": docs[e["dst"]], "rel": "implements", **_edge(e)}
                stack.append((e["dst"], path + [hop], seen | {e["dst"]}))
        paths.sort(key=lambda p: (len(p), [h["doc"]["date"] or "" for h in p]))
        return paths

    def implements_up(self, doc_id: int) -> list[sqlite3.Row]:
        """The implements links out of every document up to MAX_DEPTH hops above doc_id,
        by (src, dst), one query per hop over the indexed links. (A recursive CTE gives the
        same rows, but SQLite then builds a Bloom filter over the whole link table at every
        call.)"""
        out: dict[tuple, sqlite3.Row] = {}
        seen, frontier = {doc_id}, [doc_id]
        for _ in range(MAX_DEPTH + 1):
            if not frontier:
                break
            rows = [r for i in range(0, len(frontier), 500) for r in self.all(
                'SELECT src, dst, evidence, file, "offset", origin FROM link WHERE '
                f"rel = 'implements' AND src IN ({','.join('?' * len(frontier[i:i + 500]))})",
                frontier[i:i + 500])]
            out.update((tuple(r), r) for r in rows)
            frontier = [r["dst"] for r in rows if r["dst"] not in seen]
            frontier = list(dict.fromkeys(frontier))
            seen.update(frontier)
        return sorted(out.values(), key=lambda r: (r["src"], r["dst"]))

    def roots(self, paths: list[list[dict]]) -> list[sqlite3.Row]:
        return list({p[-1]["doc"]["id"]: p[-1]["doc"] for p in paths}.values())

    # ------------------------------------------------------------ neighbours
    def links(self, doc_id: int, rel: str, direction: str, limit: int = 200) -> tuple[list[dict], int]:
        """Documents linked to doc_id by rel: direction 'out' (it cites / implements them) or
        'in' (they cite / implement it); (rows with the edge's evidence, total)."""
        mine, other = ("src", "dst") if direction == "out" else ("dst", "src")
        total = self.one(f"SELECT COUNT(*) FROM link WHERE {mine} = ? AND rel = ?",
                         (doc_id, rel))[0]
        rows = self.all(f"""SELECT {_DOC_COLS}, l.evidence, l.file, l."offset", l.origin
            FROM link l JOIN doc d ON d.id = l.{other}
            WHERE l.{mine} = ? AND l.rel = ? ORDER BY d.date IS NULL, d.date, d.symbol LIMIT ?""",
                        (doc_id, rel, limit))
        return [dict(r) for r in rows], total

    def task_cites(self, task_id: int) -> list[sqlite3.Row]:
        """The documents a task's text names."""
        return self.all(f"SELECT {_DOC_COLS} FROM tcite c JOIN doc d ON d.id = c.doc "
                        "WHERE c.task = ? ORDER BY d.date", (task_id,))

    def cited_by_tasks(self, doc_id: int, limit: int = 100) -> tuple[list[dict], int]:
        """Tasks whose text names a document (at most limit), and how many there are."""
        total = self.one("SELECT COUNT(*) FROM tcite WHERE doc = ?", (doc_id,))[0]
        rows = self.all(f"SELECT {_TASK_COLS} FROM tcite c JOIN task t ON t.id = c.task "
                        "LEFT JOIN doc d ON d.id = t.doc WHERE c.doc = ? "
                        "ORDER BY d.date, t.doc, t.ord LIMIT ?", (doc_id, limit))
        return [dict(r) for r in rows], total

    def below(self, root: int, unit: Optional[str] = None, limit: int = 5000,
              national: bool = False) -> list[dict]:
        """Documents implementing root, directly or through others (the `under` table), with
        their `depth` (1: directly), by province, level and date; national=True: only those
        of no province."""
        unit_sql = "AND d.unit = :unit" if unit else ("AND d.unit IS NULL" if national else "")
        rows = self.all(f"""SELECT {_DOC_COLS}, u.depth FROM under u JOIN doc d ON d.id = u.doc
             WHERE u.root = :root AND u.depth > 0 {unit_sql}
             ORDER BY d.unit, d.level, d.date IS NULL, d.date, d.id LIMIT :limit""",
                        {"root": root, "unit": unit, "limit": limit})
        return [dict(r) for r in rows]

    def below_firsts(self, root: int, unit: Optional[str] = None,
                     per_cell: int = 4) -> list[dict]:
        """The first per_cell documents of below() in each (today's province, level), each
        with `rn` (its place there), `n` (the documents of its cell), and over all of them
        `n_dated` and `last_date`: what a cascade or a tree shows, without reading every
        document under a large root. The plain version: graph.explorer.pages.firsts(below())."""
        unit_sql = "AND d.unit = :unit" if unit else ""
        rows = self.all(f"""WITH w AS (SELECT d.id, u.depth,
                ROW_NUMBER() OVER (PARTITION BY d.unit, d.level
                                   ORDER BY d.date IS NULL, d.date, d.id) AS rn,
                COUNT(*) OVER (PARTITION BY d.unit, d.level) AS n,
                COUNT(d.date) OVER () AS n_dated, MAX(d.date) OVER () AS last_date
              FROM under u JOIN doc d ON d.id = u.doc
             WHERE u.root = :root AND u.depth > 0 {unit_sql})
            SELECT {_DOC_COLS}, w.depth, w.rn, w.n, w.n_dated, w.last_date
              FROM w JOIN doc d ON d.id = w.id WHERE w.rn <= :k
             ORDER BY d.unit, d.level, w.rn""",
                        {"root": root, "unit": unit, "k": per_cell})
        return [dict(r) for r in rows]

    # ------------------------------------------------------------ tasks
    def tasks(self, where: str, args: dict, at: str, overdue: bool = False,
              agency: Optional[int] = None, limit: int = 100,
              offset: int = 0, status: Optional[str] = None) -> tuple[list[dict], int]:
        """Tasks matching `where` (SQL over t, d), with their lead and partner agencies and
        progress; overdue=True keeps those due before `at`; agency keeps those assigned to
        it; status keeps those of that progress status on day `at`."""
        sql, args = self._task_filter(where, dict(args), at, overdue, agency)
        if status:
            sql += f" AND {STATUS_SQL} = :status"
            args.update(status=status, at=at)
        total = self.one("SELECT COUNT(*) FROM task t LEFT JOIN doc d ON d.id = t.doc "
                         f"WHERE {sql}", args)[0]
        order = "d.unit, d.date, t.doc, t.ord"  # a total order: ord is a task's place in its doc
        # the page's ids are sorted first, so the sort never carries the tasks' texts
        rows = self.all(f"""SELECT {_TASK_COLS} FROM task t LEFT JOIN doc d ON d.id = t.doc
            WHERE t.id IN (SELECT t.id FROM task t LEFT JOIN doc d ON d.id = t.doc
                            WHERE {sql} ORDER BY {order} LIMIT :limit OFFSET :offset)
            ORDER BY {order}""", {**args, "limit": limit, "offset": offset})
        out = [dict(r) for r in rows]
        self.attach_agencies(out, at)
        self.attach_progress(out, at)
        return out, total

    def status_counts(self, where: str, args: dict, at: str, overdue: bool = False,
                      agency: Optional[int] = None) -> dict[str, int]:
        """How many of the tasks `tasks()` would list are of each status on day `at`
        (every status listed; tasks without one, a report's parts, left out)."""
        sql, args = self._task_filter(where, dict(args), at, overdue, agency)
        got = dict(self.conn.execute(
            f"SELECT {STATUS_SQL} AS s, COUNT(*) FROM task t LEFT JOIN doc d ON d.id = t.doc "
            f"WHERE {sql} AND t.status IS NOT NULL GROUP BY s", {**args, "at": at}).fetchall())
        return {s: int(got.get(s, 0)) for s in STATUSES}

    def fulfilled_by_unit(self, where: str, args: dict) -> dict[Optional[str], dict[str, int]]:
        """Per today's province, of the tasks matching `where` that ask for a document: how
        many are asked of it (`asked`) and how many of those are fulfilled. A task of its
        documents counts once; a task addressed to all provinces once for each province it
        asks (a unit formed of several counts each), fulfilled where that province did it."""
        rows = self.all(f"""WITH w AS (SELECT t.id, t.status, d.unit FROM task t
                LEFT JOIN doc d ON d.id = t.doc WHERE {where}
                AND t.status IS NOT NULL AND t.status != :nc)
            SELECT unit, COUNT(*) AS asked, SUM(done) AS fulfilled FROM (
                SELECT w.unit, w.status = :ok AS done FROM w
                 WHERE NOT EXISTS (SELECT 1 FROM reach r WHERE r.task = w.id)
                UNION ALL
                SELECT r.unit, r.done FROM w JOIN reach r ON r.task = w.id) GROUP BY unit""",
                        {**args, "nc": NOT_CHECKABLE, "ok": FULFILLED})
        return {r["unit"]: {"asked": r["asked"], "fulfilled": r["fulfilled"]} for r in rows}

    def attach_progress(self, tasks: list[dict], at: str) -> None:
        """Add `status` (on day `at`) and `progress` (the index's JSON detail, its documents
        as rows: fulfilled[].d, partial[].d) to task rows."""
        ids = [t["id"] for t in tasks]
        detail: dict[int, dict] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.all("SELECT id, progress FROM task WHERE progress IS NOT NULL AND "
                              "id IN (%s)" % ",".join("?" * len(chunk)), chunk):
                detail[r["id"]] = json.loads(r["progress"])
        docs = self.docs_by_id(p["doc"] for d in detail.values()
                               for p in d["fulfilled"] + d["partial"] if p["doc"])
        for t in tasks:
            t["status"] = status_at(t.get("stored_status"), t.get("due"), at)
            p = detail.get(t["id"])
            if p:
                for f in p["fulfilled"] + p["partial"]:
                    f["d"] = docs.get(f["doc"])
            t["progress"] = p
    @staticmethod
    def _task_filter(where: str, args: dict, at: str, overdue: bool,
                     agency: Optional[int]) -> tuple[str, dict]:
        sql = where
        if overdue:
            sql += " AND t.due IS NOT NULL AND t.due < :at"
            args["at"] = at
        if agency is not None:
            sql += " AND t.id IN (SELECT task FROM assign WHERE agency = :agency)"
            args["agency"] = agency
        return sql, args

    def attach_agencies(self, tasks: list[dict], at: str) -> None:
        """Add lead / partners [{name, slug}] and `overdue` (due before `at`) to task rows."""
        ids = [t["id"] for t in tasks]
        by: dict[int, dict[str, list]] = {i: {"lead": [], "partner": []} for i in ids}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.all("SELECT a.task, a.role, g.name, g.slug FROM assign a "
                              "JOIN agency g ON g.id = a.agency WHERE a.task IN (%s) "
                              "ORDER BY a.rowid" % ",".join("?" * len(chunk)), chunk):
                by[r["task"]]["lead" if r["role"] == "lead" else "partner"].append(
                    {"name": r["name"], "slug": r["slug"]})
        for t in tasks:
            t["lead"] = by[t["id"]]["lead"]
            t["partners"] = by[t["id"]]["partner"]
            t["overdue"] = bool(t.get("due") and t["due"] < at)

    def task_agencies_summary(self, where: str, args: dict, at: str) -> list[dict]:
        """Per lead agency of the tasks matching `where`: tasks, overdue, agency slug."""
        docs = "LEFT JOIN doc d ON d.id = t.doc" if "d." in where else ""  # read when asked
        rows = self.all(f"""WITH c AS (SELECT a.agency, COUNT(*) AS tasks,
                SUM(t.due IS NOT NULL AND t.due < :at) AS overdue
            FROM task t {docs} JOIN assign a ON a.task = t.id AND a.role = 'lead'
            WHERE {where} GROUP BY a.agency)
            SELECT g.slug, g.name, g.province, c.tasks, c.overdue FROM c
              JOIN agency g ON g.id = c.agency ORDER BY c.tasks DESC, g.name""",
                        {**args, "at": at})
        return [dict(r) for r in rows]

    # ------------------------------------------------------------ problems
    def problems(self, doc_id: int) -> list[dict]:
        out = []
        for kind, detail in self.conn.execute(
                "SELECT kind, detail FROM problem WHERE doc = ? ORDER BY rowid", (doc_id,)):
            out.append({"kind": kind, **json.loads(detail)})
        ids = [i for p in out for i in p.get("candidates", []) + p.get("cycle", []) +
               ([p["other"]] if "other" in p else [])]
        docs = self.docs_by_id(ids)
        slugs = self.file_slugs([p.get("file") for p in out] + [
            f for p in out for f in p.get("files", []) +
            [f for fd in p.get("fields", []) for v in fd["values"] for f in v["files"]]])
        for p in out:
            p["docs"] = [docs[i] for i in p.get("candidates", []) + p.get("cycle", [])
                         if i in docs]
            if "other" in p:
                p["other_doc"] = docs.get(p["other"])
            p["file_slug"] = slugs.get(p.get("file"))
            p["file_slugs"] = [slugs[f] for f in p.get("files", []) if f in slugs]
            for fd in p.get("fields", []):
                for v in fd["values"]:
                    v["file_slugs"] = [slugs[f] for f in v["files"] if f in slugs]
        return out

    def overview(self, limit: int = 12) -> list[sqlite3.Row]:
        """The documents most implemented (directly or not): the home page's starting points."""
        return self.all(f"SELECT {_DOC_COLS} FROM doc d WHERE d.n_below > 0 "
                        "ORDER BY d.n_below DESC, d.date DESC LIMIT ?", (limit,))

    def counts(self) -> dict[str, int]:
        return {k: int(self.meta.get(k, 0)) for k in ("documents", "tasks", "agencies")}


def _edge(e: sqlite3.Row) -> dict:
    return {"evidence": e["evidence"], "file": e["file"], "offset": e["offset"],
            "origin": e["origin"]}


def fold_terms(q: str) -> list[str]:
    """The folded words of a query, as FTS5 strings (quoted, so no word is an operator)."""
    return ['"%s"' % w for w in re.split(r"[^0-9a-z]+", terms.fold(q)) if w]


def json_list(text: Optional[str]) -> list:
    """A JSON list column of the index as a list ([] for NULL)."""
    return json.loads(text) if text else []
