"""Document identity: which printed mention is which document (a replaceable resolver).

A document is number + type + issuer + (province for local issuers) + period, where the
period is what makes numbers unique for that issuer:

- normative symbols carry their year (`31/2013/NĐ-CP`): period = that year;
- Party numbers (`20-NQ/TW`, `127-KH/TU`) restart with each committee term
  (tables/party_terms.csv): period = the term of the document's date;
- administrative numbers (`71/KH-UBND`, `1983/QĐ-TTg`) restart every year: period = year.

A mention is an `IdKey`; a key with an unknown part (`?`: no date, no province) is
*incomplete*. Without a date, a printed year ("20-NQ/TW năm 2017") or Party term ("khóa
XII") gives the period. `Resolver` collects every complete key seen in the corpus (headers
and dated references), then settles each incomplete key: the only complete candidate that
fits its context (same symbol, same province when known, not issued after the citing
document) and that none of its printed facts contradicts (`Facts`: year, term, issuer,
province; `clash`) is taken; otherwise the mention stays its own node, flagged ambiguous
with its candidates. A mention whose printed issuer cannot be its symbol's ("71-NQ/TW … của
Chính phủ") is a node of its own. A merge the symbol alone would have made and a fact
forbids is returned as a `Refusal` (graph.link.assemble keeps it with the sentence and the
file on the node the mention got; graph.query.check lists it).

Symbols are read by the extraction's parser (`graph.extract.symbols.parse_symbol`); issuer
codes, levels, terms come from the tables (`graph.tables`), names are compared by
`graph.text.casefold_key`. Replace `Resolver` (same methods) to plug in another identity policy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

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
    """The province part of a key: a province renamed with its bodies and their numbering
    (tables/province_succession.csv, kind 'renamed': Thừa Thiên Huế -> Huế) is its successor."""
    k = casefold_key(name) if name else ""
    return _renamed().get(k, k)


@lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    return {casefold_key(r["former"]): casefold_key(r["successor"])
            for r in tables.rows("province_succession.csv") if r["kind"] == "renamed"}


@lru_cache(maxsize=1 << 18)
def make_key(symbol: str, date: Optional[str], jurisdiction: Optional[str],
             context_jurisdiction: Optional[str] = None, year: Optional[int] = None,
             term: Optional[str] = None) -> IdKey:
    """The key of a document printed as `symbol`, dated `date`, of `jurisdiction`.

    `context_jurisdiction` is the province of the citing document: "Kế hoạch số 60-KH/TU
    của Tỉnh ủy" in a Thái Bình plan is Thái Bình's 60-KH/TU. Without a date, a printed
    `year` ("20-NQ/TW năm 2017") or Party `term` ("khóa XII") gives the period when it says
    it alone (a year across two terms does not).
    """
    p = parse_symbol(symbol)
    _, scope, party = issuer_scope(p)
    if scope == "province":
        prov = province_key(jurisdiction or context_jurisdiction) or UNKNOWN
    elif scope == "national":
        prov = ""
    else:  # issuer code not in the tables: scope by what we know, never '?'
        prov = province_key(jurisdiction)
    term_scope = "province" if scope == "province" else "national"
    if p.year:
        period = str(p.year)
    elif date and year_of(date):
        if party:
            period = term_of(date, term_scope) or str(year_of(date))
        else:
            period = str(year_of(date))
    elif year:
        period = (term_of_year(year, term_scope) if party else str(year)) or UNKNOWN
    elif term and party and term_scope == "national" and term_start(term):
        period = term
    else:
        period = UNKNOWN
    return IdKey(symbol_norm(p.symbol) or symbol_norm(symbol), prov, period)


def term_of_year(year: int, scope: str) -> Optional[str]:
    """The period of a Party document of `year`: its term when the whole year lies in one,
    the year itself before the terms of the table, None for a year across two terms."""
    first, last = term_of(f"{year}-01-01", scope), term_of(f"{year}-12-31", scope)
    if first != last:
        return None
    return first or str(year)


def term_span(term: str) -> tuple[str, str]:
    """(first, last) ISO date of a Party term ('9999-12-31' for the current one)."""
    for rows in tables.party_terms().values():
        for t, start, end in rows:
            if t == term:
                return start, end
    return "", ""


def period_start(period: str) -> Optional[str]:
    """Earliest ISO date a document of this period can bear."""
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-01-01"
    if re.fullmatch(r"\d{4}-\d{4}", period):
        return term_start(period) or f"{period[:4]}-01-01"
    return term_start(period)


@dataclass(frozen=True)
class Facts:
    """What a mention prints beside its symbol (graph.models.Reference): they forbid merging
    it with a document they contradict."""

    year: Optional[int] = None
    term: Optional[str] = None  # Party congress term of a …/TW citation ('XII')
    issuer: Optional[str] = None
    province: Optional[str] = None
    dated: bool = False  # a full date is printed: its key already says which document


@dataclass(frozen=True)
class Refusal:
    """A merge a fact forbade: `candidate` is the node the symbol alone would have reached;
    the mention printed `fact` = `value`, the candidate has `node_value`."""

    candidate: str
    fact: str  # year | term | province | issuer
    value: Any
    node_value: Any


@dataclass
class Resolution:
    node_id: str
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()


@lru_cache(maxsize=1 << 16)
def issuer_clash(sym: str, issuer: Optional[str]) -> Optional[str]:
    """The issuer the symbol's codes say when the printed `issuer` cannot be it (a Party code
    and a state body: '71-NQ/TW … của Chính phủ'; a national code and a province's body), else
    None."""
    level, scope, party = issuer_scope(parse_symbol(sym))
    name_level, name_scope = level_of_name(issuer)
    if level == "unknown" or name_level is None or len(casefold_key(issuer).split()) < 2:
        return None
    if (name_level == "party") != party or (scope == "national" and name_scope == "province"):
        return f"{level} ({scope})"
    return None


def clash(key: IdKey, date: Optional[str], facts: Facts) -> Optional[tuple[str, Any, Any]]:
    """(fact, printed value, node's value) of the first fact of a mention that the document
    of `key` (dated `date` when known) contradicts, or None."""
    if facts.province and key.province not in ("", UNKNOWN) and province_key(facts.province) != key.province:
        return "province", facts.province, key.province
    span = _period_span(key.period, date)
    if facts.year and span and not span[0][:4] <= str(facts.year) <= span[1][:4]:
        return "year", facts.year, date or key.period
    if facts.term and span:
        t0, t1 = term_span(facts.term)
        if t0 and (span[1] < t0 or span[0] > t1):
            return "term", facts.term, date or key.period
    return None


def _period_span(period: str, date: Optional[str]) -> Optional[tuple[str, str]]:
    """(first, last) ISO date a document of this period (dated `date`) can bear."""
    if date and re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        return date, date
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-01-01", f"{period}-12-31"
    t0, t1 = term_span(period)
    return (t0, t1) if t0 else None


NO_FACTS = Facts()


class Resolver:
    """Settles incomplete keys against the complete keys seen in the whole corpus, never
    against a printed fact.

    Interface (replace the class to plug in another identity policy): `add(key, date)` in
    pass 1 for every complete key read (headers, dated references); `resolve(key, before,
    facts, bare)` in pass 2 for each mention: a `Resolution` (node id, whether it stays
    ambiguous with its candidates, the merges its facts refused)."""

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
            out.append(self.dated_twin(k) or k)
        return sorted(set(out), key=lambda k: k.node_id)

    def date_of(self, key: IdKey) -> Optional[str]:
        """The date read with a known key (None when none was)."""
        return self.known.get(key.sym, {}).get(key)

    def dated_twin(self, key: IdKey) -> Optional[IdKey]:
        """The key of the same document printed with its year in the symbol: "63/QĐ-UBND"
        dated 24/10/2024 is "63/2024/QĐ-UBND" of that province when both were read with the
        same day (a number, an issuer code, a province and a day: one document). None when
        the key carries its year, or no such twin was read, or the days are not both known
        and equal."""
        num, sep, rest = key.sym.partition("/")
        date = self.date_of(key)
        if not sep or not key.period.isdigit() or not date or rest[:4].isdigit():
            return None
        twin = IdKey(f"{num}/{key.period}/{rest}", key.province, key.period)
        return twin if self.date_of(twin) == date else None

    def resolve(self, key: IdKey, before: Optional[str] = None, facts: Facts = NO_FACTS,
                bare: Optional[IdKey] = None) -> Resolution:
        """The node of a mention of `key` in a document dated `before`. `facts`: what it
        prints beside the symbol; `bare`: its key from the symbol and the citing document
        alone (what an undated mention was settled by before its facts were read): a merge
        `bare` would make and a fact forbids is refused and returned."""
        known = self.known.get(key.sym, {})
        code = issuer_clash(key.sym, facts.issuer) if facts.issuer else None
        if code:  # not the document of this symbol's issuer: a node of its own
            near = [key] if key in known else [k for k in self.candidates(bare or key, before) if k != key]
            refused = tuple(Refusal(k.node_id, "issuer", facts.issuer, code)
                            for k in near if len(near) == 1)
            return Resolution(f"{key.node_id}|{casefold_key(facts.issuer)}", refused=refused)
        if key.complete:
            out = Resolution((self.dated_twin(key) or key).node_id)
        else:
            cands = [k for k in self.candidates(key, before) if clash(k, self.date_of(k), facts) is None]
            out = (Resolution(cands[0].node_id) if len(cands) == 1 else
                   Resolution(key.node_id, True, tuple(c.node_id for c in cands)))
        if bare is not None and not facts.dated and (facts.year or facts.term or facts.province):
            near = [k for k in self.candidates(bare, before) if k != key]  # but its own node
            why = clash(near[0], self.date_of(near[0]), facts) if len(near) == 1 else None
            if why and near[0].node_id != out.node_id:
                out.refused = (Refusal(near[0].node_id, *why),)
        return out


def file_node_id(sha256: Optional[str], source: str) -> str:
    """Identity of an unnumbered document: its file."""
    import hashlib
    h = sha256 or hashlib.sha256(source.encode("utf-8")).hexdigest()
    return f"doc:file:{h[:16]}"


def agency_id(name: str, jurisdiction: Optional[str]) -> str:
    _, scope = level_of_name(name)
    prov = province_key(jurisdiction) if scope != "national" else ""
    return f"agency:{prov}|{casefold_key(name)}"
