"""Document identity: which printed mention is which document (a replaceable resolver).

A document is number + type + issuer + (province for local issuers) + period, where the
period is what makes numbers unique for that issuer:

- normative symbols carry their year (`31/2013/NĐ-CP`): period = that year;
- Party numbers (`20-NQ/TW`, `127-KH/TU`) restart with each committee term
  (tables/party_terms.csv): period = the term of the document's date;
- administrative numbers (`71/KH-UBND`, `1983/QĐ-TTg`) restart every year: period = year.

A mention is an `IdKey`; a key with an unknown part (`?`: no date, no province) is
*incomplete*. `Resolver` collects every complete key seen in the corpus (headers and dated
references), then settles each incomplete key: the only complete candidate that fits its
context (same symbol, same province when known, not issued after the citing document) is
taken; otherwise the mention stays its own node, flagged ambiguous with its candidates.

Everything domain-specific (issuer codes, levels, terms) is read from graph/tables/*.csv.
Replace `Resolver` (same methods) to plug in another identity policy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract.symbols import ParsedSymbol, parse_symbol
from graph.text import casefold_key, strip_accents, symbol_norm  # noqa: F401

UNKNOWN = "?"

# assemble reads `ident.fold` and `ident.parse_symbol`, query `ident.strip_accents`,
# `ident.symbol_norm`, `ident.parse_symbol` and `ident.type_words` here (until the merge)
fold = casefold_key
type_words = tables.type_words


def term_of(date: str, scope: str) -> Optional[str]:
    for term, start, end in tables.party_terms().get(scope, []):
        if start <= date <= end:
            return term
    return None


def term_start(term: str) -> Optional[str]:
    for rows in tables.party_terms().values():
        for t, start, _ in rows:
            if t == term:
                return start
    return None


# ---------------------------------------------------------------- symbols

@lru_cache(maxsize=1 << 18)
def issuer_scope(parsed: ParsedSymbol) -> tuple[str, str, bool]:
    """(level, scope national|province, is_party) from the issuer codes of a symbol."""
    rows = [tables.issuer_row(c) for c in parsed.issuers]
    rows = [r for r in rows if r]
    if not rows:
        return "unknown", "", parsed.family == "party"
    level = rows[0]["level"]
    scope = "province" if any(r["scope"] != "national" for r in rows) else "national"
    party = any(r["party"] == "1" for r in rows) or parsed.family == "party"
    return level, scope, party


@lru_cache(maxsize=1 << 18)
def level_of_name(name: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(level, scope) of an issuer or agency name by the words it opens with (tables/levels.csv,
    longest prefix first)."""
    n = casefold_key(name)
    if not n:
        return None, None
    for prefix, level, scope in tables.levels():
        p = casefold_key(prefix)
        if n.startswith(p) and (len(n) == len(p) or not n[len(p)].isalnum()):
            return level, scope
    return None, None


@lru_cache(maxsize=1 << 18)
def is_group(name: str) -> bool:
    n = casefold_key(name)
    return any(casefold_key(p) in n for p in tables.agency_groups())


def year_of(date: Optional[str]) -> Optional[int]:
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    return None


# ---------------------------------------------------------------- keys

@dataclass(frozen=True)
class IdKey:
    """The identity of a numbered document: symbol key, province ('' national), period."""

    sym: str
    province: str
    period: str

    @property
    def complete(self) -> bool:
        return UNKNOWN not in (self.province, self.period)

    @property
    def node_id(self) -> str:
        return f"doc:{self.sym}|{self.province}|{self.period}"


def province_key(name: Optional[str]) -> str:
    return casefold_key(name) if name else ""


@lru_cache(maxsize=1 << 18)
def make_key(symbol: str, date: Optional[str], jurisdiction: Optional[str],
             context_jurisdiction: Optional[str] = None) -> IdKey:
    """The key of a document printed as `symbol`, dated `date`, of `jurisdiction`.

    `context_jurisdiction` is the province of the citing document: "Kế hoạch số 60-KH/TU
    của Tỉnh ủy" in a Thái Bình plan is Thái Bình's 60-KH/TU.
    """
    p = parse_symbol(symbol)
    _, scope, party = issuer_scope(p)
    if scope == "province":
        prov = province_key(jurisdiction or context_jurisdiction) or UNKNOWN
    elif scope == "national":
        prov = ""
    else:  # issuer code not in the tables: scope by what we know, never '?'
        prov = province_key(jurisdiction)
    if p.year:
        period = str(p.year)
    elif date and year_of(date):
        if party:
            period = term_of(date, "province" if scope == "province" else "national") or str(year_of(date))
        else:
            period = str(year_of(date))
    else:
        period = UNKNOWN
    return IdKey(symbol_norm(p.symbol) or symbol_norm(symbol), prov, period)


def period_start(period: str) -> Optional[str]:
    """Earliest ISO date a document of this period can bear."""
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-01-01"
    if re.fullmatch(r"\d{4}-\d{4}", period):
        return term_start(period) or f"{period[:4]}-01-01"
    return term_start(period)


@dataclass
class Resolution:
    node_id: str
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


class Resolver:
    """Settles incomplete keys against the complete keys seen in the whole corpus."""

    def __init__(self) -> None:
        self.known: dict[str, dict[IdKey, Optional[str]]] = {}  # sym -> key -> date

    def add(self, key: IdKey, date: Optional[str] = None) -> None:
        if key.complete:
            slot = self.known.setdefault(key.sym, {})
            if slot.get(key) is None:
                slot[key] = date

    def candidates(self, key: IdKey, before: Optional[str] = None) -> list[IdKey]:
        out = []
        for k, date in self.known.get(key.sym, {}).items():
            if key.province != UNKNOWN and k.province != key.province:
                continue
            if key.period != UNKNOWN and k.period != key.period:
                continue
            if before:
                earliest = date or period_start(k.period)
                if earliest and earliest > before:
                    continue  # a document cannot cite one issued after it
            out.append(k)
        return sorted(out, key=lambda k: k.node_id)

    def resolve(self, key: IdKey, before: Optional[str] = None) -> Resolution:
        if key.complete:
            return Resolution(key.node_id)
        cands = self.candidates(key, before)
        if len(cands) == 1:
            return Resolution(cands[0].node_id)
        return Resolution(key.node_id, True, tuple(c.node_id for c in cands))


def file_node_id(sha256: Optional[str], source: str) -> str:
    """Identity of an unnumbered document: its file."""
    import hashlib
    h = sha256 or hashlib.sha256(source.encode("utf-8")).hexdigest()
    return f"doc:file:{h[:16]}"


def agency_id(name: str, jurisdiction: Optional[str]) -> str:
    _, scope = level_of_name(name)
    prov = province_key(jurisdiction) if scope != "national" else ""
    return f"agency:{prov}|{casefold_key(name)}"
