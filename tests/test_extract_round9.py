"""Round 9 (EXTRACTOR_VERSION 13, issue #12): other agencies' year reports (a customs office's
cut-off in December, figures the text leaves undated, a target), joint ventures as companies.
Each is tested on press-style sentences written here (none is a corpus or gold sentence).
"""
from __future__ import annotations

from thads_tui.extract import extract

from test_extract_facts import facts  # {figure text: (metric, subject, period)}

# -- a calendar-year report of another agency ---------------------------------------------------

CUSTOMS = ("Cục Thuế tỉnh Quảng Trị vượt dự toán thu\n\n"
           "Đến thời điểm này, số thu ngân sách của Cục Thuế tỉnh Quảng Trị đạt 2.150,4 tỷ đồng, tăng 14,2% so với năm trước.\n"
           "Tính đến ngày 20/12, tổng thu ngân sách đạt 2.150,4 tỷ đồng, bằng 121,5% dự toán được giao "
           "(1.770 tỷ đồng), tăng 14,2% so với cùng kỳ năm 2020.\n"
           "Trong năm 2021, ngành thuế tỉnh đã kiểm tra 412 doanh nghiệp.\n"
           "Cục trưởng nhấn mạnh: “100% hồ sơ khai thuế quá hạn phải được xử lý”.")


def test_a_december_cut_off_in_a_calendar_year_report_is_the_year():
    f = facts(CUSTOMS, "2021-12-24")
    assert f["121,5%"] == ("other", "Quảng Trị", "2021")
    assert f["1.770 tỷ đồng"][2] == "2021"


def test_a_december_cut_off_in_an_enforcement_report_stays_a_month():
    text = ("Tính đến ngày 20/12/2021, Cục THADS tỉnh Quảng Trị đã thi hành xong 1.204 việc, "
            "đạt tỷ lệ 30,2% về việc.")
    assert facts(text)["1.204 việc"][2] == "2021-12"


def test_a_figure_the_report_leaves_undated_is_of_its_first_dated_figure():
    f = facts(CUSTOMS, "2021-12-24")
    # (the lead: `Đến thời điểm này`, no date; `14,2%` is then repeated under the cut-off)
    assert facts(CUSTOMS.replace("tăng 14,2% so với cùng kỳ năm 2020", "tăng mạnh"), "2021-12-24")["14,2%"] == \
        ("other", "Quảng Trị", "2021")
    assert f["412 doanh nghiệp"][2] == "2021"


def test_a_target_is_of_no_time():
    assert facts(CUSTOMS, "2021-12-24")["100%"][2] is None


# -- a joint venture is a company ---------------------------------------------------------------

VENTURE = ("Khởi tố nguyên Tổng giám đốc liên doanh\n\n"
           "Cơ quan điều tra vừa ra quyết định truy tố bị can Lê Văn Khải, nguyên Tổng giám đốc Liên doanh "
           "Việt - Hàn Kosvina (KSV).\n"
           "Theo cáo trạng, từ năm 2015 đến năm 2017, KSV ký 12 hợp đồng tiền gửi, tổng số tiền 1.300 tỷ đồng "
           "tại ngân hàng Bảo Tín.")


def test_a_joint_venture_is_a_company():
    names = {(e.type, e.text) for e in extract(VENTURE).entities}
    assert ("ORG", "Liên doanh Việt - Hàn Kosvina") in names


def test_a_joint_venture_s_contracts_are_its_own():
    f = facts(VENTURE)
    assert f["12 hợp đồng"] == ("other", "Liên doanh Việt - Hàn Kosvina", None)
    assert f["1.300 tỷ đồng"][1:] == ("Liên doanh Việt - Hàn Kosvina", None)


# -- a national report listing provinces --------------------------------------------------------

TAX = ("Thu ngân sách năm 2020 vượt dự toán\n\n"
       "Ngày 12/1, Tổng cục Thuế tổ chức hội nghị tổng kết công tác thuế năm 2020.\n"
       "Năm 2020, tổng thu ngân sách do ngành Thuế quản lý đạt 1.050.000 tỷ đồng, vượt 4,1% dự toán.\n"
       "Có 57/63 địa phương hoàn thành dự toán, còn 6/63 địa phương chưa hoàn thành gồm: tỉnh Hà Giang, "
       "tỉnh Lai Châu, tỉnh Điện Biên (do thiên tai); tỉnh Sơn La và tỉnh Cao Bằng.")


def test_provinces_listed_in_a_report_are_not_its_subject():
    f = facts(TAX)
    assert f["1.050.000 tỷ đồng"] == ("other", "toàn quốc", "2020")
    assert f["57/63 địa phương"][1:] == ("toàn quốc", "2020")


def test_a_report_on_one_province_keeps_it():
    text = TAX.replace("ngành Thuế quản lý", "ngành Thuế tỉnh Sơn La quản lý").split("\nCó")[0]
    assert facts(text)["1.050.000 tỷ đồng"][1] == "Sơn La"


# -- a body's year in review --------------------------------------------------------------------

COURT = ("Tòa án tỉnh giải quyết 12.000 vụ việc trong năm qua\n\n"
         "Sáng 15-1, TAND tỉnh Long An tổ chức hội nghị tổng kết công tác năm 2020 và triển khai nhiệm vụ năm 2021.\n"
         "Theo đó, năm 2020, TAND hai cấp tỉnh đã thụ lý hơn 14.000 vụ việc, giải quyết hơn 12.000 vụ việc, đạt 86,1%.\n"
         "Nhiều vụ án lớn được đưa ra xét xử như vụ án Trần Văn Bảy, Lê Thị Hoa.\n"
         "Công tác tranh tụng được chú trọng, bảo đảm quyền bào chữa của bị cáo.\n"
         "Tại hội nghị, bà Nguyễn Thị Lan - chánh án TAND TP. Tân An cũng cho biết, đầu năm 2021 có thêm "
         "3 thẩm phán xin nghỉ việc.\n"
         "Lãnh đạo TAND Tối cao cho rằng dù tỉ lệ giải quyết chỉ trên 85% nhưng đó là nỗ lực lớn.")


def test_a_court_s_year_in_review_is_no_court_story():
    f = facts(COURT, "2021-01-15")
    assert f["hơn 14.000 vụ việc"] == ("other", "Long An", "2020")
    assert f["3 thẩm phán"][1:] == ("Long An", "2021")


def test_an_undated_figure_of_a_review_is_of_the_year_its_body_dates_most():
    assert facts(COURT, "2021-01-15")["trên 85%"] == ("other", "Long An", "2020")


def test_a_headline_figure_is_dated_by_its_body_twin():
    # (`trong năm qua` read against a date in October is the THADS year just ended, 2021; the body
    # writes the same number with its qualifier and year: `năm 2020, … giải quyết hơn 12.000 vụ việc`)
    f = extract(COURT, "2021-10-05").figures
    assert (f[0].text, f[0].subject, f[0].period) == ("12.000 vụ việc", "Long An", "2020")


# -- a province auctions its own land -----------------------------------------------------------

LAND = ("Bình Dương sẽ đấu giá 15 khu đất công\n\n"
        "Theo kế hoạch, Bình Dương sẽ đấu giá 15 khu đất công (hơn 120 ha) trong năm tới.\n"
        "Ông Trần Văn Nam, giám đốc Trung tâm Phát triển quỹ đất tỉnh, cho biết khu đất lớn nhất rộng 40 ha, "
        "giá khởi điểm gần 900 tỉ đồng.")


def test_a_province_auctioning_its_own_land_is_its_figures_subject():
    f = facts(LAND, "2020-05-04")
    assert f["gần 900 tỉ đồng"] == ("auction.price", "Bình Dương", None)
    assert f["hơn 120 ha"][1] == "Bình Dương"


def test_an_owner_named_in_an_auction_story_keeps_its_price():
    text = LAND + "\nCùng đợt, khu đất thế chấp của Công ty TNHH Hoàng Long được rao bán với giá khởi điểm 300 tỉ đồng."
    assert facts(text, "2020-05-04")["300 tỉ đồng"][1] == "Công ty TNHH Hoàng Long"


def test_each_government_s_stake_in_a_joint_venture_is_its_own():
    text = VENTURE + ("\nVốn điều lệ của KSV là 300 triệu USD, trong đó Chính phủ Việt Nam góp 60% "
                      "(tương đương 180 triệu USD) và Chính phủ Hàn Quốc góp 40% (tương đương 120 triệu USD).")
    f = facts(text)
    assert f["300 triệu USD"][1] == "Liên doanh Việt - Hàn Kosvina"
    assert f["60%"][1] == f["180 triệu USD"][1] == "Chính phủ Việt Nam"
    assert f["40%"][1] == f["120 triệu USD"][1] == "Chính phủ Hàn Quốc"


def test_a_title_before_the_government_is_no_government():
    names = {e.text for e in extract("Thủ tướng Chính phủ Việt Nam tiếp Đại sứ.").entities if e.type == "ORG"}
    assert "Chính phủ Việt Nam" not in names


def test_a_current_account_and_interest_received_are_no_debt():
    text = VENTURE + ("\nKSV mở 2 tài khoản thanh toán tại ngân hàng Bảo Tín với số dư từ 100 tỷ đồng đến 300 tỷ đồng, "
                      "được ngân hàng Bảo Tín trả lãi hơn 12,5 tỷ đồng.")
    f = facts(text)
    assert f["100 tỷ đồng"][:2] == ("other", "Liên doanh Việt - Hàn Kosvina")
    assert f["hơn 12,5 tỷ đồng"][:2] == ("other", "Liên doanh Việt - Hàn Kosvina")


def test_a_sum_paid_to_the_clause_s_subject_is_no_debt():
    text = VENTURE + "\nNăm 2016, KSV được Công ty TNHH Minh Phát thanh toán 8 tỷ đồng tiền hàng."
    assert facts(text)["8 tỷ đồng"][:2] == ("other", "Liên doanh Việt - Hàn Kosvina")


# -- one defendant's part, a sum shared by all --------------------------------------------------

VERDICT = ("Tuyên án vụ tham ô tại Ban quản lý dự án huyện\n\n"
           "TAND tỉnh Bến Tre tuyên phạt bị cáo Trần Văn Lộc 12 năm tù, bị cáo Lê Thị Mai 8 năm tù.\n"
           "Các bị cáo đã ký khống 40 hợp đồng (gồm 25 hợp đồng với công ty cổ phần xây dựng Hưng Thịnh, 15 hợp "
           "đồng với công ty Tân Phú) gây thiệt hại hơn 2,1 tỉ đồng, trong đó phần của Lộc là "
           "trên 800 triệu đồng.\n"
           "Mai với vai trò đồng phạm đã gây thiệt hại 900 triệu đồng, trong đó số tiền chiếm đoạt "
           "khoảng 300 triệu đồng chia đều cho các bị cáo.")


def test_one_defendant_s_part_is_his():
    assert facts(VERDICT)["trên 800 triệu đồng"][1] == "Trần Văn Lộc"


def test_a_sum_shared_evenly_is_no_one_s():
    assert facts(VERDICT)["khoảng 300 triệu đồng"][1] is None
