"""A figure's `metric` from the grammar of its sentence (../shared/gold/README.md, schema 2).

The aspect (`về việc` / `về tiền`, or the unit), the quantity (`tỷ lệ` → rate, `phải thi hành`
→ total, `có điều kiện` → enforceable, `thi hành xong` → done) and the comparison (`tăng … so
với cùng kỳ` → `.change`, `vượt … chỉ tiêu` → `.vs_target`); one case's sums (`bồi thường`,
`đã nộp`, `đấu giá`) are `case.owed`, `case.recovered`, `auction.price`.
"""
from __future__ import annotations

import re

from .cues import END, KIND, START, detail
from .lexicon import LOWER

_ASPECT = r"về\s+(?P<a>việc|tiền)"
_SHARE_OF = re.compile(rf"\s+(?!(?:về|số|so|và|hoặc|tăng|giảm|cao|thấp|trở|đến|tới|trên|dưới|của|là|"
                       rf"nhưng|thì|mà|với|trong|khi|kế hoạch|chỉ tiêu)(?!\w))(?!tổng số (?:vụ )?(?:việc|tiền))"
                       rf"{LOWER}")
_OF_WHAT = re.compile(r"\s*(?:tổng\s+)?số\s+(?:vụ\s+)?(?P<a>việc|tiền)(?!\w)")
_ASPECT_AFTER = re.compile(rf"(?i)[\s)]*\(?\s*{_ASPECT}(?!\w)")
_ASPECT_BEFORE = re.compile(rf"(?i){_ASPECT}\s*[(:]?\s*$")
# `tỷ lệ` then a noun that is not enforcement's: a rate of something else (`tỷ lệ giải ngân`,
# `tỷ lệ thủ tục hành chính trực tuyến`, `tỷ lệ án bị hủy`).
_RATE_OF_OTHER = re.compile(r"\s+(?!(?:thi hành|giải quyết|xong|về|đạt|chung|bình quân|trung bình|hoàn "
                            r"thành|thực hiện|việc|tiền|số|chấp hành|tương ứng|này|là|trên|khoảng|"
                            r"hơn|gần|tăng|giảm|cao|thấp|so|ước|có|của|được|đã|thu hồi|THA)(?!\w))"
                            rf"{LOWER}")
# Sums over many auctions: a total, or the agencies of a whole province or country.
_MANY_AUCTIONS = re.compile(r"(?i)tổng (?:giá trị|số tiền|trị giá)|các (?:cơ quan|chi cục|đơn vị|dự án)|"
                            r"(?<![\d/])\d+\s+(?:đơn vị|dự án|lô|thửa)(?!\w)|"
                            r"toàn (?:tỉnh|thành phố|quốc|ngành|hệ thống)|cả nước")
# After the figure, in its clause: a comparison with the past, or with a target.
_VERSUS = re.compile(r"(?P<past>[Ss]o với\s+(?:cùng kỳ|năm))|(?P<target>[Ss]o với\s+(?:\w+\s+){0,2}?"
                     r"(?:chỉ tiêu|kế hoạch)|chỉ tiêu)")
_AFTER_QUANTITY = re.compile(r"(?i)\s*(?:\S+\s+){0,2}?(?:(?P<no>chưa có điều kiện)|(?P<enforceable>có điều kiện)"
                             r"|(?P<total>phải thi hành)|(?P<pending>(?:chưa|không)\s+(?:được\s+)?(?:thi hành|"
                             r"giải quyết|xử lý)|còn tồn|tồn đọng|tồn(?!\s+tại)))(?!\w)")


# Money taken (`chiếm đoạt`, `chiếm dụng`, `chi xài`) between a result word and the sum: the
# sum is what was taken, no one's debt or payment (`trả nợ, Huy chiếm đoạt hơn 1,3 tỷ đồng`).
_TAKEN = re.compile(r"(?<!\w)(?:chiếm đoạt|chiếm dụng|chiếm hưởng|tham ô|chi xài|chiếm giữ)(?!\w)")
# Papers faked before a word of paying (`lập chứng từ khống để thanh toán …`): a sum misspent.
_FAKED = re.compile(r"(?<!\w)khống(?!\w)")
_ACCOUNT = re.compile(r"(?i)tài khoản\s+$")
# A payment received (`VSP … được OceanBank trả lãi 49,7 tỷ đồng`): the passive's agent pays.
_RECEIVED = re.compile(r"(?<!\w)được(?:\s+(?!buộc|tuyên)[^\s,.;]+){1,6}\s+$")
# A plan or forecast (`dự kiến thu về 7.704 tỉ đồng`) is no result; nor a bound (`từ 100 tỷ
# đồng trở lên`), nor a share of a plan (`đạt 138% kế hoạch`).
PLANNED = re.compile(r"(?i)(?<!\w)(?:dự kiến|dự tính|kế hoạch thu|phấn đấu)(?!\w)")
_BOUND_AFTER = re.compile(r"\s*trở\s+lên(?!\w)")
_CLASS_BEFORE = re.compile(r"(?i)(?:có|với)\s+giá\s+trị(?:\s+[^\s\d.;,]+){0,3}?\s+$")


def is_bound(text: str, start: int, end: int) -> bool:
    """A bound of a class, no quantity: `từ 100 tỷ đồng trở lên`, `các vụ việc có giá trị phải
    thi hành trên 10 tỷ đồng`."""
    return bool(_BOUND_AFTER.match(text, end)) or (
        text.startswith(("trên", "dưới", "từ"), start) and _CLASS_BEFORE.search(text, max(0, start - 60), start) is not None)
_OF_PLAN = re.compile(r"\s+(?:kế hoạch|chỉ tiêu)(?!\w)")


# A figure in brackets after the level it names (`… mức bình quân chung của cả nước (31%)`).
_LEVEL_BEFORE = re.compile(r"(?i)(?<!\w)(?:mức|bình quân|trung bình)(?!\w)[^,;()]{0,40}\(\s*$")


class Window:
    """A figure in its sentence: the open bracket before it, its clause, the clause after."""

    def __init__(self, text: str, hits: dict, s: int, start: int, end: int, e: int):
        self.text, self.hits, self.s, self.start, self.end, self.e = text, hits, s, start, end, e
        open_at = text.rfind("(", s, start)
        if open_at < text.rfind(")", s, start):
            open_at = -1
        outer_end = open_at if open_at >= 0 else start
        cut = max(text.rfind(",", s, outer_end), text.rfind(";", s, outer_end),
                  text.rfind(":", s, outer_end))
        self.inner = (open_at + 1, start) if open_at >= 0 else None
        self.clause = (cut + 1 if cut >= 0 else s, outer_end)
        comma, semi = text.find(",", end, e), text.find(";", end, e)
        stop = e if comma < 0 and semi < 0 else semi if comma < 0 else comma if semi < 0 else min(comma, semi)
        self.after_end = min(stop, end + 90)

    def last(self, kind: str, *ranges) -> tuple | None:
        for r in ranges:
            if r is not None:
                m = self.hits[kind].last(*r)
                if m is not None:
                    return m
        return None

    def any(self, kind: str, lo: int, hi: int) -> bool:
        return self.hits[kind].any(lo, hi)


def _aspect(w: Window, unit: str, word: str, prev_unit: str | None = None) -> str:
    if unit in ("VND", "USD"):
        return "money"
    if unit == "case":
        return "judgments" if "bản án" in word else "cases"
    m = (_OF_WHAT.match(w.text, w.end, w.e) or _ASPECT_AFTER.match(w.text, w.end, w.e)
         or _ASPECT_BEFORE.search(w.text, max(w.s, w.start - 30), w.start))
    word = m["a"].lower() if m else None
    if word is None and prev_unit:  # `thu được 430 tỷ đồng, đạt 36,5%`: the rate of that sum
        word = "tiền" if prev_unit in ("VND", "USD") else "việc"
    if word is None:
        cue = w.last("aspect", (w.s, w.start))
        word = detail(cue) if cue else None
    if word:
        return "cases" if word == "việc" else "money"
    return "money" if w.any("tiền", w.s, w.start) else "cases"


def metric_of(w: Window, unit: str, word: str, case_context: bool, previous: str | None,
              prev_unit: str | None = None, has_of: bool = False, prev_metric: str | None = None) -> str:
    """The metric id of a figure from its sentence (README, schema 2). `prev_unit` and
    `prev_metric` are those of a figure just before it, joined by a comma (`… 412 tỷ đồng,
    tăng 23,4%`: the change of that sum). The caseload and money KPIs (`cases.*`, `money.*`)
    are civil judgment enforcement's results: an article that never speaks of it
    (`speaks_of_enforcement`: a police, court, tax or inspectorate report, a school's results)
    reports none."""
    m = _metric_of(w, unit, word, case_context, previous, prev_unit, has_of, prev_metric)
    if m.startswith(("cases.", "money.")) and not w.hits["thads"].cues:
        return "other"
    return m


def _metric_of(w: Window, unit: str, word: str, case_context: bool, previous: str | None,
               prev_unit: str | None, has_of: bool, prev_metric: str | None) -> str:
    if unit == "rank":
        return "rank"
    if unit not in ("percent", "VND", "USD", "case"):
        return "other"
    if is_bound(w.text, w.start, w.end):
        return "other"
    before = (w.s, w.start)
    regime = w.last("regime", before)
    if regime is not None and detail(regime) == "admin":
        # `Kết quả THAHC, các cơ quan hành chính đã thi hành xong 216/897 việc`
        return "judgments" if unit == "case" else "other"
    trend = w.last("trend", w.inner, w.clause)
    if trend is not None and w.inner and trend[START] < w.inner[0] and \
            _LEVEL_BEFORE.search(w.text, max(w.s, w.start - 60), w.start):
        trend = None  # `thấp hơn mức bình quân của cả nước (khoảng 31%)`: that level itself
    change = trend is not None and trend[KIND] == "change"
    target = trend is not None and trend[KIND] == "target"
    versus = _VERSUS.search(w.text, w.end, w.after_end)
    if versus and versus["past"] and not target:
        change = True
    elif versus and versus["target"] and (target or change):
        target, change = True, False
    aspect = _aspect(w, unit, word, prev_unit)
    kpi = w.any("kpi", w.s, w.after_end)
    if unit == "percent" and change and prev_metric and prev_metric != "other" and not prev_metric.endswith(".change") \
            and prev_unit in ("VND", "USD", "case") and not _ASPECT_AFTER.match(w.text, w.end, w.e):
        return prev_metric + ".change"  # `thu hồi được 21.500 tỉ đồng, tăng hơn 50%`: that sum's change
    if unit != "VND" and unit != "USD" and w.any("crime", w.s, w.e) and not w.any("enforce", w.s, w.e):
        return "other"  # `khởi tố mới 1.126 vụ án`, `tăng 45% số vụ`: criminal procedure's counts
    if unit == "percent":
        if not kpi or _SHARE_OF.match(w.text, w.end, w.e):
            return "other"  # `98,6% hồ sơ`, `20% tổng lượng án`: a share of something else
        if not target and _OF_PLAN.match(w.text, w.end, w.e):
            return "other"  # `đạt 138% kế hoạch`: how much of a plan, no enforcement rate
        rate = w.last("rate", before)
        if rate is not None and _RATE_OF_OTHER.match(w.text, rate[END]) and not \
                _ASPECT_AFTER.match(w.text, w.end, w.e):
            return "other"  # `tỷ lệ hồ sơ trực tuyến đạt 72,3%`: the rate of something else
        if change and prev_metric == "other" and prev_unit in ("VND", "USD", "case") and not \
                _ASPECT_AFTER.match(w.text, w.end, w.e):
            return "other"  # `tổng giá trị trên 412 tỷ đồng, tăng 23,4%`: that sum's change
        total = w.last("total_noun", before)
        base = "total" if total and (not rate or total[START] > rate[START]) else "rate"
    else:
        if aspect == "judgments":
            return "judgments"
        after_q = _AFTER_QUANTITY.match(w.text, w.end, w.after_end)
        cue = w.last("q", w.inner, w.clause) or w.last("q", before)
        kind = detail(cue) if cue else None
        while kind == "total" and case_context:  # `bồi thường … tổng số tiền 170 triệu đồng`:
            cue = w.last("q", (w.s, cue[START]))  # one case has no caseload, read the cue before
            kind = detail(cue) if cue else None
        if kind == "none":
            kind = None
        if cue is not None and kind in ("owed", "recovered", "auction") and \
                _TAKEN.search(w.text, cue[END], w.start):
            kind = None  # (taken after the word: `trả nợ, Huy chiếm đoạt 1,3 tỷ đồng`)
        if kind == "owed" and _FAKED.search(w.text, w.clause[0], cue[START]):
            kind = None  # paid out on faked papers: misspent, owed by no one
        if kind == "owed" and _ACCOUNT.search(w.text, max(0, cue[START] - 12), cue[START]):
            kind = None  # `tài khoản thanh toán`: a current account, no payment
        if kind == "owed" and _RECEIVED.search(w.text, max(w.clause[0], cue[START] - 40), cue[START]):
            kind = None  # paid to the clause's subject (`được OceanBank trả lãi …`): no debt of a case
        if PLANNED.search(w.text, w.clause[0], w.start):
            return "other"  # a plan or a forecast, no result yet
        if after_q and after_q["pending"]:
            kind = "pending"  # `còn 1.234 việc chưa thi hành xong`: what is left, no result
        elif after_q and after_q["no"]:
            kind = "pending" if not has_of else None  # `120 việc chưa có điều kiện`: no result either
        elif after_q and not has_of:  # `8.915/11.230 việc có điều kiện`: that is the denominator
            kind = after_q.lastgroup
        if kind == "pending":
            return "other"  # not done, and no caseload either
        if kind is None and change and previous:
            return previous if previous.endswith(".change") else previous + ".change"
        if aspect == "money" and kind in ("auction", "recovered", "owed"):
            if kind == "auction":
                # `các cơ quan THADS … đã bán đấu giá 183 tài sản với tổng giá trị 412 tỷ đồng`
                # totals many auctions: no one case's price; nor is a change of a price
                # (`tăng thêm 363 tỷ đồng so với …`)
                many = _MANY_AUCTIONS.search(w.text, w.s, w.start)
                if many and not case_context or change or not w.hits["auctioned"].cues:
                    return "other"  # (or a price in an article with no auction: a shop's, a car's)
                return "auction.price"
            if kind == "recovered":
                if case_context:
                    return "case.recovered"
                # aggregate sums recovered: from corruption and economic cases, else results
                # (or taken back in a criminal investigation, `các cơ quan điều tra đã thu hồi …`,
                # or in an article that never speaks of enforcement: a police or inspectorate report)
                return "assets.recovered" if w.any("graft", w.s, w.e) or w.any("crime", w.s, w.e) \
                    or not w.hits["thads"].cues else "money.done"
            return "case.owed" if case_context else "other"
        if kind == "fine" and aspect == "money":
            return "other"
        if kind in ("recovered", "owed", "auction", "fine"):
            kind = None
        if aspect == "money" and unit == "USD" and kind is None:
            return "other"
        if kind is None and (aspect == "money" or not kpi):
            return "other"  # a sum with no result word (`phải chi 1,8 tỷ đồng`) is no KPI
        base = kind or "done"
    out = f"{aspect}.{base}"
    if change:
        out += ".change"
    elif target and unit == "percent":
        out += ".vs_target"
    return out
