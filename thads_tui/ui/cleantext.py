"""Text from the corpus (and paths, error messages) made safe to paint.

Rich silently drops some control characters (\\x07 \\x08 \\x0b \\x0c \\r) and passes others (ESC,
tab, DEL, C1) to the terminal, which obeys them: layouts break, escape sequences run, and
highlights computed on the original text land one character off. `printable` maps every
control character except the newline to one space, so offsets stay one-for-one.
"""
from __future__ import annotations

CONTROLS = str.maketrans({c: " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c != 0x0A})


def printable(text: str) -> str:
    """`text` with each control character but "\\n" replaced by a space (same length)."""
    return text.translate(CONTROLS)

