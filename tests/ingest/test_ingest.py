"""Readers, encodings and bad files: fixtures are made here (docx by python-docx, pdf by fpdf2
with DejaVuSans, legacy encodings by the project's own tables plus hand-checked bytes)."""
from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest

from graph.ingest import iter_files, read_bytes, read_source, SUPPORTED_SUFFIXES
from graph.ingest.encoding import (decode_bytes, fix_legacy, tcvn3_to_unicode, unicode_to_cp1258,
                                   unicode_to_tcvn3, unicode_to_vni, vni_to_unicode)
from graph.models import IngestError

PLAN = (
    "ỦY BAN NHÂN DÂN\n"
    "TỈNH THÁI BÌNH\n"
    "Số: 71/KH-UBND\n"
    "Thái Bình, ngày 12 tháng 6 năm 2018\n"
    "KẾ HOẠCH\n"
    "Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng\n"
    "Thực hiện Nghị quyết số 20-NQ/TW ngày 25 tháng 10 năm 2017 của Hội nghị lần thứ sáu Ban "
    "Chấp hành Trung ương Đảng khóa XII về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức "
    "khỏe nhân dân trong tình hình mới; Kế hoạch số 60-KH/TU ngày 11/01/2018 của Tỉnh ủy, Ủy ban "
    "nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Nâng cao nhận thức của các cấp ủy đảng, chính quyền về công tác y tế.\n"
    "Đơn vị chủ trì: Sở Y tế; đơn vị phối hợp: Sở Tài chính, Sở Nội vụ.\n"
    "Thời gian hoàn thành: Trong năm 2019.\n"
)

DEJAVU = None
try:
    import matplotlib
    DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
except Exception:  # pragma: no cover
    pass


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- plain text and encodings ---------------------------------------------------------------

@pytest.mark.parametrize("codec,label", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
])
def test_unicode_encodings(tmp_path, codec, label):
    data = PLAN.encode(codec)
    src = read_source(write(tmp_path, "kh.txt", data))
    assert src.text.strip() == PLAN.strip()
    assert src.encoding == label
    assert src.format == "text"
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_crlf_and_bom_are_normalised(tmp_path):
    data = b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode()
    src = read_source(write(tmp_path, "kh.txt", data))
    assert "\r" not in src.text and "\ufeff" not in src.text
    assert src.text.startswith("ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH")


def test_windows_1258_combining_tones_become_nfc(tmp_path):
    data = unicode_to_cp1258(PLAN)
    # cp1258 writes "ộ" as "ô" + combining dot below (0xF2): check the bytes are really that
    assert "Hội".encode("cp1258", errors="ignore") != unicode_to_cp1258("Hội")
    assert unicode_to_cp1258("ộ") == b"\xf4\xf2"
    src = read_source(write(tmp_path, "kh.txt", data))
    assert src.encoding == "windows-1258"
    assert src.text.strip() == PLAN.strip()
    assert "Nghị quyết số 20-NQ/TW" in src.text


def test_tcvn3_hand_checked_chart():
    # from the TCVN 5712:1993 (VN3) chart: 0xB8 á, 0xAE đ, 0xE9 ộ, 0xAD ư, 0xA7 Đ, 0xD6 ệ, 0xF1 ủ
    assert unicode_to_tcvn3("á") == b"\xb8"
    assert unicode_to_tcvn3("đ") == b"\xae"
    assert unicode_to_tcvn3("ộ") == b"\xe9"
    assert unicode_to_tcvn3("ư") == b"\xad"
    assert unicode_to_tcvn3("Đ") == b"\xa7"
    raw = b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam"
    assert tcvn3_to_unicode(raw.decode("cp1252")) == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert tcvn3_to_unicode("quyÕt ®Þnh cña Bé tr\u00adëng") == "quyết định của Bộ trưởng"
    # capitals with tones are written with the lower-case codes (.VnTimeH) and restored
    assert tcvn3_to_unicode("KÕ HO¹CH") == "KẾ HOẠCH"
    assert tcvn3_to_unicode("Sè: 71/KH-UBND") == "Số: 71/KH-UBND"


def test_vni_hand_checked_chart():
    # VNI-Windows: base letter + mark byte; ñ (0xF1) = đ, ö (0xF6) = ư, ô (0xF4) = ơ
    assert unicode_to_vni("á") == b"a\xf9"
    assert unicode_to_vni("ệ") == b"e\xe4"
    assert unicode_to_vni("đ") == b"\xf1"
    assert unicode_to_vni("Ự") == b"\xd6\xcf"
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == \
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert vni_to_unicode("ñöôïc nhöõng Chæ thò") == "được những Chỉ thị"


def test_tcvn3_file_is_converted(tmp_path):
    src = read_source(write(tmp_path, "cu.txt", unicode_to_tcvn3(PLAN)))
    assert src.encoding == "tcvn3"
    # TCVN3 cannot hold a capital with a tone inside mixed-case text ("Ủy" is written "ủy");
    # all-capital lines are restored
    assert src.text.strip().lower() == PLAN.strip().lower()
    assert src.text.split("\n")[:5] == PLAN.split("\n")[:5]
    assert any("TCVN3" in w for w in src.warnings)


def test_vni_file_is_converted(tmp_path):
    src = read_source(write(tmp_path, "cu.txt", unicode_to_vni(PLAN)))
    assert src.encoding == "vni"
    assert src.text.strip() == PLAN.strip()
    assert any("VNI" in w for w in src.warnings)


def test_tcvn3_mojibake_stored_as_utf8_is_converted(tmp_path):
    data = unicode_to_tcvn3(PLAN).decode("cp1252").encode("utf-8")
    src = read_source(write(tmp_path, "cu.txt", data))
    assert src.encoding == "utf-8+tcvn3"
    assert "Nghị quyết số 20-NQ/TW" in src.text


def test_unicode_text_is_never_converted():
    for text in (PLAN, "Hà Nội, ngày 5 tháng 3 năm 2019", "Café à Paris, très bien"):
        fixed, legacy = fix_legacy(text)
        assert legacy is None and fixed == text


def test_unknown_8bit_encoding_is_refused_or_named():
    # random Latin-1 letters that are no Vietnamese in any encoding: decoded with a warning
    dec = decode_bytes("Le café est à côté de l'église, très près.".encode("latin-1"))
    assert dec.warnings and "no Vietnamese" in dec.warnings[0]


def test_markdown_passes_through(tmp_path):
    md = "# KẾ HOẠCH\n\n**Số: 71/KH-UBND**\n\n| Nhiệm vụ | Chủ trì |\n|---|---|\n| 1 | Sở Y tế |\n"
    src = read_source(write(tmp_path, "kh.md", md.encode()))
    assert src.format == "markdown"
    assert src.text == md


# --- HTML ------------------------------------------------------------------------------------

PORTAL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kế hoạch 71/KH-UBND</title>
<style>.x{color:red}</style><script>var menu = "Trang chủ";</script></head>
<body>
<div id="header"><ul class="main-menu"><li>Trang chủ</li><li>Văn bản pháp luật</li></ul></div>
<nav><a href="/">Tin tức</a></nav>
<div class="breadcrumb">Trang chủ &gt; Văn bản</div>
<div class="content1">
<p>Bản dịch này thuộc quyền sở hữu của <b>THƯ VIỆN PHÁP LUẬT</b>. Mọi hành vi sao chép...</p>
<table class="tb"><tr><td>Số hiệu:</td><td>71/KH-UBND</td><td>Loại văn bản:</td><td>Kế hoạch</td></tr>
<tr><td>Nơi ban hành:</td><td>Tỉnh Thái Bình</td><td>Người ký:</td><td>Nguyễn Văn A</td></tr>
<tr><td>Ngày ban hành:</td><td>12/06/2018</td><td>Tình trạng:</td><td>Đã biết</td></tr></table>
<table><tr><td><p>ỦY BAN NHÂN DÂN<br>TỈNH THÁI BÌNH</p><p>Số: 71/KH-UBND</p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p>
<p><i>Thái Bình, ngày 12 tháng 6 năm 2018</i></p></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p>
<p>Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng &amp;
Kế hoạch số 60-KH/TU của Tỉnh ủy</p>
<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr>
<tr><td>1</td><td>Tuyên truyền</td><td>Sở Y tế</td></tr></table>
<p>I. MỤC ĐÍCH, YÊU CẦU</p>
</div>
<div class="footer">Bản quyền thuộc Thư Viện Pháp Luật. Địa chỉ: ...</div>
<footer>Copyright © 2024</footer>
</body></html>"""


def test_html_chrome_is_stripped(tmp_path):
    src = read_source(write(tmp_path, "kh.html", PORTAL.encode()))
    assert src.format == "html" and src.encoding == "utf-8"
    lines = src.text.split("\n")
    for chrome in ("Trang chủ", "Tin tức", "Bản dịch này", "Số hiệu:", "Người ký:", "Copyright",
                   "Bản quyền", "color:red", "var menu"):
        assert chrome not in src.text, chrome
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH THÁI BÌNH", "Số: 71/KH-UBND"]
    assert "Thái Bình, ngày 12 tháng 6 năm 2018" in lines
    assert "KẾ HOẠCH" in lines
    assert ("Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương "
            "Đảng & Kế hoạch số 60-KH/TU của Tỉnh ủy") in lines
    # table cells: one per line, in order
    i = lines.index("Tuyên truyền")
    assert lines[i - 1] == "1" and lines[i + 1] == "Sở Y tế"
    assert lines[-1] == "I. MỤC ĐÍCH, YÊU CẦU"


def test_html_in_windows_1258_declared(tmp_path):
    html = PORTAL.replace('charset="utf-8"', 'charset="windows-1258"')
    src = read_source(write(tmp_path, "kh.htm", unicode_to_cp1258(html)))
    assert src.encoding == "windows-1258"
    assert "Thực hiện Nghị quyết số 20-NQ/TW" in src.text


def test_html_with_tcvn3_font(tmp_path):
    body = unicode_to_tcvn3("Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương "
                            "Đảng về tăng cường công tác bảo vệ sức khỏe nhân dân").decode("cp1252")
    html = f'<html><body><p><font face=".VnTime">{body}</font></p></body></html>'
    src = read_source(write(tmp_path, "cu.html", html.encode("utf-8")))
    assert "Thực hiện Nghị quyết số 20-NQ/TW" in src.text
    assert "tcvn3" in (src.encoding or "")


# --- DOCX ------------------------------------------------------------------------------------

def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    t.cell(1, 0).text = "Số: 71/KH-UBND"
    t.cell(1, 1).text = "Thái Bình, ngày 12 tháng 6 năm 2018"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành "
                    "Trung ương Đảng")
    tasks = d.add_table(rows=2, cols=3)
    for j, v in enumerate(("TT", "Nhiệm vụ", "Đơn vị chủ trì")):
        tasks.cell(0, j).text = v
    a = tasks.cell(1, 0).merge(tasks.cell(1, 1))
    a.text = "1. Tuyên truyền"
    tasks.cell(1, 2).text = "Sở Y tế"
    d.add_paragraph("II. NHIỆM VỤ")
    d.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    src = read_source(make_docx(tmp_path / "kh.docx"))
    assert src.format == "docx"
    lines = [l for l in src.text.split("\n") if l.strip()]
    assert lines[:4] == ["ỦY BAN NHÂN DÂN", "TỈNH THÁI BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Số: 71/KH-UBND"]
    k = lines.index("KẾ HOẠCH")
    assert lines[k + 1].startswith("Thực hiện Nghị quyết số 20-NQ/TW")
    # merged cell once, table before the following paragraph
    assert lines.count("1. Tuyên truyền") == 1
    assert lines.index("Sở Y tế") < lines.index("II. NHIỆM VỤ")


def test_docx_typed_in_vnitimes_is_converted(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph(unicode_to_vni(PLAN).decode("cp1252"))
    d.save(str(tmp_path / "cu.docx"))
    src = read_source(tmp_path / "cu.docx")
    assert src.encoding == "vni"
    assert "Thực hiện Nghị quyết số 20-NQ/TW" in src.text


# --- PDF -------------------------------------------------------------------------------------

def make_pdf(path: Path, text: str | None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is not None:
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, text)
    else:  # a "scan": only a drawing, no text layer
        pdf.rect(20, 20, 100, 150, style="F")
    pdf.output(str(path))
    return path


@pytest.mark.skipif(DEJAVU is None or not DEJAVU.exists(), reason="DejaVuSans.ttf not found")
def test_pdf_text_layer(tmp_path):
    src = read_source(make_pdf(tmp_path / "kh.pdf", PLAN))
    assert src.format == "pdf"
    assert "Số: 71/KH-UBND" in src.text
    assert "Nghị quyết số 20-NQ/TW" in src.text
    assert "Đơn vị chủ trì: Sở Y tế" in src.text


def test_scanned_pdf_is_reported(tmp_path):
    with pytest.raises(IngestError, match=r"no text layer \(scanned PDF\?\)"):
        read_source(make_pdf(tmp_path / "scan.pdf", None))


# --- bad files -------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    for name, data in (("a.txt", b""), ("b.md", b"  \n\n "), ("c.html", b""), ("d.pdf", b""),
                       ("e.docx", b"")):
        with pytest.raises(IngestError, match="empty file") as ei:
            read_source(write(tmp_path, name, data))
        assert ei.value.path.endswith(name)


def test_html_with_only_chrome(tmp_path):
    html = b"<html><body><nav>Trang ch\xe1\xbb\xa7</nav><script>x=1</script></body></html>"
    with pytest.raises(IngestError, match="no text"):
        read_source(write(tmp_path, "x.html", html))


def test_binary_file(tmp_path):
    data = bytes(range(256)) * 20
    with pytest.raises(IngestError, match="binary"):
        read_source(write(tmp_path, "x.txt", data))


def test_oversized_file(tmp_path, monkeypatch):
    p = write(tmp_path, "big.txt", PLAN.encode() * 10)
    with pytest.raises(IngestError, match="too large"):
        read_source(p, max_bytes=1000)
    monkeypatch.setenv("POLICYGRAPH_MAX_BYTES", "500")
    with pytest.raises(IngestError, match="too large"):
        read_source(p)
    monkeypatch.delenv("POLICYGRAPH_MAX_BYTES")
    assert read_source(p).text.startswith("ỦY BAN")


def test_missing_and_folder(tmp_path):
    with pytest.raises(IngestError, match="cannot read"):
        read_source(tmp_path / "nope.txt")
    (tmp_path / "d.txt").mkdir()
    with pytest.raises(IngestError, match="folder"):
        read_source(tmp_path / "d.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without permission")
def test_unreadable_file(tmp_path):  # pragma: no cover - CI runs as root
    p = write(tmp_path, "x.txt", b"abc")
    p.chmod(0)
    with pytest.raises(IngestError, match="cannot read"):
        read_source(p)


def test_content_not_matching_extension(tmp_path, monkeypatch):
    make_docx(tmp_path / "real.docx")
    docx_bytes = (tmp_path / "real.docx").read_bytes()
    cases = [
        ("a.txt", b"%PDF-1.4\n1 0 obj\n", "PDF"),
        ("b.txt", docx_bytes, "ZIP"),
        ("c.pdf", PLAN.encode(), "no %PDF header"),
        ("d.docx", PLAN.encode(), "not a ZIP"),
        ("e.docx", b"%PDF-1.4\n", "PDF"),
        ("f.html", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        ("g.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Office"),
    ]
    for name, data, why in cases:
        with pytest.raises(IngestError, match="does not match extension") as ei:
            read_source(write(tmp_path, name, data))
        assert why in ei.value.problem, (name, ei.value.problem)


def test_zip_that_is_not_word(tmp_path):
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(IngestError, match="not a Word document"):
        read_source(p)


def test_damaged_docx_and_pdf(tmp_path):
    make_docx(tmp_path / "real.docx")
    data = (tmp_path / "real.docx").read_bytes()
    with pytest.raises(IngestError):
        read_source(write(tmp_path, "cut.docx", data[: len(data) // 2]))
    with pytest.raises(IngestError):
        read_source(write(tmp_path, "cut.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n"))


def test_unsupported_suffix(tmp_path):
    with pytest.raises(IngestError, match="unsupported file type '.doc'"):
        read_source(write(tmp_path, "old.doc", b"abc"))


def test_read_bytes_in_memory():
    src = read_bytes(PLAN.encode(), "mem.txt", "text")
    assert src.text == PLAN and src.path == "mem.txt"


# --- walking ---------------------------------------------------------------------------------

def test_iter_files_yields_every_supported_suffix(tmp_path):
    names = [f"x{s}" for s in sorted(SUPPORTED_SUFFIXES)] + ["X.TXT", "skip.doc", "~$lock.docx"]
    (tmp_path / "sub").mkdir()
    for n in names:
        (tmp_path / "sub" / n).write_bytes(b"a")
    got = {p.name for p in iter_files([tmp_path])}
    assert got == {f"x{s}" for s in SUPPORTED_SUFFIXES} | {"X.TXT"}
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= SUPPORTED_SUFFIXES
    # files named explicitly are passed through for the reader to judge
    assert list(iter_files([tmp_path / "sub" / "skip.doc"])) == [tmp_path / "sub" / "skip.doc"]
