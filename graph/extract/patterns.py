"""Regex building blocks made of table phrases, and the web-page chrome that `clean` blanks.

`phrase`/`alternation` turn table phrases into patterns that allow any run of white space
between words; `blank_chrome` blanks, keeping offsets, the lines tables/chrome_lines.csv
calls web-page chrome.
"""
from __future__ import annotations

import itertools
import re
from functools import cache

from graph import tables


def phrase(text: str) -> str:
    """A table phrase as a pattern that allows any run of white space between its words (real
    text has double spaces, and a rejoined CRLF line break leaves two)."""
    return r"\s+".join(re.escape(w) for w in text.split())


def alternation(phrases) -> str:
    """Phrases as one alternation, longest first."""
    return "|".join(phrase(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"


@cache
def chrome_res() -> tuple[tuple[str, ...], re.Pattern | None, re.Pattern | None]:
    """(phrases that make their whole line chrome, whole-line patterns after a newline,
    the same for the first line).

    The line patterns are searched as "\\n(?=(?:p1)|(?:p2)…)": a pattern that opens with a
    literal newline lets the regex engine jump from line to line instead of trying every
    position (the patterns are anchored at a line start anyway)."""
    rows = tables.rows("chrome_lines.csv")
    phrases = tuple(r["pattern"] for r in rows if r.get("kind") == "phrase" and r["pattern"])
    lines = [r["pattern"] for r in rows if r.get("kind") == "line" and r["pattern"]]
    alts = "|".join(f"(?:{p})" for p in lines)
    firsts = [_first_literal(p) for p in lines]
    # when every pattern opens with "^\s*" and a plain character, most lines are passed over
    # by that one test before the alternation is tried
    gate = "" if None in firsts else r"(?=\s*[" + "".join(sorted(set(map(re.escape, firsts)))) + "])"
    if not lines:
        return phrases, None, None
    # the first line has no newline before it: matched on its own, from position 0
    return (phrases, re.compile(rf"\n{gate}(?=(?P<chrome>{alts}))", re.MULTILINE),
            re.compile(rf"{gate}(?P<chrome>{alts})", re.MULTILINE))


def _first_literal(pattern: str) -> str | None:
    """The character a line pattern "^\\s*c…" must find first, or None when it is not plain."""
    m = re.match(r"\^(?:\\s\*)?", pattern)
    if not m or not m.group(0):
        return None
    rest = pattern[m.end():]
    c = rest[:1]
    if c == "\\":
        c, rest = rest[1:2], rest[1:]
        if not c or c.isalnum():
            return None  # a class such as \d, not a character
    elif not c or c in ".^$*+?{}[]|()":
        return None
    return None if rest[1:2] in ("*", "?", "{") else c


def blank_chrome(s: str) -> str:
    """Blank (with spaces, keeping offsets) the lines of web-page chrome: every line that holds
    one of the phrases, and every match of a line pattern (matches taken left to right and
    never overlapping, as re.sub would)."""
    phrases, lines, first_line = chrome_res()
    spans = []
    for p in phrases:
        i = s.find(p)
        while i >= 0:
            a = s.rfind("\n", 0, i) + 1
            b = s.find("\n", i + len(p))
            b = len(s) if b < 0 else b
            spans.append((a, b))
            i = s.find(p, b)
    if spans:
        spans.sort()
        parts, done = [], 0
        for a, b in spans:
            a = max(a, done)
            if b > a:
                parts.append(s[done:a])
                parts.append(" " * (b - a))
                done = b
        parts.append(s[done:])
        s = "".join(parts)
    if lines is not None:
        parts, done = [], 0
        first = first_line.match(s)
        for m in itertools.chain((first,) if first else (), lines.finditer(s)):
            a, b = m.span("chrome")
            if a < done or b == a:
                continue
            parts.append(s[done:a])
            parts.append(" " * (b - a))
            done = b
        if parts:
            parts.append(s[done:])
            s = "".join(parts)
    return s
