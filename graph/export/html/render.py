"""The page: the view as JSON safe inside <script>, the legend, the vendored vis-network
inlined into the template; `write_html` writes it."""
from __future__ import annotations

from graph.files import atomic_write

import html
import json
from pathlib import Path
from typing import Any, Optional

from graph.export.html.style import EDGE_STYLES, NODE_STYLES
from graph.export.html.template import PAGE
from graph.export.html.view import TASK_GROUP_THRESHOLD, build_view
from graph.text import SUBSTITUTIONS

ASSETS = Path(__file__).resolve().parent.parent / "assets"
VIS_JS = ASSETS / "vis-network.min.js"


def json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def legend_html() -> str:
    """The legend: a swatch per node style, a checkbox per relation (to hide its edges)."""
    items = []
    for key, (label, shape, bg, border) in NODE_STYLES.items():
        items.append(f'<li><span class="sw sw-{html.escape(shape)}" style="background:'
                     f'{bg};border-color:{border}"></span>{html.escape(label)}</li>')
    rels = []
    for rel, (label, colour, width, dashes) in EDGE_STYLES.items():
        style = "dashed" if dashes else "solid"
        rels.append(f'<li><label><input type="checkbox" class="rel-toggle" value="'
                    f'{html.escape(rel)}" checked> <span class="ln" style="border-top:'
                    f'{max(1, round(width * 1.5))}px {style} {colour}"></span>'
                    f'{html.escape(label)}</label></li>')
    return ("<ul class=\"legend\">" + "".join(items) + "</ul><ul class=\"legend rels\">"
            + "".join(rels) + "</ul>")


def render_page(view: dict, title: str) -> str:
    """The whole page of a view (see `build_view`), titled `title` (escaped)."""
    vis_js = VIS_JS.read_text(encoding="utf-8")
    if "</script" in vis_js.lower():  # never expected from the vendored build
        raise ValueError("vendored vis-network contains '</script'")
    esc = html.escape(title)
    # Substitute the vendored script last so nothing inside it is treated as a placeholder.
    page = (PAGE.replace("__SUBSTITUTIONS__", json.dumps(SUBSTITUTIONS))
            .replace("__TITLE__", esc).replace("__LEGEND__", legend_html())
            .replace("__DATA__", json_for_script(view)))
    head, tail = page.split("__VIS__", 1)
    return head + vis_js + tail


def write_html(G, out_path, focus: Optional[str] = None, depth: int = 2,
               province: Optional[str] = None, since: Optional[int] = None,
               title: str = "policygraph — đồ thị văn bản chính sách",
               group_tasks: Optional[bool] = None,
               task_group_threshold: int = TASK_GROUP_THRESHOLD, layout: str = "auto") -> Path:
    """Write the interactive view of G (a MultiDiGraph per GRAPH_SCHEMA) to one HTML file.

    focus: a query (symbol, alias, words) for an ego view `depth` steps around the matches,
    plus their lineage to the roots. province / since: keep documents of that province /
    issued since that year, with the documents above them as context. Tasks are grouped
    under their plan when the view has more than `task_group_threshold` of them
    (group_tasks=True/False forces it). Returns the path written.
    """
    view = build_view(G, focus=focus, depth=depth, province=province, since=since,
                      group_tasks=group_tasks, task_group_threshold=task_group_threshold,
                      layout=layout)
    out = Path(out_path)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(out, "w") as fh:
        fh.write(render_page(view, title))
    return out
