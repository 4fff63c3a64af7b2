"""Domain tables (CSV files in graph/tables/), loaded once.

Document types (Nghị định 30/2020/NĐ-CP Phụ lục III and Party rules), type words, issuer
codes, Party issuer phrases, provinces, cue phrases, words that continue a wrapped line and
web-page chrome live in data files that a user can read and extend.
"""
from __future__ import annotations

import csv
import itertools
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


@lru_cache(maxsize=None)
def cues(kind: str) -> tuple[str, ...]:
    rows = [r["phrase"] for r in read_table("cues.csv") if r["kind"] == kind]
    return tuple(sorted(rows, key=len, reverse=True))


@lru_cache(maxsize=1)
def join_words() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in read_table("join_words.csv"))


@lru_cache(maxsize=1)
def chrome_res() -> tuple[tuple[str, ...], re.Pattern | None, re.Pattern | None]:
    """(phrases that make their whole line chrome, whole-line patterns after a newline,
    the same for the first line).

    The line patterns are searched as "\\n(?=(?:p1)|(?:p2)…)": a pattern that opens with a
    literal newline lets the regex engine jump from line to line instead of trying every
    position (the patterns are anchored at a line start anyway)."""
    rows = read_table("chrome_lines.csv")
    phrases = tuple(r["pattern"] for r in rows if r.get("kind") == "phrase" and r["pattern"])
    lines = [r["pattern"] for r in rows if r.get("kind") == "line" and r["pattern"]]
    alts = "|".join(f"(?:{p})" for p in lines)
    firsts = [_first_literal(p) for p in lines]
    # when every pattern opens with "^\s*" and a plain character, most lines are passed over
    # by that one test before the alternation is tried
    gate = "" if None in firsts else r"(?=\s*[" + "".join(sorted(set(map(re.escape, firsts)))) + "])"
    if not lines:
        return phrases, None, None
    # the first line has no newline before it: matched on its own, from position 0
    return (phrases, re.compile(rf"\n{gate}(?=(?P<chrome>{alts}))", re.MULTILINE),
            re.compile(rf"{gate}(?P<chrome>{alts})", re.MULTILINE))


def _first_literal(pattern: str) -> str | None:
    """The character a line pattern "^\\s*c…" must find first, or None when it is not plain."""
    m = re.match(r"\^(?:\\s\*)?", pattern)
    if not m or not m.group(0):
        return None
    rest = pattern[m.end():]
    c = rest[:1]
    if c == "\\":
        c, rest = rest[1:2], rest[1:]
        if not c or c.isalnum():
            return None  # a class such as \d, not a character
    elif not c or c in ".^$*+?{}[]|()":
        return None
    return None if rest[1:2] in ("*", "?", "{") else c


def blank_chrome(s: str) -> str:
    """Blank (with spaces, keeping offsets) the lines of web-page chrome: every line that holds
    one of the phrases, and every match of a line pattern (matches taken left to right and
    never overlapping, as re.sub would)."""
    phrases, lines, first_line = chrome_res()
    spans = []
    for p in phrases:
        i = s.find(p)
        while i >= 0:
            a = s.rfind("\n", 0, i) + 1
            b = s.find("\n", i + len(p))
            b = len(s) if b < 0 else b
            spans.append((a, b))
            i = s.find(p, b)
    if spans:
        spans.sort()
        parts, done = [], 0
        for a, b in spans:
            a = max(a, done)
            if b > a:
                parts.append(s[done:a])
                parts.append(" " * (b - a))
                done = b
        parts.append(s[done:])
        s = "".join(parts)
    if lines is not None:
        parts, done = [], 0
        first = first_line.match(s)
        for m in itertools.chain((first,) if first else (), lines.finditer(s)):
            a, b = m.span("chrome")
            if a < done or b == a:
                continue
            parts.append(s[done:a])
            parts.append(" " * (b - a))
            done = b
        if parts:
            parts.append(s[done:])
            s = "".join(parts)
    return s


def issuer_row(code: str) -> dict[str, str] | None:
    """The issuers.csv row of a code; 'QH15', 'UBTVQH14', 'UBPLTP15' are read without their term."""
    k = key(code)
    row = issuers().get(k)
    if row is None:
        # the term of the National Assembly after a code: QH15, UBTVQH14, UBPLTP15
        m = re.fullmatch(r"([A-Z]+?)\d{1,2}", k)
        if m:
            row = issuers().get(m.group(1))
    return row


@lru_cache(maxsize=None)
def bodies(kind: str) -> tuple[str, ...]:
    """Words about issuing bodies (tables/bodies.csv) of one kind, longest first."""
    rows = [r["phrase"] for r in read_table("bodies.csv") if r["kind"] == kind]
    return tuple(sorted(rows, key=len, reverse=True))


@lru_cache(maxsize=1)
def body_abbreviations() -> dict[str, str]:
    return {r["phrase"]: r["expansion"] for r in read_table("bodies.csv") if r["kind"] == "abbreviation"}


@lru_cache(maxsize=1)
def province_aliases() -> dict[str, list[str]]:
    """Province name -> other spellings ('TP.HCM' for Thành phố Hồ Chí Minh)."""
    out: dict[str, list[str]] = {}
    for r in read_table("province_aliases.csv"):
        out.setdefault(r["name"], []).append(r["alias"])
    return out


def phrase(text: str) -> str:
    """A table phrase as a pattern that allows any run of white space between its words (real
    text has double spaces, and a rejoined CRLF line break leaves two)."""
    return r"\s+".join(re.escape(w) for w in text.split())


def alternation(phrases) -> str:
    """Phrases as one alternation, longest first."""
    return "|".join(phrase(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=1)
def dashed_names() -> tuple[str, ...]:
    """Official names with a dash inside (issuers.csv, agencies.csv)."""
    names = [r["name"] for r in read_table("issuers.csv")]
    try:
        names += [r.get("full", "") for r in read_table("agencies.csv")]
    except FileNotFoundError:
        pass
    return tuple(n for n in names if n and " - " in n)
