"""Provinces and centrally-run cities (tables/provinces.csv): find them in text.

Old documents keep old names (63 provinces before the 2025 merger); the name printed is kept.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract import patterns
from graph.extract.normalize import fold



@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """folded spelling -> province name as in the table."""
    out = {}
    for row in tables.provinces():
        out[fold(row["name"])] = row["name"]
        for alias in tables.province_aliases().get(row["name"], []):
            out[fold(alias)] = row["name"]
    return out


@lru_cache(maxsize=1)
def _kind() -> dict[str, str]:
    return {row["name"]: row["kind"] for row in tables.provinces()}


@lru_cache(maxsize=1)
def province_re() -> re.Pattern:
    names = set()
    for row in tables.provinces():
        names.add(row["name"])
        names.update(tables.province_aliases().get(row["name"], []))
    alt = patterns.alternation(names)
    return re.compile(rf"(?<!\w)(?P<name>{alt})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def prefixed_province_re() -> re.Pattern:
    """'tỉnh Thái Bình', 'thành phố Cần Thơ', 'TỈNH HẬU GIANG'."""
    alt = province_re().pattern.split("(?P<name>", 1)[1].rsplit(")(?!\\w)", 1)[0]
    return re.compile(rf"(?<!\w)(?P<prefix>tỉnh|thành\s+phố|TP\.?)\s+(?P<name>{alt})(?!\w)", re.IGNORECASE)


def canonical(name: str) -> Optional[str]:
    return _names().get(fold(" ".join(name.split())))


def kind_of(province: str) -> str:
    """'tỉnh' or 'thành phố'."""
    return _kind().get(province, "tỉnh")


def with_prefix(province: str) -> str:
    """'tỉnh Thái Bình', 'thành phố Hà Nội'."""
    if province.lower().startswith("thành phố"):
        return province
    return f"{kind_of(province)} {province}"


def find_prefixed(text: str, start: int = 0, end: Optional[int] = None):
    for m in prefixed_province_re().finditer(text, start, len(text) if end is None else end):
        p = canonical(m.group("name"))
        if p:
            yield m, p


def dominant_province(text: str) -> Optional[str]:
    """The province a document speaks of most ('trên địa bàn tỉnh X' counts more)."""
    counts: Counter[str] = Counter()
    for m, p in find_prefixed(text):
        before = text[max(0, m.start() - 20):m.start()].lower()
        counts[p] += 3 if "địa bàn" in before else 2
    if not counts:
        for m in province_re().finditer(text):
            p = canonical(m.group("name"))
            if p:
                counts[p] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:
        return None  # a tie is not settled
    return best
