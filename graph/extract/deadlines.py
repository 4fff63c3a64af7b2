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

from graph.extract import tables
from graph.extract.agencies import fold
from graph.models import Deadline

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Y = r"((?:19|20)\d\d)"


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in tables.read_table("deadline_phrases.csv"):
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


def _has(f: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", f) is not None


def _due(f: str, plan_year: Optional[int]) -> Optional[str]:
    """The due date in a folded deadline phrase, or None."""
    # a full date: "trước ngày 25/12/2019", "ngày 25 tháng 12 năm 2019"
    m = re.search(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _Y + r"(?!\d)", f) or \
        re.search(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+" + _Y, f)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    # day/month without year: "trước ngày 25/12"
    m = re.search(r"ngay\s+(\d{1,2})\s*(?:/|-|\s+thang\s+)\s*(\d{1,2})(?![\d/])", f)
    if m:
        return _date(plan_year, int(m.group(2)), int(m.group(1))) if plan_year else None
    # quarter: "Quý II/2019", "quý 2 năm 2019"
    m = re.search(r"quy\s+(iv|iii|ii|i|[1-4])(?![\w])(?:\s*(?:/|-|nam)?\s*" + _Y + ")?", f)
    if m:
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2)) if m.group(2) else plan_year
        return _month_end(y, 3 * q) if y else None
    # "6 tháng đầu năm 2019"
    m = re.search(r"6\s+thang\s+dau\s+nam\s*" + _Y + "?", f)
    if m:
        y = int(m.group(1)) if m.group(1) else plan_year
        return _month_end(y, 6) if y else None
    # month: "tháng 5/2018", "tháng 5 năm 2018"
    m = re.search(r"thang\s+(\d{1,2})\s*(?:/|-|\s+nam\s+)\s*" + _Y, f)
    if m:
        return _month_end(int(m.group(2)), int(m.group(1)))
    m = re.search(r"thang\s+(\d{1,2})(?![\d/])", f)
    if m and not re.search(r"\d+\s+thang", f[: m.start() + 1]):
        return _month_end(plan_year, int(m.group(1))) if plan_year else None
    # a period "2018 - 2020", "giai đoạn 2021-2025": due at its end
    m = re.search(_Y + r"\s*-\s*" + _Y, f)
    if m:
        return _month_end(int(m.group(2)), 12)
    # year: "trong năm 2019", "năm 2019", "đến năm 2020", "cuối năm 2019"; not "từ năm 2018"
    for m in re.finditer(r"(?<!\w)(tu|ke tu|bat dau tu)?\s*nam\s+" + _Y, f):
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
    ph = _phrases()
    # condition: "Sau khi Đề án được phê duyệt", "Thực hiện theo Quyết định số …"
    for phrase, _ in ph.get("condition", []):
        if re.match(rf"(?:\(\s*)?{re.escape(phrase)}(?!\w)", f):
            dl.condition = printed
            break
    # start: "Từ năm 2018"
    for phrase, _ in ph.get("start", []):
        m = re.search(rf"(?<!\w){re.escape(phrase)}\s+" + _Y, f)
        if m:
            dl.start = f"{m.group(1)}-01-01"
            break
    # recurrence: the most specific one named
    rec = None
    for phrase, value in ph.get("recurrence", []):
        if _has(f, phrase):
            if value == "continuous" and rec:
                continue
            if rec == "continuous" or rec is None:
                rec = value
    dl.recurrence = rec
    if dl.condition is None:
        dl.due = _due(f, plan_year)
        m = re.search(r"(?<!\d)" + _Y + r"\s*-\s*" + _Y + r"(?!\d)", f)
        if m and not dl.start:
            dl.start = f"{m.group(1)}-01-01"
    # a start with no end is not a due date
    if dl.start and dl.due and dl.due[:4] == dl.start[:4] and not re.search(
            r"(den|truoc|trong)\s", f):
        dl.due = None
    return dl


# "Thời gian thực hiện: …" inside a task's text, or "(trước ngày 25/12)", "hoàn thành trước …"
_INLINE_RE = re.compile(
    r"(?:thoi gian (?:thuc hien|hoan thanh)|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?)\s*:\s*"
    r"(?P<a>[^;\n]+?)(?=\s*(?:[;\n]|\.\s|\.$|$))"
    r"|(?P<b>(?:hoan thanh\s+|bao cao\s+)?(?:truoc|cham nhat(?: la| vao)?)\s+ngay\s+\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?)")


def find_deadline(text: str) -> Optional[str]:
    """A deadline phrase printed inside a task's text, as printed; None when there is none."""
    f = fold(text)
    m = _INLINE_RE.search(f)
    if not m:
        return None
    a, b = (m.start("a"), m.end("a")) if m.group("a") else (m.start("b"), m.end("b"))
    return " ".join(text[a:b].split()).strip(" .;,") or None
