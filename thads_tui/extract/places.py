"""Provinces and cities (the 63 units before 1 July 2025 and the 34 after, with common
spellings), and districts introduced by huyện/quận/thị xã/thành phố (or the post-2025 khu vực).

A province name is recognised anywhere; a district name only after its introducer, since
district names are open-ended, or alone before the colon that opens a headline line
(`Kiến Thụy: Cưỡng chế ...`). The introducer stays outside the span (`tỉnh Gia Lai` →
`Gia Lai`), except the `TP.` of `TP.HCM`, which is part of the usual spelling.
"""
from __future__ import annotations

import re
from functools import cache

from .lexicon import CAP_WORD, UPPER, surnames, table, trie_pattern
from .spans import WORD_LEFT, Span, at_line_starts, at_literals, compile_line, scan

MUNICIPALITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})


@cache
def provinces() -> dict[str, str]:
    """Spelling -> canonical province/city name."""
    return {name: cols[0] for name, cols in table("provinces.tsv").items()}


@cache
def province_names() -> frozenset[str]:
    """The canonical province/city names."""
    return frozenset(provinces().values())


@cache
def province_pattern() -> str:
    return rf"{trie_pattern(provinces())}(?!\w)"


# Capitalised words after an introducer that are not a unit's name: another level word
# (`khu vực Quận 1`) or an institution (`khu vực Trung tâm hành chính`).
_NOT_A_NAME = r"(?:Quận|Huyện|Phường|Xã|Tỉnh|Thị xã|Thị trấn|Thành phố|Trung tâm|Nhà nước|Khu)"


@cache
def district_pattern() -> str:
    """A district-level name: 1-3 Titlecase syllables, cut before a family name that starts
    a person's name (`huyện Krông Pa Nguyễn Văn A`), and none at all when a person's name
    follows the level word (`Phó Chủ tịch UBND Thành phố Dương Văn Lực`): a family name
    before the middle names Văn/Thị starts a person, never a place."""
    names = trie_pattern(surnames())
    word = rf"{CAP_WORD}(?!\w)"
    return (rf"(?!{names}\s+(?:Văn|Thị)(?!\w)|{_NOT_A_NAME}(?!\w)){word}"
            rf"(?:\s+(?!{names}\s+{CAP_WORD}){word}){{0,2}}")


# What every district match starts with: tried where these occur (`at_literals`), faster than
# CPython's scan for the first letters of its alternatives (`h`, `q`, `t` are everywhere).
_LEVEL_HEADS = ("huyện", "quận", "thị xã", "thành phố", "Huyện", "Quận", "Thị xã", "Thành phố", "TP",
                "Tp", "khu vực")


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    district = compile_line(
        rf"(?:huyện|quận|thị xã|thành phố|Huyện|Quận|Thị xã|Thành phố|TP\.?|Tp\.?|"
        rf"khu vực(?!\s+(?:[IVX]|Nhà nước)(?!\w)))\s+(?P<n>{district_pattern()})")
    # A headline led by its place (`Kiến Thụy: Cưỡng chế giao nhà ...`), as news sites list
    # related articles: a district-like run alone before the colon, a sentence after it.
    headline = compile_line(rf"(?:^|\n)(?P<n>{district_pattern()}):\s+(?={UPPER})")
    return compile_line(province_pattern()), district, headline


def find_places(text: str) -> list[Span]:
    prov_rx, district_rx, headline_rx = _patterns()
    table_ = provinces()
    out = [Span(m.start(), m.end(), "LOCATION", table_[m.group()], priority=1)
           for m in scan(prov_rx, text, WORD_LEFT)]
    for m in at_literals(district_rx, _LEVEL_HEADS, text, WORD_LEFT):
        name = m.group("n")
        out.append(Span(m.start("n"), m.end("n"), "LOCATION", table_.get(name, name)))
    names = surnames()
    for m in at_line_starts(headline_rx, text, ":"):
        name = m.group("n")
        words = name.split()
        # One word is a label (`Ảnh:`); a family name before two more is a person speaking.
        if len(words) < 2 or (words[0] in names and len(words) > 2) or name in table_:
            continue
        out.append(Span(m.start("n"), m.end("n"), "LOCATION", name))
    return out


@cache
def _surname_before() -> re.Pattern:
    """A family name (and at most one middle name) ending right before a place, itself not
    preceded by a capitalised word: `Lê Hà Nam`, `Nguyễn Thái Bình`, `Trần Văn Long An`."""
    sure = trie_pattern([n for n, ambiguous in surnames().items() if not ambiguous])
    return compile_line(rf"(?<![\w.])(?<!{UPPER}\w\s)(?:{sure})(?:\s+{CAP_WORD})?\s$")


def drop_names_in_places(text: str, places: list[Span]) -> list[Span]:
    """Province names that end a person's name are the person's, not the place."""
    rx = _surname_before()
    return [p for p in places
            if not (p.priority == 1 and _capital_word_before(text, p.start)
                    and rx.search(text, max(0, p.start - 24), p.start))]


def _capital_word_before(text: str, pos: int) -> bool:
    """What `_surname_before` needs at its end: one space, then a word starting with a capital
    (the family name or the middle one). Most places follow `tỉnh`, `huyện`: no search then."""
    if pos < 2 or text[pos - 1] == "\n" or not text[pos - 1].isspace():
        return False
    k = pos - 2
    while k >= 0 and text[k].isalpha():
        k -= 1
    return k < pos - 2 and text[k + 1].isupper()
