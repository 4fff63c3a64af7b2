"""Agency names: read them out of running text and make them one official spelling.
`normalize_agency("Sở LĐTBXH tỉnh Quảng Ngãi")` gives the `Agency` "Sở Lao động - Thương binh
và Xã hội" of "Quảng Ngãi". Abbreviations, heads, names, group words and the words around names
(stop words: the verbs a name ends before) are in `graph/tables/agencies.csv` (column `kind`).
Groups ("UBND các huyện, thành phố", agency_groups.csv) stay groups (`is_group`). A unit ("Văn
phòng Sở") carries its agency as `parent`. `read_agencies(text, pos)` reads a list of names.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Optional

from graph import tables
from graph.text import casefold_key, fold, key, name_key, plain_dashes, squash_name


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
    def qualified(self) -> str:
        """Name with its province, for a graph node: 'Sở Y tế tỉnh Quảng Ngãi'."""
        if not self.jurisdiction or self.is_group or fold(self.jurisdiction) in fold(self.name):
            return self.name
        word = province_word()
        if self.name.endswith(" " + word):
            return f"{self.name} {self.jurisdiction}"
        if self.kind in _kinds("provincial_kind"):
            return f"{self.name} {word} {self.jurisdiction}"
        return self.name


# ---------------------------------------------------------------- tables

@cache
def _pairs(kind: str) -> tuple[tuple[str, str], ...]:
    """(short, full) of the agencies.csv rows of one kind, in table order."""
    return tuple((r["short"], r["full"]) for r in tables.rows("agencies.csv")
                 if r["kind"] == kind)


def _words(kind: str) -> tuple[str, ...]:
    """The 'short' column of the agencies.csv rows of one kind, in table order."""
    return tuple(short for short, _ in _pairs(kind))


@cache
def _kinds(kind: str) -> frozenset[str]:
    """Kinds of body listed under one kind of row ('provincial_kind', 'national_kind' …)."""
    return frozenset(_words(kind))


@cache
def cue_phrases(kind: str) -> tuple[str, ...]:
    """The words of one kind of agencies.csv (stop, request_prefix, and …), longest first."""
    return tuple(sorted(_words(kind), key=len, reverse=True))


@cache
def _folded_cues(kind: str) -> frozenset[str]:
    return frozenset(fold(p) for p in cue_phrases(kind))


def _literal_alt(phrases) -> str:
    """A regex alternative of the phrases as they are, longest first."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def province_word() -> str:
    """The word for a province inside a name ('tỉnh')."""
    return cue_phrases("province_word")[0]


_ABBR_STRIP_RE = re.compile(r"[\s&\-.]")


def _abbr_key(s: str) -> str:
    return key(_ABBR_STRIP_RE.sub("", s))


@cache
def abbreviations() -> dict[str, str]:
    return {_abbr_key(short): full for short, full in _pairs("abbr")}


@cache
def heads() -> list[tuple[str, str]]:
    """(folded head phrase, kind), longest first."""
    return sorted(((fold(short), kind) for short, kind in _pairs("head")), key=lambda r: -len(r[0]))


@cache
def official_names() -> list[tuple[str, str, str]]:
    """(name_key, official name, kind), longest first."""
    rows = [(name_key(name), name, kind) for name, kind in _pairs("name")]
    return sorted(rows, key=lambda r: -len(r[0]))


def _phrase_re(phrases) -> str:
    """The folded phrases as a regex alternative, longest first, words apart by any blanks."""
    parts = []
    for p in sorted(phrases, key=len, reverse=True):
        words = fold(p).split()
        parts.append(r"\s+".join(re.escape(w) for w in words))
    return "|".join(parts)


def _name_tokens(name: str) -> list[str]:
    return re.findall(r"\w+|[-,]", fold(name))


@cache
def _official_re() -> re.Pattern:
    """Official names over folded text; dash and comma spacing free."""
    alts = []
    for _, name, _ in official_names():
        toks = _name_tokens(name)
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


@cache
def _head_re() -> re.Pattern:
    return re.compile(r"(?:" + _phrase_re([h for h, _ in heads()]) + r")(?![\w&])")


@cache
def _first_words() -> Optional[frozenset[str]]:
    """The folded words a table pattern's match opens with; None: some opens with no word."""
    firsts = {fold(w) for w in _words("group_admin") + _words("group_each")}
    for _, name, _ in official_names():
        toks = _name_tokens(name)
        if not toks or toks[0] in "-,":
            return None
        firsts.add(toks[0])
    for phrase in [h for h, _ in heads()] + list(_words("group_noun")):
        words = fold(phrase).split()
        lead = re.match(r"\w+", words[0]) if words else None
        if lead is None:
            return None
        firsts.add(lead.group())
    return frozenset(w.split()[0] for w in firsts)


_WORD_RUN_RE = re.compile(r"\w*")


@cache
def _group_re() -> re.Pattern:
    """A group in folded text: "các sở, ban, ngành", "UBND (các) huyện, thị xã, thành phố"."""
    noun = "(?:" + _phrase_re(_words("group_noun")) + r")(?![\w])"
    listed = "(?:" + _phrase_re(_words("group_noun") + _words("group_noun_each")) + r")(?![\w])"
    qual = "(?:" + _phrase_re(_words("group_qualifier")) + r")(?![\w])"
    and_ = "(?:" + _literal_alt(_folded_cues("and")) + ")"
    follow = "|".join(re.escape(fold(w)) + r"\b" for w in _words("group_follow"))
    stop = _phrase_re(cue_phrases("stop"))  # "các sở, ban, ngành ban hành": no "ban" there
    sep = rf"(?:\s*,\s*|\s+{and_}\s+|\s*/\s*|\s+(?!(?:{stop})(?![\w]))(?={follow}))"
    admin = "(?:" + "|".join(re.escape(fold(w)) for w in _words("group_admin")) + r")\s+"
    each = "(?:" + "|".join(re.escape(fold(w)) for w in _words("group_each")) + ")"
    pat = (rf"(?:(?P<admin>{admin})?(?:{each}\s+{listed}(?:{sep}{listed})*"
           rf"|{noun}(?:\s*,\s*{noun})+(?:(?:\s*,\s*|\s+{and_}\s+){noun})*))"
           rf"(?:\s+(?P<qual>{qual}))?")
    return re.compile(pat)


@cache
def _stop_re() -> re.Pattern:
    return re.compile(r"(?:" + _phrase_re(cue_phrases("stop")) + r")(?![\w])")


@cache
def _group_phrases() -> tuple[str, ...]:
    return tuple(casefold_key(p) for p in tables.agency_groups())


@cache
def _folded_provinces() -> tuple[tuple[str, str], ...]:
    """(province, folded name), longest name first."""
    names = sorted((r["name"] for r in tables.provinces()), key=len, reverse=True)
    return tuple((p, fold(p)) for p in names)


@cache
def _province_leads() -> tuple[tuple[str, str], ...]:
    """(folded lead, the word the name keeps): ('tinh', 'tỉnh'), ('tp', 'thành phố') …"""
    return tuple((fold(lead), kept) for lead, kept in _pairs("province_lead"))


# ---------------------------------------------------------------- normalisation

_ABBR_TOKEN_RE = re.compile(r"(?<![\w&])[A-ZĐ][A-ZĐa-z]*(?:\s?[&\-]\s?[A-ZĐ][A-ZĐa-z]*)*(?![\w&])")


def expand_abbreviations(name: str) -> str:
    """Known abbreviations opened ("Sở LĐ-TB&XH"); a capitalised word ("Ban") is never one."""
    table = abbreviations()

    def repl(m: re.Match) -> str:
        tok = m.group(0)
        k = _abbr_key(tok)
        if k in table and not (tok[0].isupper() and tok[1:].islower() and len(tok) > 1):
            return table[k]
        return tok

    return _ABBR_TOKEN_RE.sub(repl, name)


# "(?<!\s)" before a run of blanks: a search tries the run from its start only (trying it
# from each of its blanks would read it once per blank); the matches are the same
_DASH_SPACING_RE = re.compile(r"(?:(?<!\s)\s+)?-\s*")


@cache
def _cc_mark_re() -> re.Pattern:
    return re.compile(r"(?<!\s)\s*\((?:" + _literal_alt(cue_phrases("cc_mark")) + r")\)\s*$", re.I)


@cache
def _request_prefix_re() -> Optional[re.Pattern]:
    pre = _phrase_re(cue_phrases("request_prefix"))
    return re.compile(rf"(?:{pre})\s+") if pre else None


def _tidy(name: str) -> str:
    s = plain_dashes(unicodedata.normalize("NFC", name))
    s = _cc_mark_re().sub("", s)
    s = _DASH_SPACING_RE.sub(" - ", s)
    s = squash_name(s)
    pre = _request_prefix_re()  # words before the name that ask it to act
    m = pre.match(fold(s)) if pre else None
    return s[m.end():] if m else s


@cache
def _province_ranks() -> dict[str, tuple[int, str]]:
    """Folded province name -> (rank, name), longest name first."""
    # reversed: the first (longest) of names folded alike is the one kept
    return {fp: (i, p) for i, (p, fp) in reversed(list(enumerate(_folded_provinces())))}


def _strip_province(s: str, province: Optional[str]) -> tuple[str, Optional[str]]:
    """'… tỉnh Quảng Ngãi' -> ('… tỉnh', 'Quảng Ngãi'); the longest province, first lead win."""
    f = fold(s)
    ranks = _province_ranks()
    best = None  # (province rank, lead rank, where the tail starts, the word kept, province)
    for j, (lead, kept) in enumerate(_province_leads()):
        needle = " " + lead + " "
        i = f.find(needle)
        while i >= 0:
            hit = ranks.get(f[i + len(needle):])
            if hit is not None and (best is None or (hit[0], j) < best[:2]):
                best = (hit[0], j, i, kept, hit[1])
            i = f.find(needle, i + 1)
    if best is None:
        return s, province
    return s[:best[2]] + " " + best[3], best[4]


def _kind_of(s: str) -> str:
    """The kind of the first head (longest first) that opens the name as whole words."""
    f = fold(s)
    for h, kind in heads():
        if f.startswith(h) and not f[len(h):len(h) + 1].isalnum():
            return kind
    return ""


@cache
def _officials() -> dict[str, tuple[str, str]]:
    """name_key -> (official name, kind), also without the province word (a department: with)."""
    tail = " " + name_key(province_word())
    departments = _kinds("department_kind")
    out: dict[str, tuple[str, str]] = {}
    for okey, official, okind in official_names():
        out.setdefault(okey, (official, okind))
        if okey.endswith(tail):
            out.setdefault(okey[:-len(tail)], (official, okind))
        if okind in departments:
            out.setdefault(okey + tail, (official, okind))
    return out


def _holds_group_phrase(name: str) -> bool:
    """Does the name hold a phrase of agency_groups.csv (case and form aside)?"""
    n = casefold_key(name)
    return any(p in n for p in _group_phrases())


def is_group_name(name: str) -> bool:
    """A group: opens with "các", lists group nouns, or holds a phrase of agency_groups.csv."""
    f = " " + name_key(name) + " "
    if any(f.startswith(" " + fold(w) + " ") for w in _words("group_each")):
        return True
    if _holds_group_phrase(name):
        return True
    m = _group_re().match(fold(squash_name(name)))
    return bool(m and m.end() >= len(squash_name(name)) - 1 and "," in name)


@cache
def _parent_link_re() -> re.Pattern:
    return re.compile(r"(?<!\s)\s+(?:" + _literal_alt(cue_phrases("parent_link")) + r")\s+(.+)$")


@cache
def _issuer_word_re() -> re.Pattern:
    return re.compile(r"\b(?:" + _literal_alt(cue_phrases("issuer_word")) + r")$")


def _parent_of(s: str, kind: str, province: Optional[str],
               parent: Optional[str]) -> Optional[str]:
    """The agency of a unit: "X thuộc Y" -> Y; "Văn phòng Sở", "Phòng …" -> the issuer."""
    m = _parent_link_re().search(s)
    if m:
        tail = name_key(m.group(1))
        if tail in {name_key(w) for w in cue_phrases("issuer_word")}:
            return parent
        if parent and tail in {name_key(w) for w in cue_phrases("issuer_admin")}:
            return parent
        return normalize_agency(m.group(1), province).name
    if parent and (_issuer_word_re().search(s) or kind in _kinds("unit_kind")):
        return parent
    return None


def normalize_agency(name: str, province: Optional[str] = None,
                     parent: Optional[str] = None) -> Agency:
    """One official spelling of a name; `province`: the document's; `parent`: its issuer."""
    printed = squash_name(name)
    s = _tidy(name)
    s = expand_abbreviations(s)
    s = _DASH_SPACING_RE.sub(" - ", s)
    s = squash_name(s)
    s, juris = _strip_province(s, province)
    kind = _kind_of(s)
    word = " " + province_word()
    hit = _officials().get(name_key(s))
    if hit is not None:
        s, kind = hit
    elif kind in _kinds("department_kind") and s.endswith(word):
        s = s[: -len(word)]
    if s and s[0].islower():
        s = s[0].upper() + s[1:]
    # the printed name too: a name holding a group phrase is a group whatever it becomes
    group = is_group_name(s) or _holds_group_phrase(name)
    relative = any(name_key(s).startswith(name_key(r)) for r in _words("relative_group"))
    par = _parent_of(s, kind, province, parent)
    if kind in _kinds("national_kind") and not s.endswith(word):
        juris = None
    elif juris is None:
        juris = province
    return Agency(name=s, printed=printed, kind="group" if group else kind, is_group=group,
                  parent=par, jurisdiction=juris, relative=relative)


# ---------------------------------------------------------------- reading names in text

_WS_RE = re.compile(r"[ \t]*")
_FIRST_WORD_RE = re.compile(r"\s+([^\W\d_][\w&\-]*)")
_WORD_RE = re.compile(r"(\s+)([^\W_][\w&]*(?:\s?-\s?[^\W_][\w&]*)*)")


def after_ws(text: str, pos: int, endpos: Optional[int] = None) -> int:
    """The end of the spaces and tabs at `pos` (text read as if it ended at `endpos`)."""
    endpos = len(text) if endpos is None else endpos
    return pos if pos >= endpos else _WS_RE.match(text, pos, endpos).end()


def match_agency(text: str, pos: int, folded: Optional[str] = None,
                 endpos: Optional[int] = None) -> Optional[tuple[int, bool]]:
    """(End, is a group) of an agency name at `pos`, else None; the text ends at `endpos`."""
    f = folded if folded is not None else fold(text)
    n = len(text) if endpos is None else endpos
    if pos > 0 and f[pos - 1].isalnum():
        return None
    # the fast path (_match_tables gives None there too; tests/extract/test_fast_paths.py):
    # every alternative of the three table patterns opens with a whole word, so a word no
    # table opens with is no name
    firsts = _first_words()
    if firsts is not None and _WORD_RUN_RE.match(f, pos, n).group() not in firsts:
        return None
    return _match_tables(text, f, pos, n)


def _marks(word: str) -> str:  # in any order: 'Uỷ' and 'Ủy' alike; '' for a word without
    return "".join(sorted(c for c in unicodedata.normalize("NFD", word.lower())
                          if c == "đ" or unicodedata.category(c) == "Mn"))


_NAME_KINDS = ("head", "name", "group_noun", "group_noun_each", "group_admin", "group_each",
               "group_qualifier", "and", "level_tail")  # the rows whose words a name is read with


@cache
def _table_marks(kinds: tuple[str, ...]) -> dict[str, set[str]]:
    """Folded word of the rows of `kinds` -> the marks it is printed with."""
    out: dict[str, set[str]] = {}
    for w in re.findall(r"\w+", " ".join(w for k in kinds for w in _words(k))):
        out.setdefault(fold(w), set()).add(_marks(w))
    return out


def _marks_fit(text: str, a: int, b: int, kinds: tuple[str, ...] = _NAME_KINDS) -> bool:
    """Are text[a:b]'s words printed with their table marks ("Số" is not "Sở"; "So" fits)?"""
    known = _table_marks(kinds)
    return all(not m or fold(w) not in known or m in known[fold(w)]
               for w in re.findall(r"\w+", text[a:b]) for m in (_marks(w),))


def _match_tables(text: str, f: str, pos: int, n: int) -> Optional[tuple[int, bool]]:
    """match_agency by the table patterns: a group, an official name, or a head and the
    words after it; its table words printed with their marks."""
    # groups first: "các sở, ban, ngành liên quan", "UBND huyện, thị xã, thành phố"
    g = _group_re().match(f, pos, n)
    g = g if g and _marks_fit(text, pos, g.end()) else None
    official = _official_re().match(f, pos, n)
    official = official if official and _marks_fit(text, pos, official.end()) else None
    if g and (not official or g.end() > official.end()):
        # "… trực thuộc Sở" / "… thuộc Sở Y tế"
        if g.group("qual") and g.group("qual").strip() in _folded_cues("parent_link"):
            sub = match_agency(text, after_ws(text, g.end(), n), f, n)
            return (sub[0], True) if sub else None
        return g.end(), True
    if official:
        return _province_tail(f, official.end(), n), False
    h = _head_re().match(f, pos, n)
    if not h or not _marks_fit(text, pos, h.end(), ("head",)):  # "bàn" is not "Ban"
        return None
    end = h.end()
    # the first word after the head is capitalised (or an abbreviation): "Sở Y tế", "Sở LĐTBXH"
    m = _FIRST_WORD_RE.match(text, end, n)
    if not m or not (m.group(1)[0].isupper()):
        tail = _province_tail(f, end, n)  # a head alone is a name where the name ends
        alone = tail > end or ends_name(text, f, end, n)  # "Sở chủ trì"; not "so sánh"
        return (tail, False) if alone and f[pos:end] in _folded_cues("head_alone") else None
    return _name_end(text, f, m.end(), n), False


def ends_name(text: str, f: str, at: int, n: int) -> bool:
    """Does a name end at `at`: no word follows, or a stop phrase (a verb), 'và', 'các' does?"""
    m = _WORD_RE.match(text, at, n)
    if not m or "\n" in m.group(1) or not m.group(2)[0].islower():
        return True
    w, joins = m.start(2), _folded_cues("and") | _folded_cues("with") | _folded_cues("group_each")
    st = _stop_re().match(f, w, n)
    return bool(st and _marks_fit(text, w, st.end(), ("stop",))) or f[w:m.end()] in joins


def _name_end(text: str, f: str, end: int, n: int) -> int:
    """The end of a name whose head and first word end at `end`: words up to punctuation, a
    stop phrase (a verb: "ban hành") or 'và' + another agency."""
    stop = _stop_re()
    and_words = _folded_cues("and")
    while True:
        m = _WORD_RE.match(text, end, n)
        if not m or "\n\n" in m.group(1):  # a name never runs over a blank line
            break
        wstart = m.start(2)
        # "Bộ Quốc phòng các tỉnh …": a group after the name (not a level: "… các cấp")
        if (f[wstart:m.end()] in _folded_cues("group_each") and _group_re().match(f, wstart, n)
                and _province_tail(f, end, n) == end):
            break
        if f[wstart:m.end()] in and_words:
            nxt = after_ws(text, m.end(), n)
            if match_agency(text, nxt, f, n) or _group_re().match(f, nxt, n):
                break
            end = m.end()
            continue
        # a verb ends the name; on a new line a capitalised one too ("… tỉnh\nChủ trì, …")
        st = stop.match(f, wstart, n) if m.group(2)[0].islower() or "\n" in m.group(1) else None
        if st and _marks_fit(text, wstart, st.end(), ("stop",)):  # "dạng" is not "đang"
            break
        end = m.end()
    return end


@cache
def _province_tail_re() -> re.Pattern:
    """A level ("cấp xã"), or a province lead written out ("tỉnh") and perhaps a province."""
    leads = _literal_alt({lead for lead, kept in _province_leads() if lead == fold(kept)})
    names = sorted((fp for _, fp in _folded_provinces()), key=len, reverse=True)
    return re.compile(rf"(?:\s+(?:{_phrase_re(_words('level_tail'))})(?![\w])|\s+(?:{leads})(?![\w])"
                      r"(?:\s+(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w]))?)?")


def _province_tail(f: str, end: int, n: int) -> int:
    """The end of "… tỉnh Quảng Ngãi" / "… tỉnh" after a name ending at `end`."""
    return _province_tail_re().match(f, end, n).end()


@cache
def sep_re() -> re.Pattern:
    """What parts two names of a list: ',', ';', 'và', 'cùng', '&', or a blank before 'các'."""
    joins = _literal_alt(cue_phrases("and") + cue_phrases("with"))
    each = _literal_alt(_words("group_each"))
    return re.compile(rf"\s*(?:,|;|\s+(?:{joins})\s+|\s*&\s*)\s*|\s+(?=(?:{each})\s)")


def read_agencies(text: str, pos: int = 0, folded: Optional[str] = None,
                  endpos: Optional[int] = None) -> tuple[list[tuple[str, int, int]], int]:
    """A list of names at `pos`: [(printed, start, end)], its end; text ends at `endpos`."""
    f = folded if folded is not None else fold(text)
    n = len(text) if endpos is None else endpos
    out = []
    cur = after_ws(text, pos, n)
    end = pos
    sep = sep_re()
    while cur < n:
        m = match_agency(text, cur, f, n)
        if not m:
            break
        out.append((text[cur:m[0]], cur, m[0]))
        end = m[0]
        s = sep.match(text, end, n)
        if not s:
            break
        cur = s.end()
    return out, end


_SEMI_RE = re.compile(r"(?:(?<!\s)\s+)?;\s*")  # (?<!\s): see _DASH_SPACING_RE


@cache
def _comma_and_re() -> re.Pattern:
    return re.compile(r"(?:(?<!\s)\s+)?,\s*|(?<!\s)\s+(?:" + _literal_alt(cue_phrases("and")) + r")\s+")


def split_agency_field(value: str) -> list[str]:
    """A field value 'A; B, C' -> names. Splits on ';' always, on ',' / 'và' before a head word."""
    out = []
    for part in _SEMI_RE.split(value):
        part = squash_name(part)
        if not part:
            continue
        f = fold(part)
        pieces, start, spans = [], 0, _name_spans(f)
        for m in _comma_and_re().finditer(part):
            if match_agency(part, m.end(), f) and not _inside(spans, m.start()):
                pieces.append(part[start:m.start()])
                start = m.end()
        pieces.append(part[start:])
        out.extend(squash_name(p) for p in pieces if squash_name(p))
    return out


def field_names(value: str) -> list[str]:
    """The names of a field value ('Cơ quan chủ trì: …'): each piece (`split_agency_field`)
    opening with a name that ends there or before a verb, cut there ("Nghìn đồng/tháng": none)."""
    out = []
    for piece in (p.strip(" .;:") for p in split_agency_field(value)):
        m = match_agency(piece, 0, f := fold(piece))
        if m and ends_name(piece, f, m[0], len(piece)):
            out.append(piece[:m[0]])
    return out


def _inside_name(f: str, at: int) -> bool:
    """Is position `at` inside an official name or a group that spans it?"""
    for pat in (_official_re(), _group_re()):
        for m in pat.finditer(f):
            if m.start() < at < m.end():
                return True
    return False


def _name_spans(f: str) -> list[list[tuple[int, int]]]:
    """The spans of the official names, then of the groups, in f (for `_inside`)."""
    return [[m.span() for m in pat.finditer(f)] for pat in (_official_re(), _group_re())]


def _inside(spans, at: int) -> bool:
    """`_inside_name(f, at)` from `_name_spans(f)` (spans of one pattern never overlap)."""
    for sp in spans:
        i = bisect_left(sp, (at,)) - 1
        if i >= 0 and sp[i][1] > at:
            return True
    return False
