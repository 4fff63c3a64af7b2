"""Hypothesis fuzzing: the extractor never raises on random or mutated real text,
`tidy_symbol` is idempotent, and the readers raise nothing but IngestError on random bytes."""
from __future__ import annotations

import glob
import io
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from graph.ingest import FORMATS, read_bytes
from graph.models import IngestError, Record, SourceText

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [Path(p).read_text(encoding="utf-8")
           for p in sorted(glob.glob(str(ROOT / "data" / "samples" / "*.txt")))]

try:
    from graph.extract import extract_text
    from graph.extract.symbols import tidy_symbol
    HAVE_EXTRACT = True
except ImportError:  # pragma: no cover - the extractor is written in parallel
    HAVE_EXTRACT = False

needs_extract = pytest.mark.skipif(not HAVE_EXTRACT, reason="graph.extract not available yet")

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Characters that make the extractor's regexes work: Vietnamese letters, digits, symbol
# punctuation, line structure, and some nasties (combining marks, NUL, RTL, BOM, CR).
VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = (VI + VI.upper() + "0123456789" * 3 + "/-–.:,;()[]*|#_ \n\n\t" +
            "\u0301\u0323\u00a0\ufeff\u200b\u202e\r\x00")
WORDS = ["Nghị quyết", "số", "Kế hoạch", "Quyết định", "ngày", "tháng", "năm", "của", "Tỉnh ủy",
         "Ủy ban nhân dân tỉnh", "Thực hiện", "Căn cứ", "-NQ/TW", "/KH-UBND", "-KH/TU", "/QĐ-TTg",
         "/2018/NĐ-CP", "Đơn vị chủ trì:", "Đơn vị phối hợp:", "Thời gian hoàn thành:",
         "Trong năm 2019", "Số:", "I.", "II.", "1.", "2.1.", "a)", "-", "\n", "20", "127", "71",
         "25/10/2017", "Sở Y tế", "Bộ Chính trị", "Ban Chấp hành Trung ương", "khóa XII", "KẾ HOẠCH"]

random_text = st.text(alphabet=ALPHABET, max_size=600)
word_soup = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)


@st.composite
def mutated_sample(draw) -> str:
    """A real sample with a few random cuts, copies, insertions and line shuffles."""
    text = draw(st.sampled_from(SAMPLES)) if SAMPLES else "KẾ HOẠCH\n"
    seed = draw(st.integers(0, 2 ** 32 - 1))
    rnd = random.Random(seed)
    n_ops = draw(st.integers(1, 8))
    for _ in range(n_ops):
        if not text:
            break
        i = rnd.randrange(len(text))
        j = min(len(text), i + rnd.randint(0, 400))
        op = rnd.randrange(6)
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:i] + text[i:j] * rnd.randint(2, 4) + text[i:]
        elif op == 2:
            text = text[:i] + draw(random_text) + text[i:]
        elif op == 3:
            lines = text.split("\n")
            rnd.shuffle(lines)
            text = "\n".join(lines)
        elif op == 4:
            text = text[:i]
        else:
            text = text[:i] + draw(word_soup) + text[j:]
    return text


def _check(text: str) -> None:
    rec = extract_text(text, source="fuzz.txt")
    assert isinstance(rec, Record)
    d = rec.to_dict()  # the JSON contract must serialise
    assert d["source"] == "fuzz.txt"
    for r in rec.references:
        assert isinstance(r.symbol, str) and r.symbol
        assert 0 <= r.offset <= len(text)


@needs_extract
@FUZZ
@given(random_text)
def test_extract_never_raises_on_random_text(text):
    _check(text)


@needs_extract
@FUZZ
@given(word_soup)
def test_extract_never_raises_on_word_soup(text):
    _check(text)


@needs_extract
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_sample())
def test_extract_never_raises_on_mutated_samples(text):
    _check(text)


SYMBOL_ALPHABET = "0123456789" * 2 + "/-–—‐ ./NQTWKHUBNDĐQCPttgđqhcpx()" + "ỦYBNĐ"
symbols = st.one_of(
    st.text(alphabet=SYMBOL_ALPHABET, max_size=30),
    st.builds(lambda n, y, c, sep: f"{n}{sep}{y}{c}",
              st.integers(0, 99999), st.sampled_from(["", "/2018", "/ 2019 ", "/1999"]),
              st.sampled_from(["/NQ-CP", "-NQ/TW", "/KH-UBND", "-KH/TU", " / QĐ - TTg", "/NĐ-CP",
                               "/CT-TTg", "/TT-BYT", "-CT/TW", "/QH14", "/KH-SYT", ""]),
              st.sampled_from(["", " ", "–"])),
)


@needs_extract
@FUZZ
@given(symbols)
def test_tidy_symbol_is_idempotent(raw):
    once = tidy_symbol(raw)
    assert tidy_symbol(once) == once


@needs_extract
def test_tidy_symbol_known_forms():
    assert tidy_symbol(" 20 - NQ/TW ") == tidy_symbol("20-NQ/TW")
    assert tidy_symbol(tidy_symbol("71 /KH-UBND")) == tidy_symbol("71/KH-UBND")


# --- readers: random and damaged bytes never escape as anything but IngestError --------------

def _read(data: bytes, fmt: str) -> None:
    suffix = {"text": ".txt", "markdown": ".md", "html": ".html", "docx": ".docx",
              "pdf": ".pdf"}[fmt]
    try:
        src = read_bytes(data, "fuzz" + suffix, fmt)
    except IngestError as exc:
        assert exc.problem and exc.path == "fuzz" + suffix
        return
    assert isinstance(src, SourceText) and src.text.strip()
    assert "\x00" not in src.text and "\r" not in src.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(sorted(set(FORMATS.values()))))
def test_readers_on_random_bytes(data, fmt):
    _read(data, fmt)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET + "<>/=\"'&;bodypt", max_size=800),
       st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]),
       st.sampled_from(["text", "markdown", "html"]))
def test_text_readers_on_random_text_in_any_encoding(text, codec, fmt):
    _read(text.encode(codec, errors="replace"), fmt)


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH thực hiện Nghị quyết số 20-NQ/TW")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Sở Y tế"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 6, "KE HOACH thuc hien Nghi quyet so 20-NQ/TW ngay 25/10/2017 " * 5)
    return bytes(pdf.output())


REAL = {}


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["docx", "pdf"]), st.integers(0, 2 ** 32 - 1), st.integers(1, 30))
def test_readers_on_damaged_office_files(fmt, seed, n_flips):
    if fmt not in REAL:
        REAL[fmt] = _docx_bytes() if fmt == "docx" else _pdf_bytes()
    data = bytearray(REAL[fmt])
    rnd = random.Random(seed)
    for _ in range(n_flips):
        op = rnd.randrange(3)
        i = rnd.randrange(len(data))
        if op == 0:
            data[i] = rnd.randrange(256)
        elif op == 1:
            del data[i:i + rnd.randint(1, 200)]
        else:
            data = data[:i]
        assume(len(data) > 0)
    _read(bytes(data), fmt)
