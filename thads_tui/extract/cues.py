"""The cue words around figures, found in one pass over the text and bisected per figure.

A cue is (end, start, kind); `Hits` holds one set's cues in text order, so 'the last cue in
[lo, hi)' and 'any cue in [lo, hi)' cost O(log n) per figure, never a rescan of the sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .lexicon import trie_pattern
from .spans import at_literals

_TOTAL_ENDS = ("phải thi hành", "thụ lý", "phải giải quyết")
_TOTAL_NOUN = re.compile(r"[Ss]ố (?:vụ )?(?:việc|tiền)[^.;()\n]{0,120}?(?:" + "|".join(_TOTAL_ENDS) + ")")
_TRACKED = re.compile(r"thuộc diện[^.;\n]{0,120}?theo dõi")
# What only an article on civil judgment enforcement says: the caseload and money KPIs are
# its results, and nobody else's. `thi hành` alone is any execution (`thi hành kỷ luật`, a law
# `có hiệu lực thi hành`), `cưỡng chế` a tax office's or a land clearance's, `có điều kiện` any
# condition (`hộ có điều kiện`): in 100,000 real articles with none on enforcement, those words
# let 48 KPI figures per 10,000 through (a school's pass rate, a court's, GDP).
_THADS_WORDS = ("hi hành án", "hi hành xong", "THADS", "hấp hành viên")
_THA = re.compile(r"(?<![\w-])THA(?![\w-])")
_THADS_QUANTITY = re.compile(r"(?:việc|tiền)(?: [^\W\d]+){0,3}? (?:phải thi hành|có điều kiện)")


def speaks_of_enforcement(text: str) -> bool:
    """`thi hành án`, THADS or THA, `chấp hành viên`, `thi hành xong`, or enforcement's own
    quantities (`số việc, số tiền phải thi hành`, `số tiền có điều kiện`)."""
    return any(w in text for w in _THADS_WORDS) or ("THA" in text and _THA.search(text) is not None) or \
        (("phải thi hành" in text or "có điều kiện" in text) and _THADS_QUANTITY.search(text) is not None)

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
_cue("graft", "tham nhũng", "kinh tế", "thất thoát", "chiếm đoạt", "tiêu cực", "tham nhũng, kinh tế",
     # sums recovered after an inspection's findings, not through enforcement
     "sai phạm", "Thanh tra Chính phủ", "kết luận thanh tra", "kết luận của Thanh tra",
     "sau thanh tra", "qua thanh tra")
# Criminal procedure (the police's, the prosecutors', the courts' counts: `khởi tố 1.126 vụ án`,
# `thụ lý điều tra 2.064 vụ án với 2.875 bị can`) and what only enforcement does: a sentence with
# the first and none of the second counts no enforcement result.
_cue("crime", "khởi tố", "điều tra", "truy tố", "bị can", "tội phạm", "xét xử")
_cue("enforce", "thi hành", "THADS", "THA", "chấp hành viên", "Chấp hành viên", "cưỡng chế")
# Quantity cues for counts and sums: the nearest before the figure in its clause wins.
_cue("q:fine", "nộp phạt", "tiền phạt", "phạt tiền", "phạt", "án phí", "lãi suất", "thiệt hại",
     "gây thiệt hại", "chi phí", "đầu tư", "phải chi",
     "nhận tiền", "nhận số tiền", "nhận hối lộ")  # (money taken: no result of a case)
_cue("q:auction", "đấu giá", "giá khởi điểm", "giá trúng", "bán được", "trúng giá", "bán với giá",
     "với giá", "giá bán", "vòng trả giá", "bước giá")  # (bidding rounds and steps: an auction)
_cue("q:recovered", "thu hồi", "thu được", "đã nộp", "nộp lại", "nộp", "khắc phục", "hoàn trả",
     "trả lại", "bồi thường được", "thu hồi được", "trả thêm", "nộp thêm")
_cue("q:done", "thi hành xong", "giải quyết xong", "giải quyết được", "thi hành được", "xử lý xong",
     "đã giải quyết")
_cue("q:enforceable", "có điều kiện")
_cue("enforce", "có điều kiện")  # (`số tiền có điều kiện`: enforceable, enforcement's own word)
# An auction spoken of: a price `với giá`, `bán được`, `giá khởi điểm` elsewhere is a shop's, a
# car's, stolen goods' (of 5,109 prices read as auctions in 100,000 real articles, 4,418 were in
# articles that never say `đấu giá`).
_cue("auctioned", "đấu giá", "phát mại", "phát mãi")
# What is left undone (`số việc chưa thi hành xong`, `còn tồn`, `tồn đọng`): no result figure.
_cue("q:pending", "chưa thi hành xong", "chưa thi hành", "chưa giải quyết xong", "chưa giải quyết",
     "chưa xử lý xong", "còn tồn", "tồn đọng")
_cue("q:total", "phải thi hành", "thụ lý", "phải giải quyết", "tổng số")
_cue("q:owed", "bồi thường", "buộc", "phải trả", "phải nộp", "truy thu", "trả nợ", "khoản nợ",
     "dư nợ", "số nợ", "thanh toán", "trả cho")
# Which enforcement a sentence reports: administrative judgments (THAHC: the authority that
# lost the case executes it; counted as judgments, never in the THADS results) or civil ones.
_cue("regime:admin", "THAHC", "thi hành án hành chính", "THA hành chính", "án hành chính",
     "cơ quan hành chính", "bản án hành chính", "quyết định hành chính")
_cue("regime:civil", "THADS", "thi hành án dân sự", "án dân sự", "THA dân sự")
_cue("none", "tăng cường", "giảm thiểu", "giảm nghèo", "chưa có điều kiện",
     "cáo buộc")  # (`bị cáo buộc chiếm dụng`: accused, no court's order to pay)
# A longer cue hides the shorter ones inside it from the one pass: `Cục THADS` is a KPI cue
# too, `tham nhũng, kinh tế` a corruption one. Only these context sets are inherited (`tăng`
# inside `tăng cường` is no change).
_INHERITED = ("kpi", "tiền", "graft", "aggregate", "national", "regime", "crime", "enforce", "auctioned")
for _w in list(_CUES):
    for _v, _kinds in list(_CUES.items()):
        if _v != _w and re.search(rf"(?<!\w){re.escape(_v)}(?!\w)", _w):
            _CUES[_w] += tuple(k for k in _kinds if k in _INHERITED and k not in _CUES[_w])
# (a public duty, `thi hành công vụ`, is no enforcement)
_CUES["thi hành công vụ"] = ("none",)
_KINDS = ("change", "target", "base", "rate", "aspect", "tiền", "kpi", "national", "aggregate", "q",
          "graft", "regime", "crime", "enforce", "auctioned")


@cache
def _cue_pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    table: dict[str, tuple[str, ...]] = {}
    for w, kinds in _CUES.items():
        for form in {w, w[:1].upper() + w[1:], w.lower()}:
            table[form] = tuple(dict.fromkeys(table.get(form, ()) + kinds))
    return re.compile(trie_pattern(table) + r"(?!\w)"), table


# A cue found in the text: (end, start, kind), `kind` the set-specific reading (`change`,
# `q:done`, `aspect:việc` ...). Tuples, in text order, so bisection on the ends just works.
END, START, KIND = 0, 1, 2


def detail(cue: tuple) -> str:
    return cue[KIND].partition(":")[2]


class Hits:
    """One set's cues over the whole text, for 'the last cue inside [lo, hi)' and 'any cue
    starting in [lo, hi)' by bisection: each figure costs O(log n), not a rescan."""

    def __init__(self, cues: list[tuple]):
        self.cues = cues
        self.ends = [c[END] for c in cues]

    def last(self, lo: int, hi: int) -> tuple | None:
        j = bisect_right(self.ends, hi) - 1
        return self.cues[j] if j >= 0 and self.cues[j][START] >= lo else None

    def between(self, lo: int, hi: int) -> list[tuple]:
        """The cues ending after `lo` and starting before `hi`, in order (`any` asks for one)."""
        j = bisect_right(self.ends, lo)
        out = []
        while j < len(self.cues) and self.cues[j][START] < hi:
            out.append(self.cues[j])
            j += 1
        return out

    def any(self, lo: int, hi: int) -> bool:
        j = bisect_right(self.ends, lo)
        return j < len(self.cues) and self.cues[j][START] < hi


@cache
def _cue_sets() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each cue form's (set, kind) pairs, `trend` included: what `index_cues` files a hit under."""
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


_SETS = _KINDS + ("trend",)


@cache
def _cue_slots() -> dict[str, tuple[tuple[int, str], ...]]:
    """`_cue_sets` with each set as its index in `_SETS` (a list index, not a dict lookup)."""
    return {form: tuple((_SETS.index(group), kind) for group, kind in pairs)
            for form, pairs in _cue_sets().items()}


_WORD_RUN = re.compile(r"\w*").match


def index_cues(text: str) -> dict[str, Hits]:
    rx, _ = _cue_pattern()
    table = _cue_slots()
    lists: list[list[tuple]] = [[] for _ in _SETS]
    # Cue words start a word: a match glued to the word before (`số tiền` in `Tổngsố tiền`) is
    # none, and the scan restarts after that word, so it hides no real cue inside it (`tiền`).
    # (`spans.scan` inlined: a generator's resume per cue costs ~10% of the index)
    pos, glued = 0, True
    while glued:
        glued = False
        for m in rx.finditer(text, pos):
            s = m.start()
            if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
                pos, glued = _WORD_RUN(text, s).end() + 1, True
                break
            e = m.end()
            for slot, kind in table[m.group()]:
                lists[slot].append((e, s, kind))
    sets = dict(zip(_SETS, lists))
    # `[Ss]ố …` is tried where `Số `/`số ` occurs: CPython scans a leading set letter by letter.
    # (each match ends with one of `_TOTAL_ENDS`: most texts hold none, and then no `số` is tried)
    sets["total_noun"] = [(m.end(), m.start(), "total_noun")
                          for m in at_literals(_TOTAL_NOUN, ("Số ", "số "), text)
                          ] if any(w in text for w in _TOTAL_ENDS) else []
    sets["tracked"] = [(m.end(), m.start(), "tracked") for m in _TRACKED.finditer(text)]
    sets["thads"] = [(0, 0, "thads")] if speaks_of_enforcement(text) else []  # (the article's, not a place's)
    return {k: Hits(v) for k, v in sets.items()}
