"""What each page of the explorer shows, as plain data for its template (graph/explorer/
templates/). The web app (graph.explorer.app) and the static site (graph.explorer.site)
render the same contexts; `View` carries the parts of a URL a page reads (filters, page).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Optional

from graph.explorer import terms
from graph.link import succession
from graph.explorer.queries import STATUSES, Index, json_list
from graph.explorer.search import search

PER_PAGE = 50
LINK_LIMIT = 200
TREE_PER_CELL = 3  # documents shown per province and level on a document page
CELL_DOCS = 3  # … in a cell of a cascade
NATIONAL_LIMIT = 50
AGENCY_ROWS = 50
TIMELINE_MOST = 300
COLUMNS = ("party", "provincial", "department")
LEVELS = ("party", "central", *COLUMNS[1:], "local", "unknown")  # top to bottom


# search facets in URLs: Vietnamese names; kinds and levels by the slug of their label
FACET_PARAMS = {"kind": "ket-qua", "type": "loai", "level": "cap", "unit": "tinh", "year": "nam"}
_WORDED = ("kind", "level")


def facet_out(facet: str, value) -> str:
    """A facet's value as written in a URL: 'party' -> 'cap-dang'."""
    if facet in _WORDED:
        return terms.slug(terms.label(facet, value, value))
    return "" if value is None else str(value)


def facet_in(facet: str, text: str) -> str:
    """The value a URL names: 'cap-dang' -> 'party' (unknown words give '')."""
    if facet in _WORDED:
        back = {terms.slug(v): k for k, v in terms.labels(facet).items()}
        return back.get(text, "")
    return text


def facet_params(filters: dict[str, str], **changes) -> dict[str, str]:
    """URL arguments of the search filters, with changes (facet -> value, '' removes)."""
    both = {**filters, **changes}
    return {FACET_PARAMS[f]: facet_out(f, v) for f, v in both.items() if v not in (None, "")}


def status_out(status: str) -> str:
    """A progress status as written in a URL: 'fulfilled' -> 'da-thuc-hien'."""
    return terms.slug(terms.label("status", status, status))


def status_in(text: str) -> Optional[str]:
    """The progress status a URL names (None for an unknown word)."""
    return {status_out(s): s for s in STATUSES}.get(text)


def status_facet(ix: Index, where: str, args: dict, view: View,
                 agency: Optional[int] = None) -> list[dict]:
    """The status filter of a task list: [{status, n, selected}] on day view.at (the other
    filters of the view applied)."""
    counts = ix.status_counts(where, args, view.at, view.overdue, agency)
    return [{"status": s, "n": n, "selected": view.status == s} for s, n in counts.items()]


class PageNotFound(LookupError):
    """No document, task, agency or file by that name."""


@dataclass
class View:
    """The parts of a URL a page reads: ?q= and facets (search), ?tinh= (a province, today's
    name), ?qua-han=1 (overdue only), ?co-quan= (an agency's slug), ?ngay= (the day overdue is
    counted at, default today), ?trang-thai= (a progress status, by the slug of its label),
    ?trang= (page)."""

    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    unit: Optional[str] = None
    overdue: bool = False
    agency: Optional[str] = None
    at: str = ""
    status: Optional[str] = None
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        self.at_given = _is_date(self.at)
        if not self.at_given:
            self.at = dt.date.today().isoformat()
        if self.unit and self.unit not in succession.units():
            self.unit = None
        if self.status not in STATUSES:
            self.status = None
        self.page = max(1, self.page)

    @classmethod
    def from_args(cls, args) -> "View":
        """From a mapping of URL arguments (Flask's request.args)."""
        page = args.get("trang", "1")
        return cls(q=args.get("q", ""),
                   filters={f: facet_in(f, args[p]) for f, p in FACET_PARAMS.items()
                            if args.get(p)},
                   unit=args.get("tinh") or None, overdue=args.get("qua-han") == "1",
                   agency=args.get("co-quan") or None, at=args.get("ngay", ""),
                   status=status_in(args.get("trang-thai", "")),
                   page=int(page) if page.isdigit() else 1)

    def params(self, **changes: Any) -> dict[str, Any]:
        """The URL arguments of this view's filters (for links that keep them), changed."""
        out = {"tinh": self.unit, "qua-han": self.overdue, "co-quan": self.agency,
               "ngay": self.at if self.at_given else None,
               "trang-thai": status_out(self.status) if self.status else None}
        out.update(changes)
        return out

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _is_date(s: str) -> bool:
    try:
        dt.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


def days_between(a: Optional[str], b: Optional[str]) -> Optional[int]:
    """Days from b to a (ISO dates), None when either is unknown."""
    try:
        return (dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days  # type: ignore
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------ pages

def home(ix: Index, view: View) -> dict[str, Any]:
    return {"top": ix.overview()}


def search_page(ix: Index, view: View, per_page: int = 20) -> dict[str, Any]:
    return {"result": search(ix, view.q, view.filters, view.page, per_page, at=view.at)}


def document(ix: Index, slug: str, view: View) -> dict[str, Any]:
    d = ix.doc(slug)
    if d is None:
        raise PageNotFound(slug)
    paths = ix.lineage(d["id"])
    cites, n_cites = ix.links(d["id"], "cites", "out", LINK_LIMIT)
    cited, n_cited = ix.links(d["id"], "cites", "in", LINK_LIMIT)
    up, _ = ix.links(d["id"], "implements", "out", LINK_LIMIT)
    down, _ = ix.links(d["id"], "implements", "in", LINK_LIMIT)
    tasks, n_tasks = doc_tasks(ix, d, view)
    agency = ix.agency(view.agency) if view.agency else None
    statuses = status_facet(ix, "t.doc = :doc", {"doc": d["id"]}, view,
                            agency["id"] if agency else None)
    named_in, n_named_in = ix.cited_by_tasks(d["id"], LINK_LIMIT)
    below = ix.below_firsts(d["id"], per_cell=TREE_PER_CELL) if d["n_below"] else []
    hops = [h for p in paths for h in p]
    return {"d": d, "paths": paths, "roots": ix.roots(paths), "problems": ix.problems(d["id"]),
            "cites": cites, "n_cites": n_cites, "cited": cited, "n_cited": n_cited, "up": up,
            "tasks": tasks, "n_tasks": n_tasks, "statuses": statuses, "tree": tree(below, d),
            "named_in": named_in, "n_named_in": n_named_in,
            "n_below": d["n_below"], "tree_per_cell": TREE_PER_CELL, "files": _files(ix, d),
            "files_by_id": ix.file_slugs(r.get("file") for r in hops + cites + cited),
            "diagram": diagram(ix, d, up, down, cites, cited),
            "aliases": json_list(d["aliases"])}


def doc_tasks(ix: Index, d, view: View, limit: Optional[int] = None) -> tuple[list[dict], int]:
    agency = ix.agency(view.agency) if view.agency else None
    return ix.tasks("t.doc = :doc", {"doc": d["id"]}, view.at, view.overdue,
                    agency["id"] if agency else None, limit or view.per_page,
                    0 if limit else view.offset, view.status)


def _files(ix: Index, d) -> list[dict]:
    ids = json_list(d["files"])
    slugs = ix.file_slugs(ids)
    return [{"slug": slugs[i]} for i in ids if i in slugs]


def firsts(below: list[dict], per_cell: int) -> list[dict]:
    """The plain version of Index.below_firsts: the first per_cell rows of below() in each
    (province, level), with rn, n, n_dated and last_date."""
    cells: dict[tuple, list[dict]] = {}
    for r in below:
        cells.setdefault((r["unit"], r["level"]), []).append(r)
    dates = [r["date"] for r in below if r["date"]]
    out = []
    for rows in cells.values():
        for i, r in enumerate(rows[:per_cell]):
            out.append({**r, "rn": i + 1, "n": len(rows), "n_dated": len(dates),
                        "last_date": max(dates) if dates else None})
    return out


def tree(firsts: list[dict], root) -> list[dict]:
    """The first documents under a root (Index.below_firsts) grouped by today's province
    (national first), then by level: [{unit, n, levels: [{level, n, docs}]}]; each doc with
    its lag in days from the root."""
    groups: dict[Optional[str], dict[str, dict]] = {}
    for r in firsts:
        r["lag"] = days_between(r["date"], root["date"])
        cell = groups.setdefault(r["unit"], {}).setdefault(r["level"], {"n": r["n"], "docs": []})
        cell["docs"].append(r)
    order = sorted(groups, key=lambda u: (u is not None, terms.fold(u or "")))
    return [{"unit": u, "n": sum(c["n"] for c in groups[u].values()),
             "levels": [{"level": lv, **groups[u][lv]} for lv in LEVELS if lv in groups[u]]}
            for u in order]


def cascade(ix: Index, slug: str, view: View) -> dict[str, Any]:
    """A resolution's cascade: today's provinces against the levels, a timeline, the tasks."""
    d = ix.doc(slug)
    if d is None:
        raise PageNotFound(slug)
    cells = ix.below_firsts(d["id"], view.unit, CELL_DOCS)
    national = [] if view.unit else ix.below(d["id"], limit=NATIONAL_LIMIT, national=True)
    for r in cells + national:
        r["lag"] = days_between(r["date"], d["date"])
    n_below = sum(r["n"] for r in cells if r["rn"] == 1)
    if cells and cells[0]["n_dated"] > TIMELINE_MOST:  # many: the first of each cell
        line = timeline_of_firsts(cells, d, n_below)
    else:
        line = timeline(ix.below(d["id"], unit=view.unit, limit=n_below), d)
    tasks, n_tasks = cascade_tasks(ix, d, view)
    by_agency = ix.task_agencies_summary(*cascade_where(d, view), at=view.at)
    agency = ix.agency(view.agency) if view.agency else None
    grid = matrix(cells, view.unit)
    done = ix.fulfilled_by_unit(*cascade_where(d, view))
    for row in grid["rows"]:
        row["progress"] = done.get(row["unit"], {"asked": 0, "fulfilled": 0})
    return {"d": d, "matrix": grid, "national": national,
            "statuses": status_facet(ix, *cascade_where(d, view), view,
                                     agency["id"] if agency else None),
            "n_national": sum(r["n"] for r in cells if r["rn"] == 1 and r["unit"] is None),
            "n_below": n_below, "timeline": line, "tasks": tasks, "n_tasks": n_tasks,
            "by_agency": by_agency[:AGENCY_ROWS], "n_agencies": len(by_agency),
            "problems": ix.problems(d["id"]), "units": succession.units()}


def cascade_where(d, view: View) -> tuple[str, dict]:
    where = "t.doc IN (SELECT doc FROM under WHERE root = :root)"
    args: dict[str, Any] = {"root": d["id"]}
    if view.unit:
        where += " AND d.unit = :unit"
        args["unit"] = view.unit
    return where, args


def cascade_tasks(ix: Index, d, view: View, limit: Optional[int] = None) -> tuple[list[dict], int]:
    where, args = cascade_where(d, view)
    agency = ix.agency(view.agency) if view.agency else None
    return ix.tasks(where, args, view.at, view.overdue, agency["id"] if agency else None,
                    limit or view.per_page, 0 if limit else view.offset, view.status)


def matrix(firsts: list[dict], unit: Optional[str]) -> dict[str, Any]:
    """{columns, rows: [{unit, cells: {column: {n, docs}}, n, filled}]} from the first
    documents of each cell (Index.below_firsts): every one of today's provinces (or the one
    asked for), the empty cells kept; a column for local levels when used."""
    cols = list(COLUMNS) + (["local"] if any(r["level"] == "local" for r in firsts) else [])
    rows = {u: {c: {"n": 0, "docs": []} for c in cols} for u in succession.units()
            if unit in (None, u)}
    for r in firsts:
        cells = rows.get(r["unit"])
        if cells is not None and r["level"] in cells:
            cells[r["level"]]["n"] = r["n"]
            cells[r["level"]]["docs"].append(r)
    out = [{"unit": u, "cells": rows[u], "n": sum(c["n"] for c in rows[u].values()),
            "filled": sum(1 for c in rows[u].values() if c["n"])}
           for u in sorted(rows, key=terms.fold)]
    return {"columns": cols, "rows": out, "filled": sum(r["filled"] for r in out),
            "cells": len(out) * len(cols)}


def timeline(below: list[dict], root, most: int = TIMELINE_MOST) -> dict[str, Any]:
    """Issue dates on one axis from the root's date (or the first) to the last: SVG geometry.
    More than `most` dated documents: the first of each province at each level (`first`)."""
    dated = [r for r in below if r["date"]]
    if not dated:
        return {"points": [], "ticks": []}
    hi = max(r["date"] for r in dated)
    first = len(dated) > most
    n_dated = len(dated)
    if first:
        earliest: dict[tuple, dict] = {}
        for r in sorted(dated, key=lambda r: r["date"]):
            earliest.setdefault((r["unit"], r["level"]), r)
        dated = list(earliest.values())
    return draw_timeline(dated, root, hi, first, len(below) - n_dated)


def timeline_of_firsts(firsts: list[dict], root, n_below: int,
                       most: int = TIMELINE_MOST) -> dict[str, Any]:
    """timeline() of every document under root from the first documents of each cell
    (Index.below_firsts, which carry n_dated and last_date), for a root with many."""
    n_dated = firsts[0]["n_dated"]
    if n_dated <= most:
        raise ValueError("timeline_of_firsts draws the first of each cell only: use timeline()")
    dated = [r for r in firsts if r["date"] and r["rn"] == 1]
    return draw_timeline(dated, root, firsts[0]["last_date"], True, n_below - n_dated)


def draw_timeline(dated: list[dict], root, last: str, first: bool,
                  undated: int) -> dict[str, Any]:
    """The SVG geometry of timeline(): the dated documents to draw, the last date of all."""
    dated = sorted(dated, key=lambda r: (r["date"], r["unit"] or "", r["level"], r["slug"]))
    dates = [dated[0]["date"], last] + ([root["date"]] if root["date"] else [])
    lo, hi = dt.date.fromisoformat(min(dates)), dt.date.fromisoformat(max(dates))
    span = max(1, (hi - lo).days)
    width, left = 900, 130
    used = {r["level"] for r in dated}
    rows = [lv for lv in LEVELS if lv in used] + sorted(used - set(LEVELS))
    pos = lambda day: left + (dt.date.fromisoformat(day) - lo).days * (width - left - 40) / span  # noqa: E731
    points = [{"x": round(pos(r["date"]), 1), "y": 36 + 28 * rows.index(r["level"]), "doc": r}
              for r in dated]
    ticks = [{"x": round(pos(day), 1), "label": label} for day, label in timeline_ticks(lo, hi)]
    return {"points": points, "ticks": ticks, "rows": rows, "width": width, "first": first,
            "height": 46 + 28 * len(rows), "undated": undated,
            "root_x": round(pos(root["date"]), 1) if root["date"] else None}


def timeline_ticks(lo: dt.date, hi: dt.date) -> list[tuple[str, str]]:
    """(ISO day, label) of the timeline's marks between lo and hi: each 1 January ('2018')
    over three years or more, else the first of every month ('01/2018') or of every
    third when the span passes a year."""
    if hi.year - lo.year >= 3:
        return [(f"{y}-01-01", str(y)) for y in range(lo.year + 1, hi.year + 1)]
    step = 3 if (hi - lo).days > 366 else 1
    out, y, m = [], lo.year, lo.month
    while True:
        m += 1
        y, m = (y + 1, 1) if m > 12 else (y, m)
        if dt.date(y, m, 1) > hi:
            return out
        if (m - 1) % step == 0:
            out.append((f"{y}-{m:02d}-01", f"{m:02d}/{y}"))


def task(ix: Index, slug: str, view: View) -> dict[str, Any]:
    t = ix.task(slug)
    if t is None:
        raise PageNotFound(slug)
    row = dict(t)
    ix.attach_agencies([row], view.at)
    ix.attach_progress([row], view.at)
    plan = ix.doc(t["doc_slug"]) if t["doc_slug"] else None
    first = {"doc": plan, "rel": "part_of", "evidence": t["text"], "file": t["file"],
             "offset": t["offset"], "origin": "task"}
    paths = [[first] + p[1:] for p in ix.lineage(plan["id"])] if plan else []
    if plan and not paths:
        paths = [[first]]
    hops = [h for p in paths for h in p]
    prog = row["progress"] or {}
    more = [f.get(k) for f in prog.get("fulfilled", []) for k in ("file", "doc_file")]
    return {"t": row, "plan": plan, "paths": paths, "roots": ix.roots(paths) if paths else [],
            "names": ix.task_cites(t["id"]),
            "problems": ix.problems(plan["id"]) if plan else [],
            "files_by_id": ix.file_slugs([t["file"]] + [h.get("file") for h in hops] + more)}


def agency(ix: Index, slug: str, view: View) -> dict[str, Any]:
    g = ix.agency(slug)
    if g is None:
        raise PageNotFound(slug)
    tasks, n_tasks = agency_tasks(ix, g, view)
    overdue = ix.one("SELECT COUNT(*) FROM assign a JOIN task t ON t.id = a.task "
                     "WHERE a.agency = ? AND t.due IS NOT NULL AND t.due < ?",
                     (g["id"], view.at))[0]
    issued = ix.all("SELECT d.slug, d.symbol, d.doc_type, d.date, d.title, d.issuer "
                    "FROM issued i "
                    "JOIN doc d ON d.id = i.doc WHERE i.agency = ? ORDER BY d.date DESC LIMIT 200",
                    (g["id"],))
    return {"g": g, "tasks": tasks, "n_tasks": n_tasks, "n_overdue": overdue, "issued": issued,
            "heirs": {**json.loads(g["heirs"]), "unit": g["unit"]} if g["heirs"] else None,
            "statuses": status_facet(ix, "1", {}, view, g["id"])}


def agency_tasks(ix: Index, g, view: View, limit: Optional[int] = None) -> tuple[list[dict], int]:
    return ix.tasks("1", {}, view.at, view.overdue, g["id"], limit or view.per_page,
                    0 if limit else view.offset, view.status)


def source(ix: Index, slug: str) -> dict[str, Any]:
    """A source file's text with the evidence of every link and task read from it marked."""
    from graph.explorer.source import locate_all, read_text, segments
    f = ix.file(slug)
    if f is None:
        raise PageNotFound(slug)
    text = read_text(f["path"])
    if text is None:
        return {"f": f, "pieces": None, "doc": ix.docs_by_id([f["doc"]]).get(f["doc"])}
    items = ix.conn.execute('SELECT evidence, "offset" FROM link WHERE file = ? UNION '
                            'SELECT text, "offset" FROM task WHERE file = ?',
                            (f["id"], f["id"])).fetchall()
    marks = [(s, e, f"o{off or 0}")
             for (s, e), (_, off) in zip(locate_all(text, [tuple(r) for r in items]), items)]
    return {"f": f, "pieces": segments(text, marks), "doc": ix.docs_by_id([f["doc"]]).get(f["doc"])}


def diagram(ix: Index, d, up: list[dict], down: list[dict], cites: list[dict],
            cited: list[dict], per_side: int = 8) -> dict[str, Any]:
    """The neighbourhood of a document that fits a small drawing: what it implements (above),
    what implements it directly (below), what it cites (right), what cites it (left); at most
    per_side of each, the rest as one '+N' node. Fixed positions, readable labels."""
    nodes = [{"id": d["slug"], "label": doc_label(d), "x": 0, "y": 0, "group": "self"}]
    edges = []
    sides = (("up", up, 0, -170, "implements"), ("down", down, 0, 170, "implements"),
             ("cites", cites, 330, 0, "cites"), ("cited", cited, -330, 0, "cites"))
    for name, rows, x0, y0, rel in sides:
        shown = rows[:per_side]
        for i, r in enumerate(shown + ([None] if len(rows) > per_side else [])):
            horizontal = y0 != 0
            x = x0 + (i - (len(shown) - 1) / 2) * 150 if horizontal else x0
            y = y0 if horizontal else (i - (len(shown) - 1) / 2) * 55
            nid = r["slug"] if r else f"more-{name}"
            label = doc_label(r) if r else f"+{len(rows) - per_side}"
            nodes.append({"id": nid, "label": label, "x": x, "y": y, "group": name,
                          "url": r["slug"] if r else None})
            src, dst = (d["slug"], nid) if name in ("up", "cites") else (nid, d["slug"])
            edges.append({"from": src, "to": dst, "rel": rel})
    seen: set[str] = set()
    nodes = [n for n in nodes if not (n["id"] in seen or seen.add(n["id"]))]
    return {"nodes": nodes, "edges": edges}


def doc_label(d) -> str:
    """What names a document on a page: its symbol, else its type, 'không số' and issuer
    (as the template macro doc_name)."""
    if d["symbol"]:
        return d["symbol"]
    issuer = f", {d['issuer']}" if d["issuer"] else ""
    return f"{d['doc_type'] or 'Văn bản'} không số{issuer}"
