"""Periods named in a text: `05 tháng đầu năm 2022` → `2022:5m`, `Quý III/2020` → `2020-Q3`,
`từ ngày 1-10-2013 đến ngày 31-7-2014` → an ISO interval (`từ năm 2012 đến 2015`, `từ năm
2016-2018` → `2012/2015`, `2016/2018`),
`tính đến hết ngày 30/9/2025` → the THADS year `2025`, `trong năm` → the THADS year (1 October –
30 September) last ended at the article's date. A comparison base (`so với cùng kỳ năm 2018`) or a starting point (`kể từ năm
2010`) is no period.
"""
from __future__ import annotations

import re

from .cues import speaks_of_enforcement
from .spans import Span, at_literals

_N_MONTHS = re.compile(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+((?:19|20)\d\d)")
_NOT_A_PERIOD = re.compile(r"(?i)(?<!\w)(?:so với|cùng kỳ|kể từ|từ năm|chỉ tiêu|kế hoạch|nhiệm vụ|"
                           r"giai đoạn)(?:\s+[^\s.;,]+){0,3}?\s*$")
# Every match holds one of these words, lower-cased: a window without any is not searched (the
# pattern opens with a look-behind and alternatives, tried at each of the window's 30 places).
_NOT_A_PERIOD_WORDS = ("so với", "cùng kỳ", "kể từ", "từ năm", "chỉ tiêu", "kế hoạch", "nhiệm vụ",
                       "giai đoạn")


def _not_a_period(text: str, start: int) -> bool:
    lo = max(0, start - 30)
    window = text[lo:start].lower()
    if not any(w in window for w in _NOT_A_PERIOD_WORDS):
        return False
    return _NOT_A_PERIOD.search(text, lo, start) is not None


_BARE_YEAR = re.compile(r"(?:(?P<past>[Tt]rong năm|[Cc]ả năm|[Nn]ăm qua)|(?P<now>[Nn]ăm nay))(?!\w)(?!\s+\d)")
_BARE_YEAR_HEADS = ("Trong năm", "trong năm", "Cả năm", "cả năm", "Năm qua", "năm qua", "Năm nay",
                    "năm nay")  # where it can start


def thads_year(date: str | None, current: bool = False) -> str | None:
    """The THADS year (1 October – 30 September, named by its end year) last ended at `date`,
    or, with `current`, the one running then."""
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", date or "")
    if not m:
        return None
    year, month = int(m[1]), int(m[2] or 12)
    running = year + 1 if month >= 10 else year
    return str(running if current else running - 1)


def period_of(span: Span, date: str | None = None) -> str | None:
    """A DATE span's canonical as a period id, or None when it names no reporting period.
    A period named without its year (`6 tháng đầu năm`, `quý I`) is of the year `date` gives
    (its sentence's, else the article's), a quarter that has not begun by the article's date too
    (`kiểm tra … tại 3 quận trong quý IV`: a plan for that quarter)."""
    c = span.canonical
    # (cheap tests first: `… tháng … năm YYYY` holds `tháng`, a period id is 4 or 7 long)
    if "tháng" in c:
        if m := _N_MONTHS.fullmatch(c):
            return f"{m[2]}:{int(m[1])}m"
        if date and (m := _N_MONTHS_YEARLESS.fullmatch(c)) and (d := _DATE.match(date)) and 0 < int(m[1]) < 12:
            return f"{d[1]}:{int(m[1])}m"
        return None
    if len(c) in (4, 7) and _PERIOD_ID.fullmatch(c):
        return c
    if len(c) == 2 and c[0] == "Q" and date and (d := _DATE.match(date)):
        return f"{d[1]}-{c}"  # (a quarter yet to come too: a plan for it, the lead's decision, round 8)
    return None


def _year_of(text: str, dates: list[Span], i: int, date: str | None) -> str | None:
    """The year a yearless period (`quý II`, `6 tháng đầu năm`) is of: a year its sentence names
    before it (`các quý trong năm 2017 lần lượt là quý I đạt 6,3%; quý II …`), else the article's."""
    c = dates[i].canonical
    if not (len(c) == 2 and c[0] == "Q" or "tháng đầu năm" in c and not c[-1].isdigit()):
        return date
    start = dates[i].start
    for j in range(i - 1, max(-1, i - 6), -1):  # (dates are in text order)
        d = dates[j]
        if start - d.end > 120 or "\n" in text[d.end:start] or ". " in text[d.end:start]:
            break
        if len(d.canonical) == 4 and YEAR.fullmatch(d.canonical) and not _not_a_period(text, d.start):
            return d.canonical
    return date


_N_MONTHS_YEARLESS = re.compile(r"(\d{1,2})\s+tháng\s+đầu\s+năm")
_DATE = re.compile(r"((?:19|20)\d\d)(?:-(\d\d))?")


_PERIOD_ID = re.compile(r"(?:19|20)\d\d(?:-Q[1-4]|-\d\d)?")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
YEAR = re.compile(r"\d{4}")  # (`search`es a year in a span too: four digits there are one)
_FROM = re.compile(r"(?i)(?:từ|kể từ)\s+(?:ngày\s+)?$")
_FROM_YEAR = re.compile(r"(?i)(?:từ|kể từ)\s+(?:(?:cuối|giữa|đầu)\s+)?$")  # (`từ cuối năm 2016 đến năm 2019`)
_TO = re.compile(r"\s*(?:đến|tới|-)\s+(?:hết\s+)?(?:ngày\s+)?")
_UNTIL_END = re.compile(r"(?i)(?:đến|tới)\s+hết\s+$")
_TO_NOW = re.compile(r"\s*(?:đến|tới)\s+nay(?!\w)")
_TO_THEN = re.compile(r"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày|tháng|năm|quý|\d)")
_SINCE = re.compile(r"(?i)(?<!\w)(?:từ|kể từ)\s+(?:(?:cuối|giữa|đầu)\s+)?$")  # (`từ cuối năm 2015 đến …`)
_OF_YEAR = re.compile(r"(?i),\s*(?:là\s+)?(?:tháng|quý)\s+[^,.;]{0,20}?\s+của\s+(?:(?:năm|niên độ)\s+(?:công tác\s+)?)?$")
_TO_YEAR = re.compile(r"\s*(?:(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?|[-–]\s*)((?:19|20)\d\d)(?![\d/.-]\d)")
_SPAN_END = re.compile(r"(?i)(?<!\w)từ\s+[^.;,\n]{0,25}?(?<!\d)(?:19|20)\d\d(?!\d)[^.;,\n\d]{0,10}?\s(?:đến|tới)\s+"
                       r"(?:(?:giữa|cuối|đầu)\s+)?(?:(?:ngày|tháng|năm|quý)\s+)?$")
_UNTIL = re.compile(r"(?i)(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$")


def _spans_and_cutoffs(text: str, dates: list[Span]) -> list[tuple[int, int, str]]:
    """`từ ngày 1-10-2013 đến ngày 31-7-2014` -> `2013-10-01/2014-07-31`; a cut-off
    `tính đến hết ngày 30/9/2025` -> the THADS year `2025` (another day: its month)."""
    full = sorted((d for d in dates if len(d.canonical) == 10 and _DAY.fullmatch(d.canonical)),
                  key=lambda d: d.start)
    out = []
    used = set()
    for a, b in zip(full, full[1:]):
        gap = _TO.fullmatch(text, a.end, b.start)
        if gap and _FROM.search(text, max(0, a.start - 14), a.start):
            first = a.canonical
            if first > b.canonical or not YEAR.search(text, a.start, a.end):
                # `từ 01/07 – 30/09/2016`: a yearless start is in the end's year (the year before
                # when later in the year: `từ 01/10 – 31/3/2022`), not the article's
                first = b.canonical[:4] + first[4:]
                if first > b.canonical:
                    first = f"{int(b.canonical[:4]) - 1:04d}" + first[4:]
            out.append((a.start, b.end, f"{first}/{b.canonical}"))
            used.update((a.start, b.start))
    # `từ năm 2012 đến 2015`, `từ năm 2016-2018`: the years from one to the other, an ISO interval of years
    for d in dates:
        if len(d.canonical) == 4 and "ừ" in text[max(0, d.start - 20):d.start] and YEAR.fullmatch(d.canonical) \
                and _FROM_YEAR.search(text, max(0, d.start - 20), d.start):  # (`từ`: a substring test first)
            m = _TO_YEAR.match(text, d.end)
            if m and int(m[1]) > int(d.canonical):
                out.append((d.start, m.end(), f"{d.canonical}/{m[1]}"))
    calendar = None  # (asked once: a text that never speaks of enforcement reports calendar years)
    for d in full:
        if d.start in used or not _UNTIL.search(text, max(0, d.start - 16), d.start):
            continue
        c = d.canonical
        if c[5:7] == "12":
            # `Tính đến ngày 15/12, thu NSNN đạt …` in a customs or tax office's report: a budget
            # year is the calendar year, and a cut-off in its last month gives that year's result
            # so far, the year (a THADS report's December is its year's third month: the month)
            if calendar is None:
                calendar = not speaks_of_enforcement(text)
            if calendar:
                out.append((d.start, d.end, c[:4]))
                continue
        out.append((d.start, d.end, c[:4] if c[5:] == "09-30" else c[:7]))
    # `tính đến hết tháng 6/2024`: the THADS year so far, `2024:9m` (September: the year)
    for d in dates:
        m = _MONTH.fullmatch(d.canonical) if len(d.canonical) == 7 else None
        if m and _UNTIL_END.search(text, max(0, d.start - 12), d.start):
            year, month = int(m[1]), int(m[2])
            months = month - 9 if month >= 10 else month + 3
            year += month >= 10
            out.append((d.start, d.end, str(year) if months == 12 else f"{year}:{months}m"))
    return out


def _after_span_to(text: str, at: int) -> bool:
    """`at` ends a span `từ … (năm) YYYY … đến (giữa|cuối|đầu) …` (substring tests first)."""
    near = text[max(0, at - 30):at]
    return ("đến" in near or "tới" in near) and "ừ" in text[max(0, at - 60):at] and \
        _SPAN_END.search(text, max(0, at - 60), at) is not None


def find_periods(text: str, dates: list[Span], date: str | None) -> list[tuple[int, int, str]]:
    """Every period expression of the text as (start, end, period id), sorted."""
    periods = [(d.start, d.end, period_of(d, _year_of(text, dates, i, date))) for i, d in enumerate(dates)] \
        + _spans_and_cutoffs(text, dates)
    periods = list({(p[0], p[1]): p for p in periods}.values())  # a cut-off reading wins
    spans = [(a, b) for a, b, p in periods if p and "/" in p]
    if spans:  # (the years a span names are no periods of their own)
        periods = [p for p in periods if not any(a <= p[0] and p[1] <= b and (a, b) != (p[0], p[1]) for a, b in spans)]
    # Every bare year holds one of these: most texts have none, and the anchor's scan for its
    # common first letters (t, c, n) costs more than these four checks.
    bare = "rong năm" in text or "Cả năm" in text or "cả năm" in text or "ăm qua" in text \
        or "ăm nay" in text
    for m in at_literals(_BARE_YEAR, _BARE_YEAR_HEADS, text) if bare else ():
        if not (m.start() and text[m.start() - 1].isalnum()):
            periods.append((m.start(), m.end(), thads_year(date, current=m["now"] is not None)))
    # A comparison base (`so với cùng kỳ năm 2018`) or a starting point is no period, nor the
    # start of a span still running (`từ tháng 9/2016 đến nay`, `kéo dài từ năm 2011`); a
    # closed span of years (`từ năm 2011 đến 2014`) is their interval, `2011/2014`.
    # ... nor the end of a span from another year no interval was read for (`từ cuối năm 2015
    # đến giữa tháng 3-2018`): what happened over it did not happen in its last month (`đến
    # hết tháng 8/2025` is a cut-off, read above).
    periods = sorted(p for p in periods if p[2] and not _not_a_period(text, p[0])
                     and not ("/" not in p[2] and _SINCE.search(text, max(0, p[0] - 16), p[0])
                              and (_TO_NOW.match(text, p[1]) or not _TO_THEN.match(text, p[1])))
                     and not ("/" not in p[2] and _after_span_to(text, p[0])))
    # `tháng 10/2025, tháng đầu tiên của năm công tác 2026`: the year only places the month
    periods = [p for i, p in enumerate(periods) if not (
        i and _OF_YEAR.search(text, max(0, p[0] - 40), p[0]) and 0 <= p[0] - periods[i - 1][1] <= 60
        and "." not in text[periods[i - 1][1]:p[0]])]
    # `6 tháng đầu năm 2022 (từ ngày 01/10/2021 đến ngày 31/3/2022)`: the name is the period;
    # a name without its year (`Quý 4 (từ 01/07 – 30/09/2016)`) is its bracket's interval
    named = [p for p in periods if "/" not in p[2]]
    drop = set()
    for p in periods:
        if "/" in p[2]:
            for n in named:
                if 0 <= p[0] - n[1] <= 16 and "(" in text[n[1]:p[0]]:
                    drop.add(n if not YEAR.search(text, n[0], n[1]) else p)
    return [p for p in periods if p not in drop]


_IN_MONTHS = re.compile(r"(?:[Tt]rong|[Qq]ua)\s+(?:vòng\s+)?$")
_MONTHS_END = re.compile(r"\s*(?:[,.;:()]|$|\n|(?:qua|vừa qua|đầu năm|năm nay|năm \d{4})(?!\w))")


def reporting_months(text: str, start: int, end: int) -> bool:
    """`trong 9 tháng` ending a clause (`… hơn 15.000 việc trong 9 tháng`, `Trong 9 tháng, …`):
    the months a report covers, not a duration (`trong 6 tháng kể từ ngày …` is one)."""
    return (text.endswith("tháng", start, end) and bool(_IN_MONTHS.search(text, max(0, start - 12), start))
            and bool(_MONTHS_END.match(text, end)))
