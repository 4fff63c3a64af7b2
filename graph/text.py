"""Text primitives every stage shares: the dash and space sets, the one fold, squash, keys.

- `fold(text)`: lower case without diacritics, dashes '-', odd spaces ' ', one character for
  one (offsets carry over); the comparison form of names and cue phrases ("Ủy ban" =
  "uy ban" = "UỶ BAN"). `fold_plain` is the same by `str.translate`; `fold` takes the C
  charmap codec for longer non-ASCII strings (`fold_fast`) and falls back to it.
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
from typing import Optional

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


# ---------------------------------------------------------------- fold

def _fold_char(c: str) -> str:
    c = SUBSTITUTIONS.get(c, c)
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    return base.lower() if len(base) == 1 else c.lower()


class _FoldTable(dict):
    """A str.translate table that learns each character's folded form once."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD = _FoldTable()


def fold_plain(text: str) -> str:
    """`fold` by str.translate, character by character."""
    return text.translate(_FOLD)


# The fast path: a table of 256 characters (ASCII, every Vietnamese letter in both cases,
# common signs) made a charmap encoding. `codecs.charmap_encode` turns each character into its
# index, `codecs.charmap_decode` turns each index into the folded character (learnt from
# `fold_plain`); a character outside the table raises in the encoder.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_SIGNS = "–—“”‘’…•·°±×÷≤≥□½«»§²³№₫‰\u00a0"  # beyond ASCII, most frequent first
_FAST_MIN = 8  # shorter strings go by str.translate (bench/bench_extract.py)


def _charmap_chars() -> list[str]:
    """NUL first (the codec's fast map wants it at index 0), ASCII, the Vietnamese letters,
    then signs while there is room; only characters that fold to one character."""
    chars = ["\x00"] + [chr(c) for c in range(0x20, 0x7F)] + ["\t", "\n", "\r"]
    for v in _VOWELS + "đ":
        for tone in _TONES if v != "đ" else ("",):
            for c in (unicodedata.normalize("NFC", v + tone),
                      unicodedata.normalize("NFC", v.upper() + tone)):
                if c not in chars:
                    chars.append(c)
    chars += [c for c in _SIGNS if c not in chars]
    return [c for c in chars if len(fold_plain(c)) == 1][:256]


def _charmap_tables() -> tuple[dict, str]:
    chars = _charmap_chars()
    pad = "\ufffe" * (256 - len(chars))  # U+FFFE marks an unused index both ways
    return codecs.charmap_build("".join(chars) + pad), "".join(map(fold_plain, chars)) + pad


_ENCODING, _DECODING = _charmap_tables()


def fold_fast(text: str) -> Optional[str]:
    """`fold_plain(text)` by the charmap codec, or None when a character of `text` is not in
    its table."""
    try:
        b = codecs.charmap_encode(text, "strict", _ENCODING)[0]
    except UnicodeEncodeError:
        return None
    return codecs.charmap_decode(b, "strict", _DECODING)[0]


def fold(text: str) -> str:
    """Lower case without diacritics, dashes '-', odd spaces ' ' ("Ủy ban" = "uy ban" =
    "UỶ BAN"). Each character is folded on its own, so the length of NFC text is kept."""
    if len(text) >= _FAST_MIN and not text.isascii():
        f = fold_fast(text)
        if f is not None:
            return f
    return text.translate(_FOLD)


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
