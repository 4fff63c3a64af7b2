"""The interactive HTML view of the graph: one self-contained file that works offline.

pyvis builds the node / edge data and the vis-network options; the page itself is our own
template, because pyvis pages load vis-network and Bootstrap from CDNs even with
``cdn_resources="in_line"`` (pyvis issues #228, #229). The vis-network standalone build is
vendored in ``graph/export/assets/`` and inlined, so the written file never asks any other
host for anything.

Safety: document text is never put into the page as HTML. Node and edge data travel as JSON
inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the page
builds tooltips and panels with ``textContent``; vis-network draws labels on a canvas.

Layout: a layered (hierarchical) view of the cascade, top to bottom: Party, central,
provincial, department and local documents, then tasks, then agencies. A document that
implements another document on the same level is pushed one row below it.

Modules, in the order a page is made: `select` (which nodes; `lineage` walks the cascade),
`view` (`build_view`: display nodes, merged edges, options; `style` for looks and search
keys, `layout` for rows and positions), `render` (the page; `template` its HTML and script).
"""
from graph.export.html.layout import fixed_layout
from graph.export.html.lineage import ancestors, descendants
from graph.export.html.render import render_page, write_html
from graph.export.html.select import find_nodes, select_nodes
from graph.export.html.style import EDGE_STYLES, NODE_STYLES
from graph.export.html.view import build_view

__all__ = ["write_html", "build_view", "render_page", "select_nodes", "find_nodes",
           "ancestors", "descendants", "fixed_layout", "NODE_STYLES", "EDGE_STYLES"]
