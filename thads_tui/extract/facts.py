"""What a figure measures (`metric`), of whom (`subject`) and when (`period`).

Read from the grammar around the number, as ../shared/gold/README.md (schema 2) defines them:
- `metric`: the aspect (`về việc` / `về tiền`, or the unit: đồng → money, vụ việc → cases,
  bản án → judgments), the quantity (`tỷ lệ` → rate, `phải thi hành` → total, `có điều kiện`
  → enforceable, `thi hành xong` → done) and the comparison (`tăng`, `cao hơn`, `so với cùng
  kỳ` → `.change`; `vượt … chỉ tiêu` → `.vs_target`); one case's sums (`bồi thường`, `đã nộp`,
  `đấu giá`) are `case.owed`, `case.recovered`, `auction.price`. A comparison word governs the
  figures coordinated after it (`tăng 0,18% về việc và 1,96% về tiền`), inside brackets too.
- `subject`: a province or the nation named in the sentence before the figure, else the
  article's (its `Cục THADS tỉnh …`, its main province, `Tổng cục` / `toàn quốc`); for one
  case's sums, the nearest person or company.
- `period`: the nearest period expression of the sentence (then of the paragraph) that is not
  a comparison base (`so với cùng kỳ năm 2018`) or a starting point (`kể từ năm 2010`), else
  the period of the figures before; `05 tháng đầu năm 2022` → `2022:5m`, `Quý III/2020` →
  `2020-Q3`, `trong năm` → the THADS year (1 October – 30 September) last ended at the
  article's date.

Every search looks at a bounded window around one figure, so the pass is linear in the text.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from .lexicon import LOWER, trie_pattern
from .spans import Span, anchored

# A sentence ends at . ! ? … before a space, but not after an initial (`ông Trương Văn H. trả`).
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)|(?=\s|$))")  # starts with a set: scanned fast
_INITIAL = re.compile(r"(?<!\w)[A-ZĐ]$")
_WINDOW = 240  # characters of sentence looked at on each side of a figure

_ASPECT = r"về\s+(?P<a>việc|tiền)"
_SHARE_OF = re.compile(rf"\s+(?!(?:về|số|so|và|hoặc|tăng|giảm|cao|thấp|trở|đến|tới|trên|dưới|của|là|"
                       rf"nhưng|thì|mà|với|trong|khi|kế hoạch|chỉ tiêu)(?!\w))(?!tổng số (?:vụ )?(?:việc|tiền))"
                       rf"{LOWER}")
_OF_WHAT = re.compile(r"\s*(?:tổng\s+)?số\s+(?:vụ\s+)?(?P<a>việc|tiền)(?!\w)")
_ASPECT_AFTER = re.compile(rf"(?i)[\s)]*\(?\s*{_ASPECT}(?!\w)")
_ASPECT_BEFORE = re.compile(rf"(?i){_ASPECT}\s*[(:]?\s*$")
_TOTAL_NOUN = re.compile(r"[Ss]ố (?:vụ )?(?:việc|tiền)[^.;()\n]{0,120}?(?:phải thi hành|thụ lý|phải giải quyết)")
# After the figure, in its clause: a comparison with the past, or with a target.
_VERSUS = re.compile(r"(?P<past>[Ss]o với\s+(?:cùng kỳ|năm))|(?P<target>[Ss]o với\s+(?:\w+\s+){0,2}?"
                     r"(?:chỉ tiêu|kế hoạch)|chỉ tiêu)")
_AFTER_QUANTITY = re.compile(r"(?i)\s*(?:\S+\s+){0,2}?(?:(?P<no>chưa có điều kiện)|(?P<enforceable>có điều kiện)"
                             r"|(?P<total>phải thi hành))(?!\w)")
_TRACKED = re.compile(r"thuộc diện[^.;\n]{0,120}?theo dõi")
_NOT_A_PERIOD = re.compile(r"(?i)(?<!\w)(?:so với|cùng kỳ|kể từ|từ năm|chỉ tiêu|kế hoạch|nhiệm vụ|"
                           r"giai đoạn)(?:\s+[^\s.;,]+){0,3}?\s*$")
_BARE_YEAR = re.compile(r"(?:(?P<past>[Tt]rong năm|[Cc]ả năm|[Nn]ăm qua)|(?P<now>[Nn]ăm nay))(?!\w)(?!\s+\d)")
_BARE_YEAR_AT = re.compile(trie_pattern(("Trong năm", "trong năm", "Cả năm", "cả năm", "Năm qua",
                                         "năm qua", "Năm nay", "năm nay")))  # where it can start
_KPI_WORDS = ("về việc", "về tiền", "tỷ lệ", "tỉ lệ")
_CASE_WORDS = ("bị cáo", "bị đơn", "người phải thi hành án", "bản án", "tuyên phạt", "đấu giá",
               "con nợ", "khởi tố", "bồi thường")
_N_MONTHS = re.compile(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+((?:19|20)\d\d)")
_ACCUSED = re.compile(r"(?i)(?:bị cáo|bị án|bị can|bị đơn|người phải thi hành án|đối tượng)\s+$")
_CREDITOR = re.compile(r"(?i)(?:thi hành án cho|trả cho|trả nợ cho|bồi thường cho|người được thi hành án|"
                       r"nguyên đơn|trả)\s+$")
_ROLE_BEFORE = re.compile(r"(?i)(?:giám đốc|chủ tịch|tổng giám đốc|kế toán trưởng|thủ quỹ|"
                         r"nhân viên|cán bộ|trưởng phòng|phó giám đốc)(?:\s+\w+){0,2}\s+$")
_LENDER = re.compile(r"Ngân hàng|Quỹ tín dụng|Công ty (?:Tài chính|Quản lý nợ)")
_AUCTIONEER = re.compile(r"Công ty (?:Đấu giá|đấu giá|TNHH Đấu giá|Cổ phần Đấu giá)|Trung tâm Dịch vụ đấu giá")
_KPI_UNITS = frozenset({"percent", "VND", "USD", "case"})
_CASE_METRICS = ("case.owed", "case.recovered", "auction.price")


def thads_year(date: str | None, current: bool = False) -> str | None:
    """The THADS year (1 October – 30 September, named by its end year) last ended at `date`,
    or, with `current`, the one running then."""
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", date or "")
    if not m:
        return None
    year, month = int(m[1]), int(m[2] or 12)
    running = year + 1 if month >= 10 else year
    return str(running if current else running - 1)


def period_of(span: Span) -> str | None:
    """A DATE span's canonical as a period id, or None when it names no reporting period."""
    c = span.canonical
    if m := _N_MONTHS.fullmatch(c):
        return f"{m[2]}:{int(m[1])}m"
    if _PERIOD_ID.fullmatch(c):
        return c
    return None


_PERIOD_ID = re.compile(r"(?:19|20)\d\d(?:-Q[1-4]|-\d\d)?")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_YEAR = re.compile(r"\d{4}")
_FROM = re.compile(r"(?i)(?:từ|kể từ)\s+(?:ngày\s+)?$")
_TO = re.compile(r"\s*(?:đến|tới|-)\s+(?:hết\s+)?(?:ngày\s+)?")
_UNTIL_END = re.compile(r"(?i)(?:đến|tới)\s+hết\s+$")
_UNTIL = re.compile(r"(?i)(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$")


def _spans_and_cutoffs(text: str, dates: list[Span]) -> list[tuple[int, int, str]]:
    """`từ ngày 1-10-2013 đến ngày 31-7-2014` -> `2013-10-01/2014-07-31`; a cut-off
    `tính đến hết ngày 30/9/2025` -> the THADS year `2025` (another day: its month)."""
    full = sorted((d for d in dates if _DAY.fullmatch(d.canonical)), key=lambda d: d.start)
    out = []
    used = set()
    for a, b in zip(full, full[1:]):
        gap = _TO.fullmatch(text, a.end, b.start)
        if gap and _FROM.search(text, max(0, a.start - 14), a.start):
            out.append((a.start, b.end, f"{a.canonical}/{b.canonical}"))
            used.update((a.start, b.start))
    for d in full:
        if d.start in used or not _UNTIL.search(text, max(0, d.start - 16), d.start):
            continue
        c = d.canonical
        out.append((d.start, d.end, c[:4] if c[5:] == "09-30" else c[:7]))
    # `tính đến hết tháng 6/2024`: the THADS year so far, `2024:9m` (September: the year)
    for d in dates:
        m = _MONTH.fullmatch(d.canonical)
        if m and _UNTIL_END.search(text, max(0, d.start - 12), d.start):
            year, month = int(m[1]), int(m[2])
            months = month - 9 if month >= 10 else month + 3
            year += month >= 10
            out.append((d.start, d.end, str(year) if months == 12 else f"{year}:{months}m"))
    return out


class _Sentences:
    def __init__(self, text: str):
        self.text = text
        initial = _INITIAL.search
        self.stops = [m.end() for m in _BOUNDARY.finditer(text)
                      if m.group() == "\n" or not initial(text, max(0, m.start() - 2), m.start())]
        self.lines = [m.end() for m in re.finditer("\n", text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.stops, start) - 1
        s = self.stops[i] if i >= 0 else 0
        j = bisect_left(self.stops, end)
        e = self.stops[j] if j < len(self.stops) else len(self.text)
        return max(s, start - _WINDOW), min(e, end + _WINDOW)

    def paragraph_start(self, pos: int) -> int:
        i = bisect_right(self.lines, pos) - 1
        return max(self.lines[i] if i >= 0 else 0, pos - 3 * _WINDOW)


# Every cue word, with the sets it belongs to, found by one trie-shaped pass over the text (no
# (?i), no leading look-behind, so CPython's fast first-character scan applies).
_CUES: dict[str, tuple[str, ...]] = {}


def _cue(kind: str, *words: str) -> None:
    for w in words:
        _CUES[w] = _CUES.get(w, ()) + (kind,)


_cue("change", "tăng", "giảm", "cao hơn", "thấp hơn", "nhiều hơn", "ít hơn")
_cue("target", "vượt")
_cue("base", "đạt", "tỷ lệ", "tỉ lệ")
_cue("rate", "tỷ lệ", "tỉ lệ")
_cue("aspect:việc", "về việc")
_cue("aspect:tiền", "về tiền")
_cue("tiền", "tiền", "về tiền", "số tiền", "tiền phạt", "nộp tiền")
_cue("kpi", "về việc", "về tiền", "tỷ lệ", "tỉ lệ", "thi hành", "giải quyết", "thụ lý", "THADS",
     "chỉ tiêu", "thi hành xong", "giải quyết xong", "giải quyết được", "thi hành được",
     "phải thi hành", "phải giải quyết", "đã giải quyết", "có điều kiện", "số việc", "số tiền")
_cue("national", "toàn quốc", "cả nước", "toàn hệ thống", "toàn ngành", "Tổng cục THADS",
     "Tổng cục Thi hành án", "Tổng cục Quản lý thi hành án", "Cục Quản lý thi hành án",
     "tổng cục THADS", "tổng cục thi hành án")
_cue("aggregate", "các vụ án", "các vụ việc", "tổng số", "toàn quốc", "cả nước", "toàn ngành",
     "hệ thống", "toàn hệ thống", "cơ quan THADS", "cơ quan thi hành án", "các cơ quan",
     "tham nhũng, kinh tế", "toàn tỉnh", "trong tỉnh", "toàn thành phố", "trên địa bàn", "hai cấp",
     "các tổ chức tín dụng", "Cục THADS", "Chi cục THADS", "các Chi cục", "cơ quan THA")
_cue("graft", "tham nhũng", "kinh tế", "thất thoát", "chiếm đoạt", "tiêu cực", "tham nhũng, kinh tế")
# Quantity cues for counts and sums: the nearest before the figure in its clause wins.
_cue("q:fine", "nộp phạt", "tiền phạt", "phạt tiền", "phạt", "án phí", "lãi suất", "thiệt hại",
     "gây thiệt hại", "chi phí", "đầu tư", "phải chi")
_cue("q:auction", "đấu giá", "giá khởi điểm", "giá trúng", "bán được", "trúng giá", "bán với giá",
     "với giá", "giá bán")
_cue("q:recovered", "thu hồi", "thu được", "đã nộp", "nộp lại", "nộp", "khắc phục", "hoàn trả",
     "trả lại", "bồi thường được", "thu hồi được")
_cue("q:done", "thi hành xong", "giải quyết xong", "giải quyết được", "thi hành được", "xử lý xong",
     "đã giải quyết")
_cue("q:enforceable", "có điều kiện")
_cue("q:total", "phải thi hành", "thụ lý", "phải giải quyết", "tổng số")
_cue("q:owed", "bồi thường", "buộc", "phải trả", "phải nộp", "truy thu", "trả nợ", "khoản nợ",
     "dư nợ", "số nợ", "thanh toán", "trả cho")
_cue("none", "tăng cường", "giảm thiểu", "giảm nghèo", "chưa có điều kiện")
# A longer cue hides the shorter ones inside it from the one pass: `Cục THADS` is a KPI cue
# too, `tham nhũng, kinh tế` a corruption one. Only these context sets are inherited (`tăng`
# inside `tăng cường` is no change).
_INHERITED = ("kpi", "tiền", "graft", "aggregate", "national")
for _w in list(_CUES):
    for _v, _kinds in list(_CUES.items()):
        if _v != _w and re.search(rf"(?<!\w){re.escape(_v)}(?!\w)", _w):
            _CUES[_w] += tuple(k for k in _kinds if k in _INHERITED and k not in _CUES[_w])
_KINDS = ("change", "target", "base", "rate", "aspect", "tiền", "kpi", "national", "aggregate", "q",
          "graft")


@cache
def _cue_pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    table: dict[str, tuple[str, ...]] = {}
    for w, kinds in _CUES.items():
        for form in {w, w[:1].upper() + w[1:], w.lower()}:
            table[form] = tuple(dict.fromkeys(table.get(form, ()) + kinds))
    return re.compile(trie_pattern(table) + r"(?!\w)"), table


# A cue found in the text: (end, start, kind), `kind` the set-specific reading (`change`,
# `q:done`, `aspect:việc` ...). Tuples, in text order, so bisection on the ends just works.
_END, _START, _KIND = 0, 1, 2


def _detail(cue: tuple) -> str:
    return cue[_KIND].partition(":")[2]


class _Hits:
    """One set's cues over the whole text, for 'the last cue inside [lo, hi)' and 'any cue
    starting in [lo, hi)' by bisection: each figure costs O(log n), not a rescan."""

    def __init__(self, cues: list[tuple]):
        self.cues = cues
        self.ends = [c[_END] for c in cues]

    def last(self, lo: int, hi: int) -> tuple | None:
        j = bisect_right(self.ends, hi) - 1
        return self.cues[j] if j >= 0 and self.cues[j][_START] >= lo else None

    def any(self, lo: int, hi: int) -> bool:
        j = bisect_right(self.ends, lo)
        return j < len(self.cues) and self.cues[j][_START] < hi


@cache
def _cue_sets() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each cue form's (set, kind) pairs, `trend` included: what `_index` files a hit under."""
    _, table = _cue_pattern()
    out = {}
    for form, kinds in table.items():
        pairs = []
        for kind in kinds:
            group = kind.partition(":")[0]
            if group in _KINDS:
                pairs.append((group, kind))
            if group in ("change", "target", "base"):
                pairs.append(("trend", kind))
        out[form] = tuple(pairs)
    return out


def _index(text: str) -> dict[str, _Hits]:
    rx, _ = _cue_pattern()
    table = _cue_sets()
    sets: dict[str, list[tuple]] = {k: [] for k in _KINDS + ("trend", "total_noun", "tracked")}
    add = {k: v.append for k, v in sets.items()}
    for m in rx.finditer(text):
        s, e = m.span()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue
        for group, kind in table[m.group()]:
            add[group]((e, s, kind))
    for name, rx2 in (("total_noun", _TOTAL_NOUN), ("tracked", _TRACKED)):
        sets[name] = [(m.end(), m.start(), name) for m in rx2.finditer(text)]
    return {k: _Hits(v) for k, v in sets.items()}


class _Window:
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
        stops = [i for i in (text.find(",", end, e), text.find(";", end, e)) if i >= 0]
        self.after_end = min(min(stops) if stops else e, end + 90)

    def last(self, kind: str, *ranges) -> tuple | None:
        for r in ranges:
            if r is not None:
                m = self.hits[kind].last(*r)
                if m is not None:
                    return m
        return None

    def any(self, kind: str, lo: int, hi: int) -> bool:
        return self.hits[kind].any(lo, hi)


def _aspect(w: _Window, unit: str, word: str, prev_unit: str | None = None) -> str:
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
        word = _detail(cue) if cue else None
    if word:
        return "cases" if word == "việc" else "money"
    return "money" if w.any("tiền", w.s, w.start) else "cases"


def _metric(w: _Window, unit: str, word: str, case_context: bool, previous: str | None,
            prev_unit: str | None = None, has_of: bool = False) -> str:
    """The metric id of a figure from its sentence (README, schema 2)."""
    if unit == "rank":
        return "rank"
    if unit not in ("percent", "VND", "USD", "case"):
        return "other"
    before = (w.s, w.start)
    trend = w.last("trend", w.inner, w.clause)
    change = trend is not None and trend[_KIND] == "change"
    target = trend is not None and trend[_KIND] == "target"
    versus = _VERSUS.search(w.text, w.end, w.after_end)
    if versus and versus["past"] and not target:
        change = True
    elif versus and versus["target"] and (target or change):
        target, change = True, False
    aspect = _aspect(w, unit, word, prev_unit)
    kpi = w.any("kpi", w.s, w.after_end)
    if unit == "percent":
        if not kpi or _SHARE_OF.match(w.text, w.end, w.e):
            return "other"  # `98,6% hồ sơ`, `20% tổng lượng án`: a share of something else
        rate = w.last("rate", before)
        total = w.last("total_noun", before)
        base = "total" if total and (not rate or total[_START] > rate[_START]) else "rate"
    else:
        if aspect == "judgments":
            return "judgments"
        after_q = _AFTER_QUANTITY.match(w.text, w.end, w.after_end)
        cue = w.last("q", w.inner, w.clause) or w.last("q", before)
        kind = _detail(cue) if cue else None
        if kind == "none":
            kind = None
        if after_q and not has_of:  # `8.915/11.230 việc có điều kiện`: that is the denominator
            kind = None if after_q["no"] else after_q.lastgroup
        if kind is None and change and previous:
            return previous if previous.endswith(".change") else previous + ".change"
        if aspect == "money" and kind in ("auction", "recovered", "owed"):
            if kind == "auction":
                return "auction.price"
            if kind == "recovered":
                if case_context:
                    return "case.recovered"
                # aggregate sums recovered: from corruption and economic cases, else results
                return "assets.recovered" if w.any("graft", w.s, w.e) else "money.done"
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


class FactFinder:
    """Assigns metric/subject/period to an article's figures (spans with `extra`)."""

    def __init__(self, text: str, places: list[Span], orgs: list[Span], persons: list[Span],
                 dates: list[Span], date: str | None, home: str | None, provinces: set[str]):
        self.text = text
        self.sentences = _Sentences(text)
        self.date = date
        self.provinces = [p for p in places if p.canonical in provinces]
        self.province_starts = [p.start for p in self.provinces]
        self.people = sorted([p for p in persons if not p.role]
                             + [o for o in orgs if _is_company(o.canonical)], key=lambda s: s.start)
        self.people_starts = [p.start for p in self.people]
        self.creditors = {p.canonical for p in self.people
                          if _CREDITOR.search(text, max(0, p.start - 24), p.start)}
        accused = [p for p in persons if _ACCUSED.search(text, max(0, p.start - 14), p.start)]
        self.accused = accused[0].canonical if accused else None
        periods = [(d.start, d.end, period_of(d)) for d in dates] + _spans_and_cutoffs(text, dates)
        periods = list({(p[0], p[1]): p for p in periods}.values())  # a cut-off reading wins
        for m in anchored(_BARE_YEAR, _BARE_YEAR_AT, text):
            if not (m.start() and text[m.start() - 1].isalnum()):
                periods.append((m.start(), m.end(), thads_year(date, current=m["now"] is not None)))
        # A comparison base (`so với cùng kỳ năm 2018`) or a starting point is no period.
        periods = sorted(p for p in periods
                         if p[2] and not _NOT_A_PERIOD.search(text, max(0, p[0] - 30), p[0]))
        # `6 tháng đầu năm 2022 (từ ngày 01/10/2021 đến ngày 31/3/2022)`: the name is the period
        named_ends = [p[1] for p in periods if "/" not in p[2]]
        self.periods = [p for p in periods if "/" not in p[2] or not any(
            0 <= p[0] - e <= 16 and "(" in text[e:p[0]] for e in named_ends)]
        self.period_starts = [p[0] for p in self.periods]
        self.orgs, self.home = orgs, home
        self.case_article = self._is_case_article()

    def _article_subject(self, orgs: list[Span], home: str | None) -> str | None:
        title = self.text[:self.text.find("\n") if "\n" in self.text else len(self.text)]
        for p in self.provinces:
            if p.end <= len(title):
                return p.canonical
        if self.hits["national"].any(0, len(title)):
            return "toàn quốc"
        for o in orgs:
            name = self.text[o.start:o.end]
            if re.match(r"Cục (?:THADS|Thi hành án dân sự)", name):
                inside = [p for p in self.provinces if o.start <= p.start < o.end]
                if inside:
                    return inside[0].canonical
        if home:
            return home
        if self.hits["national"].cues:
            return "toàn quốc"
        return self.provinces[0].canonical if self.provinces else None

    def _is_case_article(self) -> bool:
        text = self.text[:6000].lower()
        kpis = sum(text.count(w) for w in _KPI_WORDS)
        case = sum(text.count(w) for w in _CASE_WORDS)
        return case > kpis

    def assign(self, figures: list[Span]) -> None:
        if not figures:
            return
        self.hits = _index(self.text)
        self.subject = self._article_subject(self.orgs, self.home)
        carried: str | None = None
        previous: dict[tuple[int, str], str] = {}
        last: Span | None = None
        for f in figures:
            x = f.extra
            s, e = self.sentences.around(f.start, f.end)
            case_context = (self.case_article or bool(self._people_in(s, e))) and not \
                self.hits["aggregate"].any(s, f.start)
            if x["unit"] in _KPI_UNITS:
                w = _Window(self.text, self.hits, s, f.start, f.end, e)
                aspect_key = (s, "money" if x["unit"] in ("VND", "USD") else "cases")
                near = last is not None and last.end >= s and f.start - last.end <= 30 and \
                    "," in self.text[last.end:f.start] and "(" not in self.text[last.end:f.start]
                m = _metric(w, x["unit"], self.text[f.start:f.end], case_context, previous.get(aspect_key),
                            last.extra["unit"] if near and last.extra["unit"] != "percent" else None,
                            x.get("of") is not None)
            else:  # counts, durations, areas: never a KPI of the results table
                aspect_key, m = None, "rank" if x["unit"] == "rank" else "other"
            last = f
            if aspect_key and m != "other" and not m.endswith(".change"):
                previous[aspect_key] = m
            x["metric"] = m
            one_case = m in _CASE_METRICS or (m == "other" and case_context)
            x["subject"] = (self._person(s, f.start, e) if one_case
                            else self._place(s, f.start, national=m != "rank"))
            if one_case:
                x["period"] = None
                continue
            own = self._period(s, f.start, f.end, e)
            if own is None and self.hits["tracked"].any(s, e):
                x["period"] = None  # a standing watch list (`thuộc diện … theo dõi`): no period
                continue
            if own is None:
                own = self._period(self.sentences.paragraph_start(f.start), f.start, f.end, f.start)
            if own and carried and _YEAR.fullmatch(own) and carried.startswith(own + ":"):
                own = carried  # `năm 2023` in a report on `8 tháng đầu năm 2023`
            if own and m != "other":
                carried = own
            x["period"] = own or (carried if m != "other" else None)
        self._complete_title(figures)

    def _complete_title(self, figures: list[Span]) -> None:
        """A headline rarely names its year (`… hơn 15.000 việc trong 9 tháng`): a title figure
        without a period takes the body's, from the same figure text or the first KPI's."""
        title_end = self.text.find("\n")
        body = [f for f in figures if f.start > title_end and f.extra.get("period")
                and f.extra["metric"] not in _CASE_METRICS and f.extra["metric"] != "other"]
        for f in figures:
            if f.start > title_end >= 0 or title_end < 0:
                break
            x = f.extra
            if x.get("period") or x["metric"] in _CASE_METRICS or x["metric"] == "other" or not body:
                continue
            text = self.text[f.start:f.end]
            same = [b for b in body if self.text[b.start:b.end] == text]
            x["period"] = (same or body)[0].extra["period"]

    def _people_in(self, s: int, e: int) -> list[Span]:
        i, j = bisect_left(self.people_starts, s), bisect_left(self.people_starts, e)
        return self.people[i:j]

    def _person(self, s: int, pos: int, e: int) -> str | None:
        """The defendant or company a case figure is about: in its sentence the nearest before
        it (one named as `bị cáo`/`bị án` first), else the nearest before it nearby, else the
        article's most mentioned; a creditor (`thi hành án cho X`) is never the subject."""
        people = [p for p in self._people_in(s, e) if not self._creditor(p)]
        if any(not _LENDER.match(p.canonical) for p in people):
            people = [p for p in people if not _LENDER.match(p.canonical)]
        before = [p for p in people if p.start < pos]
        accused = [p for p in before if _ACCUSED.search(self.text, max(0, p.start - 14), p.start)]
        if accused or before or people:
            chosen = (accused or before)[-1] if (accused or before) else people[0]
            if self.accused and _ROLE_BEFORE.search(self.text, max(0, chosen.start - 30), chosen.start):
                return self.accused  # `Nguyên giám đốc Công ty X bị buộc …`: the director, not X
            return chosen.canonical
        i = bisect_left(self.people_starts, pos) - 1
        nearby = []
        while i >= 0 and pos - self.people[i].start < 3 * _WINDOW:
            if not self._creditor(self.people[i]):
                nearby.append(self.people[i])
            i -= 1
        debtors = [p for p in nearby if not _LENDER.match(p.canonical)]
        if debtors or nearby:
            return (debtors or nearby)[0].canonical
        counts: dict[str, int] = {}
        for p in self.people:
            if not self._creditor(p):
                counts[p.canonical] = counts.get(p.canonical, 0) + 1 - 0.5 * bool(_LENDER.match(p.canonical))
        return max(counts, key=counts.get) if counts else None

    def _creditor(self, p: Span) -> bool:
        """A creditor (`thi hành án cho X`), an auctioneer or a bank when a debtor is named."""
        return p.canonical in self.creditors or bool(_AUCTIONEER.match(p.canonical))

    def _place(self, s: int, pos: int, national: bool = True) -> str | None:
        """The province named in the sentence before `pos`, or the nation; a rank's subject is
        the unit ranked, never the scope (`xếp thứ 4/34 cả nước`)."""
        national = self.hits["national"].last(s, pos) if national else None
        i = bisect_left(self.province_starts, pos) - 1
        place = self.provinces[i] if i >= 0 and self.provinces[i].start >= s else None
        if national and (place is None or national[_START] > place.start):
            return "toàn quốc"
        if place is not None:
            return place.canonical
        return self.subject

    def _period(self, s: int, start: int, end: int, e: int) -> str | None:
        i, j = bisect_left(self.period_starts, s), bisect_left(self.period_starts, e)
        found_before = found_after = None
        for ps, pe, period in self.periods[i:j]:
            if ps < start and pe > start:
                continue
            if pe <= start:
                found_before = period
            elif ps >= end and found_after is None:
                found_after = period
        return found_before or found_after


def _is_company(name: str) -> bool:
    return bool(_COMPANY.match(name))


_COMPANY = re.compile(r"(?i)(?:Công ty|Tập đoàn|Ngân hàng|Tổng công ty|Doanh nghiệp|Hợp tác xã|DNTN)")
