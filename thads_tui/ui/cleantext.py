"""Text from the corpus (and paths, error messages) made safe to paint.

Rich silently drops some control characters (\\x07 \\x08 \\x0b \\x0c \\r) and passes others (ESC,
tab, DEL, C1) to the terminal, which obeys them: layouts break, escape sequences run, and
highlights computed on the original text land one character off. `printable` (shared with the
command line, see `thads_tui.textsafe`) maps every control character except the newline to one
space, so offsets stay one-for-one.
"""
from __future__ import annotations

from ..textsafe import CONTROLS, printable

__all__ = ["CONTROLS", "printable"]
