"""Agency names: read them out of running text and make them one official spelling.

`normalize_agency("Sở LĐ-TB&XH", "Quảng Ngãi")`, `normalize_agency("Sở Lao động – Thương binh
và Xã hội")` and `normalize_agency("Sở LĐTBXH tỉnh Quảng Ngãi")` all give one `Agency` named
"Sở Lao động - Thương binh và Xã hội" with jurisdiction "Quảng Ngãi". Abbreviations, head
words, official names, group nouns and cue phrases live in `graph/tables/agencies.csv` and
`graph/tables/task_cues.csv`.

Groups ("các sở, ban, ngành liên quan", "UBND các huyện, thành phố") are kept as groups
(`is_group`), never turned into one body. A unit inside an agency ("Phòng … thuộc Sở …",
"Văn phòng Sở") carries the agency as `parent`.

`read_agencies(text, pos)` reads a list of agency names ("Sở Y tế, Sở Tài chính và các sở,
ban, ngành liên quan") starting at `pos` and says where the list ends.
"""
from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.text import fold, name_key, plain_dashes, squash_name


@dataclass
class Agency:
    name: str  # full official name, province left out ("Sở Y tế", "Bảo hiểm xã hội tỉnh")
    printed: str = ""  # as read
    kind: str = ""  # sở, ban, phòng, ủy ban nhân dân, group …
    is_group: bool = False
    parent: Optional[str] = None  # full name of the agency it belongs to
    jurisdiction: Optional[str] = None  # province, None for national bodies
    relative: bool = False  # a group only relative to the agency before it ("các tổ chức thành viên")

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def qualified(self) -> str:
        """Name with its province, for a graph node: 'Sở Y tế tỉnh Quảng Ngãi'."""
        if not self.jurisdiction or self.is_group or fold(self.jurisdiction) in fold(self.name):
            return self.name
        if self.name.endswith(" tỉnh"):
            return f"{self.name} {self.jurisdiction}"
        if self.kind in ("sở", "ban", "văn phòng", "ủy ban nhân dân", "hội đồng nhân dân",
                         "bộ chỉ huy", "công an", "chi nhánh", "bảo hiểm xã hội", "thanh tra"):
            return f"{self.name} tỉnh {self.jurisdiction}"
        return self.name

    def to_dict(self) -> dict:
        return {"name": self.name, "printed": self.printed, "kind": self.kind,
                "is_group": self.is_group, "parent": self.parent,
                "jurisdiction": self.jurisdiction}


# ---------------------------------------------------------------- tables

@lru_cache(maxsize=1)
def _rows() -> list[dict[str, str]]:
    return tables.rows("agencies.csv")


@lru_cache(maxsize=1)
def _cue_rows() -> list[dict[str, str]]:
    return tables.rows("task_cues.csv")


def cue_phrases(kind: str) -> tuple[str, ...]:
    return tuple(sorted((r["phrase"] for r in _cue_rows() if r["kind"] == kind), key=len,
                        reverse=True))


_ABBR_STRIP_RE = re.compile(r"[\s&\-.]")


def _abbr_key(s: str) -> str:
    return _ABBR_STRIP_RE.sub("", s).upper().replace("Đ", "D")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return {_abbr_key(r["short"]): r["full"] for r in _rows() if r["kind"] == "abbr"}


@lru_cache(maxsize=1)
def heads() -> list[tuple[str, str]]:
    """(folded head phrase, kind), longest first."""
    rows = [(fold(r["short"]), r["full"]) for r in _rows() if r["kind"] == "head"]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def official_names() -> list[tuple[str, str, str]]:
    """(name_key, official name, kind), longest first."""
    rows = [(name_key(r["short"]), r["short"], r["full"]) for r in _rows() if r["kind"] == "name"]
    return sorted(rows, key=lambda r: -len(r[0]))


def _phrase_re(phrases) -> str:
    parts = []
    for p in sorted(phrases, key=len, reverse=True):
        words = fold(p).split()
        parts.append(r"\s+".join(re.escape(w) for w in words))
    return "|".join(parts)


@lru_cache(maxsize=1)
def _official_re() -> re.Pattern:
    """Official names over folded text; dash and comma spacing free."""
    alts = []
    for _, name, _ in official_names():
        toks = re.findall(r"\w+|[-,]", fold(name))
        pat = ""
        for i, t in enumerate(toks):
            if t in "-,":
                pat += r"\s*" + re.escape(t) + r"\s*"
            else:
                if i and toks[i - 1] not in "-,":
                    pat += r"\s+"
                pat += re.escape(t)
        alts.append(pat)
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(alts) + r")(?![\w])")


@lru_cache(maxsize=1)
def _head_re() -> re.Pattern:
    return re.compile(r"(?:" + _phrase_re([h for h, _ in heads()]) + r")(?![\w&])")


# the administrative heads a group may open with ("UBND các huyện"), and the word "các"
_GROUP_ADMIN = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")
_GROUP_CAC = "cac"


@lru_cache(maxsize=1)
def _group_nouns() -> list[str]:
    return [r["short"] for r in _rows() if r["kind"] == "group_noun"]


@lru_cache(maxsize=1)
def _first_words() -> Optional[frozenset[str]]:
    """The words (maximal \\w runs of the folded text) a match of _group_re, _official_re or
    _head_re can open with; None when some alternative does not open with a word character
    (then every position is tried)."""
    firsts = set(_GROUP_ADMIN) | {_GROUP_CAC}
    for _, name, _ in official_names():
        toks = re.findall(r"\w+|[-,]", fold(name))
        if not toks or toks[0] in "-,":
            return None
        firsts.add(toks[0])
    for phrase in [h for h, _ in heads()] + _group_nouns():
        words = fold(phrase).split()
        lead = re.match(r"\w+", words[0]) if words else None
        if lead is None:
            return None
        firsts.add(lead.group())
    return frozenset(w.split()[0] for w in firsts)


_WORD_RUN_RE = re.compile(r"\w*")


@lru_cache(maxsize=1)
def _group_re() -> re.Pattern:
    nouns = _group_nouns()
    quals = [r["short"] for r in _rows() if r["kind"] == "group_qualifier"]
    noun = "(?:" + _phrase_re(nouns) + r")(?![\w])"
    sep = r"(?:\s*,\s*|\s+va\s+|\s*/\s*|\s+(?=ban\b|nganh\b|doan the\b))"
    qual = "(?:" + _phrase_re(quals) + r")(?![\w])"
    admin = "(?:" + "|".join(_GROUP_ADMIN) + r")\s+"
    # "các sở, ban, ngành liên quan" / "UBND các huyện, thành phố" / "UBND huyện, thị xã, thành phố"
    # / "sở, ban, ngành liên quan" (2+ nouns without "các")
    pat = (rf"(?:(?P<admin>{admin})?(?:cac\s+{noun}(?:{sep}{noun})*"
           rf"|{noun}(?:\s*,\s*{noun})+(?:(?:\s*,\s*|\s+va\s+){noun})*))"
           rf"(?:\s+(?P<qual>{qual}))?")
    return re.compile(pat)


@lru_cache(maxsize=1)
def _stop_re() -> re.Pattern:
    return re.compile(r"(?:" + _phrase_re(cue_phrases("stop")) + r")(?![\w])")


@lru_cache(maxsize=1)
def _relative_keys() -> tuple[str, ...]:
    return tuple(name_key(r["short"]) for r in _rows() if r["kind"] == "relative_group")


@lru_cache(maxsize=1)
def _province_names() -> list[str]:
    names = []
    for r in tables.provinces():
        names.append(r["name"])
    return sorted(names, key=len, reverse=True)


# ---------------------------------------------------------------- normalisation

_ABBR_TOKEN_RE = re.compile(r"(?<![\w&])[A-ZĐ][A-ZĐa-z]*(?:\s?[&\-]\s?[A-ZĐ][A-ZĐa-z]*)*(?![\w&])")


def expand_abbreviations(name: str) -> str:
    table = abbreviations()

    def repl(m: re.Match) -> str:
        tok = m.group(0)
        k = _abbr_key(tok)
        if k in table and not (tok[0].isupper() and tok[1:].islower() and len(tok) > 1):
            return table[k]
        # a token made of several known abbreviations: "LĐ-TB&XH" handled above; "UBMTTQVN" too
        return tok

    return _ABBR_TOKEN_RE.sub(repl, name)


_BC_RE = re.compile(r"\s*\((?:b/c|để b/c|để biết)\)\s*$", re.I)
_DASH_SPACING_RE = re.compile(r"\s*-\s*")


@lru_cache(maxsize=1)
def _request_prefix_re() -> Optional[re.Pattern]:
    pre = _phrase_re(cue_phrases("request_prefix"))
    return re.compile(rf"(?:{pre})\s+") if pre else None


def _tidy(name: str) -> str:
    s = plain_dashes(unicodedata.normalize("NFC", name))
    s = _BC_RE.sub("", s)
    s = _DASH_SPACING_RE.sub(" - ", s)
    s = squash_name(s)
    # words before the name that ask it to act
    pre = _request_prefix_re()
    m = pre.match(fold(s)) if pre else None
    if m:
        s = s[m.end():]
    return s


@lru_cache(maxsize=1)
def _folded_provinces() -> tuple[tuple[str, str], ...]:
    return tuple((p, fold(p)) for p in _province_names())


_PROVINCE_LEADS = ("tinh ", "thanh pho ", "tp ")


@lru_cache(maxsize=1)
def _province_tails() -> dict[str, tuple[int, int, str, str]]:
    """Each folded tail " tinh <province>" … -> (province rank, lead rank, province, lead),
    the first (province, lead) in the order _strip_province tries them."""
    tails: dict[str, tuple[int, int, str, str]] = {}
    for i, (p, fp) in enumerate(_folded_provinces()):
        for j, lead in enumerate(_PROVINCE_LEADS):
            tails.setdefault(" " + lead + fp, (i, j, p, lead))
    return tails


def _strip_province(s: str, province: Optional[str]) -> tuple[str, Optional[str]]:
    """'… tỉnh Quảng Ngãi' -> ('… tỉnh', 'Quảng Ngãi')."""
    f = fold(s)
    # the first province (in _folded_provinces order), then lead, whose tail ends f: every
    # tail opens with " <lead>", so only the suffixes from such a place are looked up
    tails = _province_tails()
    best = None
    for lead in _PROVINCE_LEADS:
        needle = " " + lead
        i = f.find(needle)
        while i >= 0:
            hit = tails.get(f[i:])
            if hit is not None and (best is None or hit < best):
                best = hit
            i = f.find(needle, i + 1)
    if best is not None:
        _, _, p, lead = best
        rest = s[:len(s) - len(" " + lead + fold(p))]
        return (rest + " tỉnh" if lead == "tinh " else rest + " thành phố"), p
    return s, province


@lru_cache(maxsize=1)
def _kind_re() -> re.Pattern:
    """The head phrases in heads() order, each in its own group and followed by no letter
    or digit (str.isalnum): the first that matches is the loop's first."""
    return re.compile("|".join(rf"({re.escape(h)})(?![^\W_])" for h, _ in heads()) or "(?!)")


def _kind_of(s: str) -> str:
    m = _kind_re().match(fold(s))
    return heads()[m.lastindex - 1][1] if m else ""


def is_group_name(name: str) -> bool:
    f = " " + name_key(name) + " "
    if f.startswith(" cac "):
        return True
    m = _group_re().match(fold(squash_name(name)))
    return bool(m and m.end() >= len(squash_name(name)) - 1 and "," in name)


def normalize_agency(name: str, province: Optional[str] = None,
                     parent: Optional[str] = None) -> Agency:
    """One official spelling of an agency name (see module doc)."""
    # names repeat within and across documents: the work is done once per (name, province,
    # parent); each caller gets its own copy (all fields are immutable values)
    return copy.copy(_normalize_agency(name, province, parent))


@lru_cache(maxsize=1)
def _official_by_key() -> dict[str, tuple[str, str]]:
    """name_key -> (official name, kind): the first official name, in official_names()
    order, that the key is, is without its ' tinh', or (a Sở) is with ' tinh' added."""
    out: dict[str, tuple[str, str]] = {}
    for okey, official, okind in official_names():
        out.setdefault(okey, (official, okind))
        if okey.endswith(" tinh"):
            out.setdefault(okey[:-5], (official, okind))
        if okind == "sở":
            out.setdefault(okey + " tinh", (official, okind))
    return out


_THUOC_RE = re.compile(r"\s+(?:trực thuộc|thuộc)\s+(.+)$")
_SO_END_RE = re.compile(r"\bSở$")


@lru_cache(maxsize=1 << 16)
def _normalize_agency(name: str, province: Optional[str] = None,
                      parent: Optional[str] = None) -> Agency:
    printed = squash_name(name)
    s = _tidy(name)
    s = expand_abbreviations(s)
    s = _DASH_SPACING_RE.sub(" - ", s)
    s = squash_name(s)
    s, juris = _strip_province(s, province)
    kind = _kind_of(s)
    # official spelling
    k = name_key(s)
    hit = _official_by_key().get(k)
    if hit is not None:
        s, kind = hit
    else:
        if kind == "sở" and s.endswith(" tỉnh"):
            s = s[: -len(" tỉnh")]
    if s and s[0].islower():
        s = s[0].upper() + s[1:]
    group = is_group_name(s)
    relative = any(name_key(s).startswith(r) for r in _relative_keys())
    # hierarchy: "X thuộc Y", "Văn phòng Sở", "Phòng …" of the issuing Sở
    par = None
    m = _THUOC_RE.search(s)
    if m:
        tail = m.group(1)
        if name_key(tail) in ("so", "ubnd", "uy ban nhan dan") and parent:
            par = parent
        elif name_key(tail) not in ("so",):
            par = normalize_agency(tail, province).name
        else:
            par = parent
    elif parent and (_SO_END_RE.search(s) or kind in ("phòng",)):
        par = parent
    if kind == "bộ" and not s.endswith(" tỉnh"):
        juris = None
    elif juris is None:
        juris = province
    return Agency(name=s, printed=printed, kind="group" if group else kind, is_group=group,
                  parent=par, jurisdiction=juris, relative=relative)


# ---------------------------------------------------------------- reading names in text

_WS_RE = re.compile(r"[ \t]*")
_FIRST_WORD_RE = re.compile(r"\s+([^\W\d_][\w&\-]*)")
_WORD_RE = re.compile(r"(\s+)([^\W_][\w&]*(?:\s?-\s?[^\W_][\w&]*)*)")
_HEAD_ALONE = frozenset({"so", "uy ban nhan dan", "ubnd", "hdnd", "hoi dong nhan dan", "nhcsxh",
                         "bhxh", "tinh doan", "thanh tra", "chinh phu", "cong an",
                         "bao hiem xa hoi"})


def _after_ws(text: str, pos: int, endpos: Optional[int] = None) -> int:
    if endpos is None:
        endpos = len(text)
    if pos >= endpos:
        return pos
    return _WS_RE.match(text, pos, endpos).end()


def match_agency(text: str, pos: int, folded: Optional[str] = None,
                 endpos: Optional[int] = None) -> Optional[tuple[int, bool]]:
    """End of an agency name starting at `pos` (and whether it is a group), else None.

    `endpos` reads `text` (and `folded`) as if they ended there, without slicing them."""
    f = folded if folded is not None else fold(text)
    n = len(text) if endpos is None else endpos
    if pos > 0 and f[pos - 1].isalnum():
        return None
    # every alternative of the three patterns below opens with a whole word (it is followed
    # by a blank, '-', ',' or a non-word character): a word no table opens with is no name
    firsts = _first_words()
    if firsts is not None and _WORD_RUN_RE.match(f, pos, n).group() not in firsts:
        return None
    # groups first: "các sở, ban, ngành liên quan", "UBND huyện, thị xã, thành phố"
    g = _group_re().match(f, pos, n)
    official = _official_re().match(f, pos, n)
    if g and (not official or g.end() > official.end()):
        end = g.end()
        # "… trực thuộc Sở" / "… thuộc Sở Y tế"
        if g.group("qual") and g.group("qual").strip() in ("thuoc", "truc thuoc"):
            sub = match_agency(text, _after_ws(text, end, n), f, n)
            if sub:
                end = sub[0]
            else:
                return None
        return end, True
    if official:
        end = official.end()
        end = _province_tail(text, f, end, n)
        return end, False
    h = _head_re().match(f, pos, n)
    if not h:
        return None
    end = h.end()
    # the first word after the head is capitalised (or an abbreviation): "Sở Y tế", "Sở LĐTBXH"
    m = _FIRST_WORD_RE.match(text, end, n)
    if not m or not (m.group(1)[0].isupper()):
        if f[pos:end] in _HEAD_ALONE:
            return _province_tail(text, f, end, n), False
        return None
    end = m.end()
    # then words up to punctuation, a stop phrase or 'và' + another agency
    word = _WORD_RE
    stop = _stop_re()
    group = _group_re()
    while True:
        m = word.match(text, end, n)
        if not m:
            break
        wstart = m.start(2)
        w = m.group(2)
        if m.end() - wstart == 2 and f[wstart:m.end()] == "va":
            nxt = _after_ws(text, m.end(), n)
            if match_agency(text, nxt, f, n) or group.match(f, nxt, n):
                break
            end = m.end()
            continue
        if w[0].islower() and stop.match(f, wstart, n):
            break
        end = m.end()
    # a dash-joined continuation "Phòng Việc làm - An toàn lao động"
    return end, False


_TINH_RE = re.compile(r"\s+(?:tinh|thanh pho)(?![\w])")


@lru_cache(maxsize=1)
def _province_tail_re() -> re.Pattern:
    names = sorted((fp for _, fp in _folded_provinces()), key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _province_tail(text: str, f: str, end: int, endpos: Optional[int] = None) -> int:
    n = len(f) if endpos is None else endpos
    m = _TINH_RE.match(f, end, n)
    if m:
        m2 = _province_tail_re().match(f, m.end(), n)
        return m2.end() if m2 else m.end()
    return end


_SEP_RE = re.compile(r"\s*(?:,|;|\s+và\s+|\s+cùng\s+|\s*&\s*)\s*|\s+(?=các\s)")


def read_agencies(text: str, pos: int = 0, folded: Optional[str] = None,
                  endpos: Optional[int] = None) -> tuple[list[tuple[str, int, int]], int]:
    """Agency names in a list starting at `pos`: [(printed, start, end)], end of the list.

    `folded` is `fold(text)` when the caller has it; `endpos` reads the text as if it ended
    there (the same as passing `text[:endpos]`, without the copy)."""
    f = folded if folded is not None else fold(text)
    n = len(text) if endpos is None else endpos
    out = []
    cur = pos if pos >= n else _WS_RE.match(text, pos, n).end()  # _after_ws(text, pos, n)
    end = pos
    while cur < n:
        # request prefix before a name: "Đề nghị Ủy ban MTTQ …"
        m = match_agency(text, cur, f, n)
        if not m:
            break
        out.append((text[cur:m[0]], cur, m[0]))
        end = m[0]
        s = _SEP_RE.match(text, end, n)
        if not s:
            break
        cur = s.end()
    return out, end


_SEMI_RE = re.compile(r"\s*;\s*")
_COMMA_VA_RE = re.compile(r"\s*,\s*|\s+và\s+")


def split_agency_field(value: str) -> list[str]:
    """A field value 'A; B, C' -> names. Splits on ';' always, on ',' / 'và' before a head word."""
    out = []
    for part in _SEMI_RE.split(value):
        part = squash_name(part)
        if not part:
            continue
        f = fold(part)
        cuts = [0]
        for m in _COMMA_VA_RE.finditer(part):
            nxt = m.end()
            if match_agency(part, nxt, f) and not _inside_official(f, m.start()):
                cuts.append(nxt)
                cuts.append(-m.start() - 1)  # marker of the separator start
        pieces = []
        start = 0
        seps = [c for c in cuts[1:]]
        i = 0
        while i < len(seps):
            nxt, sep_start = seps[i], -seps[i + 1] - 1
            pieces.append(part[start:sep_start])
            start = nxt
            i += 2
        pieces.append(part[start:])
        out.extend(squash_name(p) for p in pieces if squash_name(p))
    return out


def _inside_official(f: str, at: int) -> bool:
    """Is position `at` inside an official name that spans it?"""
    for m in _official_re().finditer(f):
        if m.start() < at < m.end():
            return True
    g = None
    for g in _group_re().finditer(f):
        if g.start() < at < g.end():
            return True
    return False
