"""What a figure is, in the words a reader uses: its value (`61,12 %`, `62.000 tỷ đ`, `8 tháng`)
and what it measures, of whom and when (`% việc xong · toàn quốc · 8 tháng 2023`).

One vocabulary for the figures panel, the figures view (F) and the results view (R): the
metric ids of ../shared/gold/README.md (`cases.rate`, `money.done.change`, …) are shown by
their Vietnamese names, the period ids (`2022:5m`, `2020-Q3`, `2019-12`, ISO intervals) as the
reports write them. A THADS year runs 1 October – 30 September and is named by its end year.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .extract.display import exact_number

# The quantity each metric counts (ids from the gold schema), as a Vietnamese report names it.
METRICS = {
    "cases.total": "việc phải thi hành",
    "cases.enforceable": "việc có điều kiện",
    "cases.done": "việc xong",
    "cases.rate": "% việc xong",
    "money.total": "tiền phải thi hành",
    "money.enforceable": "tiền có điều kiện",
    "money.done": "tiền xong",
    "money.rate": "% tiền xong",
    "assets.recovered": "tài sản thu hồi",
    "judgments": "bản án",
    "rank": "xếp hạng",
    "case.owed": "phải trả (vụ án)",
    "case.recovered": "đã nộp (vụ án)",
    "auction.price": "giá đấu giá",
}
_SUFFIX = {"change": "Δ ", "vs_target": "so chỉ tiêu: "}  # Δ: the change (tăng/giảm), as R's headers write it
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


@lru_cache(maxsize=512)
def metric_label(metric: str | None) -> str:
    """`cases.rate` -> `% việc xong`, `cases.total.change` -> `Δ việc phải thi hành`,
    `money.rate.vs_target` -> `so chỉ tiêu: % tiền xong`; `other` (or none) -> ''."""
    if not metric or metric == "other":
        return ""
    base, _, suffix = metric.rpartition(".")
    if suffix in _SUFFIX and base in METRICS:
        return _SUFFIX[suffix] + METRICS[base]
    return METRICS.get(metric, metric)


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


@lru_cache(maxsize=4096)
def period_label(period: str | None) -> str:
    """`2022:5m` -> `5 tháng 2022` (of THADS year 2022), `2019` -> `năm 2019`, `2020-Q3` ->
    `quý III/2020`, `2019-12` -> `tháng 12/2019`, `2013-10-01/2014-07-31` ->
    `1/10/2013–31/7/2014`; anything else as it is."""
    if not period:
        return ""
    if m := re.fullmatch(r"(\d{4}):(\d{1,2})m", period):
        return f"{int(m[2])} tháng {m[1]}"
    if re.fullmatch(r"\d{4}", period):
        return f"năm {period}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        return f"quý {_ROMAN[m[2]]}/{m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d\d)", period):
        return f"tháng {int(m[2])}/{m[1]}"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", period):
        return _day(period)
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)", period):
        return f"{_day(m[1])}–{_day(m[2])}"
    return period


def fact_label(metric: str | None, subject: str | None, period: str | None) -> str:
    """`% việc xong · Gia Lai · 5 tháng 2022`: what, of whom, when — the parts the text says."""
    return " · ".join(x for x in (metric_label(metric), subject or "", period_label(period)) if x)


_UNIT = {"percent": "%", "case": "việc", "area": "m²", "rank": ""}
# The unit as written after the number (and its magnitude words): `8 tháng`, `47 Chấp hành viên`.
_WRITTEN_UNIT = re.compile(r"[\d.,/]+(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))*\s*(.*)$")


def short_value(figure) -> str:
    """A figure's value (an extract.Figure or an explore.FigureRow), short and exact, in
    Vietnamese notation: `61,12 %`, `216/897 việc`, `62.000 tỷ đ` (đ: đồng), `1,2 triệu USD`,
    `3/63`, `8 tháng`."""
    value = figure.value
    if figure.unit in ("VND", "USD"):
        currency = "đ" if figure.unit == "VND" else "USD"
        for size, word in ((1e9, "tỷ"), (1e6, "triệu")):
            if abs(value) >= size:
                return f"{exact_number(round(value / size, 9))} {word} {currency}"
        return f"{exact_number(value)} {currency}"
    number = exact_number(value) + (f"/{exact_number(figure.of)}" if figure.of is not None else "")
    if figure.metric == "judgments":  # as written (`216/897 việc` of judgments is no `216/897 bản án`)
        m = _WRITTEN_UNIT.search(figure.text)
        word = m[1] if m and m[1] in ("việc", "vụ việc", "bản án", "quyết định", "vụ") else "bản án"
    elif figure.unit in _UNIT:
        word = _UNIT[figure.unit]
    else:  # durations and counts: the unit word of the text (`1 năm`: `1 năm`, never `1`)
        m = _WRITTEN_UNIT.search(figure.text)
        word = m[1] if m else ""
    return f"{number} {word}".rstrip()
