"""Dates as printed in Vietnamese documents -> ISO 8601.

"ngày 25/10/2017", "ngày 24 tháng 11 năm 2021" (also printed "tháng11"), "25-10-2017",
"25.10.2017". An impossible
date (31/02) is not a date.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

DATE_BODY = (r"(?P<d>\d{1,2})\s?(?:/|-|\.)\s?(?P<m>\d{1,2})\s?(?:/|-|\.)\s?(?P<y>(?:19|20)\d\d)"
             r"|(?P<d2>\d{1,2})\s*tháng\s*(?P<m2>\d{1,2})\s*(?:,\s*)?năm\s*(?P<y2>(?:19|20)\d\d)")
DATE_RE = re.compile(rf"(?<!\d)(?:{DATE_BODY})(?!\d)", re.IGNORECASE)
# "ngày 25/10/2017" right at the start of a stretch of text (after a symbol).
NGAY_DATE_AT_START_RE = re.compile(
    rf"^[\s,]*(?:\((?:ban hành )?)?(?:ký |ban hành )?ngày\s+(?:{DATE_BODY})(?!\d)", re.IGNORECASE)


def iso_from_match(m: re.Match) -> Optional[str]:
    d, mo, y, d2, m2, y2 = m.group("d", "m", "y", "d2", "m2", "y2")
    return _iso(y or y2, mo or m2, d or d2)


def _iso(y: Optional[str], mo: Optional[str], d: Optional[str]) -> Optional[str]:
    try:
        return _dt.date(int(y), int(mo), int(d)).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None

