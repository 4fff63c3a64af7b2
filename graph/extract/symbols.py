"""Số ký hiệu: find, tidy and parse document identifiers.

Families (shapes are built from the tables of document types and issuer codes):
- party      `20-NQ/TW`, `127-KH/TU`, `126-CTr/TU`          number-TYPE/ISSUER
- normative  `31/2013/NĐ-CP`, `23/2020/NQ-HĐND`, `76/2014/QH13`   number/year/TYPE-ISSUER
- admin      `71/KH-UBND`, `1983/QĐ-TTg`, `1883/CTr-BLĐTBXH-BYT`  number/TYPE-ISSUER[-ISSUER]
- congvan    `171/LĐTBXH-VP`                                 number/ISSUER-UNIT (no type)

Written in capitals (`1983/QĐ-TTG`), with stray spaces (`28- NQ/TW`, `154 /KH- UBND`): all
are tidied to one spelling. Counts ("1.080 văn bản"), dates and "Covid-19" never match: a
symbol needs a known type code or a known issuer code after its slash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from graph import tables
from graph.extract.scan import finditer_around
from graph.text import key, plain_dashes

_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
_LO = "a-zđâăêôơư"
_NUM_LEN = 5  # digits of a number, at most
_CODE_LEN = 12  # characters of a code, at most
NUM = rf"\d{{1,{_NUM_LEN}}}"
CODE = rf"[{_UP}{_LO}][{_UP}{_LO}0-9]{{0,{_CODE_LEN - 1}}}"
SP = r"[ ]?"  # at most one stray space around a separator
_NOT_AFTER = r"[\w/.,-]"  # what a symbol's number never follows
# a numbered unit after the last code: "11554/VPCP-V.I" (Vụ I of the Văn phòng Chính phủ)
_UNIT_NUMBER = r"(?:\.[IVX]{1,4}(?!\w|\.\w))?"


@dataclass(frozen=True)
class ParsedSymbol:
    """A số ký hiệu read into its parts: one spelling (`symbol`), the number without its
    leading zeros, the type code, the issuer codes, the year of a normative symbol."""

    symbol: str
    number: str
    type_code: Optional[str]
    issuers: tuple[str, ...]
    year: Optional[int]
    family: str  # party | normative | admin | joint | congvan | other


@dataclass
class SymbolMatch:
    start: int
    end: int
    raw: str
    symbol: str
    family: str
    number: str
    type_code: Optional[str]
    issuer_codes: list[str] = field(default_factory=list)
    year: Optional[int] = None

    @property
    def doc_type(self) -> Optional[str]:
        return type_name(self.type_code, self.family)


# the type of a symbol that prints no type code: a công văn (171/LĐTBXH-VP), a law (76/2014/QH13)
_UNTYPED = {"congvan": "CV", "normative": "L"}


def type_name(code: Optional[str], family: str = "") -> Optional[str]:
    """The name of a type code (tables/doc_types.csv; a Party number's own name when it has one:
    TT is Thông tri there)."""
    code = _UNTYPED.get(family, code) if family == "congvan" or not code else code
    row = doc_type_row(code) if code else None
    if row is None:
        return None
    return row["party_name"] or row["name"] if family == "party" else row["name"]


@lru_cache(maxsize=1)
def _types_as_printed() -> dict[str, dict[str, str]]:
    """Type codes in capitals, đ kept -> their row: 'HD' (Hướng dẫn) and 'HĐ' (Hợp đồng)
    share one `key`."""
    return {r["code"].upper(): r for r in tables.rows("doc_types.csv")}


@lru_cache(maxsize=4096)
def doc_type_row(code: str) -> Optional[dict[str, str]]:
    """The doc_types.csv row of a code: the one printed so ('HD' Hướng dẫn, 'HĐ' Hợp đồng),
    else the one of its `key` ('QD' for 'QĐ')."""
    return _types_as_printed().get(code.upper()) or tables.doc_types().get(key(code))


def canonical_code(code: str) -> str:
    """The official spelling of a type or issuer code: 'TTG' -> 'TTg', 'CTR' -> 'CTr'."""
    k = key(code)
    row = doc_type_row(code) or tables.issuers().get(k)
    if row:
        return row["code"]
    m = re.fullmatch(r"(QH|UBTVQH)(\d+)", k)
    if m:
        return m.group(1) + m.group(2)
    return code


def is_type(code: str) -> bool:
    return key(code) in tables.doc_types()


def is_issuer(code: str) -> bool:
    k = key(code)
    return k in tables.issuers() or bool(re.fullmatch(r"(QH|UBTVQH)\d{1,2}", k))


@lru_cache(maxsize=1)
def symbol_re() -> re.Pattern:
    num = rf"(?<!{_NOT_AFTER})(?P<num>{NUM})"
    codes = rf"(?P<codes>{CODE}(?:{SP}-{SP}{CODE}){{0,4}})"
    pattern = (
        # number/year/TYPE-ISSUER or number/year/QHxx
        rf"{num}{SP}/{SP}(?P<year>(?:19|20)\d\d){SP}/{SP}{codes}"
        # number-TYPE/ISSUER  (Party)
        rf"|(?<!{_NOT_AFTER})(?P<pnum>{NUM}){SP}-{SP}(?P<ptype>{CODE}){SP}/{SP}(?P<pcodes>{CODE}(?:{SP}-{SP}{CODE}){{0,3}})"
        # number/TYPE-ISSUER…  or number/ISSUER-UNIT (công văn)
        rf"|(?<!{_NOT_AFTER})(?P<anum>{NUM}){SP}/{SP}(?P<acodes>{CODE}(?:{SP}-{SP}{CODE}){{0,4}}{_UNIT_NUMBER})"
    )
    return re.compile(r"(?=\d)(?:" + pattern + r")(?![\w/])")


# the first character of every symbol: a digit (symbol_re's lookahead) not after _NOT_AFTER
# (its lookbehind); the digit first, so that the regex engine skips to it fast
_FIRST_RE = re.compile(rf"\d(?<!{_NOT_AFTER}\d)")


def _split_codes(s: str) -> list[str]:
    return [c.strip() for c in s.split("-") if c.strip()]


def _has_upper(s: str) -> bool:
    """Does a symbol's text hold a capital? (Its letters, those of CODE, all have a lower case.)"""
    return s.lower() != s


def parse_match(m: re.Match, allow_congvan: bool = True, lenient: bool = False) -> Optional[SymbolMatch]:
    """A regex match -> SymbolMatch, or None when it is no symbol. `lenient`: after "Số:" in
    a header any number/CODE-UNIT is the document's number, even with codes not in the tables."""
    return _symbol_match(m, _parse(m, allow_congvan, lenient))


def _symbol_match(m: re.Match, parsed: Optional[tuple]) -> Optional[SymbolMatch]:
    if parsed is None:
        return None
    symbol, family, number, t, iss, year = parsed
    return SymbolMatch(m.start(), m.end(), m.group(0), symbol, family, number, t, list(iss), year)


def _parse(m: re.Match, allow_congvan: bool, lenient: bool) -> Optional[tuple]:
    """(symbol, family, number, type code, issuer codes, year) of a match of `symbol_re`."""
    g = m.groupdict()
    raw = m.group(0)
    if g["num"]:
        codes = _split_codes(g["codes"])
        year = int(g["year"])
        if len(codes) == 1 and re.fullmatch(r"(?i)(QH|UBTVQH)\d{1,2}", codes[0]):
            codes = [canonical_code(codes[0])]
            symbol = f"{g['num']}/{year}/{codes[0]}"
            return symbol, "normative", g["num"], None, tuple(codes), year
        if len(codes) < 2 or not is_type(codes[0]) or not _has_upper(raw):
            return None
        t = canonical_code(codes[0])
        iss = [canonical_code(c) for c in codes[1:]]
        symbol = f"{g['num']}/{year}/{t}-{'-'.join(iss)}"
        return symbol, "normative", g["num"], t, tuple(iss), year
    if g["pnum"]:
        t = g["ptype"]
        codes = _split_codes(g["pcodes"])
        if not is_type(t) or not _has_upper(t + "".join(codes)):
            return None
        t = canonical_code(t)
        iss = [canonical_code(c) for c in codes]
        symbol = f"{g['pnum']}-{t}/{'-'.join(iss)}"
        return symbol, "party", g["pnum"], t, tuple(iss), None
    codes = _split_codes(g["acodes"])
    if not codes or not _has_upper("".join(codes)):
        return None
    if len(codes) >= 2 and is_type(codes[0]) and not _unit_letter(codes):
        t = canonical_code(codes[0])
        iss = [canonical_code(c) for c in codes[1:]]
        symbol = f"{g['anum']}/{t}-{'-'.join(iss)}"
        family = "joint" if sum(is_issuer(c) for c in iss) >= 2 else "admin"
        return symbol, family, g["anum"], t, tuple(iss), None
    if allow_congvan and is_issuer(codes[0]) and not is_type(codes[0]) and codes[0].isupper() or (
            allow_congvan and len(codes) >= 2 and is_issuer(codes[0])) or (
            lenient and len(codes) >= 2 and codes[0][:1].isupper() and not is_type(codes[0])):
        iss = [canonical_code(codes[0])] + codes[1:]
        symbol = f"{g['anum']}/{'-'.join(iss)}"
        return symbol, "congvan", g["anum"], None, tuple(iss), None
    return None


def _unit_letter(codes: list[str]) -> bool:
    """'5435/CT-NVT': CT is a type code (Chỉ thị) but also an issuer's (Cục Thuế, issuers.csv)
    and no issuer follows it, only the unit that drafted the letter: a Công văn of that
    issuer. '15/CT-UBND' (an issuer after the type) is a Chỉ thị."""
    return is_issuer(codes[0]) and not any(is_issuer(c) for c in codes[1:])


# Every symbol holds an anchor, a '/' then a code (`/NQ`, `/ TW`, the second '/' of
# `31/2013/NĐ-CP`), at most _LEAD characters after its start: the longest of the shapes'
# heads, "20 - NQ /" (number, blank, dash, blank, code, blank) or "31 / 2013 /" (number,
# blank, slash, blank, year, blank).
_ANCHOR_RE = re.compile(rf"/{SP}[{_UP}{_LO}]")
_LEAD = max(_NUM_LEN + 3 + _CODE_LEN + 1, _NUM_LEN + 3 + 4 + 1)


def find_symbols(text: str) -> Iterator[SymbolMatch]:
    """The symbols of a text, in order: the matches of `symbol_re` that are symbols, tried
    near their anchors only (`scan.finditer_around`; the same as `find_symbols_plain`)."""
    return _symbols(finditer_around(symbol_re(), text, _ANCHOR_RE, _LEAD, _FIRST_RE))


def find_symbols_plain(text: str) -> Iterator[SymbolMatch]:
    """`find_symbols` by a scan of the whole text."""
    return _symbols(symbol_re().finditer(text))


def _symbols(matches: Iterator[re.Match]) -> Iterator[SymbolMatch]:
    """The matches that are symbols, each spelling read once (a text cites the same symbols
    again and again; the same text of a match is always read the same way)."""
    read: dict[str, Optional[tuple]] = {}
    for m in matches:
        raw = m.group(0)
        if raw not in read:
            read[raw] = _parse(m, True, False)
        s = _symbol_match(m, read[raw])
        if s is not None:
            yield s


def tidy_symbol(raw: str) -> str:
    """One spelling for a printed symbol; idempotent. Unparseable input is only squeezed."""
    s = plain_dashes(raw.strip())
    m = symbol_re().fullmatch(s) or symbol_re().fullmatch(re.sub(r"\s+", "", s))
    if m:
        parsed = parse_match(m)
        if parsed:
            return parsed.symbol
    return re.sub(r"\s*([-/])\s*", r"\1", " ".join(s.split()))


def parse_symbol(symbol: Optional[str]) -> ParsedSymbol:
    """Any số ký hiệu, printed or stored, read into its parts. A symbol of the shapes the
    extraction reads (`symbol_re`, codes from the tables, as after "Số:") gets their official
    spelling; any other string is split by its shape alone: number-TYPE/ISSUER (party),
    number/year/… (normative), number/… (admin when the first code is a type, else congvan),
    anything else 'other'."""
    s = re.sub(r"\s+", "", plain_dashes((symbol or "").strip()))
    m = symbol_re().fullmatch(s)
    parsed = _parse(m, True, True) if m else None
    if parsed is not None:
        sym, family, number, type_code, issuers, year = parsed
        return ParsedSymbol(sym, _number(number), type_code, issuers, year, family)
    return _parse_shape(s)


def _number(digits: str) -> str:
    return digits.lstrip("0") or "0"


_PARTY_SHAPE_RE = re.compile(r"(\d+[a-zA-Z]?)-([^/]+)/(.+)")
_NORMATIVE_SHAPE_RE = re.compile(r"(\d+[a-zA-Z]?)/(\d{4})/(.+)")
_ADMIN_SHAPE_RE = re.compile(r"(\d+[a-zA-Z]?)/(.+)")


def _parse_shape(s: str) -> ParsedSymbol:
    """`parse_symbol` of a string the extraction would not read as a symbol: by its shape."""
    m = _PARTY_SHAPE_RE.fullmatch(s)
    if m:  # 20-NQ/TW
        issuers = tuple(x for x in re.split(r"[-/]", m.group(3)) if x)
        return ParsedSymbol(s, _number(m.group(1)), m.group(2), issuers, None, "party")
    m = _NORMATIVE_SHAPE_RE.fullmatch(s)
    if m:  # 31/2013/NĐ-CP
        parts = [x for x in m.group(3).split("-") if x]
        t = parts[0] if parts and is_type(parts[0]) else None
        return ParsedSymbol(s, _number(m.group(1)), t, tuple(parts[1:] if t else parts),
                            int(m.group(2)), "normative")
    m = _ADMIN_SHAPE_RE.fullmatch(s)
    if m:  # 71/KH-UBND ; congvan: 171/LĐTBXH-VP
        parts = [x for x in re.split(r"[-/]", m.group(2)) if x]
        if parts and is_type(parts[0]):
            return ParsedSymbol(s, _number(m.group(1)), parts[0], tuple(parts[1:]), None, "admin")
        return ParsedSymbol(s, _number(m.group(1)), None, tuple(parts), None, "congvan")
    return ParsedSymbol(s, "", None, (), None, "other")
