"""Headers in every layout (issue 14): made-up texts in the layouts seen on the crawl — a header
on one line, 'Luật số:', a portal's metadata table, dates printed 'tháng11', names broken by a
PDF's layout, Cục Thuế letters — and the issuer kept as the organ printed, with its parent."""
from __future__ import annotations

import pytest

from graph.extract import extract_text
from graph.extract.header import extract_header
from graph.extract.normalize import clean
from graph.extract.symbols import find_symbols, find_symbols_plain, parse_symbol
from graph.models import Record

from corpus_util import needs_official, official_texts


def header(text: str):
    return extract_header(clean(text))


MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def test_header_on_one_line_gives_issuer_number_and_date():
    h = header("CHÍNH PHỦ__________ Số: 170/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
               "Độc lập - Tự do - Hạnh phúc | Hà Nội, ngày 30 tháng 6 năm 2025\n\nNGHỊ ĐỊNH\n"
               "Quy định về việc thử\n\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert (h.symbol, h.issuer, h.date, h.doc_type) == ("170/2025/NĐ-CP", "Chính phủ", "2025-06-30", "Nghị định")


def test_typed_number_label_and_issuer_after_the_title():
    h = header("------------ Nghị quyết số: 1661/NQ-UBTVQH15 | " + MOTTO.replace("\n", " ")
               + "\n\nNGHỊ QUYẾT\nVề việc sắp xếp đơn vị hành chính\n\n---------\n\n"
               "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp;\n")
    assert h.symbol == "1661/NQ-UBTVQH15"
    assert h.issuer == "Ủy ban Thường vụ Quốc hội" and "issuer" not in h.inferred


def test_law_number_label():
    h = header("QUỐC HỘI\n-------\nLuật số: 60/2024/QH15 | " + MOTTO + "\nLUẬT\nDI SẢN THỬ\n\nCăn cứ Hiến pháp;\n")
    assert (h.symbol, h.issuer, h.doc_type) == ("60/2024/QH15", "Quốc hội", "Luật")


def test_portal_metadata_table_fills_what_the_header_lacks():
    h = header("**Số ký hiệu:** | 21/2025/TT-BGDĐT\n**Ngày ban hành:** | 21/11/2025\n"
               "**Loại văn bản:** | Thông tư\n**Cơ quan ban hành:** | Bộ Giáo dục và Đào tạo\n\n"
               "Quy định chế độ thử\n\nCăn cứ Luật Giáo dục;\n")
    assert (h.symbol, h.date, h.doc_type, h.issuer) == (
        "21/2025/TT-BGDĐT", "2025-11-21", "Thông tư", "Bộ Giáo dục và Đào tạo")


def test_portal_metadata_with_values_on_their_own_lines_and_a_late_header():
    summary = "".join(f"Đoạn tóm tắt thứ {i} của trang.\n\n" for i in range(30))
    h = header("Số hiệu:\n\n99/VPCP-V.I\n\nLoại văn bản:\n\nCông văn\n\nNơi ban hành:\n\nVăn phòng Chính phủ\n\n"
               "Ngày ban hành:\n\n25/11/2025\n\n" + summary + "VĂN PHÒNG CHÍNH PHỦ\n-------\n" + MOTTO
               + "---------------\nSố: 99/VPCP-V.I\nV/v thử nghiệm\nHà Nội, ngày 25 tháng 11 năm 2025\n"
               "Kính gửi: các Bộ\n")
    assert (h.symbol, h.doc_type, h.date) == ("99/VPCP-V.I", "Công văn", "2025-11-25")
    assert h.issuer == "Văn phòng Chính phủ" and h.jurisdiction is None


def test_a_place_only_in_the_portal_issuer_is_no_issuer():
    h = header("Số hiệu:\n\n5/2025/QĐ-UBND\n\nNơi ban hành:\n\nTỉnh Hà Tĩnh\n\nQuy định thử\n")
    assert h.issuer != "Tỉnh Hà Tĩnh"


def test_month_printed_without_a_space_and_ngay_broken_in_two():
    h = header("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n--------\n" + MOTTO + "Số: 80/2025/QĐ-UBND\n"
               "Hà Tĩnh, ng  ày 24 tháng11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc thử\n\nCăn cứ Luật;\n")
    assert h.date == "2025-11-24"


def test_a_body_date_after_the_title_is_not_the_date_of_issue():
    h = header("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n--------\n" + MOTTO + "Số: 81/KH-UBND\n\nKẾ HOẠCH\n"
               "Tập huấn nghiệp vụ\n\nHội trường A, ngày 5 tháng 12 năm 2025\n\nI. MỤC ĐÍCH\n")
    assert h.date is None


def test_a_name_broken_by_a_pdf_layout_is_joined():
    h = header("BỘ TÀI CHÍNH C  ỤC THUẾ\n-------\n" + MOTTO + "Số: 5664/CT-CS\nV/v chính sách thuế\n"
               "Hà Nội, ngày 01 tháng 12 năm 2025\n")
    assert (h.issuer, h.issuer_parent) == ("Cục Thuế", "Bộ Tài chính")


@pytest.mark.parametrize("symbol", ["5435/CT-NVT", "5387/CT-CS"])
def test_cuc_thue_letters_are_cong_van(symbol):
    h = header("BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\n" + MOTTO + f"Số: {symbol}\nV/v chính sách thuế\n"
               "Hà Nội, ngày 20 tháng 11 năm 2025\n")
    assert (h.symbol, h.doc_type, h.type_code, h.issuer) == (symbol, "Công văn", None, "Cục Thuế")


def test_a_type_code_before_an_issuer_code_stays_a_type():
    assert parse_symbol("15/CT-UBND").type_code == "CT"
    assert parse_symbol("13/CT-TTg").family == "admin"
    assert parse_symbol("5435/CT-NVT").family == "congvan"


def test_numbered_units_and_hd_and_hd_with_bar():
    text = "Công văn số 11554/VPCP-V.I. Hướng dẫn số 7886/HD-BNV; Hợp đồng số 12/HĐ-UBND, và 71/KH-UBND.Việc"
    got = [(m.symbol, m.doc_type) for m in find_symbols(text)]
    assert got == [("11554/VPCP-V.I", "Công văn"), ("7886/HD-BNV", "Hướng dẫn"),
                   ("12/HĐ-UBND", "Hợp đồng"), ("71/KH-UBND", "Kế hoạch")]
    assert got == [(m.symbol, m.doc_type) for m in find_symbols_plain(text)]


def test_vpcp_letter_is_issued_by_the_government_office_not_a_city():
    h = header("VĂN PHÒNG CHÍNH PHỦ\n-------\n" + MOTTO + "Số: 11520/VPCP-CN\nV/v thử\n"
               "Hà Nội, ngày 25 tháng 11 năm 2025\n\nKính gửi: Ủy ban nhân dân Thành phố Hồ Chí Minh\n\n"
               "Xét đề nghị của Ủy ban nhân dân Thành phố Hồ Chí Minh tại Thành phố Hồ Chí Minh.\n")
    assert (h.issuer, h.jurisdiction) == ("Văn phòng Chính phủ", None)


# ---------------------------------------------------------------- the organ as printed

PARTY_HEAD = "ĐẢNG BỘ TỈNH HẬU GIANG\nTỈNH ỦY\n*\nSố {sym}\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nHậu Giang, ngày 12 tháng 3 năm 2024\n\n"


@pytest.mark.parametrize("sym,title,signed,issuer", [
    ("196-KH/TU", "KẾ HOẠCH", "T/M BAN THƯỜNG VỤ", "Ban Thường vụ Tỉnh ủy Hậu Giang"),
    ("37-CTr/TU", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "T/M BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "Ban Chấp hành Đảng bộ tỉnh Hậu Giang"),
    ("38-CTr/TU", "CHƯƠNG TRÌNH", "T/M TỈNH ỦY", "Tỉnh ủy Hậu Giang"),
])
def test_party_documents_keep_the_organ_they_are_signed_for(sym, title, signed, issuer):
    h = header(PARTY_HEAD.format(sym=sym) + f"{title}\nthực hiện Nghị quyết số 42-NQ/TW\n\nI. MỤC ĐÍCH\n\n"
               f"Nội dung.\n\n{signed}\nBÍ THƯ\n\nNguyễn Văn A\n")
    assert h.issuer == issuer
    assert h.issuer_parent == (None if issuer == "Tỉnh ủy Hậu Giang" else "Tỉnh ủy Hậu Giang")


@pytest.mark.parametrize("block,issuer,parent", [
    ("UBND TỈNH BÌNH THUẬN\nSỞ Y TẾ", "Sở Y tế tỉnh Bình Thuận", "Ủy ban nhân dân tỉnh Bình Thuận"),
    ("UBND TỈNH BÌNH THUẬN\nVĂN PHÒNG", "Văn phòng Ủy ban nhân dân tỉnh Bình Thuận", "Ủy ban nhân dân tỉnh Bình Thuận"),
    ("BAN CÁN SỰ ĐẢNG UBND TỈNH BÌNH THUẬN", "Ban cán sự đảng Ủy ban nhân dân tỉnh Bình Thuận",
     "Ủy ban nhân dân tỉnh Bình Thuận"),
    ("CHỦ TỊCH\nỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN", "Ủy ban nhân dân tỉnh Bình Thuận", None),
    ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN", "Ủy ban nhân dân tỉnh Bình Thuận", None),
])
def test_issuer_as_printed_with_its_parent(block, issuer, parent):
    h = header(f"{block}\n-------\n" + MOTTO + "\nSố: 12/BC-SYT\n\nBình Thuận, ngày 5 tháng 11 năm 2024\n\n"
               "BÁO CÁO\nTình hình thực hiện\n\nI. KẾT QUẢ\n")
    assert (h.issuer, h.issuer_parent) == (issuer, parent)


def test_a_report_of_a_so_is_never_issued_by_the_ministry_it_cites():
    body = ("BÁO CÁO\nKết quả thực hiện năm 2024\n\nThực hiện Công văn số 5/LĐTBXH-VP ngày 3/1/2025 của Bộ "
            "Lao động - Thương binh và Xã hội về ban hành Kế hoạch năm 2024, Sở báo cáo như sau:\n\nI. KẾT QUẢ\n")
    assert header(body).issuer is None
    h = header("UBND TỈNH BÌNH THUẬN\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n-------\nSố: 12/BC-SLĐTBXH\n\n" + body)
    assert h.issuer == "Sở Lao động - Thương binh và Xã hội tỉnh Bình Thuận"


def test_issuer_parent_goes_through_the_record_dict():
    record = extract_text(PARTY_HEAD.format(sym="196-KH/TU") + "KẾ HOẠCH\nthực hiện X\n\nI. MỤC ĐÍCH\n\n"
                          "Nội dung.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n", kind="official")
    d = record.to_dict()
    assert d["document"]["issuer_parent"] == "Tỉnh ủy Hậu Giang"
    assert Record.from_dict(d) == record


def test_issuer_names_take_the_tables_spelling_and_a_province_keeps_its_small_letter():
    h = header("BỘ VĂN HÓA, THỂ THAO    VÀ DU LỊCH\n-------\n" + MOTTO + "Số: 4385/QĐ-BVHTTDL\n"
               "Hà Nội, ngày 18 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\nVề việc thử\n\nCăn cứ Luật;\n")
    assert h.issuer == "Bộ Văn hóa - Thể thao và Du lịch"
    h = header("CỤC THUẾ   THUẾ TỈNH VĨNH LONG\n-------\n" + MOTTO + "Số: 1539/VLO-QLDN3\nV/v thử\n"
               "Vĩnh Long, ngày 02 tháng 12 năm 2025\n")
    assert (h.issuer, h.issuer_parent, h.jurisdiction) == ("Thuế tỉnh Vĩnh Long", "Cục Thuế", "Vĩnh Long")


@needs_official
def test_every_official_text_of_the_shared_corpus_has_a_number_and_an_issuer():
    from graph.extract.symbols import symbol_re

    headers = [header(t) for t in official_texts(1000)]
    assert sum(h.symbol is not None for h in headers) >= 0.99 * len(headers)  # one is a template page
    assert all(h.issuer and not symbol_re().search(h.issuer) and "số:" not in h.issuer.lower()
               for h in headers)
    assert sum(h.date is not None for h in headers) >= 0.9 * len(headers)


PARTY_DATE = "ĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 22 tháng 12 năm 2024\n\n"


@pytest.mark.parametrize("title,signed,issuer,parent", [
    ("NGHỊ QUYẾT\nCỦA BỘ CHÍNH TRỊ", "T/M BỘ CHÍNH TRỊ", "Bộ Chính trị", "Ban Chấp hành Trung ương Đảng"),
    ("CHỈ THỊ\nCỦA BAN BÍ THƯ", "T/M BAN BÍ THƯ", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng"),
    ("NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU", "T/M BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương Đảng", None),
])
def test_central_party_documents_are_issued_by_the_organ_that_signs(title, signed, issuer, parent):
    h = header("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 57-NQ/TW\n\n" + PARTY_DATE + f"{title}\nvề một việc\n\n"
               f"I. TÌNH HÌNH\n\nNội dung.\n\n{signed}\nTỔNG BÍ THƯ\n")
    assert (h.issuer, h.issuer_parent, h.jurisdiction) == (issuer, parent, None)


@pytest.mark.parametrize("block,sym,issuer,parent", [
    ("TỈNH ỦY HẬU GIANG\nBAN TUYÊN GIÁO", "12-HD/BTGTU", "Ban Tuyên giáo Tỉnh ủy Hậu Giang", "Tỉnh ủy Hậu Giang"),
    ("ĐẢNG BỘ TỈNH HẬU GIANG\nBAN CHẤP HÀNH", "37-CTr/TU", "Ban Chấp hành Đảng bộ tỉnh Hậu Giang", "Tỉnh ủy Hậu Giang"),
    ("ĐẢNG BỘ TỈNH HẬU GIANG\nBAN THƯỜNG VỤ TỈNH ỦY", "38-KH/TU", "Ban Thường vụ Tỉnh ủy Hậu Giang", "Tỉnh ủy Hậu Giang"),
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nBAN CHẤP HÀNH", "39-CTr/TU", "Ban Chấp hành Đảng bộ thành phố Hà Nội", "Thành ủy Hà Nội"),
    ("ĐẢNG BỘ TỈNH HẬU GIANG\nHUYỆN ỦY CHÂU THÀNH", "10-KH/HU", "Huyện ủy Châu Thành tỉnh Hậu Giang", None),
])
def test_party_organs_printed_in_the_block(block, sym, issuer, parent):
    h = header(f"{block}\n*\nSố {sym}\n\n" + PARTY_DATE + "KẾ HOẠCH\nthực hiện X\n\nI. MỤC ĐÍCH\n")
    assert (h.issuer, h.issuer_parent) == (issuer, parent)
    assert h.jurisdiction == ("Hà Nội" if "HÀ NỘI" in block else "Hậu Giang")
