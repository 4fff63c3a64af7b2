"""A source text with the sentences links were read from marked.

An edge's `offset` is where its mention starts in the text `graph.ingest.read_source` gives;
its `evidence` is the sentence around it, tidied by extraction (joined lines, one space).
`locate_all` finds these sentences near their offsets: as printed, else ignoring white space
and markup signs (Markdown's * _ # > |, which extraction drops), else it gives the line of the
mention. `locate_plain` does the same for one sentence, character by character.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Optional

WINDOW = 400
_RUN = re.compile(r"[^\s*_`#>|]+|\s+")


def locate_all(text: str, items: list[tuple[Optional[str], Optional[int]]]) -> list[tuple[int, int]]:
    """(start, end) of each (evidence sentence, offset) in text, nearest to its offset. The
    loose form of the text (see `_squeeze`) is made once for the merged windows of the
    sentences not found as printed."""
    out: list[Optional[tuple[int, int]]] = [None] * len(items)
    misses: list[tuple[int, str, int, int, int]] = []
    for k, (evidence, offset) in enumerate(items):
        off = min(max(0, offset or 0), len(text))
        ev = (evidence or "").strip()
        if ev:
            lo, hi = max(0, off - len(ev) - WINDOW), min(len(text), off + len(ev) + WINDOW)
            best = _nearest(text, ev, lo, hi, off)
            if best is not None:
                out[k] = (best, best + len(ev))
            else:
                misses.append((k, ev, off, lo, hi))
        else:
            out[k] = _line(text, off)
    regions = _regions(text, [(lo, hi) for _, _, _, lo, hi in misses])
    for k, ev, off, lo, hi in misses:
        r0 = regions[bisect_right(regions, (lo, float("inf"))) - 1]
        out[k] = _loosely(r0, ev, lo, hi, off) or _line(text, off)
    return out  # type: ignore[return-value]


def locate(text: str, evidence: Optional[str], offset: Optional[int]) -> tuple[int, int]:
    """(start, end) of one evidence sentence in text, nearest to offset."""
    return locate_all(text, [(evidence, offset)])[0]


def _line(text: str, off: int) -> tuple[int, int]:
    end = text.find("\n", off)
    return off, (end if end != -1 else len(text))


def _regions(text: str, windows: list[tuple[int, int]]) -> list[tuple]:
    """The windows merged where they overlap, each as (lo, hi, loose text, run starts in
    it, run starts in text), sorted."""
    merged: list[list[int]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi, *_squeeze(text, lo, hi)) for lo, hi in merged]


def _loosely(region: tuple, ev: str, lo: int, hi: int, off: int) -> Optional[tuple[int, int]]:
    """The evidence found between lo and hi of a region, ignoring markup signs and white
    space."""
    _, _, loose, at, orig = region
    needle = " ".join(_squeeze(ev, 0, len(ev))[0].split())
    if not needle:
        return None
    to_loose = lambda j: _to_loose(at, orig, len(loose), j)  # noqa: E731
    best = _nearest(loose, needle, to_loose(lo), to_loose(hi), to_loose(off))
    if best is None:
        return None
    return _to_orig(at, orig, best), _to_orig(at, orig, best + len(needle) - 1) + 1


def _squeeze(s: str, lo: int, hi: int) -> tuple[str, list[int], list[int]]:
    """(s[lo:hi] without markup signs (* _ ` # > |) and with white space runs as one space,
    the start of each kept run in it, the start of that run in s)."""
    out: list[str] = []
    at: list[int] = []
    orig: list[int] = []
    n = 0
    for m in _RUN.finditer(s, lo, hi):
        a = m.start()
        if s[a].isspace():
            if not out or out[-1] == " ":
                continue
            piece = " "
        else:
            piece = m.group()
        out.append(piece)
        at.append(n)
        orig.append(a)
        n += len(piece)
    return "".join(out), at, orig


def _to_orig(at: list[int], orig: list[int], i: int) -> int:
    k = bisect_right(at, i) - 1
    return orig[k] + (i - at[k]) if k >= 0 else 0


def _to_loose(at: list[int], orig: list[int], total: int, j: int) -> int:
    """The position in the loose text of original position j (a dropped sign maps to the
    end of the run before it)."""
    k = bisect_right(orig, j) - 1
    if k < 0:
        return 0
    run = (at[k + 1] if k + 1 < len(at) else total) - at[k]
    return at[k] + min(j - orig[k], run)


def locate_plain(text: str, evidence: Optional[str], offset: Optional[int]) -> tuple[int, int]:
    """What `locate` gives, the plain way: the loose form of the window around the offset
    made character by character for each sentence (the reference of the tests)."""
    off = min(max(0, offset or 0), len(text))
    ev = (evidence or "").strip()
    if ev:
        lo, hi = max(0, off - len(ev) - WINDOW), min(len(text), off + len(ev) + WINDOW)
        best = _nearest(text, ev, lo, hi, off)
        if best is not None:
            return best, best + len(ev)
        chars, pos = [], []
        for i in range(lo, hi):
            c = text[i]
            if c in "*_`#>|" or (c.isspace() and (not chars or chars[-1] == " ")):
                continue
            chars.append(" " if c.isspace() else c)
            pos.append(i)
        needle = "".join(" " if c.isspace() else c for c in ev if c not in "*_`#>|")
        needle = " ".join(needle.split())
        window = "".join(chars)
        near = pos and min(range(len(pos)), key=lambda k: abs(pos[k] - off))
        best = _nearest(window, needle, 0, len(window), near) if needle else None
        if best is not None:
            return pos[best], pos[best + len(needle) - 1] + 1
    end = text.find("\n", off)
    return off, (end if end != -1 else len(text))


def _nearest(text: str, needle: str, lo: int, hi: int, off: int) -> Optional[int]:
    """Start of the occurrence of needle in text[lo:hi] that holds off, else the nearest."""
    best = None
    i = text.find(needle, lo, hi)
    while i != -1:
        if best is None or abs(i - off) < abs(best - off) or i <= off <= i + len(needle):
            best = i
        i = text.find(needle, i + 1, hi)
    return best


def segments(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, list[str]]]:
    """Text cut at the marks [(start, end, anchor)]: [(piece, anchors)], anchors [] for
    plain text; overlapping marks are merged into one piece carrying all their anchors."""
    merged: list[list] = []
    for s, e, a in sorted(marks):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            if a not in merged[-1][2]:
                merged[-1][2].append(a)
        else:
            merged.append([s, e, [a]])
    out: list[tuple[str, list[str]]] = []
    pos = 0
    for s, e, anchors in merged:
        if s > pos:
            out.append((text[pos:s], []))
        out.append((text[s:e], anchors))
        pos = e
    if pos < len(text):
        out.append((text[pos:], []))
    return out


def read_text(path: str) -> Optional[str]:
    """The text of a source file as extraction read it, None when it cannot be read."""
    from graph.ingest import read_source
    from graph.models import IngestError
    if not Path(path).exists():
        return None
    try:
        return read_source(path).text
    except (IngestError, OSError):
        return None
