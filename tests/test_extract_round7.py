"""Round 7 (EXTRACTOR_VERSION 10, issue #12): the lead's conventions A-C, each tested on
press-style sentences written here (none is a corpus or gold sentence): an aggregate report's
period on its `other` counts (not an example case's, a plan's, a part singled out); a public
body as the party of its own misspending, by its entity's canonical; a price dated in its clause.
"""
from __future__ import annotations

from thads_tui.extract import extract

from test_extract_facts import facts  # {figure text: (metric, subject, period)}


# -- A: an aggregate report's period on every aggregate figure --------------------------------

REPORT = ("Cục THADS tỉnh Bình Định tổng kết công tác năm 2022\n"
          "Năm 2022, các cơ quan THADS tỉnh Bình Định đã thi hành xong 9.140 việc, đạt tỷ lệ 81,5% về việc.\n"
          "Toàn tỉnh hiện chỉ có 58 Chấp hành viên, bình quân mỗi người giải quyết hơn 200 việc.\n"
          "Số việc chuyển sang kỳ sau còn lớn với 3.120 việc, nhiều vụ việc phức tạp.")


def test_counts_of_an_aggregate_report_carry_its_period():
    f = facts(REPORT, "2022-10-20")
    assert f["9.140 việc"][2] == "2022"
    assert f["58 Chấp hành viên"] == ("other", "Bình Định", "2022")
    assert f["3.120 việc"][2] == "2022"


def test_an_example_case_in_a_report_keeps_no_period():
    text = REPORT + ("\nĐiển hình, một vụ việc tại Chi cục THADS huyện Tuy Phước, tài sản được định giá "
                     "2.500.000.000 đồng nhưng sau 5 lần giảm giá vẫn chưa bán được.")
    f = facts(text, "2022-10-20")
    assert f["58 Chấp hành viên"][2] == "2022"
    assert f["2.500.000.000 đồng"][2] is None
    assert f["5 lần"][2] is None


def test_a_part_singled_out_or_a_plan_is_not_the_report_s_period():
    text = ("Thi hành án dân sự tỉnh Long An họp sơ kết\n"
            "Tính đến hết ngày 30/9/2023, các cơ quan THADS tỉnh đã thi hành xong 4.410 việc, đạt 79,2% về việc. "
            "Riêng Quý III/2023, số tiền thu được đạt 95,6 tỷ đồng.\n"
            "Ngoài ra, còn 14 bản án tuyên chưa rõ phải chờ giải thích.\n"
            "Tỉnh phấn đấu đến hết năm 2024 đạt tối thiểu 85% về việc.\n"
            "Dịp này, 7 cá nhân được tặng Bằng khen.")
    # (one paragraph each, as a report is written: a period named earlier in the same paragraph
    # is still read as the figure's own, see facts.FactFinder._period)
    f = facts(text, "2023-10-12")
    assert f["95,6 tỷ đồng"][2] == "2023-Q3"
    assert f["14 bản án"][2] == "2023"  # (the report's, not the quarter singled out)
    assert f["7 cá nhân"][2] == "2023"  # (the report's, not the plan's)


def test_an_aggregate_headline_s_other_figure_takes_the_body_s_period():
    text = ("Thanh tra tỉnh Nam Định: thu hồi 12 tỉ đồng, đạt 96%\n"
            "Năm 2020, Thanh tra tỉnh Nam Định đã thu hồi 12 tỉ đồng sau thanh tra, đạt 96%.")
    f = facts(text, "2021-01-15")
    title = extract(text, "2021-01-15").figures[1]
    assert (title.text, title.period) == ("96%", "2020")
    assert f["12 tỉ đồng"][2] == "2020"


# -- B: a public body as the party of its own case --------------------------------------------

COMMUNE = ("Quảng Nam: một xã chi sai hơn 500 triệu đồng\n"
           "Thanh tra huyện Nông Sơn kết luận UBND xã Quế Lộc lập chứng từ khống để rút hơn 120 triệu đồng. "
           "Ngoài ra, UBND xã còn trích lại 15% kinh phí khoán bảo vệ rừng của các hộ, số tiền hơn 80 triệu đồng. "
           "Tổng số tiền sai phạm tại UBND xã Quế Lộc là hơn 500 triệu đồng.")


def test_a_commune_that_misspent_is_its_case_s_party_by_its_canonical():
    f = facts(COMMUNE, "2020-06-01")
    body = "Ủy ban nhân dân xã Quế Lộc"
    assert f["hơn 120 triệu đồng"][1] == body
    assert f["15%"][1] == body and f["hơn 80 triệu đồng"][1] == body  # (`UBND xã`, its bare mention)
    assert f["hơn 500 triệu đồng"][1] == body


def test_a_body_that_only_acts_is_no_party():
    text = ("Quảng Nam: hỗ trợ người dân vùng lũ\n"
            "UBND xã Quế Lộc đã hỗ trợ 120 triệu đồng cho các hộ bị thiệt hại, Cục THADS tỉnh Quảng Nam "
            "thi hành xong 3.200 việc trong năm 2019.")
    f = facts(text, "2020-06-01")
    assert f["120 triệu đồng"][1] != "Ủy ban nhân dân xã Quế Lộc"


def test_a_sum_paid_out_on_faked_papers_is_owed_by_no_one():
    text = ("Bị cáo Trần Văn Lợi lập chứng từ khống để thanh toán số tiền 45 triệu đồng. "
            "Tòa buộc bị cáo Trần Văn Lợi bồi thường 45 triệu đồng.")
    ms = [(f.text, f.metric) for f in extract(text).figures]
    assert ms == [("45 triệu đồng", "other"), ("45 triệu đồng", "case.owed")]


# -- C: a price dated in its own clause, in a case story too ----------------------------------

def test_a_price_dated_by_its_fronted_year_keeps_the_year():
    text = ("Bán đấu giá khu đất của Công ty TNHH Minh Phát\n"
            "Năm 2016, Sở Tài chính tỉnh trình UBND tỉnh duyệt giá khởi điểm là 48,2 tỉ đồng. "
            "Đến năm 2019, Công ty TNHH Minh Phát thẩm định giá khu đất hơn 60 tỉ đồng. "
            "Bị cáo Lê Văn Tài chiếm đoạt 3 tỉ đồng.")
    f = facts(text)
    assert f["48,2 tỉ đồng"][2] == "2016"
    assert f["hơn 60 tỉ đồng"][2] == "2019"
    assert f["3 tỉ đồng"][2] is None  # (one case's sum without a date of its own)


def test_a_sum_taken_over_a_span_stays_undated():
    text = ("Từ năm 2017 đến năm 2019, bị cáo Phạm Văn Nghĩa chiếm đoạt hơn 90 tỉ đồng của khách hàng. "
            "Tòa tuyên phạt bị cáo Phạm Văn Nghĩa 14 năm tù.")
    assert facts(text)["hơn 90 tỉ đồng"][2] is None
