"""Saved web pages (.html, .htm): the article's text and the page's own metadata, by trafilatura.

Nothing is fetched: trafilatura is given the page's text only (no URL to download, no
fallback that reaches the network). Menus, ads, related links and footers are left out
(`favor_precision`); table rows become lines (cells joined by ' | '); the page's title,
publication date (its <meta>/<time> markup, not dates guessed from the text) and author or
site name win over what the loader would infer from the text.
"""
from __future__ import annotations

import html as _entities
import logging
import re

from ..decode import decode
from .base import Document, FormatError, clean, from_blocks, iso_date, need

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):  # never on the app's terminal
    logging.getLogger(_name).addHandler(logging.NullHandler())

MIN_WORDS = 12
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_TAG = re.compile(r"<[^<>]{0,2000}>")
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)


def looks_like_html(head: bytes) -> bool:
    """The first kilobytes of a file: does it open like a web page (whatever its name)?"""
    start = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head[:8192].lower():
        return True
    return start.startswith(b"<") and bool(_LOOKS_HTML.search(head[:4096]))


_BLOCK_END = re.compile(r"<(?:br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^<>]{0,200}>", re.IGNORECASE)


def fragment_lines(markup: str) -> list[str]:
    """The text of an HTML fragment (a JSON record's `content`), one line per block."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", markup))
    return [line for line in _entities.unescape(text).split("\n") if line.strip()]


def _row(line: str) -> str:
    """A table row as trafilatura writes it (`| a | b |`) as one line `a | b`."""
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return " | ".join(c for c in cells if c)
    return line


def read(data: bytes) -> list[Document]:
    trafilatura = need("trafilatura", "html")
    page = decode(data)
    m = _SAVED_FROM.search(page[:4096])
    url = m[1] if m else None
    try:
        found = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_tables=True, include_comments=False,
            include_images=False, include_links=False, favor_precision=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # a parser failure on one page skips that page only
        raise FormatError(f"not a readable web page ({type(err).__name__})") from None
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise FormatError("no article text found in the page")
    lines = [_row(line) for line in text.split("\n") if not _TABLE_RULE.match(line.strip())]
    title = clean(found.title)
    words = sum(len(line.split()) for line in lines if clean(line) != title)
    if words < MIN_WORDS:  # a menu or a caption is what is left of a page without an article
        raise FormatError("no article text found in the page")
    source = clean(found.author) or clean(found.sitename)
    return [from_blocks(([title] if title else []) + lines, "html", title=title,
                        date=iso_date(found.date), source=source)]
