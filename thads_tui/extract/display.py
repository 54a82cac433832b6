"""Exact, readable figure values for plain-text output: `1.234.567 đồng`, `47,28 %`,
`3 of 5 cases`, `8 tháng`, `15.000 m²` — never `1.23457e+06`, never `1 (duration)`."""
from __future__ import annotations

from .numbers import format_vn_number

_UNIT_TEXT = {"VND": "đồng", "USD": "USD", "area": "m²", "percent": "%", "case": "cases",
              "count": "", "rank": ""}


def exact_number(value: float) -> str:
    """Vietnamese notation with every significant digit: 1234567 -> '1.234.567', 0.18 -> '0,18'."""
    if value == int(value):
        return format_vn_number(value, 0)
    text = repr(float(value))
    if "e" in text:  # tiny or huge non-integers: fixed notation, trailing zeros dropped
        text = f"{value:.12f}".rstrip("0")
    decimals = len(text.partition(".")[2])
    return format_vn_number(value, decimals)


def figure_value(value: float, unit: str, of: float | None = None,
                 unit_word: str | None = None) -> str:
    """`value unit`, with `of` shown: `3 of 5 cases`, `3 of 63` (a rank), `8 tháng`."""
    if unit == "duration":
        word = unit_word or "duration"
    elif unit == "count":
        word = unit_word or ""
    else:
        word = _UNIT_TEXT.get(unit, unit)
    number = exact_number(value)
    if of is not None:
        number += " of " + exact_number(of)
    if unit == "percent":
        return number + " %"
    return f"{number} {word}".rstrip()


def figure_line(f: dict) -> str:
    """One line of `thads-tui extract` for a figure record (the `--json` shape)."""
    value = figure_value(f["value"], f["unit"], f.get("of"), f.get("unit_word"))
    facts = " · ".join(str(x) for x in (f.get("metric"), f.get("subject"), f.get("period")) if x)
    return f"{f['text']} = {value}" + (f"  [{facts}]" if facts else "")
