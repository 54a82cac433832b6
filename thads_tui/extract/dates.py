"""Dates and periods: `24/9`, `9-12`, `13/04/2022`, `Quý IV/2020`, `8 tháng đầu năm 2023`,
`năm 2021`, `tháng 12-2019`, `2021-2025`, `niên độ 2023`, and `tháng 8` in `tháng 8 và tháng
9/2021`.

A bare day/month (`24/9`) is only a date after a time word (Chiều, ngày, đến ...): without
one, `3/5` is as likely a fraction or a score. `ngày` itself stays outside the span, and the
longest span wins, so a year inside a longer date is not listed again.
"""
from __future__ import annotations

import re
from functools import cache

from .spans import WORD_LEFT, Span, at_literals, compile_line, scan

# Day and month are matched loosely (a leading [0-9] lets CPython scan fast) and checked after.
D = r"[0-9][0-9]?"
M = r"[0-9][0-9]?"
Y = r"(?:19|20)[0-9]{2}"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_TIME_BEFORE = compile_line(r"(?:(?<!\w)(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|vào|"
                            r"trước|sau|đầu|cuối|hạn|nay|hết|kể từ|tính đến)\s+"
                            r"(?:(?i:ngày)\s+)?|\(|^|\n)$")
_DAY_BEFORE = compile_line(r"(?:(?<!\w)(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|vào)\s+"
                           r"|\(|^|\n)$")
_LIST = r"\s*(?:,|và|hoặc|đến|tới|-)\s*"  # between the items of a list or range of months
_DIGIT_LEFT = re.compile(r"[\d/.,-]")
_WORD_LEFT = re.compile(r"[\w,.]")


@cache
def _patterns() -> list[tuple[re.Pattern, str, re.Pattern | None]]:
    raw = [
        (rf"(?P<d>(?P<dd>{D})\s+tháng\s+(?P<mm>{M})\s+năm\s+(?P<yy>{Y}))(?!\d)", "dmy", _DIGIT_LEFT),
        (rf"(?P<d>(?P<dd>{D})(?P<sep>[/.-])(?P<mm>{M})(?P=sep)(?P<yy>{Y}))(?![\d/.-]\d|\d)", "dmy",
         _DIGIT_LEFT),
        (rf"(?P<d>(?P<dd>{D})[/-](?P<mm>{M}))(?![\d/-]|[.,]\d|\s*(?:%|vụ|việc|bản án))", "dm",
         _DIGIT_LEFT),
        (rf"(?P<d>(?P<dd>{D})\s+tháng\s+(?P<mm>{M}))(?![\d/-]|\s+năm\s+{Y})", "dmw", _DIGIT_LEFT),
        (rf"(?P<d>[Tt]háng\s+(?P<mm>{M})\s*(?:[/-]\s*|\s+năm\s+)(?P<yy>{Y}))(?!\d)", "my",
         WORD_LEFT),
        (rf"(?P<d>[Qq]u[ýí]\s+(?P<q>IV|I{{1,3}}|[1-4])"
         rf"(?:\s*[/-]\s*(?P<yy>{Y})|\s+năm\s+(?P<yy2>{Y}))?)(?![\w/])", "q", WORD_LEFT),
        (rf"(?P<d>[0-9][0-9]?\s+tháng\s+(?:(?:đầu|cuối)\s+năm(?:\s+{Y})?|năm\s+{Y}))(?!\d)",
         "period", _WORD_LEFT),
        (rf"(?P<d>[Nn]ăm\s+(?P<yy>{Y}))(?![\d/])", "y", WORD_LEFT),
        # Fiscal and working years: `niên độ 2023`, `năm công tác 2024`, `năm tài chính 2022`.
        (rf"(?P<d>(?:[Nn]ăm\s+(?:công tác|tài chính|ngân sách|học)|[Nn]iên độ)\s+(?P<yy>{Y})"
         rf"(?:\s*-\s*{Y})?)(?![\d/])", "y", WORD_LEFT),
        # A bare month listed before a dated one takes its year: `tháng 8 và tháng 9/2021`.
        (rf"(?P<d>[Tt]háng\s+(?P<mm>{M}))(?=(?:{_LIST}[Tt]háng\s+{M}(?![\d/-])){{0,11}}{_LIST}"
         rf"[Tt]háng\s+{M}\s*(?:[/-]\s*|\s+năm\s+)(?P<yy>{Y})(?!\d))", "my", WORD_LEFT),
        (rf"(?P<d>{Y}\s*-\s*{Y})(?![\d/-])", "range", _DIGIT_LEFT),
        (rf"(?P<d>(?P<yy>{Y})-(?P<mm>0[1-9]|1[0-2])(?:-(?P<dd>0[1-9]|[12]\d|3[01]))?)(?![\d-])",
         "iso", _DIGIT_LEFT),
        # ... and the months in words (`bốn tháng đầu năm 2018`); `năm` is too common a head.
        (rf"(?P<d>(?P<n>[Mm]ột|[Hh]ai|[Bb]a|[Bb]ốn|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười(?:\s+(?:một|hai))?)\s+tháng\s+"
         rf"(?:đầu|cuối)\s+năm(?:\s+{Y})?)(?!\d)", "wperiod", WORD_LEFT),
    ]
    return [(compile_line(p), kind, left) for p, kind, left in raw]


def _canonical(m: re.Match, kind: str, g: dict) -> str:
    if kind == "dmy":
        return f"{g['yy']}-{int(g['mm']):02d}-{int(g['dd']):02d}"
    if kind in ("dm", "dmw"):
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
    if kind == "wperiod":
        n = " ".join(g["n"].lower().split())
        return " ".join((str(_MONTH_WORDS[n]) + m.group("d")[len(g["n"]):]).split())
    return " ".join(m.group("d").split())


_MONTH_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
                "mười một": 11, "mười hai": 12}
_MONTH_WORDS_LAST = frozenset(n.rsplit(" ", 1)[-1] for n in _MONTH_WORDS)


# What each pattern's matches hold, by the pattern's index in `_patterns`: a text without it
# is not scanned by that pattern (a full pass for its common first character, a digit or a
# letter, while most texts hold none of its words). Each is a necessary condition only.
_MONTH_NUMBER = re.compile(r"háng[^\S\n]+[0-9]")  # `tháng 9`, `Tháng 12`
_SEP_YEAR = tuple(sep + century for sep in "/.-" for century in ("19", "20"))  # `/9/2021`: `/20`
_NEEDS = {
    0: _MONTH_NUMBER.search, 3: _MONTH_NUMBER.search, 4: _MONTH_NUMBER.search,
    1: lambda text: any(w in text for w in _SEP_YEAR) or None,  # (substring tests: no scan)
    2: lambda text: ("/" in text or "-" in text) or None,  # `24/9`, `9-12`
    9: _MONTH_NUMBER.search,
    5: re.compile(r"u[ýí][^\S\n]").search,  # `Quý IV`, `quí 2`
    6: re.compile(r"tháng[^\S\n]+(?:đầu|cuối|năm)").search,
    8: lambda text, _years=re.compile(r"ăm[^\S\n]+(?:công tác|tài chính|ngân sách|học)").search: (
        "iên độ" in text or _years(text)) or None,  # (no top-level `|`: a literal prefix scans fast)
    10: re.compile(r"-[^\S\n]*(?:19|20)[0-9]{2}").search,
    11: re.compile(r"-(?:0[1-9]|1[0-2])").search,
    12: lambda text: _months_in_words(text) or None,
}


def _months_in_words(text: str) -> bool:
    """Whether a month count in words (`bốn tháng đầu năm`) is written: the word before each
    ` tháng đầu/cuối năm` is asked (texts write the count in digits far more often)."""
    for tail in (" tháng đầu năm", " tháng cuối năm"):
        i = text.find(tail)
        while i >= 0:
            if text[max(0, i - 5):i].rsplit(" ", 1)[-1].lower() in _MONTH_WORDS_LAST:
                return True
            i = text.find(tail, i + 1)
    return False

# The literals every match of a pattern starts with (by index): tried where they occur
# (`at_literals`), which beats CPython's scan for a leading `[Nn]`, `[Qq]`, `[Tt]`.
_MONTH_WORD = ("Tháng", "tháng")
_STARTS = {4: _MONTH_WORD, 5: ("Quý", "Quí", "quý", "quí"), 7: ("Năm", "năm"), 9: _MONTH_WORD,
           12: tuple(w + " " for n in _MONTH_WORDS if " " not in n for w in (n, n.capitalize()))}


def find_dates(text: str) -> list[Span]:
    out = []
    held: dict = {}  # need -> whether the text holds it (patterns share `_MONTH_NUMBER`)
    for i, (rx, kind, left) in enumerate(_patterns()):
        need = _NEEDS.get(i)
        if need is not None:
            holds = held.get(need)
            if holds is None:
                holds = held[need] = need(text) is not None
            if not holds:
                continue
        heads = _STARTS.get(i)
        for m in at_literals(rx, heads, text, left) if heads else scan(rx, text, left):
            g = m.groupdict()
            if not (0 < int(g.get("dd") or 1) <= 31 and 0 < int(g.get("mm") or 1) <= 12):
                continue
            if kind == "dm" and not _TIME_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                continue  # a bare day/month needs a time word before it
            if kind == "dmw" and not _DAY_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                continue  # `15 tháng 6` is a date after a day word (`sau 3 tháng 2 đoàn` is not)
            out.append(Span(m.start("d"), m.end("d"), "DATE", _canonical(m, kind, g)))
    return out


def complete_dates(dates: list[Span], article_date: str | None) -> None:
    """`--09-24` (a yearless `24/9`) gets the year of the article's date: the latest such date
    not more than a month after it (an article of January 2021 that says `24/12` means 2020)."""
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", article_date or "")
    if not m:
        return
    year, month = int(m[1]), int(m[2] or 12)
    for d in dates:
        if d.canonical.startswith("--"):
            mm = int(d.canonical[2:4])
            d.canonical = f"{year - 1 if mm > month + 1 else year}{d.canonical[1:]}"
