"""Figures: a number with its qualifier and unit word, valued in Vietnamese notation.

`hơn 300.000 việc` (case), `trên 62 nghìn tỷ đồng` (VND 6.2e13), `0,18%` (percent),
`216/897 việc` (case of 897), `3/63` (rank), `47 Chấp hành viên` (count), `1 năm` (duration).
A bare `a/b` is a rank only after `thứ`/`hạng` or out of 63/34 provinces; otherwise it is too
ambiguous (a fraction, a score) to report. `text` holds the qualifier (`gần 3 tháng`), except
for a duration whose qualifier says which cases are meant (`án trên 1 năm`: the span is `1 năm`,
the qualifier field keeps `trên`). `measure` is a short gloss built from the words around it.
"""
from __future__ import annotations

import re
from functools import cache

from .lexicon import UPPER, trie_pattern, word_list
from .numbers import MAGNITUDE, NUMBER, parse_amount, parse_vn_number
from .spans import Span, compile_line, scan

# Words that make a figure approximate or a bound. `tới`/`đến` (`chiếm tới 18%`, `lên đến 300
# việc`) only stress the size of an exact number, so they stay outside the figure.
QUALIFIERS = ("gần như", "khoảng", "xấp xỉ", "trên", "hơn", "gần", "dưới", "ít nhất",
              "tối thiểu", "tối đa", "chưa đến", "chưa tới", "chưa đầy", "không quá", "ngót")
_CASE = ("vụ việc", "việc", "bản án", "vụ án", "vụ")
_MONEY = ("đồng", "VNĐ", "VND", "đ")
_FOREIGN = {"USD": "USD", "đô la Mỹ": "USD", "đô la": "USD", "đôla": "USD", "Đô la Mỹ": "USD"}
# Areas in m²: `80m2`, `1,5 ha` (15.000 m²), `2 km2`.
_AREA = {"m2": 1.0, "m²": 1.0, "ha": 1e4, "hecta": 1e4, "héc-ta": 1e4, "hécta": 1e4, "héc ta": 1e4,
         "km2": 1e6, "km²": 1e6}
_DURATION = ("năm", "tháng", "ngày", "tuần", "giờ")
_COMPARATIVE = re.compile(r"(?i)(?:cao|thấp|nhiều|ít|lớn|nhỏ|tốt|nhanh|chậm)\s+$")
_NOT_MONEY = re.compile(r"\s+(?:chí|phạm|bào|thời|bộ|tình|ý|nghiệp|hương|loạt|lòng|đội|chủ|hồ|"
                        r"ruộng|bằng|cỏ|tâm|thuận|cảm|nhất|dạng|đều|minh|phục|hành)(?!\w)")
_RANK_CONTEXT = re.compile(r"(?i)(?:thứ|hạng|xếp)\s+$")
_NUMBER_LEFT = re.compile(r"[\w.,/-]")
_PROVINCE_TOTALS = {63.0, 34.0, 64.0, 61.0}
# Agency heads counted as units (`11 Chi cục trực thuộc`); followed by a name they start one
# (`21 Chi cục THADS huyện ...`, `3 Chi cục Thi hành án`, `2 Phòng Nghiệp vụ`): no figure.
_AGENCY_UNITS = frozenset({"Chi cục", "Phòng"})
_NAMED_NEXT = re.compile(rf"[^\S\n]+(?:{UPPER}|(?:tỉnh|thành phố|huyện|quận|thị xã|khu vực)(?!\w))")
# A bound after a case noun says which cases are meant (`án trên 1 năm`, `án tồn trên 2 năm`),
# it does not qualify the period: the duration is then the period alone. An approximation
# (`vụ việc kéo dài gần 3 năm`) and any qualifier elsewhere (`sau gần 3 tháng`) stay in it.
_CASE_BEFORE = re.compile(r"(?i)(?<!\w)(?:án|việc|vụ)(?:\s+\w+){0,2}?\s+$")
_APPROXIMATE = frozenset({"gần", "gần như", "khoảng", "xấp xỉ", "ngót"})


# Classifier nouns: counted alone (`5 cuộc`) or with the activity they count (`5 cuộc kiểm sát`).
CLASSIFIERS = ("cuộc", "đợt", "buổi", "lượt", "lớp", "phiên", "đoàn")


@cache
def _units() -> dict[str, str]:
    units = {w: "count" for w in word_list("count_nouns.txt")}
    units.update({f"{c} {a}": "count" for c in CLASSIFIERS
                  for a in word_list("count_activities.txt")})
    units.update({c: "count" for c in CLASSIFIERS})
    units.update({w: "case" for w in _CASE})
    units.update({w: "VND" for w in _MONEY})
    units.update({w: "duration" for w in _DURATION})
    units.update(dict.fromkeys(_AREA, "area"))
    units.update(_FOREIGN)
    units["phần trăm"] = "percent"
    return units


# NUMBER (ASCII digits) with its first digit taken out of the alternatives: a pattern that
# starts with a character set is scanned fast by CPython, one starting with alternatives is not.
FIGURE_NUMBER = r"[0-9](?:[0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]*(?:,[0-9]+)?)"


@cache
def _pattern() -> re.Pattern:
    units = trie_pattern(_units())
    mags = rf"(?:\s+{MAGNITUDE})+(?:\s+(?:{NUMBER})(?:\s+{MAGNITUDE})+)*"
    # NUMBER with its first digit taken out of the alternatives: a pattern that starts with a
    # character set is scanned fast by CPython, one that starts with alternatives is not
    number = FIGURE_NUMBER
    rx = compile_line(
        rf"(?P<num>{number})(?:/(?P<of>{number}))?"
        rf"(?:(?P<sq>k?m[2²]|ha)(?!\w)|(?![\w/]|[.,]\d)(?P<mag>{mags})?"
        rf"(?:(?P<pct>\s?%)|\s+(?P<unit>{units})(?!\w)|\s(?P<sq2>k?m[2²])(?!\w))?)")
    assert tuple(sorted(rx.groupindex, key=rx.groupindex.get)) == _GROUPS and rx.groups == len(_GROUPS)
    return rx


_QUALIFIER_FORMS = QUALIFIERS + tuple(q.capitalize() for q in QUALIFIERS)


@cache
def _qualifier_before() -> re.Pattern:
    qual = trie_pattern(QUALIFIERS + tuple(q.capitalize() for q in QUALIFIERS))
    return compile_line(rf"(?<!\w)(?P<q>{qual})\s+$")


def find_figures(text: str) -> list[Span]:
    out = []
    units = _units()
    for m in scan(_pattern(), text, _NUMBER_LEFT):
        if m.lastindex == 1:
            continue  # only `num` matched: a bare number (most numbers: years, days, counts)
        span = _figure(text, m, units)
        if span:
            out.append(span)
    return out


# The pattern's groups in order, read at once with `m.groups()` (checked where it is built).
_GROUPS = ("num", "of", "sq", "mag", "pct", "unit", "sq2")


def _figure(text: str, m: re.Match, units: dict[str, str]) -> Span | None:
    num, of, sq, mag, pct, unit_word, sq2 = m.groups()
    unit_word = unit_word or sq or sq2
    unit = "percent" if pct else units.get(unit_word or "")
    if unit is None and not mag and of is None:
        return None  # a bare number
    of = parse_vn_number(of) if of else None
    start, end = m.span()
    lo = max(0, start - 14)
    # (the pattern opens with a look-behind, tried at each of the 14 places: first ask whether
    # the text before, spaces stripped, ends with a qualifier at all)
    q = _qualifier_before().search(text, lo, start) if text[lo:start].rstrip().endswith(
        _QUALIFIER_FORMS) else None
    qualifier = q.group("q") if q else None
    if q:
        start = q.start()
    if of is not None and not mag and _RANK_CONTEXT.search(text, max(0, start - 12), start):
        unit, unit_word, end = "rank", None, m.end("of")  # "thứ 5/63 tỉnh, thành phố"
    if unit_word in _AGENCY_UNITS and _NAMED_NEXT.match(text, end):
        return None
    if unit == "VND" and unit_word == "đồng" and not mag and _NOT_MONEY.match(text, end):
        return None
    if unit == "count" and of is None and not mag and len(num) == 4 and num[:2] in ("19", "20"):
        return None  # `X-Class 2018 phiên bản`, `Davis Cup 2017 nhóm II`: a year (a count that large is grouped: 2.018)
    if unit is None:
        if mag and _bare_money(text, start, end, mag.split()[-1]):
            unit = "VND"  # `bồi thường 150 tỉ`: an amount with no currency word is in đồng
        elif of is not None and not mag and (
                of in _PROVINCE_TOTALS or _RANK_CONTEXT.search(text, max(0, start - 12), start)):
            unit = "rank"
        else:
            return None
    if (unit == "area" or unit == "USD") and of is not None:
        return None
    if of is not None and unit not in ("case", "count", "rank"):
        return None
    if qualifier and _not_a_qualifier(text, start, qualifier.lower()):
        start, qualifier = m.start("num"), None
    if (unit == "duration" and qualifier and qualifier.lower() not in _APPROXIMATE
            and _CASE_BEFORE.search(text, max(0, start - 24), start)):
        start = m.start("num")  # `án trên 1 năm`: the age of a case, the span is the period itself
    try:
        value = parse_amount(num + mag) if mag else parse_vn_number(num)
    except ValueError:
        return None
    if unit == "area":
        value *= _AREA[unit_word]
    return Span(start, end, "FIGURE", extra={
        "value": value, "unit": unit, "qualifier": qualifier.lower() if qualifier else None,
        "of": of, "at": m.start(), "unit_word": unit_word})  # `measure(text, at, end)`: for the kept ones


# After a bare `150 tỉ` / `30 triệu`: the end of a clause or a function word, not a counted noun.
_AFTER_BARE = re.compile(r"\s*(?:[,.;:)!?]|$|\n|(?:và|cho|của|để|từ|trong|là|nhưng|với|thì|mà|sau|"
                         r"trước|nên|khi|tại|rồi|cùng|hoặc|nhằm|vào|theo|thay vì|mỗi|đến|tới|nữa|vì|do|bởi)(?!\w))")
# ... or, billions after money taken or paid (`lừa hơn 17 tỷ bật khóc`, `Số tiền 100 tỉ góp vốn`), a
# verb or the wrong it was (`Thu hồi 176 tỉ sai phạm`): anything but a word counted in billions.
_COUNTED_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:người|dân|cổ phiếu|cổ phần|trái phiếu|lượt|m3|lít|tấn|kWh|năm|"
                            r"liều|viên|con|cây|sản phẩm|đơn vị|lần|km|USD|đô|euro|yên|nhân dân tệ|"
                            r"bảng|won|bạt|kíp|riel|tệ|ringgit|baht|rúp|rupee|peso|franc|thiết bị|tin nhắn|cuộc gọi|view|lượt xem)(?!\w)")
_MONEY_BEFORE = re.compile(r"(?i)(?:bồi thường|phạt|nộp|trả|vay|nợ|chiếm đoạt|thu hồi|thu|giá|"
                           r"thiệt hại|khắc phục|tiền|chi|lừa|đấu giá|bán|mua|tịch thu|truy thu|"
                           r"hối lộ|lãi|gốc|tài sản|số dư|tham ô|biển thủ)(?!\w)[^,.;]{0,30}$")


def _bare_money(text: str, start: int, end: int, last_mag: str) -> bool:
    if not _AFTER_BARE.match(text, end):  # (millions count anything: people, likes, machines)
        return last_mag in ("tỷ", "tỉ") and bool(_MONEY_BEFORE.search(text, max(0, start - 50), start)) and \
            text[end:end + 2].strip()[:1].islower() and not _COUNTED_AFTER.match(text, end)
    if last_mag in ("tỷ", "tỉ"):
        return True
    return bool(_MONEY_BEFORE.search(text, max(0, start - 50), start))


def _not_a_qualifier(text: str, start: int, word: str) -> bool:
    before = text[max(0, start - 12):start]
    if word == "hơn":
        return bool(_COMPARATIVE.search(before))  # "cao hơn 5%" compares, it does not bound
    return False


# Matched on lower-cased text: without (?i) CPython scans for the first letters fast.
_TREND = re.compile(r"(tăng|giảm|vượt|cao hơn|thấp hơn|đạt|thi hành xong|giải quyết xong|"
                    r"giải quyết|thu hồi được|thu hồi|thu được|theo dõi|có điều kiện|"
                    r"chưa có điều kiện|xử lý xong|thụ lý)")
_ASPECT = re.compile(r"\s*\(?\s*(về việc|về tiền)")
_ASPECT_END = re.compile(r"(về việc|về tiền)\W*$")
_RATE = re.compile(r"(?i)t[ỷỉ] lệ")
_COMPARE = re.compile(r"\s*(?:\(?về (?:việc|tiền)\)?)?\s*,?\s*(so với (?:cùng kỳ(?: năm \d{4})?|"
                      r"chỉ tiêu(?: (?!và\b)[^\W\d]+){0,6}))")


def measure(text: str, start: int, end: int) -> str | None:
    """A short gloss: rate/trend words before, 'về việc/về tiền' and 'so với ...' after."""
    lo = max(0, start - 80)
    cut = max(text.rfind(".", lo, start), text.rfind(";", lo, start), text.rfind("\n", lo, start))
    before = text[cut + 1 if cut >= 0 else lo:start]
    after = text[end:end + 80]
    parts = []
    low = before.lower()
    if "tỷ lệ" in low or "tỉ lệ" in low:  # _RATE, the (?i) `t[ỷỉ] lệ`, on the lowered text
        parts.append("tỷ lệ")
    trends = _TREND.findall(low[-40:] if len(low) == len(before) else before[-40:].lower())
    if trends:
        parts.append(trends[-1])
    # (each pattern holds its literal: a window without it is not searched)
    aspect = ("về " in after and _ASPECT.match(after)) or ("về " in before and _ASPECT_END.search(before))
    if aspect:
        parts.append(aspect.group(1))
    cmp_ = "so với" in after and _COMPARE.match(after)
    if cmp_:
        parts.append(cmp_.group(1).strip())
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]  # (never empty: every part is a non-empty word or phrase)
    return " ".join(dict.fromkeys(parts)) or None
