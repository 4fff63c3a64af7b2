"""The document's own header: số ký hiệu, type, date, issuer, province, title.

Read from the printed header when there is one ("ỦY BAN NHÂN DÂN / TỈNH HẬU GIANG",
"Số: 71/KH-UBND", "Hậu Giang, ngày 27 tháng 4 năm 2022", "KẾ HOẠCH …"). When it is missing,
the issuer and province are inferred from the body ("Sở Lao động – Thương binh và Xã hội ban
hành Kế hoạch…", "trên địa bàn tỉnh Thái Bình") and the number and date stay null.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract import patterns
from graph.extract.dates import DATE_BODY, iso_from_match
from graph.extract.normalize import CleanText
from graph.extract.places import canonical as canonical_province
from graph.extract.places import dominant_province, find_prefixed, province_kinds, province_re, with_prefix
from graph.extract.symbols import SymbolMatch, find_symbols, parse_match, symbol_re, type_name
from graph.models import Header
from graph.text import fold, mostly_upper, squash

HEAD_PARAS = 30  # the printed header lives in the first paragraphs

_NUMBER_RE = re.compile(r"^\s*Số\s*(?P<label>hiệu)?\s*:?\s*", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(rf"^\s*(?P<place>[^\W\d][^,\n]{{1,40}}),\s*ngày\s+(?:{DATE_BODY})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _skip_re() -> re.Pattern:
    """Lines of the header that are no part of it: the national motto, the Party's name
    (tables/cues.csv, header_skip), rules of dashes and the like."""
    lines = patterns.alternation(tables.cues("header_skip"))
    return re.compile(rf"^(?:{lines}|[-=_.*\s]+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _body_start_re() -> re.Pattern:
    """The paragraph after a title that is no part of it: 'Căn cứ …', a section 'I.'."""
    return re.compile(rf"^(?:{patterns.alternation(tables.cues('preamble_opening'))}|[IVX]+\.)")


def _subject_cue() -> str:
    """'V/v' (về việc) before the subject of a Công văn (tables/cues.csv, subject_line)."""
    return tables.cues("subject_line")[0]


@lru_cache(maxsize=1)
def capitals() -> frozenset[str]:
    """The capital's name (tables/provinces.csv, column capital)."""
    return frozenset(r["name"] for r in tables.provinces() if r.get("capital") == "1")


_CITY_RE = re.compile(r"TP\.|Thành phố")  # "TP. Hồ Chí Minh, ngày …": the province's name follows

def _type_of_title(para: str) -> Optional[tuple[str, str, str]]:
    """'KẾ HOẠCH THỰC HIỆN …' -> ('Kế hoạch', 'KH', 'THỰC HIỆN …')."""
    para = " ".join(para.split())
    low = para.lower()
    for word, code in tables.type_words():
        if low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalpha()):
            name = type_name(code) or word.capitalize()
            return name, code, para[len(word):].strip(" :-")
    return None


def _proper_case(upper: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH HẬU GIANG' -> 'Ủy ban nhân dân tỉnh Hậu Giang'."""
    s = squash(upper)
    symbols = [(m.start, m.end, m.symbol) for m in find_symbols(s)]
    low = s.lower()
    for a, b, sym in reversed(symbols):
        low = low[:a] + sym + low[b:]
    # known issuer names and provinces keep their official capitals
    for name, lname in _issuer_names():
        i = low.find(lname)
        if i >= 0:
            low = low[:i] + name + low[i + len(name):]
    for m in province_re().finditer(low):
        p = canonical_province(m.group("name"))
        if p:
            low = low[:m.start()] + p + low[m.end():]
    for name in tables.bodies("proper_name"):
        low = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, low)
    # "cục thuế" -> "Cục Thuế": the word after a body's head word is capitalised
    m = _head_res()[0].match(low)
    if (m and m.end() < len(low) and low[m.end()].islower()
            and not low.startswith(tables.bodies("collective_head"))):
        low = low[:m.end()] + low[m.end()].upper() + low[m.end() + 1:]
    return low[:1].upper() + low[1:]


@lru_cache(maxsize=1)
def _issuer_names() -> tuple[tuple[str, str], ...]:
    """(name, in lower case) of the issuers, longest first."""
    names = [r["name"] for r in tables.issuers().values() if r["name"]]
    return tuple((name, name.lower()) for name in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _head_res() -> tuple[re.Pattern, re.Pattern]:
    """Head words of a body's name (tables/bodies.csv, block_head): the lower line of a header
    block is the issuing body, the upper line its parent ("BỘ TÀI CHÍNH / CỤC THUẾ")."""
    heads = tables.bodies("block_head")
    head_re = re.compile(r"^(?:" + patterns.alternation(heads) + r")\s+")
    lower_body_re = re.compile(r"\s(?=(?:" + patterns.alternation(h.upper() for h in heads) + r")\s)")
    return head_re, lower_body_re


def _split_block(upper: str) -> tuple[Optional[str], str]:
    """'BỘ TÀI CHÍNH CỤC THUẾ' -> ('BỘ TÀI CHÍNH', 'CỤC THUẾ'); no parent -> (None, text)."""
    s = squash(upper)
    cuts = [m.end() for m in _head_res()[1].finditer(s)]
    # "ỦY BAN NHÂN DÂN TỈNH X" has no lower body; "UBND TP HÀ NỘI TRUNG TÂM …" has one
    for c in cuts:
        parent, body = s[:c].strip(), s[c:].strip()
        if len(parent.split()) >= 2 and len(body.split()) >= 2:
            return parent, body
    return None, s


def _issuer_from_block(lines: list[str]) -> Optional[str]:
    if not lines:
        return None
    text = re.sub(r"\s*[-=_*]{3,}\s*", " ", " ".join(lines))  # rules drawn under a name
    parent, body = _split_block(text)
    name = _proper_case(body)
    if parent and not province_re().search(body):
        # "UBND TỈNH BÌNH THUẬN / SỞ KHOA HỌC VÀ CÔNG NGHỆ": the province is the parent's
        m = province_re().search(parent)
        p = canonical_province(m.group("name")) if m else None
        if p and _is_local(name):
            name = _with_province(name, p)
    # "BỘ TÀI CHÍNH CỤC THUẾ": the last body in the block is the issuer, its parent before it
    return name


@lru_cache(maxsize=1)
def _issuing_body_re() -> re.Pattern:
    """'<body> ban hành <Type>': the body that issues the document, named in its preamble."""
    heads = patterns.alternation(tables.bodies("issuing_body"))
    verbs = patterns.alternation(tables.cues("issuing_verb"))
    types = patterns.alternation(w for w, _ in tables.type_words())
    return re.compile(rf"(?<![^\s,;:.])(?P<body>(?:{heads})\b[^,;:.()]{{0,90}}?)\s+(?:{verbs})\s+(?:{types})",
                      re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _title_res() -> tuple[re.Pattern, re.Pattern]:
    """A person's title before a body's name; a particle between the name and 'ban hành'."""
    titles = patterns.alternation(tables.bodies("person_title"))
    particles = patterns.alternation(tables.bodies("trailing_particle"))
    return (re.compile(rf"^(?:{titles})\s+(?=[A-ZĐỦ])"), re.compile(rf"\s+(?:{particles})$"))


def _issuer_from_body(ct: CleanText, paras: list[tuple[int, int]]) -> Optional[str]:
    """'Sở Lao động – Thương binh và Xã hội ban hành Kế hoạch thực hiện …'."""
    for a, b in paras:
        m = _issuing_body_re().search(ct.text, a, b)
        if m:
            body = squash(m.group("body"))
            # a person's title before the body ("Bộ trưởng Bộ Xây dựng"), a particle after it
            titles, particles = _title_res()
            body = particles.sub("", titles.sub("", body))
            for short, full in tables.body_abbreviations().items():
                body = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, body)
            if body[:1].islower():
                continue
            return body
    return None


def _is_local(issuer: Optional[str]) -> bool:
    if not issuer:
        return False
    low = issuer.lower()
    return low.startswith(tables.bodies("local_body")) or bool(_province_kind_re().search(low))


@lru_cache(maxsize=1)
def _province_kind_re() -> re.Pattern:
    """'tỉnh', 'thành phố' as words."""
    return re.compile(rf"\b(?:{patterns.alternation(province_kinds())})\b")


def _with_province(issuer: str, province: Optional[str]) -> str:
    if not province:
        return issuer
    if fold(province) in fold(issuer):
        return issuer
    low = issuer.lower()
    if low.endswith(tuple(" " + kind for kind in province_kinds())):
        return f"{issuer} {province}"  # "Bảo hiểm xã hội tỉnh"
    if low.startswith(tuple(c.lower() for c in tables.bodies("party_committee"))):
        return f"{issuer} {province}"  # "Tỉnh ủy Hậu Giang"
    return f"{issuer} {with_prefix(province)}"


@dataclass
class _Printed:
    """What the walk over the printed header collects besides the header's own fields."""

    block: list[str] = field(default_factory=list)  # the issuer block's lines (capitals)
    block_done: bool = False  # the block ended (a number, a date, a motto line came)
    title_idx: Optional[int] = None  # the paragraph of the title
    fallback: Optional[SymbolMatch] = None  # the number of a portal's metadata ("Số hiệu:")


def extract_header(ct: CleanText) -> Header:
    h = Header()
    paras = ct.paragraphs[:HEAD_PARAS]
    printed = _read_printed(h, ct.text, paras)
    if h.symbol is None and printed.fallback is not None:
        h.symbol = printed.fallback.symbol
        h.type_code = h.type_code or printed.fallback.type_code
    if h.title is None:
        _read_subject_line(h, ct.text, paras)
    if h.doc_type is None and h.type_code:
        h.doc_type = type_name(h.type_code)
    _read_issuer(h, ct, printed)
    if h.doc_type is None:
        _type_of_capital_title(h, ct.text, paras)
    _settle_jurisdiction(h, ct.text)
    return h


def _read_printed(h: Header, text: str, paras: list[tuple[int, int]]) -> _Printed:
    """Walk the header's paragraphs up to the one after the title: number, place and date,
    title, and the issuer block (lines in capitals before them)."""
    printed = _Printed()
    for i, (a, b) in enumerate(paras):
        para = text[a:b].strip()
        if not para:
            continue
        nxt = text[paras[i + 1][0]:paras[i + 1][1]] if i + 1 < len(paras) else None
        if (_read_number(h, printed, para, nxt) or _read_place_date(h, printed, para)
                or symbol_re().fullmatch(para)  # a number alone on its line, read with "Số:"
                or _read_skipped(printed, para) or _read_title(h, printed, para, i, nxt)):
            continue
        if printed.title_idx is not None:
            break
    return printed


def _read_number(h: Header, printed: _Printed, para: str, nxt: Optional[str]) -> bool:
    """'Số: 71/KH-UBND' (the number maybe on the next line)."""
    nm = _NUMBER_RE.match(para)
    if not (nm and h.symbol is None and len(para) < 80):
        return False
    rest = para[nm.end():]
    if not rest.strip() and nxt is not None:  # "Số:" on a line of its own
        rest = nxt
    m = symbol_re().match(rest.strip())
    parsed = parse_match(m, lenient=True) if m else None
    if parsed is None:
        return False
    if nm.group("label"):  # "Số hiệu:", a portal's metadata table
        printed.fallback = printed.fallback or parsed
        return True
    h.symbol = parsed.symbol
    h.type_code = parsed.type_code
    if parsed.family == "congvan":
        h.doc_type = type_name(None, "congvan")
    printed.block_done = True
    return True


def _read_place_date(h: Header, printed: _Printed, para: str) -> bool:
    """'Hậu Giang, ngày 27 tháng 4 năm 2022'."""
    pd = _PLACE_DATE_RE.match(para)
    if not (pd and h.date is None and len(para) < 80):
        return False
    h.date = iso_from_match(pd)
    place = canonical_province(_CITY_RE.sub("", pd.group("place")).strip())
    if place and not h.jurisdiction:
        h.jurisdiction = place
    printed.block_done = True
    return True


def _read_skipped(printed: _Printed, para: str) -> bool:
    """The national motto, the Party's name, rules: they end the issuer block."""
    if not _skip_re().match(para):
        return False
    if printed.block:
        printed.block_done = True
    return True


def _read_title(h: Header, printed: _Printed, para: str, i: int, nxt: Optional[str]) -> bool:
    """'KẾ HOẠCH THỰC HIỆN …' (the title maybe on the next line), or a line of the issuer block
    before it."""
    if printed.title_idx is not None or not mostly_upper(para):
        return False
    t = _type_of_title(para)
    if t:
        h.doc_type, code, rest = t
        h.type_code = h.type_code or code
        printed.title_idx = i
        if rest:
            h.title = _sentence_case_title(rest)
        elif nxt is not None:
            nxt = squash(nxt)
            if len(nxt) < 400 and not _body_start_re().match(nxt):
                h.title = nxt
        return True
    if not printed.block_done and len(para) < 120:
        printed.block.append(para)
        return True
    return False


def _read_subject_line(h: Header, text: str, paras: list[tuple[int, int]]) -> None:
    """Công văn: 'V/v …' under the number is the title."""
    for a, b in paras:
        para = text[a:b].strip()
        cue = para[:len(_subject_cue())]
        if cue.lower() == _subject_cue().lower():
            h.title = squash(para[len(cue):])
            h.doc_type = h.doc_type or type_name(None, "congvan")
            return


def _read_issuer(h: Header, ct: CleanText, printed: _Printed) -> None:
    """The issuer from the printed block (and the province in its name), else from the body
    ('… ban hành Kế hoạch'), else from the codes of the document's number."""
    block = printed.block
    if block and (printed.title_idx is not None or h.symbol or h.date):
        h.issuer = _issuer_from_block(block[-2:] if len(block) > 2 else block)
    if h.issuer:
        for _, p in find_prefixed(h.issuer):
            h.jurisdiction = p
            break
        if not h.jurisdiction:
            m = province_re().search(h.issuer)
            if m:
                h.jurisdiction = canonical_province(m.group("name"))
    if h.issuer is None:
        h.issuer = _issuer_from_body(ct, ct.paragraphs[:HEAD_PARAS + 50])
        if h.issuer is None and h.symbol:
            h.issuer = _issuer_from_symbol(h.symbol)
        if h.issuer:
            h.inferred.append("issuer")


def _type_of_capital_title(h: Header, text: str, paras: list[tuple[int, int]]) -> None:
    for a, b in paras[:8]:
        t = _type_of_title(text[a:b].strip())
        if t and mostly_upper(text[a:b]):
            h.doc_type, h.type_code = t[0], t[1]
            return


def _settle_jurisdiction(h: Header, text: str) -> None:
    """A local issuer has a province (else the one the text speaks of most) and carries it in
    its name; a national body has none (it signs in the capital: no jurisdiction)."""
    local = _is_local(h.issuer)
    if local and not h.jurisdiction:
        p = dominant_province(text)
        if p:
            h.jurisdiction = p
            h.inferred.append("jurisdiction")
    if h.issuer and local:
        h.issuer = _with_province(h.issuer, h.jurisdiction)
    if not local and (h.issuer or h.jurisdiction in capitals()):
        h.jurisdiction = None


def _issuer_from_symbol(symbol: str) -> Optional[str]:
    codes = re.split(r"[-/]", symbol)[2:] if "/" in symbol else []
    for c in codes:
        row = tables.issuer_row(c)
        if row and row["name"]:
            return row["name"]
    return None


def _sentence_case_title(rest: str) -> str:
    rest = squash(rest)
    if mostly_upper(rest):
        return _proper_case(rest)
    return rest
