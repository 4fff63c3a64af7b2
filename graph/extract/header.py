"""The document's own header: số ký hiệu, type, date, issuer, province, title.

Read from the printed header when there is one ("ỦY BAN NHÂN DÂN / TỈNH HẬU GIANG",
"Số: 71/KH-UBND", "Hậu Giang, ngày 27 tháng 4 năm 2022", "KẾ HOẠCH …"). When it is missing,
the issuer and province are inferred from the body ("Sở Lao động – Thương binh và Xã hội ban
hành Kế hoạch…", "trên địa bàn tỉnh Thái Bình") and the number and date stay null.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract import patterns
from graph.extract.dates import DATE_BODY, iso_from_match
from graph.extract.normalize import CleanText, fold, mostly_upper, squash
from graph.extract.places import canonical as canonical_province
from graph.extract.places import dominant_province, find_prefixed, kind_of, province_re, with_prefix
from graph.extract.symbols import find_symbols, parse_match, symbol_re, type_name
from graph.models import Header

HEAD_PARAS = 30  # the printed header lives in the first paragraphs
_PER_TEXT_CACHES = ("_proper_case",)  # caches of results for header lines met in texts (benchmarks clear them)

_SKIP_RE = re.compile(r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc|ĐẢNG CỘNG SẢN VIỆT NAM|[-=_.*\s]+)$",
                      re.IGNORECASE)
_NUMBER_RE = re.compile(r"^\s*Số\s*(?:hiệu)?\s*:?\s*", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(rf"^\s*(?P<place>[^\W\d][^,\n]{{1,40}}),\s*ngày\s+(?:{DATE_BODY})", re.IGNORECASE)




def _type_of_title(para: str) -> Optional[tuple[str, str, str]]:
    """'KẾ HOẠCH THỰC HIỆN …' -> ('Kế hoạch', 'KH', 'THỰC HIỆN …')."""
    para = " ".join(para.split())
    low = para.lower()
    for word, code in tables.type_words():
        if low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalpha()):
            name = type_name(code) or word.capitalize()
            return name, code, para[len(word):].strip(" :-")
    return None


_HEAD = 600  # the characters of a line whose capitals are counted


def _is_upper(s: str, min_letters: int = 2) -> bool:
    return mostly_upper(s, min_letters, _HEAD)


@lru_cache(maxsize=1024)
def _proper_case(upper: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH HẬU GIANG' -> 'Ủy ban nhân dân tỉnh Hậu Giang' (cached: the same
    issuer blocks head many documents)."""
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
    low = re.sub(r"(?<!\w)việt nam(?!\w)", "Việt Nam", low)
    # "cục thuế" -> "Cục Thuế": the word after a body's head word is capitalised
    m = _head_res()[0].match(low)
    if m and m.end() < len(low) and low[m.end()].islower() and not low.startswith(("ủy ban", "hội đồng")):
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
def _issuing_verb_re() -> re.Pattern:
    """The end of `_issuing_body_re`: 'ban hành Kế hoạch'."""
    verbs = patterns.alternation(tables.cues("issuing_verb"))
    types = patterns.alternation(w for w, _ in tables.type_words())
    return re.compile(rf"(?:{verbs})\s+(?:{types})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _title_res() -> tuple[re.Pattern, re.Pattern]:
    """A person's title before a body's name; a particle between the name and 'ban hành'."""
    titles = patterns.alternation(tables.bodies("person_title"))
    particles = patterns.alternation(tables.bodies("trailing_particle"))
    return (re.compile(rf"^(?:{titles})\s+(?=[A-ZĐỦ])"), re.compile(rf"\s+(?:{particles})$"))


def _issuer_from_body(ct: CleanText, paras: list[tuple[int, int]]) -> Optional[str]:
    """'Sở Lao động – Thương binh và Xã hội ban hành Kế hoạch thực hiện …'."""
    rx = _issuing_body_re()
    verb = _issuing_verb_re()
    for a, b in paras:
        # the verb and type that end the pattern first: far cheaper to look for than the body
        m = verb.search(ct.text, a, b) and rx.search(ct.text, a, b)
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
    return low.startswith(tables.bodies("local_body")) or bool(re.search(r"\btỉnh\b|\bthành phố\b", low))


def _with_province(issuer: str, province: Optional[str]) -> str:
    if not province:
        return issuer
    if fold(province) in fold(issuer):
        return issuer
    low = issuer.lower()
    if low.endswith(" tỉnh") or low.endswith(" thành phố"):
        return f"{issuer} {province}"
    if low.startswith(("tỉnh ủy", "thành ủy")):
        return f"{issuer} {province}"
    return f"{issuer} {with_prefix(province)}"


def extract_header(ct: CleanText) -> Header:
    h = Header()
    paras = ct.paragraphs[:HEAD_PARAS]
    text = ct.text
    block: list[str] = []
    block_done = False
    title_idx = None
    fallback_symbol = None
    for i, (a, b) in enumerate(paras):
        para = text[a:b].strip()
        if not para:
            continue
        # Số: 71/KH-UBND
        nm = _NUMBER_RE.match(para)
        if nm and h.symbol is None and len(para) < 80:
            rest = para[nm.end():]
            if not rest.strip() and i + 1 < len(paras):  # "Số:" on a line of its own
                rest = text[paras[i + 1][0]:paras[i + 1][1]]
            m = symbol_re().match(rest.strip())
            if m:
                parsed = parse_match(m, lenient=True)
                if parsed and "hiệu" in para[:nm.end()].lower():  # a portal's metadata table
                    fallback_symbol = fallback_symbol or parsed
                    continue
                if parsed:
                    h.symbol = parsed.symbol
                    h.type_code = parsed.type_code
                    if parsed.family == "congvan":
                        h.doc_type = "Công văn"
                    block_done = True
                    continue
        pd = _PLACE_DATE_RE.match(para)
        if pd and h.date is None and len(para) < 80:
            h.date = iso_from_match(pd)
            place = canonical_province(pd.group("place").replace("TP.", "").replace("Thành phố", "").strip())
            if place and not h.jurisdiction:
                h.jurisdiction = place
            block_done = True
            continue
        if symbol_re().fullmatch(para):
            continue  # a number alone on its line, read with the "Số:" before it
        if _SKIP_RE.match(para):
            if block:
                block_done = True
            continue
        if title_idx is None and _is_upper(para):
            t = _type_of_title(para)
            if t:
                h.doc_type, code, rest = t
                h.type_code = h.type_code or code
                title_idx = i
                if rest:
                    h.title = _sentence_case_title(rest)
                elif i + 1 < len(paras):
                    na, nb = paras[i + 1]
                    nxt = squash(text[na:nb])
                    if len(nxt) < 400 and not re.match(r"^(?:Căn cứ|[IVX]+\.)", nxt):
                        h.title = nxt
                continue
            if not block_done and title_idx is None and len(para) < 120:
                block.append(para)
                continue
        if title_idx is not None:
            break
    if h.symbol is None and fallback_symbol is not None:
        h.symbol = fallback_symbol.symbol
        h.type_code = h.type_code or fallback_symbol.type_code
    # Công văn: "V/v …" under the number
    if h.title is None:
        for a, b in paras:
            para = text[a:b].strip()
            if para.lower().startswith("v/v"):
                h.title = squash(para[3:])
                h.doc_type = h.doc_type or "Công văn"
                break
    if h.doc_type is None and h.type_code:
        h.doc_type = type_name(h.type_code)
    if block and (title_idx is not None or h.symbol or h.date):
        h.issuer = _issuer_from_block(block[-2:] if len(block) > 2 else block)
    # province from the issuer block, else from the body
    if h.issuer:
        for m, p in find_prefixed(h.issuer):
            h.jurisdiction = p
            break
        if not h.jurisdiction:
            m = province_re().search(h.issuer)
            if m:
                h.jurisdiction = canonical_province(m.group("name"))
    if h.issuer is None:
        zone = ct.paragraphs[:HEAD_PARAS + 50]
        body_issuer = _issuer_from_body(ct, zone)
        if body_issuer:
            h.issuer = body_issuer
            h.inferred.append("issuer")
    if h.issuer is None and h.symbol:
        h.issuer = _issuer_from_symbol(h.symbol)
        if h.issuer:
            h.inferred.append("issuer")
    if h.doc_type is None:
        for a, b in paras[:8]:
            t = _type_of_title(text[a:b].strip())
            if t and _is_upper(text[a:b]):
                h.doc_type, h.type_code = t[0], t[1]
                break
    local = _is_local(h.issuer)
    if local and not h.jurisdiction:
        p = dominant_province(text)
        if p:
            h.jurisdiction = p
            h.inferred.append("jurisdiction")
    if h.issuer and local:
        h.issuer = _with_province(h.issuer, h.jurisdiction)
    if not local and (h.issuer or h.jurisdiction == "Hà Nội"):
        h.jurisdiction = None  # national bodies sign in Hà Nội; the place is no jurisdiction
    return h


def _issuer_from_symbol(symbol: str) -> Optional[str]:
    codes = re.split(r"[-/]", symbol)[2:] if "/" in symbol else []
    for c in codes:
        row = tables.issuer_row(c)
        if row and row["name"]:
            return row["name"]
    return None


def _sentence_case_title(rest: str) -> str:
    rest = squash(rest)
    if _is_upper(rest):
        return _proper_case(rest)
    return rest
