"""Small real-looking documents for the progress tests (tests/link/test_fulfil.py,
tests/query/test_progress.py): a plan, the plans and reports that answer it, built into a
graph the way `load_graph` builds one (assemble, then add_fulfilments)."""
from __future__ import annotations

from graph.extract import extract_text
from graph.link.assemble import assemble
from graph.link.fulfil import add_fulfilments


def document(head: str, symbol: str, place: str, date: tuple[int, int, int], kind: str,
             title: str, tasks: list[str], sign: str = "CHỦ TỊCH") -> str:
    """The text of one document: header block, title, numbered tasks, signature."""
    d, m, y = date
    body = "\n".join(f"{i}. {t}" for i, t in enumerate(tasks, 1))
    return (f"{head}\nSố: {symbol}\n{place}, ngày {d:02d} tháng {m} năm {y}\n\n{kind}\n{title}\n\n"
            f"I. MỤC ĐÍCH, YÊU CẦU\nTriển khai kịp thời, hiệu quả.\n\n"
            f"II. NHIỆM VỤ VÀ GIẢI PHÁP\n{body}\n\nNơi nhận:\n- Như trên;\n{sign}\nNguyễn Văn A\n")


def graph_of(texts: dict[str, str]):
    """The graph of these texts (name -> text), fulfilment links added."""
    recs = [(name, None, extract_text(text, name)) for name, text in sorted(texts.items())]
    return add_fulfilments(assemble(recs))


PROVINCIAL_PLAN = document(
    "ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH", "15/KH-UBND", "Thái Bình", (10, 3, 2018), "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng",
    ["Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan xây dựng Kế hoạch thực hiện Nghị "
     "quyết trong năm 2018. Thời hạn hoàn thành: tháng 6 năm 2018.",
     "Sở Giáo dục và Đào tạo chủ trì tham mưu UBND tỉnh ban hành Đề án phát triển giáo dục sức "
     "khỏe trong trường học. Thời hạn hoàn thành: tháng 12 năm 2018.",
     "Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch này."])


def department_plan(symbol: str = "40/KH-SYT", kind: str = "KẾ HOẠCH",
                    date: tuple[int, int, int] = (2, 5, 2018)) -> str:
    """A plan (or another kind) of the Sở Y tế Thái Bình carrying out 15/KH-UBND."""
    return document("UBND TỈNH THÁI BÌNH\nSỞ Y TẾ", symbol, "Thái Bình", date, kind,
                    "Thực hiện Kế hoạch số 15/KH-UBND ngày 10/3/2018 của Ủy ban nhân dân tỉnh "
                    "Thái Bình", ["Các phòng chức năng tổ chức tuyên truyền."], sign="GIÁM ĐỐC")


NATIONAL_PLAN = document(
    "THỦ TƯỚNG CHÍNH PHỦ", "500/QĐ-TTg", "Hà Nội", (5, 4, 2019), "QUYẾT ĐỊNH",
    "Ban hành Kế hoạch thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành "
    "Trung ương Đảng",
    ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương xây dựng Kế hoạch thực hiện "
     "Quyết định này. Thời hạn hoàn thành: tháng 12 năm 2019."], sign="THỦ TƯỚNG")


def province_answer(province: str, symbol: str, date: tuple[int, int, int]) -> str:
    """A provincial People's Committee's plan carrying out 500/QĐ-TTg."""
    return document(f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}", symbol, province, date,
                    "KẾ HOẠCH", "Thực hiện Quyết định số 500/QĐ-TTg ngày 05/4/2019 của Thủ "
                    "tướng Chính phủ", ["Các sở, ngành tổ chức thực hiện."])


REPORT = document(
    "UBND TỈNH THÁI BÌNH\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "25/BC-LĐTBXH", "Thái Bình",
    (5, 4, 2020), "BÁO CÁO",
    "Kết quả thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2020 của Ủy ban nhân dân tỉnh Quý I "
    "năm 2020",
    ["Công tác chỉ đạo, điều hành\nSở Lao động - Thương binh và Xã hội đã ban hành: Quyết định "
     "số 66/QĐ-LĐTBXH ngày 20/01/2020 về việc giao chỉ tiêu năm 2020; Kế hoạch hành động số "
     "270/KH-LĐTBXH ngày 15/02/2020 thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính "
     "phủ.", "Kết quả cụ thể\nGiải quyết việc làm cho 5.000 lao động."], sign="GIÁM ĐỐC")

PLAN = document(
    "ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH", "15/KH-UBND", "Thái Bình", (10, 1, 2020), "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính phủ",
    ["Sở Lao động - Thương binh và Xã hội chủ trì xây dựng Kế hoạch hành động thực hiện Nghị "
     "quyết. Thời hạn hoàn thành: tháng 3 năm 2020."])
