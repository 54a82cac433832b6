"""Round 6 (EXTRACTOR_VERSION 9, issue #12): rules from blind8's misses, each tested on press-style
sentences written here (none is a corpus or gold sentence): yearless periods, streets named after
people, other agencies' aggregate reports (police, inspectorates), spans of years, companies whose
legal form follows their name, and the owner and buyer of land at auction.
"""
from __future__ import annotations

from thads_tui.extract import extract

from test_extract_facts import facts  # {figure text: (metric, subject, period)}


def persons(text):
    return [e.text for e in extract(text).entities if e.type == "PERSON"]


def canonicals(text):
    return {e.text: e.canonical for e in extract(text).entities if e.type == "ORG"}


# -- periods named without their year ---------------------------------------------------------

THADS_HALF = ("Kết quả thi hành án dân sự tỉnh Phú Yên\n"
              "6 tháng đầu năm, Cục THADS tỉnh Phú Yên đã thi hành xong 2.310 việc, đạt tỷ lệ 48,2% về việc.")


def test_months_of_a_year_without_the_year_take_the_article_s_year():
    f = facts(THADS_HALF, "2019-04-12")
    assert f["2.310 việc"] == ("cases.done", "Phú Yên", "2019:6m")
    assert f["48,2%"][2] == "2019:6m"
    assert facts(THADS_HALF, "2021")["2.310 việc"][2] == "2021:6m"
    assert facts(THADS_HALF)["2.310 việc"][2] is None  # (no date: no year to give it)


def test_a_quarter_without_its_year_is_of_the_article_s_year_yet_to_come_too():
    text = "Trong quý I, Cục THADS tỉnh Ninh Thuận thi hành xong 870 việc."
    assert facts(text, "2020-05-02")["870 việc"][2] == "2020-Q1"
    # a plan for a quarter that has not begun at the article's date is of the article's year
    # too (the lead's decision, round 8; round 6 gave it none)
    plan = "Trong quý IV, Cục THADS tỉnh Ninh Thuận sẽ kiểm tra 12 hồ sơ."
    assert facts(plan, "2020-05-02")["12 hồ sơ"][2] == "2020-Q4"


def test_a_yearless_quarter_takes_a_year_its_sentence_names():
    text = ("Cục THADS tỉnh Sơn La cho biết tỷ lệ thi hành xong các quý của năm 2016 lần lượt là quý I "
            "đạt 41,2%, quý II đạt 44,5% về việc.")
    f = facts(text, "2019-03-01")
    assert (f["41,2%"][2], f["44,5%"][2]) == ("2016-Q1", "2016-Q2")


def test_a_span_of_years_written_with_a_dash_is_their_interval():
    text = "Từ năm 2019-2021, Cục THADS tỉnh Hà Giang đã thu hồi 56 tỷ đồng cho Nhà nước."
    assert facts(text, "2022-03-01")["56 tỷ đồng"][2] == "2019/2021"
    # ... and a span still running is none
    assert facts("Từ năm 2019 đến nay, Cục THADS tỉnh Hà Giang đã thu hồi 56 tỷ đồng.",
                 "2022-03-01")["56 tỷ đồng"][2] is None


# -- streets and addresses named after people -----------------------------------------------------

def test_a_street_named_after_a_person_is_no_person():
    assert persons("Lô đất số 12-14 đường Lê Thánh Tông được rao bán với giá 80 tỷ đồng.") == []
    assert persons("Trụ sở ở đại lộ Nguyễn Văn Linh bị kê biên.") == []
    assert persons("Ngôi nhà 27A Hai Bà Trưng, quận 1 được đưa ra đấu giá.") == []
    assert persons("Căn nhà tại số 9 Phạm Ngũ Lão đã bị kê biên.") == []


def test_a_person_after_a_commune_s_name_is_still_a_person():
    assert persons("Chủ tịch UBND phường Mỹ An Trần Thị Lệ cho biết đã đôn đốc.") == ["Trần Thị Lệ"]
    assert persons("Bà Lê Thị Hoa, trú tại phường Phú Lợi, nộp 20 triệu đồng.") == ["Lê Thị Hoa"]


# -- other agencies' aggregate reports ------------------------------------------------------------

POLICE = ("Công an toàn quốc sơ kết 6 tháng\n"
          "6 tháng đầu năm, lực lượng công an toàn quốc đã khởi tố 3.402 vụ án với 5.120 bị can, "
          "tăng 12% số vụ so với cùng kỳ. Tổng thu hồi, kê biên tài sản 1.820 tỷ đồng. Trong đó, án "
          "tham nhũng là 910 tỷ đồng. Điển hình như vụ Lê Văn Quảng đã được đưa ra xét xử.")


def test_criminal_procedure_counts_are_no_enforcement_metric():
    text = ("Công an tỉnh Đồng Tháp sơ kết 6 tháng\n6 tháng đầu năm, công an tỉnh Đồng Tháp đã thụ lý điều "
            "tra 195 vụ án với 287 bị can (tăng 12% số vụ so với cùng kỳ); khởi tố mới 34 vụ án. Công an "
            "tỉnh cũng phối hợp với cơ quan thi hành án dân sự cưỡng chế 5 vụ việc.")
    f = facts(text, "2022-06-20")
    assert f["195 vụ án"][0] == "other"
    assert f["12%"][0] == "other"
    assert f["34 vụ án"][0] == "other"
    assert f["5 vụ việc"][0] != "other"  # (the enforcement in its own sentence stays a KPI)


def test_a_national_police_report_is_the_nation_s_not_a_named_case_s():
    f = facts(POLICE, "2022-06-20")
    assert f["3.402 vụ án"][1:] == ("toàn quốc", "2022:6m")
    assert f["1.820 tỷ đồng"] == ("assets.recovered", "toàn quốc", "2022:6m")
    # `Trong đó,` breaks the sum of the sentence before down: its parts are what it is
    assert f["910 tỷ đồng"] == ("assets.recovered", "toàn quốc", "2022:6m")


def test_sums_recovered_by_investigators_and_their_change():
    f = facts("Các cơ quan điều tra thu hồi năm 2020\nNăm 2020, các cơ quan điều tra đã thu hồi được "
              "9.300 tỷ đồng, tăng hơn 20% so với năm 2019.", "2021-01-10")
    assert f["9.300 tỷ đồng"][0] == "assets.recovered"
    assert f["hơn 20%"][0] == "assets.recovered.change"


def test_an_article_that_never_speaks_of_enforcement_has_no_caseload_kpi():
    text = ("Thanh tra tỉnh Bình Phước công bố kết quả\nNăm 2021, Thanh tra tỉnh Bình Phước đã giải quyết "
            "xong 145 vụ việc khiếu nại, đạt tỷ lệ 92% .")
    f = facts(text, "2022-01-05")
    assert f["145 vụ việc"][0] == "other"
    assert f["92%"][0] == "other"
    # ... while the same sentence in an enforcement report is one
    thads = text.replace("Thanh tra tỉnh Bình Phước đã giải quyết xong",
                         "Cục THADS tỉnh Bình Phước đã thi hành xong")
    assert facts(thads, "2022-01-05")["145 vụ việc"][0] == "cases.done"


def test_counted_suspects_make_no_court_story():
    text = ("Kết quả phòng chống tội phạm kinh tế\nNăm 2020, công an tỉnh Long An khởi tố 88 vụ án, "
            "tăng 9% số bị can so với năm 2019, thu hồi 12 tỷ đồng. Vụ Phạm Văn Bình là điển hình.")
    f = facts(text, "2021-01-10")
    assert f["12 tỷ đồng"] == ("assets.recovered", "Long An", "2020")


# -- companies: legal form after the name, short names, land and its buyer ------------------------

def test_a_company_whose_legal_form_follows_its_name():
    names = canonicals("Nhà đất của Tổng công ty thương mại - dịch vụ Hòa Phát - TNHH một thành viên "
                       "(Tổng công ty Hòa Phát) bị bán rẻ. Tổng công ty Hòa Phát báo lỗ.")
    full = "Tổng công ty thương mại - dịch vụ Hòa Phát - TNHH một thành viên"
    assert names[full] == full
    assert names["Tổng công ty Hòa Phát"] == full


def test_land_at_auction_is_its_owner_s_not_its_buyer_s():
    text = ("Bán đấu giá khu đất vàng\nViệc chuyển nhượng khu đất tại số 8 đường Lê Lai (Q. 1) của "
            "Công ty TNHH Phương Nam được xem xét. Công ty cổ phần Đông Hải đã mua đấu giá với giá hơn "
            "120 tỉ đồng. Công ty TNHH Phương Nam báo cáo giá khởi điểm 118 tỉ đồng.")
    f = facts(text, "2018-05-04")
    assert f["hơn 120 tỉ đồng"][:2] == ("auction.price", "Công ty TNHH Phương Nam")
    assert f["118 tỉ đồng"][1] == "Công ty TNHH Phương Nam"
