"""Every table of the explorer as CSV: the same rows as the page, all of them (no paging).

`TABLES[name](ix, slug, view)` -> (header, rows). Names are the ones in the CSV addresses
(graph.explorer.render.Urls.csv): the app makes them with the view's filters, the static
site writes them whole.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from graph.explorer import pages, terms
from graph.explorer.pages import PageNotFound, View
from graph.explorer.queries import Index

ALL = 10 ** 9

TASK_HEADER = ("Văn bản", "Tỉnh/thành (hiện nay)", "Số thứ tự", "Nhiệm vụ", "Chủ trì",
               "Phối hợp", "Thời hạn", "Hạn (ngày)", "Tình trạng", "Văn bản thực hiện",
               "Số ngày sau văn bản giao", "Tỉnh/thành đã thực hiện",
               "Tỉnh/thành chưa thực hiện", "Văn bản khớp một phần", "Cơ quan chủ trì nay là",
               "Quá hạn")


def _names(agencies: list[dict]) -> str:
    return "; ".join(a["name"] for a in agencies)


def progress_cells(t: dict) -> list[Any]:
    """A task row's progress as CSV cells: status (its label), fulfilling documents, the
    fewest days after the plan, provinces done / not done, partial candidates with what
    they miss, the lead's successors."""
    p = t.get("progress") or {}
    full = [f["d"] for f in p.get("fulfilled", []) if f.get("d")]
    days = [f["days"] for f in p.get("fulfilled", []) if f.get("days") is not None]
    partial = ["%s (thiếu %s)" % (pages.doc_label(c["d"]) if c.get("d") else c["symbol"],
                                  ", ".join(terms.label("missing", x, x) for x in c["missing"]))
               for c in p.get("partial", [])]
    heirs = ["%s: %s" % (h["former"], ", ".join(h["successors"])) for h in p.get("successors", [])]
    return [terms.label("status", t.get("status"), ""), "; ".join(map(pages.doc_label, full)),
            min(days) if days else None, "; ".join(p.get("done", [])),
            "; ".join(p.get("not_done", [])), "; ".join(partial), "; ".join(heirs)]


def _task_rows(rows: list[dict]) -> Iterable[list[Any]]:
    for t in rows:
        plan = t["doc_symbol"] or " ".join(x for x in (t["doc_type"], t["doc_issuer"]) if x)
        yield [plan, t["unit"], t["number"], t["text"], _names(t["lead"]), _names(t["partners"]),
               t["deadline"], t["due"], *progress_cells(t), "có" if t["overdue"] else ""]


def _doc(ix: Index, slug: str):
    d = ix.doc(slug)
    if d is None:
        raise PageNotFound(slug)
    return d


def doc_tasks(ix: Index, slug: str, view: View):
    rows, _ = pages.doc_tasks(ix, _doc(ix, slug), view, limit=ALL)
    return TASK_HEADER, _task_rows(rows)


def cascade_tasks(ix: Index, slug: str, view: View):
    rows, _ = pages.cascade_tasks(ix, _doc(ix, slug), view, limit=ALL)
    return TASK_HEADER, _task_rows(rows)


def agency_tasks(ix: Index, slug: str, view: View):
    g = ix.agency(slug)
    if g is None:
        raise PageNotFound(slug)
    rows, _ = pages.agency_tasks(ix, g, view, limit=ALL)
    return TASK_HEADER, _task_rows(rows)


def cascade_agencies(ix: Index, slug: str, view: View):
    """Per lead agency of the tasks under a root (in the province chosen): tasks, overdue."""
    d = _doc(ix, slug)
    rows = ix.task_agencies_summary(*pages.cascade_where(d, view), at=view.at)
    return (("Cơ quan chủ trì", "Tỉnh/thành", "Nhiệm vụ", "Quá hạn"),
            ([r["name"], r["province"], r["tasks"], r["overdue"]] for r in rows))


def _doc_line(r) -> list[Any]:
    return [pages.doc_label(r), r["doc_type"], r["date"], r["issuer"], r["province"], r["unit"],
            terms.label("level", r["level"])]


DOC_HEADER = ("Số ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Tỉnh/thành (in trên văn bản)",
              "Tỉnh/thành (hiện nay)", "Cấp")


def cascade_matrix(ix: Index, slug: str, view: View):
    """One line per document under the root, with its lag in days (the cascade's cells)."""
    d = _doc(ix, slug)
    below = ix.below(d["id"], unit=view.unit, limit=ALL)
    header = DOC_HEADER + ("Số ngày sau văn bản gốc", "Mức (bậc dưới văn bản gốc)")
    return header, ([*_doc_line(r), pages.days_between(r["date"], d["date"]), r["depth"]]
                    for r in below)


def doc_links(ix: Index, slug: str, view: View):
    """What a document implements and cites, and what cites it, with the evidence."""
    d = _doc(ix, slug)
    header = ("Quan hệ",) + DOC_HEADER + ("Câu trích", "Vị trí")
    out = []
    for rel, direction, word in (("implements", "out", "thực hiện"), ("cites", "out", "dẫn chiếu"),
                                 ("implements", "in", "được thực hiện bởi"),
                                 ("cites", "in", "được dẫn chiếu bởi")):
        rows, _ = ix.links(d["id"], rel, direction, ALL)
        out.extend([word, *_doc_line(r), r["evidence"], terms.label("origin", r["origin"])]
                   for r in rows)
    return header, out


# the static site's page writes the same columns from its own search (static/explorer.js)
SEARCH_HEADER = ("Loại kết quả", "Tên", "Loại văn bản", "Ngày", "Cơ quan",
                 "Tỉnh/thành (hiện nay)")


def search_results(ix: Index, slug: str, view: View):
    res = pages.search_page(ix, view, per_page=ALL)["result"]["results"]
    header = SEARCH_HEADER
    rows = []
    for r in res:
        if r["kind"] == "document":
            rows.append(["Văn bản", pages.doc_label(r), r["doc_type"], r["date"], r["issuer"],
                         r["unit"]])
        elif r["kind"] == "task":
            rows.append(["Nhiệm vụ", r["text"], "", r["due"], _names(r["lead"]), r["unit"]])
        else:
            rows.append(["Cơ quan", r["name"], "", "", "", r["unit"]])
    return header, rows


TABLES: dict[str, Callable[[Index, str, View], tuple]] = {
    "nhiem-vu-van-ban": doc_tasks,
    "nhiem-vu-trien-khai": cascade_tasks,
    "nhiem-vu-co-quan": agency_tasks,
    "trien-khai": cascade_matrix,
    "co-quan-trien-khai": cascade_agencies,
    "lien-ket": doc_links,
    "ket-qua": search_results,
}
