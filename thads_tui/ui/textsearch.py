"""Accent-insensitive search inside one article: `thi hanh an` finds `thi hành án`.

Folding keeps a map from every folded character back to the original offset, so matches
highlight the original text exactly.
"""
from __future__ import annotations

from functools import lru_cache

from unidecode import unidecode


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.casefold()
    return unidecode(ch).casefold()  # đ -> d, ư -> u, ạ -> a


@lru_cache(maxsize=64)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """(folded text, original offset of each folded character)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), tuple(where)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Offsets in `text` of every non-overlapping match of `query`, ignoring case and accents."""
    needle = "".join(_fold_char(c) for c in query.strip())
    if not needle:
        return []
    haystack, where = fold(text)
    found = []
    pos = haystack.find(needle)
    while pos != -1:
        found.append((where[pos], where[pos + len(needle) - 1] + 1))
        pos = haystack.find(needle, pos + len(needle))
    return found
