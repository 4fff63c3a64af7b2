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
from graph.text import SUBSTITUTIONS, fold, mostly_upper, squash

_SUBSTITUTION_TABLE = {ord(k): v for k, v in SUBSTITUTIONS.items()}


def substitute_plain(text: str) -> str:
    """The one-for-one substitutions (`graph.text.SUBSTITUTIONS`: dashes, odd spaces, Markdown
    emphasis, table pipes, Ð)."""
    return text.translate(_SUBSTITUTION_TABLE)


def substitute(text: str) -> str:
    """`substitute_plain`, one str.replace per character that occurs (most texts hold two or
    three of them; str.translate looks every character of a non-ASCII text up)."""
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


def _tone_branches() -> list[str]:
    """For each first vowel (o, O, u, U), the pattern of it and a toned second vowel it pairs
    with, when no letter follows (hoàn keeps its tone on a)."""
    out = []
    for first in "oOuU":
        seconds = sorted({k[1] for k in _tone_table() if k[0] == first})
        out.append(first + "[" + "".join(seconds) + r"](?![^\W\d_])")
    return out


@lru_cache(maxsize=1)
def _tone_re() -> re.Pattern:
    return re.compile("|".join(_tone_branches()))


def fix_tones_plain(text: str) -> str:
    """Old/new tone placement made one, not after q ("quý"); length is unchanged."""
    def swap(m: re.Match) -> str:
        i = m.start()
        return m.group(0) if i and text[i - 1] in "qQ" else _tone_table()[m.group(0)]
    return _tone_re().sub(swap, text)


@lru_cache(maxsize=1)
def _tone_res() -> tuple[re.Pattern, ...]:
    """The branches of `_tone_re`, one pattern each (a pattern that opens with a literal is
    searched much faster than one that opens with a class); two matches never overlap (no
    second vowel is a first one)."""
    return tuple(map(re.compile, _tone_branches()))


def fix_tones(text: str) -> str:
    """`fix_tones_plain`, one search per first vowel."""
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
_LINE_MARK_RE = re.compile(r"^[ \t]*(?:#{1,6}(?=\s)|>+)", re.MULTILINE)
_ALNUM_RE = re.compile(r"[^\W_]")
_PARA_RE = re.compile(r"[^\s](?:[^\n]*[^\s])?")
_LIST_MARKER_RE = re.compile(
    r"^\s*(?:(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3}){0,3}|[a-zđ])[.)](?=\s|$)|[-+•·◦▪]\s|(?:Điều|Chương|Mục|Phần)\s+\w+[.:]?\s)")
_WORD_RE = re.compile(r"[^\W\d_]+$")
_NUMBER_LINE_RE = re.compile(r"(?:Số|SỐ)\s*(?:hiệu\s*|HIỆU\s*)?:")  # "Công văn\nsố: …" goes on


@dataclass
class CleanText:
    original: str
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def paragraph_index(self, offset: int) -> int:
        """The index of the paragraph holding `offset` (0 before the first one)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return (0, 0)
        return self.paragraphs[i]

    # clause bounds and evidence, computed once per place: extractors ask for them per mention
    _left: dict = field(default_factory=dict, repr=False, compare=False)
    _right: dict = field(default_factory=dict, repr=False, compare=False)
    _evidence: dict = field(default_factory=dict, repr=False, compare=False)
    _ends: tuple | None = field(default=None, repr=False, compare=False)

    def clause_start(self, start: int) -> int:
        """Where the clause holding `start` begins: after the last ';' or sentence end before
        it in its paragraph (`sentence_at(start)[0]`); `clause_start_plain`, looked up in the
        clause ends of the whole text (`_clause_ends`) instead of rescanning the paragraph
        for every mention."""
        got = self._left.get(start)
        if got is None:
            left = self.paragraph_at(start)[0]
            ends, needs = self._clause_ends()
            k = bisect_left(ends, start) - 1
            while k >= 0 and ends[k] >= left and needs[k] >= start:
                k -= 1  # a sentence end whose look-ahead reaches past `start`
            if k >= 0 and ends[k] >= left:
                left = ends[k] + 1
            got = self._left[start] = max(left, _dot_at_end(self.text, left, start))
        return got

    def clause_start_plain(self, start: int) -> int:
        """`clause_start` by scanning the paragraph up to `start`."""
        left = self.paragraph_at(start)[0]
        for m in _CLAUSE_END_RE.finditer(self.text, left, start):
            left = m.end()
        return left

    def clause_end_plain(self, end: int, p1: int) -> int:
        """`clause_end` by searching from `end`."""
        m = _CLAUSE_END_RE.search(self.text, end, p1)
        return min(m.start() + 1 if m else p1, p1)

    def clause_end(self, end: int, p1: int) -> int:
        """Where the clause going on at `end` ends, at most at `p1` (its paragraph's end): after
        the first ';' or sentence end from `end`, read as if the text ended at `p1`."""
        right = self._right.get((end, p1))
        if right is None:
            ends, needs = self._clause_ends()
            k = bisect_left(ends, end)
            right = p1
            if k < len(ends) and ends[k] < p1 and needs[k] < p1:
                right = ends[k] + 1
            dot = _dot_at_end(self.text, end, p1)
            if dot:
                right = min(right, dot)
            right = self._right[end, p1] = min(right, p1)
        return right

    def _clause_ends(self) -> tuple[list[int], list[int]]:
        """(the offsets where _CLAUSE_END_RE matches in the whole text, for each the offset
        its look-ahead reads up to): a match stands in text[a:b] too when that offset is
        below b, except a '.' ending text[a:b] (`_dot_at_end`)."""
        if self._ends is None:
            ends, needs = [], []
            text = self.text
            for m in _CLAUSE_END_RE.finditer(text):
                i = m.start()
                c = text[i]
                if c == ";":
                    need = i
                elif c == ":":
                    need = text.index("\n", i)
                else:
                    ws = _SPACES_RE.match(text, i + 1)
                    need = ws.end() if ws else len(text)  # '.' at the end: _dot_at_end
                ends.append(i)
                needs.append(need)
            self._ends = (ends, needs)
        return self._ends

    def sentence_at(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The clause around [start, end): bounded by ';', sentence ends and paragraph ends."""
        end = start if end is None else end
        p1 = self.paragraph_at(start)[1]
        return self.clause_start(start), self.clause_end(end, p1)

    def evidence(self, start: int, end: int | None = None) -> str:
        k = (start, end)
        got = self._evidence.get(k)
        if got is None:
            a, b = self.sentence_at(start, end)
            got = self._evidence[k] = squash(self.text[a:b])
        return got


_CLAUSE_END_RE = re.compile(r";|\.(?=\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ\"“(])|\.$|:(?=\s*\n)")
_SPACES_RE = re.compile(r"\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ\"“(])")


def _dot_at_end(text: str, a: int, b: int) -> int:
    """The end of a '.' that _CLAUSE_END_RE's "\\.$" finds in text[a:b] only (the text read
    as if it ended at b: a '.' last, or before a last line break), else 0."""
    if b - 1 >= a and text[b - 1] == ".":
        return b
    if b - 2 >= a and text[b - 2] == "." and text[b - 1] == "\n":
        return b - 1
    return 0


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


def _name_tail(a: str, b: str, upper=mostly_upper) -> bool:
    """"2. Ban Quản lý Khu kinh tế\nĐông Nam": a short capitalised line ends a heading's name
    (a, not in capitals, is checked by the caller)."""
    # b.count(" ") > 2: more blanks than three words with one blank after each leave
    return (len(a) < 80 and a[-1].isalpha() and b.count(" ") <= 2
            and _NAME_TAIL_RE.fullmatch(b) is not None and not upper(b))


def _join_word_end(a: str) -> bool:
    """Do the letters ending a (in its last 16 characters) make a join word?"""
    m = _WORD_RE.search(a[-16:])
    return bool(m) and m.group(0).lower() in tables.join_words()


def _should_join(a: str, b: str, width: int = 0, upper=mostly_upper) -> bool:
    """Is the break between these two non-blank, stripped lines a hard wrap inside a sentence?
    (`upper`: `mostly_upper`, or the same remembering its answers for the lines of one text.)"""
    last = a[-1]
    first = b[0]
    if _LIST_MARKER_RE.match(b):
        # "giai đoạn 2021\n- 2025", "kinh tế\n- xã hội", "Lao động\n- Thương binh và Xã hội":
        # a dash inside a range or a name, not a bullet
        return bool(a[-1:].isalnum() and (re.match(r"-\s+\d", b) and a[-1:].isdigit()
                                          or re.match(r"-\s+[^\W\d_]", b) and b[2:3].islower()
                                          or _dashed_pair(a, b)))
    if _NUMBER_LINE_RE.match(b):
        return False  # "Số: 71/KH-UBND" opens its own line in a header
    if first.isdigit() and _next_item(a, b):
        return False  # "999. …\n1000. …": a list marker of four digits after the one before
    if not _ALNUM_RE.search(a) or not _ALNUM_RE.search(b):
        return False  # rules like "-------" separate header blocks
    if last in ".;:!?":
        # a period before a lower-case word is an abbreviation or a wrap ("TP. Hồ …" aside)
        return last == "." and first.islower() and not a.endswith("./.")
    if first.islower() or first.isdigit() or first in "(,/":
        return True
    if last in "-,(/":
        return True
    # From here on every rule can only say "join", so they are tried cheapest first.
    if _join_word_end(a):
        return True  # a line ending with "số", "của", "ngày" … goes on
    if _name_pair(a.rsplit(None, 1)[-1].lower(), b):
        return True  # "thành phố Cần\nThơ": a place name is never split over two lines
    if upper(a):
        return upper(b)  # a heading in capitals wrapped over two lines
    if _name_tail(a, b, upper):
        return True
    # a full-width line of a hard-wrapped file goes on, whatever the next word's case
    return bool(width and len(a) >= 0.8 * width and not upper(b))


_ITEM_NUMBER_RE = re.compile(r"(\d{4})[.)]\s")


def _next_item(a: str, b: str) -> bool:
    """Does b open with an item number of four digits ("1000. ") following the one that opens
    a ("999. ")? (`_LIST_MARKER_RE` takes three digits at most: a year opens many lines.)"""
    m = _ITEM_NUMBER_RE.match(b)
    if not m:
        return False
    before = str(int(m.group(1)) - 1)
    return a.startswith(before) and a[len(before):len(before) + 2] in (". ", ") ")


def join_wrapped_plain(s: str, original: str | None) -> str:
    """Make a space of every newline that `_should_join` calls a hard wrap between two
    non-blank lines. `original` is given when the text had table pipes, whose line breaks
    are never joined."""
    lines = s.split("\n")
    stripped = [line.strip() for line in lines]
    width = wrap_width(stripped)
    seps = []
    pos = -1  # the newline after line i
    for i in range(len(lines) - 1):
        pos += len(lines[i]) + 1
        join = (stripped[i] and stripped[i + 1] and (original is None or original[pos] != "|")
                and _should_join(stripped[i], stripped[i + 1], width))
        seps.append(" " if join else "\n")
    seps.append("")
    return "".join(x for pair in zip(lines, seps) for x in pair)


def _letters(test) -> str:
    """The Latin letters (Vietnamese included) for which test(c) holds, as a regex class body."""
    chars = [chr(c) for r in ((0x41, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if test(chr(c))]
    return "".join(re.escape(c) for c in chars)


_LOWER = _letters(str.islower)  # a subset of str.islower: other scripts fall to the slow path
_UPPER = _letters(str.isupper)
_SP = r"[^\S\n]*"  # white space inside a line
# Every line break between two non-blank lines except the plain sentence ends (the line
# before ends in . ; : ! ? and the next opens with a capital, a digit or a mark). Group "join"
# marks the hard wraps the regex decides alone, those _should_join would join: a letter or
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


def join_wrapped(s: str, original: str | None) -> str:
    """`join_wrapped_plain`, one regex pass (`_BREAK_RE`) finding the breaks to decide and
    deciding the commonest kind (a lower-case continuation) itself."""
    joins = []
    lines = None
    width = 0
    seen: dict[str, bool] = {}  # mostly_upper of this text's lines (a line is read twice)

    def upper(line: str) -> bool:
        got = seen.get(line)
        if got is None:
            got = seen[line] = mostly_upper(line)
        return got

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
        if prev and _should_join(prev, lines[line + 1], width, upper):
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


def _blank_markup(m: re.Match) -> str:
    g = m.group(0)
    if g[0] == "_":  # an underscore inside a word (a file name, an e-mail) is kept
        s = m.string
        if m.start() > 0 and m.end() < len(s) and s[m.start() - 1].isalnum() and s[m.end()].isalnum():
            return g
    return " " * len(g)


def blank_markup_plain(s: str) -> str:
    """Markdown emphasis (underscores) and escapes blanked; an underscore inside a word (a file
    name, an e-mail) is kept."""
    return _MARKUP_RE.sub(_blank_markup, s)


def blank_markup(s: str) -> str:
    """`blank_markup_plain`, the marks found with str.find (a text holds few underscores and
    backslashes; the regex engine would try every position)."""
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


def line_marks_plain(s: str) -> list[tuple[int, int]]:
    """The spans of Markdown heading marks (one to six '#' before a blank) and blockquote
    marks ('>'), with the spaces and tabs before them, at line starts."""
    return [m.span() for m in _LINE_MARK_RE.finditer(s)]


def line_marks(s: str) -> list[tuple[int, int]]:
    """`line_marks_plain`, found with str.find (a text holds few '#' and '>'; the regex
    tries every line)."""
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
    s = join_wrapped(s, original if "|" in original else None)
    assert len(s) == len(original)
    paragraphs = [m.span() for m in _PARA_RE.finditer(s)]
    return CleanText(original=original, text=s, paragraphs=paragraphs,
                     _starts=[p[0] for p in paragraphs])
