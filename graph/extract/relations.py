"""Relations a document states: what it implements, and statements between other documents.

Over the mentions `references` found (in text order):
- `implements`: citations at the top level of the title and preamble's opening "Thực hiện …"
  passage, and "<cơ quan> ban hành Kế hoạch thực hiện X";
- statements: "A … thực hiện B", "A và B thực hiện C" (B is then inner: A's, not the document's).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from graph import tables
from graph.extract import patterns
from graph.extract.mentions import Mention
from graph.extract.normalize import CleanText
from graph.extract.shortforms import type_word_re
from graph.models import IMPLEMENTS, Statement
from graph.text import mostly_upper, squash

SECTION_RE = re.compile(r"^\s*(?:[IVX]{1,5}\.|Điều\s+1\b|Chương\s+I\b|Phần\s+I\b|1\.\s)", re.IGNORECASE)
# the same at a paragraph's start in the text (`match(text, a, b)`: no slice of the paragraph)
_SECTION_AT_RE = re.compile(SECTION_RE.pattern.removeprefix("^"), SECTION_RE.flags)


@lru_cache(maxsize=1)
def _statement_cue_re() -> re.Pattern:
    """A cue right before an object: '… thực hiện [Kế hoạch] [số] <object>'."""
    cues = patterns.alternation(tables.cues("statement_verb"))
    return re.compile(rf"(?:{cues})\s+(?:có hiệu quả\s+|tốt\s+|các\s+)?(?:{type_word_re()}(?:\s+[^\W\d]+){{0,2}}?\s+)?(?:số\s+)?$",
                      re.IGNORECASE)


# a sentence ends between a subject and its verb: "… Chỉ thị số 27/CT-TTg. Ủy ban nhân dân …"
_SENTENCE_END_RE = re.compile(r"[.;:]\s+(?=[^\W\d_])")


@lru_cache(maxsize=1)
def _not_implementing_re() -> re.Pattern:
    """'tình hình', 'khó khăn trong việc' right before a statement verb (tables/cues.csv,
    not_implementing): a report on carrying out, a difficulty in it, is no carrying out."""
    words = patterns.alternation(tables.cues("not_implementing"))
    return re.compile(rf"(?<!\w)(?:{words})\s+(?:việc\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _conditional_re() -> re.Pattern:
    """'… thì …' (tables/cues.csv, conditional) in an opening sentence: a letter's answer."""
    return re.compile(rf"(?<!\w)(?:{patterns.alternation(tables.cues('conditional'))})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _proposal_re() -> re.Pattern:
    """A proposal's title, 'TỜ TRÌNH' (tables/cues.csv, proposal_title)."""
    return re.compile(rf"\W*(?:{patterns.alternation(tables.cues('proposal_title'))})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _list_item_re() -> re.Pattern:
    """A paragraph that opens with a citation: the next item of a 'Thực hiện …;' list."""
    return re.compile(rf"\W*(?:{type_word_re()})(?!\w)", re.IGNORECASE)


# the first citation of an opening passage follows its cue closely: "Thực hiện Nghị quyết số …",
# "Thực hiện ý kiến chỉ đạo của Phó Thủ tướng … tại Văn bản số …"; "Thực hiện một hành vi vi
# phạm hành chính … Nghị định …" (to commit an offence) is no opening
OPENING_REACH = 100
HEAD_PARAS = 12  # a proposal's title 'TỜ TRÌNH' is among the first paragraphs


@lru_cache(maxsize=1)
def opening_re() -> re.Pattern:
    cues = patterns.alternation(tables.cues("implements_opening"))
    return re.compile(rf"^\W*(?:{cues})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _title_implements_re() -> re.Pattern:
    cues = patterns.alternation(tables.cues("implements_opening"))
    return re.compile(rf"^\W*(?:{type_word_re()}\s+)?(?:{cues})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _issuing_re() -> re.Pattern:
    """'<cơ quan> ban hành Kế hoạch (triển khai) thực hiện <object>'."""
    verbs = patterns.alternation(tables.cues("issuing_verb"))
    cues = patterns.alternation(tables.cues("implements_opening"))
    return re.compile(rf"(?:{verbs})\s+(?:{type_word_re()})(?:\s+[^\W\d]+){{0,3}}?\s+(?:{cues})\s+(?:{type_word_re()}\s+)?(?:số\s+)?$",
                      re.IGNORECASE)


def header_zone(ct: CleanText) -> list[tuple[int, int]]:
    """Title and preamble paragraphs: everything before the first section heading."""
    zone = []
    for a, b in ct.paragraphs:
        if zone and _SECTION_AT_RE.match(ct.text, a, b):
            break
        zone.append((a, b))
        if len(zone) > 40:
            break
    return zone


def mark_inner_and_statements(ct: CleanText, mentions: list[Mention]) -> list[Statement]:
    """'A … thực hiện B': B is inner (object of A's cue) and A implements B."""
    statements = []
    text = ct.text
    starts = [m.start for m in mentions]
    for i, m in enumerate(mentions):
        if i == 0:
            continue
        a0 = ct.clause_start(m.start)
        before_text = text[max(a0, m.start - 120):m.start]
        cue = _statement_cue_re().search(before_text)
        if not cue:
            continue
        if _not_implementing_re().search(before_text, 0, cue.start()):
            m.inner = True  # "… về tình hình thực hiện X": X is the other document's, no statement
            continue
        prev = [p for p in mentions[bisect_left(starts, a0, 0, i):i] if p.end <= m.start]
        if not prev:
            continue
        # the nearest earlier mention in the clause that is not itself an object
        subj_idx = len(prev) - 1
        subjects = []
        while subj_idx >= 0:
            s = prev[subj_idx]
            if s.inner:
                break
            if s.symbol != m.symbol:
                subjects.append(s)
            # "A và B thực hiện C": go on to A when joined by 'và' or ','
            if subj_idx > 0:
                gap = text[prev[subj_idx - 1].end:s.start]
                if re.search(rf"(?:^|\s)(?:và|,)\s+(?:{type_word_re()}\s+)?(?:số\s+)?$", gap, re.IGNORECASE) \
                        and len(gap) < 120 and not prev[subj_idx - 1].inner \
                        and not _statement_cue_re().search(gap):
                    subj_idx -= 1
                    continue
            break
        cue_at = m.start - len(before_text) + cue.start()
        subjects = [s for s in subjects if not _SENTENCE_END_RE.search(text, s.end, cue_at)]
        if not subjects:
            continue
        m.inner = True
        ev = _statement_evidence(ct, subjects[-1], m, mentions[i + 1:])
        for s in subjects:
            statements.append(Statement(s.symbol, IMPLEMENTS, m.symbol, ev, s.start))
    return statements


def _statement_evidence(ct: CleanText, subject: Mention, obj: Mention, later: list[Mention]) -> str:
    """From the subject's name to the end of the object's description: 'Kế hoạch số 128-KH/TU …
    thực hiện Nghị quyết số 21-NQ/TW … về công tác dân số (sau đây gọi tắt là Kế hoạch 128)'."""
    text = ct.text
    a0, a1 = ct.sentence_at(subject.start, obj.end)
    start = subject.start
    lead = re.search(rf"(?:{type_word_re()})(?:\s+[^\W\d]+){{0,3}}?\s+(?:số\s+)?$", text[max(a0, start - 60):start],
                     re.IGNORECASE)
    if lead:
        start -= len(lead.group(0))
    end = a1
    for nxt in later:
        if nxt.start >= obj.end and nxt.match is not None:
            end = min(end, nxt.start)
            break
    piece = text[start:end]
    # stop before the words that introduce the next citation ("và Kế hoạch số …")
    piece = re.sub(rf"(?:[,;]|\s+và)?\s+(?:{type_word_re()})(?:\s+[^\W\d]+){{0,3}}?\s+(?:số\s*)?$", "", piece,
                   flags=re.IGNORECASE)
    return squash(piece)


def implemented_symbols(ct: CleanText, mentions: list[Mention], zone: list[tuple[int, int]]) -> dict[str, int]:
    """Symbols the document implements -> offset of the mention that says so."""
    out: dict[str, int] = {}
    text = ct.text
    starts = [m.start for m in mentions]
    proposal = any(_proposal_re().match(text, a, b) and _is_title(text[a:b]) for a, b in zone[:HEAD_PARAS])
    in_list = False  # the paragraph before is an opening passage that goes on (ends with ';')
    for a, b in zone:
        in_para = mentions[bisect_left(starts, a):bisect_left(starts, b)]
        para = text[a:b]
        if in_list and _list_item_re().match(para):
            opening = True
        else:
            opening = _opening(para, a, in_para, proposal)
        in_list = bool(opening) and para.rstrip().endswith((";", ","))
        if not in_para:
            continue
        if opening:
            # every citation at the top level of the passage; one that is the object of another
            # citation's cue ("Kế hoạch 127 … thực hiện Nghị quyết 20") is that one's, not ours
            for m in in_para:
                if not m.inner:
                    out.setdefault(m.symbol, m.start)
        if proposal:
            continue  # "Tờ trình về việc ban hành Kế hoạch thực hiện X": the plan will implement X
        # '<cơ quan> ban hành Kế hoạch thực hiện X'
        for m in in_para:
            if not m.inner and _issuing_re().search(text[max(a, m.start - 120):m.start]):
                out.setdefault(m.symbol, m.start)
    return out


def _opening(para: str, a: int, in_para: list[Mention], proposal: bool) -> bool:
    """Does this paragraph open a 'Thực hiện …' passage (or a title 'Kế hoạch thực hiện …')
    that the document says of itself?"""
    m = opening_re().match(para)
    if m is None:
        if proposal or not (_title_implements_re().match(para) and _is_title(para)):
            return False
        return True
    if not in_para or in_para[0].start - (a + m.end()) > OPENING_REACH:
        return False
    first = re.split(r"\.(?:\s|$)", para, maxsplit=1)[0]
    return _conditional_re().search(first) is None


def _is_title(para: str) -> bool:
    return mostly_upper(para, min_letters=6)
