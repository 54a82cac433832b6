"""Text from the corpus (and paths, error messages) made safe to paint.

Rich silently drops some control characters (\\x07 \\x08 \\x0b \\x0c \\r) and passes others (ESC,
tab, DEL, C1) to the terminal, which obeys them: layouts break, escape sequences run, and
highlights computed on the original text land one character off. `printable` (shared with the
command line, see `thads_tui.textsafe`) maps every control character except the newline to one
space, so offsets stay one-for-one.
"""
from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size

from ..textsafe import CONTROLS, printable

__all__ = ["CONTROLS", "clip", "printable"]


# Latin letters (Vietnamese's precomposed ones included), digits, punctuation: one cell each, so
# a cut is a slice (rich measures them grapheme by grapheme: 0.2 s of the F view's 2,000 rows)
_ONE_CELL = re.compile(r"[\u0020-\u007e\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027]*")


def clip(text: str | None, width: int) -> str:
    """One cell's text: printable, at most `width` cells (an ellipsis marks a cut)."""
    text = printable(text or "")
    if _ONE_CELL.fullmatch(text):
        return text if len(text) <= width else text[:max(0, width - 1)] + "…"
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"
