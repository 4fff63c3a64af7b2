from graph.extract.deadlines import find_deadline, parse_deadline


def test_month_year_quarter():
    assert parse_deadline("Trong tháng 5/2018").due == "2018-05-31"
    assert parse_deadline("tháng 2 năm 2020").due == "2020-02-29"
    assert parse_deadline("Trong năm 2019").due == "2019-12-31"
    assert parse_deadline("Quý II/2019").due == "2019-06-30"
    assert parse_deadline("Quý 3 năm 2020").due == "2020-09-30"
    assert parse_deadline("Hoàn thành trước ngày 30/6/2019").due == "2019-06-30"
    assert parse_deadline("Đến năm 2025").due == "2025-12-31"


def test_day_month_needs_plan_year():
    assert parse_deadline("trước ngày 25/12", plan_year=2022).due == "2022-12-25"
    assert parse_deadline("trước ngày 25/12").due is None  # never a made-up date
    assert parse_deadline("Quý IV").due is None


def test_start_and_recurrence():
    d = parse_deadline("Từ năm 2018 và thường xuyên hàng năm.")
    assert (d.start, d.recurrence, d.due) == ("2018-01-01", "annual", None)
    d = parse_deadline("Từ năm 2018.")
    assert (d.start, d.due) == ("2018-01-01", None)
    assert parse_deadline("Thường xuyên").recurrence == "continuous"
    assert parse_deadline("Định kỳ hàng quý").recurrence == "quarterly"
    d = parse_deadline("Giai đoạn 2021 - 2025")
    assert (d.start, d.due) == ("2021-01-01", "2025-12-31")


def test_condition_has_no_date():
    d = parse_deadline("Sau khi Đề án được cấp thẩm quyền phê duyệt.")
    assert d.condition == "Sau khi Đề án được cấp thẩm quyền phê duyệt"
    assert d.due is None
    d = parse_deadline("Thực hiện theo Quyết định số 449/QĐ-UBND ngày 28/6/2017 của UBND tỉnh")
    assert d.condition and d.due is None


def test_find_deadline_inline():
    assert find_deadline("Định kỳ hàng năm (trước ngày 25/12) báo cáo kết quả") == "trước ngày 25/12"
    assert find_deadline("Xây dựng đề án. Thời gian thực hiện: Quý II/2019.") == "Quý II/2019"
    assert find_deadline("Tăng cường công tác tuyên truyền.") is None
    # a labelled deadline wins over a period the task names before it
    assert find_deadline("Xây dựng kế hoạch trong năm 2018. Thời hạn hoàn thành: tháng 6 năm "
                         "2018.") == "tháng 6 năm 2018"
    assert find_deadline("Xây dựng kế hoạch trong năm 2018.") == "trong năm 2018"


def test_words_of_the_table():
    """Date words, parts of a year, starts and inline words come from deadline_phrases.csv."""
    assert parse_deadline("6 tháng đầu năm 2019").due == "2019-06-30"
    assert parse_deadline("6 tháng đầu năm", plan_year=2021).due == "2021-06-30"
    assert parse_deadline("ngày 5 tháng 9 năm 2020").due == "2020-09-05"
    d = parse_deadline("Kể từ năm 2018 đến năm 2018")
    assert (d.start, d.due) == ("2018-01-01", "2018-12-31")  # 'đến': an end in the start year
    assert find_deadline("Báo cáo kết quả chậm nhất là ngày 30/6/2019.") == "chậm nhất là ngày 30/6/2019"
    assert find_deadline("Tổng kết; Thời hạn hoàn thành: tháng 12/2020; báo cáo") == "tháng 12/2020"
    assert find_deadline("Hoàn thành trước tháng 6") is None  # 'trước' needs 'ngày' and a date


def test_inline_periods_and_word_dates():
    """Inside a task's text: a word date after 'trước ngày', a quarter, month, year or part of a
    year after 'trong'; a recurrence or 'năm sau' after them is kept (and leaves no date)."""
    assert find_deadline("Hoàn thành trong quý II năm 2025.") == "Hoàn thành trong quý II năm 2025"
    assert find_deadline("công bố trước ngày 30 tháng 9 năm 2025; đồng thời") == "trước ngày 30 tháng 9 năm 2025"
    assert find_deadline("Tổ chức trong 6 tháng đầu năm 2025") == "trong 6 tháng đầu năm 2025"
    assert find_deadline("thực hiện trong tháng 9/2025") == "trong tháng 9/2025"
    assert find_deadline("gửi báo cáo trước ngày 25/12 hằng năm") == "báo cáo trước ngày 25/12 hằng năm"
    assert find_deadline("gửi trước ngày 31 tháng 01 của năm sau") == "trước ngày 31 tháng 01 của năm sau"
    assert find_deadline("Tăng cường công tác tuyên truyền trong nhân dân") is None
    assert parse_deadline("trong quý II năm 2025").due == "2025-06-30"
    assert parse_deadline("trong năm 2025").due == "2025-12-31"
    assert parse_deadline("trước ngày 25/12 hằng năm", 2025).due is None
    assert parse_deadline("trước ngày 31 tháng 01 của năm sau", 2025).due is None
    assert parse_deadline("Trước ngày 15 tháng 8 năm cuối của chương trình", 2025).due is None
    assert parse_deadline("Từ tháng 3 đến tháng 11 hằng năm", 2025).due is None


def test_from_until():
    """'Từ … đến …': the due date is the end; an end without a year that would fall before the
    start, or an end that is an event, gives none."""
    assert parse_deadline("Từ tháng 10 năm 2025 đến hết tháng 3 năm 2026").due == "2026-03-31"
    assert parse_deadline("Từ tháng 10 năm 2025 đến hết tháng 3", 2025).due is None
    assert parse_deadline("Từ tháng 10/2025 đến khi tổ chức thành công Đại hội", 2025).due is None
    assert parse_deadline("Từ nay đến hết ngày 31 tháng 12 năm 2025").due == "2025-12-31"
