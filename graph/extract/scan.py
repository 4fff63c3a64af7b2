"""Faster whole-text regex scans that give exactly the matches of `pattern.finditer(text)`
(or those of them at given places).

Python's regex engine tries a pattern at every position of the text; for the long
alternations built from the tables that costs tens of nanoseconds a character, most of an
extraction's time. When every match must contain something cheap to find (a '/' in a số ký
hiệu, the number of "Kế hoạch 127"), the pattern is only run in small windows around those
anchors. The windows are chosen so that the matches are the same, in the same order, as a
scan of the whole text (see each function)."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

# how far past a match's end its lookarounds may read; the patterns scanned here look at
# most 4 characters ahead
REACH = 16


def finditer_around(rx: re.Pattern, text: str, anchor: re.Pattern, lead: int,
                    first: re.Pattern) -> Iterator[re.Match]:
    """`rx.finditer(text)` for a pattern each of whose (non-empty) matches begins with a
    character `first` matches and holds a match of `anchor` starting at most `lead`
    characters after its own start.

    The anchors are found in order; a match that has not been found yet and whose anchor is
    at q starts in [q - lead, q], so `rx` is tried at the places in there where `first`
    matches, and the first it matches at is where the whole-text scan finds its next match."""
    pos = 0  # where the whole-text scan would go on (the end of the last match)
    a = anchor.search(text)
    while a is not None:
        q = a.start()
        # the places where `first` matches in [pos, q], one search each (no iterator)
        f = first.search(text, max(pos, q - lead), q + 1)
        while f is not None:
            p = f.start()
            m = rx.match(text, p)
            if m is not None:
                yield m
                pos = m.end()
                if pos > q:  # no later start in the window
                    break
                p = pos - 1
            f = first.search(text, p + 1, q + 1)
        a = anchor.search(text, max(pos, q + 1))


def finditer_before(rx: re.Pattern, text: str, anchors: Iterable[int], tokens: int,
                    group: str, met: list | None = None) -> Iterator[re.Match]:
    """The matches of `rx.finditer(text)` whose first digit starts one of `anchors` (ascending),
    for a pattern whose matches end near a digit ("Kế hoạch số 127"): a match has `group`
    starting at its first digit, holds at most `tokens` runs of non-space before it (the words
    of "Kế hoạch số") and reads nothing past it + REACH.

    A match whose first digit is at d starts after the last digit before d, so after the end
    of every match with an earlier first digit, and inside the last `tokens` runs of non-space
    before d: the leftmost such start is found by searching from there to d + REACH (a match
    found there first has an earlier first digit: it is passed over). `met`, when given,
    receives every match the scan goes by (passed over or yielded)."""
    n = len(text)
    pos = 0  # no match with a later first digit starts before this
    for d in anchors:
        if d < pos:
            continue
        hi = min(n, d + REACH)
        m = rx.search(text, max(pos, _runs_back(text, d, tokens)), hi)
        while m is not None and m.start() < d:
            pos = m.end()
            if met is not None:
                met.append(m)
            if m.start(group) == d:
                yield m
                break
            m = rx.search(text, pos, hi)


def _runs_back(text: str, d: int, tokens: int) -> int:
    """A place at or before the start of the `tokens`-th run of non-space before d."""
    back = 64
    while True:
        lo = max(0, d - back)
        parts = text[lo:d].rsplit(None, tokens)
        if len(parts) > tokens:  # the runs are whole: the first part ends before them
            return lo + len(parts[0])
        if lo == 0:
            return 0
        back *= 4
