"""`fold` for long non-ASCII text, done with whole-string C operations only.

`normalize.fold` maps each character to one character (lower case, no diacritics, dashes
'-', …) with `str.translate`, which on a non-ASCII string looks every character up in a
dict: about 30-40 ns a character, the largest single cost of reading tasks. This module
gives the same string several times faster:

1. `text.lower()` (C speed; only the capital sigma (final 'ς' or 'σ') and U+0130 (two
   characters) depend on more than the character itself: no Greek character owns a key,
   and a length change sends the text to the slow path);
2. each character, as its UTF-16 unit (hi, lo), gets a one-byte key `lo ^ _XOR[hi]`;
3. a key has one owner character; the keys' owners are checked (the key's `hi` and `lo`
   must be the unit's), any other character sends the text to the slow path;
4. the key's folded character comes from a 256-entry table.

Correctness does not depend on the table's choices: a character that is not the owner of
its key is caught in step 3. The choice only decides how often the fast path applies;
`_XOR` was picked so that the characters of Vietnamese text (every letter, common
punctuation) own their keys. One more condition makes the result exact: fold(c) ==
fold(c.lower()) for every character c whose lower case is an owner; `_check_all()` verifies
this over all of Unicode (`python -m graph.extract.fastfold`, under a second; run it after
changing `_XOR`, `_BLOCK_ORDER` or normalize.fold).

Measured on the 318 official texts (2,048-character chunks): ~11.5 ns a character against
~40 ns for `str.translate`; crossover near 48 characters, hence `_MIN_LEN`.
"""
from __future__ import annotations

import unicodedata
from typing import Callable, Optional

# XOR constant for the high byte of a UTF-16 unit (0 for the blocks not listed)
_XOR = {0x1E: 0x60, 0x01: 0xA3, 0x20: 0x59, 0x22: 0x30}
# blocks whose characters may own keys, in the order they claim them
# (never 0x03: whole-string lower() makes a final capital sigma 'ς', fold makes it 'σ')
_BLOCK_ORDER = (0x1E, 0x01, 0x20, 0x22, 0x25, 0x21, 0x26, 0x02, 0x04)

# the marks of Vietnamese letters (NFD): grave, acute, circumflex, tilde, breve, hook above,
# horn, dot below; their letters are sure to own a key
_VIET_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"

_MIN_LEN = 64  # shorter strings: str.translate is as fast (measured: equal near 48)


class _Tables:
    def __init__(self, fold1: Callable[[str], str]):
        owner: dict[int, int] = {}  # key -> code point

        def claim(code: int) -> None:
            key = (code & 0xFF) ^ _XOR.get(code >> 8, 0)
            if key in owner:
                return
            c = chr(code)
            if c.lower() != c:
                return  # never seen after lower()
            f = fold1(c)
            if len(f) != 1 or ord(f) > 0xFFFF:
                return
            owner[key] = code

        def cat(code: int) -> str:
            return unicodedata.category(chr(code))

        def vietnamese(code: int) -> bool:
            d = unicodedata.normalize("NFD", chr(code))
            return d[0] in "aeiouy" and all(m in _VIET_MARKS for m in d[1:]) or d == "đ"

        blocks = [k << 8 | lo for k in _BLOCK_ORDER for lo in range(0x100)]
        # ASCII; the Vietnamese letters; the other characters of Latin-1; the signs, then
        # the letters of the other blocks
        for code in range(0x80):
            if (code >= 0x20 or chr(code) in "\t\n\r") and code != 0x7F:
                claim(code)
        for code in list(range(0x80, 0x100)) + blocks:
            if vietnamese(code):
                claim(code)
        for code in range(0xA0, 0x100):
            claim(code)
        for code in blocks:
            if cat(code)[0] not in "LC":
                claim(code)
        for code in blocks:
            if cat(code)[0] == "L":
                claim(code)
        self.owner = owner
        xor = bytearray(256)
        for k, v in _XOR.items():
            xor[k] = v
        self.xor = bytes(xor)
        hi_of, lo_of, out_lo, out_hi = (bytearray(256) for _ in range(4))
        wide = bytearray()
        for key in range(256):
            code = owner.get(key)
            if code is None:
                # no owner: a (hi, lo) no unit with this key can have (hi 0 gives the key
                # lo, not lo ^ 1)
                hi_of[key], lo_of[key] = 0, key ^ 1
                continue
            hi_of[key], lo_of[key] = code >> 8, code & 0xFF
            f = ord(fold1(chr(code)))
            out_lo[key], out_hi[key] = f & 0xFF, f >> 8
            if f > 0xFF:
                wide.append(key)
        self.hi_of, self.lo_of = bytes(hi_of), bytes(lo_of)
        self.out_lo, self.out_hi = bytes(out_lo), bytes(out_hi)
        self.wide = bytes(wide)  # keys whose folded character is beyond Latin-1


_T: Optional[_Tables] = None


def _tables() -> _Tables:
    global _T
    if _T is None:
        from graph.extract.normalize import fold
        _T = _Tables(fold)
    return _T


_from_bytes = int.from_bytes


def fast_fold(text: str) -> Optional[str]:
    """fold(text), or None when the fast path does not apply (short, or a character
    without a key): the caller folds it the usual way then."""
    n = len(text)
    if n < _MIN_LEN:
        return None
    low = text.lower()
    if len(low) != n:
        return None
    try:
        b = low.encode("utf-16-le")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if len(b) != 2 * n:  # a character beyond the BMP
        return None
    t = _T or _tables()
    lo = b[0::2]
    hi = b[1::2]
    key = (_from_bytes(lo, "little") ^ _from_bytes(hi.translate(t.xor), "little")).to_bytes(
        n, "little")
    if key.translate(t.hi_of) != hi or key.translate(t.lo_of) != lo:
        return None
    out = key.translate(t.out_lo)
    if len(key.translate(None, t.wide)) == n:  # every folded character in Latin-1
        return out.decode("latin-1")
    both = bytearray(2 * n)
    both[0::2] = out
    both[1::2] = key.translate(t.out_hi)
    return both.decode("utf-16-le")


def _check_all() -> list[str]:
    """Characters c with fold(c) != fold(c.lower()) whose lower case owns a key (must be
    none: see the module doc)."""
    from graph.extract.normalize import fold
    owners = {chr(c) for c in _tables().owner.values()}
    bad = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        low = c.lower()
        if len(low) == 1 and low in owners and fold(c) != fold(low):
            bad.append(c)
    return bad


if __name__ == "__main__":
    bad = _check_all()
    print("fold(c) == fold(c.lower()) for every owner's preimage:", not bad, bad[:20])
