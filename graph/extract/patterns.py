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
    text has double spaces, and a rejoined CRLF line break leaves two), and none around a
    dash standing alone ('Độc lập - Tự do' = 'Độc lập-Tự do')."""
    words = text.split()
    out = [re.escape(words[0])] if words else []
    for before, word in zip(words, words[1:]):
        out.append(r"\s*" if "-" in (before, word) else r"\s+")
        out.append(re.escape(word))
    return "".join(out)


def alternation(phrases) -> str:
    """Phrases as one alternation, longest first."""
    return "|".join(phrase(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"


@cache
def _chrome_plain_res() -> tuple[re.Pattern, re.Pattern]:
    """(any chrome phrase, any whole-line pattern) of tables/chrome_lines.csv."""
    rows = tables.rows("chrome_lines.csv")
    phrases = [re.escape(r["pattern"]) for r in rows if r["kind"] == "phrase" and r["pattern"]]
    lines = [f"(?:{r['pattern']})" for r in rows if r["kind"] == "line" and r["pattern"]]
    return re.compile("|".join(phrases) or "(?!)"), re.compile("|".join(lines) or "(?!)", re.MULTILINE)


def blank_chrome_plain(s: str) -> str:
    """Blank (with spaces, keeping offsets) the lines of web-page chrome: every line that holds
    one of the phrases, then every match of a line pattern."""
    phrases, lines = _chrome_plain_res()
    for m in reversed(list(phrases.finditer(s))):
        a = s.rfind("\n", 0, m.start()) + 1
        b = s.find("\n", m.end())
        b = len(s) if b < 0 else b
        s = s[:a] + " " * (b - a) + s[b:]
    return lines.sub(lambda m: " " * (m.end() - m.start()), s)


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


# a run of blanks holding a line break, from its start: every pattern of chrome_lines.csv
# opens with "^\\s*", so all the line breaks of one run lead to the same match
_BLANK_RUN_RE = re.compile(r"(?<!\s)[^\S\n]*\n\s*")


@cache
def _runs_suffice() -> bool:
    """Does every line pattern open with "^\\s*" (so `_line_matches` may stand for
    `finditer`)?"""
    return all(r["pattern"].startswith(r"^\s*") for r in tables.rows("chrome_lines.csv")
               if r.get("kind") == "line" and r["pattern"])


def _line_matches(lines: re.Pattern, s: str, done_at: list[int]):
    """The matches of `lines` (each opens with a line break) that `blank_chrome` keeps, tried
    once per run of blank lines, at its first line break not inside the last blanked span
    (`done_at[0]`): trying every line break of a run would read the run once per line break.
    Yields what `lines.finditer(s)` yields, less matches that start inside a blanked span or
    repeat the previous one's span (`blank_chrome` passes over both)."""
    for run in _BLANK_RUN_RE.finditer(s):
        i = s.find("\n", max(run.start(), done_at[0] - 1), run.end())
        if i >= 0:
            m = lines.match(s, i)
            if m:
                yield m


def blank_chrome(s: str) -> str:
    """`blank_chrome_plain`, the phrases found with str.find and the line patterns tried after
    newlines only, behind a test of their first characters (`chrome_res`)."""
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
        done_at = [0]  # `done`, read by _line_matches
        found = _line_matches(lines, s, done_at) if _runs_suffice() else lines.finditer(s)
        for m in itertools.chain((first,) if first else (), found):
            a, b = m.span("chrome")
            if a < done or b == a:
                continue
            parts.append(s[done:a])
            parts.append(" " * (b - a))
            done = done_at[0] = b
        if parts:
            parts.append(s[done:])
            s = "".join(parts)
    return s
