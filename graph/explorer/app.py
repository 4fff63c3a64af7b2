"""The explorer as a local web app (Flask), reading the index of a store.

    from graph.explorer.app import create_app
    app = create_app("out/policygraph.sqlite")     # builds the index first when stale
    app.run("127.0.0.1", 8765)

Every page is a GET with its state in the URL. The app checks the store's version at most
every CHECK_EVERY seconds; when the store changed it builds the new index in a child process
and keeps answering from the old one until the new one is in place.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Optional

from graph.explorer import pages, render
from graph.explorer.index import ensure_index, index_path, index_tag, store_tag
from graph.explorer.pages import PageNotFound, View
from graph.explorer.queries import Index
from graph.explorer.tables import TABLES

CHECK_EVERY = 5.0


class Current:
    """The index in use, swapped for a new one when the store moves on."""

    def __init__(self, store: str | Path, in_process: bool = False) -> None:
        self.store = Path(store)
        self.in_process = in_process
        self.ix = Index(ensure_index(self.store, in_process=in_process))
        self.tag = index_tag(self.ix.path)
        self.checked = time.monotonic()
        self.lock = threading.Lock()
        self.building: Optional[threading.Thread] = None

    def get(self) -> Index:
        now = time.monotonic()
        if now - self.checked >= CHECK_EVERY:
            self.checked = now
            self._refresh()
        return self.ix

    @property
    def stale(self) -> bool:
        return self.building is not None and self.building.is_alive()

    def _refresh(self) -> None:
        try:
            want = store_tag(self.store)
        except FileNotFoundError:
            return
        if want == self.tag:
            return
        if index_tag(index_path(self.store)) == want:
            self.ix, self.tag = Index(index_path(self.store)), want
            return
        with self.lock:
            if not self.stale:
                self.building = threading.Thread(
                    target=ensure_index, args=(self.store,), kwargs={"in_process": self.in_process},
                    daemon=True)
                self.building.start()


def _install_hooks(app, cur: "Current", urls) -> None:
    """What every request shares: the index lent for the request and given back, the page
    for an unknown address, and the security headers (no script but the app's own)."""
    from flask import Response, request

    @app.before_request
    def lend():
        request.environ["explorer.index"] = ix = cur.get()
        ix.acquire()

    @app.teardown_request
    def take_back(_exc):
        ix = request.environ.get("explorer.index")
        if ix is not None:
            ix.release()

    @app.errorhandler(404)
    def not_found(_err):
        html = render.render("notfound.html", urls, view=View(), counts=cur.get().counts(),
                             stale=cur.stale)
        return Response(html, status=404, mimetype="text/html")

    @app.after_request
    def headers(resp):
        resp.headers.setdefault("Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self' "
                                "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp


def create_app(store: str | Path, in_process: bool = False):
    """The Flask app of a store's explorer (the index is built first when stale)."""
    from flask import Flask, Response, abort, request
    cur = Current(store, in_process=in_process)
    app = Flask("policygraph-explorer", static_folder=str(render.STATIC),
                static_url_path="/static")
    app.config["EXPLORER"] = cur
    urls = render.Urls(site=False)

    _install_hooks(app, cur, urls)

    def page(template: str, build: Callable[[Index, View], dict]) -> Response:
        ix = request.environ["explorer.index"]
        view = View.from_args(request.args)
        try:
            ctx = build(ix, view)
        except PageNotFound:
            abort(404)
        html = render.render(template, urls, view=view, counts=ix.counts(), stale=cur.stale,
                             **ctx)
        return Response(html, mimetype="text/html")

    @app.get("/")
    def home():
        return page("home.html", pages.home)

    @app.get("/tim")
    def find():
        return page("search.html", pages.search_page)

    for kind, template, build in (("doc", "document.html", pages.document),
                                  ("cascade", "cascade.html", pages.cascade),
                                  ("task", "task.html", pages.task),
                                  ("agency", "agency.html", pages.agency)):
        app.add_url_rule(f"/{render.PAGE_DIRS[kind]}/<slug>", kind,
                         (lambda t, b: lambda slug: page(t, lambda ix, v: b(ix, slug, v)))(
                             template, build))

    @app.get("/static/vis-network.min.js")
    def vis_network():
        from flask import send_file
        return send_file(render.VIS_NETWORK, mimetype="text/javascript", max_age=3600)

    @app.get("/nguon/<slug>")
    def source(slug: str):
        return page("source.html", lambda ix, v: pages.source(ix, slug))

    @app.get("/csv/<table>.csv", defaults={"slug": ""})
    @app.get("/csv/<table>/<slug>.csv")
    def table(table: str, slug: str):
        fn = TABLES.get(table)
        if fn is None:
            abort(404)
        try:
            header, rows = fn(request.environ["explorer.index"], slug,
                              View.from_args(request.args))
        except PageNotFound:
            abort(404)
        name = f"{table}-{slug}.csv" if slug else f"{table}.csv"
        return Response(render.to_csv(header, rows), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return app


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 8765,
          ready: Optional[Callable[[str], None]] = None) -> None:
    """Run the app with werkzeug's threaded server until interrupted."""
    from werkzeug.serving import make_server
    app = create_app(store)
    srv = make_server(host, port, app, threaded=True)
    url = f"http://{host}:{srv.server_port}/"
    if ready:
        ready(url)
    try:
        srv.serve_forever()
    finally:
        srv.server_close()
