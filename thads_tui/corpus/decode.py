"""Bytes to clean NFC text: the encodings Vietnamese article files really arrive in.

UTF-8 (with or without BOM), UTF-16/32 with BOM, and legacy Windows-1258 (which stores tone
marks as combining characters, so NFC composes them). Anything else is refused with a reason
a person can act on, never a stack trace.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata

#: The default size limit for one article file (5 MiB); see `max_bytes`.
MAX_BYTES = 5 * 1024 * 1024
#: The setting that changes it (bytes, or a number with kB/MB/KiB/MiB); `--max-file-size` sets it too.
LIMIT_SETTING = "THADS_TUI_MAX_FILE_SIZE"
_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "kib": 1024, "mib": 1024**2, "gib": 1024**3}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Letters that only Vietnamese uses among the Windows-125x family: their presence after a
# cp1258 decode is what tells legacy Vietnamese from random bytes.
_VIETNAMESE_MARKS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UnreadableText(ValueError):
    """Why a file's bytes are not an article; the message is shown to the user as is."""


def normalise(text: str) -> str:
    """NFC, '\\n' line ends, no BOM: the one form every offset in the app refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def parse_size(text: str) -> int:
    """'5242880', '5MiB', '10 MB', '800kB' -> bytes; ValueError (with a sentence) otherwise."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text or "")
    unit = m.group(2).lower() if m else None
    if m is None or unit not in _UNITS or float(m.group(1)) * _UNITS[unit] < 1:
        raise ValueError(f"{text!r} is not a size: give bytes, or a number with kB, MB, KiB or MiB (e.g. 5MiB)")
    return int(float(m.group(1)) * _UNITS[unit])


def max_bytes() -> int:
    """The size limit for one file: the THADS_TUI_MAX_FILE_SIZE setting, else 5 MiB."""
    setting = os.environ.get(LIMIT_SETTING)
    if setting:
        try:
            return parse_size(setting)
        except ValueError:
            pass  # the command line checks the setting and says so; a bad value keeps the default
    return MAX_BYTES


def _bytes(n: int) -> str:
    return f"{n:,} bytes".replace(",", " ")


def _binary(n: int) -> str:
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            return f" = {n / size:.3f}".rstrip("0").rstrip(".") + f" {unit}"
    return ""


def too_large(size: int, limit: int | None = None) -> str:
    """Why a file of `size` bytes is refused, both sizes exact (5 MiB + 1 byte is not "5.0 MB")."""
    limit = max_bytes() if limit is None else limit
    return f"too large ({_bytes(size)}; the limit is {_bytes(limit)}{_binary(limit)}, see --max-file-size)"


def decode(data: bytes) -> str:
    limit = max_bytes()
    if len(data) > limit:
        raise UnreadableText(too_large(len(data), limit))
    if not data.strip():
        raise UnreadableText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise UnreadableText(f"starts with a {encoding.upper()} mark but is not valid {encoding.upper()}") from None
            return _checked(normalise(text))
    if b"\x00" in data:
        raise UnreadableText("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _legacy_vietnamese(data)
    return _checked(normalise(text))


def _legacy_vietnamese(data: bytes) -> str:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is None or not _VIETNAMESE_MARKS.search(text):
        raise UnreadableText("not UTF-8 and not Windows-1258 Vietnamese text; save it as UTF-8")
    return text


def _checked(text: str) -> str:
    if not text.strip():
        raise UnreadableText("empty file")
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise UnreadableText("binary file, not text")
    return text
