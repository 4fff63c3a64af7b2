"""The fast paths of `normalize.clean` give the same text as the plain rules they replace.

Each fast path (str.replace for the substitutions, str.find for Markdown marks, regexes that
jump from newline to newline, one substitution for the commonest hard wraps) is compared
with a straightforward reference written here, over random text built from the characters
the rules look at.
"""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from graph.extract import normalize as N
from graph import tables
from graph.extract import patterns
from graph.text import SUBSTITUTIONS

# Characters and words the line-join rules and markup rules read.
PIECES = ["a", "b", "đ", "quyết", "Nghị", "NGHỊ", "QUYẾT", "Thơ", "Cần", "thành phố", "I.", "a)",
          "1.", "2021", "- ", "-", "+", "•", ".", ";", ":", ",", "(", ")", "/", "!", "?", "./.",
          "Số:", "Điều 1.", "_", "__", "\\", "\\.", "#", "## ", "> ", "*", "|", " ", "  ", "\t",
          "\n", "\n", "\n", "\n\n", "\u00a0", "\u2013", "Ð", "α", "Ω", "ǅ", "x" * 70, "X", "Tải về",
          "Bản dịch này thuộc quyền sở hữu", "Lao động", "Thương binh", "kinh tế", "xã hội",
          "Ủy ban", "ỦY BAN", "hoá", "khoẻ", "uỷ", "quý"]
# Tone placement: both vowels of each pair in both cases, every tone, and what may follow.
TONE_PIECES = ["o", "O", "u", "U", "q", "Q", "h", "oá", "OÁ", "Oè", "oẺ", "uý", "Uỵ", "UỸ", "uỳ",
               "óa", "ủy", "a", "á", "ạ", "é", "ẹ", "ý", "Ý", "ỳ", "à", "ẽ", " ", "1", "_", "-",
               "\n", "n", "đ"]

lines = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
texts = st.lists(lines, max_size=12).map("\n".join)


def reference_join(s: str, original: str) -> str:
    """The rule as first written: one _should_join decision per pair of non-blank lines."""
    lines = s.split("\n")
    stripped = [line.strip() for line in lines]
    width = N.wrap_width(stripped)
    seps = ["\n"] * len(lines)
    pos = -1
    for i in range(len(lines) - 1):
        pos += len(lines[i]) + 1
        if stripped[i] and stripped[i + 1] and original[pos] != "|" \
                and N._should_join(stripped[i], stripped[i + 1], width):
            seps[i] = " "
    seps[-1] = ""
    return "".join(x for pair in zip(lines, seps) for x in pair)


def reference_chrome(s: str) -> str:
    rows = tables.rows("chrome_lines.csv")
    phrases = [re.escape(r["pattern"]) for r in rows if r["kind"] == "phrase"]
    lines = re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "line"), re.M)
    for m in reversed(list(re.finditer("|".join(phrases), s))):
        a = s.rfind("\n", 0, m.start()) + 1
        b = s.find("\n", m.end())
        b = len(s) if b < 0 else b
        s = s[:a] + " " * (b - a) + s[b:]
    return lines.sub(lambda m: " " * (m.end() - m.start()), s)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_substitute_is_the_translate_table(text):
    assert N.substitute(text) == text.translate({ord(k): v for k, v in SUBSTITUTIONS.items()})


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(TONE_PIECES), max_size=30).map("".join))
@example("hoá khoẻ uỷ quý Quỵ HOÁ thuỷ toà oá")
def test_tones_fixed_as_the_one_regex_would(text):
    table = N._tone_table()
    seconds = sorted({k[1] for k in table})
    one = re.compile(r"[oOuU][" + "".join(seconds) + r"](?![^\W\d_])")

    def swap(m):
        if m.start() and text[m.start() - 1] in "qQ":
            return m.group(0)
        return table.get(m.group(0), m.group(0))
    assert N.fix_tones(text) == one.sub(swap, text)


# Letters, capitals and signs whose case str.isalpha and str.isupper read differently.
CASE_PIECES = ["a", "A", "đ", "Đ", "Ủy", "ỦY", "ban", "BAN", "Ⓐ", "ⓐ", "ǅ", "²", "İ", "ß", "Σ", "1",
               " ", "-", ",", "x" * 20, "X" * 20, "ĐỒNG NAI", "\ud800", "🄰", "ª"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CASE_PIECES), max_size=40).map("".join), st.integers(1, 4))
@example("Ⓐ" * 20 + "ab", 2)
def test_mostly_upper_counts_as_isalpha_and_isupper_do(text, min_letters):
    head = text[:600]
    letters = sum(map(str.isalpha, head))
    plain = letters >= min_letters and sum(map(str.isupper, head)) >= 0.8 * letters
    assert N.mostly_upper(text, min_letters) == plain


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["số", "Số", "SỐ", "của", "ngày", "a", "x2", "²", "_", "-", "/",
                                 "İ", " ", "  ", "quyết" * 4, "ǅ", "1"]), min_size=1,
                max_size=12).map("".join).map(str.strip).filter(bool))
def test_join_word_end_reads_the_last_letters_as_the_regex(line):
    tail = line.rsplit(None, 1)[-1]
    m = N._WORD_RE.search(line[-16:])
    plain = bool(m) and m.group(0).lower() in tables.join_words()
    assert N._join_word_end(line, tail, tail.lower()) == plain


@settings(max_examples=400, deadline=None)
@given(texts)
@example("tên_tệp \\. \\a \\\\_x ___\n## a\n>b")
@example("####### a\n \t## b\n#\n>> > c\nx # d\n  >\n###")
def test_markdown_marks_blanked_as_the_regex_would(text):
    assert N.blank_markup(text) == N._MARKUP_RE.sub(N._blank_markup, text)
    line_marks = re.compile(r"^[ \t]*(?:#{1,6}(?=\s)|>+)", re.MULTILINE)
    assert N.line_marks(text) == [m.span() for m in line_marks.finditer(text)]
    fast = N._blank_spans(text, N.line_marks(text))
    assert fast == line_marks.sub(lambda m: " " * (m.end() - m.start()), text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_chrome_blanked_as_the_plain_rules_would(text):
    assert patterns.blank_chrome(text) == reference_chrome(text)


@settings(max_examples=600, deadline=None)
@given(texts)
@example("kinh tế\na) việc\nb\nc.\nα\nb,\nΩ\nc.\nđ")
def test_hard_wraps_joined_as_the_line_by_line_rule_would(text):
    s = N.substitute(text)
    assert N._join_wrapped(s, text if "|" in text else None) == reference_join(s, text)


def test_the_fast_join_covers_both_paths():
    # a lower-case continuation (regex substitution) and a break the rules decide one by one
    s = "Thực hiện Nghị\nquyết số 15-NQ/TW của\nBộ Chính trị.\nSố: 71/KH-UBND\nthành phố Cần\nThơ"
    out = N._join_wrapped(s, None)
    assert out == reference_join(s, s)
    assert "Nghị quyết" in out and "của Bộ" in out and "Cần Thơ" in out and "trị.\nSố" in out
