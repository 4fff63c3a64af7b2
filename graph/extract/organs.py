"""The organs that issue documents, as printed in a header: 'UBND TỈNH BÌNH THUẬN / SỞ Y TẾ'
-> the issuer 'Sở Y tế tỉnh Bình Thuận' and its parent 'Ủy ban nhân dân tỉnh Bình Thuận';
names in capitals given their case; a portal's 'Nơi ban hành'; the organ a Party committee's
document is signed for ('T/M BAN THƯỜNG VỤ'). Read by `header`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.extract import patterns
from graph.extract.places import canonical as canonical_province
from graph.extract.places import is_city, province_kinds, province_re, with_prefix
from graph.extract.symbols import find_symbols
from graph.models import Header
from graph.text import fold, squash

# a consonant left alone by a PDF's layout before the rest of its syllable: "C  ỤC THUẾ"
_SPLIT_SYLLABLE_RE = re.compile(
    r"(?<!\w)(NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])\s+"
    r"(?=[AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ])")


def proper_case(upper: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH HẬU GIANG' -> 'Ủy ban nhân dân tỉnh Hậu Giang'."""
    s = squash(upper)
    symbols = [(m.start, m.end, m.symbol) for m in find_symbols(s)]
    low = s.lower()
    for a, b, sym in reversed(symbols):
        low = low[:a] + sym + low[b:]
    abbreviations, names = _case_res()
    low = abbreviations.sub(lambda m: tables.body_abbreviations()[m.group(0).upper()].lower(), low)  # "UBND"
    # known issuer names and provinces keep their official capitals
    low = names.sub(lambda m: _cased_names()[m.group(0)], low)
    for m in province_re().finditer(low):
        p = canonical_province(m.group("name"))
        if p:
            low = low[:m.start()] + p + low[m.end():]
    # "cục thuế" -> "Cục Thuế": the word after a body's head word is capitalised
    m = _head_res()[0].match(low)
    if (m and m.end() < len(low) and low[m.end()].islower()
            and not low.startswith(tables.bodies("collective_head"))
            and not low.startswith(province_kinds(), m.end())):  # "thuế tỉnh vĩnh long"
        low = low[:m.end()] + low[m.end()].upper() + low[m.end() + 1:]
    return low[:1].upper() + low[1:]


@lru_cache(maxsize=1)
def _cased_names() -> dict[str, str]:
    """A name in small letters -> its capitals: the issuers' names (tables/issuers.csv) and the
    names that keep their capitals (tables/bodies.csv, proper_name)."""
    cased = {lname: name for name, lname in reversed(issuer_names())}
    cased.update((name.lower(), name) for name in tables.bodies("proper_name"))
    return cased


@lru_cache(maxsize=1)
def _case_res() -> tuple[re.Pattern, re.Pattern]:
    """The abbreviations opened in a name ('ubnd'); the names of `_cased_names`, longest first."""
    shorts = sorted((s.lower() for s in tables.body_abbreviations()), key=len, reverse=True)
    names = sorted(_cased_names(), key=len, reverse=True)
    return (re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, shorts))})(?!\w)"),
            re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)"))


@lru_cache(maxsize=1)
def issuer_names() -> tuple[tuple[str, str], ...]:
    """(name, in lower case) of the issuers, longest first."""
    names = [r["name"] for r in tables.issuers().values() if r["name"]]
    return tuple((name, name.lower()) for name in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _head_res() -> tuple[re.Pattern, re.Pattern]:
    """Head words of a body's name (tables/bodies.csv, block_head): the lower line of a header
    block is the issuing body, the upper line its parent ("BỘ TÀI CHÍNH / CỤC THUẾ")."""
    heads = tables.bodies("block_head")
    head_re = re.compile(r"^(?:" + patterns.alternation(heads) + r")(?:\s+|$)")
    lower_body_re = re.compile(r"\s(?=(?:" + patterns.alternation(h.upper() for h in heads) + r")(?:\s|$))")
    return head_re, lower_body_re


def _split_block(upper: str) -> tuple[Optional[str], str]:
    """'BỘ TÀI CHÍNH CỤC THUẾ' -> ('BỘ TÀI CHÍNH', 'CỤC THUẾ'); no parent -> (None, text).
    Never inside an issuer's known name ('ỦY BAN THƯỜNG VỤ QUỐC HỘI'), never after an organ
    that is named with its parent ('BAN CÁN SỰ ĐẢNG UBND TỈNH X')."""
    s = squash(upper)
    low = s.lower()
    known = next((len(lname) for _, lname in issuer_names() if low.startswith(lname)), 0)
    # "ỦY BAN NHÂN DÂN TỈNH X" has no lower body; "UBND TP HÀ NỘI TRUNG TÂM …" has one
    for m in _head_res()[1].finditer(s):
        c = m.end()
        parent, body = s[:c].strip(), s[c:].strip()
        if (c >= known and len(parent.split()) >= 2 and len(body.split()) >= 2
                and parent.lower() not in tables.bodies("dependent_head")):
            return parent, body
    return None, s


def issuer_from_block(lines: list[str]) -> tuple[Optional[str], Optional[str]]:
    """(issuer, its parent) from the lines of the header block: 'UBND TỈNH BÌNH THUẬN / SỞ Y
    TẾ' -> ('Sở Y tế tỉnh Bình Thuận', 'Ủy ban nhân dân tỉnh Bình Thuận')."""
    if not lines:
        return None, None
    text = re.sub(r"\s*[-=_*]{3,}\s*", " ", " ".join(lines))  # rules drawn under a name
    parent, body = _split_block(_SPLIT_SYLLABLE_RE.sub(r"\1", text))
    name = _place_names(official_spelling(proper_case(body)))
    parent_name = _place_names(proper_case(parent)) if parent else None
    dependent = name.lower() in tables.bodies("dependent_head")
    if parent_name and parent_name.lower().startswith(_no_parent()):
        # "ĐẢNG BỘ TỈNH X / TỈNH ỦY": the province is the organisation's, the issuer has no parent
        if dependent and parent_name.lower().startswith(tables.bodies("not_organ")):
            name = f"{name} {parent_name}"  # "ĐẢNG BỘ TỈNH X / BAN CHẤP HÀNH"
            parent_name = _committee_of(parent)
        else:
            parent_name = None
    elif parent_name and (dependent or (parent_name.startswith(_committees())
                                        and not province_re().search(body))):
        name = f"{name} {parent_name}"  # "UBND TỈNH X / VĂN PHÒNG", "TỈNH ỦY X / BAN TUYÊN GIÁO"
    if parent and not province_re().search(body):
        # "UBND TỈNH BÌNH THUẬN / SỞ KHOA HỌC VÀ CÔNG NGHỆ": the province is the parent's
        m = province_re().search(parent)
        p = canonical_province(m.group("name")) if m else None
        if p:
            name = with_province(name, p)
    return name, parent_name or _parent_in_name(name)


@lru_cache(maxsize=1)
def _no_parent() -> tuple[str, ...]:
    """Upper lines of a block that are no organ's parent: an organisation ('ĐẢNG BỘ TỈNH X'),
    a person's title ('CHỦ TỊCH / ỦY BAN NHÂN DÂN TỈNH X') (tables/bodies.csv)."""
    return tables.bodies("not_organ") + tuple(t.lower() for t in tables.bodies("person_title"))


def _committee_of(text: str) -> Optional[str]:
    """'ĐẢNG BỘ TỈNH HẬU GIANG' -> 'Tỉnh ủy Hậu Giang' (a centrally-run city's: 'Thành ủy';
    tables/bodies.csv, party_committee)."""
    m = province_re().search(text)
    p = canonical_province(m.group("name")) if m else None
    row = next((r for r in tables.rows("bodies.csv") if r["kind"] == "party_committee" and r["expansion"]), None)
    if p is None or row is None:
        return None
    return f"{row['expansion'] if is_city(p) else row['phrase']} {p}"


@lru_cache(maxsize=1)
def _place_name_re() -> re.Pattern:
    """A district's, ward's or commune's name after its head word (tables/bodies.csv,
    place_head), up to a province: 'huyện ủy châu thành tỉnh …'."""
    heads = patterns.alternation(tables.bodies("place_head"))
    kinds = patterns.alternation(province_kinds())
    return re.compile(rf"(?<!\w)((?:{heads}) )((?:(?!(?:{kinds})\b)[^\W\d]+ ?)+)", re.IGNORECASE)


def _place_names(name: str) -> str:
    """'Huyện ủy châu thành' -> 'Huyện ủy Châu Thành'."""
    return _place_name_re().sub(lambda m: m.group(1) + m.group(2).title(), name)


def _parent_in_name(issuer: str) -> Optional[str]:
    """'Ban cán sự đảng Ủy ban nhân dân tỉnh X' -> 'Ủy ban nhân dân tỉnh X': the local organ
    an organ is named with (tables/bodies.csv, dependent_head)."""
    low = issuer.lower()
    for head in tables.bodies("dependent_head"):
        if low.startswith(head + " "):
            rest = issuer[len(head) + 1:]
            rest = rest[:1].upper() + rest[1:]
            return rest if is_local(rest) and rest.startswith(tables.bodies("issuing_body")) else None
    return None


def is_local(issuer: Optional[str]) -> bool:
    if not issuer:
        return False
    low = issuer.lower()
    return low.startswith(tables.bodies("local_body")) or bool(_province_kind_re().search(low))


@lru_cache(maxsize=1)
def _province_kind_re() -> re.Pattern:
    """'tỉnh', 'thành phố' as words."""
    return re.compile(rf"\b(?:{patterns.alternation(province_kinds())})\b")


def with_province(issuer: str, province: Optional[str]) -> str:
    if not province:
        return issuer
    if fold(province) in fold(issuer):
        return issuer
    low = issuer.lower()
    if low.endswith(tuple(" " + kind for kind in province_kinds())):
        return f"{issuer} {province}"  # "Bảo hiểm xã hội tỉnh"
    committees = tuple(c.lower() for c in tables.bodies("party_committee"))
    if low.startswith(committees) or low.endswith(committees):
        return f"{issuer} {province}"  # "Tỉnh ủy Hậu Giang", "Ban Thường vụ Tỉnh ủy Hậu Giang"
    return f"{issuer} {with_prefix(province)}"


def names_organ(para: str) -> bool:
    """Does this line in capitals name an organ ('ỦY BAN THƯỜNG VỤ QUỐC HỘI')?"""
    low = squash(para).lower()
    return (_head_res()[0].match(low) is not None
            or any(low == lname for _, lname in issuer_names()))


def letters(name: str) -> str:
    """A name's letters, folded: 'Bộ Văn hóa, Thể thao và Du lịch' and 'BỘ VĂN HÓA - THỂ THAO
    VÀ DU LỊCH' are one."""
    return re.sub(r"[\W_]+", "", fold(name))


@lru_cache(maxsize=1)
def _names_by_letters() -> dict[str, str]:
    return {letters(name): name for name, _ in reversed(issuer_names())}


def official_spelling(name: str) -> str:
    """The issuers table's spelling of a name printed otherwise ('BỘ VĂN HÓA, THỂ THAO VÀ DU
    LỊCH'); any other name as it is."""
    return _names_by_letters().get(letters(name), name)


def meta_organ(value: Optional[str]) -> Optional[str]:
    """The issuer of a portal's metadata table when it names an organ ('Cục Hải quan'), not
    only a place ('Tỉnh Hà Tĩnh')."""
    if not value:
        return None
    value = squash(value)
    heads = tables.bodies("issuing_body")
    if not any(value.startswith(head) and value[len(head):len(head) + 1] in ("", " ") for head in heads):
        return None
    return official_spelling(value)


@lru_cache(maxsize=1)
def _signature_re() -> re.Pattern:
    """'T/M BAN THƯỜNG VỤ' over a signature (tables/cues.csv, signing_mark)."""
    marks = patterns.alternation(tables.cues("signing_mark"))
    return re.compile(rf"^[^\S\n]*(?:{marks})[^\S\n]*(?P<organ>[^\W\d][^\n]{{2,60}}?)[^\S\n]*$", re.MULTILINE)


def _central_organ(issuer: Optional[str]) -> Optional[str]:
    """'Ban Chấp hành trung ương' printed at the head of a Party document: the Central
    Committee's name in tables/party_issuers.csv."""
    low = (issuer or "").lower()
    return next((name for phrase, name in tables.party_issuers() if low == phrase or low == name.lower()), None)


@lru_cache(maxsize=1)
def _committees() -> tuple[str, ...]:
    """Names of Party committees ('Tỉnh ủy', 'Huyện ủy'; tables/issuers.csv and bodies.csv)."""
    names = {r["name"] for r in tables.issuers().values()
             if r["party"] == "1" and r["name"] and r["name"].split()[-1] == "ủy"}
    return tuple(sorted(names | set(tables.bodies("party_committee")), key=len, reverse=True))


SIGNATURE_TAIL = 6000  # characters at the end of a text where its signature is looked for


def read_signing_organ(h: Header, text: str) -> None:
    """A Party committee's document signed 'T/M BAN THƯỜNG VỤ' is issued by its Standing
    Committee: 'Ban Thường vụ Tỉnh ủy X', its parent 'Tỉnh ủy X' (tables/bodies.csv,
    signing_organ); one of the Central Committee signed 'T/M BỘ CHÍNH TRỊ' by the Politburo
    (tables/party_issuers.csv)."""
    central = _central_organ(h.issuer)
    if not (h.issuer and (central or h.issuer.startswith(_committees()))):
        return
    found = None
    for found in _signature_re().finditer(text, max(0, len(text) - SIGNATURE_TAIL)):
        pass
    organ = squash(found.group("organ")).lower() if found else ""
    if central:
        h.issuer = central
        name = next((name for phrase, name in tables.party_issuers() if organ.startswith(phrase)), central)
        if name != central:
            h.issuer, h.issuer_parent = name, central
        return
    for row in tables.rows("bodies.csv"):
        if row["kind"] == "signing_organ" and organ.startswith(row["phrase"]):
            if "{place}" in row["expansion"] and not h.jurisdiction:
                return
            place = with_prefix(h.jurisdiction) if h.jurisdiction else ""
            h.issuer, h.issuer_parent = row["expansion"].format(committee=h.issuer, place=place), h.issuer
            return

