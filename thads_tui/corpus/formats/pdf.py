"""PDF reports (.pdf) by pypdf: the text layer, page by page, put back into paragraphs.

Lines the page layout wrapped are joined (a name or a figure split over a line end is found
whole), a word hyphenated at a line end is joined without its hyphen, running headers and
footers (the same line, digits aside, at the top or bottom of most pages) and page numbers
are dropped. A PDF without a text layer is refused as "no text layer (a scan?)", an
encrypted one as "encrypted"; the document info (title, author, date) is the fallback
metadata.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter

from .base import Document, FormatError, clean, from_blocks, iso_date, need

for _name in ("pypdf", "pypdf._reader"):  # its warnings must not reach the terminal the app draws on
    logging.getLogger(_name).addHandler(logging.NullHandler())

_PAGE_NUMBER = re.compile(r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:/|of|trên)\s*\d{1,4})?\s*[-–—]?$",
                          re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-•–*+]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s|[IVX]{1,5}\.\s)")
_JUNK_TITLE = re.compile(r"^(?:microsoft word\s*-|untitled)|\.(?:docx?|pdf|odt)$", re.IGNORECASE)
EDGE = 2  # lines at the top and at the bottom of a page where running headers live


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Page numbers at a page's edge, and edge lines repeated (digits aside) on most pages."""
    edges = Counter()
    for lines in pages:
        edges.update({_signature(x) for x in lines[:EDGE] + lines[-EDGE:]})
    need_pages = max(2, int(0.6 * len(pages) + 0.5)) if len(pages) >= 2 else len(pages) + 1
    running = {sig for sig, n in edges.items() if n >= need_pages}
    out = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < EDGE or i >= len(lines) - EDGE
            if at_edge and (_PAGE_NUMBER.match(line) or _signature(line) in running):
                continue
            keep.append(line)
        out.append(keep)
    return out


def _join(prev: str, line: str) -> str:
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha():
        return prev[:-1] + line if line[:1].islower() else prev + line
    return prev + " " + line


def _paragraphs(lines: list[str]) -> list[str]:
    """Wrapped lines back into paragraphs: a line well short of the page's width ends one."""
    lengths = sorted(len(x) for x in lines if x)
    if not lengths:
        return []
    width = lengths[int(0.9 * (len(lengths) - 1))]
    paras: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paras.append(current)
            current = ""
            continue
        if current and _LIST_ITEM.match(line):
            paras.append(current)
            current = ""
        current = _join(current, line) if current else line
        if len(line) < 0.75 * width:
            paras.append(current)
            current = ""
    if current:
        paras.append(current)
    return paras


def read(data: bytes) -> list[Document]:
    pypdf = need("pypdf", "pdf")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")  # an owner password alone still lets anyone read
                except Exception:
                    opened = 0
                if not opened:
                    raise FormatError("encrypted (it needs a password)")
            pages = list(reader.pages)
        except FormatError:
            raise
        except Exception as err:
            raise FormatError(f"damaged or truncated PDF ({_short(err)})") from None
        if not pages:
            raise FormatError("damaged or truncated PDF (no pages)")
        texts = []
        for page in pages:
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # one unreadable page does not lose the others
                texts.append("")
        info = _info(reader)
    if sum(len("".join(t.split())) for t in texts) < 20:
        raise FormatError("no text layer (a scan?)")
    pages_lines = [[" ".join(x.split()) for x in t.split("\n")] for t in texts]
    pages_lines = [[x for x in lines if x] for lines in pages_lines]
    lines = []
    for page in _drop_running_lines(pages_lines):
        lines.extend(page)  # a paragraph that runs on over a page break is joined like any other
    return [from_blocks(_paragraphs(lines), "pdf", **info)]


def _info(reader) -> dict:
    try:
        meta = reader.metadata or {}
        title = clean(meta.get("/Title"))
        if title and _JUNK_TITLE.search(title):
            title = None
        created = getattr(reader.metadata, "creation_date", None) if reader.metadata else None
        return {"fallback_title": title, "fallback_source": clean(meta.get("/Author")),
                "fallback_date": iso_date(created)}
    except Exception:
        return {}


def _short(err: Exception) -> str:
    text = " ".join(str(err).split())[:80]
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
