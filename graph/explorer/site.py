"""The explorer as a folder of files that opens from disk (file://): `policygraph site`.

    from graph.explorer.site import write_site
    write_site("out/policygraph.sqlite", "out/site")     # then open out/site/index.html

The same templates and page contexts as the app (graph.explorer.pages), with relative links.
What the app does on the server is done in the page: search over static/search-index.js (a
script, since a page opened from disk may not fetch a file), and the filters (province,
overdue, agency) over the rows already written, kept in the address like the app's. Tables
download as CSV files written beside the pages, whole.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any, Optional

from graph.explorer import pages, render, terms
from graph.explorer.index import ensure_index
from graph.explorer.pages import View
from graph.explorer.queries import Index, json_list
from graph.explorer.tables import SEARCH_HEADER, TABLES

ALL_ROWS = 10 ** 9


class _Writer:
    def __init__(self, ix: Index, out: Path, view: View) -> None:
        self.ix, self.out, self.view = ix, out, view
        self.counts = ix.counts()
        self.pages = 0

    def page(self, rel: str, template: str, depth: int, ctx: dict[str, Any]) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        html = render.render(template, render.Urls(site=True, depth=depth), view=self.view,
                             counts=self.counts, stale=False, **ctx)
        path.write_text(html, encoding="utf-8")
        self.pages += 1

    def csv(self, table: str, slug: str) -> None:
        header, rows = TABLES[table](self.ix, slug, self.view)
        path = self.out / "csv" / f"{table}-{slug}.csv"
        path.write_text(render.to_csv(header, rows), encoding="utf-8", newline="")


def write_site(store: str | Path, out: str | Path, at: Optional[str] = None) -> dict[str, Any]:
    """Write every page of the store's explorer under `out`; returns {index, pages, seconds}.

    The pages are written into a new folder beside `out`, which then takes its place (the old
    folder is moved aside and removed): a killed run leaves the old site whole, and never a
    mixture of old and new pages."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        got = _write_site(store, tmp, at)
        _swap_in(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    got["index"] = str(target / "index.html")
    return got


def _swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` in place of `target` by renames."""
    if target.exists():
        old = target.with_name(f".{target.name}.{os.getpid()}.old")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def _write_site(store: str | Path, out: Path, at: Optional[str]) -> dict[str, Any]:
    t0 = time.perf_counter()
    ix = Index(ensure_index(store))
    (out / "csv").mkdir(parents=True, exist_ok=True)
    _static(out)
    view = View(at=at or "", per_page=ALL_ROWS)
    w = _Writer(ix, out, view)
    w.page("index.html", "home.html", 0, pages.home(ix, view))
    w.page("tim.html", "search.html", 0, pages.search_page(ix, View(at=view.at)))
    _write_kind(w, "SELECT slug, n_below, n_tasks FROM doc ORDER BY id", _doc_pages)
    _write_kind(w, "SELECT slug FROM task ORDER BY id",
                lambda w, r: w.page(f"nhiem-vu/{r['slug']}.html", "task.html", 1,
                                    pages.task(w.ix, r["slug"], w.view)))
    _write_kind(w, "SELECT slug FROM agency ORDER BY id", _agency_pages)
    _write_kind(w, "SELECT slug FROM file ORDER BY id",
                lambda w, r: w.page(f"nguon/{r['slug']}.html", "source.html", 1,
                                    pages.source(w.ix, r["slug"])))
    (out / "static" / "search-index.js").write_text(search_index(ix, view.at), encoding="utf-8")
    return {"index": str(out / "index.html"), "pages": w.pages,
            "seconds": time.perf_counter() - t0}


def _write_kind(w: _Writer, sql: str, write) -> None:
    for r in w.ix.all(sql):
        write(w, r)


def _doc_pages(w: _Writer, r) -> None:
    slug = r["slug"]
    w.page(f"van-ban/{slug}.html", "document.html", 1, pages.document(w.ix, slug, w.view))
    w.csv("lien-ket", slug)
    if r["n_tasks"]:
        w.csv("nhiem-vu-van-ban", slug)
    if r["n_below"]:
        w.page(f"trien-khai/{slug}.html", "cascade.html", 1, pages.cascade(w.ix, slug, w.view))
        w.csv("trien-khai", slug)
        w.csv("nhiem-vu-trien-khai", slug)
        w.csv("co-quan-trien-khai", slug)


def _agency_pages(w: _Writer, r) -> None:
    w.page(f"co-quan/{r['slug']}.html", "agency.html", 1, pages.agency(w.ix, r["slug"], w.view))
    w.csv("nhiem-vu-co-quan", r["slug"])


def _static(out: Path) -> None:
    st = out / "static"
    st.mkdir(parents=True, exist_ok=True)
    for f in render.STATIC.iterdir():
        if f.is_file():
            shutil.copyfile(f, st / f.name)
    shutil.copyfile(render.VIS_NETWORK, st / render.VIS_NETWORK.name)
    for lic in render.VIS_NETWORK.parent.glob("vis-network.LICENSE-*"):
        shutil.copyfile(lic, st / lic.name)


# ------------------------------------------------------------------ search index

def _doc_entry(r, order: int) -> dict[str, Any]:
    facts = [r["doc_type"], render.vndate(r["date"]), r["issuer"], r["province"]]
    counts = [f"{r['n_below']} văn bản thực hiện" if r["n_below"] else "",
              f"{r['n_tasks']} nhiệm vụ" if r["n_tasks"] else "",
              f"được dẫn chiếu {r['n_cited']} lần" if r["n_cited"] else ""]
    words = terms.item_words(r["symbol"], r["doc_type"], r["title"], r["issuer"], r["province"],
                             *json_list(r["aliases"]))
    return {"k": "d", "u": f"van-ban/{r['slug']}.html", "l": pages.doc_label(r),
            "b": r["doc_type"] or terms.label("kind", "document"),
            "s": " · ".join(x for x in facts if x) + (f" — {r['title']}" if r["title"] else ""),
            "c": " · ".join(x for x in counts if x), "t": r["doc_type"] or "",
            "d": r["date"], "i": r["issuer"],
            "v": pages.facet_out("level", r["level"]), "p": r["unit"], "y": r["year"], "o": order,
            "K": terms.doc_keys(r["symbol"], r["type_code"]), "w": words}


def search_index(ix: Index, at: str) -> str:
    """static/search-index.js: every document, task and agency with its words (folded), keys,
    facets and display line; the type words and labels the page's search needs."""
    entries: list[dict] = []
    docs = ix.all("SELECT * FROM doc ORDER BY stub, ambiguous, n_below DESC, date DESC, id")
    entries.extend(_doc_entry(r, i) for i, r in enumerate(docs))
    tasks, _ = ix.tasks("1", {}, at, limit=ALL_ROWS)
    for t in tasks:
        plan = t["doc_symbol"] or t["doc_type"] or ""
        facts = [f"{t['number'] or ''} trong {plan}".strip(), t["unit"],
                 "chủ trì: " + "; ".join(a["name"] for a in t["lead"]) if t["lead"] else "",
                 f"hạn {render.vndate(t['due'])}" if t["due"] else "",
                 "quá hạn" if t["overdue"] else ""]
        text = t["text"] or ""
        short = text if len(text) <= 300 else text[:299].rsplit(" ", 1)[0] + " …"
        entries.append({"k": "t", "u": f"nhiem-vu/{t['slug']}.html", "l": short,
                        **({"x": text} if short != text else {}), "d": t["due"],
                        "i": "; ".join(a["name"] for a in t["lead"]),
                        "b": terms.label("kind", "task"), "s": " · ".join(x for x in facts if x),
                        "t": "", "v": pages.facet_out("level", t["level"] or "unknown"),
                        "p": t["unit"], "y": t["year"],
                        "w": terms.item_words(t["number"], t["text"])})
    for g in ix.all("SELECT * FROM agency ORDER BY id"):
        entries.append({"k": "a", "u": f"co-quan/{g['slug']}.html", "l": g["name"],
                        "b": terms.label("kind", "agency"),
                        "s": " · ".join(x for x in (g["province"], f"chủ trì {g['n_lead']} · "
                                                    f"phối hợp {g['n_partner']} nhiệm vụ") if x),
                        "t": "", "v": pages.facet_out("level", g["level"] or "unknown"),
                        "p": g["unit"], "y": None,
                        "w": terms.item_words(g["name"], g["province"])})
    for e in entries:
        e["kind"] = pages.facet_out("kind", {"d": "document", "t": "task", "a": "agency"}[e["k"]])
    labels = {f: {pages.facet_out(f, k): v for k, v in terms.labels(f).items()}
              for f in ("kind", "level")}
    names = {"kind": "Kết quả", "type": "Loại văn bản", "level": "Cấp",
             "unit": "Tỉnh/thành (hiện nay)", "year": "Năm"}
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    return (f"window.PG_TYPE_WORDS={dump(terms.folded_type_words())};\n"
            f"window.PG_LABELS={dump(labels)};\nwindow.PG_FACET_NAMES={dump(names)};\n"
            f"window.PG_FACET_PARAMS={dump(pages.FACET_PARAMS)};\n"
            f"window.PG_CSV_HEADER={dump(SEARCH_HEADER)};\n"
            f"window.PG_INDEX={dump(entries)};\n")
