"""References, their facts (date, issuer, province), short forms, relations and statements.

Like eyecite, extraction happens in steps over a list of mentions:
1. full citations: every số ký hiệu (`symbols.find_symbols`);
2. short forms: "(sau đây gọi tắt là Nghị quyết 20)" and later bare "Kế hoạch 127", resolved
   to the full citation they stand for (never a reference of their own);
3. facts per mention from its clause, kept on the mention: "ngày 25/10/2017", "năm 2017",
   "khóa XII", "của Bộ Chính trị", the province of a body printed before the number ("UBND
   tỉnh Đồng Nai đã ban hành Quyết định 2890/QĐ-UBND"), one date governing a list ("các Kế
   hoạch ngày 11/01/2018 của Tỉnh ủy: số 60-KH/TU…, số 61-KH/TU"); mentions of one symbol
   whose facts contradict each other are two references;
4. relations (module `relations`): `implements` for what the document is made to carry out
   (its title, its opening "Thực hiện …" passage, "<cơ quan> ban hành Kế hoạch thực hiện X"),
   otherwise `cites`; statements between other documents ("A … thực hiện B").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract import patterns
from graph.extract.dates import DATE_RE, NGAY_DATE_AT_START_RE, iso_from_match
from graph.extract.normalize import CleanText
from graph.extract.places import canonical as canonical_province
from graph.extract.places import find_prefixed, is_city, province_re, with_prefix
from graph.extract.shortforms import alias_re, find_short_forms, short_form_re, type_code_of_word, type_word_re
from graph.extract.mentions import Mention
from graph.extract.relations import header_zone, implemented_symbols, mark_inner_and_statements, opening_re
from graph.extract.symbols import SymbolMatch, find_symbols
from graph.models import IMPLEMENTS, Header, Reference, Statement
from graph.text import casefold_key, fold, key, squash

WINDOW = 160  # how far after a citation its date and issuer are looked for
_YEAR_RE = re.compile(r"\d+/(\d{4})/")
_DIGITS_RE = re.compile(r"\d+")


@dataclass
class Found:
    references: list[Reference] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


# ---------------------------------------------------------------- phrases from tables


@lru_cache(maxsize=1)
def _governing_list_re() -> re.Pattern:
    """'các Kế hoạch ngày 11/01/2018 của Tỉnh ủy: ' (one date for a list of numbers)."""
    return re.compile(rf"(?P<word>{type_word_re()})\s+(?:[^:;]{{0,40}}?\s)?ngày\s+(?P<date>[\d/.\- ]{{6,12}}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}})(?P<rest>[^:;]{{0,80}}):\s*",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _context_end_re() -> re.Pattern:
    """The issuer phrase after a citation ends before its subject matter ('về …')."""
    return re.compile(r"\s(?:" + patterns.alternation(tables.cues("context_end")) + r")\s")


# ---------------------------------------------------------------- issuer names

def issuer_name(m: SymbolMatch, context: str, province: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(issuer full name, province) of a cited symbol, from its codes and its context."""
    if not m.issuer_codes:
        return None, None
    return _issuer_name(tuple(m.issuer_codes), m.family, context, province)


def _issuer_name(codes: tuple[str, ...], family: str, context: str,
                 province: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """`issuer_name` of a symbol's issuer codes and family."""
    rows = _issuer_rows(codes)
    first = rows[0]
    # Party documents of the centre: the issuer is in the context (Bộ Chính trị, Ban Bí thư …)
    if first is not None and key(codes[0]) in ("TW", "TƯ".upper()) or (first and first["code"] == "TW"):
        folded = " ".join(fold(context).split())
        best = None
        for phrase, name in _party_issuers_folded():
            i = folded.find(phrase)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, name)
        return (best[1] if best else _named_after_cua(context)), None
    if family == "congvan":
        rows = rows[:1]
    names = []
    local_province = None
    for row in rows:
        if row is None:
            continue
        if not row["name"]:
            continue
        if row["scope"] == "province":
            local_province = _context_province(context) or province
            if local_province is None:
                names.append(row["name"])
            elif row["level"] == "party":
                names.append(f"{_party_committee(row['name'], local_province)} {local_province}")
            else:
                names.append(f"{row['name']} {with_prefix(local_province)}")
        else:
            names.append(row["name"])
    if not names:
        # a code the tables do not know ("01-KH/BCĐ"): the body named right after it
        return _named_after_cua(context), None
    return "; ".join(dict.fromkeys(names)), local_province


def _issuer_rows(codes: tuple[str, ...]) -> list:
    return [tables.issuer_row(c) for c in codes]


@lru_cache(maxsize=1)
def _party_issuers_folded() -> tuple[tuple[str, str], ...]:
    return tuple((fold(phrase), name) for phrase, name in tables.party_issuers())


@lru_cache(maxsize=1)
def _cua_body_re() -> re.Pattern:
    heads = patterns.alternation(tables.bodies("issuing_body"))
    titles = patterns.alternation(tables.bodies("person_title"))
    return re.compile(rf"^[\s,]*(?:của|giữa)\s+(?:(?:{titles})\s+)?(?P<body>(?:{heads})(?:\s+[^\s,;:()]+){{0,12}})")


def _named_after_cua(context: str) -> Optional[str]:
    """'… ngày 28/06/2025 của Ban Chỉ đạo phát triển khoa học, …' -> 'Ban Chỉ đạo phát triển khoa học'.
    A name that reaches a province ends with it: '… của Ủy ban nhân dân tỉnh Bình Phước Thành
    lập Trung tâm …' (a list of citations with their subjects, no 'về') -> 'Ủy ban nhân dân
    tỉnh Bình Phước'."""
    m = _cua_body_re().match(context)
    if not m:
        return None
    body = m.group("body")
    place = next(find_prefixed(body), None)
    return squash(body[:place[0].end()] if place else body)


def _party_committee(name: str, province: str) -> str:
    """'Tỉnh ủy' of a province, 'Thành ủy' of a centrally-run city (tables/bodies.csv)."""
    city_name = _city_party_committees().get(name)
    return city_name if city_name and is_city(province) else name


@lru_cache(maxsize=1)
def _city_party_committees() -> dict[str, str]:
    return {r["phrase"]: r["expansion"] for r in tables.rows("bodies.csv")
            if r["kind"] == "party_committee" and r["expansion"]}


_CUA_RE = re.compile(r"(?:của|giữa)\s+([^;:()]{0,60})")
_LOCAL_BODY_RE = re.compile(r"(?:Tỉnh\s+ủy|Thành\s+ủy|UBND|HĐND)\s+(?:tỉnh\s+|thành\s+phố\s+)?([A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*){0,3})")


def _context_province(context: str) -> Optional[str]:
    """A province named right in the 'của …' phrase after a citation."""
    m = _CUA_RE.search(context)
    if not m:
        return None
    seg = m.group(1)
    for pm, p in find_prefixed(seg):
        return p
    # "của Tỉnh ủy Hậu Giang"
    pm = _LOCAL_BODY_RE.search(seg)
    if pm:
        words = pm.group(1).split()
        for n in range(len(words), 0, -1):
            p = canonical_province(" ".join(words[:n]))
            if p:
                return p
    return None


# ---------------------------------------------------------------- the steps

def _full_mentions(ct: CleanText) -> list[Mention]:
    return [Mention(s.start, s.end, s.symbol, s, s.raw) for s in find_symbols(ct.text)]


def _aliases(ct: CleanText, mentions: list[Mention], declared: Optional[list[re.Match]] = None) -> dict[str, str]:
    """'(sau đây gọi tắt là Nghị quyết 20)' -> {'Nghị quyết 20': '20-NQ/TW'} (`declared`: the
    matches of `_alias_re` in the text, when already found)."""
    out: dict[str, str] = {}
    full = [m for m in mentions if m.match]
    for am in alias_re().finditer(ct.text) if declared is None else declared:
        alias = squash(am.group("alias")).strip("*_ ")
        inside = [m for m in full if am.start() <= m.start < am.end()]
        if inside:
            # "… (gọi tắt là Nghị quyết số 15-NQ/TW)": the description before it is an alias
            a0, _ = ct.sentence_at(am.start())
            desc = squash(ct.text[a0:am.start()])
            desc = opening_re().sub("", desc).strip(" ,;")
            tw = re.search(rf"(?<!\w){type_word_re()}(?!\w)", desc, re.IGNORECASE)
            if tw:  # the name starts with its type word: "Nghị quyết Hội nghị Trung ương 5 …"
                desc = desc[tw.start():]
            if desc and not any(a0 <= m.start < am.start() for m in full):
                out[desc[:120]] = inside[0].symbol
            continue
        target = _resolve_short(alias, full, before=am.start(), ct=ct)
        if target:
            out[alias] = target
    return out


def _resolve_short(text: str, full: list[Mention], before: int, ct: CleanText) -> Optional[str]:
    sm = short_form_re().search(text)
    word = sm.group("word") if sm else text
    code = type_code_of_word(word)
    num = sm.group("num").lstrip("0") if sm else None
    a0, _ = ct.sentence_at(before)
    candidates = [m for m in full if m.start < before and (code is None or key(m.match.type_code or "") == key(code))
                  and (num is None or m.match.number.lstrip("0") == num)]
    if not candidates:
        return None
    same_clause = [m for m in candidates if m.start >= a0]
    return (same_clause or candidates)[-1].symbol


def _short_mentions(ct: CleanText, full: list[Mention], aliases: dict[str, str],
                    declared: Optional[list[re.Match]] = None) -> list[Mention]:
    """Bare 'Kế hoạch 127' / 'Nghị quyết 20' resolved to a full citation (if one fits)."""
    by_type_num: dict[tuple[str, str], set[str]] = {}
    for m in full:
        if m.match.type_code:
            by_type_num.setdefault((key(m.match.type_code), m.match.number.lstrip("0")), set()).add(m.symbol)
    out = []
    if not by_type_num and not aliases:
        return out
    taken = [(m.start, m.end) for m in full]
    # a short form declared in "(sau đây gọi tắt là …)" is a name, not a mention
    taken += [(am.start(), am.end()) for am in (alias_re().finditer(ct.text) if declared is None else declared)]
    taken.sort()
    starts = [a for a, _ in taken]
    ends_max = list(accumulate((b for _, b in taken), max))  # inside any span starting before
    codes = frozenset(k for k, _ in by_type_num)
    # only the number of a full citation or of an alias can make a mention
    numbers = {num for _, num in by_type_num}
    numbers.update(d.lstrip("0") for alias in aliases for d in _DIGITS_RE.findall(alias))
    for sm in find_short_forms(ct.text, codes, numbers):
        i = bisect_right(starts, sm.start()) - 1
        if i >= 0 and sm.start() < ends_max[i]:
            continue
        alias = squash(sm.group(0))
        symbol = aliases.get(alias)
        if symbol is None:
            code = type_code_of_word(sm.group("word"))
            cands = by_type_num.get((key(code or ""), sm.group("num").lstrip("0")), set())
            if len(cands) == 1:
                symbol = next(iter(cands))
        if symbol:
            out.append(Mention(sm.start(), sm.end(), symbol, None, alias))
    return out


def _facts(ct: CleanText, mentions: list[Mention], province: Optional[str], own: Optional[str] = None) -> None:
    """The facts printed beside each full citation, kept on the mention: its date, year
    ('năm 2017', '… ban hành năm 2018'), Party term ('khóa XII'), issuer and province, read
    in its clause up to the next mention; the province may also be printed before it, after
    the previous mention ('UBND tỉnh Đồng Nai đã ban hành Quyết định 2890/QĐ-UBND'). The
    mentions of the document's own symbol `own` are not read."""
    text = ct.text
    prev_end = 0
    for i, m in enumerate(mentions):
        lo, prev_end = prev_end, m.end
        if m.match is None or own and m.symbol == own:
            continue
        nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        clause_end = ct.clause_end(m.end, ct.paragraph_at(m.start)[1])  # sentence_at(…)[1]
        limit = min(nxt, m.end + WINDOW, max(clause_end, m.end))
        after = text[m.end:limit]
        dm = NGAY_DATE_AT_START_RE.match(after)
        if dm:
            m.date = iso_from_match(dm)
            after = after[dm.end():]
        else:
            m.date = _governing_date(ct, m)
        ym = _year_re().match(after)
        if ym:
            m.year = int(ym.group("year"))
            after = after[ym.end():]
        # the issuer phrase comes before the subject matter ("về …") or the next cue
        cut = _context_end_re().search(after)
        ctx = after[:cut.start()] if cut else after
        before = None
        codes = tuple(m.match.issuer_codes)
        if _may_name_province(codes):
            lo = max(lo, m.start - BEFORE_REACH)
            if lo < m.start:
                before = _province_before(text, max(lo, ct.clause_start(m.start)), m.start)
        m.issuer, m.province = issuer_name(m.match, ctx, before or province)
        m.province_printed = bool(m.province and (before or _context_province(ctx)))
        if _is_national_party(codes):  # the term in the issuer phrase, before any subject
            cut = _context_end_any_case_re().search(ctx)
            tm = _term_re().search(ctx, 0, cut.start() if cut else len(ctx))
            m.term = tm.group("term") if tm else None


# how far before a citation the province of its issuer is looked for (in its clause, after
# the previous mention)
BEFORE_REACH = 200


def _fact_phrases(kind: str) -> list[str]:
    return [r["phrase"] for r in tables.rows("mention_facts.csv") if r["kind"] == kind]


@lru_cache(maxsize=1)
def _year_re() -> re.Pattern:
    """', ban hành năm 2018' / ' năm 2017' right after a citation (not 'năm 2017-2020')."""
    verbs = patterns.alternation(_fact_phrases("year_verb"))
    leads = patterns.alternation(_fact_phrases("year_lead"))
    return re.compile(rf"[\s,]*(?:(?:{verbs})\s+)?(?:{leads})\s+(?P<year>(?:19|20)\d\d)(?!\d|\s*[-–/]\s*\d)",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _context_end_any_case_re() -> re.Pattern:
    """`_context_end_re` in any case (a title in capitals: '… CỦA BỘ CHÍNH TRỊ VỀ …')."""
    return re.compile(_context_end_re().pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def _term_re() -> re.Pattern:
    """'khóa XII' (the numeral in capitals, as printed)."""
    leads = patterns.alternation(_fact_phrases("term_lead"))
    return re.compile(rf"(?<!\w)(?i:{leads})\s+(?P<term>[IVXL]+)(?!\w)")


@lru_cache(maxsize=1)
def _province_before_re() -> re.Pattern:
    """'UBND tỉnh Đồng Nai', 'HĐND tỉnh Lâm Đồng', 'Tỉnh ủy Hậu Giang'."""
    bodies = patterns.alternation(_fact_phrases("province_body"))
    prefixes = patterns.alternation(_fact_phrases("province_prefix"))
    names = province_re().pattern.split("(?P<name>", 1)[1].rsplit(")(?!\\w)", 1)[0]
    return re.compile(rf"(?<!\w)(?:{bodies})\s+(?:(?:{prefixes})\s*)?(?P<name>{names})(?!\w)",
                      re.IGNORECASE)


def _province_before(text: str, lo: int, hi: int) -> Optional[str]:
    """The province of the last local body named in text[lo:hi]."""
    found = None
    for pm in _province_before_re().finditer(text, lo, hi):
        found = canonical_province(pm.group("name")) or found
    return found


@lru_cache(maxsize=1 << 12)
def _is_national_party(codes: tuple[str, ...]) -> bool:
    """Is the issuer of a symbol of these codes the Party centre (…/TW: its numbers restart
    with each term)?"""
    rows = [r for r in _issuer_rows(codes) if r is not None]
    return bool(rows) and all(r["party"] == "1" and r["scope"] == "national" for r in rows)


@lru_cache(maxsize=1 << 12)
def _may_name_province(codes: tuple[str, ...]) -> bool:
    """Can `issuer_name` give a symbol of these codes a province (one of them is a province's body)?"""
    return any(row is not None and row["scope"] == "province" for row in _issuer_rows(codes))


# '… số' ending the part of a clause before a citation of a list: at the clause's start or
# after ':', ',', ';' or ' và' (the plain rule; `_ends_with_list_so` reads only the end)
_LIST_SO_RE = re.compile(r"(?:^|[:,;]|\svà)\s*số\s*$", re.IGNORECASE)


def _ends_with_list_so(before: str) -> bool:
    """`_LIST_SO_RE.search(before)`, read from the end of `before` only (a clause of thousands
    of mentions would otherwise be searched whole before each of them)."""
    t = before.rstrip()
    if t[-2:].lower() != "số":
        return False
    u = t[:-2].rstrip()
    return u == "" or u[-1] in ":,;" or (u[-2:].lower() == "và" and len(u) > 2 and u[-3].isspace())


# how far back from a mention a governing list is looked for: its opening ("các Kế hoạch ngày
# … của …: số") stands within this many characters in real lists; a bound keeps the work per
# mention constant on a clause of thousands of mentions (linear extraction, issue 16)
GOVERNING_REACH = 3000


def _governing_date(ct: CleanText, m: Mention) -> Optional[str]:
    """'các Kế hoạch ngày 11/01/2018 của Tỉnh ủy: số 60-KH/TU …, số 61-KH/TU'."""
    before = ct.text[max(ct.clause_start(m.start), m.start - GOVERNING_REACH):m.start]
    if not _ends_with_list_so(before) or "ngày" not in before.lower():
        return None
    last = None
    for g in _governing_list_re().finditer(before):
        last = g
    if last is None:
        return None
    code = type_code_of_word(last.group("word"))
    if code and m.match.type_code and key(code) != key(m.match.type_code):
        return None
    dm = DATE_RE.search(last.group("date"))
    return iso_from_match(dm) if dm else None


def _references(ct: CleanText, mentions: list[Mention],
                own: Optional[str]) -> tuple[dict[int, Reference], dict[str, Reference]]:
    """The references of the mentions, in order: (start of each full mention -> its
    reference, symbol -> its first reference). Mentions of one symbol are one reference
    unless a fact printed beside one contradicts another's ('20-NQ/TW năm 2017' and
    '20-NQ/TW năm 2022' are two references); a short form counts for the first."""
    at: dict[int, Reference] = {}
    by_sym: dict[str, list[Reference]] = {}
    printed: dict[int, bool] = {}  # id(reference) -> its province is printed, not inherited
    for m in mentions:
        if own and m.symbol == own:
            continue
        group = by_sym.get(m.symbol)
        if m.match is None:
            if group:
                group[0].mentions += 1
            continue
        date, year = _own_date_year(m)
        ref = None
        for r in group or ():
            if _fits(r, m, year or _year_of(date), printed[id(r)]):
                ref = r
                break
        if ref is None:
            ref = Reference(symbol=m.symbol, type_code=m.match.type_code, doc_type=m.match.doc_type,
                            family=m.match.family, evidence=ct.evidence(m.start, m.end),
                            offset=m.start, mentions=0)
            by_sym.setdefault(m.symbol, []).append(ref)
            printed[id(ref)] = False
        ref.mentions += 1
        at[m.start] = ref
        ref.date = ref.date or date
        ref.issuer = ref.issuer or m.issuer
        ref.year = ref.year or year
        ref.term = ref.term or m.term
        if m.province and (ref.jurisdiction is None or m.province_printed and not printed[id(ref)]):
            ref.jurisdiction = m.province
            printed[id(ref)] = m.province_printed
    return at, {sym: group[0] for sym, group in by_sym.items()}


def _fits(ref: Reference, m: Mention, year: Optional[int], printed: bool) -> bool:
    """Can mention m, of the printed `year` (its own or its date's), be the document of `ref`
    (no fact printed beside it contradicts the reference's)? `printed`: the reference's
    province is printed, not the citing one's."""
    ref_year = ref.year or _year_of(ref.date)
    if year and ref_year and year != ref_year:
        return False
    if m.term and ref.term and m.term != ref.term:
        return False
    if printed and m.province_printed and m.province != ref.jurisdiction:
        return False
    side, ref_side = _party_side(m.issuer), _party_side(ref.issuer)
    return side is None or ref_side is None or side == ref_side


def _own_date_year(m: Mention) -> tuple[Optional[str], Optional[int]]:
    """The date and year printed beside a mention, but for one its symbol's year belies
    (normative symbols carry their year: '61/2020/QH14 ngày 17/6/2021' is a slip)."""
    own = _symbol_year(m.symbol)
    if own is None:
        return m.date, m.year
    return (m.date if m.date and m.date.startswith(own) else None,
            m.year if m.year == int(own) else None)


@lru_cache(maxsize=1 << 12)
def _symbol_year(symbol: str) -> Optional[str]:
    """The year a normative symbol carries ('61/2020/QH14' -> '2020'), else None."""
    ym = _YEAR_RE.match(symbol)
    return ym.group(1) if ym else None


def _year_of(date: Optional[str]) -> Optional[int]:
    return int(date[:4]) if date and date[:4].isdigit() else None


@lru_cache(maxsize=1 << 12)
def _party_side(issuer: Optional[str]) -> Optional[bool]:
    """Is this issuer a Party body (tables/levels.csv, longest name prefix); None: unknown."""
    name = casefold_key(issuer)
    if len(name.split()) < 2:  # a bare 'Bộ' is a name cut short, not a body
        return None
    for p, level in _level_prefixes():
        if name.startswith(p) and (len(name) == len(p) or not name[len(p)].isalnum()):
            return level == "party"
    return None


@lru_cache(maxsize=1)
def _level_prefixes() -> tuple[tuple[str, str], ...]:
    return tuple((casefold_key(prefix), level) for prefix, level, _ in tables.levels())


def extract_references(ct: CleanText, header: Header) -> Found:
    full = _full_mentions(ct)
    own = header.symbol
    declared = list(alias_re().finditer(ct.text))
    aliases = _aliases(ct, full, declared)
    shorts = _short_mentions(ct, full, aliases, declared)
    mentions = sorted(full + shorts, key=lambda m: m.start)
    _facts(ct, mentions, header.jurisdiction, own)
    statements = mark_inner_and_statements(ct, mentions)
    zone = header_zone(ct)
    implemented = implemented_symbols(ct, mentions, zone)

    refs, first = _references(ct, mentions, own)
    for sym, off in implemented.items():
        ref = refs.get(off) or first.get(sym)
        if ref is not None:
            ref.relation = IMPLEMENTS
            ref.evidence = ct.evidence(off)
            ref.offset = off
    for alias, sym in aliases.items():
        if sym in first and alias not in first[sym].aliases:
            first[sym].aliases.append(alias)
    seen = set()
    uniq = []
    for s in statements:
        k = (s.subject, s.relation, s.object)
        if k not in seen and s.subject != own and s.subject != s.object:
            seen.add(k)
            uniq.append(s)
    ordered = list({id(r): r for r in refs.values()}.values())  # each once, by first mention
    return Found(ordered, uniq, aliases, mentions)
