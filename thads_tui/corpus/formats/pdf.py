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

from .base import Document, FormatError, clean, from_blocks, iso_date, need, official_header

for _name in ("pypdf", "pypdf._reader"):  # its warnings must not reach the terminal the app draws on
    logging.getLogger(_name).addHandler(logging.NullHandler())

_PAGE_NUMBER = re.compile(r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:/|of|trên)\s*\d{1,4})?\s*[-–—]?$",
                          re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-•–*+]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s|[IVX]{1,5}\.\s)")
_JUNK_TITLE = re.compile(r"^(?:microsoft word\s*-|untitled)|\.(?:docx?|pdf|odt)$", re.IGNORECASE)
EDGE = 2  # lines at the top and at the bottom of a page where running headers live


Line = tuple[str, float | None, float | None]  # text, baseline height on the page, font size


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Page numbers at a page's edge, and edge lines repeated (digits aside) on most pages."""
    edges = Counter()
    for lines in pages:
        edges.update({_signature(x[0]) for x in lines[:EDGE] + lines[-EDGE:]})
    need_pages = max(2, int(0.6 * len(pages) + 0.5)) if len(pages) >= 2 else len(pages) + 1
    running = {sig for sig, n in edges.items() if n >= need_pages}
    out = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < EDGE or i >= len(lines) - EDGE
            if at_edge and (_PAGE_NUMBER.match(line[0]) or _signature(line[0]) in running):
                continue
            keep.append(line)
        out.append(keep)
    return out


def _page_lines(page) -> list[Line]:
    """The page's non-blank lines with, where pypdf tells them, their height and font size
    (a gap wider than the line spacing, or a new size, starts a paragraph)."""
    runs: list[list[float]] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        y, height = cm[3] * tm[5] + cm[5], abs(size * tm[3] * cm[3]) or size
        if runs and abs(runs[-1][0] - y) <= 1.0:
            return
        runs.append([y, height])

    text = page.extract_text(visitor_text=visit) or ""
    lines = [" ".join(x.split()) for x in text.split("\n")]
    lines = [x for x in lines if x]
    if len(runs) != len(lines):  # unusual layout: go by line widths alone
        return [(x, None, None) for x in lines]
    return [(x, y, h) for x, (y, h) in zip(lines, runs)]


def _join(prev: str, line: str) -> str:
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha():
        return prev[:-1] + line if line[:1].islower() else prev + line
    return prev + " " + line


def _starts_paragraph(prev: Line, line: Line, spacing: float | None) -> bool:
    if _LIST_ITEM.match(line[0]):
        return True
    if prev[1] is None or line[1] is None:
        return False
    if abs((prev[2] or 0) - (line[2] or 0)) > 0.5:
        return True
    gap = prev[1] - line[1]
    return spacing is not None and 0 < spacing * 1.2 < gap


def _spacing(lines: list[Line]) -> float | None:
    """The usual distance between two lines of one paragraph (the median gap)."""
    gaps = sorted(a[1] - b[1] for a, b in zip(lines, lines[1:])
                  if a[1] is not None and b[1] is not None and a[2] == b[2] and a[1] > b[1])
    return gaps[len(gaps) // 2] if gaps else None


def _paragraphs(lines: list[Line]) -> list[str]:
    """Wrapped lines back into paragraphs: a line well short of the page's width ends one, and
    so does a wider gap or a change of font size before the next."""
    lengths = sorted(len(x[0]) for x in lines)
    if not lengths:
        return []
    width = lengths[int(0.9 * (len(lengths) - 1))]
    spacing = _spacing(lines)
    paras: list[str] = []
    current, prev = "", None
    for line in lines:
        if current and prev is not None and _starts_paragraph(prev, line, spacing):
            paras.append(current)
            current = ""
        current = _join(current, line[0]) if current else line[0]
        prev = line
        if len(line[0]) < 0.75 * width:
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
        pages_lines = []
        for page in pages:
            try:
                pages_lines.append(_page_lines(page))
            except Exception:  # one unreadable page does not lose the others
                pages_lines.append([])
        info = _info(reader)
    if sum(len(x[0]) for lines in pages_lines for x in lines) < 20:
        raise FormatError("no text layer (a scan?)")
    lines: list[Line] = []
    for page in _drop_running_lines(pages_lines):
        lines.extend(page)  # a paragraph that runs on over a page break is joined like any other
    paragraphs = _paragraphs(lines)
    official = official_header(paragraphs)
    return [from_blocks(paragraphs, "pdf", title=official.get("title"), date=official.get("date"),
                        source=official.get("source"), **info)]


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
