"""What every format reader returns, and the pieces they share."""
from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from .. import decode
from ..decode import MAX_BYTES

Span = tuple[int, int, str]

# A document file (docx, pdf) may be much bigger than its text (images, fonts): its own limit.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# What a docx may unpack to, in all; a zip bomb announces far more (sizes read before unpacking).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_TEXT_CHARS = MAX_BYTES  # extracted text, whatever the format


class FormatError(ValueError):
    """Why a file (or one record of it) is not an article: one sentence shown to the user as is."""


@dataclass(frozen=True, slots=True)
class Document:
    """One article as a format reader found it.

    `text` is NFC with '\\n' line ends and holds no markup; every offset (paragraphs, styles)
    points into it. `title`/`date`/`source` come from the file's own metadata (a page's
    <title> and <meta>, a JSON record's fields) and win over what the loader infers from the
    text; `fallback_*` (a Word file's core properties, a PDF's info) are used only where the
    text gives nothing. `paragraphs` None lets the loader find the body from the text's layout.
    `styles` are (start, end, kind) spans, kind one of heading1..heading6, bold, italic,
    list_item. `key` names the record inside a multi-article file (None for one-article files);
    `id_text`, when set, is what the article id is computed from (Markdown: the raw source, so
    notes made before markup was stripped stay attached).
    """

    text: str
    format: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    fallback_title: str | None = None
    fallback_date: str | None = None
    fallback_source: str | None = None
    paragraphs: tuple[tuple[int, int], ...] | None = None
    styles: tuple[Span, ...] = field(default=())
    key: str | None = None
    id_text: str | None = None


def nfc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


def clean(value) -> str | None:
    """A metadata value as one clean line, None when empty."""
    if value is None:
        return None
    text = " ".join(nfc(str(value)).split())
    return text or None


def from_blocks(blocks: list[str], fmt: str, **meta) -> Document:
    """A document whose text is the blocks (paragraphs, table rows) one per line, with a blank
    line between: the layout the loader reads best."""
    lines = [" ".join(nfc(b).split()) for b in blocks]
    text = "\n\n".join(line for line in lines if line)
    if not text:
        raise FormatError("no text")
    if len(text) > MAX_TEXT_CHARS:
        raise FormatError(f"too much text ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    return Document(text=text, format=fmt, **meta)


def too_large(size: int, limit: int) -> FormatError:
    return FormatError(decode.too_large(size, limit))


def need(module: str, extra: str):
    """Import a format's library; a missing one is advice, not a crash."""
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".")[0].replace("_", "-")
        raise FormatError(f"reading {extra.upper()} files needs {package}: "
                          f"pip install 'thads-tui[{extra}]' (or reinstall thads-tui)") from None


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_DMY = re.compile(r"^\s*(?:\D{0,20}?)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def iso_date(value) -> str | None:
    """A date as YYYY-MM-DD (or YYYY-MM): ISO strings, 20/10/2021, epoch seconds, datetimes."""
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d")
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value)[:64]
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
        if 1 <= mo <= 12 and (d is None or 1 <= d <= 31):
            return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d else "")
        return None
    m = _DMY.match(text)
    if m and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
    return None


_MOTTO = re.compile(r"c[ộo]ng\s+h[òo][àa]?\s*x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam", re.IGNORECASE)
_KIND = re.compile(r"^(BÁO CÁO|KẾ HOẠCH|QUYẾT ĐỊNH|CÔNG VĂN|THÔNG BÁO|CHỈ THỊ|TỜ TRÌNH|NGHỊ QUYẾT|HƯỚNG DẪN)\b")
_SIGNED_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^(?:số|so)\s*:", re.IGNORECASE)
HEADER_BLOCKS = 16


def official_header(blocks: list[str]) -> dict:
    """A Vietnamese administrative document (a ministry's report, plan, decision) opens with
    the issuing body, the national motto, its number, `Hà Nội, ngày 20 tháng 10 năm 2021` and
    its kind (`BÁO CÁO`) over its subject: those are its source, date and title. {} for any
    other text."""
    cells = [c.strip() for b in blocks[:HEADER_BLOCKS] for c in nfc(b).split(" | ") if c.strip()]
    motto = next((i for i, c in enumerate(cells) if _MOTTO.search(c)), None)
    if motto is None:
        return {}
    meta: dict = {}
    issuer = []  # the upper-case cells of the header (beside or above the motto) that are not it
    for c in cells:
        if _NUMBER_LINE.match(c) or _SIGNED_DATE.search(c) or _KIND.match(c):
            break
        if c.upper() == c and not _MOTTO.search(c):
            issuer.append(c)
    if issuer:
        meta["source"] = clean(" ".join(issuer))
    for c in cells:
        m = _SIGNED_DATE.search(c)
        if m and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12:
            meta["date"] = f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
            break
    for i, c in enumerate(cells[motto + 1:], motto + 1):
        m = _KIND.match(c)
        if m:
            subject = c[m.end():].strip(" :-–")
            if not subject and i + 1 < len(cells):
                subject = cells[i + 1]
            meta["title"] = clean(f"{m[1].capitalize()} {subject}" if subject else m[1].capitalize())
            break
    return meta
