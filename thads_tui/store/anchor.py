"""Find a quoted passage again after the article's text has changed a little.

A passage note stores the quote itself plus a little of the text right before (`prefix`) and
after (`suffix`) it, not character offsets: offsets break as soon as the extractor changes how
it cleans the text, while a quote with some context can be found again (the same idea as the
W3C Web Annotation "TextQuoteSelector").
"""
from __future__ import annotations

import re
import unicodedata

CONTEXT = 32


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT) -> dict:
    """The quote between `start` and `end` of `text` with up to `context` characters around it,
    as keyword arguments for `Annotations.add_passage_note`."""
    return {"quote": text[start:end], "prefix": text[max(0, start - context):start],
            "suffix": text[end:end + context]}


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _loose(quote: str) -> re.Pattern:
    """The quote with any run of whitespace matching any run of whitespace."""
    return re.compile(r"\s+".join(re.escape(word) for word in quote.split()))


def locate_passage(text: str, quote: str, prefix: str = "", suffix: str = "",
                   position: int | None = None) -> tuple[int, int] | None:
    """Where the passage is in `text` now, as (start, end), or None if it is no longer there.

    Exact matches of the quote are tried first, then matches that differ only in whitespace;
    among several matches the one whose surroundings agree most with `prefix`/`suffix` wins
    (on a tie the one nearest the stored `position`, else the first one).
    """
    text, quote = unicodedata.normalize("NFC", text), unicodedata.normalize("NFC", quote)
    prefix, suffix = unicodedata.normalize("NFC", prefix), unicodedata.normalize("NFC", suffix)
    if not quote.strip():
        return None
    spans = [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), text)]
    if not spans:
        spans = [m.span() for m in _loose(quote).finditer(text)]
    if not spans:
        return None

    def score(span: tuple[int, int]) -> int:
        start, end = span
        before = text[max(0, start - len(prefix)):start]
        after = text[end:end + len(suffix)]
        return _common_suffix(before, prefix) + _common_prefix(after, suffix)

    near = position if isinstance(position, int) and not isinstance(position, bool) else 0
    return max(spans, key=lambda s: (score(s), -abs(s[0] - near), -s[0]))
