"""The kind of a text, from its structure, not its topic: `classify(ct, header)`.

- **official** (the text is the document): its header at the top (at most PROSE_BEFORE
  characters of prose before it, no page's mark) with two of the national or Party heading,
  "Số: 71/KH-UBND", "Hà Nội, ngày …" and the type title, one of them the number or the date;
  or a portal's metadata table at the top whose "Số hiệu" is the number of a "Số:" line
  below; or, no header at the top and no page's mark anywhere, its own "… ban hành Kế hoạch
  … như sau:", or two kinds of evidence of which one opens it (a header line, "Căn cứ …;",
  "QUYẾT ĐỊNH:", "Kính gửi:") or which are "Nơi nhận:" and a signature block.
- **page** (Q&A, news, encyclopedia, listing, download page; a header after the text's own
  prose is a quoted document): it mentions a số ký hiệu, a law by name and year, or the
  issuing of a text. **unrelated**: neither.

Reasons are codes with evidence ("symbol_line:Số: 71/KH-UBND", "no_document_mention").
Phrases: tables/kind_cues.csv; type words: tables/type_words.csv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

from graph import tables
from graph.extract.dates import DATE_BODY
from graph.extract.header import extract_header
from graph.extract.normalize import CleanText, clean
from graph.text import squash, symbol_norm
from graph.extract.symbols import find_symbols, parse_match, symbol_re
from graph.models import Header

OFFICIAL, PAGE, UNRELATED = "official", "page", "unrelated"
KINDS = (OFFICIAL, PAGE, UNRELATED)

HEAD_PARAS = 40  # the printed header, and a header-less body's opening, are in these paragraphs
LINE_MAX = 160  # a header line is short; prose is longer
PROSE_MIN = 80  # a paragraph this long, not in capitals, is prose
PROSE_BEFORE = 300  # characters of prose that may precede the header (a portal's notice, a title)
LISTING_NUMBERS = 3  # distinct "Số: …" lines near the top that make a list of documents, not a header
REST_MAX = 30  # what may follow "…, ngày … năm …" on its line (a header's date ends its line)
EVIDENCE_MAX = 60  # characters of evidence kept in a reason
CONTAINS_HEAD, CONTAINS_TAIL = 6000, 3000  # where the marks found anywhere on a line are looked for

HEADER_CUES = ("national_heading", "party_heading", "symbol_line", "place_date", "type_title")
IDENTITY_CUES = ("symbol_line", "place_date")  # what tells one document from another
OPENING_CUES = ("self_issue", "preamble", "enacting_formula", "letter_opening")  # read near the top only
CLOSING_CUES = ("recipients", "signature_block")  # read anywhere
# a page's marks, with "question_title", "quoted_document", "document_list", "template" and,
# before a header only (a document's body often opens so), "news_report"; "portal_chrome" is none
PAGE_CUES = ("qa_markers", "download_link", "encyclopedia", "byline")


@dataclass(frozen=True)
class Kind:
    """What a text is, and why. `score`: kinds of official evidence minus kinds of page marks
    (for sorting and inspection; the rules above decide)."""

    kind: str
    reasons: tuple[str, ...] = ()
    score: int = 0

    def to_dict(self) -> dict:
        return {"kind": self.kind, "reasons": list(self.reasons), "score": self.score}


class Cue(NamedTuple):
    cue: str  # a reason code
    start: int  # offset in the clean text
    evidence: str


def classify_text(text: str) -> Kind:
    """The kind of a raw text (cleaned and its header read here)."""
    ct = clean(text)
    return classify(ct, extract_header(ct))


def classify(ct: CleanText, header: Optional[Header] = None) -> Kind:
    """The kind of a cleaned text; `header` is `extract_header(ct)` (its number, when the
    header block names one, joins the reasons)."""
    top_end = ct.paragraphs[min(HEAD_PARAS, len(ct.paragraphs)) - 1][1] if ct.paragraphs else 0
    sums = _prose_sums(ct, skip_preamble=False)
    portal = _portal_document(ct, top_end)
    if portal and _near_top(ct, sums, portal[0].start) and not _marks_before(ct, portal[0].start):
        return _official(portal, header, "portal_document")
    head_end = _head_end(ct, sums)
    head = [c for c in _header_cues(ct, 0, head_end) if _near_top(ct, sums, c.start)]
    before: list[Cue] = []  # the marks of a page before a header
    numbers = [c for c in head if c.cue == "symbol_line"]
    if len({c.evidence for c in numbers}) >= LISTING_NUMBERS:  # a list of documents
        before = [Cue("document_list", numbers[0].start, numbers[0].evidence)]
    elif _is_header(head):
        before = _marks_before(ct, min(c.start for c in head))
        if not before:
            return _official(head, header, "header_at_top")
    lines = _line_cues(ct, len(ct.text), anywhere=False)
    body_sums = _prose_sums(ct, skip_preamble=True)
    body_end = _head_end(ct, body_sums)
    issues = list(_issues(ct, 0, body_end))
    page = _page_cues(ct, lines, before + _template(ct, body_end))
    if not page:  # the marks found anywhere on a line are looked for only when needed
        page = _page_cues(ct, _contains_cues(ct.text, len(ct.text)), page)
    if not page and not _is_header(head) and _is_header(zone := head + list(_header_cues(ct, head_end, top_end))):
        first = min(c.start for c in zone)  # a header after the text's own prose: a quoted document
        page = [Cue("quoted_document", first, ct.text[slice(*_line_at(ct.text, first))])]
    body = [c for c in lines + issues + _preamble(ct, body_sums) if c.cue in CLOSING_CUES or (
        c.cue in OPENING_CUES and c.start < top_end and _near_top(ct, body_sums, c.start))]
    if not page:
        official = _body_official(head, body, issues)
        if official:
            return _official(official[1], header, official[0])
    official = _distinct(head + body)
    reports = [c for c in issues if c.cue == "news_report"]
    reasons = [_reason(c) for c in page + _distinct(reports) + official]
    reasons += [_reason(c) for c in lines if c.cue == "portal_chrome"][:1]
    score = len(official) - len(page)
    mention = _document_mention(ct.text) or next((c.evidence for c in reports), None)
    if mention:
        return Kind(PAGE, tuple(reasons + ["document_mention:" + _clip(mention)]), score)
    return Kind(UNRELATED, tuple(reasons + ["no_document_mention"]), score)


def _marks_before(ct: CleanText, end: int) -> list[Cue]:
    """The marks of a page before `end` (where a header or a portal's table begins)."""
    return _page_cues(ct, _line_cues(ct, end), list(_issues(ct, 0, end, "news_report")))


def _body_official(head: list[Cue], body: list[Cue], issues: list[Cue]) -> Optional[tuple[str, list[Cue]]]:
    """(rule, evidence) when a text with no header at its top and no page's mark is a document."""
    opening = [c for c in issues if c.cue == "self_issue"]
    if opening and opening[0].evidence.rstrip().endswith(":"):
        return "body_issues_itself", body + head
    evidence = _distinct(body + head)
    kinds = {c.cue for c in evidence}
    if len(kinds) >= 2 and (kinds & set(HEADER_CUES + OPENING_CUES) or set(CLOSING_CUES) <= kinds):
        return "document_body", evidence
    return None


def _template(ct: CleanText, end: int) -> list[Cue]:
    """A form, not a document: a line near the top opening "Số: ……", "Kính gửi: ……", "……, ngày"."""
    m = _body_res()[4].search(ct.text, 0, end)
    return [Cue("template", m.end() - 1, ct.text[slice(*_line_at(ct.text, m.end() - 1))])] if m else []


def _is_header(cues: list[Cue]) -> bool:
    """Two kinds of header item, one of them the number or the date."""
    kinds = {c.cue for c in cues}
    return len(kinds) >= 2 and bool(kinds & set(IDENTITY_CUES))


def _official(cues: list[Cue], header: Optional[Header], rule: str) -> Kind:
    cues = _distinct(cues)
    reasons = [rule] + [_reason(c) for c in cues]
    if header is not None and header.symbol:
        reasons.append("header_symbol:" + header.symbol)
    return Kind(OFFICIAL, tuple(reasons), len(cues))


def _distinct(cues: list[Cue]) -> list[Cue]:
    """The first cue of each kind, in the order of the text."""
    seen: dict[str, Cue] = {}
    for c in sorted(cues, key=lambda c: c.start):
        seen.setdefault(c.cue, c)
    return list(seen.values())


def _reason(c: Cue) -> str:
    return f"{c.cue}:{_clip(c.evidence)}"


def _clip(s: str) -> str:
    s = squash(s)
    return s if len(s) <= EVIDENCE_MAX else s[:EVIDENCE_MAX - 1] + "…"


# --- where things are -------------------------------------------------------------------


def _prose_sums(ct: CleanText, skip_preamble: bool) -> list[int]:
    """Characters of prose before each of the first paragraphs, up to the first past
    PROSE_BEFORE (later paragraphs are past it too). A portal's title of the document shown
    ("Thông tư 110/2025/TT-BTC về …") is no prose; with `skip_preamble`, neither are a
    preamble's clauses ("Căn cứ Luật …;"), part of a document."""
    text = ct.text
    preamble = _body_res()[2] if skip_preamble else None
    sums = [0]
    for a, b in ct.paragraphs[:HEAD_PARAS]:
        n = sums[-1]
        if b - a >= PROSE_MIN and not text[a:b].isupper() and not _titles_a_document(text, a) and not (
                preamble and preamble.match(text, a, b) and text[b - 1] != ":"):
            n += b - a
        sums.append(n)
        if n > PROSE_BEFORE:
            break
    return sums


def _titles_a_document(text: str, a: int) -> bool:
    """Does the paragraph at `a` open with a type word and a số ký hiệu ("Thông tư 110/2025/TT-BTC
    về …")?"""
    m = _body_res()[0].match(text, a)
    return bool(m and symbol_re().match(text, m.end()))


def _near_top(ct: CleanText, sums: list[int], offset: int) -> bool:
    """Is the paragraph holding `offset` preceded by at most PROSE_BEFORE characters of prose?"""
    i = ct.paragraph_index(offset)
    return i < len(sums) and sums[i] <= PROSE_BEFORE


def _line_at(text: str, offset: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    return a, len(text) if b < 0 else b


# --- the tables -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str], ...]:
    """(cue, match, phrase) of tables/kind_cues.csv."""
    return tuple((r["cue"], r["match"], r["phrase"]) for r in tables.rows("kind_cues.csv")
                 if not r["cue"].startswith("#"))


@lru_cache(maxsize=None)
def _phrases(cue: str, match: str) -> tuple[str, ...]:
    """The phrases of a cue matched in one way, longest first."""
    return tuple(sorted({p for c, m, p in _rows() if c == cue and m == match}, key=len, reverse=True))


@lru_cache(maxsize=None)
def _cues_of(match: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for c, m, _ in _rows() if m == match))


def _alt(phrases) -> str:
    return "|".join(re.escape(p) for p in phrases)


@lru_cache(maxsize=None)
def _cased(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Each phrase as written and with its first letter a capital, longest first (matching
    these is far cheaper than ignoring case; a phrase in capitals is listed as such)."""
    out = {v for p in phrases for v in (p, p[:1].upper() + p[1:])}
    return tuple(sorted(out, key=len, reverse=True))


_CAPS_SET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ"
                      "ẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ")


def find_phrases(text: str, phrases, start: int = 0, end: Optional[int] = None) -> list[tuple[int, str]]:
    """(offset, phrase) of every occurrence of the phrases in text[start:end], in text order
    (str.find jumps to a phrase far faster than a regex alternation walks)."""
    end = len(text) if end is None else end
    found = []
    for p in phrases:
        i = text.find(p, start, end)
        while i >= 0:
            found.append((i, p))
            i = text.find(p, i + 1, end)
    found.sort()
    return found


def trie_pattern(phrases) -> str:
    """A regex that matches what `alternation(phrases)` (longest first) matches, the longest
    phrase at a place, written as a tree of the phrases' characters: the engine tests a
    character once instead of once per phrase."""
    root: dict = {}
    for p in phrases:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(root) or "(?!)"


@lru_cache(maxsize=1)
def _line_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each phrase read at a line's start, as it may be written -> its (cue, match)s."""
    forms: dict[str, list[tuple[str, str]]] = {}
    for match in ("line", "start", "caps_line", "caps_start", "dated_start"):
        for cue in _cues_of(match):
            phrases = _phrases(cue, match)
            for p in (phrases if match.startswith("caps") else _cased(phrases)):
                forms.setdefault(p, []).append((cue, match))
    return {p: tuple(v) for p, v in forms.items()}


@lru_cache(maxsize=1)
def _line_res() -> tuple[re.Pattern, re.Pattern]:
    """The phrases of `_line_forms` after a newline (so that the engine jumps from line to
    line), and the same on the first line."""
    body = trie_pattern(_line_forms())
    return re.compile(rf"\n[^\S\n]*(?P<p>{body})"), re.compile(rf"[^\S\n]*(?P<p>{body})")


def _form_holds(text: str, end: int, match: str) -> bool:
    """Does the line go on after a phrase ending at `end` as its `match` asks?"""
    if match in ("line", "caps_line"):
        rest = text[end:_line_at(text, end)[1]].strip()
        return rest in ("", ":") or (match == "line" and rest == ".")
    if match == "start":
        return end == len(text) or not (text[end].isalnum() or text[end] == "_")
    if match == "dated_start":
        return bool(_DATED_RE.match(text, end))
    rest = text[end:end + 8].lstrip(" \t")
    return bool(rest) and rest[0] in _CAPS_SET


def _line_cues(ct: CleanText, end: int, anywhere: bool = True) -> list[Cue]:
    """The cues read at lines' starts before `end` (the longest phrase whose line goes on as it
    asks), and with `anywhere` those of `_contains_cues`, in text order."""
    rx, first = _line_res()
    forms = _line_forms()
    text = ct.text
    found = []
    m = first.match(text, 0, end)
    for m in ([m] if m else []) + list(rx.finditer(text, 0, end)):
        a, phrase = m.start("p"), m.group("p")
        for k in range(len(phrase), 0, -1):
            cue = next((c for c, match in forms.get(phrase[:k], ()) if _form_holds(text, a + k, match)), None)
            if cue:
                found.append(Cue(cue, a, text[a:_line_at(text, a)[1]]))
                break
    if anywhere:
        found = sorted(found + _contains_cues(text, end), key=lambda c: c.start)
    return found


def _contains_cues(text: str, end: int) -> list[Cue]:
    """The cues found anywhere on a line (`contains`), in the first CONTAINS_HEAD and the last
    CONTAINS_TAIL characters before `end` (a page's marks are at its top and its foot)."""
    windows = [(0, min(end, CONTAINS_HEAD)), (max(CONTAINS_HEAD, end - CONTAINS_TAIL), end)]
    found = []
    for cue in _cues_of("contains"):
        for p in _phrases(cue, "contains"):
            at = [i for a, b in windows if a < b for i in (text.find(p, a, b),) if i >= 0]
            if at:
                found.append(Cue(cue, at[0], p))
    return found


def _page_cues(ct: CleanText, lines: list[Cue], reports: list[Cue]) -> list[Cue]:
    """The marks of a web page among the line cues, the reports of a text, and a first line
    that asks a question."""
    page = [c for c in lines if c.cue in PAGE_CUES] + reports
    if ct.paragraphs:
        a, b = ct.paragraphs[0]
        if ct.text[a:b].rstrip().endswith("?"):
            page.append(Cue("question_title", a, ct.text[a:b]))
    return _distinct(page)


# --- the printed header -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _head_res() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(what follows a number label, "…, ngày <date>", type title after a newline, the same on
    the first line), each opening with something cheap to find."""
    types = _alt(w.upper() for w, _ in tables.type_words())
    title = rf"[^\S\n]*(?P<type>{types})(?=[^\S\n]*(?:\n|$)|[^\S\n]+\w)"
    return (re.compile(r"[^\S\n]*:?\s{0,3}(?=\d)"),
            re.compile(rf",[^\S\n]*(?:{_alt(_cased(_phrases('place_date', 'date_word')))})[^\S\n]+(?:{DATE_BODY})"),
            re.compile(rf"\n{title}"), re.compile(title))


@lru_cache(maxsize=1)
def _headings() -> dict[str, str]:
    """Heading phrase -> its cue."""
    return {p: cue for cue in _cues_of("heading") for p in _phrases(cue, "heading")}


def _head_end(ct: CleanText, sums: list[int]) -> int:
    """The end of the paragraphs near the top (`_near_top`): where header items are looked for."""
    n = len(sums) - 1  # the last sum is past PROSE_BEFORE, or the paragraphs ran out
    return ct.paragraphs[n - 1][1] if n else 0


def _header_cues(ct: CleanText, start: int, end: int) -> Iterator[Cue]:
    """The header items in text[start:end], on short lines."""
    text = ct.text
    _, place_date, title, first_title = _head_res()
    for i, p in find_phrases(text, _headings(), start, end):
        if _stands_alone(text, i, i + len(p)):
            yield Cue(_headings()[p], i, p)
    for c, _ in _symbol_lines(text, start, end):
        yield c
    for m in place_date.finditer(text, start, end):
        place = _place_before(text, m.start())
        a, b = _line_at(text, m.end())
        if place >= 0 and b - a <= LINE_MAX and b - m.end() <= REST_MAX:
            yield Cue("place_date", place, text[place:m.end()])
    m = first_title.match(text, 0, end) if start == 0 else None
    for m in ([m] if m else []) + list(title.finditer(text, start, end)):
        a, b = _line_at(text, m.start("type"))
        if text[b - 1] != ":" and text[a:b].strip() not in _phrases("type_title", "not_title"):
            yield Cue("type_title", a, text[a:min(b, a + EVIDENCE_MAX)])


def _edge_before(text: str, i: int) -> bool:
    """May a header item begin at i: at a line's start, after a gap, a rule, a word in
    capitals or a heading (a flattened header: "CHÍNH PHỦ Số: …", "… Hạnh phúc Số: …")?"""
    before = text[text.rfind("\n", 0, i) + 1:i]
    stripped = before.rstrip()
    return (not stripped or before.endswith("  ") or stripped.endswith(_RULES[1:])
            or stripped.rsplit(None, 1)[-1].isupper() or stripped.endswith(tuple(_headings())))


def _ends_item(text: str, i: int) -> bool:
    """Does a header item end at i (or with the rest of its word, "…/VPCP-V.I"): at the line's
    end, before a gap, a rule or a capital (the next item on a flattened line); not inside a
    clause ("… bởi Luật số 87/2025/QH15;", "… số 12/KH-UBND ngày …")?"""
    n = len(text)
    j = i
    while j < n and not text[j].isspace():
        j += 1
    if text[i:j].endswith((";", ",")):
        return False
    k = j
    while k < n and text[k] in " \t":
        k += 1
    return k == n or text[k] == "\n" or k - j >= 2 or text[k] in _CAPS_SET or text[k] in "-_*=|"


def _place_before(text: str, comma: int) -> int:
    """Where the place name before "…, ngày" begins (at an edge, 1 to 40 characters, a letter
    first), or -1."""
    la = text.rfind("\n", 0, comma) + 1
    cut = la
    for m in _GAP_RE.finditer(text, la, comma):
        cut = m.end()
    name = text[cut:comma].strip()
    if len(name) > 40 or re.search(r"[\d,]", name):  # a flattened header: the words after a number
        words = name.split()
        k = max((j for j, w in enumerate(words) if symbol_re().fullmatch(w)), default=-1)
        name = " ".join(words[k + 1:]) if k >= 0 else ""
    ok = 0 < len(name) <= 40 and name[0].isupper() and not re.search(r"[\d,]", name)
    return comma - len(name) if ok else -1


_DATED_RE = re.compile(r"[,\s]{1,3}\d{1,2}[/-]\d{1,2}[/-](?:19|20)\d\d(?!\d)")
_GAP_RE = re.compile(r"[^\S\n]{2,}|[-_*=|]{2,}")


def _stands_alone(text: str, a: int, b: int) -> bool:
    """A heading on a short line, set off by the line's edges, gaps, rules, a number before it,
    the motto after it, or an issuer's name before it (a flattened header); not inside a
    title ("I- ĐẢNG CỘNG SẢN VIỆT NAM RA ĐỜI …")."""
    la, lb = _line_at(text, a)
    if lb - la > LINE_MAX:
        return False
    before, after = text[la:a], text[b:lb]
    words, nxt = before.split(), after.split()[:1]
    mixed = bool(nxt) and nxt[0][:1].isupper() and not nxt[0].isupper()  # "Độc lập", "Số:"
    right = not nxt or after.startswith(_RULES) or after[:1].isupper() or mixed
    left = (not words or before.endswith(_RULES) or any(ch.isdigit() for ch in words[-1])
            or ((not nxt or mixed) and before.isupper()))
    return left and right


_RULES = ("  ", "-", "_", "*", "=", "|")


def _symbol_lines(text: str, start: int, end: int) -> Iterator[tuple[Cue, str]]:
    """'Số: 71/KH-UBND' on a short line, at an edge (or 'Số:' and the number on the next
    line), and the number."""
    after, taken = _head_res()[0], -1
    for i, label in find_phrases(text, _phrases("symbol_line", "number_label"), start, end):
        m = after.match(text, i + len(label))
        s = symbol_re().match(text, m.end()) if m and i > taken else None
        if not s or not _edge_before(text, i) or not _ends_item(text, s.end()):
            continue
        a, b = _line_at(text, i)
        parsed = parse_match(s, lenient=True) if b - a <= LINE_MAX else None
        if parsed:
            taken = s.end()  # "SỐ" inside "LUẬT SỐ: …" is the same line
            yield Cue("symbol_line", i, f"{label}: {parsed.symbol}"), parsed.symbol


@lru_cache(maxsize=1)
def _meta_res() -> tuple[re.Pattern, tuple[str, ...]]:
    """(the number's label opening a line, every label with its colon) of a portal's table."""
    number, other = (_cased(_phrases("portal_metadata", m)) for m in ("meta_number", "meta_label"))
    return re.compile(rf"\n[^\S\n]*(?P<label>{_alt(number)})[^\S\n]*:\s*"), tuple(p + ":" for p in number + other)


def _portal_document(ct: CleanText, top_end: int) -> list[Cue]:
    """A legal portal's page of a document: a metadata table at the top whose "Số hiệu" is
    the number of a "Số:" line further down (the document itself is on the page)."""
    text = ct.text
    number, labels = _meta_res()
    m = number.search(text, 0, top_end)
    if not m or sum(text.find(p, 0, top_end) >= 0 for p in labels) < 2:
        return []
    s = symbol_re().match(text, m.end())
    if not (s and (parsed := parse_match(s, lenient=True))):
        return []
    want = symbol_norm(parsed.symbol)
    number_at = re.compile(rf"(?<![\d.,/-]){re.escape(parsed.number)}\s?[-/]")
    for found in number_at.finditer(text, s.end()):
        for c, symbol in _symbol_lines(text, max(0, found.start() - 30), found.start() + 1):
            if symbol_norm(symbol) == want:
                return [Cue("portal_metadata", m.start("label"), f"{m.group('label')}: {parsed.symbol}"), c]
    return []


# --- the body ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _body_res() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(a type word and "số" before a number; what follows an issuing verb in "<verb> <Type>",
    a number after the type word in the group 'number'; the opening words of a preamble's
    clause; a report's opening time: "Ngày 5/3, …", "Hôm nay", "Mới đây, …"; a placeholder)."""
    types = _alt(_cased(tuple(w for w, _ in tables.type_words())))
    times, after, openings = (_alt(_phrases("news_report", m)) for m in ("news_time", "news_after", "news_opening"))
    number = _alt(_cased(_phrases("symbol_line", "number_word")))
    return (re.compile(rf"(?:{types})\s+(?:(?:{number})\s+)?(?=\d)"),
            re.compile(rf"\s+(?P<type>{types})(?!\w)(?:(?P<number>\s*(?:{number})?\s*\d)|(?!\s*[:(]))"),
            re.compile(rf"[^\S\n]*(?:{_alt(_phrases('preamble', 'preamble'))})(?!\w)"),
            re.compile(rf"[^\S\n]*(?:(?:{times})\s+(?:{after}|\d)|(?:{openings})(?!\w))"),
            re.compile(rf"(?:^|\n)[^\S\n]*(?:(?:{_alt(_phrases('template', 'placeholder_after'))})[^\S\n]*:?"
                       rf"[^\S\n]*(?:\.{{3}}|…)|(?:\.{{3}}|…)[.…\s]*,[^\S\n]*(?:{_alt(_phrases('template', 'placeholder_date'))}))"))


def _reported(text: str, a: int, verb: int) -> bool:
    """Is the verb at `verb` (in the paragraph starting at `a`) reporting: after "vừa", "đã"
    (tables: news_verb), or in a paragraph that opens with a time?"""
    words = text[max(a, verb - 12):verb].split()
    news = {p.lower() for p in _phrases("self_issue", "news_verb")}
    return bool(words and words[-1].lower() in news) or bool(_body_res()[3].match(text, a, verb))


def _preamble(ct: CleanText, sums: list[int]) -> list[Cue]:
    """The first clause of a preamble near the top ("Căn cứ …;", "Xét …,"), not an answer's
    "Căn cứ … như sau:"."""
    text = ct.text
    rx = _body_res()[2]
    for i, (a, b) in enumerate(ct.paragraphs[:len(sums)]):
        if sums[i] > PROSE_BEFORE:
            break
        if text[b - 1] in ";," and rx.match(text, a, b):
            return [Cue("preamble", a, text[a:b])]
    return []


def _issues(ct: CleanText, start: int, end: int, only: Optional[str] = None) -> Iterator[Cue]:
    """The body's own "… ban hành Kế hoạch …" (cue 'self_issue', its paragraph as evidence),
    and the reports of another text: "… vừa ban hành Kế hoạch …", "ban hành Kế hoạch số 12/…",
    a paragraph that opens with a time ("Ngày 5/3, …") (cue 'news_report')."""
    text = ct.text
    for i, verb in find_phrases(text, _cased(_phrases("self_issue", "self_verb")), start, end):
        if i and text[i - 1].isalnum():
            continue  # the verb inside a word
        a, b = ct.paragraph_at(i)
        m = _body_res()[1].match(text, i + len(verb))
        reported = _reported(text, a, i)
        if not m and not reported:
            continue  # no type word after the verb
        cue = "news_report" if reported or m.group("number") else "self_issue"
        if cue == "self_issue" and not text[a:b].rstrip().endswith((":", ".")):
            continue  # a title ("Hậu Giang ban hành Kế hoạch …"), not the body's sentence
        if only is None or cue == only:
            yield Cue(cue, i, text[a:b] if cue == "self_issue" else text[i:(m.end() if m else i) + 40])


@lru_cache(maxsize=1)
def _law_name_re() -> re.Pattern:
    """What follows a law word in a law named with its year: 'Luật Đất đai 2024', 'Bộ luật
    Dân sự năm 2015', 'Luật Thi đua, khen thưởng 2022'."""
    year = _alt(_phrases("law_name", "year_word"))
    return re.compile(rf"(?:,?\s+[^\W\d_]+){{1,8}}?\s+(?:(?:{year})\s+)?(?:19|20)\d\d(?!\d)")


def _document_mention(text: str) -> Optional[str]:
    """The first số ký hiệu of the text, else the first law named with its year."""
    s = next(find_symbols(text), None)
    if s is not None:
        return s.symbol
    for i, word in find_phrases(text, _phrases("law_name", "law_word")):
        m = _law_name_re().match(text, i + len(word))
        if m and (i == 0 or not text[i - 1].isalnum()):
            return text[i:m.end()]
    return None
