"""Titles (trích yếu) without the line of the authority that enacts (issue F20): made-up headers
in each layout — the authority on its own line under the title, run on after the title in a
header printed on one line, an office holder's line ('CHỦ TỊCH …', 'BỘ TRƯỞNG …'), a Công
điện's 'THỦ TƯỚNG CHÍNH PHỦ điện:' — and titles whose own words name a body, kept whole."""
from __future__ import annotations

import pytest

from graph.extract.header import extract_header, title_without_authority
from graph.extract.normalize import clean
from graph.text import fold

from corpus_util import needs_official, official_texts

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
PREAMBLE = "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Thử.\n"


def header(text: str):
    return extract_header(clean(text))


def province_head(number: str, province: str = "LÂM ĐỒNG", place: str = "Lâm Đồng") -> str:
    return (f"ỦY BAN NHÂN DÂN\nTỈNH {province}\n-------\n" + MOTTO
            + f"Số: {number}\n{place}, ngày 20 tháng 11 năm 2025\n\n")


def test_the_authority_on_its_own_line_under_the_title_is_cut():
    h = header(province_head("2284/QĐ-UBND") + "QUYẾT ĐỊNH\nVỀ VIỆC CÔNG NHẬN XÃ MIỀN NÚI TRÊN ĐỊA BÀN TỈNH "
               "LÂM ĐỒNG\nỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n" + PREAMBLE)
    assert h.title == "Về việc công nhận xã miền núi trên địa bàn tỉnh Lâm Đồng"
    assert h.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"


def test_the_authority_in_bold_capitals_under_the_title():
    h = header("CHÍNH PHỦ\n-------\n" + MOTTO + "Số: 393/NQ-CP\nHà Nội, ngày 20 tháng 11 năm 2025\n\n"
               "**NGHỊ QUYẾT**\nVỀ\nDỰ ÁN LUẬT THỬ (SỬA ĐỔI)\n**CHÍNH PHỦ**\n" + PREAMBLE)
    assert h.title == "Về dự án luật thử (sửa đổi)"


def test_the_authority_run_on_after_the_title_in_a_header_on_one_line():
    h = header("CHÍNH PHỦ__________ Số: 393/NQ-CP | " + MOTTO.replace("\n", " ")
               + "| Hà Nội, ngày 20 tháng 11 năm 2025\n\nNGHỊ QUYẾT VỀ DỰ ÁN LUẬT THỬ (SỬA ĐỔI) CHÍNH PHỦ\n\n"
               + PREAMBLE)
    assert h.issuer == "Chính phủ"
    assert h.title == "Về dự án luật thử (sửa đổi)"


@pytest.mark.parametrize("block,line,issuer", [
    ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Ủy ban nhân dân tỉnh An Giang"),
    ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "CHỦ TỊCH ỦY BAN NHÂN\nDÂN TỈNH", "Ủy ban nhân dân tỉnh An Giang"),
    ("BỘ NỘI VỤ", "BỘ TRƯỞNG BỘ NỘI VỤ", "Bộ Nội vụ"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("BỘ TÀI CHÍNH\nCỤC HẢI QUAN", "CỤC TRƯỞNG CỤC\nHẢI QUAN", "Cục Hải quan"),
])
def test_an_office_holder_line_is_cut(block, line, issuer):
    h = header(f"{block}\n-------\n" + MOTTO + "Số: 15/QĐ-UBND\nAn Giang, ngày 20 tháng 11 năm 2025\n\n"
               f"QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC THỬ CỦA SỞ TÀI CHÍNH\n{line}\n" + PREAMBLE)
    assert h.title == "Về việc công bố danh mục thủ tục thử của Sở Tài chính"
    assert h.issuer == issuer


def test_a_cong_dien_loses_its_addressing_line():
    h = header("THỦ TƯỚNG CHÍNH PHỦ\n-------\n" + MOTTO + "Số: 224/CĐ-TTg\nHà Nội, ngày 20 tháng 11 năm 2025\n\n"
               "**CÔNG ĐIỆN**\nVỀ VIỆC ỨNG PHÓ MƯA LŨ THỬ\n**THỦ TƯỚNG CHÍNH PHỦ điện:**\n"
               "- Bộ trưởng các Bộ;\n")
    assert h.title == "Về việc ứng phó mưa lũ thử"


@pytest.mark.parametrize("title", [
    "VỀ VIỆC THÀNH LẬP\nỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",  # a verb before the name
    "QUY ĐỊNH MỨC CHI THUỘC THẨM QUYỀN CỦA ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",  # 'của'
    "QUY CHẾ CỦA TRUNG TÂM THỬ THUỘC VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",  # a longer name
    "QUY CHẾ CỦA CẢNG THỬ - ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",  # a mark
    "GIAO NHIỆM VỤ CHO\nỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
])
def test_a_title_that_names_a_body_stays_whole(title):
    h = header(province_head("9/QĐ-UBND") + f"QUYẾT ĐỊNH\n{title}\n\n" + PREAMBLE)
    assert h.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert fold(h.title).endswith("uy ban nhan dan tinh lam đong".replace("đ", "d"))


def test_a_ward_founded_by_the_province_stays_whole():
    h = header(province_head("10/QĐ-UBND") + "QUYẾT ĐỊNH\nVề việc thành lập Ủy ban nhân dân phường Tân Thử\n\n"
               + PREAMBLE)
    assert h.title == "Về việc thành lập Ủy ban nhân dân phường Tân Thử"


def test_a_known_body_is_cut_only_as_a_whole_printed_line():
    # no header issuer: 'CHÍNH PHỦ' is a body the tables know, cut when it is its own line
    assert title_without_authority("Về dự án luật thử CHÍNH PHỦ", [], ["NGHỊ QUYẾT\nVỀ DỰ ÁN LUẬT THỬ\nCHÍNH PHỦ"]) \
        == "Về dự án luật thử"
    assert title_without_authority("Về dự án luật thử Chính phủ", [], ["NGHỊ QUYẾT VỀ DỰ ÁN LUẬT THỬ CHÍNH PHỦ"]) \
        == "Về dự án luật thử Chính phủ"
    # a province's body with its province: 'ỦY BAN NHÂN DÂN TỈNH X'
    assert title_without_authority("Về việc thử Ủy ban nhân dân tỉnh Lâm Đồng", [],
                                   ["Về việc thử\nỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"]) == "Về việc thử"
    # the whole title is no tail
    assert title_without_authority("Chính phủ", ["Chính phủ"]) == "Chính phủ"


@needs_official
def test_no_official_title_ends_with_an_office_holder_and_its_issuer():
    holders = ("chu tich", "bo truong", "thu tuong", "giam doc", "cuc truong")
    for text in official_texts(400):
        h = extract_header(clean(text))
        if not (h.title and h.issuer):
            continue
        tail = fold(h.title)
        assert not any(tail.endswith(f"{t} {fold(h.issuer)}") for t in holders), h.title
