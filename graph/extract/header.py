"""The document's own header: số ký hiệu, type, date, issuer, province, title.

Read from the printed header when there is one ("ỦY BAN NHÂN DÂN / TỈNH HẬU GIANG",
"Số: 71/KH-UBND", "Hậu Giang, ngày 27 tháng 4 năm 2022", "KẾ HOẠCH …"). When it is missing,
the issuer and province are inferred from the body ("Sở Lao động – Thương binh và Xã hội ban
hành Kế hoạch…", "trên địa bàn tỉnh Thái Bình") and the number and date stay null. The title
keeps the capitals it is printed in (one on the type word's own line is given its case), without
the line of the authority that enacts printed under it ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from graph import tables
from graph.extract import patterns
from graph.extract.dates import DATE_BODY, DATE_RE, iso_from_match
from graph.extract.normalize import CleanText
from graph.extract.organs import (is_local, issuer_from_block, issuer_names, letters, meta_organ, names_organ,
                                  proper_case, read_signing_organ, with_province)
from graph.extract.places import canonical as canonical_province
from graph.extract.places import dominant_province, find_prefixed, province_re, with_prefix
from graph.extract.symbols import parse_match, symbol_re, type_name
from graph.models import Header
from graph.text import mostly_upper, squash
HEAD_PARAS = 30  # the printed header lives in the first paragraphs

# "ngày" maybe broken in two by a PDF's layout ("Hà Nội, ng  ày 01 tháng 12 năm 2025")
_PLACE_DATE_RE = re.compile(rf"^\s*(?P<place>[^\W\d][^,\n]{{1,40}}),\s*ng\s*ày\s*(?:{DATE_BODY})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _number_res() -> tuple[re.Pattern, re.Pattern]:
    """'Số: 71/KH-UBND', 'Luật số: 60/2024/QH15' at a paragraph's start; the same inside a
    header printed on one line ('CHÍNH PHỦ____ Số: 170/2025/NĐ-CP'), with what is before it."""
    types = patterns.alternation(w for w, _ in tables.type_words())
    label = rf"(?:(?i:{types})\s+số\s*:|Số\b\s*:?)"
    return (re.compile(rf"^\s*{label}\s*"),
            re.compile(rf"(?<=\S)[\s_=*.-]+(?=(?:(?i:{types})\s+số\s*:|Số\s*:))"))


@lru_cache(maxsize=1)
def _meta_re() -> re.Pattern:
    """A label of a portal's metadata table and its value: 'Số hiệu: 21/2025/TT-BGDĐT',
    'Ngày ban hành:' (tables/cues.csv, meta_*; the value maybe on the next line)."""
    groups = "|".join(f"(?P<{f}>{patterns.alternation(tables.cues('meta_' + f))})" for f in _META_FIELDS)
    return re.compile(rf"^\W*(?:{groups})\W*:[\s|*]*(?P<value>.*?)\s*$", re.IGNORECASE)


_META_FIELDS = ("symbol", "type", "issuer", "date")
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


@lru_cache(maxsize=1)
def _issuing_body_re() -> re.Pattern:
    """'<body> ban hành <Type>': the body that issues the document, named in its preamble."""
    heads = patterns.alternation(tables.bodies("issuing_body"))
    verbs = patterns.alternation(tables.cues("issuing_verb"))
    types = patterns.alternation(w for w, _ in tables.type_words())
    return re.compile(rf"(?<![^\s,;:.])(?P<body>(?:{heads})\b[^,;:.()]{{0,90}}?)\s+(?:{verbs})\s+(?:{types})",
                      re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _issuing_end_re() -> re.Pattern:
    """The end of every match of `_issuing_body_re`: 'ban hành Kế hoạch'."""
    verbs = patterns.alternation(tables.cues("issuing_verb"))
    types = patterns.alternation(w for w, _ in tables.type_words())
    return re.compile(rf"(?:{verbs})\s+(?:{types})", re.IGNORECASE)


def issuing_body_plain(text: str, a: int, b: int) -> Optional[re.Match]:
    """'<body> ban hành <Type>' in text[a:b] (group 'body')."""
    return _issuing_body_re().search(text, a, b)


def issuing_body(text: str, a: int, b: int) -> Optional[re.Match]:
    """`issuing_body_plain`, tried only where its end (a verb, a type word) is found: far
    cheaper to look for than the body's name, which the regex engine tries everywhere."""
    return _issuing_end_re().search(text, a, b) and _issuing_body_re().search(text, a, b)


@lru_cache(maxsize=1)
def _title_res() -> tuple[re.Pattern, re.Pattern]:
    """A person's title before a body's name; a particle between the name and 'ban hành'."""
    titles = patterns.alternation(tables.bodies("person_title"))
    particles = patterns.alternation(tables.bodies("trailing_particle"))
    return (re.compile(rf"^(?:{titles})\s+(?=[A-ZĐỦ])"), re.compile(rf"\s+(?:{particles})$"))


def _issuer_from_body(ct: CleanText, paras: list[tuple[int, int]]) -> Optional[str]:
    """'Sở Lao động – Thương binh và Xã hội ban hành Kế hoạch thực hiện …'."""
    for a, b in paras:
        m = issuing_body(ct.text, a, b)
        if m:
            body = squash(m.group("body"))
            # a person's title before the body ("Bộ trưởng Bộ Xây dựng"), a particle after it
            titles, particles = _title_res()
            body = particles.sub("", titles.sub("", body))
            for short, full in tables.body_abbreviations().items():
                body = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, body)
            if body[:1].islower() or _names_other(ct.text, m.start("body"), body):
                continue
            return body
    return None


def _names_other(text: str, start: int, body: str) -> bool:
    """'… của Bộ Lao động - Thương binh và Xã hội về ban hành …': a body named as another
    document's issuer ('của' before it), or one whose name runs on into the words after a
    citation ('về', tables/cues.csv context_end), is not the issuer of this document."""
    if re.search(r"(?<!\w)của\s*$", text[max(0, start - 10):start], re.IGNORECASE):
        return True
    return _context_end_re().search(body) is not None


@lru_cache(maxsize=1)
def _context_end_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{patterns.alternation(tables.cues('context_end'))})(?!\w)")


@dataclass
class _Printed:
    """What the walk over the printed header collects besides the header's own fields."""

    block: list[str] = field(default_factory=list)  # the issuer block's lines (capitals)
    block_done: bool = False  # the block ended (a number, a date, a motto line came)
    title_idx: Optional[int] = None  # the paragraph of the title
    meta: dict[str, str] = field(default_factory=dict)  # a portal's metadata table
    value_of: Optional[str] = None  # the label whose value is the next paragraph


def extract_header(ct: CleanText) -> Header:
    h = Header()
    paras = _head_paragraphs(ct)
    printed = _read_printed(h, ct.text, paras)
    if h.title is None:
        _read_subject_line(h, ct.text, paras)
    _read_meta_fields(h, printed.meta)
    if h.doc_type is None and h.type_code:
        h.doc_type = type_name(h.type_code)
    _read_issuer(h, ct, printed)
    _cut_authority(h, ct, paras, printed)
    if h.doc_type is None:
        _type_of_capital_title(h, ct.text, paras)
    _settle_jurisdiction(h, ct.text)
    read_signing_organ(h, ct.text)
    return h


HEAD_SCAN = 120  # a portal's page may print its summary before the document's own header


@lru_cache(maxsize=1)
def _motto_re() -> re.Pattern:
    """The national motto, the Party's name (tables/cues.csv, header_skip): the middle of a
    printed header."""
    return re.compile(rf"\s*(?:{patterns.alternation(tables.cues('header_skip'))})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _motto_initials() -> frozenset[str]:
    """The first letters of the mottos, both cases: a line opening otherwise holds none."""
    firsts = {phrase[:1] for phrase in tables.cues("header_skip")}
    return frozenset(firsts | {c.lower() for c in firsts} | {c.upper() for c in firsts})


def _head_paragraphs(ct: CleanText) -> list[tuple[int, int]]:
    """The first HEAD_PARAS paragraphs; when the first motto comes late (after a portal's
    summary), up to some paragraphs after it."""
    text = ct.text
    for i, (a, b) in enumerate(ct.paragraphs[:HEAD_SCAN]):
        if _motto_re().match(text, a, b):
            return ct.paragraphs[:max(HEAD_PARAS, i + 10)]
    return ct.paragraphs[:HEAD_PARAS]


def _read_printed(h: Header, text: str, paras: list[tuple[int, int]]) -> _Printed:
    """Walk the header's paragraphs up to the one after the title: number, place and date,
    title, the issuer block (lines in capitals before them, or one naming an organ right
    after the title) and a portal's metadata table."""
    printed = _Printed()
    for i, (a, b) in enumerate(paras):
        para = text[a:b].strip()
        if not para:
            continue
        nxt = text[paras[i + 1][0]:paras[i + 1][1]] if i + 1 < len(paras) else None
        if _read_meta(printed, para):
            continue
        if all(_read_piece(h, printed, piece, i, nxt) for piece in _pieces(para)):
            continue
        if printed.title_idx is None:
            continue
        if i > printed.title_idx + 3 or _body_start_re().match(para):
            break
        if not printed.block and mostly_upper(para) and names_organ(para):
            printed.block.append(para)  # "NGHỊ QUYẾT / Về việc … / ỦY BAN THƯỜNG VỤ QUỐC HỘI"
    return printed


def _read_piece(h: Header, printed: _Printed, para: str, i: int, nxt: Optional[str]) -> bool:
    """Read one line of the header; False when it is none of its parts."""
    return bool(_read_number(h, printed, para, nxt) or _read_place_date(h, printed, para)
                or symbol_re().fullmatch(para)  # a number alone on its line, read with "Số:"
                or _read_skipped(printed, para) or _read_title(h, printed, para, i, nxt))


def _pieces(para: str) -> list[str]:
    """A header printed on one line, 'CHÍNH PHỦ____ Số: 170/2025/NĐ-CP', 'CỘNG HÒA … Hạnh
    phúc  Hà Nội, ngày …': the issuer's name, the number, the mottos, the place and date.
    Any other paragraph is one piece."""
    if len(para) >= 200:
        return [para]
    m = _number_res()[1].search(para) if ":" in para else None
    if m and (mostly_upper(para[:m.start()]) or _skip_re().match(para[:m.start()])):
        return [para[:m.start()], para[m.end():]]
    pieces = []
    m = _motto_re().match(para) if para[:1] in _motto_initials() else None
    while m and m.end() < len(para):
        pieces.append(para[:m.end()])
        para = para[m.end():].strip(" _-=|")
        m = _motto_re().match(para)
    return pieces + [para] if para else pieces


def _read_meta(printed: _Printed, para: str) -> bool:
    """A label of a portal's metadata table and its value (on its line or the next)."""
    if printed.value_of is not None:
        printed.meta.setdefault(printed.value_of, para)
        printed.value_of = None
        return True
    m = _meta_re().match(para) if len(para) < 160 and ":" in para else None
    if m is None:
        return False
    label = m.lastgroup if m.lastgroup != "value" else next(f for f in _META_FIELDS if m.group(f))
    if m.group("value"):
        printed.meta.setdefault(label, m.group("value"))
    else:
        printed.value_of = label
    return True


def _read_meta_fields(h: Header, meta: dict[str, str]) -> None:
    """What a portal's metadata table gives that the printed header did not."""
    if h.symbol is None and "symbol" in meta:
        m = symbol_re().match(meta["symbol"].strip())
        parsed = parse_match(m, lenient=True) if m else None
        if parsed is not None:
            h.symbol = parsed.symbol
            h.type_code = h.type_code or parsed.type_code
    if h.doc_type is None and meta.get("type"):
        name = squash(meta["type"])
        if any(row["name"].lower() == name.lower() for row in tables.rows("doc_types.csv")):
            h.doc_type = name[:1].upper() + name[1:].lower()
    if h.date is None and meta.get("date"):
        m = DATE_RE.search(meta["date"])
        h.date = iso_from_match(m) if m else None


def _read_number(h: Header, printed: _Printed, para: str, nxt: Optional[str]) -> bool:
    """'Số: 71/KH-UBND', 'Luật số: 60/2024/QH15' (the number maybe on the next line)."""
    nm = _number_res()[0].match(para)
    if not (nm and h.symbol is None and len(para) < 80):
        return False
    rest = para[nm.end():]
    if not rest.strip() and nxt is not None:  # "Số:" on a line of its own
        rest = nxt
    m = symbol_re().match(rest.strip())
    parsed = parse_match(m, lenient=True) if m else None
    if parsed is None:
        return False
    h.symbol = parsed.symbol
    h.type_code = parsed.type_code
    if parsed.family == "congvan":
        h.doc_type = type_name(None, "congvan")
    printed.block_done = True
    return True


def _read_place_date(h: Header, printed: _Printed, para: str) -> bool:
    """'Hậu Giang, ngày 27 tháng 4 năm 2022'; after the title, only a province's name before
    the date (a date in the body, 'Hội trường, ngày 5 tháng 12 …', is no date of issue)."""
    pd = _PLACE_DATE_RE.match(para)
    if not (pd and h.date is None and len(para) < 80):
        return False
    place = canonical_province(_CITY_RE.sub("", pd.group("place")).strip())
    if printed.title_idx is not None and not place:
        return False
    h.date = iso_from_match(pd)
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


TYPE_HEAD = 12  # "NGHỊ QUYẾT V…": a title's type word in capitals, read before the rest


def _read_title(h: Header, printed: _Printed, para: str, i: int, nxt: Optional[str]) -> bool:
    """'KẾ HOẠCH THỰC HIỆN …' (the title maybe on the next line), or a line of the issuer block
    before it; 'NGHỊ QUYẾT Về việc …' (a type word in capitals, the title in small letters)."""
    if printed.title_idx is not None:
        return False
    upper = mostly_upper(para)
    t = _type_of_title(para) if upper or mostly_upper(para[:TYPE_HEAD]) else None
    if t and (upper or (t[2] and mostly_upper(para[:len(para) - len(t[2])]))):
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
    if upper and not printed.block_done and len(para) < 120:
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
    """The issuer from the printed block (and the province in its name), else from a portal's
    metadata, else from the body ('… ban hành Kế hoạch'), else from the codes of the number."""
    block = printed.block
    if block and (printed.title_idx is not None or h.symbol or h.date):
        h.issuer, h.issuer_parent = issuer_from_block(block[-2:] if len(block) > 2 else block)
    organ = meta_organ(printed.meta.get("issuer"))
    if h.issuer and organ and letters(organ) == letters(h.issuer):
        h.issuer = organ  # the portal's spelling of a name a PDF's layout broke ("Bộ c ông thương")
    h.issuer = h.issuer or organ
    if h.issuer:  # the province in the issuer's name, over the place it signed in
        for _, p in find_prefixed(h.issuer):
            h.jurisdiction = p
            break
        else:
            m = province_re().search(h.issuer)
            h.jurisdiction = (canonical_province(m.group("name")) if m else None) or h.jurisdiction
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
    local = is_local(h.issuer)
    if local and not h.jurisdiction:
        p = dominant_province(text)
        if p:
            h.jurisdiction = p
            h.inferred.append("jurisdiction")
    if h.issuer and local:
        h.issuer = with_province(h.issuer, h.jurisdiction)
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
        return proper_case(rest)
    return rest


# ---------------------------------------------------------------- the authority under a title

def _cut_authority(h: Header, ct: CleanText, paras: list[tuple[int, int]], printed: _Printed) -> None:
    """A title read with the line under it, the authority that enacts ('NGHỊ QUYẾT / Về dự án
    luật … / CHÍNH PHỦ', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X' before 'Căn cứ …'), loses that line."""
    if h.title is None or printed.title_idx is None:
        return
    block = printed.block
    own = [h.issuer, h.issuer_parent, " ".join(block), " ".join(block[-2:])]
    own += [line for line in block if names_organ(line)]
    if h.issuer and h.jurisdiction and h.issuer.endswith(" " + h.jurisdiction):
        own.append(h.issuer[:-len(h.jurisdiction)])  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    printed_paras = [ct.original[a:b] for a, b in paras[printed.title_idx:printed.title_idx + 2]]
    h.title = title_without_authority(h.title, [name for name in own if name], printed_paras)


_WORD_START_RE = re.compile(r"(?<!\w)\w")
_LINK_MARKS = "-–(/,&"  # a mark before a body's name makes it the title's own: '… Cam Ranh - Bộ Quốc phòng'


def title_without_authority(title: str, own: Sequence[str], printed: Sequence[str] = ()) -> str:
    """The title without a tail that is only the authority enacting it: the header's own
    issuer (`own`, its names as printed or read), maybe after an office holder's title
    ('Chủ tịch', 'Bộ trưởng'; tables/title_cues.csv, bodies.csv person_title); or, when the
    tail is whole printed lines (the last of a paragraph in `printed`, as the text has it, line
    breaks kept; in capitals), a body the tables know ('CHÍNH PHỦ',
    'ỦY BAN NHÂN DÂN TỈNH X'). A name after a word that binds it to the title ('của',
    'thuộc', 'thành lập'; tables/title_cues.csv, link_word) or after a mark ('-', ',') is the
    title's own and stays."""
    names = {letters(name) for name in own}
    whole = {letters(last) for para in printed for last in _last_lines(para) if mostly_upper(last)}
    for m in _WORD_START_RE.finditer(title, 1):
        tail = letters(title[m.start():])
        if not _is_authority(tail, names, tail in whole):
            continue
        head = title[:m.start()].rstrip()
        if not head or head[-1] in _LINK_MARKS or _link_re().search(head) or _head_end_re().search(head):
            return title
        return head.rstrip(" ,;:")
    return title


def _last_lines(para: str) -> list[str]:
    """The paragraph's last line, its last two lines, … (not the whole paragraph)."""
    lines = para.split("\n")
    return [" ".join(lines[j:]) for j in range(1, len(lines))]


def _is_authority(tail: str, own: set[str], whole_line: bool) -> bool:
    """Is this tail (its letters) an authority's name, maybe after an office holder's title?"""
    tails = [tail] + [tail[:-len(w)] for w in _after_authority() if tail.endswith(w)]  # "… điện:"
    bodies = tails + [t[len(o):] for t in tails for o in _office_holders() if t.startswith(o)]
    return any(body in own or (whole_line and body in _known_bodies()) for body in bodies)


def _title_cues(kind: str) -> tuple[str, ...]:
    return tuple(r["phrase"] for r in tables.rows("title_cues.csv") if r["kind"] == kind)


@lru_cache(maxsize=1)
def _office_holders() -> tuple[str, ...]:
    """The letters of office holders' titles (tables/bodies.csv person_title, title_cues.csv)."""
    return tuple(sorted({letters(t) for t in tables.bodies("person_title") + _title_cues("office_holder")}))


@lru_cache(maxsize=1)
def _after_authority() -> tuple[str, ...]:
    """The letters of words printed after the authority on its line (title_cues.csv)."""
    return tuple(letters(w) for w in _title_cues("after_authority"))


@lru_cache(maxsize=1)
def _known_bodies() -> frozenset[str]:
    """The letters of the bodies the tables know (tables/issuers.csv), and of each with a
    province after it ('Ủy ban nhân dân tỉnh X')."""
    names = [name for name, _ in issuer_names()]
    places = [with_prefix(r["name"]) for r in tables.provinces()]
    return frozenset([letters(n) for n in names] + [letters(f"{n} {p}") for n in names for p in places])


@lru_cache(maxsize=1)
def _head_end_re() -> re.Pattern:
    """A body's head word opening a name at the end of the words before a name (after a link
    word): the name goes on a longer one ('… thuộc Văn phòng / Ủy ban nhân dân thành phố X';
    tables/bodies.csv block_head), unlike '… của Bộ Nội vụ / BỘ TRƯỞNG BỘ NỘI VỤ'."""
    heads = patterns.alternation(tables.bodies("block_head"))
    links = patterns.alternation(_title_cues("link_word"))
    return re.compile(rf"(?:^|(?<!\w)(?:{links})\s+)(?:{heads})$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _link_re() -> re.Pattern:
    """A word binding what follows to the title, at the end of the words before it."""
    return re.compile(rf"(?<!\w)(?:{patterns.alternation(_title_cues('link_word'))})$", re.IGNORECASE)
