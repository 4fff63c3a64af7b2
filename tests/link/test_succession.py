"""The 2025 succession (graph.link.succession): provinces 63 -> 34, ministries and
departments split by function, never one forced heir."""
from __future__ import annotations

from graph.link import succession as S


def test_provinces_become_34_and_keep_their_printed_name():
    assert len(S.units()) == 34
    assert S.unit_of("Thái Bình") == "Hưng Yên" and S.unit_of("thai binh") == "Hưng Yên"
    assert S.unit_of("Thái Bình", at="2018-01-11") == "Thái Bình"  # before the change
    assert set(S.formers_of("Cần Thơ")) == {"Cần Thơ", "Sóc Trăng", "Hậu Giang"}
    assert S.unit_of("Thừa Thiên Huế") == "Huế" and S.unit_of("Quảng Nam") == "Đà Nẵng"
    assert S.unit_of("Atlantis") is None
    unchanged = [s for s in S.province_successions() if s.kind == "unchanged"]
    assert len(unchanged) == 11 and all(s.source for s in S.province_successions())


def test_provinces_at_a_date():
    assert len(S.provinces_at("2019-05-01")) == 63
    assert "Thừa Thiên Huế" in S.provinces_at("2019-05-01")
    assert S.provinces_at("2025-08-01") == S.units()


def test_a_split_department_keeps_every_heir_until_a_function_is_named():
    h = S.heirs("Sở Lao động – Thương binh và Xã hội tỉnh Quảng Ngãi")
    assert not h.settled and set(h.names) >= {"Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo"}
    assert S.heirs("Sở Lao động - Thương binh và Xã hội", "Phòng Bảo trợ xã hội").names == ("Sở Y tế",)
    assert S.heirs("Sở Lao động - Thương binh và Xã hội", "Phòng Dạy nghề").names == \
        ("Sở Giáo dục và Đào tạo",)
    both = S.heirs("Sở Lao động - Thương binh và Xã hội", "chăm sóc trẻ em và bình đẳng giới")
    assert set(both.names) == {"Sở Y tế", "Sở Nội vụ"} and both.functions == ("trẻ em", "lao động việc làm")
    assert all(r.since and r.source for r in both.rows)


def test_ministries_and_unchanged_agencies():
    assert S.heirs("Bộ Lao động - Thương binh và Xã hội", "giáo dục nghề nghiệp").names == \
        ("Bộ Giáo dục và Đào tạo",)
    assert S.heirs("Bộ Kế hoạch và Đầu tư").names == ("Bộ Tài chính",)
    assert S.heirs("Bộ Kế hoạch và Đầu tư").settled
    assert S.heirs("Sở Y tế") is None and not S.is_succeeded("Sở Y tế")
    kinds = {s.former: s.kind for s in S.agency_successions()}
    assert kinds["Bộ Lao động - Thương binh và Xã hội"] == "split"
    assert kinds["Bộ Kế hoạch và Đầu tư"] == "merged"


def test_the_agency_s_own_name_names_no_function():
    h = S.heirs("Sở Lao động - Thương binh và Xã hội",
                "Sở Lao động - Thương binh và Xã hội chủ trì tổng hợp, báo cáo")
    assert h.functions == () and not h.settled


def test_drug_rehabilitation_and_driving_licences_went_to_the_police():
    """From 1/3/2025 cai nghiện ma túy (Sở/Bộ LĐTBXH) and sát hạch, cấp giấy phép lái xe
    (Sở/Bộ GTVT) passed to the police, the other social duties to health."""
    assert S.heirs("Sở Lao động - Thương binh và Xã hội tỉnh Hà Tĩnh",
                   "quản lý cơ sở cai nghiện ma túy").names == ("Công an tỉnh",)
    assert S.heirs("Bộ Lao động - Thương binh và Xã hội", "cai nghiện bắt buộc").names == ("Bộ Công an",)
    assert S.heirs("Sở Lao động - Thương binh và Xã hội", "phòng, chống mại dâm").names == ("Sở Y tế",)
    assert S.heirs("Bộ Giao thông vận tải", "cấp, đổi giấy phép lái xe").names == ("Bộ Công an",)
    assert set(S.heirs("Bộ Giao thông vận tải", "nâng cấp quốc lộ").names) == {"Bộ Xây dựng", "Bộ Công an"}


def test_every_agency_row_cites_a_text_or_says_it_is_unchecked():
    import re
    for s in S.agency_successions():
        assert re.search(r"\d+/20\d\d/(QH15|NĐ-CP|TT-)|chưa kiểm chứng", s.source), s
        assert s.since == "2025-03-01", s
