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
