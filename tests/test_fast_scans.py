"""The extractor's fast paths give exactly what the plain operations they replace give.

- `T.fold_fast` (fold by the charmap codec) equals `text.fold_plain`
  (str.translate) whenever it answers, and `text.fold` equals it always;
- `scan.finditer_around` (symbols searched near a '/' before a code) gives the matches of
  `symbol_re().finditer` over the whole text;
- `scan.finditer_before` (short forms searched near their numbers) gives the matches of the
  short-form pattern over the whole text whose number is one of the document's.
Random text is built from the characters and words these patterns read.
"""
from __future__ import annotations

from corpus_util import needs_official, official_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import text as T
from graph.extract import normalize, references, symbols
from graph.text import fold_plain as fold


VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
LETTERS = VIET + VIET.upper() + "ÐðİſÅǅẞ"  # and a few with odd case mappings
text_chars = st.one_of(st.sampled_from(LETTERS + "0123456789 .,;:-–—/\n\t\u00a0"),
                       st.characters(codec="utf-8"))

SYMBOL_PIECES = ["20", "127", "01", "2017", "2013", "12345", "   ", "/ ", "-", " - ", "/", " / ", "NQ", "KH", "TW", "TU",
                 "QĐ", "QD", "TTg", "TTG", "NĐ", "CP", "UBND", "KH-UBND", "NQ-CP", "QH13", "LĐTBXH",
                 "VP", "BCĐ", "số ", "Nghị quyết ", "Kế hoạch ", "Quyết định ", "ngày ", " ", "\n",
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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=text_chars, min_size=8, max_size=300))
def test_fast_fold_equals_fold(text):
    got = T.fold_fast(text)
    assert got is None or got == fold(text)
    assert normalize.fold(text) == fold(text)


def test_fast_fold_answers_on_vietnamese_text():
    text = "Ủy ban nhân dân tỉnh Thái Bình; Sở Lao động – Thương binh và Xã hội, HOÁ ĐƠN “x” … " * 3
    assert T.fold_fast(text) == fold(text)  # not None: the fast path applies
    # every Vietnamese letter, in both cases, is in the table
    assert T.fold_fast(VIET + VIET.upper()) == fold(VIET + VIET.upper())


def test_fast_fold_gives_way_on_other_characters():
    assert T.fold_fast("Sở Y tế Жуков") is None  # Cyrillic is not in the table
    assert normalize.fold("Sở Y tế Жуков") == fold("Sở Y tế Жуков")


def _symbol_spans_fast(text):
    return [m.span() for m in symbols.finditer_around(symbols.symbol_re(), text, *symbols._symbol_scan())]


def _symbol_spans_plain(text):
    return [m.span() for m in symbols.symbol_re().finditer(text)]


@settings(max_examples=500, deadline=None)
@given(symbol_texts)
def test_symbols_found_near_anchors_are_the_whole_text_matches(text):
    assert _symbol_spans_fast(text) == _symbol_spans_plain(text)


def _short_fast(text, codes, numbers):
    return [m.span() for m in references._short_forms(text, codes, numbers)]


def _short_plain(text, codes, numbers):
    return [m.span() for m in references._short_form_re(codes).finditer(text)
            if m.group("num").lstrip("0") in numbers]


CODES = frozenset({"NQ", "KH", "QD"})
SHORT_PIECES = SYMBOL_PIECES + ["Nghị quyết liên tịch ", "NGHỊ QUYẾT ", "Chương trình ", "Chương trình hành động ",
                                "Thông tư ", "Thông tư liên tịch ", "kế  hoạch ", "20", "127", " 1", " 13"]
short_texts = st.lists(st.sampled_from(SHORT_PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(symbol_texts, st.sets(st.sampled_from(["20", "127", "1", "2017", "13"]), max_size=3))
def test_short_forms_found_near_numbers_are_the_whole_text_matches(text, numbers):
    assert _short_fast(text, CODES, numbers) == _short_plain(text, CODES, numbers)


# any set of type codes: the one pattern of all type words is used while every match it goes
# by has a word of the set, the pattern of the set's words otherwise
@settings(max_examples=500, deadline=None)
@given(short_texts, st.sets(st.sampled_from(["20", "127", "1", "2017", "13"]), max_size=3),
       st.frozensets(st.sampled_from(["NQ", "KH", "QD", "CTR", "CTRHD", "TT", "TTLT", "NQLT"]), max_size=4))
def test_short_forms_of_any_codes_are_the_whole_text_matches(text, numbers, codes):
    assert _short_fast(text, codes, numbers) == _short_plain(text, codes, numbers)


@needs_official
def test_fast_scans_on_the_official_texts():
    texts = official_texts(120)
    found = 0
    for t in texts:
        spans = _symbol_spans_plain(t)
        assert _symbol_spans_fast(t) == spans
        found += len(spans)
        numbers = {t[a:b].split("/")[0].split("-")[0].strip().lstrip("0") for a, b in spans}
        assert _short_fast(t, CODES, numbers) == _short_plain(t, CODES, numbers)
        if len(t) >= 8:
            assert normalize.fold(t) == fold(t)
    assert found > 500  # the texts hold real symbols, so the comparison is not empty
