"""Bytes to clean NFC text: the encodings Vietnamese article files really arrive in.

UTF-8 (with or without BOM), UTF-16/32 with BOM, and legacy Windows-1258 (which stores tone
marks as combining characters, so NFC composes them). Anything else is refused with a reason
a person can act on, never a stack trace.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

MAX_BYTES = 5 * 1024 * 1024

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


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise UnreadableText(f"too large ({len(data) / 1_048_576:.1f} MB; the limit is 5 MB)")
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
