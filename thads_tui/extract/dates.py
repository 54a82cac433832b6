"""Dates and periods: `24/9`, `9-12`, `13/04/2022`, `Quý IV/2020`, `8 tháng đầu năm 2023`,
`năm 2021`, `tháng 12-2019`, `2021-2025`.

A bare day/month (`24/9`) is only a date after a time word (Chiều, ngày, đến ...): without
one, `3/5` is as likely a fraction or a score. `ngày` itself stays outside the span, and the
longest span wins, so a year inside a longer date is not listed again.
"""
from __future__ import annotations

import re
from functools import cache

from .spans import Span

D = r"(?:0?[1-9]|[12]\d|3[01])"
M = r"(?:0?[1-9]|1[0-2])"
Y = r"(?:19|20)\d{2}"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_TIME_WORD = (r"(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|vào|trước|sau|đầu|cuối|hạn|"
              r"nay|hết|kể từ|tính đến)")


@cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    raw = [
        (rf"(?<!\d)(?P<d>(?P<dd>{D})\s+tháng\s+(?P<mm>{M})\s+năm\s+(?P<yy>{Y}))(?!\d)", "dmy"),
        (rf"(?<![\d/.,-])(?P<d>(?P<dd>{D})(?P<sep>[/.-])(?P<mm>{M})(?P=sep)(?P<yy>{Y}))(?![\d/.-]\d|\d)", "dmy"),
        (rf"(?:{_TIME_WORD}\s+(?:(?i:ngày)\s+)?|\()(?P<d>(?P<dd>{D})[/-](?P<mm>{M}))"
         r"(?![\d/-]|[.,]\d|\s*(?:%|vụ|việc|bản án))", "dm"),
        (rf"(?P<d>(?i:tháng)\s+(?P<mm>{M})\s*(?:[/-]\s*|\s+năm\s+)(?P<yy>{Y}))(?!\d)", "my"),
        (rf"(?<!\w)(?P<d>(?i:quý|quí)\s+(?P<q>IV|I{{1,3}}|[1-4])"
         rf"(?:\s*[/-]\s*(?P<yy>{Y})|\s+năm\s+(?P<yy2>{Y}))?)(?![\w/])", "q"),
        (rf"(?<![\w,.])(?P<d>\d{{1,2}}\s+tháng\s+(?:(?:đầu|cuối)\s+năm(?:\s+{Y})?|năm\s+{Y}))(?!\d)",
         "period"),
        (rf"(?<!\w)(?P<d>(?i:năm)\s+(?P<yy>{Y}))(?![\d/])", "y"),
        (rf"(?<![\d/.,-])(?P<d>{Y}\s*-\s*{Y})(?![\d/-])", "range"),
        (rf"(?<![\d/.,-])(?P<d>(?P<yy>{Y})-(?P<mm>0[1-9]|1[0-2])(?:-(?P<dd>0[1-9]|[12]\d|3[01]))?)"
         r"(?![\d-])", "iso"),
    ]
    return [(re.compile(p), kind) for p, kind in raw]


def _canonical(m: re.Match, kind: str) -> str:
    g = m.groupdict()
    if kind == "dmy":
        return f"{g['yy']}-{int(g['mm']):02d}-{int(g['dd']):02d}"
    if kind == "dm":
        return f"--{int(g['mm']):02d}-{int(g['dd']):02d}"
    if kind == "my":
        return f"{g['yy']}-{int(g['mm']):02d}"
    if kind == "y":
        return g["yy"]
    if kind == "q":
        q = g["q"]
        num = _ROMAN.get(q) or int(q)
        year = g.get("yy") or g.get("yy2")
        return f"{year}-Q{num}" if year else f"Q{num}"
    if kind == "iso":
        return m.group("d")
    return " ".join(m.group("d").split())


def find_dates(text: str) -> list[Span]:
    out = []
    for rx, kind in _patterns():
        for m in rx.finditer(text):
            out.append(Span(m.start("d"), m.end("d"), "DATE", _canonical(m, kind)))
    return out
