"""Round 8 (EXTRACTOR_VERSION 12, issue #12): a report of agencies' totals that cites cases as
examples, lowercase bank names, who directs whom, a city's own branch, open spans. Each is
tested on press-style sentences written here (none is a corpus or gold sentence).
"""
from __future__ import annotations

from thads_tui.extract import extract

from test_extract_facts import facts  # {figure text: (metric, subject, period)}

# -- a report citing cases -------------------------------------------------------------------

CITING = ("Đẩy mạnh thu hồi tài sản trong các vụ án kinh tế\n\n"
          "Số vụ án kinh tế khởi tố năm 2021 tăng gần 40% so với năm 2020.\n"
          "Năm 2021, các cơ quan điều tra trên cả nước đã thu hồi được 8.300 tỉ đồng, tăng 25% so với năm 2020.\n"
          "Điển hình như vụ ngân hàng Phương Nam đã kê biên hơn 2.000 tỉ đồng; vụ buôn lậu do cơ quan điều tra "
          "tỉnh Quảng Ninh thụ lý thu hồi hơn 300 tỉ; vụ ngân hàng Bảo Tín thu hồi 450 tỉ.\n"
          "Nhiều vụ án có vài chục bị can, hàng trăm người liên quan.\n"
          "Đơn cử vụ án Lê Minh Tâm, cơ quan điều tra lần theo dòng tiền, phát hiện Tâm chuyển 120 tỉ đồng "
          "vào 15 tài khoản.")


def test_a_report_citing_cases_is_no_court_story():
    f = facts(CITING, "2022-01-10")
    assert f["8.300 tỉ đồng"] == ("assets.recovered", "toàn quốc", "2021")
    assert f["25%"][1:] == ("toàn quốc", "2021")
    assert f["gần 40%"] == ("other", "toàn quốc", "2021")  # (no aggregate word: read as a case before)


def test_a_province_named_only_in_a_cited_case_is_not_the_report_s():
    text = CITING.replace(" trên cả nước", "") + "\nHội nghị toàn quốc về công tác này diễn ra ngày 5-1."
    assert facts(text, "2022-01-10")["8.300 tỉ đồng"][1] == "toàn quốc"
    # (named only there, and no nationwide word: no subject rather than the example's province)
    text = CITING.replace(" trên cả nước", "")
    assert facts(text, "2022-01-10")["8.300 tỉ đồng"][1] is None


def test_each_cited_case_is_its_own_party_s():
    f = facts(CITING, "2022-01-10")
    assert f["hơn 2.000 tỉ đồng"][1] == "Ngân hàng Phương Nam"
    assert f["450 tỉ"][1] == "Ngân hàng Bảo Tín"
    assert f["hơn 300 tỉ"][1] is None  # (its clause names no party)
    assert f["120 tỉ đồng"][1] == "Lê Minh Tâm"


def test_a_court_story_s_list_of_counts_stays_its_defendant_s():
    text = ("Cựu giám đốc lĩnh 9 năm tù\n\n"
            "Bị cáo Hoàng Văn Lộc còn bị truy tố về nhiều hành vi: vụ chi sai 3 tỉ đồng tiền bồi thường; "
            "vụ nhận hơn 1,2 tỉ đồng tiền tạm ứng nhưng không hoàn ứng.")
    assert facts(text)["hơn 1,2 tỉ đồng"][1] == "Hoàng Văn Lộc"


def test_lowercase_banks_are_organisations():
    text = ("Khách hàng vay ngân hàng Phương Nam và ngân hàng Hàng hải kịp thời trả nợ; "
            "các ngân hàng Mỹ, ngân hàng Nhà nước và ngân hàng Vietcombank không liên quan.")
    orgs = {(e.text, e.canonical) for e in extract(text).entities if e.type == "ORG"}
    assert ("ngân hàng Phương Nam", "Ngân hàng Phương Nam") in orgs
    assert ("ngân hàng Hàng hải", "Ngân hàng Hàng hải") in orgs
    assert not any(t.startswith(("ngân hàng Mỹ", "ngân hàng Nhà nước", "ngân hàng Vietcombank")) for t, _ in orgs)


# -- who directs whom ------------------------------------------------------------------------

VERDICT = ("Nguyên tổng giám đốc lĩnh án\n\n"
           "Bị cáo Nguyễn Văn Khải, nguyên Tổng giám đốc Công ty Thép Miền Trung, đã ký nhiều văn bản trái luật.\n"
           "Sau đó, nguyên Tổng giám đốc Công ty Thép Miền Trung đã chỉ đạo cấp dưới của mình là Trần Văn Lâm "
           "(kế toán), Phạm Thị Hoa (thủ quỹ) chi 5 tỉ đồng sai quy định, gây thiệt hại 4,2 tỉ đồng.\n"
           "Các bị cáo vẫn làm theo sự chỉ đạo của Khải và Lâm, tạm ứng 3 tỉ đồng cho đối tác.\n"
           "Ngoài ra, bị cáo Khải còn lợi dụng chức vụ, buộc ông Đặng Văn Phúc (Giám đốc một nhà thầu) "
           "phải đưa 2 tỉ đồng.\n"
           "Sau 4 ngày đưa vụ án ra xét xử, HĐXX tuyên buộc ông Đặng Văn Phúc phải nộp lại 700 triệu đồng.")


def test_a_sum_of_those_directed_is_the_director_s():
    f = facts(VERDICT)
    assert f["5 tỉ đồng"][1] == "Nguyễn Văn Khải"
    assert f["4,2 tỉ đồng"][1] == "Nguyễn Văn Khải"


def test_those_who_direct_together_are_none_alone():
    assert facts(VERDICT)["3 tỉ đồng"][1] is None  # (`các bị cáo`, directed by two)


def test_one_forced_is_no_party_but_one_a_court_orders_is():
    f = facts(VERDICT)
    assert f["2 tỉ đồng"][1] == "Nguyễn Văn Khải"
    assert f["700 triệu đồng"][1] == "Đặng Văn Phúc"


def test_the_days_before_a_trial_are_nobody_s():
    assert facts(VERDICT)["4 ngày"][1] is None


def test_compounds_of_giao_direct_no_one():
    text = ("Trận giao hữu của Nguyễn Văn Hậu diễn ra sau 3 ngày tập luyện.\n"
            "Trước đó, Hậu đã ký hợp đồng 2 năm với câu lạc bộ.")
    assert facts(text)["3 ngày"][1] == "Nguyễn Văn Hậu"


# -- a city's own branch ---------------------------------------------------------------------

def test_toan_nganh_of_a_branch_named_by_its_city_is_the_city_s():
    text = ("TP. Đà Nẵng: thu hồi 30 tỉ đồng sau thanh tra\n\n"
            "Năm 2020, riêng Thanh tra TP. Đà Nẵng đã thu hồi 30 tỉ đồng, đạt 100%. "
            "Tính chung toàn ngành thì tỉ lệ này đạt 95,5%.\n"
            "Trong năm, ngành thanh tra TP đã tiến hành 120 cuộc thanh tra.")
    assert facts(text, "2021-01-20")["95,5%"][1] == "Đà Nẵng"


def test_toan_nganh_in_a_province_s_thads_report_is_the_nation_s():
    text = ("Cục THADS tỉnh Nam Định tổng kết năm 2020\n\n"
            "Năm 2020, Cục THADS tỉnh Nam Định thi hành xong 85,1% về việc, cao hơn bình quân toàn ngành "
            "là 80,2%. Các sở, ngành và UBND tỉnh đã phối hợp chặt chẽ.")
    assert facts(text, "2020-10-20")["80,2%"][1] == "toàn quốc"


# -- open spans ------------------------------------------------------------------------------

def test_the_ends_and_vague_starts_of_open_spans_are_no_period():
    text = ("Cơ quan điều tra báo cáo kết quả\n\n"
            "Từ cuối năm 2019 đến giữa tháng 6-2021, cơ quan điều tra các cấp đã thụ lý 40 vụ án lớn. "
            "Năm 2021, các cơ quan điều tra đã thu hồi được 900 tỉ đồng.")
    f = facts(text, "2021-09-01")
    assert f["40 vụ án"][2] is None
    assert f["900 tỉ đồng"][2] == "2021"


def test_a_closed_span_from_a_vague_start_is_its_years():
    text = "Đề tài do Viện Địa chất thực hiện từ cuối năm 2016 đến năm 2019 với tổng kinh phí gần 7 tỷ đồng."
    assert facts(text, "2017-05-01")["gần 7 tỷ đồng"][2] == "2016/2019"


def test_a_cut_off_after_a_span_still_names_the_period():
    text = ("Cục THADS tỉnh Lào Cai sơ kết\n\n"
            "Từ ngày 01/10/2022 đến hết tháng 8/2023, các cơ quan THADS tỉnh đã thi hành xong 5.100 việc, "
            "đạt 80,1% về việc.")
    assert facts(text, "2023-09-10")["80,1%"][2] == "2023:11m"


# -- figures the grammar missed ----------------------------------------------------------------

def _figures(text):
    return {f.text: (f.unit, f.value) for f in extract(text).figures}


def test_billions_after_money_taken_are_dong_whatever_verb_follows():
    f = _figures("Cựu thủ quỹ chiếm đoạt hơn 25 tỷ tiêu xài cá nhân. Công ty bị thu hồi 40 tỉ sai phạm.")
    assert f["hơn 25 tỷ"] == ("VND", 25e9)
    assert f["40 tỉ"] == ("VND", 40e9)


def test_billions_of_counted_things_or_other_currencies_are_not_dong():
    f = _figures("Hãng đã bán 2 tỷ cổ phiếu, trị giá 3,5 tỷ ringgit. Lễ hội thu hút 3 triệu du khách.")
    assert "2 tỷ" not in f and "3,5 tỷ" not in f and "3 triệu" not in f


def test_money_embezzled_and_a_bare_amount_before_because():
    f = _figures("Bị cáo tham ô gần 300 triệu, còn Công ty X bị buộc bồi thường hơn 4 tỉ vì vi phạm hợp đồng.")
    assert f["gần 300 triệu"] == ("VND", 3e8)
    assert f["hơn 4 tỉ"] == ("VND", 4e9)


def test_counted_companies_schemes_and_papers():
    f = _figures("Bị cáo dùng 15 công ty sân sau, lập 12 chứng từ khống; tỉnh giao 9 đề án cho 4 thôn.")
    assert f["15 công ty"] == ("count", 15) and f["12 chứng từ"] == ("count", 12)
    assert f["9 đề án"] == ("count", 9) and f["4 thôn"] == ("count", 4)


def test_less_than_qualifies_and_hectares_glued():
    f = {x.text: x for x in extract("Giá trúng chỉ cao hơn giá khởi điểm chưa đầy 50 triệu đồng cho khu đất 12ha.").figures}
    assert f["chưa đầy 50 triệu đồng"].qualifier == "chưa đầy"
    assert (f["12ha"].unit, f["12ha"].value) == ("area", 120000)


def test_companies_behind_the_defendant_and_a_nominee_are_the_defendant_s():
    text = ("Cựu chủ tịch ngân hàng lĩnh án\n\n"
            "Bị cáo Ngô Văn Phát đã sử dụng 15 công ty do bị cáo đứng sau để vay tiền. "
            "Phát còn chuyển tiền vào tài khoản đứng tên em gái là Ngô Thị Lụa để mua 10 căn nhà.")
    f = facts(text)
    assert f["15 công ty"][1] == "Ngô Văn Phát"
    assert f["10 căn nhà"][1] == "Ngô Văn Phát"


# -- the lead's decisions, round 8 -------------------------------------------------------------

def test_an_unnamed_example_case_s_sum_in_a_report_is_no_one_s():
    text = ("Cục THADS tỉnh Phú Yên sơ kết 9 tháng\n\n"
            "Trong 9 tháng năm 2019, các cơ quan THADS tỉnh Phú Yên đã thi hành xong 3.100 việc. "
            "Điển hình, một vụ việc tại Chi cục THADS huyện Tây Hòa, tài sản được định giá 2.800.000.000 đồng "
            "nhưng sau 5 lần giảm giá vẫn chưa bán được.")
    f = facts(text, "2019-07-10")
    assert f["3.100 việc"][1] == "Phú Yên"
    assert f["2.800.000.000 đồng"][1] is None


def test_a_sum_taken_over_a_named_span_stays_undated():
    text = ("Nguyên kế toán lĩnh án\n\nTừ năm 2016 đến năm 2019, bị cáo Vũ Thị Hạnh đã chiếm đoạt "
            "hơn 4 tỉ đồng của công ty.")
    assert facts(text, "2020-03-02")["hơn 4 tỉ đồng"][1:] == ("Vũ Thị Hạnh", None)


def test_a_yearless_quarter_named_before_its_bracketed_interval_is_the_interval():
    text = "Công ty báo lãi\nLợi nhuận của riêng Quý 4 (từ 01/07 – 30/09/2018) đạt 52,1 tỷ đồng."
    # (the start's year is the end's, never the article's; the quarter's year is unwritten)
    assert facts(text, "2017-12-20")["52,1 tỷ đồng"][2] == "2018-07-01/2018-09-30"
    text = "Từ 01/10 – 31/3/2022, các cơ quan THADS tỉnh Hà Giang thi hành xong 5.000 việc."
    assert facts(text, "2022-04-20")["5.000 việc"][2] == "2021-10-01/2022-03-31"
