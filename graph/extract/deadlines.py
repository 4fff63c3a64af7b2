"""Deadlines read as data: a due date, a start, a recurrence or a condition; never invented.

"Trong tháng 5/2018" -> due 2018-05-31; "Trong năm 2019" -> due 2019-12-31; "Quý II/2019" ->
due 2019-06-30; "trước ngày 25/12" with the plan's year -> due <year>-12-25; "Từ năm 2018 và
thường xuyên hàng năm" -> start 2018-01-01, recurrence annual; "Sau khi Đề án được cấp thẩm
quyền phê duyệt" -> condition. A phrase without a year and no plan year gives no date.
Phrases (recurrences, conditions, starts) live in graph/tables/deadline_phrases.csv.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from functools import lru_cache
from typing import Optional

from graph import tables
from graph.models import Deadline
from graph.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Y = r"((?:19|20)\d\d)"


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in tables.rows("deadline_phrases.csv"):
        out.setdefault(r["kind"], []).append((fold(r["phrase"]), r["value"]))
    for k in out:
        out[k].sort(key=lambda r: -len(r[0]))
    return out


def _month_end(y: int, m: int) -> Optional[str]:
    if not 1 <= m <= 12:
        return None
    return _dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _date(y: int, m: int, d: int) -> Optional[str]:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _phrase_res() -> dict[str, list[tuple[re.Pattern, str]]]:
    """The phrases of each kind as patterns, compiled once, in table order (longest first):
    condition -> at the start, start -> followed by a year, recurrence -> as a word."""
    ph = _phrases()
    return {
        "condition": [(re.compile(rf"(?:\(\s*)?{re.escape(p)}(?!\w)"), v)
                      for p, v in ph.get("condition", [])],
        "start": [(re.compile(rf"(?<!\w){re.escape(p)}\s+" + _Y), v)
                  for p, v in ph.get("start", [])],
        "recurrence": [(re.compile(rf"(?<!\w){re.escape(p)}(?!\w)"), v)
                       for p, v in ph.get("recurrence", [])],
    }


_FULL_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _Y + r"(?!\d)")
_WORD_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+" + _Y)
_DAY_MONTH_RE = re.compile(r"ngay\s+(\d{1,2})\s*(?:/|-|\s+thang\s+)\s*(\d{1,2})(?![\d/])")
_QUARTER_RE = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])(?![\w])(?:\s*(?:/|-|nam)?\s*" + _Y + ")?")
_HALF_RE = re.compile(r"6\s+thang\s+dau\s+nam\s*" + _Y + "?")
_MONTH_YEAR_RE = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|\s+nam\s+)\s*" + _Y)
_MONTH_RE = re.compile(r"thang\s+(\d{1,2})(?![\d/])")
_N_MONTHS_RE = re.compile(r"\d+\s+thang")
_PERIOD_RE = re.compile(_Y + r"\s*-\s*" + _Y)
_YEAR_RE = re.compile(r"(?<!\w)(tu|ke tu|bat dau tu)?\s*nam\s+" + _Y)
_RANGE_RE = re.compile(r"(?<!\d)" + _Y + r"\s*-\s*" + _Y + r"(?!\d)")
_UNTIL_RE = re.compile(r"(den|truoc|trong)\s")


def _due(f: str, plan_year: Optional[int]) -> Optional[str]:
    """The due date in a folded deadline phrase, or None."""
    # a full date: "trước ngày 25/12/2019", "ngày 25 tháng 12 năm 2019"
    m = _FULL_DATE_RE.search(f) or _WORD_DATE_RE.search(f)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    # day/month without year: "trước ngày 25/12"
    m = _DAY_MONTH_RE.search(f)
    if m:
        return _date(plan_year, int(m.group(2)), int(m.group(1))) if plan_year else None
    # quarter: "Quý II/2019", "quý 2 năm 2019"
    m = _QUARTER_RE.search(f)
    if m:
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2)) if m.group(2) else plan_year
        return _month_end(y, 3 * q) if y else None
    # "6 tháng đầu năm 2019"
    m = _HALF_RE.search(f)
    if m:
        y = int(m.group(1)) if m.group(1) else plan_year
        return _month_end(y, 6) if y else None
    # month: "tháng 5/2018", "tháng 5 năm 2018"
    m = _MONTH_YEAR_RE.search(f)
    if m:
        return _month_end(int(m.group(2)), int(m.group(1)))
    m = _MONTH_RE.search(f)
    if m and not _N_MONTHS_RE.search(f, 0, m.start() + 1):
        return _month_end(plan_year, int(m.group(1))) if plan_year else None
    # a period "2018 - 2020", "giai đoạn 2021-2025": due at its end
    m = _PERIOD_RE.search(f)
    if m:
        return _month_end(int(m.group(2)), 12)
    # year: "trong năm 2019", "năm 2019", "đến năm 2020", "cuối năm 2019"; not "từ năm 2018"
    for m in _YEAR_RE.finditer(f):
        if m.group(1):
            continue
        return _month_end(int(m.group(2)), 12)
    return None


def parse_deadline(text: str, plan_year: Optional[int] = None) -> Deadline:
    """A deadline phrase as printed -> Deadline (due, start, recurrence, condition)."""
    printed = " ".join((text or "").split()).strip(" .;,")
    dl = Deadline(text=printed or None)
    if not printed:
        return dl
    f = fold(printed)
    ph = _phrase_res()
    # condition: "Sau khi Đề án được phê duyệt", "Thực hiện theo Quyết định số …"
    for pat, _ in ph["condition"]:
        if pat.match(f):
            dl.condition = printed
            break
    # start: "Từ năm 2018"
    for pat, _ in ph["start"]:
        m = pat.search(f)
        if m:
            dl.start = f"{m.group(1)}-01-01"
            break
    # recurrence: the most specific one named
    rec = None
    for pat, value in ph["recurrence"]:
        if pat.search(f):
            if value == "continuous" and rec:
                continue
            if rec == "continuous" or rec is None:
                rec = value
    dl.recurrence = rec
    if dl.condition is None:
        dl.due = _due(f, plan_year)
        m = _RANGE_RE.search(f)
        if m and not dl.start:
            dl.start = f"{m.group(1)}-01-01"
    # a start with no end is not a due date
    if dl.start and dl.due and dl.due[:4] == dl.start[:4] and not _UNTIL_RE.search(f):
        dl.due = None
    return dl


# "Thời gian thực hiện: …" inside a task's text, or "(trước ngày 25/12)", "hoàn thành trước …"
_INLINE_RE = re.compile(
    r"(?:thoi gian (?:thuc hien|hoan thanh)|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?)\s*:\s*"
    r"(?P<a>[^;\n]+?)(?=\s*(?:[;\n]|\.\s|\.$|$))"
    r"|(?P<b>(?:hoan thanh\s+|bao cao\s+)?(?:truoc|cham nhat(?: la| vao)?)\s+ngay\s+\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?)")


# every match of _INLINE_RE holds one of _INLINE_A (branch a) or "ngay" and one of _INLINE_B
# (branch b), and opens with one of _INLINE_OPEN (a search tries every position: ~20 us a
# text, so the literals are looked for first with str.find, and the search starts at the
# first place a match can open)
_INLINE_A = ("thoi gian", "thoi han", "tien do")
_INLINE_B = ("truoc", "cham nhat")
_INLINE_B_NEEDS = "ngay"
_INLINE_OPEN = _INLINE_A + ("hoan thanh", "bao cao") + _INLINE_B
# ... so the folded text before squashing holds the first words of these (str.find is fast)
_FIRST_A = tuple(dict.fromkeys(lit.split()[0] for lit in _INLINE_A))
_FIRST_B = tuple(dict.fromkeys(lit.split()[0] for lit in _INLINE_B))


def may_hold_deadline(folded: str) -> bool:
    """False when find_deadline(t) is None for sure, `folded` being fold(t) before blanks
    were squeezed and the ends stripped (" ".join(spans) folded, for a task's text): a
    literal's first word has no blank in it, so it lies in one run of non-blanks of t."""
    for w in _FIRST_A:
        if w in folded:
            return True
    if _INLINE_B_NEEDS in folded:
        for w in _FIRST_B:
            if w in folded:
                return True
    return False


def _inline_start(f: str) -> int:
    """Where a match of _INLINE_RE in f may open first; -1 when f holds none."""
    for lit in _INLINE_A:
        if lit in f:
            break
    else:
        if _INLINE_B_NEEDS not in f or not any(lit in f for lit in _INLINE_B):
            return -1
    return min(i for i in (f.find(lit) for lit in _INLINE_OPEN) if i >= 0)


def find_deadline(text: str) -> Optional[str]:
    """A deadline phrase printed inside a task's text, as printed; None when there is none."""
    f = fold(text)
    start = _inline_start(f)
    if start < 0:
        return None
    m = _INLINE_RE.search(f, start)
    if not m:
        return None
    a, b = (m.start("a"), m.end("a")) if m.group("a") else (m.start("b"), m.end("b"))
    return " ".join(text[a:b].split()).strip(" .;,") or None
