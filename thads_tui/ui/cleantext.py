"""Text from the corpus (and paths, error messages) made safe to paint.

Rich silently drops some control characters (\\x07 \\x08 \\x0b \\x0c \\r) and passes others (ESC,
tab, DEL, C1) to the terminal, which obeys them: layouts break, escape sequences run, and
highlights computed on the original text land one character off. `printable` (shared with the
command line, see `thads_tui.textsafe`) maps every control character except the newline to one
space, so offsets stay one-for-one.
"""
from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from ..textsafe import CONTROLS, printable

__all__ = ["CONTROLS", "clip", "printable"]


def clip(text: str | None, width: int) -> str:
    """One cell's text: printable, at most `width` cells (an ellipsis marks a cut)."""
    text = printable(text or "")
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"
