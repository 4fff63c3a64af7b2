"""Short forms of citations: "Nghị quyết 20", "Kế hoạch số 127", and the aliases declared for
them ("(sau đây gọi tắt là Nghị quyết 20)"); type words from tables/type_words.csv.

`find_short_forms` finds the short forms of given type codes and numbers near those numbers
only (`scan.finditer_before`), the same matches as `find_short_forms_plain`, which scans the
whole text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from graph import tables
from graph.extract import patterns
from graph.extract.scan import finditer_before
from graph.text import key


@lru_cache(maxsize=1)
def type_word_re() -> str:
    """Any type word, as a pattern (no group)."""
    words = [patterns.phrase(w) for w, _ in tables.type_words()]
    return "(?:" + "|".join(words) + ")"


def type_code_of_word(word: str) -> Optional[str]:
    w = " ".join(word.lower().split())
    for phrase, code in tables.type_words():
        if w == phrase:
            return code
    return None


@lru_cache(maxsize=1)
def alias_re() -> re.Pattern:
    """'(sau đây gọi tắt là Nghị quyết 20)': group 'alias' is the short form declared."""
    cues = patterns.alternation(tables.cues("alias"))
    return re.compile(rf"\(\s*(?:{cues})\s+(?P<alias>[^()]{{2,90}}?)\s*\)", re.IGNORECASE)


@lru_cache(maxsize=256)  # compiled patterns, one per set of codes (all codes: None)
def short_form_re(codes: frozenset | None = None) -> re.Pattern:
    """"Nghị quyết 20", "Kế hoạch số 127" (the type words of `codes`, keys of type codes),
    not followed by the rest of a symbol: groups 'word' and 'num'."""
    words = [w for w, c in tables.type_words() if codes is None or key(c) in codes]
    alt = patterns.alternation(words)
    return re.compile(rf"(?<!\w)(?P<word>{alt})\s+(?:số\s+)?(?P<num>\d{{1,5}}){_SHORT_TAIL}", re.IGNORECASE)


_SHORT_TAIL = r"(?![\d\w]|\s?[-/]\s?\w)"  # a short form's number is not followed by the rest of a symbol
_SPACES = 8


@lru_cache(maxsize=1)
def _short_form_anchor() -> Optional[tuple[re.Pattern, int]]:
    """(anchor, runs) to find short forms near their numbers only (scan.finditer_before):
    a number as a short form ends (1-5 digits, not followed by the rest of a symbol) right
    after a space that follows the last word of a type word or 'số' (or another space);
    'Kế hoạch số 127' holds at most `runs` runs of non-space before its number. One for all
    type words (compiled once). None when a type word holds a digit (the whole text is
    scanned then)."""
    words = [w for w, _ in tables.type_words()] + ["số"]
    if any(ch.isdigit() for w in words for ch in w):
        return None
    lasts = sorted({w.split()[-1] for w in words})
    # the word, then 1 .. _SPACES-1 spaces (each count its own fixed-width lookbehind), or
    # _SPACES spaces or more after anything
    after = [[rf"(?<={re.escape(t)}\s{{{n}}}\d)" for t in lasts] for n in range(1, _SPACES)]
    multi = "|".join([x for row in after[1:] for x in row] + [rf"(?<=\s{{{_SPACES}}}\d)"])
    anchor = re.compile(rf"\d(?<=\s\d)(?=\d{{0,4}}{_SHORT_TAIL})(?:{'|'.join(after[0])}|(?<=\s\s\d)(?:{multi}))",
                        re.IGNORECASE)
    return anchor, max(len(w.split()) for w in words) + 1


def find_short_forms_plain(text: str, codes: frozenset, numbers: set[str]) -> Iterator[re.Match]:
    """The matches of `short_form_re(codes)` whose number, without its leading zeros, is one
    of `numbers`."""
    return (sm for sm in short_form_re(codes).finditer(text) if sm.group("num").lstrip("0") in numbers)


def find_short_forms(text: str, codes: frozenset, numbers: set[str]) -> Iterator[re.Match]:
    """`find_short_forms_plain`, the pattern tried near those numbers only
    (`scan.finditer_before`)."""
    scan = _short_form_anchor()
    if scan is None:
        return find_short_forms_plain(text, codes, numbers)
    if not codes:  # (no pattern is even compiled)
        return iter(())
    anchor, tokens = scan
    starts = _number_starts(text, numbers, anchor)
    if not starts:
        return iter(())
    word_codes = _word_codes()
    if word_codes is not None:
        # the pattern of all type words goes the same way as the one of `codes` as long as
        # every match it goes by has a word of `codes` (the leftmost match of all words then
        # is the leftmost of those words, with the same word): it is compiled once
        met: list[re.Match] = []
        found = list(finditer_before(short_form_re(), text, starts, tokens, "num", met))
        if all(word_codes.get(" ".join(m.group("word").lower().split()), frozenset()) & codes for m in met):
            return iter(found)
    return finditer_before(short_form_re(codes), text, starts, tokens, "num")


@lru_cache(maxsize=1)
def _word_codes() -> Optional[dict[str, frozenset]]:
    """Type word -> the keys of its codes; None when two type words could match the same text
    (equal but for case: a word in a match could not be told from the other then)."""
    out: dict[str, set] = {}
    for w, c in tables.type_words():
        out.setdefault(" ".join(w.lower().split()), set()).add(key(c))
    if len({w.casefold() for w in out}) < len(out):
        return None
    return {w: frozenset(c) for w, c in out.items()}


def _number_starts(text: str, numbers: set[str], anchor: re.Pattern) -> list[int]:
    """Where a run of digits that is one of `numbers` after its leading zeros ('' for 0)
    starts and `anchor` matches, ascending. The numbers are grouped by their first digit:
    one scan per digit (`_run_re`) gives the runs after a space or a leading zero that start
    with it, whole; 0 (and a number that would start with a zero) is searched for by itself
    (`_number_re`)."""
    out = set()
    by_first: dict[str, set[str]] = {}
    for v in numbers:
        if v[:1] not in ("", "0"):
            by_first.setdefault(v[0], set()).add(v)
            continue
        digits = v or "0"
        if len(digits) == 1:
            ends = [f.end() for f in _number_re(digits).finditer(text)]
        else:
            ends = []
            n = len(text)
            i = text.find(digits)
            while i >= 0:
                e = i + len(digits)
                if e == n or not text[e].isdecimal():
                    ends.append(e)
                i = text.find(digits, i + 1)
        for e in ends:
            _add_number_start(text, e - len(digits), anchor, out)
    for first, vs in by_first.items():
        # a run that is 0…0v starts with v's first digit (not a zero) right after its zeros:
        # no earlier match of the scan is in the same run
        for f in _run_re(first).finditer(text):
            if f.group() in vs:
                _add_number_start(text, f.start(), anchor, out)
    return sorted(out)


def _add_number_start(text: str, a: int, anchor: re.Pattern, out: set[int]) -> None:
    """Add where the run of digits holding `a` (after its leading zeros) starts, if a space
    is before it (no digit: the run starts there) and `anchor` matches there."""
    while a > 0 and text[a - 1] == "0":
        a -= 1
    if a > 0 and text[a - 1].isspace() and anchor.match(text, a):
        out.add(a)


@lru_cache(maxsize=16)
def _number_re(digits: str) -> re.Pattern:
    """`digits` ending a run of digits, after a space or a leading zero (the literal first, so
    that the regex engine skips to it fast)."""
    d = re.escape(digits)
    return re.compile(rf"{d}(?!\d)(?<=[\s0]{d})")


@lru_cache(maxsize=None)  # one per digit character met
def _run_re(first: str) -> re.Pattern:
    """The rest of a run of digits from a `first` after a space or a zero (or at the text's
    start); the literal first, so that the regex engine skips to it fast."""
    d = re.escape(first)
    return re.compile(rf"{d}(?<![^\s0]{d})\d*")
