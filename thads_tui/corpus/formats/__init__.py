"""Readers for the formats articles arrive in, behind one small interface.

    kind(path, head) -> "txt" | "md" | "html" | "docx" | "pdf" | "json"
        which reader a file needs: by its content first (a .txt that is a web page is HTML, a
        .html that is a PDF is a PDF), its extension otherwise.
    read(path, data) -> Document
        one file's bytes (a one-article format) as a Document; raises FormatError (or
        decode.UnreadableText, also a ValueError) with the one-sentence reason.
    is_dump(path) -> bool          a file of many articles (.jsonl, .ndjson, .json)
    list_records(path) -> [Record] its records, listed without being parsed
    read_record(record) -> Document one record, read when asked for

Every Document (see base.Document) holds NFC text without markup, the file's own title,
date and source (which win over what the text's layout suggests), fallback metadata, an
optional body range, Markdown style spans and, for a record, its key. Documents, Records and
errors are plain picklable values, so reading can run in a process pool. The loader
(corpus/loader.py) turns a Document into an Article.
"""
from __future__ import annotations

from pathlib import Path

from ..decode import max_bytes
from . import base, dump
from .base import MAX_DOCUMENT_BYTES, Document, FormatError
from .dump import Record, list_records, read_record

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".docx": "docx", ".pdf": "pdf", ".jsonl": "json", ".ndjson": "json", ".json": "json",
}
FORMATS = ("txt", "md", "html", "docx", "pdf", "json")
# How many bytes a file of each kind may have before it is read (text formats: the text limit).
# Text formats follow the user's size setting (decode.max_bytes); documents have their own.
LIMITS = {"docx": MAX_DOCUMENT_BYTES, "pdf": MAX_DOCUMENT_BYTES}


def is_dump(path: Path) -> bool:
    return path.suffix.lower() in dump.SUFFIXES


def kind(path: Path, head: bytes) -> str:
    """The reader for a file whose first bytes are `head` (4 KB is plenty)."""
    if _is_pdf(head):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    by_name = SUFFIXES.get(path.suffix.lower(), "txt")
    if by_name in ("docx", "pdf"):
        return by_name  # not the bytes it should be: its reader says what is wrong
    if by_name in ("txt", "md", "html") and _html.looks_like_html(head):
        return "html"
    return by_name


def _is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]  # readers accept a little junk before the header


def limit(fmt: str, setting: int | None = None) -> int:
    """The size limit of a format; `setting`: max_bytes() when the caller has it already."""
    return max(LIMITS.get(fmt, 0), max_bytes() if setting is None else setting)  # --max-file-size can raise any limit


def read(path: Path, data: bytes) -> Document:
    """The article in one file's bytes (a dump's records are read with read_record)."""
    fmt = kind(path, data[:4096])
    if fmt == "json":
        raise FormatError("a news dump: list its records with list_records")
    if len(data) > limit(fmt):
        raise base.too_large(len(data), limit(fmt))
    if fmt == "pdf" and not _is_pdf(data):
        raise FormatError("not a PDF file (damaged, or named .pdf by mistake)")
    return _READERS[fmt](data)[0]


from . import docx as _docx, html as _html, md as _md, pdf as _pdf, txt as _txt  # noqa: E402

_READERS = {"txt": _txt.read, "md": _md.read, "html": _html.read, "docx": _docx.read, "pdf": _pdf.read}

__all__ = ["FORMATS", "Document", "FormatError", "Record", "is_dump", "kind", "limit", "list_records",
           "read", "read_record"]
