"""Domain tables (CSV files in graph/tables/), loaded once.

Document types (Nghị định 30/2020/NĐ-CP Phụ lục III and Party rules), type words, issuer
codes, Party issuer phrases, provinces, cue phrases, words that continue a wrapped line and
web-page chrome live in data files that a user can read and extend.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

TABLES = Path(__file__).resolve().parent.parent / "tables"


def read_table(name: str) -> list[dict[str, str]]:
    with open(TABLES / name, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def key(code: str) -> str:
    """Case- and đ-insensitive key of an abbreviation: 'QĐ', 'QD', 'qđ' -> 'QD'."""
    return code.upper().replace("Đ", "D")


@lru_cache(maxsize=1)
def doc_types() -> dict[str, dict[str, str]]:
    """key(code) -> row (code, name, scope)."""
    return {key(r["code"]): r for r in read_table("doc_types.csv")}


@lru_cache(maxsize=1)
def type_words() -> list[tuple[str, str]]:
    """(word, code), longest first: 'nghị quyết' -> 'NQ'."""
    rows = [(r["word"], r["code"]) for r in read_table("type_words.csv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def issuers() -> dict[str, dict[str, str]]:
    return {key(r["code"]): r for r in read_table("issuers.csv")}


@lru_cache(maxsize=1)
def party_issuers() -> list[tuple[str, str]]:
    rows = [(r["phrase"], r["name"]) for r in read_table("party_issuers.csv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def provinces() -> list[dict[str, str]]:
    return read_table("provinces.csv")


@lru_cache(maxsize=1)
def cues(kind: str) -> tuple[str, ...]:
    rows = [r["phrase"] for r in read_table("cues.csv") if r["kind"] == kind]
    return tuple(sorted(rows, key=len, reverse=True))


@lru_cache(maxsize=1)
def join_words() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in read_table("join_words.csv"))


@lru_cache(maxsize=1)
def chrome_re() -> re.Pattern | None:
    pats = [r["pattern"] for r in read_table("chrome_lines.csv") if r["pattern"]]
    if not pats:
        return None
    return re.compile("|".join(f"(?:{p})" for p in pats), re.MULTILINE)


def issuer_row(code: str) -> dict[str, str] | None:
    """The issuers.csv row of a code; 'QH15' and 'UBTVQH14' are read without their term."""
    k = key(code)
    row = issuers().get(k)
    if row is None:
        m = re.fullmatch(r"(QH|UBTVQH)\d{1,2}", k)
        if m:
            row = issuers().get(m.group(1))
    return row
