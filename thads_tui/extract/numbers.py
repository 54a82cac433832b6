"""Vietnamese number notation: '.' groups thousands, ',' is the decimal mark.

Magnitude words (nghìn/ngàn, triệu, tỷ/tỉ) multiply, so `62 nghìn tỷ` is 62e12 and
`1 tỷ 200 triệu` is 1.2e9.
"""
from __future__ import annotations

import re

# A number as written in the text: grouped thousands with optional decimals, or plain digits.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
MAGNITUDES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
MAGNITUDE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)"
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"[+-]?\d+(?:[,.]\d+)?")
_PART = re.compile(rf"({NUMBER})((?:\s+{MAGNITUDE})*)")


def parse_vn_number(s: str) -> float:
    """'13.140' -> 13140.0, '970,327' -> 970.327, '0,18' -> 0.18.

    A single '.' not followed by exactly three digits is read as a sloppy decimal point
    ('2.5' -> 2.5); anything else unparsable raises ValueError.
    """
    if s.isascii() and s.isdigit():
        return float(s)
    s = s.strip().replace(" ", "")
    if _GROUPED.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    raise ValueError(f"not a Vietnamese number: {s!r}")


def format_vn_number(value: float, decimals: int = 0) -> str:
    """13140 -> '13.140'; format_vn_number(0.18, 2) -> '0,18'. Inverse of parse_vn_number."""
    text = f"{abs(value):,.{decimals}f}"  # 13,140.50
    whole, _, frac = text.partition(".")
    out = whole.replace(",", ".") + ("," + frac if frac else "")
    negative = value < 0 and any(c not in "0.," for c in out)
    return ("-" if negative else "") + out


def parse_amount(s: str) -> float:
    """A number with magnitude words: '62 nghìn tỷ' -> 6.2e13, '1 tỷ 200 triệu' -> 1.2e9."""
    total = 0.0
    for num, mags in _PART.findall(s):
        value = parse_vn_number(num)
        for word in mags.split():
            value *= MAGNITUDES[word]
        total += value
    if not total and not _PART.search(s):
        raise ValueError(f"no amount in {s!r}")
    return total
