"""Reports (Báo cáo): what a report reports on, the period it covers, the documents it says
its agency issued.

The rules, with their words in graph/tables/report_cues.csv:

- a document whose type is Báo cáo (BC) reports on the documents its title names ("Kết quả
  thực hiện Kế hoạch số 15/KH-UBND … Quý I năm 2020"): their references become `reports_on`;
- its period is read from the title: a `period` phrase ("quý I", "6 tháng đầu năm", "năm")
  before a year, or a `range` word with two years ("giai đoạn 2018 - 2020");
- a paragraph saying the agency "đã ban hành" documents (its subject empty, the report's
  issuer, or a `self` word such as "Sở") lists documents the report's issuer issued: their
  references get the report's issuer and province (a number such as 66/QĐ-LĐTBXH alone
  would name the ministry), and what the paragraph says they carry out comes along.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Optional

from graph.extract.places import province_kinds
from graph.models import REPORTS_ON, Header, IssuedDocument, Reference, Report, Statement
from graph.tables import rows
from graph.text import fold, key, name_key

TABLE = "report_cues.csv"
REPORT_CODE = "BC"


@cache
def _cues(kind: str) -> dict[str, str]:
    """folded phrase -> value for one kind of report_cues.csv."""
    return {fold(r["phrase"]): r["value"] for r in rows(TABLE) if r["kind"] == kind}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _period_re() -> re.Pattern:
    return re.compile(rf"\b(?P<phrase>{_alt(_cues('period'))})\s+(?:(?:{_alt(_cues('year_word'))})\s+)?"
                      rf"(?P<year>(?:19|20)\d\d)\b")


@cache
def _range_re() -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(_cues('range'))})\s+(?P<a>(?:19|20)\d\d)\s*-\s*(?P<b>(?:19|20)\d\d)\b")


def read_period(text: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(the period as printed, its first day, its last day) read from a title; Nones when it
    names none. The first period phrase wins ("quý I năm 2020" before a bare "năm")."""
    t = text or ""
    folded = fold(t)
    same = len(folded) == len(t)
    m = _range_re().search(folded)
    if m:
        return (t[m.start():m.end()] if same else m.group(0),
                f"{m.group('a')}-01-01", f"{m.group('b')}-12-31")
    best = None
    for m in _period_re().finditer(folded):
        if best is None or len(m.group("phrase")) > len(best.group("phrase")):
            best = m
    if best is None:
        return None, None, None
    first, last = _cues("period")[best.group("phrase")].split("/")
    y = best.group("year")
    return (t[best.start():best.end()] if same else best.group(0), f"{y}-{first}", f"{y}-{last}")


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


def _subject_is_issuer(subject: str, issuer: Optional[str], province: Optional[str]) -> bool:
    """Is the subject of "… đã ban hành" the report's own agency: nothing, a self word
    ("Sở"), or the issuer's name (its province left out)?"""
    s = name_key(subject)
    if not s:
        return True
    if s in {name_key(w) for w in _cues("self")}:
        return True
    own = name_key(issuer or "")
    if province and own.endswith(" " + name_key(province)):
        own = own[: -len(name_key(province)) - 1]
    for w in province_kinds():
        w = name_key(w)
        own = own[: -len(w) - 1] if own.endswith(" " + w) else own
    return bool(own) and (s == own or s.endswith(" " + own) or own.endswith(" " + s))


@cache
def _issued_re() -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(_cues('issued'))})\b")


def _issued(text: str, header: Header, refs: list[Reference],
            statements: list[Statement]) -> list[IssuedDocument]:
    """The documents the report says its agency issued (see the module doc); their
    references get the report's issuer and province."""
    folded = fold(text)
    if len(folded) != len(text):
        return []
    implements = {s.subject: s.object for s in statements if s.relation == "implements"}
    carried = set(implements.values())  # what the issued documents carry out is not issued
    out: list[IssuedDocument] = []
    for m in _issued_re().finditer(folded):
        a, b = _paragraph(text, m.start())
        clause_start = max(text.rfind(c, a, m.start()) for c in ".;:") + 1
        if not _subject_is_issuer(text[max(a, clause_start):m.start()], header.issuer,
                                  header.jurisdiction):
            continue
        for ref in refs:
            if m.end() <= ref.offset < b and ref.relation != REPORTS_ON and ref.symbol not in carried:
                ref.issuer, ref.jurisdiction = header.issuer, header.jurisdiction
                out.append(IssuedDocument(symbol=ref.symbol, doc_type=ref.doc_type,
                                          implements=implements.get(ref.symbol),
                                          evidence=text[a:b].strip(), offset=ref.offset))
    return out


def read_report(text: str, header: Header, refs: list[Reference],
                statements: list[Statement]) -> Optional[Report]:
    """The report facts of a document (None when it is not a Báo cáo); the references its
    title names become `reports_on`, those of the documents it says were issued get the
    report's issuer (the references are changed in place)."""
    if key(header.type_code or "") != key(REPORT_CODE):
        return None
    title = header.title or ""
    on = []
    for ref in refs:
        if ref.symbol and ref.symbol in title:
            ref.relation = REPORTS_ON
            on.append(ref.symbol)
    period, start, end = read_period(title)
    return Report(on=on, period=period, start=start, end=end,
                  issued=_issued(text, header, refs, statements))
