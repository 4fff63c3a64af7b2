"""The fast paths of `graph.extract.references` give exactly what the plain rules they
replace give (random text built from the characters the rules read, and the official texts)."""
from __future__ import annotations

from corpus_util import needs_official, official_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract import references



def _number_starts_plain(text, numbers, anchor):
    """Every run of digits after a space whose value without leading zeros is one of
    `numbers` ('' for 0) and where `anchor` matches."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isdecimal():
            j = i
            while j < n and text[j].isdecimal():
                j += 1
            if i > 0 and text[i - 1].isspace() and text[i:j].lstrip("0") in numbers and anchor.match(text, i):
                out.append(i)
            i = j
        else:
            i += 1
    return out


PIECES = ["0", "00", "1", "2", "20", "127", "0127", "2017", "12345", "٣", "٠", "1٣", " ", "  ", "\n", "\t",
          "\u00a0", "\u2028", "/", "-", ".", "a", "Đ", "số ", "Nghị quyết ", "Kế hoạch ", "kế  hoạch "]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
numbers = st.sets(st.sampled_from(["", "1", "2", "20", "127", "2017", "12345", "٣", "1٣", "7", "17"]), max_size=4)


@settings(max_examples=800, deadline=None)
@given(texts, numbers)
def test_number_starts_are_the_plain_ones(text, nums):
    anchor, _ = references._short_form_anchor()
    assert references._number_starts(text, nums, anchor) == _number_starts_plain(text, nums, anchor)


@needs_official
def test_number_starts_on_the_official_texts():
    anchor, _ = references._short_form_anchor()
    texts = official_texts(80)
    found = 0
    for t in texts:
        nums = {d.lstrip("0") for d in references._DIGITS_RE.findall(t)[:40]}
        got = references._number_starts(t, nums, anchor)
        assert got == _number_starts_plain(t, nums, anchor)
        found += len(got)
    assert found > 50


def _implemented_plain(ct, mentions, zone):
    """`_implemented` visiting every zone paragraph with the slice of its mentions."""
    out = {}
    text = ct.text
    starts = [m.start for m in mentions]
    for a, b in zone:
        in_para = mentions[references.bisect_left(starts, a):references.bisect_left(starts, b)]
        if not in_para:
            continue
        para = text[a:b]
        if references._opening_re().match(para) or (references._title_implements_re().match(para)
                                                      and references._is_title(para)):
            for m in in_para:
                if not m.inner:
                    out.setdefault(m.symbol, m.start)
        for m in in_para:
            if not m.inner and references._issuing_re().search(text[max(a, m.start - 120):m.start]):
                out.setdefault(m.symbol, m.start)
    return out


@needs_official
def test_implemented_on_the_official_texts():
    from graph.extract.header import extract_header
    from graph.extract.normalize import clean
    texts = official_texts(120)
    found = 0
    for t in texts:
        ct = clean(t)
        mentions = references.extract_references(ct, extract_header(ct)).mentions
        zone = references._header_zone(ct)
        got = references._implemented(ct, mentions, zone)
        assert list(got.items()) == list(_implemented_plain(ct, mentions, zone).items())
        found += len(got)
    assert found > 5
