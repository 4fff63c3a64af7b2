"""Deadlines read as data: a due date, a start, a recurrence or a condition; never invented.

"Trong tháng 5/2018" -> due 2018-05-31; "Trong năm 2019" -> due 2019-12-31; "Quý II/2019" ->
due 2019-06-30; "trước ngày 25/12" with the plan's year -> due <year>-12-25; "Từ năm 2018 và
thường xuyên hàng năm" -> start 2018-01-01, recurrence annual; "Sau khi Đề án được cấp thẩm
quyền phê duyệt" -> condition. A phrase without a year and no plan year gives no date.
The words (date words, recurrences, conditions, starts, inline labels) live in
graph/tables/deadline_phrases.csv; the patterns are made from them.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Optional

from graph import tables
from graph.models import Deadline
from graph.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Y = r"((?:19|20)\d\d)"


@cache
def _phrases() -> dict[str, list[tuple[str, str]]]:
    """kind -> [(folded phrase, value)], longest phrase first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in tables.rows("deadline_phrases.csv"):
        out.setdefault(r["kind"], []).append((fold(r["phrase"]), r["value"]))
    for k in out:
        out[k].sort(key=lambda r: -len(r[0]))
    return out


def _alt(kind: str) -> str:
    """The folded phrases of a kind as a regex alternative, longest first."""
    return "|".join(re.escape(p) for p, _ in _phrases().get(kind, [])) or "(?!)"


def _month_end(y: int, m: int) -> Optional[str]:
    if not 1 <= m <= 12:
        return None
    return _dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _date(y: int, m: int, d: int) -> Optional[str]:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class _Patterns:
    full_date: re.Pattern  # "25/12/2019"
    word_date: re.Pattern  # "25 tháng 12 năm 2019"
    day_month: re.Pattern  # "ngày 25/12"
    quarter: re.Pattern  # "quý II/2019", "quý 2 năm 2019"
    parts: tuple[tuple[re.Pattern, int], ...]  # "6 tháng đầu năm 2019" and its last month
    month_year: re.Pattern  # "tháng 5/2018"
    month: re.Pattern  # "tháng 5"
    n_months: re.Pattern  # "6 tháng"
    period: re.Pattern  # "2018 - 2020"
    year: re.Pattern  # "năm 2019", group 1 a start word
    year_range: re.Pattern  # "2021-2025" standing alone
    until: re.Pattern  # "đến", "trước", "trong"
    start_until: re.Pattern  # "từ … đến": the end follows
    condition: tuple[re.Pattern, ...]  # at the start
    start: tuple[re.Pattern, ...]  # "từ năm 2018"
    recurrence: tuple[tuple[re.Pattern, str], ...]  # as a word
    inline: re.Pattern  # a deadline inside a task's text: group a, b or c
    relative_year: re.Pattern  # "năm sau": a day or month of a year not printed


def _words() -> dict[str, str]:
    """The date words by what they name: {'day': 'ngay', 'month': 'thang', …} (escaped)."""
    return {v: re.escape(p) for p, v in _phrases()["date_word"]}


def _inline_re(w: dict[str, str]) -> re.Pattern:
    """"Thời gian thực hiện: …" inside a task's text (group a), "(hoàn thành) trước ngày
    25/12", "trước ngày 30 tháng 9 năm 2025" (group b), or "(hoàn thành) trong quý II năm
    2025", "trong tháng 9/2025", "trong năm 2025", "trong 6 tháng đầu năm 2025" (group c);
    b and c with a recurrence after them ("trước ngày 25/12 hằng năm")."""
    day, month, year, quarter = w["day"], w["month"], w["year"], w["quarter"]
    verb = rf"(?:(?:{_alt('inline_verb')})\s+)?"
    rec = (rf"(?:\s+(?:\w+\s+)?(?:{_alt('relative_year')})(?!\w))?"  # "… của năm sau"
           rf"(?:\s+(?:{_alt('recurrence')})(?!\w))?")
    period = (rf"(?:{quarter}\s+(?:iv|iii|ii|i|[1-4])(?!\w)(?:\s*(?:/|-|{year})?\s*{_Y})?"
              rf"|{month}\s+\d{{1,2}}(?:\s*(?:/|-|\s+{year}\s+)\s*{_Y})?(?![\d/])"
              rf"|{year}\s+{_Y}|(?:{_alt('part_of_year')})(?:\s*{_Y})?)")
    return re.compile(
        rf"(?:{_alt('inline_label')})\s*:\s*"
        r"(?P<a>[^;\n]+?)(?=\s*(?:[;\n]|\.\s|\.$|$))"
        rf"|(?P<b>{verb}(?:{_alt('inline_before')})\s+{day}\s+"
        rf"\d{{1,2}}\s*(?:[/-]\s*\d{{1,2}}(?:\s*[/-]\s*\d{{4}})?"
        rf"|\s{month}\s+\d{{1,2}}(?:\s*(?:,\s*)?{year}\s+{_Y})?)(?![\d/]){rec})"
        rf"|(?P<c>{verb}(?:{_alt('inline_within')})\s+{period}{rec})")


@cache
def _patterns() -> _Patterns:
    w = _words()
    day, month, year, quarter = w["day"], w["month"], w["year"], w["quarter"]
    ph = _phrases()
    parts = tuple((re.compile(r"\s+".join(map(re.escape, p.split())) + r"\s*" + _Y + "?"),
                   int(v)) for p, v in ph.get("part_of_year", []))
    return _Patterns(
        full_date=re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _Y + r"(?!\d)"),
        word_date=re.compile(rf"(?<!\d)(\d{{1,2}})\s+{month}\s+(\d{{1,2}})\s*(?:,\s*)?{year}\s+"
                             + _Y),
        day_month=re.compile(rf"{day}\s+(\d{{1,2}})\s*(?:/|-|\s+{month}\s+)\s*(\d{{1,2}})(?![\d/])"),
        quarter=re.compile(rf"{quarter}\s+(iv|iii|ii|i|[1-4])(?![\w])(?:\s*(?:/|-|{year})?\s*"
                           + _Y + ")?"),
        parts=parts,
        month_year=re.compile(rf"{month}\s+(\d{{1,2}})\s*(?:/|-|\s+{year}\s+)\s*" + _Y),
        month=re.compile(rf"{month}\s+(\d{{1,2}})(?![\d/])"),
        n_months=re.compile(rf"\d+\s+{month}"),
        period=re.compile(_Y + r"\s*-\s*" + _Y),
        year=re.compile(rf"(?<!\w)({_alt('start')})?\s*{year}\s+" + _Y),
        year_range=re.compile(r"(?<!\d)" + _Y + r"\s*-\s*" + _Y + r"(?!\d)"),
        until=re.compile(rf"(?:{_alt('until')})\s"),
        start_until=re.compile(rf"(?<!\w)(?:{_alt('start')})\s.*?(?<!\w)(?:{_alt('end_after_start')})\s"),
        condition=tuple(re.compile(rf"(?:\(\s*)?{re.escape(p)}(?!\w)")
                        for p, _ in ph.get("condition", [])),
        start=tuple(re.compile(rf"(?<!\w){re.escape(p + ' ')}{year}\s+" + _Y)
                    for p, _ in ph.get("start", [])),
        recurrence=tuple((re.compile(rf"(?<!\w){re.escape(p)}(?!\w)"), v)
                         for p, v in ph.get("recurrence", [])),
        inline=_inline_re(w),
        relative_year=re.compile(rf"(?<!\w)(?:{_alt('relative_year')})(?!\w)"),
    )


def _due(f: str, plan_year: Optional[int]) -> Optional[str]:
    """The due date in a folded deadline phrase, or None."""
    pt = _patterns()
    # a full date: "trước ngày 25/12/2019", "ngày 25 tháng 12 năm 2019"
    m = pt.full_date.search(f) or pt.word_date.search(f)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    # a day or month without year (and not of "năm sau"): "trước ngày 25/12" in the plan's
    if pt.relative_year.search(f):
        plan_year = None
    m = pt.day_month.search(f)
    if m:
        return _date(plan_year, int(m.group(2)), int(m.group(1))) if plan_year else None
    # quarter: "Quý II/2019", "quý 2 năm 2019"
    m = pt.quarter.search(f)
    if m:
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2)) if m.group(2) else plan_year
        return _month_end(y, 3 * q) if y else None
    # part of a year: "6 tháng đầu năm 2019"
    for pat, last in pt.parts:
        m = pat.search(f)
        if m:
            y = int(m.group(1)) if m.group(1) else plan_year
            return _month_end(y, last) if y else None
    # month: "tháng 5/2018", "tháng 5 năm 2018"
    m = pt.month_year.search(f)
    if m:
        return _month_end(int(m.group(2)), int(m.group(1)))
    m = pt.month.search(f)
    if m and not pt.n_months.search(f, 0, m.start() + 1):
        return _month_end(plan_year, int(m.group(1))) if plan_year else None
    # a period "2018 - 2020", "giai đoạn 2021-2025": due at its end
    m = pt.period.search(f)
    if m:
        return _month_end(int(m.group(2)), 12)
    # year: "trong năm 2019", "năm 2019", "đến năm 2020", "cuối năm 2019"; not "từ năm 2018"
    for m in pt.year.finditer(f):
        if m.group(1):
            continue
        return _month_end(int(m.group(2)), 12)
    return None


def _recurrence(f: str) -> Optional[str]:
    """The most specific recurrence named ('continuous' only when no other is)."""
    rec = None
    for pat, value in _patterns().recurrence:
        if pat.search(f):
            if value == "continuous" and rec:
                continue
            if rec == "continuous" or rec is None:
                rec = value
    return rec


def parse_deadline(text: str, plan_year: Optional[int] = None) -> Deadline:
    """A deadline phrase as printed -> Deadline (due, start, recurrence, condition)."""
    printed = " ".join((text or "").split()).strip(" .;,")
    dl = Deadline(text=printed or None)
    if not printed:
        return dl
    f = fold(printed)
    pt = _patterns()
    # condition: "Sau khi Đề án được phê duyệt", "Thực hiện theo Quyết định số …"
    if any(pat.match(f) for pat in pt.condition):
        dl.condition = printed
    # start: "Từ năm 2018"
    for pat in pt.start:
        m = pat.search(f)
        if m:
            dl.start = f"{m.group(1)}-01-01"
            break
    dl.recurrence = _recurrence(f)
    if dl.condition is None:
        # "từ tháng 10/2025 đến hết tháng 3/2026": the end is what follows "đến"
        m = pt.start_until.search(f)
        dl.due = _due(f[m.end():] if m else f, plan_year)
        if m and dl.due and (_due(f[:m.end()], plan_year) or "") > dl.due:
            dl.due = None  # an end read before its start: of a year not printed
        m = pt.year_range.search(f)
        if m and not dl.start:
            dl.start = f"{m.group(1)}-01-01"
    # a start with no end is not a due date; nor an end before the start; nor a recurring
    # day without a year ("trước ngày 25/12 hằng năm")
    if dl.start and dl.due and (dl.due < dl.start or
                                dl.due[:4] == dl.start[:4] and not pt.until.search(f)):
        dl.due = None
    if dl.recurrence and dl.recurrence != "continuous" and not re.search(_Y, f):
        dl.due = None
    return dl


def find_deadline(text: str) -> Optional[str]:
    """A deadline phrase printed inside a task's text, as printed; None when there is none.
    A labelled one ("Thời hạn hoàn thành: …") wins over a period named earlier in the task
    ("… trong năm 2018. Thời hạn hoàn thành: tháng 6 năm 2018")."""
    found = list(_patterns().inline.finditer(fold(text)))
    if not found:
        return None
    m = next((x for x in found if x.group("a")), found[0])
    g = next(g for g in "abc" if m.group(g))
    a, b = m.start(g), m.end(g)
    return " ".join(text[a:b].split()).strip(" .;,") or None
