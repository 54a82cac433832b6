"""Accent- and case-insensitive folding with a map back to the original offsets.

Folding works one character at a time, so `fold(a + b) == fold(a) + fold(b)` and a match in
folded text maps back to whole original characters. Every Vietnamese letter folds to exactly
one ASCII letter (`Đ`/`đ` to `d`, which NFD accent stripping and SQLite's remove_diacritics
both miss), so for ordinary articles the folded text has the same length as the original and
the map is the identity. Other characters may fold to nothing (a combining mark that did not
compose, an emoji) or to several letters (`ß` to `ss`, `北` to `bei `); the map handles both.

The output is lowercase ASCII, hence `fold(fold(x)) == fold(x)`.

Speed: `str.translate` with this table costs ~75 ns a character (18 ms for 64 articles). Most
text is folded instead by NFD decomposition and dropping what is not ASCII (C code, ~4x
faster), which gives exactly the table's output whenever every character gives back one ASCII
character that way (checked by length, see `_nfd_fold`); the few characters NFD cannot fold
(`đ`, typographic quotes and dashes, `…`) are replaced by their folds first. A text with any
other such character is folded by the table.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from functools import lru_cache

from unidecode import unidecode


def fold_char(ch: str) -> str:
    """The folded form of one character: lowercase ASCII, possibly empty or several letters."""
    return _TABLE[ord(ch)]


def _compute(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in "đĐ":
        return "d"
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return ""
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if base.isascii() and base:
        return base.lower()
    return unidecode(ch).lower()


class _Table(dict):
    """ord -> folded string, filled on first sight; usable directly by `str.translate`."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _compute(chr(code))
        return folded


_TABLE = _Table()
for _code in range(128):
    _TABLE[_code]  # ASCII first: the common case never reaches __missing__


# characters frequent in Vietnamese news that NFD does not fold (no decomposition, or only a
# compatibility one): replaced by their folds before the decomposition. None may fold to nothing.
_NFD_MISSES = tuple((c, _TABLE[ord(c)]) for c in "đĐ“”‘’–—…\u200b\xa0«»•×°")
_MANY = {c: out for c, out in _NFD_MISSES if len(out) != 1}  # fold to several characters


def _nfd_fold(text: str) -> str | None:
    """fold(text) by NFD decomposition, or None when the text has a character it cannot fold.

    Every character's decomposition holds at most one ASCII character, and only with combining
    marks (tests/test_search_fold.py checks every code point), and that character is then its
    fold. So when the decomposition keeps exactly one ASCII character per character (lengths
    equal), it is the fold, character by character."""
    if text.isascii():
        return text.lower()
    for c, out in _NFD_MISSES:
        if c in text:
            text = text.replace(c, out)
    folded = unicodedata.normalize("NFD", text).encode("ascii", "ignore")
    if len(folded) != len(text):
        return None
    return folded.decode("ascii").lower()


def fold(text: str) -> str:
    """Lowercase ASCII with accents removed: `Đồng Nai` -> `dong nai`."""
    folded = _nfd_fold(text)
    return text.translate(_TABLE) if folded is None else folded


# fold, remembered: the views sort and filter 100,000s of names, titles and figures, and the
# catalogue's SQL sorts by it (`fold(...)` in a query: see catalog.db.connect)
folded = lru_cache(maxsize=1 << 19)(fold)


def folds_one_to_one(text: str) -> bool:
    """True when every character of `text` folds to exactly one character (the map is trivial)."""
    table = _TABLE
    return all(len(table[ord(c)]) == 1 for c in set(text))


class OffsetMap:
    """Folded offsets -> offsets in the original text.

    `span(a, b)` turns the folded range [a, b) into the smallest original range whose characters
    produced it, widened over combining marks that follow (they fold to nothing but belong to the
    letter before them), so a highlight never splits a letter from its accent.
    """

    __slots__ = ("_starts", "_ends", "_folded_len", "_text_len", "_many")

    def __init__(self, starts: array | None, ends: array | None, folded_len: int, text_len: int,
                 many: tuple[list[int], list[int], list[int]] | None = None) -> None:
        self._starts = starts  # None: identity, or only `many`
        self._ends = ends
        self._folded_len = folded_len
        self._text_len = text_len
        # (folded offsets, original offsets, lengths) of the characters folding to several
        # characters, the others folding one to one (a text with a few `…`: no arrays built)
        self._many = many

    @property
    def identity(self) -> bool:
        return self._starts is None and self._many is None

    def __len__(self) -> int:
        return self._folded_len

    def start(self, k: int) -> int:
        """Original offset of the character that produced folded character k (k == len: the end)."""
        if self._starts is None:
            if self._many is None:
                return k
            folded, original, lengths = self._many
            j = bisect_right(folded, k) - 1
            if j < 0:
                return k
            if k < folded[j] + lengths[j]:
                return original[j]
            return k - (folded[j] + lengths[j] - original[j] - 1)
        return self._starts[k] if k < self._folded_len else self._text_len

    def end(self, k: int) -> int:
        """Original offset just after the character that produced folded character k."""
        if self._starts is None:
            return self.start(k) + 1
        return self._ends[k]

    def span(self, a: int, b: int) -> tuple[int, int]:
        if b <= a:
            s = self.start(a)
            return s, s
        return self.start(a), self.end(b - 1)


def fold_with_map(text: str) -> tuple[str, OffsetMap]:
    """(folded text, map from folded offsets to offsets in `text`).

    Built in bulk: the runs of characters that fold 1:1 between the rare others are appended
    as ranges, so the cost is linear with a small constant even on megabytes of text.
    """
    folded = _nfd_fold(text)
    if folded is not None:
        if len(folded) == len(text):
            return folded, OffsetMap(None, None, len(folded), len(text))
        return folded, _many_map(text, len(folded))
    folded = text.translate(_TABLE)
    table = _TABLE
    odd = [c for c in set(text) if len(table[ord(c)]) != 1]
    if not odd:
        return folded, OffsetMap(None, None, len(folded), len(text))
    pattern = re.compile("[" + "".join(re.escape(c) for c in odd) + "]")
    starts = array("I")
    ends = array("I")
    n = len(text)
    i = 0  # next original offset not yet mapped
    last_len = 0  # folded characters the last character with output produced
    last_end = -1  # original offset just after that character (its marks included)
    for m in pattern.finditer(text):
        k = m.start()
        if k > i:
            starts.extend(range(i, k))
            ends.extend(range(i + 1, k + 1))
            last_len, last_end = 1, k
        out = table[ord(text[k])]
        if out:
            starts.extend([k] * len(out))
            ends.extend([k + 1] * len(out))
            last_len, last_end = len(out), k + 1
        elif last_end == k and last_len and unicodedata.category(text[k])[0] == "M":
            ends[len(ends) - last_len:] = array("I", [k + 1] * last_len)  # a mark joins its letter
            last_end = k + 1
        i = k + 1
    if i < n:
        starts.extend(range(i, n))
        ends.extend(range(i + 1, n + 1))
    return folded, OffsetMap(starts, ends, len(folded), n)


def _many_map(text: str, folded_len: int) -> OffsetMap:
    """The map of a text whose characters fold to one character but a few of _MANY's."""
    pattern = re.compile("[" + "".join(c for c in _MANY if c in text) + "]")
    folded: list[int] = []
    original: list[int] = []
    lengths: list[int] = []
    shift = 0  # folded offset - original offset after the characters seen
    for m in pattern.finditer(text):
        k = m.start()
        n = len(_MANY[text[k]])
        folded.append(k + shift)
        original.append(k)
        lengths.append(n)
        shift += n - 1
    return OffsetMap(None, None, folded_len, len(text), (folded, original, lengths))


def fold_window(text: str, start: int, end: int) -> tuple[str, OffsetMap, int]:
    """Fold only text[start:end] (for snippets of a huge text): (folded, map, start).

    The map's offsets are relative to `start`; add it back for offsets into `text`.
    """
    start = max(0, start)
    end = min(len(text), end)
    while start > 0 and unicodedata.category(text[start])[0] == "M":
        start -= 1  # never cut a letter from its marks
    folded, where = fold_with_map(text[start:end])
    return folded, where, start
