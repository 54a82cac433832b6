"""Unit tests for the extraction engine on sentences written for these tests (not the seeds)."""
from __future__ import annotations

import unicodedata

import pytest

from thads_tui.extract import Extraction, extract


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def ents(text: str, kind: str) -> list[str]:
    return [e.text for e in extract(nfc(text)).entities if e.type == kind]


def one(text: str, kind: str, surface: str):
    found = [e for e in extract(nfc(text)).entities if e.type == kind and e.text == surface]
    assert found, f"{kind} {surface!r} not in {ents(text, kind)}"
    return found[0]


def figs(text: str) -> dict[str, tuple]:
    return {f.text: (f.value, f.unit, f.qualifier, f.of) for f in extract(nfc(text)).figures}


# --- people -------------------------------------------------------------------------------

def test_person_with_title_before_and_name_alone_later_share_role():
    text = ("Sáng 3/11, Thứ trưởng Bộ Tư pháp Ngô Quang Huy kiểm tra Cục THADS tỉnh Nam Định. "
            "Kết luận buổi làm việc, Ngô Quang Huy đề nghị tăng cường kỷ luật.")
    people = [e for e in extract(nfc(text)).entities if e.type == "PERSON"]
    assert [p.text for p in people] == ["Ngô Quang Huy", "Ngô Quang Huy"]
    assert {p.role for p in people} == {"Thứ trưởng Bộ Tư pháp"}
    assert {p.canonical for p in people} == {"Ngô Quang Huy"}


def test_person_role_after_name_stops_at_verb():
    text = "Đồng chí Trịnh Minh Châu, Phó Cục trưởng Cục THADS tỉnh Hà Giang đã phát biểu."
    assert one(text, "PERSON", "Trịnh Minh Châu").role == "Phó Cục trưởng Cục THADS tỉnh Hà Giang"


def test_person_after_title_without_known_surname():
    text = "Giám đốc Sở Tư pháp tỉnh Đắk Lắk Ksor Phước Hà cho biết kết quả."
    assert "Ksor Phước Hà" in ents(text, "PERSON")


def test_byline_with_source_suffix_is_author():
    text = "Tiêu đề bài\n\nNội dung bài viết về thi hành án.\nVũ Thị Hạnh - PLVN\n\nTin liên quan"
    person = one(text, "PERSON", "Vũ Thị Hạnh")
    assert person.role == "tác giả"
    assert "PLVN" in ents(text, "ACRONYM")


def test_places_and_orgs_are_not_people():
    text = "Đoàn Kiểm tra liên ngành làm việc tại Hà Nội và TP. Hồ Chí Minh."
    assert ents(text, "PERSON") == []


# --- organisations ------------------------------------------------------------------------

@pytest.mark.parametrize("surface", ["Tổng cục THADS", "Tổng Cục THADS",
                                     "Tổng cục Thi hành án dân sự"])
def test_general_department_variants_share_canonical(surface):
    org = one(f"Lãnh đạo {surface} dự họp.", "ORG", surface)
    assert org.canonical == "Tổng cục Thi hành án dân sự"


@pytest.mark.parametrize("surface", ["Cục THADS Bình Phước", "Cục THADS tỉnh Bình Phước",
                                     "Cục Thi hành án dân sự tỉnh Bình Phước"])
def test_provincial_department_variants_share_canonical(surface):
    org = one(f"Năm nay {surface} vượt chỉ tiêu.", "ORG", surface)
    assert org.canonical == "Cục Thi hành án dân sự tỉnh Bình Phước"
    assert "Bình Phước" in ents(f"Năm nay {surface} vượt chỉ tiêu.", "LOCATION")


def test_paren_acronym_kept_only_when_a_place_follows():
    assert "Tổng cục Thi hành án dân sự" in ents(
        "Làm việc với Tổng cục Thi hành án dân sự (THADS) về kế hoạch.", "ORG")
    org = one("Cục Thi hành án dân sự (THADS) tỉnh Bến Tre họp.", "ORG",
              "Cục Thi hành án dân sự (THADS) tỉnh Bến Tre")
    assert org.canonical == "Cục Thi hành án dân sự tỉnh Bến Tre"


def test_district_office_and_its_location():
    text = "Chi cục THADS huyện Chư Sê phối hợp với Công an huyện Chư Sê."
    assert "Chi cục THADS huyện Chư Sê" in ents(text, "ORG")
    assert "Công an huyện Chư Sê" in ents(text, "ORG")
    assert set(ents(text, "LOCATION")) == {"Chư Sê"}


def test_party_and_people_committees_nest():
    text = ("Ban Thường vụ Thành ủy và Thường trực HĐND thành phố Đà Nẵng chỉ đạo; "
            "UBND tỉnh Sóc Trăng, Hội đồng nhân dân và Tòa án cùng tham gia.")
    orgs = ents(text, "ORG")
    for name in ("Ban Thường vụ Thành ủy", "Thành ủy", "Thường trực HĐND thành phố Đà Nẵng",
                 "HĐND thành phố Đà Nẵng", "UBND tỉnh Sóc Trăng", "Hội đồng nhân dân", "Tòa án"):
        assert name in orgs


def test_steering_committee_with_topic():
    text = "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực theo dõi 12 vụ án."
    assert "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực" in ents(text, "ORG")


def test_government_inside_prime_minister_title_is_not_an_org():
    assert ents("Thủ tướng Chính phủ phê duyệt đề án.", "ORG") == []
    assert ents("Văn phòng Chính phủ thông báo.", "ORG") == ["Văn phòng Chính phủ", "Chính phủ"]


# --- locations ----------------------------------------------------------------------------

@pytest.mark.parametrize("surface,canonical", [
    ("Thanh Hoá", "Thanh Hóa"), ("Thanh Hóa", "Thanh Hóa"), ("TP.HCM", "Hồ Chí Minh"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Thừa Thiên Huế", "Huế"), ("Huế", "Huế"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("Khánh Hoà", "Khánh Hòa"),
])
def test_province_spellings(surface, canonical):
    loc = one(f"Đoàn công tác đến {surface} hôm qua.", "LOCATION", surface)
    assert loc.canonical == canonical


def test_post_2025_units_and_districts():
    text = ("Từ ngày 1/7/2025, tỉnh Đồng Nai mới gồm tỉnh Bình Phước cũ; thành phố Cần Thơ "
            "hợp nhất Sóc Trăng, Hậu Giang; huyện Tuy Phước thuộc Gia Lai.")
    assert set(ents(text, "LOCATION")) == {"Đồng Nai", "Bình Phước", "Cần Thơ", "Sóc Trăng",
                                           "Hậu Giang", "Tuy Phước", "Gia Lai"}


# --- legal references ---------------------------------------------------------------------

def test_numbered_documents():
    text = ("Căn cứ Nghị định số 33/2020/NĐ-CP, Thông tư 04/2023/TT-BTP, Chỉ thị số 12-CT/TU "
            "và Kế hoạch 88/KH-UBND ngày 14/2/2024 của UBND tỉnh Hà Tĩnh.")
    assert ents(text, "LEGAL_REF") == ["Nghị định số 33/2020/NĐ-CP", "Thông tư 04/2023/TT-BTP",
                                       "Chỉ thị số 12-CT/TU", "Kế hoạch 88/KH-UBND"]
    assert "14/2/2024" in ents(text, "DATE")
    assert figs(text) == {}


def test_short_form_links_to_full_number():
    text = "Thực hiện Kết luận số 45-KL/TW; sau đó Kết luận số 45 được sơ kết."
    short = one(text, "LEGAL_REF", "Kết luận số 45")
    assert short.canonical == "Kết luận số 45-KL/TW"


def test_named_laws_stop_before_year_and_verbs():
    text = ("Luật Phá sản năm 2014, Bộ luật Tố tụng dân sự và Luật Thi hành án dân sự quy định "
            "rõ; Luật sư Đinh Văn Tám tư vấn.")
    assert ents(text, "LEGAL_REF") == ["Luật Phá sản", "Bộ luật Tố tụng dân sự",
                                       "Luật Thi hành án dân sự"]
    assert "năm 2014" in ents(text, "DATE")


# --- dates --------------------------------------------------------------------------------

def test_date_forms_longest_span():
    text = ("Chiều 7/10, tổng kết 9 tháng đầu năm 2024 và Quý III/2024; ngày 2-8-2019 và "
            "cuối tháng 11-2023; trong năm 2025 và Năm 2026; quý II năm 2022.")
    assert ents(text, "DATE") == ["7/10", "9 tháng đầu năm 2024", "Quý III/2024", "2-8-2019",
                                  "tháng 11-2023", "năm 2025", "Năm 2026", "quý II năm 2022"]


def test_day_month_needs_a_time_word():
    text = "Đã giải quyết 4/7 vụ việc; dịch Covid-19 lan rộng; tỷ số 2/3."
    assert ents(text, "DATE") == []


def test_date_canonical_is_iso_like():
    x = extract(nfc("Ngày 05/01/2021 và tháng 3/2020, Quý IV/2019."))
    assert [e.canonical for e in x.entities if e.type == "DATE"] == ["2021-01-05", "2020-03",
                                                                    "2019-Q4"]


# --- acronyms -----------------------------------------------------------------------------

def test_acronyms_known_learned_and_roman_numerals():
    text = ("Trung tâm Công nghệ thông tin (TTCNTT) phối hợp với VKSND; trong Quý II, công tác "
            "THADS và THAHC; ĐHĐCĐ không rõ nghĩa.")
    x = extract(nfc(text))
    acr = {e.text: e.canonical for e in x.entities if e.type == "ACRONYM"}
    assert acr["TTCNTT"] == "Trung tâm Công nghệ thông tin"
    assert acr["VKSND"] == "Viện kiểm sát nhân dân"
    assert acr["THAHC"] == "Thi hành án hành chính"
    assert acr["ĐHĐCĐ"] == "ĐHĐCĐ"
    assert "II" not in acr


def test_document_codes_are_not_acronyms():
    assert ents("Theo Quyết định số 71/QĐ-CTHADS.", "ACRONYM") == []


# --- figures ------------------------------------------------------------------------------

def test_percentages_money_and_qualifiers():
    text = ("Tỷ lệ đạt 83,06% về việc, tăng 2,5% so với cùng kỳ; thu hồi hơn 1.250 tỷ đồng, "
            "khoảng 340 triệu đồng, gần 2 tỷ 500 triệu đồng và trên 75 nghìn tỷ đồng.")
    assert figs(text) == {
        "83,06%": (83.06, "percent", None, None),
        "2,5%": (2.5, "percent", None, None),
        "hơn 1.250 tỷ đồng": (1.25e12, "VND", "hơn", None),
        "khoảng 340 triệu đồng": (3.4e8, "VND", "khoảng", None),
        "gần 2 tỷ 500 triệu đồng": (2.5e9, "VND", "gần", None),
        "trên 75 nghìn tỷ đồng": (7.5e13, "VND", "trên", None),
    }


def test_cases_ranks_counts_durations():
    text = ("Đã xong 1.804/2.310 việc, còn 96 vụ việc và 12 bản án; tỉnh xếp thứ 9/34, "
            "đứng 41/63 về tiền; có 28 Chấp hành viên, 3 đoàn kiểm tra; án tồn trên 2 năm.")
    assert figs(text) == {
        "1.804/2.310 việc": (1804, "case", None, 2310),
        "96 vụ việc": (96, "case", None, None),
        "12 bản án": (12, "case", None, None),
        "9/34": (9, "rank", None, 34),
        "41/63": (41, "rank", None, 63),
        "28 Chấp hành viên": (28, "count", None, None),
        "3 đoàn kiểm tra": (3, "count", None, None),
        "2 năm": (2, "duration", "trên", None),  # `án tồn trên 2 năm`: the qualifier is a field
    }


def test_comparative_hon_and_prepositional_den_are_not_qualifiers():
    text = "Kết quả cao hơn 4,1% năm trước; dịch ảnh hưởng đến 350 người."
    assert figs(text) == {"4,1%": (4.1, "percent", None, None),
                          "350 người": (350, "count", None, None)}


def test_measure_mentions_aspect_and_comparison():
    f = extract(nfc("Tỷ lệ tăng 1,25% về tiền so với cùng kỳ năm 2023.")).figures[0]
    assert f.measure == "tỷ lệ tăng về tiền so với cùng kỳ năm 2023"


def test_numbers_in_dates_and_document_numbers_are_not_figures():
    text = "Nghị quyết số 96/2019/QH14 ngày 27/11/2019 và Chỉ thị 05-CT/TU, tháng 12/2019."
    assert figs(text) == {}


# --- the contract -------------------------------------------------------------------------

def test_offsets_slice_the_source_exactly_even_with_old_style_tones():
    text = nfc("Ông Nguyễn Văn Hoà, Cục trưởng Cục THADS tỉnh Thanh Hoá\u00a0đạt 45,5%.")
    x = extract(text)
    for item in x.entities + x.figures:
        assert text[item.start:item.end] == item.text
    assert "Thanh Hoá" in [e.text for e in x.entities]


def test_empty_and_plain_inputs():
    assert extract("") == Extraction()
    assert extract("không có gì ở đây") == Extraction()


def test_entities_sorted_by_start():
    x = extract(nfc("Năm 2020, Bộ Tư pháp và UBND tỉnh Long An ký Kế hoạch số 1/KH-BTP."))
    starts = [e.start for e in x.entities]
    assert starts == sorted(starts)


def test_a_word_in_capitals_is_no_acronym():
    """`BỐ MẸ TẠI ĐÂY` in a caption, a name in capitals: one syllable with a marked vowel is a
    word; initials (NƠXH, NSƯT, ĐBSCL, HĐND) and the table's TƯ stay acronyms."""
    from thads_tui.extract import extract

    text = ("Ảnh: BỐ MẸ em tại ĐÂY. Chính sách NƠXH, danh hiệu NSƯT, vùng ĐBSCL, HĐND tỉnh và "
            "Ban Chấp hành TƯ.")
    acronyms = {e.text: e.canonical for e in extract(text).entities if e.type == "ACRONYM"}
    assert not {"BỐ", "MẸ", "ĐÂY"} & acronyms.keys()
    assert {"NƠXH", "NSƯT", "ĐBSCL", "HĐND", "TƯ"} <= acronyms.keys() and acronyms["TƯ"] == "Trung ương"


def test_a_year_after_a_name_is_no_count():
    """`Mercedes X-Class 2018 phiên bản`, `Davis Cup 2017 nhóm II`: a year; a count that large
    is written grouped (`2.018 phiên họp`)."""
    from thads_tui.extract import extract

    texts = {f.text for f in extract("Mercedes X-Class 2018 phiên bản mới; Quốc hội có 2.018 phiên họp.").figures}
    assert "2.018 phiên họp" in texts and not any(t.startswith("2018") for t in texts)
