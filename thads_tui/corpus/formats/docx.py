"""Word files (.docx) by python-docx: paragraphs and table rows in document order.

A .docx is a zip: its listed sizes are checked before anything is unpacked (a zip bomb is
refused), and a file that is not a zip, or a zip without a Word document in it, says so.
Table rows become one line each (cells joined by ' | ', a merged cell once). The core
properties (title, author, created) are used where the text gives no title, source or date.
"""
from __future__ import annotations

import io
import zipfile

from .base import MAX_UNPACKED_BYTES, Document, FormatError, clean, from_blocks, iso_date, need, official_header

MAX_RATIO = 200  # deflate rarely beats 1:100 on XML; a bomb does 1:1000 and more


def check_zip(data: bytes) -> None:
    """Refuse what python-docx should never be handed, from the zip's directory alone."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError("not a Word document (damaged, or not a .docx: not a zip file)") from None
    with archive:
        infos = archive.infolist()
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise FormatError("not a Word document (a zip file without word/document.xml)")
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > MAX_UNPACKED_BYTES or (total > 10 * 1_048_576 and total / packed > MAX_RATIO):
            raise FormatError(f"unpacks to {total / 1_048_576:,.0f} MB from {len(data) / 1_048_576:,.1f} MB "
                              "(a zip bomb?); not unpacked")


def _cells(row) -> list[str]:
    seen, out = set(), []
    for cell in row.cells:  # a merged cell is listed once per grid column it spans
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        text = " ".join(cell.text.split())
        if text:
            out.append(text)
    return out


def _blocks(document) -> tuple[list[str], str | None]:
    """Paragraph and table-row texts in document order, and the first Title/Heading text."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks, heading = [], None
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text
            style = (item.style.name if item.style is not None else "") or ""
            if heading is None and text.strip() and (style == "Title" or style.startswith("Heading")):
                heading = text
            blocks.append(text)
        elif isinstance(item, Table):
            for row in item.rows:
                blocks.append(" | ".join(_cells(row)))
    return blocks, heading


def read(data: bytes) -> list[Document]:
    docx = need("docx", "docx")
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks, heading = _blocks(document)
        core = document.core_properties
        title, author, created = core.title, core.author, core.created
    except FormatError:
        raise
    except Exception as err:
        raise FormatError(f"damaged Word document ({type(err).__name__})") from None
    if author == "python-docx":  # the library's template defaults, not a person or a date
        author = None
        created = None if created is not None and created.year == 2013 else created
    heading = clean(heading)
    if heading:  # a styled title goes first, where the layout looks for it
        first = next((i for i, b in enumerate(blocks) if clean(b) == heading), None)
        if first:
            blocks.insert(0, blocks.pop(first))
    official = official_header(blocks)
    return [from_blocks(blocks, "docx", title=official.get("title") or heading, date=official.get("date"),
                        source=official.get("source"), fallback_title=clean(title),
                        fallback_source=clean(author), fallback_date=iso_date(created))]
