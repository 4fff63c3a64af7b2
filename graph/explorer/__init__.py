"""The explorer: the graph of a store in a browser (issue 15).

    policygraph serve --store out/policygraph.sqlite        # a local web app on 127.0.0.1
    policygraph site --store out/policygraph.sqlite -o DIR  # the same pages as files

The graph is read once per store version into an index beside the store (`index`: SQLite,
FTS5, indexed links; lineage and cascade are recursive queries), and every page is answered
from it (`queries`, `search`, `pages`). `app` serves the pages with Flask, `site` writes them
as a folder that opens from file://; both render the templates of `render` (Jinja2). Words
of the interface for the graph's codes and today's provinces come from the tables read by
`terms` (graph/tables/explorer_labels.csv, graph/tables/province_succession.csv).

Each task's progress (issue 18) is read into the index from graph.query.progress (status,
partial candidates, provinces done, successors of its lead) and the graph's fulfilled_by
edges (the documents fulfilling it, with the sentences of both sides); a page weighs a
status against its own day (?ngay=) as progress does (`queries.status_at`).
"""
