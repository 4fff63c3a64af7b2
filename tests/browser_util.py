"""Headless Chromium for the HTML view tests and bench: the Debian package, no network.

Every request except the file:// page itself is aborted and recorded, so a page that tries
to reach a CDN fails the test instead of silently working online.
"""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def chromium_path() -> str | None:
    for p in CHROMIUM_PATHS:
        if Path(p).exists():
            return p
    return shutil.which("chromium")


def skip_reason() -> str | None:
    """Why browser tests cannot run here, or None."""
    if chromium_path() is None:
        return "chromium is not installed (run: bash scripts/install-browser.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


class PageLog:
    """What the page did: console errors, page errors, blocked and failed requests, dialogs."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []

    def assert_clean(self) -> None:
        """No error, nothing asked of another host, no dialog (no script from text ran)."""
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.failed == []
        assert self.blocked == []
        assert self.dialogs == []


@contextmanager
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                               args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def open_page(b, target, viewport=(1400, 900), allowed: tuple[str, ...] = (),
              ready: str | None = None, downloads: bool = False):
    """Open `target` (a file path, or a URL) in a fresh context where only the target itself
    and URLs starting with one of `allowed` load, every other request aborted and logged;
    a file with no http address allowed opens offline. Waits for the load event, then for
    the `ready` expression when given. (page, log)."""
    url = target if isinstance(target, str) else Path(target).resolve().as_uri()
    local = url.startswith("file:") and not any(a.startswith("http") for a in allowed)
    ctx = b.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                        offline=local, java_script_enabled=True, accept_downloads=downloads)
    log = PageLog()

    def route(r):
        log.requests.append(r.request.url)
        if r.request.url == url or r.request.url.startswith(allowed):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.on("requestfailed", lambda r: log.failed.append(r.url))

    def on_dialog(d):
        log.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="load")
    if ready:  # as a function: an expression would be eval'ed, which a page's CSP refuses
        page.wait_for_function(ready if "=>" in ready else "() => " + ready)
    return page, log


def wait_ready(page, timeout_ms: int = 60000) -> None:
    page.wait_for_function("() => window.pgState && window.pgState.ready && window.pgState.stabilized",
                           timeout=timeout_ms)
