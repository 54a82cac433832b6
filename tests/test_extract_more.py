"""More extraction rules, each on sentences written for these tests: unit names with a place,
companies and banks, fiscal periods, counted noun phrases, judgments, anonymised parties."""
from __future__ import annotations

import unicodedata

from thads_tui.extract import extract


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def ents(text: str, kind: str) -> list[str]:
    return [e.text for e in extract(nfc(text)).entities if e.type == kind]


def figs(text: str) -> dict[str, tuple]:
    return {f.text: (f.value, f.unit, f.qualifier) for f in extract(nfc(text)).figures}


# --- line breaks --------------------------------------------------------------------------

def test_place_at_paragraph_end_stops_at_the_line_break():
    text = "Đoàn công tác làm việc tại huyện Ia Grai\n\nChiều cùng ngày, đoàn về thành phố Pleiku"
    assert ents(text, "LOCATION") == ["Ia Grai", "Pleiku"]


# --- units with a place ---------------------------------------------------------------------

def test_unit_of_a_named_city_or_district_includes_the_name():
    text = ("Chi cục THADS thành phố Tuy Hòa và Chi cục THADS TP Bảo Lộc phối hợp với "
            "UBND TP Long Khánh.")
    orgs = ents(text, "ORG")
    assert "Chi cục THADS thành phố Tuy Hòa" in orgs
    assert "Chi cục THADS TP Bảo Lộc" in orgs
    assert "UBND TP Long Khánh" in orgs
    assert "Chi cục THADS thành phố" not in orgs
    assert "UBND" not in orgs


def test_capitalised_thanh_pho_alone_is_the_city():
    text = "Giám đốc Công an Thành phố báo cáo UBND Thành phố về phương án bảo vệ."
    orgs = ents(text, "ORG")
    assert "Công an Thành phố" in orgs and "UBND Thành phố" in orgs


def test_person_after_a_level_word_is_not_a_place():
    text = "Phó Chủ tịch UBND Thành phố Lê Thị Hạnh và Chủ tịch UBND huyện Trần Văn Tâm dự."
    assert ents(text, "LOCATION") == []
    assert {"Lê Thị Hạnh", "Trần Văn Tâm"} <= set(ents(text, "PERSON"))
    assert {"UBND Thành phố", "UBND huyện"} <= set(ents(text, "ORG"))


def test_district_names_starting_like_a_family_name_stay_places():
    text = "Các vụ việc tại thị xã Hoàng Mai và huyện Lâm Hà kéo dài."
    assert ents(text, "LOCATION") == ["Hoàng Mai", "Lâm Hà"]


def test_regional_thads_office_needs_its_region():
    text = ("Phòng Thi hành án dân sự khu vực 4 đã bàn giao hồ sơ. Trưởng các Phòng THADS "
            "báo cáo kết quả; Phòng THADS khu vực Đức Trọng tổ chức cưỡng chế.")
    orgs = ents(text, "ORG")
    assert "Phòng Thi hành án dân sự khu vực 4" in orgs
    assert "Phòng THADS khu vực Đức Trọng" in orgs
    assert "Phòng THADS" not in orgs
    assert "Đức Trọng" in ents(text, "LOCATION")


def test_area_introducer_skips_roman_numerals():
    assert ents("Kiểm toán Nhà nước khu vực V đã kiểm toán tại khu vực I.", "LOCATION") == []


# --- companies, banks, departments ----------------------------------------------------------

def test_company_names_with_legal_form_and_lowercase_syllables():
    text = ("Công ty cổ phần Thủy sản Minh Hải và Công ty TNHH Thương mại dịch vụ Hưng Phát "
            "chưa trả nợ cho Tổng công ty Xây dựng Sông Đà.")
    orgs = ents(text, "ORG")
    assert "Công ty cổ phần Thủy sản Minh Hải" in orgs
    assert "Công ty TNHH Thương mại dịch vụ Hưng Phát" in orgs
    assert "Tổng công ty Xây dựng Sông Đà" in orgs


def test_company_name_stops_before_a_verb_and_a_person():
    text = "Giám đốc Công ty TNHH Nam Phong Nguyễn Văn Hòa vay vốn của Ngân hàng TMCP Quân đội."
    assert "Công ty TNHH Nam Phong" in ents(text, "ORG")
    assert "Nguyễn Văn Hòa" in ents(text, "PERSON")
    assert "Ngân hàng TMCP Quân đội" in ents(text, "ORG")
    text = "Công ty cổ phần Hoàng Gia khởi kiện Ngân hàng TMCP Sài Gòn Thương Tín ra tòa."
    orgs = ents(text, "ORG")
    assert "Công ty cổ phần Hoàng Gia" in orgs
    assert "Ngân hàng TMCP Sài Gòn Thương Tín" in orgs


def test_bank_names_with_va_and_short_name_in_parentheses():
    text = ("Khoản vay tại Ngân hàng TMCP Công Thương Việt Nam (VietinBank) và Ngân hàng "
            "TMCP Đầu tư và Phát triển Việt Nam (BIDV) đã được thu hồi.")
    orgs = ents(text, "ORG")
    assert "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam" in orgs
    assert "BIDV" in orgs
    assert "Ngân hàng TMCP Công Thương Việt Nam" in orgs
    bidv = [e for e in extract(nfc(text)).entities if e.type == "ORG" and e.text == "BIDV"]
    assert bidv[0].canonical == "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"


def test_company_canonical_does_not_read_a_place_word_as_province():
    text = "Công ty TNHH Xây dựng Phú Yên nộp đủ tiền."
    org = [e for e in extract(nfc(text)).entities if e.type == "ORG"][0]
    assert org.text == org.canonical == "Công ty TNHH Xây dựng Phú Yên"


def test_bodies_with_local_branches():
    text = ("Ngân hàng Nhà nước Việt Nam Chi nhánh tỉnh Quảng Trị, Kho bạc Nhà nước huyện "
            "Krông Búk và Sở Tài nguyên và Môi trường tỉnh Kon Tum cùng tham gia; Sở Tư pháp "
            "thẩm định.")
    orgs = ents(text, "ORG")
    assert "Ngân hàng Nhà nước Việt Nam Chi nhánh tỉnh Quảng Trị" in orgs
    assert "Kho bạc Nhà nước huyện Krông Búk" in orgs
    assert "Sở Tài nguyên và Môi trường tỉnh Kon Tum" in orgs
    assert "Sở Tư pháp" in orgs


# --- dates ----------------------------------------------------------------------------------

def dates(text: str) -> dict[str, str]:
    return {e.text: e.canonical for e in extract(nfc(text)).entities if e.type == "DATE"}


def test_fiscal_and_working_years_are_dates():
    text = ("Báo cáo quyết toán niên độ 2022, kết quả Năm công tác 2023 và chỉ tiêu năm công "
            "tác 2024; ngân sách năm tài chính 2021-2022.")
    assert dates(text) == {"niên độ 2022": "2022", "Năm công tác 2023": "2023",
                           "năm công tác 2024": "2024", "năm tài chính 2021-2022": "2021"}


def test_bare_month_listed_before_a_dated_month_takes_its_year():
    text = "Trong tháng 4 và tháng 5/2022, cũng như từ tháng 10, tháng 11 đến tháng 12 năm 2020."
    assert dates(text) == {"tháng 4": "2022-04", "tháng 5/2022": "2022-05",
                           "tháng 10": "2020-10", "tháng 11": "2020-11",
                           "tháng 12 năm 2020": "2020-12"}


def test_bare_month_alone_is_not_a_date():
    assert dates("Mỗi tháng 2 lần, đoàn kiểm tra tháng 3 vừa qua.") == {}


# --- figures --------------------------------------------------------------------------------

def test_counted_activities_and_documents():
    text = ("Viện kiểm sát tiến hành 17 cuộc kiểm sát, ban hành 4 kháng nghị và 230 quyết định; "
            "cơ quan THADS tổ chức 26 cuộc cưỡng chế, 3 đợt tuyên truyền, bán 9 thửa đất; "
            "hơn 150 đại biểu dự.")
    assert figs(text) == {
        "17 cuộc kiểm sát": (17, "count", None),
        "4 kháng nghị": (4, "count", None),
        "230 quyết định": (230, "count", None),
        "26 cuộc cưỡng chế": (26, "count", None),
        "3 đợt tuyên truyền": (3, "count", None),
        "9 thửa đất": (9, "count", None),
        "hơn 150 đại biểu": (150, "count", "hơn"),
    }


def test_a_number_before_an_agency_is_no_figure():
    text = "Đoàn làm việc với 12 Chi cục THADS và 3 Cục Thi hành án dân sự."
    assert figs(text) == {}


def test_toi_and_den_stress_an_exact_number_they_do_not_qualify_it():
    text = "Án tồn chiếm tới 27%, có nơi lên đến 35%; số việc chưa tới 40 việc, khoảng 15%."
    assert figs(text) == {"27%": (27, "percent", None), "35%": (35, "percent", None),
                          "chưa tới 40 việc": (40, "case", "chưa tới"),
                          "khoảng 15%": (15, "percent", "khoảng")}


def test_duration_keeps_an_approximation_but_not_the_bound_of_a_case_age():
    assert figs("Vụ việc kéo dài gần 3 năm.") == {"gần 3 năm": (3, "duration", "gần")}
    assert figs("Sau khoảng 4 tháng triển khai, hệ thống ổn định.") == {
        "khoảng 4 tháng": (4, "duration", "khoảng")}
    assert figs("Ưu tiên giải quyết án tồn đọng trên 2 năm.") == {
        "2 năm": (2, "duration", "trên")}


# --- legal references -----------------------------------------------------------------------

def test_judgments_and_enforcement_decisions_are_numbered_documents():
    text = ("Theo Bản án số 27/2018/HS-PT và Bản án dân sự sơ thẩm số 08/2017/DS-ST, Chi cục "
            "ban hành Quyết định thi hành án số 112/QĐ-CCTHADS.")
    assert ents(text, "LEGAL_REF") == ["Bản án số 27/2018/HS-PT",
                                       "Bản án dân sự sơ thẩm số 08/2017/DS-ST",
                                       "Quyết định thi hành án số 112/QĐ-CCTHADS"]


def test_codes_inside_document_numbers_are_not_acronyms():
    text = "Căn cứ số 19/2016/KDTM-ST và văn bản 215/CV-THADS, UBND tỉnh chỉ đạo."
    assert ents(text, "ACRONYM") == ["UBND"]


# --- people ---------------------------------------------------------------------------------

def test_anonymised_party_keeps_the_initials_dot():
    text = "Vợ chồng ông Lê Văn T. và bà Ngô Thị M. vay tiền. Ông T. không trả nợ."
    people = ents(text, "PERSON")
    assert "Lê Văn T." in people and "Ngô Thị M." in people
    assert "Lê Văn T" not in people and "Ngô Thị M" not in people


def test_day_and_month_in_words_after_a_day_word():
    text = "Từ ngày 3 đến 17 tháng 5 kiểm tra; sau 3 tháng 2 đoàn trở lại."
    assert dates(text) == {"17 tháng 5": "--05-17"}
    assert figs(text) == {"3 tháng": (3, "duration", None), "2 đoàn": (2, "count", None)}


def test_mixed_case_short_name_after_a_bank():
    text = "Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank) đã nhận đủ tiền."
    orgs = ents(text, "ORG")
    assert orgs == ["Ngân hàng TMCP Ngoại thương Việt Nam", "Vietcombank"]


def test_company_brand_that_looks_like_a_short_name_stays_whole():
    text = "Công ty TNHH Xây dựng Thương mại Hoàng Long và Giám đốc Công ty Lê Minh Hải."
    assert "Công ty TNHH Xây dựng Thương mại Hoàng Long" in ents(text, "ORG")


def test_numbered_urban_districts_and_no_bare_acronym_org():
    text = "UBND Quận 3, Công an Phường 7 và UBND Huyện cùng tham gia; UBND các xã hỗ trợ."
    orgs = ents(text, "ORG")
    assert "UBND Quận 3" in orgs and "Công an Phường 7" in orgs
    assert "UBND" not in orgs


def test_area_introducer_needs_a_name():
    text = "Tại khu vực Trung tâm hành chính và khu vực Quận 1, khu vực Tây Nguyên."
    assert ents(text, "LOCATION") == ["Tây Nguyên"]


def test_short_name_acronym_stands_for_the_bank():
    text = "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV) khởi kiện."
    acr = [e for e in extract(nfc(text)).entities if e.type == "ACRONYM" and e.text == "BIDV"]
    assert acr[0].canonical == "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"


# --- a titled name after a level word -------------------------------------------------------

def test_titled_name_after_an_agency_level_word_is_a_person():
    text = "Chánh án TAND thành phố Trịnh Quốc Bảo phát biểu tại hội nghị."
    ex = extract(nfc(text))
    assert [(e.text, e.role) for e in ex.entities if e.type == "PERSON"] == [
        ("Trịnh Quốc Bảo", "Chánh án TAND thành phố")]
    assert ents(text, "ORG") == ["TAND thành phố"]
    assert ents(text, "LOCATION") == []


def test_two_syllable_titled_name_needs_to_be_a_person_elsewhere():
    text = ("Đồng chí Đỗ Sơn, Chủ tịch UBND huyện, chủ trì. Chủ tịch UBND huyện Đỗ Sơn yêu cầu "
            "rà soát. Chủ tịch UBND quận Hoàng Mai cho biết quận đã hoàn thành.")
    assert ents(text, "PERSON") == ["Đỗ Sơn", "Đỗ Sơn"]
    assert "UBND quận Hoàng Mai" in ents(text, "ORG")
    assert ents(text, "LOCATION") == ["Hoàng Mai"]


def test_real_places_after_level_words_stay_places():
    text = ("Phó Chủ tịch UBND thành phố Hồ Chí Minh Võ Văn Hoan, Giám đốc Sở Tư pháp tỉnh "
            "Gia Lai và đoàn công tác làm việc tại huyện Lê Thủy.")
    assert ents(text, "LOCATION") == ["Hồ Chí Minh", "Gia Lai", "Lê Thủy"]
    assert ents(text, "PERSON") == ["Võ Văn Hoan"]
    assert "UBND thành phố Hồ Chí Minh" in ents(text, "ORG")


# --- counts, bylines, headlines -------------------------------------------------------------

def test_counted_rounds_notices_customers_teams_and_units():
    text = ("Sau 5 lần tổ chức đấu giá, Chấp hành viên ra 4 thông báo; có 6 khách hàng qua 9 vòng "
            "trả giá. Cục lập 2 tổ công tác, bán 3 quyền sử dụng đất tại 4 quận và họp với "
            "lãnh đạo 8 Chi cục trực thuộc, 10 Chi cục THADS huyện.")
    assert figs(text) == {
        "5 lần": (5, "count", None), "4 thông báo": (4, "count", None),
        "6 khách hàng": (6, "count", None), "9 vòng": (9, "count", None),
        "2 tổ công tác": (2, "count", None), "3 quyền sử dụng đất": (3, "count", None),
        "4 quận": (4, "count", None), "8 Chi cục": (8, "count", None)}


def test_two_authors_before_a_related_articles_block():
    text = ("Hội nghị tổng kết\n\nCục THADS tỉnh tổ chức hội nghị tổng kết.\n\n"
            "Minh Châu - Quốc Huy\n\nĐọc thêm\nĐà Nẵng: Tổng kết công tác năm\n"
            "Cam Lâm: Cưỡng chế giao đất\n")
    ex = extract(nfc(text))
    assert [(e.text, e.role) for e in ex.entities if e.type == "PERSON"] == [
        ("Minh Châu", "tác giả"), ("Quốc Huy", "tác giả")]
    assert ents(text, "LOCATION") == ["Đà Nẵng", "Cam Lâm"]


def test_one_author_with_an_office_after_the_dash():
    text = "Cục THADS tỉnh tổ chức hội nghị.\n\nPhạm Minh Đức - VPTC\n"
    assert ents(text, "PERSON") == ["Phạm Minh Đức"]


def test_speaker_before_a_colon_is_no_place():
    text = "Tọa đàm về thi hành án.\nTrần Minh Hà: Chúng tôi đã rà soát toàn bộ hồ sơ.\n"
    assert ents(text, "LOCATION") == []


def test_steering_committee_of_all_levels():
    text = "Cục tham mưu cho Ban Chỉ đạo THADS các cấp tháo gỡ vướng mắc."
    assert ents(text, "ORG") == ["Ban Chỉ đạo THADS các cấp"]
