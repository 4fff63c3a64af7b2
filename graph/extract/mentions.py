"""A mention of a document in a text: where it stands and the facts printed beside it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from graph.extract.symbols import SymbolMatch


@dataclass
class Mention:
    start: int
    end: int
    symbol: str
    match: Optional[SymbolMatch] = None  # None for a short form
    text: str = ""
    inner: bool = False  # the object of a cue introduced by an earlier mention
    date: Optional[str] = None
    issuer: Optional[str] = None
    province: Optional[str] = None  # printed, or the citing document's for a local symbol
    year: Optional[int] = None  # "Nghị quyết 20-NQ/TW năm 2017", "… ban hành năm 2018"
    term: Optional[str] = None  # the Party congress term of a …/TW citation: "khóa XII" -> "XII"
    province_printed: bool = False  # `province` is printed beside the mention (not the citing one's)
