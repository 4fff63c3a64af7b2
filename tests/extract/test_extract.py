"""Extraction: each phenomenon of real documents, in small real-looking sentences."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.extract import extract_text
from graph.extract.normalize import clean, fix_tones
from graph.text import fold
from graph.extract.symbols import find_symbols, tidy_symbol

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))


def official(text: str):
    """The record of a fragment of an official document: these tests exercise the reader of
    documents, so the kind is forced (a fragment alone may read as a page; the kind is tested
    in tests/test_kind.py and tests/test_kinds_in_graph.py)."""
    return extract_text(text, kind="official")


def refs(text: str) -> dict:
    return {r.symbol: r for r in official(text).references}


# ------------------------------------------------------------------ normalisation

def test_clean_keeps_length_and_offsets():
    text = "Thực hiện **Nghị\nquyết** số 15-NQ/TW | ngày 01/6/2012"
    ct = clean(text)
    assert len(ct.text) == len(ct.original)
    i = ct.text.index("15-NQ/TW")
    assert ct.original[i:i + 8] == "15-NQ/TW"
    assert "Nghị quyết" in ct.text


def test_hard_wrapped_identifier_is_one_mention():
    text = "Căn cứ Kết luận số\n92-KL/TW ngày 05 tháng 11 năm 2020 của Bộ Chính trị về tiếp tục thực hiện Nghị\nquyết số 15-NQ/TW;"
    r = refs(text)
    assert r["92-KL/TW"].date == "2020-11-05"
    assert r["92-KL/TW"].issuer == "Bộ Chính trị"
    assert "15-NQ/TW" in r


@pytest.mark.parametrize("old,new", [("hoá", "hóa"), ("khoẻ", "khỏe"), ("Uỷ ban", "Ủy ban"), ("THUỶ", "THỦY")])
def test_tone_placement_compares_equal(old, new):
    assert fix_tones(old) == new
    assert len(fix_tones(old)) == len(old)


def test_tone_fix_leaves_qu_and_closed_syllables():
    assert fix_tones("quý hoàn toàn") == "quý hoàn toàn"


def test_fold_ignores_marks_and_case():
    assert fold("ỦY BAN") == fold("uỷ ban") == "uy ban"


# ------------------------------------------------------------------ identifiers

@pytest.mark.parametrize("raw,want,family", [
    ("20-NQ/TW", "20-NQ/TW", "party"),
    ("127-KH/TU", "127-KH/TU", "party"),
    ("126-CTr/TU", "126-CTr/TU", "party"),
    ("92-KL/TW", "92-KL/TW", "party"),
    ("71/KH-UBND", "71/KH-UBND", "admin"),
    ("1983/QĐ-TTG", "1983/QĐ-TTg", "admin"),
    ("125/NQ-CP", "125/NQ-CP", "admin"),
    ("31/2013/NĐ-CP", "31/2013/NĐ-CP", "normative"),
    ("23/2020/NQ-HĐND", "23/2020/NQ-HĐND", "normative"),
    ("76/2014/QH13", "76/2014/QH13", "normative"),
    ("13/2014/TTLT-BLĐTBXH-BTC", "13/2014/TTLT-BLĐTBXH-BTC", "normative"),
    ("1883/CTr-BLĐTBXH-BYT", "1883/CTr-BLĐTBXH-BYT", "joint"),
    ("171/LĐTBXH-VP", "171/LĐTBXH-VP", "congvan"),
    ("28- NQ/TW", "28-NQ/TW", "party"),
    ("154 /KH- UBND", "154/KH-UBND", "admin"),
])
def test_identifier_families(raw, want, family):
    found = list(find_symbols(f"theo văn bản số {raw} của cơ quan"))
    assert [(s.symbol, s.family) for s in found] == [(want, family)]


@pytest.mark.parametrize("text", [
    "đã rà soát 1.080 văn bản", "trao 42.744 suất quà", "phòng chống Covid-19",
    "người nhiễm HIV/AIDS", "ngày 05/4/2018", "giai đoạn 2016-2020", "tỷ lệ 3,5%", "24/7",
])
def test_counts_dates_and_names_are_not_references(text):
    assert list(find_symbols(text)) == []


def test_tidy_symbol_is_idempotent():
    for raw in ("1983/QĐ-TTG", "28- NQ/TW", "154 /KH- UBND", "hello / world"):
        once = tidy_symbol(raw)
        assert tidy_symbol(once) == once


# ------------------------------------------------------------------ facts of a reference

def test_both_date_forms():
    r = refs("Căn cứ Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng; "
             "Quyết định số 1983/QĐ-TTg ngày 24 tháng 11 năm 2021 của Thủ tướng Chính phủ.")
    assert r["20-NQ/TW"].date == "2017-10-25"
    assert r["20-NQ/TW"].issuer == "Ban Chấp hành Trung ương Đảng"
    assert r["1983/QĐ-TTg"].date == "2021-11-24"
    assert r["1983/QĐ-TTg"].issuer == "Thủ tướng Chính phủ"


def test_one_date_governs_a_list_but_not_what_the_items_implement():
    text = ("Thực hiện các Kế hoạch ngày 11/01/2018 của Tỉnh ủy: số 60-KH/TU về việc thực hiện Nghị quyết số "
            "20-NQ/TW về tăng cường công tác y tế, số 61-KH/TU về việc thực hiện Nghị quyết số 21-NQ/TW về dân số, "
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch trên địa bàn tỉnh Thái Bình.")
    r = refs(text)
    assert r["60-KH/TU"].date == r["61-KH/TU"].date == "2018-01-11"
    assert r["20-NQ/TW"].date is None and r["21-NQ/TW"].date is None


def test_local_issuer_takes_the_province_from_context():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n-------\nSố: 71/KH-UBND\nHậu Giang, ngày 27 tháng 4 năm 2022\n"
            "KẾ HOẠCH\nThực hiện Chương trình số 126-CTr/TU ngày 20/10/2017 của Tỉnh ủy;\n"
            "Căn cứ Quyết định số 449/QĐ-UBND ngày 28/6/2017 của UBND tỉnh Quảng Ngãi;\n")
    rec = official(text)
    r = {x.symbol: x for x in rec.references}
    assert r["126-CTr/TU"].issuer == "Tỉnh ủy Hậu Giang"
    assert r["449/QĐ-UBND"].issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert rec.document.symbol == "71/KH-UBND"
    assert "71/KH-UBND" not in r  # the document's own number is not a reference


# ------------------------------------------------------------------ relations and statements

def test_opening_thuc_hien_means_implements_and_can_cu_means_cites():
    text = ("KẾ HOẠCH\nThực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng\n"
            "Căn cứ Nghị định số 31/2013/NĐ-CP ngày 09/4/2013 của Chính phủ;\n"
            "I. MỤC ĐÍCH\nThực hiện Quyết định số 1983/QĐ-TTg ngày 24/11/2021 trong năm.")
    r = refs(text)
    assert r["20-NQ/TW"].relation == "implements"
    assert r["31/2013/NĐ-CP"].relation == "cites"
    assert r["1983/QĐ-TTg"].relation == "cites"  # in the body, not the opening
    assert "Thực hiện Nghị quyết số 20-NQ/TW" in r["20-NQ/TW"].evidence


def test_title_implements_only_its_direct_object():
    text = ("KẾ HOẠCH\nTHỰC HIỆN QUYẾT ĐỊNH SỐ 1983/QĐ-TTG NGÀY 24 THÁNG 11 NĂM 2021 CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH "
            "KẾ HOẠCH TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 92-KL/TW NGÀY 05 THÁNG 11 NĂM 2020 CỦA BỘ CHÍNH TRỊ\n")
    rec = official(text)
    r = {x.symbol: x for x in rec.references}
    assert r["1983/QĐ-TTg"].relation == "implements"
    assert r["92-KL/TW"].relation == "cites"
    assert [(s.subject, s.object) for s in rec.statements] == [("1983/QĐ-TTg", "92-KL/TW")]


def test_statements_between_other_documents_with_evidence():
    text = ("- Tiếp tục thực hiện các kế hoạch của Ủy ban nhân dân tỉnh: Số 22/KH-UBND ngày 31/3/2016 về thực hiện "
            "Quyết định số 2361/QĐ-TTg ngày 22/12/2015 của Thủ tướng Chính phủ; Chương trình số 126-CTr/TU ngày "
            "20/10/2017 của Tỉnh ủy Hậu Giang thực hiện Chỉ thị số 14-CT/TW ngày 19/7/2017 của Ban Bí thư.")
    rec = official(text)
    got = {(s.subject, s.relation, s.object): s.evidence for s in rec.statements}
    assert ("22/KH-UBND", "implements", "2361/QĐ-TTg") in got
    assert ("126-CTr/TU", "implements", "14-CT/TW") in got
    assert "Chỉ thị số 14-CT/TW" in got[("126-CTr/TU", "implements", "14-CT/TW")]


def test_a_and_b_implement_c():
    text = "Kế hoạch số 60-KH/TU và Kế hoạch số 61-KH/TU của Tỉnh ủy thực hiện Nghị quyết số 20-NQ/TW."
    subjects = {s.subject for s in official(text).statements if s.object == "20-NQ/TW"}
    assert subjects == {"60-KH/TU", "61-KH/TU"}


# ------------------------------------------------------------------ short forms and aliases

def test_alias_and_later_short_form_are_not_new_references():
    text = ("Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng "
            "(*sau đây gọi tắt là Nghị quyết 20*); Kế hoạch số 127-KH/TU ngày 05/4/2018 của Tỉnh ủy "
            "(sau đây gọi tắt là Kế hoạch 127).\nKế hoạch 127 thực hiện Nghị quyết 20 trong toàn tỉnh.")
    rec = official(text)
    assert sorted(r.symbol for r in rec.references) == ["127-KH/TU", "20-NQ/TW"]
    assert rec.aliases["Nghị quyết 20"] == "20-NQ/TW"
    assert rec.aliases["Kế hoạch 127"] == "127-KH/TU"
    assert ("127-KH/TU", "implements", "20-NQ/TW") in {(s.subject, s.relation, s.object) for s in rec.statements}


def test_document_named_by_description_then_numbered():
    text = ("a) Tổ chức quán triệt Nghị quyết Hội nghị Trung ương 5 khóa XI một số vấn đề về chính sách xã hội "
            "(gọi tắt là Nghị quyết số 15-NQ/TW), Kết luận số 92-KL/TW.")
    rec = official(text)
    assert rec.aliases.get("Nghị quyết Hội nghị Trung ương 5 khóa XI một số vấn đề về chính sách xã hội") == "15-NQ/TW"
    assert [r.symbol for r in rec.references].count("15-NQ/TW") == 1


# ------------------------------------------------------------------ header

def test_header_inferred_from_body_when_missing():
    text = ("KẾ HOẠCH\n\nThực hiện Kế hoạch số 127-KH/TU ngày 05/4/2018 của Tỉnh ủy\n\n"
            "Sở Lao động – Thương binh và Xã hội ban hành Kế hoạch thực hiện, gồm các nội dung như sau:\n\n"
            "I. MỤC ĐÍCH\n1. Chăm sóc người cao tuổi tỉnh Quảng Ngãi trên địa bàn tỉnh Quảng Ngãi.")
    d = official(text).document
    assert d.symbol is None and d.date is None
    assert d.doc_type == "Kế hoạch"
    assert d.issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"
    assert d.jurisdiction == "Quảng Ngãi"
    assert "issuer" in d.inferred


def test_web_chrome_and_table_pipes_are_ignored():
    text = ("|\n|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép\n"
            "|\n**BỘ TÀI CHÍNH**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\nSố:\n5348/CT-CS\n"
            "*V/v hướng dẫn góp vốn điều lệ*\n|\n*Hà Nội, ngày 20\ntháng 11 năm 2025*\n|\n"
            "Căn cứ Luật Doanh nghiệp số 59/2020/QH14 quy định về tài sản góp vốn;")
    rec = official(text)
    assert rec.document.symbol == "5348/CT-CS"
    assert rec.document.date == "2025-11-20"
    assert rec.document.title == "hướng dẫn góp vốn điều lệ"
    r = {x.symbol: x for x in rec.references}
    assert r["59/2020/QH14"].issuer == "Quốc hội"


# ------------------------------------------------------------------ the command

def test_cli_bad_files_do_not_stop_the_batch(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Quyết định số 1983/QĐ-TTg".encode("utf-16-le")[1:] + b"\xff\xfe\x00\xd8")
    good = SAMPLES[0]
    proc = subprocess.run([sys.executable, "-m", "graph", "extract", "--json", str(empty), str(binary), str(good)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [Path(x["source"]).name for x in lines] == [good.name]
    errors = proc.stderr.strip().splitlines()
    assert any("empty.txt" in e and "empty" in e.split(":", 2)[-1] for e in errors)
    assert any("binary.txt" in e for e in errors)


@pytest.mark.skipif(not SAMPLES, reason="no samples")
def test_samples_have_every_key_of_the_contract():
    for path in SAMPLES:
        rec = extract_text(path.read_text(encoding="utf-8"), str(path)).to_dict()
        assert set(rec) >= {"source", "document", "references", "statements", "tasks"}
        assert set(rec["document"]) >= {"symbol", "doc_type", "date", "issuer", "jurisdiction"}
        for ref in rec["references"]:
            assert ref["relation"] in ("implements", "cites")
            assert ref["evidence"]


def test_issuing_body_is_the_lower_line_of_the_header_block():
    text = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 5348/CT-CS\nV/v hướng dẫn góp vốn điều lệ\nHà Nội, ngày 20 tháng 11 năm 2025\n"
            "Kính gửi: Thuế tỉnh Quảng Trị.\n")
    d = official(text).document
    assert d.issuer == "Cục Thuế"
    assert d.doc_type == "Công văn"
    assert d.jurisdiction is None  # a national body, though its city is printed


def test_place_name_split_over_two_lines_is_rejoined():
    text = ("Căn cứ Kế hoạch số 12/KH-UBND ngày 03/02/2025;\nỦy ban nhân dân thành phố Cần\n"
            "Thơ ban hành Kế hoạch giám sát trên địa bàn thành phố Cần Thơ như sau:\nI. MỤC ĐÍCH\n")
    d = official(text).document
    assert d.issuer == "Ủy ban nhân dân thành phố Cần Thơ"
    assert d.jurisdiction == "Cần Thơ"


def test_department_header_takes_the_province_of_its_parent():
    text = ("UBND TỈNH BÌNH THUẬN\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 15/KH-SKHCN\nBình Thuận, ngày 02 tháng 3 năm 2023\nKẾ HOẠCH\nThực hiện chuyển đổi số năm 2023\n")
    d = official(text).document
    assert d.issuer == "Sở Khoa học và Công nghệ tỉnh Bình Thuận"
    assert d.jurisdiction == "Bình Thuận"
    assert d.symbol == "15/KH-SKHCN"


def test_header_number_with_codes_not_in_the_tables():
    text = ("BỘ TÀI CHÍNH\nCỤC HẢI QUAN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 38162/CHQ-GSQL\nV/v hướng dẫn thủ tục hải quan\nHà Nội, ngày 25 tháng 11 năm 2025\n"
            "Kính gửi: Công ty TNHH Minebea.\nTrả lời công văn số 20251022/CV-HD ngày 22/10/2025 của Công ty.")
    rec = official(text)
    assert rec.document.symbol == "38162/CHQ-GSQL"
    assert rec.document.issuer == "Cục Hải quan"
    assert rec.document.jurisdiction is None
    # in the body, unknown codes are not taken for a symbol
    assert "20251022/CV-HD" not in {r.symbol for r in rec.references}


def test_short_capitalised_line_ends_a_heading_name_but_a_signature_stays():
    ct = clean("2. Ban Quản lý Khu kinh tế\nĐông Nam\n- Đề xuất các khu công nghiệp\n"
               "- Làm việc với các nhà mạng (Viettel Nghệ\nAn, VNPT Nghệ An)\nGIÁM ĐỐC\nLương Kim Sơn\n"
               "4. Sở Thông tin và Truyền thông\nPhối hợp với Sở Y tế tổ chức tuyên truyền.")
    paras = [ct.text[a:b] for a, b in ct.paragraphs]
    assert "2. Ban Quản lý Khu kinh tế Đông Nam" in paras
    assert "- Làm việc với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An)" in paras
    assert "Lương Kim Sơn" in paras and "GIÁM ĐỐC" in paras
    assert "4. Sở Thông tin và Truyền thông" in paras


def _facts(rec):
    d = rec.document
    return ({(r.symbol, r.relation, r.date, r.issuer) for r in rec.references},
            {(s.subject, s.relation, s.object) for s in rec.statements},
            (d.symbol, d.doc_type, d.date, d.issuer, d.jurisdiction),
            [tuple(t.lead) for t in rec.tasks])


def _rewrap(text: str, width: int) -> str:
    import textwrap
    return "\n".join("\n".join(textwrap.wrap(line, width)) if line.strip() else line
                     for line in text.split("\n"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_samples_read_the_same_when_rewrapped_or_respelled(path):
    """Hard wraps at another width, CRLF line ends and old tone placement change nothing."""
    text = path.read_text(encoding="utf-8")
    want = _facts(extract_text(text))
    assert want[0], "the sample has references"
    wrapped = _rewrap(text, 78)
    assert wrapped != text
    assert _facts(extract_text(wrapped)) == want
    respelled = wrapped.replace("\n", "\r\n").replace("hóa", "hoá").replace("khỏe", "khoẻ").replace("Ủy", "Uỷ")
    assert respelled != wrapped
    assert _facts(extract_text(respelled)) == want


def test_a_dash_inside_a_name_or_range_is_no_bullet():
    ct = clean("Phối hợp với Sở Lao động\n- Thương binh và Xã hội tổ chức\n- Đẩy mạnh tuyên truyền\n"
               "- Phát triển kinh tế\n- xã hội bền vững\n- Tăng cường đầu tư giai đoạn 2021\n- 2025.")
    paras = [ct.text[a:b] for a, b in ct.paragraphs]
    assert paras == ["Phối hợp với Sở Lao động - Thương binh và Xã hội tổ chức", "- Đẩy mạnh tuyên truyền",
                     "- Phát triển kinh tế - xã hội bền vững", "- Tăng cường đầu tư giai đoạn 2021 - 2025."]


def test_markdown_table_header_cells_are_read_one_by_one():
    text = ("| **ỦY BAN NHÂN DÂN TỈNH HẬU GIANG** ------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** Độc lập - Tự do"
            " - Hạnh phúc --------------- |\n|---|---|\n| Số: 71/KH-UBND | *Hậu Giang, ngày 27 tháng 4 năm 2022* |\n\n"
            "**KẾ HOẠCH**\nThực hiện Quyết định số 1983/QĐ-TTg ngày 24/11/2021 của Thủ tướng Chính phủ\n")
    rec = official(text)
    d = rec.document
    assert (d.symbol, d.date, d.issuer, d.jurisdiction, d.doc_type) == (
        "71/KH-UBND", "2022-04-27", "Ủy ban nhân dân tỉnh Hậu Giang", "Hậu Giang", "Kế hoạch")
    assert [(r.symbol, r.relation) for r in rec.references] == [("1983/QĐ-TTg", "implements")]


def test_hard_wraps_inside_sentences_are_joined_and_header_lines_kept():
    s = "Thực hiện Nghị\nquyết số 15-NQ/TW của\nBộ Chính trị.\nSố: 71/KH-UBND\nthành phố Cần\nThơ"
    out = clean(s).text
    assert len(out) == len(s)
    assert "Nghị quyết" in out and "của Bộ" in out and "Cần Thơ" in out and "trị.\nSố" in out


def test_motto_lines_are_no_part_of_the_issuer_block_with_or_without_spaces_around_dashes():
    for motto in ("ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "ĐỘC LẬP-TỰ DO-HẠNH PHÚC", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        text = f"TỈNH ỦY HẬU GIANG\n\n{motto}\n\nKẾ HOẠCH\n\nthực hiện chương trình"
        doc = official(text).document
        assert (doc.issuer, doc.jurisdiction, doc.doc_type) == ("Tỉnh ủy Hậu Giang", "Hậu Giang", "Kế hoạch")


def test_cong_van_subject_line_is_its_title():
    text = "BỘ Y TẾ\n\nSố: 171/BYT-VP\nV/v triển khai tiêm chủng\n\nHà Nội, ngày 5 tháng 3 năm 2021\n\nKính gửi: các Sở Y tế"
    doc = official(text).document
    assert (doc.doc_type, doc.title, doc.jurisdiction) == ("Công văn", "triển khai tiêm chủng", None)
