"""Templates and addresses shared by the web app and the static site.

`Urls` names every page: in the app by path ("/van-ban/20-nq-tw-2017"), in the site by a
relative file ("../van-ban/20-nq-tw-2017.html", so the folder works from file://). Views
with filters keep them in the query string in both (the site's script applies them).
Jinja2 escapes every value (autoescape), so document text stays text.
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import urlencode

from graph.explorer import terms

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
# vis-network, vendored once for the project by the HTML export (served and copied from there)
VIS_NETWORK = HERE.parent / "export" / "assets" / "vis-network.min.js"

PAGE_DIRS = {"doc": "van-ban", "cascade": "trien-khai", "task": "nhiem-vu", "agency": "co-quan",
             "source": "nguon"}


class Urls:
    """Addresses of pages, CSV tables and static files, for the app or for the site."""

    def __init__(self, site: bool = False, depth: int = 0) -> None:
        self.site = site
        self.prefix = "../" * depth if site else "/"

    @staticmethod
    def _q(params: dict[str, Any]) -> str:
        """The query string of the parameters that say something (no empty filter, no
        first page); True is written 1."""
        kept = {k: ("1" if v is True else v) for k, v in params.items()
                if v not in (None, "", False) and not (k == "trang" and v == 1)}
        return ("?" + urlencode(kept)) if kept else ""

    def page(self, kind: str, slug: str, **params: Any) -> str:
        if self.site:
            return f"{self.prefix}{PAGE_DIRS[kind]}/{slug}.html{self._q(params)}"
        return f"/{PAGE_DIRS[kind]}/{slug}{self._q(params)}"

    def source(self, slug: str, offset: Optional[int] = None) -> str:
        anchor = f"#o{offset}" if offset is not None else ""
        return self.page("source", slug) + anchor

    def csv(self, table: str, slug: str = "", **params: Any) -> str:
        """A table as CSV: the app makes it with the view's filters, the site wrote it whole."""
        name = f"{table}-{slug}" if slug else table
        if self.site:
            return f"{self.prefix}csv/{name}.csv"
        return f"/csv/{table}{'/' + slug if slug else ''}.csv{self._q(params)}"

    def search(self, q: str = "", **params: Any) -> str:
        params = {"q": q, **params}
        if self.site:
            return f"{self.prefix}tim.html{self._q(params)}"
        return f"/tim{self._q(params)}"

    def home(self) -> str:
        return f"{self.prefix}index.html" if self.site else "/"

    def static(self, name: str) -> str:
        return f"{self.prefix}static/{name}"


def vndate(iso: Optional[str]) -> str:
    """'2017-10-25' -> '25/10/2017'; '' for None."""
    if not iso:
        return ""
    parts = iso[:10].split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def lag(days: Optional[int]) -> str:
    """Days after the root: 12 -> '12 ngày sau', -3 -> '3 ngày trước' (a document dated
    before the one it says it implements)."""
    if days is None:
        return ""
    return f"{days} ngày sau" if days >= 0 else f"{-days} ngày trước"


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["vndate"] = vndate
    env.filters["lag"] = lag
    from graph.explorer.pages import facet_params, status_out
    env.globals.update(L=terms.label, facet_params=facet_params, status_slug=status_out)
    return env


def render(template: str, urls: Urls, **context: Any) -> str:
    return environment().get_template(template).render(U=urls, **context)


def to_csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text with a UTF-8 byte order mark (spreadsheets then read Vietnamese right)."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(list(header))
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()
