"""Words and keys of the explorer: Vietnamese labels, today's provinces, search keys, slugs.

Labels (levels, relations, places of an evidence sentence …) come from
graph/tables/explorer_labels.csv (today's provinces: graph.link.succession). Search keys
make every spelling of a symbol meet:
"57-NQ/TW", "57/NQ-TW", "57 NQ TW" -> `s:57nqtw`; "NQ57", "NQ 57", "nghị quyết 57",
"nghi quyet 57" -> `n:nq:57`. The static site's script (static/explorer.js) computes the same
keys from a query; tests/test_explorer_browser.py compares the two.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from graph.tables import rows as read_table, type_words

_MARKS = re.compile(r"[\u0300-\u036f]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/.-])")
_CODE_NUM = re.compile(r"^([a-z]{1,8})[\s.\-/]*0*(\d+)$")
_NUM_CODE = re.compile(r"^0*(\d+)[\s.\-/]*([a-z]{1,8})$")
_LEAD_ZEROS = re.compile(r"^0+(?=\d)")
_NUM_AFTER = re.compile(r"^(?:so\s+)?0*(\d+)\b")


def fold(text: Optional[str]) -> str:
    """Accents off, đ -> d, lower case, runs of white space to one space."""
    s = unicodedata.normalize("NFD", text or "").lower().replace("đ", "d")
    return " ".join(_MARKS.sub("", s).split())


def compact(text: Optional[str]) -> str:
    """Folded letters and digits only, leading zeros of numbers dropped: '02/KH-UBND' ->
    '2khubnd'."""
    return "".join(_LEAD_ZEROS.sub("", w) for w in _NON_ALNUM.sub(" ", fold(text)).split())


def item_words(*parts: Optional[str]) -> str:
    """The folded words search matches an item by (the index's FTS5 rows and the static
    site's index are both made with it)."""
    return fold(" ".join(p for p in parts if p))


def slug(text: Optional[str], limit: int = 60) -> str:
    """A file- and URL-safe name: folded words joined by '-'."""
    s = _NON_ALNUM.sub("-", fold(text)).strip("-")
    return s[:limit].rstrip("-") or "x"


@lru_cache(maxsize=1)
def folded_type_words() -> tuple[tuple[str, str], ...]:
    """(folded type word, folded code), longest word first: ('nghi quyet', 'nq')."""
    return tuple((fold(w), fold(c)) for w, c in type_words())


def doc_keys(symbol: Optional[str], type_code: Optional[str]) -> list[str]:
    """Search keys of a document: its compact symbol and (type code, number)."""
    if not symbol:
        return []
    keys = [f"s:{compact(symbol)}"]
    m = re.match(r"\s*0*(\d+)", symbol)
    code = fold(type_code or "")
    if m and code:
        keys.append(f"n:{code}:{m.group(1)}")
    return keys


def query_keys(query: str) -> list[str]:
    """The keys a query may name a document by (see the module docstring); [] for words.
    A year beside a symbol ("20-NQ/TW 2017") is left out of the keys (see query_years),
    unless it is the only number ("QĐ 1983")."""
    return _keys(fold(_YEAR.sub(" ", query or ""))) or _keys(fold(query))


def _keys(q: str) -> list[str]:
    if not q:
        return []
    keys: list[str] = []
    c = compact(q)
    if re.match(r"^\d+[a-z]", c):
        keys.append(f"s:{c}")
    for word, code in folded_type_words():
        if q.startswith(word + " "):
            m = _NUM_AFTER.match(q[len(word) + 1:].strip())
            if m:
                keys.append(f"n:{code}:{m.group(1)}")
            break
    flat = " ".join(_NON_ALNUM.sub(" ", q).split())
    for pat, code_at in ((_CODE_NUM, 1), (_NUM_CODE, 2)):
        m = pat.match(flat)
        if m:
            keys.append(f"n:{m.group(code_at)}:{m.group(3 - code_at)}")
    return list(dict.fromkeys(keys))


def query_years(query: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(query or "")]


# ------------------------------------------------------------------ labels

@lru_cache(maxsize=1)
def _labels() -> dict[tuple[str, str], str]:
    return {(r["group"], r["key"]): r["label"] for r in read_table("explorer_labels.csv")}


def label(group: str, key: Optional[str], default: str = "") -> str:
    """The Vietnamese word for a code of the graph: label('level', 'party') -> 'Cấp Đảng'."""
    return _labels().get((group, key or ""), default)


def labels(group: str) -> dict[str, str]:
    return {k: v for (g, k), v in _labels().items() if g == group}
