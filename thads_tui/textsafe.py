"""Text of corpus or path origin made safe for a terminal or a spreadsheet.

Articles, file names and notes can hold anything: ESC sequences that retitle or clear the
terminal or fill its clipboard (OSC 0, OSC 52), C1 controls, newlines inside a file name,
lone surrogates from undecodable file names, or a cell like ``=HYPERLINK(…)`` that a
spreadsheet would run. Everything printed to a terminal goes through `printable`
(or `one_line` for a path or a one-line message); every CSV cell through `csv_cell`.
"""
from __future__ import annotations

import re

_SURROGATES = {c: "\ufffd" for c in range(0xD800, 0xE000)}
#: Every C0 and C1 control character and DEL, except the newline, to one space; every lone
#: surrogate (a file name that is not UTF-8, a "\\ud800" in JSON) to U+FFFD.
CONTROLS = str.maketrans({**{c: " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c != 0x0A},
                          **_SURROGATES})
# A path or a message on one line: newlines and the Unicode line/paragraph separators too.
_ONE_LINE = str.maketrans({**{c: " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]},
                           **_SURROGATES})
_HAS_SURROGATE = re.compile("[\ud800-\udfff]")
_ONLY_SURROGATES = str.maketrans(_SURROGATES)


def printable(text: str) -> str:
    """`text` with each control character but "\\n" replaced by a space and each lone surrogate
    by U+FFFD: what may be written to a terminal (or a UTF-8 file). Same length as `text`."""
    return text.translate(CONTROLS)


def one_line(value: object) -> str:
    """`str(value)` on one printable line (a path, a "skipped …" reason, an error message)."""
    return str(value).translate(_ONE_LINE)


def has_surrogates(text: str) -> bool:
    return _HAS_SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    """`text` with only its lone surrogates replaced (by U+FFFD), so it can be written as UTF-8."""
    return text.translate(_ONLY_SURROGATES) if has_surrogates(text) else text


# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet
# (tab and carriage return too; the full-width forms are read as formulas by some programs).
_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs: a string starting with
    = + - @ (or tab, carriage return) gets a leading apostrophe, as OWASP advises. Numbers,
    and strings that are just a number such as "-5", are left as they are."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value
