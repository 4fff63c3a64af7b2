"""Text normalisation that real files need, keeping offsets.

`clean(text)` returns a `CleanText` whose `text` has exactly the same length as the NFC form
of the input (`original`): every change is a one-for-one character substitution, so an
offset found in the clean text points at the same place in the original. What it does:

- Unicode NFC; the Icelandic eth (U+00D0) that OCR and some portals put for "Đ" made "Đ";
- old and new tone placement made one (hoá -> hóa, khoẻ -> khỏe, uỷ -> ủy; "quý" untouched),
  so that both spellings compare equal;
- dashes of all kinds made "-", odd spaces made " ";
- Markdown emphasis, heading marks and escapes blanked (replaced by spaces); a table pipe
  becomes a line break that is never joined, so each cell is a line of its own;
- web-page chrome lines (tables/chrome_lines.csv) blanked;
- hard-wrapped lines rejoined (the newline made a space) when the break falls inside a
  sentence, so "Nghị\\nquyết số 15-NQ/TW" is one mention. A newline that stays is a paragraph
  break.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from graph import tables
from graph.extract import patterns
from graph.text import SUBSTITUTIONS, fold, squash  # noqa: F401 (fold: agencies reads it here)

def substitute(text: str) -> str:
    """The one-for-one substitutions (`graph.text.SUBSTITUTIONS`: dashes, odd spaces, Markdown
    emphasis, table pipes, Ð), one str.replace per character that occurs: most texts hold
    two or three of them."""
    for old, new in SUBSTITUTIONS.items():
        if old in text:
            text = text.replace(old, new)
    return text


# Tone marks and the vowel pairs whose tone may sit on either vowel: oa, oe, uy.
_TONES = "\u0301\u0300\u0309\u0303\u0323"


@lru_cache(maxsize=1)
def _tone_table() -> dict[str, str]:
    """Map "oá" -> "óa" etc. (new placement -> the placement used in official names)."""
    out = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for upper1 in (False, True):
            for upper2 in (False, True):
                a = first.upper() if upper1 else first
                b = second.upper() if upper2 else second
                for tone in _TONES:
                    new = a + unicodedata.normalize("NFC", b + tone)
                    old = unicodedata.normalize("NFC", a + tone) + b
                    out[new] = old
    return out


@lru_cache(maxsize=1)
def _tone_res() -> tuple[re.Pattern, ...]:
    """The pairs to swap, o/u then a toned second vowel, when no letter follows (hoàn keeps
    its tone on a), as one pattern per first letter: a pattern that opens with a literal is
    searched several times faster than one that opens with a class, and two matches never
    overlap (no second vowel is a first one)."""
    out = []
    for first in "oOuU":
        seconds = sorted({k[1] for k in _tone_table() if k[0] == first})
        out.append(re.compile(first + "[" + "".join(seconds) + r"](?![^\W\d_])"))
    return tuple(out)


def fix_tones(text: str) -> str:
    """Old/new tone placement made one, not after q ("quý"); length is unchanged."""
    table = _tone_table()
    spans = []
    for pattern in _tone_res():
        if pattern.pattern[0] in text:
            for m in pattern.finditer(text):
                i = m.start()
                if not (i and text[i - 1] in "qQ"):
                    spans.append(i)
    if not spans:
        return text
    spans.sort()
    parts, done = [], 0
    for i in spans:
        parts.append(text[done:i])
        parts.append(table[text[i:i + 2]])
        done = i + 2
    parts.append(text[done:])
    return "".join(parts)


# Markdown and table marks to blank: emphasis, escapes, table pipes, heading hashes,
# blockquote marks, horizontal rules made of dashes/equals stay (they separate blocks).
_MARKUP_RE = re.compile(r"_+|\\(?=[-.*_#()\[\]|!+ ])")  # '*' and '|' go by substitute()
_ESCAPED = frozenset("-.*_#()[]|!+ ")  # what a Markdown backslash escapes (_MARKUP_RE)
_ALNUM_RE = re.compile(r"[^\W_]")
_PARA_RE = re.compile(r"[^\s](?:[^\n]*[^\s])?")
_LIST_MARKER_RE = re.compile(
    r"^\s*(?:(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,3}|[a-zđ])[.)](?=\s|$)|[-+•·◦▪]\s|(?:Điều|Chương|Mục|Phần)\s+\w+[.:]?\s)")
# What a (stripped) line matched by _LIST_MARKER_RE can open with, besides a decimal digit.
_LIST_MARKER_FIRST = frozenset("IVXLC" + "abcdefghijklmnopqrstuvwxyzđ" + "-+•·◦▪" + "ĐCMP")
_WORD_RE = re.compile(r"[^\W\d_]+$")
_LETTER_MARKER_RE = re.compile(r"[a-zđ][.)](?=\s|$)")
_NUMBER_LINE_RE = re.compile(r"(?:Số|SỐ)\s*(?:hiệu\s*|HIỆU\s*)?:")  # "Công văn\nsố: …" goes on


@dataclass
class CleanText:
    original: str
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.paragraphs[i]

    def paragraph_index(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    # clause bounds and evidence, computed once per place: extractors ask for them per mention
    _left: dict = field(default_factory=dict, repr=False, compare=False)
    _right: dict = field(default_factory=dict, repr=False, compare=False)
    _evidence: dict = field(default_factory=dict, repr=False, compare=False)

    def clause_start(self, start: int) -> int:
        """Where the clause holding `start` begins: after the last ';' or sentence end before
        it in its paragraph (`sentence_at(start)[0]`)."""
        got = self._left.get(start)
        if got is None:
            left = self.paragraph_at(start)[0]
            for m in _CLAUSE_END_RE.finditer(self.text, left, start):
                left = m.end()
            got = self._left[start] = left
        return got

    def sentence_at(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The clause around [start, end): bounded by ';', sentence ends and paragraph ends."""
        end = start if end is None else end
        p1 = self.paragraph_at(start)[1]
        right = self._right.get((end, p1))
        if right is None:
            m = _CLAUSE_END_RE.search(self.text, end, p1)
            right = self._right[end, p1] = min(m.start() + 1 if m else p1, p1)
        return self.clause_start(start), right

    def evidence(self, start: int, end: int | None = None) -> str:
        k = (start, end)
        got = self._evidence.get(k)
        if got is None:
            a, b = self.sentence_at(start, end)
            got = self._evidence[k] = squash(self.text[a:b])
        return got


_CLAUSE_END_RE = re.compile(r";|\.(?=\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ\"“(])|\.$|:(?=\s*\n)")


class _CaseTable(dict):
    """str.translate table: a letter -> 'A' (capital) or 'a', a capital that is not a letter
    -> 'U', anything else deleted (learnt once per character)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        value = self[code] = ("A" if c.isupper() else "a") if c.isalpha() else (
            "U" if c.isupper() else "")
        return value


_CASE = _CaseTable()
# the bytes of UTF-8 as classes: ASCII capital 'A', ASCII small letter 'a', other ASCII '.',
# a byte of a non-ASCII character 'h'
_BYTE_CLASS = bytes(0x41 if 0x41 <= x <= 0x5A else 0x61 if 0x61 <= x <= 0x7A else
                    0x2E if x < 0x80 else 0x68 for x in range(256))


def mostly_upper(s: str, min_letters: int = 2, head: int = 600) -> bool:
    """Is (the head of) this text written in capitals (≥ 80 % of its letters)? Titles,
    headings and header blocks are. Letters are what str.isalpha says, capitals what
    str.isupper says, over every character; counted in C."""
    s = s[:head]
    if min_letters >= 2 and s[1:].islower():
        # most lines of prose: no capital after the first character, so at most one of
        # the letters needed (≥ 2) is a capital
        return False
    if len(s) > 16:
        # a quick "no" from bounds: the letters are at least the ASCII letters, the
        # capitals at most the ASCII capitals and every non-ASCII character
        u = s.encode("utf-8", "surrogatepass")
        c = u.translate(_BYTE_CLASS)
        up = c.count(b"A")
        non_ascii = len(s) - (len(u) - c.count(b"h"))  # characters
        if up + non_ascii < 0.8 * (up + c.count(b"a")):
            return False
    s = s.translate(_CASE)
    cap = s.count("A")
    letters = cap + s.count("a")
    return letters >= min_letters and cap + s.count("U") >= 0.8 * letters


@lru_cache(maxsize=512)
def _is_upper_line(line: str) -> bool:
    return mostly_upper(line)  # cached: a line is read as the second of a pair, then the first


def wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped file was wrapped at, or 0 when lines are whole paragraphs.

    A wrapped file has many lines close to one maximum length (70-100 characters)."""
    lengths = sorted(map(len, filter(None, lines)))
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 160:
        return 0
    near = bisect_right(lengths, width + 3) - bisect_left(lengths, 0.8 * width)
    return width if near >= 0.4 * len(lengths) else 0


@lru_cache(maxsize=1)
def _name_bigrams() -> frozenset[tuple[str, str]]:
    pairs = set()
    for row in tables.provinces():
        words = row["name"].lower().split()
        pairs.update(zip(words, words[1:]))
    return frozenset(pairs)


@lru_cache(maxsize=1)
def _dashed_bigrams() -> frozenset[tuple[str, str]]:
    """Word pairs around the dash of official names ("Lao động - Thương binh và Xã hội")."""
    pairs = set()
    for name in tables.dashed_names():
        for left, right in re.findall(r"(\w+) - (\w+)", name.lower()):
            pairs.add((left, right))
    return frozenset(pairs)


def _dashed_pair(a: str, b: str) -> bool:
    words = b[1:].split(None, 1)
    return bool(words) and (a.rsplit(None, 1)[-1].lower(), words[0].lower()) in _dashed_bigrams()


def _name_pair(last: str, b: str) -> bool:
    """Do a's last word (`last`, in lower case) and b's first word make a pair of words of a
    province's name?"""
    if last not in _name_firsts():
        return False
    first = b.split(None, 1)[0].lower().rstrip(",.;:)")
    return (last, first) in _name_bigrams()


@lru_cache(maxsize=1)
def _name_firsts() -> frozenset[str]:
    return frozenset(x for x, _ in _name_bigrams())


_NAME_TAIL_RE = re.compile(r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][^\W\d_]*\s?){1,3}")


def _name_tail(a: str, b: str) -> bool:
    """"2. Ban Quản lý Khu kinh tế\nĐông Nam": a short capitalised line ends a heading's name
    (a, not in capitals, is checked by the caller)."""
    # b.count(" ") > 2: more blanks than three words with one blank after each leave
    return (len(a) < 80 and a[-1].isalpha() and b.count(" ") <= 2
            and _NAME_TAIL_RE.fullmatch(b) is not None and not _is_upper_line(b))


def _join_word_end(a: str, tail: str, low: str) -> bool:
    """Do the letters ending a (_WORD_RE in its last 16 characters) make a join word? `tail`
    is a's last word, `low` its lower case: when it is all letters, they are that word."""
    if tail.isalpha() and len(tail) <= 16:
        return low in tables.join_words()
    m = _WORD_RE.search(a[-16:])
    return bool(m) and m.group(0).lower() in tables.join_words()


def _should_join(prev: str, nxt: str, width: int = 0) -> bool:
    """Is the break between these two non-blank, stripped lines a hard wrap inside a sentence?"""
    a = prev
    b = nxt
    last = a[-1]
    first = b[0]
    # fast paths for the two commonest cases (same answers as the rules below)
    if last in ".;:!?" and not first.islower():
        return False  # a sentence ends, the next line opens with a capital or a mark
    if first.islower() and last.isalnum() and not _LETTER_MARKER_RE.match(b):
        return True  # a sentence goes on in lower case ("Nghị\nquyết")
    if (first in _LIST_MARKER_FIRST or first.isdecimal()) and _LIST_MARKER_RE.match(b):
        # "giai đoạn 2021\n- 2025", "kinh tế\n- xã hội", "Lao động\n- Thương binh và Xã hội":
        # a dash inside a range or a name, not a bullet
        return bool(a[-1:].isalnum() and (re.match(r"-\s+\d", b) and a[-1:].isdigit()
                                          or re.match(r"-\s+[^\W\d_]", b) and b[2:3].islower()
                                          or _dashed_pair(a, b)))
    if first == "S" and _NUMBER_LINE_RE.match(b):
        return False  # "Số: 71/KH-UBND" opens its own line in a header
    if not (last.isalnum() or _ALNUM_RE.search(a)) or not (first.isalnum() or _ALNUM_RE.search(b)):
        return False  # rules like "-------" separate header blocks
    if last in ".;:!?":
        # a period before a lower-case word is an abbreviation or a wrap ("TP. Hồ …" aside)
        return last == "." and first.islower() and not a.endswith("./.")
    if first.islower() or first.isdigit() or first in "(,/":
        return True
    if last in "-,(/":
        return True
    # From here on every rule can only say "join", so they are tried cheapest first.
    tail = a.rsplit(None, 1)[-1]  # the last word
    low = tail.lower()
    if _join_word_end(a, tail, low):
        return True  # a line ending with "số", "của", "ngày" … goes on
    if _name_pair(low, b):
        return True  # "thành phố Cần\nThơ": a place name is never split over two lines
    upper_a = _is_upper_line(a)
    if upper_a:
        return _is_upper_line(b)  # a heading in capitals wrapped over two lines
    if _name_tail(a, b):
        return True
    # a full-width line of a hard-wrapped file goes on, whatever the next word's case
    return bool(width and len(a) >= 0.8 * width and not _is_upper_line(b))


def _blank_markup(m: re.Match) -> str:
    g = m.group(0)
    if g[0] == "_":  # an underscore inside a word (a file name, an e-mail) is kept
        s = m.string
        if m.start() > 0 and m.end() < len(s) and s[m.start() - 1].isalnum() and s[m.end()].isalnum():
            return g
    return " " * len(g)


def _letters(test) -> str:
    """The Latin letters (Vietnamese included) for which test(c) holds, as a regex class body."""
    chars = [chr(c) for r in ((0x41, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if test(chr(c))]
    return "".join(re.escape(c) for c in chars)


_LOWER = _letters(str.islower)  # a subset of str.islower: other scripts fall to the slow path
_UPPER = _letters(str.isupper)
_SP = r"[^\S\n]*"  # white space inside a line
# Every line break between two non-blank lines except the plain sentence ends (the line
# before ends in . ; : ! ? and the next opens with a capital, a digit or a mark). Group "join"
# marks the hard wraps the regex decides alone, _should_join's second fast path: a letter or
# digit, then a lower-case letter that does not open a list marker ("a) "); the others go to
# _should_join. The literal "\n" first lets the regex engine jump from line to line, and
# two cheap tests drop at once the breaks next to a blank line (most, in Markdown): the line
# before is not empty (every branch wants a character there) and a non-blank line follows.
_BREAK_RE = re.compile(
    rf"\n(?<!\n\n)(?={_SP}\S)(?:"
    rf"(?<=[^\W_]\n)(?:(?P<join>(?={_SP}[{_LOWER}])(?!{_SP}[a-zđ][.)](?:\s|\Z)))"
    rf"|(?!{_SP}[{_LOWER}])"  # a letter or digit, then no lower-case letter
    rf"|(?={_SP}[a-zđ][.)](?:\s|\Z)))"  # … or then a list marker "a) "
    r"|(?<=(?:[^\w\s.;:!?]|_)\n)"  # a mark such as , - ( ) before the break
    rf"|(?<=[.;:!?]\n)(?={_SP}[^\W\d_])(?!{_SP}[{_UPPER}])"  # a sentence end, then lower case
    r"|(?<=[^\S\n]\n)"  # the line before ends in spaces (or is blank): see in Python
    rf"){_SP}(?=\S)")


def _join_wrapped(s: str, original: str | None) -> str:
    """Make a space of every newline that `_should_join` calls a hard wrap (one regex pass
    finds the breaks to decide and decides the commonest kind). `original` is given when the
    text had table pipes, whose line breaks are never joined."""
    joins = []
    lines = None
    width = 0
    line = done = 0  # the line that ends at the break: lines counted up to `done`
    for m in _BREAK_RE.finditer(s):
        pos = m.start()
        if original is not None and original[pos] == "|":
            continue
        if m.lastgroup:  # "join"
            joins.append(pos)
            continue
        if lines is None:
            lines = list(map(str.strip, s.split("\n")))
            width = wrap_width(lines)
        line += s.count("\n", done, pos)
        done = pos
        prev = lines[line]
        if prev and _should_join(prev, lines[line + 1], width):
            joins.append(pos)
    return _put(s, joins, " ") if joins else s


def _put(s: str, positions: list[int], char: str) -> str:
    """s with the character at each position (ascending) replaced by `char`."""
    parts = []
    done = 0
    for pos in positions:
        parts.append(s[done:pos])
        done = pos + 1
    parts.append(s[done:])
    return char.join(parts)


def blank_markup(s: str) -> str:
    """_MARKUP_RE.sub(_blank_markup, s), found with str.find: a scan by the regex engine costs
    more than the few underscores and backslashes a text holds."""
    spans = []
    n = len(s)
    i = s.find("_")
    while i >= 0:
        j = i + 1
        while j < n and s[j] == "_":
            j += 1
        # an underscore inside a word (a file name, an e-mail) is kept
        if not (i > 0 and j < n and s[i - 1].isalnum() and s[j].isalnum()):
            spans.append((i, j))
        i = s.find("_", j)
    i = s.find("\\")
    while i >= 0:
        if i + 1 < n and s[i + 1] in _ESCAPED:
            spans.append((i, i + 1))
        i = s.find("\\", i + 1)
    spans.sort()
    return _blank_spans(s, spans)


def line_marks(s: str) -> list[tuple[int, int]]:
    """The spans of Markdown heading marks (one to six '#' before a blank) and blockquote
    marks ('>'), with the spaces and tabs before them, at line starts; found with str.find:
    a text holds few '#' and '>', and a regex scan tries every line."""
    spans = []
    n = len(s)
    for mark in "#>":
        i = s.find(mark)
        while i >= 0:
            j = i + 1
            while j < n and s[j] == mark:
                j += 1
            start = s.rfind("\n", 0, i) + 1
            if (start == i or not s[start:i].strip(" \t")) and (
                    mark == ">" or j - i <= 6 and j < n and s[j].isspace()):
                spans.append((start, j))
            i = s.find(mark, j)
    spans.sort()
    return spans


def _blank_spans(s: str, spans: list[tuple[int, int]]) -> str:
    """s with each of the (sorted, disjoint) spans made spaces."""
    if not spans:
        return s
    parts = []
    done = 0
    for a, b in spans:
        parts.append(s[done:a])
        parts.append(" " * (b - a))
        done = b
    parts.append(s[done:])
    return "".join(parts)


def clean(text: str) -> CleanText:
    original = unicodedata.normalize("NFC", text)
    s = substitute(original)
    s = fix_tones(s)
    if "_" in s or "\\" in s:
        s = blank_markup(s)
    if "#" in s or ">" in s:
        s = _blank_spans(s, line_marks(s))
    s = patterns.blank_chrome(s)
    s = _join_wrapped(s, original if "|" in original else None)
    assert len(s) == len(original)
    paragraphs = [m.span() for m in _PARA_RE.finditer(s)]
    return CleanText(original=original, text=s, paragraphs=paragraphs,
                     _starts=[p[0] for p in paragraphs])
