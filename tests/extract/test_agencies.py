from graph.extract.agencies import normalize_agency, read_agencies, split_agency_field

LDTBXH = "Sở Lao động - Thương binh và Xã hội"


def test_same_agency_written_many_ways():
    for printed in ("Sở LĐ-TB&XH", "Sở Lao động – Thương binh và Xã hội", "Sở LĐTBXH",
                    "Sở LĐTBXH tỉnh Quảng Ngãi", "Sở Lao động-Thương binh và Xã hội tỉnh"):
        a = normalize_agency(printed, "Quảng Ngãi")
        assert a.name == LDTBXH, printed
        assert a.jurisdiction == "Quảng Ngãi"
        assert not a.is_group


def test_abbreviations_opened():
    cases = {
        "Sở TT&TT": "Sở Thông tin và Truyền thông",
        "Sở KH&ĐT": "Sở Kế hoạch và Đầu tư",
        "Sở NN&PTNT": "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở VHTT&DL": "Sở Văn hóa, Thể thao và Du lịch",
        "Sở TN&MT": "Sở Tài nguyên và Môi trường",
        "Sở KH&CN": "Sở Khoa học và Công nghệ",
        "Sở GD&ĐT": "Sở Giáo dục và Đào tạo",
        "BHXH tỉnh": "Bảo hiểm xã hội tỉnh",
        "Chi nhánh NHCSXH tỉnh": "Chi nhánh Ngân hàng Chính sách xã hội tỉnh",
        "UBMTTQVN tỉnh": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Phòng Việc làm - ATLD": "Phòng Việc làm - An toàn lao động",
        "Phòng Việc làm – ATLĐ": "Phòng Việc làm - An toàn lao động",
    }
    for printed, full in cases.items():
        assert normalize_agency(printed, "Hậu Giang").name == full, printed


def test_groups_kept_as_groups():
    for printed in ("các sở, ban, ngành liên quan", "UBND huyện, thị xã, thành phố",
                    "UBND các huyện, thành phố", "Các phòng, đơn vị trực thuộc Sở"):
        a = normalize_agency(printed, "Hậu Giang")
        assert a.is_group, printed
    assert normalize_agency("UBND huyện, thị xã, thành phố").name == \
        "Ủy ban nhân dân huyện, thị xã, thành phố"
    assert not normalize_agency("Phòng Bảo vệ, chăm sóc trẻ em và Bình đẳng giới").is_group


def test_hierarchy_and_scope():
    sở = "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"
    assert normalize_agency("Văn phòng Sở", "Quảng Ngãi", sở).parent == sở
    assert normalize_agency("Phòng Dạy nghề", "Quảng Ngãi", sở).parent == sở
    assert normalize_agency("Phòng Y tế thuộc UBND huyện Bình Sơn").parent.startswith("Ủy ban nhân dân")
    assert normalize_agency("Bộ Y tế", "Quảng Ngãi").jurisdiction is None
    assert normalize_agency("Sở Y tế", "Quảng Ngãi").qualified == "Sở Y tế tỉnh Quảng Ngãi"
    # a proper name carrying the province is not cut
    assert normalize_agency("Trường Trung cấp kỹ thuật Quảng Ngãi", "Quảng Ngãi").name == \
        "Trường Trung cấp kỹ thuật Quảng Ngãi"
    # the request word is not part of the name; member organisations are relative
    assert normalize_agency("Đề nghị Ủy ban MTTQ Việt Nam tỉnh").name == \
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    assert normalize_agency("các tổ chức thành viên").relative


def test_read_agency_list_in_running_text():
    names, end = read_agencies("Sở Y tế và các sở, ban ngành, UBND các huyện, thành phố tổ chức triển khai")
    assert [n for n, _, _ in names] == ["Sở Y tế", "các sở, ban ngành", "UBND các huyện, thành phố"]
    names, _ = read_agencies("Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh xây dựng kế hoạch")
    assert [n for n, _, _ in names] == ["Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh"]
    names, _ = read_agencies("Sở Tài chính chủ trì, phối hợp")
    assert [n for n, _, _ in names] == ["Sở Tài chính"]
    names, _ = read_agencies("Tăng cường công tác tuyên truyền")
    assert names == []


def test_split_field_value():
    v = ("Văn phòng Sở; Phòng Kế hoạch – Tài chính; Phòng Bảo vệ, chăm sóc trẻ em và Bình đẳng "
         "giới; Phòng Bảo trợ xã hội, Trung tâm Công tác xã hội tỉnh.")
    assert split_agency_field(v) == ["Văn phòng Sở", "Phòng Kế hoạch – Tài chính",
                                     "Phòng Bảo vệ, chăm sóc trẻ em và Bình đẳng giới",
                                     "Phòng Bảo trợ xã hội", "Trung tâm Công tác xã hội tỉnh"]


def test_normalized_agency_is_a_fresh_copy():
    a = normalize_agency("Sở LĐ-TB&XH", "Quảng Ngãi")
    a.name = "changed"
    b = normalize_agency("Sở LĐ-TB&XH", "Quảng Ngãi")
    assert b.name == "Sở Lao động - Thương binh và Xã hội" and b.jurisdiction == "Quảng Ngãi"


def test_one_test_of_a_group():
    """A name is a group by its grammar ("các …", a list of group nouns) or by a phrase of
    agency_groups.csv; a single Sở is never one."""
    from graph.extract.agencies import is_group_name
    for name in ("UBND các huyện", "cơ quan liên quan", "Ủy ban nhân dân các cấp",
                 "Sở, ban, ngành, đơn vị thuộc Ủy ban nhân dân tỉnh", "các đơn vị trực thuộc"):
        assert is_group_name(name), name
        assert normalize_agency(name, "Quảng Ngãi").is_group, name
    for name in ("Sở Y tế", "Sở Công Thương", "Cục Văn hóa cơ sở", "Ban Quản lý các khu công nghiệp tỉnh"):
        assert not is_group_name(name), name
        assert not normalize_agency(name, "Quảng Ngãi").is_group, name


def test_unit_parents():
    sở = "Sở Lao động - Thương binh và Xã hội"
    assert normalize_agency("Phòng Kế hoạch thuộc Sở", "Quảng Ngãi", sở).parent == sở
    assert normalize_agency("Phòng Kế hoạch thuộc Sở").parent is None
    assert normalize_agency("Phòng Y tế thuộc UBND", "Quảng Ngãi", sở).parent == sở
    assert normalize_agency("Phòng Y tế thuộc UBND").parent == "Ủy ban nhân dân"
    assert normalize_agency("Trung tâm Y tế", "Quảng Ngãi", sở).parent is None


def test_province_and_notes_dropped():
    a = normalize_agency("Sở Y tế tỉnh Quảng Ngãi (để b/c)")
    assert (a.name, a.jurisdiction, a.printed) == ("Sở Y tế", "Quảng Ngãi", "Sở Y tế tỉnh Quảng Ngãi (để b/c)")
    b = normalize_agency("Công an TP Hà Nội")
    assert (b.name, b.jurisdiction) == ("Công an thành phố", "Hà Nội")
    assert normalize_agency("Bảo hiểm xã hội tỉnh", "Quảng Ngãi").qualified == "Bảo hiểm xã hội tỉnh Quảng Ngãi"


def test_names_end_before_verbs_and_keep_their_marks():
    """A name ends before a verb of the stop table; a level after UBND belongs to it; groups of
    provinces stay whole; a word folding to a head but printed with other marks is no name."""
    from graph.extract.agencies import read_agencies

    def names(text):
        return [p for p, _, _ in read_agencies(text)[0]]
    assert names("Ủy ban nhân dân Thành phố ban hành Quyết định phê duyệt") == ["Ủy ban nhân dân Thành phố"]
    assert names("Bộ Quốc phòng khẩn trương hoàn thiện hồ sơ") == ["Bộ Quốc phòng"]
    assert names("Cục Bảo tồn thiên nhiên và Đa dạng sinh học chủ trì") == [
        "Cục Bảo tồn thiên nhiên và Đa dạng sinh học"]  # 'dạng' is not the stop word 'đang'
    assert names("Ban Tuyên giáo Tỉnh ủy chủ trì") == ["Ban Tuyên giáo Tỉnh ủy"]
    assert names("Ủy ban nhân dân cấp xã quyết định") == ["Ủy ban nhân dân cấp xã"]
    assert normalize_agency("Ủy ban nhân dân cấp xã").is_group
    got = names("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo")
    assert got == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert normalize_agency(got[0]).is_group
    assert names("UBND tỉnh, Sở Y tế") == ["UBND tỉnh", "Sở Y tế"]  # 'tỉnh' a group noun only after 'các'
    assert names("các Bộ, ngành chủ trì") == ["các Bộ, ngành"]
    assert names("Số lượng hồ sơ") == [] and names("Cấp, bổ sung") == [] and names("Sơ đồ") == []
    assert names("Uỷ ban nhân dân tỉnh chủ trì") == ["Uỷ ban nhân dân tỉnh"]  # old tone place
    assert names("So Y te chu tri") == ["So Y te"]  # an unaccented text
