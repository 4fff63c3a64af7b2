"""Saved web pages -> plain text, with portal chrome removed.

Law portals wrap a document in menus, search boxes, a metadata table (Số hiệu / Loại văn bản /
Nơi ban hành ...), copyright notices ("Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP
LUẬT...") and footers. What is chrome is data: `graph/tables/web_chrome.csv`.

The text keeps the document's line structure: every block element (p, div, li, h1..h6, tr, br)
and every table cell ends a line, so the header table (ỦY BAN NHÂN DÂN | CỘNG HÒA ...) comes out
one cell per line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from graph.tables import rows
from graph.ingest.htmlbounds import bound_html

BLOCK_TAGS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr html legend li main ol p pre section summary table "
    "tbody thead tfoot tr ul".split())
CELL_TAGS = frozenset(("td", "th"))


@dataclass(frozen=True)
class Chrome:
    tags: frozenset
    attrs: tuple
    phrases: tuple
    lines: frozenset
    meta_labels: tuple


@lru_cache(maxsize=1)
def chrome() -> Chrome:
    tags, attrs, phrases, lines, meta = set(), [], [], set(), []
    for row in rows("web_chrome.csv"):
        kind = row.get("kind") or ""
        pat = row.get("pattern") or ""
        if not kind or kind.startswith("#") or not pat:
            continue
        if kind == "tag":
            tags.add(pat.lower())
        elif kind == "attr":
            attrs.append(pat.lower())
        elif kind == "phrase":
            phrases.append(pat)
        elif kind == "line":
            lines.add(pat.lower())
        elif kind == "meta_label":
            meta.append(pat.lower())
    return Chrome(frozenset(tags), tuple(attrs), tuple(phrases), frozenset(lines), tuple(meta))


_TOKEN_SPLIT = re.compile(r"[\s_\-]+")


def _is_chrome_attr(node, ch: Chrome) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    values = " ".join(v for k, v in attrs.items() if k in ("class", "id", "role") and v)
    if not values:
        return False
    low = values.lower()
    if "role" in attrs and (attrs.get("role") or "").lower() in ("navigation", "banner",
                                                                   "contentinfo", "search"):
        return True
    # substring match on class/id tokens ("main-menu", "breadcrumbs", "footer-links")
    for tok in low.split():
        for pat in ch.attrs:
            if pat in tok:
                return True
    return False


def _is_meta_table(node, ch: Chrome) -> bool:
    text = node.text(deep=True, separator="\n").lower()
    if len(text) > 3000:
        return False
    return sum(1 for lab in ch.meta_labels if lab + ":" in text or lab + "\n" in text) >= 3


def declared_charset(data: bytes) -> Optional[str]:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii", "ignore") if m else None


def html_to_text(html: str) -> str:
    """Render HTML to plain text lines, chrome removed. A page past the bounds of
    `graph.ingest.htmlbounds` (nesting depth, options in a list, formatting left open) loses
    the tags past them first, so the time taken stays linear in the page's size."""
    from selectolax.lexbor import LexborHTMLParser

    ch = chrome()
    tree = LexborHTMLParser(bound_html(html, ch.tags))
    root = tree.root
    if root is None:
        return ""
    # main content, when the page marks it
    for sel in ("article", "main", "[role=main]"):
        node = tree.css_first(sel)
        if node is not None and len(node.text(deep=True).strip()) > 200:
            root = node
            break
    parts: list[str] = []
    stack = [(root, False)]
    pre_depth = 0
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag == "pre":
                pre_depth -= 1
            if tag in BLOCK_TAGS or tag in CELL_TAGS:
                parts.append("\n")
            continue
        if tag == "-text":
            t = node.text(deep=False) or ""
            if not pre_depth:
                t = re.sub(r"[ \t\r\n\f]+", " ", t)
            parts.append(t)
            continue
        if tag in ("-comment", "-doctype") or tag is None:
            continue
        if tag in ch.tags and node is not root:
            continue
        if node is not root and _is_chrome_attr(node, ch):
            continue
        if tag == "table" and _is_meta_table(node, ch):
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in BLOCK_TAGS or tag in CELL_TAGS:
            parts.append("\n")
        if tag == "pre":
            pre_depth += 1
        stack.append((node, True))
        children = []
        c = node.child
        while c is not None:
            children.append(c)
            c = c.next
        for c in reversed(children):
            stack.append((c, False))
    return drop_chrome_lines("".join(parts))


def drop_chrome_lines(text: str) -> str:
    """Strip lines, drop empty lines and lines that are portal notices."""
    ch = chrome()
    out = []
    for line in text.split("\n"):
        line = line.replace("\u00a0", " ").strip()
        if not line:
            continue
        if line.lower() in ch.lines or any(line.startswith(p) for p in ch.phrases):
            continue
        out.append(line)
    return "\n".join(out)
