"""Every fast path of the text primitives and the extractor gives what its plain version gives.

Each pair sits side by side in its module; a fast path is kept only where it counts in the
extraction's MB/s (bench/bench_extract.py):

- `graph.text`: the `CharTable`s `FOLD` and `CASE` (C charmap codec / str.translate), and
  `mostly_upper` against its definition (str.isalpha, str.isupper);
- `graph.extract.normalize`: `substitute`, `fix_tones`, `blank_markup`, `line_marks`;
- `graph.extract.normalize`: `join_wrapped` (one regex pass over the line breaks);
- `graph.extract.patterns`: `blank_chrome`;
- `graph.extract.header`: `issuing_body` (tried where its verb is);
- `graph.extract.symbols`: `find_symbols` (tried near anchors) / `find_symbols_plain`;
- `graph.extract.shortforms`: `find_short_forms` (near numbers) / `find_short_forms_plain`;
- `graph.extract.agencies.match_agency` skips a place whose word no table opens with (the table
  patterns find no name there either); `read_agencies(..., endpos)` reads as if the text ended
  at `endpos`; `_strip_province` looks a province up after each place of a lead (the same as
  every (province, lead) ending in table order);
- `graph.extract.tasks._whole_phrases` finds a cue by str.find and checks its word bounds (the
  matches of `(?<!\\w)cue(?!\\w)`).

Inputs: random text built from the characters and words each rule reads (hypothesis), and the
shared official texts and not-official pages.
"""
from __future__ import annotations

import json
import os
import re

import pytest
from corpus_util import NOT_OFFICIAL, needs_official, not_official_texts, official_texts
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graph import tables
from graph.extract import agencies, tasks
from graph.extract import header as H
from graph.extract import normalize as N
from graph.extract import patterns, shortforms, symbols
from graph.extract.normalize import clean
from graph.text import CASE, FOLD, fold, key, mostly_upper

ALL_CODES = frozenset(key(c) for _, c in tables.type_words())

def not_official_pages(limit: int) -> list[str]:
    """The first `limit` web pages of the shared corpus that are no official documents."""
    if not os.path.exists(NOT_OFFICIAL):
        pytest.skip("shared corpus not present")
    return not_official_texts(limit)


# ---------------------------------------------------------------- inputs

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
LETTERS = VIET + VIET.upper() + "ÐðİſÅǅẞ"  # and a few with odd case mappings
chars = st.one_of(st.sampled_from(LETTERS + "0123456789 .,;:-–—/*|\n\t\u00a0"), st.characters(codec="utf-8"))
char_texts = st.text(alphabet=chars, max_size=300)

# Characters and words the rules of clean() read.
PIECES = ["a", "b", "đ", "quyết", "Nghị", "NGHỊ", "QUYẾT", "Thơ", "Cần", "thành phố", "I.", "a)",
          "1.", "2021", "- ", "-", "+", "•", ".", ";", ":", ",", "(", ")", "/", "!", "?", "./.",
          "Số:", "Điều 1.", "_", "__", "\\", "\\.", "#", "## ", "> ", "*", "|", " ", "  ", "\t",
          "\n", "\n", "\n", "\n\n", "\u00a0", "\u2013", "Ð", "α", "Ω", "ǅ", "x" * 70, "X", "Tải về",
          "Bản dịch này thuộc quyền sở hữu", "Lao động", "Thương binh", "kinh tế", "xã hội",
          "Ủy ban", "ỦY BAN", "hoá", "khoẻ", "uỷ", "quý"]
lines = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
texts = st.lists(lines, max_size=12).map("\n".join)

# Tone placement: both vowels of each pair in both cases, every tone, and what may follow.
TONE_PIECES = ["o", "O", "u", "U", "q", "Q", "h", "oá", "OÁ", "Oè", "oẺ", "uý", "Uỵ", "UỸ", "uỳ",
               "óa", "ủy", "a", "á", "ạ", "é", "ẹ", "ý", "Ý", "ỳ", "à", "ẽ", " ", "1", "_", "-",
               "\n", "n", "đ"]
tone_texts = st.lists(st.sampled_from(TONE_PIECES), max_size=30).map("".join)

# Letters, capitals and signs whose case str.isalpha and str.isupper read differently.
CASE_PIECES = ["a", "A", "đ", "Đ", "Ủy", "ỦY", "ban", "BAN", "Ⓐ", "ⓐ", "ǅ", "²", "İ", "ß", "Σ", "1",
               " ", "-", ",", "x" * 20, "X" * 20, "ĐỒNG NAI", "\ud800", "🄰", "ª"]
case_texts = st.lists(st.sampled_from(CASE_PIECES), max_size=40).map("".join)

SYMBOL_PIECES = ["20", "127", "01", "2017", "2013", "12345", "   ", "/ ", "-", " - ", "/", " / ", "NQ", "KH",
                 "TW", "TU", "QĐ", "QD", "TTg", "TTG", "NĐ", "CP", "UBND", "KH-UBND", "NQ-CP", "QH13",
                 "LĐTBXH", "VP", "BCĐ", "số ", "Nghị quyết ", "Kế hoạch ", "Quyết định ", "ngày ", " ", "\n",
                 ",", ".", "(", ")", "a", "Đ", "x"]
sp = st.sampled_from(["", "", "", " ", "  "])


@st.composite
def symbol_like(draw):
    """A số ký hiệu in one of its shapes, with stray spaces: 20-NQ/TW, 71/KH-UBND,
    31/2013/NĐ-CP, 76/2014/QH13, 171/LĐTBXH-VP."""
    num = draw(st.sampled_from(["1", "20", "127", "0124", "12345"]))
    code1 = draw(st.sampled_from(["NQ", "KH", "QĐ", "QD", "NĐ", "TT", "LĐTBXH", "CTr"]))
    code2 = draw(st.sampled_from(["TW", "TU", "UBND", "CP", "TTg", "TTG", "BTC", "QH13", "VP"]))
    year = draw(st.sampled_from(["", "2013", "2020"]))
    head = num + draw(sp) + ("/" + draw(sp) + year + draw(sp) + "/" if year else
                             draw(st.sampled_from(["-", "/"])))
    return head + draw(sp) + code1 + draw(st.sampled_from(["-", "/", " - ", "- "])) + draw(sp) + code2


symbol_texts = st.lists(st.one_of(st.sampled_from(SYMBOL_PIECES), symbol_like()), max_size=40).map("".join)
SHORT_PIECES = SYMBOL_PIECES + ["Nghị quyết liên tịch ", "NGHỊ QUYẾT ", "Chương trình ", "Chương trình hành động ",
                                "Thông tư ", "Thông tư liên tịch ", "kế  hoạch ", "20", "127", " 1", " 13",
                                "0", "00", "0127", "٣", "1٣", "\u2028", "\u00a0"]
short_texts = st.lists(st.sampled_from(SHORT_PIECES), max_size=40).map("".join)
short_numbers = st.sets(st.sampled_from(["", "1", "20", "127", "2017", "13", "٣", "1٣", "7"]), max_size=4)
short_codes = st.frozensets(st.sampled_from(["NQ", "KH", "QD", "CTR", "CTRHD", "TT", "TTLT", "NQLT"]), max_size=4)


# ---------------------------------------------------------------- the pairs

def same_char_tables(text: str) -> None:
    for table in (FOLD, CASE):
        plain = table.plain(text)
        fast = table.fast(text)
        assert fast is None or fast == plain
        assert table(text) == plain


def same_mostly_upper(text: str, min_letters: int = 2) -> None:
    head = text[:600]
    letters = sum(map(str.isalpha, head))
    plain = letters >= min_letters and sum(map(str.isupper, head)) >= 0.8 * letters
    assert mostly_upper(text, min_letters) == plain


def same_clean_steps(text: str) -> None:
    assert N.substitute(text) == N.substitute_plain(text)
    s = N.substitute(text)
    original = text if "|" in text else None
    assert N.join_wrapped(s, original) == N.join_wrapped_plain(s, original)
    assert N.fix_tones(s) == N.fix_tones_plain(s)
    assert N.blank_markup(s) == N.blank_markup_plain(s)
    assert N.line_marks(s) == N.line_marks_plain(s)
    assert patterns.blank_chrome(s) == patterns.blank_chrome_plain(s)


def same_issuing_bodies(text: str) -> int:
    """Both find the same '<body> ban hành <Type>' in every paragraph."""
    found = 0
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.span()
        fast, plain = H.issuing_body(text, a, b), H.issuing_body_plain(text, a, b)
        assert (fast and fast.span("body")) == (plain and plain.span("body"))
        found += bool(plain)
    return found


def spans(matches) -> list:
    return [(m.start, m.end, m.symbol, m.family, m.type_code, m.issuer_codes, m.year) for m in matches]


def same_symbols(text: str) -> int:
    found = spans(symbols.find_symbols(text))
    assert found == spans(symbols.find_symbols_plain(text))
    return len(found)


def same_short_forms(text: str, codes: frozenset, numbers: set[str]) -> int:
    found = [m.span() for m in shortforms.find_short_forms(text, codes, numbers)]
    assert found == [m.span() for m in shortforms.find_short_forms_plain(text, codes, numbers)]
    return len(found)


# ---------------------------------------------------------------- random input

@settings(max_examples=300, deadline=None)
@given(char_texts)
def test_char_tables_on_any_characters(text):
    same_char_tables(text)


def test_char_tables_take_the_fast_path_on_vietnamese_text():
    text = "Ủy ban nhân dân tỉnh Thái Bình; Sở Lao động – Thương binh và Xã hội, HOÁ ĐƠN “x” … "
    for table in (FOLD, CASE):
        assert table.fast(text) == table.plain(text)  # not None: every character is in the table
        assert table.fast(VIET + VIET.upper()) == table.plain(VIET + VIET.upper())
        assert table.fast("Sở Y tế Жуков") is None  # Cyrillic is not: the plain way then
    assert fold("Sở Y tế Жуков") == FOLD.plain("Sở Y tế Жуков") == "so y te жуков"


@settings(max_examples=500, deadline=None)
@given(case_texts, st.integers(1, 6))
@example("Ⓐ" * 20 + "ab", 2)
def test_mostly_upper_counts_as_isalpha_and_isupper(text, min_letters):
    same_mostly_upper(text, min_letters)


@settings(max_examples=400, deadline=None)
@given(texts)
@example("tên_tệp \\. \\a \\\\_x ___\n## a\n>b")
@example("####### a\n \t## b\n#\n>> > c\nx # d\n  >\n###")
def test_clean_steps_on_random_text(text):
    same_clean_steps(text)


ISSUING_PIECES = ["Sở Y tế", "Ủy ban nhân dân tỉnh", "UBND", "Bộ trưởng Bộ Xây dựng", " ban hành ", " BAN HÀNH ",
                  "Kế hoạch", "kế hoạch", "Quyết định", " ", "  ", "\n", ", ", ".", "(", "thực hiện", "a"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ISSUING_PIECES), max_size=20).map("".join))
@example("Sở Lao động - Thương binh và Xã hội ban hành Kế hoạch thực hiện")
def test_issuing_bodies_on_random_text(text):
    same_issuing_bodies(text)


@settings(max_examples=400, deadline=None)
@given(tone_texts)
@example("hoá khoẻ uỷ quý Quỵ HOÁ thuỷ toà oá")
def test_tones_on_random_text(text):
    assert N.fix_tones(text) == N.fix_tones_plain(text)


@settings(max_examples=400, deadline=None)
@given(symbol_texts)
def test_symbols_on_random_text(text):
    same_symbols(text)


# any set of type codes: the one pattern of all type words is used while every match it goes
# by has a word of the set, the pattern of the set's words otherwise
@settings(max_examples=500, deadline=None)
@given(st.one_of(short_texts, symbol_texts), short_numbers, short_codes)
def test_short_forms_on_random_text(text, numbers, codes):
    same_short_forms(text, codes, numbers)


# ---------------------------------------------------------------- the shared texts

@needs_official
def test_fast_paths_on_the_official_texts():
    found = short = bodies = 0
    for t in official_texts(120):
        same_char_tables(t)
        same_clean_steps(t)
        ct = N.clean(t)
        bodies += same_issuing_bodies(ct.text)
        for a, b in ct.paragraphs[:40]:
            same_mostly_upper(ct.text[a:b])
        found += same_symbols(ct.text)
        numbers = {m.number.lstrip("0") for m in symbols.find_symbols(ct.text)}
        numbers.update(d.lstrip("0") for d in re.findall(r"\d+", ct.text))
        codes = frozenset(m.type_code and key(m.type_code) for m in symbols.find_symbols(ct.text))
        short += same_short_forms(ct.text, codes - {None}, numbers)
        short += same_short_forms(ct.text, ALL_CODES, numbers)
    assert found > 500 and short > 20 and bodies > 5  # the texts hold all of them


def test_fast_paths_on_the_not_official_pages():
    chrome = 0
    for t in not_official_pages(150):
        same_char_tables(t)
        same_clean_steps(t)
        s = N.substitute(t)
        chrome += patterns.blank_chrome(s) != s
        same_symbols(N.clean(t).text)
    assert chrome > 0  # some pages hold web-page chrome


# ---------------------------------------------------------------- agencies and tasks

AGENCY_WORDS = ["Sở", "Y tế", "Tài chính", "UBND", "Ủy ban nhân dân", "các", "sở", "ban", "ngành",
         "liên quan", "huyện", "thị xã", "thành phố", "và", "cùng", "chủ trì", "phối hợp với",
         "thuộc", "trực thuộc", "tỉnh", "Quảng Ngãi", "Hà Nội", "Phòng", "Văn phòng", "LĐ-TB&XH",
         "BHXH", "Công an", "đơn vị", "tổ chức", "thực hiện", "(b/c)", ",", ";", ".", ":", " ",
         "  ", "\n", "-", "–", "x", "đề nghị", "Giao", "1.", "a)"]
agency_texts = st.lists(st.sampled_from(AGENCY_WORDS), max_size=30).map(" ".join)


def _plain_match(text: str, f: str, pos: int, n: int):
    if pos > 0 and f[pos - 1].isalnum():
        return None
    return agencies._match_tables(text, f, pos, n)


def _check_match(text: str) -> None:
    f = fold(text)
    for pos in range(len(text)):
        assert agencies.match_agency(text, pos, f) == _plain_match(text, f, pos, len(text)), pos


@settings(max_examples=300, deadline=None)
@given(agency_texts)
def test_match_agency_is_the_table_match(text):
    _check_match(text)


@settings(max_examples=200, deadline=None)
@given(agency_texts, st.integers(0, 40), st.integers(0, 60))
def test_reading_with_endpos_is_reading_the_slice(text, pos, end):
    f = fold(text)
    end = min(end, len(text))
    assert agencies.read_agencies(text, pos, f, end) == agencies.read_agencies(text[:end], pos, f[:end])


def _plain_strip(s: str, province):
    f = fold(s)
    for p, fp in agencies._folded_provinces():
        for lead, kept in agencies._province_leads():
            tail = " " + lead + " " + fp
            if f.endswith(tail):
                return s[:len(s) - len(tail)] + " " + kept, p
    return s, province


PROVINCES = [r["name"] for r in tables.provinces()]
names = st.lists(st.sampled_from(AGENCY_WORDS + PROVINCES + ["TP", "tp", "Thành phố", "TỈNH"]),
                 min_size=1, max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(names)
def test_strip_province_is_every_ending_in_order(name):
    assert agencies._strip_province(name, "Huế") == _plain_strip(name, "Huế")


def _plain_phrases(f: str, phrase: str, start: int, end: int) -> list[int]:
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    return [m.start() for m in pattern.finditer(f, start, end)]


CUES = ["chu tri", "phoi hop", "phoi hop voi", "thuc hien", "aa", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUES + ["x", " ", ",", "_", "1", "b"]), max_size=20).map("".join),
       st.sampled_from(CUES), st.integers(0, 10), st.integers(0, 80))
def test_whole_phrases_are_the_pattern_matches(f, phrase, start, end):
    end = min(end, len(f))
    assert list(tasks._whole_phrases(f, phrase, start, end)) == _plain_phrases(f, phrase, start, end)


@needs_official
def test_agency_fast_paths_on_official_texts():
    cues = tasks._cues("lead_cue") + tasks._cues("partner_cue")
    for raw in official_texts(40):
        ct = clean(raw)
        f = fold(ct.text)
        for a, b in ct.paragraphs[:150]:
            para = ct.text[a:b]
            _check_match(para)
            for cue in cues:
                assert list(tasks._whole_phrases(f, cue, a, b)) == _plain_phrases(f, cue, a, b)
            for end in range(a, b + 1, 7):
                assert agencies.read_agencies(ct.text, a, f, end) == \
                    agencies.read_agencies(ct.text[:end], a, f[:end])


# ---------------------------------------------------------------- references

@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["số", "Số", "SỐ", "so", " ", "\n", "\t", ":", ",", ";", "và",
                                 "VÀ", "Và", "x", "20-NQ/TW", "ngày"]), max_size=12).map("".join))
def test_list_so_read_from_the_end_is_the_pattern(before):
    from graph.extract import references as R
    assert R._ends_with_list_so(before) == bool(R._LIST_SO_RE.search(before))
