"""Bytes -> Unicode text for Vietnamese documents.

Handles UTF-8 (with or without BOM), UTF-16/32 (BOM, or BOM-less UTF-16 recognised by its NUL
pattern), Windows-1258 (decoded, then NFC: cp1258 writes most tones as combining marks) and the
legacy 8-bit *font* encodings TCVN3 (ABC, fonts .VnTime...) and VNI-Windows (fonts VNI-Times...).

Legacy font encodings are not charsets: their bytes were shown through a special font, so a file
in TCVN3 decodes "fine" as Windows-1252 into mojibake like "Céng hoµ x· héi". Detection therefore
decides between candidate decodings by how Vietnamese the result reads (common syllables, letters
of the Vietnamese alphabet vs stray Latin-1 symbols); charset-normalizer is only consulted as a
hint for non-Vietnamese text. The same check runs on text that already is Unicode (docx, PDF,
HTML, UTF-8 files typed with a legacy font), so "Céng hoµ" in a .docx becomes "Cộng hoà".

Mapping tables are data: `graph/tables/tcvn3.csv`, `graph/tables/vni.csv` (from the public
charts), common syllables in `graph/tables/vi_common_syllables.csv`.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from graph.tables import rows


# Windows-1252 leaves five bytes undefined; legacy files use them rarely, map them as Latin-1.
_CP1252_HIGH = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0))


_C1_TO_1252 = {0x80 + i: ch for i, ch in enumerate(_CP1252_HIGH)}
_1252_TO_BYTE = {ord(ch): 0x80 + i for i, ch in enumerate(_CP1252_HIGH)}


def bytes_as_1252(data: bytes) -> str:
    """Decode bytes one char per byte, as Windows-1252 (undefined bytes as Latin-1)."""
    return data.decode("latin-1").translate(_C1_TO_1252)


def _char_byte(ch: str) -> int:
    """Inverse of bytes_as_1252 for one character."""
    return _1252_TO_BYTE.get(ord(ch), ord(ch))


def _byte_char(b: int) -> str:
    return bytes([b]).decode("latin-1").translate(_C1_TO_1252)


@lru_cache(maxsize=1)
def tcvn3_table() -> dict[str, str]:
    """Windows-1252 character (as the byte reads) -> Unicode letter."""
    return {_byte_char(int(row["byte"], 16)): unicodedata.normalize("NFC", row["char"])
            for row in rows("tcvn3.csv")}


@lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """Windows-1252 string of the VNI byte sequence -> Unicode letter."""
    return {"".join(_byte_char(int(h, 16)) for h in row["bytes"].split()):
            unicodedata.normalize("NFC", row["char"]) for row in rows("vni.csv")}


@lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFC", r["syllable"]).lower()
                     for r in rows("vi_common_syllables.csv") if r.get("syllable"))


# --- legacy conversions (str -> str, each char standing for one byte read as cp1252) ---------

@lru_cache(maxsize=1)
def _tcvn3_trans() -> dict[int, str]:
    return {ord(k): v for k, v in tcvn3_table().items()}


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text read as Windows-1252 to Unicode.

    TCVN3 has no capital letters with tone marks: titles were set in the capitals-only fonts
    (.VnTimeH) using the lower-case codes, so "KÕ HO¹CH" reads "Kế HOạCH". Lines made only of
    capitals plus such letters are upper-cased again (see `_restore_caps`)."""
    return _restore_caps(text.translate(_tcvn3_trans()))


def _restore_caps(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if not re.search(r"[a-z]", line):
            words = line.split()
            mixed = sum(1 for w in words if re.search(r"[A-Z]", w) and any(
                c.islower() for c in w))
            if mixed >= 2 or (mixed == 1 and len(words) >= 2 and not re.search(r"\d", line)):
                line = line.upper()
        out.append(line)
    return "\n".join(out)


@lru_cache(maxsize=1)
def _vni_regex() -> tuple[re.Pattern, dict[str, str]]:
    table = vni_table()
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text read as Windows-1252 to Unicode ("Vieät" -> "Việt")."""
    rx, table = _vni_regex()
    return rx.sub(lambda m: table[m.group(0)], text)


def unicode_to_tcvn3(text: str) -> bytes:
    """Encode Unicode Vietnamese to TCVN3 bytes (capitals with tones are written lower-case,
    as the .VnTimeH fonts did). Used by tests and the corpus generator."""
    rev = {v: k for k, v in tcvn3_table().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in rev:
            out.append(_char_byte(rev[ch]))
        elif ch.lower() in rev:
            out.append(_char_byte(rev[ch.lower()]))
        else:
            out += ch.encode("cp1252", errors="replace")
    return bytes(out)


def unicode_to_vni(text: str) -> bytes:
    """Encode Unicode Vietnamese to VNI-Windows bytes (tests and the corpus generator)."""
    rev = {v: k for k, v in vni_table().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        seq = rev.get(ch)
        if seq is not None:
            out += bytes(_char_byte(c) for c in seq)
        else:
            out += ch.encode("cp1252", errors="replace")
    return bytes(out)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def unicode_to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 the way Windows does: ă â ê ô ơ ư đ precomposed, tones as
    combining marks (tests and the corpus generator)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))
        out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)


# --- scoring -----------------------------------------------------------------------------------

_VI_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvx"
    "yỳýỷỹỵfjwz")
_VI_NONASCII = frozenset(c for c in _VI_LETTERS if ord(c) > 0x7F)
_VI_BEYOND_LATIN1 = frozenset(c for c in _VI_NONASCII if ord(c) > 0xFF)
_PUNCT = "\"'()[]{}.,;:!?«»“”‘’…-–—/*#|_<>=+%&^~`"


def _strange(ch: str) -> bool:
    """A character that does not belong in Vietnamese text but is what legacy bytes read as."""
    o = ord(ch)
    if o < 0x80:
        return False
    if ch.lower() in _VI_LETTERS:
        return False
    if 0xA0 <= o <= 0xFF or ch in "ŒœŠšŸŽžƒˆ˜†‡‰‹›™":
        return ch not in "\u00a0°±§©®«»·×÷²³¹½¼¾"  # common in real documents
    cat = unicodedata.category(ch)
    return cat in ("Mn", "Cc", "Co", "Cn")


@dataclass
class Score:
    common: int = 0
    vi_words: int = 0
    strange_words: int = 0
    strange_chars: int = 0
    tokens: int = 0

    @property
    def value(self) -> float:
        return 3 * self.common + self.vi_words - 2 * self.strange_words - 0.5 * self.strange_chars


_STRANGE_MEMO: dict[str, bool] = {}


def vietnamese_score(text: str, limit: int = 20000) -> Score:
    """How much `text` reads as Vietnamese: higher is better; compare candidate decodings."""
    sample = text[:limit]
    common = common_syllables()
    memo = _STRANGE_MEMO
    s = Score()
    for tok in sample.split():
        tok = tok.strip(_PUNCT)
        if not tok:
            continue
        s.tokens += 1
        low = tok.lower()
        if low.isascii():
            if low in common:
                s.common += 1
            continue
        bad = 0
        for c in low:
            if ord(c) > 0x7F:
                st = memo.get(c)
                if st is None:
                    st = memo[c] = _strange(c)
                bad += st
        if bad:
            s.strange_words += 1
            s.strange_chars += bad
        elif low in common:
            s.common += 1
        elif _VI_LETTERS.issuperset(low):
            s.vi_words += 1
    return s


def looks_unicode_vietnamese(text: str, limit: int = 60000) -> bool:
    """True when the text already has Vietnamese letters only Unicode can hold (ộ, ư, đ...)."""
    sample = text[:limit]
    n = 0
    for _ in _vi_beyond_re().finditer(sample):
        n += 1
        if n >= 5:
            return True
    return n >= 1 and n * 200 >= len(sample)


@lru_cache(maxsize=1)
def _vi_beyond_re() -> re.Pattern:
    return re.compile("[" + "".join(sorted(_VI_BEYOND_LATIN1 | {c.upper() for c in
                                                              _VI_BEYOND_LATIN1})) + "]")


# --- decisions ----------------------------------------------------------------------------------

@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


SAMPLE_BYTES = 60000


class EncodingRefused(ValueError):
    """Bytes in an encoding we recognise but do not convert, or not text at all."""


def fix_legacy(text: str) -> tuple[str, Optional[str]]:
    """If Unicode `text` is really TCVN3 / VNI read through Windows-1252, convert it.

    Returns (text, "tcvn3" | "vni" | None). Text that already holds Unicode Vietnamese is never
    touched."""
    if not text or looks_unicode_vietnamese(text):
        return text, None
    if not any(0x80 <= ord(c) <= 0xFF or c in _1252_TO_BYTE_CHARS for c in text[:60000]):
        return text, None
    base = vietnamese_score(text)
    best, best_name, best_score = text, None, base.value
    for name, conv in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        cand = conv(text)
        sc = vietnamese_score(cand)
        if sc.value > best_score + 2 and sc.common >= 2:
            best, best_name, best_score = cand, name, sc.value
    return best, best_name


_1252_TO_BYTE_CHARS = frozenset(chr(k) for k in _1252_TO_BYTE)

LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}


_CTRL_CHARS = "".join(chr(i) for i in range(0x20) if chr(i) not in "\t\n\r\f\v\x1a\x1b") + "\x7f"
_CTRL_FIND = re.compile("[" + re.escape(_CTRL_CHARS) + "]")


def _is_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    ctrl = len(_CTRL_FIND.findall(sample))
    return "\x00" in sample or ctrl > max(2, len(sample) // 200)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros >= half * 0.3 and (even + odd - zeros) <= half * 0.02:
            try:
                return codec if data.decode(codec) is not None else None
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, declared: Optional[str] = None) -> Decoded:
    """Decode file bytes into NFC text; raise EncodingRefused when it is not text."""
    # 1. byte-order marks
    found = _by_bom(data)
    if found is not None:
        return found
    warnings: list[str] = []
    # 2. NULs: UTF-16 without BOM, or binary
    if b"\x00" in data[:8192]:
        codec = _utf16_without_bom(data)
        if codec:
            warnings.append(f"{codec} without byte-order mark")
            return _finish(data.decode(codec), "utf-16", warnings)
        raise EncodingRefused("binary file, not text (NUL bytes)")
    # 3. UTF-8 (ASCII included)
    try:
        text = data.decode("utf-8")
        return _finish(text, "utf-8", warnings)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # 4. 8-bit: Windows-1258 vs TCVN3 vs VNI, decided by Vietnamese-ness
    if _is_binary(bytes_as_1252(data)):
        raise EncodingRefused("binary file, not text (control bytes)")
    found = _eight_bit_vietnamese(data, utf8_error)
    if found is not None:
        return found
    # 5. not Vietnamese: ask charset-normalizer (declared charset first)
    return _not_vietnamese(data, declared, utf8_error)


def _by_bom(data: bytes) -> Optional[Decoded]:
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            warnings: list[str] = []
            body = data[len(bom):]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                text = body.decode(codec, errors="replace")
                warnings.append(f"invalid {codec} at byte {exc.start + len(bom)}; replaced")
            name = "utf-8-sig" if codec == "utf-8" else codec.split("-l")[0].split("-b")[0]
            return _finish(text, name, warnings)
    return None


def _eight_bit_vietnamese(data: bytes, utf8_error: UnicodeDecodeError) -> Optional[Decoded]:
    """The 8-bit decoding (Windows-1258, TCVN3, VNI, or UTF-8 with a few bad bytes) whose
    text on a sample is the most Vietnamese, if any is."""
    warnings: list[str] = []
    # decide on a sample, convert the whole file with the winner only
    sample = data[:SAMPLE_BYTES]
    decoders = {
        "windows-1258": lambda b: unicodedata.normalize("NFC", b.decode("cp1258")),
        "tcvn3": lambda b: tcvn3_to_unicode(bytes_as_1252(b)),
        "vni": lambda b: vni_to_unicode(bytes_as_1252(b)),
        "utf-8": lambda b: b.decode("utf-8", errors="replace"),
    }
    names = ["windows-1258", "tcvn3", "vni"]
    # mostly-valid UTF-8 with a few bad bytes (a truncated or concatenated file)
    bad_utf8 = data.decode("utf-8", errors="replace")
    if bad_utf8.count("\ufffd") * 1000 < len(bad_utf8) and looks_unicode_vietnamese(bad_utf8):
        names.insert(0, "utf-8")
    scored = []
    for i, name in enumerate(names):
        try:
            sc = vietnamese_score(decoders[name](sample))
        except UnicodeDecodeError:
            continue
        scored.append((sc.value, -i, name, sc))
    best_val, _, best_name, best_sc = max(scored)
    if not (best_val > 0 and best_sc.common >= 2):
        return None
    try:
        best_text = decoders[best_name](data)
    except UnicodeDecodeError as exc:  # the sample decoded, the rest does not
        best_text = data.decode("cp1258", errors="replace")
        warnings.append(f"undefined Windows-1258 byte at {exc.start}; replaced")
    if best_name == "utf-8":
        warnings.append(f"invalid UTF-8 at byte {utf8_error.start}; "
                        f"{bad_utf8.count(chr(0xFFFD))} bad bytes replaced")
    elif best_name in LEGACY_NAMES:
        warnings.append(f"legacy font encoding {LEGACY_NAMES[best_name]} converted to Unicode")
    return _finish(best_text, best_name, warnings, legacy_checked=True)


def _not_vietnamese(data: bytes, declared: Optional[str],
                    utf8_error: UnicodeDecodeError) -> Decoded:
    for codec in ([declared] if declared else []):
        try:
            return _finish(data.decode(codec), codec.lower(), [
                "no Vietnamese text recognised; decoded as declared"])
        except (LookupError, UnicodeDecodeError):
            pass
    guess = _charset_hint(data)
    if guess and not guess.lower().replace("-", "_").startswith(_PLAUSIBLE_CODECS):
        guess = "cp1252"  # short texts get exotic guesses (cp775...); Windows-1252 is likelier
    if guess:
        try:
            text = data.decode(guess)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and not _is_binary(text):
            return _finish(text, guess, [
                f"no Vietnamese text recognised; decoded as {guess} (charset-normalizer)"])
    raise EncodingRefused(f"unknown 8-bit encoding (not UTF-8, Windows-1258, TCVN3 or VNI); "
                          f"invalid UTF-8 at byte {utf8_error.start}")


_PLAUSIBLE_CODECS = ("utf_", "cp125", "windows_125", "latin", "iso8859", "ascii", "big5", "gb",
                     "shift_jis", "euc", "koi8")


def _charset_hint(data: bytes) -> Optional[str]:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:200000]).best()
        return best.encoding if best is not None else None
    except Exception:  # the hint is optional
        return None


def clean_text(text: str) -> str:
    """NFC, LF line ends, no NULs or stray control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _CTRL_RE.sub("", text)


_CTRL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _finish(text: str, encoding: str, warnings: list[str], legacy_checked: bool = False) -> Decoded:
    if _is_binary(text):
        raise EncodingRefused("binary file, not text (control characters)")
    text = clean_text(text)
    if not legacy_checked:
        fixed, legacy = fix_legacy(text)
        if legacy:
            warnings.append(f"legacy font encoding {LEGACY_NAMES[legacy]} converted to Unicode "
                            f"(text stored as {encoding})")
            text, encoding = fixed, f"{encoding}+{legacy}"
    return Decoded(text=text, encoding=encoding, warnings=warnings)
