"""metric / subject / period (schema 2) and the press-style units and entities of issue 12.

Sentences are written for these tests (not the seeds), so the rules, not seed answers, are tested.
"""
from __future__ import annotations

import pytest

from thads_tui.cli import main
from thads_tui.extract import EXTRACTOR_VERSION, extract
from thads_tui.extract.display import exact_number, figure_value
from thads_tui.extract.periods import thads_year


def facts(text, date=None):
    return {f.text: (f.metric, f.subject, f.period) for f in extract(text, date).figures}


REPORT = ("Kết quả thi hành án của Cục THADS tỉnh Bình Định\n\n"
          "Trong 6 tháng đầu năm 2024, Cục THADS tỉnh Bình Định đã thi hành xong 4.120 việc, "
          "đạt tỷ lệ 51,3% về việc, giảm 0,8% so với cùng kỳ năm 2023; về tiền, đã thi hành xong "
          "212 tỷ đồng trên tổng số 640 tỷ đồng có điều kiện, đạt 33,1%, vượt 2,1% so với chỉ tiêu.")


def test_metrics_from_the_grammar_around_the_number():
    f = facts(REPORT, "2024-04-20")
    assert f["4.120 việc"][0] == "cases.done"
    assert f["51,3%"][0] == "cases.rate"
    assert f["0,8%"][0] == "cases.rate.change"
    assert f["212 tỷ đồng"][0] == "money.done"
    assert f["640 tỷ đồng"][0] == "money.enforceable"
    assert f["33,1%"][0] == "money.rate"
    assert f["2,1%"][0] == "money.rate.vs_target"


def test_subject_and_period_of_a_provincial_report():
    for metric, subject, period in facts(REPORT, "2024-04-20").values():
        assert (subject, period) == ("Bình Định", "2024:6m")


def test_a_comparison_governs_the_figures_coordinated_after_it():
    f = facts("Toàn quốc, tỷ lệ thi hành xong đều tăng (tăng 1,1% về việc và 2,2% về tiền) "
              "so với Quý II/2021.", "2021-07")
    assert f["1,1%"][0] == "cases.rate.change" and f["2,2%"][0] == "money.rate.change"
    assert f["1,1%"][1] == "toàn quốc"


def test_growth_of_the_caseload_is_a_total_change_not_a_rate():
    f = facts("Số việc, số tiền phải thi hành đều tăng (tăng 4,4% về việc; 9,9% về tiền).")
    assert f["4,4%"][0] == "cases.total.change" and f["9,9%"][0] == "money.total.change"


def test_period_skips_comparison_bases_and_starting_points():
    f = facts("Năm 2022, tỉnh Lào Cai thi hành xong 3.000 việc, tăng 120 việc so với năm 2021. "
              "Kể từ năm 2015, tỉnh Lào Cai đã thi hành xong 9.000 việc.")
    assert f["3.000 việc"] == ("cases.done", "Lào Cai", "2022")
    assert f["120 việc"] == ("cases.done.change", "Lào Cai", "2022")
    assert f["9.000 việc"][2] == "2022"  # the report's period, never the starting year 2015


def test_trong_nam_is_the_thads_year_last_ended():
    text = "Trong năm, Cục THADS tỉnh Cà Mau thi hành xong 7.700 việc."
    assert facts(text, "2021-11-02")["7.700 việc"][2] == "2021"
    assert facts(text, "2021-06-02")["7.700 việc"][2] == "2020"
    assert thads_year("2019-12") == "2019" and thads_year("2019-12", current=True) == "2020"


def test_quarter_and_month_periods():
    f = facts("Trong Quý III/2020, Cục THADS tỉnh Bến Tre đạt 40,1% về việc. Tính đến tháng 12-2020, "
              "Cục THADS tỉnh Bến Tre thi hành xong 9 vụ việc.")
    assert f["40,1%"][2] == "2020-Q3" and f["9 vụ việc"][2] == "2020-12"


def test_one_case_figures_belong_to_the_defendant_and_have_no_period():
    text = ("Bị cáo Phạm Văn Khánh bị tuyên phạt 9 năm tù, buộc bồi thường 35 tỉ. "
            "Gia đình bị cáo đã nộp 2 tỉ đồng để khắc phục hậu quả.")
    f = facts(text, "2022-05-01")
    assert f["35 tỉ"] == ("case.owed", "Phạm Văn Khánh", None)
    assert f["2 tỉ đồng"] == ("case.recovered", "Phạm Văn Khánh", None)
    assert f["9 năm"] == ("other", "Phạm Văn Khánh", None)


def test_auction_price_belongs_to_the_debtor_not_the_creditor():
    text = ("Chi cục THADS huyện Đức Trọng bán đấu giá nhà của Công ty TNHH Hoa Sen Việt để thi hành án "
            "cho Ngân hàng TMCP Sài Gòn. Tài sản được bán với giá 8,5 tỉ đồng.")
    f = facts(text)
    assert f["8,5 tỉ đồng"][:2] == ("auction.price", "Công ty TNHH Hoa Sen Việt")


def test_judgments_are_counted_apart_from_cases():
    f = facts("Năm 2023, các cơ quan THADS tỉnh Hậu Giang theo dõi 21 bản án hành chính.")
    assert f["21 bản án"] == ("judgments", "Hậu Giang", "2023")


@pytest.mark.parametrize("text, value, unit", [
    ("bồi thường 150 tỉ cho bị hại", 150e9, "VND"),
    ("nộp 30 triệu, ", 30e6, "VND"),
    ("khoản vay 1,2 triệu USD", 1.2e6, "USD"),
    ("thu giữ 2 tỷ USD", 2e9, "USD"),
    ("mỗi lô rộng 80m2", 80, "area"),
    ("khu đất 1,5 ha", 15000, "area"),
])
def test_press_amounts_and_areas(text, value, unit):
    (f,) = extract(text).figures
    assert f.unit == unit and f.value == pytest.approx(value)


def test_dong_pham_and_dong_chi_are_no_currency():
    assert not extract("cùng 3 đồng phạm và 2 đồng chí").figures


def test_durations_keep_their_unit_word():
    words = [(f.text, f.unit, f.unit_word) for f in extract("phạt 8 tháng, 5 năm và 30 ngày").figures]
    assert words == [("8 tháng", "duration", "tháng"), ("5 năm", "duration", "năm"),
                     ("30 ngày", "duration", "ngày")]
    assert figure_value(8, "duration", unit_word="tháng") == "8 tháng"


def test_yearless_dates_are_completed_from_the_article_date():
    dates = {e.text: e.canonical for e in extract("Chiều 24/9, đoàn làm việc; sáng 28/12 họp.", "2021-01-05").entities
             if e.type == "DATE"}
    assert dates == {"24/9": "2020-09-24", "28/12": "2020-12-28"}
    dates = {e.text: e.canonical for e in extract("Chiều 24/9, đoàn làm việc.", "2020-09").entities
             if e.type == "DATE"}
    assert dates == {"24/9": "2020-09-24"}


@pytest.mark.parametrize("name", ["Lê Hà Nam", "Nguyễn Thái Bình", "Trần Văn Long An"])
def test_a_name_containing_a_province_is_a_person(name):
    ents = {(e.type, e.text) for e in extract(f"Bị cáo {name} khai nhận.").entities}
    assert ("PERSON", name) in ents and not any(t == "LOCATION" for t, _ in ents)


def test_provinces_after_a_level_word_stay_places():
    ents = {(e.type, e.text) for e in extract("Cục THADS tỉnh Thái Bình và tỉnh Hà Nam").entities}
    assert ("LOCATION", "Thái Bình") in ents and ("LOCATION", "Hà Nam") in ents


def test_lower_case_institutions():
    x = extract("Theo bộ Tư pháp, chi cục thi hành án dân sự quận Bình Thạnh và tòa án nhân dân "
                "tỉnh Long An đã phối hợp; các cục thi hành án dân sự tỉnh cũng vậy.")
    orgs = {e.text: e.canonical for e in x.entities if e.type == "ORG"}
    assert orgs["bộ Tư pháp"] == "Bộ Tư pháp"
    assert orgs["chi cục thi hành án dân sự quận Bình Thạnh"] == "Chi cục Thi hành án dân sự quận Bình Thạnh"
    assert orgs["tòa án nhân dân tỉnh Long An"] == "Tòa án nhân dân tỉnh Long An"
    assert not any(t.startswith("cục thi hành") for t in orgs)


def test_photo_credit_in_capitals_is_one_person():
    x = extract("Ảnh: NGUYỄN VĂN HÙNG")
    assert [(e.type, e.text, e.canonical) for e in x.entities] == [("PERSON", "NGUYỄN VĂN HÙNG", "Nguyễn Văn Hùng")]


def test_pronouns_are_no_roles():
    (p,) = [e for e in extract("Bà Nguyễn Thị Hoa cho biết.").entities if e.type == "PERSON"]
    assert p.role is None


def test_exact_numbers_in_vietnamese_notation():
    assert exact_number(1234567) == "1.234.567"
    assert exact_number(62e12) == "62.000.000.000.000"
    assert exact_number(0.18) == "0,18"
    assert figure_value(3, "case", of=5) == "3 of 5 cases"
    assert figure_value(336758000000, "VND") == "336.758.000.000 đồng"


def test_extract_text_output_prints_exact_values_and_facts(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Tin\n\nBị cáo Phạm Văn Khánh phải bồi thường 1.234.567 đồng; "
                                    "đã giải quyết xong 3/5 vụ việc.\n", encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1.234.567 đồng = 1.234.567 đồng" in out and "e+06" not in out
    assert "3/5 vụ việc = 3 of 5 cases" in out
    assert "case.owed · Phạm Văn Khánh" in out


def test_extract_json_has_the_three_fields(tmp_path, capsys):
    import json

    (tmp_path / "a.txt").write_text("Tin\n\n" + REPORT.split("\n\n")[1] + "\n", encoding="utf-8")
    assert main(["extract", "--json", str(tmp_path)]) == 0
    (art,) = json.loads(capsys.readouterr().out)["articles"]
    assert all({"metric", "subject", "period", "measure"} <= set(f) for f in art["figures"])


def test_extractor_version_is_an_int():
    assert isinstance(EXTRACTOR_VERSION, int) and EXTRACTOR_VERSION >= 2


def test_explicit_dates_make_an_interval_period_unless_a_named_period_comes_first():
    f = facts("Từ ngày 1-10-2013 đến ngày 31-7-2014, Cục THADS thành phố Đà Nẵng thi hành xong 5.874 việc.")
    assert f["5.874 việc"][2] == "2013-10-01/2014-07-31"
    f = facts("6 tháng đầu năm 2022 (từ ngày 01/10/2021 đến ngày 31/3/2022), toàn quốc thi hành xong 2.117 việc.")
    assert f["2.117 việc"][2] == "2022:6m"


def test_a_cut_off_on_30_september_is_the_thads_year():
    f = facts("Tính đến hết ngày 30/9/2025, Cục THADS tỉnh Đồng Nai đã thi hành xong 131 việc.")
    assert f["131 việc"][2] == "2025"


def test_a_rate_after_a_sum_is_the_rate_of_that_sum():
    f = facts("Năm 2015, Cục THADS tỉnh Bình Phước thu được hơn 430 tỷ đồng, đạt 36,5%; "
              "thi hành xong 520 việc, đạt 70,1%.")
    assert f["36,5%"][0] == "money.rate" and f["70,1%"][0] == "cases.rate"
    f = facts("Năm 2017, tỉnh Kon Tum phấn đấu thu hồi tối thiểu 45% số tiền có điều kiện.")
    assert f["tối thiểu 45%"][0].startswith("money.")


def test_banks_and_auctioneers_are_not_the_debtor():
    text = ("Công ty TNHH Đại Phát vay Ngân hàng TMCP Quân đội. Công ty Đấu giá hợp danh Bảo Tín "
            "tổ chức phiên đấu giá; tài sản được bán với giá 12 tỷ đồng.")
    assert facts(text)["12 tỷ đồng"][:2] == ("auction.price", "Công ty TNHH Đại Phát")


def test_a_cut_off_month_is_the_thads_year_so_far():
    f = facts("Tính đến hết tháng 6/2024, Cục THADS TP. Hồ Chí Minh thi hành xong 52.874 việc. "
              "Đến hết tháng 9/2023, Cục THADS tỉnh Khánh Hòa thi hành xong 10.810 việc. "
              "Đến hết tháng 10/2018, Cục THADS thành phố Hải Phòng thi hành xong 183 việc.")
    assert f["52.874 việc"][2] == "2024:9m" and f["10.810 việc"][2] == "2023"
    assert f["183 việc"][2] == "2019:1m"


def test_a_comparison_base_does_not_reach_into_the_next_sentence():
    f = facts("Tăng 6% so với cùng kỳ năm 2024. Riêng Quý III/2025, Cục THADS tỉnh Đồng Nai thu hồi "
              "được 412,8 tỷ đồng.")
    assert f["412,8 tỷ đồng"][2] == "2025-Q3"
