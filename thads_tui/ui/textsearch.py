"""Accent-insensitive search inside one article: `thi hanh an` finds `thi hành án`.

Folding is the corpus search's (`thads_tui.corpus.fold`: `đ` -> `d`, with a map back to the
original offsets); matching here is plain substring, so the highlights follow as you type
(`ha no` already finds `Hà Nội`).
"""
from __future__ import annotations

from functools import lru_cache

from ..corpus.fold import OffsetMap, fold, fold_with_map


@lru_cache(maxsize=32)
def _folded(text: str) -> tuple[str, OffsetMap]:
    return fold_with_map(text)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Offsets in `text` of every non-overlapping match of `query`, ignoring case and accents."""
    needle = fold(" ".join(query.split()))
    if not needle:
        return []
    haystack, where = _folded(text)
    found = []
    pos = haystack.find(needle)
    while pos != -1:
        found.append(where.span(pos, pos + len(needle)))
        pos = haystack.find(needle, pos + len(needle))
    return found
