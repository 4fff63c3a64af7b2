from graph.extract.normalize import clean
from graph.extract.tasks import extract_tasks
from graph.models import Header

SO = "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"


def _tasks(text, province="Quảng Ngãi", issuer=SO, date=None):
    return extract_tasks(clean(text), Header(jurisdiction=province, issuer=issuer, date=date))


LAYOUT_FIELDS = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Đảm bảo triển khai thực hiện Kế hoạch nghiêm túc.
II. NỘI DUNG THỰC HIỆN
1. Phối hợp với Đảng ủy Sở tổ chức quán triệt Nghị quyết trong toàn Ngành.
- Đơn vị tham mưu: Văn phòng Sở.
- Đơn vị phối hợp: Các phòng, đơn vị trực thuộc Sở.
- Thời gian thực hiện: Trong tháng 5/2018.
2. Xây dựng Đề án chăm sóc sức khỏe người lao động.
- Đơn vị tham mưu, thực hiện: Phòng Việc làm – ATLĐ; Phòng Bảo vệ, chăm sóc trẻ em và Bình đẳng giới, Quỹ Bảo trợ trẻ em tỉnh
- Thời gian hoàn thành: Sau khi Đề án được cấp thẩm quyền phê duyệt.
3. Xây dựng Kế hoạch sắp xếp cơ sở bảo trợ xã hội.
- Đơn vị tham mưu và thực hiện: Phòng Bảo trợ xã hội.
- Thời gian thực hiện: Thực hiện theo Quyết định số 449/QĐ-UBND ngày 28/6/2017 của UBND tỉnh.
"""


def test_layout_fields():
    ts = _tasks(LAYOUT_FIELDS)
    assert [t.number for t in ts] == ["II.1", "II.2", "II.3"]
    t1, t2, t3 = ts
    assert t1.lead == ["Văn phòng Sở"]
    assert "Các phòng, đơn vị trực thuộc Sở" in t1.partners
    assert "Đảng ủy Sở" in t1.partners
    assert t1.deadline == "Trong tháng 5/2018" and t1.due.due == "2018-05-31"
    assert t1.section == "NỘI DUNG THỰC HIỆN"
    assert t2.lead == ["Phòng Việc làm - An toàn lao động",
                       "Phòng Bảo vệ, chăm sóc trẻ em và Bình đẳng giới", "Quỹ Bảo trợ trẻ em tỉnh"]
    assert t2.due.condition and t2.due.due is None
    assert t3.lead == ["Phòng Bảo trợ xã hội"]
    assert t3.references == ["449/QĐ-UBND"]
    assert clean(LAYOUT_FIELDS).text[t3.offset:].startswith("3. Xây dựng")


LAYOUT_HEADINGS = """III. KINH PHÍ
Kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Lao động -
Thương binh và Xã hội
a) Chủ trì, phối hợp với Sở Y tế và các đơn vị liên quan tổ chức thực hiện Kế hoạch.
b) Định kỳ hàng năm (trước ngày 25/12) báo cáo Ủy ban nhân dân tỉnh.
2. Sở Thông tin và Truyền thông
Phối hợp với Sở LĐ-TB&XH, Sở Y tế tổ chức các hoạt động tuyên truyền.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên
Thực hiện tốt công tác giám sát, phản biện.
4. UBND huyện, thị xã, thành phố
- Xây dựng kế hoạch hoạt động hằng năm.
- Chủ động bố trí ngân sách.
Trên đây là Kế hoạch triển khai thực hiện; đề nghị Sở Xây dựng phối hợp.
Nơi nhận:
- Sở Nội vụ;
"""


def test_layout_agency_headings():
    ts = _tasks(LAYOUT_HEADINGS, "Hậu Giang", "Ủy ban nhân dân tỉnh Hậu Giang", "2022-04-27")
    assert [t.number for t in ts] == ["IV.1.a", "IV.1.b", "IV.2", "IV.3", "IV.4.(1)", "IV.4.(2)"]
    assert ts[0].lead == ["Sở Lao động - Thương binh và Xã hội"]
    assert "Sở Y tế" in ts[0].partners
    assert ts[1].deadline == "trước ngày 25/12" and ts[1].due.due == "2022-12-25"
    # the heading agency leads even when the duty starts "Phối hợp với"
    assert ts[2].lead == ["Sở Thông tin và Truyền thông"]
    assert ts[2].partners == ["Sở Lao động - Thương binh và Xã hội", "Sở Y tế"]
    assert ts[3].lead == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    assert ts[4].lead == ["Ủy ban nhân dân huyện, thị xã, thành phố"]
    assert all(t.section == "TỔ CHỨC THỰC HIỆN" for t in ts)


LAYOUT_INSIDE = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nhiệm vụ chung
- Sở Y tế chủ trì, phối hợp với các sở, ban, ngành liên quan tổ chức khám sức khỏe.
- Ngành Y tế hỗ trợ nhân lực cho các cơ sở bảo trợ xã hội.
- Tăng cường công tác thanh tra, kiểm tra. Thời gian thực hiện: Quý II/2019.
2. Giao Sở Tài chính chủ trì bố trí kinh phí theo Quyết định số 1983/QĐ-TTg.
"""


def test_layout_lead_inside():
    ts = _tasks(LAYOUT_INSIDE, "Thái Bình", "Ủy ban nhân dân tỉnh Thái Bình")
    assert [t.number for t in ts] == ["II.1.(1)", "II.1.(2)", "II.1.(3)", "II.2"]
    assert ts[0].lead == ["Sở Y tế"]
    assert ts[0].partners == ["Các sở, ban, ngành liên quan"]
    assert ts[1].lead == ["Ngành Y tế"]
    assert ts[2].lead == [] and ts[2].due.due == "2019-06-30"
    assert ts[3].lead == ["Sở Tài chính"]
    assert ts[3].references == ["1983/QĐ-TTg"]


def test_no_tasks_outside_task_sections():
    text = """I. MỤC ĐÍCH, YÊU CẦU
1. Sở Y tế chủ trì tổ chức thực hiện.
II. KINH PHÍ
1. Sở Tài chính bố trí kinh phí.
"""
    assert _tasks(text) == []


def test_unnamed_section_needs_a_lead():
    text = """I. CÁC CÔNG VIỆC CỤ THỂ
1. Sở Y tế chủ trì tổ chức khám sức khỏe cho người lao động.
2. Tăng cường công tác tuyên truyền.
"""
    ts = _tasks(text)
    assert [t.lead for t in ts] == [["Sở Y tế"]]


def test_recipients_after_closing_are_not_tasks():
    text = """1. Sở Y tế chủ trì tổ chức khám sức khỏe cho người lao động.
2. Sở Tài chính bố trí kinh phí.
Nơi nhận:
- Sở Nội vụ;
- UBND các huyện, thành phố;
"""
    ts = _tasks(text)
    assert [t.lead for t in ts] == [["Sở Y tế"], ["Sở Tài chính"]]


def test_lead_cues_inside_an_item():
    """An agency right before a lead cue leads; a weak cue (task_cues.csv, column 'weak')
    such as 'thực hiện' does not mark a lead."""
    text = """II. NHIỆM VỤ
1. Tổ chức tập huấn cho cán bộ; Sở Y tế chủ trì.
2. Tổ chức tập huấn cho cán bộ; Sở Y tế thực hiện.
3. Tổ chức tập huấn cho cán bộ, phối hợp với Sở Tài chính và Sở Nội vụ.
"""
    ts = _tasks(text)
    assert [(t.lead, t.partners) for t in ts] == [
        (["Sở Y tế"], []), ([], []), ([], ["Sở Tài chính", "Sở Nội vụ"])]


def test_field_lines():
    """'LABEL: value' after an item is a field when the label opens with a field label cue;
    the role is the first the label names (partner before lead); an item with fields is one
    task, whatever other lines it has."""
    text = """II. NHIỆM VỤ
1. Rà soát danh sách hộ nghèo.
- Cơ quan chủ trì: Sở Tài chính.
- Đơn vị phối hợp: Sở Nội vụ; UBND các huyện.
- Tiến độ: Quý III/2020.
- Ghi chú: không phải một trường.
"""
    (t,) = _tasks(text, date="2020-01-10")
    assert t.lead == ["Sở Tài chính"]
    assert t.partners == ["Sở Nội vụ", "Ủy ban nhân dân các huyện"]
    assert (t.deadline, t.due.due) == ("Quý III/2020", "2020-09-30")


LEADS_AND_DEADLINES = """II. NHIỆM VỤ
1. Ủy ban nhân dân Thành phố ban hành Quyết định phê duyệt đề án, hoàn thành trong quý II năm 2025.
2. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chủ trì rà soát, báo cáo trước ngày 30 tháng 9 năm 2025.
3. UBND các huyện, thành phố, thị xã xây dựng kế hoạch trong 6 tháng đầu năm 2025.
4. Bộ Xây dựng khẩn trương chủ trì hướng dẫn, gửi báo cáo trước ngày 25/12 hằng năm.
5. Ủy ban nhân dân cấp xã tổ chức tuyên truyền trong tháng 9/2025.
6. Số lượng hồ sơ cần rà soát trong năm 2025.
7. Sở Y tế có trách nhiệm:
a) Xây dựng kế hoạch tiêm chủng trong năm 2025;
b) Tổ chức kiểm tra.
"""


def test_leads_end_before_the_verb_and_deadlines_are_dated():
    """A lead ends before its verb (ban hành, an adverb before chủ trì); a group of provinces
    or districts is one group lead; 'Số' is not 'Sở'; quarter, word date, part of a year,
    month: due dates; a recurring day has none; 'X có trách nhiệm:' heads its duties."""
    ts = {t.number: t for t in _tasks(LEADS_AND_DEADLINES, "Hà Nội", "Hội đồng nhân dân thành phố Hà Nội",
                                      date="2025-03-01")}
    assert ts["II.1"].lead == ["Ủy ban nhân dân Thành phố"] and ts["II.1"].due.due == "2025-06-30"
    assert ts["II.2"].lead == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert ts["II.2"].due.due == "2025-09-30"
    assert ts["II.3"].lead == ["Ủy ban nhân dân các huyện, thành phố, thị xã"]
    assert ts["II.3"].due.due == "2025-06-30"
    assert ts["II.4"].lead == ["Bộ Xây dựng"]
    assert ts["II.4"].due.recurrence == "annual" and ts["II.4"].due.due is None
    assert ts["II.5"].lead == ["Ủy ban nhân dân cấp xã"] and ts["II.5"].due.due == "2025-09-30"
    assert ts["II.6"].lead == []
    assert ts["II.7.a"].lead == ts["II.7.b"].lead == ["Sở Y tế"]
    assert ts["II.7.a"].due.due == "2025-12-31"


def test_no_deadline_before_the_plan():
    """A date before the plan's year in a task's text is a fact, not a deadline."""
    text = "II. NHIỆM VỤ\n1. Sở Xây dựng rà soát nhà ở xây dựng trước ngày 01 tháng 01 năm 1995.\n"
    (t,) = _tasks(text, date="2025-05-01")
    assert t.deadline is None and t.due is None


def test_a_list_of_recipients_ends_the_tasks():
    """A paragraph '- A; - B; - C' (recipients whose 'Nơi nhận:' label was lost) is no task."""
    text = ("II. NHIỆM VỤ\n1. Sở Y tế chủ trì tổ chức thực hiện.\n"
            "- Chính phủ; - Ban Tổ chức Trung ương; - Kiểm toán nhà nước; - Lưu: VT.\n")
    ts = _tasks(text)
    assert [t.number for t in ts] == ["II.1"] and ts[0].lead == ["Sở Y tế"]
