"""News dumps: JSON lines (.jsonl, .ndjson) and JSON (.json), one article per record.

Listing is cheap and reads no record: a JSON-lines file is scanned once for its line ends and
each record is a byte span, read and parsed when asked for (100,000 records list in well
under a second). A .json file (a list of records, an object holding one under `articles`,
`items`, `data`…, or one record) is parsed whole when its first record is read and kept
for the next ones. Fields by their usual names: `title`, `content`/`text`/`body`,
`date`/`published`, `url`, `source`/`author`; HTML in the content is reduced to its text.
A record that is not JSON, or has no text, is reported by its line (or record) number.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..decode import MAX_BYTES, UnreadableText, decode, max_bytes
from .base import Document, FormatError, clean, from_blocks, iso_date, too_large

MAX_DUMP_BYTES = 4 * 1024 ** 3  # a JSON-lines dump is read a record at a time
MAX_JSON_BYTES = 256 * 1024 ** 2  # a .json file is parsed whole
SUFFIXES = (".jsonl", ".ndjson", ".json")

TITLE_FIELDS = ("title", "headline", "name", "tieu_de")
TEXT_FIELDS = ("content", "text", "body", "article", "content_text", "maintext", "noi_dung", "description")
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "pubDate", "datePublished",
               "date_publish", "time", "created_at", "ngay")
SOURCE_FIELDS = ("source", "author", "authors", "site", "site_name", "sitename", "publisher")
URL_FIELDS = ("url", "link", "canonical_url")
LIST_FIELDS = ("articles", "items", "data", "records", "results", "posts", "documents", "news")


@dataclass(frozen=True, slots=True)
class Record:
    """One article inside a dump file: where it is, and how the user is told about it.

    `key` is stable for a given file ("line 17", "record 3"); `start`/`end` are the record's
    bytes in a JSON-lines file (end -1 for a .json file, read by its index `start`)."""

    path: Path
    key: str
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.path} ({self.key})"


def list_records(path: Path) -> list[Record]:
    """Every record's place in the file, without parsing any (raises FormatError, OSError)."""
    size = os.stat(path).st_size
    if path.suffix.lower() == ".json":
        if size > MAX_JSON_BYTES:
            raise too_large(size, MAX_JSON_BYTES)
        return [Record(path, f"record {i + 1}", i, -1) for i in range(len(_parsed(path)))]
    if size > MAX_DUMP_BYTES:
        raise too_large(size, MAX_DUMP_BYTES)
    records: list[Record] = []
    with open(path, "rb") as fh:
        offset, line, tail = 0, 0, b""
        while chunk := fh.read(8 * 1024 * 1024):
            data = tail + chunk
            base = offset - len(tail)
            pos = 0
            while (nl := data.find(b"\n", pos)) >= 0:
                line += 1
                if data[pos:nl].strip():
                    records.append(Record(path, f"line {line}", base + pos, base + nl))
                pos = nl + 1
            tail = data[pos:]
            offset += len(chunk)
        if tail.strip():
            records.append(Record(path, f"line {line + 1}", offset - len(tail), offset))
    if not records:
        raise FormatError("empty file")
    return records


def read_record(record: Record) -> Document:
    """One record as a Document (raises FormatError with the line or record number)."""
    if record.end < 0:
        items = _parsed(record.path)
        if record.start >= len(items):
            raise FormatError(f"{record.key}: no longer in the file")
        return _document(items[record.start], record.key)
    if record.end - record.start > max_bytes():
        raise FormatError(f"{record.key}: {too_large(record.end - record.start, max_bytes())}")
    with open(record.path, "rb") as fh:
        fh.seek(record.start)
        raw = fh.read(record.end - record.start)
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FormatError(f"{record.key}: not UTF-8 text") from None
    except (ValueError, RecursionError) as err:
        raise FormatError(f"{record.key}: not JSON ({_why(err)})") from None
    return _document(value, record.key)


def _why(err: Exception) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} at column {err.colno}"
    return "nested too deeply" if isinstance(err, RecursionError) else type(err).__name__


_cache_lock = threading.Lock()
_cache: dict = {}


def _parsed(path: Path) -> list:
    """The records of a .json file, parsed once per version of the file (the last one kept)."""
    st = os.stat(path)
    stamp = (str(path), st.st_mtime_ns, st.st_size)
    with _cache_lock:
        if _cache.get("stamp") == stamp:
            return _cache["items"]
    with open(path, "rb") as fh:
        data = fh.read(MAX_JSON_BYTES + 1)
    try:
        value = json.loads(decode_json(data))
    except json.JSONDecodeError as err:
        raise FormatError(f"not JSON (line {err.lineno}: {err.msg})") from None
    except RecursionError:
        raise FormatError("not JSON (nested too deeply)") from None
    items = _records_in(value)
    with _cache_lock:
        _cache.update(stamp=stamp, items=items)
    return items


def decode_json(data: bytes) -> str:
    if len(data) > MAX_JSON_BYTES:
        raise too_large(len(data), MAX_JSON_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return decode(data)  # UTF-16 with a mark; anything else is refused with a reason
        except UnreadableText as err:
            raise FormatError(str(err)) from None


def _records_in(value) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for name in LIST_FIELDS:
            if isinstance(value.get(name), list):
                return value[name]
        return [value]
    raise FormatError("not a news dump (neither a list of records nor an object)")


def _field(record: dict, names: tuple[str, ...]):
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _name(value) -> str | None:
    """`source`/`author` as a string: a name, a list of names, or {"name": …}."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        value = ", ".join(n for n in (_name(v) for v in value) if n)
    return clean(value) if isinstance(value, (str, int, float)) else None


def _lines(value) -> list[str]:
    if isinstance(value, list):
        return [line for v in value for line in _lines(v)]
    if isinstance(value, dict):
        return _lines(_field(value, TEXT_FIELDS))
    if not isinstance(value, str):
        return [] if value is None else [str(value)]
    if "<" in value and ("</p>" in value or "<br" in value or "</div>" in value):
        from .html import fragment_lines

        return fragment_lines(value)
    return value.split("\n")


def _document(record, key: str) -> Document:
    if not isinstance(record, dict):
        raise FormatError(f"{key}: not a record (a JSON {type(record).__name__}, not an object)")
    body = _lines(_field(record, TEXT_FIELDS))
    if not any(line.strip() for line in body):
        raise FormatError(f"{key}: no text (no content, text or body field)")
    title = clean(_field(record, TITLE_FIELDS))
    if title and len(title) > 500:
        title = None
    url = _field(record, URL_FIELDS)
    host = urlsplit(url).hostname if isinstance(url, str) else None
    try:
        return from_blocks(([title] if title else []) + body, "json", title=title, key=key,
                           date=iso_date(_field(record, DATE_FIELDS)),
                           source=_name(_field(record, SOURCE_FIELDS)), fallback_source=host)
    except FormatError as err:
        raise FormatError(f"{key}: {err}") from None
