"""How nodes and edges look and are searched in the page: styles per level, kind and
relation (with the legend's labels), tooltip rows, labels, folded search keys."""
from __future__ import annotations

import unicodedata
from typing import Any, Optional

from graph.models import ASSIGNS, CITES, IMPLEMENTS, ISSUED_BY, LEVELS, PART_OF
from graph.text import fold

# Style per node type: (legend label, vis shape, background, border).
NODE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "party": ("Văn bản của Đảng (Trung ương)", "box", "#c0392b", "#7b241c"),
    "central": ("Văn bản Trung ương (Chính phủ, Bộ)", "box", "#e67e22", "#a04000"),
    "provincial": ("Văn bản cấp tỉnh", "ellipse", "#2e86c1", "#1b4f72"),
    "department": ("Văn bản cấp sở, ngành", "ellipse", "#17a589", "#0e6251"),
    "local": ("Văn bản cấp huyện, xã", "ellipse", "#58d68d", "#1d8348"),
    "unknown": ("Văn bản chưa rõ cấp", "ellipse", "#aab7b8", "#626567"),
    "task": ("Nhiệm vụ", "dot", "#8e44ad", "#5b2c6f"),
    "task_group": ("Nhóm nhiệm vụ của một kế hoạch", "square", "#bb8fce", "#5b2c6f"),
    "agency": ("Cơ quan", "diamond", "#a0522d", "#6e2c00"),
}

# Style per edge relation: (legend label, colour, width, dashes).
EDGE_STYLES: dict[str, tuple[str, str, float, Any]] = {
    IMPLEMENTS: ("triển khai (implements)", "#1b4f72", 2.5, False),
    CITES: ("viện dẫn (cites)", "#7f8c8d", 1.0, [6, 5]),
    ASSIGNS: ("giao nhiệm vụ (assigns)", "#a0522d", 0.7, False),
    PART_OF: ("thuộc kế hoạch (part_of)", "#8e44ad", 1.0, False),
    ISSUED_BY: ("ban hành bởi (issued_by)", "#bdc3c7", 0.5, [2, 4]),
}

#: Colours of a selected node.
HIGHLIGHT = {"background": "#f4d03f", "border": "#7d6608"}
#: Longest label drawn in full; longer ones are cut and end with "…".
LABEL_MAX = 32


def fold_value(value: Any) -> str:
    """Any value as NFC text, folded (`graph.text.fold`: lower case, no diacritics, dashes
    '-'), for search and loose matching; "" for None."""
    if value is None:
        return ""
    return fold(unicodedata.normalize("NFC", str(value)))


def fmt(value: Any) -> Optional[str]:
    """A value as the page shows it: lists joined by "; ", True as "có", empty as None."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, bool):
        return "có" if value else None
    return str(value)


def _info_rows(attrs: dict, kind: str) -> list[tuple[str, Any]]:
    if kind == "document":
        return [("Số ký hiệu", attrs.get("symbol")),
                ("Loại", attrs.get("doc_type") or attrs.get("type_code")),
                ("Ngày", attrs.get("date") or attrs.get("year")),
                ("Cơ quan ban hành", attrs.get("issuer")),
                ("Địa bàn", attrs.get("jurisdiction")),
                ("Cấp", attrs.get("level")),
                ("Trích yếu", attrs.get("title")),
                ("Tên gọi khác", attrs.get("aliases")),
                ("Chỉ được viện dẫn", attrs.get("stub")),
                ("Chưa xác định", attrs.get("ambiguous"))]
    if kind == "task":
        return [("Nhiệm vụ số", attrs.get("number")),
                ("Loại", "Nhiệm vụ"),
                ("Nội dung", attrs.get("text")),
                ("Thời hạn", attrs.get("deadline")),
                ("Hạn (ISO)", attrs.get("due")),
                ("Định kỳ", attrs.get("recurrence")),
                ("Điều kiện", attrs.get("condition")),
                ("Địa bàn", attrs.get("jurisdiction"))]
    if kind == "agency":
        return [("Cơ quan", attrs.get("name") or attrs.get("label")),
                ("Loại", "Nhóm cơ quan" if attrs.get("is_group") else "Cơ quan"),
                ("Địa bàn", attrs.get("jurisdiction"))]
    return [("Nhãn", attrs.get("label"))]


def node_info(attrs: dict, kind: str) -> list[list[str]]:
    """Tooltip rows [label, value]: plain text, escaped by the page (textContent)."""
    return [[k, v] for k, v in ((k, fmt(v)) for k, v in _info_rows(attrs, kind)) if v is not None]


def node_label(n, attrs: dict, kind: str) -> str:
    """The text drawn on a node: a document's symbol, a task's label or number, a name."""
    if kind == "document":
        text = attrs.get("symbol") or attrs.get("label") or attrs.get("title") or str(n)
    elif kind == "task":
        text = attrs.get("label") or ("NV " + str(attrs.get("number") or "")).strip()
    else:
        text = attrs.get("label") or attrs.get("name") or str(n)
    text = str(text)
    return text if len(text) <= LABEL_MAX else text[:LABEL_MAX - 2] + "…"


def search_key(n, attrs: dict) -> str:
    """The folded text the page's search looks in: id, names, title, issuer, task text."""
    parts = [str(n), attrs.get("symbol"), attrs.get("label"), attrs.get("name"),
             attrs.get("title"), attrs.get("issuer"), attrs.get("doc_type"),
             attrs.get("number"), attrs.get("text"), *(attrs.get("aliases") or [])]
    return " | ".join(fold_value(p) for p in parts if p)


def style_key(attrs: dict) -> str:
    """The key of a node's style in NODE_STYLES: a document's level, else its kind."""
    kind = attrs.get("kind") or "document"
    if kind == "document":
        level = attrs.get("level")
        return level if level in LEVELS else "unknown"
    return kind if kind in NODE_STYLES else "unknown"
