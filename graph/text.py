"""Text primitives every stage shares: the dash and space sets, the one fold, squash, keys.

- `fold(text)`: lower case without diacritics, dashes '-', odd spaces ' ', one character for
  one (offsets carry over); the comparison form of names and cue phrases ("Ủy ban" =
  "uy ban" = "UỶ BAN"). It is the `CharTable` `FOLD`: str.translate, or the C charmap codec
  on longer non-ASCII strings (`FOLD.plain`, `FOLD.fast`).
- `mostly_upper(text)`: written in capitals (titles, header blocks), by the `CharTable` `CASE`.
- `squash(text)`: white space made single, ends trimmed of " ,;" (evidence, titles);
  `squash_name(text)`: the same trimming " ,;.:" too (agency names).
- keys: `key(code)` of an abbreviation ('QĐ', 'qd' -> 'QD'), `casefold_key(s)` (diacritics
  kept: node ids), `strip_accents(s)` (the same without diacritics: search), `name_key(name)`
  (folded words of a name), `symbol_norm(symbol)` (lenient comparison form of a số ký hiệu).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Callable, Optional

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = ("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
          "\u205f\u3000\t\r\f\v\u200b\ufeff")

# The one-for-one substitutions clean text gets (graph.extract.normalize.clean): dashes, odd
# spaces, Markdown emphasis (a space), table pipes (a line break), the Icelandic eth printed
# for Đ. `fold` applies them too, so that a raw string and its clean form fold alike.
SUBSTITUTIONS = {c: "-" for c in DASHES}
SUBSTITUTIONS.update({c: " " for c in SPACES})
SUBSTITUTIONS["*"] = " "
SUBSTITUTIONS["|"] = "\n"
SUBSTITUTIONS["\u00d0"] = "Đ"
SUBSTITUTIONS["\u00f0"] = "đ"


_DASH_TABLE = dict.fromkeys(map(ord, DASHES), "-")


def plain_dashes(text: str) -> str:
    """Every kind of dash made '-'."""
    return text.translate(_DASH_TABLE)


# ---------------------------------------------------------------- one-for-one tables

# The characters of Vietnamese text: NUL first (the charmap codec's fast map wants it at
# index 0), ASCII, every Vietnamese letter in both cases, then common signs, most frequent
# first, while there is room for them in 256.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_SIGNS = "–—“”‘’…•·°±×÷≤≥□½«»§²³№₫‰\u00a0"


def _common_chars() -> list[str]:
    chars = ["\x00"] + [chr(c) for c in range(0x20, 0x7F)] + ["\t", "\n", "\r"]
    for v in _VOWELS + "đ":
        for tone in _TONES if v != "đ" else ("",):
            for c in (unicodedata.normalize("NFC", v + tone),
                      unicodedata.normalize("NFC", v.upper() + tone)):
                if c not in chars:
                    chars.append(c)
    return (chars + [c for c in _SIGNS if c not in chars])[:256]


class CharTable:
    """A mapping of each character to one character, applied to whole strings.

    `plain(text)` is str.translate over a table that learns each character once; `fast(text)`
    is the same by Python's C charmap codec over the common characters of Vietnamese text
    (`codecs.charmap_encode` makes each its index in 256, `codecs.charmap_decode` each index
    its image), or None when `text` holds another character; calling the table takes the fast
    path for longer non-ASCII strings (where str.translate is slowest)."""

    FAST_MIN = 8  # shorter strings go by str.translate

    def __init__(self, image: Callable[[str], str]) -> None:
        self._learnt = _Learning(image)
        chars = _common_chars()
        pad = "\ufffe" * (256 - len(chars))  # U+FFFE marks an unused index both ways
        self._encoding = codecs.charmap_build("".join(chars) + pad)
        self._decoding = "".join(map(image, chars)) + pad
        assert len(self._decoding) == 256, "every image must be one character"

    def plain(self, text: str) -> str:
        return text.translate(self._learnt)

    def fast(self, text: str) -> Optional[str]:
        try:
            b = codecs.charmap_encode(text, "strict", self._encoding)[0]
        except UnicodeEncodeError:
            return None
        return codecs.charmap_decode(b, "strict", self._decoding)[0]

    def __call__(self, text: str) -> str:
        if len(text) >= self.FAST_MIN and not text.isascii():
            f = self.fast(text)
            if f is not None:
                return f
        return text.translate(self._learnt)


class _Learning(dict):
    """A str.translate table that learns each character's image once."""

    def __init__(self, image: Callable[[str], str]) -> None:
        super().__init__()
        self._image = image

    def __missing__(self, code: int) -> str:
        value = self[code] = self._image(chr(code))
        return value


# ---------------------------------------------------------------- fold

def _fold_char(c: str) -> str:
    c = SUBSTITUTIONS.get(c, c)
    return "d" if c in "đĐ" else unicodedata.normalize("NFD", c)[0].lower()


FOLD = CharTable(_fold_char)


def fold(text: str) -> str:
    """Lower case without diacritics, dashes '-', odd spaces ' ' ("Ủy ban" = "uy ban" =
    "UỶ BAN"). Each character is folded on its own, so the length of NFC text is kept."""
    return FOLD(text)


# ---------------------------------------------------------------- capitals

def _case_class(c: str) -> str:
    """'A' for a capital letter, 'a' for another letter, 'U' for a capital that is no
    letter, '.' for anything else."""
    if c.isalpha():
        return "A" if c.isupper() else "a"
    return "U" if c.isupper() else "."


CASE = CharTable(_case_class)


def mostly_upper(s: str, min_letters: int = 2, head: int = 600) -> bool:
    """Is (the head of) this text written in capitals (≥ 80 % of its letters, at least
    `min_letters` of them)? Titles, headings and header blocks are."""
    c = CASE(s[:head])
    cap = c.count("A")
    letters = cap + c.count("a")
    return letters >= min_letters and cap + c.count("U") >= 0.8 * letters


# ---------------------------------------------------------------- squash

def squash(text: str) -> str:
    """White space made single spaces, ends trimmed of spaces, ',' and ';'; "( x )" -> "(x)"
    (blanked emphasis leaves "( sau đây … )")."""
    s = " ".join(text.split()).strip(" ,;")
    if "(" in s:
        s = s.replace("( ", "(").replace(" )", ")")
    return s


def squash_name(text: str) -> str:
    """White space made single spaces, ends trimmed of spaces and ',;.:' (a name)."""
    return " ".join(text.split()).strip(" ,;.:")


# ---------------------------------------------------------------- keys

def key(code: str) -> str:
    """Case- and đ-insensitive key of an abbreviation: 'QĐ', 'QD', 'qđ' -> 'QD'."""
    return code.upper().replace("Đ", "D")


def casefold_key(s: Optional[str]) -> str:
    """Case- and form-insensitive key that keeps diacritics: NFC, casefold, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())


def strip_accents(s: Optional[str]) -> str:
    """`casefold_key` without diacritics (đ -> d)."""
    s = unicodedata.normalize("NFD", casefold_key(s)).replace("đ", "d")
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


_NON_WORD_RE = re.compile(r"[^\w\s]")


def name_key(name: str) -> str:
    """The folded words of a name, '&' read 'và', signs dropped: the key of an agency."""
    s = fold(name).replace("&", " va ")
    return " ".join(_NON_WORD_RE.sub(" ", s).split())


_LEADING_ZEROS_RE = re.compile(r"(?<![\w])0+(?=\d)")


def symbol_norm(symbol: str) -> str:
    """Lenient comparison form of a số ký hiệu: case, spaces, dash kinds and leading zeros do
    not matter ('05/KH–UBND' = '5/kh-ubnd')."""
    s = plain_dashes(casefold_key(symbol)).replace(" ", "")
    return _LEADING_ZEROS_RE.sub("", s)
