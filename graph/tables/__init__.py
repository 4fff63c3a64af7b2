"""The domain tables: the CSV files of this folder (one line each in README.md), read once.

`rows(name)` gives a table's rows with every value stripped (a row's surplus fields are
dropped); the accessors below give the shapes the stages read. Codes (document types,
issuers) are keyed by `graph.text.key`: 'QĐ', 'QD', 'qđ' are one key. The rows are shared
between callers: read them, never change them.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import Optional

from graph.text import key

TABLES = Path(__file__).resolve().parent


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of tables/<name> (a CSV file with a header line), values stripped."""
    with open(TABLES / name, encoding="utf-8", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items() if k is not None}
                     for row in csv.DictReader(fh))


def _longest_first(items, length=len) -> tuple:
    return tuple(sorted(items, key=length, reverse=True))


def _phrases(name: str, kind: str) -> tuple[str, ...]:
    """The 'phrase' column of the rows of one kind, longest first."""
    return _longest_first(r["phrase"] for r in rows(name) if r["kind"] == kind)


# ---------------------------------------------------------------- documents and issuers

@cache
def doc_types() -> dict[str, dict[str, str]]:
    """key(code) -> row of doc_types.csv (code, name, scope)."""
    return {key(r["code"]): r for r in rows("doc_types.csv")}


@cache
def type_words() -> tuple[tuple[str, str], ...]:
    """(word, code), longest word first: 'nghị quyết' -> 'NQ'."""
    return _longest_first(((r["word"], r["code"]) for r in rows("type_words.csv")),
                          lambda r: len(r[0]))


@cache
def issuers() -> dict[str, dict[str, str]]:
    """key(code) -> row of issuers.csv (code, name, level, scope, party)."""
    return {key(r["code"]): r for r in rows("issuers.csv")}


_TERM_RE = re.compile(r"([A-Z]+?)\d{1,2}")


def issuer_row(code: str) -> Optional[dict[str, str]]:
    """The issuers.csv row of a code; 'QH15', 'UBTVQH14', 'UBPLTP15' are read without the
    term of the National Assembly after them."""
    k = key(code)
    row = issuers().get(k)
    if row is None:
        m = _TERM_RE.fullmatch(k)
        if m:
            row = issuers().get(m.group(1))
    return row


@cache
def party_issuers() -> tuple[tuple[str, str], ...]:
    """(phrase, issuer name) naming the issuer of a …/TW document, longest phrase first."""
    return _longest_first(((r["phrase"], r["name"]) for r in rows("party_issuers.csv")),
                          lambda r: len(r[0]))


@cache
def party_terms() -> dict[str, list[tuple[str, str, str]]]:
    """scope -> [(term, start ISO, end ISO)], an open term ending '9999-12-31'."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for r in rows("party_terms.csv"):
        out.setdefault(r["scope"], []).append((r["term"], r["start"], r["end"] or "9999-12-31"))
    return out


@cache
def levels() -> tuple[tuple[str, str, str], ...]:
    """(name prefix, level, scope) of levels.csv, longest prefix first."""
    return _longest_first(((r["prefix"], r["level"], r["scope"]) for r in rows("levels.csv")),
                          lambda r: len(r[0]))


@cache
def agency_groups() -> tuple[str, ...]:
    """Phrases that make an agency name a group (agency_groups.csv)."""
    return tuple(r["phrase"] for r in rows("agency_groups.csv"))


# ---------------------------------------------------------------- places

def provinces() -> tuple[dict[str, str], ...]:
    """The rows of provinces.csv (name, kind, since, until)."""
    return rows("provinces.csv")


@cache
def province_aliases() -> dict[str, list[str]]:
    """Province name -> other spellings ('TP.HCM' for Thành phố Hồ Chí Minh)."""
    out: dict[str, list[str]] = {}
    for r in rows("province_aliases.csv"):
        out.setdefault(r["name"], []).append(r["alias"])
    return out


# ---------------------------------------------------------------- words and phrases

@cache
def cues(kind: str) -> tuple[str, ...]:
    """Cue phrases of one kind (cues.csv), longest first."""
    return _phrases("cues.csv", kind)


@cache
def bodies(kind: str) -> tuple[str, ...]:
    """Words about issuing bodies of one kind (bodies.csv), longest first."""
    return _phrases("bodies.csv", kind)


@cache
def body_abbreviations() -> dict[str, str]:
    """Abbreviation -> what it stands for, in the name of a body (bodies.csv)."""
    return {r["phrase"]: r["expansion"] for r in rows("bodies.csv") if r["kind"] == "abbreviation"}


@cache
def join_words() -> frozenset[str]:
    """Words (lower case) after which a hard-wrapped line goes on (join_words.csv)."""
    return frozenset(r["word"].lower() for r in rows("join_words.csv"))


@cache
def dashed_names() -> tuple[str, ...]:
    """Official names with a dash inside (issuers.csv, agencies.csv)."""
    names = [r["name"] for r in rows("issuers.csv")] + [r["full"] for r in rows("agencies.csv")]
    return tuple(n for n in names if n and " - " in n)
