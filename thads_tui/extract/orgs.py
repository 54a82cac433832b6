"""Organisations, by a small grammar: an agency head noun (Tổng cục, Cục, Chi cục, Vụ, Sở,
Ủy ban nhân dân, Tòa án ...), a name, and an optional administrative suffix
(`tỉnh`, `tỉnh Gia Lai`, `huyện Krông Pa`, `khu vực 3`), plus a gazetteer for central bodies
whose names a grammar cannot delimit.

Two layers are kept apart so nesting survives overlap resolution: "atomic" bodies (Quốc hội,
Chính phủ, Bộ Tư pháp, Tỉnh ủy, UBND tỉnh ...) and the compound names that may contain them
(Thủ tướng Chính phủ is not one, Ban Thường vụ Tỉnh ủy is).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from operator import attrgetter
from functools import cache, lru_cache

from .lexicon import (ACRO_WORD, CAP_WORD, LOWER, UPPER, stop_pattern, surnames, table, trie_pattern,
                      word_list)
from .places import MUNICIPALITIES, district_pattern, province_names, province_pattern, provinces
from .spans import WORD_LEFT, Span, anchored, at_literals, compile_line, scan

ATOMIC, COMPOUND = "atomic", "compound"
_NATIONS = (r"(?:Nhật|Mỹ|Đức|Pháp|Anh|Nga|Ý|Úc|Trung Quốc|Hàn Quốc|Đài Loan|Thái Lan|Phần Lan|Thụy Điển|Ấn Độ|"
            r"Việt Nam|Châu Âu|châu Âu|Âu|Mỹ Latinh)")
_THADS = r"(?:THADS|THA|[Tt]hi hành án dân sự)"
_CUC = r"(?:Tổng [cC]ục|Cục|Chi [cC]ục|Văn phòng Cục)"
_COMMITTEE = r"(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy"
_HEADS = (r"(?:Tổng [cC]ục|Cục|Chi [cC]ục|Vụ|Sở|Văn phòng|Phòng|Viện|Học viện|Trường|Thanh tra|"
          r"Ủy ban|Trung tâm|Báo|Tạp chí|Đài|Ngân hàng|Tổng công ty|Công ty|Hội|Liên đoàn)")
# Companies and banks: a head, an optional legal form, then a capitalised proper name.
_CORP = r"(?:Tổng [Cc]ông ty|Công ty|Tập đoàn|Ngân hàng|Hợp tác xã|Doanh nghiệp tư nhân|Liên doanh|Hãng|DNTN|DN|Cty)"
_FORM = (r"(?:(?:[Cc]ổ phần|CP|TNHH|[Tt]rách nhiệm hữu hạn)(?:\s+(?:(?:[Mm]ột|hai) thành viên|MTV)"
         r"(?:\s+trở lên)?)?|[Tt]hương mại cổ phần|[Hh]ợp danh|[Tt]ư nhân)")
# Acronyms an organisation's canonical name spells out.
_EXPAND = ("THADS", "THA", "UBND", "HĐND", "MTTQ", "TAND", "VKSND", "UBMTTQ", "TANDTC",
           "VKSNDTC", "THAHC")


# Administrative levels that introduce a unit's place; capitalised `Thành phố` alone is the
# article's city (`UBND Thành phố`, `Công an Thành phố`).
_LEVEL = r"(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)"
_LOCAL = (r"(?:huyện|quận|thị xã|thị trấn|thành phố|xã|phường|đặc khu|khu vực|Thành phố|TP\.?|"
          r"Huyện|Quận|Thị xã|Phường|Xã)")


@cache
def _admin(required: bool = False) -> str:
    """Administrative suffix after an agency name, the fullest reading first: a province
    (`tỉnh Gia Lai`, `TP. Hồ Chí Minh`), a named lower unit (`thành phố Cam Ranh`, `TP Thủ
    Đức`, `khu vực Bảo Lộc`), a numbered region (`khu vực 3`), then a level alone (`tỉnh`)."""
    prov = province_pattern()
    dist = district_pattern()
    return (rf"(?:\s+(?:tỉnh|thành phố|Thành phố|TP\.?)\s*{prov}"
            rf"|\s+{_LOCAL}\s+{dist}"
            rf"|\s+(?:khu vực|quận|Quận|phường|Phường)\s+(?:\d+|[IVX]+)(?!\w)"
            rf"|\s+(?:{_LEVEL}|Thành phố)(?!\w)"
            rf"|\s+{prov}){'' if required else '?'}")


@cache
def _patterns() -> list[tuple[re.Pattern, str, int]]:
    admin = _admin()
    stop = stop_pattern()
    avoid = trie_pattern(surnames())
    name_word = rf"(?:{LOWER}+|(?!{avoid}(?!\w)){CAP_WORD}|{ACRO_WORD})(?!\w)"
    name = (rf"(?:{CAP_WORD}|{ACRO_WORD})(?!\w)"
            rf"(?:\s+(?!(?:{stop})(?!\w))(?!(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|"
            rf"khu vực|TP)(?!\w)){name_word}){{0,4}}")
    ministries = trie_pattern(word_list("ministries.txt"))
    topic = rf"{LOWER}+(?:,?\s+(?!(?:{stop})(?!\w)){LOWER}+(?!\w)){{0,7}}"
    # A company's or bank's proper name: capitalised words and acronyms, "và"/"-" between
    # them (Đầu tư và Phát triển), ending before a branch, another body or a person's name
    # (a family name before Văn/Thị or before two more capitalised syllables).
    # A capitalised word may carry up to three lowercase syllables (Xây dựng, Địa ốc, Đầu tư)
    # when the name goes on with another capitalised word: a name never ends lowercase.
    titles = trie_pattern(word_list("titles.txt"))
    corp_word = (rf"(?!(?:Chi nhánh|Quỹ|{_CORP}|{_HEADS}|{titles})(?!\w))"
                 rf"(?:{UPPER}{LOWER}+(?:{UPPER}{LOWER}+)+|{CAP_WORD}|{ACRO_WORD})(?!\w)")  # GrabTaxi
    # (a name may start with a word that heads other bodies: `DN Trường Sơn`, `Công ty Hội An`)
    corp_first = (rf"(?!(?:Chi nhánh|Quỹ|{_CORP}|{titles})(?!\w))"
                  rf"(?:{UPPER}{LOWER}+(?:{UPPER}{LOWER}+)+|{CAP_WORD}|{ACRO_WORD})(?!\w)")
    cap = rf"{CAP_WORD}(?!\w)"
    person = (rf"(?!Hồ Chí Minh){avoid}\s+(?:(?:Văn|Thị)(?!\w)|(?!Việt Nam){cap}\s+{cap})")  # not Hoàng Quân
    # (a bank's name inside a company's, after a space only: `Công ty TNHH Chứng khoán Ngân hàng
    # Đông Á`; `Công ty X và Ngân hàng Y` are two)
    # (a legal form after a dash ends the name: `Tổng công ty X - TNHH một thành viên`)
    corp_next = (rf"(?:(?:\s+(?:và|&)\s+|\s*-\s*(?!{_FORM}(?!\w))|(?<=TP)\.\s*)(?!{person}){corp_word}"
                 rf"|\s+(?!{person})(?:Ngân hàng(?=\s+{UPPER})|{corp_word}))")
    # Lowercase syllables inside a company's name (Xổ số kiến thiết, Đầu tư hạ tầng kỹ
    # thuật, Đầu tư và phát triển nông nghiệp): up to six, `và` among them, never a verb or
    # function word (stopwords.txt, corp_stopwords.txt), and only when the name goes on with
    # a capitalised word: a name never ends lowercase except at a clause's end.
    cstop = trie_pattern(_corp_stopwords())
    # (`Vàng bạc đá quý`: no quarter; `Hàng không`: no negation)
    low = rf"\s+(?:đá quý|hàng không|(?!{cstop}(?!\w)){LOWER}+)(?!\w)"
    lowv = rf"(?:\s+và(?=\s+{LOWER})|{low})"
    form_after = rf"\s*-\s*{_FORM}(?!\w)"
    corp_tail = (rf"{low}(?:{lowv}(?:{lowv}(?:{lowv}(?:{lowv}(?:{lowv})?)?)?)?)?"
                 rf"(?={corp_next}|{form_after})")  # (no nested {{m,n}}: CPython mis-backtracks those)
    # ... or ends with one lowercase syllable, a two-syllable word's second (Ngân hàng Xây
    # dựng, Công ty Du lịch), before punctuation or a function word.
    corp_name = (rf"{corp_first}(?:{corp_tail}|{corp_next}){{0,12}}"
                 rf"(?:{low}(?=\s*(?:[,.;:()]|$)|\s+{stop}(?!\w)))?")
    branch = rf"(?:\s+(?:-\s+)?[Cc]hi nhánh(?:{_admin(True)}|\s+{corp_name}))"
    # Press style lowercases the trade words after a legal form or a `Hãng` (`Công ty cổ phần
    # chứng khoán MHB`, `công ty TNHH MTV đầu tư và phát triển kho bãi Nhơn Tân`, `Hãng tàu
    # biển Olympic`): up to eight, no function word or verb, before the capitalised name.
    lead = rf"{low}(?:{lowv}(?:{lowv}(?:{lowv}(?:{lowv}(?:{lowv}(?:{lowv}(?:{lowv})?)?)?)?)?)?)?"
    bracket = rf"(?:\s*\({ACRO_WORD}\))?"  # `Doanh nghiệp tư nhân (DNTN) Trường Sơn`
    # ... and with the legal form after the name (`Tổng công ty công nghiệp in - bao bì Liksin -
    # TNHH một thành viên`), the trade words may be lowercase and joined by dashes.
    dlow = rf"(?:\s+-)?{low}"
    dlead = rf"{dlow}(?:{dlow}(?:{dlow}(?:{dlow}(?:{dlow}(?:{dlow})?)?)?)?)?"
    raw = [
        (trie_pattern(word_list("orgs.txt")) + r"(?!\w)", COMPOUND, 3),
        (rf"{trie_pattern(word_list('local_orgs.txt'))}(?!\w){branch}?{admin}(?!\w)",
         COMPOUND, 3),
        # Without a legal form, a person's name right after the head is not the company's.
        (rf"{_CORP}{bracket}(?:\s+{_FORM}(?:{lead})?\s+(?:Tập đoàn\s+)?|\s+(?!{person})|"
         rf"(?={dlead}\s+{corp_name}{form_after}){dlead}\s+){corp_name}{branch}?(?:{form_after})?(?!\w)",
         COMPOUND, 3),
        # (`Hãng xe Nhật`, `Hãng xe nước Đức`: a maker of a country, no one company)
        (rf"Hãng(?:{lead})\s+(?!{person})(?!{_NATIONS}(?!\w)){corp_first}(?:{corp_next}){{0,6}}(?!\w)", COMPOUND, 3),
        # Press style lowercases the head (`công ty TNHH MTV Mía đường Tây Ninh`): only with
        # a legal form, so `công ty này`, `các công ty Trung Quốc` stay generic; a bank's
        # proper name is capitalised, so `ngân hàng Đại Tín`, `ngân hàng Hàng hải` are banks
        # (not `ngân hàng Mỹ`, a country's, nor a person's name after it; `ngân hàng MHB`,
        # `ngân hàng Vietcombank` are the bank's short name or brand, read as one).
        (rf"(?:tổng công ty|công ty|ngân hàng)(?:\s+(?:{_FORM}|TNHH|TMCP|CP)(?:{lead})?|(?<=ngân hàng)"
         rf"(?=\s+{UPPER}{LOWER})(?!\s+(?:{person}|{_NATIONS}(?!\w)|Nhà nước(?!\w)|\w+bank(?!\w))))\s+{corp_name}(?!\w)", COMPOUND, 3),
        # ... and an institution's head, its short name in brackets telling it is one
        # (`trung tâm Khuyến công (TTKC) tỉnh Sóc Trăng`; `trung tâm Hà Nội` is a place).
        (rf"trung tâm\s+{name}\s*\({ACRO_WORD}\){admin}(?!\w)", COMPOUND, 1),
        (rf"(?:Sở|Phòng)\s+{ministries}(?!\w){admin}(?!\w)", COMPOUND, 2),
        (rf"Phòng(?:\s+Quản lý)?\s+{_THADS}(?:\s+\(THADS\))?{_admin(True)}(?!\w)", COMPOUND, 2),
        (rf"[Bb]ộ\s+{ministries}(?!\w)", ATOMIC, 3),
        # Press style writes institutions in lower case (`chi cục thi hành án dân sự quận 1`,
        # `tòa án nhân dân tỉnh X`): only with the full name and a place, never a bare `cục`.
        (rf"(?:tổng cục|chi cục|cục)\s+thi hành án dân sự{_admin(True)}(?!\w)", COMPOUND, 2),
        (rf"(?:tòa án|viện kiểm sát) nhân dân{_admin(True)}(?!\w)", ATOMIC, 2),
        # (a nation's government is named by its nation: `Chính phủ Liên bang Nga`, a party to
        # a treaty or a stakeholder; `Thủ tướng Chính phủ Việt Nam` is a title)
        (rf"(?:Quốc hội|Chính phủ(?<!Thủ tướng Chính phủ)(?:(?:\s+(?:nước|Cộng hòa|Cộng hoà|Liên bang|Hoàng gia))*"
         rf"\s+{_NATIONS}(?!\w))?)(?!\w)", ATOMIC, 3),
        (rf"{_CUC}(?:\s+Quản lý)?\s+{_THADS}(?:\s+\(THADS\))?{admin}(?!\w)", COMPOUND, 2),
        (rf"Thi hành án dân sự(?<![Cc]ục Thi hành án dân sự)\s+(?:tỉnh|thành phố|TP\.?)\s+"
         rf"{province_pattern()}", COMPOUND, 1),
        (rf"(?:Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Mặt trận Tổ quốc(?: Việt Nam)?|"
         rf"Ủy ban MTTQ(?: Việt Nam)?){admin}(?!\w)", ATOMIC, 2),
        (rf"(?:UBND|HĐND|UBMTTQ){_admin(True)}(?!\w)", ATOMIC, 2),
        (rf"Thường trực\s+(?:UBND|HĐND|Hội đồng nhân dân|Ủy ban nhân dân){admin}(?!\w)",
         COMPOUND, 2),
        (rf"{_COMMITTEE}(?:\s+{province_pattern()})?(?!\w)", ATOMIC, 2),
        (rf"(?:(?:Ban|Ủy ban|Văn phòng)(?:\s+(?:{CAP_WORD}|{LOWER}+)(?!\w)){{1,3}}?|Thường trực)"
         rf"\s+(?:{_COMMITTEE}|Trung ương Đảng)(?:\s+{province_pattern()})?(?!\w)", COMPOUND, 2,
         ("Ban", "Ủy ban", "Văn phòng", "Thường trực")),
        (rf"Ban cán sự đảng(?:\s+Bộ\s+{ministries})?(?!\w)", COMPOUND, 2),
        (rf"Ban [Cc]hỉ đạo(?:\s+{_THADS})?(?:\s+(?:Trung ương|cấp tỉnh|cấp huyện|"
         rf"(?:hai|ba|các|2|3) cấp)|{admin})(?:\s+về\s+{topic})?(?!\w)", COMPOUND, 2),
        (rf"Tòa án(?:\s+nhân dân)?(?:\s+tối cao|\s+cấp cao(?:\s+tại\s+{province_pattern()})?"
         rf"|{admin})(?!\w)", ATOMIC, 2),
        (rf"Viện [Kk]iểm sát(?:\s+nhân dân)?(?:\s+tối cao|\s+cấp cao|{admin})(?!\w)", ATOMIC, 2),
        (rf"(?:TAND|VKSND|Công an)(?:\s+(?:tối cao|cấp cao)|{_admin(True)})(?!\w)",
         ATOMIC, 2),
        # THADS units have their own rule above: a bare `Phòng THADS` is generic, not a unit.
        (rf"{_HEADS}\s+(?!{_THADS}(?!\w)){name}{bracket}{admin}(?!\w)", COMPOUND, 1),
    ]
    # A pattern CPython cannot scan fast (it starts with alternatives) gets an anchor: a
    # literal trie of where it can start.
    # A gazetteer's pattern needs one of its entries in the text: most texts hold none, and
    # `_present` learns that in its pass over the capitals instead of two more scans.
    # So do `Bộ Tư pháp`, `Sở Tài chính`: a ministry's name.
    entries = {raw[0][0]: (word_list("orgs.txt"),), raw[1][0]: (word_list("local_orgs.txt"),)}
    ministry = (word_list("ministries.txt"),)
    return [(compile_line(p), layer, prio, re.compile(trie_pattern(rest[0])) if rest else None,
             entries.get(p) or (ministry if p.startswith(("(?:Sở|Phòng)", "[Bb]ộ")) else _needs(p)),
             _heads(p)) for p, layer, prio, *rest in raw]


# The literals every match of a pattern starts with, by the pattern's opening: such a
# pattern is tried where they occur (`at_literals`), not scanned for its first letters.
_STARTS = {
    "(?:Sở|Phòng)": ("Sở", "Phòng"),
    "[Bb]ộ": ("Bộ", "bộ"),
    _CUC: ("Tổng ", "Cục", "Chi ", "Văn phòng Cục"),
    "(?:Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Mặt trận": ("Ủy ban ", "Hội đồng nhân dân"),
    "(?:UBND|HĐND|UBMTTQ)": ("UB", "HĐND"),
    "(?:TAND|VKSND|Công an)": ("TAND", "VKSND", "Công an"),
}


def _heads(pattern: str) -> tuple[str, ...] | None:
    for opening, heads in _STARTS.items():
        if pattern.startswith(opening):
            return heads
    return None


# Literals every match of a pattern holds (one of each group), by the pattern's opening: a
# text without them is not scanned by it. Each of these patterns costs a full pass over the
# text for its common first letters, while most articles hold none of its words.
_NEEDS = {
    "(?:tổng công ty|công ty|ngân hàng)": (("công ty", "ngân hàng"),),
    "(?:tổng cục|chi cục|cục)": (("cục",), ("thi hành án dân sự",)),
    _CUC: (("THA", "hi hành án dân sự"),),  # (its `_THADS`)
    "(?:tòa án|viện kiểm sát) nhân dân": (("tòa án nhân dân", "viện kiểm sát nhân dân"),),
    "(?:Quốc hội|Chính phủ": (("Quốc hội", "Chính phủ"),),
    "(?:Ủy ban nhân dân|Hội đồng nhân dân|Ủy ban Mặt trận": (("Ủy ban ", "Hội đồng nhân dân"),),
    "(?:UBND|HĐND|UBMTTQ)": (("UBND", "HĐND", "UBMTTQ"),),
    "Thường trực": (("Thường trực",),),
    _COMMITTEE: ((" ủy",),),
    "(?:(?:Ban|Ủy ban|Văn phòng)": ((" ủy", "Trung ương Đảng"),),
    "Ban cán sự đảng": (("Ban cán sự đảng",),),
    "Ban [Cc]hỉ đạo": (("Ban Chỉ đạo", "Ban chỉ đạo"),),
    "Tòa án": (("Tòa án",),),
    "Viện [Kk]iểm sát": (("Viện Kiểm sát", "Viện kiểm sát"),),
    "(?:TAND|VKSND|Công an)": (("TAND", "VKSND", "Công an"),),
    "Thi hành án dân sự": (("Thi hành án dân sự",),),
    _CORP: (("Công ty", "công ty", "Tập đoàn", "Ngân hàng", "Hợp tác xã", "Doanh nghiệp tư nhân", "Liên doanh", "Hãng", "DN", "Cty"),),
    "Hãng": (("Hãng",),),
    "trung tâm": (("trung tâm",),),
}


def _needs(pattern: str) -> tuple[tuple[str, ...], ...]:
    for opening, needs in _NEEDS.items():
        if pattern.startswith(opening):
            return needs
    return ()


def find_orgs(text: str) -> list[Span]:
    out = []
    present = _present(text)  # the need words the text holds
    for rx, layer, prio, anchor, needs, heads in _patterns():
        if needs and not _holds(needs, present):
            continue
        for m in (anchored(rx, anchor, text, WORD_LEFT) if anchor else
                  at_literals(rx, heads, text, WORD_LEFT) if heads else scan(rx, text, WORD_LEFT)):
            start, end = m.start(), m.end()
            s = m.group()
            if s.endswith(")"):  # "Tổng cục Thi hành án dân sự (THADS)" with no place after
                end = start + s.rindex("(")
                while end > start and text[end - 1] == " ":
                    end -= 1
            if text[start:end] in ("Ban chỉ đạo", "Ban Chỉ đạo"):
                continue
            first = text[start]
            if (first.islower() or first in "DH" and text.startswith(("DN", "Hãng"), start)) and \
                    text.endswith(("các ", "những ", "Các ", "Những "), max(0, start - 6), start):
                continue  # `các cục thi hành án dân sự tỉnh`, `các DN Việt Nam`: in general, not one
            out.append(Span(start, end, "ORG", "", priority=prio, extra={"layer": layer}))
            inner = _ABBR_INSIDE.search(text, start, end) if "(" in s else None
            if inner and inner["a"] not in table("acronyms.tsv"):
                # `trung tâm Khuyến công (TTKC) tỉnh Sóc Trăng`: the short name inside, too
                out.append(Span(inner.start("a"), inner.end("a"), "ORG", " ".join(text[start:end].split()),
                                priority=prio, extra={"layer": layer}))
            if prio == 3 and _CORP_ANY.match(text, start) and end < len(text):
                # "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)": the short name too
                abbr = _ABBR_AFTER.match(text, end)
                if abbr:
                    full = " ".join(text[start:end].split())
                    out.append(Span(abbr.start("a"), abbr.end("a"), "ORG", full, priority=prio,
                                    extra={"layer": layer}))
    return out


@cache
def _need_words() -> tuple[re.Pattern, dict[str, frozenset[str]], tuple[str, ...]]:
    """The need words: the capitalised ones as one trie (its first letters are capitals, rare
    in a text), with the need words inside each; the others, looked up one by one."""
    words = sorted({w for *_, needs, _ in _patterns() for group in needs for w in group})
    upper = [w for w in words if w[:1].isupper()]
    within = {f: frozenset(w for w in upper if w in f) for f in upper}
    return re.compile(trie_pattern(upper)), within, tuple(w for w in words if not w[:1].isupper())


def _holds(needs: tuple[tuple[str, ...], ...], present: set[str]) -> bool:
    """One word of each group is among the `present` ones."""
    for group in needs:
        if present.isdisjoint(group):
            return False
    return True


def _present(text: str) -> set[str]:
    """The need words `text` holds. The trie is tried at every start (not only after the last
    match), and what it finds there is the longest need word starting there: any other starting
    there is inside it, so a need word is held exactly when it is inside one found."""
    rx, within, others = _need_words()
    found: set[str] = set()
    search = rx.search
    m = search(text)
    while m is not None:
        found |= within[m.group()]
        m = search(text, m.start() + 1)
    found.update([w for w in others if w in text])
    return found


_CORP_START = re.compile(_CORP)
_CORP_ANY = re.compile(_CORP, re.I)  # `ngân hàng TMCP … (Sacombank)` in press style


@cache
def _corp_stopwords() -> tuple[str, ...]:
    """Words that end a company's name: the shared stopwords but those company names use
    (`Xổ số`, `Đầu tư xây dựng`, `Vận chuyển`), plus verbs and nouns that follow a name in a
    court or business story (`kiện`, `bồi thường`, `chi nhánh`)."""
    keep = {"số", "xây dựng", "chuyển", "thu", "tổ chức", "thực hiện"}
    return tuple(w for w in word_list("stopwords.txt") if w not in keep) + word_list("corp_stopwords.txt")
# The short name in parentheses: one capitalised token (BIDV, ACB, Agribank, VietinBank).
_ABBR_AFTER = compile_line(r"\s*\((?P<a>[A-ZĐ][0-9A-Za-zĐđ&-]{1,24})\)")
_ABBR_INSIDE = re.compile(r"\((?P<a>[A-ZĐ][A-ZĐ0-9]{1,9})\)(?=[^\S\n]+\w)")


_TONE_CASE = [(re.compile(r"\b(Tổng|Chi) Cục\b"), r"\1 cục"), (re.compile(r"\bBan chỉ đạo\b"),
                                                                 "Ban Chỉ đạo")]


def _province_ends(name: str):
    """The province spellings `name` ends with after a space, longest first."""
    table = provinces()
    i = name.find(" ")
    while i >= 0:
        tail = name[i + 1:]
        if tail in table:
            yield tail, table[tail]
        i = name.find(" ", i + 1)


@lru_cache(maxsize=4096)
def canonical_org(name: str, main_province: str | None) -> str:
    """Spell out agency acronyms, drop '(THADS)', and say `tỉnh` before a bare province, so
    `Cục THADS Gia Lai`, `Cục THADS tỉnh Gia Lai` and `Cục Thi hành án dân sự (THADS) tỉnh
    Gia Lai` meet; a bare trailing `tỉnh` is read as the article's main province."""
    acr = table("acronyms.tsv")
    name = " ".join(name.split())
    if name[:1].islower():  # `chi cục thi hành án dân sự quận 1` -> `Chi cục Thi hành án dân sự quận 1`
        name = name[0].upper() + name[1:]
        name = re.sub(r"^((?:Tổng |Chi )?cục|Cục) thi hành án", r"\1 Thi hành án", name)
        name = re.sub(r"^(Tòa án|Viện kiểm sát) nhân dân", lambda m: m[1].replace("tòa", "Tòa") + " nhân dân", name)
    name = re.sub(r"\s*\([^)]*\)", "", name)
    for rx, rep in _TONE_CASE:
        name = rx.sub(rep, name)
    words = [acr[w][0] if w in _EXPAND and w in acr else w for w in name.split(" ")]
    name = " ".join(words)
    if _CORP_START.match(name):
        # A company's or bank's name is its own (Xây dựng Hòa Bình is no province), but
        # `… kiến thiết tỉnh Tiền Giang` and `… kiến thiết Tiền Giang` are one company.
        for spelling, _ in _province_ends(name):
            for level in (" tỉnh ", " thành phố ", " TP. ", " TP "):
                if name.endswith(level + spelling):
                    return name[: -len(level + spelling)] + " " + spelling
        return name
    for spelling, canon in _province_ends(name):  # (the longest only)
        head = name[: -len(spelling) - 1]
        if not re.search(r"(?:\btỉnh|\bthành phố|\bTP\.?| ủy)$", head):
            level = "thành phố" if canon in MUNICIPALITIES else "tỉnh"
            head = f"{head} {level}"
        head = re.sub(r"\bTP\.?$", "thành phố", head)
        return f"{head} {canon}"
    if main_province and re.search(r" tỉnh$", name):
        level = "thành phố" if main_province in MUNICIPALITIES else "tỉnh"
        return name[: -len(" tỉnh")] + f" {level} {main_province}"
    return name


# A company's head and legal forms, what its name is read after: two spellings of one name
# (`Công ty cổ phần chứng khoán MHB`, `Công ty CP Chứng khoán MHB`; `Sài Gòn One Tower`,
# `Saigon One Tower`) differ there, or in case, tones and spaces only.
_HEAD_FORMS = re.compile(r"(?i)(?P<head>tổng công ty|công ty|cty|tập đoàn|ngân hàng|hợp tác xã|doanh nghiệp tư nhân|"
                         r"doanh nghiệp|hãng|dntn|dn)(?P<forms>(?:\s+(?:tnhh|mtv|cp|tmcp|cổ phần|trách nhiệm hữu hạn|"
                         r"một thành viên|hai thành viên(?:\s+trở lên)?|thương mại cổ phần|tư nhân|hợp danh)(?!\w)"
                         r"|\s*\([A-ZĐ]+\))*)\s+")
_HEAD_CLASS = {"doanh nghiệp tư nhân": "dn", "doanh nghiệp": "dn", "dntn": "dn", "tổng công ty": "tct", "cty": "công ty"}
# A short name after a dash ending the name (`… GrabTaxi Việt Nam - Grab`, `… Ánh Dương Việt Nam -
# Taxi Vinasun`, `Tổng công ty Du lịch Sài Gòn - Saigontourist`): one unaccented word.
_DASH_SHORT = re.compile(r"\s+-\s+(?:[A-Z][a-z]+\s+)?(?P<a>[A-Z][A-Za-z]{3,})$")
# ... or an acronym after a name of two capitalised words or more (`… Vàng bạc đá quý Phú Nhuận
# PNJ`), not the name itself (`Công ty CP Chứng khoán MHB`).
_TRAILING_ACRO = re.compile(r"(?:\s+[A-ZĐ][a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+)*){2}(?P<a>\s+[A-ZĐ]{2,5})$")


def _unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
                   if not unicodedata.combining(c) and not c.isspace())


def _split(name: str) -> tuple[str, str] | None:
    """(head, the name after the head and legal forms) of a company, bank or group."""
    m = _HEAD_FORMS.match(name)
    if m is None:
        return None
    head = m["head"].lower()
    return _HEAD_CLASS.get(head, head), name[m.end():]


def join_companies(text: str, orgs: list[Span]) -> None:
    """Give every mention of a company its first full name as canonical: a short name (in
    brackets after the name, after a dash ending it, or after the head alone: `Ngân hàng MHB`)
    and every spelling of the name (legal form short or spelled out, case, tones, spaces) join
    it. A company whose full name the article never writes keeps its own canonical."""
    parent: dict[tuple, tuple] = {}

    def find(k: tuple) -> tuple:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k
    rows = []
    # (most organisations are agencies: no regex asked, no sort of them)
    for o in sorted((o for o in orgs if o.canonical.startswith(_HEAD_STARTS)), key=_START):
        split = _split(o.canonical)
        if split is None:
            continue
        written = text[o.start:o.end]
        full = None
        if " " not in written:  # `(MHB)` after a name: its canonical is that name
            keys = [("name", split[0], _unaccented(split[1])), ("short", written)]
        elif _ACRONYM.fullmatch(split[1]):  # `Ngân hàng MHB`, `Công ty MHBS`: the head and a short name
            keys = [("short", split[1])]
        else:
            dash = _DASH_SHORT.search(o.canonical)
            if dash and " " not in _split(o.canonical[:dash.start()])[1].strip():
                dash = None  # (`Tập đoàn E - United`: one name)
            full = o.canonical[:dash.start()] if dash else o.canonical
            keys = [("name", split[0], _unaccented(_split(full)[1]))] + ([("short", dash["a"])] if dash else [])
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
        if rows and full is not None and _IN_BRACKETS.fullmatch(text, rows[-1][0].end, o.start) \
                and text.startswith(")", o.end) and rows[-1][2] is not None:
            # `Tổng công ty công nghiệp in - bao bì Liksin - TNHH một thành viên (Tổng công ty
            # Liksin)`: a short name with its head, in brackets right after the full one
            parent[find(keys[0])] = find(rows[-1][1])
            full = None
        rows.append((o, keys[0], full))
    first: dict[tuple, str] = {}
    for o, k, full in rows:
        if full is not None:
            trailing = _TRAILING_ACRO.search(_split(full)[1])
            first.setdefault(find(k), full[:len(full) - len(trailing["a"])] if trailing else full)
    for o, k, _ in rows:
        o.canonical = first.get(find(k), o.canonical)


_ACRONYM = re.compile(r"[A-ZĐ][A-ZĐ0-9]{1,9}")
_IN_BRACKETS = re.compile(r"\s*\(\s*")
_HEAD_STARTS = ("Công ty", "công ty", "Cty", "Tổng công ty", "Tổng Công ty", "tổng công ty", "Tập đoàn",
                "tập đoàn", "Ngân hàng", "ngân hàng", "Hợp tác xã", "Doanh nghiệp", "Liên doanh", "DN", "Hãng")  # (_HEAD_FORMS')
_START = attrgetter("start")


def main_province(locations: list[Span]) -> str | None:
    """The province an article is mostly about: the most frequent one, if clearly so."""
    names = province_names()
    counts = Counter(s.canonical for s in locations if s.canonical in names)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n > rest[0][1] else None
