"""The fast paths of agencies and tasks give exactly what their plain versions give.

- `agencies.match_agency` skips a place whose word no table opens with: the table patterns
  (`agencies._match_tables`) find no name there either;
- `agencies.read_agencies(text, pos, folded, endpos)` reads the text as if it ended at
  `endpos`, without the copy: the same as reading `text[:endpos]`;
- `agencies._strip_province` looks a province up after each place of a lead: the same as
  trying every (province, lead) ending in table order;
- `tasks._whole_phrases` finds a cue by str.find and checks its word bounds: the matches of
  the pattern `(?<!\\w)cue(?!\\w)`.
Random text is built from the words these read; real text is the shared official texts.
"""
from __future__ import annotations

import re

from corpus_util import needs_official, official_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import tables
from graph.extract import agencies, tasks
from graph.extract.normalize import clean
from graph.text import fold

WORDS = ["Sở", "Y tế", "Tài chính", "UBND", "Ủy ban nhân dân", "các", "sở", "ban", "ngành",
         "liên quan", "huyện", "thị xã", "thành phố", "và", "cùng", "chủ trì", "phối hợp với",
         "thuộc", "trực thuộc", "tỉnh", "Quảng Ngãi", "Hà Nội", "Phòng", "Văn phòng", "LĐ-TB&XH",
         "BHXH", "Công an", "đơn vị", "tổ chức", "thực hiện", "(b/c)", ",", ";", ".", ":", " ",
         "  ", "\n", "-", "–", "x", "đề nghị", "Giao", "1.", "a)"]
texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)


def _plain_match(text: str, f: str, pos: int, n: int):
    if pos > 0 and f[pos - 1].isalnum():
        return None
    return agencies._match_tables(text, f, pos, n)


def _check_match(text: str) -> None:
    f = fold(text)
    for pos in range(len(text)):
        assert agencies.match_agency(text, pos, f) == _plain_match(text, f, pos, len(text)), pos


@settings(max_examples=300, deadline=None)
@given(texts)
def test_match_agency_is_the_table_match(text):
    _check_match(text)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(0, 40), st.integers(0, 60))
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
names = st.lists(st.sampled_from(WORDS + PROVINCES + ["TP", "tp", "Thành phố", "TỈNH"]),
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
def test_fast_paths_on_official_texts():
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
