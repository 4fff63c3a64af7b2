"""Leads that are not agencies: a lead must look like a body (a head word of agencies.csv)
and end before the verb that starts its task. Made-up task sentences, one per kind of junk,
and long real names that must stay whole."""
from graph.extract.agencies import ends_name, field_names, read_agencies
from graph.extract.normalize import clean
from graph.extract.tasks import extract_tasks
from graph.models import Header
from graph.text import fold


def _names(text):
    return [p for p, _, _ in read_agencies(text)[0]]


def _tasks(text, province="Quảng Ngãi", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi"):
    return extract_tasks(clean(text), Header(jurisdiction=province, issuer=issuer))


def _leads(text):
    return {t.number: t.lead for t in _tasks(text)}


def test_a_word_folding_to_a_head_is_no_agency():
    # a table column "Số TT", a verb "So sánh", "sở trường", "địa bàn" are not Sở / Ban
    assert _names("Số TT") == [] and _names("Số lượng hồ sơ") == []
    assert _names("So sánh, đối chiếu với quy chuẩn") == []
    assert _names("sở trường của công chức") == []
    assert _names("bàn Chủ trì, phối hợp") == []
    # a head alone still is a name where the name ends
    assert _names("Sở chủ trì, phối hợp") == ["Sở"]
    assert _names("Sở; Phòng Tổ chức") == ["Sở", "Phòng Tổ chức"]
    assert _names("UBND tỉnh quyết định") == ["UBND tỉnh"]
    assert _names("Ủy ban nhân dân thành phố phân cấp thẩm quyền") == ["Ủy ban nhân dân thành phố"]


def test_ends_name():
    t = "Sở chủ trì; Sở trường"
    f = fold(t)
    assert ends_name(t, f, 2, len(t))  # before a verb of the stop table
    assert ends_name(t, f, 10, len(t))  # before punctuation
    assert not ends_name(t, f, 14, len(t))  # before a word that is no verb
    assert ends_name("Sở và Bộ", fold("Sở và Bộ"), 2, 8)


def test_leads_stop_before_the_verb_of_the_task():
    assert _names("Bộ Nội vụ thành lập hội đồng thẩm định") == ["Bộ Nội vụ"]
    assert _names("Bộ Tài chính xem xét việc khen thưởng") == ["Bộ Tài chính"]
    assert _names("Hội đồng nhân dân Thành phố thông qua tại kỳ họp") == ["Hội đồng nhân dân Thành phố"]
    assert _names("Bộ Công an thẩm định chương trình") == ["Bộ Công an"]
    assert _names("Trung tâm Chuyển đổi số Thành phố cấu hình thủ tục") == ["Trung tâm Chuyển đổi số Thành phố"]
    assert _names("Ban Quản lý Dự án 85 khẩn trương hoàn thành") == ["Ban Quản lý Dự án 85"]
    assert _names("Bộ Quốc phòng cấp chứng chỉ năng lực") == ["Bộ Quốc phòng"]
    assert _names("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham gia giám sát") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    assert _names("Các sở, ban, ngành ban hành tiêu chuẩn") == ["Các sở, ban, ngành"]
    # a group after the name is a second name, a level is part of it
    assert _names("Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên đôn đốc") == ["Bộ Quốc phòng", "các tỉnh"]
    assert _names("Ủy ban Mặt trận Tổ quốc Việt Nam các cấp giám sát") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam các cấp"]


def test_long_real_names_stay_whole():
    assert _names("Ban Quản lý các khu công nghiệp tỉnh chủ trì") == ["Ban Quản lý các khu công nghiệp tỉnh"]
    assert _names("Trung tâm Phục vụ hành chính công tỉnh phối hợp") == ["Trung tâm Phục vụ hành chính công tỉnh"]
    assert _names("Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì") == ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]
    assert _names("Trường Trung cấp kỹ thuật Quảng Ngãi, Sở Y tế") == [
        "Trường Trung cấp kỹ thuật Quảng Ngãi", "Sở Y tế"]  # 'cấp' alone is no verb
    assert _names("Hội Nông dân cấp tỉnh chủ trì") == ["Hội Nông dân cấp tỉnh"]


def test_bodies_the_tables_know():
    assert _names("Tập đoàn Điện lực Việt Nam, Tổng công ty Đường sắt Việt Nam chủ trì") == [
        "Tập đoàn Điện lực Việt Nam", "Tổng công ty Đường sắt Việt Nam"]
    assert _names("Mặt trận Tổ quốc tỉnh và Đoàn Thanh niên hỗ trợ") == ["Mặt trận Tổ quốc tỉnh", "Đoàn Thanh niên"]
    assert _names("Thông tấn xã Việt Nam tuyên truyền") == ["Thông tấn xã Việt Nam"]
    assert _names("Tòa án nhân dân tỉnh và Viện kiểm sát nhân dân tỉnh phối hợp") == [
        "Tòa án nhân dân tỉnh", "Viện kiểm sát nhân dân tỉnh"]


def test_field_values_keep_only_bodies():
    assert field_names("Nghìn đồng/người học/tháng.") == []
    assert field_names("1.000 đồng/trẻ/tháng") == []
    assert field_names("Nhận xét, đánh giá công chức được đề xuất đi luân chuyển; có trách nhiệm bố trí công tác") == []
    assert field_names("…………… Cơ quan chủ quản (Bộ, ngành): ……………") == []
    assert field_names("sở trường; quản lý công chức") == []
    assert field_names("Ủy ban nhân dân tỉnh hoặc cơ quan được ủy quyền.") == ["Ủy ban nhân dân tỉnh"]
    assert field_names("Cơ quan, tổ chức được giao lập quy hoạch") == ["Cơ quan, tổ chức"]
    assert field_names("Văn phòng Sở; Phòng Kế hoạch - Tài chính, Trung tâm Công tác xã hội tỉnh.") == [
        "Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Trung tâm Công tác xã hội tỉnh"]


FIELD_PLAN = """II. NỘI DUNG THỰC HIỆN
1. Mức học phí
- Đơn vị chủ trì: Nghìn đồng/người học/tháng.
2. Trách nhiệm thực hiện
- Đơn vị chủ trì: Có trách nhiệm bố trí công tác, tạo điều kiện thuận lợi cho công chức.
3. Phê duyệt quy hoạch
- Đơn vị chủ trì: Ủy ban nhân dân tỉnh hoặc cơ quan được Ủy ban nhân dân tỉnh ủy quyền.
- Đơn vị phối hợp: Sở Xây dựng.
"""


def test_field_leads_that_are_no_body_give_no_lead():
    leads = _leads(FIELD_PLAN)
    assert leads["II.2"] == [] and leads.get("II.1", []) == []
    assert leads["II.3"] == ["Ủy ban nhân dân tỉnh"]


RUN_ON_PLAN = """IV. TỔ CHỨC THỰC HIỆN
1. Ban Quản lý Khu kinh tế tỉnh

Chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện Kế hoạch.
2. Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn

Chủ trì, phối hợp với Sở Y tế tuyên truyền về Kế hoạch.
3. Bộ Nội vụ thành lập hội đồng và tổ chức thẩm định chương trình bồi dưỡng.
"""


def test_a_lead_never_runs_into_the_next_paragraph():
    got = [lead for t in _tasks(RUN_ON_PLAN) for lead in t.lead]
    assert got, "the plan has leads"
    assert not any("Chủ trì" in x or x.startswith("Bàn") for x in got)
    assert "Bộ Nội vụ" in got
