"""A source text with the sentences links were read from marked.

An edge's `offset` is where its mention starts in the text `graph.ingest.read_source` gives;
its `evidence` is the sentence around it, tidied by extraction (joined lines, one space).
`locate` finds that sentence near the offset: as printed, else ignoring white space and markup
signs (Markdown's * _ # > |, which extraction drops), else it gives the line of the mention.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

WINDOW = 400
_MARKUP = frozenset("*_`#>|")


def locate(text: str, evidence: Optional[str], offset: Optional[int]) -> tuple[int, int]:
    """(start, end) of the evidence sentence in text, nearest to offset."""
    off = min(max(0, offset or 0), len(text))
    ev = (evidence or "").strip()
    if ev:
        lo, hi = max(0, off - len(ev) - WINDOW), min(len(text), off + len(ev) + WINDOW)
        best = _nearest(text, ev, lo, hi, off)
        if best is not None:
            return best, best + len(ev)
        span = _loose(text, ev, lo, hi, off)
        if span is not None:
            return span
    end = text.find("\n", off)
    return off, (end if end != -1 else len(text))


def _squeeze(s: str, start: int = 0) -> tuple[str, list[int]]:
    """s without markup signs (* _ ` # > |), white space runs as one space; and for each
    kept character its position in s (+ start)."""
    out: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(s):
        if c in _MARKUP:
            continue
        if c.isspace():
            if not out or out[-1] == " ":
                continue
            c = " "
        out.append(c)
        pos.append(start + i)
    return "".join(out), pos


def _loose(text: str, ev: str, lo: int, hi: int, off: int) -> Optional[tuple[int, int]]:
    """The evidence found in text[lo:hi] ignoring markup signs and white space."""
    window, pos = _squeeze(text[lo:hi], lo)
    needle = _squeeze(ev)[0].strip()
    if not needle:
        return None
    best = None
    i = window.find(needle)
    while i != -1:
        span = (pos[i], pos[i + len(needle) - 1] + 1)
        if best is None or abs(span[0] - off) < abs(best[0] - off) or span[0] <= off <= span[1]:
            best = span
        i = window.find(needle, i + 1)
    return best


def _nearest(text: str, ev: str, lo: int, hi: int, off: int) -> Optional[int]:
    best = None
    i = text.find(ev, lo, hi)
    while i != -1:
        if best is None or abs(i - off) < abs(best - off) or i <= off <= i + len(ev):
            best = i
        i = text.find(ev, i + 1, hi)
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
