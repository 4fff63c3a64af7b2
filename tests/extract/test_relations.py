"""What a document implements and the statements it makes about others (issue 14): made-up
sentences for the cases seen on the crawl — a letter's answer 'Thực hiện … thì …', 'thực hiện
một hành vi vi phạm' (to commit an offence), a Tờ trình, a 'Thực hiện' list over paragraphs,
'tình hình thực hiện', a subject across a sentence's end."""
from __future__ import annotations

from graph.extract import extract_text
from graph.models import IMPLEMENTS

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nSố: {sym}\n\nHậu Giang, ngày 5 tháng 11 năm 2025\n\n")


def implemented(text: str) -> set[str]:
    record = extract_text(text, kind="official")
    return {r.symbol for r in record.references if r.relation == IMPLEMENTS}


def statements(text: str) -> set[tuple[str, str]]:
    return {(s.subject, s.object) for s in extract_text(text, kind="official").statements}


def test_a_preamble_implements_every_item_of_its_list_over_paragraphs():
    text = HEAD.format(sym="71/KH-UBND") + (
        "KẾ HOẠCH\nPhát động phong trào thi đua\n\n"
        "Thực hiện Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị; Chỉ thị số 28/CT-TTg ngày 18/9/2025 "
        "của Thủ tướng Chính phủ;\n\n"
        "Hướng dẫn số 7886/HD-BNV ngày 14/9/2025 của Bộ Nội vụ; Công văn số 007/CT-UBND ngày 6/10/2025;\n\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\nNội dung.\n")
    assert implemented(text) == {"46-CT/TW", "28/CT-TTg", "7886/HD-BNV", "007/CT-UBND"}


def test_a_paragraph_after_the_list_ended_is_not_an_item():
    text = HEAD.format(sym="72/KH-UBND") + (
        "KẾ HOẠCH\nThử nghiệm\n\nThực hiện Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị.\n\n"
        "Nghị quyết số 21-NQ/TW ngày 25/10/2017 đã đạt nhiều kết quả.\n\nI. MỤC ĐÍCH\n\nNội dung.\n")
    assert implemented(text) == {"46-CT/TW"}


def test_a_letter_answering_with_thuc_hien_thi_does_not_implement():
    text = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 5664/CT-CS\n"
            "V/v chính sách thuế\n\nHà Nội, ngày 01 tháng 12 năm 2025\n\nKính gửi: Ông A\n\n"
            "Cục Thuế nhận được đơn của ông A. Về vấn đề này, Cục Thuế có ý kiến như sau:\n\n"
            "Thực hiện Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị thì hộ kinh doanh không áp dụng "
            "phương pháp khoán thuế từ ngày 01/01/2026.\n\nCục Thuế có ý kiến để ông A được biết./.\n")
    assert implemented(text) == set()


def test_committing_an_offence_is_not_implementing():
    text = HEAD.format(sym="73/QĐ-UBND") + (
        "QUYẾT ĐỊNH\nVề việc xử phạt\n\nThực hiện một hành vi vi phạm hành chính nhiều lần trong lĩnh vực "
        "đất đai, trong khoảng thời gian dài, được quy định tại Nghị định số 125/2020/NĐ-CP thì bị xử phạt.\n\n"
        "Điều 1. Xử phạt ông A.\n")
    assert "125/2020/NĐ-CP" not in implemented(text)


def test_a_proposal_does_not_implement_what_the_plan_it_proposes_would():
    base = HEAD.format(sym="12/TTr-UBND") + (
        "TỜ TRÌNH\nVề việc ban hành Kế hoạch thực hiện Nghị quyết số 42-NQ/TW\n\n{opening}"
        "Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh ban hành Kế hoạch thực hiện Nghị quyết số "
        "42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương.\n\nI. SỰ CẦN THIẾT\n\nNội dung.\n")
    assert implemented(base.format(opening="")) == set()
    # unless it says so of itself
    said = base.format(opening="Thực hiện Công văn số 5/HĐND-VP ngày 2/10/2025 của Thường trực HĐND tỉnh;\n\n")
    assert implemented(said) == {"5/HĐND-VP"}


def test_a_plan_still_implements_what_its_issuer_issues_it_for():
    text = HEAD.format(sym="74/KH-UBND") + (
        "KẾ HOẠCH\nThử nghiệm\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Nghị quyết số 42-NQ/TW "
        "ngày 24/11/2023 của Ban Chấp hành Trung ương như sau:\n\nI. MỤC ĐÍCH\n\nNội dung.\n")
    assert implemented(text) == {"42-NQ/TW"}


def test_statements_need_a_real_act_of_carrying_out():
    text = HEAD.format(sym="75/KH-UBND") + (
        "KẾ HOẠCH\nThử nghiệm\n\nI. CĂN CỨ\n\n"
        "Kế hoạch số 128-KH/TU ngày 05/4/2018 của Tỉnh ủy thực hiện Nghị quyết số 21-NQ/TW ngày 25/10/2017.\n\n"
        "Thông báo số 4387/TB-VPQH ngày 14/11/2025 của Văn phòng Quốc hội về tình hình thực hiện Nghị quyết "
        "số 66/2013/QH13 ngày 29/11/2013 của Quốc hội.\n\n"
        "Văn bản số 16/CV-HHTACN của Hiệp hội về việc tháo gỡ khó khăn trong việc triển khai Nghị định số "
        "136/2025/NĐ-CP của Chính phủ.\n\n"
        "Theo Nghị quyết số 20-NQ/TW và Chỉ thị số 27/CT-TTg. Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện "
        "Chỉ thị số 27/CT-TTg ngày 15/8/2024.\n")
    assert statements(text) == {("128-KH/TU", "21-NQ/TW")}


def test_the_documents_own_number_is_never_a_statements_subject():
    text = HEAD.format(sym="76/KH-UBND") + (
        "KẾ HOẠCH\nThử nghiệm\n\nI. NỘI DUNG\n\nKế hoạch số 76/KH-UBND thực hiện Nghị quyết số 21-NQ/TW "
        "ngày 25/10/2017 trên địa bàn tỉnh.\n")
    assert all(subject != "76/KH-UBND" for subject, _ in statements(text))
