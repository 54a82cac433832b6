"""Property tests: extract never raises and its offsets always slice the source; Vietnamese
numbers round-trip through format_vn_number / parse_vn_number."""
from __future__ import annotations

import math
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads_tui.extract import ENTITY_TYPES, FIGURE_UNITS, extract, format_vn_number, parse_vn_number
from thads_tui.extract.numbers import parse_amount

# Fragments that trigger every recogniser, so random recombination reaches deep code paths.
FRAGMENTS = [
    "Thứ trưởng Bộ Tư pháp ", "Nguyễn Văn An", ", Cục trưởng Cục THADS tỉnh ", "Gia Lai",
    "Thanh Hoá", "TP.HCM", " huyện Krông Pa", "UBND tỉnh ", "Ban Chỉ đạo THADS ", "Tỉnh ủy",
    "Nghị quyết số 96/2019/QH14", " Chỉ thị 16-CT/TU", " Luật Đất đai", " số 27", "ngày ",
    "24/9", "5-9-2018", "Quý IV/2020", "8 tháng đầu năm 2023", "năm 2021", "tháng 12-2019",
    "0,18%", " trên 62 nghìn tỷ đồng", " hơn 300.000 việc", " 216/897 việc", " thứ 3/63",
    " 47 Chấp hành viên", " 1 năm", " (THAHC)", " HĐND", " III", "\n", ", ", ". ", " ", "(",
    ")", "-", "/", "%", "đồng", "Đ", "\u00a0", "oà", "ỷ", "Trần Thanh\n",
]
vietnamese_ish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=40).map(
    "".join)


def check_invariants(text: str) -> None:
    x = extract(text)
    for e in x.entities:
        assert e.type in ENTITY_TYPES
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.canonical
    for f in x.figures:
        assert f.unit in FIGURE_UNITS
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
        assert math.isfinite(f.value)
    assert [e.start for e in x.entities] == sorted(e.start for e in x.entities)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_input_is_safe(text):
    check_invariants(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_ish)
def test_recombined_vietnamese_fragments_are_safe(text):
    check_invariants(text)
    check_invariants(unicodedata.normalize("NFC", text))


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_integers_round_trip(n):
    s = format_vn_number(n)
    assert parse_vn_number(s) == n
    assert "," not in s


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 4))
def test_decimals_round_trip(x, decimals):
    s = format_vn_number(x, decimals=decimals)
    assert math.isclose(parse_vn_number(s), round(x, decimals), rel_tol=1e-12, abs_tol=1e-9)
    if decimals:
        assert s.count(",") == 1


def test_number_notation_examples():
    assert parse_vn_number("13.140") == 13140
    assert parse_vn_number("970,327") == 970.327
    assert parse_vn_number("1.234.567,5") == 1234567.5
    assert parse_vn_number("2.5") == 2.5
    assert format_vn_number(13140) == "13.140"
    assert format_vn_number(0.18, decimals=2) == "0,18"
    assert format_vn_number(-1234567.891, decimals=1) == "-1.234.567,9"
    assert parse_amount("62 nghìn tỷ") == 62e12
    assert parse_amount("1 tỷ 200 triệu") == 1.2e9


def test_seed_like_article_offsets(tmp_path):
    text = unicodedata.normalize("NFC", "\n".join(FRAGMENTS * 3))
    check_invariants(text)


# Fragments that end where a name could go on: a recogniser that read "\s" as any space would
# carry the name across the line break into the next paragraph.
OPEN_ENDED = [
    "huyện ", "thành phố ", "Chi cục THADS ", "UBND ", "Công ty cổ phần ", "Ngân hàng ",
    "Krông Pắc", "Thủ Đức", "Đồi Thông", "Sáng", "Theo", "tháng 8", " và ", "12", "45 cuộc ",
    " tỷ đồng", "Bản án số 15/2015/", "DS-PT", "Trương Văn H", ".", "Nguyễn", "Luật ",
]
line_crossing = st.lists(st.sampled_from(FRAGMENTS + OPEN_ENDED + ["\n", "\n\n", " \n "]),
                         max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(line_crossing, st.text(alphabet=st.sampled_from("ABĐKHTUabđ \n.,-/0123456789"))))
def test_no_item_crosses_a_line_break(text):
    x = extract(text)
    for item in x.entities + x.figures:
        assert "\n" not in item.text, item
