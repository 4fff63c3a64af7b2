"""Every fact printed near a mention is read and kept per mention (issue 14): date, year,
Party term, issuer, and the province printed before the number; two mentions of one symbol
whose facts contradict each other are two references. Sentences are made up."""
from graph.extract import extract_text
from graph.extract.normalize import clean
from graph.extract.references import extract_references
from graph.models import Header, Record, Reference


def refs(text, kind="page"):
    return extract_text(text, "x.txt", kind=kind).references


def one(text, kind="page"):
    got = refs(text, kind)
    assert len(got) == 1, got
    return got[0]


def test_year_after_the_number():
    r = one("Bài viết nói về Nghị quyết 20-NQ/TW năm 2017 về công tác bảo vệ sức khỏe nhân dân.")
    assert (r.symbol, r.year, r.date) == ("20-NQ/TW", 2017, None)


def test_year_after_ban_hanh():
    r = one("Người dân hỏi về Quyết định 1234/QĐ-TTg ban hành năm 2018 của Thủ tướng Chính phủ.")
    assert r.year == 2018 and r.issuer == "Thủ tướng Chính phủ"


def test_a_span_of_years_is_no_year():
    r = one("Kế hoạch 12/KH-UBND năm 2021-2025 được triển khai rộng khắp trong toàn tỉnh.")
    assert r.year is None


def test_party_term_of_a_centre_number():
    r = one("Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII về đổi mới.")
    assert (r.date, r.term) == ("2017-10-25", "XII")
    r = one("Nghị quyết 19-NQ/TW năm 2022 Hội nghị Trung ương 5 khoá XIII về nông nghiệp.")
    assert (r.year, r.term) == (2022, "XIII")


def test_term_only_for_the_party_centre():
    # a provincial committee's own 'khóa' numbers are not the national terms
    r = one("Kế hoạch 15-KH/TU ngày 2/3/2021 của Tỉnh ủy Hậu Giang khóa XIV về chuyển đổi số.")
    assert r.term is None


def test_issuer_after_the_year():
    r = one("Nghị quyết 71-NQ/TW năm 2025 của Chính phủ về đột phá phát triển giáo dục được ban hành.")
    assert (r.year, r.issuer) == (2025, "Chính phủ")


def test_province_printed_before_the_number():
    r = one("Chủ tịch UBND tỉnh Đồng Nai đã ban hành Quyết định 2890/QĐ-UBND về việc công bố thủ tục.")
    assert r.jurisdiction == "Đồng Nai" and r.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"
    r = one("Ngày 10/7, HĐND tỉnh Lâm Đồng đã họp và thông qua Nghị quyết 51/2025/NQ-HĐND về mức chi.")
    assert r.jurisdiction == "Lâm Đồng"


def test_province_after_the_number_wins_over_the_one_before():
    r = one("UBND tỉnh Đồng Nai triển khai Quyết định 15/QĐ-UBND của UBND tỉnh Bình Phước về y tế.")
    assert r.jurisdiction == "Bình Phước"


def test_province_before_is_read_in_the_clause_only():
    r = one("UBND tỉnh Đồng Nai họp báo. Người dân hỏi về Quyết định 2890/QĐ-UBND về thủ tục.")
    assert r.jurisdiction is None


def test_printed_province_before_the_citing_documents_own():
    text = "Thực hiện chỉ đạo, HĐND tỉnh Bắc Giang đã ban hành Nghị quyết 17/2019/NQ-HĐND về hỏa táng."
    ct = clean(text)
    found = extract_references(ct, Header(jurisdiction="Bắc Ninh"))
    assert found.references[0].jurisdiction == "Bắc Giang"
    plain = extract_references(clean("Thực hiện Nghị quyết 17/2019/NQ-HĐND về hỏa táng."),
                               Header(jurisdiction="Bắc Ninh"))
    assert plain.references[0].jurisdiction == "Bắc Ninh"


def test_facts_are_kept_per_mention():
    ct = clean("Nghị quyết 20-NQ/TW năm 2017 về sức khỏe. Sau đó, Nghị quyết 20-NQ/TW năm 2022 về kinh tế tập thể.")
    found = extract_references(ct, Header())
    years = [m.year for m in found.mentions if m.match]
    assert years == [2017, 2022]


def test_contradicting_mentions_are_two_references():
    got = refs("Nghị quyết 20-NQ/TW năm 2017 về sức khỏe. Khác với Nghị quyết 20-NQ/TW năm 2022 về kinh tế tập thể.")
    assert [(r.symbol, r.year) for r in got] == [("20-NQ/TW", 2017), ("20-NQ/TW", 2022)]
    got = refs("Quyết định 2890/QĐ-UBND của UBND tỉnh Hà Tĩnh. Còn UBND tỉnh Đồng Nai đã ban hành Quyết định 2890/QĐ-UBND về thủ tục.")
    assert [r.jurisdiction for r in got] == ["Hà Tĩnh", "Đồng Nai"]
    got = refs("Nghị quyết 71-NQ/TW năm 2025 của Bộ Chính trị. Rồi Nghị quyết 71-NQ/TW năm 2025 của Chính phủ về giáo dục.")
    assert [r.issuer for r in got] == ["Bộ Chính trị", "Chính phủ"]


def test_agreeing_mentions_stay_one_reference():
    got = refs("Nghị quyết 20-NQ/TW ngày 25/10/2017 về sức khỏe. Nghị quyết 20-NQ/TW năm 2017 đã đi vào cuộc sống. "
               "Nghị quyết 20-NQ/TW được quán triệt.")
    assert len(got) == 1 and (got[0].date, got[0].year, got[0].mentions) == ("2017-10-25", 2017, 3)


def test_a_date_the_symbols_year_belies_splits_nothing():
    got = refs("Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020 về đầu tư. Luật Đầu tư số 61/2020/QH14 ngày 17/6/2021 về đầu tư.")
    assert len(got) == 1 and got[0].date == "2020-06-17"


def test_reference_facts_round_trip():
    r = Reference(symbol="20-NQ/TW", year=2017, term="XII")
    rec = Record(source="x", references=[r])
    assert Record.from_dict(rec.to_dict()) == rec
    assert list(r.to_dict())[-2:] == ["year", "term"]
    old = {k: v for k, v in r.to_dict().items() if k not in ("year", "term")}  # a record made before
    assert Reference(**old).year is None


def test_an_issuer_named_after_cua_ends_with_its_province():
    """A list of citations whose subjects follow without 'về': the issuer of a code the tables
    do not know (QĐ-UB) is the body up to its province, not the subject after it."""
    text = ("Danh mục văn bản:\n34. Quyết định số\n134/2005/QĐ-UB ngày 23 tháng 11 năm 2005 của "
            "Ủy ban nhân dân tỉnh Bình Phước\nThành lập Trung tâm y tế dự phòng huyện.\n\n"
            "35. Quyết định số 112/2005/QĐ-UB ngày 29 tháng 9 năm 2005 của UBND tỉnh Quảng Bình "
            "Ban hành điều lệ quản lý xây dựng.\n\n36. Kế hoạch số 01-KH/BCĐ ngày 28/06/2025 của "
            "Ban Chỉ đạo phát triển khoa học, công nghệ.")
    issuers = {r.symbol: r.issuer for r in refs(text)}
    assert issuers["134/2005/QĐ-UB"] == "Ủy ban nhân dân tỉnh Bình Phước"
    assert issuers["112/2005/QĐ-UB"] == "UBND tỉnh Quảng Bình"
    assert issuers["01-KH/BCĐ"] == "Ban Chỉ đạo phát triển khoa học"
