"""Acronyms: all-caps tokens of two or more letters (Đ included), except Roman numerals.

The expansion comes from the shipped table, else from a definition in the article itself
(`thi hành án hành chính (THAHC)`: the words before the parenthesis whose initials spell it),
else the acronym stands for itself. In a shouted all-caps line only known acronyms count.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from unidecode import unidecode

from .lexicon import ACRO_WORD, table
from .spans import WORD_LEFT, Span, scan

_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# One Vietnamese syllable in capitals (onset, vowels, coda: NGUYỄN, KHÔNG, ĐÂY, TRƯỜNG) with a
# marked vowel is a word of a line in capitals, never initials: of 606 such tokens in 5,000 real
# articles, all but NƠXH, NSƯT, ĐNÁ, ƯBND (no syllable) and TƯ (in the table) were words.
_VOWELS = "AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_SYLLABLE = re.compile(rf"(?:NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?[{_VOWELS}]{{1,3}}"
                       r"(?:NG|NH|CH|[CMNPT])?")
_PLAIN = frozenset("AEIOUY")


def _spelled_word(tok: str) -> bool:
    """`ĐÂY`, `NGUYỄN`: one syllable with a marked vowel (`HAI`, `CAN` may be initials)."""
    return any(c in _VOWELS and c not in _PLAIN for c in tok) and _SYLLABLE.fullmatch(tok) is not None
_DEFINITION = re.compile(rf"\((?P<a>{ACRO_WORD})\)")
_WORDS_BEFORE = re.compile(r"[\w-]+")


@cache
def _token() -> re.Pattern:
    return re.compile(rf"{ACRO_WORD}(?!\w)")


def _initials(word: str) -> str:
    return _initial(word[:1])


@lru_cache(maxsize=4096)
def _initial(first: str) -> str:
    return unidecode(first).upper()


def learn_definitions(text: str) -> dict[str, str]:
    """Acronyms the article defines as 'Full Name (ABBR)'."""
    found: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        abbr = m.group("a")
        key = unidecode(abbr).upper()
        words = _WORDS_BEFORE.findall(text[max(0, m.start() - 120):m.start()])
        n = len(key)
        if len(words) >= n and "".join(_initials(w) for w in words[-n:]) == key:
            found.setdefault(abbr, " ".join(words[-n:]))
    return found


class _Shouting:
    """Lines written mostly in capitals (headlines), where caps do not mean acronym; each
    line is judged once, when an unknown token on it asks."""

    def __init__(self, text: str):
        self.text = text
        self.loud: dict[int, bool] = {}

    def __contains__(self, pos: int) -> bool:
        text = self.text
        start = text.rfind("\n", 0, pos) + 1
        loud = self.loud.get(start)
        if loud is None:
            end = text.find("\n", pos)
            words = text[start:end if end >= 0 else len(text)].split()
            # (counted in C first, one-letter words included: most lines are far from loud)
            upper = sum(map(str.isupper, words))
            if upper >= 4 and upper * 2 >= len(words):
                caps = sum(1 for w in words if len(w) > 1 and w.isupper())
                loud = caps >= 4 and caps * 2 >= len(words)
            else:
                loud = False
            self.loud[start] = loud
        return loud


def find_acronyms(text: str) -> list[Span]:
    known = table("acronyms.tsv")
    learned = learn_definitions(text)
    loud = _Shouting(text)
    out = []
    for m in scan(_token(), text, WORD_LEFT):
        tok = m.group()
        if not tok.strip("MDCLXVI") and _ROMAN.fullmatch(tok):  # (only these letters make one)
            continue
        start, end = m.span()
        entry = known.get(tok)
        if entry is None and (start in loud or (tok not in learned and _spelled_word(tok))):
            continue
        out.append(Span(start, end, "ACRONYM", entry[0] if entry is not None else learned.get(tok, tok)))
    return out
