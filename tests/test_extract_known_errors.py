"""Issue 12's known errors, fixed by grammar: administrative judgments (THAHC) are judgments,
a `tỷ lệ` of something else is no THADS rate, a total over many auctions is no one case's
price (nor is its growth a rate), and `trong 9 tháng` ending a clause is a report's period.

Sentences are written for these tests in press style (none is a seed sentence).
"""
from __future__ import annotations

from thads_tui.extract import extract


def facts(text, date="2024-07-10"):
    return {f.text: (f.metric, f.subject, f.period) for f in extract(text, date).figures}


def test_administrative_judgments_are_judgments_not_thads_cases():
    f = facts("Tin Bình Định\nVề theo dõi THAHC, UBND các cấp đã thi hành xong 41/120 việc, đạt 34,2%. "
              "Các cơ quan THADS tỉnh Bình Định thi hành xong 12.345 việc, đạt 80,5% về việc.")
    assert f["41/120 việc"][0] == "judgments"
    assert f["34,2%"][0] == "other"
    assert f["12.345 việc"][0] == "cases.done"
    assert f["80,5%"][0] == "cases.rate"


def test_thi_hanh_an_hanh_chinh_spelled_out():
    f = facts("Tin Huế\nKết quả thi hành án hành chính năm 2023: cơ quan hành chính đã thi hành xong "
              "7 việc.")
    assert f["7 việc"][0] == "judgments"


def test_a_rate_of_something_else_is_a_share_not_a_thads_rate():
    f = facts("Tin Cà Mau\nCục THADS tỉnh Cà Mau thi hành xong 3.200 việc. Tỷ lệ hồ sơ được số hóa "
              "đạt 88,4%; tỷ lệ giải ngân vốn đầu tư công đạt 91%. Tỷ lệ thi hành xong đạt 77,7% về việc.")
    assert f["88,4%"][0] == "other"
    assert f["91%"][0] == "other"
    assert f["77,7%"][0] == "cases.rate"


def test_a_total_over_many_auctions_is_the_province_s_not_a_case_price():
    text = ("Tin Quảng Ninh\nTính đến hết tháng 6/2024, các Chi cục THADS trong tỉnh Quảng Ninh đã bán "
            "đấu giá thành công 57 tài sản với tổng giá trị hơn 230 tỷ đồng, tăng 12,5% so với cùng kỳ.")
    f = facts(text)
    assert f["hơn 230 tỷ đồng"] == ("other", "Quảng Ninh", "2024:9m")
    assert f["12,5%"][0] == "other"  # the growth of that total, not a money rate


def test_one_auction_keeps_its_price():
    f = facts("Tin Quảng Ninh\nChi cục THADS thành phố Hạ Long đã bán đấu giá thành công lô đất của "
              "Công ty TNHH Hải Hà với giá 18,2 tỷ đồng.")
    assert f["18,2 tỷ đồng"][0] == "auction.price"


def test_trong_n_thang_ending_a_clause_is_a_period_not_a_duration():
    x = extract("Cà Mau: Giải quyết xong gần 9.000 việc trong 9 tháng\n\nTrong 6 tháng, Chi cục THADS "
                "huyện Đầm Dơi xếp thứ 1/9 đơn vị.\nĐương sự được tự nguyện thi hành trong 10 ngày; "
                "quá 3 tháng mà không nộp thì bị cưỡng chế.", "2024-07-10")
    durations = [f.text for f in x.figures if f.unit == "duration"]
    assert durations == ["10 ngày", "3 tháng"]


def test_a_case_s_total_sum_is_what_it_owes_not_a_caseload():
    f = facts("Bị cáo Lê Văn Tám lĩnh 9 năm tù\nTòa tuyên bị cáo Lê Văn Tám 9 năm tù, buộc bồi thường "
              "cho ba bị hại tổng số tiền hơn 1,2 tỷ đồng.")
    assert f["hơn 1,2 tỷ đồng"][0] == "case.owed"


def test_contracts_and_shares_are_counted_and_a_bare_sum_before_den_is_money():
    x = extract("Vụ án tại công ty X\nCông ty đã ký 12 hợp đồng, bán 3 triệu cổ phần; còn lại 4,5 tỷ "
                "đến nay chưa thu hồi được.")
    units = {f.text: f.unit for f in x.figures}
    assert units == {"12 hợp đồng": "count", "3 triệu cổ phần": "count", "4,5 tỷ": "VND"}
